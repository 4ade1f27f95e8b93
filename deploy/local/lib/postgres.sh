# shellcheck shell=bash
# A private PostgreSQL 15 cluster for Slipway (not the OS's own cluster), on 127.0.0.1 only.
# As root it runs as the postgres user (initdb refuses root); otherwise as the current user.
# Sourced by bin/slipway after common.sh.

PG_BIN=${SLIPWAY_PG_BIN:-/usr/lib/postgresql/15/bin}
PG_DIR="$SLIPWAY_HOME/postgres"
PG_DATA="$PG_DIR/data"
PG_SOCKET_DIR="$PG_DIR/run"
PG_PASSWORD_FILE="$PG_DIR/password"
# The workers' role: plugins' storage and deployment metadata, nothing else (GRANTs in migration V9).
PG_PLUGINS_PASSWORD_FILE="$PG_DIR/plugins-password"
PG_PIDFILE="$RUN_DIR/postgres.pid"
PG_LOGFILE="$LOG_DIR/postgres.log"
PG_READY_TIMEOUT=60

# as_pg COMMAND...: runs a PostgreSQL tool as the cluster's owner.
as_pg() {
  if is_root; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

pg_running() { as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; }

pg_check_install() {
  [[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" ]] \
    || die "PostgreSQL 15 server binaries not found in $PG_BIN; run 'bin/slipway setup' (or apt-get install postgresql-15), or set SLIPWAY_PG_BIN"
  if is_root; then
    id -u postgres >/dev/null 2>&1 || die "the 'postgres' OS user does not exist; install the postgresql package"
  fi
  local socket="$PG_SOCKET_DIR/.s.PGSQL.$SLIPWAY_PG_PORT"
  (( ${#socket} < 100 )) || die "SLIPWAY_HOME is too long for a PostgreSQL socket path ($socket); choose a shorter SLIPWAY_HOME"
}

# Creates the data and socket directories owned by the cluster's OS user.
pg_prepare_dirs() {
  mkdir -p "$PG_DIR" "$PG_DATA" "$PG_SOCKET_DIR"
  touch "$PG_LOGFILE"
  chmod 0600 "$PG_LOGFILE"
  if is_root; then
    chown postgres:postgres "$PG_DATA" "$PG_SOCKET_DIR" "$PG_LOGFILE"
    as_pg test -x "$PG_DIR" \
      || die "the postgres OS user cannot reach $PG_DIR; every directory above SLIPWAY_HOME must be world-searchable (SLIPWAY_HOME under /root is not)"
  fi
  chmod 700 "$PG_DATA"
}

pg_init_once() {
  if [[ -f "$PG_DATA/PG_VERSION" ]]; then
    return 0
  fi
  say "initialising a PostgreSQL cluster in $PG_DATA"
  local out
  if ! out=$(as_pg "$PG_BIN/initdb" -D "$PG_DATA" -E UTF8 --locale=C.UTF-8 \
      --auth-local=peer --auth-host=scram-sha-256 2>&1); then
    printf '%s\n' "$out" >&2
    die "initdb failed for $PG_DATA"
  fi
  printf '%s\n' "" "# Slipway: port, addresses and socket directory, rewritten on every start." \
    "include_if_exists = 'slipway.conf'" >>"$PG_DATA/postgresql.conf"
}

# Settings that follow the environment (port, paths), written on every start.
pg_write_settings() {
  local socket_dir=${PG_SOCKET_DIR//\'/\'\'}
  {
    printf '%s\n' "# Written by bin/slipway on every start; edit postgresql.conf for your own settings."
    printf '%s\n' "listen_addresses = '127.0.0.1'"
    printf '%s\n' "port = $SLIPWAY_PG_PORT"
    printf '%s\n' "unix_socket_directories = '$socket_dir'"
    printf '%s\n' "password_encryption = 'scram-sha-256'"
  } >"$PG_DATA/slipway.conf"
  if is_root; then chown postgres:postgres "$PG_DATA/slipway.conf"; fi
}

# pg_password FILE: the password in FILE (generated once), checked to be safe inside SQL quotes.
pg_password() {
  local file=$1 password
  ensure_secret "$file" 24
  password=$(first_line "$file") || die "$file is empty"
  [[ "$password" =~ ^[A-Za-z0-9._~+/=-]+$ ]] \
    || die "$file must hold a password made of letters, digits and ._~+/=- only"
  printf '%s\n' "$password"
}

# Creates the slipway role and database, and the workers' narrow role slipway_plugins, which
# may log in and nothing more until migration V9 grants it the two plugin tables.
pg_ensure_role_and_db() {
  local password plugins_password
  password=$(pg_password "$PG_PASSWORD_FILE") || exit 1
  plugins_password=$(pg_password "$PG_PLUGINS_PASSWORD_FILE") || exit 1
  # The passwords travel on stdin, never on a command line.
  as_pg "$PG_BIN/psql" -X -q -h "$PG_SOCKET_DIR" -p "$SLIPWAY_PG_PORT" -d postgres \
    -v ON_ERROR_STOP=1 >/dev/null <<SQL || die "could not create the slipway roles and database"
SELECT 'CREATE ROLE slipway LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'slipway')\gexec
ALTER ROLE slipway WITH LOGIN PASSWORD '$password';
SELECT 'CREATE ROLE slipway_plugins LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'slipway_plugins')\gexec
ALTER ROLE slipway_plugins WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
  CONNECTION LIMIT 20 PASSWORD '$plugins_password';
SELECT 'CREATE DATABASE slipway OWNER slipway' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'slipway')\gexec
SQL
}

pg_start() {
  pg_check_install
  if pg_running; then
    pg_record_pid
    # A cluster started by an older bin/slipway may lack a role made since.
    pg_ensure_role_and_db
    say "postgres already running (pid $(head -n 1 "$PG_DATA/postmaster.pid"), port $SLIPWAY_PG_PORT)"
    return 0
  fi
  require_free_port postgres "$SLIPWAY_PG_PORT" SLIPWAY_PG_PORT
  pg_prepare_dirs
  pg_init_once
  pg_write_settings
  say "starting postgres on 127.0.0.1:$SLIPWAY_PG_PORT"
  if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOGFILE" -w -t "$PG_READY_TIMEOUT" -s start >/dev/null 2>&1; then
    tail_log "$PG_LOGFILE"
    die "postgres did not start within ${PG_READY_TIMEOUT}s (log: $PG_LOGFILE)"
  fi
  pg_record_pid
  pg_ensure_role_and_db
  say "postgres ready (pid $(head -n 1 "$PG_DATA/postmaster.pid")), database slipway, user slipway"
}

pg_record_pid() {
  head -n 1 "$PG_DATA/postmaster.pid" >"$PG_PIDFILE"
}

pg_stop() {
  if [[ -f "$PG_DATA/PG_VERSION" ]] && [[ -x "$PG_BIN/pg_ctl" ]] && pg_running; then
    say "stopping postgres"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 -s stop \
      || warn "pg_ctl stop failed for $PG_DATA"
  fi
  rm -f "$PG_PIDFILE"
}

pg_status() {
  if [[ -f "$PG_DATA/PG_VERSION" ]] && [[ -x "$PG_BIN/pg_ctl" ]] && pg_running; then
    status_line postgres running "$(head -n 1 "$PG_DATA/postmaster.pid")" "$SLIPWAY_PG_PORT"
  else
    status_line postgres stopped "" "$SLIPWAY_PG_PORT"
  fi
}
