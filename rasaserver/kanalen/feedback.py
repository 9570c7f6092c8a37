"""The widget's "Was dit antwoord nuttig?": checked, masked, and stored in the conversation as a SlotSet event.

The rating goes nowhere else: the slot `feedback` (domain.yml) does not influence the conversation, and the
insight report counts the events. A rating is only accepted for an answer the assistant really gave in this
conversation, so nobody can write arbitrary text into the store through it.
"""

from typing import Any, Dict, Iterable, Optional, Set

from rasa.core.agent import Agent
from rasa.shared.core.events import BotUttered, SlotSet

from dienst.logboek import maskeer
from rasaserver.kanalen.invoer import opschonen
from rasaserver.opslag.gesprekken import hele_sessie

SLOT = "feedback"
OORDELEN = ("goed", "slecht")
MAX_ANTWOORD = 5000
MAX_OPMERKING = 500


class OngeldigeFeedback(ValueError):
    """The widget sent something that is not a rating; the message says what is wrong."""


def delen(tekst: str) -> Iterable[str]:
    """An answer's parts as the socket.io channel sends them (one chat bubble each)."""
    return (deel.strip() for deel in tekst.strip().split("\n\n") if deel.strip())


def lees(data: Any) -> Dict[str, str]:
    """The rating from the widget's event, or OngeldigeFeedback."""
    if not isinstance(data, dict):
        raise OngeldigeFeedback("feedback moet een object zijn")
    oordeel, antwoord, opmerking = data.get("oordeel"), data.get("antwoord"), data.get("opmerking") or ""
    if oordeel not in OORDELEN:
        raise OngeldigeFeedback("oordeel moet 'goed' of 'slecht' zijn")
    if not isinstance(antwoord, str) or not antwoord.strip() or len(antwoord) > MAX_ANTWOORD:
        raise OngeldigeFeedback(f"antwoord moet tekst zijn van 1 tot {MAX_ANTWOORD} tekens")
    if not isinstance(opmerking, str) or len(opmerking) > MAX_OPMERKING:
        raise OngeldigeFeedback(f"opmerking mag hoogstens {MAX_OPMERKING} tekens zijn")
    return {"oordeel": oordeel, "antwoord": antwoord.strip(), "opmerking": maskeer(opschonen(opmerking))}


def gezegd(events: Iterable[Any]) -> Set[str]:
    return {deel for e in events if isinstance(e, BotUttered) and e.text for deel in delen(e.text)}


def is_gezegd(antwoord: str, events: Iterable[Any]) -> bool:
    return set(delen(antwoord)) <= gezegd(events)


async def bewaar(agent: Agent, sessie_id: str, data: Any) -> Optional[str]:
    """Stores the rating in the conversation; returns None, or why it was refused."""
    try:
        waarde = lees(data)
    except OngeldigeFeedback as fout:
        return str(fout)
    async with agent.lock_store.lock(sessie_id):
        tracker = await agent.processor.get_tracker(sessie_id)
        sessie = await hele_sessie(agent.tracker_store, sessie_id)  # the tracker may hold only the latest turns
        if not is_gezegd(waarde["antwoord"], sessie.events if sessie else []):
            return "dit antwoord is in dit gesprek niet gegeven"
        tracker.update(SlotSet(SLOT, waarde))
        await agent.processor.save_tracker(tracker)
    return None
