"""Reading typed answers to the check's questions: yes, no, "weet ik niet", and the state of a criminal case.

Word lists live in antwoorden.yml. Plain Python, no Rasa import: an answer that cannot be read gives None,
and the form asks again with the buttons instead of guessing.
"""

import re
from functools import lru_cache
from pathlib import Path
from typing import Optional

import yaml

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


def ja_nee(tekst: str):
    """True, False, ONBEKEND, or None when the words do not say it."""
    t = schoon(tekst)
    if not t:
        return None
    w = woorden()["ja_nee"]
    if _heeft(w["onbekend"], t):
        return ONBEKEND
    if _heeft(w["nee_zinnen"], t):
        return False
    eerste_woord = t.split()[0]
    if eerste_woord in w["nee_begin"]:
        return False
    if eerste_woord in w["ja_begin"] or _heeft(w["ja_zinnen"], t):
        return True
    return False if _heeft(w["ontkenning"], t) else None


def strafzaak(tekst: str) -> Optional[str]:
    """'veroordeeld' (final), 'niet_veroordeeld', 'loopt_nog', ONBEKEND, or None."""
    t = schoon(tekst)
    if not t:
        return None
    return next((k["waarde"] for k in woorden()["strafzaak"] if _heeft(k["zinnen"], t)), None)
