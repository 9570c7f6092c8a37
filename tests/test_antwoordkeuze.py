"""nlu/antwoordkeuze.py: the response selector runs only for messages whose answer it chooses."""

from pathlib import Path

import pytest
from rasa.nlu.selectors.response_selector import ResponseSelector
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message

from nlu.antwoordkeuze import AntwoordKeuze, heeft_antwoord_nodig
from nlu.situatie import VERVANGBAAR, SituatieHerkenner

RETRIEVAL = ["faq", "begrip"]
ROOT = Path(__file__).resolve().parents[1]


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


def test_process_kiest_alleen_voor_de_nodige_berichten(monkeypatch):
    gekozen = []
    monkeypatch.setattr(ResponseSelector, "process", lambda self, berichten: gekozen.extend(berichten) or berichten)
    keuze = AntwoordKeuze.__new__(AntwoordKeuze)
    keuze.all_retrieval_intents = RETRIEVAL
    berichten = [bericht("ja", "affirm"), bericht("wat is leges", "begrip"), bericht("??", "nlu_fallback")]
    assert keuze.process(berichten) is berichten
    assert [b.get("text") for b in gekozen] == ["wat is leges", "??"]


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
