"""A Rasa replica killed (SIGKILL) in the middle of a message, under load (issue 23, point 5).

Two replicas share PostgreSQL and Redis. `GESPREKKEN` conversations run at once, each alternating between the
replicas turn by turn (conversation j sends turn k to replica (j + k) mod 2). When the first conversation's
message is on replica A and A has taken that conversation's lock, A is frozen (SIGSTOP), and then killed
(SIGKILL). Every message that was on A (the client's connection breaks) is sent again to replica B, as a load
balancer's client would; from then on B gets every turn. Measured: the seconds from the moment A stopped to
B's answer to the first conversation's message, and to each other message that was on A. Goal: within
`DOEL_S`. Afterwards every conversation's stored user messages must be exactly the ones sent: none lost, none
twice.

Why frozen before it is killed: a message whose answer A had already stored but not yet sent back (the few
milliseconds between the database commit and the HTTP response) would be stored and answered a second time
when the client sends it again; telling that apart needs a message id from the client, which REST clients do
not send. So while A is frozen the run looks in the database: when one of A's messages is already stored, A
is thawed and the next chance is taken (`pogingen` counts the freezes). The time is counted from the freeze,
the moment A stopped renewing its locks.
"""

import asyncio
import json
import signal
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence

import processen
from bench import belasting, vloed
from bench.belasting import Script, Uitslag
from bench.draaien import Draaiend
from bench.gesprekken import Gesprekken

DOEL_S = 10.0
GESPREKKEN = 16
SPREIDING_S = 0.05
EERSTE_KANS = 2  # the first conversation's turn from which on A may die (the load is running by then)
RUST_S = 0.3  # after the freeze: replies A had already sent arrive before the database is read


@dataclass(frozen=True)
class Replica:
    """The replica that dies: its process group frozen, thawed, killed."""

    bevries: Callable[[], None]
    ontdooi: Callable[[], None]
    dood: Callable[[], None]


@dataclass(frozen=True)
class Opslag:
    """What the run reads of the shared state."""

    gebruikersberichten: Callable[[str], List[str]]  # a conversation's stored user texts, in order
    slot_bezet: Callable[[str], bool]  # a conversation's Redis lock exists (someone holds or waits for it)
    sluit: Callable[[], None] = lambda: None  # gives the connections back (the database is dropped afterwards)


@dataclass
class Lopend:
    kant: int  # 0: replica A, 1: replica B
    beurt: int  # turn number; also how many turns of this conversation were answered before it


@dataclass
class UitvalUitslag:
    doel_s: float
    seconden: float  # from A's stop to B's answer to the message whose lock A held (inf: no answer)
    in_vlucht: Dict[str, float]  # per conversation whose message was on A: seconds from A's stop to its answer
    berichten: int  # replies in all
    fouten: Dict[str, int]
    afwijkend: List[str]
    verloren: List[str] = field(default_factory=list)  # conversations with a sent message not stored
    dubbel: List[str] = field(default_factory=list)  # conversations with a message stored more often than sent
    pogingen: int = 0  # freezes until one found none of A's messages stored yet
    gedood: bool = False  # A was killed in the middle of a message
    mislukt: List[str] = field(default_factory=list)  # messages that were on A and then failed on B: what, when

    @property
    def traagste(self) -> float:
        return max(self.in_vlucht.values(), default=float("nan"))

    @property
    def gehaald(self) -> bool:
        return (
            self.gedood
            and not self.fouten
            and not self.verloren
            and not self.dubbel
            and self.seconden <= self.doel_s
            and all(s <= self.doel_s for s in self.in_vlucht.values())
        )


class Staat:
    def __init__(self) -> None:
        self.lopend: Dict[str, Lopend] = {}
        self.klaar: set = set()
        self.gestopt: Optional[float] = None  # time.monotonic() of A's freeze, once it is to die
        self.gedood = False
        self.in_vlucht: Dict[str, float] = {}
        self.mislukt: List[str] = []
        self.verzonden: Dict[str, List[str]] = {}  # per conversation the texts that were answered


async def stuur(sessie, url: str, afzender: str, tekst: str):
    async with sessie.post(f"{url}/webhooks/rest/webhook", json={"sender": afzender, "message": tekst}) as antwoord:
        return antwoord.status, await antwoord.read()


async def gesprek(
    sessie, urls: Sequence[str], staat: Staat, j: int, afzender: str, script: Script, uitslag: Uitslag
) -> None:
    import aiohttp

    await asyncio.sleep(j * SPREIDING_S)
    staat.verzonden[afzender] = []

    def mislukt(soort: str) -> None:
        uitslag.fout(soort)
        if opnieuw:
            staat.mislukt.append(f"{afzender}: {soort} {time.monotonic() - staat.gestopt:.1f} s after the stop")

    try:
        for k, beurt in enumerate(script):
            lopend = staat.lopend[afzender] = Lopend((j + k) % 2, k)
            opnieuw = False
            while True:
                if lopend.kant == 0 and staat.gedood:
                    lopend.kant = 1
                begin = time.perf_counter()
                try:
                    status, inhoud = await stuur(sessie, urls[lopend.kant], afzender, beurt.tekst)
                except aiohttp.ClientConnectionError as fout:
                    if lopend.kant == 0 and staat.gedood:  # A died with this message: send it to B
                        lopend.kant, opnieuw = 1, True
                        continue
                    mislukt(type(fout).__name__)
                    return
                except asyncio.TimeoutError:
                    mislukt("timeout")
                    return
                break
            uitslag.latenties.append(time.perf_counter() - begin)
            soort, afwijkend = belasting.oordeel(status, inhoud, beurt.verwacht)
            if soort:
                mislukt(soort)
                return
            if opnieuw:
                staat.in_vlucht[afzender] = time.monotonic() - staat.gestopt
            staat.verzonden[afzender].append(beurt.tekst)
            if afwijkend:
                uitslag.afwijkend.append(f"{afzender}: {beurt.tekst!r} -> {(belasting.teksten(inhoud) or '')[:100]!r}")
    finally:
        staat.lopend.pop(afzender, None)
        staat.klaar.add(afzender)


async def dood_midden_in_bericht(staat: Staat, replica: Replica, opslag: Opslag, doel: str) -> int:
    """Waits until `doel`'s message is on A with its lock taken, then kills A; returns the number of freezes.

    0: the conversation ended before a moment came where none of A's messages was already stored."""
    pogingen = 0
    while True:
        while True:
            lopend = staat.lopend.get(doel)
            if doel in staat.klaar:
                return 0
            if lopend and lopend.kant == 0 and lopend.beurt >= EERSTE_KANS and opslag.slot_bezet(doel):
                break
            await asyncio.sleep(0.002)
        replica.bevries()
        gestopt = time.monotonic()
        pogingen += 1
        await asyncio.sleep(RUST_S)
        al_bewaard = [
            afzender
            for afzender, op_a in list(staat.lopend.items())
            if op_a.kant == 0 and len(opslag.gebruikersberichten(afzender)) > op_a.beurt
        ]
        if not al_bewaard:
            staat.gestopt, staat.gedood = gestopt, True
            replica.dood()
            return pogingen
        replica.ontdooi()
        while staat.lopend.get(doel) is lopend:  # the next chance is the conversation's next turn on A
            await asyncio.sleep(0.01)


def namen(prefix: str) -> List[str]:
    """The conversations' sender ids; the first is the one whose message is on A when it dies."""
    return [f"{prefix}-uitval{j:02d}" for j in range(GESPREKKEN)]


async def speel(
    urls: Sequence[str], scripts: Sequence[Script], replica: Replica, opslag: Opslag, prefix: str, timeout: float
) -> UitvalUitslag:
    import aiohttp

    staat, uitslag = Staat(), Uitslag()
    afzenders = namen(prefix)
    verbinder = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=verbinder, timeout=aiohttp.ClientTimeout(total=timeout)) as sessie:
        doden = asyncio.create_task(dood_midden_in_bericht(staat, replica, opslag, afzenders[0]))
        try:
            await asyncio.gather(
                *(
                    gesprek(sessie, urls, staat, j, afzender, scripts[j % len(scripts)], uitslag)
                    for j, afzender in enumerate(afzenders)
                )
            )
        finally:
            if not doden.done():
                doden.cancel()
        try:
            pogingen = await doden
        except asyncio.CancelledError:
            pogingen = 0
    verloren, dubbel = [], []
    for afzender in afzenders:
        opgeslagen, verzonden = opslag.gebruikersberichten(afzender), staat.verzonden.get(afzender, [])
        if len(opgeslagen) > len(verzonden) or any(opgeslagen.count(t) > verzonden.count(t) for t in opgeslagen):
            dubbel.append(afzender)
        elif opgeslagen != verzonden:
            verloren.append(afzender)
    return UitvalUitslag(
        doel_s=DOEL_S,
        seconden=staat.in_vlucht.get(afzenders[0], float("inf")),
        in_vlucht=dict(staat.in_vlucht),
        berichten=len(uitslag.latenties),
        fouten=uitslag.fouten,
        afwijkend=uitslag.afwijkend,
        verloren=verloren,
        dubbel=dubbel,
        pogingen=pogingen,
        gedood=staat.gedood,
        mislukt=staat.mislukt,
    )


def print_uitslag(u: UitvalUitslag) -> None:
    fouten = ", ".join(f"{k}: {v}" for k, v in sorted(u.fouten.items())) or "none"
    if not u.gedood:
        print("   the replica was not killed: no moment came where none of its messages was stored yet")
    print(
        f"   replica killed in the middle of a message (freezes: {u.pogingen}): that conversation answered by the "
        f"other replica {u.seconden:.1f} s after the stop (goal: <= {u.doel_s:.0f} s: "
        f"{'met' if u.gehaald else 'NOT MET'})"
    )
    print(
        f"   {len(u.in_vlucht)} message(s) were on it, answered after {tijden(u.in_vlucht)}; replies {u.berichten}; "
        f"lost {len(u.verloren)}, stored twice {len(u.dubbel)}; errors {fouten}; off-script {len(u.afwijkend)}",
        flush=True,
    )
    for regel in u.mislukt:
        print(f"      failed after it was sent again: {regel}")
    for regel in u.afwijkend[:3]:
        print(f"      off-script: {regel}")


def tijden(in_vlucht: Dict[str, float]) -> str:
    """The seconds after the stop at which the messages that were on the dead replica were answered, sorted."""
    return ", ".join(f"{s:.1f}" for s in sorted(in_vlucht.values())) + " s" if in_vlucht else "-"


def opslag_van(omgeving: Dict[str, str]) -> Opslag:
    """The production database and Redis of a configuration's settings, read without Rasa."""
    import redis
    import sqlalchemy as sa
    import yaml

    from bench.draaien import ROOT
    from dienst import instellingen

    gekozen = instellingen.lees(omgeving)
    p, r = gekozen.postgres, gekozen.redis
    url = sa.engine.URL.create("postgresql", p.gebruiker, p.wachtwoord or None, p.host, p.poort, p.db)
    engine = sa.create_engine(url)
    client = redis.Redis(host=r.host, port=r.poort, db=r.db, password=r.wachtwoord or None)
    slot = yaml.safe_load((ROOT / gekozen.endpoints).read_text())["lock_store"]
    sleutel = f"{slot['key_prefix']}:lock:" if slot.get("key_prefix") else "lock:"  # as RedisLockStore builds it
    vraag = sa.text("SELECT data FROM events WHERE sender_id = :a AND type_name = 'user' ORDER BY id")

    def gebruikersberichten(afzender: str) -> List[str]:
        with engine.connect() as verbinding:
            return [json.loads(data).get("text") for (data,) in verbinding.execute(vraag, {"a": afzender})]

    def sluit() -> None:
        engine.dispose()
        client.close()

    def slot_bezet(afzender: str) -> bool:
        ruw = client.get(sleutel + afzender)
        return bool(ruw and json.loads(ruw).get("tickets"))  # rasaserver/opslag/slot.py keeps an empty lock a while

    return Opslag(gebruikersberichten, slot_bezet, sluit)


def meet(
    draaiend: Draaiend, gesprekken: Gesprekken, prefix: str, timeout: float, nummer: Optional[int] = None
) -> UitvalUitslag:
    print(
        f"\n== #{nummer} uitval: {GESPREKKEN} conversations alternate between 2 replicas turn by turn; one replica "
        "is killed (SIGKILL) in the middle of a message",
        flush=True,
    )
    if len(draaiend.rasa) != 2 or not draaiend.opzet.productie:
        raise SystemExit("bench: uitval needs production mode with 2 replicas")
    if draaiend.koud:
        vloed.warm_op(draaiend, gesprekken, prefix, timeout)
    a = draaiend.servers["rasa"]
    replica = Replica(
        bevries=lambda: processen.signaleer(a.proces, signal.SIGSTOP),
        ontdooi=lambda: processen.signaleer(a.proces, signal.SIGCONT),
        dood=lambda: a.stop(signal.SIGKILL),
    )
    draaiend.kapot = True  # one replica less from here on: the next configuration starts its own
    opslag = opslag_van(a.omgeving)
    try:
        u = asyncio.run(speel(draaiend.urls, gesprekken.van("ours"), replica, opslag, prefix, timeout))
    finally:
        opslag.sluit()
    print_uitslag(u)
    return u
