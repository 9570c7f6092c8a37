"""Percentiles, CPU accounting, the result of one load measurement, and ratios against the starter."""

import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence

CLK_TCK = os.sysconf("SC_CLK_TCK")


def percentiel(waarden: Sequence[float], p: float) -> float:
    """Linear interpolation between closest ranks (numpy's default); NaN without values."""
    if not waarden:
        return float("nan")
    rij = sorted(waarden)
    plek = (len(rij) - 1) * p / 100
    onder = int(plek)
    boven = min(onder + 1, len(rij) - 1)
    return rij[onder] + (rij[boven] - rij[onder]) * (plek - onder)


def cpu_bezig() -> int:
    """Busy clock ticks of the whole machine since boot."""
    waarden = [int(w) for w in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(waarden) - waarden[3] - waarden[4]  # minus idle and iowait


def eigen_cpu() -> int:
    """Clock ticks this benchmark process used (the load client's own cost)."""
    tijden = os.times()
    return round((tijden.user + tijden.system) * CLK_TCK)


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


@dataclass
class Resultaat:
    nummer: int
    naam: str  # the configuration as given, name[@users]
    bot: str
    users: int
    replicas: int
    berichten: int
    duur: float
    latenties_p: Dict[str, float]  # "p50", "p95", "p99" in seconds
    fouten: Dict[str, int]
    afwijkend: int
    eerste_antwoord_s: float  # from starting the servers to the first answered message; NaN: server reused
    rss_na: Dict[str, int]  # per server, after 60 answered messages of its start
    piek_rss: Dict[str, int]  # per server, from start to now
    cpu_ms: Dict[str, float]  # CPU time per measured message, per server
    andere_cores: float  # cores used by every other process during the load
    load: str
    draden_rasa: int
    voorbeelden: List[str] = field(default_factory=list)  # a few off-script replies

    @property
    def basis(self) -> str:
        return self.naam.split("@")[0]

    @property
    def per_seconde(self) -> float:
        return self.berichten / self.duur if self.duur else float("nan")

    @property
    def foutaantal(self) -> int:
        return sum(self.fouten.values())

    @property
    def p95(self) -> float:
        return self.latenties_p["p95"]

    def cpu_totaal(self) -> float:
        return sum(self.cpu_ms.values())


def latenties(waarden: Sequence[float]) -> Dict[str, float]:
    return {f"p{p}": percentiel(waarden, p) for p in (50, 95, 99)}


def vergelijk(r: Resultaat, alle: List[Resultaat]) -> Optional[Resultaat]:
    """The starter measurement with the same number of users nearest in time (the earlier one on a tie)."""
    if r.bot == "starter":
        return None
    kandidaten = [s for s in alle if s.bot == "starter" and s.users == r.users]
    return min(kandidaten, key=lambda s: (abs(s.nummer - r.nummer), s.nummer), default=None)


def verhouding(ons: float, starter: float) -> float:
    return ons / starter if starter and not math.isnan(starter) else float("nan")


def rasa_rss(rss: Dict[str, int]) -> Optional[int]:
    """The largest Rasa server (replicas are separate servers; the goal is per server)."""
    return max((v for k, v in rss.items() if k.startswith("rasa")), default=None)
