"""The base of a channel of ours: the health route, and a message reaches Rasa only through the shared input check.

A channel says how its requests become messages (`routes`); it never gets Rasa's `on_new_message`, only `stuur`,
which runs rasaserver/kanalen/gesprek.verwerk: the input check (control characters, empty or too long, a typed
"/"), one message in work and one waiting per conversation, the English sentence, and an apology instead of
silence. rest.py is built on it; socketio.py (Rasa's socket.io blueprint), telegram.py and whatsapp.py (replies
after Meta's and Telegram's 200) call gesprek.verwerk themselves, the same way.
"""

from typing import Any, Awaitable, Callable, Dict, Optional

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint

from rasaserver.kanalen import gesprek, gezondheid

# stuur(agent, text, output, sender_id, metadata=None) -> False when the conversation already had a message in work
# and one waiting (that one got gesprek.TE_SNEL and went no further)
Stuur = Callable[..., Awaitable[bool]]


class Kanaal(InputChannel):
    """Subclass it with `name()` and `routes()`; add it to credentials.yml as rasaserver.kanalen.<module>.<class>."""

    def routes(self, webhook: Blueprint, stuur: Stuur) -> None:
        """Adds the channel's routes to `webhook` (served under /webhooks/<name>/); each hands messages to `stuur`."""
        raise NotImplementedError

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint(f"{self.name()}_webhook", __name__)
        webhook.add_route(gezondheid.health, "/", methods=["GET"])

        async def stuur(
            agent: Any, tekst: object, output: OutputChannel, sender_id: str, metadata: Optional[Dict[str, Any]] = None
        ) -> bool:
            return await gesprek.verwerk(agent, on_new_message, tekst, output, sender_id, self.name(), metadata)

        self.routes(webhook, stuur)
        return webhook
