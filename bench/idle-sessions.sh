#!/usr/bin/env bash
# Memory per idle session: opens N sessions through the gateway, each runs "select 1" and then stays
# idle, and compares the gateway JVM's RSS, heap in use (after a full GC) and threads before, during
# and after.
#
#   bench/idle-sessions.sh [--sessions N] [--hold S] [--against gatehouse|pgbouncer] [--token keycloak|gatehouse]
#
#   --sessions N   concurrent idle sessions (default 200)
#   --hold S       how long each session stays open (default 30)
#   --against X    gatehouse (default), or pgbouncer: the same measurement of a PgBouncer process, as a
#                  reference point and to try the script without a gateway
#   --token T      the gateway password: Keycloak access token (default) or Gatehouse ght_ token
#
# Behind the gateway sits a throwaway PgBouncer in transaction mode, so N sessions do not need
# max_connections >= N on the target; what is measured is the gateway process alone.
# Environment: as bench/pgbench.sh (BENCH_PG_*, GATEHOUSE_*_PORT, KEYCLOAK_URL, BENCH_SSLMODE).
# A Markdown summary is written to bench/results/<UTC timestamp>-idle-<against>.md.
set -euo pipefail

COMMAND_LINE="$(printf '%q ' "$0" "$@")"
COMMAND_LINE="${COMMAND_LINE% }"
# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SESSIONS=200
HOLD=30
AGAINST=gatehouse
TOKEN_KIND=keycloak

usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --sessions|--hold)
      if ! [[ "${2:-}" =~ ^[1-9][0-9]*$ ]]; then die "$1 needs a whole number >= 1"; fi
      if [ "$1" = --sessions ]; then SESSIONS="$2"; else HOLD="$2"; fi
      shift 2 ;;
    --against)
      case "${2:-}" in gatehouse|pgbouncer) AGAINST="$2" ;; *) die "--against is gatehouse or pgbouncer" ;; esac
      shift 2 ;;
    --token)
      case "${2:-}" in keycloak|gatehouse) TOKEN_KIND="$2" ;; *) die "--token is keycloak or gatehouse" ;; esac
      shift 2 ;;
    -h|--help) usage 0 ;;
    *) printf 'bench: unknown argument %s\n\n' "$1" >&2; usage 2 ;;
  esac
done
[ "$HOLD" -ge 10 ] || die "--hold must be at least 10 seconds, to measure while the sessions are idle"

# A sample of the measured process: S_RSS and S_HEAP in KiB (heap empty when not a JVM), S_THREADS,
# S_SESSIONS (established client connections on the listener).
sample() {
  if [ -n "$JCMD" ]; then
    # Measure what is retained, not garbage that happens to be uncollected.
    "$JCMD" "$PID" GC.run >/dev/null 2>&1 || true
    sleep 1
  fi
  kill -0 "$PID" 2>/dev/null || die "the measured process ($PID) is gone"
  S_RSS="$(ps -o rss= -p "$PID" | tr -d ' ')"
  S_THREADS="$(ps -o nlwp= -p "$PID" | tr -d ' ')"
  S_HEAP=""
  if [ -n "$JCMD" ]; then
    S_HEAP="$("$JCMD" "$PID" GC.heap_info 2>/dev/null | grep -o 'used [0-9]*K' | head -1 | tr -dc '0-9' || true)"
  fi
  S_SESSIONS="$(ss -Htn state established "( sport = :$PORT )" | wc -l)"
}

mib() { if [ -n "$1" ]; then awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; else printf -- '-'; fi; }
per_session() {
  if [ -n "$1" ] && [ -n "$2" ]; then awk -v a="$1" -v b="$2" -v n="$SESSIONS" 'BEGIN { printf "%.1f KiB", (b - a) / n }'
  else printf -- '-'; fi
}

bench_init
command -v pgbench >/dev/null 2>&1 || die "needs pgbench (Debian: apt-get install postgresql)"
need_command pgbouncer pgbouncer
[ "$AGAINST" = pgbouncer ] || need_command jq jq

STARTED_AT="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "command: $COMMAND_LINE"
SUMMARY="$(machine_summary)"
echo "$SUMMARY"
ensure_database

JCMD=""
if [ "$AGAINST" = gatehouse ]; then
  start_pgbouncer upstream transaction "$((BENCH_PGBOUNCER_PORT + 1))" 10
  say "upstream: PgBouncer (transaction mode) on 127.0.0.1:$PGB_PORT in front of $BENCH_PG_HOST:$BENCH_PG_PORT"
  ensure_gateway
  upsert_connection bench-idle 127.0.0.1 "$PGB_PORT" "$BENCH_PG_DB" "$BENCH_PG_USER"
  PID="$(gateway_pid)"
  PORT="$GATEHOUSE_PG_PORT"
  LOGIN_USER=bench-idle
  PASSWORD="$(client_token "$TOKEN_KIND")"
  candidate="$(dirname "$(readlink -f "/proc/$PID/exe")")/jcmd"
  if [ -x "$candidate" ]; then JCMD="$candidate"; elif command -v jcmd >/dev/null 2>&1; then JCMD="$(command -v jcmd)"; fi
  [ -n "$JCMD" ] || say "no jcmd found: heap figures are left out"
  MEASURED="the gateway JVM (pid $PID)"
else
  start_pgbouncer measured transaction "$((BENCH_PGBOUNCER_PORT + 1))" 10
  PID="$(cat "$PGB_PIDFILE")"
  PORT="$PGB_PORT"
  LOGIN_USER="$BENCH_PG_USER"
  PASSWORD=""
  MEASURED="PgBouncer $(pgbouncer_version), transaction mode (pid $PID)"
fi
say "measuring $MEASURED with $SESSIONS sessions held ${HOLD} s"

sample
B_RSS="$S_RSS" B_HEAP="$S_HEAP" B_THREADS="$S_THREADS" B_SESSIONS="$S_SESSIONS"

# One pgbench process holds every session: each runs one statement, then sleeps client-side, so the
# connection is open and idle on the gateway.
printf 'select 1;\n\\sleep %s s\n' "$HOLD" >"$WORK/idle.sql"
PGPASSWORD="$PASSWORD" PGSSLMODE="$BENCH_SSLMODE" pgbench -n -c "$SESSIONS" -j 4 -t 1 -f "$WORK/idle.sql" \
  -h 127.0.0.1 -p "$PORT" -U "$LOGIN_USER" "$BENCH_PG_DB" >"$WORK/idle-pgbench.log" 2>&1 &
CLIENT_PID=$!

deadline=$(( $(date +%s) + HOLD - 5 ))
while [ "$(ss -Htn state established "( sport = :$PORT )" | wc -l)" -lt "$((B_SESSIONS + SESSIONS))" ]; do
  if ! kill -0 "$CLIENT_PID" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
    tail -5 "$WORK/idle-pgbench.log" >&2
    die "not all $SESSIONS sessions opened in time (pgbench output above)"
  fi
  sleep 0.5
done
sleep 2
sample
D_RSS="$S_RSS" D_HEAP="$S_HEAP" D_THREADS="$S_THREADS" D_SESSIONS="$S_SESSIONS"

if ! wait "$CLIENT_PID"; then
  tail -5 "$WORK/idle-pgbench.log" >&2
  die "pgbench reported an error while the sessions were open"
fi
sleep 2
sample
A_RSS="$S_RSS" A_HEAP="$S_HEAP" A_THREADS="$S_THREADS" A_SESSIONS="$S_SESSIONS"

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$BENCH_DIR/results"
RESULT_FILE="$BENCH_DIR/results/$STAMP-idle-$AGAINST.md"
{
  echo "### Idle sessions, $STARTED_AT"
  echo
  echo "- command: \`$COMMAND_LINE\`"
  echo "$SUMMARY"
  echo "- measured: $MEASURED; heap is in use after a full GC (jcmd GC.run)"
  echo
  echo "| when | sessions | RSS MiB | heap used MiB | threads |"
  echo "|---|---:|---:|---:|---:|"
  echo "| before | $B_SESSIONS | $(mib "$B_RSS") | $(mib "$B_HEAP") | $B_THREADS |"
  echo "| $SESSIONS sessions idle | $D_SESSIONS | $(mib "$D_RSS") | $(mib "$D_HEAP") | $D_THREADS |"
  echo "| after they closed | $A_SESSIONS | $(mib "$A_RSS") | $(mib "$A_HEAP") | $A_THREADS |"
  echo
  echo "Per idle session: RSS $(per_session "$B_RSS" "$D_RSS"), heap $(per_session "$B_HEAP" "$D_HEAP")."
} >"$RESULT_FILE"

printf '\n%-22s %9s %10s %15s %8s\n' when sessions "RSS MiB" "heap used MiB" threads
printf '%-22s %9s %10s %15s %8s\n' before "$B_SESSIONS" "$(mib "$B_RSS")" "$(mib "$B_HEAP")" "$B_THREADS"
printf '%-22s %9s %10s %15s %8s\n' "$SESSIONS sessions idle" "$D_SESSIONS" "$(mib "$D_RSS")" "$(mib "$D_HEAP")" "$D_THREADS"
printf '%-22s %9s %10s %15s %8s\n' "after they closed" "$A_SESSIONS" "$(mib "$A_RSS")" "$(mib "$A_HEAP")" "$A_THREADS"
echo
echo "per idle session: RSS $(per_session "$B_RSS" "$D_RSS"), heap $(per_session "$B_HEAP" "$D_HEAP")"
echo "Markdown summary: ${RESULT_FILE#"$ROOT"/}"
