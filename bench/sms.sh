# The SMS scenario of bench/run (sourced by it; uses its $root, $work, $jar, java, rate, ratio,
# machine and assemble). One SMPP server — Herald's SMSC simulator, in a JVM of its own — takes an
# SMS campaign from Herald, then the same number of SMS of the same parts from a bare jSMPP client,
# in the same run. Both sides use the same connections and window, and get an untimed warm-up of
# the same size first.

sms_pid=

sms_cleanup() {
  if [ -n "$sms_pid" ]; then
    echo stop >&"${SMSC[1]}" 2>/dev/null || true
    kill "$sms_pid" 2>/dev/null || true
  fi
}

# Asks the simulator what it was sent since the last time; prints its answer line.
sms_stats() {
  local line
  echo stats >&"${SMSC[1]}"
  read -r -t 60 line <&"${SMSC[0]}" || { echo "bench: the SMSC simulator did not answer" >&2; return 1; }
  echo "$line"
}

# A field of a "key=value key=value" line.
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

sms_scenario() {
  local count=${1:-100000}
  local connections=${BENCH_SMS_CONNECTIONS:-2} window=${BENCH_SMS_WINDOW:-20}
  local warmup=${BENCH_WARMUP:-$((count / 5))}
  local line port herald_out herald_shape ref_out ref_shape load_h load_r jfr=()
  if [ -n "${BENCH_JFR:-}" ]; then
    # BENCH_JFR=1: a flight recording of Herald's JVM, for where its time goes.
    jfr=("-XX:StartFlightRecording=filename=$work/sms.jfr,settings=profile")
  fi
  trap sms_cleanup EXIT
  coproc SMSC { "${java[@]}" -Xmx1g -jar "$jar" smsc 2>"$work/smsc.err"; }
  sms_pid=$SMSC_PID
  read -r -t 60 line <&"${SMSC[0]}" || { echo "bench: the SMSC simulator did not start:" >&2; cat "$work/smsc.err" >&2; return 1; }
  port=${line#ready port=}
  echo "bench: SMSC simulator on :$port" >&2

  rm -rf "$work/sms-data"
  load_h=$(cut -d' ' -f1 /proc/loadavg)
  echo "bench: Herald SMS campaign to $count phones after a warm-up of $warmup, $connections connections x window $window (load $load_h)..." >&2
  herald_out=$(/usr/bin/time -v -o "$work/sms-time.txt" "${java[@]}" -Xmx256m "${jfr[@]}" -jar "$jar" \
    herald-sms "$count" 127.0.0.1 "$port" "$connections" "$window" "$work/sms-data" "$warmup")
  local hm hs hr h_parts
  hm=$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$work/sms-time.txt")
  hs=$(field "$herald_out" seconds)
  hr=$(field "$herald_out" rows)
  herald_shape=$(sms_stats)
  echo "bench: Herald: $herald_out; the server saw $herald_shape" >&2
  rm -rf "$work/sms-data"

  local coding sizes parts_per_sms
  coding=$(field "$herald_shape" coding)
  sizes=$(field "$herald_shape" sizes)
  parts_per_sms=$(echo "$sizes" | tr ',' '\n' | wc -l)
  h_parts=$((hr * parts_per_sms))

  load_r=$(cut -d' ' -f1 /proc/loadavg)
  echo "bench: bare jSMPP client, $count SMS of parts $sizes (coding $coding) after a warm-up of $warmup (load $load_r)..." >&2
  ref_out=$(/usr/bin/time -v -o "$work/sms-ref-time.txt" "${java[@]}" -Xmx256m -jar "$jar" \
    reference-sms 127.0.0.1 "$port" "$count" "$warmup" "$connections" "$window" "$coding" "$sizes")
  local rm rs rr r_parts r_receipts
  rm=$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$work/sms-ref-time.txt")
  rs=$(field "$ref_out" seconds)
  rr=$(field "$ref_out" rows)
  r_parts=$(field "$ref_out" parts)
  r_receipts=$(field "$ref_out" receipts)
  ref_shape=$(sms_stats)
  echo "bench: reference: $ref_out; the server saw $ref_shape" >&2
  echo stop >&"${SMSC[1]}"
  wait "$sms_pid" 2>/dev/null || true
  sms_pid=

  local h r hp rp rt commit when
  h=$(rate "$hr" "$hs")
  r=$(rate "$rr" "$rs")
  hp=$(rate "$h_parts" "$hs")
  rp=$(rate "$r_parts" "$rs")
  rt=$(ratio "$h" "$r")
  commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
  when=$(date -u +%Y-%m-%dT%H:%MZ)
  cat >"$root/bench/results/sms.md" <<MD
## SMS campaign throughput — \`bench/run sms $count\`

One SMPP server for both sides: Herald's SMSC simulator (\`io.herald.channel.sms.sim\`) in a JVM of
its own, answering every \`submit_sm\` and sending a \`DELIVRD\` receipt for each at once.

- **Herald**: an SMS campaign (canary off) to $count imported phones of the text in
  \`HeraldSms.TEXT\` — personalised, one link made a short tracked link, the opt-out line with its
  short unsubscribe link added — GSM-7, $parts_per_sms concatenated parts each; ledger and counters in the
  embedded Redis; $connections SMPP transceiver connections of window $window (rate not limited), as many
  sending workers as window slots; timed from start until every recipient is submitted, while
  the receipts come back and are recorded (JVM \`-Xmx256m\`).
- **Reference**: a bare jSMPP 3.0.1 client (\`ReferenceSms\`): the same $connections connections and window
  $window (one virtual thread per window slot, synchronous \`submit_sm\`), submitting $count SMS of the
  same parts (\`short_message\` of $sizes bytes, coding $coding, concatenation UDH) with receipts asked
  for and counted; timed from the first submit to the last response.

Each side first sends an untimed warm-up of $warmup SMS on the same connections (\`BENCH_WARMUP\`).

| | SMS | parts | seconds | SMS/s | parts/s | ratio | load (1 min) at start | peak RSS |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
| Herald | $hr | $h_parts | $hs | $h | $hp | **$rt** | $load_h | $((hm / 1024)) MiB |
| jSMPP client | $rr | $r_parts | $rs | $r | $rp | | $load_r | $((rm / 1024)) MiB |

What the server saw — Herald: \`$herald_shape\`; reference: \`$ref_shape\` (warm-ups included).
The reference got $r_receipts receipts for its timed SMS. Ratio **$rt** (target ≥ 0.5). Measured
$when on $(machine), commit $commit. Peak RSS is the JVM's maximum resident set (\`/usr/bin/time
-v\`).
MD
  assemble
  echo "sms herald_per_s=$h reference_per_s=$r herald_parts_per_s=$hp reference_parts_per_s=$rp ratio=$rt"
}
