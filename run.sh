#!/usr/bin/env bash
# Runs Consortium CME on this machine: a local PostgreSQL cluster kept in .data/pg,
# the HTTP API (Cme.Api) and the web front end (Cme.Web), all on 127.0.0.1.
# Ctrl-C stops everything; running it again keeps the data. See ./run.sh --help.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
cd "$ROOT"

usage() {
  cat <<EOF
Usage: ./run.sh [--pg-only] [--no-build] [--help]

Runs Consortium CME locally on a Debian 12 machine:
  1. installs PostgreSQL and the certificate fonts from Debian's packages when they
     are missing (needs root and apt-get);
  2. keeps a PostgreSQL cluster in .data/pg (listening on 127.0.0.1 only) and
     creates the database 'cme' in it;
  3. publishes Cme.Api and Cme.Web (Release) into .data/bin;
  4. starts the API (which applies migrations and seeds the demo consortium), a second
     API instance (both are job servers sharing the jobs, as a consortium would run them;
     CME_API_INSTANCES=1 for one), and the web front end, and waits until all answer
     their health checks.
Ctrl-C stops the web front end, the API and PostgreSQL. The data stays in .data/pg.

Options:
  --pg-only   start only PostgreSQL (database 'cme') and wait; Ctrl-C stops it
  --no-build  do not publish again; reuse .data/bin (fails when nothing was published)
  -h, --help  show this help

Environment:
  CME_PG_PORT             PostgreSQL port           (default 5433)
  CME_API_PORT            API port                  (default 5080; a second instance: port + 1)
  CME_API_INSTANCES       API instances, 1 or 2     (default 2)
  CME_WEB_PORT            web front end port        (default 5090)
  ASPNETCORE_ENVIRONMENT  Development or Production (default Development)

Logs: .data/logs/api.log (api-2.log), .data/logs/web.log, .data/logs/postgres.log
EOF
}

PG_ONLY=0
NO_BUILD=0
for arg in "$@"; do
  case "$arg" in
    --pg-only) PG_ONLY=1 ;;
    --no-build) NO_BUILD=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option '$arg' (see ./run.sh --help)" >&2; exit 2 ;;
  esac
done

PG_PORT="${CME_PG_PORT:-5433}"
API_PORT="${CME_API_PORT:-5080}"
API_INSTANCES="${CME_API_INSTANCES:-2}"
[[ "$API_INSTANCES" == 1 || "$API_INSTANCES" == 2 ]] || { echo "run.sh: CME_API_INSTANCES must be 1 or 2" >&2; exit 2; }
API2_PORT=$((API_PORT + 1))
WEB_PORT="${CME_WEB_PORT:-5090}"
APP_ENV="${ASPNETCORE_ENVIRONMENT:-Development}"

DATA_DIR="$ROOT/.data"
PGDATA="$DATA_DIR/pg"
RUN_DIR="$DATA_DIR/run"
LOG_DIR="$DATA_DIR/logs"
BIN_DIR="$DATA_DIR/bin"
PG_LOG="$LOG_DIR/postgres.log"
API_LOG="$LOG_DIR/api.log"
WEB_LOG="$LOG_DIR/web.log"

say() { printf '==> %s\n' "$*"; }
die() { printf 'run.sh: error: %s\n' "$*" >&2; exit 1; }

for p in "$PG_PORT" "$API_PORT" "$WEB_PORT"; do
  if ! [[ "$p" =~ ^[0-9]+$ ]] || (( p < 1 || p > 65535 )); then die "invalid port '$p'"; fi
done
[[ "$ROOT" != *"'"* && "$ROOT" != *'"'* ]] || die "the repository path must not contain quotes: $ROOT"

IS_ROOT=0
[[ "$(id -u)" -eq 0 ]] && IS_ROOT=1

# ---------------------------------------------------------------- prerequisites


find_pg_bin() {
  # The newest PostgreSQL found, or the one matching an existing cluster.
  local want="" d best="" bestv=0 v
  [[ -f "$PGDATA/PG_VERSION" ]] && want="$(cat "$PGDATA/PG_VERSION")"
  for d in /usr/lib/postgresql/*/bin; do
    [[ -x "$d/pg_ctl" ]] || continue
    v="$(basename "$(dirname "$d")")"
    if [[ -n "$want" && "$v" == "$want" ]]; then echo "$d"; return 0; fi
    [[ "$v" =~ ^[0-9]+$ ]] || continue
    if (( v > bestv )); then bestv=$v; best="$d"; fi
  done
  [[ -n "$best" ]] && echo "$best"
}

ensure_packages() {
  local missing=()
  [[ -n "$(find_pg_bin || true)" ]] || missing+=(postgresql postgresql-contrib)
  # Checked by the files, not by dpkg's records (a machine may have them from elsewhere).
  fc-list 2>/dev/null | grep -qi "WenQuanYi Micro Hei" || compgen -G "/usr/share/fonts/truetype/*/wqy-microhei.ttc" >/dev/null \
    || missing+=(fonts-wqy-microhei)
  fc-list 2>/dev/null | grep -qi "DejaVu Sans" || compgen -G "/usr/share/fonts/truetype/*/DejaVuSans.ttf" >/dev/null \
    || missing+=(fonts-dejavu-core)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  (( ${#missing[@]} == 0 )) && return 0

  local hint="install these Debian packages by hand, then run ./run.sh again: ${missing[*]}"
  command -v apt-get >/dev/null 2>&1 || die "apt-get is not available; $hint"
  (( IS_ROOT )) || die "packages are missing and installing them needs root; $hint (e.g. sudo apt-get install -y ${missing[*]})"
  say "installing missing packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update || die "apt-get update failed; $hint"
  apt-get install -y --no-upgrade "${missing[@]}" || die "apt-get install failed; $hint"
}

if (( ! PG_ONLY )); then
  DOTNET="$(command -v dotnet || true)"
  if [[ -z "$DOTNET" ]]; then
    for c in "${DOTNET_ROOT:-}/dotnet" "${HOME:-}/.dotnet/dotnet" /usr/share/dotnet/dotnet /usr/lib/dotnet/dotnet; do
      [[ -x "$c" ]] && { DOTNET="$c"; break; }
    done
  fi
  [[ -n "$DOTNET" ]] || die "'dotnet' was not found. Install the .NET 10 SDK (version in global.json) and put 'dotnet' on PATH, then run ./run.sh again."
  "$DOTNET" --list-sdks 2>/dev/null | grep -q '^10\.' \
    || die "the .NET 10 SDK is required (global.json); 'dotnet --list-sdks' shows: $("$DOTNET" --list-sdks 2>/dev/null | tr '\n' ' ')"
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
fi

ensure_packages

PG_BIN="$(find_pg_bin || true)"
[[ -n "$PG_BIN" ]] || die "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin; install the Debian packages postgresql postgresql-contrib"
if [[ -f "$PGDATA/PG_VERSION" && "$(basename "$(dirname "$PG_BIN")")" != "$(cat "$PGDATA/PG_VERSION")" ]]; then
  die "the cluster in $PGDATA was made by PostgreSQL $(cat "$PGDATA/PG_VERSION"), but only PostgreSQL $(basename "$(dirname "$PG_BIN")") is installed; install postgresql-$(cat "$PGDATA/PG_VERSION") or move $PGDATA away"
fi

# ---------------------------------------------------------------- ports

port_in_use() {
  local port="$1"
  if command -v ss >/dev/null 2>&1; then
    [[ -n "$(ss -Hltn "sport = :$port" 2>/dev/null)" ]] && return 0
  fi
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2>/dev/null
}

check_port_free() { # port variable-name
  if port_in_use "$1"; then
    die "port $1 is in use by another process; set $2 to a free port"
  fi
}

# ---------------------------------------------------------------- PostgreSQL

# Runs a command as the owner of the cluster (postgres when we are root).
as_pg() {
  if (( IS_ROOT )); then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

pg_running() { as_pg "$PG_BIN/pg_ctl" status -D "$PGDATA" >/dev/null 2>&1; }

prepare_data_dir() {
  mkdir -p "$PGDATA" "$RUN_DIR" "$LOG_DIR" "$BIN_DIR"
  touch "$PG_LOG"
  if (( IS_ROOT )); then
    id postgres >/dev/null 2>&1 || die "the 'postgres' user does not exist; reinstall the Debian package postgresql"
    chown -R postgres:postgres "$PGDATA" "$RUN_DIR"
    chown postgres:postgres "$PG_LOG"
    chmod 700 "$PGDATA"
    # postgres must be able to walk from / down to .data (e.g. a repo under /root).
    local dirs=() d="$DATA_DIR"
    while :; do dirs=("$d" "${dirs[@]}"); [[ "$d" == / ]] && break; d="$(dirname "$d")"; done
    for d in "${dirs[@]}"; do
      if ! runuser -u postgres -- test -x "$d" 2>/dev/null; then
        say "note: allowing others to traverse $d (chmod o+x) so that the postgres user can reach $PGDATA"
        chmod o+x "$d" || die "the postgres user cannot reach $PGDATA and 'chmod o+x $d' failed; move the repository to a path that postgres can traverse"
      fi
    done
    runuser -u postgres -- test -w "$PGDATA" \
      || die "the postgres user cannot write to $PGDATA; move the repository to a path that postgres can traverse"
  fi
}

# A unix socket path is limited to about 107 bytes; fall back to /tmp for deep repos.
SOCK_DIR="$RUN_DIR"
(( ${#SOCK_DIR} + 20 > 100 )) && SOCK_DIR=/tmp

PG_STARTED_BY_US=0
PG_REUSED=0

start_postgres() {
  prepare_data_dir
  if pg_running; then
    local running_port
    running_port="$(sed -n 4p "$PGDATA/postmaster.pid" 2>/dev/null || true)"
    if [[ -n "$running_port" && "$running_port" != "$PG_PORT" ]]; then
      say "PostgreSQL of this repository is already running on port $running_port (not $PG_PORT); using it"
      PG_PORT="$running_port"
    else
      say "PostgreSQL of this repository is already running on port $PG_PORT; using it"
    fi
    PG_REUSED=1
    return 0
  fi

  if port_in_use "$PG_PORT"; then
    die "port $PG_PORT is in use by another process; set CME_PG_PORT to a free port"
  fi
  if [[ ! -f "$PGDATA/PG_VERSION" ]]; then
    if [[ -n "$(ls -A "$PGDATA" 2>/dev/null)" ]]; then
      die "$PGDATA is not empty but holds no PostgreSQL cluster; move it away and run again"
    fi
    local locale=C
    if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then locale=C.UTF-8; fi
    say "creating the PostgreSQL cluster in $PGDATA (locale $locale)"
    as_pg "$PG_BIN/initdb" -D "$PGDATA" --auth=trust --username=postgres -E UTF8 \
      --locale="$locale" --no-instructions >"$LOG_DIR/initdb.log" 2>&1 \
      || { tail -n 30 "$LOG_DIR/initdb.log" >&2; die "initdb failed (log: $LOG_DIR/initdb.log)"; }
  fi

  say "starting PostgreSQL on 127.0.0.1:$PG_PORT (log: ${PG_LOG#"$ROOT"/})"
  if ! as_pg "$PG_BIN/pg_ctl" start -D "$PGDATA" -l "$PG_LOG" -w -t 60 \
      -o "-p $PG_PORT -h 127.0.0.1 -k '$SOCK_DIR'" >/dev/null; then
    tail -n 30 "$PG_LOG" >&2 || true
    die "PostgreSQL did not start (log: $PG_LOG)"
  fi
  PG_STARTED_BY_US=1
}

stop_postgres() {
  if (( PG_STARTED_BY_US )) && pg_running; then
    say "stopping PostgreSQL"
    as_pg "$PG_BIN/pg_ctl" stop -D "$PGDATA" -m fast -w -t 60 >/dev/null 2>&1 \
      || echo "run.sh: warning: pg_ctl stop failed; see $PG_LOG" >&2
    PG_STARTED_BY_US=0
  elif (( PG_REUSED )) && pg_running; then
    local how="$PG_BIN/pg_ctl stop -D $PGDATA -m fast"
    (( IS_ROOT )) && how="runuser -u postgres -- $how"
    say "PostgreSQL was already running before run.sh started; leaving it running (stop it with: $how)"
  fi
}

psql_q() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -X -v ON_ERROR_STOP=1 -tAq "$@"; }

ensure_database() {
  if [[ "$(psql_q -c "select 1 from pg_database where datname='cme'")" != "1" ]]; then
    say "creating the database 'cme'"
    psql_q -c "create database cme" >/dev/null
  fi
}

# ---------------------------------------------------------------- cleanup

API_PID=""
API2_PID=""
WEB_PID=""
CLEANED=0

stop_process() { # name pid
  local name="$1" pid="$2" i
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  say "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 150; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "run.sh: warning: $name did not stop within 15 s; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  (( CLEANED )) && return 0
  CLEANED=1
  trap - INT TERM
  stop_process web "$WEB_PID"
  stop_process api-2 "$API2_PID"
  stop_process api "$API_PID"
  stop_postgres
}

on_signal() {
  echo
  say "stopping (signal received)"
  cleanup
  say "stopped cleanly; the data is kept in ${PGDATA#"$ROOT"/} (run ./run.sh again to continue)"
  exit 0
}

trap on_signal INT TERM
trap 'cleanup' EXIT

# ---------------------------------------------------------------- main

if (( ! PG_ONLY )); then
  # Fail before any slow work when the application ports are taken.
  check_port_free "$API_PORT" CME_API_PORT
  (( API_INSTANCES == 1 )) || check_port_free "$API2_PORT" "CME_API_PORT + 1"
  check_port_free "$WEB_PORT" CME_WEB_PORT
  [[ "$API_PORT" != "$WEB_PORT" ]] || die "CME_API_PORT and CME_WEB_PORT must differ"
fi

start_postgres
ensure_database

if (( PG_ONLY )); then
  cat <<EOF

PostgreSQL is running (Ctrl-C stops it):
  host 127.0.0.1, port $PG_PORT, database cme, user postgres (no password)
  psql -h 127.0.0.1 -p $PG_PORT -U postgres cme
  connection string: Host=127.0.0.1;Port=$PG_PORT;Database=cme;Username=postgres
  log: ${PG_LOG#"$ROOT"/}
EOF
  while pg_running; do
    sleep 2 &
    wait $! || true
  done
  say "PostgreSQL stopped by someone else"
  exit 1
fi

if (( NO_BUILD )); then
  [[ -f "$BIN_DIR/api/Cme.Api.dll" && -f "$BIN_DIR/web/Cme.Web.dll" ]] \
    || die "--no-build: nothing published in ${BIN_DIR#"$ROOT"/} yet; run without --no-build once"
else
  say "publishing Cme.Api and Cme.Web (Release) into ${BIN_DIR#"$ROOT"/} (log: .data/logs/build.log)"
  : >"$LOG_DIR/build.log"
  for proj in Api Web; do
    if ! "$DOTNET" publish "src/Cme.$proj/Cme.$proj.csproj" -c Release -o "$BIN_DIR/${proj,,}" \
        --nologo -v quiet -p:UseAppHost=false >>"$LOG_DIR/build.log" 2>&1; then
      grep -E ': (error|warning) ' "$LOG_DIR/build.log" | sort -u | head -n 40 >&2 || tail -n 40 "$LOG_DIR/build.log" >&2
      die "building Cme.$proj failed (log: $LOG_DIR/build.log)"
    fi
  done
fi

rotate_log() { [[ -s "$1" ]] && mv -f "$1" "$1.1"; : >"$1"; }

wait_for_http() { # name url pid log seconds
  local name="$1" url="$2" pid="$3" log="$4" secs="$5" i
  for ((i = 0; i < secs; i++)); do
    if curl -fsS -o /dev/null --max-time 5 "$url" 2>/dev/null; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "---- last lines of $log ----" >&2; tail -n 40 "$log" >&2 || true
      die "$name exited during start-up (log: $log)"
    fi
    sleep 1
  done
  echo "---- last lines of $log ----" >&2; tail -n 40 "$log" >&2 || true
  die "$name did not answer $url within $secs s (log: $log)"
}

# api_env <port> <instance>: the settings of an API instance (in a subshell).
api_env() {
  export ASPNETCORE_ENVIRONMENT="$APP_ENV"
  export ConnectionStrings__Cme="Host=127.0.0.1;Port=$PG_PORT;Database=cme;Username=postgres"
  export Cme__PublicBaseUrl="http://127.0.0.1:$WEB_PORT"
  # E-mail: without an SMTP host (Cme__Email__Host), messages are written to this folder as .eml files.
  export Cme__Email__PickupDirectory="${Cme__Email__PickupDirectory:-$ROOT/.data/mail}"
  export ASPNETCORE_URLS="http://127.0.0.1:$1"
  # Its name among the job servers (the Hangfire dashboard lists api-1:jobs, api-1:outbox, api-2:…).
  export Cme__Scheduler__InstanceName="$2"
  # The web front end (on this machine) names the browser's address in X-Forwarded-For; nobody else is believed.
  export Cme__Security__KnownProxies="${Cme__Security__KnownProxies:-127.0.0.1}"
}

rotate_log "$API_LOG"
say "starting the API on http://127.0.0.1:$API_PORT (log: ${API_LOG#"$ROOT"/})"
(
  cd "$BIN_DIR/api"
  api_env "$API_PORT" api-1
  export Cme__SeedDemoData=true
  # A demo class under way whose session ends this many minutes after the first start (the GP has checked in and evaluated it).
  export Cme__Demo__LiveClassMinutes="${Cme__Demo__LiveClassMinutes:-10}"
  exec setsid "$DOTNET" Cme.Api.dll
) >>"$API_LOG" 2>&1 </dev/null &
API_PID=$!
wait_for_http API "http://127.0.0.1:$API_PORT/health/ready" "$API_PID" "$API_LOG" 120

if (( API_INSTANCES == 2 )); then
  API2_LOG="$LOG_DIR/api-2.log"
  rotate_log "$API2_LOG"
  say "starting a second API instance on http://127.0.0.1:$API2_PORT (log: ${API2_LOG#"$ROOT"/})"
  (
    cd "$BIN_DIR/api"
    api_env "$API2_PORT" api-2
    exec setsid "$DOTNET" Cme.Api.dll
  ) >>"$API2_LOG" 2>&1 </dev/null &
  API2_PID=$!
  wait_for_http "API (second instance)" "http://127.0.0.1:$API2_PORT/health/ready" "$API2_PID" "$API2_LOG" 120
fi

rotate_log "$WEB_LOG"
say "starting the web front end on http://127.0.0.1:$WEB_PORT (log: ${WEB_LOG#"$ROOT"/})"
(
  cd "$BIN_DIR/web"
  export ASPNETCORE_ENVIRONMENT="$APP_ENV"
  export ASPNETCORE_URLS="http://127.0.0.1:$WEB_PORT"
  export CmeApi__BaseUrl="http://127.0.0.1:$API_PORT"
  exec setsid "$DOTNET" Cme.Web.dll
) >>"$WEB_LOG" 2>&1 </dev/null &
WEB_PID=$!
wait_for_http Web "http://127.0.0.1:$WEB_PORT/health/live" "$WEB_PID" "$WEB_LOG" 60

cat <<EOF

Consortium CME is running ($APP_ENV). Ctrl-C stops it.

  Web          http://127.0.0.1:$WEB_PORT
  API          http://127.0.0.1:$API_PORT$( (( API_INSTANCES == 2 )) && echo " and http://127.0.0.1:$API2_PORT (both run the jobs)")
  Jobs         http://127.0.0.1:$WEB_PORT/admin/hangfire (Hangfire dashboard, CME office)
  Swagger UI   http://127.0.0.1:$API_PORT/swagger
  OpenAPI      http://127.0.0.1:$API_PORT/openapi/v1.json
  PostgreSQL   psql -h 127.0.0.1 -p $PG_PORT -U postgres cme
  Logs         .data/logs/api.log, .data/logs/web.log, .data/logs/postgres.log
EOF

if [[ "$APP_ENV" != "Production" ]]; then
  cat <<'EOF'

Demo accounts (password for all: Cme-Demo-2026!)
  e-mail               role
  gp@demo.cme          GP / learner
  author@demo.cme      specialist: author and trainer
  trainer@demo.cme     trainer
  cmeadmin@demo.cme    CME office / consortium admin
  instadmin@demo.cme   institution admin (community health service centre)
The two admins are asked to set up two-factor sign-in (an authenticator app) at their first sign-in.
EOF
fi
echo

# Wait until Ctrl-C, or until one of them exits on its own.
set +e
wait -n "$API_PID" "$WEB_PID" ${API2_PID:+"$API2_PID"}
code=$?
set -e
if ! kill -0 "$API_PID" 2>/dev/null; then
  echo "run.sh: the API exited (code $code); see $API_LOG" >&2
elif [[ -n "$API2_PID" ]] && ! kill -0 "$API2_PID" 2>/dev/null; then
  echo "run.sh: the second API instance exited (code $code); see $API2_LOG" >&2
else
  echo "run.sh: the web front end exited (code $code); see $WEB_LOG" >&2
fi
cleanup
exit 1
