"""A long conversation (issue 23, item 2): does the 300th message cost more than the first?

One person asks `BERICHTEN` questions in one conversation, one after the other (the questions of the `vragen`
conversation without its greeting and goodbye, over and over). Printed: the median reply of the first and of
the last `VENSTER` questions and their ratio; the goal: at most `DOEL_VERHOUDING`.
"""

import asyncio
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from bench import belasting, vloed
from bench.belasting import Script, Uitslag
from bench.draaien import Draaiend
from bench.gesprekken import Gesprekken
from bench.statistiek import percentiel

BERICHTEN = 300
VENSTER = 30
DOEL_VERHOUDING = 2.0


@dataclass
class LangUitslag:
    latenties: List[float]  # seconds per reply, in the order asked
    fouten: Dict[str, int]
    afwijkend: List[str] = field(default_factory=list)

    @property
    def begin(self) -> float:
        return percentiel(self.latenties[:VENSTER], 50)

    @property
    def eind(self) -> float:
        return percentiel(self.latenties[-VENSTER:], 50) if len(self.latenties) >= 2 * VENSTER else float("nan")

    @property
    def verhouding(self) -> float:
        return self.eind / self.begin if self.begin else float("nan")

    @property
    def gehaald(self) -> bool:
        return not self.fouten and len(self.latenties) >= 2 * VENSTER and self.verhouding <= DOEL_VERHOUDING

    def per_venster(self) -> List[float]:
        """The median of each block of VENSTER questions: how the cost grows along the conversation."""
        return [percentiel(self.latenties[i : i + VENSTER], 50) for i in range(0, len(self.latenties), VENSTER)]


def vragen(gesprekken: Gesprekken, aantal: int = BERICHTEN) -> Script:
    """A greeting, then the FAQ questions over and over: `aantal` messages in all."""
    script = gesprekken.van("ours")[2]
    begroeting, kern = script[0], script[1:-1]
    return [begroeting] + [kern[i % len(kern)] for i in range(aantal - 1)]


async def speel(url: str, afzender: str, script: Script, timeout: float) -> LangUitslag:
    import aiohttp

    uitslag = Uitslag()
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout)) as sessie:
        for beurt in script:
            await belasting.zeg(sessie, url, afzender, beurt, uitslag)
    return LangUitslag(uitslag.latenties, uitslag.fouten, uitslag.afwijkend)


def meet(
    draaiend: Draaiend, gesprekken: Gesprekken, prefix: str, timeout: float, nummer: Optional[int] = None
) -> LangUitslag:
    print(f"\n== #{nummer} lang: {BERICHTEN} questions in one conversation, one after the other", flush=True)
    if draaiend.koud:
        vloed.warm_op(draaiend, gesprekken, prefix, timeout)
    u = asyncio.run(speel(draaiend.urls[0], f"{prefix}-lang", vragen(gesprekken), timeout))
    print_uitslag(u)
    return u


def print_uitslag(u: LangUitslag) -> None:
    fouten = ", ".join(f"{k}: {v}" for k, v in sorted(u.fouten.items())) or "none"
    blokken = " ".join(f"{m * 1000:.0f}" for m in u.per_venster())
    print(f"   median per {VENSTER} questions (ms): {blokken}")
    print(
        f"   first {VENSTER}: median {u.begin * 1000:.0f} ms; last {VENSTER}: {u.eind * 1000:.0f} ms; "
        f"ratio {u.verhouding:.2f} (goal <= {DOEL_VERHOUDING:.0f}: {'met' if u.gehaald else 'NOT MET'}); "
        f"errors {fouten}; off-script {len(u.afwijkend)}",
        flush=True,
    )
    for regel in u.afwijkend[:3]:
        print(f"      off-script: {regel}")
