#!/usr/bin/env bash
# Guardrails on against off on the data path alone: two StandaloneGateways (proxy-module's test
# classes: the proxy with no store and no container), one unguarded and one with the
# no-destructive-ddl, no-unbounded-writes and no-server-file-access packs, in front of the same
# PostgreSQL; pgbench select-only rounds alternate between them, per protocol mode. Prints the
# medians and guarded/unguarded. The whole product's figure is bench/pgbench.sh --guarded.
#
#   bench/guardrails-pgbench.sh [ROUNDS] [SECONDS]      (default 5 rounds of 8 s per mode and gateway)
set -euo pipefail
export LC_ALL=C
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${1:-5}"
SECONDS_PER_ROUND="${2:-8}"
PGHOST_="${BENCH_PG_HOST:-127.0.0.1}"
PGPORT_="${BENCH_PG_PORT:-5432}"
PGUSER_="${BENCH_PG_USER:-postgres}"
DB="${BENCH_PG_DB:-gatehouse_bench_guardrails}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$ROOT"

mvn -q -o -pl proxy-module test-compile
CP_FILE="$(mktemp)"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -f "$CP_FILE"; }
trap cleanup EXIT
mvn -q -o -pl proxy-module dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null
CP="proxy-module/target/test-classes:proxy-module/target/classes:$(cat "$CP_FILE")"

psql -q -h "$PGHOST_" -p "$PGPORT_" -U "$PGUSER_" -d postgres -c "drop database if exists $DB" -c "create database $DB" >/dev/null
pgbench -q -i -s "${BENCH_SCALE:-10}" -h "$PGHOST_" -p "$PGPORT_" -U "$PGUSER_" "$DB" >/dev/null 2>&1

free_port() { local p=$1; while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done; echo "$p"; }
OPEN_PORT="$(free_port 25432)"
"$JAVA_HOME/bin/java" -Xmx512m -cp "$CP" dev.gatehouse.proxy.bench.StandaloneGateway "$OPEN_PORT" "$PGHOST_" "$PGPORT_" "$DB" "$PGUSER_" 2 >/dev/null 2>&1 &
PIDS+=($!)
GUARDED_PORT="$(free_port $((OPEN_PORT + 1)))"
"$JAVA_HOME/bin/java" -Xmx512m -cp "$CP" dev.gatehouse.proxy.bench.StandaloneGateway "$GUARDED_PORT" "$PGHOST_" "$PGPORT_" "$DB" "$PGUSER_" 2 guarded >/dev/null 2>&1 &
PIDS+=($!)
for port in "$OPEN_PORT" "$GUARDED_PORT"; do
  for _ in $(seq 1 120); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.5; done
done

tps() { # port mode
  PGPASSWORD=x pgbench -n -S -M "$2" -c 8 -j 2 -T "$SECONDS_PER_ROUND" -h 127.0.0.1 -p "$1" -U bench "$DB" 2>/dev/null \
    | awk '/^tps/ {printf "%d", $3; exit}'
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

echo "Command: \`bench/guardrails-pgbench.sh $ROUNDS $SECONDS_PER_ROUND\` on $(nproc) cores, $(git rev-parse --short HEAD), $(date -u +%F), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| mode | unguarded TPS (median) | guarded TPS (median) | guarded/unguarded | unguarded per round | guarded per round |"
echo "|---|---:|---:|---:|---|---|"
for mode in extended simple; do
  tps "$OPEN_PORT" "$mode" >/dev/null; tps "$GUARDED_PORT" "$mode" >/dev/null   # warm-up: JIT and the parse cache
  open=(); guarded=()
  for round in $(seq 1 "$ROUNDS"); do
    if (( round % 2 )); then open+=("$(tps "$OPEN_PORT" "$mode")"); guarded+=("$(tps "$GUARDED_PORT" "$mode")")
    else guarded+=("$(tps "$GUARDED_PORT" "$mode")"); open+=("$(tps "$OPEN_PORT" "$mode")"); fi
  done
  mo="$(median "${open[@]}")"; mg="$(median "${guarded[@]}")"
  printf '| %s `-c 8 -j 2` | %s | %s | %.2f | %s | %s |\n' "$mode" "$mo" "$mg" "$(echo "$mg / $mo" | bc -l)" "${open[*]}" "${guarded[*]}"
done
psql -q -h "$PGHOST_" -p "$PGPORT_" -U "$PGUSER_" -d postgres -c "drop database if exists $DB" >/dev/null
