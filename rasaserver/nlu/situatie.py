"""An NLU step after the classifiers: a message that tells a situation of the page goes to that situation.

The intent classifier is good at the common wordings; the page's situations also have words that settle them
("mijn man is overleden", "geen aangifte"). When the model chose a glossary, overview or fallback answer for
such a message, or the wrong route, the situation wins; questions (fees, FAQ) keep their intent and get the
situation as a `route` entity, so they are answered for that situation. The steps are in stappen.py.
"""

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from rasaserver.nlu.ontleding import Ontleding
from rasaserver.nlu.stappen import stuur


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
            tekst = message.get(TEXT) or ""
            if tekst and not tekst.startswith("/"):  # a button's payload is already what it means
                stuur(Ontleding(message))
        return messages
