"""Whether the page applies to someone, given a nationality or country they name."""
from typing import Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.eligibility import laad_kennis
from actions.eligibility.leges import periode_op
from actions.taal import herkomst_groep


class ActionUitzonderingNationaliteit(Action):
    def name(self) -> str:
        return "action_uitzondering_nationaliteit"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict) -> List[EventType]:
        waarden = [str(e.get("value")) for e in tracker.latest_message.get("entities", []) if e.get("entity") == "herkomst"]
        groep = herkomst_groep(tracker.latest_message.get("text") or "", waarden)
        if groep == "eu_eer_zwitserland":
            dispatcher.utter_message(response="utter_uitzondering_eu")
            return [SlotSet("herkomst_groep", groep)]
        if groep == "turks":
            dispatcher.utter_message(response="utter_uitzondering_turks", bedrag=periode_op(laad_kennis()).turkse_nationaliteit)
            return [SlotSet("herkomst_groep", groep)]
        dispatcher.utter_message(response="utter_uitzondering_overzicht")
        return []
