# shellcheck shell=bash
# Single-node Kafka broker (KRaft) run from the Apache Kafka jars on Maven Central.
# Sourced by bin/slipway after common.sh.

KAFKA_DIR="$SLIPWAY_HOME/kafka"
KAFKA_LIBS="$KAFKA_DIR/libs"
KAFKA_DATA="$KAFKA_DIR/data"
KAFKA_CONF="$KAFKA_DIR/server.properties"
KAFKA_LOG4J="$KAFKA_DIR/log4j2.properties"
KAFKA_CLUSTER_ID_FILE="$KAFKA_DIR/cluster.id"
KAFKA_POM="$REPO/deploy/local/kafka/pom.xml"
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

# Renders the server.properties template with this installation's ports and paths.
kafka_render_config() {
  local line
  mkdir -p "$KAFKA_DATA"
  {
    while IFS= read -r line || [[ -n "$line" ]]; do
      line=${line//@KAFKA_PORT@/$SLIPWAY_KAFKA_PORT}
      line=${line//@CONTROLLER_PORT@/$KAFKA_CONTROLLER_PORT}
      line=${line//@LOG_DIRS@/$KAFKA_DATA}
      printf '%s\n' "$line"
    done <"$REPO/deploy/local/kafka/server.properties"
  } >"$KAFKA_CONF.tmp"
  mv -f "$KAFKA_CONF.tmp" "$KAFKA_CONF"
  cp -f "$REPO/deploy/local/kafka/log4j2.properties" "$KAFKA_LOG4J"
}

# kafka_tool CLASS ARGS...: runs one of Kafka's command line tools, logging only warnings (to stderr).
kafka_tool() {
  java -cp "$KAFKA_LIBS/*" "-Dlog4j2.configurationFile=$KAFKA_LOG4J" \
    -Dslipway.kafka.log.level=WARN -Dslipway.kafka.log.target=SYSTEM_ERR "$@"
}

# Formats the storage once, with a cluster id kept in kafka/cluster.id.
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
  if ! out=$(kafka_tool kafka.tools.StorageTool format --standalone -t "$cluster_id" -c "$KAFKA_CONF" 2>&1); then
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

kafka_stop() { stop_pid kafka "$KAFKA_PIDFILE" 30; }

kafka_status() { pidfile_status kafka "$KAFKA_PIDFILE" "$SLIPWAY_KAFKA_PORT"; }
