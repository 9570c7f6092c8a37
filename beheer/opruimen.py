"""`python -m beheer.opruimen [--dagen N] [--proef]`: removes conversations nobody touched for N days.

N comes from `--dagen`, else BEWAAR_DAGEN, else 30. It cleans the tracker store of the endpoints file the
server uses (SQLite or PostgreSQL) and prints only counts: sender ids are personal data.
"""

import argparse
import asyncio
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

import sqlalchemy as sa
from rasa.core.lock_store import LockStore
from rasa.core.tracker_store import SQLTrackerStore

from dienst import instellingen, opstart
from dienst.eindpunten import database_url, eindpunt, is_sql_opslag
from dienst.instellingen import Instellingen, InstellingFout

DAG = 24 * 60 * 60
WACHTTIJD = 5


class OpruimFout(Exception):
    """The tracker store cannot be cleaned; the message says why."""


@dataclass
class Uitkomst:
    gesprekken: int = 0
    gebeurtenissen: int = 0


def aantal_dagen(tekst: str) -> int:
    if not tekst.strip().isdigit() or int(tekst) < 1:
        raise argparse.ArgumentTypeError(f"'{tekst}' is geen geheel aantal dagen van 1 of meer")
    return int(tekst)


def lees_argumenten(argv: Sequence[str], standaard_dagen: int) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m beheer.opruimen", description="Verwijdert gesprekken zonder activiteit in de laatste N dagen."
    )
    parser.add_argument(
        "--dagen",
        type=aantal_dagen,
        default=standaard_dagen,
        help="bewaartermijn in dagen (standaard BEWAAR_DAGEN of 30)",
    )
    parser.add_argument("--proef", action="store_true", help="alleen tellen, niets verwijderen")
    return parser.parse_args(argv)


def tabel() -> sa.Table:
    return SQLTrackerStore.SQLEvent.__table__


def gesprekken_engine(gekozen: Instellingen) -> Optional[sa.engine.Engine]:
    """The tracker store's database, or None when there is nothing yet (an SQLite file not yet made)."""
    config = eindpunt(gekozen, "tracker_store")
    if not is_sql_opslag(config):
        raise OpruimFout(f"{gekozen.endpoints} heeft geen SQL-tracker store; alleen die kan worden opgeruimd")
    url = sa.engine.make_url(database_url(config))
    if url.get_backend_name() == "sqlite":
        return sa.create_engine(url) if Path(url.database).exists() else None
    return sa.create_engine(url, connect_args={"connect_timeout": WACHTTIJD})


def oude_gesprekken(engine: sa.engine.Engine, grens: float) -> List[Tuple[str, int]]:
    """(sender id, number of events) of every conversation whose latest event is before `grens`."""
    events = tabel()
    if not sa.inspect(engine).has_table(events.name):
        return []
    query = (
        sa.select(events.c.sender_id, sa.func.count())
        .group_by(events.c.sender_id)
        .having(sa.func.max(events.c.timestamp) < grens)
    )
    with engine.connect() as verbinding:
        return [(afzender, aantal) for afzender, aantal in verbinding.execute(query)]


def verwijder(engine: sa.engine.Engine, afzender: str, grens: float) -> int:
    """Deletes one conversation, unless it got a new event since it was counted."""
    events = tabel()
    nieuwer = sa.select(events.c.id).where(events.c.sender_id == afzender, events.c.timestamp >= grens).exists()
    with engine.begin() as verbinding:
        if engine.dialect.name == "sqlite":
            # Without it the deleted messages stay readable in the file's free pages.
            verbinding.exec_driver_sql("PRAGMA secure_delete = ON")
        return verbinding.execute(events.delete().where(events.c.sender_id == afzender, ~nieuwer)).rowcount


async def ruim_op(engine: sa.engine.Engine, lock_store: LockStore, grens: float, proef: bool) -> Uitkomst:
    kandidaten = oude_gesprekken(engine, grens)
    if proef:
        return Uitkomst(len(kandidaten), sum(aantal for _, aantal in kandidaten))
    uitkomst = Uitkomst()
    for afzender, _ in kandidaten:
        # The server's conversation lock: a server that loaded this tracker just before the delete would
        # otherwise write its old events back when it saves.
        async with lock_store.lock(afzender):
            verwijderd = verwijder(engine, afzender, grens)
        uitkomst.gesprekken += verwijderd > 0
        uitkomst.gebeurtenissen += verwijderd
    return uitkomst


def slot_opslag(gekozen: Instellingen) -> LockStore:
    return LockStore.create(eindpunt(gekozen, "lock_store"))


def verslag(uitkomst: Uitkomst, dagen: int, proef: bool) -> str:
    wat = f"{uitkomst.gesprekken} gesprekken ({uitkomst.gebeurtenissen} gebeurtenissen)"
    termijn = f"zonder activiteit in de laatste {dagen} dagen"
    if proef:
        return f"Proef: {wat} {termijn} zouden worden verwijderd; er is niets verwijderd."
    return f"Verwijderd: {wat} {termijn}."


def opruimen(gekozen: Instellingen, dagen: int, proef: bool) -> Uitkomst:
    onbereikbaar = opstart.problemen(gekozen)
    if onbereikbaar:
        raise OpruimFout("; ".join(onbereikbaar))
    engine = gesprekken_engine(gekozen)
    if engine is None:
        return Uitkomst()
    try:
        grens = time.time() - dagen * DAG
        return asyncio.run(ruim_op(engine, slot_opslag(gekozen), grens, proef))
    finally:
        engine.dispose()


def main(argv: Sequence[str]) -> int:
    try:
        gekozen = instellingen.huidige()
    except InstellingFout as fout:
        print(f"opruimen: niet gelukt: {fout}", file=sys.stderr)
        return 2
    argumenten = lees_argumenten(argv, gekozen.bewaar_dagen)
    try:
        uitkomst = opruimen(gekozen, argumenten.dagen, argumenten.proef)
    except (OpruimFout, InstellingFout) as fout:
        print(f"opruimen: niet gelukt: {fout}.", file=sys.stderr)
        return 2
    except Exception as fout:  # noqa: BLE001 - e.g. the database went away midway: one line, no traceback
        print(f"opruimen: niet gelukt: {type(fout).__name__}: {opstart.eerste_regel(fout)}.", file=sys.stderr)
        return 2
    print(verslag(uitkomst, argumenten.dagen, argumenten.proef))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
