#!/usr/bin/env bash
# Creates the project's virtual environment (.venv) on Python 3.10 and installs the locked packages and
# spaCy's nl_core_news_sm 3.4.0. Does the work once: a second run finds the stamp and returns at once.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv
LOCK=requirements.lock
MODEL_VERSION=3.4.0
MODEL_URL="https://github.com/explosion/spacy-models/releases/download/nl_core_news_sm-${MODEL_VERSION}/nl_core_news_sm-${MODEL_VERSION}-py3-none-any.whl"
WHEELHOUSE="${SPACY_WHEELHOUSE:-../shared/wheels}"
STAMP="$VENV/.installed-$(sha256sum "$LOCK" | cut -c1-16)"

find_python() {
  local candidates=()
  [ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
  command -v python3.10 >/dev/null 2>&1 && candidates+=("$(command -v python3.10)")
  local pyenv_root="${PYENV_ROOT:-$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")}"
  for p in "$pyenv_root"/versions/3.10.*/bin/python3.10; do [ -x "$p" ] && candidates+=("$p"); done
  for p in "${candidates[@]}"; do
    if "$p" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}

if [ -f "$STAMP" ]; then
  exit 0
fi

if [ ! -x "$VENV/bin/python" ]; then
  if ! PY=$(find_python); then
    echo "Python 3.10 is needed (Rasa 3.6 does not run on 3.11 or newer) and none was found." >&2
    echo "Install it (for example: pyenv install 3.10.13) or point PYTHON=/path/to/python3.10 at one." >&2
    exit 1
  fi
  echo "setup: creating $VENV with $PY"
  "$PY" -m venv "$VENV"
fi

echo "setup: installing the locked packages (first time takes about 5 minutes)"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "pip==24.0"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$LOCK"

if "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --timeout 10 --retries 0 \
    "nl_core_news_sm @ $MODEL_URL" 2>/dev/null; then
  echo "official release wheel ($MODEL_URL)" > "$VENV/SPACY_MODEL_SOURCE"
elif [ -d "$WHEELHOUSE" ] && "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps \
    --no-index --find-links "$WHEELHOUSE" "nl_core_news_sm==$MODEL_VERSION"; then
  echo "wheelhouse $(cd "$WHEELHOUSE" && pwd) (offline stand-in, see ../shared/spacy-nl/README.md)" > "$VENV/SPACY_MODEL_SOURCE"
else
  echo "nl_core_news_sm $MODEL_VERSION could not be installed: the official release is unreachable and no" >&2
  echo "wheelhouse was found at '$WHEELHOUSE'. Set SPACY_WHEELHOUSE to a folder holding its wheel." >&2
  exit 1
fi
"$VENV/bin/python" -c "import spacy; spacy.load('nl_core_news_sm')"
echo "setup: nl_core_news_sm from $(cat "$VENV/SPACY_MODEL_SOURCE")"
rm -f "$VENV"/.installed-*
touch "$STAMP"
