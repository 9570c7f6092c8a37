"""The action server frozen (SIGSTOP) or killed during a check: how fast the apology, and does it go on?"""

import signal
from dataclasses import dataclass
from typing import List, Optional

import processen
from bench import belasting
from bench.draaien import Draaiend
from bench.gesprekken import STORING, StoringScript


@dataclass
class StoringUitslag:
    soort: str  # "frozen" or "dead"
    grens_s: float  # ACTIE_TIMEOUT + 2
    seconden: float  # until the reply to the message sent while the action server was away
    excuus: bool  # that reply was the apology
    gaat_verder: bool  # the next message, with the action server back, went on where the check was
    voorbereid: bool  # the check was where the script expects before the fault
    antwoord: str
    daarna: str

    @property
    def gehaald(self) -> bool:
        return self.voorbereid and self.excuus and self.seconden <= self.grens_s and self.gaat_verder


def actie_timeout(draaiend: Draaiend) -> float:
    """ACTIE_TIMEOUT as the Rasa server reads it (dienst/instellingen.py, default 5)."""
    from dienst import instellingen

    return instellingen.lees(draaiend.servers["rasa"].omgeving).actie_timeout


def voorbereiden(url: str, afzender: str, script: StoringScript, timeout: float) -> bool:
    goed = True
    for beurt in script.voor:
        antwoord = belasting.zeg_een(url, afzender, beurt, timeout)
        goed = goed and not antwoord.fout and not antwoord.afwijkend
    return goed


def bevroren(draaiend: Draaiend, script: StoringScript, prefix: str, timeout: float) -> StoringUitslag:
    acties, url, grens = draaiend.servers["acties"], draaiend.urls[0], actie_timeout(draaiend) + 2
    afzender = f"{prefix}-bevroren"
    voorbereid = voorbereiden(url, afzender, script, timeout)
    processen.signaleer(acties.proces, signal.SIGSTOP)
    try:
        antwoord = belasting.zeg_een(url, afzender, script.tijdens, grens + timeout)
    finally:
        processen.signaleer(acties.proces, signal.SIGCONT)
    daarna = belasting.zeg_een(url, afzender, script.daarna, timeout)
    return uitslag("frozen", grens, voorbereid, antwoord, daarna)


def dood(draaiend: Draaiend, script: StoringScript, prefix: str, timeout: float) -> StoringUitslag:
    acties, url, grens = draaiend.servers["acties"], draaiend.urls[0], actie_timeout(draaiend) + 2
    afzender = f"{prefix}-dood"
    voorbereid = voorbereiden(url, afzender, script, timeout)
    acties.stop(signal.SIGKILL)
    try:
        antwoord = belasting.zeg_een(url, afzender, script.tijdens, grens + timeout)
    finally:
        acties.start()
        acties.wacht_op(f"{draaiend.actie_url}/health", 300)
    daarna = belasting.zeg_een(url, afzender, script.daarna, timeout)
    return uitslag("dead", grens, voorbereid, antwoord, daarna)


def uitslag(
    soort: str, grens: float, voorbereid: bool, antwoord: belasting.Antwoord, daarna: belasting.Antwoord
) -> StoringUitslag:
    return StoringUitslag(
        soort=soort,
        grens_s=grens,
        seconden=antwoord.seconden,
        excuus=STORING in antwoord.tekst,
        gaat_verder=not daarna.fout and not daarna.afwijkend,
        voorbereid=voorbereid,
        antwoord=antwoord.tekst[:120],
        daarna=daarna.tekst[:120],
    )


def controleer(
    draaiend: Draaiend, script: StoringScript, prefix: str, timeout: float, nummer: Optional[int] = None
) -> List[StoringUitslag]:
    print(f"\n== #{nummer} storing: action server frozen, then killed, during a check", flush=True)
    draaiend.koud = False
    uitslagen = [bevroren(draaiend, script, prefix, timeout), dood(draaiend, script, prefix, timeout)]
    for u in uitslagen:
        print(
            f"   {u.soort}: reply after {u.seconden:.1f} s (limit {u.grens_s:.0f} s), apology: "
            f"{'yes' if u.excuus else 'no'}, goes on after: {'yes' if u.gaat_verder else 'no'}"
            + ("" if u.voorbereid else " (the check was not where the script expects before the fault)"),
            flush=True,
        )
        if not u.excuus or not u.gaat_verder:
            print(f"      reply {u.antwoord!r}; next {u.daarna!r}")
    return uitslagen
