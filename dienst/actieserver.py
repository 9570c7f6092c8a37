"""When the action server is down or hangs, the user gets a short apology within seconds, not silence.

Rasa logs a failed custom action and then says nothing; a hung action server keeps the user waiting for
five minutes. The conversation goes on as soon as the action server is back.
"""
import asyncio
import logging
from functools import lru_cache
from typing import Any, Dict, List

import aiohttp
import jsonschema
import rasa.core.actions.action
import rasa.core.actions.forms
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction, create_bot_utterance
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
    schema = RemoteAction.action_response_format_spec()
    return jsonschema.validators.validator_for(schema)(schema)


class RemoteActionMetStoring(RemoteAction):
    def _validate_action_result(self, result: Dict[str, Any]) -> bool:
        fout = jsonschema.exceptions.best_match(antwoordcontrole().iter_errors(result))
        if fout is not None:
            fout.message += ". Failed to validate Action server response from API."
            raise fout
        return True

    async def run(self, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> List[Event]:
        try:
            wachttijd = instellingen.huidige().actie_timeout
            return await asyncio.wait_for(super().run(output_channel, nlg, tracker, domain), wachttijd)
        except ActionExecutionRejection:
            raise
        except (RasaException, aiohttp.ClientError, asyncio.TimeoutError) as fout:
            logger.error("Actie %s mislukt, de gebruiker krijgt de storingsmelding: %s", self.name(), fout)
            if al_gemeld(tracker):
                return []
            return [await storingsmelding(nlg, tracker, output_channel)]


async def storingsmelding(nlg: Any, tracker: Any, output_channel: Any) -> BotUttered:
    bericht = await nlg.generate(STORING, tracker, output_channel.name()) or {}
    bericht["utter_action"] = STORING
    return create_bot_utterance(bericht)


def installeer() -> None:
    """Makes Rasa build every custom action (also form validation and slot mappings) with the class above."""
    rasa.core.actions.action.RemoteAction = RemoteActionMetStoring
    rasa.core.actions.forms.RemoteAction = RemoteActionMetStoring
