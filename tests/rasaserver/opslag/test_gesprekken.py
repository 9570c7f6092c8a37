"""The conversation store keeps conversations in progress in memory; the database stays the truth (rasaserver/opslag/gesprekken.py)."""

import time

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.common import class_from_module_path
from rasa.utils.endpoints import EndpointConfig

from dienst.eindpunten import GESPREKKEN_OPSLAG, is_sql_opslag
from rasaserver.opslag import gesprekken
from rasaserver.opslag.gesprekken import GesprekkenOpslag
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
        ("rasaserver.opslag.gesprekken.GesprekkenOpslag", True),
        ("redis", False),
        (None, False),
    ],
)
def test_sql_opslag_herkennen(soort, sql):
    assert is_sql_opslag(EndpointConfig(type=soort)) is sql


def test_de_tools_kennen_de_opslag_bij_zijn_naam():
    """dienst.eindpunten names our store without importing it: the name must be the class's."""
    assert class_from_module_path(GESPREKKEN_OPSLAG) is GesprekkenOpslag


def vraag_en_antwoord(nummer):
    """One FAQ turn as Rasa stores it."""
    return [
        UserUttered(f"vraag {nummer}", {"name": "faq", "confidence": 0.9}),
        ActionExecuted("utter_faq"),
        BotUttered(f"antwoord {nummer}"),
        ActionExecuted("action_listen"),
    ]


def form_beurt(nummer, form="form_huwelijk_relatie"):
    """A turn inside a form: the loop stays active over action_listen."""
    return [
        UserUttered(f"{nummer}", {"name": "inform", "confidence": 0.9}),
        ActionExecuted(form),
        SlotSet("jaren_vergunning", nummer),
        ActionExecuted("action_listen"),
    ]


async def lang_gesprek(winkel, beurten, sender="lang"):
    """A session of `beurten` turns, stored one message at a time as the processor does."""
    tracker = await winkel.get_or_create_tracker(sender)
    tracker.update(ActionExecuted("action_session_start"))
    tracker.update(SessionStarted())
    tracker.update(ActionExecuted("action_listen"))
    await winkel.save(tracker)
    for beurt in beurten:
        tracker = await winkel.retrieve(sender)
        for event in beurt:
            event.timestamp = time.time()  # made before the session started
            tracker.update(event)
        await winkel.save(tracker)
    return tracker


def zelfde_staten(kort, volledig, domain):
    """How many of the states Rasa's rules read are the same as the full session's latest ones (all but the
    shortened tracker's first, a conversation start)."""
    staten = kort.past_states(domain)[1:]
    assert volledig.past_states(domain)[-len(staten) :] == staten
    return len(staten)


def faq_beurten(aantal, begin=0):
    return [vraag_en_antwoord(n) for n in range(begin, begin + aantal)]


async def test_een_lang_gesprek_wordt_niet_bij_elk_bericht_helemaal_gelezen(domain, bestand, monkeypatch):
    winkel = opslag(GesprekkenOpslag, domain, bestand)
    beurten = [[SlotSet("route", "huwelijk_relatie")]] + faq_beurten(150)  # 1 + 600 events after the start
    await lang_gesprek(winkel, beurten)
    volledig = await opslag(SQLTrackerStore, domain, bestand).retrieve("lang")
    assert len(volledig.events) == 603  # the session: from session_started on

    gelezen = []
    origineel = DialogueStateTracker.from_dict

    def tel(sender_id, events, slots=None, **kwargs):
        gelezen.append(len(events))
        return origineel(sender_id, events, slots, **kwargs)

    monkeypatch.setattr(DialogueStateTracker, "from_dict", tel)
    kort = await winkel.retrieve("lang")
    assert gelezen == [len(kort.events)] and len(kort.events) <= gesprekken.MAX_EVENTS
    assert len(kort.events) >= gesprekken.HOUD_EVENTS
    # Rasa's rules see the same: the slots, the latest turns, the last states of the history.
    assert kort.current_slot_values() == volledig.current_slot_values()
    assert als_dicts(kort)[-gesprekken.HOUD_EVENTS :] == als_dicts(volledig)[-gesprekken.HOUD_EVENTS :]
    assert zelfde_staten(kort, volledig, domain) >= 30
    assert kort.latest_message.text == volledig.latest_message.text == "vraag 149"


async def test_wat_bij_een_ingekort_gesprek_komt_wordt_een_keer_bewaard(domain, bestand):
    winkel = opslag(GesprekkenOpslag, domain, bestand)
    await lang_gesprek(winkel, faq_beurten(100))
    verwacht = als_dicts(await opslag(SQLTrackerStore, domain, bestand).retrieve("lang"))
    tracker = await winkel.retrieve("lang")
    nieuw = vraag_en_antwoord(100)
    for event in nieuw:
        tracker.update(event)
    await winkel.save(tracker)
    await winkel.save(tracker)  # saving the same tracker again adds nothing
    na_herstart = await opslag(SQLTrackerStore, domain, bestand).retrieve("lang")
    assert als_dicts(na_herstart) == verwacht + [e.as_dict() for e in nieuw]
    assert len((await winkel.retrieve("lang")).events) <= gesprekken.MAX_EVENTS
    assert [e.as_dict() for e in (await gesprekken.hele_sessie(winkel, "lang")).events] == als_dicts(na_herstart)


async def test_een_gesprek_wordt_niet_midden_in_een_formulier_ingekort(domain, bestand):
    winkel = opslag(GesprekkenOpslag, domain, bestand)
    formulier = [[ActiveLoop("form_huwelijk_relatie")]] + [form_beurt(n) for n in range(100)]
    await lang_gesprek(winkel, faq_beurten(10) + formulier + [[ActiveLoop(None)]] + faq_beurten(2, 10))
    volledig = await opslag(SQLTrackerStore, domain, bestand).retrieve("lang")
    kort = await winkel.retrieve("lang")
    assert len(kort.events) < len(volledig.events)
    eerste = next(e for e in kort.events if not isinstance(e, SlotSet))
    assert eerste.as_dict() == volledig.events[1 + 4 * 10].as_dict()  # the action_listen before the form
    assert kort.current_slot_values() == volledig.current_slot_values()
    assert zelfde_staten(kort, volledig, domain) >= 5
