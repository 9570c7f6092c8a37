"""Choosing a route (from what the person says or a button) and telling the result of its check."""

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.controle import (
    HERKOMST,
    JAREN_GENOEMD,
    MINDERJARIG,
    ONBEKEND,
    feiten_uit_slots,
    leeftijd_telt,
    vragen_van_route,
    zin_voor,
)
from actions.eligibility import assess, laad_kennis
from actions.formulieren import AFGELEID, KLOPPEN, SAMENVATTING, intent_van, is_stop
from actions.samenvatting import samenvatting
from actions.zorg import hulp_bij_gevaar, hulp_bij_zorgroute
from lezen.feiten import feiten_voor_route
from lezen.herkomst import TURKS, herkomst
from lezen.situatie import NABIJ

ROUTE_INTENT_PREFIX = "route_"


def opsomming(zinnen: List[str]) -> str:
    return "\n".join(f"• {zin}" for zin in zinnen if zin)


def genummerd(zinnen: List[str]) -> str:
    zinnen = [z for z in zinnen if z]
    return zinnen[0] if len(zinnen) == 1 else "\n".join(f"{i}. {zin}" for i, zin in enumerate(zinnen, start=1))


class ActionKiesRoute(Action):
    """Explains the route the person's situation fits, and keeps what they already told."""

    def name(self) -> str:
        return "action_kies_route"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict) -> List[EventType]:
        intent = intent_van(tracker)
        route = (
            intent[len(ROUTE_INTENT_PREFIX) :] if intent.startswith(ROUTE_INTENT_PREFIX) else tracker.get_slot("route")
        )
        r = laad_kennis().routes.get(route)
        if r is None:
            dispatcher.utter_message(response="utter_routes_overzicht")
            return []
        events: List[EventType] = [SlotSet("route", route)] + self._vergeet_vorige_route()
        events += hulp_bij_zorgroute(dispatcher, tracker, route)
        dispatcher.utter_message(response=f"utter_route_intro_{route}")
        self._voorwaarden(dispatcher, r)
        tekst = verteld_bericht(tracker).get("text") or ""
        if herkomst(tekst).waarde in TURKS:  # the page's note under the conditions
            dispatcher.utter_message(response="utter_opmerking_turkse_onderdanen_andere_voorwaarden")
        verteld = feiten_voor_route(vragen_van_route(route), tekst)
        events += [SlotSet(k, v) for k, v in verteld.items()]
        return events + te_bevestigen(route, verteld)

    @staticmethod
    def _voorwaarden(dispatcher: CollectingDispatcher, r: Any) -> None:
        """The page's conditions, numbered: the bullets after them are what the assistant read from the person."""
        dispatcher.utter_message(
            response="utter_route_voorwaarden", voorwaarden=genummerd([v.zin for v in r.voorwaarden])
        )
        if r.discretionair:
            vervangen = [v.zin for v in r.voorwaarden if v.feit in r.discretionair.vervangt]
            dispatcher.utter_message(
                response="utter_route_discretionair",
                vervangen=genummerd(vervangen),
                uitleg=r.discretionair.zin,
            )

    @staticmethod
    def _vergeet_vorige_route() -> List[EventType]:
        """Answers given for another route mean something else here (years with a partner are not years as a victim)."""
        persoonlijk = {HERKOMST, MINDERJARIG}
        alle = {f for r in laad_kennis().routes for f in vragen_van_route(r)} - persoonlijk
        bevestiging = {JAREN_GENOEMD, AFGELEID, KLOPPEN, SAMENVATTING}
        return [SlotSet(feit, None) for feit in sorted(alle | bevestiging)]


def te_bevestigen(route: str, verteld: Dict[str, Any]) -> List[EventType]:
    """The facts read from the person's story, shown with the offer to check: "Klopt dit?" (utter_aanbod_controle)."""
    feiten = [f for f in verteld if f != JAREN_GENOEMD]
    lijst = samenvatting(route, verteld, feiten)
    return [
        SlotSet("feiten_te_bevestigen", bool(lijst)),
        SlotSet("feiten_samenvatting", lijst or None),
        SlotSet("feiten_uit_bericht", feiten if lijst else None),
    ]


class ActionNeeOpAanbod(Action):
    """ "Nee" to the offer to check: no check, or, when the offer read back facts, those facts were wrong."""

    def name(self) -> str:
        return "action_nee_op_aanbod"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict) -> List[EventType]:
        route = tracker.get_slot("route")
        if not tracker.get_slot("feiten_te_bevestigen") or f"form_{route}" not in domain.get("forms", {}):
            dispatcher.utter_message(response="utter_geen_controle")
            return []
        dispatcher.utter_message(response="utter_feiten_opnieuw")
        vergeten = [SlotSet(feit, None) for feit in tracker.get_slot("feiten_uit_bericht") or []]
        return vergeten + [
            SlotSet("feiten_te_bevestigen", False),
            SlotSet("feiten_uit_bericht", None),
            FollowupAction(f"form_{route}"),
        ]


class ActionBevestigSituatie(Action):
    """A situation read from a story, not said plainly: "Gaat uw vraag over: ...?" with the closest other ones."""

    def name(self) -> str:
        return "action_bevestig_situatie"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict) -> List[EventType]:
        events = hulp_bij_gevaar(dispatcher, tracker)
        routes = laad_kennis().routes
        route = next(
            (str(e.get("value")) for e in tracker.latest_message.get("entities", []) if e.get("entity") == "route"),
            None,
        )
        if route not in routes:
            dispatcher.utter_message(response="utter_kies_route")
            return events
        knoppen = [{"title": routes[r].titel, "payload": f"/{ROUTE_INTENT_PREFIX}{r}"} for r in [route] + NABIJ[route]]
        knoppen.append({"title": "Iets anders", "payload": "/routes_overzicht"})
        dispatcher.utter_message(response="utter_bevestig_situatie", titel=routes[route].titel, buttons=knoppen)
        return events


def verteld_bericht(tracker: Tracker) -> Dict[str, Any]:
    """The latest message the person typed (a button's payload, "/route_...", tells nothing more)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user" and not (event.get("text") or "").startswith("/"):
            return event.get("parse_data") or {"text": event.get("text") or ""}
    return {}


class ActionBeoordeelRoute(Action):
    """Tells the outcome of a route's check: conditions met and not met, the fee, the form, and who decides."""

    def name(self) -> str:
        return "action_beoordeel_route"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict) -> List[EventType]:
        route = tracker.get_slot("route")
        if is_stop(tracker) or route not in laad_kennis().routes:
            return []
        feiten = feiten_uit_slots(route, tracker.slots)
        result = assess(route, feiten)
        titel = laad_kennis().routes[route].titel
        dispatcher.utter_message(response=f"utter_uitkomst_{result['outcome']}", titel=titel)
        if result["outcome"] == "other_rules":
            return []
        for soort, feiten in (
            ("voldaan", [f for f in result["met"] if f in feiten]),  # a condition that does not apply is not "met"
            ("niet_voldaan", result["unmet"]),
            ("onbekend", result["missing"]),
        ):
            zinnen = list(dict.fromkeys(zin_voor(route, f) for f in feiten))
            if zinnen:
                dispatcher.utter_message(response=f"utter_voorwaarden_{soort}", lijst=opsomming(zinnen))
        for note in result["notes"]:
            dispatcher.utter_message(response=f"utter_opmerking_{note}")
        self._leges(dispatcher, route, tracker.slots, result["fee_eur"])
        dispatcher.utter_message(response="utter_aanvraag_indienen")
        return []

    @staticmethod
    def _leges(dispatcher: CollectingDispatcher, route: str, slots: Dict[str, Any], bedrag: int) -> None:
        """The person's own fee; when their age decides it and they did not say it, both amounts."""
        if leeftijd_telt(route, slots) and slots.get(MINDERJARIG) == ONBEKEND:
            minderjarig = assess(route, dict(feiten_uit_slots(route, slots), minderjarig=True))["fee_eur"]
            dispatcher.utter_message(
                response="utter_leges_uitkomst_leeftijd_onbekend", bedrag=bedrag, bedrag_minderjarig=minderjarig
            )
        else:
            dispatcher.utter_message(response="utter_leges_uitkomst", bedrag=bedrag)
        if route == "huiselijk_geweld":
            dispatcher.utter_message(response="utter_leges_illegaal_slachtoffer_uitkomst")
