#!/usr/bin/env bash
# Starts the action server and the Rasa server (REST channel); `run.sh shell` opens a chat in the terminal
# instead. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
ACTION_PORT="${ACTION_PORT:-5055}"
RASA_PORT="${RASA_PORT:-5005}"

ENDPOINTS=endpoints.yml
if [ "$ACTION_PORT" != 5055 ]; then
  ENDPOINTS=$(mktemp --suffix=.yml)
  sed "s/:5055\//:$ACTION_PORT\//" endpoints.yml > "$ENDPOINTS"
fi

"$BIN/rasa" run actions --port "$ACTION_PORT" &
ACTIONS_PID=$!
trap 'kill $ACTIONS_PID 2>/dev/null; wait $ACTIONS_PID 2>/dev/null || true' EXIT INT TERM

for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$ACTION_PORT/health" >/dev/null && break
  sleep 1
done

if [ "${1:-}" = "shell" ]; then
  "$BIN/rasa" shell --model models/assistent.tar.gz --endpoints "$ENDPOINTS"
else
  echo "REST: curl -s localhost:$RASA_PORT/webhooks/rest/webhook -d '{\"sender\": \"ik\", \"message\": \"Wat kost de aanvraag?\"}'"
  "$BIN/rasa" run --model models/assistent.tar.gz --port "$RASA_PORT" --interface 127.0.0.1 --credentials credentials.yml --endpoints "$ENDPOINTS"
fi
