"""What a run prints: the machine, each measurement, the table with ratios, the goals; and the JSON file."""

import json
import math
import os
import platform
from dataclasses import asdict
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Dict, List, Optional, Sequence

from bench.doelen import Regel, mib, seconden
from bench.lang import LangUitslag
from bench.statistiek import Resultaat, rasa_rss, vergelijk, verhouding
from bench.storing import StoringUitslag
from bench.training import TrainingUitslag
from bench.uitval import UitvalUitslag
from bench.vloed import VloedUitslag


def versie(pakket: str) -> str:
    try:
        return version(pakket)
    except PackageNotFoundError:
        return "?"


def machine() -> Dict[str, str]:
    cpu = dict(r.split(":", 1) for r in Path("/proc/cpuinfo").read_text().split("\n\n")[0].splitlines() if ":" in r)
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


def ms(seconden: float) -> str:
    return "-" if math.isnan(seconden) else f"{seconden * 1000:.0f}"


def cpu_ms(r: Resultaat, server: str) -> str:
    waarden = [v for k, v in r.cpu_ms.items() if k.startswith(server)]
    return f"{sum(waarden):.0f} ms" if waarden else "-"


def print_resultaat(r: Resultaat) -> None:
    fouten = ", ".join(f"{k}: {v}" for k, v in sorted(r.fouten.items())) or "none"
    p = r.latenties_p
    print(f"   messages {r.berichten} in {r.duur:.1f} s -> {r.per_seconde:.2f} msg/s")
    print(f"   latency p50 {ms(p['p50'])} ms | p95 {ms(p['p95'])} ms | p99 {ms(p['p99'])} ms")
    print(f"   errors {r.foutaantal} ({fouten}); replies off-script: {r.afwijkend}")
    for regel in r.voorbeelden:
        print(f"      off-script: {regel}")
    print(
        f"   RSS after 60 messages: rasa {mib(rasa_rss(r.rss_na))} | action server {mib(r.rss_na.get('acties'))}; "
        f"peak: rasa {mib(rasa_rss(r.piek_rss))} | action server {mib(r.piek_rss.get('acties'))} "
        "(per server, incl. child processes)"
    )
    print(
        f"   CPU per message: rasa {cpu_ms(r, 'rasa')} (all replicas) | action server {cpu_ms(r, 'acties')}; "
        f"rasa threads {r.draden_rasa}"
    )
    print(f"   other processes used {r.andere_cores:.2f} cores during the load; loadavg {r.load}", flush=True)


KOPPEN = (
    "#",
    "config",
    "users",
    "msg/s",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "errors",
    "off-script",
    "first answer",
    "RSS rasa @60",
    "RSS actions @60",
    "peak RSS rasa",
    "peak RSS actions",
    "CPU ms/msg rasa",
    "CPU ms/msg actions",
    "other load (cores)",
    "ours/starter msg/s",
    "ours/starter p95",
    "ours/starter CPU/msg",
)


def rij(r: Resultaat, alle: List[Resultaat]) -> List[str]:
    ref = vergelijk(r, alle)

    def tegen(ons: float, starter: float) -> str:
        return f"{verhouding(ons, starter):.2f} (vs #{ref.nummer})"

    eerste = "-" if math.isnan(r.eerste_antwoord_s) else seconden(r.eerste_antwoord_s)
    p = r.latenties_p
    return [
        str(r.nummer),
        r.naam,
        str(r.users),
        f"{r.per_seconde:.2f}",
        ms(p["p50"]),
        ms(p["p95"]),
        ms(p["p99"]),
        str(r.foutaantal),
        str(r.afwijkend),
        eerste,
        mib(rasa_rss(r.rss_na)),
        mib(r.rss_na.get("acties")),
        mib(rasa_rss(r.piek_rss)),
        mib(r.piek_rss.get("acties")),
        cpu_ms(r, "rasa"),
        cpu_ms(r, "acties"),
        f"{r.andere_cores:.2f}",
        tegen(r.per_seconde, ref.per_seconde) if ref else "-",
        tegen(r.p95, ref.p95) if ref else "-",
        tegen(r.cpu_totaal(), ref.cpu_totaal()) if ref else "-",
    ]


def print_tabel(alle: List[Resultaat]) -> None:
    if not alle:
        return
    print("\n| " + " | ".join(KOPPEN) + " |")
    print("|" + "---|" * len(KOPPEN))
    for r in alle:
        print("| " + " | ".join(rij(r, alle)) + " |")


def oordeel(gehaald: Optional[bool]) -> str:
    return {True: "met", False: "NOT MET", None: "-"}[gehaald]


def print_doelen(regels: List[Regel]) -> None:
    print("\nGoals (issues 14 and 23)")
    print("| goal | measured | met? |")
    print("|---|---|---|")
    for regel in regels:
        print(f"| {regel.doel} | {regel.gemeten} | {oordeel(regel.gehaald)} |")


def zonder_nan(waarde):
    """JSON has no NaN or infinity: a value that was not measured (or never came) is written as null."""
    if isinstance(waarde, float) and not math.isfinite(waarde):
        return None
    if isinstance(waarde, dict):
        return {k: zonder_nan(v) for k, v in waarde.items()}
    if isinstance(waarde, list):
        return [zonder_nan(v) for v in waarde]
    return waarde


def bewaar(
    pad: Path,
    kop: Dict[str, str],
    resultaten: List[Resultaat],
    storingen: List[StoringUitslag],
    trainingen: List[TrainingUitslag],
    regels: List[Regel],
    vloeden: Sequence[VloedUitslag] = (),
    lange: Sequence[LangUitslag] = (),
    uitvallen: Sequence[UitvalUitslag] = (),
) -> None:
    inhoud = {
        "run": kop,
        "load": [{**asdict(r), "msg_per_s": r.per_seconde} for r in resultaten],
        "storing": [{**asdict(s), "gehaald": s.gehaald} for s in storingen],
        "training": [asdict(t) for t in trainingen],
        "vloed": [{**asdict(v), "mediaan": v.mediaan, "slechtste": v.slechtste, "gehaald": v.gehaald} for v in vloeden],
        "lang": [{**asdict(u), "begin": u.begin, "eind": u.eind, "gehaald": u.gehaald} for u in lange],
        "uitval": [{**asdict(u), "traagste": u.traagste, "gehaald": u.gehaald} for u in uitvallen],
        "goals": [asdict(r) for r in regels],
    }
    pad.parent.mkdir(parents=True, exist_ok=True)
    pad.write_text(json.dumps(zonder_nan(inhoud), indent=1, default=str, allow_nan=False))
