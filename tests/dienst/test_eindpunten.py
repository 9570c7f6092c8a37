"""Rasa builds the patched stores from the endpoints files; it would fall back to its own silently otherwise.

(A custom tracker store whose module path does not load becomes Rasa's InMemoryTrackerStore, with a log line.)
"""

import pytest
from rasa.core.lock_store import LockStore
from rasa.core.tracker_store import create_tracker_store
from rasa.shared.utils.common import class_from_module_path

from dienst.eindpunten import eindpunt
from dienst.instellingen import lees
from rasaserver.opslag.gesprekken import GesprekkenOpslag
from rasaserver.opslag.slot import AtomischeRedisLockStore
from tests.conftest import PROJECT


@pytest.fixture(autouse=True)
def in_het_project(monkeypatch):
    monkeypatch.chdir(PROJECT)


def test_ingebed_bouwt_rasa_de_eigen_gespreksopslag(tmp_path):
    config = eindpunt(lees({"GESPREKKEN_DB": str(tmp_path / "gesprekken.db")}), "tracker_store")
    opslag = create_tracker_store(config)
    assert isinstance(opslag, GesprekkenOpslag)
    opslag.engine.dispose()


def test_productie_noemt_de_eigen_gespreksopslag_en_bouwt_de_eigen_lock_store():
    productie = lees({"ASSISTENT_MODUS": "productie"})
    # Built, the tracker store would create the production database; the class Rasa loads is enough here.
    assert class_from_module_path(eindpunt(productie, "tracker_store").type) is GesprekkenOpslag
    assert isinstance(LockStore.create(eindpunt(productie, "lock_store")), AtomischeRedisLockStore)
