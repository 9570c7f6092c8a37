"""Rasa's response selector, run only for the messages whose answer it chooses.

The selector picks the FAQ or glossary answer (`utter_faq`, `utter_begrip`). Its answer is used only when the
intent is one of those retrieval intents, or when the message is not understood: then the fallback's topic
buttons (actions/fallback.py) and the conversation insight (dienst/inzicht) read its pick. For every other
message (an answer in a check, a situation, a fee question) its model call was wasted: a tenth of the server's
time per message. It therefore runs after the FallbackClassifier, when the intent is final but for
nlu.situatie.SituatieHerkenner, which never turns a message into a retrieval intent.
"""

from typing import Collection, List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.selectors.response_selector import ResponseSelector
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME, INTENT_MESSAGE_PREFIX
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message


def heeft_antwoord_nodig(message: Message, retrieval_intents: Collection[str]) -> bool:
    """A retrieval intent, a message not understood, or an intent typed as a command (`/faq`)."""
    intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
    tekst = message.get(TEXT) or ""
    return (
        intent == DEFAULT_NLU_FALLBACK_INTENT_NAME
        or intent in retrieval_intents
        or tekst.startswith(INTENT_MESSAGE_PREFIX)
    )


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class AntwoordKeuze(ResponseSelector):
    def process(self, messages: List[Message]) -> List[Message]:
        super().process([m for m in messages if heeft_antwoord_nodig(m, self.all_retrieval_intents)])
        return messages
