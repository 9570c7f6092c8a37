"""Numbers of years in an answer: '7', 'zeven jaar', '18 maanden', 'bijna 3', 'sinds 2020', '2, nee wacht, 7'.

A calendar year or date becomes a count from today and is only inferred; so is a hedged number or the
last number of a self-correction. Two different numbers without a correction are not read: the check
asks again. Plain Python.
"""

import re
from datetime import date
from typing import List, Optional, Tuple

from lezen.lezing import NIETS, Lezing, afgeleid, gezegd
from lezen.taal import GETALWOORDEN, JAREN, MAANDEN, normaliseer

MAAND_NAMEN = {
    m: i + 1
    for i, m in enumerate(
        "januari februari maart april mei juni juli augustus september oktober november december".split()
    )
}
MAAND_NAMEN.update({"jan": 1, "feb": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9})
MAAND_NAMEN.update({"okt": 10, "nov": 11, "dec": 12, "march": 3, "may": 5, "june": 6, "july": 7, "october": 10})
CORRECTIE = re.compile(
    r"\b(nee wacht|wacht|nee sorry|sorry|ik bedoel|bedoel ik|correctie|oh nee|of eigenlijk|eigenlijk|nee eh|eh nee|"
    r"ik vergis me|i mean|no wait)\b"
)
MINDER = ("bijna", "minder dan", "korter dan", "nog geen", "net geen", "niet eens", "almost", "less than")
VAGUE = re.compile(
    r"\b(ongeveer|ongeveer zo|rond de|rond|zo n|zon|circa|ca|plusminus|ruim|iets meer dan|meer dan|ik denk|denk ik|"
    r"geloof ik|volgens mij|misschien|een jaar of|about|around|roughly|ish|geleden)\b|zo'n"
)
GELDIGHEID = re.compile(r"\b(verloopt|verlopen|geldig|loopt af|nog \w+ jaar (geldig|over)|over \w+ jaar|expires?)\b")


def rond_correctie(t: str) -> Optional[Tuple[str, str]]:
    """(the words before the last self-correction, the words after it) in "2 jaar, nee wacht, 7"; None without one."""
    laatste = next(reversed(list(CORRECTIE.finditer(t))), None)
    return (t[: laatste.start()], t[laatste.end() :]) if laatste else None


def _getal(woord: str, volgend: str) -> Optional[float]:
    if woord[0].isdigit():
        return float(woord.replace(",", "."))
    if woord not in GETALWOORDEN:
        return None
    if woord in ("een", "geen", "half") and not (JAREN.match(volgend) or MAANDEN.match(volgend)):
        return None  # "een" and "geen" are only numbers right before a unit
    return float(GETALWOORDEN[woord])


def _kalenderjaren(woorden: List[str], vandaag: date) -> List[Tuple[int, int]]:
    """(index, whole years since) for each calendar year ('2020', 'maart 2022', '03-2021')."""
    gevonden = []
    for i, woord in enumerate(woorden):
        if not re.fullmatch(r"(19[5-9]\d|20\d\d)", woord) or int(woord) > vandaag.year:
            continue
        maand = MAAND_NAMEN.get(woorden[i - 1], 1 if i == 0 or not woorden[i - 1].isdigit() else 0) if i else 1
        if not maand and i and woorden[i - 1].isdigit() and 1 <= int(woorden[i - 1]) <= 12:
            maand = int(woorden[i - 1])
        maand = maand or 1
        dag = int(woorden[i - 2]) if i >= 2 and woorden[i - 2].isdigit() and MAAND_NAMEN.get(woorden[i - 1]) else 1
        jaren = vandaag.year - int(woord) - (1 if (vandaag.month, vandaag.day) < (maand, dag) else 0)
        gevonden.append((i, max(0, jaren)))
    return gevonden


def lees_jaren(tekst: str, vandaag: Optional[date] = None) -> Lezing:
    """The whole number of years an answer gives, with its certainty; NIETS when it gives none or two."""
    vandaag = vandaag or date.today()
    t = normaliseer(tekst).replace("een half", "half").replace("anderhalf", "1,5")
    t = re.sub(r"(\d)\s*-\s*(\d{4})", r"\1 \2", t)  # 03-2021
    t = re.sub(
        r"(\d|\b(?:een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|jaar|maanden))\s*,?\s+nee\b", r"\1 wacht", t
    )
    if re.fullmatch(r"(geen|nul|geen jaar|geen enkel jaar|none)[ .!]*", t):
        return gezegd(0, tekst)
    t = re.sub(r"\b(ik ben|ben ik|i am|im) \d{1,2}( jaar)?( oud)?\b|\b(sinds|vanaf) mijn \d{1,2}e?\b", " ", t)  # an age
    t = re.sub(r"(sinds|vanaf|in) '(\d\d)\b", r"\1 20\2", t)  # "sinds '19"
    t = re.sub(r"\b(sinds|vanaf) vorig jaar\b", f"sinds {vandaag.year - 1}", t)
    t = re.sub(r"\b(sinds|vanaf) dit jaar\b", f"sinds {vandaag.year}", t)
    t = re.sub(r"\b(\d{1,2}) jaar en \d{1,2} maanden\b", r"\1 jaar", t)
    delen = rond_correctie(t)
    if delen:  # "2 jaar, nee wacht, 7": the words after the last correction count
        lezing = lees_jaren(delen[1], vandaag)
        if lezing.gelezen:
            return afgeleid(lezing.waarde, tekst)
    woorden = re.findall(r"\d+(?:[.,]\d+)?|[a-z]+", t)
    kalender = _kalenderjaren(woorden, vandaag)
    if kalender:
        return afgeleid(kalender[-1][1], tekst) if len({k[1] for k in kalender}) == 1 else NIETS
    waarden = []
    for i, woord in enumerate(woorden):
        volgend = woorden[i + 1] if i + 1 < len(woorden) else ""
        waarde = _getal(woord, volgend)
        if waarde is None or re.fullmatch(r"\d{3,}", woord):
            continue
        if volgend == "oud" or (JAREN.match(volgend) and woorden[i + 2 : i + 3] == ["oud"]):
            continue  # an age
        if MAANDEN.match(volgend):
            waarde = waarde / 12
        voor = " ".join(woorden[max(0, i - 2) : i])
        if any(voor.endswith(m) for m in MINDER):
            waarde = waarde - 1 if waarde == int(waarde) else waarde
        waarden.append(max(0, int(waarde)))
    if len(set(waarden)) != 1:
        return NIETS
    if GELDIGHEID.search(t):
        return NIETS  # "mijn vergunning verloopt over 2 jaar" counts no years had
    zeker = not VAGUE.search(t) and not any(m in t for m in MINDER)
    return gezegd(waarden[0], tekst) if zeker else afgeleid(waarden[0], tekst)
