"""Facts a person tells in their own words before the check asks ("ik ben 17", "zij is Nederlandse").

A number becomes a fact only when its sentence says what it counts: an age is an age; years with a
residence permit are permit years; years of marriage, of abuse or of living here are only "mentioned",
and the check confirms them in one question. Plain Python, no Rasa import.
"""

import re
from dataclasses import dataclass
from datetime import date
from typing import Dict, List, Optional

from lezen.antwoorden import lees_ja_nee, schoon
from lezen.getallen import GELDIGHEID, lees_jaren, rond_correctie
from lezen.herkomst import herkomst as lees_herkomst
from lezen.lezing import NIETS, Lezing, afgeleid
from lezen.taal import GETALWOORDEN, JAREN, MAANDEN, normaliseer

SCHEIDING = re.compile(r"\s*(?:[,.;:!?()]|\b(?:en|maar|want|omdat|toen|terwijl|dus|and|but)\b)\s*")
VERGUNNING = re.compile(r"vergunning|verblijfspas|\bpas\b|\bpermit\b|\bvvr\b|\bstatus\b")
ANDERE_TELLING = re.compile(
    r"getrouwd|huwelijk|samen|relatie|married|mishandel|geweld|sla(at|an)|bedreig|uitgebuit|woon|wonen|"
    r"\bhier\b|\bin nederland\b|\bin nl\b|living|werk|ziek|behandeling|\boud\b|geleden"
)
BIJWOORD_VOOR_LEEFTIJD = {"net", "pas", "nog", "nu", "bijna", "inmiddels"}
NA_LEEFTIJD = {""} | set("en oud nu maar ik heb woon wil kan mag wat met mijn want dus".split())
PARTNER = r"\b(man|vrouw|partner|echtgeno\w*|ex|vriend|vriendin|husband|wife|hij|zij|ze|he|she|getrouwd|gehuwd|samen)\b"
OUDER = r"\b(vader|moeder|ouders?|stief\w*|pleeg\w*|adoptie\w*|papa|mama|father|mother|hij|zij|ze|he|she)\b"
NEDERLANDS = re.compile(r"\b(nederlanders?|nederlandse|dutch)\b|\b(is|was|zijn|waren) (een )?nederlands\b")
ONTKENNING = re.compile(r"\b(geen|niet|nooit|not|no)\b")
FAMILIE = re.compile(
    r"\b(mijn|m'n|mn) (man|vrouw|partner|echtgeno\w*|vader|moeder|ouders?|zoon|dochter|kind|broer|zus|familie\w*)\b"
    r"|\bfamilielid\b"
)
INBURGERING = re.compile(r"inburger|vrijgesteld|diploma|examen")


@dataclass(frozen=True)
class Getal:
    waarde: int
    zin: str  # the clause it stands in
    positie: int  # token index in the clause
    eenheid: str


EIGEN_LEEFTIJD = re.compile(
    r"^(ik )?ben (\d{1,2})( jaar)?( oud)?(?! (weken|maanden|dagen|uur))\b|\bik ben een (meisje|jongen|vrouw|man) van (\d{1,2})\b|"
    r"\bik \((\d{1,2})\)|\bleeftijd:? (\d{1,2})\b"
)
BIJNA_LEEFTIJD = re.compile(r"\bik (ben bijna |word (\w+ ){0,3}?)(\d{1,2})( jaar)?\b(?! (weken|maanden))")


def leeftijd(tekst: str) -> Optional[int]:
    """The person's own age: 'ik ben 17', 'ik ben 16 jaar oud', 'ik ben net 18', '15-jarige', 'ik word 18' (17)."""
    t = normaliseer(tekst)
    bijna = BIJNA_LEEFTIJD.search(t)
    if bijna:
        return int(bijna.group(3)) - 1
    eigen = EIGEN_LEEFTIJD.search(t)
    volgt = re.match(r"[ ,.!?]*(\w*)", t[eigen.end() :]).group(1) if eigen else ""
    if eigen and (" jaar" not in eigen.group(0) or volgt in ("", "oud", "en", "old")):
        return int(next(g for g in eigen.groups()[1:] if g and g.isdigit()))
    for getal in _getallen(tekst):
        if re.search(rf"\b{getal.waarde} (weken|maanden|dagen)\b", getal.zin):
            continue
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


def bijna_meerderjarig(tekst: str) -> bool:
    """'ik word volgende maand 18', 'ik ben bijna 18': under 18 now, perhaps not when the application is sent."""
    bijna = BIJNA_LEEFTIJD.search(normaliseer(tekst))
    return bool(bijna) and int(bijna.group(3)) == 18


def minderjarig(tekst: str) -> Optional[bool]:
    if re.search(r"\bmeerderjarig", schoon(tekst)):
        return False
    jaar = leeftijd(tekst)
    return None if jaar is None else jaar < 18


def jaren(tekst: str, vandaag: Optional[date] = None) -> Dict[str, int]:
    """{'vergunning': N} for years with a residence permit, else {'genoemd': N} for other years mentioned."""
    lezing = jaren_lezing(tekst, vandaag)
    return {lezing.woorden: lezing.waarde} if lezing.gelezen else {}


def jaren_lezing(tekst: str, vandaag: Optional[date] = None) -> Lezing:
    """Years in a free message: woorden 'vergunning' (years with a residence permit) or 'genoemd' (other years,
    or years whose kind is unclear); a calendar year, hedge or self-correction makes the reading inferred."""
    t = schoon_met_tekens(tekst)
    delen = rond_correctie(t)
    if delen:  # "2 jaar een vergunning, nee wacht, het is 7 jaar": the later number, the earlier kind
        na = lees_jaren(delen[1], vandaag)
        voor = jaren_lezing(delen[0], vandaag)
        if na.gelezen:
            return afgeleid(na.waarde, voor.woorden or "genoemd")
    age = leeftijd(tekst)
    gevonden = []
    for zin in _zinnen(tekst):
        schone_zin = schoon(zin)
        if GELDIGHEID.search(schone_zin):
            continue  # "mijn vergunning verloopt over 2 jaar" counts no years had
        heeft_jaren = any(g.eenheid in ("jaar", "maand") and g.waarde != age for g in _getallen(zin))
        if not heeft_jaren and not KALENDERJAAR.search(schone_zin):
            continue
        lezing = lees_jaren(schone_zin if heeft_jaren else zin, vandaag)
        if lezing.gelezen:
            gevonden.append(Lezing(lezing.waarde, lezing.zekerheid, _soort_jaren(schone_zin)))
    # "we zijn 10 jaar samen en ik heb 7 jaar een vergunning bij hem": the permit's years count
    return next((g for g in gevonden if g.woorden == "vergunning"), gevonden[0] if gevonden else NIETS)


def _soort_jaren(zin: str) -> str:
    """'vergunning' when the clause counts years with a permit; what follows "vergunning" only says which permit."""
    m = VERGUNNING.search(zin)
    return "vergunning" if m and not ANDERE_TELLING.search(zin[: m.start()]) else "genoemd"


KALENDERJAAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


def nederlands_familielid(tekst: str, wie: str) -> Optional[bool]:
    """Whether the partner ('partner') or parent ('ouder') is Dutch or has a permit for a non-temporary purpose;
    None when not said, or only half said ("hij is geen Nederlander" leaves the permit open)."""
    onderwerp = PARTNER if wie == "partner" else OUDER
    delen = rond_correctie(normaliseer(tekst))
    if delen:  # "hij is Nederlander, nee wacht, ...": what follows the correction counts
        return nederlands_familielid(delen[1], wie)
    zinnen = _zinnen(tekst)
    for i, zin in enumerate(zinnen):
        m = NEDERLANDS.search(zin)
        if not m or not re.search(onderwerp, zin) or re.search(r"\b(ik ben|ben ik)( een)? $", zin[: m.start()]):
            continue
        if not ONTKENNING.search(zin[: m.start()]):
            return True
        vervolg = " ".join(zinnen[i + 1 : i + 2])
        return True if re.search(VAST, vervolg) and not ONTKENNING.search(vervolg) else None
    return True if re.search(onderwerp, schoon(tekst)) and re.search(VAST, schoon(tekst)) else None


VAST = (
    r"(vaste|permanente|onbepaalde tijd|niet tijdelijk|niet-tijdelijk) (\w+ )?(vergunning|verblijfsvergunning|verblijf)|"
    r"(vergunning|verblijfsvergunning) (\w+ ){0,2}(onbepaalde tijd|niet tijdelijk|permanent)"
)


def inburgering(tekst: str) -> Optional[bool]:
    """The inburgering condition (diploma or exemption) as told in a free message; None when not said."""
    zinnen = [schoon(z) for z in re.split(r"[.;!?]", normaliseer(tekst)) if INBURGERING.search(schoon(z))]
    for zin in zinnen:
        lezing = lees_ja_nee(zin, "inburgering_behaald_of_vrijgesteld")
        if lezing.waarde in (True, False):
            return lezing.waarde
    return None


def herkomst(tekst: str) -> Optional[str]:
    """'turks', 'eu_eer_zwitserland', 'anders' (own nationality), 'familie_turks' or 'familie_eu' (a family
    member's); None when none is named (see lezen.herkomst)."""
    return lees_herkomst(tekst).waarde


def _zinnen(tekst: str) -> List[str]:
    return [z for z in SCHEIDING.split(schoon_met_tekens(tekst)) if z and z.strip()]


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


def feiten_voor_route(vragen: List[str], tekst: str) -> Dict[str, object]:
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
        "herkomst_groep": lambda: herkomst(tekst),
        "partner_nederlander_of_niet_tijdelijk": lambda: nederlands_familielid(tekst, "partner"),
        "ouder_nederlander_of_niet_tijdelijk": lambda: nederlands_familielid(tekst, "ouder"),
        "inburgering_behaald_of_vrijgesteld": lambda: inburgering(tekst),
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
