"""Unguessable, signed chat session ids: a client can only continue a conversation it was given."""

import base64
import hashlib
import hmac
import secrets
from typing import Optional


def _handtekening(geheim: str, sessie_id: str) -> str:
    digest = hmac.new(geheim.encode(), sessie_id.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def nieuw_token(geheim: str) -> str:
    sessie_id = secrets.token_urlsafe(24)
    return f"{sessie_id}.{_handtekening(geheim, sessie_id)}"


def sessie_van(geheim: str, token: object) -> Optional[str]:
    """The session id inside a valid token, else None."""
    if not isinstance(token, str) or token.count(".") != 1 or len(token) > 200:
        return None
    sessie_id, handtekening = token.split(".")
    if sessie_id and hmac.compare_digest(handtekening, _handtekening(geheim, sessie_id)):
        return sessie_id
    return None
