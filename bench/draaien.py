"""Starting and stopping the servers of one configuration: the starter bot, or ours with 1..n Rasa replicas."""

import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Callable, Dict, List, Optional

import processen
from bench import opslag
from bench.opzet import Opzet, basis_omgeving

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / ".bench"
MODEL = ROOT / "models" / "assistent.tar.gz"
PYTHON = sys.executable
NA_BERICHTEN = 60  # memory is sampled right after this many answered messages of a server start


@dataclass
class Server:
    naam: str
    argumenten: List[str]
    cwd: Path
    omgeving: Dict[str, str]
    log: Path
    proces: Optional[subprocess.Popen] = None
    eerdere_piek: int = 0
    sampler: Optional[processen.PiekGeheugen] = None

    def start(self) -> None:
        nieuw = self.proces is None
        self.proces = processen.start([PYTHON, *self.argumenten], self.cwd, self.omgeving, self.log, nieuw)
        self.sampler = processen.PiekGeheugen(self.proces.pid)

    def stop(self, signaal: int = signal.SIGTERM) -> None:
        if self.sampler:
            self.sampler.stop()
            self.eerdere_piek = self.piek_rss
        processen.stop(self.proces, signaal)

    @property
    def piek_rss(self) -> int:
        return max(self.eerdere_piek, self.sampler.piek if self.sampler else 0)

    def rss(self) -> int:
        return processen.rss_en_cpu(self.proces.pid)[0]

    def cpu(self) -> int:
        return processen.rss_en_cpu(self.proces.pid)[1]

    def wacht_op(self, url: str, seconden: float) -> None:
        processen.wacht_op(url, seconden, self.proces, self.log)


@dataclass
class Draaiend:
    opzet: Opzet
    urls: List[str]  # one per Rasa replica
    servers: Dict[str, Server]  # "rasa", "rasa2", ..., "acties"
    begin: float  # time.monotonic() before the first process started
    actie_url: str = ""
    opruimen: List[Callable[[], None]] = field(default_factory=list)
    beantwoord: int = 0
    koud: bool = True  # nothing sent to it yet
    kapot: bool = False  # a measurement killed one of its servers: the next one starts its own
    rss_na: Dict[str, int] = field(default_factory=dict)  # per server, after NA_BERICHTEN answered messages
    eerste_antwoord_s: float = float("nan")

    @property
    def rasa(self) -> List[Server]:
        return [s for naam, s in self.servers.items() if naam.startswith("rasa")]

    def na_antwoord(self) -> None:
        """Called after every answered message (warm-up and load included)."""
        self.beantwoord += 1
        if self.beantwoord == NA_BERICHTEN:
            self.rss_na = {naam: server.rss() for naam, server in self.servers.items()}

    def stop(self) -> None:
        for server in self.servers.values():
            server.stop()
        for actie in self.opruimen:
            try:
                actie()
            except Exception as fout:  # noqa: BLE001 - clean up the rest, but say what was left behind
                print(f"bench: clean-up failed: {fout!r}", file=sys.stderr)


def starter_map() -> Path:
    """.bench/starter-<rasa version>: `rasa init --no-prompt`, trained once."""
    doel = BENCH / f"starter-{version('rasa')}"
    if list(doel.glob("models/*.tar.gz")):
        return doel
    bouw = doel.with_name(doel.name + ".tmp")
    shutil.rmtree(bouw, ignore_errors=True)
    bouw.mkdir(parents=True)
    print(f"bench: training the starter bot once in {doel} (rasa init --no-prompt) ...", flush=True)
    with open(BENCH / "starter-init.log", "wb") as log:
        subprocess.run(
            [PYTHON, "-m", "rasa", "init", "--no-prompt", "--init-dir", str(bouw)],
            cwd=bouw,
            env=basis_omgeving(),
            stdout=log,
            stderr=subprocess.STDOUT,
            check=True,
        )
    shutil.rmtree(doel, ignore_errors=True)
    bouw.rename(doel)
    return doel


def start(opzet: Opzet, label: str, run_id: str) -> Draaiend:
    """Starts every process of the configuration at once and waits until each answers."""
    logs = BENCH / "logs" / run_id
    draaiend = start_starter(opzet, logs, label) if opzet.bot == "starter" else start_ons(opzet, label, run_id, logs)
    try:
        for server in draaiend.servers.values():
            server.start()
        if draaiend.actie_url:
            draaiend.servers["acties"].wacht_op(f"{draaiend.actie_url}/health", 300)
        for url, server in zip(draaiend.urls, draaiend.rasa, strict=True):
            server.wacht_op(f"{url}/webhooks/rest/", 400)
    except BaseException:
        draaiend.stop()
        raise
    return draaiend


def start_starter(opzet: Opzet, logs: Path, label: str) -> Draaiend:
    map_ = starter_map()
    poort = processen.vrije_poort()
    argumenten = ["-m", "rasa", "run", "--model", "models", "--credentials", "credentials.yml"]
    argumenten += ["--interface", "127.0.0.1", "--port", str(poort)]
    omgeving = {**basis_omgeving(), **opzet.omgeving}
    rasa = Server("rasa", argumenten, map_, omgeving, logs / f"{label}-rasa.log")
    return Draaiend(opzet, [f"http://127.0.0.1:{poort}"], {"rasa": rasa}, time.monotonic())


def start_ons(opzet: Opzet, label: str, run_id: str, logs: Path) -> Draaiend:
    werkmap = Path(tempfile.mkdtemp(prefix=f"bench-{label}-"))
    actie_poort = processen.vrije_poort()
    omgeving = {
        **basis_omgeving(),
        **opzet.omgeving,
        "ASSISTENT_VAR": str(werkmap),
        "MODEL": str(MODEL),
        "ACTION_PORT": str(actie_poort),
        "ACTION_SERVER_URL": f"http://127.0.0.1:{actie_poort}/webhook",
    }
    opruimen = [lambda: shutil.rmtree(werkmap, ignore_errors=True)]
    if opzet.productie:
        omgeving["POSTGRES_DB"] = f"bench_{run_id}_{label}".replace("-", "_").replace("@", "_")
        log = logs / f"{label}-opslag.log"
        opslag.voer_uit(["maak"], omgeving, log)  # before the clock starts: a production database exists
        opruimen.append(lambda: opslag.voer_uit(["verwijder", run_id], omgeving, log))
    acties = Server("acties", ["-m", "dienst", "acties"], ROOT, omgeving, logs / f"{label}-acties.log")
    servers, urls = {"acties": acties}, []
    for nummer in range(1, opzet.replicas + 1):
        poort = processen.vrije_poort()
        eigen = {**omgeving, "RASA_PORT": str(poort), "WEB_PORT": str(processen.vrije_poort())}
        naam = "rasa" if nummer == 1 else f"rasa{nummer}"
        servers[naam] = Server(naam, ["-m", "dienst", "server"], ROOT, eigen, logs / f"{label}-{naam}.log")
        urls.append(f"http://127.0.0.1:{poort}")
    draaiend = Draaiend(opzet, urls, servers, time.monotonic(), f"http://127.0.0.1:{actie_poort}", opruimen)
    return draaiend
