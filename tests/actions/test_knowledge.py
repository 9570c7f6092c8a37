"""The knowledge files are checked at load time, and every sentence the assistant shows comes from the page."""

import re
from pathlib import Path

import pytest
import yaml

from actions.eligibility import KnowledgeError, knowledge

SOURCE = Path(__file__).resolve().parents[3] / "shared" / "source" / "000_784077e16494d8c9.txt"
ROUTES = [
    "huwelijk_relatie",
    "overlijden_partner",
    "kind_bij_ouder",
    "overlijden_ouder",
    "mensenhandel_geen_aangifte",
    "huiselijk_geweld",
    "mensenhandel_slachtoffer",
    "mensenhandel_getuige",
    "medische_behandeling",
    "buiten_schuld",
]


def _plain(text):
    return re.sub(r"\s+", " ", text).strip()


def test_all_ten_routes_are_known():
    assert list(knowledge.laad_kennis().routes) == ROUTES


@pytest.mark.skipif(not SOURCE.exists(), reason="../shared/source is not beside this checkout")
def test_every_condition_quotes_the_page():
    page = _plain(SOURCE.read_text(encoding="utf-8"))
    for route in knowledge.laad_kennis().routes.values():
        passages = [v.bron for v in route.voorwaarden]
        if route.discretionair:
            passages.append(route.discretionair.bron)
        for passage in passages:
            for sentence in re.split(r"(?<=[.?])\s+", _plain(passage)):
                assert sentence.strip('"') in page, f"{route.naam}: not on the page: {sentence}"


@pytest.mark.skipif(not SOURCE.exists(), reason="../shared/source is not beside this checkout")
def test_fee_amounts_are_on_the_page():
    page = SOURCE.read_text(encoding="utf-8")
    for periode in knowledge.laad_kennis().leges:
        amounts = [periode.turkse_nationaliteit] + [b for c in periode.categorieen.values() for b in c.values()]
        for amount in amounts:
            assert f"€ {amount}" in page


@pytest.fixture
def broken_routes(knowledge_copy):
    return knowledge_copy / "routes.yml"


def _edit(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data["routes"])
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


EDITS = [
    ("unknown fact", lambda r: r["buiten_schuld"]["voorwaarden"][0].update(feit="jaren_vergunnig"), "onbekend feit"),
    ("wrong rule for type", lambda r: r["buiten_schuld"]["voorwaarden"][1].update(eis={"minimaal": 1}), "past niet"),
    ("unknown fee category", lambda r: r["buiten_schuld"].update(leges="gratis"), "legescategorie"),
    ("no source passage", lambda r: r["buiten_schuld"]["voorwaarden"][0].pop("bron"), "bron"),
]


@pytest.mark.parametrize("change,message", [e[1:] for e in EDITS], ids=[e[0] for e in EDITS])
def test_wrong_knowledge_is_a_clear_error_at_load(broken_routes, change, message):
    _edit(broken_routes, change)
    with pytest.raises(KnowledgeError, match=message):
        knowledge.laad_kennis()
