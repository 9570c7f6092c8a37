"""The response selector: which FAQ or glossary answer (`utter_faq/...`, `utter_begrip/...`) a message asks for.

A logistic regression over the same sentence features as the intent (rasaserver/nlu/intentkeuze.py), trained on the
examples of the retrieval intents with their full names (faq/formulier). It writes its pick where Rasa's
ResponseSelector does (`response_selector` → `default`), so Rasa's `utter_faq` action, the fallback's topic
buttons (actions/fallback.py) and the conversation insight (beheer/inzicht) read it unchanged. Against Rasa's
ResponseSelector it trains in seconds instead of most of a minute, with no TensorFlow model to load
(BENCHMARKS.md).

It runs only for the messages whose answer is used: a retrieval intent, a message not understood, an intent
typed as a command (`/faq`). It therefore comes after the FallbackClassifier, when the intent is final but for
nlu.situatie.SituatieHerkenner, which never turns a message into a retrieval intent.

A message the FallbackClassifier gave up on is answered after all when both steps agree: the intent model's first
choice is a question (faq or begrip) and this model is sure which one ("hoe vraag ik het aan?": faq 0.28, then
faq/indienen 0.92). The intent model spreads its belief over some seventy intents, so a question worded unlike
the training data often stays under 0.5 while the answer is clear. On the held-out set (tests/nlu, 708
messages) 7 of its 28 fallbacks become the right answer this way and none a wrong one.
"""

import json
from pathlib import Path
from typing import Any, Collection, Dict, List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.nlu.constants import (
    RESPONSE_SELECTOR_DEFAULT_INTENT,
    RESPONSE_SELECTOR_PREDICTION_KEY,
    RESPONSE_SELECTOR_PROPERTY_NAME,
    RESPONSE_SELECTOR_RANKING_KEY,
    RESPONSE_SELECTOR_RESPONSES_KEY,
    RESPONSE_SELECTOR_RETRIEVAL_INTENTS,
    RESPONSE_SELECTOR_UTTER_ACTION_KEY,
)
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME, INTENT_MESSAGE_PREFIX
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    INTENT_RESPONSE_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data import util
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from lezen.situatie import vraagt_procedure_onderwerp
from rasaserver.nlu.intentkeuze import IntentKeuze

ANTWOORDEN = "antwoorden.json"
VRAAG_MINIMUM = 0.25  # the intent model's belief in the question, under the FallbackClassifier's 0.5
ANTWOORD_ZEKER = 0.85  # this model's belief in the one answer


def heeft_antwoord_nodig(message: Message, retrieval_intents: Collection[str]) -> bool:
    """A retrieval intent, a message not understood, or an intent typed as a command (`/faq`)."""
    intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
    tekst = message.get(TEXT) or ""
    return (
        intent == DEFAULT_NLU_FALLBACK_INTENT_NAME
        or intent in retrieval_intents
        or tekst.startswith(INTENT_MESSAGE_PREFIX)
        or vraagt_procedure_onderwerp(tekst)  # a situation and a question: the NLU step may answer the question
    )


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class AntwoordKeuze(IntentKeuze):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.retrieval_intents: List[str] = []
        self.responses: Dict[Text, List[Dict[Text, Any]]] = {}

    def train(self, training_data: TrainingData) -> Resource:
        self.retrieval_intents = sorted(training_data.retrieval_intents)
        self.responses = training_data.responses
        voorbeelden = [
            e for e in training_data.intent_examples if e.get(INTENT) in self.retrieval_intents and e.get(TEXT)
        ]
        if voorbeelden:
            self.clf.fit(self._create_X(voorbeelden), [e.get_full_intent() for e in voorbeelden])
            self.persist()
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        nodig = [m for m in messages if heeft_antwoord_nodig(m, self.retrieval_intents)]
        if nodig and hasattr(self.clf, "coef_"):
            for message, kansen in zip(nodig, self.clf.predict_proba(self._create_X(nodig)), strict=True):
                self.zet_keuze(message, kansen)
                beantwoord_na_twijfel(message)
        return messages

    def zet_keuze(self, message: Message, kansen: Any) -> None:
        """The pick and its ranking, in the shape of Rasa's ResponseSelector."""
        volgorde = sorted(range(len(kansen)), key=lambda i: -kansen[i])[: self.config["ranking_length"] or None]
        ranking = [
            {"id": i, PREDICTED_CONFIDENCE_KEY: float(kansen[i]), INTENT_RESPONSE_KEY: str(self.clf.classes_[i])}
            for i in volgorde
        ]
        sleutel = ranking[0][INTENT_RESPONSE_KEY]
        utter = util.intent_response_key_to_template_key(sleutel)
        keuze = {
            RESPONSE_SELECTOR_PREDICTION_KEY: {
                RESPONSE_SELECTOR_RESPONSES_KEY: self.responses.get(utter, []),
                PREDICTED_CONFIDENCE_KEY: ranking[0][PREDICTED_CONFIDENCE_KEY],
                INTENT_RESPONSE_KEY: sleutel,
                RESPONSE_SELECTOR_UTTER_ACTION_KEY: utter,
            },
            RESPONSE_SELECTOR_RANKING_KEY: ranking,
        }
        eigenschappen = message.get(RESPONSE_SELECTOR_PROPERTY_NAME, {})
        eigenschappen[RESPONSE_SELECTOR_RETRIEVAL_INTENTS] = self.retrieval_intents
        eigenschappen[RESPONSE_SELECTOR_DEFAULT_INTENT] = keuze
        message.set(RESPONSE_SELECTOR_PROPERTY_NAME, eigenschappen, add_to_output=True)

    def bewaar(self, model_dir: Path) -> None:
        super().bewaar(model_dir)
        inhoud = {"retrieval_intents": self.retrieval_intents, "responses": self.responses}
        (model_dir / ANTWOORDEN).write_text(json.dumps(inhoud, ensure_ascii=False), encoding="utf-8")

    def lees(self, model_dir: Path) -> None:
        super().lees(model_dir)
        inhoud = json.loads((model_dir / ANTWOORDEN).read_text(encoding="utf-8"))
        self.retrieval_intents, self.responses = inhoud["retrieval_intents"], inhoud["responses"]


def beantwoord_na_twijfel(message: Message) -> None:
    """A fallback whose first real intent is the question this model is sure about: that question, after all."""
    intent = message.get(INTENT) or {}
    if intent.get(INTENT_NAME_KEY) != DEFAULT_NLU_FALLBACK_INTENT_NAME:
        return
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY) != intent[INTENT_NAME_KEY]]
    keuze = message.get(RESPONSE_SELECTOR_PROPERTY_NAME, {}).get(RESPONSE_SELECTOR_DEFAULT_INTENT, {})
    antwoord = keuze.get(RESPONSE_SELECTOR_PREDICTION_KEY, {})
    if not ranking or antwoord.get(PREDICTED_CONFIDENCE_KEY, 0) < ANTWOORD_ZEKER:
        return
    eerste = ranking[0]
    vraag = str(antwoord.get(INTENT_RESPONSE_KEY) or "").split("/")[0]
    if eerste.get(INTENT_NAME_KEY) == vraag and eerste.get(PREDICTED_CONFIDENCE_KEY, 0) >= VRAAG_MINIMUM:
        message.set(INTENT, dict(eerste), add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
