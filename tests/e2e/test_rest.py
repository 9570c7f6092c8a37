"""The REST channel as the README shows it, and what typed "/commands" can and cannot do."""

import asyncio
import json
import subprocess

import aiohttp

from tests.e2e.stack import teksten


def test_curl_voorbeeld_uit_de_readme(stack):
    opdracht = (
        f"curl -s {stack.rasa_url}/webhooks/rest/webhook "
        """-d '{"sender": "ik", "message": "Wat kost de aanvraag?"}'"""
    )
    uitvoer = subprocess.run(opdracht, shell=True, capture_output=True, text=True, timeout=60, check=True)
    antwoorden = json.loads(uitvoer.stdout)
    assert "€" in teksten(antwoorden)
    assert all(a["recipient_id"] == "ik" for a in antwoorden)


def test_knoppen_blijven_werken(stack):
    welkom = stack.zeg("knoppen", "hallo")
    knoppen = {k["payload"] for a in welkom for k in a.get("buttons", [])}
    assert "/vraag_kosten" in knoppen
    assert "€" in teksten(stack.zeg("knoppen", "/vraag_kosten"))


def gezette_slots(stack, afzender):
    return {e["name"]: e["value"] for e in stack.gebeurtenissen(afzender) if e["event"] == "slot"}


def test_getypt_commando_zet_geen_slots_en_herstart_niets(stack):
    afzender = "commando"
    stack.zeg(afzender, "Mijn partner is overleden")
    stack.zeg(afzender, "ja")
    for getypt in [
        '/inform{"jaren_vergunning": 99}',
        '/affirm{"route": "buiten_schuld"}',
        "/restart",
        "/session_start",
        '/start_controle{"route": "medische_behandeling"}',
    ]:
        assert teksten(stack.zeg(afzender, getypt)), getypt
    gebeurtenissen = stack.gebeurtenissen(afzender)
    slots = gezette_slots(stack, afzender)
    assert slots.get("route") == "overlijden_partner"
    assert 99 not in slots.values() and "99" not in slots.values()
    assert not any(e["event"] in ("restart", "session_started") for e in gebeurtenissen[3:])
    getypte = [e["text"] for e in gebeurtenissen if e["event"] == "user"][2:]
    assert not any(t.startswith("/") for t in getypte)


def test_aangeboden_knop_mag_wel_met_slash(stack):
    afzender = "formulierknop"
    stack.zeg(afzender, "Mijn partner is overleden")
    antwoord = teksten(stack.zeg(afzender, "/start_controle"))
    assert "nationaliteit" in antwoord


def verzoek(url, methode="GET", kopjes=None):
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(urllib.request.Request(url, method=methode, headers=kopjes or {}), timeout=30) as a:
            return a.status, dict(a.headers)
    except urllib.error.HTTPError as fout:
        return fout.code, dict(fout.headers)


def test_http_api_staat_uit(stack):
    for pad, methode in (
        ("/status", "GET"),
        ("/model", "PUT"),
        ("/conversations/ik/tracker", "GET"),
        ("/model/parse", "POST"),
    ):
        status, _ = verzoek(stack.rasa_url + pad, methode)
        assert status in (404, 405), (pad, status)


def test_cors_alleen_voor_de_eigen_webpagina(stack):
    import urllib.request

    url = f"{stack.rasa_url}/webhooks/rest/webhook"
    eigen = f"http://127.0.0.1:{stack.web_poort}"
    bericht = json.dumps({"sender": "cors", "message": "hallo"}).encode()
    for herkomst, verwacht in ((eigen, [eigen]), ("https://kwaadwillend.example", [])):
        voorvraag = {"Origin": herkomst, "Access-Control-Request-Method": "POST"}
        for methode, data, kopjes in (("OPTIONS", None, voorvraag), ("POST", bericht, {"Origin": herkomst})):
            with urllib.request.urlopen(urllib.request.Request(url, data, kopjes, method=methode), timeout=60) as a:
                assert (a.headers.get_all("Access-Control-Allow-Origin") or []) == verwacht, (herkomst, methode)


async def test_wie_te_snel_stuurt_krijgt_429_en_wat_geweigerd_is_wordt_niet_bewaard(stack):
    """Ten messages of one sender at once: one in work and one waiting, the others 429 with Retry-After and a
    short Dutch answer, and only the accepted ones are in the conversation store."""
    afzender = "stortvloed"
    url = f"{stack.rasa_url}/webhooks/rest/webhook"

    async def stuur(http: aiohttp.ClientSession, tekst: str):
        async with http.post(url, json={"sender": afzender, "message": tekst}) as antwoord:
            return tekst, antwoord.status, antwoord.headers.get("Retry-After"), await antwoord.json()

    async with aiohttp.ClientSession() as http:
        uitslagen = await asyncio.gather(*(stuur(http, f"Wat kost de aanvraag, vraag {i}?") for i in range(10)))
    aangenomen = [tekst for tekst, status, _, _ in uitslagen if status == 200]
    geweigerd = [(wacht, body) for _, status, wacht, body in uitslagen if status == 429]
    assert len(aangenomen) + len(geweigerd) == 10 and len(aangenomen) >= 2 and geweigerd
    for wacht, body in geweigerd:
        assert int(wacht) >= 1 and "sneller dan ik kan antwoorden" in teksten(body)
    bewaard = [e["text"] for e in stack.gebeurtenissen(afzender) if e["event"] == "user"]
    assert sorted(bewaard) == sorted(aangenomen)
    assert stack.zeg(afzender, "Wat kost de aanvraag?")  # once answered, the sender may go on
