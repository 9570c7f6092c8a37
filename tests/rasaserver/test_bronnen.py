"""Every factual answer names the section of the IND page it comes from, in the page's own heading."""

from pathlib import Path

import yaml
from rasa.shared.core.domain import Domain

import inhoud
from rasaserver.bronnen import VOORVOEGSEL, BronNLG, bronnen
from tests.conftest import PROJECT

BRON = PROJECT.parent / "shared" / "source"
INHOUD = inhoud.lees()


def koppen_van_de_pagina() -> set:
    tekst = "\n".join(p.read_text(encoding="utf-8") for p in Path(BRON).glob("*.txt"))
    return {regel.strip() for regel in tekst.splitlines() if regel.strip()}


def test_elke_kop_staat_op_de_pagina():
    """The start checks every heading against `koppen` in inhoud/bronnen.yml; this checks `koppen` against the page."""
    onbekend = set(INHOUD.koppen) - koppen_van_de_pagina()
    assert not onbekend, f"Deze koppen staan niet op de pagina: {sorted(onbekend)}"
    assert {k for lijst in INHOUD.bronnen.values() for k in lijst} <= set(INHOUD.koppen)


def test_elk_antwoord_heeft_een_bron_of_is_geen_feit(domain):
    met, zonder = set(INHOUD.bronnen), set(INHOUD.zonder_bron)
    assert not met & zonder, f"In beide lijsten: {sorted(met & zonder)}"
    ontbreekt = set(domain["responses"]) - met - zonder
    assert not ontbreekt, f"Zet deze antwoorden in inhoud/bronnen.yml of inhoud/faq.yml: {sorted(ontbreekt)}"
    assert not (met | zonder) - set(domain["responses"]), "inhoud/ noemt antwoorden die niet in domain.yml staan"


def test_de_bron_staat_als_laatste_regel_onder_het_antwoord():
    nlg = BronNLG(domain=Domain.load(str(PROJECT / "domain.yml")))
    antwoord = nlg.generate_from_slots("utter_faq/beslistermijn", {}, "rest")
    assert antwoord["text"].splitlines()[-1] == "Bron: ind.nl, Stappen in het aanvraagproces"
    kosten = nlg.generate_from_slots("utter_leges_turks", {}, "rest", bedrag=51)
    assert "€ 51" in kosten["text"] and kosten["text"].endswith(VOORVOEGSEL + "Kosten aanvraag")
    assert VOORVOEGSEL not in nlg.generate_from_slots("utter_welkom", {}, "rest")["text"]


def test_de_server_gebruikt_de_bronnen():
    for naam in ("endpoints.yml", "endpoints.productie.yml"):
        config = yaml.safe_load((PROJECT / naam).read_text(encoding="utf-8"))
        assert config["nlg"]["type"] == "rasaserver.bronnen.BronNLG", naam
    assert bronnen() == INHOUD.bronnen
    assert bronnen()["utter_faq/formulier"] == ("Aanvraagformulieren en kosten",)
