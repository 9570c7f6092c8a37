"""Rasa's logistic-regression intent classifier, with the same model stored and read without skops.

Rasa stores the scikit-learn model with skops, whose import walks all of scikit-learn's estimators: 13 s of
every training and of every server start on a 2-core machine. A logistic regression is its weights, its
intercepts and its intent names; they are stored here as plain arrays (no pickle), and read back into the same
scikit-learn model. The feature matrix is built in one step instead of two sparse stacks per message, and from
the sentence features only (Rasa also copies and joins the per-word features, which it then drops): the same
matrix (tests/rasaserver/nlu/test_intentkeuze.py), 8 s less training, and 6.2 → 4.3 ms per message in-process.
"""

from pathlib import Path
from typing import Any, Dict, List, Optional, Text

import numpy as np
import scipy.sparse
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.message import Message

BESTAND = "logistische_regressie.npz"
GEWICHTEN = ("coef_", "intercept_", "classes_", "n_iter_")


def zin(message: Message, ijl: bool) -> Optional[Any]:
    """The message's sentence features of one kind side by side, in the featurizers' order (as Rasa combines
    them, without also combining the per-word features, which neither classifier reads)."""
    delen = [
        f.features
        for f in message.features
        if f.attribute == TEXT and f.type == FEATURE_TYPE_SENTENCE and f.is_sparse() == ijl
    ]
    if not delen:
        return None
    return scipy.sparse.hstack(delen) if ijl else np.concatenate(delen, axis=-1)


def zinskenmerken(messages: List[Message]) -> Optional[scipy.sparse.csr_matrix]:
    """Each message's sentence features, sparse then dense, one row per message, as Rasa's `_create_X` makes them.

    None when only some messages have a kind of features: Rasa's own way handles that.
    """
    ijl = [zin(m, ijl=True) for m in messages]
    dicht = [zin(m, ijl=False) for m in messages]
    heeft_ijl, heeft_dicht = [x is not None for x in ijl], [x is not None for x in dicht]
    if not messages or any(heeft_ijl) != all(heeft_ijl) or any(heeft_dicht) != all(heeft_dicht):
        return None
    delen = []
    if all(heeft_ijl):
        delen.append(scipy.sparse.vstack(ijl))
    if all(heeft_dicht):
        delen.append(scipy.sparse.csr_matrix(np.vstack(dicht)))
    return scipy.sparse.hstack(delen).tocsr() if delen else None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class IntentKeuze(LogisticRegressionClassifier):
    def _create_X(self, messages: List[Message]) -> scipy.sparse.csr_matrix:
        matrix = zinskenmerken(messages)
        return super()._create_X(messages) if matrix is None else matrix

    def persist(self) -> None:
        with self._model_storage.write_to(self._resource) as model_dir:
            self.bewaar(model_dir)

    def bewaar(self, model_dir: Path) -> None:
        gewichten = {naam: getattr(self.clf, naam) for naam in GEWICHTEN}
        gewichten["classes_"] = np.asarray(gewichten["classes_"], dtype=str)
        np.savez(model_dir / BESTAND, **gewichten)

    def lees(self, model_dir: Path) -> None:
        with np.load(model_dir / BESTAND, allow_pickle=False) as gewichten:
            for naam in GEWICHTEN:
                setattr(self.clf, naam, gewichten[naam])
        self.clf.n_features_in_ = self.clf.coef_.shape[1]

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "IntentKeuze":
        component = cls(config, execution_context.node_name, model_storage, resource)
        try:
            with model_storage.read_from(resource) as model_dir:
                component.lees(model_dir)
        except ValueError:  # not trained (no intents): as Rasa, an untrained classifier
            pass
        return component
