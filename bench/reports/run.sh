#!/usr/bin/env bash
# Builds a large consortium (deterministic from a seed) in a throwaway PostgreSQL cluster and measures
# the credit-completion report against the same ledger aggregate run directly in psql, at two data
# sizes, in the same run. See README.md. Usage: bench/reports/run.sh [--quick]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
ROOT="$(cd "$HERE/../.." && pwd -P)"
PG_BIN="${CME_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}"
PORT="${CME_BENCH_PG_PORT:-5741}"
SEED="${CME_BENCH_SEED:-42}"
RUNS="${CME_BENCH_RUNS:-5}"
YEAR="${CME_BENCH_YEAR:-2025}"
if [[ "${1:-}" == "--quick" ]]; then SIZES=("2000 50000" "20000 500000"); else SIZES=("10000 250000" "100000 2500000"); fi

DATA="$(mktemp -d /tmp/cme-bench-reports.XXXXXX)"
chown postgres "$DATA" 2>/dev/null || true
as_pg() { if [[ "$(id -u)" -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() { as_pg "$PG_BIN/pg_ctl" -D "$DATA/pg" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$DATA"; }
trap cleanup EXIT

echo "==> PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $PORT (data in $DATA)"
as_pg "$PG_BIN/initdb" -N -A trust -U postgres -D "$DATA/pg" >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$DATA/pg" -l "$DATA/pg.log" -w -o "-p $PORT -k /tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=512MB -c work_mem=64MB -c max_wal_size=4GB" start >/dev/null

echo "==> building the benchmark tool"
dotnet build "$HERE/Cme.Bench.Reports.csproj" -c Release -v q -nologo >/dev/null
TOOL="$HERE/bin/Release/net10.0/Cme.Bench.Reports.dll"
PSQL=("$PG_BIN/psql" -X -q -h /tmp -p "$PORT" -U postgres)

for size in "${SIZES[@]}"; do
  read -r people entries <<<"$size"
  db="bench_${people}"
  conn="Host=/tmp;Port=$PORT;Database=$db;Username=postgres;Command Timeout=600"
  "${PSQL[@]}" -d postgres -c "CREATE DATABASE $db" >/dev/null
  echo "==> generating $people professionals, $entries ledger entries (seed $SEED)"
  start=$(date +%s.%N)
  dotnet "$TOOL" generate "$conn" --seed "$SEED" --professionals "$people" --entries "$entries" --years 5 --end-year 2026
  echo "    loaded in $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}') s"
  echo "==> the completion report for $YEAR through the request pipeline ($RUNS runs after a warm-up)"
  # The same aggregate statement, captured as EF Core sent it, is run in psql right after each report run
  # (\timing: server time plus fetching the rows; output discarded), so both see the same machine load.
  out="$(dotnet "$TOOL" measure "$conn" --year "$YEAR" --runs "$RUNS" --sql-out "$DATA/aggregate.sql" \
    --psql "$PG_BIN/psql" --psql-args "-h /tmp -p $PORT -U postgres -d $db")"
  echo "$out"
  rows="$("${PSQL[@]}" -d "$db" -At -c "SELECT count(*) FROM ($(sed 's/;$//' "$DATA/aggregate.sql")) q")"
  echo "RESULT professionals=$people entries=$entries aggregate_rows=$rows $(grep -oE '(median_ms|psql_median_ms|ratio|statements_per_run)=[0-9.]+' <<<"$out" | tr '\n' ' ')"
  "${PSQL[@]}" -d postgres -c "DROP DATABASE $db" >/dev/null
done
echo "==> the aggregate statement (as EF Core sent it):"
cat "$DATA/aggregate.sql"
