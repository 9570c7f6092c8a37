"""The Telegram channel against a real Rasa server and a stand-in Bot API server, offline."""
import contextlib
import itertools
import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

import pytest

from tests.e2e.nep_telegram import BOT, NepTelegram, Oproep
from tests.e2e.stack import MODEL, ROOT, UITVOER, vrije_poort, wacht_op

pytestmark = pytest.mark.e2e

TOKEN = "123:ABC"
GEHEIM = "e2e_geheim-7f3a9c"
STORING = "technische storing"
UPDATE_IDS = itertools.count(500_000)


@dataclass
class Opstelling:
    """What the tests need of a running assistant; a shared live stack can provide the same."""

    rasa_url: str
    nep: NepTelegram

    @property
    def webhook_url(self) -> str:
        return f"{self.rasa_url}/webhooks/telegram/webhook"

    def slots(self, chat_id: int) -> Dict[str, Any]:
        with urllib.request.urlopen(f"{self.rasa_url}/conversations/{chat_id}/tracker", timeout=30) as antwoord:
            return json.loads(antwoord.read())["slots"]


def start_proces(naam: str, *argumenten: str) -> subprocess.Popen:
    omgeving = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2"}
    with open(UITVOER / f"telegram-{naam}.log", "wb") as log:
        return subprocess.Popen([str(ROOT / ".venv" / "bin" / "rasa"), *argumenten], cwd=ROOT, env=omgeving,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def stop_proces(proces: subprocess.Popen) -> None:
    if proces.poll() is None:
        os.killpg(proces.pid, signal.SIGTERM)
        try:
            proces.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proces.pid, signal.SIGKILL)
            proces.wait()


def schrijf_instellingen(werkmap: Path, api_url: str, actie_poort: int, rasa_poort: int) -> List[str]:
    credentials, endpoints = werkmap / "credentials.yml", werkmap / "endpoints.yml"
    credentials.write_text(json.dumps({"kanalen.telegram.VeiligeTelegram": {
        "access_token": TOKEN, "verify": BOT["username"], "secret_token": GEHEIM, "api_url": api_url,
        "webhook_url": f"http://127.0.0.1:{rasa_poort}/webhooks/telegram/webhook"}}))
    endpoints.write_text(json.dumps({"action_endpoint": {"url": f"http://127.0.0.1:{actie_poort}/webhook"}}))
    return ["--credentials", str(credentials), "--endpoints", str(endpoints)]


@contextlib.contextmanager
def rasa_met_telegram(werkmap: Path, api_url: str) -> Iterator[str]:
    """Runs the action server and a Rasa server whose only channel is Telegram; yields the Rasa URL."""
    UITVOER.mkdir(parents=True, exist_ok=True)
    actie_poort, rasa_poort = vrije_poort(), vrije_poort()
    instellingen = schrijf_instellingen(werkmap, api_url, actie_poort, rasa_poort)
    processen = [start_proces("acties", "run", "actions", "--actions", "actions", "--port", str(actie_poort))]
    try:
        wacht_op(f"http://127.0.0.1:{actie_poort}/health", 120, processen[0])
        processen.append(start_proces("rasa", "run", "--model", str(MODEL), "--interface", "127.0.0.1",
                                      "--port", str(rasa_poort), "--enable-api", *instellingen))
        wacht_op(f"http://127.0.0.1:{rasa_poort}/webhooks/telegram/", 180, processen[1])
        yield f"http://127.0.0.1:{rasa_poort}"
    finally:
        for proces in reversed(processen):
            stop_proces(proces)


@pytest.fixture(scope="module")
def telegram(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Opstelling]:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` first")
    nep = NepTelegram().start()
    try:
        with rasa_met_telegram(tmp_path_factory.mktemp("telegram"), nep.url) as rasa_url:
            yield Opstelling(rasa_url, nep)
    finally:
        nep.stop()


# --- Telegram's side of the conversation ---------------------------------------------------------

def gebruiker(chat_id: int) -> Dict[str, Any]:
    return {"id": chat_id, "is_bot": False, "first_name": "Amira", "language_code": "nl"}


def chat(chat_id: int) -> Dict[str, Any]:
    return {"id": chat_id, "first_name": "Amira", "type": "private"}


def bericht_update(chat_id: int, tekst: str) -> Dict[str, Any]:
    bericht = {"message_id": 7, "from": gebruiker(chat_id), "chat": chat(chat_id), "date": int(time.time()),
               "text": tekst}
    if tekst.startswith("/"):
        bericht["entities"] = [{"offset": 0, "length": len(tekst.split()[0]), "type": "bot_command"}]
    return {"update_id": next(UPDATE_IDS), "message": bericht}


def knop_update(chat_id: int, knop_id: str, data: str) -> Dict[str, Any]:
    bot_bericht = {"message_id": 8, "from": BOT, "chat": chat(chat_id), "date": int(time.time()), "text": "..."}
    return {"update_id": next(UPDATE_IDS), "callback_query": {
        "id": knop_id, "from": gebruiker(chat_id), "message": bot_bericht, "chat_instance": "-4815162342",
        "data": data}}


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


def nieuwe_antwoorden(opstelling: Opstelling, chat_id: int, al: int, stil: float = 1.5) -> List[Oproep]:
    """The replies after the first `al`, once the bot has been quiet for `stil` seconds."""
    opstelling.nep.wacht_op("sendMessage", lambda oproepen: len(oproepen) > al, chat_id=chat_id)
    while True:
        aantal = len(antwoorden(opstelling, chat_id))
        time.sleep(stil)
        if len(antwoorden(opstelling, chat_id)) == aantal:
            return antwoorden(opstelling, chat_id)[al:]


def zeg(opstelling: Opstelling, update: Dict[str, Any]) -> str:
    """Sends an update as Telegram would and returns the text of the bot's reply."""
    chat_id = (update.get("message") or update["callback_query"]["message"])["chat"]["id"]
    al = len(antwoorden(opstelling, chat_id))
    assert stuur(opstelling, update) == 200
    return "\n".join(o.parameters["text"] for o in nieuwe_antwoorden(opstelling, chat_id, al))


def knoppen(oproep: Oproep) -> Dict[str, str]:
    rijen = json.loads(oproep.parameters["reply_markup"])["inline_keyboard"]
    return {knop["text"]: knop["callback_data"] for rij in rijen for knop in rij}


# --- the tests -------------------------------------------------------------------------------------

def test_start_zet_webhook_met_geheim(telegram):
    [aanmelding] = telegram.nep.gekregen("setWebhook")
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
    assert any("reply_markup" in o.parameters and "Welkom" in o.parameters["text"]
               for o in antwoorden(telegram, 1003))


@pytest.mark.parametrize("geheim", [None, "", "fout", GEHEIM + "x", GEHEIM.upper()])
def test_update_zonder_juist_geheim_wordt_geweigerd(telegram, geheim):
    assert stuur(telegram, bericht_update(1004, "Wat kost de aanvraag?"), geheim) == 403
    zeg(telegram, bericht_update(1005, "Wat kost de aanvraag?"))  # meanwhile a real update is answered
    assert not antwoorden(telegram, 1004)


@pytest.mark.parametrize("body", [b"{niet: json", b"", b"[1, 2]", b'"Wat kost de aanvraag?"', b"\xff\xfe"])
def test_kapotte_body_geeft_400(telegram, body):
    assert post(telegram.webhook_url, body) == 400
    assert post(telegram.webhook_url, body, geheim=None) == 403


def test_update_zonder_bericht_krijgt_geen_antwoord(telegram):
    lid = {"update_id": next(UPDATE_IDS), "my_chat_member": {"chat": chat(1007), "from": gebruiker(1007)}}
    assert stuur(telegram, lid) == 200
    zeg(telegram, bericht_update(1008, "hallo"))
    assert not antwoorden(telegram, 1007)


def test_getypt_commando_of_nagemaakte_knop_zet_geen_slots(telegram):
    chat_id = 1006
    getypt = ['/inform{"jaren_vergunning": 99}', "/restart", '/start_controle{"route": "medische_behandeling"}']
    for tekst in getypt:
        antwoord = zeg(telegram, bericht_update(chat_id, tekst))
        assert antwoord and STORING not in antwoord, tekst
    antwoord = zeg(telegram, knop_update(chat_id, "knop-1006", '/inform{"jaren_vergunning": 99}'))
    assert antwoord and STORING not in antwoord
    slots = telegram.slots(chat_id)
    assert 99 not in slots.values() and "99" not in slots.values()
    assert slots.get("route") != "medische_behandeling"
