"""Whether the page applies to someone, given a nationality or country they name."""

from typing import Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.controle import HERKOMST
from actions.leges import leges_bedragen
from actions.zorg import hulp_bij_gevaar
from lezen.feiten import herkomst
from lezen.herkomst import TURKS
from lezen.taal import entiteit_waarden, herkomst_groep


class ActionUitzonderingNationaliteit(Action):
    def name(self) -> str:
        return "action_uitzondering_nationaliteit"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict) -> List[EventType]:
        hulp = hulp_bij_gevaar(dispatcher, tracker)
        tekst = tracker.latest_message.get("text") or ""
        waarden = entiteit_waarden(tracker.latest_message, "herkomst")
        groep = herkomst(tekst) or herkomst_groep(tekst, waarden)
        if groep in ("eu_eer_zwitserland", "familie_eu"):
            dispatcher.utter_message(response="utter_uitzondering_eu")
            return hulp + [SlotSet(HERKOMST, groep)]
        if groep in TURKS:
            dispatcher.utter_message(response="utter_uitzondering_turks", bedrag=leges_bedragen()["turks"])
            return hulp + [SlotSet(HERKOMST, groep)]
        dispatcher.utter_message(response="utter_uitzondering_overzicht")
        return hulp
