#!/usr/bin/env bash
# Stress check for the browser tests (issue 26): every browser IT class (web-ui's ui/*IT.java, which
# drive headless Chromium) runs N times, one round after another, and every failure is listed.
# Not part of the normal suite: a round is one `./gatehouse test` of web-ui with only these classes,
# so all of them share one Payara as they do in the full run.
#
#   bench/browser-stress.sh [--rounds N] [extra Maven arguments]
#
#   --rounds N   how often each class runs (default 5)
#   e.g.         bench/browser-stress.sh -Dit.db.url=jdbc:postgresql://127.0.0.1:5432/gatehouse_it_stress
#
# Needs what ./gatehouse test needs (PostgreSQL on 5432, Chromium; KEYCLOAK_URL or the test Keycloak
# it starts). Exit code 0 only when every round passed. A Markdown summary is written to
# bench/results/<UTC timestamp>-browser-stress.md; each round's output stays in bench/results/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS=5
if [ "${1:-}" = --rounds ]; then
  ROUNDS="${2:?--rounds needs a number}"
  shift 2
fi
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || { echo "bench: --rounds must be a positive whole number" >&2; exit 2; }

CLASSES="$(cd "$ROOT/web-ui/src/test/java/dev/gatehouse/ui" && ls ./*IT.java | sed 's|^\./||; s|\.java$||' | paste -sd, -)"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS="$ROOT/bench/results"
SUMMARY="$RESULTS/$STAMP-browser-stress.md"
mkdir -p "$RESULTS"

{
  printf '# Browser IT stress check, %s\n\n' "$STAMP"
  printf -- '- command: `bench/browser-stress.sh --rounds %s %s`\n' "$ROUNDS" "$*"
  printf -- '- classes (%s): %s\n' "$(tr ',' '\n' <<<"$CLASSES" | wc -l)" "$CLASSES"
  printf -- '- machine: %s cores, %s; Gatehouse commit %s\n\n' "$(nproc)" "$(uname -r)" \
    "$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)"
  printf '| round | seconds | failed tests |\n|---:|---:|---|\n'
} > "$SUMMARY"

failures=0
for round in $(seq 1 "$ROUNDS"); do
  log="$RESULTS/$STAMP-browser-stress-round$round.log"
  started="$(date +%s)"
  echo "bench: round $round of $ROUNDS (log: $log)" >&2
  code=0
  "$ROOT/gatehouse" test -pl web-ui -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test="$CLASSES" "$@" \
    > "$log" 2>&1 || code=$?
  # ./gatehouse test lists each failed test as "  <module>: Class.method (failed|error)".
  failed="$(grep -E '^  [a-z-]+: [A-Za-z0-9_.$]+ \((failed|error)\)$' "$log" | sed 's/^  //' | paste -sd';' - || true)"
  ran="$(grep -E 'Tests run: [0-9]+, Failures' "$log" | tail -1 || true)"
  if [ "$code" -ne 0 ] || [ -n "$failed" ]; then
    failures=$((failures + 1))
    [ -n "$failed" ] || failed="exit code $code, no failed test named (see the log)"
  fi
  printf '| %s | %s | %s |\n' "$round" "$(( $(date +%s) - started ))" "${failed:-none (${ran#*] })}" >> "$SUMMARY"
  echo "bench: round $round: ${failed:-passed}" >&2
done

printf '\n%s of %s rounds failed.\n' "$failures" "$ROUNDS" >> "$SUMMARY"
cat "$SUMMARY"
[ "$failures" -eq 0 ]
