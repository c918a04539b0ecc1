# Shared by every benchmark of bench/run.sh (sourced, not run): the Debian packages, a throwaway
# PostgreSQL cluster on a free port, Cme.Api built in Release and started against it, and the
# clean-up on exit. Nothing here is kept between runs except the build output in bench/.out.

say() { printf '==> %s\n' "$*"; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_DIR="$(dirname "$BENCH_DIR")"
OUT_DIR="$BENCH_DIR/.out"

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

# Checked by the files the benchmarks use, not by dpkg's records (see test.sh).
ensure_packages() {
  local missing=() pg_bin
  pg_bin="$(find_pg_bin || true)"
  [[ -n "$pg_bin" ]] || missing+=(postgresql)
  # pgbench and pg_stat_statements
  [[ -n "$pg_bin" && -x "$pg_bin/pgbench" && -n "$(compgen -G "/usr/lib/postgresql/*/lib/pg_stat_statements.so")" ]] \
    || missing+=(postgresql-contrib)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  (( ${#missing[@]} == 0 )) && return 0
  local hint="install these Debian packages by hand, then run again: ${missing[*]}"
  command -v apt-get >/dev/null 2>&1 || die "apt-get is not available; $hint"
  [[ "$(id -u)" -eq 0 ]] || die "packages are missing and installing them needs root; $hint"
  say "installing missing packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update || die "apt-get update failed; $hint"
  apt-get install -y --no-upgrade "${missing[@]}" || die "apt-get install failed; $hint"
}

port_in_use() {
  if command -v ss >/dev/null 2>&1; then
    [[ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]] && return 0
  fi
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

free_port() {
  local p
  for p in $(shuf -i 20000-60000 -n 100); do
    port_in_use "$p" || { echo "$p"; return 0; }
  done
  die "no free port found"
}

# ---------------------------------------------------------------- work folder and clean-up

WORK="${WORK:-}"
PG_BIN="${PG_BIN:-}"
PG_PORT="${PG_PORT:-}"
PGDATA="${PGDATA:-}"
API_PID="${API_PID:-}"
API_PORT="${API_PORT:-}"
CLEANED=0
SUCCEEDED=0

as_pg() { if [[ "$(id -u)" -eq 0 ]]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }

make_work_dir() {
  WORK="$(mktemp -d /tmp/cme-bench.XXXXXX)"
  chmod 755 "$WORK"
  mkdir -p "$WORK/pg" "$WORK/home"
  [[ "$(id -u)" -eq 0 ]] && chown postgres:postgres "$WORK/pg"
  trap cleanup EXIT
  trap 'exit 130' INT TERM
}

cleanup() {
  (( CLEANED )) && return 0
  CLEANED=1
  if [[ -n "$API_PID" ]] && kill -0 "$API_PID" 2>/dev/null; then
    kill -TERM "$API_PID" 2>/dev/null || true
    local i
    for ((i = 0; i < 100; i++)); do kill -0 "$API_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$API_PID" 2>/dev/null || true
    wait "$API_PID" 2>/dev/null || true
  fi
  if [[ -n "$PGDATA" && -f "$PGDATA/postmaster.pid" ]]; then
    as_pg "$PG_BIN/pg_ctl" stop -D "$PGDATA" -m fast -w -t 60 >/dev/null 2>&1 || true
  fi
  if [[ -n "$WORK" ]]; then
    if (( SUCCEEDED )) && [[ -z "${BENCH_KEEP:-}" ]]; then
      rm -rf "$WORK"
    else
      echo "bench: logs and data kept in $WORK" >&2
    fi
  fi
}

# ---------------------------------------------------------------- PostgreSQL

# PostgreSQL's defaults (fsync and synchronous_commit on: commits are durable, as in production),
# plus pg_stat_statements to count the statements of the system under test.
start_cluster() {
  PG_BIN="$(find_pg_bin)" || die "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin"
  PGDATA="$WORK/pg/data"
  PG_PORT="$(free_port)"
  as_pg "$PG_BIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 -N >"$WORK/initdb.log" 2>&1 \
    || { tail -n 20 "$WORK/initdb.log" >&2; die "initdb failed"; }
  say "starting a throwaway PostgreSQL $(basename "$(dirname "$PG_BIN")") cluster on 127.0.0.1:$PG_PORT ($PGDATA)"
  as_pg "$PG_BIN/pg_ctl" start -D "$PGDATA" -l "$WORK/pg/postgres.log" -w -t 60 \
    -o "-p $PG_PORT -h 127.0.0.1 -k $WORK/pg -c max_connections=200 -c shared_preload_libraries=pg_stat_statements" >/dev/null \
    || { tail -n 20 "$WORK/pg/postgres.log" >&2; die "PostgreSQL did not start"; }
  psql_db postgres -c "CREATE DATABASE cme" >/dev/null
  psql_db cme -c "CREATE EXTENSION pg_stat_statements" >/dev/null
}

psql_db() { local db="$1"; shift; "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$db" -X -v ON_ERROR_STOP=1 -qAt "$@"; }

# CPU time (clock ticks) used so far by the cluster: the postmaster, its live children, and the
# children that have exited (cutime/cstime of the postmaster).
pg_cpu_ticks() {
  local pm total=0 pid
  pm="$(head -n 1 "$PGDATA/postmaster.pid")"
  total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pm/stat")
  for pid in $(ps -o pid= --ppid "$pm"); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

api_cpu_ticks() { awk '{print $14 + $15}' "/proc/$API_PID/stat"; }

# ---------------------------------------------------------------- Cme.Api and the load generator

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

build() {
  command -v dotnet >/dev/null 2>&1 || die "'dotnet' was not found (the .NET 10 SDK of global.json)"
  say "building Cme.Api (Release) and the load generator into ${OUT_DIR#"$REPO_DIR"/} (log: $WORK/build.log)"
  ( cd "$REPO_DIR" \
    && dotnet publish src/Cme.Api/Cme.Api.csproj -c Release -o "$OUT_DIR/api" --nologo -v quiet -p:UseAppHost=false \
    && dotnet build bench/Cme.Bench/Cme.Bench.csproj -c Release -o "$OUT_DIR/bench" --nologo -v quiet -p:UseAppHost=false
  ) >"$WORK/build.log" 2>&1 || { grep -E ': (error|warning) ' "$WORK/build.log" | sort -u | head -n 30 >&2; die "build failed (log: $WORK/build.log)"; }
}

# The API as deployed, except: environment Staging (Production never seeds the demo consortium the
# setup builds on; nothing else in Cme.Api depends on the environment name), a random check-in key,
# and sign-in throttles wide enough for 2,000 sign-ins from one address during setup.
start_api() {
  API_PORT="$(free_port)"
  say "starting Cme.Api on http://127.0.0.1:$API_PORT (migrations and demo data at start; log: $WORK/api.log)"
  (
    cd "$OUT_DIR/api"
    export HOME="$WORK/home" # the data-protection keys of this run stay in the work folder
    export ASPNETCORE_ENVIRONMENT=Staging
    export ASPNETCORE_URLS="http://127.0.0.1:$API_PORT"
    export ConnectionStrings__Cme="Host=127.0.0.1;Port=$PG_PORT;Database=cme;Username=postgres${BENCH_API_DB_OPTIONS:+;$BENCH_API_DB_OPTIONS}"
    export Cme__SeedDemoData=true
    export Cme__CheckIn__Key="$(head -c 32 /dev/urandom | base64)"
    export Cme__LoginThrottle__PerIpPerMinute=1000000
    export Cme__LoginThrottle__PerAccountPerMinute=1000
    exec dotnet Cme.Api.dll
  ) >"$WORK/api.log" 2>&1 </dev/null &
  API_PID=$!
  local i
  for ((i = 0; i < 120; i++)); do
    curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$API_PORT/health/ready" 2>/dev/null && return 0
    kill -0 "$API_PID" 2>/dev/null || { tail -n 30 "$WORK/api.log" >&2; die "Cme.Api exited during start-up"; }
    sleep 1
  done
  tail -n 30 "$WORK/api.log" >&2
  die "Cme.Api did not become ready within 120 s"
}
