"""A stand-in for Meta's Graph API (the WhatsApp Cloud API's messages endpoint): answers like Meta and remembers
every message it was asked to send.

The shared stack (tests/e2e/conftest.py) starts with the WhatsApp settings below, pointing at one of these."""

import asyncio
import itertools
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional

from aiohttp import web

from processen import vrije_poort

VERSIE = "v19.0"
TOKEN = "EAAGnepTokenVoorDeTestsZZ0123456789abcdef"
NUMMER_ID = "106540352242922"
APP_GEHEIM = "5f2b6c0e9a8d4f1b3c7e6a2d9f0b1c4e"
VERIFICATIE = "e2e-verificatie-9c1d"


def whatsapp_omgeving(api_url: str) -> Dict[str, str]:
    """The settings `python -m dienst` turns into the WhatsApp channel (see dienst/instellingen.py)."""
    return {
        "WHATSAPP_TOKEN": TOKEN,
        "WHATSAPP_PHONE_NUMBER_ID": NUMMER_ID,
        "WHATSAPP_APP_SECRET": APP_GEHEIM,
        "WHATSAPP_VERIFY_TOKEN": VERIFICATIE,
        "WHATSAPP_API_URL": api_url,
    }


@dataclass
class Verzonden:
    """One message the assistant asked Meta to send: `bericht` is the JSON body as posted."""

    token: str
    nummer_id: str
    bericht: Dict[str, Any]

    @property
    def aan(self) -> str:
        return self.bericht.get("to", "")

    @property
    def tekst(self) -> str:
        """What the person reads: the text, or the text above the buttons or list."""
        if self.bericht.get("type") == "text":
            return self.bericht["text"]["body"]
        return self.bericht["interactive"]["body"]["text"]

    def keuzes(self) -> Dict[str, str]:
        """Title (and a list row's description) -> id of the buttons or rows, as the phone shows them."""
        interactief = self.bericht.get("interactive") or {}
        actie = interactief.get("action") or {}
        keuzes = {k["reply"]["title"]: k["reply"]["id"] for k in actie.get("buttons", [])}
        for rij in (r for sectie in actie.get("sections", []) for r in sectie["rows"]):
            keuzes[rij["title"]] = rij["id"]
            if "description" in rij:
                keuzes[rij["description"]] = rij["id"]
        return keuzes


class NepGraphApi:
    def __init__(self) -> None:
        self.poort = vrije_poort()
        self.verzonden: List[Verzonden] = []
        self.slot = threading.Lock()
        self.ids = itertools.count(1)
        self.loop = asyncio.new_event_loop()
        self.runner: Optional[web.AppRunner] = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.poort}/{VERSIE}"

    def start(self) -> "NepGraphApi":
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(timeout=10)
        return self

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(timeout=10)
        self.loop.call_soon_threadsafe(self.loop.stop)

    async def _start(self) -> None:
        app = web.Application()
        app.router.add_post(f"/{VERSIE}/{{nummer_id}}/messages", self.ontvang)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", self.poort).start()

    async def ontvang(self, request: web.Request) -> web.Response:
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if token != TOKEN:  # what Meta answers to a wrong or expired token
            fout = {"message": "Invalid OAuth access token.", "type": "OAuthException", "code": 190}
            return web.json_response({"error": fout}, status=401)
        bericht = await request.json()
        with self.slot:
            self.verzonden.append(Verzonden(token, request.match_info["nummer_id"], bericht))
        return web.json_response(
            {
                "messaging_product": "whatsapp",
                "contacts": [{"input": bericht.get("to"), "wa_id": bericht.get("to")}],
                "messages": [{"id": f"wamid.nep{next(self.ids)}"}],
            }
        )

    def aan(self, wa_id: str) -> List[Verzonden]:
        with self.slot:
            return [v for v in self.verzonden if v.aan == wa_id]

    def wacht_op(self, wa_id: str, klaar: Callable[[List[Verzonden]], bool], seconden: float = 60) -> List[Verzonden]:
        einde = time.monotonic() + seconden
        while time.monotonic() < einde:
            if klaar(self.aan(wa_id)):
                return self.aan(wa_id)
            time.sleep(0.1)
        raise AssertionError(f"{wa_id}: niet binnen {seconden} s; wel: {self.aan(wa_id)}")
