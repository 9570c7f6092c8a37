"""Facts a person tells in their own words before the check asks ("ik ben 17", "zij is Nederlandse").

A number becomes a fact only when its sentence says what it counts: an age is an age; years with a
residence permit are permit years; years of marriage, of abuse or of living here are only "mentioned",
and the check confirms them in one question. Plain Python, no Rasa import.
"""

import re
from dataclasses import dataclass
from typing import Dict, List, Optional

from lezen.antwoorden import schoon
from lezen.taal import GETALWOORDEN, JAREN, MAANDEN, normaliseer

SCHEIDING = re.compile(r"\s*(?:[,.;:!?()]|\b(?:en|maar|want|omdat|toen|terwijl|dus|and|but)\b)\s*")
SCHEIDING_ZIN = re.compile(r"\s*[.;!?]\s*")
VERGUNNING = re.compile(r"vergunning|verblijfspas|\bpas\b|\bpermit\b|\bvvr\b|\bstatus\b")
ANDERE_TELLING = re.compile(
    r"getrouwd|huwelijk|samen|relatie|married|mishandel|geweld|sla(at|an)|bedreig|uitgebuit|woon|wonen|"
    r"\bhier\b|\bin nederland\b|\bin nl\b|living|werk|ziek|behandeling|\boud\b|geleden"
)
BIJWOORD_VOOR_LEEFTIJD = {"net", "pas", "nog", "nu", "bijna", "inmiddels"}
NA_LEEFTIJD = {""} | set("en oud nu maar ik heb woon wil kan mag wat met mijn want dus".split())
PARTNER = r"\b(man|vrouw|partner|echtgeno\w*|ex|vriend|vriendin|husband|wife|hij|zij|ze|getrouwd|gehuwd|samen)\b"
OUDER = r"\b(vader|moeder|ouders?|stief\w*|pleeg\w*|adoptie\w*|papa|mama|father|mother|hij|zij|ze)\b"
NEDERLANDS = re.compile(r"\b(nederlanders?|nederlandse|dutch)\b|\b(is|was|zijn|waren) (een )?nederlands\b")
ONTKENNING = re.compile(r"\b(geen|niet|nooit|not|no)\b")
ZELF = re.compile(r"\b(ik ben|ben ik|ik heb|ik kom|kom ik|mijn nationaliteit|i am|im|i m|ik bezit)\b")
FAMILIE = re.compile(
    r"\b(mijn|m'n|mn) (man|vrouw|partner|echtgeno\w*|vader|moeder|ouders?|zoon|dochter|kind|broer|zus|familie\w*)\b"
    r"|\bfamilielid\b"
)
BUITENLAND = re.compile(
    r"\b(woon|woont|wonen|verblijf|zit|ben)\b(\s\w+){0,6}\s(in het buitenland|buiten nederland|niet meer in nederland)"
    r"|\b(verhuisd|vertrokken|teruggegaan|teruggekeerd) naar\b"
)
INBURGERING = re.compile(r"inburgering|ingeburgerd|vrijgesteld")
INBURGERING_NIET = re.compile(r"\b(geen|niet|nog niet|gezakt|nooit)\b")


@dataclass(frozen=True)
class Getal:
    waarde: int
    zin: str  # the clause it stands in
    positie: int  # token index in the clause
    eenheid: str


def leeftijd(tekst: str) -> Optional[int]:
    """The person's own age: 'ik ben 17', 'ik ben 16 jaar oud', 'ik ben net 18', '15-jarige'."""
    for getal in _getallen(tekst):
        if FAMILIE.search(getal.zin) and not re.search(r"\b(ik|i)\b", getal.zin):
            continue
        woorden = getal.zin.split()
        voor = [w for w in woorden[: getal.positie] if w not in BIJWOORD_VOOR_LEEFTIJD]
        stap = 2 if getal.eenheid else 1
        na = woorden[getal.positie + stap] if getal.positie + stap < len(woorden) else ""
        if getal.eenheid == "jarig" or na == "oud" or (getal.eenheid == "jaar" and na == "old"):
            return getal.waarde
        zelf = voor[-2:] in (["ik", "ben"], ["i", "am"]) or voor[-1:] == ["im"]
        if zelf:
            if not getal.eenheid or (getal.eenheid == "jaar" and na in NA_LEEFTIJD):
                return getal.waarde
    if re.search(r"\bminderjarig", schoon(tekst)):
        return 17
    return None


def minderjarig(tekst: str) -> Optional[bool]:
    if re.search(r"\bmeerderjarig", schoon(tekst)):
        return False
    jaar = leeftijd(tekst)
    return None if jaar is None else jaar < 18


def jaren(tekst: str) -> Dict[str, int]:
    """{'vergunning': N} for years with a residence permit, else {'genoemd': N} for other years mentioned."""
    age = leeftijd(tekst)
    for getal in _getallen(tekst):
        if getal.eenheid not in ("jaar", "maand") or (getal.waarde == age and _is_leeftijd_zin(getal)):
            continue
        if VERGUNNING.search(getal.zin) and not ANDERE_TELLING.search(getal.zin):
            return {"vergunning": getal.waarde}
        return {"genoemd": getal.waarde}
    return {}


def nederlands_familielid(tekst: str, wie: str) -> Optional[bool]:
    """Whether the partner ('partner') or parent ('ouder') is said to be Dutch; None when not said."""
    onderwerp = PARTNER if wie == "partner" else OUDER
    for zin in _zinnen(tekst):
        m = NEDERLANDS.search(zin)
        if not m or not re.search(onderwerp, zin) or re.search(r"\b(ik ben|ben ik)( een)? $", zin[: m.start()]):
            continue
        return not ONTKENNING.search(zin[: m.start()])
    return None


def inburgering(tekst: str) -> Optional[bool]:
    for zin in _zinnen(tekst):
        m = INBURGERING.search(zin)
        if m:
            return not INBURGERING_NIET.search(zin)
    return None


def hoofdverblijf_buitenland(tekst: str) -> Optional[bool]:
    return True if BUITENLAND.search(schoon(tekst)) else None


def herkomst(tekst: str, entiteiten: List[dict]) -> Optional[str]:
    """'turks', 'eu_eer_zwitserland', 'anders' (own nationality), 'familie_turks' or 'familie_eu' (a family
    member's), from the herkomst entities and the words around them; None when not said whose it is."""
    t = tekst or ""
    for entiteit in entiteiten:
        if entiteit.get("entity") != "herkomst" or str(entiteit.get("value")) == "nederlands":
            continue
        start = entiteit.get("start") if isinstance(entiteit.get("start"), int) else 0
        zin = _zin_rond(t, start)
        groep = str(entiteit.get("value"))
        groep = groep if groep in ("turks", "eu_eer_zwitserland") else "anders"
        eigen_woord = schoon(t[start : entiteit.get("end") or start])
        if not ZELF.search(zin) and not FAMILIE.search(zin) and zin != eigen_woord:
            zin = _zin_rond(t, start, SCHEIDING_ZIN)  # "mijn man heeft een Nederlands en een Duits paspoort"
        if (ZELF.search(zin) and not FAMILIE.search(zin)) or zin == eigen_woord:
            return groep
        if FAMILIE.search(zin) and groep != "anders":
            return "familie_turks" if groep == "turks" else "familie_eu"
    return None


def _is_leeftijd_zin(getal: Getal) -> bool:
    return bool(re.search(r"\b(ik ben|i am|im)\b", getal.zin))


def _zinnen(tekst: str) -> List[str]:
    return [z for z in SCHEIDING.split(schoon_met_tekens(tekst)) if z and z.strip()]


def _zin_rond(tekst: str, positie: int, scheiding: re.Pattern = SCHEIDING) -> str:
    """The clause of the original text around a character position (an entity's start), cleaned."""
    begin, eind = 0, len(tekst)
    for m in re.finditer(scheiding.pattern, tekst, re.IGNORECASE):
        if m.end() <= positie:
            begin = m.end()
        elif m.start() > positie:
            eind = m.start()
            break
    return schoon(tekst[begin:eind])


def schoon_met_tekens(tekst: str) -> str:
    """Like schoon(), but punctuation stays so clauses can be split."""
    return re.sub(r"(\d)-(jarig)", r"\1 \2", normaliseer(tekst))


def _getallen(tekst: str) -> List[Getal]:
    gevonden = []
    for zin_ruw in _zinnen(tekst):
        zin = schoon(zin_ruw)
        woorden = zin.split()
        for i, woord in enumerate(woorden):
            volgend = woorden[i + 1] if i + 1 < len(woorden) else ""
            waarde = _getal(woord, volgend)
            if waarde is None:
                continue
            eenheid = "jaar" if JAREN.match(volgend) or volgend == "years" else ""
            eenheid = "maand" if MAANDEN.match(volgend) else eenheid
            eenheid = "jarig" if volgend.startswith("jarig") else eenheid
            jaren_waarde = int(waarde / 12) if eenheid == "maand" else int(waarde)
            gevonden.append(Getal(jaren_waarde, zin, i, eenheid))
    return gevonden


def _getal(woord: str, volgend: str) -> Optional[float]:
    if woord.isdigit():
        return float(woord) if len(woord) <= 2 else None
    if woord not in GETALWOORDEN or woord in ("half",):
        return None
    if woord in ("een", "geen") and not (JAREN.match(volgend) or MAANDEN.match(volgend)):
        return None
    return float(GETALWOORDEN[woord])


def feiten_voor_route(vragen: List[str], tekst: str, entiteiten: List[dict]) -> Dict[str, object]:
    """The slots a message fills for a route whose check asks `vragen` (slot names, see controle.py)."""
    gevonden: Dict[str, object] = {}
    jaren_feit = next((f for f in vragen if f.startswith("jaren_vergunning")), None)
    genoemd = jaren(tekst)
    if jaren_feit and "vergunning" in genoemd:
        gevonden[jaren_feit] = genoemd["vergunning"]
    elif jaren_feit and "genoemd" in genoemd:
        gevonden["jaren_genoemd"] = genoemd["genoemd"]
    lezers = {
        "minderjarig": lambda: minderjarig(tekst),
        "herkomst_groep": lambda: herkomst(tekst, entiteiten),
        "partner_nederlander_of_niet_tijdelijk": lambda: nederlands_familielid(tekst, "partner"),
        "ouder_nederlander_of_niet_tijdelijk": lambda: nederlands_familielid(tekst, "ouder"),
        "inburgering_behaald_of_vrijgesteld": lambda: inburgering(tekst),
        "hoofdverblijf_buiten_nederland": lambda: hoofdverblijf_buitenland(tekst),
    }
    for feit, lees in lezers.items():
        if feit in vragen or feit == "minderjarig":
            waarde = lees()
            if waarde is not None:
                gevonden[feit] = waarde
    return gevonden


ANDERE_NATIONALITEIT = re.compile(
    r"\bnationaliteit\b|\bpaspoort\b|\bik kom uit \w+|\bik ben (een )?\w+(aan|aans|aanse|ees|ese|isch|ische|iaan|iaans|ans|ns|nse)\b"
)


def andere_nationaliteit(tekst: str) -> bool:
    """A nationality was named that is not in the lists that change the rules ('ik ben Afghaan')."""
    return bool(ANDERE_NATIONALITEIT.search(schoon(tekst)))
