"""What every channel does with an incoming message: check it, hand it to Rasa, never stay silent."""

import asyncio
import logging
import weakref
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Dict, Optional, Set

from rasa.core.agent import Agent
from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.lock_store import InMemoryLockStore
from rasa.shared.core.events import BotUttered, UserUttered

from dienst import instellingen
from lezen.taal import is_engels
from rasaserver.kanalen.invoer import beoordeel, lijkt_commando

logger = logging.getLogger(__name__)

Verwerker = Callable[[UserMessage], Awaitable[Any]]
_beurten: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore]" = weakref.WeakKeyDictionary()

# One message of a conversation in work and one waiting; a third gets TE_SNEL and is not stored. REST says
# 429 with Retry-After: TE_SNEL_SECONDEN (rasaserver/kanalen/rest.py).
PER_GESPREK = 2
TE_SNEL = "U stuurt berichten sneller dan ik kan antwoorden. Wacht op mijn antwoord en stuur uw bericht dan opnieuw."
TE_SNEL_SECONDEN = 2
# The apology when Rasa has no domain to take utter_storing from (no model loaded): never silence.
STORING = (
    "Sorry, er is nu een technische storing. Probeer het over een paar minuten opnieuw. "
    "Hebt u nu hulp nodig? Bel de IND: 088 043 0430."
)


# Another server of the deployment may be answering this conversation's previous message (replicas share the
# lock store): the message looks this often whether that one is done, without a turn, for at most this long.
ANDERE_SERVER_KIJKEN = 0.25
ANDERE_SERVER_HOOGSTENS = 60.0


@dataclass
class Gesprek:
    """The messages of one conversation in this process: `aantal` in work or waiting, one at a time in `beurt`."""

    beurt: asyncio.Lock = field(default_factory=asyncio.Lock)
    aantal: int = 0


_gesprekken: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Dict[str, Gesprek]]" = weakref.WeakKeyDictionary()


def gesprekken() -> Dict[str, Gesprek]:
    return _gesprekken.setdefault(asyncio.get_running_loop(), {})


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
    domein = getattr(agent, "domain", None)
    if domein is None and naam == "utter_storing":
        return STORING
    return domein.responses[naam][0]["text"]


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
) -> bool:
    """Checks the message, lets Rasa answer it, and apologises instead of staying silent on a failure.

    False: the conversation already had a message in work and one waiting; this one got TE_SNEL and went no
    further. A message waits for its conversation's earlier one before it takes one of the BERICHTEN_TEGELIJK
    turns, so one client sending fast holds at most one turn and other people's messages pass it; Rasa's own
    lock (agent.handle_message) is then free when the message gets there."""
    gesprek = gesprekken().setdefault(sender_id, Gesprek())
    if gesprek.aantal >= PER_GESPREK:
        await output.send_text_message(sender_id, TE_SNEL)
        return False
    gesprek.aantal += 1
    try:
        async with gesprek.beurt:
            await beantwoord(agent, on_new_message, ruwe_tekst, output, sender_id, input_channel, metadata)
    finally:
        gesprek.aantal -= 1
        if gesprek.aantal == 0:
            gesprekken().pop(sender_id, None)
    return True


async def beantwoord(
    agent: Agent,
    on_new_message: Verwerker,
    ruwe_tekst: object,
    output: OutputChannel,
    sender_id: str,
    input_channel: str,
    metadata: Optional[Dict[str, Any]],
) -> None:
    try:
        invoer = beoordeel(ruwe_tekst, await aangeboden_knoppen(agent, sender_id, ruwe_tekst))
        if invoer.antwoord:
            await antwoord(agent, output, sender_id, invoer.antwoord)
            return
        if is_engels(invoer.tekst):
            await antwoord(agent, output, sender_id, "utter_antwoord_in_het_nederlands")
        bericht = UserMessage(invoer.tekst, output, sender_id, input_channel=input_channel, metadata=metadata)
        await wacht_op_andere_server(agent, sender_id)
        async with beurten():
            await on_new_message(bericht)
    except Exception:
        logger.exception("Bericht kon niet worden verwerkt (kanaal %s).", input_channel)
        await antwoord(agent, output, sender_id, "utter_storing")


async def wacht_op_andere_server(agent: Agent, sender_id: str) -> None:
    """Waits, holding no turn, while the shared lock store says another server has this conversation in hand (or
    a killed one still holds it, until its ticket expires): Rasa's lock in handle_message is then free when the
    message gets its turn. One process alone (InMemoryLockStore) needs no look: `Gesprek.beurt` already waited."""
    winkel = getattr(agent, "lock_store", None)
    if winkel is None or isinstance(winkel, InMemoryLockStore):
        return
    loop = asyncio.get_running_loop()
    einde = loop.time() + ANDERE_SERVER_HOOGSTENS
    while winkel.is_someone_waiting(sender_id) and loop.time() < einde:  # expired tickets do not count
        await asyncio.sleep(ANDERE_SERVER_KIJKEN)
