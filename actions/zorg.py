"""Care on the routes about violence and trafficking: where to get help, shown once, however the route is reached."""

from typing import List

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

HULP = {
    "huiselijk_geweld": "utter_hulp_bij_geweld",
    "mensenhandel_geen_aangifte": "utter_hulp_bij_mensenhandel",
    "mensenhandel_slachtoffer": "utter_hulp_bij_mensenhandel",
    "mensenhandel_getuige": "utter_hulp_bij_mensenhandel",
}


def hulp_bij_zorgroute(dispatcher: CollectingDispatcher, tracker: Tracker, route: str) -> List[EventType]:
    if route not in HULP or tracker.get_slot("hulp_getoond"):
        return []
    dispatcher.utter_message(response=HULP[route])
    return [SlotSet("hulp_getoond", True)]
