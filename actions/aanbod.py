"""After an answer from the domain (an FAQ, a word): the offer to check, for the situation the message named,
or again when the person asked a question instead of answering the offer."""

from typing import Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.eligibility import laad_kennis
from actions.formulieren import vorige_beurt
from lezen.vragen import TWEEDE_ANTWOORD

AANBOD = ("utter_aanbod_controle", "utter_aanbod_controle_na_vraag")
# Choices still open when the person asked something else: asked again after the answer.
KEUZES = ("utter_welke_mensenhandel", "utter_wie_overleden", "utter_kies_route")


class ActionNaAntwoord(Action):
    def name(self) -> str:
        return "action_na_antwoord"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict) -> List[EventType]:
        tweede_antwoord(dispatcher, tracker, domain)
        if tracker.active_loop.get("name"):
            return []  # in a check the form asks its question again
        route = _route_in(tracker)
        if route:
            dispatcher.utter_message(response="utter_aanbod_controle_na_vraag")
            return [SlotSet("route", route)] if tracker.get_slot("route") != route else []
        herhaal_open_vraag(dispatcher, tracker)
        return []


def tweede_antwoord(dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict) -> None:
    """The answer to a second question in the same message (rasaserver/nlu/stappen.py tweede_vraag)."""
    sleutel = tracker.latest_message.get(TWEEDE_ANTWOORD)
    if sleutel and f"utter_{sleutel}" in (domain.get("responses") or {}):
        dispatcher.utter_message(response=f"utter_{sleutel}")


def herhaal_open_vraag(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """After answering a side question: the offer to check or the open choice again, if one was open."""
    vorige = _vorige_vraag(tracker)
    if vorige in AANBOD and tracker.get_slot("route"):
        dispatcher.utter_message(response="utter_aanbod_controle_na_vraag")
        return True
    if vorige in KEUZES:
        dispatcher.utter_message(response=vorige)
        return True
    return False


def _route_in(tracker: Tracker) -> Optional[str]:
    routes = laad_kennis().routes
    waarden = [str(e.get("value")) for e in tracker.latest_message.get("entities", []) if e.get("entity") == "route"]
    return next((r for r in waarden if r in routes), None)


def _vorige_vraag(tracker: Tracker) -> Optional[str]:
    """The assistant's last action before this message (an utter_... when it asked something)."""
    acties = [e.get("name") for e in vorige_beurt(tracker) if e.get("event") == "action"]
    return next((naam for naam in acties if naam not in ("action_listen", None)), None)
