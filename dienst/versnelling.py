"""Two Rasa 3.6 hot spots per message, made cheap without changing any result (tests/e2e/test_versnelling.py).

- Every stored event is turned back into an object by walking all Event subclasses, per event, per message.
  A class per event name, looked up once, gives the same class.
- Each model call (DIET, the response selector, TED) goes through `tf.function`, whose Python-side input
  checks cost more than the model itself for one short message. The model's one traced graph (Rasa gives
  it a fixed input signature) is called directly, with the inputs converted to the signature's types.
"""

import weakref
from typing import Any, Dict, List, Optional, Tuple, Type

import tensorflow as tf
from keras.utils import tf_utils
from rasa.shared.constants import DIAGNOSTIC_DATA
from rasa.shared.core.events import Event
from rasa.utils.tensorflow.models import RasaModel

_event_soorten: Dict[str, Type[Event]] = {}
_origineel_resolve_by_type = Event.resolve_by_type
_origineel_rasa_predict = RasaModel._rasa_predict
# per model: its traced graph and the graph's flat input specs
_grafen: "weakref.WeakKeyDictionary[RasaModel, Tuple[Any, List[Any]]]" = weakref.WeakKeyDictionary()


def event_soort(type_name: str, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
    soort = _event_soorten.get(type_name)
    if soort is None:
        soort = _origineel_resolve_by_type(type_name, default)
        if soort is not None and soort is not default:
            _event_soorten[type_name] = soort
    return soort


def voorspel(model: RasaModel, batch_in: Any) -> Dict[str, Any]:
    gevonden = _grafen.get(model)
    if gevonden is None:
        uitkomst = _origineel_rasa_predict(model, batch_in)  # traces the graph on the first call
        if model._tf_predict_step is not None and not model._run_eagerly:
            graaf = model._tf_predict_step.get_concrete_function()
            _grafen[model] = (graaf, tf.nest.flatten(graaf.structured_input_signature))
        return uitkomst
    graaf, specs = gevonden
    waarden = tf.nest.flatten(batch_in)
    if len(specs) != len(waarden):
        return _origineel_rasa_predict(model, batch_in)
    invoer = [tf.convert_to_tensor(waarde, dtype=spec.dtype) for waarde, spec in zip(waarden, specs, strict=True)]
    uitkomst = tf_utils.sync_to_numpy_or_python_type(graaf._call_flat(invoer, graaf.captured_inputs))
    if DIAGNOSTIC_DATA in uitkomst:
        uitkomst[DIAGNOSTIC_DATA] = model._empty_lists_to_none_in_dict(uitkomst[DIAGNOSTIC_DATA])
    return uitkomst


def installeer() -> None:
    Event.resolve_by_type = staticmethod(event_soort)
    RasaModel._rasa_predict = voorspel


def verwijder() -> None:
    Event.resolve_by_type = staticmethod(_origineel_resolve_by_type)
    RasaModel._rasa_predict = _origineel_rasa_predict
