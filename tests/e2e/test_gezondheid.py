"""The health route that probes ask: 503 while the server has no model, so it gets no traffic."""

import json
import time
import urllib.error
import urllib.request
from typing import Tuple

import processen
from tests.e2e.stack import PYTHON, ROOT, Stack

WACHT = 300


def vraag(url: str) -> Tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=5) as antwoord:
            return antwoord.status, json.loads(antwoord.read())
    except urllib.error.HTTPError as fout:
        return fout.code, json.loads(fout.read())


def eerste_antwoord(url: str, proces) -> Tuple[int, dict]:
    """The first HTTP answer of a starting server, whatever its status."""
    einde = time.monotonic() + WACHT
    while time.monotonic() < einde:
        assert proces.poll() is None, "the server stopped"
        try:
            return vraag(url)
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.25)
    raise TimeoutError(f"{url} did not answer within {WACHT} s")


def test_gezond_met_model(stack):
    for kanaal in ("rest", "socketio", "telegram"):
        assert vraag(f"{stack.rasa_url}/webhooks/{kanaal}/") == (200, {"status": "ok"}), kanaal


def test_zonder_model_503_op_elk_kanaal(tmp_path):
    # Rasa logs "Could not load model" and serves on, as it does when config.yml names a package it lacks.
    kapot = tmp_path / "kapot.tar.gz"
    kapot.write_bytes(b"geen model")
    zonder = Stack("zonder-model", tmp_path, {"MODEL": str(kapot)})
    proces = processen.start([PYTHON, "-m", "dienst", "server"], ROOT, zonder.omgeving, zonder.log("rasa"))
    zonder.processen["rasa"] = proces
    try:
        assert eerste_antwoord(f"{zonder.rasa_url}/webhooks/rest/", proces)[0] == 503
        assert vraag(f"{zonder.rasa_url}/webhooks/socketio/")[0] == 503
    finally:
        zonder.stop_alles()
