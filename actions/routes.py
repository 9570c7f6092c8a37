"""Choosing a route (from what the person says or a button) and telling the result of its check."""
from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.controle import HERKOMST, feiten_uit_slots, vragen_van_route, zin_voor
from actions.eligibility import assess, laad_kennis
from actions.formulieren import intent_van, is_stop
from actions.taal import is_nederlander, jaren_uit_tekst

ROUTE_INTENT_PREFIX = "route_"
ZORGROUTES = {"huiselijk_geweld", "mensenhandel_geen_aangifte", "mensenhandel_slachtoffer", "mensenhandel_getuige"}
PARTNER_OF_OUDER = ("partner_nederlander_of_niet_tijdelijk", "ouder_nederlander_of_niet_tijdelijk")


def opsomming(zinnen: List[str]) -> str:
    return "\n".join(f"• {zin}" for zin in zinnen if zin)


class ActionKiesRoute(Action):
    """Explains the route the person's situation fits, and keeps what they already told."""

    def name(self) -> str:
        return "action_kies_route"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict) -> List[EventType]:
        intent = intent_van(tracker)
        route = intent[len(ROUTE_INTENT_PREFIX):] if intent.startswith(ROUTE_INTENT_PREFIX) else tracker.get_slot("route")
        r = laad_kennis().routes.get(route)
        if r is None:
            dispatcher.utter_message(response="utter_routes_overzicht")
            return []
        events: List[EventType] = [SlotSet("route", route)] + self._vergeet_vorige_route()
        if route in ZORGROUTES and not tracker.get_slot("hulp_getoond"):
            dispatcher.utter_message(response="utter_hulp_bij_geweld")
            events.append(SlotSet("hulp_getoond", True))
        dispatcher.utter_message(response=f"utter_route_intro_{route}")
        dispatcher.utter_message(response="utter_route_voorwaarden", voorwaarden=opsomming([v.zin for v in r.voorwaarden]))
        if r.discretionair:
            dispatcher.utter_message(response="utter_route_discretionair", uitleg=r.discretionair.zin)
        events += [SlotSet(k, v) for k, v in self._al_verteld(route, tracker).items()]
        return events

    @staticmethod
    def _vergeet_vorige_route() -> List[EventType]:
        """Answers given for another route mean something else here (years with a partner are not years as a victim)."""
        persoonlijk = {HERKOMST, "minderjarig"}
        alle = {f for r in laad_kennis().routes for f in vragen_van_route(r)} - persoonlijk
        return [SlotSet(feit, None) for feit in sorted(alle)]

    @staticmethod
    def _al_verteld(route: str, tracker: Tracker) -> Dict[str, Any]:
        """Facts the person gave in the message that named the route: years, and a Dutch partner or parent.

        Nationality is not taken from here: "in Nederland" or "in het Duits" also look like nationality words.
        """
        bericht = tracker.latest_message
        feiten = vragen_van_route(route)
        gevonden: Dict[str, Any] = {}
        jaren_feit = next((f for f in feiten if f.startswith("jaren_vergunning")), None)
        gezin_feit = next((f for f in PARTNER_OF_OUDER if f in feiten), None)
        for entiteit in bericht.get("entities", []):
            naam, waarde = entiteit.get("entity"), str(entiteit.get("value", ""))
            if naam == "aantal_jaren" and jaren_feit and jaren_feit not in gevonden:
                jaren = jaren_uit_tekst(f"{waarde} jaar")
                if jaren is not None:
                    gevonden[jaren_feit] = jaren
            if naam == "herkomst" and gezin_feit and is_nederlander(_tekst_van(bericht, entiteit)):
                gevonden[gezin_feit] = True
        return gevonden


def _tekst_van(bericht: Dict[str, Any], entiteit: Dict[str, Any]) -> str:
    """The words the person typed for an entity (its value may be a synonym's canonical name)."""
    start, end = entiteit.get("start"), entiteit.get("end")
    tekst = bericht.get("text") or ""
    return tekst[start:end] if isinstance(start, int) and isinstance(end, int) else str(entiteit.get("value", ""))


class ActionBeoordeelRoute(Action):
    """Tells the outcome of a route's check: conditions met and not met, the fee, the form, and who decides."""

    def name(self) -> str:
        return "action_beoordeel_route"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict) -> List[EventType]:
        route = tracker.get_slot("route")
        if is_stop(tracker) or route not in laad_kennis().routes:
            return []
        result = assess(route, feiten_uit_slots(route, tracker.slots))
        titel = laad_kennis().routes[route].titel
        dispatcher.utter_message(response=f"utter_uitkomst_{result['outcome']}", titel=titel)
        if result["outcome"] == "other_rules":
            return []
        for soort, feiten in (("voldaan", result["met"]), ("niet_voldaan", result["unmet"]), ("onbekend", result["missing"])):
            zinnen = list(dict.fromkeys(zin_voor(route, f) for f in feiten))
            if zinnen:
                dispatcher.utter_message(response=f"utter_voorwaarden_{soort}", lijst=opsomming(zinnen))
        for note in result["notes"]:
            dispatcher.utter_message(response=f"utter_opmerking_{note}")
        dispatcher.utter_message(response="utter_leges_uitkomst", bedrag=result["fee_eur"])
        dispatcher.utter_message(response="utter_aanvraag_indienen")
        return []
