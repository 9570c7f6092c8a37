#!/usr/bin/env bash
# Starts the action server, the Rasa server (REST + socket.io, Telegram when TELEGRAM_TOKEN is set) and
# the web page with the chat widget; `run.sh shell` opens a chat in the terminal instead.
# Ctrl-C (or SIGTERM) stops everything. Settings: environment variables, see README.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
# The addresses as dienst/instellingen.py reads them, with its defaults (a wrong value stops here, one sentence).
ADRESSEN=$("$PY" -m dienst adressen)
eval "export $ADRESSEN"
# Rasa 3.6 and its libraries print many deprecation warnings at start; they are not for the operator.
export PYTHONWARNINGS="${PYTHONWARNINGS:-ignore}"

PIDS=()
stop_all() { kill "${PIDS[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop_all EXIT
trap 'exit 130' INT TERM

wait_for() {  # url, name, seconds
  for _ in $(seq 1 "$3"); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 1; done
  echo "run: $2 did not start within $3 s" >&2; return 1
}

"$PY" -m dienst acties &
PIDS+=($!)
wait_for "http://127.0.0.1:$ACTION_PORT/health" "the action server" 120

if [ "${1:-}" = "shell" ]; then
  "$PY" -m dienst shell
  exit 0
fi

"$PY" -m dienst server &
PIDS+=($!)
"$PY" web/serve.py &
PIDS+=($!)
wait_for "http://$RASA_HOST:$RASA_PORT/webhooks/rest/" "the Rasa server" 300
cat <<MSG

  The assistant is ready.
    Web page with the chat:  http://$WEB_HOST:$WEB_PORT/
    REST:  curl -s http://$RASA_HOST:$RASA_PORT/webhooks/rest/webhook -d '{"sender": "ik", "message": "Wat kost de aanvraag?"}'
  Ctrl-C stops everything.

MSG
wait -n "${PIDS[@]}"
