"""The two-step fallback's first question, with readable Dutch topic titles instead of intent names."""

from typing import Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

import inhoud
from actions.zorg import hulp_bij_gevaar
from lezen.situatie import noemt_overlijden

MAX_SUGGESTIES = 3
OVERLIJDEN = inhoud.huidige().intents["overlijden"]


def onderwerpen() -> Dict[str, Dict[str, str]]:
    """Per intent (or retrieval intent such as faq/formulier): a title and a question that leads there."""
    return inhoud.huidige().onderwerpen


def suggesties(latest_message: Dict) -> List[Dict[str, str]]:
    """Buttons for the likeliest known topics of a message the assistant did not understand."""
    kandidaten = []
    selectors = latest_message.get("response_selector", {})
    for intent in latest_message.get("intent_ranking", []):
        naam = intent.get("name")
        # One selector ("default") answers both faq and begrip: its key says which of the two it is.
        selector = selectors.get(naam) or selectors.get("default") or {}
        retrieval = selector.get("response", {}).get("intent_response_key") or ""
        kandidaten.append(retrieval if retrieval.startswith(f"{naam}/") else naam)
    titels = onderwerpen()
    if not noemt_overlijden(latest_message.get("text") or ""):  # "mijn moeder is ziek" is offered no death
        kandidaten = [k for k in kandidaten if k not in OVERLIJDEN]
    gekozen = [k for k in dict.fromkeys(kandidaten) if k in titels][:MAX_SUGGESTIES]
    return [{"title": titels[k]["titel"], "payload": titels[k]["vraag"]} for k in gekozen]


class ActionDefaultAskAffirmation(Action):
    def name(self) -> str:
        return "action_default_ask_affirmation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict) -> List[EventType]:
        events = hulp_bij_gevaar(dispatcher, tracker)
        knoppen = suggesties(tracker.latest_message)
        knoppen.append({"title": "Iets anders", "payload": "/out_of_scope"})
        dispatcher.utter_message(response="utter_bedoelde_u", buttons=knoppen)
        return events
