"""The chat embedded in another site, in headless Chromium (tests/browser/, Node's test runner with Playwright),
against the real service; the test reads the stored feedback event from the conversation store."""

import os
import shutil
import subprocess

import pytest

from tests.e2e.stack import ROOT


def test_chat_in_de_browser(stack):
    if shutil.which("node") is None:
        pytest.fail("Node.js is needed for the browser test")
    uitvoer = subprocess.run(
        ["node", "--test", "tests/browser/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "WEB_URL": stack.web_url, "CONVERSATION_DB": str(stack.werkmap / "gesprekken.db")},
    )
    print(uitvoer.stdout)
    assert uitvoer.returncode == 0, uitvoer.stdout[-4000:] + uitvoer.stderr[-4000:]
