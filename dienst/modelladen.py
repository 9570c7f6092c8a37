"""Loading a trained model without tracing its training step (Rasa 3.6 `RasaModel.load`), and spaCy once.

To give DIET, the response selector and TED weights of the right shape, Rasa runs `model.fit` on one
example: TensorFlow then traces the whole training step (forward pass, gradients, optimizer), which is most
of the time and memory of a start, for a graph that is never used again. One forward pass of the same loss,
eager and without gradients, creates exactly the same variables; the weights are then read from the
checkpoint, and every variable of the model must be found there, else loading stops.

Rasa's graph has two SpacyNLP nodes (one provides the model, one processes messages); each loads
`nl_core_news_sm` from disk. They now share one loaded model: Rasa only reads it.
"""

from functools import lru_cache
from typing import Any, Optional

import tensorflow as tf
from rasa.nlu.utils.spacy_utils import SpacyNLP
from rasa.utils.tensorflow.constants import LEARNING_RATE, RUN_EAGERLY
from rasa.utils.tensorflow.data_generator import RasaBatchDataGenerator
from rasa.utils.tensorflow.model_data import RasaModelData
from rasa.utils.tensorflow.models import RasaModel

_origineel_load = RasaModel.load.__func__
_origineel_spacy = SpacyNLP.load_model
spacy_model = lru_cache(maxsize=None)(_origineel_spacy)


def bouw_variabelen(model: RasaModel, voorbeeld: RasaModelData) -> None:
    """One eager forward pass of the training loss: the variables the training step would create."""
    batch, _ = RasaBatchDataGenerator(voorbeeld, batch_size=1)[0]
    model._training = True
    try:
        model.batch_loss(batch)
    finally:
        model._training = None


def laad(
    cls: type,
    model_file_name: str,
    model_data_example: RasaModelData,
    predict_data_example: Optional[RasaModelData] = None,
    finetune_mode: bool = False,
    *args: Any,
    **kwargs: Any,
) -> RasaModel:
    if finetune_mode:  # training goes on from here: the optimizer and its traced step are needed
        return _origineel_load(cls, model_file_name, model_data_example, predict_data_example, True, *args, **kwargs)
    model = cls(*args, **kwargs)
    config = kwargs.get("config", {})
    model.compile(  # as Rasa does; Adam makes no variables until it trains
        optimizer=tf.keras.optimizers.Adam(config.get(LEARNING_RATE, 0.001)), run_eagerly=config.get(RUN_EAGERLY)
    )
    bouw_variabelen(model, model_data_example)
    status = model.load_weights(model_file_name)
    status.assert_existing_objects_matched()  # every variable of the model has its trained value
    status.expect_partial()  # the optimizer's saved state is not needed to predict
    if predict_data_example:
        model.run_inference(predict_data_example)  # traces the prediction graph now, not at the first message
    return model


def installeer() -> None:
    RasaModel.load = classmethod(laad)
    SpacyNLP.load_model = staticmethod(spacy_model)


def verwijder() -> None:
    RasaModel.load = classmethod(_origineel_load)
    SpacyNLP.load_model = staticmethod(_origineel_spacy)


def actief() -> bool:
    return RasaModel.load.__func__ is laad and SpacyNLP.load_model is spacy_model
