"""Two Rasa servers taking a ticket for one conversation at the same moment never get the same number here;
with Rasa's own RedisLockStore they do (RasaHQ/rasa#9213). A lock dies with its holder: a killed server's
expires within the lifetime, a slow one's is renewed."""

import asyncio
import itertools
import signal
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

from rasaserver.opslag.slot import LEVENSDUUR, VERNIEUW_ELKE, AtomischeRedisLockStore, redis_tijd
from tests.conftest import PROJECT

REDIS_DB = 6
WERKELIJK = time.time


@pytest.fixture
def prefix():
    try:
        redis.Redis(db=REDIS_DB, socket_connect_timeout=2).ping()
    except redis.RedisError as fout:
        pytest.skip(f"Redis on 127.0.0.1:6379 is not reachable: {fout}")
    prefix = f"slottest{uuid.uuid4().hex[:8]}"  # alphanumeric, else Rasa falls back to its shared prefix
    yield prefix
    client = redis.Redis(db=REDIS_DB)
    for sleutel in client.scan_iter(f"{prefix}:*"):
        client.delete(sleutel)


def atomisch(prefix: str) -> AtomischeRedisLockStore:
    return AtomischeRedisLockStore(EndpointConfig(url="127.0.0.1", port=6379, db=REDIS_DB, key_prefix=prefix))


def test_gelijktijdige_tickets_zijn_uniek(prefix):
    winkel = atomisch(prefix)
    with ThreadPoolExecutor(max_workers=8) as pool:
        tickets = list(pool.map(lambda _: winkel.issue_ticket("gesprek"), range(400)))
    assert sorted(tickets) == list(range(400))


def tegelijk(winkels, monkeypatch) -> list:
    """Two servers take a ticket for one conversation; both have read the lock before either writes it."""
    beide_gelezen = threading.Barrier(2, timeout=10)
    beurt = itertools.count()  # only the first read of each server waits: a retry reads alone
    origineel = TicketLock.issue_ticket

    def neem(lock, lifetime):
        if next(beurt) < 2:
            beide_gelezen.wait()
        return origineel(lock, lifetime)

    monkeypatch.setattr(TicketLock, "issue_ticket", neem)
    with ThreadPoolExecutor(max_workers=2) as pool:
        return sorted(pool.map(lambda winkel: winkel.issue_ticket("gesprek"), winkels))


def test_rasas_eigen_lock_store_geeft_twee_servers_hetzelfde_ticket(prefix, monkeypatch):
    winkels = [RedisLockStore(host="127.0.0.1", port=6379, db=REDIS_DB, key_prefix=prefix) for _ in range(2)]
    assert tegelijk(winkels, monkeypatch) == [0, 0]  # both process, one message is lost


def test_deze_lock_store_geeft_twee_servers_elk_een_eigen_ticket(prefix, monkeypatch):
    assert tegelijk([atomisch(prefix), atomisch(prefix)], monkeypatch) == [0, 1]


def test_opruimen_laat_wachtende_staan_en_verwijdert_het_laatste_slot(prefix):
    slotwinkel = atomisch(prefix)
    eerste, tweede = slotwinkel.issue_ticket("g"), slotwinkel.issue_ticket("g")
    slotwinkel.cleanup("g", eerste)
    assert slotwinkel.get_lock("g") is not None
    slotwinkel.cleanup("g", tweede)
    assert slotwinkel.get_lock("g") is None


# A lock dies with its holder, not with a slow one (issue 23, point 5). Short times here: a ticket lives 2 s
# after its last renewal, renewed every 0.25 s (a holder may be starved for 1.75 s).
KORT = {"levensduur": "2", "vernieuw_elke": "0.25", "wachttijd": "0.05"}


def kort(prefix: str) -> AtomischeRedisLockStore:
    return AtomischeRedisLockStore(EndpointConfig(url="127.0.0.1", port=6379, db=REDIS_DB, key_prefix=prefix, **KORT))


async def neem_binnen(winkel, gesprek: str, seconden: float) -> float:
    """Takes the lock (and returns it); Redis's time when it had it. TimeoutError after `seconden`."""

    async def neem():
        async with winkel.lock(gesprek):
            return redis_tijd(winkel.red)

    return await asyncio.wait_for(neem(), seconden)


HOUDER = """
import asyncio, sys
from rasa.utils.endpoints import EndpointConfig
from rasaserver.opslag.slot import AtomischeRedisLockStore
winkel = AtomischeRedisLockStore(EndpointConfig(url="127.0.0.1", port=6379, db={db}, key_prefix="{prefix}", **{kort}))
async def houd():
    async with winkel.lock("gesprek"):
        print("vast", flush=True)
        await asyncio.sleep(3600)
asyncio.run(houd())
"""


def test_het_slot_van_een_gedode_server_verloopt_binnen_de_levensduur(prefix):
    """Measured on Redis's clock, which decides expiry, not on this test's: no margin for a busy machine needed."""
    houder = subprocess.Popen(
        [sys.executable, "-c", HOUDER.format(db=REDIS_DB, prefix=prefix, kort=KORT)],
        cwd=PROJECT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert houder.stdout.readline().strip() == "vast"
        winkel = kort(prefix)
        eerste = winkel.get_lock("gesprek").tickets[0]
        # The holder is alive: its ticket outlives two lifetimes, renewed by its thread.
        with pytest.raises(asyncio.TimeoutError):
            asyncio.run(neem_binnen(winkel, "gesprek", 2 * winkel.levensduur))
        vernieuwd = winkel.get_lock("gesprek").tickets[0]
        assert vernieuwd.number == eerste.number and vernieuwd.expires > eerste.expires + winkel.levensduur
        houder.send_signal(signal.SIGKILL)
        houder.wait(10)
        gedood = redis_tijd(winkel.red)
        over = winkel.get_lock("gesprek").tickets[0]
        assert over.number == eerste.number and over.expires <= gedood + winkel.levensduur  # outlives it <= 2 s
        genomen = asyncio.run(neem_binnen(winkel, "gesprek", 30))
        assert genomen >= over.expires  # not before it expired
    finally:
        houder.kill()
        houder.wait(10)


def test_een_trage_houder_houdt_zijn_slot_een_wachtende_zijn_ticket(prefix):
    """Held for 2.5 lifetimes, with a second message waiting all that time: both keep their ticket."""
    winkel, ander = kort(prefix), kort(prefix)
    volgorde = []

    async def traag():
        async with winkel.lock("g"):
            volgorde.append("traag begint")
            await asyncio.sleep(2.5 * winkel.levensduur)
            volgorde.append("traag klaar")

    async def wacht():
        await wacht_op(lambda: winkel.get_lock("g") is not None)
        async with ander.lock("g"):
            volgorde.append("wachtende")

    async def beide():
        await asyncio.gather(traag(), wacht())

    asyncio.run(beide())
    assert volgorde == ["traag begint", "traag klaar", "wachtende"]
    assert winkel.get_lock("g") is None


def test_met_rasas_eigen_korte_levensduur_verliest_een_trage_houder_zijn_slot(prefix):
    """What the renewal is for: Rasa's lifetime alone (1 s here, TICKET_LOCK_LIFETIME) lets a second server in
    while the first is still working."""
    winkels = [RedisLockStore(host="127.0.0.1", port=6379, db=REDIS_DB, key_prefix=prefix) for _ in range(2)]
    binnen = []

    async def houd(winkel, naam, levensduur):
        async with winkel.lock("g", lock_lifetime=levensduur, wait_time_in_seconds=0.05):
            binnen.append(naam)
            await asyncio.sleep(2.5)
            binnen.append(f"{naam} uit")

    async def beide():
        eerste = asyncio.create_task(houd(winkels[0], "eerste", 1))
        await wacht_op(lambda: binnen == ["eerste"])
        await asyncio.gather(eerste, houd(winkels[1], "tweede", 60))

    asyncio.run(beide())
    assert binnen.index("tweede") < binnen.index("eerste uit")  # two servers in one conversation at once


def test_een_verlopen_wachtend_ticket_geeft_een_fout_geen_gedeelde_beurt(prefix):
    winkel = kort(prefix)
    houder = winkel.issue_ticket("g")  # issued, never renewed: as if its process died at once
    wachtende = winkel.issue_ticket("g", lock_lifetime=0.3)

    async def wacht():
        await winkel._acquire_lock("g", wachtende, 0.05)

    with pytest.raises(LockError):
        asyncio.run(wacht())
    assert winkel.get_lock("g").now_serving == houder


def test_een_uitgehongerde_houder_ziet_dat_zijn_ticket_weg_is(prefix):
    """Rasa numbers from 0 again once the queue is empty: a holder starved past its lifetime must not take a newer
    ticket of the same number for its own, renew it or give it back."""
    winkel, ander = kort(prefix), kort(prefix)
    oud, van_oud = winkel.neem_ticket("g", levensduur=0.01)  # a holder starved past its lifetime
    verloopt = winkel.get_lock("g").tickets[0].expires
    while redis_tijd(winkel.red) <= verloopt:  # on Redis's clock, which decides
        time.sleep(0.005)
    nieuw, van_nieuw = ander.neem_ticket("g")  # the expired ticket is removed: the queue was empty
    assert nieuw == oud == 0 and van_oud != van_nieuw
    assert not winkel.vernieuw("g", oud, van_oud)  # the starved one learns it lost the lock (and logs it)
    winkel.cleanup("g", oud, van_oud)
    assert ander.vernieuw("g", nieuw, van_nieuw) and winkel.get_lock("g").now_serving == nieuw
    ander.cleanup("g", nieuw, van_nieuw)
    assert winkel.get_lock("g") is None


def test_de_klok_is_die_van_redis(prefix, monkeypatch):
    """A server whose clock runs an hour ahead neither sees other servers' tickets as expired nor loses its own."""
    winkel = kort(prefix)
    ticket = winkel.issue_ticket("g")
    monkeypatch.setattr(time, "time", lambda: WERKELIJK() + 3600)
    scheef = kort(prefix)
    assert scheef.get_lock("g").is_locked(scheef.issue_ticket("g"))
    assert scheef.get_lock("g").now_serving == ticket


def test_levensduur_en_vernieuwen_komen_uit_het_endpoints_bestand():
    winkel = AtomischeRedisLockStore(EndpointConfig(url="127.0.0.1", levensduur="7", vernieuw_elke="2"))
    assert (winkel.levensduur, winkel.vernieuw_elke) == (7.0, 2.0)
    standaard = AtomischeRedisLockStore(EndpointConfig(url="127.0.0.1"))
    assert (standaard.levensduur, standaard.vernieuw_elke) == (LEVENSDUUR, VERNIEUW_ELKE)
    with pytest.raises(ValueError):
        AtomischeRedisLockStore(EndpointConfig(url="127.0.0.1", levensduur="1", vernieuw_elke="1"))


async def wacht_op(voorwaarde, seconden: float = 10) -> None:
    einde = time.monotonic() + seconden
    while not voorwaarde():
        assert time.monotonic() < einde, "condition not reached in time"
        await asyncio.sleep(0.01)


def test_een_verlopen_ticket_telt_niet_als_wachtend():
    """A killed server's expired ticket stays in Redis until the key goes; it keeps no message waiting
    (rasaserver/kanalen/gesprek.py asks the store before it takes a turn)."""
    from collections import deque

    from rasaserver.opslag.slot import Kaartje, Slot

    assert not Slot("a", deque([Kaartje(0, 99.0)]), nu=100.0).is_someone_waiting()
    assert Slot("a", deque([Kaartje(0, 101.0)]), nu=100.0).is_someone_waiting()
