"""The passage table (tests/passages.yml): every heading and passage of the IND page has responses that carry it
and questions that must reach it. The running assistant is asked in tests/e2e/test_passages_bereikt.py."""

import re
from pathlib import Path

import pytest
import yaml

from actions.eligibility import laad_kennis
from actions.leges import leges_bedragen
from actions.routes import opsomming
from tests.conftest import PROJECT

TABEL = yaml.safe_load((PROJECT / "tests" / "passages.yml").read_text(encoding="utf-8"))
PAGINA = PROJECT.parent / "shared" / "source" / TABEL["bron"]
MIN_VRAGEN = 3
EIGEN_SITUATIE = re.compile(r"\b(ik|mijn|me|mij|we|wij|ons|onze)\b", re.IGNORECASE)

pytestmark = pytest.mark.skipif(not PAGINA.exists(), reason="../shared/source is not beside this checkout")


def plat(tekst: str) -> str:
    return re.sub(r"\s+", " ", tekst).strip()


def klein(tekst: str) -> str:
    return plat(tekst).lower()


def regels_van_de_pagina() -> list:
    """(heading above it, line) for every line of the page; a heading is its own line with itself as heading."""
    koppen, navigatie = set(TABEL["koppen"]), set(TABEL["navigatie"])
    kop, regels = None, []
    for ruw in PAGINA.read_text(encoding="utf-8").splitlines():
        regel = plat(ruw.strip().lstrip("•"))
        if not regel or regel in navigatie:
            continue
        if regel in koppen:
            kop = regel
        regels.append((kop, regel))
    return regels


def zinnen(regel: str) -> list:
    return [z for z in re.split(r"(?<=[.?!])\s+", regel) if z]


def vragen(passage: dict) -> list:
    return list(passage.get("vragen") or []) + list(passage.get("met_situatie") or [])


def naam(passage: dict) -> str:
    return f"{passage['kop']}: {plat(passage['tekst'])[:60]}"


def ingevuld(domain: dict, response: str, passage: dict) -> str:
    """The response's text with what the code fills in: the fees of leges.yml, the conditions of the passage's route."""
    tekst = "\n".join(v.get("text") or "" for v in domain["responses"][response])
    waarden = {k: str(v) for k, v in leges_bedragen().items()}
    route = laad_kennis().routes.get(passage.get("route") or "")
    if route:
        waarden["voorwaarden"] = opsomming([v.zin for v in route.voorwaarden])
        waarden["titel"] = route.titel
        if route.discretionair:
            waarden["vervangen"] = opsomming(
                [v.zin for v in route.voorwaarden if v.feit in route.discretionair.vervangt]
            )
            waarden["uitleg"] = opsomming([route.discretionair.zin])
    return re.sub(r"\{([a-z_]+)\}", lambda m: waarden.get(m.group(1), m.group(0)), tekst)


def test_elke_regel_van_de_pagina_staat_in_de_tabel():
    """Each heading is a heading of the table; each sentence of every other line is in a passage under that heading."""
    per_kop = {}
    for passage in TABEL["passages"]:
        per_kop.setdefault(passage["kop"], []).append(plat(passage["tekst"]))
    zonder_feit = {plat(r) for r in TABEL["zonder_feit"]}
    ontbreekt = []
    for kop, regel in regels_van_de_pagina():
        if regel == kop or regel in zonder_feit:
            continue
        for zin in zinnen(regel):
            if not any(zin in tekst for tekst in per_kop.get(kop, [])):
                ontbreekt.append(f"{kop}: {zin}")
    assert not ontbreekt, "Deze zinnen van de pagina hebben geen passage in tests/passages.yml:\n" + "\n".join(
        ontbreekt
    )


def test_de_tabel_citeert_de_pagina():
    regels = regels_van_de_pagina()
    koppen_op_de_pagina = {regel for kop, regel in regels if regel == kop}
    assert set(TABEL["koppen"]) == koppen_op_de_pagina, "koppen die niet op de pagina staan (of ontbreken)"
    onder = {}
    for kop, regel in regels:
        onder.setdefault(kop, []).append(regel)
    fout = [naam(p) for p in TABEL["passages"] if plat(p["tekst"]) not in " ".join(onder.get(p["kop"], []))]
    fout += [r for r in TABEL["zonder_feit"] if plat(r) not in {regel for _, regel in regels}]
    assert not fout, "Niet (onder deze kop) op de pagina:\n" + "\n".join(fout)


def test_koppen_en_passages_noemen_bestaande_antwoorden(domain):
    genoemd = [(kop, r) for kop, antwoorden in TABEL["koppen"].items() for r in antwoorden]
    genoemd += [(naam(p), r) for p in TABEL["passages"] for r in p["antwoorden"]]
    onbekend = [f"{waar}: {r}" for waar, r in genoemd if r not in domain["responses"]]
    assert not onbekend, "Deze antwoorden staan niet in domain.yml:\n" + "\n".join(onbekend)
    leeg = [kop for kop, antwoorden in TABEL["koppen"].items() if not antwoorden]
    leeg += [naam(p) for p in TABEL["passages"] if not p["antwoorden"]]
    assert not leeg, f"Zonder antwoord: {leeg}"


def test_routes_bestaan():
    onbekend = [naam(p) for p in TABEL["passages"] if p.get("route") and p["route"] not in laad_kennis().routes]
    assert not onbekend, onbekend


@pytest.mark.parametrize("passage", TABEL["passages"], ids=naam)
def test_genoeg_vragen_met_een_situatie(passage):
    alle = vragen(passage)
    assert len(alle) >= MIN_VRAGEN, f"minder dan {MIN_VRAGEN} vragen"
    assert len({klein(v) for v in alle}) == len(alle), "dezelfde vraag twee keer"
    assert passage.get("met_situatie"), "geen vraag met de situatie van een persoon"
    zonder = [v for v in passage["met_situatie"] if not EIGEN_SITUATIE.search(v)]
    assert not zonder, f"vertelt geen eigen situatie (ik, mijn, we ...): {zonder}"


@pytest.mark.parametrize("passage", TABEL["passages"], ids=naam)
def test_de_antwoorden_dragen_de_kernwoorden(domain, passage):
    """One named response carries all key words; every named response carries at least one."""
    kernwoorden = [klein(str(w)) for w in passage["kernwoorden"]]
    assert kernwoorden, "geen kernwoorden"
    bestaand = [r for r in passage["antwoorden"] if r in domain["responses"]]
    teksten = {r: klein(ingevuld(domain, r, passage)) for r in bestaand}
    assert any(all(w in t for w in kernwoorden) for t in teksten.values()), (
        f"geen antwoord met alle kernwoorden {kernwoorden}"
    )
    los = [r for r, t in teksten.items() if not any(w in t for w in kernwoorden)]
    assert not los, f"deze antwoorden dragen geen kernwoord {kernwoorden}: {los}"
    pagina = klein(PAGINA.read_text(encoding="utf-8"))
    niet_van_de_pagina = [w for w in kernwoorden if w not in pagina]
    assert not niet_van_de_pagina, f"kernwoorden die niet op de pagina staan: {niet_van_de_pagina}"


def test_vragen_zijn_geen_trainingsvoorbeelden():
    voorbeelden = set()
    for pad in Path(PROJECT / "data" / "nlu").glob("*.yml"):
        for blok in yaml.safe_load(pad.read_text(encoding="utf-8")).get("nlu") or []:
            for regel in (blok.get("examples") or "").splitlines():
                voorbeelden.add(klein(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", regel.lstrip(" -"))))
    gekopieerd = [v for p in TABEL["passages"] for v in vragen(p) if klein(v) in voorbeelden]
    assert not gekopieerd, f"Letterlijk uit data/nlu: {gekopieerd}"
