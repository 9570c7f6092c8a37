"""The conversation store keeps conversations in progress in memory; the database stays the truth (dienst/gesprekken.py)."""

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from rasa.utils.endpoints import EndpointConfig

from dienst import gesprekken
from dienst.gesprekken import GesprekkenOpslag, is_sql_opslag
from tests.conftest import PROJECT


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(PROJECT / "domain.yml"))


@pytest.fixture
def bestand(tmp_path):
    return str(tmp_path / "gesprekken.db")


def opslag(soort, domain, bestand):
    return soort(domain=domain, dialect="sqlite", db=bestand)


def als_dicts(tracker):
    return [e.as_dict() for e in tracker.events]


async def gesprek_met_twee_beurten(winkel):
    tracker = await winkel.get_or_create_tracker("gebruiker-1")
    tracker.update(UserUttered("Ik ben gescheiden"))
    tracker.update(ActionExecuted("route_form"))
    await winkel.save(tracker)
    tracker = await winkel.retrieve("gebruiker-1")
    tracker.update(UserUttered("ja"))
    tracker.update(SlotSet("jaren_vergunning", 6))
    await winkel.save(tracker)
    return tracker


async def test_het_bestand_houdt_hetzelfde_gesprek_als_het_geheugen(domain, bestand):
    winkel = opslag(GesprekkenOpslag, domain, bestand)
    tracker = await gesprek_met_twee_beurten(winkel)
    uit_geheugen = await winkel.retrieve("gebruiker-1")
    na_herstart = await opslag(SQLTrackerStore, domain, bestand).retrieve("gebruiker-1")
    assert als_dicts(uit_geheugen) == als_dicts(na_herstart) == als_dicts(tracker)
    assert uit_geheugen.get_slot("jaren_vergunning") == 6


async def test_een_lopend_gesprek_wordt_niet_opnieuw_gelezen(domain, bestand, monkeypatch):
    winkel = opslag(GesprekkenOpslag, domain, bestand)
    await gesprek_met_twee_beurten(winkel)

    def geen_query(*args, **kwargs):
        raise AssertionError("de gebeurtenissen werden opnieuw gelezen of geteld")

    monkeypatch.setattr(winkel, "_event_query", geen_query)
    tracker = await winkel.retrieve("gebruiker-1")
    tracker.update(UserUttered("nee"))
    await winkel.save(tracker)
    monkeypatch.undo()
    assert als_dicts(await opslag(SQLTrackerStore, domain, bestand).retrieve("gebruiker-1")) == als_dicts(tracker)


async def test_wat_een_andere_server_schreef_wordt_gelezen(domain, bestand):
    deze, andere = opslag(GesprekkenOpslag, domain, bestand), opslag(GesprekkenOpslag, domain, bestand)
    await gesprek_met_twee_beurten(deze)
    tracker = await andere.retrieve("gebruiker-1")
    tracker.update(UserUttered("nee"))
    tracker.update(SlotSet("jaren_vergunning", 2))
    await andere.save(tracker)
    bijgewerkt = await deze.retrieve("gebruiker-1")
    assert als_dicts(bijgewerkt) == als_dicts(tracker) and bijgewerkt.get_slot("jaren_vergunning") == 2


async def test_een_opgeruimd_gesprek_is_weg(domain, bestand):
    winkel = opslag(GesprekkenOpslag, domain, bestand)
    await gesprek_met_twee_beurten(winkel)
    with winkel.session_scope() as session:
        session.query(winkel.SQLEvent).delete()
        session.commit()
    assert await winkel.retrieve("gebruiker-1") is None


async def test_na_een_nieuwe_sessie_alleen_die_sessie(domain, bestand):
    winkel = opslag(GesprekkenOpslag, domain, bestand)
    tracker = await gesprek_met_twee_beurten(winkel)
    tracker.update(ActionExecuted("action_session_start"))
    tracker.update(SessionStarted())
    tracker.update(ActionExecuted("action_listen"))
    await winkel.save(tracker)
    uit_geheugen = await winkel.retrieve("gebruiker-1")
    uit_bestand = await opslag(SQLTrackerStore, domain, bestand).retrieve("gebruiker-1")
    assert als_dicts(uit_geheugen) == als_dicts(uit_bestand)
    assert [e.type_name for e in uit_geheugen.events] == ["session_started", "action"]


async def test_het_geheugen_houdt_een_beperkt_aantal_gesprekken(domain, bestand, monkeypatch):
    monkeypatch.setattr(gesprekken, "MAX_GESPREKKEN", 3)
    winkel = opslag(GesprekkenOpslag, domain, bestand)
    for nummer in range(5):
        await winkel.get_or_create_tracker(f"gebruiker-{nummer}")
    assert list(winkel._gesprekken) == ["gebruiker-2", "gebruiker-3", "gebruiker-4"]
    assert (await winkel.retrieve("gebruiker-0")).events  # from the file


@pytest.mark.parametrize(
    "soort, sql",
    [
        ("SQL", True),
        ("sql", True),
        ("dienst.gesprekken.GesprekkenOpslag", True),
        ("redis", False),
        (None, False),
    ],
)
def test_sql_opslag_herkennen(soort, sql):
    assert is_sql_opslag(EndpointConfig(type=soort)) is sql
