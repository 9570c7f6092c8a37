"""Checks a user's message before Rasa sees it. Plain Python, no Rasa import.

Typed text that starts with "/" would be read by Rasa as an intent with entities ("/restart",
'/inform{"jaren": 99}'), so it could set slots or skip questions. Only the payloads of the buttons the
assistant has just offered may start with "/"; any other leading slashes are removed and the text is
understood as words.
"""

import re
import unicodedata
from dataclasses import dataclass
from typing import Collection, Optional

from dienst import instellingen

INTENT_PREFIX = "/"

_STUURTEKENS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ud800-\udfff\ufeff]")
_WITRUIMTE = re.compile(r"[ \t\r\n]+")


@dataclass(frozen=True)
class Invoer:
    """What to do with a message: hand `tekst` to Rasa, or answer with the domain response `antwoord`."""

    tekst: Optional[str] = None
    antwoord: Optional[str] = None


def opschonen(tekst: str) -> str:
    tekst = unicodedata.normalize("NFC", tekst)
    tekst = _STUURTEKENS.sub(" ", tekst)
    return _WITRUIMTE.sub(" ", tekst).strip()


def zonder_commando(tekst: str, knoppen: Collection[str]) -> str:
    if not tekst.startswith(INTENT_PREFIX) or tekst in knoppen:
        return tekst
    return tekst.lstrip(INTENT_PREFIX + " ")


def lijkt_commando(ruwe_tekst: object) -> bool:
    """True when the message starts with "/": only then do the buttons just offered matter."""
    return isinstance(ruwe_tekst, str) and opschonen(ruwe_tekst).startswith(INTENT_PREFIX)


def beoordeel(ruwe_tekst: object, knoppen: Collection[str] = ()) -> Invoer:
    """Decides what happens with `ruwe_tekst`; `knoppen` are the payloads of the buttons just offered."""
    if not isinstance(ruwe_tekst, str):
        return Invoer(antwoord="utter_bericht_leeg")
    if len(ruwe_tekst) > instellingen.huidige().max_bericht_tekens:
        return Invoer(antwoord="utter_bericht_te_lang")
    tekst = zonder_commando(opschonen(ruwe_tekst), knoppen)
    if not tekst:
        return Invoer(antwoord="utter_bericht_leeg")
    return Invoer(tekst=tekst)
