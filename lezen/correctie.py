"""A self-correction that names a person: "mijn moeder is overleden, nee wacht, ik bedoel mijn vader".

The short correction replaces the person named last before it; the rest of the message stays, so what the
person says after the correction still counts ("..., hij had een vaste vergunning"). Plain Python.
"""

import re

from lezen.getallen import CORRECTIE, rond_correctie
from lezen.taal import normaliseer

PERSOON = re.compile(
    r"\b(man|vrouw|partner|echtgeno\w*|vriend|vriendin|husband|wife|vader|moeder|ouders?|papa|mama|dad|mom|father|"
    r"mother|zoon|dochter|broer|zus|opa|oma)\b"
)
BEGIN = re.compile(r"^[\s,.:;-]*(nee[\s,]+)?((ik )?bedoel( ik)?|i mean)?[\s,:]*")
EINDE = re.compile(r"([\s,.:;-]|\bnee\b)*$")
KORT = 6  # "ik bedoel mijn vader" corrects a word; a longer clause tells something new


def verbeterd(tekst: str) -> str:
    """The message with a corrected person put in place of the one it corrects; else the message as it was."""
    t = normaliseer(tekst)
    delen = rond_correctie(t)
    if not delen:
        return tekst
    voor, na = delen
    while _eindigt_met_correctie(voor):  # "nee wacht, ik bedoel"
        voor = _zonder_laatste_correctie(voor)
    stuk, rest = re.match(r"([^,.;!?]*)(.*)", BEGIN.sub("", na), re.S).groups()
    nieuw = PERSOON.search(stuk)
    oud = list(PERSOON.finditer(voor))
    if not nieuw or not oud or len(stuk.split()) > KORT:
        return tekst
    laatste = oud[-1]
    return f"{voor[: laatste.start()]}{stuk[nieuw.start() :]}{EINDE.sub('', voor[laatste.end() :])}{rest}"


def _eindigt_met_correctie(voor: str) -> bool:
    laatste = next(reversed(list(CORRECTIE.finditer(voor))), None)
    return bool(laatste) and not EINDE.sub("", voor[laatste.end() :])


def _zonder_laatste_correctie(voor: str) -> str:
    laatste = list(CORRECTIE.finditer(voor))[-1]
    return voor[: laatste.start()]
