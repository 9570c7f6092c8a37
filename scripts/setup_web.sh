#!/usr/bin/env bash
# Installs the web page's locked npm packages (socket.io-client, and playwright-core and axe-core for the
# browser test) into web/node_modules. Does the work once: a second run finds the stamp and returns at once.
set -euo pipefail
cd "$(dirname "$0")/../web"

LOCK=package-lock.json
STAMP="node_modules/.installed-$(sha256sum "$LOCK" | cut -c1-16)"

if [ -f "$STAMP" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "setup_web: npm is needed (Node.js 20 or newer) and was not found." >&2
  exit 1
fi

echo "setup_web: installing the locked npm packages in web/"
# playwright-core never downloads a browser; the test drives Debian's chromium (scripts/setup_browser.sh).
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
rm -f node_modules/.installed-*
touch "$STAMP"
