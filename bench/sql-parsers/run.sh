#!/usr/bin/env bash
# Builds and runs the SQL parser benchmark (ADR 0010): every candidate in a JVM of its own, so that
# start-up figures include class loading. Usage: bench/sql-parsers/run.sh [extra Main options, e.g. --quiet]
#   ORACLE=1 also checks the corpus against the PostgreSQL at PGHOST:PGPORT (trust auth, user postgres).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
java="$JAVA_HOME/bin/java"

# libpg_query 17 as WebAssembly, from the npm package; pinned by SHA-256, never committed.
pgq_version=17.6.10
pgq_tgz_sha256=8afa41c142429c810d1dda36e1cd67fd000661838ce18be4ec3d057500f931e0
pgq_wasm_sha256=21c450200169e2e884a9bcc40122f682304e83b14a4e677fc767b8e53c2f93c1
wasm="$here/target/wasm/libpg-query.wasm"

mvn -q -B -f "$here/pom.xml" package
if [ ! -f "$wasm" ] || ! echo "$pgq_wasm_sha256  $wasm" | sha256sum -c --quiet - 2>/dev/null; then
  mkdir -p "$here/target/wasm"
  tgz="$here/target/wasm/libpg-query-parser-$pgq_version.tgz"
  curl -sSfL -o "$tgz" "https://registry.npmjs.org/@libpg-query/parser/-/parser-$pgq_version.tgz"
  echo "$pgq_tgz_sha256  $tgz" | sha256sum -c --quiet -
  tar -xzf "$tgz" -C "$here/target/wasm" --strip-components=2 package/wasm/libpg-query.wasm
  echo "$pgq_wasm_sha256  $wasm" | sha256sum -c --quiet -
fi

cp="$here/target/classes:$(cat "$here/target/classpath.txt")"
cd "$here"
if [ "${ORACLE:-0}" = 1 ]; then
  "$java" -cp "$cp" dev.gatehouse.bench.sqlparsers.PgOracle corpus.tsv "${PGHOST:-127.0.0.1}" "${PGPORT:-5432}" postgres
fi

echo "machine: $(nproc) cpus, $(uname -srm), $(date -u +%Y-%m-%dT%H:%MZ)"
for c in jsqlparser shardingsphere libpg_query libpg_query-interp; do
  # the interpreter is slow: fewer iterations (options given to run.sh come later and win)
  extra=(); [ "$c" = libpg_query-interp ] && extra=(--warm 2000)
  "$java" -cp "$cp" dev.gatehouse.bench.sqlparsers.Main --candidate "$c" --wasm "$wasm" "${extra[@]}" "$@"
done

# What each candidate brings onto the class path (its own jars and their dependencies).
size() { # label, regex over jar file names
  local total=0 n=0 f
  for f in $(tr ':' '\n' < target/classpath.txt | grep -E "$2"); do total=$((total + $(stat -c %s "$f"))); n=$((n + 1)); done
  [ "$1" = libpg_query ] && total=$((total + $(stat -c %s "$wasm")))
  printf 'size %-15s %2d jars%s %6.1f MiB\n' "$1" "$n" "$([ "$1" = libpg_query ] && echo ' + wasm')" \
    "$(echo "$total / 1048576" | bc -l)"
}
size jsqlparser '/(jsqlparser|jmh-core|jopt-simple|commons-math3)-'
size shardingsphere '/(shardingsphere-[a-z-]+|snakeyaml|jackson-[a-z0-9-]+|groovy|antlr4-runtime|caffeine|checker-qual|error_prone_annotations|guava|failureaccess|jsr305|j2objc-annotations|commons-lang3|slf4j-api|jcl-over-slf4j|java-util)-[0-9]'
size libpg_query '/(runtime|wasm|compiler|asm|asm-[a-z]+)-[0-9]'
