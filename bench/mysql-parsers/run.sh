#!/usr/bin/env bash
# Builds and runs the MySQL/MariaDB parser benchmark (ADR 0023): every candidate in a JVM of its own, so
# that start-up figures include class loading. Usage: bench/mysql-parsers/run.sh [extra Main options, e.g. --quiet]
#   ORACLE=1 first checks the corpus against MariaDB: a throwaway sandbox server (sandbox.sh, the machine's
#   mariadbd) runs every string; the shared server at MARIADB_HOST:MARIADB_PORT (127.0.0.1:3306, root without
#   password) PREPAREs the single statements.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
java="$JAVA_HOME/bin/java"

# The gatehouse candidate is proxy-module's sql.mysql: install it (and the parent pom) first.
mvn -q -B -f "$root/pom.xml" -N install -DskipTests
mvn -q -B -f "$root/pom.xml" -pl proxy-module install -DskipTests
mvn -q -B -f "$here/pom.xml" package
cp="$here/target/classes:$(cat "$here/target/classpath.txt")"
cd "$here"
if [ "${ORACLE:-0}" = 1 ]; then
  sandbox="$here/target/sandbox"
  port=$("$here/sandbox.sh" start "$sandbox")
  trap '"$here/sandbox.sh" stop "$sandbox"' EXIT
  "$java" -cp "$cp" dev.gatehouse.bench.mysqlparsers.MariaOracle corpus.tsv 127.0.0.1 "$port" \
    "${MARIADB_HOST:-127.0.0.1}" "${MARIADB_PORT:-3306}"
fi

echo "machine: $(nproc) cpus, $(uname -srm), $(date -u +%Y-%m-%dT%H:%MZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
for c in jsqlparser druid calcite-babel shardingsphere gatehouse; do
  "$java" -cp "$cp" dev.gatehouse.bench.mysqlparsers.Main --candidate "$c" "$@"
done

# What each candidate brings onto the class path (its own jars and their dependencies).
size() { # label, regex over jar file names
  local total=0 n=0 f
  for f in $(tr ':' '\n' < target/classpath.txt | grep -E "$2"); do total=$((total + $(stat -c %s "$f"))); n=$((n + 1)); done
  printf 'size %-15s %2d jars %6.1f MiB\n' "$1" "$n" "$(echo "$total / 1048576" | bc -l)"
}
size jsqlparser '/jsqlparser-'
size druid '/druid-[0-9]'
size calcite-babel '/(calcite-[a-z]+|avatica-[a-z]+|guava|failureaccess|jackson-[a-z-]+|commons-[a-z0-9]+|esri-geometry-api|json-path|janino|commons-compiler|joou-java-6|uzaygezen-core|sketches-core|memory|checker-qual|error_prone_annotations|jsr305|j2objc-annotations|slf4j-api|httpclient5|httpcore5|httpcore5-h2|locationtech|jts-core|proj4j|value-annotations|protobuf-java|jsonassert|android-json|apiguardian-api|json-smart|accessors-smart|asm|bc[a-z0-9-]+)-[0-9]'
size shardingsphere '/(shardingsphere-[a-z-]+|snakeyaml|jackson-[a-z0-9-]+|groovy|antlr4-runtime|caffeine|checker-qual|error_prone_annotations|guava|failureaccess|jsr305|j2objc-annotations|commons-lang3|slf4j-api|jcl-over-slf4j|java-util)-[0-9]'
size gatehouse '/(druid-[0-9]|proxy-module-)'
