"""Starts the real service (action server, Rasa server, web page) on free loopback ports for a test.

Each run keeps the servers' logs in a folder of its own, test-output/e2e/<date>-<time>-<pid>/, with
test-output/e2e/latest pointing at the newest: two runs in one checkout do not remove each other's logs.
"""

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any, Dict, List, Optional

import processen
from processen import vrije_poort

ROOT = Path(__file__).resolve().parents[2]

PYTHON = str(ROOT / ".venv" / "bin" / "python")
UITVOER = ROOT / "test-output" / "e2e"
MODEL = ROOT / "models" / "assistent.tar.gz"
BEWAARDE_RUNS = 10
# Loading the model took 2 to 5 minutes on the shared 2-core VM (three at once); a hung start still ends.
RASA_START = 900
RUN = UITVOER / f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
RUN_NAAM = re.compile(r"\d{8}-\d{6}-\d+")
_LOGMAP_SLOT = threading.Lock()

__all__ = ["MODEL", "PYTHON", "ROOT", "Stack", "post_json", "teksten", "vrije_poort"]


def logmap() -> Path:
    """This run's log folder: made on first use, then `latest` points at it and all but the newest runs go.

    Servers are started from several threads at once (tests/e2e/test_productie.py): one of them makes it."""
    with _LOGMAP_SLOT:
        return _maak_logmap()


def _maak_logmap() -> Path:
    if not RUN.is_dir():
        RUN.mkdir(parents=True)
        wijzer = UITVOER / f".latest-{os.getpid()}"
        wijzer.unlink(missing_ok=True)
        wijzer.symlink_to(RUN.name)
        os.replace(wijzer, UITVOER / "latest")  # atomic: a run that starts at the same time sees one or the other
        oud = sorted(p for p in UITVOER.iterdir() if RUN_NAAM.fullmatch(p.name) and p != RUN)
        for oude_run in oud[: max(0, len(oud) + 1 - BEWAARDE_RUNS)]:
            shutil.rmtree(oude_run, ignore_errors=True)
    return RUN


def post_json(url: str, body: Any, timeout: float = 60) -> Any:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    verzoek = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(verzoek, timeout=timeout) as antwoord:
        return json.loads(antwoord.read() or b"null")


class Stack:
    """One assistant: `naam` keeps its logs apart; `omgeving` adds or overrides settings."""

    def __init__(
        self, naam: str, werkmap: Path, omgeving: Optional[Dict[str, str]] = None, debug: bool = False
    ) -> None:
        self.naam = naam
        self.werkmap = werkmap
        self.extra = ["--debug"] if debug else []
        self.actie_poort, self.rasa_poort, self.web_poort = vrije_poort(), vrije_poort(), vrije_poort()
        self.omgeving = {
            **os.environ,
            "ASSISTENT_VAR": str(werkmap),
            "ACTION_PORT": str(self.actie_poort),
            "RASA_PORT": str(self.rasa_poort),
            "WEB_PORT": str(self.web_poort),
            "MODEL": str(MODEL),
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            **(omgeving or {}),
        }
        self.processen: Dict[str, subprocess.Popen] = {}

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_poort}"

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.web_poort}/"

    def log(self, onderdeel: str) -> Path:
        return logmap() / f"{self.naam}-{onderdeel}.log"

    def _start(self, onderdeel: str, url: str, seconden: float, *argumenten: str) -> None:
        """Starts a server (a restart appends to its log) and waits until `url` answers."""
        log = self.log(onderdeel)
        proces = processen.start([PYTHON, *argumenten], ROOT, self.omgeving, log, nieuw_log=False)
        self.processen[onderdeel] = proces
        processen.wacht_op(url, seconden, proces, log)

    def start_acties(self) -> None:
        url = f"http://127.0.0.1:{self.actie_poort}/health"
        self._start("acties", url, 120, "-m", "dienst", "acties", *self.extra)

    def start_rasa(self) -> None:
        self._start("rasa", f"{self.rasa_url}/webhooks/rest/", RASA_START, "-m", "dienst", "server", *self.extra)

    def start_web(self) -> None:
        self._start("web", self.web_url, 30, "web/serve.py")

    def start(self, web: bool = False) -> "Stack":
        self.start_acties()
        self.start_rasa()
        if web:
            self.start_web()
        return self

    def stop(self, onderdeel: str, signaal: int = signal.SIGTERM) -> None:
        processen.stop(self.processen.pop(onderdeel, None), signaal, 30)

    def stop_alles(self) -> None:
        for onderdeel in list(self.processen):
            self.stop(onderdeel)

    def gebeurtenissen(self, afzender: str) -> List[Dict[str, Any]]:
        """The stored events of one conversation (embedded mode: the SQLite tracker store)."""
        with sqlite3.connect(self.werkmap / "gesprekken.db") as db:
            rijen = db.execute("SELECT data FROM events WHERE sender_id = ? ORDER BY id", (afzender,))
            return [json.loads(data) for (data,) in rijen]

    def zeg(self, afzender: str, tekst: Any, timeout: float = 60) -> List[Dict[str, Any]]:
        return post_json(f"{self.rasa_url}/webhooks/rest/webhook", {"sender": afzender, "message": tekst}, timeout)


def teksten(antwoorden: List[Dict[str, Any]]) -> str:
    return "\n".join(a.get("text") or "" for a in antwoorden)


if __name__ == "__main__":  # `python -m tests.e2e.stack`: start a stack by hand for a browser test
    stack = Stack("handmatig", UITVOER / "handmatig")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        stack.start(web=True)
        print(stack.web_url, flush=True)
        signal.pause()
    finally:
        stack.stop_alles()
