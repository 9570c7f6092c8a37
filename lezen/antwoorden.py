"""Reading typed answers to the check's questions: yes, no, "weet ik niet", and the state of a criminal case.

Word lists live in antwoorden.yml. Plain Python, no Rasa import. A negation counts only for what it negates:
"nee, maar ik ben vrijgesteld" answers "Hebt u het diploma? Of bent u vrijgesteld?" with yes, and "hij stopt
niet" answers "Bestaat de dreiging nog?" with yes. A sentence with a negation and no "ja" or "nee" that no
reader of that question understands gives no answer: the form asks again with the buttons.
"""

import re
from functools import lru_cache
from pathlib import Path
from typing import Optional

import yaml

from lezen.getallen import rond_correctie
from lezen.lezing import NIETS, Lezing, afgeleid, gezegd
from lezen.taal import normaliseer

ONBEKEND = "onbekend"


@lru_cache(maxsize=1)
def woorden() -> dict:
    with open(Path(__file__).with_name("antwoorden.yml"), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def schoon(tekst: str) -> str:
    """Lower case, no accents or punctuation, single spaces: 'Nee, hoor!' -> 'nee hoor'."""
    zonder_tekens = re.sub(r"[^\w\s]", " ", normaliseer(tekst).replace("'", ""))
    return re.sub(r"\s+", " ", zonder_tekens).strip()


def _komt_voor(zin: str, tekst: str) -> bool:
    return re.search(rf"(^| ){re.escape(zin)}( |$)", tekst) is not None


def _heeft(zinnen: list, tekst: str) -> bool:
    return any(_komt_voor(schoon(zin), tekst) for zin in zinnen)


def lees_ja_nee(tekst: str, vraag: Optional[str] = None) -> Lezing:
    """Yes (True), no (False) or ONBEKEND to the question about `vraag` (a slot name), with certainty."""
    t = schoon(tekst)
    if not t:
        return NIETS
    w = woorden()["ja_nee"]
    if _heeft(w["onbekend"], t) or _heeft(w["twijfel_onbekend"], t):
        return gezegd(ONBEKEND, tekst)
    delen = rond_correctie(t)
    if delen and delen[1].strip():  # "ja.. nee ik bedoel nee": the words after the correction
        na = lees_ja_nee(delen[1], vraag)
        return afgeleid(na.waarde, tekst) if na.gelezen else NIETS
    eerste = t.split()[0]
    rest = " ".join(t.split()[1:])
    if eerste not in w["nee_begin"] + w["ja_begin"]:
        eigen = _eigen_lezing(vraag, t)  # "de dreiging is helaas niet weg": the question's own reading first
        if eigen.gelezen:
            return afgeleid(eigen.waarde, tekst)
    if eerste in w["nee_begin"] or _heeft(w["nee_zinnen"], t):
        eigen = _eigen_lezing(vraag, rest if eerste in w["nee_begin"] else t)
        if eigen.waarde is True:  # "nee, maar ik ben vrijgesteld": no to A, yes to B
            return afgeleid(True, tekst)
        if _heeft(w["tegenstelling"], rest):
            return NIETS
        return afgeleid(False, tekst) if _heeft(w["twijfel"], t) else gezegd(False, tekst)
    if eerste in w["ja_begin"] or _heeft(w["ja_zinnen"], t):
        return (
            afgeleid(True, tekst)
            if _heeft(w["twijfel"], t) or _heeft(w["tegenstelling"], rest)
            else gezegd(True, tekst)
        )
    eigen = _eigen_lezing(vraag, t)
    return afgeleid(eigen.waarde, tekst) if eigen.gelezen else NIETS


def _eigen_lezing(vraag: Optional[str], t: str) -> Lezing:
    """What a sentence says to one question in particular (antwoorden.yml `per_vraag`), first match wins."""
    for regel in woorden()["per_vraag"].get(vraag or "", []):
        if re.search(regel["patroon"], t):
            return afgeleid(regel["waarde"], t)
    return NIETS


def ja_nee(tekst: str, vraag: Optional[str] = None):
    """True, False, ONBEKEND, or None when the words do not say it."""
    return lees_ja_nee(tekst, vraag).waarde


def lees_strafzaak(tekst: str) -> Lezing:
    """The state of the criminal case; a short plain answer is said, a longer sentence only inferred."""
    waarde = strafzaak(tekst)
    if waarde is None:
        return NIETS
    return gezegd(waarde, tekst) if len(schoon(tekst).split()) <= 5 else afgeleid(waarde, tekst)


def strafzaak(tekst: str) -> Optional[str]:
    """'veroordeeld' (final), 'niet_veroordeeld', 'loopt_nog', ONBEKEND, or None (e.g. only "hij zit vast")."""
    t = schoon(tekst)
    if not t:
        return None
    return next((k["waarde"] for k in woorden()["strafzaak"] if _heeft(k["zinnen"], t)), None)


def weet_niet(tekst: str) -> bool:
    """The words say "weet ik niet" (not a doubt about a yes or no): for any question of the check."""
    return _heeft(woorden()["ja_nee"]["onbekend"], schoon(tekst))
