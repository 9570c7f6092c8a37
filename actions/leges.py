"""Answers about the fee (leges): the exact amount when the situation is known, otherwise all the rules."""
from typing import Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.controle import HERKOMST
from actions.eligibility import assess, laad_kennis
from actions.eligibility.leges import periode_op
from actions.taal import herkomst_groep

# "na verblijf bij een familielid" is how the fee rule names the four family routes together; they share
# one fee, so any of them gives it.
FAMILIE = "familie"
FAMILIE_VOORBEELD = "kind_bij_ouder"


class ActionLegesUitleg(Action):
    def name(self) -> str:
        return "action_leges_uitleg"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict) -> List[EventType]:
        entiteiten = {e.get("entity"): str(e.get("value")) for e in tracker.latest_message.get("entities", [])}
        herkomst = entiteiten.get("herkomst")
        turks = tracker.get_slot(HERKOMST) == "turks" or bool(herkomst and herkomst_groep(herkomst, [herkomst]) == "turks")
        minderjarig = _minderjarig(entiteiten) or tracker.get_slot("minderjarig") is True
        route = entiteiten.get("route") or tracker.get_slot("route")
        persoon = {"turkse_nationaliteit": turks, "minderjarig": minderjarig}
        if route == FAMILIE:
            bedrag = assess(FAMILIE_VOORBEELD, persoon)["fee_eur"]
            dispatcher.utter_message(response="utter_leges_familie", bedrag=bedrag)
        elif route in laad_kennis().routes:
            titel = laad_kennis().routes[route].titel
            dispatcher.utter_message(response="utter_leges_route", titel=titel, bedrag=assess(route, persoon)["fee_eur"])
        elif turks:
            dispatcher.utter_message(response="utter_leges_turks", bedrag=leges_bedragen()["turks"])
            return []
        dispatcher.utter_message(response="utter_leges_overzicht", **leges_bedragen())
        return []


def leges_bedragen() -> Dict[str, int]:
    periode = periode_op(laad_kennis())
    cat = periode.categorieen
    return {
        "standaard": cat["standaard"]["bedrag"],
        "mensenhandel": cat["mensenhandel"]["bedrag"],
        "familie": cat["familie_of_geweld"]["bedrag"],
        "minderjarig": cat["familie_of_geweld"]["minderjarig"],
        "turks": periode.turkse_nationaliteit,
    }


def _minderjarig(entiteiten: Dict[str, str]) -> bool:
    leeftijd: Optional[str] = entiteiten.get("leeftijd")
    if leeftijd and leeftijd.isdigit():
        return int(leeftijd) < 18
    return entiteiten.get("minderjarig") == "ja"
