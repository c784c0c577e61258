#!/usr/bin/env bash
# A throwaway MariaDB for the oracle: the machine's own mariadbd binary on a temporary data directory
# and a free port, with performance_schema's statement history on, so the oracle can run strings
# that must never run on a shared server (KILL, DROP DATABASE, LOAD DATA, INTO OUTFILE).
# Usage: sandbox.sh start DIR   (prints the port)   |   sandbox.sh stop DIR
set -euo pipefail
cmd=$1 dir=$2
case "$cmd" in
  start)
    rm -rf "$dir" && mkdir -p "$dir/files"
    mariadb-install-db --no-defaults --user="$(id -un)" --datadir="$dir/data" --auth-root-authentication-method=normal \
      --skip-test-db > "$dir/install.log" 2>&1
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    mariadbd --no-defaults --user="$(id -un)" --datadir="$dir/data" --socket="$dir/sock" --port="$port" \
      --bind-address=127.0.0.1 --skip-log-bin --innodb-buffer-pool-size=16M --pid-file="$dir/pid" \
      --secure-file-priv="$dir/files" --local-infile=1 --performance-schema=ON \
      --performance-schema-consumer-events-statements-current=ON \
      --performance-schema-consumer-events-statements-history=ON \
      --performance-schema-events-statements-history-size=100 \
      --performance-schema-instrument='statement/%=ON' > "$dir/server.log" 2>&1 &
    for _ in $(seq 1 60); do
      mariadb-admin --no-defaults -uroot -h127.0.0.1 -P"$port" ping >/dev/null 2>&1 && { echo "$port"; exit 0; }
      sleep 0.5
    done
    echo "the sandbox MariaDB did not start; see $dir/server.log" >&2; exit 1 ;;
  stop)
    [ -f "$dir/pid" ] && kill "$(cat "$dir/pid")" 2>/dev/null || true
    for _ in $(seq 1 40); do [ -f "$dir/pid" ] || break; sleep 0.25; done
    rm -rf "$dir" ;;
esac
