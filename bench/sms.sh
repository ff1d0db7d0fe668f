# The SMS scenario of bench/run (sourced by it; uses its $root, $work, $jar, java, rate, ratio,
# machine and assemble). The same SMPP server — Herald's SMSC simulator, a JVM of its own for each
# side — takes an SMS campaign from Herald, then the same number of SMS of the same parts from a
# bare jSMPP client, in the same run. Both sides use the same connections and window, and get an untimed warm-up of
# the same size first.

sms_pid=

sms_cleanup() {
  if [ -n "$sms_pid" ]; then
    echo stop >&"${SMSC[1]}" 2>/dev/null || true
    kill "$sms_pid" 2>/dev/null || true
  fi
}

# Starts a simulator JVM (arguments: its options) and sets sms_port. Each side gets a fresh one:
# the simulator keeps every submit_sm in a CopyOnWriteArrayList (an O(n) copy per submit), so a
# side that came second would find it slower. Large G1 regions keep that list's arrays out of
# humongous allocations for as long as possible.
sms_port=
sms_start() {
  local line
  coproc SMSC { "${java[@]}" -Xmx2g -XX:G1HeapRegionSize=32m -jar "$jar" smsc "$@" 2>>"$work/smsc.err"; }
  sms_pid=$SMSC_PID
  read -r -t 60 line <&"${SMSC[0]}" || { echo "bench: the SMSC simulator did not start:" >&2; cat "$work/smsc.err" >&2; return 1; }
  sms_port=${line#ready port=}
  echo "bench: SMSC simulator on :$sms_port" >&2
}

sms_stop() {
  echo stop >&"${SMSC[1]}"
  wait "$sms_pid" 2>/dev/null || true
  sms_pid=
}

# Asks the simulator what it was sent since the last time; prints its answer line.
sms_stats() {
  local line
  echo stats >&"${SMSC[1]}"
  read -r -t 60 line <&"${SMSC[0]}" || { echo "bench: the SMSC simulator did not answer" >&2; return 1; }
  echo "$line"
}

# CPU milliseconds per SMS: SECONDS over COUNT.
per_sms_ms() { awk -v s="$1" -v n="$2" 'BEGIN { printf "%.2f", s * 1000 / n }'; }

# A field of a "key=value key=value" line.
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

sms_scenario() {
  local count=${1:-100000}
  local connections=${BENCH_SMS_CONNECTIONS:-2} window=${BENCH_SMS_WINDOW:-20}
  local warmup=${BENCH_WARMUP:-$((count / 5))}
  # Herald's sending workers (delivery.concurrency); by default one per window slot.
  local workers=${BENCH_SMS_WORKERS:-$((connections * window))}
  # BENCH_SMS_RECEIPTS=0: the simulator sends no receipts, to see what they cost either side.
  local smsc_args=()
  [ "${BENCH_SMS_RECEIPTS:-1}" = 0 ] && smsc_args=(no-receipts)
  local line port herald_out herald_shape ref_out ref_shape load_h load_r jfr=()
  if [ -n "${BENCH_JFR:-}" ]; then
    # BENCH_JFR=1: a flight recording of Herald's JVM, for where its time goes.
    jfr=("-XX:StartFlightRecording=filename=$work/sms.jfr,settings=profile")
  fi
  trap sms_cleanup EXIT
  : >"$work/smsc.err"
  sms_start "${smsc_args[@]}"
  port=$sms_port
  rm -rf "$work/sms-data"
  load_h=$(cut -d' ' -f1 /proc/loadavg)
  echo "bench: Herald SMS campaign to $count phones after a warm-up of $warmup, $connections connections x window $window (load $load_h)..." >&2
  herald_out=$(/usr/bin/time -v -o "$work/sms-time.txt" "${java[@]}" -Xmx256m "${jfr[@]}" -jar "$jar" \
    herald-sms "$count" 127.0.0.1 "$port" "$connections" "$window" "$work/sms-data" "$warmup" "$workers")
  local hm hs hr h_parts
  hm=$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$work/sms-time.txt")
  hs=$(field "$herald_out" seconds)
  hr=$(field "$herald_out" rows)
  local redis_line h_cpu redis_cpu
  redis_line=$(echo "$herald_out" | sed -n 's/^redis //p')
  h_cpu=$(field "$herald_out" cpu_seconds)
  redis_cpu=$(field "$redis_line" server_cpu_s)
  herald_shape=$(sms_stats)
  echo "bench: Herald: $herald_out; the server saw $herald_shape" >&2
  rm -rf "$work/sms-data"
  sms_stop
  sms_start "${smsc_args[@]}"
  port=$sms_port

  local coding sizes parts_per_sms
  coding=$(field "$herald_shape" coding)
  sizes=$(field "$herald_shape" sizes)
  parts_per_sms=$(echo "$sizes" | tr ',' '\n' | wc -l)
  h_parts=$((hr * parts_per_sms))

  load_r=$(cut -d' ' -f1 /proc/loadavg)
  echo "bench: bare jSMPP client, $count SMS of parts $sizes (coding $coding) after a warm-up of $warmup (load $load_r)..." >&2
  ref_out=$(/usr/bin/time -v -o "$work/sms-ref-time.txt" "${java[@]}" -Xmx256m -jar "$jar" \
    reference-sms 127.0.0.1 "$port" "$count" "$warmup" "$connections" "$window" "$coding" "$sizes")
  local rm rs rr r_parts r_receipts r_cpu
  rm=$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$work/sms-ref-time.txt")
  rs=$(field "$ref_out" seconds)
  rr=$(field "$ref_out" rows)
  r_parts=$(field "$ref_out" parts)
  r_receipts=$(field "$ref_out" receipts)
  r_cpu=$(field "$ref_out" cpu_seconds)
  ref_shape=$(sms_stats)
  echo "bench: reference: $ref_out; the server saw $ref_shape" >&2
  sms_stop

  local h r hp rp rt commit when
  h=$(rate "$hr" "$hs")
  r=$(rate "$rr" "$rs")
  hp=$(rate "$h_parts" "$hs")
  rp=$(rate "$r_parts" "$rs")
  rt=$(ratio "$h" "$r")
  local h_ms redis_ms r_ms
  h_ms=$(per_sms_ms "$h_cpu" "$hr")
  redis_ms=$(per_sms_ms "$redis_cpu" "$hr")
  r_ms=$(per_sms_ms "$r_cpu" "$rr")
  commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
  when=$(date -u +%Y-%m-%dT%H:%MZ)
  cat >"$root/bench/results/sms.md" <<MD
## SMS campaign throughput — \`bench/run sms $count\`

The same SMPP server for both sides: Herald's SMSC simulator (\`io.herald.channel.sms.sim\`) in a JVM
of its own, a fresh one for each side (it keeps every \`submit_sm\` in a list that costs more per
submit as it grows, so a shared one would slow whichever side came second), answering every \`submit_sm\` and sending a \`DELIVRD\` receipt for each at once$([ ${#smsc_args[@]} -gt 0 ] && echo " — **this run without receipts** (\`BENCH_SMS_RECEIPTS=0\`)").

- **Herald**: an SMS campaign (canary off) to $count imported phones of the text in
  \`HeraldSms.TEXT\` — personalised, one link made a short tracked link, the opt-out line with its
  short unsubscribe link added — GSM-7, $parts_per_sms concatenated parts each; ledger and counters in the
  embedded Redis; $connections SMPP transceiver connections of window $window (rate not limited), $workers
  sending workers (\`delivery.concurrency\`); timed from start until every recipient is submitted, while
  the receipts come back and are recorded (JVM \`-Xmx256m\`).
- **Reference**: a bare jSMPP 3.0.1 client (\`ReferenceSms\`): the same $connections connections and window
  $window (one virtual thread per window slot, synchronous \`submit_sm\`), submitting $count SMS of the
  same parts (\`short_message\` of $sizes bytes, coding $coding, concatenation UDH) with receipts asked
  for and counted; timed from the first submit to the last response.

Each side first sends an untimed warm-up of $warmup SMS on the same connections (\`BENCH_WARMUP\`).

| | SMS | parts | seconds | SMS/s | parts/s | ratio | CPU ms per SMS | load (1 min) at start | peak RSS |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
| Herald | $hr | $h_parts | $hs | $h | $hp | **$rt** | $h_ms JVM + $redis_ms redis-server | $load_h | $((hm / 1024)) MiB |
| jSMPP client | $rr | $r_parts | $rs | $r | $rp | | $r_ms | $load_r | $((rm / 1024)) MiB |

What the server saw — Herald: \`$herald_shape\`; reference: \`$ref_shape\` (warm-ups included).
The reference got $r_receipts receipts for its timed SMS. Redis during Herald's timed campaign
(\`INFO commandstats\` and \`INFO cpu\` before and after; the redis-server process is not in the peak
RSS): \`$redis_line\`. Ratio **$rt** (target ≥ 0.5). Measured
$when on $(machine), commit $commit. CPU ms per SMS: the JVM's own CPU time (all threads, JIT and
GC) over the timed part, and the redis-server's (\`INFO cpu\`). Peak RSS: \`/usr/bin/time -v\`'s
maximum resident set of the JVM (the embedded redis-server, its child, counts only if larger).

Where Herald's time goes (2026-12-02, commit 579243a's SMS channel, runs of 10,000 after 3,000 on
the shared 2 cores at load 11–16, ratios 0.29–0.33; \`BENCH_JFR=1\` for a flight recording): Herald
spends 4 to 7 times the CPU per SMS of the bare client (1.2–1.6 ms in its JVM plus 0.35–0.4 ms in
redis-server against 0.33–0.40 ms at 10,000; the run of 100,000 above: 0.92 + 0.37 against 0.18),
on a machine where each side gets well under a core.

- **Redis: about 69 commands per SMS, some 14 round trips** (\`MONITOR\` of a 20-SMS campaign):
  the receipt store ~10 (for a 2-part SMS: 2 \`EVAL\` \`sms:part\` when submitted and 2 when the
  receipts come, 3 \`EVAL\` \`sms:msg\`, \`SET sms:last\`, \`DEL sms:undeliverable\`, \`ZREM sms:due\`),
  the two short links 2 \`EVAL\`, the \`parts\` counter 1 \`HINCRBY\`, the ledger and queue ~2.
  Every script goes as \`EVAL\` with its whole body (Redis hashes it each time), never
  \`EVALSHA\`. An email campaign message costs about 0.3 Redis commands.
- **Receipts share jSMPP's inbound executor with the submit responses.** jSMPP hands every
  incoming PDU — \`submit_sm_resp\` and \`deliver_sm\` alike — to one pool of 3 threads (its
  default \`pduProcessorDegree\`); Herald's receipt handling makes its Redis round trips on those
  threads, so submit answers wait behind receipts. The same runs without receipts
  (\`BENCH_SMS_RECEIPTS=0\`): Herald 881 SMS/s against 563 with them; the reference 2,164 against
  1,710.
- **More workers than window slots** help a little (80 workers for 40 slots: ratio 0.40 against
  0.33): a worker holds no window slot while it composes and writes to Redis.
- **Nagle.** jSMPP leaves \`TCP_NODELAY\` off; Herald's \`SmppConnection\` did too until f6aa113 (now on); the reference
  turns it on (measured on the bare client: 6× faster at a window of 1, 2.4× at 10, with receipts).
- JFR CPU samples of the timed campaign (30,000 after 10,000): Lettuce's event loop 28%,
  \`SmsFeedback.submitted\` 12%, the SMPP submit 11%, receipts 10%, the delivery finisher 9%,
  claiming and checking 9%, virtual-thread scheduling 7%, short links 4%, composing 2%.
MD
  assemble
  echo "sms herald_per_s=$h reference_per_s=$r herald_parts_per_s=$hp reference_parts_per_s=$rp ratio=$rt"
}
