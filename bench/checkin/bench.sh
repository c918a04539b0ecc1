# The check-in burst (sourced by bench/run.sh; see bench/README.md).

checkin_main() {
  local learners="${BENCH_LEARNERS:-2000}" concurrency="${BENCH_CONCURRENCY:-40}" rounds="${BENCH_ROUNDS:-3}"
  # Warm-up check-ins (on another session): enough for the JIT's optimised code to be in place;
  # with 80, the first round still ran at half speed.
  local warmup="${BENCH_WARMUP:-500}" v
  for v in "$learners" "$concurrency" "$rounds" "$warmup"; do
    [[ "$v" =~ ^[1-9][0-9]*$ ]] || die "BENCH_LEARNERS, BENCH_CONCURRENCY, BENCH_ROUNDS and BENCH_WARMUP must be positive whole numbers"
  done
  (( learners <= 9999 )) || die "at most 9,999 learners"
  (( warmup <= learners )) || warmup="$learners"
  # pgbench runs a whole number of transactions per client: the same 2,000 inserts at the same concurrency.
  (( learners % concurrency == 0 )) || die "BENCH_CONCURRENCY ($concurrency) must divide BENCH_LEARNERS ($learners)"

  ensure_packages
  make_work_dir
  build
  start_cluster
  start_api

  say "setup (not measured): $learners learners with accounts, $rounds offerings of one session each with all of them enrolled"
  psql_db cme -v learners="$learners" -v warmup="$warmup" -v rounds="$rounds" -v sessions_file="$WORK/sessions.txt" \
    -f "$BENCH_DIR/checkin/setup.sql" >/dev/null
  local bursts warm
  bursts="$(awk '$1 == "burst" { print $3 }' "$WORK/sessions.txt" | paste -sd, -)"
  warm="$(awk '$1 == "warm-up" { print $3 }' "$WORK/sessions.txt")"

  export WORK PG_BIN PG_PORT PGDATA API_PID BENCH_LEARNERS="$learners" BENCH_CONCURRENCY="$concurrency"
  local sign_in="${BENCH_SIGN_IN:-api}"  # mint: see bench/README.md (tokens are now bound to sign-in sessions)
  [[ "$sign_in" == mint || "$sign_in" == api ]] || die "BENCH_SIGN_IN must be mint or api"
  local code=0
  dotnet "$OUT_DIR/bench/Cme.Bench.dll" checkin --api "http://127.0.0.1:$API_PORT/" --sessions "$bursts" \
    --warmup-session "$warm" --learners "$learners" --warmup "$warmup" --concurrency "$concurrency" \
    --password 'Cme-Demo-2026!' --trainer trainer@demo.cme --sign-in "$sign_in" \
    --keys-dir "$WORK/home/.aspnet/DataProtection-Keys" --api-content-root "$OUT_DIR/api" --hook "$BENCH_DIR/checkin/round.sh" --results-dir "$WORK" || code=$?

  checkin_report "$rounds" "$learners" "$concurrency" | tee "$WORK/report.txt"
  mkdir -p "$OUT_DIR/results"
  cp "$WORK/report.txt" "$OUT_DIR/results/checkin-$(date -u +%Y%m%dT%H%M%SZ).txt"
  (( code == 0 )) || die "the load generator reported errors (exit code $code); see above and $WORK"
  SUCCEEDED=1
}

# The table of the rounds and the verdict: API requests/s over pgbench transactions/s, median of the rounds.
checkin_report() {
  local rounds="$1" learners="$2" concurrency="$3" k
  {
    for ((k = 1; k <= rounds; k++)); do
      [[ -f "$WORK/round-$k.api.env" && -f "$WORK/round-$k.pgbench.env" && -f "$WORK/round-$k.server.env" ]] || continue
      cat "$WORK/round-$k.api.env" "$WORK/round-$k.pgbench.env" "$WORK/round-$k.server.env" | tr '\n' ' '
      echo
    done
  } | awk -v learners="$learners" -v concurrency="$concurrency" -v when="$(date -u '+%Y-%m-%d %H:%M UTC')" \
        -v machine="$(nproc) cores, $(uname -m), load average $(cut -d' ' -f1-3 /proc/loadavg)" '
    function v(key,   i, kv) { for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) return kv[2] } return "" }
    {
      n++; ratio[n] = v("api_rps") / v("pg_tps")
      line[n] = sprintf("  %5d  %8.1f  %9.1f  %11.1f  %8.1f  %6.3f  %9.1f  %10.2f  %9.2f  %9.2f  %9.2f",
        n, v("api_rps"), v("api_p95_ms"), v("pg_tps"), v("pg_p95_ms"), ratio[n], v("statements_per_checkin"),
        v("api_cpu_ms_per_checkin"), v("pg_cpu_ms_per_checkin"), v("loadgen_cpu_ms_per_checkin"), v("pgbench_pg_cpu_ms_per_insert"))
    }
    END {
      if (n == 0) { print "no round finished"; exit }
      printf "\nCheck-in burst: %d learners check in to one session, %d connections, %s, %s\n", learners, concurrency, when, machine
      print "  round  API rq/s  API p95 ms  pgbench tps  pg p95 ms   ratio  stmts/chk  API cpu ms  PG cpu ms  LG cpu ms  PG cpu ms"
      print "                                                                          (per check-in)                  (per pgbench insert)"
      for (i = 1; i <= n; i++) print line[i]
      # median of the ratios
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (ratio[j] < ratio[i]) { t = ratio[i]; ratio[i] = ratio[j]; ratio[j] = t }
      median = n % 2 ? ratio[(n + 1) / 2] : (ratio[n / 2] + ratio[n / 2 + 1]) / 2
      printf "Result: API / pgbench = %.3f (median of %d rounds); target >= 0.5: %s\n", median, n, (median >= 0.5 ? "MET" : "NOT MET")
      print "ratio: API requests/s over pgbench transactions/s; p95: latency of one request (API) or transaction (pgbench);"
      print "stmts/chk: SQL statements per check-in (pg_stat_statements); cpu ms: CPU time of the API process, of PostgreSQL"
      print "and of the load generator (LG) per check-in during the burst, and of PostgreSQL per insert during pgbench."
    }'
}
