"""The conversation store: Rasa's SQL tracker store, with the conversations in progress also in memory.

Rasa's SQL tracker store reads all of a conversation's events back from the database before every message
and counts them again before every save: a third of the server's time per message. Here the server keeps
what it read and wrote, and before each message asks the database one cheap question: is the newest event
of this conversation still the one I know? Only if another server (production mode), the retention command
or anything else changed the conversation, it reads it again. Every save still goes to the database
before the reply, so a restart or another server continues the conversation.

A long conversation would still cost more every turn: Rasa's rules compute a state for every action of the
tracker (`past_states`), the action server gets every event, and every event is parsed again. So the tracker
this store hands out holds at most `MAX_EVENTS` events: when the session grows past it, the events before a
quiet moment at least `HOUD_EVENTS` back (an `action_listen` with no form active and no follow-up pending)
are replaced by the slots they set. The rules look back a few turns only, so they see the same states; the
database keeps every event (`retrieve_full_tracker`, `hele_sessie` read it), and what is saved are only the
events added to the tracker handed out.
"""

import json
from collections import OrderedDict
from itertools import islice
from typing import Any, Iterable, List, NamedTuple, Optional

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

MAX_GESPREKKEN = 1000
MAX_EVENTS = 300  # a longer session is shortened to at most HOUD_EVENTS + the turn around its cut
HOUD_EVENTS = 150  # the events kept at least; Rasa's longest rule looks back far fewer
BASIS = "_gesprekken_basis"  # on a handed-out tracker: how many of its events are stored already


class Rij(NamedTuple):
    """An event as stored: the columns the latest-session query looks at, and the JSON."""

    soort: str
    tijd: float
    json: str


class Gesprek(NamedTuple):
    rijen: List[Rij]  # since the latest session start
    laatste_id: Optional[int]  # of the newest stored event of the conversation, any session


def laatste_sessie(rijen: List[Rij]) -> List[Rij]:
    """The events since the latest session start, as Rasa's SQL query selects them."""
    starts = [r.tijd for r in rijen if r.soort == SessionStarted.type_name]
    return [r for r in rijen if r.tijd >= max(starts)] if starts else rijen


def ingekort(sender_id: str, rijen: List[Rij], slots: Iterable[Any]) -> List[Rij]:
    """`rijen` shortened to the slots set before a quiet moment and the events from it on, when longer than
    MAX_EVENTS; else unchanged. Replays the events before the cut once (only when it shortens)."""
    if len(rijen) <= MAX_EVENTS:
        return rijen
    tracker = DialogueStateTracker(sender_id, slots)
    snede, stand = None, []
    for i, rij in enumerate(rijen[: len(rijen) - HOUD_EVENTS + 1]):
        if i and rij.soort == ActionExecuted.type_name and not tracker.active_loop_name:
            if tracker.followup_action is None and json.loads(rij.json).get("name") == ACTION_LISTEN_NAME:
                snede, stand = i, [(s.name, s.value) for s in tracker.slots.values() if s.has_been_set]
        tracker.update(Event.from_parameters(json.loads(rij.json)))
    if snede is None:
        return rijen
    tijd = rijen[snede].tijd
    gezet = [SlotSet(naam, waarde, timestamp=tijd) for naam, waarde in stand]
    return [Rij(e.type_name, tijd, json.dumps(e.as_dict())) for e in gezet] + rijen[snede:]


async def hele_sessie(tracker_store: Any, sender_id: str) -> Optional[DialogueStateTracker]:
    """The latest session with every event (the chat's history, feedback), also where the processor gets a
    shortened tracker."""
    opslag = getattr(tracker_store, "_tracker_store", tracker_store)  # Rasa wraps it in AwaitableTrackerStore
    if isinstance(opslag, GesprekkenOpslag):
        return await SQLTrackerStore.retrieve(opslag, sender_id)
    return await tracker_store.retrieve(sender_id)


class GesprekkenOpslag(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._gesprekken: "OrderedDict[str, Gesprek]" = OrderedDict()

    def _onthoud(self, sender_id: str, gesprek: Gesprek) -> None:
        self._gesprekken[sender_id] = gesprek
        self._gesprekken.move_to_end(sender_id)
        while len(self._gesprekken) > MAX_GESPREKKEN:
            self._gesprekken.popitem(last=False)

    def _laatste_id(self, session: Any, sender_id: str) -> Optional[int]:
        query = session.query(sa.func.max(self.SQLEvent.id)).filter(self.SQLEvent.sender_id == sender_id)
        return query.scalar()

    def _actueel(self, sender_id: str) -> Gesprek:
        with self.session_scope() as session:
            laatste_id = self._laatste_id(session, sender_id)
            gesprek = self._gesprekken.get(sender_id)
            if gesprek is None or gesprek.laatste_id != laatste_id:
                query = self._event_query(session, sender_id, fetch_events_from_all_sessions=False)
                rijen = [Rij(e.type_name, e.timestamp, e.data) for e in query.all()]
                gesprek = Gesprek(self._ingekort(sender_id, rijen), laatste_id)
        self._onthoud(sender_id, gesprek)
        return gesprek

    def _ingekort(self, sender_id: str, rijen: List[Rij]) -> List[Rij]:
        return ingekort(sender_id, rijen, self.domain.slots) if self.domain else rijen

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        rijen = self._actueel(sender_id).rijen
        if not (self.domain and rijen):
            return None
        tracker = DialogueStateTracker.from_dict(sender_id, [json.loads(r.json) for r in rijen], self.domain.slots)
        setattr(tracker, BASIS, len(rijen))
        return tracker

    def _sql_event(self, sender_id: str, event: Event) -> Any:
        data = event.as_dict()
        return self.SQLEvent(
            sender_id=sender_id,
            type_name=event.type_name,
            timestamp=data.get("timestamp"),
            intent_name=data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            action_name=data.get("name"),
            data=json.dumps(data),
        )

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Rasa's save, which also remembers what it wrote. A tracker this store handed out knows how many of
        its events are stored (it may be shortened); another is compared with the database, as Rasa does."""
        await self.stream_events(tracker)
        gesprek = self._gesprekken.pop(tracker.sender_id, None)  # forgotten unless the commit succeeds
        basis = getattr(tracker, BASIS, None)
        with self.session_scope() as session:
            if basis is None:
                events: Iterable[Event] = self._additional_events(session, tracker)
            else:
                events = islice(tracker.events, basis, None)
            nieuw = [self._sql_event(tracker.sender_id, event) for event in events]
            session.add_all(nieuw)
            session.flush()
            rijen = [Rij(r.type_name, r.timestamp, r.data) for r in nieuw]
            ids = [r.id for r in nieuw]
            session.commit()
        setattr(tracker, BASIS, len(tracker.events))
        if gesprek is not None:
            laatste_id = max(ids, default=gesprek.laatste_id)
            rijen = self._ingekort(tracker.sender_id, laatste_sessie(gesprek.rijen + rijen))
            self._onthoud(tracker.sender_id, Gesprek(rijen, laatste_id))
