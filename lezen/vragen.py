"""Words that settle which of the page's questions a message asks, when the models are unsure (lezen/vragen.yml).

Like the situations (lezen/situatie.py), some questions have words that leave no doubt: a TWV that is or is not
needed, a permit that was stolen or is about to expire, how long the new permit is valid, travelling while the
IND decides. When more than one of these fits, none is chosen: the assistant asks; a message that asks two
questions ("mag ik werken? en hoe lang is hij geldig?") is read one question at a time (vragen_per_deel).
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional, Pattern, Tuple

import yaml

from lezen.antwoorden import schoon
from lezen.taal import normaliseer

# The key in the parse data that carries the answer to a second question in a message (Rasa server -> actions).
TWEEDE_ANTWOORD = "tweede_antwoord"


@dataclass(frozen=True)
class Woorden:
    """lezen/vragen.yml read: each answer's words, which answer wins when two fit, words that tell a fact instead,
    and the answers a situation told in the same message does not change."""

    vragen: List[Tuple[str, Pattern[str]]]
    voorrang: Dict[str, FrozenSet[str]]
    behalve: Dict[str, Pattern[str]]
    ook_met_situatie: FrozenSet[str]


@lru_cache(maxsize=1)
def _woorden() -> Woorden:
    with open(Path(__file__).with_name("vragen.yml"), encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    pas = "(" + "|".join(data["pas"]) + ")"
    return Woorden(
        vragen=[
            (sleutel, re.compile("|".join(f"(?:{p.replace('{pas}', pas)})" for p in patronen)))
            for sleutel, patronen in data["vragen"].items()
        ],
        voorrang={sleutel: frozenset(wijkt) for sleutel, wijkt in (data.get("voorrang") or {}).items()},
        behalve={sleutel: re.compile("|".join(patronen)) for sleutel, patronen in (data.get("behalve") or {}).items()},
        ook_met_situatie=frozenset(data.get("ook_met_situatie") or ()),
    )


def sleutels() -> List[str]:
    """The answers words can settle (checked against the domain by the tests)."""
    return [sleutel for sleutel, _ in _woorden().vragen]


def ook_met_situatie() -> FrozenSet[str]:
    """The answers the words settle also when the message tells a situation."""
    return _woorden().ook_met_situatie


# Where one question ends and another begins: "mag ik werken? en hoe lang is hij geldig?", "..., and what can I do?"
VRAAGGRENS = re.compile(
    r"\?+|;|,?\s+(?:en|and|of|or)\s+(?=(?:welk\w*|wat|hoe|waar|wanneer|hoeveel|mag|moet|kan|kun|binnen|krijg|which|"
    r"what|how|where|when|can|may|do|does|will)\b)"
)


def vragen_per_deel(tekst: str) -> List[str]:
    """The answers the words settle in each question of a message that asks more than one, in order."""
    delen = [deel for deel in VRAAGGRENS.split(normaliseer(tekst)) if len(deel.split()) >= 2]
    if len(delen) < 2:
        return []
    sleutels = [vraag_uit_woorden(deel) for deel in delen]
    return list(dict.fromkeys(s for s in sleutels if s))


def vraag_uit_woorden(tekst: str) -> Optional[str]:
    """The FAQ answer (faq/...) whose words the message has, when exactly one fits; else None."""
    t = schoon(tekst)
    lijst = _woorden()
    behalve = lijst.behalve
    gevonden = [s for s, woorden in lijst.vragen if woorden.search(t) and not (s in behalve and behalve[s].search(t))]
    for sleutel, wijkt in lijst.voorrang.items():
        if sleutel in gevonden and set(gevonden) - {sleutel} <= wijkt:
            return sleutel
    return gevonden[0] if len(gevonden) == 1 else None
