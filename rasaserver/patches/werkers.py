"""Several Sanic workers (SANIC_WORKERS > 1) that really share the load.

Sanic 21.12 lets all workers accept from one shared socket. Linux wakes the worker that waited last, so
long-lived connections (keep-alive, websockets) pile up on one worker while the others idle: measured here,
one worker took 95 % of the work. Each worker gets its own socket on the same port instead (SO_REUSEPORT),
and the kernel spreads new connections over them.
"""

import socket
from typing import Any

import sanic.server.runners as runners

_origineel_serve = runners.serve


class Plaatshouder(socket.socket):
    """The port, reserved by the main process; it never listens, each worker listens on its own socket."""

    backlog = 100


def gereserveerde_poort(host: str, port: int, *, backlog: int = 100) -> socket.socket:
    familie = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    sock = Plaatshouder(familie, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.backlog = backlog
    return sock


def eigen_socket(plaatshouder: Plaatshouder) -> socket.socket:
    sock = socket.socket(plaatshouder.family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(plaatshouder.getsockname()[:2])
    sock.listen(plaatshouder.backlog)
    return sock


def serve(**instellingen: Any) -> Any:
    if isinstance(instellingen.get("sock"), Plaatshouder):
        instellingen["sock"] = eigen_socket(instellingen["sock"])
    return _origineel_serve(**instellingen)


def installeer() -> None:
    """Only the multi-worker start binds its port through runners.bind_socket; one worker is unchanged."""
    runners.bind_socket = gereserveerde_poort
    runners.serve = serve
