"""When the action server is down or hangs, the user gets a short apology within seconds, not silence.

Rasa logs a failed custom action and then says nothing; a hung action server keeps the user waiting for
five minutes. One user message may run several custom actions (a form validates, then asks): together they
get `ACTIE_TIMEOUT` seconds, and after the first failure the others of that message are not tried. The
conversation goes on as soon as the action server is back.
"""

import asyncio
import logging
import sys
import time
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType
from typing import Any, Dict, Hashable, List, Optional, Tuple, Type

import aiohttp
import jsonschema
import rasa.core.actions.action as rasa_acties
from rasa.core.actions.action import ActionExecutionRejection, create_bot_utterance
from rasa.shared.core.events import BotUttered, Event, UserUttered
from rasa.shared.exceptions import RasaException

from dienst import instellingen

logger = logging.getLogger(__name__)

STORING = "utter_storing"


def al_gemeld(tracker: Any) -> bool:
    """True when this turn already carries the apology (a form can call several actions per turn)."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, BotUttered) and (event.metadata or {}).get("utter_action") == STORING:
            return True
    return False


@lru_cache(maxsize=None)
def antwoordcontrole() -> Any:
    """The validator for action-server replies, built once: Rasa's `jsonschema.validate` call first checks
    the large schema itself, on every action call (a quarter of the server's CPU time under load)."""
    schema = rasa_acties.RemoteAction.action_response_format_spec()
    return jsonschema.validators.validator_for(schema)(schema)


@dataclass
class Beurt:
    """The custom actions run for one user message: until when they may wait, and whether one failed."""

    bericht: Hashable
    einde: float
    gestoord: bool = False

    def wachttijd(self) -> float:
        return 0.0 if self.gestoord else max(0.0, self.einde - time.monotonic())


class Beurten:
    """Per conversation the turn in progress; a new user message starts a new one. Bounded in size."""

    def __init__(self, maximum: int = 10_000) -> None:
        self.maximum = maximum
        self._per_gesprek: "OrderedDict[str, Beurt]" = OrderedDict()

    def van(self, tracker: Any, seconden: float) -> Beurt:
        bericht = bericht_sleutel(tracker)
        beurt = self._per_gesprek.get(tracker.sender_id)
        if beurt is None or beurt.bericht != bericht:
            beurt = Beurt(bericht, time.monotonic() + seconden)
            self._per_gesprek[tracker.sender_id] = beurt
        self._per_gesprek.move_to_end(tracker.sender_id)
        while len(self._per_gesprek) > self.maximum:
            self._per_gesprek.popitem(last=False)
        return beurt


def bericht_sleutel(tracker: Any) -> Optional[Hashable]:
    """The user message a tracker answers (the temporary trackers of a form carry the same one)."""
    bericht = getattr(tracker, "latest_message", None)
    if bericht is None:
        return None
    return (getattr(bericht, "message_id", None), getattr(bericht, "timestamp", None), bericht.text)


BEURTEN = Beurten()


# No module-level name for Rasa's own class here: the check below finds every module that still holds it.
class RemoteActionMetStoring(rasa_acties.RemoteAction):
    def _validate_action_result(self, result: Dict[str, Any]) -> bool:
        fout = jsonschema.exceptions.best_match(antwoordcontrole().iter_errors(result))
        if fout is not None:
            fout.message += ". Failed to validate Action server response from API."
            raise fout
        return True

    async def run(self, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> List[Event]:
        beurt = BEURTEN.van(tracker, instellingen.huidige().actie_timeout)
        try:
            if beurt.wachttijd() <= 0:
                raise asyncio.TimeoutError("de tijd voor dit bericht is op, of een eerdere actie mislukte")
            return await asyncio.wait_for(super().run(output_channel, nlg, tracker, domain), beurt.wachttijd())
        except ActionExecutionRejection:
            raise
        except (RasaException, aiohttp.ClientError, asyncio.TimeoutError) as fout:
            if not beurt.gestoord:
                logger.error("Actie %s mislukt, de gebruiker krijgt de storingsmelding: %s", self.name(), fout)
            beurt.gestoord = True
            if al_gemeld(tracker):
                return []
            return [await storingsmelding(nlg, tracker, output_channel)]


async def storingsmelding(nlg: Any, tracker: Any, output_channel: Any) -> BotUttered:
    bericht = await nlg.generate(STORING, tracker, output_channel.name()) or {}
    bericht["utter_action"] = STORING
    return create_bot_utterance(bericht)


def gewone_klasse() -> Type[Any]:
    """Rasa's own RemoteAction, also after installeer()."""
    return RemoteActionMetStoring.__bases__[0]


def houders(klasse: Type[Any]) -> List[Tuple[ModuleType, str]]:
    """Every loaded module and name that refers to `klasse`."""
    gevonden = []
    for module in list(sys.modules.values()):
        for naam, waarde in list(getattr(module, "__dict__", {}).items()):
            if waarde is klasse:
                gevonden.append((module, naam))
    return gevonden


def installeer() -> None:
    """Makes Rasa build every custom action (also form validation and slot mappings) with the class above.

    Rasa 3.6 builds them in rasa.core.actions.action and .forms; any other module that imported the class
    by the time the server starts gets ours too, and modules imported later find ours in .action.
    """
    for module, naam in houders(gewone_klasse()):
        setattr(module, naam, RemoteActionMetStoring)
