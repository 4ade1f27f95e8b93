# shellcheck shell=bash
# Helpers shared by bin/slipway: messages, pid files, detached processes, waiting.
# Sourced, not executed. Expects SLIPWAY_HOME, LOG_DIR and RUN_DIR to be set by the caller.

say()  { printf '%s\n' "slipway: $*"; }
warn() { printf '%s\n' "slipway: warning: $*" >&2; }
die()  { printf '%s\n' "slipway: error: $*" >&2; exit 1; }

is_root() { [[ "$(id -u)" -eq 0 ]]; }

# random_hex BYTES: a random lower-case hex string of 2*BYTES characters.
random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

# write_secret FILE: stores stdin in FILE with mode 600, never readable by others on the way.
write_secret() {
  local file=$1
  (umask 077 && cat >"$file.tmp") && chmod 600 "$file.tmp" && mv -f "$file.tmp" "$file"
}

# ensure_secret FILE BYTES: creates FILE with a random hex secret once.
ensure_secret() {
  local file=$1 bytes=$2
  if [[ ! -s "$file" ]]; then
    printf '%s\n' "$(random_hex "$bytes")" | write_secret "$file"
  fi
}

# first_line FILE: the first line of FILE, with or without a final newline.
first_line() {
  local line=""
  IFS= read -r line <"$1" || [[ -n "$line" ]] || return 1
  printf '%s\n' "$line"
}

# tail_log FILE: shows the end of a log after a failure.
tail_log() {
  local file=$1
  if [[ -r "$file" ]]; then
    printf '%s\n' "---- last lines of $file ----" >&2
    tail -n 40 "$file" >&2
    printf '%s\n' "----" >&2
  else
    printf '%s\n' "(no log at $file)" >&2
  fi
}

# rotate_log FILE: keeps the previous run's log as FILE.1 so readiness checks see only this run.
rotate_log() {
  local file=$1
  if [[ -e "$file" ]]; then mv -f "$file" "$file.1"; fi
  (umask 077 && : >"$file")
}

# pid_alive PID: the process exists and is not a zombie waiting to be reaped.
pid_alive() {
  local pid=$1 state
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  state=$(ps -o stat= -p "$pid" 2>/dev/null) || return 1
  [[ -n "$state" && "$state" != Z* ]]
}

# pid_from_file FILE: prints the pid recorded in FILE if that process is alive and did not start
# after the file was written (a pid reused by another program after a reboot is not ours).
pid_from_file() {
  local file=$1 pid age elapsed
  [[ -r "$file" ]] || return 1
  pid=$(first_line "$file") || return 1
  pid_alive "$pid" || return 1
  age=$(( $(date +%s) - $(stat -c %Y "$file") ))
  elapsed=$(ps -o etimes= -p "$pid" 2>/dev/null | tr -d ' ') || return 1
  [[ "$elapsed" =~ ^[0-9]+$ ]] || return 1
  if (( elapsed + 2 < age )); then
    return 1
  fi
  printf '%s\n' "$pid"
}

# port_in_use PORT: something accepts TCP connections on 127.0.0.1:PORT.
port_in_use() {
  local port=$1
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

# require_free_port NAME PORT VARIABLE: refuses to start NAME on a port someone else holds.
require_free_port() {
  local name=$1 port=$2 variable=$3
  if port_in_use "$port"; then
    die "cannot start $name: port $port on 127.0.0.1 is already in use by another program; stop it or choose another port with $variable=..."
  fi
}

# launch_detached PIDFILE LOGFILE WORKDIR COMMAND...: starts COMMAND in its own session so that it
# outlives this script, stdout and stderr to LOGFILE, and records its pid.
launch_detached() {
  local pidfile=$1 logfile=$2 workdir=$3
  shift 3
  rotate_log "$logfile"
  (cd "$workdir" && exec setsid nohup "$@" >>"$logfile" 2>&1 </dev/null) &
  printf '%s\n' "$!" >"$pidfile"
}

# wait_until SECONDS PID CHECK...: runs CHECK every half second until it succeeds (0), the process
# PID dies (1) or SECONDS pass (2). PID may be empty when there is no process to watch.
wait_until() {
  local timeout=$1 pid=$2 deadline
  shift 2
  deadline=$(( $(date +%s) + timeout ))
  while :; do
    if "$@"; then return 0; fi
    if [[ -n "$pid" ]] && ! pid_alive "$pid"; then return 1; fi
    if (( $(date +%s) >= deadline )); then return 2; fi
    sleep 0.5
  done
}

# log_has FILE TEXT: the log contains TEXT.
log_has() { grep -qF -- "$2" "$1" 2>/dev/null; }

# http_ok URL: the URL answers 2xx. A readiness probe of our own service: an HTTPS certificate
# made for a public name is not checked against 127.0.0.1.
http_ok() { curl -fsS -k -o /dev/null --max-time 2 "$1" 2>/dev/null; }

# fail_start NAME PID PIDFILE LOGFILE REASON: stops a service that did not become ready, shows why.
fail_start() {
  local name=$1 pid=$2 pidfile=$3 logfile=$4 reason=$5
  if [[ -n "$pid" ]] && pid_alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    wait_until 10 "" pid_gone "$pid" || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
  tail_log "$logfile"
  die "$name $reason (log: $logfile)"
}

pid_gone() { ! pid_alive "$1"; }

# stop_pid NAME PIDFILE GRACE: SIGTERM, then SIGKILL after GRACE seconds. Quiet when not running.
stop_pid() {
  local name=$1 pidfile=$2 grace=$3 pid
  if ! pid=$(pid_from_file "$pidfile"); then
    rm -f "$pidfile"
    return 0
  fi
  say "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_until "$grace" "" pid_gone "$pid"; then
    warn "$name (pid $pid) did not stop within ${grace}s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    wait_until 5 "" pid_gone "$pid" || warn "$name (pid $pid) is still alive"
  fi
  rm -f "$pidfile"
}

# status_line NAME STATE PID PORT
status_line() {
  printf '%-13s %-8s pid %-8s port %s\n' "$1" "$2" "${3:--}" "${4:--}"
}

# pidfile_status NAME PIDFILE PORT: one status line from a pid file.
pidfile_status() {
  local name=$1 pidfile=$2 port=$3 pid
  if pid=$(pid_from_file "$pidfile"); then
    status_line "$name" running "$pid" "$port"
  else
    status_line "$name" stopped "" "$port"
  fi
}
