# shellcheck shell=bash
# Slipway's own JVM services (orchestrator, workers), plus the processes they start (nginx, apps).
# Sourced by bin/slipway after common.sh and postgres.sh.

ORCHESTRATOR_JAR="$REPO/orchestrator/target/quarkus-app/quarkus-run.jar"
WORKERS_JAR="$REPO/workers/target/quarkus-app/quarkus-run.jar"
API_TOKEN_FILE="$SLIPWAY_HOME/api-token"
SERVICE_READY_TIMEOUT=${SLIPWAY_READY_TIMEOUT:-90}
SERVICE_STOP_GRACE=20

# The JVM options of the orchestrator and the workers (split on blanks, like JAVA_OPTS). By default
# the client compiler alone and the serial collector: on a small host the server compiler's CPU and
# G1's memory cost more than they bring to services that mostly wait (docs/benchmarks.md, "JVM options").
java_opts() {
  local -a opts
  read -r -a opts <<<"${SLIPWAY_JAVA_OPTS:--Xms32m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
  JAVA_OPTS_ARRAY=("${opts[@]}")
}

# service_launch NAME JAR PORT PORT_VARIABLE ENV...: starts a Quarkus service detached, with the
# NAME=value settings ENV in its environment: not on its command line, which any local user can
# read in /proc/PID/cmdline (the environment only its owner).
service_launch() {
  local name=$1 jar=$2 port=$3 port_var=$4 pid
  shift 4
  local pidfile="$RUN_DIR/$name.pid" logfile="$LOG_DIR/$name.log"
  if pid=$(pid_from_file "$pidfile"); then
    say "$name already running (pid $pid, port $port)"
    return 0
  fi
  [[ -f "$jar" ]] || die "$jar is missing; build Slipway first with 'bin/slipway setup --rebuild'"
  require_free_port "$name" "$port" "$port_var"
  java_opts
  say "starting $name on port $port"
  (
    local setting
    for setting in "$@"; do export "${setting?}"; done
    launch_detached "$pidfile" "$logfile" "$SLIPWAY_HOME" java "${JAVA_OPTS_ARRAY[@]}" -jar "$jar"
  )
  LAUNCHED+=("$name:$port")
}

# service_wait NAME PORT: waits for /q/health/ready of a service launched by this run.
service_wait() {
  local name=$1 port=$2 pid rc=0
  local pidfile="$RUN_DIR/$name.pid" logfile="$LOG_DIR/$name.log"
  pid=$(first_line "$pidfile")
  local url="http://127.0.0.1:$port"
  [[ "$name" == orchestrator ]] && url=$(api_url)
  wait_until "$SERVICE_READY_TIMEOUT" "$pid" http_ok "$url/q/health/ready" || rc=$?
  case $rc in
    0) say "$name ready (pid $pid, $url)" ;;
    1) fail_start "$name" "$pid" "$pidfile" "$logfile" "exited during start" ;;
    *) fail_start "$name" "$pid" "$pidfile" "$logfile" "was not ready on $url/q/health/ready within ${SERVICE_READY_TIMEOUT}s" ;;
  esac
}

orchestrator_launch() {
  ensure_secret "$API_TOKEN_FILE" 32
  local db_password token jaas
  [[ -r "$PG_PASSWORD_FILE" ]] || die "$PG_PASSWORD_FILE is missing; start postgres first (SLIPWAY_SERVICES=infra bin/slipway start)"
  db_password=$(first_line "$PG_PASSWORD_FILE")
  token=$(first_line "$API_TOKEN_FILE")
  jaas=$(kafka_jaas orchestrator)
  api_tls_settings
  service_launch orchestrator "$ORCHESTRATOR_JAR" "$SLIPWAY_API_PORT" SLIPWAY_API_PORT \
    "SLIPWAY_HOME=$SLIPWAY_HOME" \
    "SLIPWAY_BASE_DOMAIN=$SLIPWAY_BASE_DOMAIN" \
    "SLIPWAY_PROXY_PORT=$SLIPWAY_PROXY_PORT" \
    "QUARKUS_HTTP_PORT=$SLIPWAY_API_PORT" \
    "QUARKUS_HTTP_HOST=$SLIPWAY_API_HOST" \
    "${API_TLS_SETTINGS[@]}" \
    "KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$SLIPWAY_KAFKA_PORT" \
    "KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT" \
    "KAFKA_SASL_MECHANISM=SCRAM-SHA-512" \
    "KAFKA_SASL_JAAS_CONFIG=$jaas" \
    "QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:$SLIPWAY_PG_PORT/slipway" \
    "QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$SLIPWAY_PG_PORT/slipway" \
    "QUARKUS_DATASOURCE_USERNAME=slipway" \
    "QUARKUS_DATASOURCE_PASSWORD=$db_password" \
    "SLIPWAY_API_TOKEN=$token" \
    "SLIPWAY_SECRETS_KEY_FILE=$(secrets_key_file)"
}

# HTTPS for the API when SLIPWAY_API_TLS_CERT and SLIPWAY_API_TLS_KEY name PEM files: then the
# API port serves HTTPS only.
api_tls_settings() {
  API_TLS_SETTINGS=()
  api_tls_enabled || return 0
  [[ -r "$SLIPWAY_API_TLS_CERT" ]] || die "SLIPWAY_API_TLS_CERT=$SLIPWAY_API_TLS_CERT is not a readable file"
  [[ -r "$SLIPWAY_API_TLS_KEY" ]] || die "SLIPWAY_API_TLS_KEY=$SLIPWAY_API_TLS_KEY is not a readable file"
  API_TLS_SETTINGS=(
    "QUARKUS_HTTP_SSL_PORT=$SLIPWAY_API_PORT"
    "QUARKUS_HTTP_SSL_CERTIFICATE_FILES=$SLIPWAY_API_TLS_CERT"
    "QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES=$SLIPWAY_API_TLS_KEY"
    "QUARKUS_HTTP_INSECURE_REQUESTS=disabled")
}

api_tls_enabled() {
  [[ -n "${SLIPWAY_API_TLS_CERT:-}" || -n "${SLIPWAY_API_TLS_KEY:-}" ]] || return 1
  [[ -n "${SLIPWAY_API_TLS_CERT:-}" && -n "${SLIPWAY_API_TLS_KEY:-}" ]] \
    || die "HTTPS for the API needs both SLIPWAY_API_TLS_CERT and SLIPWAY_API_TLS_KEY"
}

# The orchestrator's URL as seen from this machine.
api_url() {
  local scheme=http host=$SLIPWAY_API_HOST
  api_tls_enabled && scheme=https
  [[ "$host" == 0.0.0.0 || "$host" == "::" ]] && host=127.0.0.1
  printf '%s\n' "$scheme://$host:$SLIPWAY_API_PORT"
}

# The workers' HTTP port serves health, metrics and the host services of executable plugins
# (each call with its own token): loopback only. The workers reach PostgreSQL as slipway_plugins.
workers_launch() {
  local jaas plugins_password
  [[ -r "$PG_PLUGINS_PASSWORD_FILE" ]] || die "$PG_PLUGINS_PASSWORD_FILE is missing; start postgres first (SLIPWAY_SERVICES=infra bin/slipway start)"
  plugins_password=$(first_line "$PG_PLUGINS_PASSWORD_FILE")
  jaas=$(kafka_jaas worker)
  service_launch workers "$WORKERS_JAR" "$SLIPWAY_WORKER_PORT" SLIPWAY_WORKER_PORT \
    "SLIPWAY_HOME=$SLIPWAY_HOME" \
    "SLIPWAY_BASE_DOMAIN=$SLIPWAY_BASE_DOMAIN" \
    "SLIPWAY_PROXY_STRATEGY=$SLIPWAY_PROXY" \
    "SLIPWAY_PLUGINS_NGINX_LISTEN_PORT=$SLIPWAY_PROXY_PORT" \
    "SLIPWAY_PLUGINS_CADDY_LISTEN_PORT=$SLIPWAY_PROXY_PORT" \
    "QUARKUS_HTTP_PORT=$SLIPWAY_WORKER_PORT" \
    "QUARKUS_HTTP_HOST=127.0.0.1" \
    "KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$SLIPWAY_KAFKA_PORT" \
    "KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT" \
    "KAFKA_SASL_MECHANISM=SCRAM-SHA-512" \
    "KAFKA_SASL_JAAS_CONFIG=$jaas" \
    "QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:$SLIPWAY_PG_PORT/slipway" \
    "QUARKUS_DATASOURCE_USERNAME=slipway_plugins" \
    "QUARKUS_DATASOURCE_PASSWORD=$plugins_password" \
    "SLIPWAY_SECRETS_KEY_FILE=$(secrets_key_file)"
}

service_stop() { stop_pid "$1" "$RUN_DIR/$1.pid" "$SERVICE_STOP_GRACE"; }

# ---- processes started by the workers ----

# process_tree PID: PID and all its descendants, parents first.
process_tree() {
  local pid=$1 child
  printf '%s\n' "$pid"
  for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do
    process_tree "$child"
  done
}

# kill_app PIDFILE: stops one app process with its process group (or its process tree).
kill_app() {
  local pidfile=$1 pid pgid
  local -a pids
  pid=$(pid_from_file "$pidfile") || return 0
  pgid=$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ')
  mapfile -t pids < <(process_tree "$pid")
  say "stopping app process $pid (${pidfile#"$SLIPWAY_HOME"/})"
  if [[ "$pgid" == "$pid" ]]; then kill -TERM -- "-$pgid" 2>/dev/null || true; fi
  kill -TERM "${pids[@]}" 2>/dev/null || true
  if ! wait_until 10 "" pids_gone "${pids[@]}"; then
    if [[ "$pgid" == "$pid" ]]; then kill -KILL -- "-$pgid" 2>/dev/null || true; fi
    kill -KILL "${pids[@]}" 2>/dev/null || true
  fi
}

pids_gone() {
  local pid
  for pid in "$@"; do pid_alive "$pid" && return 1; done
  return 0
}

# releases/APP/DEPLOYMENT/ATTEMPT/*.pid, written by the process deployer.
app_pidfiles() {
  [[ -d "$SLIPWAY_HOME/releases" ]] || return 0
  find "$SLIPWAY_HOME/releases" -mindepth 4 -maxdepth 4 -type f -name '*.pid'
}

apps_stop() {
  local pidfile
  while IFS= read -r pidfile; do
    [[ -n "$pidfile" ]] && kill_app "$pidfile"
  done < <(app_pidfiles)
}

apps_status() {
  local pidfile running=0 total=0
  while IFS= read -r pidfile; do
    [[ -n "$pidfile" ]] || continue
    total=$((total + 1))
    if pid_from_file "$pidfile" >/dev/null; then running=$((running + 1)); fi
  done < <(app_pidfiles)
  printf '%-13s %s\n' apps "$running of $total app processes running"
}

NGINX_PREFIX="$SLIPWAY_HOME/nginx"
NGINX_CONF="$NGINX_PREFIX/nginx.conf"

# The pid file named by the pid directive of Slipway's nginx.conf (relative to the prefix), or
# the prefix's usual places. Never the system nginx's /run/nginx.pid.
nginx_pidfile() {
  local pidfile=""
  if [[ -r "$NGINX_CONF" ]]; then
    pidfile=$(sed -n 's/^[[:space:]]*pid[[:space:]]\{1,\}\([^;]*\);.*/\1/p' "$NGINX_CONF" | head -n 1)
  fi
  if [[ -n "$pidfile" && "$pidfile" != /* ]]; then pidfile="$NGINX_PREFIX/$pidfile"; fi
  if [[ -z "$pidfile" ]]; then
    for pidfile in "$NGINX_PREFIX/nginx.pid" "$NGINX_PREFIX/logs/nginx.pid" "$NGINX_PREFIX/run/nginx.pid"; do
      [[ -f "$pidfile" ]] && break
    done
  fi
  printf '%s\n' "$pidfile"
}

nginx_stop() {
  local pidfile pid
  pidfile=$(nginx_pidfile)
  pid=$(pid_from_file "$pidfile") || return 0
  say "stopping nginx (pid $pid)"
  nginx -s quit -p "$NGINX_PREFIX" -c "$NGINX_CONF" 2>/dev/null || kill -QUIT "$pid" 2>/dev/null || true
  if ! wait_until 15 "" pid_gone "$pid"; then
    warn "nginx (pid $pid) did not quit within 15s; terminating it"
    kill -TERM "$pid" 2>/dev/null || true
  fi
}

nginx_status() { pidfile_status proxy "$(nginx_pidfile)" "$SLIPWAY_PROXY_PORT"; }

# Slipway's own Caddy (SLIPWAY_PROXY=caddy): the proxy plugin starts it; its pid file is in its state directory.
CADDY_PIDFILE="$SLIPWAY_HOME/caddy/caddy.pid"

caddy_stop() {
  local pid
  pid=$(pid_from_file "$CADDY_PIDFILE") || return 0
  say "stopping caddy (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_until 15 "" pid_gone "$pid"; then
    warn "caddy (pid $pid) did not stop within 15s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
}

caddy_status() { [[ -f "$CADDY_PIDFILE" ]] && pidfile_status caddy "$CADDY_PIDFILE" "$SLIPWAY_PROXY_PORT"; return 0; }
