"""One form per route. The shared base reads the answer to the question asked, and knows three
things a person may say instead: "weet ik niet", "waarom vraag je dat?" and "stop"."""

import re
from abc import abstractmethod
from typing import Any, Dict, List, Optional, Type

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

import inhoud
from actions.controle import HERKOMST, JAREN_GENOEMD, MINDERJARIG, ONBEKEND, volgende_vraag, zin_voor
from actions.eligibility import laad_kennis
from actions.samenvatting import samenvatting
from actions.zorg import HULP, hulp_bij_gevaar
from lezen import antwoorden
from lezen.antwoorden import weet_niet
from lezen.bericht import lees_antwoord
from lezen.feiten import andere_nationaliteit, herkomst, minderjarig
from lezen.getallen import lees_jaren
from lezen.lezing import Lezing, gezegd
from lezen.taal import entiteit_waarden, herkomst_groep, normaliseer

REQUESTED_SLOT = "requested_slot"
AFGELEID = "afgeleide_antwoorden"  # answers read from a sentence, not said plainly: read back before the verdict
SAMENVATTING = "antwoorden_samenvatting"
KLOPPEN = "antwoorden_kloppen"


def instellingen() -> dict:
    """How forms read answers: inhoud/formulieren.yml."""
    return inhoud.huidige().formulieren


def intent_van(tracker: Tracker) -> str:
    """The intent NLU gave the latest message (nlu_fallback included: a guess is not an answer)."""
    return (tracker.latest_message.get("intent") or {}).get("name") or ""


def bedoeling(tracker: Tracker) -> str:
    """The intent, unless the words plainly say "stop", "waarom" or "weet ik niet" (short messages fool NLU)."""
    tekst = re.sub(r"[^\w\s']", " ", normaliseer(tracker.latest_message.get("text") or ""))
    tekst = re.sub(r"\s+", " ", tekst).strip()
    woorden = instellingen()["trefwoorden"]
    cfg = instellingen()
    if tekst in woorden["stop"]:
        return cfg["stop_intent"]
    if any(tekst == w or tekst.startswith(w + " ") for w in woorden["waarom"]):
        return cfg["waarom_intent"]
    if weet_niet(tekst):
        return cfg["weet_niet_intent"]
    return intent_van(tracker)


def is_stop(tracker: Tracker) -> bool:
    return bedoeling(tracker) == instellingen()["stop_intent"]


class RouteFormValidation(FormValidationAction):
    """Validation for the form of one route; `VALIDATIES` holds one subclass per route of the knowledge."""

    @property
    @abstractmethod
    def route(self) -> str:
        """The route in inhoud/kennis/routes.yml; abstract, so rasa_sdk does not register this base."""

    def name(self) -> str:
        return f"validate_form_{self.route}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict) -> List[EventType]:
        gevraagd = tracker.get_slot(REQUESTED_SLOT)
        events: List[EventType] = []
        if gevraagd and _nieuw_antwoord(tracker):
            if self._vraag_tussendoor(gevraagd, tracker):
                return []  # Rasa answers the question with a rule, then the form asks again
            events = hulp_bij_gevaar(dispatcher, tracker)
            events += self._lees_antwoord(gevraagd, dispatcher, tracker)
            if any(isinstance(e, dict) and e.get("event") == "active_loop" for e in events):
                return events
        slots = dict(tracker.slots)
        slots.update({e["name"]: e["value"] for e in events if e.get("event") == "slot"})
        volgende = volgende_vraag(self.route, slots)
        if volgende is None and slots.get(AFGELEID) and slots.get(KLOPPEN) is None:
            # Before a verdict that rests on answers read from sentences: "Ik ga uit van: ... Klopt dit?"
            lijst = samenvatting(self.route, slots, slots[AFGELEID])
            if lijst:
                return events + [SlotSet(SAMENVATTING, lijst), SlotSet(REQUESTED_SLOT, KLOPPEN)]
        return events + [SlotSet(REQUESTED_SLOT, volgende)]

    def _vraag_tussendoor(self, slot: str, tracker: Tracker) -> bool:
        """A question in the middle of the check (fees, FAQ, a person) that does not also answer the question."""
        if bedoeling(tracker) not in instellingen()["vraag_intents"] or _bevestigt_jaren(slot, tracker):
            return False
        return self._waarde(slot, tracker) is None

    def _lees_antwoord(self, slot: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
        cfg = instellingen()
        intent = bedoeling(tracker)
        if intent == cfg["stop_intent"]:
            dispatcher.utter_message(response="utter_controle_gestopt")
            # The slot event counts as an answer for Rasa, so the form ends instead of rejecting.
            return [SlotSet(slot, None), SlotSet(REQUESTED_SLOT, None), ActiveLoop(None)]
        if intent == cfg["waarom_intent"]:
            self._leg_vraag_uit(slot, dispatcher)
            return [SlotSet(slot, None)]
        if intent == cfg["weet_niet_intent"] and not _woorden_zeggen_het(slot, tracker):
            return [SlotSet(slot, ONBEKEND)]
        if slot == KLOPPEN:
            return self._lees_kloppen(dispatcher, tracker)
        if _bevestigt_jaren(slot, tracker):
            return _bevestigde_jaren(slot, tracker)
        lezing = self._lezing(slot, tracker)
        if lezing.waarde is not None:
            events = [SlotSet(slot, lezing.waarde)] + _hulp_na_dreiging(slot, lezing.waarde, dispatcher, tracker)
            if not lezing.zeker and lezing.waarde != ONBEKEND and tracker.get_slot(KLOPPEN) is None:
                events.append(SlotSet(AFGELEID, list(dict.fromkeys((tracker.get_slot(AFGELEID) or []) + [slot]))))
            return events
        dispatcher.utter_message(response=f"utter_onduidelijk_{_soort(slot)}")
        if self.route in HULP:  # on the violence and trafficking routes an unclear answer may be a danger
            dispatcher.utter_message(response="utter_hulp_na_dreiging_mensenhandel")
        return [SlotSet(slot, None)]

    def _lees_kloppen(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
        """ "Klopt dit?" after the answers read from sentences: yes counts them, no asks them again."""
        tekst = tracker.latest_message.get("text") or ""
        cfg = instellingen()
        klopt = {cfg["ja_intent"]: True, cfg["nee_intent"]: False}.get(intent_van(tracker))
        klopt = klopt if tekst.startswith("/") else antwoorden.ja_nee(tekst)
        if klopt is True:
            return [SlotSet(KLOPPEN, True)]
        if klopt is False:
            dispatcher.utter_message(response="utter_feiten_opnieuw")
            opnieuw = [SlotSet(f, None) for f in tracker.get_slot(AFGELEID) or []]
            return opnieuw + [SlotSet(AFGELEID, None), SlotSet(KLOPPEN, "aangepast"), SlotSet(JAREN_GENOEMD, None)]
        dispatcher.utter_message(response="utter_onduidelijk_bool")
        return []

    def _waarde(self, slot: str, tracker: Tracker) -> Any:
        """The answer to the question about `slot`, or None when the message does not answer it."""
        return self._lezing(slot, tracker).waarde

    def _lezing(self, slot: str, tracker: Tracker) -> Lezing:
        """The answer to the question about `slot` with its certainty; NIETS when the message does not answer it."""
        cfg = instellingen()
        intent = intent_van(tracker)
        tekst = tracker.latest_message.get("text") or ""
        soort = _soort(slot)
        if tekst.startswith("/"):  # a button's payload: its intent is the answer
            return gezegd({cfg["ja_intent"]: True, cfg["nee_intent"]: False}.get(intent))
        leeftijd = _leeftijd_als_antwoord(tekst) if slot == MINDERJARIG else None
        if leeftijd is not None:
            return gezegd(leeftijd)
        if soort in ("bool", "jaren") or slot == "strafzaak":
            lezing = lees_antwoord(tekst, slot)
            return gezegd(lezing.waarde, tekst) if _van_knop(tracker) else lezing
        return gezegd(self._andere_waarde(soort, tekst, tracker))

    @staticmethod
    def _andere_waarde(soort: str, tekst: str, tracker: Tracker) -> Any:
        if soort == "herkomst":
            groep = herkomst(tekst) or herkomst_groep(tekst, entiteit_waarden(tracker.latest_message, "herkomst"))
            return groep or ("anders" if andere_nationaliteit(tekst) else None)
        return None

    def _leg_vraag_uit(self, slot: str, dispatcher: CollectingDispatcher) -> None:
        zin = zin_voor(self.route, slot)
        if zin:
            dispatcher.utter_message(response="utter_waarom_voorwaarde", voorwaarde=zin)
        else:
            dispatcher.utter_message(response=f"utter_waarom_{slot}")


def vorige_beurt(tracker: Tracker) -> List[Dict[str, Any]]:
    """The assistant's events between the person's previous message and this one, the latest first."""
    gebruiker = [i for i, event in enumerate(tracker.events) if event.get("event") == "user"]
    if not gebruiker:
        return []
    begin = gebruiker[-2] + 1 if len(gebruiker) > 1 else 0
    return list(reversed(tracker.events[begin : gebruiker[-1]]))


def _van_knop(tracker: Tracker) -> bool:
    """Whether the answer is the text of a button the assistant just offered: never read back."""
    tekst = (tracker.latest_message.get("text") or "").strip()
    bot = next((e for e in vorige_beurt(tracker) if e.get("event") == "bot"), {})
    knoppen = (bot.get("data") or {}).get("buttons") or []
    return any(tekst == str(k.get("payload") or "").strip() for k in knoppen)


def _woorden_zeggen_het(slot: str, tracker: Tracker) -> bool:
    """Whether the words plainly answer the question ("Nee, geen van beide"), whatever intent NLU guessed."""
    tekst = tracker.latest_message.get("text") or ""
    if tekst.startswith("/") or slot == KLOPPEN or _soort(slot) not in ("bool", "jaren"):
        return False
    lezing = lees_antwoord(tekst, slot)
    return lezing.gelezen and lezing.waarde != ONBEKEND


def _soort(slot: str) -> str:
    if slot == KLOPPEN:
        return "bool"
    if slot == HERKOMST:
        return "herkomst"
    if slot == MINDERJARIG:
        return "bool"
    return laad_kennis().feiten[slot].type


def _leeftijd_als_antwoord(tekst: str) -> Optional[bool]:
    """To "Bent u jonger dan 18 jaar?": "ik ben 34", "16", "17 jaar oud"."""
    kaal = re.fullmatch(r"(\d{1,2})( jaar)?( oud)?", normaliseer(tekst).strip(" .!"))
    return int(kaal.group(1)) < 18 if kaal else minderjarig(tekst)


DREIGING = {
    "dreiging_bestaat": "utter_hulp_na_dreiging",
    "dreiging_of_ziekte_bestaat": "utter_hulp_na_dreiging_mensenhandel",
}


def _hulp_na_dreiging(slot: str, waarde: Any, dispatcher: CollectingDispatcher, tracker: Tracker) -> list:
    """Right after someone says the threat still exists: where to get help now, once per conversation."""
    if slot not in DREIGING or waarde is not True or tracker.get_slot("hulp_na_dreiging"):
        return []
    dispatcher.utter_message(response=DREIGING[slot])
    return [SlotSet("hulp_na_dreiging", True)]


def _bevestigt_jaren(slot: str, tracker: Tracker) -> bool:
    """Whether the question asked was "U noemde 6 jaar. Had u ook 6 jaar een verblijfsvergunning ...?"."""
    return _soort(slot) == "jaren" and tracker.get_slot(JAREN_GENOEMD) is not None


def _bevestigde_jaren(slot: str, tracker: Tracker) -> list:
    """The answer to "U noemde 6 jaar. Had u ook 6 jaar een verblijfsvergunning ...?"."""
    genoemd = tracker.get_slot(JAREN_GENOEMD)
    tekst = tracker.latest_message.get("text") or ""
    jaren = lees_jaren(tekst).waarde
    if jaren is None and tekst.startswith("/"):
        jaren = {instellingen()["ja_intent"]: genoemd}.get(intent_van(tracker))
    elif jaren is None and antwoorden.ja_nee(tekst) is True:
        jaren = genoemd
    # Anything else ("nee", unreadable): forget the number and ask the plain question.
    return [SlotSet(slot, jaren), SlotSet(JAREN_GENOEMD, None)]


def _nieuw_antwoord(tracker: Tracker) -> bool:
    """True when the person just answered; False when the form resumes after answering a question in between."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return True
        if event.get("event") in ("bot", "action_execution_rejected"):
            return False
    return False


def maak_validaties() -> Dict[str, Type[RouteFormValidation]]:
    """One small class per route of the knowledge, named like a hand-written one (ValidateFormBuitenSchuld)."""
    klassen = {}
    for route in laad_kennis().routes:
        naam = "ValidateForm" + "".join(deel.capitalize() for deel in route.split("_"))
        klassen[route] = type(
            naam, (RouteFormValidation,), {"route": route, "__module__": __name__, "__qualname__": naam}
        )
    return klassen


# A new route in inhoud/kennis/routes.yml gets its validate_form_<route> without code. rasa_sdk finds
# actions among Action's subclasses, which Python holds only weakly: these names keep the classes alive,
# and each class is found where its name says it lives (imports, pickle, tracebacks).
VALIDATIES = maak_validaties()
globals().update({klasse.__qualname__: klasse for klasse in VALIDATIES.values()})
