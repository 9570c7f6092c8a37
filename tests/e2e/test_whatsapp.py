"""The WhatsApp channel of the shared running assistant, against a stand-in Graph API, offline.

Meta's side is played here: webhook deliveries signed with the app secret (as Meta signs them), and what the
assistant sends read back from the stand-in (tests/e2e/nep_whatsapp.py)."""

import hashlib
import hmac
import itertools
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, List, Optional

import pytest

from rasaserver.kanalen.gesprek import TE_SNEL
from rasaserver.kanalen.whatsapp import ALLEEN_TEKST, CHAT_WISSEN
from tests.e2e.nep_whatsapp import APP_GEHEIM, NUMMER_ID, TOKEN, VERIFICATIE, NepGraphApi, Verzonden
from tests.e2e.stack import Stack

WACHT = 60  # seconds for one reply; a reply takes a second or two
BERICHT_IDS = itertools.count(1)
HANDTEKENING = object()  # sign the body with the app secret, as Meta does

# A check of the route "na overlijden partner", to the verdict, answered with the buttons and list rows
# WhatsApp shows: (what the person taps, what the next reply must contain).
CONTROLE = [
    ("Ja, graag", "Wat is uw nationaliteit?"),
    ("Een ander land", "Was uw echtgenoot of partner Nederlander?"),
    ("Ja, Nederlander", "hoofdverblijf naar het buitenland"),
    ("Nee", "verblijf bij uw echtgenoot of partner"),
    ("Ja", "jonger dan 18 jaar"),
    ("Nee", "lijkt u te voldoen aan de voorwaarden"),
]


# --- Meta's side of the conversation ------------------------------------------------------------------


def levering(wa_id: str, bericht: Dict[str, Any]) -> Dict[str, Any]:
    """A webhook delivery as Meta sends it for one incoming message (or, without `from`, status updates)."""
    waarde: Dict[str, Any] = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "31850000000", "phone_number_id": NUMMER_ID},
    }
    if "from" in bericht:
        waarde["contacts"] = [{"profile": {"name": "Amira"}, "wa_id": wa_id}]
        waarde["messages"] = [bericht]
    else:
        waarde.update(bericht)
    wijziging = {"field": "messages", "value": waarde}
    return {"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [wijziging]}]}


def bericht(wa_id: str, soort: str, inhoud: Dict[str, Any], bericht_id: Optional[str] = None) -> Dict[str, Any]:
    return {
        "from": wa_id,
        "id": bericht_id or f"wamid.e2e{next(BERICHT_IDS)}",
        "timestamp": str(int(time.time())),
        "type": soort,
        soort: inhoud,
    }


def tekst(wa_id: str, inhoud: str) -> Dict[str, Any]:
    return levering(wa_id, bericht(wa_id, "text", {"body": inhoud}))


def tik(wa_id: str, aanbod: Verzonden, titel: str) -> Dict[str, Any]:
    """The person taps the button or list row `titel` of the assistant's message `aanbod`."""
    keuze_id = aanbod.keuzes()[titel]
    if aanbod.bericht["interactive"]["type"] == "button":
        antwoord = {"type": "button_reply", "button_reply": {"id": keuze_id, "title": titel}}
    else:
        antwoord = {"type": "list_reply", "list_reply": {"id": keuze_id, "title": titel}}
    return levering(wa_id, bericht(wa_id, "interactive", antwoord))


def handtekening(body: bytes, geheim: str = APP_GEHEIM) -> str:
    return "sha256=" + hmac.new(geheim.encode(), body, hashlib.sha256).hexdigest()


def lever(stack: Stack, update: Any, kop: Any = HANDTEKENING) -> int:
    """Posts a delivery to the webhook; `kop` is the X-Hub-Signature-256 header (None: left out)."""
    body = update if isinstance(update, bytes) else json.dumps(update).encode()
    headers = {"Content-Type": "application/json"}
    if kop is not None:
        headers["X-Hub-Signature-256"] = handtekening(body) if kop is HANDTEKENING else kop
    verzoek = urllib.request.Request(f"{stack.rasa_url}/webhooks/whatsapp/webhook", body, headers)
    try:
        with urllib.request.urlopen(verzoek, timeout=30) as antwoord:
            return antwoord.status
    except urllib.error.HTTPError as fout:
        return fout.code


def van_persoon(stack: Stack, wa_id: str) -> List[Dict[str, Any]]:
    return [e for e in stack.gebeurtenissen(wa_id) if e["event"] == "user"]


def afgehandeld(stack: Stack, wa_id: str, al: int) -> bool:
    """The new message is stored and the assistant listens again: every reply to it has been sent."""
    gebeurtenissen = stack.gebeurtenissen(wa_id)
    laatste = gebeurtenissen[-1] if gebeurtenissen else {}
    return sum(e["event"] == "user" for e in gebeurtenissen) > al and laatste.get("name") == "action_listen"


def wacht_tot_afgehandeld(stack: Stack, wa_id: str, al: int) -> None:
    einde = time.monotonic() + WACHT
    while not afgehandeld(stack, wa_id, al):
        assert time.monotonic() < einde, f"{wa_id}: message not handled within {WACHT} s"
        time.sleep(0.1)


def zeg(stack: Stack, nep: NepGraphApi, wa_id: str, update: Dict[str, Any]) -> List[Verzonden]:
    """Delivers a message as Meta would and returns what the assistant sent back to it."""
    al_verzonden, al_gezegd = len(nep.aan(wa_id)), len(van_persoon(stack, wa_id))
    assert lever(stack, update) == 200
    wacht_tot_afgehandeld(stack, wa_id, al_gezegd)
    return nep.aan(wa_id)[al_verzonden:]


def samen(verzonden: List[Verzonden]) -> str:
    return "\n".join(v.tekst for v in verzonden)


def met_keuzes(verzonden: List[Verzonden]) -> Verzonden:
    [aanbod] = [v for v in verzonden if v.keuzes()]
    return aanbod


# --- the tests ---------------------------------------------------------------------------------------


def verificatie(stack: Stack, **parameters: str) -> tuple:
    url = f"{stack.rasa_url}/webhooks/whatsapp/webhook?{urllib.parse.urlencode(parameters)}"
    try:
        with urllib.request.urlopen(url, timeout=30) as antwoord:
            return antwoord.status, antwoord.read().decode()
    except urllib.error.HTTPError as fout:
        return fout.code, ""


def test_verificatie_van_meta_krijgt_de_challenge_terug(stack):
    goed = {"hub.mode": "subscribe", "hub.verify_token": VERIFICATIE, "hub.challenge": "1158201444"}
    assert verificatie(stack, **goed) == (200, "1158201444")
    assert verificatie(stack, **{**goed, "hub.verify_token": "fout"})[0] == 403
    assert verificatie(stack, **{**goed, "hub.mode": "unsubscribe"})[0] == 403
    assert verificatie(stack, **{"hub.mode": "subscribe", "hub.challenge": "1"})[0] == 403


def test_hele_controle_met_knoppen_tot_het_oordeel(stack, nep_whatsapp):
    wa_id = "31600000001"
    eerste = zeg(stack, nep_whatsapp, wa_id, tekst(wa_id, "Mijn partner is overleden"))
    assert "Zal ik met een paar vragen nagaan" in samen(eerste)
    aanbod = met_keuzes(eerste)
    for titel, verwacht in CONTROLE:
        antwoord = zeg(stack, nep_whatsapp, wa_id, tik(wa_id, aanbod, titel))
        assert verwacht in samen(antwoord), f"na '{titel}': {samen(antwoord)}"
        if verwacht != CONTROLE[-1][1]:
            aanbod = met_keuzes(antwoord)
    # Stored as Rasa's other channels store theirs: the WhatsApp id as sender, the channel's name, and every
    # tap as the payload the assistant offered (a "/" payload is a button, not typed text).
    gezegd = van_persoon(stack, wa_id)
    assert {e["input_channel"] for e in gezegd} == {"whatsapp"}
    assert [e["text"] for e in gezegd[1:]] == [
        "/start_controle",
        "Een ander land",
        "Ja, Nederlander",
        "/deny",
        "/affirm",
        "/deny",
    ]
    assert {(v.token, v.nummer_id) for v in nep_whatsapp.aan(wa_id)} == {(TOKEN, NUMMER_ID)}


def test_lijst_bij_meer_dan_drie_knoppen_en_welkom_zegt_hoe_de_chat_te_wissen(stack, nep_whatsapp):
    wa_id = "31600000002"
    welkom = zeg(stack, nep_whatsapp, wa_id, tekst(wa_id, "hallo"))
    aanbod = met_keuzes(welkom)
    assert aanbod.bericht["interactive"]["type"] == "list" and CHAT_WISSEN in aanbod.tekst
    assert "Snel weg" not in samen(welkom)
    antwoord = zeg(stack, nep_whatsapp, wa_id, tik(wa_id, aanbod, "Wat kost de aanvraag?"))
    assert "€" in samen(antwoord)
    assert antwoord[-1].tekst.split("\n")[-1].startswith("Bron: ind.nl, ")


def test_hulplijnen_zoals_op_de_andere_kanalen(stack, nep_whatsapp):
    wa_id = "31600000003"
    antwoord = samen(zeg(stack, nep_whatsapp, wa_id, tekst(wa_id, "Mijn man slaat mij, kan ik hier blijven?")))
    assert "Bel dan 112" in antwoord and "Veilig Thuis" in antwoord


@pytest.mark.parametrize(
    "kop",
    [
        None,
        "",
        "sha256=",
        handtekening(b"{}"),  # the signature of another body
        "sha256=" + hmac.new(b"ander-geheim", b"x", hashlib.sha256).hexdigest(),
        "sha1=" + "0" * 40,  # the old X-Hub-Signature form
    ],
)
def test_vervalste_handtekening_wordt_geweigerd_en_niets_opgeslagen(stack, nep_whatsapp, kop):
    wa_id = "31600000004"
    assert lever(stack, tekst(wa_id, "Wat kost de aanvraag?"), kop) == 403
    ander = "31600000005"
    assert "€" in samen(
        zeg(stack, nep_whatsapp, ander, tekst(ander, "Wat kost de aanvraag?"))
    )  # a real one is answered
    assert not nep_whatsapp.aan(wa_id) and not stack.gebeurtenissen(wa_id)


def test_handtekening_met_een_ander_geheim_wordt_geweigerd(stack, nep_whatsapp):
    wa_id = "31600000006"
    body = json.dumps(tekst(wa_id, "hallo")).encode()
    assert lever(stack, body, handtekening(body, "f" * 32)) == 403
    assert lever(stack, body + b" ", handtekening(body)) == 403  # the body changed after signing
    assert not stack.gebeurtenissen(wa_id)


def test_herhaalde_levering_wordt_een_keer_beantwoord(stack, nep_whatsapp):
    wa_id = "31600000007"
    update = levering(wa_id, bericht(wa_id, "text", {"body": "Wat kost de aanvraag?"}, "wamid.herhaald1"))
    assert lever(stack, update) == 200
    assert lever(stack, update) == 200  # Meta's retry: the same message id, while the first is in work
    wacht_tot_afgehandeld(stack, wa_id, 0)
    assert lever(stack, update) == 200  # and once more after it was answered
    # A next message: the conversation's lock takes messages in order, so once this one is answered, a second
    # answer to the first would have been sent (and stored) before it.
    assert zeg(stack, nep_whatsapp, wa_id, tekst(wa_id, "Welk formulier moet ik gebruiken?"))
    assert [e["text"] for e in van_persoon(stack, wa_id)] == [
        "Wat kost de aanvraag?",
        "Welk formulier moet ik gebruiken?",
    ]
    bedragen = [v for v in nep_whatsapp.aan(wa_id) if "€" in v.tekst]
    assert len(bedragen) == 1, samen(nep_whatsapp.aan(wa_id))


@pytest.mark.parametrize(
    "wa_id, soort, inhoud",
    [
        ("31600000011", "image", {"id": "1003383421387256", "mime_type": "image/jpeg", "sha256": "abc"}),
        ("31600000012", "audio", {"id": "1003383421387257", "mime_type": "audio/ogg; codecs=opus", "voice": True}),
        ("31600000013", "location", {"latitude": 52.0907, "longitude": 5.1214, "name": "Utrecht"}),
        ("31600000014", "document", {"id": "1003383421387258", "filename": "beschikking.pdf"}),
    ],
)
def test_foto_spraak_locatie_of_document_krijgt_een_vriendelijke_zin(stack, nep_whatsapp, wa_id, soort, inhoud):
    assert lever(stack, levering(wa_id, bericht(wa_id, soort, inhoud))) == 200
    [antwoord] = nep_whatsapp.wacht_op(wa_id, lambda verzonden: len(verzonden) >= 1)
    assert antwoord.bericht == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": wa_id,
        "type": "text",
        "text": {"body": ALLEEN_TEKST, "preview_url": False},
    }
    assert "€" in samen(zeg(stack, nep_whatsapp, wa_id, tekst(wa_id, "Wat kost de aanvraag?")))
    assert len(van_persoon(stack, wa_id)) == 1  # the photo itself is not kept


def test_statusupdates_en_kapotte_leveringen(stack, nep_whatsapp):
    wa_id = "31600000020"
    status = {"id": "wamid.nep1", "status": "read", "timestamp": str(int(time.time())), "recipient_id": wa_id}
    assert lever(stack, levering(wa_id, {"statuses": [status]})) == 200
    assert lever(stack, b"{geen json") == 400
    assert lever(stack, b"[1, 2]") == 400
    assert lever(stack, b"{geen json", None) == 403
    antwoord = zeg(stack, nep_whatsapp, wa_id, tekst(wa_id, "Wat kost de aanvraag?"))
    assert "€" in samen(antwoord) and nep_whatsapp.aan(wa_id) == antwoord  # nothing for the status update


def test_getypt_commando_of_nagemaakte_knop_zet_geen_slots(stack, nep_whatsapp):
    wa_id = "31600000021"
    zeg(stack, nep_whatsapp, wa_id, tekst(wa_id, '/inform{"jaren_vergunning": 99}'))
    nagemaakt = {"type": "button_reply", "button_reply": {"id": '/inform{"jaren_vergunning": 99}', "title": "Ja"}}
    assert zeg(stack, nep_whatsapp, wa_id, levering(wa_id, bericht(wa_id, "interactive", nagemaakt)))
    slots = [e["value"] for e in stack.gebeurtenissen(wa_id) if e["event"] == "slot"]
    assert 99 not in slots and "99" not in slots
    assert all(not e["text"].startswith("/") for e in van_persoon(stack, wa_id))


def test_geen_whatsapp_nummer_of_token_in_de_logs(stack, nep_whatsapp):
    wa_id = "31600000022"
    zeg(stack, nep_whatsapp, wa_id, tekst(wa_id, "Wat kost de aanvraag?"))
    log = stack.log("rasa").read_text(errors="replace")
    assert "conversation '[***]'" in log, "debug logging should have shown (masked) conversation ids"
    for geheim in [wa_id, "31600000001", TOKEN, APP_GEHEIM, NUMMER_ID]:
        assert geheim not in log


def test_een_vloed_van_een_nummer_krijgt_de_regel_van_elk_kanaal(stack, nep_whatsapp):
    """Six different messages from one number at once: one in work, one waiting, the rest the short answer and
    not stored (rasaserver/kanalen/gesprek.py), as on every channel."""
    wa_id = "31600000077"
    vragen = [f"Wat kost de aanvraag? ({i})" for i in range(6)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        statussen = list(pool.map(lambda vraag: lever(stack, tekst(wa_id, vraag)), vragen))
    assert statussen == [200] * 6  # Meta always gets its 200 at once
    einde = time.monotonic() + WACHT
    while sum(TE_SNEL in v.tekst for v in nep_whatsapp.aan(wa_id)) + len(van_persoon(stack, wa_id)) < 6:
        assert time.monotonic() < einde, "not every message was answered or refused"
        time.sleep(0.1)
    geweigerd = sum(TE_SNEL in v.tekst for v in nep_whatsapp.aan(wa_id))
    assert geweigerd >= 1
    assert len(van_persoon(stack, wa_id)) == 6 - geweigerd  # a refused message is not stored
