"""REST channel for the FAQ answerer and scripts: POST /webhooks/rest/webhook {"sender", "message"}.

Stock Rasa answers malformed JSON or a JSON list with a server error and an empty message with nothing;
here a wrong request gets a 400 that says what is wrong, and every message gets an answer.
"""

from typing import Any, Awaitable, Callable, Dict, Optional, Tuple

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from rasaserver.kanalen import gesprek, gezondheid

MAX_AFZENDER = 128


def fout(uitleg: str) -> HTTPResponse:
    return response.json({"fout": uitleg}, status=400)


def lees_verzoek(request: Request) -> Tuple[Optional[Dict[str, Any]], Optional[str]]:
    """The request body as a dict, or the reason it cannot be used."""
    try:
        body = request.json
    except Exception:  # noqa: BLE001 - Sanic raises several kinds for a bad body
        return None, "De body is geen geldige JSON."
    if not isinstance(body, dict):
        return None, 'Stuur een JSON-object: {"sender": "...", "message": "..."}.'
    afzender = body.get("sender")
    if not isinstance(afzender, str) or not afzender.strip() or len(afzender) > MAX_AFZENDER:
        return None, f"'sender' moet tekst zijn van 1 tot {MAX_AFZENDER} tekens."
    if "message" in body and body["message"] is not None and not isinstance(body["message"], str):
        return None, "'message' moet tekst zijn."
    if body.get("metadata") is not None and not isinstance(body["metadata"], dict):
        return None, "'metadata' moet een JSON-object zijn."
    return body, None


class VeiligeRest(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        webhook = Blueprint("rest_webhook", __name__)

        webhook.add_route(gezondheid.health, "/", methods=["GET"])

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            body, reden = lees_verzoek(request)
            if reden:
                return fout(reden)
            collector = CollectingOutputChannel()
            aangenomen = await gesprek.verwerk(
                request.app.ctx.agent,
                on_new_message,
                body.get("message"),
                collector,
                body["sender"],
                self.name(),
                body.get("metadata"),
            )
            if not aangenomen:  # this sender already has a message in work and one waiting
                kopjes = {"Retry-After": str(gesprek.TE_SNEL_SECONDEN)}
                return response.json(collector.messages, status=429, headers=kopjes)
            return response.json(collector.messages)

        return webhook
