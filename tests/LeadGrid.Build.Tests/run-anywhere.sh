#!/usr/bin/env bash
# The README's run command tried from a fresh clone, as a new user would (issue 7):
#
#   run-anywhere.sh private-root    as root, in a mode-700 folder owned by root (like root's home or a mktemp -d folder)
#   run-anywhere.sh user [NAME]     as the non-root user NAME (as root), or as the current non-root user
#
# Each: ./build.sh run until /health answers and the key it prints gets 200 on /api/v1/flows; ./build.sh migrate list
# beside it, after which the server still answers; Ctrl+C (SIGINT to the process group, as a terminal sends it) stops
# the server and the cluster; a second run reuses the data (the first key still works); after deleting ./.leadgrid a
# third run starts from scratch (a new key). Everything it made is removed at the end. Exit 0 when every check held.
set -euo pipefail
set -m # background jobs get their own process group, so SIGINT reaches the whole run as Ctrl+C would

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MODE="${1:?usage: run-anywhere.sh private-root | user [NAME]}"
USER_NAME="${2:-}"

step() { printf '\n--- %s\n' "$*"; }
fail() { printf '\nFAILED: %s\n' "$*"; exit 1; }
check() { local what="$1"; shift; if "$@"; then printf 'ok: %s\n' "$what"; else fail "$what"; fi; }

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  fail "no free port"
}

# --- the folder, the user and the clone ---------------------------------------------------------------------------

WORK=$(mktemp -d /tmp/leadgrid-anywhere.XXXXXX) # mode 700, owned by whoever runs this
CLONE="" RUN_PID="" DATA=""
AS=()

cleanup() {
  set +e
  if [[ -n "$RUN_PID" ]] && kill -0 "$RUN_PID" 2>/dev/null; then
    kill -INT -- "-$RUN_PID" 2>/dev/null; sleep 5; kill -KILL -- "-$RUN_PID" 2>/dev/null
  fi
  for data in "$DATA" "$CLONE/.leadgrid/pgdata"; do
    [[ -n "$data" && -f "$data/postmaster.pid" ]] || continue
    local owner bin
    owner=$(stat -c %U "$data"); bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    if [[ $(id -u) -eq 0 ]]; then (cd / && runuser -u "$owner" -- "$bin/pg_ctl" -D "$data" -m immediate stop >/dev/null)
    else "$bin/pg_ctl" -D "$data" -m immediate stop >/dev/null; fi
  done
  if [[ -n "$CLONE" && -L "$CLONE/.leadgrid/pgdata" ]]; then
    DATA=$(readlink "$CLONE/.leadgrid/pgdata")
  fi
  if [[ "$DATA" == /var/lib/leadgrid/*/pgdata ]]; then
    rm -rf "$(dirname "$DATA")"
    rmdir /var/lib/leadgrid 2>/dev/null
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

case "$MODE" in
  private-root)
    [[ $(id -u) -eq 0 ]] || fail "private-root needs root"
    check "the folder is mode 700 and owned by root" test "$(stat -c '%a %U' "$WORK")" = "700 root"
    CLONE="$WORK/leadgrid"
    RUN_HOME="$HOME"
    ;;
  user)
    if [[ $(id -u) -eq 0 ]]; then
      [[ -n "$USER_NAME" ]] || fail "as root, name the non-root user"
      chmod 755 "$WORK"
      mkdir "$WORK/home"
      chown "$USER_NAME:" "$WORK/home"
      AS=(runuser -u "$USER_NAME" --)
      RUN_HOME="$WORK/home"
      # The user gets its own NuGet folder, seeded from ours so its restore needs no network.
      packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
      if [[ -d "$packages" ]]; then cp -a "$packages" "$WORK/nuget"; chown -R "$USER_NAME:" "$WORK/nuget"; fi
    else
      RUN_HOME="$HOME"
    fi
    CLONE="$WORK/leadgrid"
    ;;
  *) fail "unknown mode '$MODE'" ;;
esac

step "clone $REPO into $CLONE"
clone() {
  if git -C "$REPO" rev-parse --git-dir >/dev/null 2>&1; then
    git clone -q "$REPO" "$CLONE"
    # Uncommitted changes too, so a developer's run checks what is in the working tree (a CI checkout has none).
    git -C "$REPO" diff HEAD --binary >"$WORK/changes.patch"
    if [[ -s "$WORK/changes.patch" ]]; then git -C "$CLONE" apply --binary "$WORK/changes.patch"; fi
    (cd "$REPO" && git ls-files -z --others --exclude-standard | xargs -0r cp --parents -t "$CLONE")
  else
    mkdir "$CLONE"
    tar -C "$REPO" --exclude=bin --exclude=obj --exclude=.leadgrid --exclude=TestResults -cf - . | tar -C "$CLONE" -xf -
  fi
  if [[ ${#AS[@]} -gt 0 ]]; then chown -R "$USER_NAME:" "$CLONE"; fi
}
clone
check "the clone has build.sh" test -x "$CLONE/build.sh"

PG_PORT=$(free_port)
API_PORT=$(free_port)
API="http://127.0.0.1:$API_PORT"
ENVIRONMENT=(env -i "PATH=$PATH" "HOME=$RUN_HOME" "LANG=C.UTF-8" "LEADGRID_PG_PORT=$PG_PORT" "LEADGRID_URL=$API"
  DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
  # No build servers outliving the run (they would hold the clone and write into the removed home).
  MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 UseSharedCompilation=false)
[[ -d "$WORK/nuget" ]] && ENVIRONMENT+=("NUGET_PACKAGES=$WORK/nuget")

# --- helpers ----------------------------------------------------------------------------------------------------------

build_sh() { (cd "$CLONE" && "${AS[@]}" "${ENVIRONMENT[@]}" ./build.sh "$@"); }

start_run() {
  LOG="$WORK/run-$1.log"
  (cd "$CLONE" && exec "${AS[@]}" "${ENVIRONMENT[@]}" ./build.sh run) >"$LOG" 2>&1 &
  RUN_PID=$!
}

status_of() { curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@" || true; }

wait_until_serving() {
  local deadline=$((SECONDS + 420))
  until [[ "$(status_of "$API/health")" == 200 ]]; do
    kill -0 "$RUN_PID" 2>/dev/null || { cat "$LOG"; fail "./build.sh run exited before serving"; }
    ((SECONDS < deadline)) || { cat "$LOG"; fail "no answer on $API/health within 7 minutes"; }
    sleep 1
  done
  printf 'ok: /health answers after %s s\n' "$SECONDS"
}

key_in_log() { grep -o 'lg_live_[A-Za-z0-9]*' "$LOG" | head -n 1 || true; }

stop_run() { # Ctrl+C
  kill -INT -- "-$RUN_PID"
  local deadline=$((SECONDS + 60))
  while kill -0 "$RUN_PID" 2>/dev/null; do
    ((SECONDS < deadline)) || { cat "$LOG"; fail "./build.sh run did not stop within 60 s of Ctrl+C"; }
    sleep 0.5
  done
  wait "$RUN_PID" 2>/dev/null || true
  RUN_PID=""
}

cluster_stopped() { [[ ! -f "$DATA/postmaster.pid" ]]; }

# --- the run --------------------------------------------------------------------------------------------------------

step "first ./build.sh run"
start_run first
wait_until_serving
KEY=$(key_in_log)
check "the run printed a demo key" test -n "$KEY"
check "the key gets 200 on /api/v1/flows" test "$(status_of -H "Authorization: Bearer $KEY" "$API/api/v1/flows")" = 200

if [[ "$MODE" == private-root ]]; then
  check "./.leadgrid/pgdata points outside the private folder" test -L "$CLONE/.leadgrid/pgdata"
  DATA=$(readlink "$CLONE/.leadgrid/pgdata")
  check "the cluster lives under /var/lib/leadgrid ($DATA)" test "${DATA#/var/lib/leadgrid/}" != "$DATA"
  check "the cluster is owned by postgres" test "$(stat -c %U "$DATA")" = postgres
  check "the run printed where the cluster lives" grep -q "cluster lives in $DATA" "$LOG"
  check "the private folder was left as it was" test "$(stat -c '%a %U' "$WORK")" = "700 root"
else
  DATA="$CLONE/.leadgrid/pgdata"
  check "the cluster lives in the clone" test -f "$DATA/PG_VERSION" -a ! -L "$DATA"
  expected_owner=$([[ ${#AS[@]} -eq 0 ]] && id -un || echo "$USER_NAME")
  check "the cluster belongs to $expected_owner" test "$(stat -c %U "$DATA")" = "$expected_owner"
fi

step "./build.sh migrate list beside the running server"
build_sh migrate list >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log"; fail "./build.sh migrate list failed"; }
check "migrate list names the migrations" grep -q "M0001_Organizations" "$WORK/migrate.log"
check "the server still reaches its database" test "$(status_of "$API/health/ready")" = 200
check "the key still gets 200 on /api/v1/flows" test "$(status_of -H "Authorization: Bearer $KEY" "$API/api/v1/flows")" = 200

step "Ctrl+C"
stop_run
check "the cluster stopped with the server that started it" cluster_stopped

step "second ./build.sh run: the data survived"
start_run second
wait_until_serving
check "no new key was printed" test -z "$(key_in_log)"
check "the first key still gets 200" test "$(status_of -H "Authorization: Bearer $KEY" "$API/api/v1/flows")" = 200
stop_run
check "the cluster stopped again" cluster_stopped

step "delete ./.leadgrid, third ./build.sh run: from scratch"
rm -rf "$CLONE/.leadgrid"
start_run third
wait_until_serving
NEW_KEY=$(key_in_log)
check "a new demo key was printed" test -n "$NEW_KEY" -a "$NEW_KEY" != "$KEY"
check "the old key is gone with the old data" test "$(status_of -H "Authorization: Bearer $KEY" "$API/api/v1/flows")" = 401
check "the new key gets 200" test "$(status_of -H "Authorization: Bearer $NEW_KEY" "$API/api/v1/flows")" = 200
[[ "$MODE" != private-root ]] || check "the new cluster is in the same place" test "$(readlink "$CLONE/.leadgrid/pgdata")" = "$DATA"
stop_run
check "the cluster stopped" cluster_stopped

printf '\nPASSED: %s\n' "$MODE${USER_NAME:+ as $USER_NAME}"
