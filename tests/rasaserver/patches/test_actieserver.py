"""A failing or hanging action server gives the user an apology within seconds (rasaserver/patches/actieserver.py)."""

import asyncio
import importlib
import pkgutil
import socket
import time

import jsonschema
import pytest
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from rasaserver.patches import actieserver
from rasaserver.patches.actieserver import RemoteActionMetStoring
from tests.conftest import PROJECT


@pytest.fixture(autouse=True)
def actieserver_was_er(monkeypatch):
    """No test starts with the short wait that an earlier test's failure leaves behind."""
    monkeypatch.setattr(actieserver, "_vorige_mislukt", False)


@pytest.fixture
def wachttijden(monkeypatch):
    """Every wait on the action server: its budget in seconds and how it ended ("op": the budget ran out).

    The timing tests check which waits happened, not the clock: on a busy machine a wait takes longer than its
    budget (rasaserver/patches/actieserver.py counts a late look of the event loop as one step), which is the point."""
    gezien = []
    echte = actieserver.binnen_de_wachttijd

    async def bespied(werk, seconden):
        try:
            uitkomst = await echte(werk, seconden)
        except asyncio.TimeoutError:
            gezien.append((seconden, "op"))
            raise
        gezien.append((seconden, "antwoord"))
        return uitkomst

    monkeypatch.setattr(actieserver, "binnen_de_wachttijd", bespied)
    return gezien


@pytest.fixture(scope="module")
def nlg():
    domain = Domain.load(str(PROJECT / "domain.yml"))
    return TemplatedNaturalLanguageGenerator(domain.responses), domain


def gesloten_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def voer_uit(url, nlg_en_domain, tracker=None):
    nlg, domain = nlg_en_domain
    tracker = tracker or DialogueStateTracker.from_events("test", [UserUttered("Wat kost het?")])
    actie = RemoteActionMetStoring("action_leges_uitleg", EndpointConfig(url))
    return await actie.run(CollectingOutputChannel(), nlg, tracker, domain)


async def test_actieserver_uit_geeft_excuus_met_telefoonnummer(nlg):
    events = await voer_uit(f"http://127.0.0.1:{gesloten_poort()}/webhook", nlg)
    assert len(events) == 1 and isinstance(events[0], BotUttered)
    assert "storing" in events[0].text and "088 043 0430" in events[0].text


async def test_hangende_actieserver_geeft_excuus_na_de_wachttijd(nlg, monkeypatch, wachttijden):
    monkeypatch.setenv("ACTIE_TIMEOUT", "0.5")
    server = await asyncio.start_server(lambda r, w: asyncio.sleep(60), "127.0.0.1", 0)
    poort = server.sockets[0].getsockname()[1]
    async with server:
        events = await voer_uit(f"http://127.0.0.1:{poort}/webhook", nlg)
    assert wachttijden == [(0.5, "op")]  # one wait of ACTIE_TIMEOUT, which ran out: then the apology
    assert "storing" in events[0].text


async def test_een_excuus_per_beurt(nlg):
    eerste = await voer_uit(f"http://127.0.0.1:{gesloten_poort()}/webhook", nlg)
    tracker = DialogueStateTracker.from_events("test", [UserUttered("Wat kost het?"), *eerste])
    tweede = await voer_uit(f"http://127.0.0.1:{gesloten_poort()}/webhook", nlg, tracker)
    assert tweede == []


def server_modules() -> None:
    """Every module of Rasa's core, as far as it loads here: what the server may have imported at start."""
    import rasa.core
    import rasa.server

    for module in pkgutil.walk_packages(rasa.core.__path__, "rasa.core."):
        try:
            importlib.import_module(module.name)
        except ImportError:  # an optional extra (Kafka, Pika ...) that is not installed
            continue


@pytest.fixture
def geinstalleerd(monkeypatch):
    """installeer() after the server's modules are loaded; every module gets its own class back afterwards."""
    server_modules()
    for module, naam in actieserver.houders(actieserver.gewone_klasse()):
        monkeypatch.setattr(module, naam, actieserver.gewone_klasse())
    actieserver.installeer()


def test_geen_module_houdt_rasas_eigen_remoteaction(geinstalleerd):
    assert [f"{module.__name__}.{naam}" for module, naam in actieserver.houders(actieserver.gewone_klasse())] == []
    assert len(actieserver.houders(RemoteActionMetStoring)) >= 2  # at least .action and .forms


def test_rasa_bouwt_elke_eigen_actie_met_excuus(geinstalleerd):
    import rasa.core.actions.action as rasa_action

    actie = rasa_action.action_for_name_or_text(
        "action_leges_uitleg", Domain.load(str(PROJECT / "domain.yml")), EndpointConfig("http://127.0.0.1:1/webhook")
    )
    assert isinstance(actie, RemoteActionMetStoring)


def test_antwoord_van_de_actieserver_wordt_gecontroleerd_met_een_vaste_validator(monkeypatch):
    actie = RemoteActionMetStoring("action_leges_uitleg", EndpointConfig("http://127.0.0.1:1/webhook"))
    goed = {"events": [{"event": "slot", "name": "leges", "value": 51}], "responses": [{"text": "€ 51"}]}
    monkeypatch.setattr(type(actieserver.antwoordcontrole()), "check_schema", pytest.fail)  # not per call
    assert actie._validate_action_result(goed)
    with pytest.raises(jsonschema.ValidationError):
        actie._validate_action_result({"events": "geen lijst"})


async def test_alle_acties_van_een_bericht_samen_binnen_de_wachttijd(nlg, monkeypatch, wachttijden):
    """A form validates and then asks: with a hanging server the whole message still apologises in time."""
    monkeypatch.setenv("ACTIE_TIMEOUT", "0.5")
    server = await asyncio.start_server(lambda r, w: asyncio.sleep(60), "127.0.0.1", 0)
    url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/webhook"
    tracker = DialogueStateTracker.from_events("beurt", [UserUttered("ja", message_id="bericht-1")])
    async with server:
        eerste = await voer_uit(url, nlg, tracker)
        tweede = await voer_uit(url, nlg, tracker)  # the apology got lost (a form rejected): given again, at once
        tracker.update_with_events(eerste, None)
        derde = await voer_uit(url, nlg, tracker)
    assert wachttijden == [(0.5, "op")]  # one wait of 0.5 s, not three: the later actions are not tried
    assert "storing" in eerste[0].text and "storing" in tweede[0].text and derde == []


async def test_een_nieuw_bericht_probeert_de_actieserver_weer(nlg, monkeypatch):
    monkeypatch.setattr(actieserver, "STORINGEN", actieserver.Storingen(maximum=2))
    bericht = UserUttered("ja", message_id="1")
    url = f"http://127.0.0.1:{gesloten_poort()}/webhook"
    eerste = await voer_uit(url, nlg, DialogueStateTracker.from_events("a", [bericht]))
    assert "storing" in eerste[0].text
    tracker = DialogueStateTracker.from_events("a", [bericht, *eerste])  # the same message, as a form's trackers
    assert actieserver.STORINGEN.tijdens_dit_bericht(tracker)
    tracker.update(UserUttered("Turks", message_id="2"))
    assert not actieserver.STORINGEN.tijdens_dit_bericht(tracker)
    for afzender in ("b", "c"):
        actieserver.STORINGEN.meld(DialogueStateTracker.from_events(afzender, [UserUttered("x", message_id="1")]))
    assert list(actieserver.STORINGEN._per_gesprek) == ["b", "c"]  # the oldest conversation is forgotten


async def test_een_drukke_rasa_telt_niet_als_hangende_actieserver(monkeypatch):
    """Under load the event loop is late to look at a reply: those late looks do not use up ACTIE_TIMEOUT."""

    async def drukte():
        for _ in range(4):
            time.sleep(0.6)  # a model prediction of another conversation holds the loop
            await asyncio.sleep(0)

    async def antwoord():
        await asyncio.sleep(1.2)  # longer than the 1 s below: asyncio.wait_for would give up
        return "antwoord"

    andere = asyncio.ensure_future(drukte())
    assert await actieserver.binnen_de_wachttijd(antwoord(), 1.0) == "antwoord"
    await andere

    # A quiet loop and an action server that never answers: it gives up after 1 s of looks of STAP (0.25 s)
    # each, never earlier. Counted as looks, not on the clock: on a busy machine a look may come late.
    looks = []
    echte_wait = asyncio.wait

    async def kijk(taken, timeout):
        looks.append(timeout)
        return await echte_wait(taken, timeout=timeout)

    monkeypatch.setattr(actieserver.asyncio, "wait", kijk)
    begin = time.monotonic()
    with pytest.raises(asyncio.TimeoutError):
        await actieserver.binnen_de_wachttijd(asyncio.sleep(60), 1.0)
    assert time.monotonic() - begin >= 1.0 - 0.01  # never earlier, but for the loop timer's resolution
    assert looks == [actieserver.STAP] * 4, looks


SLOTS = [{"event": "slot", "name": f"slot_{i}", "value": None, "timestamp": None} for i in range(27)]
ANTWOORDEN = [
    {"events": [], "responses": []},
    {"events": SLOTS, "responses": [{"text": "Dit zijn de voorwaarden:", "buttons": [], "response": "utter_x"}]},
    {"events": [{"event": "bot", "text": "Hallo", "data": {}, "metadata": {}}, {"event": "followup", "name": "x"}]},
    {"events": [{"event": "active_loop", "name": None}, {"event": "reset_slots"}, {"event": "restart"}]},
    {"events": [{"event": "action_execution_rejected", "name": "form_x"}, {"event": "session_started"}]},
    {"events": [{"event": "user", "text": "ja", "parse_data": {"intent": {"name": "affirm", "confidence": 1.0}}}]},
    {"events": [{"event": "slot", "value": 5}]},  # no name
    {"events": [{"event": "slot", "name": 3, "value": 5}]},
    {"events": [{"event": "onbekend"}]},
    {"events": [{"name": "zonder soort"}]},
    {"events": [1]},
    {"events": "geen lijst"},
    {"events": [{"event": "bot", "text": 5}]},
    {"events": [{"event": "user", "parse_data": {"intent_ranking": "geen lijst"}}]},
    {"responses": [1]},
    ["geen", "object"],
]


@pytest.mark.parametrize("antwoord", ANTWOORDEN)
def test_de_snelle_controle_oordeelt_als_rasas_schema(antwoord):
    assert actieserver.geldig_antwoord(antwoord) == actieserver.antwoordcontrole().is_valid(antwoord)


def test_een_goed_antwoord_gaat_niet_langs_rasas_hele_schema(monkeypatch):
    actie = RemoteActionMetStoring("action_kies_route", EndpointConfig("http://127.0.0.1:1/webhook"))
    monkeypatch.setattr(actieserver, "antwoordcontrole", lambda: pytest.fail("Rasa's whole schema was used"))
    assert actie._validate_action_result(ANTWOORDEN[1])


async def test_na_een_storing_wachten_de_volgende_berichten_kort(nlg, monkeypatch, wachttijden):
    """Messages wait their turn (rasaserver/kanalen/gesprek.py): while the action server is away, each apologises fast."""
    monkeypatch.setenv("ACTIE_TIMEOUT", "3")
    monkeypatch.setattr(actieserver, "_vorige_mislukt", False)
    server = await asyncio.start_server(lambda r, w: asyncio.sleep(60), "127.0.0.1", 0)
    url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/webhook"
    async with server:
        await voer_uit(url, nlg, DialogueStateTracker.from_events("eerste", [UserUttered("ja")]))
        tweede = await voer_uit(url, nlg, DialogueStateTracker.from_events("tweede", [UserUttered("ja")]))
    # the first one waits ACTIE_TIMEOUT, the next only NA_STORING: both ran out, both apologise
    assert wachttijden == [(3.0, "op"), (actieserver.NA_STORING, "op")]
    assert "storing" in tweede[0].text
    assert actieserver.wachttijd() == actieserver.NA_STORING
    monkeypatch.setattr(actieserver, "_vorige_mislukt", False)  # what a call that succeeds does
    assert actieserver.wachttijd() == 3


async def test_een_formuliervraag_blijft_open_als_de_actieserver_weg_is(nlg, geinstalleerd):
    """Rasa's own form, its validation failing: no rejection (which would hand the turn to the fallback rule for
    a one-word answer the model is unsure of), the apology, and the same question again."""
    from rasa.core.actions.forms import FormAction
    from rasa.shared.core.events import ActiveLoop, SlotSet

    _, domain = nlg
    tracker = DialogueStateTracker.from_events(
        "formulier",
        [
            ActiveLoop("form_overlijden_partner"),
            SlotSet("requested_slot", "herkomst_groep"),
            UserUttered("Turks", intent={"name": "nlu_fallback", "confidence": 0.5}),
        ],
        domain.slots,
    )
    formulier = FormAction("form_overlijden_partner", EndpointConfig(f"http://127.0.0.1:{gesloten_poort()}/webhook"))
    events = await formulier.run(CollectingOutputChannel(), nlg[0], tracker, domain)
    teksten = [e.text for e in events if isinstance(e, BotUttered)]
    assert len(teksten) == 2 and "storing" in teksten[0] and "nationaliteit" in teksten[1]
    assert SlotSet("herkomst_groep", None) in events


def test_buiten_een_formulier_blijft_geen_vraag_open():
    assert actieserver.vraag_blijft_open(DialogueStateTracker.from_events("los", [UserUttered("ja")])) == []
