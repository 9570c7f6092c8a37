"""Our channels subclass Rasa's REST, socket.io and Telegram channels (and call aiogram's `Bot.__init__`): registered
by Rasa's own `configure_app`, as `rasa run` does, each takes a message and delivers the answer over real HTTP.

These are the fence's tests for the channels (dienst/versies.py): they need no model and no other server, so
`make upgrade-check` runs them against a candidate release; tests/e2e/ runs the same channels in the whole
assistant."""

import asyncio
import json
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator, List

import aiohttp
import pytest
from rasa.core import run
from sanic import Sanic

from processen import vrije_poort
from rasaserver.kanalen import sessie
from rasaserver.kanalen.rest import VeiligeRest
from rasaserver.kanalen.socketio import BEGROETING, VeiligeSocketIO
from rasaserver.kanalen.telegram import GEHEIM_HEADER, VeiligeTelegram
from tests.e2e.nep_telegram import BOT, GEHEIM, TOKEN, NepTelegram

HERKOMST = "http://chat.voorbeeld.nl"
GEHEIM_SOCKET = "een-geheim-van-minstens-16-tekens"
KNOPPEN = [{"title": "Ja", "payload": "/affirm"}, {"title": "Nee", "payload": "/deny"}]


@pytest.fixture(autouse=True)
def meer_apps(monkeypatch):
    """Each test builds Rasa's app again under its fixed name; Sanic allows that in test mode."""
    monkeypatch.setattr(Sanic, "test_mode", True)


class EchoAgent:
    """What the channels use of Rasa's agent: each message is answered with its own text and two buttons."""

    tracker_store = None
    domain = None

    def __init__(self) -> None:
        self.berichten: List[Any] = []

    def is_ready(self) -> bool:
        return True

    async def handle_message(self, bericht: Any) -> None:
        self.berichten.append(bericht)
        await bericht.output_channel.send_response(
            bericht.sender_id, {"text": f"echo {bericht.text}", "buttons": KNOPPEN}
        )


@asynccontextmanager
async def rasa_app(app: Any) -> AsyncIterator[str]:
    """The Sanic app Rasa configured, serving on a free port; yields its address."""
    poort = vrije_poort()
    server = await app.create_server(host="127.0.0.1", port=poort, return_asyncio_server=True)
    await server.startup()
    await server.before_start()
    await server.after_start()
    try:
        yield f"http://127.0.0.1:{poort}"
    finally:
        await server.before_stop()
        server.close()
        await server.wait_closed()
        await server.after_stop()


async def test_rest_via_rasa():
    app = run.configure_app(input_channels=[VeiligeRest()], enable_api=False)
    app.ctx.agent = agent = EchoAgent()
    async with rasa_app(app) as url, aiohttp.ClientSession() as http:
        async with http.get(f"{url}/webhooks/rest/") as antwoord:
            assert antwoord.status == 200
        async with http.post(f"{url}/webhooks/rest/webhook", json={"sender": "s", "message": "hoi"}) as antwoord:
            assert antwoord.status == 200
            assert (await antwoord.json())[0]["text"] == "echo hoi"
        async with http.post(f"{url}/webhooks/rest/webhook", data="[1]") as antwoord:
            assert antwoord.status == 400
    assert [b.input_channel for b in agent.berichten] == ["rest"]


class Polling:
    """A socket.io client over engine.io's long polling, by hand: each GET is made only when an event is due, so no
    request is left waiting when the test ends (python-socketio's client keeps one open for up to 25 s)."""

    def __init__(self, http: aiohttp.ClientSession, url: str) -> None:
        self.http, self.url, self.sid = http, f"{url}/socket.io/?EIO=4&transport=polling", ""
        self.ontvangen: List[Any] = []

    async def open(self) -> None:
        async with self.http.get(self.url, headers={"Origin": HERKOMST}) as antwoord:
            self.sid = json.loads((await antwoord.text())[1:])["sid"]
        await self.stuur("40")
        assert (await self.lees())[0].startswith("40")

    async def stuur(self, pakket: str) -> None:
        async with self.http.post(f"{self.url}&sid={self.sid}", data=pakket, headers={"Origin": HERKOMST}) as antwoord:
            assert antwoord.status == 200

    async def lees(self) -> List[str]:
        async with self.http.get(f"{self.url}&sid={self.sid}", headers={"Origin": HERKOMST}) as antwoord:
            return (await antwoord.text()).split("\x1e")

    async def emit(self, event: str, data: Any) -> None:
        await self.stuur("42" + json.dumps([event, data]))

    async def event(self, naam: str) -> Any:
        while True:
            for pakket in [p for p in self.ontvangen if p[0] == naam]:
                self.ontvangen.remove(pakket)
                return pakket[1]
            self.ontvangen += [json.loads(p[2:]) for p in await asyncio.wait_for(self.lees(), 10) if p[:2] == "42"]


async def test_socketio_via_rasa(monkeypatch):
    monkeypatch.setenv("RASA_CORS_ORIGINS", HERKOMST)
    kanaal = VeiligeSocketIO(GEHEIM_SOCKET, [HERKOMST])
    app = run.configure_app(input_channels=[kanaal], enable_api=False, cors=[HERKOMST])
    app.ctx.agent = agent = EchoAgent()
    async with rasa_app(app) as url, aiohttp.ClientSession() as http:
        client = Polling(http, url)
        await client.open()
        await client.emit("session_request", {})
        token = (await client.event("session_confirm"))["session_id"]
        assert (await client.event("bot_uttered"))["text"] == f"echo {BEGROETING}"
        await client.emit("user_uttered", {"message": "hoi"})
        assert (await client.event("bot_uttered"))["text"] == "echo hoi"
        await client.stuur("41")  # leaves
    assert [b.sender_id for b in agent.berichten] == [sessie.sessie_van(GEHEIM_SOCKET, token)] * 2


def test_telegram_via_rasa():
    nep = NepTelegram().start()
    try:
        kanaal = VeiligeTelegram(
            TOKEN, BOT["username"], "https://voorbeeld.nl/webhooks/telegram/webhook", GEHEIM, nep.url
        )
        app = run.configure_app(input_channels=[kanaal], enable_api=False)  # registers the webhook (setWebhook)
        assert nep.gekregen("setWebhook", secret_token=GEHEIM)
        app.ctx.agent = EchoAgent()
        verstuurd = asyncio.run(telegram_bericht(app, nep))
        assert verstuurd[0].token == TOKEN and verstuurd[0].parameters["text"] == "echo hallo"
        knoppen = json.loads(verstuurd[0].parameters["reply_markup"])["inline_keyboard"]
        assert [[k["text"] for k in rij] for rij in knoppen] == [["Ja"], ["Nee"]]  # one per row (ours)
    finally:
        nep.stop()


async def telegram_bericht(app: Any, nep: NepTelegram) -> List[Any]:
    """Posts /start as Telegram would; returns the sendMessage calls of the answer, which follows in the background."""
    update = {"update_id": 1, "message": {"message_id": 1, "chat": {"id": 42, "type": "private"}, "text": "/start"}}
    async with rasa_app(app) as url, aiohttp.ClientSession() as http:
        async with http.post(f"{url}/webhooks/telegram/webhook", json=update) as antwoord:
            assert antwoord.status == 403  # without Telegram's secret
        kop = {GEHEIM_HEADER: GEHEIM}
        async with http.post(f"{url}/webhooks/telegram/webhook", json=update, headers=kop) as antwoord:
            assert antwoord.status == 200
        for _ in range(100):
            if nep.gekregen("sendMessage", chat_id="42"):
                break
            await asyncio.sleep(0.1)
    return nep.gekregen("sendMessage", chat_id="42")
