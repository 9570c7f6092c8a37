#!/usr/bin/env bash
# Starts the action server and the Rasa server (REST channel); `run.sh shell` opens a chat in the terminal
# instead. Ctrl-C (or SIGTERM) stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
MODEL=models/assistent.tar.gz
ACTION_PORT="${ACTION_PORT:-5055}"
RASA_PORT="${RASA_PORT:-5005}"

ENDPOINTS=endpoints.yml
if [ "$ACTION_PORT" != 5055 ]; then
  ENDPOINTS=$(mktemp --suffix=.yml)
  sed "s/:5055\//:$ACTION_PORT\//" endpoints.yml > "$ENDPOINTS"
fi

PIDS=()
stop_all() { kill "${PIDS[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop_all EXIT
trap 'exit 130' INT TERM

"$BIN/rasa" run actions --port "$ACTION_PORT" &
PIDS+=($!)
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$ACTION_PORT/health" >/dev/null 2>&1 && break
  sleep 1
done

if [ "${1:-}" = "shell" ]; then
  "$BIN/rasa" shell --model "$MODEL" --endpoints "$ENDPOINTS"
  exit 0
fi
echo "Assistant on http://127.0.0.1:$RASA_PORT (REST channel). Try:"
echo "  curl -s localhost:$RASA_PORT/webhooks/rest/webhook -d '{\"sender\": \"ik\", \"message\": \"Wat kost de aanvraag?\"}'"
"$BIN/rasa" run --model "$MODEL" --port "$RASA_PORT" --interface 127.0.0.1 \
  --credentials credentials.yml --endpoints "$ENDPOINTS" &
PIDS+=($!)
wait -n "${PIDS[@]}"
