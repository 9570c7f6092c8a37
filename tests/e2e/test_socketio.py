"""The web widget's socket.io channel: sessions survive a reload and nobody can join someone else's."""

import asyncio
import json
import time
from typing import Any, Dict, List, Optional, Tuple

import aiohttp
import pytest
import socketio
import websockets

WACHT = 20


pytestmark = pytest.mark.usefixtures("geen_losse_taken")


class Bezoeker:
    """A browser tab, seen from the socket.io protocol."""

    def __init__(self, stack: Any, herkomst: Optional[str] = None) -> None:
        self.url = stack.rasa_url
        self.herkomst = herkomst or f"http://127.0.0.1:{stack.web_poort}"
        self.client = socketio.AsyncClient(reconnection=False)
        self.ontvangen: List[Tuple[str, Dict[str, Any]]] = []
        for naam in ("session_confirm", "bot_uttered", "geschiedenis", "sessie_verlopen"):
            self.client.on(naam, self._bewaar(naam))

    def _bewaar(self, naam: str):
        async def bewaar(data: Dict[str, Any]) -> None:
            self.ontvangen.append((naam, data))

        return bewaar

    async def verbind(self, token: Optional[str] = None) -> Dict[str, Any]:
        # The test client's websocket transport needs a newer aiohttp than Rasa pins; polling is the same protocol.
        await self.client.connect(self.url, headers={"Origin": self.herkomst}, transports=["polling"])
        await self.client.emit("session_request", {"session_id": token})
        return await self.wacht_op("session_confirm")

    async def wacht_op(self, naam: str, aantal: int = 1) -> Dict[str, Any]:
        for _ in range(WACHT * 10):
            gevonden = [d for n, d in self.ontvangen if n == naam]
            if len(gevonden) >= aantal:
                return gevonden[aantal - 1]
            await asyncio.sleep(0.1)
        raise TimeoutError(f"no {naam} within {WACHT} s; got {[n for n, _ in self.ontvangen]}")

    def bot_teksten(self) -> str:
        return "\n".join(d.get("text", "") for n, d in self.ontvangen if n == "bot_uttered")

    async def zeg(self, tekst: str, token: str = "") -> None:
        aantal = sum(1 for n, _ in self.ontvangen if n == "bot_uttered")
        await self.client.emit("user_uttered", {"message": tekst, "session_id": token})
        await self.wacht_op("bot_uttered", aantal + 1)

    async def wacht_op_beurt(self, stack: Any, token: str, tekst: str) -> List[str]:
        """Waits until Rasa stored the turn of `tekst` (it stores a turn just after it sent the replies) and
        every part of its answer arrived here; returns those parts. Polls: a busy machine is slower, not wrong."""
        afzender = token.split(".")[0]
        einde = time.monotonic() + WACHT
        while True:
            events = stack.gebeurtenissen(afzender)
            gebruiker = [i for i, e in enumerate(events) if e["event"] == "user"]
            delen = []
            if gebruiker and events[gebruiker[-1]].get("text") == tekst:
                delen = [
                    deel.strip()
                    for e in events[gebruiker[-1] + 1 :]
                    if e["event"] == "bot"
                    for deel in (e.get("text") or "").strip().split("\n\n")
                    if deel.strip()
                ]
            ontvangen = [d.get("text", "").strip() for n, d in self.ontvangen if n == "bot_uttered"]
            if delen and ontvangen[-len(delen) :] == delen:
                return delen
            if time.monotonic() > einde:
                raise TimeoutError(f"the answer to {tekst!r} was not stored and received within {WACHT} s: {delen}")
            await asyncio.sleep(0.1)

    async def sluit(self) -> None:
        # Without abort the polling client waits for its pending long-poll (up to the 25 s ping interval).
        await self.client.eio.disconnect(abort=True)


async def test_nieuwe_sessie_krijgt_welkom_en_na_herladen_de_geschiedenis(stack):
    tab = Bezoeker(stack)
    sessie = await tab.verbind()
    assert sessie["nieuw"] is True
    await tab.wacht_op("bot_uttered")
    await tab.zeg("Wat kost de aanvraag?", sessie["session_id"])
    await tab.wacht_op_beurt(stack, sessie["session_id"], "Wat kost de aanvraag?")  # stored: the reload shows it
    await tab.sluit()

    herladen = Bezoeker(stack)
    opnieuw = await herladen.verbind(sessie["session_id"])
    assert opnieuw == {"session_id": sessie["session_id"], "nieuw": False}
    berichten = (await herladen.wacht_op("geschiedenis"))["berichten"]
    assert berichten[0]["van"] == "assistent" and berichten[0]["knoppen"]
    assert {"van": "gebruiker", "tekst": "Wat kost de aanvraag?", "knoppen": []} in berichten
    assert any("€" in b["tekst"] for b in berichten if b["van"] == "assistent")
    await herladen.sluit()


async def test_geraden_of_vervalst_sessie_id_geeft_een_nieuwe_lege_sessie(stack):
    eigenaar = Bezoeker(stack)
    sessie = await eigenaar.verbind()
    await eigenaar.zeg("Mijn V-nummer staat op mijn pas", sessie["session_id"])
    sessie_id, handtekening = sessie["session_id"].split(".")
    await eigenaar.sluit()

    for poging in (sessie_id, f"{sessie_id}.{handtekening[::-1]}", f"{sessie_id}.", None, 12345):
        indringer = Bezoeker(stack)
        nieuw = await indringer.verbind(poging)
        assert nieuw["nieuw"] is True and not nieuw["session_id"].startswith(sessie_id)
        # The server answers a session request with the history or, for a new session, the welcome: once the
        # welcome is here, no history is coming.
        await indringer.wacht_op("bot_uttered")
        assert not [d for n, d in indringer.ontvangen if n == "geschiedenis"]
        await indringer.sluit()


async def test_bericht_met_andermans_sessie_id_komt_in_de_eigen_sessie(stack):
    eigenaar = Bezoeker(stack)
    van_eigenaar = await eigenaar.verbind()
    await eigenaar.wacht_op("bot_uttered")
    await eigenaar.sluit()

    indringer = Bezoeker(stack)
    eigen = await indringer.verbind()
    await indringer.wacht_op("bot_uttered")
    await indringer.zeg("Wat kost de aanvraag?", token=van_eigenaar["session_id"])
    await indringer.sluit()

    async def gebruikersberichten(token: str) -> List[str]:
        terug = Bezoeker(stack)
        await terug.verbind(token)
        berichten = (await terug.wacht_op("geschiedenis"))["berichten"]
        await terug.sluit()
        return [b["tekst"] for b in berichten if b["van"] == "gebruiker"]

    eigen_berichten: List[str] = []
    einde = time.monotonic() + WACHT
    while not eigen_berichten and time.monotonic() < einde:  # Rasa stores the turn just after it sent the replies
        eigen_berichten = await gebruikersberichten(eigen["session_id"])
        if not eigen_berichten:
            await asyncio.sleep(0.2)
    assert eigen_berichten == ["Wat kost de aanvraag?"]
    assert await gebruikersberichten(van_eigenaar["session_id"]) == []


async def test_bericht_zonder_sessie_wordt_niet_verwerkt(stack):
    tab = Bezoeker(stack)
    await tab.client.connect(tab.url, headers={"Origin": tab.herkomst}, transports=["polling"])
    await tab.client.emit("user_uttered", {"message": "hallo", "session_id": "iets"})
    await tab.wacht_op("sessie_verlopen")
    assert not [n for n, _ in tab.ontvangen if n == "bot_uttered"]
    await tab.sluit()


async def test_andere_website_mag_niet_verbinden(stack):
    tab = Bezoeker(stack, herkomst="https://kwaadwillend.example")
    with pytest.raises(socketio.exceptions.ConnectionError):
        await tab.verbind()


ORIGIN = "Access-Control-Allow-Origin"
VREEMD = "https://kwaadwillend.example"


async def polling_connect(http: aiohttp.ClientSession, stack: Any, herkomst: str) -> Tuple[List[List[str]], str]:
    """An Engine.IO v4 polling handshake and a socket.io connect, as a browser's XHRs send them: the
    Access-Control-Allow-Origin headers of each response, and the server's last answer (a refused handshake
    ends it early)."""
    url = f"{stack.rasa_url}/socket.io/?EIO=4&transport=polling"
    kopjes = {"Origin": herkomst}
    async with http.get(url, headers=kopjes) as handdruk:
        gezien = [handdruk.headers.getall(ORIGIN, [])]
        tekst = await handdruk.text()
    if handdruk.status != 200:
        return gezien, tekst
    sid = json.loads(tekst[1:])["sid"]  # "0{...}": the Engine.IO open packet
    async with http.post(f"{url}&sid={sid}", data="40", headers=kopjes) as verbind:
        gezien.append(verbind.headers.getall(ORIGIN, []))
    async with http.get(f"{url}&sid={sid}", headers=kopjes) as antwoord:
        gezien.append(antwoord.headers.getall(ORIGIN, []))
        return gezien, await antwoord.text()


async def test_polling_geeft_de_eigen_website_precies_een_cors_kopje(stack):
    eigen = f"http://127.0.0.1:{stack.web_poort}"
    async with aiohttp.ClientSession() as http:
        gezien, antwoord = await polling_connect(http, stack, eigen)
    assert gezien == [[eigen]] * 3  # two copies make every browser refuse the response
    assert antwoord.startswith("40{")  # socket.io: connected


async def test_polling_geeft_een_andere_website_geen_cors_kopje_en_geen_verbinding(stack):
    async with aiohttp.ClientSession() as http:
        gezien, antwoord = await polling_connect(http, stack, VREEMD)
    assert all(kopjes == [] for kopjes in gezien)
    assert not antwoord.startswith("40{")  # refused, at the handshake or at socket.io's connect ("44")


async def websocket_connect(stack: Any, herkomst: str) -> str:
    """The server's answer to a socket.io connect over the websocket transport ('' when the handshake fails)."""
    url = f"ws://127.0.0.1:{stack.rasa_poort}/socket.io/?EIO=4&transport=websocket"
    try:
        async with websockets.connect(url, origin=herkomst) as ws:
            assert len(ws.response_headers.get_all(ORIGIN)) <= 1
            assert (await asyncio.wait_for(ws.recv(), WACHT)).startswith("0{")
            await ws.send("40")
            return await asyncio.wait_for(ws.recv(), WACHT)
    except websockets.exceptions.InvalidStatusCode:
        return ""


async def test_websocket_verbindt_alleen_de_eigen_website(stack):
    assert (await websocket_connect(stack, f"http://127.0.0.1:{stack.web_poort}")).startswith("40{")
    assert not (await websocket_connect(stack, VREEMD)).startswith("40{")
