#!/usr/bin/env bash
# Durable, chained audit appends per second against the real PostgreSQL at 127.0.0.1:5432 (a scratch
# database with the application's migrations; dropped afterwards): the recorder's batches, four
# contending writers, single-event transactions, and an unchained insert of the same rows in the
# same run as the baseline.
#
#   bench/audit-append.sh [EVENTS]      (default 200000)
#
# A Markdown summary is written to bench/results/. The effect on pgbench TPS is measured by
# bench/pgbench.sh (the gateway's recorder writes every statement's event into the chain).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EVENTS="${1:-200000}"
[[ "$EVENTS" =~ ^[1-9][0-9]*$ ]] || { echo "bench: EVENTS is a whole number >= 1, not '$EVENTS'" >&2; exit 2; }
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$ROOT"

mvn -q -o -pl web-ui test-compile
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
mvn -q -o -pl web-ui dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null

mkdir -p bench/results
OUT="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-audit-append.md"
{
  echo "Command: \`bench/audit-append.sh $EVENTS\` on $(nproc) cores, $(git rev-parse --short HEAD), $(date -u +%F)"
  echo
  "$JAVA_HOME/bin/java" -Xmx1g -cp "web-ui/target/test-classes:web-ui/target/classes:$(cat "$CP_FILE")" \
    dev.gatehouse.audit.AuditAppendBench "$EVENTS" 2>/dev/null
} | tee "$OUT"
echo "bench: written to $OUT" >&2
