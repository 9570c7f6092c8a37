"""When the action server is down or hangs, the user gets a short apology within seconds, not silence.

Rasa logs a failed custom action and then says nothing; a hung action server keeps the user waiting for
five minutes. One user message may run several custom actions (a form validates, then asks): after the first
failure the others of that message are not tried, so the apology comes within `ACTIE_TIMEOUT` for the whole
message. The conversation goes on as soon as the action server is back. Under heavy load Rasa's own event
loop is late to read a reply that came in time; that delay does not count against the action server.
"""

import asyncio
import copy
import logging
import sys
from collections import OrderedDict
from functools import lru_cache
from types import ModuleType
from typing import Any, Awaitable, Dict, Hashable, List, Optional, Tuple, Type

import aiohttp
import jsonschema
import rasa.core.actions.action as rasa_acties
from rasa.core.actions.action import ActionExecutionRejection, create_bot_utterance
from rasa.shared.core.constants import REQUESTED_SLOT
from rasa.shared.core.events import BotUttered, Event, SlotSet, UserUttered
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


@lru_cache(maxsize=None)
def controle_per_soort() -> Tuple[Any, Any, Dict[str, Any]]:
    """The same schema in three parts: the reply without its events, one event without its `oneOf`, and each
    event type by its name. Rasa's `oneOf` tries every event type on every event (17 ms for a reply that sets
    27 slots); the types differ in their `event` constant, so exactly the one named can match."""
    schema = copy.deepcopy(rasa_acties.RemoteAction.action_response_format_spec())
    event = schema["properties"]["events"].pop("items")
    soorten = {soort["properties"]["event"]["const"]: soort for soort in event.pop("oneOf")}
    bouw = jsonschema.validators.validator_for(schema)
    return bouw(schema), bouw(event), {naam: bouw(soort) for naam, soort in soorten.items()}


def geldig_antwoord(result: Any) -> bool:
    """Whether `result` fits Rasa's schema for action-server replies (the same verdict, faster)."""
    antwoord, event, soorten = controle_per_soort()
    if not antwoord.is_valid(result):
        return False
    for gebeurtenis in result.get("events") or []:
        if not event.is_valid(gebeurtenis):
            return False
        soort = soorten.get(gebeurtenis.get("event"))
        if soort is None or not soort.is_valid(gebeurtenis):
            return False
    return True


class Storingen:
    """Per conversation, the user message during which a custom action failed. Bounded in size."""

    def __init__(self, maximum: int = 10_000) -> None:
        self.maximum = maximum
        self._per_gesprek: "OrderedDict[str, Hashable]" = OrderedDict()

    def meld(self, tracker: Any) -> None:
        self._per_gesprek[tracker.sender_id] = bericht_sleutel(tracker)
        self._per_gesprek.move_to_end(tracker.sender_id)
        while len(self._per_gesprek) > self.maximum:
            self._per_gesprek.popitem(last=False)

    def tijdens_dit_bericht(self, tracker: Any) -> bool:
        gemeld = self._per_gesprek.get(tracker.sender_id)
        return gemeld is not None and gemeld == bericht_sleutel(tracker)


def bericht_sleutel(tracker: Any) -> Optional[Hashable]:
    """The user message a tracker answers (the temporary trackers of a form carry the same one)."""
    bericht = getattr(tracker, "latest_message", None)
    if bericht is None:
        return None
    return (getattr(bericht, "message_id", None), getattr(bericht, "timestamp", None), bericht.text)


STORINGEN = Storingen()
STAP = 0.25  # seconds between looks at a pending action call
NA_STORING = 0.5  # seconds an action call may take while the previous call to the action server failed
_vorige_mislukt = (
    False  # Rasa's messages wait their turn (rasaserver/kanalen/gesprek.py): a dead server must not hold them
)


def wachttijd() -> float:
    """ACTIE_TIMEOUT, or a short wait while the action server is known to be away, so that the messages
    waiting their turn get their apology quickly too; the first call that succeeds restores the full wait."""
    volle = instellingen.huidige().actie_timeout
    return min(volle, NA_STORING) if _vorige_mislukt else volle


async def binnen_de_wachttijd(werk: Awaitable[Any], seconden: float) -> Any:
    """`werk`'s result, or TimeoutError after `seconden` of waiting on the action server.

    Like asyncio.wait_for, but a look that came late because the event loop was busy with other messages
    counts as one step, not as the time it took: a slow Rasa under load is not a hanging action server."""
    taak = asyncio.ensure_future(werk)
    gewacht = 0.0
    try:
        while gewacht < seconden:
            stap = min(STAP, seconden - gewacht)
            klaar, _ = await asyncio.wait({taak}, timeout=stap)
            if klaar:
                return taak.result()
            # A look counts as the step it asked for: late because the loop was busy, or a hair early because
            # the loop's timer fires within its clock resolution (it once took 43 looks to add up to 1 s).
            gewacht += stap
        raise asyncio.TimeoutError(f"geen antwoord van de actieserver binnen {seconden:g} s")
    finally:
        if not taak.done():
            taak.cancel()


# No module-level name for Rasa's own class here: the check below finds every module that still holds it.
class RemoteActionMetStoring(rasa_acties.RemoteAction):
    def _validate_action_result(self, result: Dict[str, Any]) -> bool:
        if geldig_antwoord(result):
            return True
        fout = jsonschema.exceptions.best_match(antwoordcontrole().iter_errors(result))  # Rasa's own message
        if fout is not None:
            fout.message += ". Failed to validate Action server response from API."
            raise fout
        return True

    async def run(self, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> List[Event]:
        if STORINGEN.tijdens_dit_bericht(tracker):  # an earlier action of this message failed: not tried again
            return await excuus(nlg, tracker, output_channel)
        global _vorige_mislukt
        try:
            events = await binnen_de_wachttijd(super().run(output_channel, nlg, tracker, domain), wachttijd())
            _vorige_mislukt = False
            return events
        except ActionExecutionRejection:
            _vorige_mislukt = False
            raise
        except (RasaException, aiohttp.ClientError, asyncio.TimeoutError) as fout:
            logger.error("Actie %s mislukt, de gebruiker krijgt de storingsmelding: %s", self.name(), fout)
            _vorige_mislukt = True
            STORINGEN.meld(tracker)
            return await excuus(nlg, tracker, output_channel)


async def excuus(nlg: Any, tracker: Any, output_channel: Any) -> List[Event]:
    """The apology, once per message (a rejected form may have dropped an earlier one: then it comes again),
    and the open question of a form kept open."""
    melding = [] if al_gemeld(tracker) else [await storingsmelding(nlg, tracker, output_channel)]
    return melding + vraag_blijft_open(tracker)


def vraag_blijft_open(tracker: Any) -> List[Event]:
    """While a form waits for an answer, the failed turn leaves that question open: the form asks it again and
    the next answer goes on where the check was. Without this, Rasa's form rejects the turn (nothing was filled)
    and the rules take over, e.g. the fallback for a one-word answer the model is not sure of."""
    slot = tracker.get_slot(REQUESTED_SLOT) if tracker.active_loop_name else None
    return [SlotSet(slot, tracker.get_slot(slot))] if slot else []


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
