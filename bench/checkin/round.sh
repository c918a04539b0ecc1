#!/usr/bin/env bash
# Run by the load generator around each round of the check-in burst: "round.sh before K" runs the
# pgbench baseline of round K and starts the server-side counters; "round.sh after K" reads them and
# checks the attendance rows. Needs the variables bench/checkin/bench.sh exports.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

when="$1" k="$2"
learners="$BENCH_LEARNERS" concurrency="$BENCH_CONCURRENCY"
session_of() { awk -v kind="$1" -v k="$k" '$1 == kind && $2 == k { print $3 }' "$WORK/sessions.txt"; }
rows_of() { psql_db cme -c "SELECT count(*) FROM attendance WHERE session_id = '$1'"; }
hz="$(getconf CLK_TCK)"

case "$when" in
  before)
    session="$(session_of pgbench)"
    psql_db cme -c "ALTER SEQUENCE bench_pgbench_learner RESTART"
    pg0="$(pg_cpu_ticks)"
    out="$("$PG_BIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -M prepared -c "$concurrency" -j 2 \
      -t $((learners / concurrency)) -D session="$session" -f "$BENCH_DIR/checkin/attendance-insert.sql" \
      --random-seed="$k" -l --log-prefix="$WORK/pgbench-$k" cme 2>&1)" || { echo "$out" >&2; die "pgbench failed"; }
    sleep 0.2 # let the postmaster reap the pgbench backends, so their CPU time is counted
    pg1="$(pg_cpu_ticks)"
    echo "$out" >"$WORK/round-$k.pgbench.txt"
    tps="$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)$/\1/p' <<<"$out")"
    failed="$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' <<<"$out")"
    [[ -n "$tps" && "${failed:-0}" == 0 ]] || { echo "$out" >&2; die "pgbench: no rate or failed transactions"; }
    rows="$(rows_of "$session")"
    (( rows == learners )) || die "pgbench round $k wrote $rows attendance rows, not $learners"
    # Per-transaction log: the third field is the latency in microseconds.
    cat "$WORK/pgbench-$k".* | awk '{ print $3 / 1000 }' | sort -n | awk -v tps="$tps" '
      { l[NR] = $1 }
      function at(p,   i) { i = int(p * NR + 0.999999); if (i < 1) i = 1; return l[i] }
      END { printf "pg_tps=%s\npg_p50_ms=%.3f\npg_p95_ms=%.3f\npg_p99_ms=%.3f\npg_max_ms=%.3f\n", tps, at(0.5), at(0.95), at(0.99), l[NR] }' \
      >"$WORK/round-$k.pgbench.env"
    awk -v t="$((pg1 - pg0))" -v hz="$hz" -v n="$learners" 'BEGIN { printf "pgbench_pg_cpu_ms_per_insert=%.2f\n", t * 1000 / hz / n }' \
      >>"$WORK/round-$k.pgbench.env"
    source "$WORK/round-$k.pgbench.env"
    say "round $k: pgbench: $learners inserts at $concurrency clients = $pg_tps transactions/s; latency p50 $pg_p50_ms ms, p95 $pg_p95_ms ms, p99 $pg_p99_ms ms"
    psql_db cme -c "SELECT pg_stat_statements_reset()" >/dev/null
    printf 'api0=%s\npg0=%s\n' "$(api_cpu_ticks)" "$(pg_cpu_ticks)" >"$WORK/round-$k.cpu"
    ;;
  after)
    api1="$(api_cpu_ticks)" pg1="$(pg_cpu_ticks)"
    source "$WORK/round-$k.cpu"
    # Everything the API sent during the burst (also the trainer's one or two code fetches).
    psql_db cme -F $'\t' -c "SELECT calls, round(total_exec_time::numeric, 1), regexp_replace(query, '\s+', ' ', 'g')
                            FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY calls DESC, query" \
      >"$WORK/round-$k.statements.tsv"
    awk -F'\t' -v n="$learners" -v hz="$hz" -v api="$((api1 - api0))" -v pg="$((pg1 - pg0))" '
      { calls += $1; ms += $2 }
      END { printf "statements_per_checkin=%.2f\nserver_exec_ms_per_checkin=%.3f\napi_cpu_ms_per_checkin=%.2f\npg_cpu_ms_per_checkin=%.2f\n",
              calls / n, ms / n, api * 1000 / hz / n, pg * 1000 / hz / n }' "$WORK/round-$k.statements.tsv" >"$WORK/round-$k.server.env"
    session="$(session_of burst)"
    rows="$(rows_of "$session")"
    echo "attendance_rows=$rows" >>"$WORK/round-$k.server.env"
    (( rows == learners )) || die "round $k: the session has $rows attendance rows after the burst, not $learners"
    ;;
  *) die "usage: round.sh before|after ROUND" ;;
esac
