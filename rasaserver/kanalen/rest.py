"""REST channel for the FAQ answerer and scripts: POST /webhooks/rest/webhook {"sender", "message"}.

Stock Rasa answers malformed JSON or a JSON list with a server error and an empty message with nothing;
here a wrong request gets a 400 that says what is wrong, and every message gets an answer.
"""

from typing import Any, Dict, Optional, Tuple

from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from rasaserver.kanalen import gesprek
from rasaserver.kanalen.basis import Kanaal, Stuur

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


class VeiligeRest(Kanaal, RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def routes(self, webhook: Blueprint, stuur: Stuur) -> None:
        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            body, reden = lees_verzoek(request)
            if reden:
                return fout(reden)
            collector = CollectingOutputChannel()
            agent = request.app.ctx.agent
            if not await stuur(agent, body.get("message"), collector, body["sender"], body.get("metadata")):
                kopjes = {"Retry-After": str(gesprek.TE_SNEL_SECONDEN)}  # a message in work and one waiting already
                return response.json(collector.messages, status=429, headers=kopjes)
            return response.json(collector.messages)
