"""A stand-in for Telegram's Bot API server: answers like Telegram and remembers every call it got.

The shared stack (tests/e2e/conftest.py) starts with the Telegram settings below, pointing at one of these."""

import asyncio
import itertools
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional

from aiohttp import web

from processen import vrije_poort

BOT = {"id": 123, "is_bot": True, "first_name": "Testbot", "username": "testbot"}
TOKEN = "123:ABC"
GEHEIM = "e2e_geheim-7f3a9c"


def telegram_omgeving(rasa_url: str, api_url: str) -> Dict[str, str]:
    """The settings `python -m dienst` turns into the Telegram channel (see dienst/instellingen.py)."""
    return {
        "TELEGRAM_TOKEN": TOKEN,
        "TELEGRAM_BOT_NAME": BOT["username"],
        "TELEGRAM_SECRET_TOKEN": GEHEIM,
        "TELEGRAM_API_URL": api_url,
        "TELEGRAM_WEBHOOK_URL": f"{rasa_url}/webhooks/telegram/webhook",
    }


@dataclass
class Oproep:
    token: str
    methode: str
    parameters: Dict[str, Any]


class NepTelegram:
    def __init__(self) -> None:
        self.poort = vrije_poort()
        self.oproepen: List[Oproep] = []
        self.slot = threading.Lock()
        self.bericht_ids = itertools.count(1)
        self.loop = asyncio.new_event_loop()
        self.runner: Optional[web.AppRunner] = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.poort}"

    def start(self) -> "NepTelegram":
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(timeout=10)
        return self

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(timeout=10)
        self.loop.call_soon_threadsafe(self.loop.stop)

    async def _start(self) -> None:
        app = web.Application()
        app.router.add_post("/bot{token}/{methode}", self.ontvang)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", self.poort).start()

    async def ontvang(self, request: web.Request) -> web.Response:
        # aiogram posts form fields; other clients post JSON.
        if request.content_type == "application/json":
            parameters = await request.json()
        else:
            parameters = dict(await request.post())
        methode = request.match_info["methode"]
        with self.slot:
            self.oproepen.append(Oproep(request.match_info["token"], methode, parameters))
        return web.json_response({"ok": True, "result": self.resultaat(methode, parameters)})

    def resultaat(self, methode: str, parameters: Dict[str, Any]) -> Any:
        if methode.lower() == "getme":
            return BOT
        if methode.lower() == "sendmessage":
            return {
                "message_id": next(self.bericht_ids),
                "date": int(time.time()),
                "from": BOT,
                "chat": {"id": int(parameters["chat_id"]), "type": "private"},
                "text": parameters["text"],
            }
        return True

    def gekregen(self, methode: str, **gelijk: str) -> List[Oproep]:
        """The calls of `methode` whose parameters have the given values (compared as text)."""
        with self.slot:
            oproepen = list(self.oproepen)
        return [
            o
            for o in oproepen
            if o.methode.lower() == methode.lower()
            and all(str(o.parameters.get(k)) == str(v) for k, v in gelijk.items())
        ]

    def wacht_op(
        self, methode: str, klaar: Callable[[List[Oproep]], bool], seconden: float = 60, **gelijk: str
    ) -> List[Oproep]:
        """Waits until the calls of `methode` (filtered as in `gekregen`) satisfy `klaar`."""
        einde = time.monotonic() + seconden
        while time.monotonic() < einde:
            oproepen = self.gekregen(methode, **gelijk)
            if klaar(oproepen):
                return oproepen
            time.sleep(0.2)
        raise AssertionError(f"{methode} {gelijk}: niet binnen {seconden} s; wel: {self.gekregen(methode)}")
