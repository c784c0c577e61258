# shellcheck shell=bash
# Shared by bench/pgbench.sh and bench/idle-sessions.sh: the target database, throwaway PgBouncer
# instances, the gateway (reused or started), tokens and the bench connection in the catalog.
# Sourcing scripts call bench_init first and get clean-up of everything started here on exit.

# Numbers are parsed and printed with a dot as the decimal separator.
export LC_ALL=C

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"

BENCH_PG_HOST="${BENCH_PG_HOST:-127.0.0.1}"
BENCH_PG_PORT="${BENCH_PG_PORT:-5432}"
BENCH_PG_USER="${BENCH_PG_USER:-postgres}"
BENCH_PG_DB="${BENCH_PG_DB:-gatehouse_bench}"
BENCH_PG_PASSWORD="${BENCH_PG_PASSWORD:-}"
BENCH_SCALE="${BENCH_SCALE:-10}"
BENCH_SSLMODE="${BENCH_SSLMODE:-disable}"
BENCH_PGBOUNCER_PORT="${BENCH_PGBOUNCER_PORT:-16432}"
BENCH_AGENT_ID="${BENCH_AGENT_ID:-ci-agent}"
BENCH_AGENT_SECRET="${BENCH_AGENT_SECRET:-ci-agent-dev-secret}"
BENCH_ADMIN_USER="${BENCH_ADMIN_USER:-alice}"
BENCH_ADMIN_PASSWORD="${BENCH_ADMIN_PASSWORD:-alice}"
BENCH_GATEWAY_START_TIMEOUT="${BENCH_GATEWAY_START_TIMEOUT:-900}"
GATEHOUSE_HTTP_PORT="${GATEHOUSE_HTTP_PORT:-8080}"
GATEHOUSE_PG_PORT="${GATEHOUSE_PG_PORT:-15432}"
KEYCLOAK_PORT="${KEYCLOAK_PORT:-8180}"
BENCH_KEYCLOAK_URL="${KEYCLOAK_URL:-http://localhost:$KEYCLOAK_PORT}"

WORK=""
GH_LAUNCHER_PID=""
GH_DATA_DIR=""
PGB_DIRS=()

say() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

port_open() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# The first port from $1 upwards that nothing listens on.
free_port() {
  local port="$1"
  while port_open 127.0.0.1 "$port"; do port=$((port + 1)); done
  echo "$port"
}

bench_init() {
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/gatehouse-bench.XXXXXX")"
  # PgBouncer runs as the postgres user when we are root; it must reach its folder.
  chmod 755 "$WORK"
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

bench_cleanup() {
  local code=$?
  trap - EXIT INT TERM
  stop_pgbouncers
  stop_gateway
  if [ "${BENCH_KEEP_WORK:-0}" = 1 ]; then
    say "kept the work folder $WORK"
  else
    rm -rf "$WORK"
  fi
  exit "$code"
}

# Installs a Debian package when a command is missing and we may (root), else explains.
need_command() {
  local cmd="$1" package="$2"
  command -v "$cmd" >/dev/null 2>&1 && return
  [ -x "/usr/sbin/$cmd" ] && { PATH="$PATH:/usr/sbin"; return; }
  [ "$(id -u)" -eq 0 ] || die "needs $cmd: sudo apt-get install -y $package"
  say "installing $package ..."
  if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
    apt-get update -qq >/dev/null
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null \
    || die "could not install $package with apt-get"
  command -v "$cmd" >/dev/null 2>&1 || [ -x "/usr/sbin/$cmd" ] || die "$package installed but $cmd is not on the PATH"
  PATH="$PATH:/usr/sbin"
}

# ---------------------------------------------------------------------------------------------
# The direct target

psql_direct() {
  PGPASSWORD="$BENCH_PG_PASSWORD" PGSSLMODE=prefer \
    psql -X -q -v ON_ERROR_STOP=1 -h "$BENCH_PG_HOST" -p "$BENCH_PG_PORT" -U "$BENCH_PG_USER" "$@"
}

ensure_database() {
  port_open "$BENCH_PG_HOST" "$BENCH_PG_PORT" \
    || die "nothing listens on $BENCH_PG_HOST:$BENCH_PG_PORT; start PostgreSQL or set BENCH_PG_HOST/BENCH_PG_PORT"
  local exists
  exists="$(psql_direct -d postgres -Atc "select 1 from pg_database where datname = '$BENCH_PG_DB'")" \
    || die "cannot log in to $BENCH_PG_HOST:$BENCH_PG_PORT as $BENCH_PG_USER (set BENCH_PG_USER/BENCH_PG_PASSWORD)"
  if [ "$exists" != 1 ]; then
    say "creating database $BENCH_PG_DB"
    psql_direct -d postgres -c "create database \"$BENCH_PG_DB\"" >/dev/null
  fi
}

# pgbench tables at the wanted scale; initialised once, reused by later runs.
ensure_pgbench_tables() {
  ensure_database
  local scale
  scale="$(psql_direct -d "$BENCH_PG_DB" -Atc 'select count(*) from pgbench_branches' 2>/dev/null || true)"
  if [ "$scale" != "$BENCH_SCALE" ]; then
    say "initialising $BENCH_PG_DB with pgbench -i -s $BENCH_SCALE (once) ..."
    PGPASSWORD="$BENCH_PG_PASSWORD" PGSSLMODE=prefer pgbench -i -q -s "$BENCH_SCALE" \
      -h "$BENCH_PG_HOST" -p "$BENCH_PG_PORT" -U "$BENCH_PG_USER" "$BENCH_PG_DB" >"$WORK/pgbench-init.log" 2>&1 \
      || { tail -5 "$WORK/pgbench-init.log" >&2; die "pgbench -i failed"; }
  fi
}

# ---------------------------------------------------------------------------------------------
# PgBouncer: throwaway instances with their own ini, trust towards clients, pointing at the target.

# Args: name, pool mode (session|transaction), first port to try, server pool size.
# Sets PGB_PORT and PGB_PIDFILE.
start_pgbouncer() {
  local name="$1" mode="$2" port pool="$4" dir="$WORK/pgbouncer-$1"
  need_command pgbouncer pgbouncer
  port="$(free_port "$3")"
  mkdir -p "$dir"
  printf '"%s" "%s"\n' "$BENCH_PG_USER" "$BENCH_PG_PASSWORD" >"$dir/users.txt"
  chmod 600 "$dir/users.txt"
  cat >"$dir/pgbouncer.ini" <<EOF
[databases]
* = host=$BENCH_PG_HOST port=$BENCH_PG_PORT

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = trust
auth_file = $dir/users.txt
pool_mode = $mode
max_client_conn = 400
default_pool_size = $pool
server_tls_sslmode = disable
ignore_startup_parameters = extra_float_digits
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
EOF
  if [ "$BENCH_SSLMODE" != disable ]; then
    # Clients that ask for TLS get it, as they would from PostgreSQL and the gateway.
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
      -keyout "$dir/client.key" -out "$dir/client.crt" >/dev/null 2>&1 || die "openssl could not make a certificate"
    printf 'client_tls_sslmode = allow\nclient_tls_key_file = %s\nclient_tls_cert_file = %s\n' \
      "$dir/client.key" "$dir/client.crt" >>"$dir/pgbouncer.ini"
  fi
  PGB_DIRS+=("$dir")
  local bin
  bin="$(command -v pgbouncer)"
  if [ "$(id -u)" -eq 0 ]; then
    # PgBouncer refuses to run as root.
    chown -R postgres: "$dir"
    runuser -u postgres -- "$bin" "$dir/pgbouncer.ini" >"$dir/stdout.log" 2>&1 &
  else
    "$bin" "$dir/pgbouncer.ini" >"$dir/stdout.log" 2>&1 &
  fi
  local i
  for i in $(seq 1 50); do
    port_open 127.0.0.1 "$port" && [ -s "$dir/pgbouncer.pid" ] && break
    [ "$i" -lt 50 ] || { tail -5 "$dir/pgbouncer.log" "$dir/stdout.log" >&2 2>/dev/null; die "PgBouncer ($name) did not start"; }
    sleep 0.2
  done
  # shellcheck disable=SC2034  # read by the sourcing scripts
  PGB_PORT="$port"
  # shellcheck disable=SC2034
  PGB_PIDFILE="$dir/pgbouncer.pid"
}

stop_pgbouncers() {
  local dir pid
  for dir in "${PGB_DIRS[@]+"${PGB_DIRS[@]}"}"; do
    [ -s "$dir/pgbouncer.pid" ] || continue
    pid="$(cat "$dir/pgbouncer.pid")"
    kill -TERM "$pid" 2>/dev/null || continue
    for _ in $(seq 1 25); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  done
  PGB_DIRS=()
}

pgbouncer_version() {
  command -v pgbouncer >/dev/null 2>&1 || [ -x /usr/sbin/pgbouncer ] || { echo "not installed"; return; }
  PATH="$PATH:/usr/sbin" pgbouncer --version 2>/dev/null | head -1 | sed 's/^PgBouncer //'
}

# ---------------------------------------------------------------------------------------------
# The gateway: reuse the one on GATEHOUSE_HTTP_PORT, or start ./gatehouse run on a throwaway data dir.

ensure_gateway() {
  if port_open 127.0.0.1 "$GATEHOUSE_HTTP_PORT"; then
    say "using the gateway already on port $GATEHOUSE_HTTP_PORT"
  else
    start_gateway
  fi
  port_open 127.0.0.1 "$GATEHOUSE_PG_PORT" \
    || die "the gateway answers on $GATEHOUSE_HTTP_PORT but nothing listens on $GATEHOUSE_PG_PORT (GATEHOUSE_PG_PORT): this build has no PostgreSQL listener yet; use --skip-gatehouse"
}

start_gateway() {
  GH_DATA_DIR="$WORK/gatehouse-data"
  mkdir -p "$GH_DATA_DIR"
  local env=(GATEHOUSE_DATA_DIR="$GH_DATA_DIR")
  # A Keycloak already serving the realm (another ./gatehouse run, say) is reused rather than fought over.
  if [ -z "${KEYCLOAK_URL:-}" ] && curl -fsS -m 2 "$BENCH_KEYCLOAK_URL/realms/gatehouse" >/dev/null 2>&1; then
    env+=(KEYCLOAK_URL="$BENCH_KEYCLOAK_URL")
  fi
  if [ -z "${GATEHOUSE_DB_URL:-}" ]; then
    env+=(GATEHOUSE_STORE_PORT="$(free_port "${GATEHOUSE_STORE_PORT:-15433}")")
  fi
  say "starting the gateway: ./gatehouse run with GATEHOUSE_DATA_DIR=$GH_DATA_DIR (a first start builds and takes minutes) ..."
  env "${env[@]}" "$ROOT/gatehouse" run >"$WORK/gatehouse-run.log" 2>&1 &
  GH_LAUNCHER_PID=$!
  local deadline=$(( $(date +%s) + BENCH_GATEWAY_START_TIMEOUT ))
  until grep -q '^gatehouse: ready in' "$WORK/gatehouse-run.log"; do
    if ! kill -0 "$GH_LAUNCHER_PID" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
      tail -15 "$WORK/gatehouse-run.log" >&2
      die "the gateway did not start (launcher output above; logs in $GH_DATA_DIR/logs, kept with BENCH_KEEP_WORK=1)"
    fi
    sleep 2
  done
  say "$(grep '^gatehouse: ready in' "$WORK/gatehouse-run.log" | sed 's/^gatehouse: //')"
}

stop_gateway() {
  [ -n "$GH_LAUNCHER_PID" ] || return 0
  if kill -0 "$GH_LAUNCHER_PID" 2>/dev/null; then
    say "stopping the gateway we started"
    kill -TERM "$GH_LAUNCHER_PID" 2>/dev/null || true
    for _ in $(seq 1 120); do kill -0 "$GH_LAUNCHER_PID" 2>/dev/null || break; sleep 1; done
  fi
  # Whatever the launcher could not stop, its own 'stop' finds through the pid files.
  GATEHOUSE_DATA_DIR="$GH_DATA_DIR" "$ROOT/gatehouse" stop >/dev/null 2>&1 || true
  GH_LAUNCHER_PID=""
}

# The JVM that owns the PostgreSQL listener.
gateway_pid() {
  local pid file
  pid="$(ss -Htlnp "( sport = :$GATEHOUSE_PG_PORT )" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)"
  if [ -z "$pid" ]; then
    for file in "${GH_DATA_DIR:-/nonexistent}/run/gateway.pid" "${GATEHOUSE_DATA_DIR:-$ROOT/data}/run/gateway.pid"; do
      if [ -s "$file" ] && kill -0 "$(cat "$file")" 2>/dev/null; then pid="$(cat "$file")"; break; fi
    done
  fi
  [ -n "$pid" ] || die "cannot find the gateway's process (nothing owns port $GATEHOUSE_PG_PORT and no live gateway.pid)"
  echo "$pid"
}

# ---------------------------------------------------------------------------------------------
# Tokens and the REST API. Tokens travel in files, not in command lines that ps would show.

keycloak_token() {
  local out token
  out="$(curl -sS -m 15 "$@" "$BENCH_KEYCLOAK_URL/realms/gatehouse/protocol/openid-connect/token")" \
    || die "Keycloak at $BENCH_KEYCLOAK_URL does not answer (set KEYCLOAK_URL or KEYCLOAK_PORT)"
  token="$(jq -r '.access_token // empty' <<<"$out")"
  [ -n "$token" ] || die "Keycloak refused the token request: $(jq -r '.error_description // .error // .' <<<"$out")"
  printf '%s' "$token"
}

admin_token() {
  keycloak_token -d grant_type=password -d client_id=gatehouse-cli \
    --data-urlencode "username=$BENCH_ADMIN_USER" --data-urlencode "password=$BENCH_ADMIN_PASSWORD"
}

agent_token() {
  keycloak_token -d grant_type=client_credentials --data-urlencode "client_id=$BENCH_AGENT_ID" \
    --data-urlencode "client_secret=$BENCH_AGENT_SECRET"
}

# api METHOD PATH TOKEN [JSON]: sets API_STATUS and API_BODY.
api() {
  local method="$1" path="$2" token="$3" body="${4:-}" out
  (umask 077; printf 'Authorization: Bearer %s\n' "$token" >"$WORK/auth.header")
  local args=(-sS -m 30 -X "$method" -H "@$WORK/auth.header" -w '\n%{http_code}')
  [ -z "$body" ] || args+=(-H 'Content-Type: application/json' --data-binary "$body")
  out="$(curl "${args[@]}" "http://127.0.0.1:$GATEHOUSE_HTTP_PORT/api/v1$path")" \
    || die "the gateway's REST API does not answer on port $GATEHOUSE_HTTP_PORT"
  rm -f "$WORK/auth.header"
  API_STATUS="${out##*$'\n'}"
  API_BODY="${out%$'\n'*}"
}

# The client token the data path gets as password: a Keycloak access token of the agent, or a
# Gatehouse token (ght_...) exchanged for one. Arg: keycloak|gatehouse.
client_token() {
  local agent
  agent="$(agent_token)"
  if [ "$1" = keycloak ]; then
    printf '%s' "$agent"
    return
  fi
  api POST /tokens "$agent" '{"lifetimeSeconds": 3600, "purpose": "bench"}'
  [ "$API_STATUS" = 201 ] || die "POST /api/v1/tokens answered $API_STATUS: $API_BODY"
  jq -r .token <<<"$API_BODY"
}

# Creates the connection, or brings an existing one of that name to these settings, and makes sure
# the bench agent may use it. Args: name, host, port, database, username.
upsert_connection() {
  local name="$1" host="$2" port="$3" database="$4" username="$5" admin id body
  local allow="client:$BENCH_AGENT_ID"
  admin="$(admin_token)"
  api GET /connections "$admin"
  [ "$API_STATUS" = 200 ] || die "GET /api/v1/connections answered $API_STATUS: $API_BODY"
  id="$(jq -r --arg n "$name" '.[] | select(.name == $n) | .id' <<<"$API_BODY")"
  local roles
  roles="$(jq -c --arg n "$name" --arg a "$allow" '[(.[] | select(.name == $n) | .allowedRoles[]?), $a] | unique' <<<"$API_BODY")"
  body="$(jq -n --arg name "$name" --arg host "$host" --argjson port "$port" --arg db "$database" --arg user "$username" \
    --arg secret "${BENCH_PG_PASSWORD:-trust-auth-needs-no-secret}" --argjson roles "$roles" \
    '{name: $name, type: "postgres", host: $host, port: $port, database: $db, username: $user, secret: $secret,
      tlsMode: "disable", labels: {purpose: "bench"}, allowedRoles: $roles}')"
  if [ -n "$id" ]; then
    api PUT "/connections/$id" "$admin" "$body"
    [ "$API_STATUS" = 200 ] || die "PUT /api/v1/connections/$id answered $API_STATUS: $API_BODY"
    say "connection $name updated: $host:$port/$database as $username, allowed $roles"
  else
    api POST /connections "$admin" "$body"
    [ "$API_STATUS" = 201 ] || die "POST /api/v1/connections answered $API_STATUS: $API_BODY"
    say "connection $name created: $host:$port/$database as $username, allowed $roles"
  fi
  api GET "/access/$name" "$(agent_token)"
  if [ "$API_STATUS" != 200 ] || [ "$(jq -r .allowed <<<"$API_BODY")" != true ]; then
    die "the gateway would refuse $BENCH_AGENT_ID on $name: $API_BODY"
  fi
}

# Applies guardrail packs to a connection unless it already has rules. Args: connection, pack...
ensure_guardrail_packs() {
  local name="$1" admin pack
  shift
  admin="$(admin_token)"
  api GET "/guardrails?connection=$name" "$admin"
  [ "$API_STATUS" = 200 ] || die "GET /api/v1/guardrails answered $API_STATUS: $API_BODY"
  if [ "$(jq length <<<"$API_BODY")" -gt 0 ]; then
    say "connection $name keeps its $(jq length <<<"$API_BODY") guardrail rules"
    return
  fi
  for pack in "$@"; do
    api POST "/guardrails/packs/$pack/apply" "$admin" "$(jq -n --arg c "$name" '{connection: $c}')"
    case "$API_STATUS" in 200|201) ;; *) die "applying guardrail pack $pack answered $API_STATUS: $API_BODY" ;; esac
  done
  say "guardrail packs $* applied to connection $name"
}

# ---------------------------------------------------------------------------------------------
# What the numbers were measured on.

machine_summary() {
  local cpu mem os server
  cpu="$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)"
  mem="$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null || true)"
  os="$( (. /etc/os-release 2>/dev/null && printf '%s' "$PRETTY_NAME") || uname -s)"
  server="$(psql_direct -d postgres -Atc 'show server_version' 2>/dev/null || echo unknown)"
  printf -- '- machine: %s cores (%s), %s RAM, %s, kernel %s\n' "$(nproc)" "${cpu:-unknown CPU}" "${mem:-? GiB}" "$os" "$(uname -r)"
  printf -- '- PostgreSQL %s at %s:%s; pgbench %s; PgBouncer %s\n' "$server" "$BENCH_PG_HOST" "$BENCH_PG_PORT" \
    "$(pgbench --version | awk '{print $3}')" "$(pgbouncer_version)"
  printf -- '- Gatehouse commit %s\n' "$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)"
}
