"""Two Rasa servers taking a ticket for one conversation at the same moment never get the same number here;
with Rasa's own RedisLockStore they do (RasaHQ/rasa#9213)."""

import itertools
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import RedisLockStore
from rasa.utils.endpoints import EndpointConfig

from rasaserver.opslag.slot import AtomischeRedisLockStore

REDIS_DB = 6


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
