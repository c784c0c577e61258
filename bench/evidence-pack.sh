#!/usr/bin/env bash
# One FFIEC evidence pack over a period of N recorded statements (issue 9), against a plain COPY of
# the same statements out of PostgreSQL in the same run. The store is a scratch database on the
# machine's PostgreSQL (127.0.0.1:5432) with the application's migrations, dropped afterwards; the
# rows are written by the gateway's own recorder code, so the audit chain over them is real.
#
#   bench/evidence-pack.sh [STATEMENTS] [ROUNDS]      (default 100000 3)
#
# The JVM gets a 256 MiB heap on purpose: the pack must stream, not load the period.
# BENCH_STAGES=1 also prints, on stderr, when each stage of the pack began.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATEMENTS="${1:-100000}"
ROUNDS="${2:-3}"
[[ "$STATEMENTS" =~ ^[1-9][0-9]*00$ ]] || { echo "bench: STATEMENTS is a whole multiple of 100, not '$STATEMENTS'" >&2; exit 2; }
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || { echo "bench: ROUNDS is a whole number >= 1, not '$ROUNDS'" >&2; exit 2; }
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$ROOT"

mvn -q -o -pl web-ui test-compile
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
mvn -q -o -pl web-ui dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null

STDERR_TO=/dev/null
[[ -n "${BENCH_STAGES:-}" ]] && STDERR_TO=/dev/stderr

mkdir -p bench/results
OUT="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-evidence-pack.md"
{
  echo "Command: \`bench/evidence-pack.sh $STATEMENTS $ROUNDS\` on $(nproc) cores, $(git rev-parse --short HEAD), $(date -u +%F)"
  echo
  "$JAVA_HOME/bin/java" -Xmx256m -cp "web-ui/target/test-classes:web-ui/target/classes:$(cat "$CP_FILE")" \
    dev.gatehouse.evidence.EvidencePackBench "$STATEMENTS" "$ROUNDS" 2>"$STDERR_TO"
} | tee "$OUT"
echo "bench: written to $OUT" >&2
