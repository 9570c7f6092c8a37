"""rasaserver/patches/versnelling.py is not only harmless but in use: once installed, events are looked up in its table
(tests/e2e/test_versnelling.py: same outcomes)."""

import pytest
from rasa.shared.core.events import Event, UserUttered

from rasaserver.patches import versnelling


@pytest.fixture
def geinstalleerd(monkeypatch):
    monkeypatch.setattr(versnelling, "_event_soorten", {})
    monkeypatch.setattr(Event, "resolve_by_type", Event.resolve_by_type)
    versnelling.installeer()


def test_installeer_zet_de_versnelling_en_verwijder_haalt_hem_weg(monkeypatch):
    monkeypatch.setattr(Event, "resolve_by_type", Event.resolve_by_type)
    versnelling.installeer()
    assert Event.resolve_by_type is versnelling.event_soort
    versnelling.verwijder()
    assert Event.resolve_by_type is not versnelling.event_soort


def test_events_komen_uit_de_tabel(geinstalleerd):
    event = Event.from_parameters(UserUttered("Wat kost het?", {"intent": {"name": "vraag_kosten"}}).as_dict())
    assert isinstance(event, UserUttered)
    assert versnelling._event_soorten["user"] is UserUttered
