"""One client floods, a few other people chat quietly (issue 23, item 1): are the others still served?

One sender id sends `BERICHTEN` messages over `VERBINDINGEN` connections at once: each connection sends its
share back to back and ignores Retry-After. From the same moment `ANDEREN` other people, `SPREIDING_S` apart,
each play the quiet conversation (`vragen`): a message, the reply, `PAUZE_S` to read it, the next; until the
flood is over and each has had at least `MIN_PER_ANDER` replies. Printed: the others' median and slowest reply
to the messages they sent while the flood ran (and to all of theirs), and how many flood messages got 200, 429
or something else. The goal: the others' median during the flood under `DOEL_MEDIAAN_S`.
"""

import asyncio
import time
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional

from bench import belasting, meting
from bench.belasting import Script, Uitslag
from bench.draaien import Draaiend
from bench.gesprekken import Gesprekken
from bench.statistiek import percentiel

BERICHTEN = 200
VERBINDINGEN = 20
ANDEREN = 5
SPREIDING_S = 0.05
PAUZE_S = 0.5  # a person reads the reply before typing the next message
MIN_PER_ANDER = 4
DOEL_MEDIAAN_S = 1.0
VLOED_TEKST = "Wat kost de aanvraag?"


@dataclass
class VloedUitslag:
    tijdens: List[float]  # seconds per reply to the other people's messages sent while the flood ran
    anderen: List[float]  # seconds per reply to all of the other people's messages
    fouten_anderen: Dict[str, int]  # the other people's errors, as belasting.oordeel names them
    statussen: Dict[str, int]  # flood replies by HTTP status ("200", "429") or by connection error
    duur_s: float  # from the first flood message to the last reply to it
    afwijkend: List[str] = field(default_factory=list)  # the other people's off-script replies

    @property
    def mediaan(self) -> float:
        return percentiel(self.tijdens, 50)

    @property
    def slechtste(self) -> float:
        return max(self.tijdens, default=float("nan"))

    @property
    def gehaald(self) -> bool:
        return bool(self.tijdens) and not self.fouten_anderen and self.mediaan < DOEL_MEDIAAN_S


def tel(statussen: Iterable[str]) -> Dict[str, int]:
    """How many flood replies of each kind, the most common first."""
    telling: Dict[str, int] = {}
    for status in statussen:
        telling[status] = telling.get(status, 0) + 1
    return dict(sorted(telling.items(), key=lambda kv: (-kv[1], kv[0])))


def aandelen(berichten: int, verbindingen: int) -> List[int]:
    """Messages per connection: `berichten` spread as evenly as can be."""
    return [berichten // verbindingen + (i < berichten % verbindingen) for i in range(verbindingen)]


async def vloed(url: str, afzender: str, aantal: int, statussen: List[str], timeout: float) -> None:
    """`aantal` messages one after the other over one connection of its own, whatever the replies say."""
    import aiohttp

    verbinder = aiohttp.TCPConnector(limit=1)
    async with aiohttp.ClientSession(connector=verbinder, timeout=aiohttp.ClientTimeout(total=timeout)) as sessie:
        for _ in range(aantal):
            try:
                body = {"sender": afzender, "message": VLOED_TEKST}
                async with sessie.post(f"{url}/webhooks/rest/webhook", json=body) as antwoord:
                    await antwoord.read()
                    statussen.append(str(antwoord.status))
            except asyncio.TimeoutError:
                statussen.append("timeout")
            except aiohttp.ClientError as fout:
                statussen.append(type(fout).__name__)


async def ander(
    url: str,
    afzender: str,
    script: Script,
    vertraging: float,
    klaar: asyncio.Event,
    uitslag: Uitslag,
    tijdens: List[float],
    timeout: float,
) -> None:
    """A person chatting quietly until the flood is over and they have had MIN_PER_ANDER replies."""
    import aiohttp

    await asyncio.sleep(vertraging)
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout)) as sessie:
        n = 0
        while not klaar.is_set() or n < MIN_PER_ANDER:
            vloed_bezig, gemeten = not klaar.is_set(), len(uitslag.latenties)
            await belasting.zeg(sessie, url, f"{afzender}-{n // len(script)}", script[n % len(script)], uitslag)
            if vloed_bezig and len(uitslag.latenties) > gemeten:
                tijdens.append(uitslag.latenties[-1])
            n += 1
            await asyncio.sleep(PAUZE_S)


async def speel(url: str, script: Script, prefix: str, timeout: float) -> VloedUitslag:
    statussen: List[str] = []
    uitslag, tijdens, klaar = Uitslag(), [], asyncio.Event()

    async def alle_vloed() -> float:
        begin = time.perf_counter()
        await asyncio.gather(
            *(vloed(url, f"{prefix}-vloed", n, statussen, timeout) for n in aandelen(BERICHTEN, VERBINDINGEN))
        )
        klaar.set()
        return time.perf_counter() - begin

    duur, *_ = await asyncio.gather(
        alle_vloed(),
        *(
            ander(url, f"{prefix}-ander{i}", script, i * SPREIDING_S, klaar, uitslag, tijdens, timeout)
            for i in range(ANDEREN)
        ),
    )
    return VloedUitslag(tijdens, uitslag.latenties, uitslag.fouten, tel(statussen), duur, uitslag.afwijkend)


def stil_script(gesprekken: Gesprekken) -> Script:
    """The quiet people's conversation: the FAQ one (`vragen`), no check that waits for answers."""
    return gesprekken.van("ours")[2]


def meet(
    draaiend: Draaiend, gesprekken: Gesprekken, prefix: str, timeout: float, nummer: Optional[int] = None
) -> VloedUitslag:
    print(
        f"\n== #{nummer} vloed: one sender id sends {BERICHTEN} messages over {VERBINDINGEN} connections at once; "
        f"{ANDEREN} other people chat quietly ({PAUZE_S} s between a reply and their next message)",
        flush=True,
    )
    if draaiend.koud:
        warm_op(draaiend, gesprekken, prefix, timeout)
    u = asyncio.run(speel(draaiend.urls[0], stil_script(gesprekken), prefix, timeout))
    print_uitslag(u)
    return u


def warm_op(draaiend: Draaiend, gesprekken: Gesprekken, prefix: str, timeout: float) -> None:
    """A cold server first gets the usual warm-up (not measured), as a load measurement does."""
    draaiend.koud = False
    last = belasting.Last(draaiend.urls, gesprekken.van("ours"), prefix, timeout, draaiend.na_antwoord)
    meting.warm_op(draaiend, last, 12)


def print_uitslag(u: VloedUitslag) -> None:
    fouten = ", ".join(f"{k}: {v}" for k, v in sorted(u.fouten_anderen.items())) or "none"
    print(f"   flood of {BERICHTEN} messages took {u.duur_s:.1f} s; replies: {statussen_tekst(u.statussen)}")
    print(
        f"   other people, messages sent during the flood: {len(u.tijdens)}, median {u.mediaan * 1000:.0f} ms, "
        f"slowest {u.slechtste * 1000:.0f} ms (goal: median < {DOEL_MEDIAAN_S:.0f} s: "
        f"{'met' if u.gehaald else 'NOT MET'})"
    )
    print(
        f"   other people, all {len(u.anderen)} messages: median {percentiel(u.anderen, 50) * 1000:.0f} ms, slowest "
        f"{max(u.anderen, default=float('nan')) * 1000:.0f} ms; errors {fouten}; off-script {len(u.afwijkend)}",
        flush=True,
    )
    for regel in u.afwijkend[:3]:
        print(f"      off-script: {regel}")


def statussen_tekst(statussen: Dict[str, int]) -> str:
    return ", ".join(f"{aantal}× {status}" for status, aantal in statussen.items()) or "none"
