"""The reading package against a table written apart from it, from the page and the issue only (gevallen.yml).

Run as a script for the figures per kind: python -m tests.lezen.leestabel.test_gevallen
"""

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any, Dict, List

import yaml

from lezen.bericht import lees_antwoord
from lezen.feiten import jaren_lezing, leeftijd
from lezen.herkomst import herkomst
from lezen.situatie import gevaar, lees_situatie

TABEL = yaml.safe_load(Path(__file__).with_name("gevallen.yml").read_text(encoding="utf-8"))
VANDAAG = TABEL["vandaag"] if isinstance(TABEL["vandaag"], date) else date.fromisoformat(TABEL["vandaag"])
# Measured on this table: 219 of 522 before the reading package (commit 50c1f97), 456 after; a change that
# reads fewer cases right fails here. The misses left are mostly "no reading" (the assistant asks again).
GEMETEN = 456
ANTWOORD = {"ja": True, "nee": False, "onbekend": "onbekend", "onduidelijk": None}


def verschillen(geval: Dict[str, Any]) -> List[str]:
    """What the package read differently from the table, one line per key."""
    tekst, vraag, verwacht = geval["bericht"], geval.get("vraag"), geval["verwacht"]
    gelezen: Dict[str, Any] = {}
    if vraag:
        antwoord = lees_antwoord(tekst, vraag, VANDAAG)
        gelezen["antwoord"], gelezen["zekerheid"] = antwoord.waarde, antwoord.zekerheid
    situatie = lees_situatie(tekst)
    gelezen["route"] = situatie.waarde if isinstance(situatie.waarde, str) else None
    gelezen["kandidaten"] = sorted(situatie.waarde) if isinstance(situatie.waarde, list) else []
    gelezen["route_zekerheid"] = situatie.zekerheid
    gelezen["gevaar"] = "ja" if gevaar(tekst) else "nee"
    gelezen["herkomst"] = herkomst(tekst).waarde
    jaren = jaren_lezing(tekst, VANDAAG)
    gelezen["jaren"] = jaren.waarde if jaren.woorden == "vergunning" else None
    gelezen["jaren_zekerheid"] = jaren.zekerheid
    gelezen["leeftijd"] = leeftijd(tekst)
    fout = []
    for sleutel, waarde in verwacht.items():
        if sleutel == "antwoord" and not vraag:
            continue
        bedoeld = _bedoeld(sleutel, waarde)
        if sleutel == "zekerheid" and gelezen.get("antwoord") is None:
            continue  # certainty of an answer that was not read says nothing
        if gelezen.get(sleutel) != bedoeld:
            fout.append(f"{sleutel}: {gelezen.get(sleutel)!r} != {bedoeld!r}")
    return fout


def _bedoeld(sleutel: str, waarde: Any) -> Any:
    if sleutel == "antwoord":
        return ANTWOORD.get(waarde, waarde) if isinstance(waarde, str) else waarde
    if sleutel == "kandidaten":
        return sorted(waarde)
    if waarde == "geen" and sleutel in ("route", "herkomst", "jaren", "leeftijd"):
        return None
    return waarde


def uitslag() -> Dict[str, Counter]:
    per_soort: Dict[str, Counter] = {}
    for geval in TABEL["gevallen"]:
        teller = per_soort.setdefault(geval["soort"], Counter())
        teller["goed" if not verschillen(geval) else "fout"] += 1
    return per_soort


def test_het_leespakket_leest_de_tabel_zoals_bedoeld():
    per_soort = uitslag()
    goed = sum(t["goed"] for t in per_soort.values())
    totaal = sum(t["goed"] + t["fout"] for t in per_soort.values())
    assert totaal >= 400
    assert goed >= GEMETEN, f"{goed}/{totaal} gelezen zoals bedoeld"


if __name__ == "__main__":
    for geval in TABEL["gevallen"]:
        fout = verschillen(geval)
        if fout:
            print(f"{geval['id']}: {geval['bericht'][:70]!r} -> {'; '.join(fout)}")
    totaal_goed = totaal = 0
    for soort, teller in sorted(uitslag().items()):
        n = teller["goed"] + teller["fout"]
        totaal_goed, totaal = totaal_goed + teller["goed"], totaal + n
        print(f"{soort:12s} {teller['goed']:4d}/{n}")
    print(f"{'totaal':12s} {totaal_goed:4d}/{totaal}")
