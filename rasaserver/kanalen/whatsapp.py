"""WhatsApp channel (Meta's WhatsApp Cloud API): GET and POST /webhooks/whatsapp/webhook.

Meta checks the webhook once with a handshake (`hub.mode`, `hub.verify_token`, `hub.challenge`) and signs
every delivery: `X-Hub-Signature-256` is the HMAC-SHA256 of the raw body with the app secret. A POST without
the right signature gets a 403 and is not read. Meta gets its 200 at once and the replies follow in the
background through the Graph API; Meta delivers a message again when its 200 came late, so the ids of the
latest messages are kept (in this process) and a retry is answered once. Status updates (sent, delivered,
read) need no answer.
"""

import asyncio
import hashlib
import hmac
import json
import logging
import re
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Dict, List, Optional, Set

import aiohttp
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from dienst.instellingen import WHATSAPP_API, InstellingFout, WhatsApp, controleer_whatsapp
from rasaserver.kanalen import gesprek, gezondheid

logger = logging.getLogger(__name__)

HANDTEKENING_HEADER = "X-Hub-Signature-256"
API_TIMEOUT = 15
ONTHOUDEN = 10_000  # the latest message ids, to recognise a message Meta delivers again

# WhatsApp's limits (Cloud API, messages endpoint).
MAX_TEKST = 4096
MAX_BODY = 1024  # the text above buttons or a list
MAX_KNOPPEN, MAX_KNOP_TITEL = 3, 20
MAX_RIJEN, MAX_RIJ_TITEL, MAX_RIJ_BESCHRIJVING = 10, 24, 72
MAX_ID = 200  # a list row's id (a reply button's may be 256): the button's payload must fit
LIJST_KNOP = "Kies een antwoord"  # the list's own button, at most 20 characters
MEER_KEUZES = "Meer keuzes:"

ALLEEN_TEKST = "Ik lees alleen tekst: typ uw vraag in een paar woorden."
# There is no "Snel weg" on WhatsApp: the chat stays on the phone until the person deletes it.
CHAT_WISSEN = "Wilt u dit gesprek wissen, houd dan deze chat ingedrukt in uw lijst met chats en kies verwijderen."
WELKOM = "utter_welkom"
GEEN_ANTWOORD = {"reaction", "system"}  # a 👍 on our message or a changed number: not a question

_ZINSEINDE = re.compile(r"[.!?…](?=\s)")


class WhatsAppFout(RasaException):
    """The WhatsApp settings are wrong; the message says which."""


@dataclass(frozen=True)
class Bericht:
    """One message of a person: `tekst` is None when it is not text (a photo, voice message, location...)."""

    wa_id: str
    bericht_id: str
    tekst: Optional[str]


# --- incoming --------------------------------------------------------------------------------------


def handtekening_klopt(app_geheim: str, body: bytes, kop: str) -> bool:
    """True when `kop` is "sha256=" + the HMAC-SHA256 of the raw body with the app secret (constant time)."""
    verwacht = "sha256=" + hmac.new(app_geheim.encode(), body, hashlib.sha256).hexdigest()
    # Sanic keeps undecodable header bytes as surrogates; they must give a 403, not an encoding error.
    return hmac.compare_digest(kop.encode(errors="surrogateescape"), verwacht.encode())


def lijst(waarde: object) -> List[Dict[str, Any]]:
    return [x for x in waarde if isinstance(x, dict)] if isinstance(waarde, list) else []


def tekst_van(bericht: Dict[str, Any]) -> Optional[str]:
    """The text of a message, or of the button or list row it answers (its id is the button's payload)."""
    soort = bericht.get("type")
    deel = bericht.get(soort) if isinstance(soort, str) else None
    deel = deel if isinstance(deel, dict) else {}
    if soort == "text":
        return deel.get("body") if isinstance(deel.get("body"), str) else ""
    if soort == "interactive":
        keuze = deel.get("button_reply") or deel.get("list_reply")
        return keuze.get("id") if isinstance(keuze, dict) and isinstance(keuze.get("id"), str) else None
    if soort == "button":  # a quick reply of a template: we send none, but its text is a message
        return deel.get("text") if isinstance(deel.get("text"), str) else None
    return None


def lees_bericht(bericht: Dict[str, Any]) -> Optional[Bericht]:
    wa_id, bericht_id = bericht.get("from"), bericht.get("id")
    if not (isinstance(wa_id, str) and wa_id.isdigit() and isinstance(bericht_id, str) and bericht_id):
        return None
    if bericht.get("type") in GEEN_ANTWOORD:
        return None
    return Bericht(wa_id, bericht_id, tekst_van(bericht))


def lees_berichten(update: Dict[str, Any], telefoonnummer_id: str) -> List[Bericht]:
    """The people's messages to our number in a webhook delivery; status updates and the rest are left out."""
    berichten = []
    for entry in lijst(update.get("entry")):
        for wijziging in lijst(entry.get("changes")):
            waarde = wijziging.get("value")
            if wijziging.get("field") != "messages" or not isinstance(waarde, dict):
                continue
            metadata = waarde.get("metadata") if isinstance(waarde.get("metadata"), dict) else {}
            if str(metadata.get("phone_number_id", "")) != telefoonnummer_id:
                logger.info("WhatsApp: bericht voor een ander telefoonnummer van de app overgeslagen.")
                continue
            berichten.extend(b for b in map(lees_bericht, lijst(waarde.get("messages"))) if b)
    return berichten


class RecenteIds:
    """The latest `maximum` message ids, oldest forgotten first: enough to recognise Meta's retries."""

    def __init__(self, maximum: int = ONTHOUDEN) -> None:
        self.maximum = maximum
        self.ids: "OrderedDict[str, None]" = OrderedDict()

    def nieuw(self, bericht_id: str) -> bool:
        if bericht_id in self.ids:
            return False
        self.ids[bericht_id] = None
        if len(self.ids) > self.maximum:
            self.ids.popitem(last=False)
        return True


# --- outgoing: what WhatsApp can show ----------------------------------------------------------------


def delen(tekst: str, maximum: int = MAX_TEKST) -> List[str]:
    """`tekst` in parts of at most `maximum` characters, split at a blank line, else at a line end, else after a
    sentence, else at a space; only a word longer than the limit is cut."""
    delen_: List[str] = []
    tekst = tekst.strip()
    while len(tekst) > maximum:
        venster = tekst[: maximum + 1]
        zinnen = [m.end() for m in _ZINSEINDE.finditer(venster)]
        for plek in (venster.rfind("\n\n"), venster.rfind("\n"), zinnen[-1] if zinnen else -1, venster.rfind(" ")):
            if plek > 0:
                break
        else:
            plek = maximum
        delen_.append(tekst[:plek].rstrip())
        tekst = tekst[plek:].lstrip()
    return [*delen_, tekst] if tekst else delen_


def kort(titel: str, maximum: int) -> str:
    """`titel` within `maximum` characters: cut after a whole word (or after a hyphen), with "…"."""
    titel = " ".join(titel.split())
    if len(titel) <= maximum:
        return titel
    begin = titel[: maximum - 1]
    if titel[maximum - 1] != " ":  # the last word of `begin` is cut: drop it, or keep up to its hyphen
        plek = max(begin.rfind(" "), begin.rfind("-") + 1)
        begin = begin[:plek] if plek > 0 else begin
    return begin.rstrip(" ,;:") + "…"


def bruikbare_knoppen(knoppen: List[Dict[str, Any]]) -> List[Dict[str, str]]:
    """Buttons with a title and a payload that fits in a list row's id, each payload once."""
    gezien: Set[str] = set()
    goed = []
    for knop in knoppen:
        titel, payload = knop.get("title"), knop.get("payload")
        if not (isinstance(titel, str) and titel.strip() and isinstance(payload, str) and payload):
            continue
        if len(payload) > MAX_ID:
            logger.warning("WhatsApp: knop '%s' overgeslagen: de payload is langer dan %d tekens.", titel, MAX_ID)
            continue
        if payload not in gezien:
            gezien.add(payload)
            goed.append({"title": titel, "payload": payload})
    return goed


def knoppen_bericht(body: str, knoppen: List[Dict[str, str]]) -> Dict[str, Any]:
    """Reply buttons; only for at most 3 buttons whose titles fit whole."""
    reacties = [
        {"type": "reply", "reply": {"id": k["payload"], "title": kort(k["title"], MAX_KNOP_TITEL)}} for k in knoppen
    ]
    return {
        "type": "interactive",
        "interactive": {"type": "button", "body": {"text": body}, "action": {"buttons": reacties}},
    }


def rij(knop: Dict[str, str]) -> Dict[str, str]:
    """A list row: a title of 24 characters, and the whole title below it when it had to be shortened."""
    titel = " ".join(knop["title"].split())
    rij_ = {"id": knop["payload"], "title": kort(titel, MAX_RIJ_TITEL)}
    if rij_["title"] != titel:
        rij_["description"] = kort(titel, MAX_RIJ_BESCHRIJVING)
    return rij_


def lijst_bericht(body: str, knoppen: List[Dict[str, str]]) -> Dict[str, Any]:
    actie = {"button": LIJST_KNOP, "sections": [{"rows": [rij(k) for k in knoppen]}]}
    return {"type": "interactive", "interactive": {"type": "list", "body": {"text": body}, "action": actie}}


def past_als_knoppen(knoppen: List[Dict[str, str]]) -> bool:
    """Reply buttons when there are few and every title fits whole; else a list, which shows the whole title."""
    return len(knoppen) <= MAX_KNOPPEN and all(len(" ".join(k["title"].split())) <= MAX_KNOP_TITEL for k in knoppen)


def tekst_bericht(tekst: str) -> Dict[str, Any]:
    return {"type": "text", "text": {"body": tekst, "preview_url": False}}


def berichten(tekst: str, knoppen: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """The WhatsApp messages for one reply of the assistant: its text in parts, the buttons with the last part.

    The text's last line (the source line "Bron: ...") stays the last line: the parts keep their order."""
    delen_ = delen(tekst) or [""]
    knoppen = bruikbare_knoppen(knoppen)
    if not knoppen:
        return [tekst_bericht(deel) for deel in delen_ if deel]
    laatste = delen(delen_.pop(), MAX_BODY) or [LIJST_KNOP + ":"]
    body = laatste.pop()
    uit = [tekst_bericht(deel) for deel in [*delen_, *laatste]]
    if past_als_knoppen(knoppen):
        return [*uit, knoppen_bericht(body, knoppen)]
    for begin in range(0, len(knoppen), MAX_RIJEN):
        uit.append(lijst_bericht(body if begin == 0 else MEER_KEUZES, knoppen[begin : begin + MAX_RIJEN]))
    return uit


def met_chat_wissen(tekst: str) -> str:
    """The welcome with the sentence on deleting the chat, before its closing question."""
    regels = tekst.rstrip().split("\n")
    return "\n".join([*regels[:-1], CHAT_WISSEN, regels[-1]] if len(regels) > 1 else [*regels, CHAT_WISSEN])


class WhatsAppUitvoer(OutputChannel):
    """Sends the assistant's replies through the Graph API's messages endpoint."""

    @classmethod
    def name(cls) -> str:
        return "whatsapp"

    def __init__(self, instellingen: WhatsApp) -> None:
        self.url = f"{instellingen.api_url}/{instellingen.telefoonnummer_id}/messages"
        self.kopjes = {"Authorization": f"Bearer {instellingen.token}"}
        self.sessie: Optional[aiohttp.ClientSession] = None

    async def sluit(self) -> None:
        if self.sessie is not None:
            await self.sessie.close()
            self.sessie = None

    async def stuur(self, wa_id: str, bericht: Dict[str, Any]) -> None:
        """Sends one message; a refusal is logged, not raised, so the conversation is still stored whole."""
        if self.sessie is None:
            self.sessie = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=API_TIMEOUT))
        body = {"messaging_product": "whatsapp", "recipient_type": "individual", "to": wa_id, **bericht}
        try:
            async with self.sessie.post(self.url, json=body, headers=self.kopjes) as antwoord:
                if antwoord.status >= 400:
                    fout = (await antwoord.text())[:500]
                    logger.error("WhatsApp: versturen mislukt (HTTP %s): %s", antwoord.status, fout)
        except (aiohttp.ClientError, asyncio.TimeoutError) as fout:
            logger.error("WhatsApp: de Graph API is niet bereikbaar: %r", fout)

    async def send_response(self, recipient_id: str, message: Dict[str, Any]) -> None:
        if message.get("utter_action") == WELKOM and message.get("text"):
            message = {**message, "text": met_chat_wissen(message["text"])}
        await super().send_response(recipient_id, message)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        for bericht in berichten(text, []):
            await self.stuur(recipient_id, bericht)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: List[Dict[str, Any]], **kwargs: Any
    ) -> None:
        for bericht in berichten(text, buttons):
            await self.stuur(recipient_id, bericht)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self.send_text_message(recipient_id, image)


def instellingen_uit(credentials: Dict[str, Any]) -> WhatsApp:
    def waarde(sleutel: str) -> str:
        return "" if credentials.get(sleutel) is None else str(credentials[sleutel]).strip()

    return WhatsApp(
        waarde("access_token"),
        waarde("phone_number_id"),
        waarde("app_secret"),
        waarde("verify_token"),
        (waarde("api_url") or WHATSAPP_API).rstrip("/"),
    )


class VeiligeWhatsApp(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "whatsapp"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> "VeiligeWhatsApp":
        if not credentials:
            cls.raise_missing_credentials_exception()
        return cls(instellingen_uit(credentials))

    def __init__(self, instellingen: WhatsApp) -> None:
        if not instellingen.token:
            raise WhatsAppFout("WhatsApp: WHATSAPP_TOKEN (access_token) ontbreekt.")
        try:
            controleer_whatsapp(instellingen)
        except InstellingFout as fout:
            raise WhatsAppFout(f"WhatsApp: {fout}") from None
        self.instellingen = instellingen
        self.gezien = RecenteIds()
        self.taken: Set[asyncio.Task] = set()  # kept, so a reply in progress is not garbage-collected
        self.uitvoer: Optional[WhatsAppUitvoer] = None

    def get_output_channel(self) -> WhatsAppUitvoer:
        if self.uitvoer is None:
            self.uitvoer = WhatsAppUitvoer(self.instellingen)
        return self.uitvoer

    def echt(self, request: Request) -> bool:
        return handtekening_klopt(
            self.instellingen.app_geheim, request.body, request.headers.get(HANDTEKENING_HEADER, "")
        )

    def handdruk(self, request: Request) -> HTTPResponse:
        """Meta's check of the webhook: the challenge back, only for our verify token."""
        token = request.args.get("hub.verify_token") or ""
        goed = hmac.compare_digest(token.encode(errors="surrogateescape"), self.instellingen.verificatietoken.encode())
        if request.args.get("hub.mode") == "subscribe" and goed:
            return response.text(request.args.get("hub.challenge") or "")
        logger.warning("WhatsApp-verificatie geweigerd: hub.mode of hub.verify_token klopt niet.")
        return response.text("forbidden", status=403)

    async def beantwoord(self, agent: Any, on_new_message: gesprek.Verwerker, bericht: Bericht) -> None:
        uitvoer = self.get_output_channel()
        try:
            if bericht.tekst is None:
                await uitvoer.send_text_message(bericht.wa_id, ALLEEN_TEKST)
                return
            await gesprek.verwerk(agent, on_new_message, bericht.tekst, uitvoer, bericht.wa_id, self.name(), None)
        except Exception:
            logger.exception("WhatsApp-bericht kon niet worden afgehandeld.")

    def start(self, werk: Awaitable[None]) -> None:
        taak = asyncio.create_task(werk)
        self.taken.add(taak)
        taak.add_done_callback(self.taken.discard)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("whatsapp_webhook", __name__)
        webhook.add_route(gezondheid.health, "/", methods=["GET"])

        @webhook.route("/webhook", methods=["GET"])
        async def verificatie(request: Request) -> HTTPResponse:
            return self.handdruk(request)

        @webhook.route("/webhook", methods=["POST"])
        async def ontvang(request: Request) -> HTTPResponse:
            if not self.echt(request):
                logger.warning("WhatsApp-webhook geweigerd: X-Hub-Signature-256 ontbreekt of klopt niet.")
                return response.text("forbidden", status=403)
            try:
                update = json.loads(request.body)
            except ValueError:
                return response.text("De body is geen geldige JSON.", status=400)
            if not isinstance(update, dict):
                return response.text("Een WhatsApp-webhook is een JSON-object.", status=400)
            agent = request.app.ctx.agent
            for bericht in lees_berichten(update, self.instellingen.telefoonnummer_id):
                if self.gezien.nieuw(bericht.bericht_id):
                    self.start(self.beantwoord(agent, on_new_message, bericht))
            return response.text("success")

        @webhook.listener("after_server_stop")
        async def sluit(*_: Any) -> None:
            if self.uitvoer is not None:
                await self.uitvoer.sluit()

        return webhook
