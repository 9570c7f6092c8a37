"""Before the server starts (dienst/opstart.py): the production database and table exist before any worker."""
import os
import secrets

import pytest
import sqlalchemy as sa

from dienst import instellingen, opstart
from tests.conftest import postgres_url, verwijder_database


@pytest.fixture
def nieuwe_database(monkeypatch):
    monkeypatch.setenv("ASSISTENT_MODUS", "productie")
    instellingen.standaardwaarden()
    reden = "; ".join(opstart.problemen("endpoints.productie.yml"))
    if reden:
        pytest.skip(reden)
    naam = f"opstart_test_{secrets.token_hex(4)}"
    monkeypatch.setenv("POSTGRES_DB", naam)
    try:
        yield naam
    finally:
        verwijder_database(os.environ, naam)


def test_database_en_tabel_bestaan_voordat_de_werkers_starten(nieuwe_database):
    opstart.maak_tabellen("endpoints.productie.yml")
    database = sa.create_engine(postgres_url(os.environ, nieuwe_database))
    try:
        assert sa.inspect(database).has_table("events")
    finally:
        database.dispose()


def test_sqlite_wordt_door_rasa_zelf_gemaakt(tmp_path, monkeypatch):
    monkeypatch.setenv("GESPREKKEN_DB", str(tmp_path / "gesprekken.db"))
    monkeypatch.setenv("ACTION_SERVER_URL", "http://127.0.0.1:5055/webhook")
    opstart.maak_tabellen("endpoints.yml")
    assert not (tmp_path / "gesprekken.db").exists()
