#!/usr/bin/env bash
# What guardrails cost per statement, without a network: a cold parse by PostgreSQL's parser (run
# as WebAssembly in the JVM), a decision served from the exact-text parse cache, one served from the
# statement-shape cache (the same statement with another literal), and the rule evaluation alone,
# under the "no destructive DDL", "no unbounded writes" and "no server file access" packs.
#
#   bench/guardrails.sh [ROUNDS]      (default 3)
#
# Single-threaded, in one JVM, after warm-up. The throughput effect on the data path is measured by
# bench/pgbench.sh (its "guarded" target). A Markdown summary is written to bench/results/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${1:-3}"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || { echo "bench: ROUNDS is a whole number >= 1, not '$ROUNDS'" >&2; exit 2; }
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$ROOT"

mvn -q -pl proxy-module test-compile
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
mvn -q -pl proxy-module dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null

mkdir -p bench/results
OUT="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-guardrails.md"
{
  echo "Command: \`bench/guardrails.sh $ROUNDS\` on $(nproc) cores, $(git rev-parse --short HEAD), $(date -u +%F)"
  echo
  "$JAVA_HOME/bin/java" -Xmx1g -cp "proxy-module/target/test-classes:proxy-module/target/classes:$(cat "$CP_FILE")" \
    dev.gatehouse.proxy.bench.GuardrailBench "$ROUNDS" 2>/dev/null
} | tee "$OUT"
echo "bench: written to $OUT" >&2
