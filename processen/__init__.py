"""Starting, waiting for, measuring and stopping the servers of a test or benchmark run.

Shared by `bench/` and `tests/e2e/stack.py` (`import processen`, from the project's folder): each server runs in
its own session, so stopping it also stops the workers it started; its output goes to one log file.
"""

import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

PAGE = os.sysconf("SC_PAGE_SIZE")


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wacht_op(url: str, seconden: float, proces: Optional[subprocess.Popen] = None, log: Optional[Path] = None) -> None:
    """Waits until `url` answers; stops early with the exit code when `proces` ends."""
    waar = f", see {log}" if log else ""
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if proces is not None and proces.poll() is not None:
            raise RuntimeError(f"{url}: process stopped with exit code {proces.returncode}{waar}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.25)
    raise TimeoutError(f"{url} did not answer within {seconden} s{waar}")


def start(
    argumenten: Sequence[str], cwd: Path, omgeving: Mapping[str, str], log: Path, nieuw_log: bool = True
) -> subprocess.Popen:
    """Starts a process in its own session with stdout and stderr in `log` (appended when not `nieuw_log`)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "wb" if nieuw_log else "ab") as uit:
        return subprocess.Popen(
            list(argumenten),
            cwd=cwd,
            env=dict(omgeving),
            stdout=uit,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop(proces: Optional[subprocess.Popen], signaal: int = signal.SIGTERM, wachttijd: float = 30) -> None:
    """Stops the process and its session (SIGKILL after `wachttijd` seconds)."""
    if proces is None or proces.poll() is not None:
        return
    try:
        os.killpg(proces.pid, signaal)
        proces.wait(timeout=wachttijd)
    except subprocess.TimeoutExpired:
        os.killpg(proces.pid, signal.SIGKILL)
        proces.wait()
    except ProcessLookupError:
        proces.wait()


def proc_stat(pid: int) -> Optional[List[str]]:
    try:
        tekst = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return tekst[tekst.rindex(")") + 2 :].split()  # fields from "state" on; the name may hold spaces


def boom(wortel: int) -> List[int]:
    """The process and all its descendants."""
    kinderen: Dict[int, List[int]] = {}
    for item in os.listdir("/proc"):
        if item.isdigit() and (velden := proc_stat(int(item))):
            kinderen.setdefault(int(velden[1]), []).append(int(item))
    uit, rij = [], [wortel]
    while rij:
        pid = rij.pop()
        uit.append(pid)
        rij.extend(kinderen.get(pid, []))
    return uit


def rss_en_cpu(wortel: int) -> Tuple[int, int]:
    """Summed RSS (bytes) and CPU time (clock ticks) of a process tree."""
    rss = cpu = 0
    for pid in boom(wortel):
        if velden := proc_stat(pid):
            cpu += int(velden[11]) + int(velden[12])
            rss += int(velden[21]) * PAGE
    return rss, cpu


class PiekGeheugen:
    """Samples the summed RSS of a process tree every half second until stopped."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.piek = 0
        self._stop = threading.Event()
        threading.Thread(target=self._meet, daemon=True).start()

    def _meet(self) -> None:
        while not self._stop.wait(0.5):
            self.piek = max(self.piek, rss_en_cpu(self.pid)[0])

    def stop(self) -> None:
        self._stop.set()


def draden(wortel: int) -> int:
    """Threads of a process tree (shows whether TF's thread settings took effect)."""
    return sum(int(velden[17]) for pid in boom(wortel) if (velden := proc_stat(pid)))


def signaleer(proces: subprocess.Popen, signaal: int) -> None:
    """Sends `signaal` to the process's whole session (SIGSTOP freezes a server with its workers, SIGCONT thaws)."""
    if proces.poll() is None:
        os.killpg(proces.pid, signaal)
