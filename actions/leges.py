"""Answers about the fee (leges): the person's own amount when their situation is known, otherwise all the rules."""

import re
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.aanbod import herhaal_open_vraag
from actions.controle import HERKOMST, MINDERJARIG
from actions.eligibility import assess, laad_kennis
from actions.eligibility.leges import periode_op
from actions.zorg import hulp_bij_zorgroute
from lezen.antwoorden import schoon
from lezen.feiten import bijna_meerderjarig, herkomst, minderjarig
from lezen.situatie import herken, verblijf_bij_familie, vraagt_procedure_onderwerp

# "na verblijf bij een familielid" is how the fee rule names the four family routes together; they share
# one fee, so any of them gives it.
FAMILIE = "familie"
FAMILIE_VOORBEELD = "kind_bij_ouder"
# "De aanvraag na verblijf als slachtoffer of getuige-aangever mensenhandel": the three trafficking cases share one
# fee too, so a fee question need not ask which case it is.
MENSENHANDEL = "mensenhandel"
ACHTERLATING = re.compile(r"achterlat|achtergelaten")
ILLEGAAL = re.compile(
    r"illegaal|zonder (geldige )?(verblijfs)?(vergunning|papieren)|geen (geldige )?(verblijfs)?(vergunning|papieren)|"
    r"ongedocumenteerd|undocumented"
)
KIND = r"(zoon|dochter|kind|son|daughter|child)"
KIND_LEEFTIJD = re.compile(rf"\b{KIND}\b\D{{0,30}}\b(\d{{1,2}})\b|\b(\d{{1,2}})\b\D{{0,12}}\b{KIND}\b")
# A child's age decides the fee only when the child is the one who applies: "wat betaalt hij?", "voor mijn zoon".
KIND_VRAAGT_AAN = re.compile(
    r"\b(betaalt|kost( het)?( voor)?|betalen voor|aanvraag (van|voor)) (hij|zij|ze|hem|haar|mijn (zoon|dochter|kind)|het kind)\b|"
    r"\bvoor mijn (zoon|dochter|kind)\b|\b(zoon|dochter|kind) (wil|moet) (een )?(aanvraag|aanvragen)|"
    r"\bhoeveel (hij|zij|ze) (moet )?betal|\b(her|his) fee\b|\b(does|will|must) (he|she) pay\b|\bfor (her|him|my (son|daughter|child))\b"
)


class ActionLegesUitleg(Action):
    def name(self) -> str:
        return "action_leges_uitleg"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict) -> List[EventType]:
        tekst = tracker.latest_message.get("text") or ""
        entiteiten = {e.get("entity"): str(e.get("value")) for e in tracker.latest_message.get("entities", [])}
        groep = herkomst(tekst)  # whose nationality the question names, read once
        # Own Turkish nationality (a family member's gives no € 51), said now or earlier in the check.
        turks = groep == "turks" or (groep is None and tracker.get_slot(HERKOMST) == "turks")
        jong = _minderjarig(tekst, entiteiten, tracker)
        bedragen = leges_bedragen()
        if ACHTERLATING.search(schoon(tekst)):
            dispatcher.utter_message(
                response="utter_leges_achterlating", bedrag=bedragen["familie"], minderjarig=bedragen["minderjarig"]
            )
            return []
        bekend = set(laad_kennis().routes) | {FAMILIE}
        familie = FAMILIE if verblijf_bij_familie(tekst) else None
        gelezen, dichtbij = herken(tekst)
        kandidaten = (entiteiten.get("route"), gelezen, familie, tracker.get_slot("route"))
        route = next((r for r in kandidaten if r in bekend), None) or _gedeelde_leges(dichtbij)
        if route == "huiselijk_geweld" and ILLEGAAL.search(schoon(tekst)):
            dispatcher.utter_message(response="utter_leges_illegaal_huiselijk_geweld", bedrag=bedragen["mensenhandel"])
            return hulp_bij_zorgroute(dispatcher, tracker, route)
        if groep in ("eu_eer_zwitserland", "familie_eu"):
            dispatcher.utter_message(response="utter_uitzondering_eu")
            return hulp_bij_zorgroute(dispatcher, tracker, route) + [SlotSet(HERKOMST, groep)]
        persoon = {"turkse_nationaliteit": turks, "minderjarig": bool(jong)}
        if route == FAMILIE and jong and not turks:
            dispatcher.utter_message(response="utter_leges_familie_minderjarig", bedrag=bedragen["minderjarig"])
            return []
        if route == FAMILIE:
            dispatcher.utter_message(
                response="utter_leges_familie",
                bedrag=assess(FAMILIE_VOORBEELD, persoon)["fee_eur"],
                bedrag_minderjarig=assess(FAMILIE_VOORBEELD, dict(persoon, minderjarig=True))["fee_eur"],
            )
            return []
        if route == MENSENHANDEL:  # the help lines first, as with a route's own fee
            hulp = hulp_bij_zorgroute(dispatcher, tracker, None)
            bedrag = assess(mensenhandel_routes()[0], persoon)["fee_eur"]
            dispatcher.utter_message(response="utter_leges_mensenhandel", bedrag=bedrag)
            return hulp
        if route in laad_kennis().routes:
            return self._voor_route(dispatcher, tracker, route, persoon, jong is None and not turks)
        if turks:
            dispatcher.utter_message(response="utter_leges_turks", bedrag=bedragen["turks"])
        else:
            dispatcher.utter_message(response="utter_leges_overzicht", **bedragen)
        if not tracker.active_loop.get("name"):
            herhaal_open_vraag(dispatcher, tracker)
        return []

    @staticmethod
    def _voor_route(
        dispatcher: CollectingDispatcher, tracker: Tracker, route: str, persoon: dict, leeftijd_onbekend: bool
    ) -> list:
        events: List[EventType] = hulp_bij_zorgroute(dispatcher, tracker, route)
        titel = laad_kennis().routes[route].titel
        bedrag = assess(route, persoon)["fee_eur"]
        jong_bedrag = assess(route, dict(persoon, minderjarig=True))["fee_eur"]
        if leeftijd_onbekend and jong_bedrag != bedrag:
            dispatcher.utter_message(
                response="utter_leges_route_leeftijd", titel=titel, bedrag=bedrag, bedrag_minderjarig=jong_bedrag
            )
        else:
            dispatcher.utter_message(response="utter_leges_route", titel=titel, bedrag=bedrag)
        if route == "huiselijk_geweld":
            dispatcher.utter_message(
                response="utter_leges_illegaal_slachtoffer", bedrag=leges_bedragen()["mensenhandel"]
            )
        tweede_vraag = faq_antwoord_erbij(tracker)
        if tweede_vraag:  # "wat kost het en welk formulier?": both answers
            dispatcher.utter_message(response=tweede_vraag)
        if tracker.active_loop.get("name"):
            return events
        dispatcher.utter_message(response="utter_aanbod_controle_na_vraag")
        if tracker.get_slot("route") != route:
            events.append(SlotSet("route", route))
        return events


def faq_antwoord_erbij(tracker: Tracker) -> Optional[str]:
    """The FAQ answer (utter_faq/...) to a second question beside the fee ("... en welk formulier?"), if any."""
    tekst = schoon(tracker.latest_message.get("text") or "")
    if not re.search(r"\ben\b.*\b(welk|wat|hoe|waar|wanneer|mag|moet)\b", tekst) or not vraagt_procedure_onderwerp(
        tekst
    ):
        return None
    keuze = ((tracker.latest_message.get("response_selector") or {}).get("default") or {}).get("response") or {}
    sleutel = str(keuze.get("intent_response_key") or "")
    return f"utter_{sleutel}" if sleutel.startswith("faq/") and keuze.get("confidence", 0) >= 0.3 else None


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


def _minderjarig(tekst: str, entiteiten: Dict[str, str], tracker: Tracker) -> Optional[bool]:
    """Whether the applicant is under 18: 'ik ben 16', 'mijn dochter is 15', or what the check already knows."""
    if bijna_meerderjarig(tekst):
        return None  # both amounts, and when each applies
    eigen = minderjarig(tekst)
    if eigen is not None:
        return eigen
    kind = KIND_LEEFTIJD.search(schoon(tekst))
    if kind and KIND_VRAAGT_AAN.search(schoon(tekst)):
        return int(kind.group(2) or kind.group(3)) < 18
    leeftijd: Any = entiteiten.get("leeftijd")
    if leeftijd and str(leeftijd).isdigit():
        return int(leeftijd) < 18
    if entiteiten.get("minderjarig") == "ja":
        return True
    bekend = tracker.get_slot(MINDERJARIG)
    return bekend if isinstance(bekend, bool) else None


def mensenhandel_routes() -> List[str]:
    return [naam for naam, r in laad_kennis().routes.items() if r.leges_categorie == MENSENHANDEL]


def _gedeelde_leges(kandidaten: List[str]) -> Optional[str]:
    """The group whose one fee all the close routes share (partner or parent died; the trafficking cases)."""
    routes = laad_kennis().routes
    categorieen = {routes[k].leges_categorie for k in kandidaten if k in routes}
    if not kandidaten or len(categorieen) != 1:
        return None
    if categorieen == {routes[FAMILIE_VOORBEELD].leges_categorie}:
        return FAMILIE
    return MENSENHANDEL if set(kandidaten) <= set(mensenhandel_routes()) else None
