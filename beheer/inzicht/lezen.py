"""Reading the conversation store: the events of a period, one sender at a time, split into sessions.

The report reads the events table straight (SQLite in embedded mode, PostgreSQL in production) instead of
rebuilding Rasa trackers: it looks at every conversation of a month once, and the stored JSON is all it needs.
"""

import json
from collections.abc import Iterator
from itertools import groupby
from typing import Any, NamedTuple

import sqlalchemy as sa

from beheer.inzicht.privacy import ZORG_FORMULIEREN, ZORG_INTENTS, ZORGROUTES
from beheer.opruimen import OpruimFout, gesprekken_engine, tabel
from dienst import opstart
from dienst.eindpunten import eindpunt, is_sql_opslag
from dienst.instellingen import Instellingen

GELEZEN = frozenset({"user", "bot", "slot", "active_loop"})
PER_KEER = 2000  # rows fetched at a time: a month of conversations is never all in memory as rows and dicts

Event = dict[str, Any]


class LeesFout(Exception):
    """The conversation store cannot be read; the message says why."""


class Afzender(NamedTuple):
    """The events of one sender id in the period. The id itself is never shown: it can be a Telegram chat."""

    sessies: list[list[Event]]
    gevoelig: bool  # ever on a violence or trafficking route, also before the period


def sessies(events: list[Event]) -> list[list[Event]]:
    """Splits at every session start: each session is one conversation in the report."""
    gesplitst: list[list[Event]] = [[]]
    for event in events:
        if event.get("event") == "session_started" and gesplitst[-1]:
            gesplitst.append([])
        gesplitst[-1].append(event)
    return [sessie for sessie in gesplitst if sessie]


def engine(gekozen: Instellingen) -> sa.engine.Engine | None:
    """The store of the settings' endpoints file, or None when there is none yet (no SQLite file made).

    Only the conversation database is checked: the report needs no lock store, so Redis may be down.
    """
    config = eindpunt(gekozen, "tracker_store")
    onbereikbaar = opstart.controleer_sql(config) if is_sql_opslag(config) else None
    if onbereikbaar:
        raise LeesFout(onbereikbaar)
    try:
        return gesprekken_engine(gekozen)
    except OpruimFout as fout:  # the endpoints file names no SQL store
        raise LeesFout(str(fout)) from None


def event(soort: str, naam: str | None, data: str) -> Event:
    """The event as a dict; only the kinds the report reads are parsed from their JSON (half the time is JSON).

    Rasa's SQL store keeps an action's name in its own column, so an action event needs no parsing at all.
    """
    if soort == "action":
        return {"event": soort, "name": naam}
    return json.loads(data) if soort in GELEZEN else {"event": soort}


def gevoelige_afzenders(engine: sa.engine.Engine) -> set[str]:
    """Senders ever on a violence or trafficking route, whenever: someone who told it last month and comes back
    this month with a question the assistant does not understand may be telling more of the same story.

    Rasa's SQL store keeps the intent and an event's name (action, slot, loop) in columns, so this is one query.
    """
    e = tabel()
    waarde = sa.or_(*[e.c.data.like(f'%"value": "{route}"%') for route in sorted(ZORGROUTES)])
    op_route = sa.or_(
        e.c.intent_name.in_(sorted(ZORG_INTENTS)),
        sa.and_(e.c.type_name == "active_loop", e.c.action_name.in_(sorted(ZORG_FORMULIEREN))),
        sa.and_(e.c.type_name == "slot", e.c.action_name == "route", waarde),
    )
    with engine.connect() as verbinding:
        return {afzender for (afzender,) in verbinding.execute(sa.select(e.c.sender_id).where(op_route).distinct())}


def lees(engine: sa.engine.Engine, van: float, tot: float) -> Iterator[Afzender]:
    """Every sender with events in [van, tot), in the order the events were stored."""
    events = tabel()
    if not sa.inspect(engine).has_table(events.name):
        return
    gevoelig = gevoelige_afzenders(engine)
    query = (
        sa.select(events.c.sender_id, events.c.type_name, events.c.action_name, events.c.data)
        .where(events.c.timestamp >= van, events.c.timestamp < tot)
        .order_by(events.c.sender_id, events.c.id)
    )
    with engine.connect() as verbinding:
        rijen = verbinding.execution_options(stream_results=True).execute(query).yield_per(PER_KEER)
        for afzender, groep in groupby(rijen, key=lambda rij: rij[0]):
            gelezen = [event(soort, naam, data) for _, soort, naam, data in groep]
            yield Afzender(sessies(gelezen), afzender in gevoelig)
