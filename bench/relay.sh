# The relay scenario of bench/run (sourced by it; uses its $root, $work, $jar, java, rate, ratio,
# machine and assemble). smtp-source sends the same messages, at the same concurrency, into
# Herald's SMTP relay (127.0.0.1 trusted, mapped to one account) and into a private Postfix
# instance relaying to smtp-sink. Each side gets its own smtp-sink, started with -c so that its
# counter tells when everything accepted has also been relayed.

relay_pids=()
relay_postfix_dir=

relay_cleanup() {
  local pid
  if [ -n "$relay_postfix_dir" ]; then
    postfix_stop "$relay_postfix_dir"
  fi
  for pid in "${relay_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# Starts smtp-sink with its running counter written to FILE; the pid goes to relay_pids.
counting_sink() {
  local port=$1 file=$2
  smtp-sink -c -u nobody "127.0.0.1:$port" 1000 >"$file" 2>&1 &
  relay_pids+=($!)
}

# Messages a counting sink has received so far (its last "mesg=N").
sink_count() {
  tail -c 200 "$1" 2>/dev/null | tr '\r' '\n' | sed -n 's/.*mesg=\([0-9]*\).*/\1/p' | tail -n 1 | grep . || echo 0
}

# Waits until the sink counted COUNT messages, or until it made no progress for 60 s; prints the
# time it got there (or "incomplete N").
wait_sink() {
  local file=$1 count=$2 n last=-1 still=0
  while :; do
    n=$(sink_count "$file")
    if [ "$n" -ge "$count" ]; then
      now
      return
    fi
    if [ "$n" = "$last" ]; then
      still=$((still + 1))
      if [ "$still" -ge 600 ]; then
        echo "incomplete $n"
        return
      fi
    else
      still=0
      last=$n
    fi
    sleep 0.1
  done
}

# Waits until PORT accepts connections (at most SECONDS).
wait_port() {
  local port=$1 limit=$2 i
  for ((i = 0; i < limit * 10; i++)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "bench: nothing listens on :$port after $limit s" >&2
  return 1
}

# A private Postfix in DIR (config, queue, data, log), smtpd on 127.0.0.1:SMTPD_PORT, relaying
# everything to [127.0.0.1]:SINK_PORT. Nothing of /etc/postfix or the system instance is touched:
# every program gets -c DIR/etc. Postfix reports its errors to syslog (absent here) unless stderr is
# a terminal, so a failed start is re-run under script(1) to show why.
postfix_start() {
  local dir=$1 smtpd_port=$2 sink_port=$3 f
  rm -rf "$dir"
  mkdir -p "$dir/etc" "$dir/queue" "$dir/data"
  for f in main.cf master.cf; do
    sed -e "s|@DIR@|$dir|g" -e "s|@SINK_PORT@|$sink_port|g" -e "s|@SMTPD_PORT@|$smtpd_port|g" \
      "$root/bench/postfix/$f" >"$dir/etc/$f"
  done
  chown postfix "$dir/data"
  # "check" creates the queue directories with their owners (post-install create-missing).
  if ! /usr/sbin/postfix -c "$dir/etc" check || ! /usr/sbin/postfix -c "$dir/etc" start >/dev/null; then
    echo "bench: the private Postfix did not start; again on a terminal, for its message:" >&2
    script -qc "/usr/sbin/postfix -c '$dir/etc' check && /usr/sbin/postfix -c '$dir/etc' start" /dev/null >&2 || true
    cat "$dir/maillog" >&2 2>/dev/null || true
    return 1
  fi
  relay_postfix_dir=$dir
  wait_port "$smtpd_port" 30
}

postfix_stop() {
  local dir=$1 master i
  master=$(tr -d ' ' <"$dir/queue/pid/master.pid" 2>/dev/null || true)
  /usr/sbin/postfix -c "$dir/etc" stop >/dev/null 2>&1 || true
  for ((i = 0; i < 100; i++)); do
    [ -n "$master" ] && kill -0 "$master" 2>/dev/null || break
    sleep 0.1
  done
  relay_postfix_dir=
  # The queue is the bulk of it (100,000 queue files at most, all relayed by now); the log and
  # config stay for a look after the run.
  rm -rf "$dir/queue" "$dir/data"
}

# Figures of the last side measured: start, smtp-source end, sink complete (or "incomplete N"),
# load at start.
side_t0= side_t1= side_t2= side_load=

# smtp-source into 127.0.0.1:PORT, untimed warm-up first (relay_warm messages, until the sink has
# them all), then the measured run; then waits for the side's sink (FILE) to have counted them all.
send_and_wait() {
  local port=$1 sink_file=$2 name=$3 warmed
  if [ "$relay_warm" -gt 0 ]; then
    echo "bench: warming $name up with $relay_warm messages (not timed)..." >&2
    smtp-source -s "$relay_concurrency" -m "$relay_warm" -l "$relay_size" \
      -f bench@bench.example -t reader@sink.example "127.0.0.1:$port"
    warmed=$(wait_sink "$sink_file" "$relay_warm")
    case "$warmed" in incomplete*) echo "bench: $name did not relay its warm-up" >&2; return 1 ;; esac
  fi
  side_load=$(cut -d' ' -f1 /proc/loadavg)
  echo "bench: smtp-source into $name: $relay_count messages of $relay_size bytes, $relay_concurrency sessions (load $side_load)..." >&2
  side_t0=$(now)
  smtp-source -s "$relay_concurrency" -m "$relay_count" -l "$relay_size" \
    -f bench@bench.example -t reader@sink.example "127.0.0.1:$port"
  side_t1=$(now)
  echo "bench: $name accepted all in $(elapsed "$side_t0" "$side_t1") s; waiting for its sink..." >&2
  side_t2=$(wait_sink "$sink_file" $((relay_warm + relay_count)))
}

# Postfix: smtpd -> cleanup -> queue -> qmgr -> smtp -> smtp-sink.
relay_postfix() {
  local sink port dir="$work/postfix"
  sink=$(free_port)
  counting_sink "$sink" "$work/relay-postfix-sink.out"
  port=$(free_port)
  echo "bench: private Postfix on :$port relaying to smtp-sink on :$sink..." >&2
  postfix_start "$dir" "$port" "$sink"
  send_and_wait "$port" "$work/relay-postfix-sink.out" Postfix
  postfix_stop "$dir"
}

# Herald: the relay on a loopback port, 127.0.0.1 trusted as one account, delivery on to its own
# smtp-sink while messages arrive (the workers compete with the relay for the CPUs, as they would
# in production). Sets herald_rss.
herald_rss=
relay_herald() {
  local sink port out="$work/relay-herald.out" stop="$work/relay-herald.stop" jfr=() i herald
  sink=$(free_port)
  counting_sink "$sink" "$work/relay-herald-sink.out"
  port=$(free_port)
  rm -rf "$work/relay-data" "$stop"
  if [ -n "${BENCH_JFR:-}" ]; then
    jfr=("-XX:StartFlightRecording=filename=$work/relay.jfr,settings=profile")
  fi
  echo "bench: Herald relay on :$port delivering to smtp-sink on :$sink..." >&2
  /usr/bin/time -v -o "$work/relay-time.txt" "${java[@]}" -Xmx256m "${jfr[@]}" -jar "$jar" \
    herald-relay "$port" "$sink" "$relay_concurrency" "$work/relay-data" "$stop" >"$out" &
  herald=$!
  relay_pids+=("$herald")
  for ((i = 0; i < 1200; i++)); do
    grep -q '^ready' "$out" 2>/dev/null && break
    if ! kill -0 "$herald" 2>/dev/null; then
      echo "bench: Herald's relay harness exited before it was ready:" >&2
      cat "$out" >&2
      return 1
    fi
    sleep 0.1
  done
  wait_port "$port" 5
  send_and_wait "$port" "$work/relay-herald-sink.out" Herald
  touch "$stop"
  wait "$herald"
  herald_rss=$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$work/relay-time.txt")
}

# "seconds rate" from start to sink-complete, or "– –" when the sink never got them all.
relayed() {
  case "$2" in
    incomplete*) echo "– –" ;;
    *) local s; s=$(elapsed "$1" "$2"); echo "$s $(rate "$relay_count" "$s")" ;;
  esac
}

measure_postfix() {
  relay_postfix
  ps=$(elapsed "$side_t0" "$side_t1")
  p=$(rate "$relay_count" "$ps")
  read -r p_rel_s p_rel_r < <(relayed "$side_t0" "$side_t2")
  p_load=$side_load
  case "$side_t2" in incomplete*) p_note=" Postfix's sink counted only $((${side_t2#incomplete } - relay_warm)) of them (no progress for 60 s)." ;; esac
}

measure_herald() {
  relay_herald
  hs=$(elapsed "$side_t0" "$side_t1")
  h=$(rate "$relay_count" "$hs")
  read -r h_rel_s h_rel_r < <(relayed "$side_t0" "$side_t2")
  h_load=$side_load
  case "$side_t2" in incomplete*) h_note=" Herald's sink counted only $((${side_t2#incomplete } - relay_warm)) of them (no progress for 60 s)." ;; esac
}

relay_count= relay_concurrency=16 relay_size=10240 relay_warm=
relay_scenario() {
  relay_count=${1:-100000}
  relay_warm=$((relay_count / 20 < 2000 ? relay_count / 20 : 2000))
  if ! command -v smtp-sink >/dev/null || ! command -v smtp-source >/dev/null || [ ! -x /usr/sbin/postfix ]; then
    echo "bench: installing Postfix (postfix, smtp-sink, smtp-source)..." >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postfix) >&2
    service postfix stop >/dev/null 2>&1 || true
  fi
  trap relay_cleanup EXIT
  # The measuring steps assign these (bash's dynamic scope); Postfix goes first unless
  # BENCH_RELAY_ORDER=herald-first, to see whether the order matters.
  local ps p p_rel_s p_rel_r p_load p_note= hs h h_rel_s h_rel_r h_load h_note=
  local order=${BENCH_RELAY_ORDER:-postfix-first}
  if [ "$order" = herald-first ]; then
    measure_herald
    measure_postfix
  else
    order=postfix-first
    measure_postfix
    measure_herald
  fi

  local r commit when history="$work/relay-history.txt"
  r=$(ratio "$h" "$p")
  commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
  when=$(date -u +%Y-%m-%dT%H:%MZ)
  # Every run on this machine, so that the section shows the spread and not one chosen figure.
  echo "| $when | $commit | $relay_count | $h | $p | **$r** | $h_rel_r | $p_rel_r | $h_load | $p_load | $order${BENCH_JFR:+, JFR on} |" >>"$history"
  cat >"$root/bench/results/relay.md" <<MD
## Relay acceptance — \`bench/run relay $relay_count\`

\`smtp-source -s $relay_concurrency -m $relay_count -l $relay_size\` (as the tool does by default: one
connection per message, HELO, one recipient) into each side in turn ($order), timed end to
end: every message answered \`250\` after its DATA, which smtp-source checks (it stops at any other
reply). Each side is first warmed up, untimed, with $relay_warm messages that it has relayed to
its sink before the measured run starts.

- **Herald**: \`HeraldNode\` with the relay on a loopback port, 127.0.0.1/32 trusted and mapped
  to one account (no AUTH), each message written to the durable work queue in Redis before
  \`250\` (the embedded Redis's append-only file synced \`${HERALD_REDIS_EMBEDDED_FSYNC:-everysec}\`:
  \`HERALD_REDIS_EMBEDDED_FSYNC=always\` syncs it before each write is answered, as Postfix does its
  queue file); delivery ON, through $relay_concurrency pooled connections to its own \`smtp-sink\`, while
  messages arrive (JVM \`-Xmx256m\`).
- **Postfix** $(postconf -d -h mail_version 2>/dev/null): a private instance started by the bench
  (\`bench/postfix/\`: own config, queue and data directories, smtpd on a loopback port,
  \`mynetworks = 127.0.0.0/8\`, \`relayhost\` its own \`smtp-sink\`, no local delivery, nothing
  chrooted, Postfix's defaults otherwise, so each queue file is fsync'ed before \`250\`), delivering
  while messages arrive too.

"Accepted" is the comparable figure (Herald's relay answers \`250\` once the message is queued);
"relayed" runs from the same start until that side's sink had counted every message.

| | accepted s | accepted messages/s | relayed s | relayed messages/s | load (1 min) at start | peak RSS |
|---|---:|---:|---:|---:|---:|---:|
| Herald | $hs | $h | $h_rel_s | $h_rel_r | $h_load | $((herald_rss / 1024)) MiB |
| Postfix | $ps | $p | $p_rel_s | $p_rel_r | $p_load | |

Ratio (accepted) **$r** (target ≥ 1.0).$p_note$h_note Measured $when on $(machine), commit
$commit.

Read with care:

- **Durability is not the same.** Postfix fsyncs every queue file before its \`250\`. Herald's
  \`250\` follows one Redis script, and the embedded Redis runs \`appendonly yes\`,
  \`appendfsync everysec\`: an accepted message survives Herald's JVM being killed, but an OS
  crash or power loss (and, when Redis postpones a write behind a slow fsync, a redis-server crash)
  can lose about the last one or two seconds of them.
- **Short runs favour Postfix.** The 2,000-message smoke test (warm-up 100) and the 20,000-message
  JFR run (warm-up 1,000, JFR on) came out below 1.0; the 100,000-message runs above it. Postfix
  has nothing to warm up (its rate moves with the load); Herald's JVM keeps getting faster (JIT)
  past a short warm-up.
- **Relayed.** Herald's delivery to its sink kept pace with acceptance (the sink had everything
  within a few hundredths of a second after the last \`250\`); Postfix's queue trailed by a few
  seconds to ~20 s.
- **Load.** Other engineers' builds share the 2 cores; the sides run one after the other, so each
  has its own load figure (the 1-minute average, which also counts the bench's own previous step).
- **Memory.** Peak RSS is the JVM's and its children's (\`/usr/bin/time -v\`), so it includes the
  embedded redis-server, which keeps every accepted raw message (base64, \`herald:A:msg:<id>:body\`)
  until the message expires: after $relay_count messages of 10 KB that is most of the figure.
- **Where Herald's CPU goes** (JFR \`settings=profile\`, \`BENCH_JFR=1 bench/run relay 20000\`,
  2026-11-21, commit 480821d; JVM samples only, redis-server not included): 56% the transactional
  delivery worker running concurrently — 22% \`RawFinisher.finish\`, most of it Jakarta Mail's
  \`QPEncoderStream\` re-encoding the body to add the footer (17% of all samples), then JSON,
  Redis claim/finish and SMTP out; 20% the relay's protocol handling, 8 points of which are Netty's
  selector \`wakeup()\` when a backend call on a virtual thread hands its reply back to the event
  loop (Lettuce's writes add 7 points of wake-ups elsewhere); 11.5% accepting (\`Messages.submit\`: the Redis
  script, JSON, base64 of the body); 6% Lettuce.

Every run of this scenario on this machine (\`bench/work/relay-history.txt\`), the one above last:

| when | commit | messages | Herald accepted/s | Postfix accepted/s | ratio | Herald relayed/s | Postfix relayed/s | load at Herald's start | load at Postfix's start | order, note |
|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|
$(cat "$history")
MD
  assemble
  echo "relay herald_per_s=$h postfix_per_s=$p ratio=$r"
}
