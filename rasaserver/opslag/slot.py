"""A Redis lock store for several Rasa servers: every change is one Redis transaction, and a lock dies with its holder.

Two things in Rasa's RedisLockStore do not hold up with replicas:

1. It reads a conversation's lock, changes it in Python and writes it back: two servers that take a ticket for
   the same conversation at the same moment both get number 0, both process, and one of the two messages is lost
   from the tracker store (RasaHQ/rasa#9213; the fix was reverted from Rasa Open Source). Here every change is
   one transaction (WATCH/MULTI), which Redis retries when another server wrote in between.
2. A ticket lives LOCK_LIFETIME (60 s, or TICKET_LOCK_LIFETIME) from the moment it was issued, whatever its
   holder does. A server killed in the middle of a message keeps that conversation locked for up to a minute;
   a shorter lifetime alone would take the lock from a server that is only slow (a message waiting for its
   turn, a frozen action server) and let two servers work on one conversation. Here a ticket lives
   `levensduur` seconds (5) after its holder's last sign of life: a thread in each process renews the tickets
   the process holds or waits with every `vernieuw_elke` seconds (1), also while the event loop is busy. A killed
   server's ticket expires at most `levensduur` seconds after it died; a live one renews its own.

The clock is Redis's own (TIME, read in the same transaction), so servers whose clocks differ agree on when a
ticket has expired. Both numbers can be set in the endpoints file (`levensduur`, `vernieuw_elke`). Each ticket
also carries a random owner mark: Rasa numbers from 0 again once a queue is empty, so a holder starved for
longer than `levensduur` could otherwise take a newer ticket of the same number for its own; with the mark it
finds its ticket gone, and logs it.
"""

import asyncio
import json
import logging
import os
import secrets
import threading
import time
from collections import deque
from contextlib import asynccontextmanager
from typing import Any, AsyncGenerator, Callable, Deque, Dict, Optional, Tuple, TypeVar

from rasa.core.lock import Ticket, TicketLock
from rasa.core.lock_store import LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)

T = TypeVar("T")

LEVENSDUUR = 5.0  # seconds a ticket lives after its holder's last renewal
VERNIEUW_ELKE = 1.0  # seconds between two renewals: a holder may miss three before its ticket is at risk
WACHTTIJD = 0.25  # seconds a waiting message waits before it looks at the lock again (Rasa: 1 s)
# Seconds a lock stays in Redis after its last change. Live holders and waiters change it every `vernieuw_elke`:
# only a lock whose holders all died goes this way (Rasa's would stay until the conversation's next message).
BEWAAR = 300


class Kaartje(Ticket):
    """Rasa's ticket with the mark of the one it was issued to."""

    def __init__(self, number: int, expires: float, eigenaar: str = "") -> None:
        super().__init__(number, expires)
        self.eigenaar = eigenaar

    def as_dict(self) -> Dict[str, Any]:
        return {**super().as_dict(), "eigenaar": self.eigenaar}

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> "Kaartje":
        return cls(number=data["number"], expires=data["expires"], eigenaar=data.get("eigenaar", ""))


class Slot(TicketLock):
    """Rasa's ticket lock, read at one moment of Redis's clock (`nu`) instead of this machine's."""

    def __init__(self, conversation_id: str, tickets: Optional[Deque[Ticket]] = None, nu: float = 0.0) -> None:
        super().__init__(conversation_id, tickets)
        self.nu = nu

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> "Slot":
        return cls(
            data.get("conversation_id"), deque(Kaartje.from_dict(json.loads(d)) for d in data.get("tickets", []))
        )

    @classmethod
    def lees(cls, conversation_id: str, ruw: Optional[bytes], nu: float) -> "Slot":
        slot = cls.from_dict(json.loads(ruw)) if ruw else cls(conversation_id)
        slot.conversation_id = slot.conversation_id or conversation_id
        slot.nu = nu
        return slot

    def remove_expired_tickets(self) -> None:
        for ticket in [t for t in self.tickets if t.expires < self.nu]:
            self.tickets.remove(ticket)

    def is_someone_waiting(self) -> bool:
        """Only tickets that have not expired: Rasa's also counts a killed server's expired ticket, until the key
        goes, so a message that asks it (rasaserver/kanalen/gesprek.py) would wait that long."""
        self.remove_expired_tickets()
        return super().is_someone_waiting()

    def issue_ticket(self, lifetime: float, eigenaar: str = "") -> int:
        nummer = TicketLock.issue_ticket(self, lifetime)  # Rasa's numbering; its expiry by this machine's clock
        self.tickets[-1] = Kaartje(nummer, self.nu + lifetime, eigenaar)
        return nummer

    def van(self, nummer: int, eigenaar: Optional[str] = None) -> Optional[Ticket]:
        """Ticket `nummer` (issued to `eigenaar`, when given), unless it expired."""
        self.remove_expired_tickets()
        for ticket in self.tickets:
            if ticket.number == nummer and (eigenaar is None or getattr(ticket, "eigenaar", "") == eigenaar):
                return ticket
        return None


def redis_tijd(client: Any) -> float:
    seconden, microseconden = client.time()
    return seconden + microseconden / 1_000_000


class Hartslag:
    """The thread of one process that renews the tickets this process holds or waits with."""

    def __init__(self, winkel: "AtomischeRedisLockStore") -> None:
        self.winkel = winkel
        self.tickets: Dict[Tuple[str, int], str] = {}  # (conversation, number) -> owner mark
        self.wacht = threading.Condition()
        self.pid: Optional[int] = None

    def houd(self, conversation_id: str, ticket: int, eigenaar: str) -> None:
        with self.wacht:
            if self.pid != os.getpid():  # first use in this process (a Sanic worker is a fork): a thread of its own
                self.pid = os.getpid()
                self.tickets = {}
                threading.Thread(target=self._klop, name="slot-hartslag", daemon=True).start()
            self.tickets[(conversation_id, ticket)] = eigenaar
            self.wacht.notify()

    def laat(self, conversation_id: str, ticket: int) -> None:
        with self.wacht:
            self.tickets.pop((conversation_id, ticket), None)

    def _klop(self) -> None:
        while True:
            with self.wacht:
                while not self.tickets:
                    self.wacht.wait()
            time.sleep(self.winkel.vernieuw_elke)
            with self.wacht:
                tickets = list(self.tickets.items())
            for (conversation_id, ticket), eigenaar in tickets:
                try:
                    if not self.winkel.vernieuw(conversation_id, ticket, eigenaar):
                        with self.wacht:
                            nog_vast = (conversation_id, ticket) in self.tickets
                        if nog_vast:
                            logger.error(
                                "Ticket %s van gesprek %s is verlopen terwijl deze server het nog had "
                                "(langer dan %.0f s geen vernieuwing).",
                                ticket,
                                conversation_id,
                                self.winkel.levensduur,
                            )
                except Exception:  # Redis away for a moment: the next round tries again
                    logger.warning("Slot van gesprek %s niet vernieuwd.", conversation_id, exc_info=True)


class AtomischeRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig) -> None:
        kwargs = dict(endpoint_config.kwargs)
        self.levensduur = float(kwargs.pop("levensduur", None) or LEVENSDUUR)
        self.vernieuw_elke = float(kwargs.pop("vernieuw_elke", None) or VERNIEUW_ELKE)
        self.wachttijd = float(kwargs.pop("wachttijd", None) or WACHTTIJD)
        if not 0 < self.vernieuw_elke < self.levensduur:
            raise ValueError(
                f"vernieuw_elke ({self.vernieuw_elke}) moet tussen 0 en levensduur ({self.levensduur}) liggen"
            )
        super().__init__(host=endpoint_config.url, **kwargs)
        self.hartslag = Hartslag(self)

    def _wijzig(self, conversation_id: str, wijziging: Callable[[Slot], T]) -> T:
        """Reads, changes and writes the lock in one transaction; Redis retries it when another server wrote in
        between. A lock without tickets is deleted, as Rasa does."""
        sleutel = self.key_prefix + conversation_id

        def stap(pipe: Any) -> T:
            slot = Slot.lees(conversation_id, pipe.get(sleutel), redis_tijd(pipe))
            uitkomst = wijziging(slot)
            pipe.multi()
            if slot.tickets:
                pipe.set(sleutel, slot.dumps(), ex=BEWAAR)
            else:
                pipe.delete(sleutel)
            return uitkomst

        return self.red.transaction(stap, sleutel, value_from_callable=True)

    def get_lock(self, conversation_id: str) -> Optional[TicketLock]:
        with self.red.pipeline(transaction=False) as pipe:
            ruw, (seconden, microseconden) = pipe.get(self.key_prefix + conversation_id).time().execute()
        return Slot.lees(conversation_id, ruw, seconden + microseconden / 1_000_000) if ruw else None

    def neem_ticket(self, conversation_id: str, levensduur: Optional[float] = None) -> Tuple[int, str]:
        """A ticket and its owner mark."""
        eigenaar = secrets.token_hex(8)
        nummer = self._wijzig(conversation_id, lambda slot: slot.issue_ticket(levensduur or self.levensduur, eigenaar))
        return nummer, eigenaar

    def issue_ticket(self, conversation_id: str, lock_lifetime: Optional[float] = None) -> int:
        return self.neem_ticket(conversation_id, lock_lifetime)[0]

    def vernieuw(self, conversation_id: str, ticket: int, eigenaar: Optional[str] = None) -> bool:
        """A sign of life: ticket `ticket` lives `levensduur` seconds from now. False when it had expired."""

        def ververs(slot: Slot) -> bool:
            gevonden = slot.van(ticket, eigenaar)
            if gevonden is not None:
                gevonden.expires = slot.nu + self.levensduur
            return gevonden is not None

        return self._wijzig(conversation_id, ververs)

    def update_lock(self, conversation_id: str) -> None:
        self._wijzig(conversation_id, lambda slot: slot.remove_expired_tickets())

    def cleanup(self, conversation_id: str, ticket_number: int, eigenaar: Optional[str] = None) -> None:
        """Returns the ticket (only the one issued to `eigenaar`, when given: not a newer one of that number)."""

        def geef_terug(slot: Slot) -> None:
            ticket = slot.van(ticket_number, eigenaar)
            if ticket is not None:
                slot.tickets.remove(ticket)

        self._wijzig(conversation_id, geef_terug)

    @asynccontextmanager
    async def lock(
        self, conversation_id: str, lock_lifetime: Optional[float] = None, wait_time_in_seconds: Optional[float] = None
    ) -> AsyncGenerator[TicketLock, None]:
        """Rasa's lock, with this process renewing the ticket from the moment it is issued until it is returned.

        `lock_lifetime` is ignored: Rasa's callers pass its 60 s, which here would keep a dead server's
        conversations locked as long as before; a ticket lives `levensduur` after its last renewal."""
        ticket, eigenaar = self.neem_ticket(conversation_id)
        self.hartslag.houd(conversation_id, ticket, eigenaar)
        try:
            yield await self._wacht_op_beurt(conversation_id, ticket, eigenaar, wait_time_in_seconds or self.wachttijd)
        finally:
            self.hartslag.laat(conversation_id, ticket)
            self.cleanup(conversation_id, ticket, eigenaar)

    async def _wacht_op_beurt(
        self, conversation_id: str, ticket: int, eigenaar: Optional[str], wachttijd: float
    ) -> TicketLock:
        """Rasa's wait for the turn (`_acquire_lock`), which stops with LockError when this ticket expired while it
        waited (Rasa's would wait on until the lock is gone, and could then be served together with a later one)."""
        while True:
            slot = self.get_lock(conversation_id)
            if slot is None or slot.van(ticket, eigenaar) is None:
                raise LockError(f"Ticket {ticket} van gesprek '{conversation_id}' is verlopen terwijl het wachtte.")
            if not slot.is_locked(ticket):
                return slot
            await asyncio.sleep(wachttijd)

    async def _acquire_lock(self, conversation_id: str, ticket: int, wait_time_in_seconds: float) -> TicketLock:
        return await self._wacht_op_beurt(conversation_id, ticket, None, wait_time_in_seconds)
