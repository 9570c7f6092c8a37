#!/usr/bin/env bash
# NLU cross-validation (intent F1 macro and weighted, entity F1), the held-out NLU set, and the development QA set against a
# running assistant (started here on free ports, stopped afterwards).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
SHARED="${SHARED:-../shared}"
FOLDS="${FOLDS:-3}"
OUT=results/eval
mkdir -p "$OUT"

echo "== NLU cross-validation ($FOLDS folds)"
"$BIN/rasa" test nlu --nlu data/nlu --config config.yml --cross-validation --folds "$FOLDS" --out "$OUT/nlu" >"$OUT/nlu.log" 2>&1
"$BIN/python" scripts/nlu_scores.py "$OUT/nlu"

echo "== NLU held-out set (tests/nlu)"
"$BIN/rasa" test nlu --nlu tests/nlu --model models/assistent.tar.gz --out "$OUT/nlu_apart" >"$OUT/nlu_apart.log" 2>&1
"$BIN/python" scripts/nlu_drempel.py "$OUT/nlu_apart" || true

if [ ! -f "$SHARED/eval/run_qa.py" ]; then
  echo "== QA: $SHARED/eval not found, skipped"; exit 0
fi
echo "== QA set $SHARED/eval/qa_dev.yml"
export ACTION_PORT="${EVAL_ACTION_PORT:-5155}" RASA_PORT="${EVAL_RASA_PORT:-5105}"
scripts/run.sh >"$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  curl -fs "http://127.0.0.1:$RASA_PORT/status" >/dev/null 2>&1 && break
  curl -fs "http://127.0.0.1:$RASA_PORT/" >/dev/null 2>&1 && break
  sleep 1
done
"$BIN/python" "$SHARED/eval/run_qa.py" "$SHARED/eval/qa_dev.yml" --url "http://127.0.0.1:$RASA_PORT" --report "$OUT/qa_report.json"
