# shellcheck shell=bash
# Single-node Kafka broker (KRaft) run from the Apache Kafka jars on Maven Central.
# Every client authenticates (SASL/SCRAM-SHA-512) and ACLs say what each principal may do:
# admin (the broker itself and bin/slipway), orchestrator and worker.
# Sourced by bin/slipway after common.sh.

KAFKA_DIR="$SLIPWAY_HOME/kafka"
KAFKA_LIBS="$KAFKA_DIR/libs"
KAFKA_DATA="$KAFKA_DIR/data"
KAFKA_CONF="$KAFKA_DIR/server.properties"
KAFKA_LOG4J="$KAFKA_DIR/log4j2.properties"
KAFKA_CLUSTER_ID_FILE="$KAFKA_DIR/cluster.id"
KAFKA_POM="$REPO/deploy/local/kafka/pom.xml"
# One password file per principal (mode 600), generated once; the principal is the file's name.
KAFKA_CREDENTIALS="$KAFKA_DIR/credentials"
# deploy/local/kafka/*.java compiled against the jars in libs/.
KAFKA_TOOLS="$KAFKA_DIR/tools"
KAFKA_PRINCIPALS=(admin orchestrator worker)
KAFKA_PIDFILE="$RUN_DIR/kafka.pid"
KAFKA_LOGFILE="$LOG_DIR/kafka.log"
KAFKA_CONTROLLER_PORT=$(( SLIPWAY_KAFKA_PORT + 1 ))
KAFKA_READY_TIMEOUT=60

# The Kafka version the pom asks for, to notice when the jars on disk are from another version.
kafka_version() {
  sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$KAFKA_POM" | head -n 1
}

kafka_jars_present() {
  [[ -f "$KAFKA_LIBS/kafka_2.13-$(kafka_version).jar" ]]
}

# Fetches the broker jars once (into a temporary directory first, so that an interrupted download
# never looks complete).
kafka_fetch_jars() {
  if kafka_jars_present; then
    say "Kafka $(kafka_version) jars already in $KAFKA_LIBS"
    return 0
  fi
  say "fetching the Kafka $(kafka_version) broker jars into $KAFKA_LIBS"
  mkdir -p "$KAFKA_DIR"
  local tmp="$KAFKA_DIR/libs.tmp"
  rm -rf "$tmp"
  (cd "$REPO" && ./mvnw -q -B -f "$KAFKA_POM" dependency:copy-dependencies "-DoutputDirectory=$tmp") \
    || die "could not fetch the Kafka jars with Maven (pom: $KAFKA_POM)"
  rm -rf "$KAFKA_LIBS"
  mv "$tmp" "$KAFKA_LIBS"
}

# Creates each principal's password once (random, hex, mode 600 in a mode 700 directory).
kafka_ensure_credentials() {
  local principal
  (umask 077 && mkdir -p "$KAFKA_CREDENTIALS")
  chmod 700 "$KAFKA_CREDENTIALS"
  for principal in "${KAFKA_PRINCIPALS[@]}"; do
    ensure_secret "$KAFKA_CREDENTIALS/$principal" 24
  done
}

# kafka_password PRINCIPAL: the principal's password, checked to be safe inside a JAAS string.
kafka_password() {
  local file="$KAFKA_CREDENTIALS/$1" password
  [[ -r "$file" ]] || die "$file is missing; start kafka first (SLIPWAY_SERVICES=kafka bin/slipway start)"
  password=$(first_line "$file") || die "$file is empty"
  [[ "$password" =~ ^[A-Za-z0-9]+$ ]] || die "$file must hold a password of letters and digits only"
  printf '%s\n' "$password"
}

# kafka_jaas PRINCIPAL: the sasl.jaas.config that logs a client in as PRINCIPAL with SCRAM. For a
# service's environment (KAFKA_SASL_JAAS_CONFIG), never its command line.
kafka_jaas() {
  local password
  password=$(kafka_password "$1")
  printf '%s\n' "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$1\" password=\"$password\";"
}

# Renders the server.properties template with this installation's ports, paths and admin
# password, readable by its owner only.
kafka_render_config() {
  local line admin_password
  mkdir -p "$KAFKA_DATA"
  admin_password=$(kafka_password admin)
  {
    while IFS= read -r line || [[ -n "$line" ]]; do
      line=${line//@KAFKA_PORT@/$SLIPWAY_KAFKA_PORT}
      line=${line//@CONTROLLER_PORT@/$KAFKA_CONTROLLER_PORT}
      line=${line//@LOG_DIRS@/$KAFKA_DATA}
      line=${line//@ADMIN_PASSWORD@/$admin_password}
      printf '%s\n' "$line"
    done <"$REPO/deploy/local/kafka/server.properties"
  } | write_secret "$KAFKA_CONF"
  cp -f "$REPO/deploy/local/kafka/log4j2.properties" "$KAFKA_LOG4J"
}

# kafka_tool CLASS ARGS...: runs one of Kafka's command line tools, logging only warnings (to stderr).
kafka_tool() {
  java -cp "$KAFKA_LIBS/*:$KAFKA_TOOLS" "-Dlog4j2.configurationFile=$KAFKA_LOG4J" \
    -Dslipway.kafka.log.level=WARN -Dslipway.kafka.log.target=SYSTEM_ERR "$@"
}

# kafka_java_tool NAME ARGS...: runs deploy/local/kafka/NAME.java, compiled into kafka/tools when
# it or the jars changed (java's source launcher would compile it on every start: ~8 s here).
kafka_java_tool() {
  local name=$1 source="$REPO/deploy/local/kafka/$1.java"
  shift
  if [[ ! -f "$KAFKA_TOOLS/$name.class" || "$source" -nt "$KAFKA_TOOLS/$name.class" \
      || "$KAFKA_LIBS" -nt "$KAFKA_TOOLS/$name.class" ]]; then
    mkdir -p "$KAFKA_TOOLS"
    javac -nowarn -d "$KAFKA_TOOLS" -cp "$KAFKA_LIBS/*" "$source" >&2 || die "could not compile $source"
  fi
  kafka_tool "$name" "$@"
}

# Storage formatted before the bus was authenticated (no admin password on file) has no SCRAM
# users, so the broker could not even talk to itself: it is formatted again. Only the bus's
# messages go; the event log in PostgreSQL is the durable record, and a stage in flight is issued
# again when its deadline passes.
kafka_forget_unauthenticated_storage() {
  if [[ -f "$KAFKA_DATA/meta.properties" && ! -s "$KAFKA_CREDENTIALS/admin" ]]; then
    say "Kafka storage in $KAFKA_DATA was formatted without SCRAM users (before the bus was authenticated); formatting it again: its topics start empty, the event log in PostgreSQL is the durable record"
    rm -rf "$KAFKA_DATA"
  fi
}

# Formats the storage once, with a cluster id kept in kafka/cluster.id and the admin's SCRAM
# credential (KafkaFormat.java reads it from its file, keeping it off the command line).
kafka_format_once() {
  if [[ -f "$KAFKA_DATA/meta.properties" ]]; then
    return 0
  fi
  local cluster_id out
  if [[ ! -s "$KAFKA_CLUSTER_ID_FILE" ]]; then
    cluster_id=$(kafka_tool kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1) || true
    [[ "$cluster_id" =~ ^[A-Za-z0-9_-]{22}$ ]] \
      || die "could not generate a Kafka cluster id (kafka.tools.StorageTool random-uuid printed '$cluster_id')"
    printf '%s\n' "$cluster_id" >"$KAFKA_CLUSTER_ID_FILE"
  fi
  cluster_id=$(first_line "$KAFKA_CLUSTER_ID_FILE")
  [[ "$cluster_id" =~ ^[A-Za-z0-9_-]{22}$ ]] \
    || die "$KAFKA_CLUSTER_ID_FILE does not hold a Kafka cluster id (22 characters of base64url)"
  say "formatting Kafka storage in $KAFKA_DATA (cluster id $cluster_id)"
  if ! out=$(kafka_java_tool KafkaFormat "$cluster_id" "$KAFKA_CONF" \
      "$KAFKA_CREDENTIALS/admin" 2>&1); then
    printf '%s\n' "$out" >&2
    die "could not format the Kafka storage in $KAFKA_DATA"
  fi
}

kafka_ready() { log_has "$KAFKA_LOGFILE" "Kafka Server started"; }

# Starts the broker without waiting; kafka_wait waits for it. Lets PostgreSQL start meanwhile.
kafka_launch() {
  local pid
  if pid=$(pid_from_file "$KAFKA_PIDFILE"); then
    say "kafka already running (pid $pid, port $SLIPWAY_KAFKA_PORT)"
    return 0
  fi
  kafka_jars_present || kafka_fetch_jars
  require_free_port kafka "$SLIPWAY_KAFKA_PORT" SLIPWAY_KAFKA_PORT
  require_free_port "kafka controller" "$KAFKA_CONTROLLER_PORT" SLIPWAY_KAFKA_PORT
  kafka_forget_unauthenticated_storage
  kafka_ensure_credentials
  kafka_render_config
  kafka_format_once
  say "starting kafka on 127.0.0.1:$SLIPWAY_KAFKA_PORT (controller $KAFKA_CONTROLLER_PORT)"
  launch_detached "$KAFKA_PIDFILE" "$KAFKA_LOGFILE" "$KAFKA_DIR" \
    java -Xms128m -Xmx256m -cp "$KAFKA_LIBS/*" "-Dlog4j2.configurationFile=$KAFKA_LOG4J" \
    kafka.Kafka "$KAFKA_CONF"
  KAFKA_LAUNCHED=1
}

kafka_wait() {
  [[ "${KAFKA_LAUNCHED:-0}" == 1 ]] || return 0
  local pid rc=0
  pid=$(first_line "$KAFKA_PIDFILE")
  wait_until "$KAFKA_READY_TIMEOUT" "$pid" kafka_ready || rc=$?
  case $rc in
    0) say "kafka ready (pid $pid)" ;;
    1) fail_start kafka "$pid" "$KAFKA_PIDFILE" "$KAFKA_LOGFILE" "exited during start" ;;
    *) fail_start kafka "$pid" "$KAFKA_PIDFILE" "$KAFKA_LOGFILE" "did not log 'Kafka Server started' within ${KAFKA_READY_TIMEOUT}s" ;;
  esac
}

# Declares who may do what on the bus (BusAccess.java, as admin): the orchestrator's and the
# workers' passwords and ACLs, exactly, at every start.
kafka_declare_access() {
  local out
  kafka_ensure_credentials
  if ! out=$(kafka_java_tool BusAccess "127.0.0.1:$SLIPWAY_KAFKA_PORT" \
      "$KAFKA_CREDENTIALS" 2>&1); then
    printf '%s\n' "$out" >&2
    die "could not declare the Kafka users and ACLs (deploy/local/kafka/BusAccess.java)"
  fi
  say "${out##*$'\n'}"
}

kafka_stop() { stop_pid kafka "$KAFKA_PIDFILE" 30; }

kafka_status() { pidfile_status kafka "$KAFKA_PIDFILE" "$SLIPWAY_KAFKA_PORT"; }
