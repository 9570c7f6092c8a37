"""Messages with sentence features as Rasa's featurizers leave them, for the classifiers' tests (no model needed)."""

import numpy as np
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message


def bericht(nummer, intent=None, ijl=True, dicht=True, tekst=None, **data):
    """Features drawn from `nummer`: the same number gives the same message."""
    m = Message(data={"text": tekst or f"bericht {nummer}", "intent": intent, **data})
    if ijl:
        zin = scipy.sparse.random(1, 40, density=0.2, random_state=nummer, format="coo")
        m.add_features(Features(zin, "sentence", "text", "CountVectorsFeaturizer"))
        m.add_features(
            Features(scipy.sparse.coo_matrix(np.ones((3, 40))), "sequence", "text", "CountVectorsFeaturizer")
        )
        patronen = scipy.sparse.random(1, 5, density=0.4, random_state=nummer + 1000, format="coo")
        m.add_features(Features(patronen, "sentence", "text", "RegexFeaturizer"))
    if dicht:
        m.add_features(
            Features(np.random.default_rng(nummer).normal(size=(1, 8)), "sentence", "text", "SpacyFeaturizer")
        )
    return m


def context(naam):
    return ExecutionContext(GraphSchema({}), node_name=naam)
