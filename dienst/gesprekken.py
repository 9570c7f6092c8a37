"""Embedded mode's conversation store: SQLite on disk, the conversations in progress also in memory.

Rasa's SQL tracker store reads a conversation's events back from the database before every message and
counts them again before every save: a third of the server's time per message. In embedded mode this one
process is the only writer, so what it saved is what the file holds. Every save still goes to disk before
the reply; a restart reads the file. Not for production mode: there several servers share the database.
"""
import json
import time
from collections import OrderedDict
from itertools import islice
from typing import Any, Iterator, List, NamedTuple, Optional

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

# Retention (dienst/opruimen.py) removes conversations idle for a day or more, far longer than this.
STIL_SECONDEN = 30 * 60
MAX_GESPREKKEN = 1000


def is_sql_opslag(config: Optional[EndpointConfig]) -> bool:
    """True for a tracker store in an SQL database: Rasa's own, or this one."""
    soort = ((config.type if config else None) or "").lower()
    return soort in ("sql", f"{__name__}.{GesprekkenOpslag.__name__}".lower())


class Rij(NamedTuple):
    """An event as stored: the columns the latest-session query looks at, and the JSON."""

    soort: str
    tijd: float
    json: str


def laatste_sessie(rijen: List[Rij]) -> List[Rij]:
    """The events since the latest session start, as Rasa's SQL query selects them."""
    starts = [r.tijd for r in rijen if r.soort == SessionStarted.type_name]
    return [r for r in rijen if r.tijd >= max(starts)] if starts else rijen


class Gesprek:
    def __init__(self, rijen: List[Rij]) -> None:
        self.rijen = rijen
        self.gebruikt = time.monotonic()


class GesprekkenOpslag(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._gesprekken: "OrderedDict[str, Gesprek]" = OrderedDict()

    def _onthouden(self, sender_id: str) -> Optional[Gesprek]:
        gesprek = self._gesprekken.get(sender_id)
        if gesprek is None or time.monotonic() - gesprek.gebruikt > STIL_SECONDEN:
            self._gesprekken.pop(sender_id, None)
            return None
        self._gesprekken.move_to_end(sender_id)
        gesprek.gebruikt = time.monotonic()
        return gesprek

    def _onthoud(self, sender_id: str, rijen: List[Rij]) -> None:
        self._gesprekken[sender_id] = Gesprek(rijen)
        self._gesprekken.move_to_end(sender_id)
        while len(self._gesprekken) > MAX_GESPREKKEN:
            self._gesprekken.popitem(last=False)

    def _lees(self, sender_id: str) -> List[Rij]:
        with self.session_scope() as session:
            query = self._event_query(session, sender_id, fetch_events_from_all_sessions=False)
            return [Rij(e.type_name, e.timestamp, e.data) for e in query.all()]

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        gesprek = self._onthouden(sender_id)
        rijen = gesprek.rijen if gesprek else self._lees(sender_id)
        if not gesprek:
            self._onthoud(sender_id, rijen)
        if not (self.domain and rijen):
            return None
        return DialogueStateTracker.from_dict(sender_id, [json.loads(r.json) for r in rijen], self.domain.slots)

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator[Event]:
        gesprek = self._onthouden(tracker.sender_id)
        if gesprek is None:
            return super()._additional_events(session, tracker)
        return islice(tracker.events, len(gesprek.rijen), None)

    async def save(self, tracker: DialogueStateTracker) -> None:
        gesprek = self._onthouden(tracker.sender_id)
        bekend = len(gesprek.rijen) if gesprek else None
        await super().save(tracker)
        if gesprek is None or bekend != len(gesprek.rijen):
            self._gesprekken.pop(tracker.sender_id, None)  # not known in full: read from disk next time
            return
        nieuw = [Rij(e.type_name, e.timestamp, json.dumps(e.as_dict())) for e in islice(tracker.events, bekend, None)]
        self._onthoud(tracker.sender_id, laatste_sessie(gesprek.rijen + nieuw))
