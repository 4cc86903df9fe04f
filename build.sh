#!/usr/bin/env bash
# LeadGrid build script: ./build.sh build | test | run | migrate <up|down N|list>
# The logic lives here; build.ps1 is a thin mirror for PowerShell users.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
CONFIG="${CONFIGURATION:-Release}"
RUN_PORT="${LEADGRID_PG_PORT:-54329}"
API_URL="${LEADGRID_URL:-http://127.0.0.1:5080}"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

# --- PostgreSQL -----------------------------------------------------------------------------------------------------

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -z "$dir" || ! -x "$dir/initdb" ]]; then
    [[ $(id -u) -eq 0 ]] || die "PostgreSQL binaries are missing; install them: sudo apt-get install postgresql postgresql-contrib"
    log "Installing PostgreSQL (Debian packages postgresql, postgresql-contrib)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq postgresql postgresql-contrib >&2
    dir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  echo "$dir"
}

# initdb refuses root: as root, the cluster runs as the postgres user.
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

own_for_pg() {
  if [[ $(id -u) -eq 0 ]]; then chown -R postgres:postgres "$@"; fi
}

# pg_start DATADIR PORT [fast]: create the cluster the first time, start it, wait until it answers.
pg_start() {
  local data="$1" port="$2" mode="${3:-}" bin
  bin=$(pg_bin)
  if [[ ! -f "$data/PG_VERSION" ]]; then
    mkdir -p "$data"
    own_for_pg "$data"
    as_pg test -w "$data" || die "the postgres user cannot write $data (check the permissions of its parent folders)"
    log "Creating a PostgreSQL cluster in $data"
    as_pg "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
  fi
  local opts="-p $port -k $data -c listen_addresses=127.0.0.1"
  if [[ "$mode" == fast ]]; then
    opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
  fi
  if ! as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    as_pg "$bin/pg_ctl" -D "$data" -l "$data/server.log" -o "$opts" -w -t 60 start >/dev/null \
      || { cat "$data/server.log" >&2 || true; die "PostgreSQL did not start (log above)"; }
  fi
}

pg_stop() {
  local data="$1" bin
  bin=$(pg_bin)
  as_pg "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
}

pg_ensure_db() {
  local port="$1" db="$2" bin
  bin=$(pg_bin)
  if ! as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
    as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$db"
  fi
}

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  die "no free port found"
}

# The embedded database of ./build.sh run: ./.leadgrid/pgdata, kept between runs.
embedded_connection() {
  pg_start "$ROOT/.leadgrid/pgdata" "$RUN_PORT"
  pg_ensure_db "$RUN_PORT" leadgrid
  echo "Host=127.0.0.1;Port=$RUN_PORT;Username=postgres;Database=leadgrid"
}

# --- targets --------------------------------------------------------------------------------------------------------

cmd_build() {
  dotnet build LeadGrid.sln -c "$CONFIG" -nologo -clp:ErrorsOnly "$@"
}

cmd_test() {
  local tmp port status=0
  tmp=$(mktemp -d /tmp/leadgrid-test.XXXXXX)
  chmod 755 "$tmp"
  port=$(free_port)
  trap "pg_stop '$tmp/pgdata'; rm -rf '$tmp'" EXIT
  pg_start "$tmp/pgdata" "$port" fast
  pg_ensure_db "$port" leadgrid_test
  export LEADGRID_TEST_CONNECTION="Host=127.0.0.1;Port=$port;Username=postgres;Database=leadgrid_test"
  log "Test database on 127.0.0.1:$port"

  cmd_build || { echo "0 passed, 1 failed"; return 1; }
  # One project at a time, each with its own results file (default .trx names can collide within a second).
  local project name
  for project in tests/*/*.csproj; do
    name=$(basename "$project" .csproj)
    dotnet test "$project" -c "$CONFIG" --no-build -nologo \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$tmp/results" "$@" \
      || status=$?
  done

  local passed=0 failed=0 counters
  for trx in "$tmp"/results/*.trx; do
    [[ -f "$trx" ]] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    passed=$((passed + $(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")))
    failed=$((failed + $(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")))
  done
  if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; fi
  echo "$passed passed, $failed failed"
  return "$status"
}

cmd_run() {
  mkdir -p "$ROOT/.leadgrid"
  if [[ -z "${ConnectionStrings__LeadGrid:-}" ]]; then
    export ConnectionStrings__LeadGrid
    ConnectionStrings__LeadGrid=$(embedded_connection)
    trap "pg_stop '$ROOT/.leadgrid/pgdata'" EXIT
    trap 'exit 130' INT TERM
    log "Embedded PostgreSQL on 127.0.0.1:$RUN_PORT (data in .leadgrid/pgdata)"
  fi
  if [[ -z "${Admin__Token:-}" ]]; then
    [[ -s "$ROOT/.leadgrid/admin-token" ]] || (umask 077; head -c 32 /dev/urandom | base64 | tr -d '/+=\n' > "$ROOT/.leadgrid/admin-token")
    export Admin__Token
    Admin__Token=$(cat "$ROOT/.leadgrid/admin-token")
    log "Operator API enabled; its token is in .leadgrid/admin-token"
  fi
  export Demo__Seed="${Demo__Seed:-true}"
  export Storage__Root="${Storage__Root:-$ROOT/.leadgrid/files}"
  dotnet run --project src/Api -c "$CONFIG" -- --urls "$API_URL" "$@"
}

cmd_migrate() {
  local connection="${ConnectionStrings__LeadGrid:-}"
  if [[ -z "$connection" ]]; then
    connection=$(embedded_connection)
    trap "pg_stop '$ROOT/.leadgrid/pgdata'" EXIT
  fi
  dotnet run --project migrations -c "$CONFIG" -- "${@:-up}" --connection "$connection"
}

target="${1:-build}"
shift || true
case "$target" in
  build) cmd_build "$@" ;;
  test) cmd_test "$@" ;;
  run) cmd_run "$@" ;;
  migrate) cmd_migrate "$@" ;;
  *) die "unknown target '$target'; use build | test | run | migrate" ;;
esac
