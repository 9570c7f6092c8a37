"""rasaserver/nlu/antwoordkeuze.py: the response selector runs only for messages whose answer it chooses."""

import copy
from pathlib import Path

import pytest
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from actions.fallback import onderwerpen, suggesties
from rasaserver.nlu.antwoordkeuze import AntwoordKeuze, heeft_antwoord_nodig
from rasaserver.nlu.situatie import VERVANGBAAR, SituatieHerkenner
from tests.rasaserver.nlu.berichten import bericht as kenmerken_bericht
from tests.rasaserver.nlu.berichten import context

RETRIEVAL = ["faq", "begrip"]
ROOT = Path(__file__).resolve().parents[3]


def bericht(tekst, intent):
    return Message(data={"text": tekst, "intent": {"name": intent, "confidence": 0.7}})


@pytest.mark.parametrize(
    "tekst,intent,nodig",
    [
        ("welk formulier moet ik gebruiken?", "faq", True),
        ("wat betekent inburgering?", "begrip", True),
        ("blabla", "nlu_fallback", True),
        ("/faq", "affirm", True),
        ("ja", "affirm", False),
        ("7 jaar", "geef_aantal_jaren", False),
        ("mijn man is overleden", "route_overlijden_partner", False),
        ("wat kost het?", "vraag_kosten", False),
        ("", None, False),
    ],
)
def test_alleen_waar_het_antwoord_gebruikt_wordt(tekst, intent, nodig):
    assert heeft_antwoord_nodig(bericht(tekst, intent), RETRIEVAL) is nodig


ANTWOORDEN = ["faq/formulier", "faq/kosten_betalen", "begrip/mvv"]
RESPONSES = {f"utter_{a}": [{"text": f"Antwoord op {a}."}] for a in ANTWOORDEN}


def voorbeeld(nummer, antwoord):
    return kenmerken_bericht(nummer, intent=antwoord.split("/")[0], intent_response_key=antwoord)


@pytest.fixture
def getraind(tmp_path):
    voorbeelden = [voorbeeld(n, ANTWOORDEN[n % 3]) for n in range(60)]
    voorbeelden += [kenmerken_bericht(n, intent="greet") for n in range(60, 80)]  # not an answer: left out
    keuze = AntwoordKeuze.create(
        {**AntwoordKeuze.get_default_config(), "max_iter": 300},
        LocalModelStorage(tmp_path),
        Resource("antwoordkeuze"),
        context("antwoordkeuze"),
    )
    keuze.train(TrainingData(voorbeelden, responses=RESPONSES))
    return keuze


def test_kiest_alleen_voor_de_nodige_berichten(getraind):
    berichten = [
        kenmerken_bericht(1, tekst="ja", intent={"name": "affirm"}),
        kenmerken_bericht(2, tekst="wat is een mvv", intent={"name": "begrip"}),
        kenmerken_bericht(3, tekst="??", intent={"name": "nlu_fallback"}),
    ]
    assert getraind.process(berichten) is berichten
    assert [b.get("response_selector") is not None for b in berichten] == [False, True, True]


def test_de_keuze_staat_waar_rasa_en_onze_acties_hem_lezen(getraind):
    (uit,) = getraind.process([kenmerken_bericht(0, intent={"name": "faq"})])
    selector = uit.get("response_selector")
    assert selector["all_retrieval_intents"] == ["begrip", "faq"]
    gekozen = selector["default"]["response"]
    assert gekozen["intent_response_key"] == "faq/formulier"  # message 0 is a training example of faq/formulier
    assert gekozen["utter_action"] == "utter_faq/formulier"  # what Rasa's utter_faq action utters
    assert gekozen["responses"] == RESPONSES["utter_faq/formulier"]
    ranking = selector["default"]["ranking"]
    assert [r["intent_response_key"] for r in ranking][0] == "faq/formulier"
    assert sorted(r["intent_response_key"] for r in ranking) == sorted(ANTWOORDEN)
    assert gekozen["confidence"] == ranking[0]["confidence"] > 0.5
    fallback = {"intent_ranking": [{"name": "faq", "confidence": 0.4}], "response_selector": selector}
    assert suggesties(fallback)[0]["title"] == onderwerpen()["faq/formulier"]["titel"]


def test_opgeslagen_en_gelezen_kiest_hetzelfde(getraind, tmp_path):
    gelezen = AntwoordKeuze.load(getraind.config, LocalModelStorage(tmp_path), Resource("antwoordkeuze"), context("x"))
    nieuw = [kenmerken_bericht(n, intent={"name": "faq"}) for n in range(100, 110)]
    een = [b.get("response_selector") for b in getraind.process(copy.deepcopy(nieuw))]
    twee = [b.get("response_selector") for b in gelezen.process(nieuw)]
    assert een == twee


def held_out_teksten():
    for bestand in sorted((ROOT / "tests" / "nlu").glob("*.yml")):
        yield from (m.get("text") for m in load_data(str(bestand)).training_examples)


def test_de_situatiestap_maakt_nooit_een_retrieval_intent():
    """AntwoordKeuze runs before SituatieHerkenner: that step may only move a message away from faq/begrip."""
    intents = sorted(VERVANGBAAR - set(RETRIEVAL)) + ["route_huwelijk_relatie", "vraag_kosten", "affirm"]
    teksten = list(held_out_teksten())
    assert len(teksten) > 300
    for tekst in teksten:
        for intent in intents:
            uit = bericht(tekst, intent)
            SituatieHerkenner().process([uit])
            assert uit.get("intent")["name"] not in RETRIEVAL, (tekst, intent)
