"""rasaserver/nlu/intentkeuze.py: Rasa's logistic regression, the same features and model, stored without skops."""

import numpy as np
import pytest
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.training_data.training_data import TrainingData

from rasaserver.nlu.intentkeuze import BESTAND, IntentKeuze
from tests.rasaserver.nlu.berichten import bericht, context

INTENTS = ["greet", "deny", "route_overlijden_partner"]


def rasa_matrix(berichten):
    return LogisticRegressionClassifier._create_X(None, berichten).toarray()


@pytest.mark.parametrize(
    "soort",
    [
        {},
        {"dicht": False},
        {"ijl": False},
    ],
)
def test_dezelfde_kenmerken_als_rasa(soort):
    berichten = [bericht(n, **soort) for n in range(12)]
    eigen = IntentKeuze._create_X(IntentKeuze.__new__(IntentKeuze), berichten)
    assert eigen.shape == (12, rasa_matrix(berichten).shape[1])
    np.testing.assert_array_equal(eigen.toarray(), rasa_matrix(berichten))


def test_gemengde_berichten_gaan_zoals_rasa_ze_maakt():
    berichten = [bericht(0), bericht(1, dicht=False)]
    with pytest.raises(ValueError):  # Rasa's own stacking refuses rows of different widths
        IntentKeuze._create_X(IntentKeuze.__new__(IntentKeuze), berichten)


@pytest.fixture
def opslag(tmp_path):
    return LocalModelStorage(tmp_path)


def maak(opslag, naam="intentkeuze"):
    return IntentKeuze.create(
        {**IntentKeuze.get_default_config(), "max_iter": 300}, opslag, Resource(naam), context(naam)
    )


def test_opgeslagen_en_gelezen_geeft_dezelfde_zekerheden(opslag):
    voorbeelden = [bericht(n, INTENTS[n % 3]) for n in range(60)]
    getraind = maak(opslag)
    getraind.train(TrainingData(voorbeelden))

    gelezen = IntentKeuze.load(getraind.config, opslag, Resource("intentkeuze"), context("intentkeuze"))

    nieuw = [bericht(n) for n in range(100, 110)]
    X = gelezen._create_X(nieuw)
    np.testing.assert_array_equal(gelezen.clf.predict_proba(X), getraind.clf.predict_proba(X))
    assert list(gelezen.clf.classes_) == sorted(INTENTS)
    uit = gelezen.process(nieuw)
    assert all(m.get("intent")["name"] in INTENTS for m in uit)
    with opslag.read_from(Resource("intentkeuze")) as map_:
        assert [p.name for p in map_.iterdir()] == [BESTAND]
        np.load(map_ / BESTAND, allow_pickle=False).close()  # plain arrays, nothing to unpickle


def test_niet_getraind_geeft_een_lege_classifier(opslag):
    leeg = IntentKeuze.load({}, opslag, Resource("leeg"), context("leeg"))
    assert not hasattr(leeg.clf, "coef_")
