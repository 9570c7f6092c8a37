"""Starts the real service (action server, Rasa server, web page) on free loopback ports for a test."""

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Dict, List, Optional

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
UITVOER = ROOT / "test-output" / "e2e"
MODEL = ROOT / "models" / "assistent.tar.gz"


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wacht_op(url: str, seconden: float, proces: Optional[subprocess.Popen] = None) -> None:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if proces is not None and proces.poll() is not None:
            raise RuntimeError(f"{url}: process stopped with exit code {proces.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {seconden} s")


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
        UITVOER.mkdir(parents=True, exist_ok=True)
        for oud in UITVOER.glob(f"{naam}-*.log"):
            oud.unlink()

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_poort}"

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.web_poort}/"

    def log(self, onderdeel: str) -> Path:
        return UITVOER / f"{self.naam}-{onderdeel}.log"

    def _start(self, onderdeel: str, *argumenten: str) -> subprocess.Popen:
        with open(self.log(onderdeel), "ab") as log:
            proces = subprocess.Popen(
                [PYTHON, *argumenten],
                cwd=ROOT,
                env=self.omgeving,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.processen[onderdeel] = proces
        return proces

    def start_acties(self) -> None:
        proces = self._start("acties", "-m", "dienst", "acties", *self.extra)
        wacht_op(f"http://127.0.0.1:{self.actie_poort}/health", 120, proces)

    def start_rasa(self) -> None:
        proces = self._start("rasa", "-m", "dienst", "server", *self.extra)
        wacht_op(f"{self.rasa_url}/webhooks/rest/", 300, proces)

    def start_web(self) -> None:
        proces = self._start("web", "web/serve.py")
        wacht_op(self.web_url, 30, proces)

    def start(self, web: bool = False) -> "Stack":
        self.start_acties()
        self.start_rasa()
        if web:
            self.start_web()
        return self

    def stop(self, onderdeel: str, signaal: int = signal.SIGTERM) -> None:
        proces = self.processen.pop(onderdeel, None)
        if proces is None or proces.poll() is not None:
            return
        os.killpg(proces.pid, signaal)
        try:
            proces.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proces.pid, signal.SIGKILL)
            proces.wait()

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


if __name__ == "__main__":  # `python tests/e2e/stack.py`: start a stack by hand for a browser test
    stack = Stack("handmatig", UITVOER / "handmatig")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        stack.start(web=True)
        print(stack.web_url, flush=True)
        signal.pause()
    finally:
        stack.stop_alles()
