"""Real rasa_sdk trackers for action tests, built the way Rasa sends them to the action server."""

from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
import sqlalchemy as sa
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def eigen_instellingen():
    """Every test reads the settings of its own (monkeypatched) environment, never an earlier test's."""
    from dienst import instellingen

    instellingen.huidige.cache_clear()
    yield
    instellingen.huidige.cache_clear()


def make_tracker(
    intent: str = "",
    text: str = "",
    slots: Optional[Dict[str, Any]] = None,
    entities: Optional[List[Dict[str, Any]]] = None,
    active_loop: str = "",
    events_after_user: Optional[List[Dict[str, Any]]] = None,
) -> Tracker:
    latest = {"intent": {"name": intent, "confidence": 0.99}, "text": text, "entities": entities or []}
    events = [{"event": "action", "name": "action_listen"}, {"event": "user", "text": text, "parse_data": latest}]
    events += events_after_user or []
    return Tracker(
        sender_id="test",
        slots=dict(slots or {}),
        latest_message=latest,
        events=events,
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


@pytest.fixture
def inhoud_copy(tmp_path, monkeypatch):
    """A copy of the content (inhoud/, the knowledge in kennis/ included) that a test may edit, as a content editor
    would; the content package and the engine read the copy."""
    import inhoud
    from actions.eligibility import knowledge

    kopie = tmp_path / "inhoud"
    for naam in inhoud.BESTANDEN:
        (kopie / naam).parent.mkdir(parents=True, exist_ok=True)
        (kopie / naam).write_text((inhoud.MAP / naam).read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(inhoud, "MAP", kopie)
    monkeypatch.setattr(knowledge, "KNOWLEDGE_DIR", kopie / "kennis")
    inhoud.huidige.cache_clear()
    knowledge.laad_kennis.cache_clear()
    yield kopie
    inhoud.huidige.cache_clear()
    knowledge.laad_kennis.cache_clear()


@pytest.fixture
def knowledge_copy(inhoud_copy):
    """The knowledge folder (routes, facts, fees) of such a copy."""
    return inhoud_copy / "kennis"


@pytest.fixture(scope="session")
def domain() -> Dict[str, Any]:
    with open(PROJECT / "domain.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


def responses(dispatcher: CollectingDispatcher) -> List[str]:
    return [m.get("response") for m in dispatcher.messages]


def slot_events(events: List[Dict[str, Any]]) -> Dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def postgres_url(omgeving: Dict[str, str], db: str) -> sa.engine.URL:
    """The production database settings (POSTGRES_*) as an SQLAlchemy URL for database `db`."""
    return sa.engine.URL.create(
        "postgresql",
        omgeving["POSTGRES_USER"],
        omgeving["POSTGRES_PASSWORD"] or None,
        omgeving["POSTGRES_HOST"],
        int(omgeving["POSTGRES_PORT"]),
        db,
    )


def verwijder_database(omgeving: Dict[str, str], naam: str) -> None:
    """Drops a test's scratch database, also while a server still holds connections to it."""
    login = sa.create_engine(postgres_url(omgeving, omgeving["POSTGRES_LOGIN_DB"]), isolation_level="AUTOCOMMIT")
    with login.connect() as verbinding:
        verbinding.exec_driver_sql(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
    login.dispose()


def sql_opslag(p: Any, naam: str) -> Any:
    """Rasa's SQL tracker store on a scratch database `naam` of the production settings `p` (Rasa makes it).
    Rasa's core is imported here, not with this file: the action server's tests run without it."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain

    return SQLTrackerStore(
        Domain.empty(),
        dialect="postgresql",
        host=p.host,
        port=p.poort,
        db=naam,
        username=p.gebruiker,
        password=p.wachtwoord,
        login_db=p.login_db,
    )
