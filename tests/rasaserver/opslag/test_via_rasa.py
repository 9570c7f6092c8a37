"""The conversation store inside Rasa's agent, which wraps it (FailSafeTrackerStore): the chat's history and the
feedback still read the whole session (`hele_sessie` unwraps the store by Rasa's private `_tracker_store`), while
Rasa's processor gets the shortened tracker. A fence test (dienst/versies.py)."""

from rasa.core.agent import Agent
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain

from rasaserver.opslag import gesprekken
from rasaserver.opslag.gesprekken import GesprekkenOpslag
from tests.conftest import PROJECT
from tests.rasaserver.opslag.test_gesprekken import faq_beurten, lang_gesprek


async def test_de_hele_sessie_ook_door_rasas_verpakking_heen(tmp_path):
    domain = Domain.load(str(PROJECT / "domain.yml"))
    bestand = str(tmp_path / "gesprekken.db")
    winkel = GesprekkenOpslag(domain=domain, dialect="sqlite", db=bestand)
    await lang_gesprek(winkel, faq_beurten(100))
    agent = Agent(domain=domain, tracker_store=winkel)
    assert agent.tracker_store is not winkel  # Rasa's wrapper
    volledig = await SQLTrackerStore(domain=domain, dialect="sqlite", db=bestand).retrieve("lang")
    kort = await agent.tracker_store.retrieve("lang")
    assert len(kort.events) <= gesprekken.MAX_EVENTS < len(volledig.events)
    heel = await gesprekken.hele_sessie(agent.tracker_store, "lang")
    assert [e.as_dict() for e in heel.events] == [e.as_dict() for e in volledig.events]
