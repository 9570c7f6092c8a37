"""Care: where to get help (112 first), shown once per conversation with whatever answer follows.

Shown when the route is about violence or trafficking, and whenever a message speaks of violence, threats,
fear or trafficking (the NLU step marks it with a `gevaar` entity, see lezen.situatie.gevaar).
"""

from typing import Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

import inhoud

HULP_BIJ_GEVAAR = {"geweld": "utter_hulp_bij_geweld", "mensenhandel": "utter_hulp_bij_mensenhandel"}
# The care routes are those with `zorg:` in inhoud/kennis/routes.yml.
HULP = {route: HULP_BIJ_GEVAAR[gevaar] for route, gevaar in inhoud.huidige().zorgroutes.items()}


def hulp_bij_zorgroute(dispatcher: CollectingDispatcher, tracker: Tracker, route: Optional[str]) -> List[EventType]:
    """Help for the route, or for the danger the latest message speaks of; once per conversation."""
    response = HULP.get(route or "") or HULP_BIJ_GEVAAR.get(gevaar_in(tracker) or "")
    if not response or tracker.get_slot("hulp_getoond"):
        return []
    dispatcher.utter_message(response=response)
    return [SlotSet("hulp_getoond", True)]


def hulp_bij_gevaar(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    return hulp_bij_zorgroute(dispatcher, tracker, None)


def gevaar_in(tracker: Tracker) -> Optional[str]:
    return next(
        (str(e.get("value")) for e in tracker.latest_message.get("entities", []) if e.get("entity") == "gevaar"), None
    )


class ActionHulpBijGevaar(Action):
    """Before an answer from the domain (FAQ, a word, out of scope): the help lines when the message needs them."""

    def name(self) -> str:
        return "action_hulp_bij_gevaar"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict) -> List[EventType]:
        return hulp_bij_gevaar(dispatcher, tracker)
