"""A Redis lock store whose every change is one Redis transaction, so several Rasa servers can share it.

Rasa's RedisLockStore reads a conversation's lock, changes it in Python and writes it back: two servers that
take a ticket for the same conversation at the same moment both get number 0, both process, and one of the
two messages is lost from the tracker store (RasaHQ/rasa#9213; the fix was reverted from Rasa Open Source).
"""

import json
from typing import Callable, Optional, Tuple, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

T = TypeVar("T")


class AtomischeRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig) -> None:
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)

    def _wijzig(
        self, conversation_id: str, wijziging: Callable[[Optional[TicketLock]], Tuple[T, Optional[TicketLock]]]
    ) -> T:
        """Reads, changes and writes the lock in one transaction; Redis retries it when another server wrote in between."""
        sleutel = self.key_prefix + conversation_id

        def stap(pipe) -> T:
            ruw = pipe.get(sleutel)
            uitkomst, lock = wijziging(TicketLock.from_dict(json.loads(ruw)) if ruw else None)
            pipe.multi()
            if lock is None:
                pipe.delete(sleutel)
            else:
                pipe.set(sleutel, lock.dumps())
            return uitkomst

        return self.red.transaction(stap, sleutel, value_from_callable=True)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def neem(lock: Optional[TicketLock]) -> Tuple[int, TicketLock]:
            lock = lock or TicketLock(conversation_id)
            return lock.issue_ticket(lock_lifetime), lock

        return self._wijzig(conversation_id, neem)

    def update_lock(self, conversation_id: str) -> None:
        def ververs(lock: Optional[TicketLock]) -> Tuple[None, Optional[TicketLock]]:
            if lock:
                lock.remove_expired_tickets()
            return None, lock

        self._wijzig(conversation_id, ververs)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        def klaar(lock: Optional[TicketLock]) -> Tuple[None, Optional[TicketLock]]:
            if lock:
                lock.remove_ticket_for(ticket_number)
            return None, lock if lock and lock.is_someone_waiting() else None

        self._wijzig(conversation_id, klaar)
