"""The Telegram channel of the shared running assistant, against a stand-in Bot API server, offline.

The shared stack (tests/e2e/conftest.py) starts with the Telegram settings pointing at the stand-in."""

import itertools
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any, Dict, List, Optional

import pytest

from rasaserver.kanalen.telegram import TelegramFout, VeiligeTelegram
from tests.e2e.nep_telegram import BOT, GEHEIM, TOKEN, NepTelegram, Oproep
from tests.e2e.stack import Stack, vrije_poort

STORING = "technische storing"
UPDATE_IDS = itertools.count(500_000)
GETYPTE_COMMANDOS = ['/inform{"jaren_vergunning": 99}', "/restart", '/start_controle{"route": "medische_behandeling"}']
WACHT = 60  # seconds for one reply; a reply takes a second or two


@dataclass
class Opstelling:
    """What the tests need of a running assistant: its URL, the fake Bot API and the stored conversations."""

    stack: Stack
    nep: NepTelegram

    @property
    def rasa_url(self) -> str:
        return self.stack.rasa_url

    @property
    def webhook_url(self) -> str:
        return f"{self.rasa_url}/webhooks/telegram/webhook"

    def gebeurtenissen(self, chat_id: int) -> List[Dict[str, Any]]:
        return self.stack.gebeurtenissen(str(chat_id))

    def slots(self, chat_id: int) -> Dict[str, Any]:
        return {e["name"]: e["value"] for e in self.gebeurtenissen(chat_id) if e["event"] == "slot"}


@pytest.fixture(scope="module")
def telegram(stack: Stack, nep_telegram: NepTelegram) -> Opstelling:
    return Opstelling(stack, nep_telegram)


# --- Telegram's side of the conversation ---------------------------------------------------------


def gebruiker(chat_id: int) -> Dict[str, Any]:
    return {"id": chat_id, "is_bot": False, "first_name": "Amira", "language_code": "nl"}


def chat(chat_id: int) -> Dict[str, Any]:
    return {"id": chat_id, "first_name": "Amira", "type": "private"}


def bericht_update(chat_id: int, tekst: str) -> Dict[str, Any]:
    bericht = {
        "message_id": 7,
        "from": gebruiker(chat_id),
        "chat": chat(chat_id),
        "date": int(time.time()),
        "text": tekst,
    }
    if tekst.startswith("/"):
        bericht["entities"] = [{"offset": 0, "length": len(tekst.split()[0]), "type": "bot_command"}]
    return {"update_id": next(UPDATE_IDS), "message": bericht}


def knop_update(chat_id: int, knop_id: str, data: str) -> Dict[str, Any]:
    bot_bericht = {"message_id": 8, "from": BOT, "chat": chat(chat_id), "date": int(time.time()), "text": "Welkom."}
    return {
        "update_id": next(UPDATE_IDS),
        "callback_query": {
            "id": knop_id,
            "from": gebruiker(chat_id),
            "message": bot_bericht,
            "chat_instance": "-4815162342",
            "data": data,
        },
    }


def post(url: str, body: bytes, geheim: Optional[str] = GEHEIM) -> int:
    headers = {"Content-Type": "application/json"}
    if geheim is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = geheim
    try:
        with urllib.request.urlopen(urllib.request.Request(url, body, headers), timeout=30) as antwoord:
            return antwoord.status
    except urllib.error.HTTPError as fout:
        return fout.code


def stuur(opstelling: Opstelling, update: Dict[str, Any], geheim: Optional[str] = GEHEIM) -> int:
    return post(opstelling.webhook_url, json.dumps(update).encode(), geheim)


def antwoorden(opstelling: Opstelling, chat_id: int) -> List[Oproep]:
    return opstelling.nep.gekregen("sendMessage", chat_id=chat_id)


def berichten_van_persoon(gebeurtenissen: List[Dict[str, Any]]) -> int:
    return sum(e["event"] == "user" for e in gebeurtenissen)


def afgehandeld(gebeurtenissen: List[Dict[str, Any]], al: int) -> bool:
    """A new message is stored and the assistant listens again: every reply to it has been sent.

    Rasa sends the replies while it handles a message and stores the conversation after the last one."""
    laatste = gebeurtenissen[-1] if gebeurtenissen else {}
    return berichten_van_persoon(gebeurtenissen) > al and laatste.get("name") == "action_listen"


def zeg(opstelling: Opstelling, update: Dict[str, Any]) -> str:
    """Sends an update as Telegram would and returns the text of the bot's replies to it."""
    chat_id = (update.get("message") or update["callback_query"]["message"])["chat"]["id"]
    al_verstuurd = len(antwoorden(opstelling, chat_id))
    al_gezegd = berichten_van_persoon(opstelling.gebeurtenissen(chat_id))
    assert stuur(opstelling, update) == 200
    einde = time.monotonic() + WACHT
    while not afgehandeld(opstelling.gebeurtenissen(chat_id), al_gezegd):
        assert time.monotonic() < einde, f"chat {chat_id}: update not handled within {WACHT} s"
        time.sleep(0.1)
    return "\n".join(o.parameters["text"] for o in antwoorden(opstelling, chat_id)[al_verstuurd:])


def knoppen(oproep: Oproep) -> Dict[str, str]:
    rijen = json.loads(oproep.parameters["reply_markup"])["inline_keyboard"]
    return {knop["text"]: knop["callback_data"] for rij in rijen for knop in rij}


# --- the tests -------------------------------------------------------------------------------------


def test_start_zet_webhook_met_geheim(telegram):
    aanmeldingen = telegram.nep.gekregen("setWebhook")
    assert aanmeldingen, "the server did not register its webhook"
    for aanmelding in aanmeldingen:  # one per start of the Rasa server
        assert aanmelding.token == TOKEN
        assert aanmelding.parameters["url"] == telegram.webhook_url
        assert aanmelding.parameters["secret_token"] == GEHEIM
        assert "callback_query" in json.loads(aanmelding.parameters["allowed_updates"])
    assert telegram.nep.gekregen("getMe")


def test_vraag_over_kosten_krijgt_bedrag_in_euro(telegram):
    assert "€" in zeg(telegram, bericht_update(1001, "Wat kost de aanvraag?"))


def test_welkom_met_knoppen_en_knop_indrukken(telegram):
    zeg(telegram, bericht_update(1002, "hallo"))
    [welkom] = [o for o in antwoorden(telegram, 1002) if "reply_markup" in o.parameters]
    aangeboden = knoppen(welkom)
    assert aangeboden["Wat kost de aanvraag?"] == "/vraag_kosten"
    assert "Mijn situatie is veranderd" in aangeboden

    assert "€" in zeg(telegram, knop_update(1002, "knop-1002", aangeboden["Wat kost de aanvraag?"]))
    assert telegram.nep.gekregen("answerCallbackQuery", callback_query_id="knop-1002")


def test_start_commando_geeft_welkom(telegram):
    zeg(telegram, bericht_update(1003, "/start"))
    assert any("reply_markup" in o.parameters and "Welkom" in o.parameters["text"] for o in antwoorden(telegram, 1003))


@pytest.mark.parametrize("geheim", [None, "", "fout", GEHEIM + "x", GEHEIM.upper(), GEHEIM + "\xff"])
def test_update_zonder_juist_geheim_wordt_geweigerd(telegram, geheim):
    assert stuur(telegram, bericht_update(1004, "Wat kost de aanvraag?"), geheim) == 403
    assert "€" in zeg(telegram, bericht_update(1005, "Wat kost de aanvraag?"))  # a real update is answered
    assert not antwoorden(telegram, 1004) and not telegram.gebeurtenissen(1004)


@pytest.mark.parametrize("body", [b"{niet: json", b"", b"[1, 2]", b'"Wat kost de aanvraag?"', b"\xff\xfe"])
def test_kapotte_body_geeft_400(telegram, body):
    assert post(telegram.webhook_url, body) == 400
    assert post(telegram.webhook_url, body, geheim=None) == 403


def test_update_zonder_bericht_krijgt_geen_antwoord(telegram):
    lid = {"update_id": next(UPDATE_IDS), "my_chat_member": {"chat": chat(1007), "from": gebruiker(1007)}}
    assert stuur(telegram, lid) == 200
    assert zeg(telegram, bericht_update(1008, "hallo"))
    assert not antwoorden(telegram, 1007) and not telegram.gebeurtenissen(1007)


def test_getypt_commando_of_nagemaakte_knop_zet_geen_slots(telegram):
    chat_id = 1006
    for tekst in GETYPTE_COMMANDOS:
        antwoord = zeg(telegram, bericht_update(chat_id, tekst))
        assert antwoord and STORING not in antwoord, tekst
    antwoord = zeg(telegram, knop_update(chat_id, "knop-1006", '/inform{"jaren_vergunning": 99}'))
    assert antwoord and STORING not in antwoord
    slots = telegram.slots(chat_id)
    assert 99 not in slots.values() and "99" not in slots.values()


# --- settings that must stop the server before it starts ---------------------------------------------

GOED = {
    "access_token": TOKEN,
    "verify": "testbot",
    "secret_token": GEHEIM,
    "webhook_url": "https://bot.example.nl/webhooks/telegram/webhook",
}


async def geen_verwerker(_: Any) -> None:
    raise AssertionError("no message expected")


@pytest.mark.parametrize(
    "sleutel, waarde",
    [
        ("secret_token", None),
        ("secret_token", ""),
        ("secret_token", "met spatie"),
        ("secret_token", "x" * 257),
        ("access_token", ""),
        ("access_token", "geen-token"),
        ("webhook_url", ""),
        ("api_url", "api.telegram.org"),
    ],
)
def test_onjuiste_instelling_stopt_de_start(sleutel, waarde):
    with pytest.raises(TelegramFout, match=sleutel):
        VeiligeTelegram.from_credentials({**GOED, sleutel: waarde})


def test_token_van_andere_bot_stopt_de_start():
    nep = NepTelegram().start()
    try:
        instellingen = {**GOED, "verify": "@anderebot", "api_url": nep.url}
        kanaal = VeiligeTelegram.from_credentials(instellingen)
        with pytest.raises(TelegramFout, match="anderebot"):
            kanaal.blueprint(geen_verwerker)
        assert not nep.gekregen("setWebhook")
    finally:
        nep.stop()


def test_onbereikbare_bot_api_stopt_de_start():
    kanaal = VeiligeTelegram.from_credentials({**GOED, "api_url": f"http://127.0.0.1:{vrije_poort()}"})
    with pytest.raises(TelegramFout, match="webhook"):
        kanaal.blueprint(geen_verwerker)
