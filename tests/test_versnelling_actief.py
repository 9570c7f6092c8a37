"""dienst/versnelling.py is not only harmless but in use: once installed, events are looked up in its table
and a model's second call goes straight to its traced graph (tests/e2e/test_versnelling.py: same outcomes)."""

import numpy as np
import pytest
import tensorflow as tf
from rasa.shared.core.events import Event, UserUttered
from rasa.utils.tensorflow.models import RasaModel

from dienst import versnelling


class KleinModel(RasaModel):
    """The smallest Rasa model: one sum, called the way DIET, the response selector and TED are called."""

    def batch_to_model_data_format(self, batch, data_signature):  # not used: predict_step reads the batch
        return batch

    def predict_step(self, batch_in):
        return {"som": tf.reduce_sum(batch_in[0], axis=-1) + tf.cast(tf.reduce_sum(batch_in[1]), tf.float32)}


@pytest.fixture
def geinstalleerd(monkeypatch):
    monkeypatch.setattr(versnelling, "_event_soorten", {})
    monkeypatch.setattr(Event, "resolve_by_type", Event.resolve_by_type)
    monkeypatch.setattr(RasaModel, "_rasa_predict", RasaModel._rasa_predict)
    versnelling.installeer()


def test_installeer_zet_beide_versnellingen_en_verwijder_haalt_ze_weg(monkeypatch):
    monkeypatch.setattr(Event, "resolve_by_type", Event.resolve_by_type)
    monkeypatch.setattr(RasaModel, "_rasa_predict", RasaModel._rasa_predict)
    versnelling.installeer()
    assert Event.resolve_by_type is versnelling.event_soort and RasaModel._rasa_predict is versnelling.voorspel
    versnelling.verwijder()
    assert Event.resolve_by_type is not versnelling.event_soort
    assert RasaModel._rasa_predict is versnelling._origineel_rasa_predict


def test_events_komen_uit_de_tabel(geinstalleerd):
    event = Event.from_parameters(UserUttered("Wat kost het?", {"intent": {"name": "vraag_kosten"}}).as_dict())
    assert isinstance(event, UserUttered)
    assert versnelling._event_soorten["user"] is UserUttered


def test_de_tweede_modelaanroep_gaat_direct_naar_de_graaf(geinstalleerd, monkeypatch):
    origineel = versnelling._origineel_rasa_predict
    gewoon = []
    monkeypatch.setattr(versnelling, "_origineel_rasa_predict", lambda m, b: gewoon.append(m) or origineel(m, b))
    model = KleinModel(random_seed=1)
    batch = (np.array([[1.0, 2.0], [3.0, 4.0]], dtype=np.float32), np.array([[1]], dtype=np.int64))
    eerste = model._rasa_predict(batch)
    tweede = model._rasa_predict((batch[0] * 2, batch[1]))
    assert gewoon == [model]  # only the first call, which traces the graph, took Rasa's way
    assert model in versnelling._grafen
    np.testing.assert_allclose(eerste["som"], [4.0, 8.0])
    np.testing.assert_allclose(tweede["som"], [7.0, 15.0])
