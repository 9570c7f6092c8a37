"""rasaserver/kanalen/basis.py: a channel built on the base gets the health route, and every message it hands on
passes the shared input check (rasaserver/kanalen/gesprek.py) before Rasa sees it."""

import inspect
from types import SimpleNamespace

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel
from sanic import Blueprint

from rasaserver.kanalen import gezondheid
from rasaserver.kanalen.basis import Kanaal, Stuur
from rasaserver.kanalen.rest import VeiligeRest

RESPONSES = {
    "utter_bericht_leeg": "leeg",
    "utter_bericht_te_lang": "te lang",
    "utter_antwoord_in_het_nederlands": "in het Nederlands",
    "utter_storing": "storing",
}


class NieuwKanaal(Kanaal):
    """What a newcomer writes: a name and how a request becomes a message; `stuur` is all it gets to reach Rasa."""

    @classmethod
    def name(cls) -> str:
        return "nieuw"

    def routes(self, webhook: Blueprint, stuur: Stuur) -> None:
        self.stuur = stuur


def agent() -> SimpleNamespace:
    async def geen_gesprek(_):
        return None  # a new conversation: no buttons offered yet

    return SimpleNamespace(
        domain=SimpleNamespace(responses={n: [{"text": t}] for n, t in RESPONSES.items()}),
        tracker_store=SimpleNamespace(retrieve=geen_gesprek),
    )


def _kanaal():
    ontvangen = []

    async def rasa(bericht) -> None:
        ontvangen.append((bericht.text, bericht.input_channel, bericht.sender_id))

    kanaal = NieuwKanaal()
    webhook = kanaal.blueprint(rasa)
    return kanaal, webhook, ontvangen


def test_een_nieuw_kanaal_heeft_de_gezondheidsroute():
    _, webhook, _ = _kanaal()
    assert webhook.name == "nieuw_webhook"
    assert [(r.uri, r.handler) for r in webhook._future_routes] == [("/", gezondheid.health)]


async def test_een_nieuw_kanaal_stuurt_elk_bericht_door_de_invoercontrole(monkeypatch):
    monkeypatch.setenv("MAX_BERICHT_TEKENS", "50")
    kanaal, _, ontvangen = _kanaal()
    uit = CollectingOutputChannel()
    assert await kanaal.stuur(agent(), '/inform{"jaren_vergunning": 99}', uit, "p1")
    assert await kanaal.stuur(agent(), "Wat\x00 kost   de aanvraag?", uit, "p2")
    assert await kanaal.stuur(agent(), "x" * 51, uit, "p3")
    assert await kanaal.stuur(agent(), "   ", uit, "p4")
    assert ontvangen == [('inform{"jaren_vergunning": 99}', "nieuw", "p1"), ("Wat kost de aanvraag?", "nieuw", "p2")]
    assert [(m["recipient_id"], m["text"]) for m in uit.messages] == [("p3", "te lang"), ("p4", "leeg")]


def test_het_kanaal_krijgt_rasa_niet_zelf():
    """routes() is given `stuur` only: Rasa's on_new_message, which skips the check, is out of its reach."""
    assert list(inspect.signature(Kanaal.routes).parameters) == ["self", "webhook", "stuur"]


def test_rest_is_op_de_basis_gebouwd():
    assert issubclass(VeiligeRest, Kanaal) and issubclass(VeiligeRest, InputChannel)
    webhook = VeiligeRest().blueprint(lambda bericht: None)
    assert webhook.name == "rest_webhook"
    assert sorted(r.uri for r in webhook._future_routes) == ["/", "/webhook"]
