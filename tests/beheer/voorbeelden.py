"""Conversations as Rasa stores them, for the insight report's tests and benchmark (no model needed).

The events are Rasa's own classes with the fields the real server fills in: parse data with an intent
ranking and the response selector's choice, the input channel, a message id, and the response name of a
bot utterance in its metadata (`utter_action`), as Rasa's RemoteAction writes it.
"""

import itertools
import time
import uuid
from typing import Any

from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    Event,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)

DAG = 24 * 60 * 60
FALLBACK = "nlu_fallback"


class Verloop:
    """Builds one sender's events, each a second after the previous one."""

    def __init__(self, begin: float, kanaal: str = "rest") -> None:
        self.tijd = itertools.count(begin)
        self.kanaal = kanaal
        self.events: list[Event] = []
        self.laatste: UserUttered | None = None
        self.sessie()

    def _bij(self, event: Event) -> "Verloop":
        event.timestamp = next(self.tijd)
        self.events.append(event)
        return self

    def later(self, dagen_geleden: float) -> "Verloop":
        """Moves the clock: the next events happen `dagen_geleden` days before now."""
        self.tijd = itertools.count(nu_min(dagen_geleden))
        return self

    def sessie(self) -> "Verloop":
        self._bij(ActionExecuted("action_session_start"))
        self._bij(SessionStarted())
        return self._bij(ActionExecuted("action_listen"))

    def zeg(
        self, tekst: str, intent: str, zekerheid: float = 0.95, naast: str = "", faq: str = "", actie: str = ""
    ) -> "Verloop":
        """A message; `naast` is the runner-up intent, `faq` the response selector's key, `actie` the reply."""
        ranking = [{"name": intent, "confidence": zekerheid}]
        if naast:
            ranking.append({"name": naast, "confidence": round(zekerheid * 0.8, 3)})
        parse: dict[str, Any] = {
            "intent": {"name": intent, "confidence": zekerheid},
            "intent_ranking": ranking,
            "entities": [],
            "text": tekst,
        }
        if faq:
            parse["response_selector"] = {"default": {"response": {"intent_response_key": faq, "confidence": 0.9}}}
        self.laatste = UserUttered(
            tekst, parse["intent"], [], parse, input_channel=self.kanaal, message_id=uuid.uuid4().hex
        )
        self._bij(self.laatste)
        if actie:
            self.doe(actie)
        return self

    def doe(self, actie: str, *antwoorden: str) -> "Verloop":
        self._bij(ActionExecuted(actie))
        for antwoord in antwoorden or ([actie] if actie.startswith("utter_") else []):
            self._bij(BotUttered(f"Antwoord {antwoord}.", metadata={"utter_action": antwoord}))
        return self._bij(ActionExecuted("action_listen")) if actie != "action_listen" else self

    def zet(self, slot: str, waarde: Any) -> "Verloop":
        return self._bij(SlotSet(slot, waarde))

    def lus(self, naam: str | None) -> "Verloop":
        return self._bij(ActiveLoop(naam))

    def verduidelijkt(self) -> "Verloop":
        """The two-stage fallback's ending: the clarified message is put back as a copy with the same id."""
        assert self.laatste is not None
        self._bij(UserUtteranceReverted())
        self._bij(ActionExecuted("action_listen"))
        kopie = UserUttered(
            self.laatste.text,
            dict(self.laatste.intent, confidence=1.0),
            [],
            self.laatste.parse_data,
            input_channel=self.kanaal,
            message_id=self.laatste.message_id,
        )
        return self._bij(kopie)

    def oordeel(self, oordeel: str, antwoord: str, opmerking: str = "") -> "Verloop":
        return self.zet("feedback", {"oordeel": oordeel, "antwoord": antwoord, "opmerking": opmerking})

    def controle(self, route: str, uitkomst: str | None) -> "Verloop":
        """A route's check: the form starts, asks once, and ends with the outcome or a stop."""
        self.zet("route", route).lus(f"form_{route}")
        self.doe(f"form_{route}", f"utter_ask_form_{route}_jaren_vergunning")
        if uitkomst is None:
            self.zeg("stop", "stop", 0.97)
            self.lus(None)
            return self.doe("utter_controle_gestopt")
        self.zeg("zes jaar", "inform", 0.9)
        self.lus(None)
        return self.doe("action_beoordeel_route", f"utter_uitkomst_{uitkomst}", "utter_leges_uitkomst")


def nu_min(dagen: float) -> float:
    return time.time() - dagen * DAG
