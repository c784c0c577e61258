#!/usr/bin/env bash
# Throughput and latency of the PostgreSQL data path: pgbench select-only against PostgreSQL directly,
# through PgBouncer (session mode) and through Gatehouse, alternating the targets round by round.
#
#   bench/pgbench.sh [--rounds N] [--duration S] [--mode extended|simple|latency|all]
#                    [--warmup S] [--token keycloak|gatehouse] [--skip-gatehouse] [--guarded]
#
#   --rounds N        rounds per mode; each round runs every target once (default 3)
#   --duration S      seconds per pgbench run (default 20)
#   --mode M          extended: -M extended -c 8 -j 2; simple: -M simple -c 8 -j 2;
#                     latency: -M extended -c 1 -j 1; all: the three in turn (default)
#   --warmup S        an unrecorded run per target and mode before the rounds (default 5, 0: none)
#   --token T         the gateway password: a Keycloak access token (default) or a Gatehouse ght_ token
#   --skip-gatehouse  direct and PgBouncer only
#   --guarded         one more target: Gatehouse on the connection bench_guarded, the same server with
#                     the guardrail packs no-destructive-ddl, no-unbounded-writes and no-server-file-access
#                     (every statement parsed, or served from the parse cache, and decided)
#
# Environment: BENCH_PG_HOST/PORT/USER/DB/PASSWORD (127.0.0.1, 5432, postgres, gatehouse_bench, none),
# BENCH_SCALE (10), BENCH_SSLMODE (disable), BENCH_PGBOUNCER_PORT (16432), GATEHOUSE_HTTP_PORT (8080),
# GATEHOUSE_PG_PORT (15432), KEYCLOAK_URL or KEYCLOAK_PORT (8180), BENCH_KEEP_WORK=1 keeps the temp folder.
# A Markdown summary is written to bench/results/<UTC timestamp>.md.
set -euo pipefail

COMMAND_LINE="$(printf '%q ' "$0" "$@")"
COMMAND_LINE="${COMMAND_LINE% }"
# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ROUNDS=3
DURATION=20
MODE=all
WARMUP=5
TOKEN_KIND=keycloak
SKIP_GATEHOUSE=0
GUARDED=0

usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }

positive() {
  if ! [[ "$2" =~ ^[0-9]+$ ]] || [ "$2" -lt "${3:-1}" ]; then
    die "$1 needs a whole number >= ${3:-1}, not '$2'"
  fi
}

while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) positive "$1" "${2:-}"; ROUNDS="$2"; shift 2 ;;
    --duration) positive "$1" "${2:-}"; DURATION="$2"; shift 2 ;;
    --warmup) positive "$1" "${2:-}" 0; WARMUP="$2"; shift 2 ;;
    --mode)
      case "${2:-}" in extended|simple|latency|all) MODE="$2" ;; *) die "--mode is extended, simple, latency or all" ;; esac
      shift 2 ;;
    --token)
      case "${2:-}" in keycloak|gatehouse) TOKEN_KIND="$2" ;; *) die "--token is keycloak or gatehouse" ;; esac
      shift 2 ;;
    --skip-gatehouse) SKIP_GATEHOUSE=1; shift ;;
    --guarded) GUARDED=1; shift ;;
    -h|--help) usage 0 ;;
    *) printf 'bench: unknown argument %s\n\n' "$1" >&2; usage 2 ;;
  esac
done

if [ "$MODE" = all ]; then MODES=(extended simple latency); else MODES=("$MODE"); fi
TARGETS=(direct pgbouncer)
[ "$SKIP_GATEHOUSE" = 1 ] || TARGETS+=(gatehouse)
[ "$SKIP_GATEHOUSE" = 1 ] || [ "$GUARDED" = 0 ] || TARGETS+=(guarded)

# pgbench options of a mode, in MODE_ARGS.
mode_args() {
  case "$1" in
    extended) MODE_ARGS=(-M extended -c 8 -j 2) ;;
    simple) MODE_ARGS=(-M simple -c 8 -j 2) ;;
    latency) MODE_ARGS=(-M extended -c 1 -j 1) ;;
  esac
}

# One pgbench run. Args: target, mode, seconds. Sets RUN_TPS, RUN_LAT (ms) and RUN_FAILED.
run_pgbench() {
  local target="$1" seconds="$3" host port user password out
  mode_args "$2"
  case "$target" in
    direct) host="$BENCH_PG_HOST" port="$BENCH_PG_PORT" user="$BENCH_PG_USER" password="$BENCH_PG_PASSWORD" ;;
    pgbouncer) host=127.0.0.1 port="$PGB_PORT" user="$BENCH_PG_USER" password="" ;;
    # A fresh token per run: Keycloak's dev realm issues 5-minute access tokens.
    gatehouse) host=127.0.0.1 port="$GATEHOUSE_PG_PORT" user=bench password="$(client_token "$TOKEN_KIND")"
               CLIENT_TOKEN_CHARS="${#password}" ;;
    guarded) host=127.0.0.1 port="$GATEHOUSE_PG_PORT" user=bench_guarded password="$(client_token "$TOKEN_KIND")" ;;
  esac
  if ! out="$(PGPASSWORD="$password" PGSSLMODE="$BENCH_SSLMODE" pgbench -n -S "${MODE_ARGS[@]}" -T "$seconds" \
      -h "$host" -p "$port" -U "$user" "$BENCH_PG_DB" 2>&1)"; then
    printf '%s\n' "$out" | tail -8 >&2
    die "pgbench against $target failed (output above)"
  fi
  RUN_TPS="$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)$/\1/p' <<<"$out")"
  [ -z "$RUN_TPS" ] || RUN_TPS="$(printf '%.1f' "$RUN_TPS")"
  RUN_LAT="$(sed -n 's/^latency average = \([0-9.]*\) ms$/\1/p' <<<"$out")"
  RUN_FAILED="$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' <<<"$out")"
  if [ -z "$RUN_TPS" ] || [ -z "$RUN_LAT" ]; then
    printf '%s\n' "$out" >&2
    die "could not read tps and latency from pgbench's output"
  fi
}

# median FORMAT VALUE...
median() {
  local format="$1"
  shift
  printf '%s\n' "$@" | sort -g | awk -v f="$format" '{ v[NR] = $1 } END {
    if (NR == 0) exit; if (NR % 2) printf f, v[(NR + 1) / 2]; else printf f, (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# a/b with two decimals, or a dash when either is missing.
ratio() {
  if [ -z "$1" ] || [ -z "$2" ]; then printf -- '-'; return; fi
  awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) printf "-"; else printf "%.2f", a / b }'
}

# (a - b) ms as microseconds, signed.
added_us() {
  if [ -z "$1" ] || [ -z "$2" ]; then printf -- '-'; return; fi
  awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.0f µs", (a - b) * 1000 }'
}

bench_init
command -v pgbench >/dev/null 2>&1 || die "needs pgbench (Debian: apt-get install postgresql)"
need_command pgbouncer pgbouncer
[ "$SKIP_GATEHOUSE" = 1 ] || need_command jq jq

STARTED_AT="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
LOAD_START="$(cut -d' ' -f1 /proc/loadavg)"
echo "command: $COMMAND_LINE"
SUMMARY="$(machine_summary)"
echo "$SUMMARY"
echo "- settings: ${ROUNDS} rounds x ${DURATION} s per target and mode, warm-up ${WARMUP} s, scale ${BENCH_SCALE}, sslmode ${BENCH_SSLMODE}"

ensure_pgbench_tables
start_pgbouncer session session "$BENCH_PGBOUNCER_PORT" 20
say "PgBouncer (session mode) on 127.0.0.1:$PGB_PORT"
CLIENT_TOKEN_CHARS=""
if [ "$SKIP_GATEHOUSE" = 0 ]; then
  ensure_gateway
  upsert_connection bench "$BENCH_PG_HOST" "$BENCH_PG_PORT" "$BENCH_PG_DB" "$BENCH_PG_USER"
  if [ "$GUARDED" = 1 ]; then
    upsert_connection bench_guarded "$BENCH_PG_HOST" "$BENCH_PG_PORT" "$BENCH_PG_DB" "$BENCH_PG_USER"
    ensure_guardrail_packs bench_guarded no-destructive-ddl no-unbounded-writes no-server-file-access
  fi
fi

declare -A TPS LAT
for mode in "${MODES[@]}"; do
  mode_args "$mode"
  if [ "$WARMUP" -gt 0 ]; then
    for target in "${TARGETS[@]}"; do
      say "[$mode] warm-up $target (${WARMUP} s)"
      run_pgbench "$target" "$mode" "$WARMUP"
    done
  fi
  for round in $(seq 1 "$ROUNDS"); do
    for target in "${TARGETS[@]}"; do
      run_pgbench "$target" "$mode" "$DURATION"
      TPS[$mode,$target]="${TPS[$mode,$target]:-} $RUN_TPS"
      LAT[$mode,$target]="${LAT[$mode,$target]:-} $RUN_LAT"
      note=""
      [ "${RUN_FAILED:-0}" = 0 ] || note=", $RUN_FAILED failed transactions"
      say "[$mode] round $round/$ROUNDS $target: $RUN_TPS tps, $RUN_LAT ms$note"
    done
  done
done

# ---------------------------------------------------------------------------------------------
# Report: a plain table on stdout, the same as Markdown in bench/results/.

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
# Other work on the machine is the main source of noise: show how busy it was.
LOAD_NOTE="1-minute load average $LOAD_START at the start, $(cut -d' ' -f1 /proc/loadavg) at the end, on $(nproc) cores"
mkdir -p "$BENCH_DIR/results"
RESULT_FILE="$BENCH_DIR/results/$STAMP.md"
token_note="not measured (--skip-gatehouse)"
if [ "$SKIP_GATEHOUSE" = 0 ]; then
  if [ "$TOKEN_KIND" = keycloak ]; then
    token_note="Keycloak access token of $BENCH_AGENT_ID (${CLIENT_TOKEN_CHARS} characters) in PGPASSWORD"
  else
    token_note="Gatehouse token (ght_..., ${CLIENT_TOKEN_CHARS} characters) of $BENCH_AGENT_ID in PGPASSWORD"
  fi
fi

{
  echo "### pgbench select-only, $STARTED_AT"
  echo
  echo "- command: \`$COMMAND_LINE\`"
  echo "$SUMMARY"
  echo "- each figure is the median of $ROUNDS rounds of ${DURATION} s, targets alternating round by round; scale $BENCH_SCALE, sslmode $BENCH_SSLMODE, PgBouncer in session mode"
  echo "- Gatehouse: $token_note"
  echo "- $LOAD_NOTE"
  echo
  echo "| mode | target | TPS (median) | latency ms (median) | TPS per round |"
  echo "|---|---|---:|---:|---|"
} >"$RESULT_FILE"

printf '\n%-9s %-10s %14s %14s   %s\n' mode target "TPS median" "latency ms" "TPS per round"
declare -A MED_TPS MED_LAT
for mode in "${MODES[@]}"; do
  mode_args "$mode"
  for target in "${TARGETS[@]}"; do
    # shellcheck disable=SC2086  # the per-round lists are space-separated numbers
    MED_TPS[$mode,$target]="$(median %.1f ${TPS[$mode,$target]})"
    # shellcheck disable=SC2086
    MED_LAT[$mode,$target]="$(median %.3f ${LAT[$mode,$target]})"
    rounds="${TPS[$mode,$target]# }"
    printf '%-9s %-10s %14s %14s   %s\n' "$mode" "$target" "${MED_TPS[$mode,$target]}" "${MED_LAT[$mode,$target]}" "$rounds"
    # shellcheck disable=SC2016  # the backticks are Markdown
    printf '| %s `%s` | %s | %s | %s | %s |\n' "$mode" "${MODE_ARGS[*]}" "$target" "${MED_TPS[$mode,$target]}" \
      "${MED_LAT[$mode,$target]}" "$rounds" >>"$RESULT_FILE"
  done
done

{
  echo
  echo "| mode | gatehouse/direct TPS | gatehouse/pgbouncer TPS | pgbouncer/direct TPS | latency added by Gatehouse vs direct | Gatehouse vs PgBouncer | PgBouncer vs direct |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
} >>"$RESULT_FILE"
printf '\n%-9s %17s %20s %17s %16s %16s %16s\n' mode "gatehouse/direct" "gatehouse/pgbouncer" "pgbouncer/direct" \
  "gh added lat." "gh vs pgbouncer" "pgb vs direct"
for mode in "${MODES[@]}"; do
  d_tps="${MED_TPS[$mode,direct]}" p_tps="${MED_TPS[$mode,pgbouncer]}" g_tps="${MED_TPS[$mode,gatehouse]:-}"
  d_lat="${MED_LAT[$mode,direct]}" p_lat="${MED_LAT[$mode,pgbouncer]}" g_lat="${MED_LAT[$mode,gatehouse]:-}"
  cols=("$(ratio "$g_tps" "$d_tps")" "$(ratio "$g_tps" "$p_tps")" "$(ratio "$p_tps" "$d_tps")" \
        "$(added_us "$g_lat" "$d_lat")" "$(added_us "$g_lat" "$p_lat")" "$(added_us "$p_lat" "$d_lat")")
  printf '%-9s %17s %20s %17s %16s %16s %16s\n' "$mode" "${cols[@]}"
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$mode" "${cols[@]}" >>"$RESULT_FILE"
done
if [ "$GUARDED" = 1 ] && [ "$SKIP_GATEHOUSE" = 0 ]; then
  {
    echo
    echo "| mode | guarded/gatehouse TPS (guardrails on vs off) | guarded/pgbouncer TPS | latency added by guardrails |"
    echo "|---|---:|---:|---:|"
  } >>"$RESULT_FILE"
  printf '\n%-9s %22s %22s %22s\n' mode "guarded/gatehouse" "guarded/pgbouncer" "guardrails added lat."
  for mode in "${MODES[@]}"; do
    cols=("$(ratio "${MED_TPS[$mode,guarded]}" "${MED_TPS[$mode,gatehouse]}")" "$(ratio "${MED_TPS[$mode,guarded]}" "${MED_TPS[$mode,pgbouncer]}")" \
          "$(added_us "${MED_LAT[$mode,guarded]}" "${MED_LAT[$mode,gatehouse]}")")
    printf '%-9s %22s %22s %22s\n' "$mode" "${cols[@]}"
    printf '| %s | %s | %s | %s |\n' "$mode" "${cols[@]}" >>"$RESULT_FILE"
  done
fi
echo
echo "$LOAD_NOTE"
echo "Ratios are of medians taken in this run; TPS ratios below 1 and positive added latency are the proxy's cost."
echo "Markdown summary: ${RESULT_FILE#"$ROOT"/}"
