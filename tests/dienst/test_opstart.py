"""Before the server starts (dienst/opstart.py): the production database and table exist before any worker."""

import secrets

import pytest
import sqlalchemy as sa

from dienst import instellingen, opstart
from dienst.eindpunten import database_url, eindpunt
from tests.conftest import PROJECT, postgres_url, verwijder_database


@pytest.fixture
def nieuwe_database(monkeypatch):
    monkeypatch.chdir(PROJECT)
    reden = "; ".join(opstart.problemen(instellingen.lees({"ASSISTENT_MODUS": "productie"})))
    if reden:
        pytest.skip(reden)
    gekozen = instellingen.lees({"ASSISTENT_MODUS": "productie", "POSTGRES_DB": f"opstart_test_{secrets.token_hex(4)}"})
    try:
        yield gekozen
    finally:
        verwijder_database(instellingen.plaatshouders(gekozen), gekozen.postgres.db)


def test_database_en_tabel_bestaan_voordat_de_werkers_starten(nieuwe_database):
    opstart.maak_tabellen(nieuwe_database)
    database = sa.create_engine(postgres_url(instellingen.plaatshouders(nieuwe_database), nieuwe_database.postgres.db))
    try:
        assert sa.inspect(database).has_table("events")
    finally:
        database.dispose()


def test_sqlite_wordt_door_rasa_zelf_gemaakt(tmp_path, monkeypatch):
    monkeypatch.chdir(PROJECT)
    opstart.maak_tabellen(instellingen.lees({"GESPREKKEN_DB": str(tmp_path / "gesprekken.db")}))
    assert not (tmp_path / "gesprekken.db").exists()


def test_een_url_om_in_te_loggen_en_een_voor_de_gesprekken(monkeypatch):
    monkeypatch.chdir(PROJECT)
    omgeving = {"ASSISTENT_MODUS": "productie", "POSTGRES_PORT": "6543", "POSTGRES_DB": "gesprekken"}
    config = eindpunt(instellingen.lees(omgeving), "tracker_store")
    eigen, login = (sa.engine.make_url(database_url(config, login=keuze)) for keuze in (False, True))
    assert (eigen.database, login.database, eigen.port, login.port) == ("gesprekken", "postgres", 6543, 6543)
    sqlite = eindpunt(instellingen.lees({"GESPREKKEN_DB": "/tmp/elders/gesprekken.db"}), "tracker_store")
    assert str(sa.engine.make_url(database_url(sqlite))) == "sqlite:////tmp/elders/gesprekken.db"
