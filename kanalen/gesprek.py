"""What every channel does with an incoming message: check it, hand it to Rasa, never stay silent."""

import asyncio
import logging
import weakref
from typing import Any, Awaitable, Callable, Dict, Optional, Set

from rasa.core.agent import Agent
from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.shared.core.events import BotUttered, UserUttered

from lezen.taal import is_engels
from dienst import instellingen
from kanalen.invoer import beoordeel, lijkt_commando

logger = logging.getLogger(__name__)

Verwerker = Callable[[UserMessage], Awaitable[Any]]
_beurten: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore]" = weakref.WeakKeyDictionary()


def beurten() -> asyncio.Semaphore:
    """How many messages Rasa works on at once in this process (BERICHTEN_TEGELIJK); the others wait in turn.

    Rasa answers every message in one event loop: a message that waits for the action server lets the model
    work on all other messages first. Taking a few at a time, in order of arrival, lets a started answer finish
    before new ones begin: the same work, a shorter tail of waiting times, and no reply that comes too late
    for ACTIE_TIMEOUT only because the loop was busy."""
    loop = asyncio.get_running_loop()  # a Sanic worker has its own
    if loop not in _beurten:
        _beurten[loop] = asyncio.Semaphore(instellingen.huidige().berichten_tegelijk)
    return _beurten[loop]


async def aangeboden_knoppen(agent: Agent, sender_id: str, ruwe_tekst: object) -> Set[str]:
    """Payloads of the buttons in the assistant's latest turn; read only for a message that needs them."""
    if not lijkt_commando(ruwe_tekst):
        return set()
    tracker = await agent.tracker_store.retrieve(sender_id)
    if tracker is None:
        return set()
    knoppen: Set[str] = set()
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, BotUttered):
            knoppen.update(k.get("payload", "") for k in event.data.get("buttons") or [])
    return knoppen


def response_tekst(agent: Agent, naam: str) -> str:
    return agent.domain.responses[naam][0]["text"]


async def antwoord(agent: Agent, output: OutputChannel, sender_id: str, naam: str) -> None:
    await output.send_text_message(sender_id, response_tekst(agent, naam))


async def verwerk(
    agent: Agent,
    on_new_message: Verwerker,
    ruwe_tekst: object,
    output: OutputChannel,
    sender_id: str,
    input_channel: str,
    metadata: Optional[Dict[str, Any]] = None,
) -> None:
    """Checks the message, lets Rasa answer it, and apologises instead of staying silent on a failure."""
    try:
        invoer = beoordeel(ruwe_tekst, await aangeboden_knoppen(agent, sender_id, ruwe_tekst))
        if invoer.antwoord:
            await antwoord(agent, output, sender_id, invoer.antwoord)
            return
        if is_engels(invoer.tekst):
            await antwoord(agent, output, sender_id, "utter_antwoord_in_het_nederlands")
        bericht = UserMessage(invoer.tekst, output, sender_id, input_channel=input_channel, metadata=metadata)
        async with beurten():
            await on_new_message(bericht)
    except Exception:
        logger.exception("Bericht kon niet worden verwerkt (kanaal %s).", input_channel)
        await antwoord(agent, output, sender_id, "utter_storing")
