#!/usr/bin/env bash
# Masked cells per second for the masking stage alone, on one thread: a column rule with Partial
# on a text SSN, keyed tokenization of text and of a binary int8, and the content scan (all six
# built-in detectors) of a text value without and with a finding. No network, no database.
#
#   bench/masking-stage.sh [ROUNDS]      (default 3)
#
# Single-threaded, in one JVM, after warm-up. The end-to-end cost (1M rows through the gateway) is
# measured by the wire benchmark. A Markdown summary is written to bench/results/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${1:-3}"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || { echo "bench: ROUNDS is a whole number >= 1, not '$ROUNDS'" >&2; exit 2; }
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$ROOT"

mvn -q -o -pl proxy-module test-compile
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
mvn -q -o -pl proxy-module dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null

mkdir -p bench/results
OUT="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-masking-stage.md"
{
  echo "Command: \`bench/masking-stage.sh $ROUNDS\` on $(nproc) cores, $(git rev-parse --short HEAD), $(date -u +%F)"
  echo
  "$JAVA_HOME/bin/java" -Xmx512m -cp "proxy-module/target/test-classes:proxy-module/target/classes:$(cat "$CP_FILE")" \
    dev.gatehouse.proxy.bench.MaskingStageBench "$ROUNDS" 2>/dev/null
} | tee "$OUT"
echo "bench: written to $OUT" >&2
