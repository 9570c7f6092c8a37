"""Telegram channel: POST /webhooks/telegram/webhook, for a Bot API server at a configurable address.

Unlike stock Rasa, an update only counts when Telegram sends back the secret token we registered with
the webhook; anyone else who finds the URL gets a 403. Telegram gets its 200 at once and the reply
follows in the background, because Telegram resends an update that it thinks was not received.
"""

import asyncio
import hmac
import json
import logging
import re
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Dict, List, Optional, Tuple

from aiogram import Bot
from aiogram.bot.api import TelegramAPIServer, check_token
from aiogram.utils.exceptions import TelegramAPIError
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.telegram import TelegramInput, TelegramOutput
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from rasaserver.kanalen import gesprek, gezondheid

logger = logging.getLogger(__name__)

API_STANDAARD = "https://api.telegram.org"
GEHEIM_HEADER = "X-Telegram-Bot-Api-Secret-Token"
GELDIG_GEHEIM = re.compile(r"[A-Za-z0-9_-]{1,256}")  # what Telegram accepts as secret_token
API_TIMEOUT = 15
UPDATES = ["message", "edited_message", "callback_query"]
BEGROETING = "hallo"  # /start has no meaning for Rasa; the greeting leads to the welcome


class TelegramFout(RasaException):
    """The Telegram settings are wrong or the Bot API refused them; the message says which."""


@dataclass(frozen=True)
class Bericht:
    """What a Telegram update asks of us; `knop_id` is set when it is a button press."""

    chat_id: str
    tekst: object
    knop_id: Optional[str] = None


def chat_van(bericht: object) -> Optional[str]:
    chat = bericht.get("chat") if isinstance(bericht, dict) else None
    chat_id = chat.get("id") if isinstance(chat, dict) else None
    if isinstance(chat_id, int) and not isinstance(chat_id, bool):
        return str(chat_id)
    return None


def zonder_start(tekst: object) -> object:
    woorden = tekst.split() if isinstance(tekst, str) else []
    if woorden and woorden[0].split("@")[0].lower() == "/start":
        return BEGROETING
    return tekst


def lees_update(update: Dict[str, Any]) -> Optional[Bericht]:
    """The message in an update, or None for updates that need no answer (joins, channel posts...)."""
    knop = update.get("callback_query")
    if isinstance(knop, dict):
        chat_id = chat_van(knop.get("message"))
        if chat_id is None or not isinstance(knop.get("id"), str):
            return None
        return Bericht(chat_id, knop.get("data"), knop["id"])
    bericht = update.get("message") or update.get("edited_message")
    chat_id = chat_van(bericht)
    if chat_id is None:
        return None
    return Bericht(chat_id, zonder_start(bericht.get("text")))


def lees_json(request: Request) -> Tuple[Optional[Dict[str, Any]], Optional[str]]:
    try:
        update = json.loads(request.body)
    except ValueError:
        return None, "De body is geen geldige JSON."
    if not isinstance(update, dict):
        return None, "Een Telegram-update is een JSON-object."
    return update, None


def instelling(credentials: Dict[str, Any], sleutel: str) -> str:
    waarde = credentials.get(sleutel)
    return "" if waarde is None else str(waarde).strip()


class NaElkaar:
    """Handles the updates of one chat one after the other, in the order they came in."""

    def __init__(self) -> None:
        self.laatste: Dict[str, asyncio.Task] = {}

    def start(self, chat_id: str, werk: Callable[[], Awaitable[None]]) -> None:
        taak = asyncio.create_task(self.na(self.laatste.get(chat_id), werk))
        self.laatste[chat_id] = taak
        taak.add_done_callback(lambda klaar: self.vergeet(chat_id, klaar))

    def vergeet(self, chat_id: str, taak: asyncio.Task) -> None:
        if self.laatste.get(chat_id) is taak:
            del self.laatste[chat_id]

    @staticmethod
    async def na(vorige: Optional[asyncio.Task], werk: Callable[[], Awaitable[None]]) -> None:
        if vorige is not None:
            await asyncio.wait([vorige])
        try:
            await werk()
        except Exception:
            logger.exception("Telegram-update kon niet worden afgehandeld.")


class VeiligeTelegramOutput(TelegramOutput):
    @classmethod
    def name(cls) -> str:
        return "telegram"

    def __init__(self, access_token: str, api_url: str = API_STANDAARD) -> None:
        Bot.__init__(self, access_token, server=TelegramAPIServer.from_base(api_url), timeout=API_TIMEOUT)

    async def send_text_with_buttons(
        self,
        recipient_id: str,
        text: str,
        buttons: List[Dict[str, Any]],
        button_type: Optional[str] = None,
        **kwargs: Any,
    ) -> None:
        # One button per row: our button titles are too long to share a row on a phone.
        await super().send_text_with_buttons(recipient_id, text, buttons, button_type or "vertical", **kwargs)


class VeiligeTelegram(TelegramInput):
    @classmethod
    def name(cls) -> str:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> "VeiligeTelegram":
        if not credentials:
            cls.raise_missing_credentials_exception()
        return cls(
            *(
                instelling(credentials, sleutel)
                for sleutel in ("access_token", "verify", "webhook_url", "secret_token", "api_url")
            )
        )

    def __init__(self, access_token: str, verify: str, webhook_url: str, secret_token: str, api_url: str = "") -> None:
        super().__init__(access_token, verify.lstrip("@"), webhook_url, debug_mode=False)
        self.secret_token = secret_token
        self.api_url = api_url or API_STANDAARD
        self.controleer_instellingen()
        self.uitvoer: Optional[VeiligeTelegramOutput] = None
        self.na_elkaar = NaElkaar()

    def controleer_instellingen(self) -> None:
        try:
            check_token(self.access_token)
        except TelegramAPIError:
            raise TelegramFout("Telegram: 'access_token' is geen bot-token van BotFather.") from None
        if not GELDIG_GEHEIM.fullmatch(self.secret_token):
            raise TelegramFout(
                "Telegram: 'secret_token' ontbreekt of is ongeldig (1 tot 256 tekens: A-Z, a-z, 0-9, _ en -)."
            )
        if not self.webhook_url.startswith(("https://", "http://")):
            raise TelegramFout("Telegram: 'webhook_url' ontbreekt (het adres waarop Telegram updates post).")
        if not self.api_url.startswith(("https://", "http://")):
            raise TelegramFout(f"Telegram: 'api_url' begint niet met https:// of http://: '{self.api_url}'.")

    def get_output_channel(self) -> VeiligeTelegramOutput:
        if self.uitvoer is None:
            self.uitvoer = VeiligeTelegramOutput(self.access_token, self.api_url)
        return self.uitvoer

    def echt(self, request: Request) -> bool:
        ontvangen = request.headers.get(GEHEIM_HEADER, "")
        # Sanic keeps undecodable header bytes as surrogates; they must give a 403, not an encoding error.
        return hmac.compare_digest(ontvangen.encode(errors="surrogateescape"), self.secret_token.encode())

    async def aanmelden(self) -> None:
        """Checks the bot name and registers the webhook with its secret token.

        aiogram 2.15's set_webhook has no secret_token argument, hence the raw setWebhook call.
        """
        bot = VeiligeTelegramOutput(self.access_token, self.api_url)
        try:
            naam = (await bot.get_me()).username or ""
            if self.verify and naam.lower() != self.verify.lower():
                raise TelegramFout(f"Telegram: het token is van @{naam}, 'verify' zegt @{self.verify}.")
            await bot.request(
                "setWebhook",
                {"url": self.webhook_url, "secret_token": self.secret_token, "allowed_updates": json.dumps(UPDATES)},
            )
        except (TelegramAPIError, asyncio.TimeoutError) as fout:
            raise TelegramFout(f"Telegram: webhook instellen via {self.api_url} mislukt: {fout}") from None
        finally:
            await bot.session.close()

    async def bevestig_knop(self, knop_id: str) -> None:
        """Stops the button's spinner on the phone; a late answer only costs the spinner."""
        try:
            await self.get_output_channel().answer_callback_query(knop_id)
        except (TelegramAPIError, asyncio.TimeoutError) as fout:
            logger.warning("answerCallbackQuery mislukt: %s", fout)

    async def beantwoord(self, agent: Any, on_new_message: gesprek.Verwerker, bericht: Bericht) -> None:
        if bericht.knop_id:
            await self.bevestig_knop(bericht.knop_id)
        await gesprek.verwerk(
            agent, on_new_message, bericht.tekst, self.get_output_channel(), bericht.chat_id, self.name(), None
        )

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        asyncio.run(self.aanmelden())
        webhook = Blueprint("telegram_webhook", __name__)

        webhook.add_route(gezondheid.health, "/", methods=["GET"])

        @webhook.route("/webhook", methods=["POST"])
        async def ontvang(request: Request) -> HTTPResponse:
            if not self.echt(request):
                logger.warning("Telegram-update geweigerd: de geheime token ontbreekt of klopt niet.")
                return response.text("forbidden", status=403)
            update, reden = lees_json(request)
            if reden:
                return response.text(reden, status=400)
            bericht = lees_update(update)
            if bericht is not None:
                agent = request.app.ctx.agent
                self.na_elkaar.start(bericht.chat_id, lambda: self.beantwoord(agent, on_new_message, bericht))
            return response.text("success")

        return webhook
