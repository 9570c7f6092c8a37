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
from rasaserver.nlu.antwoordkeuze import AntwoordKeuze, beantwoord_na_twijfel, heeft_antwoord_nodig
from rasaserver.nlu.situatie import SituatieHerkenner
from rasaserver.nlu.stappen import VERVANGBAAR
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


def test_de_situatiestap_maakt_nooit_een_retrieval_intent_zonder_antwoord():
    """AntwoordKeuze runs before SituatieHerkenner: that step makes a retrieval intent only with the answer it chose
    by the words ("ik voldoe niet aan de voorwaarden, heb ik nog een kans?")."""
    intents = sorted(VERVANGBAAR - set(RETRIEVAL)) + ["route_huwelijk_relatie", "vraag_kosten", "affirm"]
    teksten = list(held_out_teksten())
    assert len(teksten) > 300
    for tekst in teksten:
        for intent in intents:
            uit = bericht(tekst, intent)
            SituatieHerkenner().process([uit])
            naam = uit.get("intent")["name"]
            if naam in RETRIEVAL:
                gekozen = uit.get("response_selector")["default"]["response"]
                assert gekozen["utter_action"] == f"utter_{gekozen['intent_response_key']}", (tekst, intent)
                assert gekozen["intent_response_key"].startswith(f"{naam}/"), (tekst, intent)


def twijfel(eerste, zekerheid_vraag, antwoord, zekerheid_antwoord):
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.5},
        {"name": eerste, "confidence": zekerheid_vraag},
        {"name": "out_of_scope", "confidence": 0.2},
    ]
    keuze = {"response": {"intent_response_key": antwoord, "confidence": zekerheid_antwoord}}
    return Message(
        data={
            "text": "hoe vraag ik het aan?",
            "intent": ranking[0],
            "intent_ranking": ranking,
            "response_selector": {"default": keuze},
        }
    )


@pytest.mark.parametrize(
    "eerste,zekerheid_vraag,antwoord,zekerheid_antwoord,intent",
    [
        ("faq", 0.28, "faq/indienen", 0.92, "faq"),  # both steps agree: the question after all
        ("begrip", 0.44, "begrip/v_nummer", 0.99, "begrip"),
        ("faq", 0.28, "faq/indienen", 0.70, "nlu_fallback"),  # the answer is not sure
        ("faq", 0.20, "faq/indienen", 0.99, "nlu_fallback"),  # the question is too weak
        ("contact_mens", 0.44, "faq/betalen", 0.98, "nlu_fallback"),  # the intent model's first choice is no question
        ("faq", 0.40, "begrip/mvv", 0.98, "nlu_fallback"),  # the two steps name different questions
    ],
)
def test_een_twijfel_wordt_de_vraag_als_beide_stappen_het_eens_zijn(
    eerste, zekerheid_vraag, antwoord, zekerheid_antwoord, intent
):
    uit = twijfel(eerste, zekerheid_vraag, antwoord, zekerheid_antwoord)
    beantwoord_na_twijfel(uit)
    assert uit.get("intent")["name"] == intent
    if intent != "nlu_fallback":
        assert "nlu_fallback" not in [r["name"] for r in uit.get("intent_ranking")]


def test_een_zeker_bericht_blijft_wat_het_was():
    uit = twijfel("faq", 0.28, "faq/indienen", 0.92)
    uit.set("intent", {"name": "greet", "confidence": 0.9})
    beantwoord_na_twijfel(uit)
    assert uit.get("intent")["name"] == "greet"
