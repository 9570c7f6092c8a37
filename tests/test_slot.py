"""Two Rasa servers taking a ticket for one conversation at the same moment never get the same number."""
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
from rasa.utils.endpoints import EndpointConfig

from dienst.slot import AtomischeRedisLockStore

REDIS_DB = 6


@pytest.fixture
def slotwinkel():
    try:
        redis.Redis(db=REDIS_DB, socket_connect_timeout=2).ping()
    except redis.RedisError as fout:
        pytest.skip(f"Redis on 127.0.0.1:6379 is not reachable: {fout}")
    prefix = f"slottest{uuid.uuid4().hex[:8]}"
    yield AtomischeRedisLockStore(EndpointConfig(url="127.0.0.1", port=6379, db=REDIS_DB, key_prefix=prefix))
    client = redis.Redis(db=REDIS_DB)
    for sleutel in client.scan_iter(f"{prefix}:*"):
        client.delete(sleutel)


def test_gelijktijdige_tickets_zijn_uniek(slotwinkel):
    with ThreadPoolExecutor(max_workers=8) as pool:
        tickets = list(pool.map(lambda _: slotwinkel.issue_ticket("gesprek"), range(400)))
    assert sorted(tickets) == list(range(400))


def test_opruimen_laat_wachtende_staan_en_verwijdert_het_laatste_slot(slotwinkel):
    eerste, tweede = slotwinkel.issue_ticket("g"), slotwinkel.issue_ticket("g")
    slotwinkel.cleanup("g", eerste)
    assert slotwinkel.get_lock("g") is not None
    slotwinkel.cleanup("g", tweede)
    assert slotwinkel.get_lock("g") is None
