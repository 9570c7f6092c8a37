#!/usr/bin/env bash
# Starts the action server, the Rasa server (REST + socket.io, Telegram when TELEGRAM_TOKEN is set) and
# the web page with the chat widget; `run.sh shell` opens a chat in the terminal instead.
# Each server's whole log goes to $ASSISTENT_VAR/logs/<server>.log (personal data masked, dienst/logboek.py);
# the console shows the addresses and errors only. Ctrl-C (or SIGTERM) stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
BEGIN=$SECONDS
# The addresses as dienst/instellingen.py reads them, with its defaults (a wrong value stops here, one sentence).
ADRESSEN=$("$PY" -m dienst adressen)
eval "export $ADRESSEN"
# Rasa 3.6 and its libraries print many deprecation warnings at start; they are not for the operator.
export PYTHONWARNINGS="${PYTHONWARNINGS:-ignore}"
mkdir -p "$LOG_MAP"

PIDS=()
declare -A PID_VAN
stop_all() { kill "${PIDS[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop_all EXIT
trap 'exit 130' INT TERM

# server name, command...: runs it with its log in $LOG_MAP/<name>.log (the previous run's in <name>.vorige.log)
# and shows that log's errors on the console: our own start-up sentences and Rasa's ERROR/CRITICAL lines.
start_server() {
  local naam=$1 log="$LOG_MAP/$1.log"
  shift
  [ -f "$log" ] && mv -f "$log" "$LOG_MAP/$naam.vorige.log"
  : >"$log"
  "$@" >>"$log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  PID_VAN[$naam]=$pid
  tail --pid="$pid" -n +1 -F "$log" 2>/dev/null \
    | grep --line-buffered -E '^dienst: |^[0-9-]+ [0-9:,]+ +(ERROR|CRITICAL) ' \
    | sed -u -E "s/^dienst: /$naam: /; s/^[0-9-]+ [0-9:,]+ +(ERROR|CRITICAL) +[^ ]+ +- /$naam: /" >&2 &
}

wait_for() {  # url, server name, seconds, description
  local log="$LOG_MAP/$2.log"
  for _ in $(seq 1 "$(($3 * 4))"); do
    curl -fs "$1" >/dev/null 2>&1 && return 0
    if ! kill -0 "${PID_VAN[$2]}" 2>/dev/null; then
      sleep 0.5  # the console filter shows the server's last error first
      echo "run: $4 stopped; its log: $log" >&2
      return 1
    fi
    sleep 0.25
  done
  echo "run: $4 did not start within $3 s; its log: $log" >&2
  return 1
}

start_server acties "$PY" -m dienst acties
if [ "${1:-}" = "shell" ]; then
  wait_for "http://127.0.0.1:$ACTION_PORT/health" acties 120 "the action server"
  "$PY" -m dienst shell
  exit 0
fi

# Rasa does not need the action server before the first message: both start at once.
start_server rasa "$PY" -m dienst server
start_server web "$PY" web/serve.py
wait_for "http://127.0.0.1:$ACTION_PORT/health" acties 120 "the action server"
wait_for "http://$RASA_HOST:$RASA_PORT/webhooks/rest/" rasa 300 "the Rasa server"
cat <<MSG

  The assistant is ready (started in $((SECONDS - BEGIN)) s).
    Web page with the chat:  http://$WEB_HOST:$WEB_PORT/
    REST:  curl -s http://$RASA_HOST:$RASA_PORT/webhooks/rest/webhook -d '{"sender": "ik", "message": "Wat kost de aanvraag?"}'
    Logs:  $LOG_MAP/
  Ctrl-C stops everything.

MSG
wait -n "${PIDS[@]}" || true
echo "run: a server stopped; see the logs in $LOG_MAP/" >&2
