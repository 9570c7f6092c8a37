"""Before the server starts (dienst/opstart.py): the production database and table exist before any worker."""
import os
import secrets

import pytest
import sqlalchemy as sa

from dienst import instellingen, opstart


@pytest.fixture
def nieuwe_database(monkeypatch):
    monkeypatch.setenv("ASSISTENT_MODUS", "productie")
    instellingen.standaardwaarden()
    reden = "; ".join(opstart.problemen("endpoints.productie.yml"))
    if reden:
        pytest.skip(reden)
    naam = f"opstart_test_{secrets.token_hex(4)}"
    monkeypatch.setenv("POSTGRES_DB", naam)
    omgeving = os.environ
    login = sa.create_engine(sa.engine.URL.create(
        "postgresql", omgeving["POSTGRES_USER"], omgeving["POSTGRES_PASSWORD"] or None, omgeving["POSTGRES_HOST"],
        int(omgeving["POSTGRES_PORT"]), omgeving["POSTGRES_LOGIN_DB"]), isolation_level="AUTOCOMMIT")
    try:
        yield login, naam
    finally:
        with login.connect() as verbinding:
            verbinding.exec_driver_sql(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
        login.dispose()


def test_database_en_tabel_bestaan_voordat_de_werkers_starten(nieuwe_database):
    login, naam = nieuwe_database
    opstart.maak_tabellen("endpoints.productie.yml")
    database = sa.create_engine(login.url.set(database=naam))
    try:
        assert sa.inspect(database).has_table("events")
    finally:
        database.dispose()


def test_sqlite_wordt_door_rasa_zelf_gemaakt(tmp_path, monkeypatch):
    monkeypatch.setenv("GESPREKKEN_DB", str(tmp_path / "gesprekken.db"))
    monkeypatch.setenv("ACTION_SERVER_URL", "http://127.0.0.1:5055/webhook")
    opstart.maak_tabellen("endpoints.yml")
    assert not (tmp_path / "gesprekken.db").exists()
