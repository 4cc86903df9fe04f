#!/usr/bin/env bash
# LeadGrid build script: ./build.sh build | test | run | migrate <up|down N|list> | bench [api|webhooks] | lint | help
# The logic lives here; build.ps1 is a thin mirror for PowerShell users.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
CONFIG="${CONFIGURATION:-Release}"
RUN_PORT="${LEADGRID_PG_PORT:-54329}"
API_URL="${LEADGRID_URL:-http://127.0.0.1:5080}"
REDOCLY_VERSION=2.77.0

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

# --- PostgreSQL -----------------------------------------------------------------------------------------------------

# Installs Debian packages where something the project needs is missing (as root), or says how to (otherwise).
apt_install() { # <what it is for> <package>...
  local why="$1"; shift
  [[ $(id -u) -eq 0 ]] || die "$* missing ($why): sudo apt-get install $*"
  log "Installing $* (Debian packages) for $why"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq "$@" >&2
}

# A command: on the PATH already, or installed from its Debian package.
ensure_command() { # <command> <package> <what it is for>
  command -v "$1" >/dev/null 2>&1 || apt_install "$3" "$2"
}

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  # As root the clusters run as the postgres user, which the Debian packages create.
  if [[ -z "$dir" || ! -x "$dir/initdb" ]] || { [[ $(id -u) -eq 0 ]] && ! id -u postgres >/dev/null 2>&1; }; then
    apt_install "the embedded and the test PostgreSQL" postgresql postgresql-contrib
    dir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  echo "$dir"
}

# initdb refuses root: as root, the cluster runs as the postgres user (from /, as the current folder may be private).
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

own_for_pg() {
  if [[ $(id -u) -eq 0 ]]; then chown -R postgres:postgres "$@"; fi
}

pg_running() {
  [[ -f "$1/PG_VERSION" ]] && as_pg "$(pg_bin)/pg_ctl" -D "$1" status >/dev/null 2>&1
}

# pg_start DATADIR PORT [fast]: create the cluster the first time, start it unless it runs, wait until it answers.
# Clients connect over TCP on 127.0.0.1 only: no Unix socket, whose path would be too long in a deep clone.
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
  local opts="-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
  if [[ "$mode" == fast ]]; then
    opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
  elif [[ "$mode" == bench ]]; then
    # Default durability; a server's shared_buffers for a million-row data set; commit times recorded so webhook
    # latency can be measured from the commit itself; statement statistics for where the time goes.
    opts="$opts -c track_commit_timestamp=on -c max_connections=200 -c shared_buffers=4GB"
    opts="$opts -c shared_preload_libraries=pg_stat_statements -c maintenance_work_mem=512MB"
  fi
  if ! pg_running "$data"; then
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

# The tests run the API reference's own JavaScript (its webhook signature check) in Node.
ensure_node() { ensure_command node nodejs "a test runs the reference's signature check in Node.js"; }

# ./build.sh lint installs Redocly's CLI with npm, into .leadgrid/tools (nothing global).
ensure_npm() { ensure_node; ensure_command npm npm "./build.sh lint installs @redocly/cli with it"; }

# The rate-limit tests run a throwaway Redis (the shared store across instances).
ensure_redis() { ensure_command redis-server redis-server "the shared rate-limit store's tests start one"; }

# The settings page's browser tests drive the system's Chromium (Playwright cannot download browsers here).
ensure_chromium() { ensure_command chromium chromium "the browser tests drive it"; }

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  die "no free port found"
}

# --- the embedded database of ./build.sh run and migrate --------------------------------------------------------------
#
# Its cluster is ./.leadgrid/pgdata, kept between runs. As root the cluster runs as the postgres user, which cannot
# reach ./.leadgrid when a parent folder is private (root's home, a mktemp -d folder): then the cluster lives in
# /var/lib/leadgrid/<repository folder name>-<hash of its path>/pgdata and ./.leadgrid/pgdata is a symlink to it, so
# deleting ./.leadgrid still starts from scratch. Nothing else outside the repository is touched.

STATE="$ROOT/.leadgrid"
OUTSIDE_ROOT=/var/lib/leadgrid

outside_data_dir() {
  local name
  name=$(basename "$ROOT" | tr -c 'A-Za-z0-9._\n-' '_')
  echo "$OUTSIDE_ROOT/$name-$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)/pgdata"
}

# Prints the cluster's data folder, choosing (and preparing) it the first time.
embedded_data_dir() {
  local link="$STATE/pgdata" outside
  mkdir -p "$STATE"
  if [[ -L "$link" ]]; then readlink "$link"; return; fi
  if [[ $(id -u) -ne 0 ]]; then echo "$link"; return; fi

  outside=$(outside_data_dir)
  if [[ ! -d "$link" ]]; then
    if [[ -e "$outside" ]]; then
      # A cluster made for this path whose ./.leadgrid was deleted since: starting from scratch was asked for.
      pg_running "$outside" && die "a cluster of an earlier ./.leadgrid still runs in $outside; stop it first: runuser -u postgres -- $(pg_bin)/pg_ctl -D $outside stop"
      log "Removing $outside, the cluster of a deleted ./.leadgrid"
      rm -rf "$(dirname "$outside")"
    fi
    mkdir -p "$link"
    own_for_pg "$link"
  fi
  if as_pg test -w "$link" -a -x "$link"; then echo "$link"; return; fi

  # The postgres user cannot reach ./.leadgrid: the cluster (moved, if it exists) goes where it can.
  pg_running "$link" && die "the cluster in $link runs but the postgres user cannot reach it"
  log "The postgres user cannot reach $STATE (a parent folder is private), so the cluster lives in $outside"
  log "($link points there; delete ./.leadgrid to start from scratch, as always)"
  mkdir -p "$OUTSIDE_ROOT"
  mkdir -m 700 "$(dirname "$outside")"
  if [[ -f "$link/PG_VERSION" ]]; then mv "$link" "$outside"; else rmdir "$link"; mkdir -m 700 "$outside"; fi
  own_for_pg "$(dirname "$outside")"
  ln -s "$outside" "$link"
  echo "$outside"
}

# run and migrate share the cluster; a command never stops a cluster it did not start. The command that started it
# owns it and stops it on exit, unless other commands still use it: then the owner hands it to one of them. A
# cluster whose owner died (kill -9) is adopted by the next command; one started by something else is never stopped.
CLUSTER_DATA=""
LOCK_FD=""

cluster_lock() { exec {LOCK_FD}>"$STATE/cluster.lock"; flock "$LOCK_FD"; }
cluster_unlock() { flock -u "$LOCK_FD"; exec {LOCK_FD}>&-; }

alive() { [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null && grep -q build.sh "/proc/$1/cmdline" 2>/dev/null; }

live_users() {
  local file pid
  for file in "$STATE"/cluster-users/*; do
    [[ -e "$file" ]] || continue
    pid=$(basename "$file")
    if [[ "$pid" != "$$" ]] && alive "$pid"; then echo "$pid"; else [[ "$pid" == "$$" ]] || rm -f "$file"; fi
  done
}

cluster_acquire() {
  local data="$1" port="$2" owner=""
  cluster_lock
  mkdir -p "$STATE/cluster-users"
  [[ -f "$STATE/cluster-owner" ]] && owner=$(cat "$STATE/cluster-owner")
  if ! pg_running "$data"; then
    pg_start "$data" "$port"
    echo "$$" >"$STATE/cluster-owner"
  elif [[ -n "$owner" ]] && ! alive "$owner"; then
    echo "$$" >"$STATE/cluster-owner" # its starter died without stopping it
  fi
  touch "$STATE/cluster-users/$$"
  CLUSTER_DATA="$data"
  cluster_unlock
}

cluster_release() {
  [[ -n "$CLUSTER_DATA" ]] || return 0
  cluster_lock
  rm -f "$STATE/cluster-users/$$"
  if [[ "$(cat "$STATE/cluster-owner" 2>/dev/null)" == "$$" ]]; then
    local next
    next=$(live_users | head -n 1)
    if [[ -n "$next" ]]; then
      echo "$next" >"$STATE/cluster-owner"
    else
      pg_stop "$CLUSTER_DATA"
      rm -f "$STATE/cluster-owner"
    fi
  fi
  CLUSTER_DATA=""
  cluster_unlock
}

# Starts (or joins) the embedded cluster and points ConnectionStrings__LeadGrid at it.
use_embedded_database() {
  local data
  data=$(embedded_data_dir)
  trap cluster_release EXIT
  cluster_acquire "$data" "$RUN_PORT"
  pg_ensure_db "$RUN_PORT" leadgrid
  export ConnectionStrings__LeadGrid="Host=127.0.0.1;Port=$RUN_PORT;Username=postgres;Database=leadgrid"
  log "Embedded PostgreSQL on 127.0.0.1:$RUN_PORT (data in $data)"
}

# --- targets --------------------------------------------------------------------------------------------------------

cmd_build() {
  dotnet build LeadGrid.sln -c "$CONFIG" -nologo -clp:ErrorsOnly "$@"
}

cmd_test() {
  local tmp port status=0
  ensure_node
  ensure_redis
  ensure_chromium
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
  # The committed contract must stay lint-clean (the snapshot test keeps the served document equal to it).
  if cmd_lint >&2; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi

  if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; fi
  echo "$passed passed, $failed failed"
  return "$status"
}

# ./build.sh lint: docs/openapi.v1.json against Redocly's recommended rules (redocly.yaml): 0 errors, 0 warnings.
cmd_lint() {
  ensure_npm
  local tools="$STATE/tools" redocly
  redocly="$tools/node_modules/.bin/redocly"
  if [[ ! -x "$redocly" || "$(cat "$tools/redocly.version" 2>/dev/null)" != "$REDOCLY_VERSION" ]]; then
    log "Installing @redocly/cli $REDOCLY_VERSION (npm, into .leadgrid/tools)"
    mkdir -p "$tools"
    npm install --prefix "$tools" --no-audit --no-fund --no-save --loglevel=error "@redocly/cli@$REDOCLY_VERSION" >&2
    echo "$REDOCLY_VERSION" >"$tools/redocly.version"
  fi
  log "Linting docs/openapi.v1.json (Redocly $REDOCLY_VERSION, recommended rules)"
  # No telemetry, no update check: the lint is about the document, and it runs offline once installed.
  local out rc=0
  out=$(REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
    "$redocly" lint docs/openapi.v1.json --config redocly.yaml --format stylish --max-problems 1000 "$@" 2>&1) || rc=$?
  grep -v -e '^ *[╔║╚]' -e '^[[:space:]]*$' <<<"$out" || true
  # Redocly fails on errors only; warnings count as failures here too.
  [[ $rc -eq 0 ]] && ! grep -qE '^[[:space:]]+[0-9]+:[0-9]+[[:space:]]+warning' <<<"$out"
}

# ./build.sh bench [api|webhooks] [options]: a throwaway cluster, the Release API as its own process, then the
# scenario's program. api (the default): a million-row data set, wrk scenarios beside a raw-Npgsql baseline server and
# pgbench; results in bench/results/<date>.md. webhooks: delivery throughput and latency; results in
# bench/results/webhooks.md. Options go to the program (--scale 0.1, --seconds 5, --runs 1 for a quick look).
cmd_bench() {
  local scenario=api tmp port api_port baseline_port connection out
  if [[ $# -gt 0 && "$1" != --* ]]; then scenario="$1"; shift; fi
  [[ "$scenario" == api || "$scenario" == webhooks ]] || die "unknown bench scenario '$scenario'; use api or webhooks"
  [[ "$scenario" != api ]] || ensure_command wrk wrk "the benchmark's load generator"
  tmp=$(mktemp -d /tmp/leadgrid-bench.XXXXXX)
  chmod 755 "$tmp"
  port=$(free_port)
  api_port=$(free_port)
  baseline_port=$(free_port)
  BENCH_PIDS=""
  trap "[[ -z \"\$BENCH_PIDS\" ]] || kill \$BENCH_PIDS 2>/dev/null; wait 2>/dev/null; pg_stop '$tmp/pgdata'; rm -rf '$tmp'" EXIT
  pg_start "$tmp/pgdata" "$port" bench
  pg_ensure_db "$port" leadgrid_bench
  connection="Host=127.0.0.1;Port=$port;Username=postgres;Database=leadgrid_bench"
  cmd_build
  log "API on 127.0.0.1:$api_port, database on 127.0.0.1:$port, log in $tmp/api.log"
  # The limiter runs as always, with a budget the load cannot exhaust: its cost is part of what is measured.
  ConnectionStrings__LeadGrid="$connection" Admin__Token=bench-operator-token Webhooks__AllowPrivateTargets=true \
    RateLimits__growth__PerMinute=1000000000 Storage__Root="$tmp/files" dotnet "src/Api/bin/$CONFIG/net10.0/LeadGrid.Api.dll" --urls "http://127.0.0.1:$api_port" \
    >"$tmp/api.log" 2>&1 &
  local api_pid=$!
  BENCH_PIDS="$api_pid"
  for _ in $(seq 1 60); do
    curl -fs "http://127.0.0.1:$api_port/health/ready" >/dev/null 2>&1 && break
    kill -0 "$api_pid" 2>/dev/null || { cat "$tmp/api.log" >&2; die "the API did not start"; }
    sleep 1
  done
  mkdir -p bench/results
  local program="bench/LeadGrid.Bench/bin/$CONFIG/net10.0/LeadGrid.Bench.dll"
  if [[ "$scenario" == webhooks ]]; then
    dotnet "$program" webhooks --api "http://127.0.0.1:$api_port" --admin-token bench-operator-token \
      --connection "$connection" --out bench/results/webhooks.md "$@"
    return
  fi
  dotnet "$program" baseline --connection "$connection" --urls "http://127.0.0.1:$baseline_port" >"$tmp/baseline.log" 2>&1 &
  local baseline_pid=$!
  BENCH_PIDS="$api_pid $baseline_pid"
  for _ in $(seq 1 60); do
    curl -fs "http://127.0.0.1:$baseline_port/plaintext" >/dev/null 2>&1 && break
    kill -0 "$baseline_pid" 2>/dev/null || { cat "$tmp/baseline.log" >&2; die "the baseline server did not start"; }
    sleep 1
  done
  out="bench/results/$(date -u +%Y-%m-%d).md"
  dotnet "$program" api --api "http://127.0.0.1:$api_port" --admin-token bench-operator-token --connection "$connection" \
    --api-pid "$api_pid" --baseline "http://127.0.0.1:$baseline_port" --baseline-pid "$baseline_pid" --out "$out" "$@"
}

cmd_run() {
  mkdir -p "$ROOT/.leadgrid"
  if [[ -z "${ConnectionStrings__LeadGrid:-}" ]]; then
    trap 'exit 130' INT TERM
    use_embedded_database
  fi
  if [[ -z "${Admin__Token:-}" ]]; then
    [[ -s "$ROOT/.leadgrid/admin-token" ]] || (umask 077; head -c 32 /dev/urandom | base64 | tr -d '/+=\n' > "$ROOT/.leadgrid/admin-token")
    export Admin__Token
    Admin__Token=$(cat "$ROOT/.leadgrid/admin-token")
    log "Operator API enabled; its token is in .leadgrid/admin-token"
  fi
  export Demo__Seed="${Demo__Seed:-true}"
  # A local server sends webhooks to local receivers; servers started otherwise refuse private targets.
  export Webhooks__AllowPrivateTargets="${Webhooks__AllowPrivateTargets:-true}"
  # The local server speaks plain http: its Settings session cookie cannot be Secure-only there.
  export Session__SecureCookie="${Session__SecureCookie:-false}"
  export Storage__Root="${Storage__Root:-$ROOT/.leadgrid/files}"
  dotnet run --project src/Api -c "$CONFIG" -- --urls "$API_URL" "$@"
}

cmd_migrate() {
  if [[ -z "${ConnectionStrings__LeadGrid:-}" ]]; then
    trap 'exit 130' INT TERM
    use_embedded_database
  fi
  dotnet run --project migrations -c "$CONFIG" -- "${@:-up}" --connection "$ConnectionStrings__LeadGrid"
}

cmd_help() {
  cat <<'EOF'
Usage: ./build.sh <target> [arguments]

  run                         serve the API on $LEADGRID_URL (default http://127.0.0.1:5080) with an embedded
                              PostgreSQL (port $LEADGRID_PG_PORT, default 54329; data in ./.leadgrid)
  test [dotnet test options]  build and run every test on a throwaway PostgreSQL; ends with "N passed, N failed"
                              (e.g. --filter FullyQualifiedName~ContactTests)
  build                       build the solution ($CONFIGURATION, default Release)
  migrate [up | down <version> | list]
                              the migration runner, on the embedded database unless ConnectionStrings__LeadGrid is set
  bench [api | webhooks] [--scale S] [--seconds N] [--runs N]
                              the benchmark harness on a throwaway database; results in bench/results/
  lint                        check docs/openapi.v1.json against Redocly's recommended rules (0 errors, 0 warnings)
  help                        this text

Set ConnectionStrings__LeadGrid to use your own database for run and migrate. See README.md.
EOF
}

target="${1:-help}"
shift || true
case "$target" in
  build) cmd_build "$@" ;;
  test) cmd_test "$@" ;;
  run) cmd_run "$@" ;;
  migrate) cmd_migrate "$@" ;;
  bench) cmd_bench "$@" ;;
  lint) cmd_lint "$@" ;;
  help | -h | --help) cmd_help ;;
  *) cmd_help >&2; die "unknown target '$target'" ;;
esac
