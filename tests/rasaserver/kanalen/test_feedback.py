"""The widget's rating of an answer (rasaserver/kanalen/feedback.py): checked, masked, stored only for a real answer."""

from types import SimpleNamespace

import pytest
from rasa.core.lock_store import InMemoryLockStore
from rasa.shared.core.events import BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasaserver.kanalen.feedback import MAX_OPMERKING, OngeldigeFeedback, bewaar, is_gezegd, lees

ANTWOORD = "De aanvraag kost € 210.\n\nMeer op ind.nl."


class Verwerker:
    def __init__(self, tracker: DialogueStateTracker) -> None:
        self.tracker = tracker
        self.bewaard = []

    async def get_tracker(self, sessie_id: str) -> DialogueStateTracker:
        return self.tracker

    async def save_tracker(self, tracker: DialogueStateTracker) -> None:
        self.bewaard.append(list(tracker.events))

    async def retrieve(self, sessie_id: str) -> DialogueStateTracker:  # as the tracker store: the whole session
        return self.tracker


def agent_met(*events):
    tracker = DialogueStateTracker.from_events("s1", list(events))
    verwerker = Verwerker(tracker)
    return SimpleNamespace(lock_store=InMemoryLockStore(), processor=verwerker, tracker_store=verwerker)


def test_goed_en_slecht_worden_gelezen_en_de_opmerking_gemaskeerd():
    assert lees({"oordeel": "goed", "antwoord": " Antwoord "}) == {
        "oordeel": "goed",
        "antwoord": "Antwoord",
        "opmerking": "",
    }
    waarde = lees({"oordeel": "slecht", "antwoord": "A", "opmerking": "Mijn V-nummer is 1234567890\n"})
    assert waarde["opmerking"] == "Mijn V-nummer is [***]"


@pytest.mark.parametrize(
    "data",
    [
        None,
        "goed",
        [],
        {"oordeel": "prima", "antwoord": "A"},
        {"oordeel": "goed"},
        {"oordeel": "goed", "antwoord": ""},
        {"oordeel": "goed", "antwoord": 12},
        {"oordeel": "goed", "antwoord": "A" * 5001},
        {"oordeel": "slecht", "antwoord": "A", "opmerking": "x" * (MAX_OPMERKING + 1)},
        {"oordeel": "slecht", "antwoord": "A", "opmerking": {"html": "<b>"}},
    ],
)
def test_rommel_wordt_geweigerd(data):
    with pytest.raises(OngeldigeFeedback):
        lees(data)


def test_alleen_een_gegeven_antwoord_telt():
    events = [UserUttered("Wat kost het?"), BotUttered(ANTWOORD), BotUttered("Kan ik u nog helpen?")]
    assert is_gezegd(ANTWOORD, events)
    assert is_gezegd("Meer op ind.nl.\n\nKan ik u nog helpen?", events)  # one answer of several bubbles
    assert not is_gezegd("Iets wat de assistent nooit zei.", events)
    assert not is_gezegd("Wat kost het?", events)


async def test_bewaar_voegt_een_slotset_toe():
    agent = agent_met(UserUttered("Wat kost het?"), BotUttered(ANTWOORD))
    fout = await bewaar(agent, "s1", {"oordeel": "slecht", "antwoord": ANTWOORD, "opmerking": "De termijn"})
    assert fout is None
    laatste = agent.processor.bewaard[-1][-1]
    assert laatste == SlotSet("feedback", {"oordeel": "slecht", "antwoord": ANTWOORD, "opmerking": "De termijn"})


async def test_bewaar_weigert_een_verzonnen_antwoord():
    agent = agent_met(BotUttered(ANTWOORD))
    assert await bewaar(agent, "s1", {"oordeel": "goed", "antwoord": "Verzonnen"})
    assert await bewaar(agent, "s1", {"oordeel": "heel goed", "antwoord": ANTWOORD})
    assert agent.processor.bewaard == []
