"""One conversation as the report sees it: the person's messages, the route checks, the ratings.

Rasa stores events, not answers to the report's questions, so this reads them in order: a user event is a
message (understood or not), the first action after it tells whether the dialogue had to fall back, an
active loop `form_<route>` starts a check, and action_beoordeel_route's reply `utter_uitkomst_<outcome>`
(its response name is in the bot event's metadata as `utter_action`) finishes it.
"""

from dataclasses import dataclass, field
from typing import Any

import inhoud
from beheer.inzicht.lezen import Event
from beheer.inzicht.privacy import ZORG_FORMULIEREN, is_zorg_intent, is_zorgroute

# What the web chat's channel sends when the widget opens (rasaserver/kanalen/socketio.py's BEGROETING; named
# here so the report imports no channel, tests/beheer/test_inzicht.py checks the two agree).
BEGROETING = "/greet"
FALLBACK_INTENT = "nlu_fallback"
FALLBACK_ACTIES = frozenset({"action_default_fallback"})  # the dialogue policy's fallback after an understood intent
RETRIEVAL_INTENTS = frozenset(inhoud.huidige().retrieval)  # the sections of inhoud/faq.yml
MENS_INTENT = "contact_mens"
UITKOMST = "utter_uitkomst_"
FORMULIER = "form_"
OORDELEN = ("goed", "slecht")


@dataclass
class Bericht:
    """One message of the person."""

    tekst: str
    onderwerp: str  # the intent, or the retrieval intent such as faq/formulier
    zekerheid: float
    begrepen: bool
    suggestie: str  # the intent the model thought closest, nlu_fallback aside
    suggestie_zekerheid: float
    verborgen: bool  # counted, never shown


@dataclass
class Controle:
    route: str
    uitkomst: str | None = None  # None: stopped before the outcome


@dataclass
class Gesprek:
    begin: float | None = None  # time of the person's first message
    kanaal: str = ""  # of the first user event
    geopend: bool = False  # any user event at all, also the widget's opening (else only session start events)
    berichten: list[Bericht] = field(default_factory=list)
    controles: list[Controle] = field(default_factory=list)
    feedback: list[dict[str, str]] = field(default_factory=list)
    gevoelig: bool = False  # on a violence or trafficking route: nothing of it is shown

    @property
    def mens_gevraagd(self) -> bool:
        return any(b.onderwerp == MENS_INTENT for b in self.berichten)

    @property
    def zonder_antwoord(self) -> bool:
        """The person's last message was not understood: they left without an answer."""
        return bool(self.berichten) and not self.berichten[-1].begrepen


def onderwerp_van(parse: dict[str, Any], intent: str) -> str:
    """faq and begrip are answered by the response selector: its key (faq/formulier) is the real topic."""
    if intent not in RETRIEVAL_INTENTS:
        return intent
    selectors = parse.get("response_selector") or {}
    for sleutel in (intent, "default"):
        gekozen = ((selectors.get(sleutel) or {}).get("response") or {}).get("intent_response_key") or ""
        if gekozen.startswith(f"{intent}/"):
            return gekozen
    return intent


def suggestie_van(parse: dict[str, Any], intent: str, zekerheid: float) -> tuple[str, float]:
    """The closest real intent and the model's confidence in it (nlu_fallback's own is just the threshold).

    The response selector answers whatever the intent, so a retrieval intent comes with its key (faq/formulier).
    """
    for kandidaat in parse.get("intent_ranking") or []:
        naam = kandidaat.get("name")
        if naam and naam != FALLBACK_INTENT:
            return onderwerp_van(parse, naam), float(kandidaat.get("confidence") or 0.0)
    return intent, zekerheid


class Ontleding:
    """Reads a session's events in order; one method per event type it cares about."""

    def __init__(self, drempel: float) -> None:
        self.drempel = drempel
        self.gesprek = Gesprek()
        self.wacht_op_actie: Bericht | None = None
        self.vorige_bericht_id: str | None = None
        self.lus: str | None = None

    def user(self, event: Event) -> None:
        bericht_id = event.get("message_id")
        # The two-stage fallback puts the clarified message back as a copy (same id): not a new message.
        if bericht_id and bericht_id == self.vorige_bericht_id:
            return
        self.vorige_bericht_id = bericht_id
        kanaal = event.get("input_channel") or ""
        self.gesprek.kanaal = self.gesprek.kanaal or kanaal
        self.gesprek.geopend = True
        tekst = event.get("text") or ""
        if tekst == BEGROETING and kanaal == "socketio":
            return  # the widget's opening, sent by the channel, not typed by anyone
        parse = event.get("parse_data") or {}
        intent = (parse.get("intent") or {}).get("name") or ""
        zekerheid = float((parse.get("intent") or {}).get("confidence") or 0.0)
        suggestie, suggestie_zekerheid = suggestie_van(parse, intent, zekerheid)
        begrepen = intent != FALLBACK_INTENT and zekerheid >= self.drempel
        bericht = Bericht(
            tekst,
            onderwerp_van(parse, intent),
            zekerheid,
            begrepen,
            suggestie,
            suggestie_zekerheid,
            verborgen=is_zorg_intent(suggestie),
        )
        self.gesprek.gevoelig |= is_zorg_intent(intent)
        if self.gesprek.begin is None:
            self.gesprek.begin = event.get("timestamp")
        self.gesprek.berichten.append(bericht)
        self.wacht_op_actie = bericht

    def action(self, event: Event) -> None:
        naam = event.get("name")
        if self.wacht_op_actie is None or naam == "action_listen":
            return
        if naam in FALLBACK_ACTIES:
            self.wacht_op_actie.begrepen = False
        self.wacht_op_actie = None

    def active_loop(self, event: Event) -> None:
        naam = event.get("name")
        if naam and naam.startswith(FORMULIER) and naam != self.lus:
            self.gesprek.controles.append(Controle(naam[len(FORMULIER) :]))
            self.gesprek.gevoelig |= naam in ZORG_FORMULIEREN
        self.lus = naam

    def bot(self, event: Event) -> None:
        antwoord = (event.get("metadata") or {}).get("utter_action") or ""
        lopend = self.gesprek.controles[-1] if self.gesprek.controles else None
        if antwoord.startswith(UITKOMST) and lopend is not None and lopend.uitkomst is None:
            lopend.uitkomst = antwoord[len(UITKOMST) :]

    def slot(self, event: Event) -> None:
        naam, waarde = event.get("name"), event.get("value")
        if naam == "route":
            self.gesprek.gevoelig |= is_zorgroute(waarde)
        elif naam == "feedback" and isinstance(waarde, dict) and waarde.get("oordeel") in OORDELEN:
            self.gesprek.feedback.append(
                {
                    "oordeel": waarde["oordeel"],
                    "antwoord": str(waarde.get("antwoord") or ""),
                    "opmerking": str(waarde.get("opmerking") or ""),
                }
            )


VERWERKT = frozenset({"user", "action", "active_loop", "bot", "slot"})


def ontleed(events: list[Event], drempel: float) -> Gesprek:
    ontleding = Ontleding(drempel)
    for event in events:
        soort = event.get("event")
        if soort in VERWERKT:
            getattr(ontleding, soort)(event)
    return ontleding.gesprek
