"""Whose nationality a message names, and whether it changes the page's rules (lezen/landen.yml).

"Ik ben Turks" is the person's own; "mijn man is Zweeds", "getrouwd met een Duitser" a family member's;
"ik ben niet Turks" names none. EU/EER/Swiss comes first (own or a family member's), then Turkish, as on
the page. Plain Python.
"""

import re
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml

from lezen.lezing import NIETS, Lezing, afgeleid, gezegd
from lezen.taal import normaliseer

GROEPEN = ("eu_eer_zwitserland", "turks", "nederlands")
TURKS = ("turks", "familie_turks")  # a Turkish person or family member: "kunnen andere voorwaarden gelden"
FAMILIE = {
    "man", "vrouw", "partner", "echtgenoot", "echtgenote", "ex", "exman", "exvrouw", "vriend", "vriendin",
    "vader", "moeder", "ouder", "ouders", "papa", "mama", "zoon", "dochter", "kind", "kinderen", "broer", "zus",
    "hij", "zij", "ze", "husband", "wife", "father", "mother", "he", "she", "his", "her", "met", "schoonmoeder",
    "schoonvader", "familie", "familielid", "stiefvader", "stiefmoeder", "pleegouders", "kocam", "esim",
}  # fmt: skip
ZELF = {"ik", "mij", "me", "mijn", "i", "im", "my", "ben", "am", "benim", "ikzelf", "zelf"}
ONTKENNING = {"niet", "geen", "not", "no", "degilim", "degil", "buiten", "behalve"}
ANDER_PERSOON = {
    "buurman", "buurvrouw", "buren", "baas", "collega", "werkgever", "docent", "leraar", "lerares", "juf", "dokter",
    "advocaat", "huisbaas", "klant", "klanten", "vriendje", "kennis", "neighbour", "boss",
}  # fmt: skip
# "een Turkse bakker", "een Zweeds rijbewijs": the word names a thing, not a nationality.
DING = {
    "bakker", "bakkerij", "winkel", "supermarkt", "restaurant", "rijbewijs", "les", "lessen", "eten", "keuken", "tv",
    "televisie", "film", "muziek", "bedrijf", "auto", "kenteken", "bank", "telefoonnummer", "diploma", "school",
    "thee", "koffie", "taal", "cursus", "zender", "krant", "kaas", "bier",
}  # fmt: skip
# A country is the person's only with words like "uit", "van", "paspoort"; "in Duitsland gewoond" is not.
LAND_HERKOMST = {"uit", "van", "afkomstig", "geboren", "nationaliteit", "paspoort", "burger", "from", "citizen"}
TAAL = {"spreek", "spreekt", "spreken", "praat", "praten", "taal", "les", "lessen", "cursus", "speak", "language"}
TAAL |= {"vertaling", "vertalingen", "vertaald", "vertalen", "vertaler", "translation", "translated", "tolk"}
IN_DE_TAAL = ("in", "het")  # "een vertaling in het Frans", "mag het in het Duits?"
BUITEN = re.compile(r"\b(buiten|niet (uit|in)) (de )?(eu|europa|europese unie)\b")
# Another nationality of the person's own ("ik heb de Eritrese nationaliteit"); a parent's passport is not one.
ANDERS = re.compile(
    r"\b(ik heb|heb ik|mijn|met) (een |de )?\w+ (nationaliteit|paspoort)\b|\bnationaliteit:? \w+|\bik kom uit \w+|"
    r"\b\w+e nationaliteit\b|\bik ben (een )?\w+ uit \w+|"
    r"\bik ben (een )?\w+(aan|aans|aanse|ees|ese|isch|ische|iaan|iaans|ans|ns|nse)\b"
)
ZIN = re.compile(r"[.;!?\n]+")
DEEL = re.compile(r",|\b(maar|want|omdat|terwijl|dus|but)\b")


@lru_cache(maxsize=1)
def landen() -> Dict[str, Dict[str, Tuple[str, ...]]]:
    with open(Path(__file__).with_name("landen.yml"), encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return {groep: {soort: tuple(data[groep][soort]) for soort in ("landen", "mensen")} for groep in GROEPEN}


@lru_cache(maxsize=1)
def woorden() -> Dict[str, Tuple[str, ...]]:
    return {groep: lijsten["landen"] + lijsten["mensen"] for groep, lijsten in landen().items()}


def _tokens(tekst: str) -> List[str]:
    return re.findall(r"[a-z0-9]+(?:-[a-z]+)?", tekst)


def vermeldingen(tekst: str) -> List[Tuple[str, str, bool]]:
    """Every nationality named: (group, whose: 'eigen' | 'familie', said plainly)."""
    gevonden = []
    for zin in ZIN.split(normaliseer(tekst)):
        tokens = _tokens(zin.replace("-", " "))
        for groep, woord_lijst in woorden().items():
            for woord in woord_lijst:
                delen = woord.replace("-", " ").split()
                for i in range(len(tokens) - len(delen) + 1):
                    if tokens[i : i + len(delen)] != delen:
                        continue
                    if woord in landen()[groep]["landen"] and not LAND_HERKOMST & set(
                        tokens[max(0, i - 3) : i + len(delen) + 3]
                    ):
                        continue
                    eigenaar = _eigenaar(tokens, i, i + len(delen))
                    if eigenaar:
                        gevonden.append((groep, *eigenaar))
    return gevonden


def _eigenaar(tokens: List[str], begin: int, eind: int) -> Optional[Tuple[str, bool]]:
    """Whose nationality the words at tokens[begin:eind] are, or None when negated or about a language."""
    na = tokens[eind] if eind < len(tokens) else ""
    if na in DING or na in TAAL or na in ANDER_PERSOON or tuple(tokens[max(0, begin - 2) : begin]) == IN_DE_TAAL:
        return None
    if _ik_ben(tokens[max(0, begin - 3) : begin]):
        return "eigen", True  # "ik ben een Turkse man van 52": the person's own, whatever noun follows
    if na in FAMILIE and na not in ("hij", "zij", "ze", "met", "he", "she"):
        return "familie", True  # "mijn Duitse man"
    for j in range(begin - 1, max(-1, begin - 8), -1):
        woord = tokens[j]
        if woord in TAAL:
            return None
        if woord in ONTKENNING:
            return None
        if woord in ANDER_PERSOON:
            return None
        if woord in FAMILIE:
            return "familie", True
        if woord in ZELF:
            return "eigen", True
    return "eigen", len(tokens) <= 3  # "Turks", "Poolse nationaliteit": an answer about oneself


def _ik_ben(voor: List[str]) -> bool:
    """The words before a nationality say it is the speaker's: "ik ben (een)", "ben ik een", "I am (a)"."""
    zonder_lidwoord = voor[:-1] if voor[-1:] in (["een"], ["a"], ["an"]) else voor
    return zonder_lidwoord[-2:] in (["ik", "ben"], ["ben", "ik"], ["i", "am"]) or zonder_lidwoord[-1:] == ["im"]


def herkomst(tekst: str) -> Lezing:
    """turks, eu_eer_zwitserland, familie_turks, familie_eu or anders, with certainty; NIETS when none is named."""
    t = normaliseer(tekst)
    gevonden = [v for v in vermeldingen(t) if v[0] != "nederlands"]
    for groep, wie in (
        ("eu_eer_zwitserland", "eigen"),
        ("eu_eer_zwitserland", "familie"),
        ("turks", "eigen"),
        ("turks", "familie"),
    ):
        treffers = [v for v in gevonden if v[0] == groep and v[1] == wie]
        if treffers:
            waarde = groep if wie == "eigen" else ("familie_eu" if groep == "eu_eer_zwitserland" else "familie_turks")
            return gezegd(waarde, tekst) if treffers[0][2] else afgeleid(waarde, tekst)
    if BUITEN.search(t) or ANDERS.search(re.sub(r"[^\w\s]", " ", t)):
        return afgeleid("anders", tekst)
    return NIETS
