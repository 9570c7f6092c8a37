"""Several Sanic workers each listen on their own socket, so the kernel spreads connections (rasaserver/patches/werkers.py)."""

import os
import signal
import socket
import subprocess
import sys
import time

import pytest
import sanic.server.runners as runners

from rasaserver.kanalen.socketio import transporten
from rasaserver.patches import werkers
from tests.conftest import PROJECT


@pytest.fixture
def geinstalleerd(monkeypatch):
    monkeypatch.setattr(runners, "bind_socket", runners.bind_socket)
    monkeypatch.setattr(runners, "serve", runners.serve)
    werkers.installeer()


def test_het_hoofdproces_luistert_zelf_niet(geinstalleerd):
    plaatshouder = runners.bind_socket("127.0.0.1", 0, backlog=50)
    with plaatshouder, pytest.raises(ConnectionRefusedError):
        socket.create_connection(plaatshouder.getsockname(), timeout=2)


def test_elke_werker_krijgt_verbindingen(geinstalleerd):
    plaatshouder = runners.bind_socket("127.0.0.1", 0, backlog=50)
    eerste, tweede = werkers.eigen_socket(plaatshouder), werkers.eigen_socket(plaatshouder)
    klanten = [socket.create_connection(plaatshouder.getsockname(), timeout=2) for _ in range(40)]
    try:
        geaccepteerd = []
        for werker in (eerste, tweede):
            werker.setblocking(False)
            aantal = 0
            while True:
                try:
                    werker.accept()[0].close()
                except BlockingIOError:
                    break
                aantal += 1
            geaccepteerd.append(aantal)
        assert sum(geaccepteerd) == 40 and min(geaccepteerd) > 0, geaccepteerd
    finally:
        for s in (*klanten, eerste, tweede, plaatshouder):
            s.close()


def test_serve_krijgt_een_eigen_socket_van_de_werker(geinstalleerd, monkeypatch):
    gekregen = {}
    monkeypatch.setattr(werkers, "_origineel_serve", lambda **instellingen: gekregen.update(instellingen))
    plaatshouder = runners.bind_socket("127.0.0.1", 0, backlog=50)
    runners.serve(sock=plaatshouder, host=None, port=None)
    with plaatshouder, gekregen["sock"]:
        assert not isinstance(gekregen["sock"], werkers.Plaatshouder)
        assert gekregen["sock"].getsockname() == plaatshouder.getsockname()
    runners.serve(sock=None, host="127.0.0.1", port=1)
    assert gekregen["sock"] is None  # one worker: Sanic's own way


@pytest.mark.parametrize(
    "waarde, verwacht",
    [
        (None, ["polling", "websocket"]),
        ("1", ["polling", "websocket"]),
        ("2", ["websocket"]),
    ],
)
def test_met_meerdere_werkers_praat_de_chat_via_websockets(monkeypatch, waarde, verwacht):
    if waarde is None:
        monkeypatch.delenv("SANIC_WORKERS", raising=False)
    else:
        monkeypatch.setenv("SANIC_WORKERS", waarde)
    assert transporten() == verwacht


SANIC_MET_TWEE_WERKERS = """
import os, sys
from sanic import Sanic, response
from rasaserver.patches import werkers

eigen_socket = werkers.eigen_socket

def gemeld(plaatshouder):
    print("eigen socket in werker", os.getpid(), flush=True)
    return eigen_socket(plaatshouder)

werkers.eigen_socket = gemeld
werkers.installeer()
app = Sanic("proef")

@app.get("/")
async def werker(_):
    return response.text(str(os.getpid()))

# As rasa.core.run.serve_application starts the server.
app.run(host="127.0.0.1", port=int(sys.argv[1]), backlog=100, workers=2)
"""


def test_sanic_roept_de_werkerpatch_aan_in_elke_werker(tmp_path):
    """Sanic's own multi-worker start (the one Rasa uses) reaches the patch: each worker makes its own socket."""
    poort = vrije_poort()
    uitvoer = tmp_path / "sanic.log"
    with open(uitvoer, "w") as log:
        proces = subprocess.Popen(
            [sys.executable, "-c", SANIC_MET_TWEE_WERKERS, str(poort)],
            cwd=PROJECT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        einde = time.monotonic() + 60
        while time.monotonic() < einde and uitvoer.read_text().count("eigen socket in werker") < 2:
            assert proces.poll() is None, uitvoer.read_text()[-2000:]
            time.sleep(0.2)
        werkers_pids = {regel.split()[-1] for regel in uitvoer.read_text().splitlines() if "eigen socket" in regel}
        assert len(werkers_pids) == 2, uitvoer.read_text()[-2000:]
        assert str(proces.pid) not in werkers_pids  # the main process only reserves the port
    finally:
        os.killpg(proces.pid, signal.SIGKILL)  # a graceful stop waits for Sanic's shutdown timeout
        proces.wait(timeout=30)


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
