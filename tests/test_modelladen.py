"""dienst/modelladen.py: a trained model loads without tracing its training step, with the same weights and
predictions as Rasa's own load, and refuses a checkpoint that does not hold every variable."""

import numpy as np
import pytest
import tensorflow as tf
from rasa.utils.tensorflow.model_data import FeatureArray, RasaModelData
from rasa.utils.tensorflow.models import RasaModel

from dienst import modelladen


class KleinModel(RasaModel):
    """A Rasa model with two layers, trained, saved and loaded the way DIET and TED are."""

    def __init__(self, breedte: int = 3, extra_laag: bool = False, **kwargs) -> None:
        super().__init__(random_seed=7, **kwargs)
        regel = tf.keras.regularizers.l2(0.001)  # Rasa's training step adds the layers' regularisation losses
        self.verborgen = tf.keras.layers.Dense(breedte, kernel_regularizer=regel, name="verborgen")
        self.uit = tf.keras.layers.Dense(1, name="uit")
        self.extra = tf.keras.layers.Dense(2, name="extra") if extra_laag else None

    def _voorspel(self, batch_in):
        x = tf.reshape(tf.convert_to_tensor(batch_in[0], dtype=tf.float32), (-1, 2))
        uit = self.uit(self.verborgen(x))
        return uit if self.extra is None else uit + self.extra(x)[:, :1]

    def batch_to_model_data_format(self, batch, data_signature):
        return batch

    def batch_loss(self, batch_in):
        return tf.reduce_mean(tf.square(self._voorspel(batch_in) - 1.0))

    def predict_step(self, batch_in):
        return {"uitkomst": self._voorspel(batch_in)}


def voorbeeld(aantal: int = 4) -> RasaModelData:
    waarden = np.arange(aantal * 2, dtype=np.float32).reshape(aantal, 2) / 10
    return RasaModelData(data={"tekst": {"zin": [FeatureArray(waarden, number_of_dimensions=2)]}})


@pytest.fixture
def opgeslagen(tmp_path):
    model = KleinModel()
    model.compile(optimizer=tf.keras.optimizers.Adam(0.1))
    from rasa.utils.tensorflow.data_generator import RasaBatchDataGenerator

    model.fit(RasaBatchDataGenerator(voorbeeld(), batch_size=2), epochs=3, verbose=False)
    pad = str(tmp_path / "klein.tf_model")
    model.save(pad)
    return pad, model.run_inference(voorbeeld())["uitkomst"]


@pytest.fixture
def geinstalleerd(monkeypatch):
    monkeypatch.setattr(RasaModel, "load", RasaModel.load)
    modelladen.installeer()
    assert modelladen.actief()


def test_laden_zonder_trainingsstap_geeft_dezelfde_voorspelling(opgeslagen, geinstalleerd, monkeypatch):
    pad, verwacht = opgeslagen
    monkeypatch.setattr(KleinModel, "fit", lambda *a, **k: pytest.fail("the training step was traced"))
    geladen = KleinModel.load(pad, voorbeeld(1), predict_data_example=voorbeeld(1))
    np.testing.assert_allclose(geladen.run_inference(voorbeeld())["uitkomst"], verwacht, rtol=1e-6)
    assert geladen._tf_predict_step is not None  # the prediction graph was traced while loading


def test_rasas_eigen_laden_geeft_hetzelfde(opgeslagen, monkeypatch):
    pad, verwacht = opgeslagen
    monkeypatch.setattr(RasaModel, "load", RasaModel.load)
    modelladen.verwijder()
    assert not modelladen.actief()
    geladen = KleinModel.load(pad, voorbeeld(1), predict_data_example=voorbeeld(1))
    np.testing.assert_allclose(geladen.run_inference(voorbeeld())["uitkomst"], verwacht, rtol=1e-6)


def test_een_variabele_zonder_opgeslagen_waarde_stopt_het_laden(opgeslagen, geinstalleerd):
    pad, _ = opgeslagen
    with pytest.raises(AssertionError):
        KleinModel.load(pad, voorbeeld(1), extra_laag=True)


def test_verder_trainen_gaat_langs_rasas_eigen_weg(opgeslagen, geinstalleerd, monkeypatch):
    pad, _ = opgeslagen
    getraind = []
    origineel = KleinModel.fit
    monkeypatch.setattr(KleinModel, "fit", lambda self, *a, **k: getraind.append(1) or origineel(self, *a, **k))
    KleinModel.load(pad, voorbeeld(1), finetune_mode=True)
    assert getraind == [1]


def test_de_twee_spacy_knopen_delen_een_geladen_model(geinstalleerd, monkeypatch):
    from rasa.nlu.utils.spacy_utils import SpacyNLP

    monkeypatch.setattr(SpacyNLP, "load_model", SpacyNLP.load_model)
    modelladen.installeer()
    levert, verwerkt = (SpacyNLP.create({"model": "nl_core_news_sm"}, None, None, None) for _ in range(2))
    assert levert.provide() is verwerkt.provide()
    modelladen.verwijder()
    assert SpacyNLP.create({"model": "nl_core_news_sm"}, None, None, None).provide() is not levert.provide()
