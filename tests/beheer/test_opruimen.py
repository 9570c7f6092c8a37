"""Retention (beheer/opruimen.py): conversations untouched for N days go, every other one stays whole."""

import asyncio
import secrets
import socket
import time
from pathlib import Path

import pytest
import redis
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from beheer import opruimen
from dienst import instellingen
from tests.conftest import sql_opslag, verwijder_database

PROJECT = Path(__file__).resolve().parents[2]
DAG = 24 * 60 * 60

# sender id -> how many days ago each message was written
GESPREKKEN = {
    "oud-40-dagen": [40],
    "oud-31-dagen": [33, 31],
    "oud-begonnen-gisteren-verder": [40, 1],
    "nieuw": [1],
}
OUD = {"oud-40-dagen", "oud-31-dagen"}


@pytest.fixture(autouse=True)
def eigen_omgeving(monkeypatch, tmp_path):
    """The command reads its settings from the environment; each test sets its own through monkeypatch."""
    for naam in ("ENDPOINTS", "ASSISTENT_MODUS", "BEWAAR_DAGEN", "GESPREKKEN_DB"):
        monkeypatch.delenv(naam, raising=False)
    monkeypatch.setenv("ASSISTENT_VAR", str(tmp_path))
    monkeypatch.chdir(PROJECT)


def gesprek(afzender: str, dagen_geleden: int) -> list:
    tijd = time.time() - dagen_geleden * DAG
    return [
        ActionExecuted("action_listen", timestamp=tijd),
        UserUttered(f"bericht van {afzender} {dagen_geleden} dagen geleden", timestamp=tijd + 1),
        BotUttered("antwoord", timestamp=tijd + 2),
    ]


def bewaar_gesprekken(store: SQLTrackerStore) -> None:
    for afzender, dagen in GESPREKKEN.items():
        events = [event for dag in dagen for event in gesprek(afzender, dag)]
        asyncio.run(store.save(DialogueStateTracker.from_events(afzender, events)))


def afzenders(store: SQLTrackerStore) -> set:
    return set(asyncio.run(store.keys()))


@pytest.fixture
def sqlite_store(tmp_path, monkeypatch) -> SQLTrackerStore:
    pad = tmp_path / "gesprekken.db"
    monkeypatch.setenv("GESPREKKEN_DB", str(pad))
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(pad))
    bewaar_gesprekken(store)
    yield store
    store.engine.dispose()


def test_proef_telt_en_laat_alles_staan(sqlite_store, capsys):
    assert opruimen.main(["--dagen", "30", "--proef"]) == 0
    uitvoer = capsys.readouterr().out
    assert "2 gesprekken (9 gebeurtenissen)" in uitvoer and "niets verwijderd" in uitvoer
    assert afzenders(sqlite_store) == set(GESPREKKEN)


def test_alleen_gesprekken_zonder_recente_activiteit_verdwijnen(sqlite_store, capsys):
    assert opruimen.main(["--dagen", "30"]) == 0
    uitvoer = capsys.readouterr().out
    assert "Verwijderd: 2 gesprekken (9 gebeurtenissen)" in uitvoer
    assert not any(afzender in uitvoer for afzender in GESPREKKEN)
    assert afzenders(sqlite_store) == set(GESPREKKEN) - OUD
    gemengd = asyncio.run(sqlite_store.retrieve_full_tracker("oud-begonnen-gisteren-verder"))
    assert len(gemengd.events) == 6


def test_verwijderde_berichten_staan_niet_meer_in_het_bestand(sqlite_store):
    assert opruimen.main(["--dagen", "30"]) == 0
    inhoud = Path(instellingen.huidige().gesprekken_db).read_bytes()
    assert b"bericht van oud-40-dagen" not in inhoud
    assert b"bericht van nieuw" in inhoud


def test_bewaartermijn_uit_de_omgeving(sqlite_store, monkeypatch, capsys):
    monkeypatch.setenv("BEWAAR_DAGEN", "35")
    assert opruimen.main([]) == 0
    assert "Verwijderd: 1 gesprekken (3 gebeurtenissen)" in capsys.readouterr().out
    assert afzenders(sqlite_store) == set(GESPREKKEN) - {"oud-40-dagen"}


def test_zonder_databasebestand_is_er_niets_te_doen(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GESPREKKEN_DB", str(tmp_path / "bestaat-niet.db"))
    assert opruimen.main([]) == 0
    assert "Verwijderd: 0 gesprekken" in capsys.readouterr().out
    assert not (tmp_path / "bestaat-niet.db").exists()


@pytest.mark.parametrize("dagen", ["0", "-3", "dertig"])
def test_onzinnige_bewaartermijn_wordt_geweigerd(dagen):
    with pytest.raises(SystemExit) as afloop:
        opruimen.main(["--dagen", dagen])
    assert afloop.value.code == 2


def test_onbereikbare_database_geeft_een_zin(monkeypatch, capsys):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dichte_poort = s.getsockname()[1]
    monkeypatch.setenv("ASSISTENT_MODUS", "productie")
    monkeypatch.setenv("POSTGRES_PORT", str(dichte_poort))
    assert opruimen.main([]) == 2
    fout = capsys.readouterr().err
    assert "database" in fout and "niet bereikbaar" in fout and "Traceback" not in fout


def productie_bereikbaar() -> str:
    """'' when PostgreSQL and Redis (the production defaults, or the environment's) answer, else why not."""
    problemen = opruimen.opstart.problemen(instellingen.huidige())
    return "; ".join(problemen)


@pytest.fixture
def postgres_store(monkeypatch) -> SQLTrackerStore:
    monkeypatch.setenv("ASSISTENT_MODUS", "productie")
    monkeypatch.setenv("REDIS_DB", "5")
    reden = productie_bereikbaar()
    if reden:
        pytest.skip(reden)
    naam = f"opruimen_test_{secrets.token_hex(4)}"
    monkeypatch.setenv("POSTGRES_DB", naam)
    instellingen.huidige.cache_clear()  # read again, with the scratch database
    p = instellingen.huidige().postgres
    store = sql_opslag(p, naam)
    try:
        bewaar_gesprekken(store)
        yield store
    finally:
        store.engine.dispose()
        verwijder_database(instellingen.plaatshouders(instellingen.huidige()), naam)


def test_postgresql_alleen_oude_gesprekken_verdwijnen(postgres_store, capsys):
    assert opruimen.main(["--dagen", "30", "--proef"]) == 0
    assert afzenders(postgres_store) == set(GESPREKKEN)
    capsys.readouterr()
    assert opruimen.main(["--dagen", "30"]) == 0
    assert "Verwijderd: 2 gesprekken (9 gebeurtenissen)" in capsys.readouterr().out
    assert afzenders(postgres_store) == set(GESPREKKEN) - OUD
    r = instellingen.huidige().redis
    sloten = redis.Redis(host=r.host, port=r.poort, db=5, password=r.wachtwoord or None)
    assert not [s for s in sloten.scan_iter("assistent*") if any(a.encode() in s for a in GESPREKKEN)]
