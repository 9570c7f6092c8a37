"""The NLU step after the classifiers: situation words win over a glossary or fallback guess, never over an answer."""

import pytest
from rasa.shared.nlu.training_data.message import Message

from lezen.taal import is_engels
from rasaserver.nlu.situatie import SituatieHerkenner


def verwerk(tekst, intent, entiteiten=()):
    bericht = Message(data={"text": tekst, "intent": {"name": intent, "confidence": 0.6}, "entities": list(entiteiten)})
    SituatieHerkenner().process([bericht])
    return bericht.get("intent")["name"], [e["value"] for e in bericht.get("entities") if e["entity"] == "route"]


@pytest.mark.parametrize(
    "tekst,intent,verwacht",
    [
        (
            "Ik ben 15 en woon bij mijn stiefvader. Kan ik humanitair niet-tijdelijk krijgen?",
            "begrip",
            "route_kind_bij_ouder",
        ),
        ("mensenhandel zonder aangifte, humanitair niet-tijdelijk?", "begrip", "route_mensenhandel_geen_aangifte"),
        (
            "Mijn man is plotseling overleden. Ik ben 17 en heb de Turkse nationaliteit.",
            "uitzondering_nationaliteit",
            "route_overlijden_partner",
        ),
        (
            "mijn partner is dood, ik woon nu bij mijn familie in het buitenland",
            "route_kind_bij_ouder",
            "route_overlijden_partner",
        ),
        ("Kunt u alle voorwaarden noemen na een huwelijk?", "nlu_fallback", "route_huwelijk_relatie"),
        ("ik ben slachtoffer van mensenhandel", "route_mensenhandel_slachtoffer", "mensenhandel_onduidelijk"),
        ("er is iemand overleden", "nlu_fallback", "overlijden_onduidelijk"),
        (
            "wat betaal ik als slachtoffer van mensenhandel zonder aangifte",
            "route_mensenhandel_geen_aangifte",
            "vraag_kosten",
        ),
    ],
)
def test_situatie_wint(tekst, intent, verwacht):
    assert verwerk(tekst, intent)[0] == verwacht


@pytest.mark.parametrize(
    "tekst,intent",
    [
        ("wat betekent humanitair niet-tijdelijk?", "begrip"),
        ("ja, mijn man slaat me nog steeds", "affirm"),
        ("weet ik niet, hij is overleden", "weet_niet"),
        ("stop", "stop"),
        ("/route_huwelijk_relatie", "route_huwelijk_relatie"),
    ],
)
def test_betekenis_en_antwoorden_blijven(tekst, intent):
    assert verwerk(tekst, intent)[0] == intent


def test_vraag_over_een_situatie_krijgt_de_situatie_als_entiteit():
    intent, routes = verwerk(
        "welk aanvraagformulier na het overlijden van mijn vrouw",
        "faq",
        [{"entity": "route", "value": "overlijden van mijn vrouw"}],
    )
    assert (intent, routes) == ("faq", ["overlijden_partner"])


@pytest.mark.parametrize(
    "tekst,engels",
    [
        ("my husband died, can I stay?", True),
        ("What is the fee for a Turkish national?", True),
        ("ik ben gescheiden, what now", False),
        ("Wat kost de aanvraag?", False),
    ],
)
def test_engels_herkend(tekst, engels):
    assert is_engels(tekst) is engels
