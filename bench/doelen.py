"""The goals of issues 14 and 23 and whether a run met them: one line per goal with the measured value."""

import math
from dataclasses import dataclass
from typing import List, Optional, Sequence

from bench.lang import DOEL_VERHOUDING, LangUitslag
from bench.statistiek import Resultaat, rasa_rss, vergelijk, verhouding
from bench.storing import StoringUitslag
from bench.training import TrainingUitslag
from bench.uitval import DOEL_S as UITVAL_S
from bench.uitval import UitvalUitslag
from bench.vloed import DOEL_MEDIAAN_S, VloedUitslag, statussen_tekst

EERSTE_ANTWOORD_S = 30.0
RASA_RSS = 2**30  # 1.0 GiB
ACTIES_RSS = 200 * 2**20
TRAINING_S = 180.0
TEGEN_STARTER = 1.0  # embedded at least the starter's msg/s, with a p95 no worse
INGEBED = "ours"  # the embedded configuration, our default


@dataclass(frozen=True)
class Regel:
    doel: str
    gemeten: str
    gehaald: Optional[bool]  # None: nothing to judge (not measured, or no goal set)


def mib(waarde: Optional[float]) -> str:
    return "-" if waarde is None else f"{waarde / 2**20:.0f} MiB"


def grootte(grens: int) -> str:
    return f"{grens / 2**30:.1f} GiB" if grens >= 2**30 else mib(grens)


def seconden(waarde: float) -> str:
    return "no answer" if math.isinf(waarde) else f"{waarde:.1f} s"


def rijen(resultaten: List[Resultaat], basis: str, users: Optional[int] = None) -> List[Resultaat]:
    return [r for r in resultaten if r.basis == basis and (users is None or r.users == users)]


def tegen_starter(resultaten: List[Resultaat], users: int) -> Regel:
    delen, gehaald = [], []
    for r in rijen(resultaten, INGEBED, users):
        ref = vergelijk(r, resultaten)
        if ref:
            gehaald.append(
                verhouding(r.per_seconde, ref.per_seconde) >= TEGEN_STARTER and verhouding(r.p95, ref.p95) <= 1.0
            )
            delen.append(
                f"#{r.nummer} {r.per_seconde:.2f} msg/s p95 {r.p95 * 1000:.0f} ms vs starter #{ref.nummer} "
                f"{ref.per_seconde:.2f} msg/s p95 {ref.p95 * 1000:.0f} ms: ratio msg/s "
                f"{verhouding(r.per_seconde, ref.per_seconde):.2f}, p95 {verhouding(r.p95, ref.p95):.2f}"
            )
    doel = f"embedded vs starter at {users} users, msg/s >= {TEGEN_STARTER:.1f}x and p95 no worse"
    return Regel(doel, "; ".join(delen) or "not measured", all(gehaald) if gehaald else None)


def geen_fouten(resultaten: List[Resultaat], users: int) -> Regel:
    gevonden = rijen(resultaten, INGEBED, users)
    if not gevonden:
        return Regel(f"0 errors at {users} users (embedded)", "not measured", None)
    fouten = sum(r.foutaantal for r in gevonden)
    return Regel(f"0 errors at {users} users (embedded)", f"{fouten} errors", fouten == 0)


def replicas(resultaten: List[Resultaat], users: int) -> Regel:
    gevonden = [r for r in resultaten if r.basis.startswith("replica") and r.users == users]
    delen = [f"{r.replicas} replica(s) {r.per_seconde:.2f} msg/s (#{r.nummer})" for r in gevonden]
    gemeten = ", ".join(delen) or "not measured"
    return Regel(f"production mode, 1 and 2 replicas at {users} users", gemeten, None)


def eerste_antwoord(resultaten: List[Resultaat]) -> Regel:
    doel = f"first answer after start, embedded <= {EERSTE_ANTWOORD_S:.0f} s"
    ons = [r.eerste_antwoord_s for r in rijen(resultaten, INGEBED) if not math.isnan(r.eerste_antwoord_s)]
    starter = [r.eerste_antwoord_s for r in rijen(resultaten, "starter") if not math.isnan(r.eerste_antwoord_s)]
    if not ons:
        return Regel(doel, "not measured", None)
    gemeten = "ours " + ", ".join(seconden(s) for s in ons)
    if starter:
        gemeten += "; starter " + ", ".join(seconden(s) for s in starter)
    return Regel(doel, gemeten, max(ons) <= EERSTE_ANTWOORD_S)


def geheugen(resultaten: List[Resultaat], server: str, grens: int) -> Regel:
    wie = "Rasa server" if server == "rasa" else "action server"
    doel = f"{wie} RSS after 60 messages, embedded <= {grootte(grens)}"
    gevonden = [r for r in rijen(resultaten, INGEBED) if r.rss_na]
    if not gevonden:
        return Regel(doel, "not measured", None)
    kies = rasa_rss if server == "rasa" else (lambda rss: rss.get("acties"))
    na = max(kies(r.rss_na) or 0 for r in gevonden)
    piek = max(kies(r.piek_rss) or 0 for r in gevonden)
    return Regel(doel, f"{mib(na)} (peak {mib(piek)})", na <= grens)


def training(trainingen: List[TrainingUitslag]) -> Regel:
    doel = f"training from scratch, ours <= {TRAINING_S / 60:.0f} min"
    ons = [t for t in trainingen if t.bot == "ours"]
    if not ons:
        return Regel(doel, "not measured", None)
    gemeten = "; ".join(f"{t.bot} {t.seconden:.0f} s" + ("" if t.gelukt else " (failed)") for t in trainingen)
    return Regel(doel, gemeten, all(t.gelukt and t.seconden <= TRAINING_S for t in ons))


def storing(storingen: List[StoringUitslag], soort: str) -> Regel:
    gevonden = [s for s in storingen if s.soort == soort]
    grens = f"{gevonden[0].grens_s:.0f} s" if gevonden else "ACTIE_TIMEOUT + 2 s"
    doel = f"action server {soort}: apology within {grens}, then goes on"
    if not gevonden:
        return Regel(doel, "not measured", None)
    gemeten = "; ".join(
        f"{s.seconden:.1f} s, {'apology' if s.excuus else 'no apology'}, "
        f"{'goes on' if s.gaat_verder else 'does not go on'}" + ("" if s.voorbereid else ", check off-script before")
        for s in gevonden
    )
    return Regel(doel, gemeten, all(s.gehaald for s in gevonden))


def vloed(vloeden: Sequence[VloedUitslag]) -> Regel:
    doel = f"others' median reply while one client floods (200 messages, 20 connections) < {DOEL_MEDIAAN_S:.0f} s"
    if not vloeden:
        return Regel(doel, "not measured", None)
    gemeten = "; ".join(
        f"median {v.mediaan * 1000:.0f} ms, slowest {v.slechtste * 1000:.0f} ms over {len(v.tijdens)} replies "
        f"during the flood ({len(v.anderen)} in all), errors {sum(v.fouten_anderen.values())}; flood: "
        + statussen_tekst(v.statussen)
        for v in vloeden
    )
    return Regel(doel, gemeten, all(v.gehaald for v in vloeden))


def lang(lange: Sequence[LangUitslag]) -> Regel:
    doel = f"long conversation: median of the last 30 of 300 questions <= {DOEL_VERHOUDING:.0f}x the first 30"
    if not lange:
        return Regel(doel, "not measured", None)
    gemeten = "; ".join(
        f"{u.begin * 1000:.0f} -> {u.eind * 1000:.0f} ms ({u.verhouding:.2f}x), errors {sum(u.fouten.values())}"
        for u in lange
    )
    return Regel(doel, gemeten, all(u.gehaald for u in lange))


def uitval(uitvallen: Sequence[UitvalUitslag]) -> Regel:
    doel = f"a replica killed mid-message under load: that conversation answered by the other within {UITVAL_S:.0f} s"
    if not uitvallen:
        return Regel(doel, "not measured", None)
    gemeten = "; ".join(
        ("" if u.gedood else "not killed: ")
        + f"{seconden_of_streep(u.seconden)}; {len(u.in_vlucht)} message(s) on it, slowest {seconden_of_streep(u.traagste)}; "
        f"lost {len(u.verloren)}, twice {len(u.dubbel)}, errors {sum(u.fouten.values())}"
        for u in uitvallen
    )
    return Regel(doel, gemeten, all(u.gehaald for u in uitvallen))


def seconden_of_streep(waarde: float) -> str:
    return "-" if math.isnan(waarde) else seconden(waarde)


def beoordeel(
    resultaten: List[Resultaat],
    storingen: List[StoringUitslag],
    trainingen: List[TrainingUitslag],
    users: int,
    vloeden: Sequence[VloedUitslag] = (),
    lange: Sequence[LangUitslag] = (),
    uitvallen: Sequence[UitvalUitslag] = (),
) -> List[Regel]:
    return [
        tegen_starter(resultaten, users),
        geen_fouten(resultaten, 50),
        replicas(resultaten, users),
        eerste_antwoord(resultaten),
        geheugen(resultaten, "rasa", RASA_RSS),
        geheugen(resultaten, "acties", ACTIES_RSS),
        training(trainingen),
        storing(storingen, "frozen"),
        storing(storingen, "dead"),
        vloed(vloeden),
        lang(lange),
        uitval(uitvallen),
    ]
