"""The load client: closed-loop users over REST (asyncio + aiohttp), each reply checked for its fragment."""

import asyncio
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Callable, Dict, Iterator, List, Optional, Sequence, Tuple

from bench.gesprekken import STORING, Beurt

Script = List[Beurt]


@dataclass
class Uitslag:
    latenties: List[float] = field(default_factory=list)
    fouten: Dict[str, int] = field(default_factory=dict)
    afwijkend: List[str] = field(default_factory=list)
    na_antwoord: Optional[Callable[[], None]] = None  # called after every reply the server gave

    def fout(self, soort: str) -> None:
        self.fouten[soort] = self.fouten.get(soort, 0) + 1


def teksten(inhoud: bytes) -> Optional[str]:
    """The texts of a REST reply joined, or None when the reply is no JSON list."""
    try:
        antwoorden = json.loads(inhoud or b"null")
    except ValueError:
        return None
    if antwoorden is not None and not isinstance(antwoorden, list):
        return None
    return " ".join(a.get("text") or "" for a in antwoorden or [] if isinstance(a, dict))


def oordeel(status: int, inhoud: bytes, verwacht: str) -> Tuple[Optional[str], bool]:
    """(kind of error or None, off-script?): the apology counts as an error, a missing fragment as off-script."""
    if status != 200:
        return f"http {status}", False
    tekst = teksten(inhoud)
    if tekst is None:
        return "reply is not JSON", False
    if not tekst.strip():
        return "empty reply", False
    if STORING in tekst:
        return "apology (utter_storing)", False
    return None, verwacht not in tekst


async def zeg(sessie, url: str, afzender: str, beurt: Beurt, uitslag: Uitslag) -> None:
    import aiohttp

    begin = time.perf_counter()
    try:
        body = {"sender": afzender, "message": beurt.tekst}
        async with sessie.post(f"{url}/webhooks/rest/webhook", json=body) as antwoord:
            inhoud, status = await antwoord.read(), antwoord.status
    except asyncio.TimeoutError:
        uitslag.fout("timeout")
        return
    except aiohttp.ClientError as fout:
        uitslag.fout(type(fout).__name__)
        return
    uitslag.latenties.append(time.perf_counter() - begin)
    if uitslag.na_antwoord:
        uitslag.na_antwoord()
    soort, afwijkend = oordeel(status, inhoud, beurt.verwacht)
    if soort:
        uitslag.fout(soort)
    elif afwijkend:
        uitslag.afwijkend.append(f"{afzender}: {beurt.tekst!r} -> {(teksten(inhoud) or '')[:100]!r}")


def beurten(script: Script, aantal: int, prefix: str) -> Iterator[Tuple[str, Beurt]]:
    """`aantal` messages: the conversation, then again from the start as a new conversation."""
    for n in range(aantal):
        yield f"{prefix}-{n // len(script)}", script[n % len(script)]


async def gebruiker(sessie, url: str, script: Script, aantal: int, prefix: str, vertraging: float, uitslag: Uitslag):
    await asyncio.sleep(vertraging)
    for afzender, beurt in beurten(script, aantal, prefix):
        await zeg(sessie, url, afzender, beurt, uitslag)


@dataclass(frozen=True)
class Last:
    urls: Sequence[str]  # one per Rasa replica; user i talks to replica i mod n only (sticky sessions)
    scripts: Sequence[Script]
    prefix: str  # sender ids start with it
    timeout: float
    na_antwoord: Optional[Callable[[], None]] = None


async def belast(last: Last, users: int, berichten: int, spreiding: float) -> Tuple[Uitslag, float]:
    """`users` closed-loop users, started `spreiding` s apart; returns the replies and the seconds it took."""
    import aiohttp

    uitslag = Uitslag(na_antwoord=last.na_antwoord)
    verbinder = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=verbinder, timeout=aiohttp.ClientTimeout(total=last.timeout)) as s:
        begin = time.perf_counter()
        await asyncio.gather(
            *(
                gebruiker(
                    s,
                    last.urls[i % len(last.urls)],
                    last.scripts[i % len(last.scripts)],
                    berichten,
                    f"{last.prefix}-u{i}",
                    i * spreiding,
                    uitslag,
                )
                for i in range(users)
            )
        )
        return uitslag, time.perf_counter() - begin


async def warm_op(last: Last, berichten: int) -> Uitslag:
    """Each conversation twice at once, spread over the replicas, before the measurement (not measured)."""
    import aiohttp

    uitslag = Uitslag(na_antwoord=last.na_antwoord)
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=last.timeout)) as sessie:
        await asyncio.gather(
            *(
                gebruiker(sessie, last.urls[i % len(last.urls)], script, berichten, f"{last.prefix}-w{i}", 0, uitslag)
                for i, script in enumerate(list(last.scripts) * 2)
            )
        )
    return uitslag


@dataclass(frozen=True)
class Antwoord:
    seconden: float
    tekst: str  # the reply's texts, or what went wrong
    fout: Optional[str]  # as oordeel() names it, or a connection error
    afwijkend: bool


def zeg_een(url: str, afzender: str, beurt: Beurt, timeout: float) -> Antwoord:
    """One message, synchronously (first answer after start, the fault check)."""
    body = json.dumps({"sender": afzender, "message": beurt.tekst}).encode()
    verzoek = urllib.request.Request(
        f"{url}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}
    )
    begin = time.monotonic()
    try:
        with urllib.request.urlopen(verzoek, timeout=timeout) as antwoord:
            status, inhoud = antwoord.status, antwoord.read()
    except urllib.error.HTTPError as fout:
        status, inhoud = fout.code, b""
    except (urllib.error.URLError, OSError) as fout:
        return Antwoord(time.monotonic() - begin, repr(fout), type(fout).__name__, False)
    seconden = time.monotonic() - begin
    soort, afwijkend = oordeel(status, inhoud, beurt.verwacht)
    return Antwoord(seconden, teksten(inhoud) or "", soort, afwijkend)
