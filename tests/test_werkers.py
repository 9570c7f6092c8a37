"""Several Sanic workers each listen on their own socket, so the kernel spreads connections (dienst/werkers.py)."""
import socket

import pytest
import sanic.server.runners as runners

from dienst import werkers
from kanalen.socketio import transporten


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


@pytest.mark.parametrize("waarde, verwacht", [
    (None, ["polling", "websocket"]), ("1", ["polling", "websocket"]), ("2", ["websocket"]),
])
def test_met_meerdere_werkers_praat_de_chat_via_websockets(monkeypatch, waarde, verwacht):
    if waarde is None:
        monkeypatch.delenv("SANIC_WORKERS", raising=False)
    else:
        monkeypatch.setenv("SANIC_WORKERS", waarde)
    assert transporten() == verwacht
