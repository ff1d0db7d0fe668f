# Sourced by ./mvnw, ./herald, .ci/run and bench/run: Herald needs JDK 25.
# Keeps JAVA_HOME when it already points at a JDK 25, otherwise looks in the usual places
# and stops with a clear message when none is installed.
herald_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}
herald_find_jdk25() {
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/javac" ] &&
    [ "$(herald_java_major "$JAVA_HOME")" = 25 ]; then
    return 0
  fi
  # mvnw runs with `set -f`; the search needs globbing.
  case $- in *f*) herald_noglob=1; set +f ;; *) herald_noglob= ;; esac
  for candidate in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-* /usr/lib/jvm/jdk-25* \
    /opt/java/*25* "$HOME"/.sdkman/candidates/java/25*; do
    if [ -x "$candidate/bin/javac" ] && [ "$(herald_java_major "$candidate")" = 25 ]; then
      JAVA_HOME="$candidate"
      export JAVA_HOME
      [ -z "$herald_noglob" ] || set -f
      return 0
    fi
  done
  echo "herald: no JDK 25 found (looked at JAVA_HOME and /usr/lib/jvm); install Temurin 25 or set JAVA_HOME to a JDK 25" >&2
  exit 3
}
herald_find_jdk25
