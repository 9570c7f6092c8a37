"""After an answer from the domain (an FAQ, a word): the offer to check, for the situation the message named,
or again when the person asked a question instead of answering the offer."""

from typing import Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.eligibility import laad_kennis

AANBOD = ("utter_aanbod_controle", "utter_aanbod_controle_na_vraag")


class ActionNaAntwoord(Action):
    def name(self) -> str:
        return "action_na_antwoord"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict) -> List[EventType]:
        if tracker.active_loop.get("name"):
            return []  # in a check the form asks its question again
        route = _route_in(tracker)
        if route:
            dispatcher.utter_message(response="utter_aanbod_controle_na_vraag")
            return [SlotSet("route", route)] if tracker.get_slot("route") != route else []
        if tracker.get_slot("route") and _aanbod_stond_open(tracker):
            dispatcher.utter_message(response="utter_aanbod_controle_na_vraag")
        return []


def _route_in(tracker: Tracker) -> Optional[str]:
    routes = laad_kennis().routes
    waarden = [str(e.get("value")) for e in tracker.latest_message.get("entities", []) if e.get("entity") == "route"]
    return next((r for r in waarden if r in routes), None)


def _aanbod_stond_open(tracker: Tracker) -> bool:
    """Whether the assistant's last words before this message were the offer to check."""
    gezien_gebruiker = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if gezien_gebruiker:
                return False
            gezien_gebruiker = True
        elif gezien_gebruiker and event.get("event") == "action" and event.get("name") not in ("action_listen", None):
            return event.get("name") in AANBOD
    return False
