"""Load benchmark: simulated users talk to the assistant over REST, next to Rasa's own starter bot.

`.venv/bin/python scripts/bench.py` (= `make bench`) measures, one server configuration at a time:
latency per message (p50/p95/p99), messages per second, errors and peak memory of the Rasa server and the
action server, and prints the ratio ours/starter so the figure holds on a busy machine. BENCHMARKS.md
keeps the results. A configuration is `name[@users]`, e.g. `--configs starter,ours,ours@50,productie`.
"""

import argparse
import asyncio
import datetime
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / ".bench"
MODEL = ROOT / "models" / "assistent.tar.gz"
PYTHON = sys.executable
STORING = "technische storing"  # utter_storing: the channel's apology when Rasa failed inside
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")

# --- Conversations: (text, a fragment the reply must contain) -------------------------------------------

ONS = {
    "scheiding": [
        ("Hallo", "Welkom"),
        ("Mijn situatie is veranderd", "persoonlijke situatie veranderd"),
        ("Ik ben gescheiden, kan ik humanitair niet-tijdelijk krijgen?", "Zal ik met een paar vragen"),
        ("ja graag", "Wat is uw nationaliteit"),
        ("Een ander land", "Hoeveel jaar"),
        ("6", "Nederlander"),
        ("ja", "in te trekken"),
        ("nee", "inburgeringsdiploma"),
        ("ja", "jonger dan 18"),
        ("nee", "lijkt u te voldoen"),
        ("Wat kost de aanvraag?", "€ 237"),
        ("bedankt", "Graag gedaan"),
    ],
    "overlijden": [
        ("hoi", "Welkom"),
        ("mijn man is overleden, wat nu met mijn verblijf", "Gecondoleerd"),
        ("ja", "Wat is uw nationaliteit"),
        ("Turks", "Nederlander"),
        ("ja", "hoofdverblijf"),
        ("nee", "verblijf bij uw echtgenoot"),
        ("ja", "€ 51"),
        ("wat kost het", "€ 51"),
        ("doei", "Dag!"),
    ],
    "vragen": [
        ("hallo", "Welkom"),
        ("ik ben ontslagen en mijn vergunning is voor werk", "arbeid in loondienst"),
        ("wat is een mvv", "machtiging tot voorlopig verblijf"),
        ("hoe lang duurt de beslissing", "90 dagen"),
        ("waar vind ik het formulier", "7027"),
        ("Wat kost de aanvraag?", "leges"),
        ("praat ik met een mens", "computerprogramma"),
        ("doei", "Dag!"),
    ],
}

# Texts from the starter bot's own data/nlu.yml and stories (happy path, both sad paths, bot challenge).
STARTER = {
    "blij": [
        ("hello there", "How are you"),
        ("I am feeling very good", "Great, carry on"),
        ("are you a bot?", "I am a bot"),
        ("goodbye", "Bye"),
    ],
    "verdrietig_geholpen": [
        ("hey", "How are you"),
        ("I am sad", "cheer you up"),
        ("yes", "Great, carry on"),
        ("bye", "Bye"),
    ],
    "verdrietig_niet": [
        ("good morning", "How are you"),
        ("my day was horrible", "cheer you up"),
        ("no", "Bye"),
        ("see you around", "Bye"),
    ],
}


# --- Server configurations ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Opzet:
    bot: str  # "ours" or "starter"
    omgeving: Dict[str, str] = field(default_factory=dict)
    uitleg: str = ""

    @property
    def productie(self) -> bool:
        return self.omgeving.get("ASSISTENT_MODUS") == "productie"


TF1 = {"TF_NUM_INTRAOP_THREADS": "1", "TF_NUM_INTEROP_THREADS": "1"}
PRODUCTIE = {"ASSISTENT_MODUS": "productie", "SANIC_WORKERS": "2"}
OPZETTEN = {
    "starter": Opzet("starter", {}, "rasa init starter bot, REST channel, in-memory tracker store"),
    "ours": Opzet("ours", {}, "embedded mode: SQLite tracker store, 1 Sanic worker"),
    "tf1": Opzet("ours", TF1, "embedded, TF_NUM_INTRAOP_THREADS=1 TF_NUM_INTEROP_THREADS=1"),
    "productie1": Opzet(
        "ours",
        {"ASSISTENT_MODUS": "productie", "SANIC_WORKERS": "1"},
        "production mode (PostgreSQL + Redis), SANIC_WORKERS=1",
    ),
    "productie": Opzet("ours", PRODUCTIE, "production mode (PostgreSQL + Redis), SANIC_WORKERS=2"),
    "productie-tf1": Opzet("ours", {**PRODUCTIE, **TF1}, "production mode, SANIC_WORKERS=2, TF threads 1"),
    "ours-timeout30": Opzet("ours", {"ACTIE_TIMEOUT": "30"}, "embedded, ACTIE_TIMEOUT=30 (dienst default 5 s)"),
    "productie-timeout30": Opzet(
        "ours", {**PRODUCTIE, "ACTIE_TIMEOUT": "30"}, "production mode, SANIC_WORKERS=2, ACTIE_TIMEOUT=30"
    ),
}
DEFAULT_CONFIGS = "starter,productie,ours,starter,productie,ours,productie@50,ours@50"
# Set by the caller's shell, they would change what a configuration means.
NIET_ERVEN = (
    "ACTION_SERVER_URL",
    "ENDPOINTS",
    "ASSISTENT_MODUS",
    "SANIC_WORKERS",
    "TF_NUM_INTRAOP_THREADS",
    "TF_NUM_INTEROP_THREADS",
    "TF_INTRA_OP_PARALLELISM_THREADS",
    "TF_INTER_OP_PARALLELISM_THREADS",
    "OMP_NUM_THREADS",
    "POSTGRES_DB",
    "GESPREKKEN_DB",
    "MODEL",
    "ACTIE_TIMEOUT",
)


@dataclass(frozen=True)
class Meting:
    naam: str
    opzet: Opzet
    users: int


def lees_configs(tekst: str, users: int) -> List[Meting]:
    metingen = []
    for deel in filter(None, (d.strip() for d in tekst.split(","))):
        naam, _, aantal = deel.partition("@")
        if naam not in OPZETTEN:
            raise SystemExit(f"bench: unknown configuration '{naam}' (known: {', '.join(OPZETTEN)})")
        metingen.append(Meting(deel, OPZETTEN[naam], int(aantal) if aantal else users))
    return metingen


# --- Machine and processes ----------------------------------------------------------------------------


def machine() -> Dict[str, str]:
    cpu = dict(r.split(":", 1) for r in Path("/proc/cpuinfo").read_text().split("\n\n")[0].splitlines())
    cpu = {k.strip(): v.strip() for k, v in cpu.items()}
    gast = ", virtual machine" if "hypervisor" in cpu.get("flags", "").split() else ""
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    kb = int(next(r.split()[1] for r in meminfo if r.startswith("MemTotal")))
    return {
        "cpu": f"{cpu.get('model name', '?')} (family {cpu.get('cpu family')} model {cpu.get('model')}, "
        f"{float(cpu.get('cpu MHz', 0)):.0f} MHz{gast})",
        "cores": f"{len(os.sched_getaffinity(0))} usable ({os.cpu_count()} online)",
        "ram": f"{kb / 1024 / 1024:.1f} GiB",
        "os": platform.platform(),
        "python": platform.python_version(),
        "rasa": versie("rasa"),
        "tensorflow": versie("tensorflow"),
    }


def versie(pakket: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(pakket)
    except PackageNotFoundError:
        return "?"


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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


def draden(wortel: int) -> int:
    """Threads of a process tree (shows whether TF's thread settings took effect)."""
    return sum(int(velden[17]) for pid in boom(wortel) if (velden := proc_stat(pid)))


def rss_en_cpu(wortel: int) -> Tuple[int, int]:
    """Summed RSS (bytes) and CPU time (clock ticks) of a process tree."""
    rss = cpu = 0
    for pid in boom(wortel):
        if velden := proc_stat(pid):
            cpu += int(velden[11]) + int(velden[12])
            rss += int(velden[21]) * PAGE
    return rss, cpu


def cpu_bezig() -> int:
    """Busy clock ticks of the whole machine since boot."""
    waarden = [int(w) for w in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(waarden) - waarden[3] - waarden[4]  # minus idle and iowait


class Server:
    """One server process (its own session, so stopping it stops its workers), with a peak-RSS sampler."""

    def __init__(self, naam: str, argumenten: Sequence[str], cwd: Path, omgeving: Dict[str, str], log: Path):
        self.naam = naam
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "wb") as uit:
            self.proces = subprocess.Popen(
                [PYTHON, *argumenten],
                cwd=cwd,
                env=omgeving,
                stdout=uit,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.log = log
        self.piek_rss = 0
        self._stop = threading.Event()
        threading.Thread(target=self._meet, daemon=True).start()

    def _meet(self) -> None:
        while not self._stop.wait(0.5):
            self.piek_rss = max(self.piek_rss, rss_en_cpu(self.proces.pid)[0])

    def cpu(self) -> int:
        return rss_en_cpu(self.proces.pid)[1]

    def wacht_op(self, url: str, seconden: float) -> None:
        einde = time.monotonic() + seconden
        while time.monotonic() < einde:
            if self.proces.poll() is not None:
                raise RuntimeError(f"{self.naam} stopped (exit {self.proces.returncode}), see {self.log}")
            try:
                with urllib.request.urlopen(url, timeout=2):
                    return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.5)
        raise TimeoutError(f"{self.naam}: {url} did not answer within {seconden} s, see {self.log}")

    def stop(self) -> None:
        self._stop.set()
        if self.proces.poll() is None:
            os.killpg(self.proces.pid, signal.SIGTERM)
            try:
                self.proces.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proces.pid, signal.SIGKILL)
                self.proces.wait()


# --- The starter bot (trained once, cached per Rasa version) -----------------------------------------


def starter_map() -> Path:
    """.bench/starter-<rasa version>: `rasa init --no-prompt`, trained once."""
    doel = BENCH / f"starter-{versie('rasa')}"
    if list(doel.glob("models/*.tar.gz")):
        return doel
    bouw = doel.with_name(doel.name + ".tmp")
    shutil.rmtree(bouw, ignore_errors=True)
    bouw.mkdir(parents=True)
    print(f"bench: training the starter bot once in {doel} (rasa init --no-prompt) ...", flush=True)
    omgeving = {**basis_omgeving(), "RASA_TELEMETRY_ENABLED": "false"}
    with open(BENCH / "starter-init.log", "wb") as log:
        subprocess.run(
            [PYTHON, "-m", "rasa", "init", "--no-prompt", "--init-dir", str(bouw)],
            cwd=bouw,
            env=omgeving,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=True,
        )
    shutil.rmtree(doel, ignore_errors=True)
    bouw.rename(doel)
    return doel


# --- Starting a configuration -------------------------------------------------------------------------


def basis_omgeving() -> Dict[str, str]:
    omgeving = {k: v for k, v in os.environ.items() if k not in NIET_ERVEN}
    omgeving.update(
        {
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "PYTHONHASHSEED": "0",
        }
    )
    return omgeving


@dataclass
class Draaiend:
    opzet: Opzet
    url: str
    servers: Dict[str, Server]
    opstarttijd: float
    opruimen: List = field(default_factory=list)
    koud: bool = True  # no message answered yet

    def stop(self) -> None:
        for server in self.servers.values():
            server.stop()
        for actie in self.opruimen:
            try:
                actie()
            except Exception as fout:  # noqa: BLE001 - clean up the rest, but say what was left behind
                print(f"bench: clean-up failed: {fout!r}", file=sys.stderr)


def start(opzet: Opzet, label: str, run_id: str) -> Draaiend:
    begin = time.monotonic()
    logs = BENCH / "logs" / run_id
    if opzet.bot == "starter":
        return start_starter(opzet, logs / f"{label}-rasa.log", begin)
    return start_ons(opzet, label, run_id, logs, begin)


def start_starter(opzet: Opzet, log: Path, begin: float) -> Draaiend:
    map_ = starter_map()
    poort = vrije_poort()
    rasa = Server(
        "starter rasa",
        [
            "-m",
            "rasa",
            "run",
            "--model",
            "models",
            "--credentials",
            "credentials.yml",
            "--interface",
            "127.0.0.1",
            "--port",
            str(poort),
        ],
        map_,
        {**basis_omgeving(), **opzet.omgeving},
        log,
    )
    draaiend = Draaiend(opzet, f"http://127.0.0.1:{poort}", {"rasa": rasa}, 0.0)
    klaar(draaiend, begin)
    return draaiend


def start_ons(opzet: Opzet, label: str, run_id: str, logs: Path, begin: float) -> Draaiend:
    werkmap = Path(tempfile.mkdtemp(prefix=f"bench-{label}-"))
    actie_poort, rasa_poort = vrije_poort(), vrije_poort()
    omgeving = {
        **basis_omgeving(),
        **opzet.omgeving,
        "ASSISTENT_VAR": str(werkmap),
        "MODEL": str(MODEL),
        "ACTION_PORT": str(actie_poort),
        "RASA_PORT": str(rasa_poort),
        "WEB_PORT": str(vrije_poort()),
        "ACTION_SERVER_URL": f"http://127.0.0.1:{actie_poort}/webhook",
    }
    draaiend = Draaiend(
        opzet, f"http://127.0.0.1:{rasa_poort}", {}, 0.0, [lambda: shutil.rmtree(werkmap, ignore_errors=True)]
    )
    if opzet.productie:
        omgeving["POSTGRES_DB"] = f"bench_{run_id}_{label.replace('-', '_').replace('@', '_')}"
        draaiend.opruimen += [lambda: drop_database(omgeving), lambda: ruim_redis_op(omgeving, run_id)]
    try:  # both at once: Rasa does not call the action server before the first message
        draaiend.servers["acties"] = Server(
            "action server", ["-m", "dienst", "acties"], ROOT, omgeving, logs / f"{label}-acties.log"
        )
        draaiend.servers["rasa"] = Server(
            "rasa", ["-m", "dienst", "server"], ROOT, omgeving, logs / f"{label}-rasa.log"
        )
        draaiend.servers["acties"].wacht_op(f"http://127.0.0.1:{actie_poort}/health", 300)
        klaar(draaiend, begin)
    except Exception:
        draaiend.stop()
        raise
    return draaiend


def klaar(draaiend: Draaiend, begin: float) -> None:
    draaiend.servers["rasa"].wacht_op(f"{draaiend.url}/webhooks/rest/", 400)
    draaiend.opstarttijd = time.monotonic() - begin


def instellingen_van(omgeving: Dict[str, str]) -> Any:
    """The settings a server started with `omgeving` reads: dienst/instellingen.py's own parsing and defaults."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from dienst import instellingen

    return instellingen.lees(omgeving)


def drop_database(omgeving: Dict[str, str]) -> None:
    import psycopg2

    postgres = instellingen_van(omgeving).postgres
    verbinding = psycopg2.connect(
        host=postgres.host,
        port=postgres.poort,
        user=postgres.gebruiker,
        password=postgres.wachtwoord,
        dbname=postgres.login_db,
    )
    verbinding.autocommit = True  # DROP DATABASE cannot run in a transaction (nor in `with verbinding`)
    try:
        with verbinding.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{postgres.db}"')
    finally:
        verbinding.close()


def ruim_redis_op(omgeving: Dict[str, str], run_id: str) -> None:
    """Rasa deletes a conversation's lock after each message; this removes any left by a stopped worker."""
    import redis

    instelling = instellingen_van(omgeving).redis
    client = redis.Redis(
        host=instelling.host, port=instelling.poort, db=instelling.db, password=instelling.wachtwoord or None
    )
    for sleutel in client.scan_iter(match=f"*bench-{run_id}-*"):
        client.delete(sleutel)


# --- The load -----------------------------------------------------------------------------------------


@dataclass
class Uitslag:
    latenties: List[float] = field(default_factory=list)
    fouten: Dict[str, int] = field(default_factory=dict)
    afwijkend: List[str] = field(default_factory=list)

    def fout(self, soort: str) -> None:
        self.fouten[soort] = self.fouten.get(soort, 0) + 1


async def zeg(sessie, url: str, afzender: str, tekst: str, verwacht: str, uitslag: Uitslag) -> None:
    import aiohttp

    begin = time.perf_counter()
    try:
        async with sessie.post(f"{url}/webhooks/rest/webhook", json={"sender": afzender, "message": tekst}) as r:
            inhoud = await r.read()
            status = r.status
    except asyncio.TimeoutError:
        uitslag.fout("timeout")
        return
    except aiohttp.ClientError as fout:
        uitslag.fout(type(fout).__name__)
        return
    uitslag.latenties.append(time.perf_counter() - begin)
    beoordeel(status, inhoud, afzender, tekst, verwacht, uitslag)


def beoordeel(status: int, inhoud: bytes, afzender: str, tekst: str, verwacht: str, uitslag: Uitslag) -> None:
    if status != 200:
        uitslag.fout(f"http {status}")
        return
    try:
        antwoorden = json.loads(inhoud or b"null") or []
    except ValueError:
        uitslag.fout("reply is not JSON")
        return
    teksten = " ".join(a.get("text") or "" for a in antwoorden if isinstance(a, dict))
    if not antwoorden:
        uitslag.fout("empty reply")
    elif STORING in teksten:
        uitslag.fout("apology (utter_storing)")
    elif verwacht not in teksten:
        uitslag.afwijkend.append(f"{afzender}: {tekst!r} -> {teksten[:100]!r}")


def gesprekken(bot: str) -> List[List[Tuple[str, str]]]:
    return list((STARTER if bot == "starter" else ONS).values())


def beurten(script: List[Tuple[str, str]], aantal: int, prefix: str) -> Iterator[Tuple[str, str, str]]:
    """`aantal` messages: the conversation, then again from the start as a new conversation."""
    for n in range(aantal):
        tekst, verwacht = script[n % len(script)]
        yield f"{prefix}-{n // len(script)}", tekst, verwacht


async def gebruiker(sessie, url: str, script, aantal: int, prefix: str, vertraging: float, uitslag: Uitslag):
    await asyncio.sleep(vertraging)
    for afzender, tekst, verwacht in beurten(script, aantal, prefix):
        await zeg(sessie, url, afzender, tekst, verwacht, uitslag)


async def belast(
    url: str, bot: str, users: int, berichten: int, prefix: str, spreiding: float, timeout: float
) -> Tuple[Uitslag, float]:
    import aiohttp

    scripts = gesprekken(bot)
    uitslag = Uitslag()
    verbinder = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=verbinder, timeout=aiohttp.ClientTimeout(total=timeout)) as s:
        begin = time.perf_counter()
        await asyncio.gather(
            *(
                gebruiker(s, url, scripts[i % len(scripts)], berichten, f"{prefix}-u{i}", i * spreiding, uitslag)
                for i in range(users)
            )
        )
        return uitslag, time.perf_counter() - begin


async def warm_op(url: str, bot: str, berichten: int, prefix: str, timeout: float) -> Uitslag:
    """A few conversations in parallel before the measurement (so every Sanic worker has answered)."""
    import aiohttp

    uitslag = Uitslag()
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout)) as sessie:
        eerste = gesprekken(bot)[0]
        await zeg(sessie, url, f"{prefix}-koud", *eerste[0], uitslag)  # the very first message after start
        await asyncio.gather(
            *(
                gebruiker(sessie, url, script, berichten, f"{prefix}-w{i}", 0, uitslag)
                for i, script in enumerate(gesprekken(bot) * 2)
            )
        )
    return uitslag


# --- Statistics and printing --------------------------------------------------------------------------


def percentiel(waarden: Sequence[float], p: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    if not waarden:
        return float("nan")
    rij = sorted(waarden)
    plek = (len(rij) - 1) * p / 100
    onder = int(plek)
    boven = min(onder + 1, len(rij) - 1)
    return rij[onder] + (rij[boven] - rij[onder]) * (plek - onder)


@dataclass
class Resultaat:
    nummer: int
    meting: Meting
    berichten: int
    duur: float
    p50: float
    p95: float
    p99: float
    fouten: Dict[str, int]
    afwijkend: int
    koud_ms: float
    opstart_s: float
    rss_rasa: int
    rss_acties: Optional[int]
    andere_cores: float
    load: str
    cpu_ms: Dict[str, float]  # CPU time per measured message, per server
    draden_rasa: int

    @property
    def per_seconde(self) -> float:
        return self.berichten / self.duur

    @property
    def foutaantal(self) -> int:
        return sum(self.fouten.values())


def cpu_ms(r: "Resultaat", server: str) -> str:
    return f"{r.cpu_ms[server]:.0f} ms" if server in r.cpu_ms else "-"


def mib(waarde: Optional[int]) -> str:
    return "-" if waarde is None else f"{waarde / 2**20:.0f} MiB"


def print_resultaat(r: Resultaat) -> None:
    fouten = ", ".join(f"{k}: {v}" for k, v in sorted(r.fouten.items())) or "none"
    print(f"   messages {r.berichten} in {r.duur:.1f} s -> {r.per_seconde:.2f} msg/s")
    print(f"   latency p50 {r.p50 * 1000:.0f} ms | p95 {r.p95 * 1000:.0f} ms | p99 {r.p99 * 1000:.0f} ms")
    print(f"   errors {r.foutaantal} ({fouten}); replies off-script: {r.afwijkend}")
    print(f"   peak RSS rasa {mib(r.rss_rasa)} | action server {mib(r.rss_acties)} (incl. child processes)")
    print(
        f"   CPU per message: rasa {cpu_ms(r, 'rasa')} | action server {cpu_ms(r, 'acties')}; "
        f"rasa threads {r.draden_rasa}"
    )
    koud = "- (server already warm)" if r.koud_ms != r.koud_ms else f"{r.koud_ms:.0f} ms"  # NaN: reused
    print(
        f"   start-up {r.opstart_s:.0f} s; first message after start {koud}; "
        f"other processes used {r.andere_cores:.2f} cores during the load; loadavg {r.load}",
        flush=True,
    )


def vergelijk(r: Resultaat, alle: List[Resultaat]) -> Optional[Resultaat]:
    """The starter measurement with the same number of users nearest in time (earlier one on a tie)."""
    kandidaten = [s for s in alle if s.meting.opzet.bot == "starter" and s.meting.users == r.meting.users]
    return min(kandidaten, key=lambda s: (abs(s.nummer - r.nummer), s.nummer), default=None)


def print_samenvatting(alle: List[Resultaat]) -> None:
    print(
        "\n| # | config | users | msg/s | p50 ms | p95 ms | p99 ms | errors | off-script | peak RSS rasa "
        "| peak RSS actions | CPU ms/msg rasa | CPU ms/msg actions | other load (cores) | ours/starter msg/s "
        "| ours/starter p95 | ours/starter CPU/msg |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in alle:
        ref = vergelijk(r, alle) if r.meting.opzet.bot != "starter" else None
        tempo = verhouding(r.per_seconde, ref.per_seconde, ref) if ref else "-"
        p95 = verhouding(r.p95, ref.p95, ref) if ref else "-"
        cpu = verhouding(sum(r.cpu_ms.values()), sum(ref.cpu_ms.values()), ref) if ref else "-"
        print(
            f"| {r.nummer} | {r.meting.naam} | {r.meting.users} | {r.per_seconde:.2f} | {r.p50 * 1000:.0f} "
            f"| {r.p95 * 1000:.0f} | {r.p99 * 1000:.0f} | {r.foutaantal} | {r.afwijkend} | {mib(r.rss_rasa)} "
            f"| {mib(r.rss_acties)} | {cpu_ms(r, 'rasa')} | {cpu_ms(r, 'acties')} | {r.andere_cores:.2f} "
            f"| {tempo} | {p95} | {cpu} |"
        )


def verhouding(ons: float, starter: float, ref: Resultaat) -> str:
    return f"{ons / starter:.2f} (vs #{ref.nummer})"


def bewaar(alle: List[Resultaat], run_id: str) -> None:
    pad = BENCH / f"results-{run_id}.json"
    pad.write_text(json.dumps([{**asdict(r), "msg_per_s": r.per_seconde} for r in alle], indent=1, default=str))
    print(f"\n(also in {pad.relative_to(ROOT)})")


# --- One measurement ----------------------------------------------------------------------------------


def meet(nummer: int, meting: Meting, draaiend: Draaiend, args, run_id: str) -> Resultaat:
    prefix = f"bench-{run_id}-{nummer}"
    print(f"\n== #{nummer} {meting.naam}: {meting.opzet.uitleg}, {meting.users} concurrent users", flush=True)
    koud = warm_op_en_meld(draaiend, args, prefix)
    machine_voor, server_voor, eigen_voor = cpu_bezig(), servers_cpu(draaiend), eigen_cpu()
    uitslag, duur = asyncio.run(
        belast(
            draaiend.url, meting.opzet.bot, meting.users, args.messages_per_user, prefix, args.spreiding, args.timeout
        )
    )
    server_cpu = {naam: t - server_voor[naam] for naam, t in servers_cpu(draaiend).items()}
    anderen = cpu_bezig() - machine_voor - sum(server_cpu.values()) - (eigen_cpu() - eigen_voor)
    for regel in uitslag.afwijkend[:3]:
        print(f"   off-script: {regel}")
    lat, acties = uitslag.latenties, draaiend.servers.get("acties")
    return Resultaat(
        nummer,
        meting,
        len(lat),
        duur,
        percentiel(lat, 50),
        percentiel(lat, 95),
        percentiel(lat, 99),
        uitslag.fouten,
        len(uitslag.afwijkend),
        koud * 1000,
        draaiend.opstarttijd,
        draaiend.servers["rasa"].piek_rss,
        acties.piek_rss if acties else None,
        max(anderen, 0) / CLK_TCK / duur,
        " ".join(Path("/proc/loadavg").read_text().split()[:3]),
        {naam: t / CLK_TCK * 1000 / max(len(lat), 1) for naam, t in server_cpu.items()},
        draden(draaiend.servers["rasa"].proces.pid),
    )


def warm_op_en_meld(draaiend: Draaiend, args, prefix: str) -> float:
    """Runs the warm-up; returns the first message's latency if the server had not answered before (else NaN)."""
    warm = asyncio.run(warm_op(draaiend.url, draaiend.opzet.bot, args.warmup, prefix, args.timeout))
    koud = warm.latenties[0] if warm.latenties and draaiend.koud else float("nan")
    draaiend.koud = False
    p50, p95 = percentiel(warm.latenties, 50) * 1000, percentiel(warm.latenties, 95) * 1000
    print(
        f"   warm-up (not measured): {len(warm.latenties)} messages, p50 {p50:.0f} ms, p95 {p95:.0f} ms, "
        f"errors {sum(warm.fouten.values())}",
        flush=True,
    )
    return koud


def servers_cpu(draaiend: Draaiend) -> Dict[str, int]:
    return {naam: server.cpu() for naam, server in draaiend.servers.items()}


def eigen_cpu() -> int:
    tijden = os.times()
    return round((tijden.user + tijden.system) * CLK_TCK)


def voer_uit(metingen: List[Meting], args, run_id: str) -> List[Resultaat]:
    resultaten: List[Resultaat] = []
    draaiend: Optional[Draaiend] = None
    try:
        for nummer, meting in enumerate(metingen, 1):
            if draaiend is None or draaiend.opzet != meting.opzet:
                vorige, draaiend = draaiend, None
                if vorige:
                    vorige.stop()
                print(f"\nbench: starting {meting.naam.split('@')[0]} ...", flush=True)
                draaiend = start(meting.opzet, f"{nummer}-{meting.naam}", run_id)
            resultaten.append(meet(nummer, meting, draaiend, args, run_id))
            print_resultaat(resultaten[-1])
    finally:
        if draaiend:
            draaiend.stop()
    return resultaten


# --- Pipeline cost per message, in-process -------------------------------------------------------------


def pijplijn(berichten: int, run_id: str) -> None:
    """Starts the action server, then times every graph node of `agent.handle_text` in this process."""
    actie_poort = vrije_poort()
    werkmap = Path(tempfile.mkdtemp(prefix="bench-pijplijn-"))
    omgeving = {**basis_omgeving(), "ACTION_PORT": str(actie_poort), "ASSISTENT_VAR": str(werkmap)}
    acties = Server(
        "action server", ["-m", "dienst", "acties"], ROOT, omgeving, BENCH / "logs" / run_id / "pijplijn-acties.log"
    )
    try:
        acties.wacht_op(f"http://127.0.0.1:{actie_poort}/health", 120)
        kind = subprocess.run(
            [PYTHON, __file__, "--_pijplijn-kind", str(berichten), str(actie_poort)],
            cwd=ROOT,
            env=omgeving,
            capture_output=True,
            text=True,
        )
    finally:
        acties.stop()
        shutil.rmtree(werkmap, ignore_errors=True)
    if kind.returncode:
        print(kind.stderr[-3000:])
        raise SystemExit("bench: pipeline measurement failed")
    print(kind.stdout, flush=True)


def stille_rasa() -> None:
    """Rasa's loggers at WARNING, as in `rasa run`; structlog would otherwise print every debug event."""
    import logging

    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)


def tijd_graafknopen() -> Dict[str, float]:
    """Seconds spent per graph node (dask runs the nodes one after the other, so they add up)."""
    from rasa.engine import graph

    tijden: Dict[str, float] = {}
    origineel = graph.GraphNode.__call__

    def getimed(self, *inputs):
        begin = time.perf_counter()
        try:
            return origineel(self, *inputs)
        finally:
            tijden[self._node_name] = tijden.get(self._node_name, 0.0) + time.perf_counter() - begin

    graph.GraphNode.__call__ = getimed
    return tijden


def pijplijn_kind(berichten: int, actie_poort: int) -> None:
    from rasa.core.agent import load_agent
    from rasa.core.channels.channel import CollectingOutputChannel
    from rasa.core.utils import AvailableEndpoints
    from rasa.utils.endpoints import EndpointConfig

    sys.path.insert(0, str(ROOT))
    from dienst import actieserver, versnelling

    actieserver.installeer()  # as `python -m dienst server` runs them
    versnelling.installeer()
    stille_rasa()
    tijden = tijd_graafknopen()
    eindpunten = AvailableEndpoints(action=EndpointConfig(f"http://127.0.0.1:{actie_poort}/webhook"))
    agent = asyncio.run(load_agent(model_path=str(MODEL), endpoints=eindpunten))
    teksten = [
        (f"p-{i}-{naam}", tekst) for i in range(berichten) for naam, script in ONS.items() for tekst, _ in script
    ][:berichten]

    async def speel(reeks: List[Tuple[str, str]]) -> float:
        begin = time.perf_counter()
        for afzender, tekst in reeks:
            await agent.handle_text(tekst, sender_id=afzender, output_channel=CollectingOutputChannel())
        return time.perf_counter() - begin

    asyncio.run(speel([("warm-" + a, t) for a, t in teksten[:10]]))
    tijden.clear()
    print_pijplijn(asyncio.run(speel(teksten)), tijden, len(teksten))


def print_pijplijn(totaal: float, tijden: Dict[str, float], aantal: int) -> None:
    print(
        f"\n== pipeline cost per message, in-process (agent.handle_text, {aantal} messages of the three "
        "conversations, action server on loopback)"
    )
    print(f"   total {totaal / aantal * 1000:.1f} ms/message")
    for naam, t in sorted(tijden.items(), key=lambda kv: -kv[1]):
        if t / aantal >= 0.0001:
            print(f"   {naam:45s} {t / aantal * 1000:7.2f} ms")
    rest = totaal - sum(tijden.values())
    print(f"   {'(outside graph nodes: actions, tracker, events)':45s} {rest / aantal * 1000:7.2f} ms")


# --- Command line -------------------------------------------------------------------------------------


def argumenten(argv: List[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=10, help="concurrent users when a config has no @N")
    parser.add_argument("--messages-per-user", type=int, default=48, help="measured messages per user")
    parser.add_argument(
        "--configs",
        default=DEFAULT_CONFIGS,
        help=f"comma-separated name[@users]; names: {', '.join(OPZETTEN)} (default: %(default)s)",
    )
    parser.add_argument(
        "--warmup",
        type=int,
        default=12,
        help="messages per warm-up conversation (6 at once, not measured; default %(default)s)",
    )
    parser.add_argument("--spreiding", type=float, default=0.05, help="seconds between user starts")
    parser.add_argument("--timeout", type=float, default=60, help="seconds before a reply counts as timeout")
    parser.add_argument(
        "--pipeline",
        type=int,
        default=0,
        metavar="N",
        help="also time each pipeline component in-process over N messages (e.g. 200)",
    )
    parser.add_argument("--_pijplijn-kind", nargs=2, type=int, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: List[str]) -> int:
    args = argumenten(argv)
    if args._pijplijn_kind:
        pijplijn_kind(*args._pijplijn_kind)
        return 0
    metingen = lees_configs(args.configs, args.users)
    run_id = datetime.datetime.now().strftime("%Y%m%d%H%M%S")
    print(f"bench {datetime.datetime.now().isoformat(timespec='seconds')}: {' '.join(sys.argv)}")
    for sleutel, waarde in machine().items():
        print(f"   {sleutel:10s} {waarde}")
    print(f"   loadavg at start: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}", flush=True)
    if any(m.opzet.bot == "starter" for m in metingen):
        starter_map()
    resultaten = voer_uit(metingen, args, run_id)
    if resultaten:
        print_samenvatting(resultaten)
        bewaar(resultaten, run_id)
    if args.pipeline:
        pijplijn(args.pipeline, run_id)
    return 1 if any(r.foutaantal for r in resultaten) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
