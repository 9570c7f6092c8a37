"""spaCy's model loaded once (Rasa 3.6 `SpacyNLP.load_model`).

Rasa's graph has two SpacyNLP nodes (one provides the model, one processes messages); each loads
`nl_core_news_sm` from disk. They now share one loaded model: Rasa only reads it.

The NLU has no TensorFlow model any more (rasaserver/nlu/intentkeuze.py, rasaserver/nlu/antwoordkeuze.py), so the faster load of
Rasa's TensorFlow models that lived here is gone with them.
"""

from functools import lru_cache

from rasa.nlu.utils.spacy_utils import SpacyNLP

_origineel_spacy = SpacyNLP.load_model
spacy_model = lru_cache(maxsize=None)(_origineel_spacy)


def installeer() -> None:
    SpacyNLP.load_model = staticmethod(spacy_model)


def verwijder() -> None:
    SpacyNLP.load_model = staticmethod(_origineel_spacy)


def actief() -> bool:
    return SpacyNLP.load_model is spacy_model
