#!/usr/bin/env bash
# What masking costs on a big result: 1,000,000 rows x 5 columns (id, name, ssn, email, pan), three
# of them masked by column rules, streamed with psql (to /dev/null) and with pgjdbc (a cursor,
# fetchSize 1000), three ways:
#
#   direct    PostgreSQL itself
#   unmasked  through the gateway, connection bench_plain (no rules: the forwarding path)
#   masked    through the gateway, connection bench_masked (ssn, email, pan masked)
#   content   with --content: bench_content, the same plus every content detector on every text column
#
# The gateway runs in its own JVM (one event loop, -Xmx256m) and reports its live heap (what each
# collection left) before and at the peak of every run: growth must stay under 64 MiB whatever the
# result size, as nothing is buffered.
#
#   bench/masking-1m.sh [--rounds N] [--rows N] [--content]
#
# Needs PostgreSQL at BENCH_PG_HOST:BENCH_PG_PORT (127.0.0.1:5432) with user postgres trusted,
# psql, and a built proxy-module (mvn -o). Prints medians and ratios, and writes them to bench/results/.
set -euo pipefail
export LC_ALL=C

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS=3
ROWS=1000000
CONTENT=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --rows) ROWS="$2"; shift 2 ;;
    --content) CONTENT=1; shift ;;
    *) echo "bench: unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ && "$ROWS" =~ ^[1-9][0-9]*$ ]] || { echo "bench: --rounds and --rows are whole numbers" >&2; exit 2; }

PG_HOST="${BENCH_PG_HOST:-127.0.0.1}"
PG_PORT="${BENCH_PG_PORT:-5432}"
PG_USER="${BENCH_PG_USER:-postgres}"
DB="${BENCH_PG_DB:-gatehouse_bench}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$ROOT"

say() { printf 'bench: %s\n' "$*" >&2; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/gatehouse-masking-bench.XXXXXX")"
GW_PID=""
cleanup() {
  [ -n "$GW_PID" ] && kill "$GW_PID" 2>/dev/null && wait "$GW_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

say "building proxy-module test classes ..."
mvn -o -q -pl proxy-module test-compile
mvn -o -q -pl proxy-module dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp" >/dev/null
CP="proxy-module/target/test-classes:proxy-module/target/classes:$(cat "$WORK/cp")"

direct() { psql -X -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$@"; }
if ! direct -d postgres -Atc "select 1 from pg_database where datname = '$DB'" | grep -q 1; then
  direct -d postgres -c "create database $DB" >/dev/null
fi
HAVE="$(direct -d "$DB" -Atc "select count(*) from pg_class where relname = 'bench_rows'")"
if [ "$HAVE" = 0 ] || [ "$(direct -d "$DB" -Atc "select count(*) from bench_rows")" != "$ROWS" ]; then
  say "seeding bench_rows with $ROWS rows ..."
  direct -d "$DB" -c "drop table if exists bench_rows" >/dev/null
  direct -d "$DB" -c "create table bench_rows(id int primary key, name text, ssn text, email text, pan text)" >/dev/null
  direct -d "$DB" -c "insert into bench_rows select g, 'customer ' || g,
      lpad((100 + g % 600)::text, 3, '0') || '-' || lpad((1 + g % 98)::text, 2, '0') || '-' || lpad((1 + g % 9998)::text, 4, '0'),
      'user' || g || '@example.com', '4' || lpad(g::text, 15, '0')
      from generate_series(1, $ROWS) g" >/dev/null
  direct -d "$DB" -c "vacuum analyze bench_rows" >/dev/null
fi

GW_PORT=25432
while (exec 3<>"/dev/tcp/127.0.0.1/$GW_PORT") 2>/dev/null; do GW_PORT=$((GW_PORT + 1)); done
HEAP="$WORK/heap"
# BENCH_GATEWAY_OPTS=-Dbench.lineage=off runs the gateway without lineage (docs/adr/0018), for same-run ratios.
"$JAVA_HOME/bin/java" -Xmx256m -XX:+UseG1GC ${BENCH_GATEWAY_OPTS:-} -cp "$CP" dev.gatehouse.proxy.bench.MaskingBenchGateway \
  "$GW_PORT" "$PG_HOST" "$PG_PORT" "$DB" "$PG_USER" "$HEAP" >"$WORK/gateway.log" 2>&1 &
GW_PID=$!
for _ in $(seq 1 100); do
  grep -q "masking bench gateway on" "$WORK/gateway.log" 2>/dev/null && break
  sleep 0.2
done
grep -q "masking bench gateway on" "$WORK/gateway.log" || { cat "$WORK/gateway.log" >&2; echo "bench: the gateway did not start" >&2; exit 1; }

SQL="SELECT id, name, ssn, email, pan FROM bench_rows"
# port user: one psql run, milliseconds on stdout
psql_ms() {
  local start end
  start=$(date +%s%N)
  PGPASSWORD=bench psql -X -q -h 127.0.0.1 -p "$1" -U "$2" -d "$DB" -c "$SQL" >/dev/null
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
jdbc_ms() {
  "$JAVA_HOME/bin/java" -cp "$CP" dev.gatehouse.proxy.bench.MaskingBenchClient "$1" "$2" "$DB" 1000 "$SQL" | awk '{print $2}'
}
heap_reset() {
  touch "$HEAP.reset"
  for _ in $(seq 1 100); do [ -e "$HEAP.reset" ] || break; sleep 0.05; done
  sleep 0.2
}
heap_growth_mib() {
  sleep 0.2
  awk '{printf "%.1f", ($2 - $1) / 1048576}' "$HEAP"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

say "masking stage alone (one thread, $ROWS rows x 3 masked cells, 5 rounds) ..."
STAGE="$("$JAVA_HOME/bin/java" -Xmx256m -cp "$CP" dev.gatehouse.proxy.bench.MaskingStageBench "$ROWS" 5 2>/dev/null | tail -1)"
say "$STAGE"

TARGETS="direct unmasked masked"
[ "$CONTENT" = 1 ] && TARGETS="$TARGETS content"
declare -A RESULT HEAPMAX
for client in psql jdbc; do
  for target in $TARGETS; do
    times=()
    maxheap=0
    for round in $(seq 1 "$ROUNDS"); do
      case "$target" in
        direct) port="$PG_PORT"; user="$PG_USER" ;;
        unmasked) port="$GW_PORT"; user=bench_plain ;;
        masked) port="$GW_PORT"; user=bench_masked ;;
        content) port="$GW_PORT"; user=bench_content ;;
      esac
      [ "$target" != direct ] && heap_reset
      if [ "$client" = psql ]; then ms=$(psql_ms "$port" "$user"); else ms=$(jdbc_ms "$port" "$user"); fi
      times+=("$ms")
      if [ "$target" != direct ]; then
        growth=$(heap_growth_mib)
        maxheap=$(awk -v a="$maxheap" -v b="$growth" 'BEGIN {print (b > a) ? b : a}')
      fi
      say "$client $target round $round: $ms ms"
    done
    RESULT[$client,$target]=$(printf '%s\n' "${times[@]}" | median)
    HEAPMAX[$client,$target]=$maxheap
  done
done

mkdir -p bench/results
OUT="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-masking-1m.md"
{
  echo "Command: \`bench/masking-1m.sh --rounds $ROUNDS --rows $ROWS$([ "$CONTENT" = 1 ] && echo ' --content')\` on $(nproc) cores,"\
    "$(git rev-parse --short HEAD), $(date -u +%F), load $(cut -d' ' -f1 /proc/loadavg)"
  echo
  echo "| client | target | median ms | x direct | x unmasked | rows/s | masked cells/s | heap growth MiB (max) |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|"
  for client in psql jdbc; do
    for target in $TARGETS; do
      ms=${RESULT[$client,$target]}
      awk -v c="$client" -v t="$target" -v ms="$ms" -v d="${RESULT[$client,direct]}" -v u="${RESULT[$client,unmasked]}" \
          -v rows="$ROWS" -v h="${HEAPMAX[$client,$target]}" 'BEGIN {
        cells = (t == "masked" || t == "content") ? sprintf("%.0f", 3 * rows / (ms / 1000)) : "-"
        heap = (t == "direct") ? "-" : h
        printf "| %s | %s | %d | %.2f | %.2f | %.0f | %s | %s |\n", c, t, ms, ms / d, ms / u, rows / (ms / 1000), cells, heap
      }'
    done
  done
  echo
  echo "$STAGE (target: >= 1,000,000)"
  echo
  echo "Targets: masked/unmasked <= 1.3, heap growth < 64 MiB. Masked cells/s here is end to end (3 cells per row over"
  echo "the whole run), a lower bound of the masking stage's own rate on the gateway's one event loop."
} | tee "$OUT"
say "written to $OUT"
