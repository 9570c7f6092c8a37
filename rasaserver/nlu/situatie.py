"""An NLU step after the classifiers: a message that tells a situation of the page goes to that situation.

The intent classifier is good at the common wordings; the page's situations also have words that settle them
("mijn man is overleden", "geen aangifte"). When the model chose a glossary, overview or fallback answer for
such a message, or the wrong route, the situation wins; questions (fees, FAQ) keep their intent and get the
situation as a `route` entity, so they are answered for that situation.
"""

import re
from typing import Any, Collection, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import (
    RESPONSE_SELECTOR_DEFAULT_INTENT,
    RESPONSE_SELECTOR_PREDICTION_KEY,
    RESPONSE_SELECTOR_PROPERTY_NAME,
    RESPONSE_SELECTOR_UTTER_ACTION_KEY,
)
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import (
    ENTITIES,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    INTENT_RESPONSE_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

import inhoud
from lezen.herkomst import herkomst
from lezen.lezing import AFGELEID
from lezen.situatie import (
    OVERLIJDEN_ROUTES,
    STERK,
    gevaar,
    lees_situatie,
    noemt_familielid,
    noemt_overlijden,
    uitleg_als_niet_voldaan,
    verblijf_bij_familie,
    vraagt_bedrag,
    vraagt_betekenis,
    vraagt_kosten,
    vraagt_procedure,
    vraagt_procedure_onderwerp,
)
from lezen.vragen import vraag_uit_woorden

ROUTE = "route_"
VRAGEN = inhoud.huidige().intents["situatie_vragen"]
# Intents a situation may replace, and the other intent lists: inhoud/intents.yml (checked against the domain).
VERVANGBAAR = inhoud.huidige().intents["situatie_vervangbaar"]
OVERLIJDEN_INTENTS = inhoud.huidige().intents["overlijden"]
ONDUIDELIJK = {"overlijden_partner": "overlijden_onduidelijk", "mensenhandel_slachtoffer": "mensenhandel_onduidelijk"}
ONZEKER = "situatie_onzeker"
ALGEMEEN = {"faq/algemene_voorwaarden"}  # with a situation, the conditions are the route's own (its introduction)
# What the IND looks at when a route's conditions are not met: "kijkt de IND daarnaar?", "heb ik nog een kans?"
UITLEG_BIJ_SITUATIE = {"begrip/bijzondere_omstandigheden", "begrip/klemmende_redenen"}
FAQ_ZEKER = 0.3
FAQ_ZWAK = 0.5  # "ik kan niet meewerken aan het strafproces, kan ik blijven?": a situation, no FAQ asked
ANTWOORD = re.compile(r"\s*(ja|nee|jawel|neen|yes|no)\b")
VERHAAL_WOORDEN = 5  # "hij zegt dat hij me dood maakt als ik wegga" is no answer to a question, even if NLU says so  # a situation told indirectly ("we hebben zijn as verstrooid"): confirmed first
ZEKERHEID = 0.95
UITZONDERING = "uitzondering_nationaliteit"
# Without a situation, a clear FAQ pick wins only over these general answers (inhoud/intents.yml says why).
ALGEMEEN_GEVRAAGD = inhoud.huidige().intents["situatie_algemeen_gevraagd"]
WOORDEN_WINNEN = ALGEMEEN_GEVRAAGD | {DEFAULT_NLU_FALLBACK_INTENT_NAME}
# "Voor personen met de nationaliteit van een EU/EER-land of Zwitserland en hun familieleden gelden andere
# voorwaarden": whatever they ask of the route, its form or its conditions, that is the page's answer.
ANDERE_VOORWAARDEN = {"eu_eer_zwitserland", "familie_eu"}


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SituatieHerkenner(GraphComponent):
    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SituatieHerkenner":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._stuur(message)
        return messages

    def _stuur(self, message: Message) -> None:
        tekst = message.get(TEXT) or ""
        intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY) or ""
        if not tekst or tekst.startswith("/"):
            return
        gevaar_soort = gevaar(tekst)
        if gevaar_soort:  # help lines show with whatever answer follows (actions/zorg.py)
            _voeg_entiteit_toe(message, "gevaar", gevaar_soort)
        if _andere_voorwaarden(intent, tekst):
            _zet_intent(message, UITZONDERING)
            return
        if intent in OVERLIJDEN_INTENTS and not noemt_overlijden(tekst):
            intent = DEFAULT_NLU_FALLBACK_INTENT_NAME  # "mijn vergunning verloopt" tells no death: ask, never condole
            _zet_intent(message, intent, zonder=OVERLIJDEN_INTENTS)
        lezing = lees_situatie(tekst)
        route = lezing.waarde if isinstance(lezing.waarde, str) else None
        kandidaten = lezing.waarde if isinstance(lezing.waarde, list) else []
        bedrag = vraagt_kosten(tekst)
        if intent == DEFAULT_NLU_FALLBACK_INTENT_NAME and bedrag and "vraag_kosten" in _eerste_keuzes(message):
            intent = "vraag_kosten"  # "What is her fee?": the words and one of the model's first choices agree
            _zet_intent(message, intent)
        # The model heard a fee in "welk formuliertje moet ik invulle?": no fee words, so it may be another question.
        vervangbaar = intent in VERVANGBAAR or intent.startswith(ROUTE) or (intent == "vraag_kosten" and not bedrag)
        uitleg = uitleg_als_niet_voldaan(tekst, [route] if route else kandidaten)
        if uitleg and (vervangbaar or intent == "faq"):  # "ik voldoe niet aan de voorwaarden, heb ik nog een kans?"
            _kies_antwoord(message, uitleg)
            _zet_intent(message, uitleg.split("/")[0])
            if route:
                _voeg_entiteit_toe(message, "route", route)
            return
        if not route and not kandidaten and _vraag_uit_woorden(message, intent, bedrag):
            return  # "mijn pas is gestolen, wat nu?": the words settle the question
        if route and bedrag and (vervangbaar or (intent == "faq" and _sleutel(message) != "faq/betalen")):
            intent = "vraag_kosten"  # "wat betaal ik als slachtoffer van mensenhandel?": the fee, for that situation
            _zet_intent(message, intent)
        if intent == "faq" and _sleutel(message) == "faq/betalen" and vraagt_bedrag(tekst):
            intent = "vraag_kosten"  # "betalen Turken minder?" asks an amount, not how to pay
            _zet_intent(message, intent)
        vraag = bedrag or vraagt_betekenis(tekst) or vraagt_procedure_onderwerp(tekst)  # those keep their answer
        familie = verblijf_bij_familie(tekst) and not noemt_familielid(tekst) and not vraag
        algemeen_of_route = intent in WOORDEN_WINNEN or intent.startswith(ROUTE)  # not "van gezinshereniging naar werk"
        if algemeen_of_route and not route and not kandidaten and familie:
            intent = "routes_overzicht"  # "ik had verblijf bij een familielid": which family member is not told
            _zet_intent(message, intent)
            return
        situatie = route or kandidaten or intent.startswith(ROUTE)
        drempel = FAQ_ZEKER if situatie else FAQ_ZWAK  # without a situation only a clear FAQ pick wins
        vraag_mag = situatie or intent in ALGEMEEN_GEVRAAGD and not (intent == "begrip" and vraagt_betekenis(tekst))
        kosten = intent == "vraag_kosten" and bedrag
        if vervangbaar and not kosten and vraag_mag and _faq_antwoord(message, tekst, drempel):
            intent = _sleutel(message).split("/")[0]  # "huiselijk geweld: welk formulier?": that answer, then the offer
            _zet_intent(message, intent)
        if intent == "faq" and route and _sleutel(message) in ALGEMEEN:
            intent = ""  # "welke voorwaarden gelden voor een pleegkind?": the route's own conditions
        zwak = _keuze(message).get(PREDICTED_CONFIDENCE_KEY, 0) < FAQ_ZWAK and not vraagt_procedure_onderwerp(tekst)
        if intent == "faq" and route in STERK and (not vraagt_procedure(tekst) or zwak):
            intent = ""  # "ik heb mijn man verloren, hij had een vaste vergunning" tells a situation, asks no procedure
        if intent in VRAGEN:
            if route:  # the situation's words are surer than a route entity the model guessed
                _voeg_entiteit_toe(message, "route", route)
            return
        if intent == "begrip" and vraagt_betekenis(tekst):
            return
        verhaal_met_gevaar = bool(
            gevaar_soort and route and len(tekst.split()) >= VERHAAL_WOORDEN and not ANTWOORD.match(tekst.lower())
        )
        if intent and not (intent in VERVANGBAAR or intent.startswith(ROUTE)) and not verhaal_met_gevaar:
            return  # an answer in a check ("ja", "weet ik niet", "waarom?"), unless it tells a danger
        if route and lezing.zekerheid == AFGELEID and route not in OVERLIJDEN_ROUTES:
            _zet_intent(message, ONZEKER)
            _voeg_entiteit_toe(message, "route", route)
        elif route and intent != ROUTE + route:
            _zet_intent(message, ROUTE + route)
        elif kandidaten and (not intent.startswith(ROUTE) or intent[len(ROUTE) :] in kandidaten):
            _zet_intent(message, ONDUIDELIJK[kandidaten[0]])


def _vraag_uit_woorden(message: Message, intent: str, bedrag: bool) -> bool:
    """The FAQ answer the words settle, over a general answer, a fallback or an unsure FAQ pick."""
    sleutel = vraag_uit_woorden(message.get(TEXT) or "")
    algemeen = intent in WOORDEN_WINNEN and not (intent == "vraag_kosten" and bedrag)
    onzeker = intent == "faq" and _keuze(message).get(PREDICTED_CONFIDENCE_KEY, 0) < FAQ_ZWAK
    if not sleutel or not (algemeen or onzeker):
        return False
    _kies_antwoord(message, sleutel)
    _zet_intent(message, "faq")
    return True


def _andere_voorwaarden(intent: str, tekst: str) -> bool:
    """An EU/EER/Swiss person or family member asking about a route, its form or its conditions (not a fee: the
    fee answer says it for them; not a word's meaning)."""
    vraag = intent in VERVANGBAAR or intent.startswith(ROUTE) or intent == "faq"
    betekenis = intent == "begrip" and vraagt_betekenis(tekst)
    return vraag and not betekenis and herkomst(tekst).waarde in ANDERE_VOORWAARDEN


def _eerste_keuzes(message: Message, aantal: int = 3) -> List[str]:
    namen = [r.get(INTENT_NAME_KEY) for r in message.get(INTENT_RANKING_KEY) or []]
    return [n for n in namen if n != DEFAULT_NLU_FALLBACK_INTENT_NAME][:aantal]


def _keuze(message: Message) -> Dict[str, Any]:
    return ((message.get(RESPONSE_SELECTOR_PROPERTY_NAME) or {}).get(RESPONSE_SELECTOR_DEFAULT_INTENT) or {}).get(
        RESPONSE_SELECTOR_PREDICTION_KEY
    ) or {}


def _sleutel(message: Message) -> str:
    return str(_keuze(message).get(INTENT_RESPONSE_KEY) or "")


def _faq_antwoord(message: Message, tekst: str, drempel: float) -> bool:
    """Whether the message asks one step of the procedure and the answer selector found an FAQ answer for it."""
    if not vraagt_procedure_onderwerp(tekst):
        return False
    keuze, sleutel = _keuze(message), _sleutel(message)
    if keuze.get(PREDICTED_CONFIDENCE_KEY, 0) < drempel:
        return False
    return (sleutel.startswith("faq/") and sleutel not in ALGEMEEN) or sleutel in UITLEG_BIJ_SITUATIE


def _kies_antwoord(message: Message, sleutel: str) -> None:
    """The answer Rasa's retrieval action utters (it reads utter_action), chosen by the words instead of the model."""
    keuze = dict(_keuze(message))
    keuze.update(
        {
            INTENT_RESPONSE_KEY: sleutel,
            RESPONSE_SELECTOR_UTTER_ACTION_KEY: f"utter_{sleutel}",
            PREDICTED_CONFIDENCE_KEY: ZEKERHEID,
        }
    )
    eigenschappen = dict(message.get(RESPONSE_SELECTOR_PROPERTY_NAME) or {})
    eigenschappen[RESPONSE_SELECTOR_DEFAULT_INTENT] = {
        **(eigenschappen.get(RESPONSE_SELECTOR_DEFAULT_INTENT) or {}),
        RESPONSE_SELECTOR_PREDICTION_KEY: keuze,
    }
    message.set(RESPONSE_SELECTOR_PROPERTY_NAME, eigenschappen, add_to_output=True)


def _voeg_entiteit_toe(message: Message, naam: str, waarde: str) -> None:
    anders = [e for e in message.get(ENTITIES) or [] if e.get("entity") != naam]
    entiteit = {"entity": naam, "value": waarde, "start": 0, "end": 0, "extractor": SituatieHerkenner.__name__}
    message.set(ENTITIES, anders + [entiteit], add_to_output=True)


def _zet_intent(message: Message, naam: str, zonder: Collection[str] = ()) -> None:
    """The intent, first in the ranking; the intents `zonder` leave the ranking (no topic button offers them)."""
    weg = {naam, *zonder}
    ranking: List[Dict[str, Any]] = [
        r for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY) not in weg
    ]
    nieuw = {INTENT_NAME_KEY: naam, "confidence": ZEKERHEID}
    message.set(INTENT, nieuw, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [nieuw] + ranking, add_to_output=True)
