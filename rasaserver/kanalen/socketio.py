"""The web widget's channel: Rasa's socket.io channel with server-side sessions, history and input checks.

Rasa's stock channel lets a client name any session id, so anyone who learns or guesses an id can join
that conversation. Here the server hands out signed ids, remembers per connection which conversation it
belongs to, and never takes the conversation from the message itself.
"""

from typing import Any, Awaitable, Callable, Dict, List, Optional

from rasa.core.agent import Agent
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from rasa.shared.core.events import BotUttered, UserUttered
from sanic import Blueprint, Sanic
from socketio import AsyncServer

from dienst import instellingen
from dienst.instellingen import herkomsten
from rasaserver.kanalen import feedback, gesprek, gezondheid, sessie
from rasaserver.opslag.gesprekken import hele_sessie

BEGROETING = "/greet"


class VeiligeSocketBlueprint(SocketBlueprint):
    def register(self, app: Sanic, options: Dict[str, Any]) -> None:
        self.ctx.app = app
        super().register(app, options)


def geschiedenis(tracker: Any) -> List[Dict[str, Any]]:
    """The conversation as the widget shows it; a pressed button is shown by its title."""
    berichten: List[Dict[str, Any]] = []
    knoppen: Dict[str, str] = {}
    for event in tracker.events if tracker else []:
        if isinstance(event, BotUttered):
            aangeboden = event.data.get("buttons") or []
            knoppen = {k.get("payload"): k.get("title") for k in aangeboden}
            delen = (event.text or "").strip().split("\n\n")  # as SocketIOOutput sends them live
            berichten += [{"van": "assistent", "tekst": deel, "knoppen": []} for deel in delen]
            berichten[-1]["knoppen"] = aangeboden
        elif isinstance(event, UserUttered) and event.text:
            tekst = knoppen.get(event.text, event.text)
            if not tekst.startswith("/"):
                berichten.append({"van": "gebruiker", "tekst": tekst, "knoppen": []})
    return berichten


class VeiligeSocketIO(SocketIOInput):
    @classmethod
    def name(cls) -> str:
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        credentials = credentials or {}
        geheim = credentials.get("sessie_geheim") or instellingen.huidige().sessie_geheim()
        if not geheim or len(geheim) < 16:
            raise ValueError("Zet SOCKETIO_GEHEIM (minstens 16 tekens) om chatsessies te ondertekenen.")
        return cls(
            geheim, herkomsten(credentials.get("cors_allowed_origins")), credentials.get("socketio_path", "/socket.io")
        )

    def __init__(self, geheim: str, cors_origins: List[str], socketio_path: str = "/socket.io") -> None:
        super().__init__(session_persistence=True, socketio_path=socketio_path)
        self.geheim = geheim
        self.cors_origins = cors_origins

    def toegestaan(self, environ: Dict[str, Any]) -> bool:
        """A browser always names its page's origin; a client without one (a script) is no web site."""
        herkomst = environ.get("HTTP_ORIGIN")
        return herkomst is None or herkomst in self.cors_origins

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        # Rasa's CORS (Sanic-CORS, `--cors`) already answers every route of the app, /socket.io/ too; if
        # python-socketio added its own headers as well, a polling response would carry two
        # Access-Control-Allow-Origin headers, which browsers refuse. An empty list switches its CORS off, its
        # origin check with it, so the connect handler below checks the origin.
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=[])
        blueprint = VeiligeSocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        self.sio = sio

        def agent() -> Agent:
            return blueprint.ctx.app.ctx.agent

        blueprint.add_route(gezondheid.health, "/", methods=["GET"])

        @sio.on("connect")
        async def connect(_: str, environ: Dict[str, Any], auth: Any = None) -> bool:
            return self.toegestaan(environ)

        @sio.on("session_request")
        async def session_request(sid: str, data: Any) -> None:
            token = data.get("session_id") if isinstance(data, dict) else None
            sessie_id = sessie.sessie_van(self.geheim, token)
            nieuw = sessie_id is None
            if nieuw:
                token = sessie.nieuw_token(self.geheim)
                sessie_id = sessie.sessie_van(self.geheim, token)
            vorige = (await sio.get_session(sid)).get("sessie_id")
            if vorige and vorige != sessie_id:
                await sio.leave_room(sid, vorige)
            await sio.save_session(sid, {"sessie_id": sessie_id})
            await sio.enter_room(sid, sessie_id)
            await sio.emit("session_confirm", {"session_id": token, "nieuw": nieuw}, room=sid)
            if nieuw:
                output = SocketIOOutput(sio, self.bot_message_evt)
                await on_new_message(UserMessage(BEGROETING, output, sessie_id, input_channel=self.name()))
            else:
                tracker = await hele_sessie(agent().tracker_store, sessie_id)  # the store may hand out less
                await sio.emit("geschiedenis", {"berichten": geschiedenis(tracker)}, room=sid)

        @sio.on(self.user_message_evt)
        async def handle_message(sid: str, data: Any) -> None:
            sessie_id = (await sio.get_session(sid)).get("sessie_id")
            output = SocketIOOutput(sio, self.bot_message_evt)
            if not sessie_id:
                await sio.emit("sessie_verlopen", {}, room=sid)
                return
            tekst = data.get("message") if isinstance(data, dict) else None
            await gesprek.verwerk(agent(), on_new_message, tekst, output, sessie_id, self.name())

        @sio.on("feedback")
        async def handle_feedback(sid: str, data: Any) -> Dict[str, Any]:
            """'Was dit antwoord nuttig?': the reply is the widget's acknowledgement (rasaserver/kanalen/feedback.py)."""
            sessie_id = (await sio.get_session(sid)).get("sessie_id")
            fout = await feedback.bewaar(agent(), sessie_id, data) if sessie_id else "geen sessie"
            return {"ok": fout is None, "fout": fout}

        return blueprint
