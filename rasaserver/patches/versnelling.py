"""A Rasa 3.6 hot spot per message, made cheap without changing any result (tests/e2e/test_versnelling.py).

Every stored event is turned back into an object by walking all Event subclasses, per event, per message.
A class per event name, looked up once, gives the same class.

(The direct call of a TensorFlow model's traced graph that lived here went with the NLU's last TensorFlow
model: rasaserver/nlu/intentkeuze.py, rasaserver/nlu/antwoordkeuze.py.)
"""

from typing import Dict, Optional, Type

from rasa.shared.core.events import Event

_event_soorten: Dict[str, Type[Event]] = {}
_origineel_resolve_by_type = Event.resolve_by_type


def event_soort(type_name: str, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
    soort = _event_soorten.get(type_name)
    if soort is None:
        soort = _origineel_resolve_by_type(type_name, default)
        if soort is not None and soort is not default:
            _event_soorten[type_name] = soort
    return soort


def installeer() -> None:
    Event.resolve_by_type = staticmethod(event_soort)


def verwijder() -> None:
    Event.resolve_by_type = staticmethod(_origineel_resolve_by_type)
