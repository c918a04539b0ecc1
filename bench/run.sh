#!/usr/bin/env bash
# Runs one benchmark of Consortium CME: ./bench/run.sh <benchmark>. Each benchmark starts its own
# throwaway PostgreSQL cluster and Cme.Api (Release), measures the system next to a baseline taken on
# the same server in the same run, and prints the result as a ratio to that baseline (the machine
# is shared and noisy, so absolute figures are not comparable between runs). See bench/README.md.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<'EOF2'
Usage: bench/run.sh <benchmark>

Benchmarks:
  checkin   2,000 learners check in to one session through the API over loopback, next to pgbench
            doing the same insert; prints requests/s, p95 and the ratio to pgbench (target >= 0.5)
  certificates
            certificate PDFs per second with PDFsharp on one core and on all cores, next to Chromium's
            --print-to-pdf of the same certificate as HTML; memory over 10,000 certificates (target >= 20x)
  notifications
            plans reminders for 100,000 enrolments (target < 10 s) and dispatches 10,000 notifications,
            next to a do-nothing Hangfire job drained from Hangfire.PostgreSql storage on the same database
  faults    kill -9 while 2,000 e-mails are due, two API instances (both Hangfire servers, both sending),
            a database restart: every e-mail delivered, at most one twice per kill or restart, the first
            e-mail within 15 s of the new process (test.sh runs it with 1,000 after the tests)
  pipeline  the request pipeline's own cost (ISender: scope, authorization, validation, audit, unit of
            work, handler) for a query that reads no database, next to the same work done inline; no database
  reports   generates a consortium of 100,000 professionals and 2,500,000 ledger entries (seeded), then
            times the credit-completion report next to the same aggregate SQL in psql (target <= 1.5x)

Each installs what it needs when missing (postgresql, postgresql-contrib, curl; needs root and
apt-get), builds Cme.Api in Release into bench/.out, and cleans up its cluster and API on exit.
Environment: BENCH_KEEP=1 keeps the work folder (logs, cluster); see bench/README.md for the rest.
EOF2
}

case "${1:-}" in
  checkin) shift; source "$BENCH_DIR/checkin/bench.sh"; checkin_main "$@" ;;
  certificates) shift; exec "$BENCH_DIR/certificates/run.sh" "$@" ;;
  reports) shift; exec "$BENCH_DIR/reports/run.sh" "$@" ;;
  pipeline) shift; exec dotnet run --project "$BENCH_DIR/Cme.Bench" -c Release -- pipeline "$@" ;;
  notifications) shift; (( $# )) || set -- 100000 10000
    exec dotnet run --project "$BENCH_DIR/Cme.Bench.Notifications" -c Release -- bench "$@" ;;
  faults) shift; (( $# )) || set -- 2000
    exec dotnet run --project "$BENCH_DIR/Cme.Bench.Notifications" -c Release -- faults "$@" ;;
  -h|--help|"") usage; [[ -n "${1:-}" ]] ;;
  *) usage >&2; die "unknown benchmark '$1'" ;;
esac
