"""The WhatsApp channel's own rules (rasaserver/kanalen/whatsapp.py): the signature, WhatsApp's limits, buttons, retries.

The channel against a running assistant and a stand-in Graph API: tests/e2e/test_whatsapp.py."""

import hashlib
import hmac

import pytest
import yaml

from dienst.instellingen import WhatsApp
from rasaserver.kanalen.invoer import beoordeel
from rasaserver.kanalen.whatsapp import (
    ALLEEN_TEKST,
    CHAT_WISSEN,
    MAX_BODY,
    MAX_TEKST,
    Bericht,
    RecenteIds,
    VeiligeWhatsApp,
    WhatsAppFout,
    WhatsAppUitvoer,
    berichten,
    delen,
    handtekening_klopt,
    kort,
    lees_berichten,
    met_chat_wissen,
)
from tests.conftest import PROJECT

GEHEIM = "0123456789abcdef0123456789abcdef"
NUMMER_ID = "106540352242922"
JA_NEE = [{"title": "Ja", "payload": "/affirm"}, {"title": "Nee", "payload": "/deny"}]
DOMEIN = yaml.safe_load((PROJECT / "domain.yml").read_text(encoding="utf-8"))


def handtekening(body: bytes, geheim: str = GEHEIM) -> str:
    return "sha256=" + hmac.new(geheim.encode(), body, hashlib.sha256).hexdigest()


# --- the signature ---------------------------------------------------------------------------------


def test_handtekening_van_meta_klopt():
    body = b'{"object": "whatsapp_business_account", "entry": []}'
    assert handtekening_klopt(GEHEIM, body, handtekening(body))


@pytest.mark.parametrize(
    "kop",
    [
        "",
        "sha256=",
        handtekening(b"{}"),  # signs another body
        handtekening(b'{"a": 1}', "f" * 32),  # signed with another secret
        handtekening(b'{"a": 1}').upper(),
        handtekening(b'{"a": 1}').replace("sha256=", "sha1="),
        handtekening(b'{"a": 1}')[7:],  # without "sha256="
        handtekening(b'{"a": 1}') + "\udcff",  # undecodable bytes, as Sanic hands them on
    ],
)
def test_verkeerde_handtekening_klopt_niet(kop):
    assert not handtekening_klopt(GEHEIM, b'{"a": 1}', kop)


def test_handtekening_over_de_ruwe_bytes_niet_over_de_json():
    body = b'{"a":1}'
    assert not handtekening_klopt(GEHEIM, b'{"a": 1}', handtekening(body))


def test_vergelijking_in_constante_tijd(monkeypatch):
    vergeleken = []
    echte = hmac.compare_digest
    monkeypatch.setattr(hmac, "compare_digest", lambda a, b: vergeleken.append((a, b)) or echte(a, b))
    body = b'{"a": 1}'
    assert handtekening_klopt(GEHEIM, body, handtekening(body))
    assert vergeleken == [(handtekening(body).encode(), handtekening(body).encode())]


# --- what Meta delivers ----------------------------------------------------------------------------


def levering(*berichten_: dict, nummer_id: str = NUMMER_ID, statussen: tuple = ()) -> dict:
    waarde = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "31850000000", "phone_number_id": nummer_id},
    }
    if berichten_:
        waarde["contacts"] = [{"profile": {"name": "Amira"}, "wa_id": b.get("from")} for b in berichten_]
        waarde["messages"] = list(berichten_)
    if statussen:
        waarde["statuses"] = list(statussen)
    return {
        "object": "whatsapp_business_account",
        "entry": [{"id": "1", "changes": [{"field": "messages", "value": waarde}]}],
    }


def bericht(soort: str, inhoud: dict, wa_id: str = "31612345678", bericht_id: str = "wamid.1") -> dict:
    return {"from": wa_id, "id": bericht_id, "timestamp": "1700000000", "type": soort, soort: inhoud}


@pytest.mark.parametrize(
    "soort, inhoud, tekst",
    [
        ("text", {"body": "Wat kost de aanvraag?"}, "Wat kost de aanvraag?"),
        ("interactive", {"type": "button_reply", "button_reply": {"id": "/affirm", "title": "Ja"}}, "/affirm"),
        (
            "interactive",
            {"type": "list_reply", "list_reply": {"id": "/vraag_kosten", "title": "Wat kost…"}},
            "/vraag_kosten",
        ),
        ("button", {"payload": "x", "text": "Ja graag"}, "Ja graag"),
        ("image", {"id": "123", "mime_type": "image/jpeg"}, None),
        ("audio", {"id": "124", "voice": True}, None),
        ("location", {"latitude": 52.1, "longitude": 4.3}, None),
        ("document", {"id": "125", "filename": "brief.pdf"}, None),
        ("sticker", {"id": "126"}, None),
        ("video", {"id": "127"}, None),
    ],
)
def test_bericht_wordt_gelezen(soort, inhoud, tekst):
    assert lees_berichten(levering(bericht(soort, inhoud)), NUMMER_ID) == [Bericht("31612345678", "wamid.1", tekst)]


def test_statussen_reacties_en_andere_nummers_vragen_geen_antwoord():
    status = {"id": "wamid.9", "status": "delivered", "timestamp": "1700000000", "recipient_id": "31612345678"}
    assert lees_berichten(levering(statussen=(status,)), NUMMER_ID) == []
    reactie = bericht("reaction", {"message_id": "wamid.0", "emoji": "👍"})
    assert lees_berichten(levering(reactie), NUMMER_ID) == []
    voor_een_ander = levering(bericht("text", {"body": "hallo"}), nummer_id="999999999")
    assert lees_berichten(voor_een_ander, NUMMER_ID) == []


@pytest.mark.parametrize(
    "update",
    [{}, {"entry": "x"}, {"entry": [{"changes": [{"field": "messages", "value": []}]}]}, levering({"type": "text"})],
)
def test_vreemde_levering_geeft_geen_berichten(update):
    assert lees_berichten(update, NUMMER_ID) == []


def test_herhaalde_levering_wordt_herkend_en_het_geheugen_blijft_begrensd():
    gezien = RecenteIds(maximum=3)
    assert [gezien.nieuw(i) for i in ["a", "b", "a", "c", "d", "b", "a"]] == [
        True,
        True,
        False,
        True,
        True,
        False,
        True,
    ]
    assert len(gezien.ids) == 3


# --- WhatsApp's limits -------------------------------------------------------------------------------


def test_korte_tekst_blijft_een_bericht():
    assert delen("Wat kost de aanvraag?\nBron: ind.nl, Kosten aanvraag") == [
        "Wat kost de aanvraag?\nBron: ind.nl, Kosten aanvraag"
    ]


def test_lange_tekst_wordt_bij_alinea_en_zin_gesplitst_en_de_bron_blijft_de_laatste_regel():
    alinea = " ".join(["Dit is een zin over de aanvraag."] * 60)  # 1979 characters
    tekst = "\n\n".join([alinea] * 5) + "\nBron: ind.nl, Kosten aanvraag"
    stukken = delen(tekst)
    assert all(len(s) <= MAX_TEKST for s in stukken) and len(stukken) == 3
    assert all(s.endswith(".") for s in stukken[:-1])
    assert stukken[-1].split("\n")[-1] == "Bron: ind.nl, Kosten aanvraag"
    assert " ".join(" ".join(stukken).split()) == " ".join(tekst.split())  # nothing lost


def test_een_zin_langer_dan_de_grens_wordt_bij_een_spatie_gesplitst_een_woord_pas_als_het_moet():
    assert delen("aaaa bbbb cccc", 9) == ["aaaa bbbb", "cccc"]
    assert delen("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]


@pytest.mark.parametrize(
    "titel, maximum, kort_",
    [
        ("Ja", 20, "Ja"),
        ("Mijn situatie is veranderd", 24, "Mijn situatie is…"),
        ("Slachtoffer van mensenhandel, geen aangifte", 24, "Slachtoffer van…"),
        ("Mensenhandel, aangifte gedaan", 24, "Mensenhandel, aangifte…"),
        ("Arbeidsmarktbeleidsonderzoeksrapport", 20, "Arbeidsmarktbeleids…"),
        ("Humanitair niet-tijdelijk", 24, "Humanitair niet-…"),
        ("Een twee drie vier vijf zes", 24, "Een twee drie vier vijf…"),
    ],
)
def test_titel_wordt_na_een_heel_woord_ingekort(titel, maximum, kort_):
    assert kort(titel, maximum) == kort_ and len(kort_) <= maximum


# --- buttons -----------------------------------------------------------------------------------------


def test_drie_korte_knoppen_worden_antwoordknoppen_met_de_payload_als_id():
    knoppen = [*JA_NEE, {"title": "Weet ik niet", "payload": "/weet_niet"}]
    [uit] = berichten("Was uw partner Nederlander?", knoppen)
    interactief = uit["interactive"]
    assert interactief["type"] == "button" and interactief["body"]["text"] == "Was uw partner Nederlander?"
    assert [(k["reply"]["id"], k["reply"]["title"]) for k in interactief["action"]["buttons"]] == [
        ("/affirm", "Ja"),
        ("/deny", "Nee"),
        ("/weet_niet", "Weet ik niet"),
    ]


def test_meer_dan_drie_of_te_lange_knoppen_worden_een_lijst_met_de_hele_titel_eronder():
    welkom = DOMEIN["responses"]["utter_welkom"][0]
    [uit] = berichten(welkom["text"], welkom["buttons"])
    lijst = uit["interactive"]
    assert lijst["type"] == "list" and len(lijst["action"]["button"]) <= 20
    rijen = lijst["action"]["sections"][0]["rows"]
    assert [r["id"] for r in rijen] == [k["payload"] for k in welkom["buttons"]]
    assert all(len(r["title"]) <= 24 and len(r.get("description", "")) <= 72 for r in rijen)
    lang = next(r for r in rijen if r["id"] == "/routes_overzicht")
    assert lang["description"] == "Kan ik humanitair niet-tijdelijk krijgen?" and lang["title"].endswith("…")
    assert "description" not in next(r for r in rijen if r["id"] == "/vraag_kosten")


def test_twee_lange_knoppen_verliezen_hun_betekenis_niet():
    wie = DOMEIN["responses"]["utter_wie_overleden"][0]
    [uit] = berichten(wie["text"], wie["buttons"])
    rijen = uit["interactive"]["action"]["sections"][0]["rows"]
    assert {r.get("description", r["title"]) for r in rijen} == {k["title"] for k in wie["buttons"]}


@pytest.mark.parametrize("naam", sorted(n for n, r in DOMEIN["responses"].items() if r[0].get("buttons")))
def test_elke_knop_van_het_domein_past_in_whatsapp(naam):
    response = DOMEIN["responses"][naam][0]
    uit = berichten(response["text"], response["buttons"])
    interactief = uit[-1]["interactive"]
    assert len(interactief["body"]["text"]) <= MAX_BODY
    if interactief["type"] == "button":
        knoppen = [k["reply"] for k in interactief["action"]["buttons"]]
        assert len(knoppen) <= 3 and all(len(k["title"]) <= 20 for k in knoppen)
    else:
        knoppen = [r for s in interactief["action"]["sections"] for r in s["rows"]]
        assert len(knoppen) <= 10 and all(len(r["title"]) <= 24 for r in knoppen)
    # What WhatsApp sends back as the person's answer is the payload the assistant offered: the input check
    # lets it through unchanged, also when it starts with "/".
    aangeboden = [k["payload"] for k in response["buttons"]]
    assert [beoordeel(k["id"], aangeboden).tekst for k in knoppen] == aangeboden


def test_meer_dan_tien_knoppen_worden_twee_lijsten():
    knoppen = [{"title": f"Onderwerp {i}", "payload": f"/onderwerp_{i}"} for i in range(13)]
    eerste, tweede = berichten("Kies een onderwerp.", knoppen)
    assert len(eerste["interactive"]["action"]["sections"][0]["rows"]) == 10
    assert [r["id"] for r in tweede["interactive"]["action"]["sections"][0]["rows"]] == [
        "/onderwerp_10",
        "/onderwerp_11",
        "/onderwerp_12",
    ]


def test_lange_tekst_met_knoppen_eerst_als_tekst_en_het_laatste_deel_boven_de_knoppen():
    tekst = " ".join(["Dit is een zin over de aanvraag."] * 60) + "\nWilt u verder?"
    *voor, knoppen = berichten(tekst, JA_NEE)
    assert [b["type"] for b in voor] == ["text"] and knoppen["type"] == "interactive"
    assert len(knoppen["interactive"]["body"]["text"]) <= MAX_BODY
    assert knoppen["interactive"]["body"]["text"].endswith("Wilt u verder?")


def test_knoppen_zonder_payload_of_dubbel_vallen_weg():
    knoppen = [*JA_NEE, {"title": "Ja", "payload": "/affirm"}, {"title": "Link", "url": "https://ind.nl"}]
    [uit] = berichten("Klopt dat?", knoppen)
    assert [k["reply"]["id"] for k in uit["interactive"]["action"]["buttons"]] == ["/affirm", "/deny"]


def test_tekst_zonder_knoppen_is_een_tekstbericht_zonder_voorbeeld_van_links():
    assert berichten("Zie ind.nl.", []) == [{"type": "text", "text": {"body": "Zie ind.nl.", "preview_url": False}}]


# --- care fitting the channel ------------------------------------------------------------------------


def test_welkom_zegt_hoe_de_chat_gewist_wordt_voor_de_slotvraag():
    welkom = DOMEIN["responses"]["utter_welkom"][0]["text"]
    regels = met_chat_wissen(welkom).split("\n")
    assert regels[-2] == CHAT_WISSEN and regels[-1] == welkom.rstrip().split("\n")[-1]
    assert CHAT_WISSEN.count(".") == 1 and len(CHAT_WISSEN.split()) <= 20  # one B1 sentence


def test_alleen_tekst_is_een_korte_zin():
    assert ALLEEN_TEKST.count(".") == 1 and len(ALLEEN_TEKST.split()) <= 12


# --- settings the channel gets from credentials.yml --------------------------------------------------

GOED = {
    "access_token": "EAAG" + "a1" * 20,
    "phone_number_id": NUMMER_ID,
    "app_secret": GEHEIM,
    "verify_token": "verificatie-token",
}


@pytest.mark.parametrize(
    "sleutel, waarde, naam",
    [
        ("access_token", "", "WHATSAPP_TOKEN"),
        ("phone_number_id", "", "WHATSAPP_PHONE_NUMBER_ID"),
        ("phone_number_id", "+31 6 1234", "WHATSAPP_PHONE_NUMBER_ID"),
        ("app_secret", "geheim", "WHATSAPP_APP_SECRET"),
        ("verify_token", "kort", "WHATSAPP_VERIFY_TOKEN"),
        ("api_url", "graph.facebook.com", "WHATSAPP_API_URL"),
    ],
)
def test_onjuiste_instelling_stopt_de_start(sleutel, waarde, naam):
    with pytest.raises(WhatsAppFout, match=naam):
        VeiligeWhatsApp.from_credentials({**GOED, sleutel: waarde})


def test_goede_instellingen_geven_een_kanaal_op_de_standaard_graph_api():
    kanaal = VeiligeWhatsApp.from_credentials(GOED)
    assert kanaal.name() == "whatsapp"
    assert kanaal.get_output_channel().url == f"https://graph.facebook.com/v19.0/{NUMMER_ID}/messages"


# --- sending -------------------------------------------------------------------------------------------


@pytest.fixture
def graph_api():
    from tests.e2e.nep_whatsapp import NepGraphApi

    nep = NepGraphApi().start()
    yield nep
    nep.stop()


def uitvoer(api_url: str, token: str) -> WhatsAppUitvoer:
    return WhatsAppUitvoer(WhatsApp(token, NUMMER_ID, GEHEIM, "verificatie-token", api_url))


async def test_antwoord_met_knoppen_gaat_naar_de_messages_van_het_nummer(graph_api):
    from tests.e2e.nep_whatsapp import TOKEN

    kanaal = uitvoer(graph_api.url, TOKEN)
    await kanaal.send_response("31612345678", {"text": "Klopt dat?", "buttons": JA_NEE})
    await kanaal.sluit()
    [verzonden] = graph_api.aan("31612345678")
    assert (verzonden.token, verzonden.nummer_id) == (TOKEN, NUMMER_ID)
    assert verzonden.bericht["messaging_product"] == "whatsapp" and verzonden.keuzes() == {
        "Ja": "/affirm",
        "Nee": "/deny",
    }


async def test_geweigerd_of_onbereikbaar_wordt_gelogd_niet_opgeworpen(graph_api, caplog):
    token = "EAAGverkeerdTokenVanMeta0123456789"
    for api_url, fout in [(graph_api.url, "HTTP 401"), ("http://127.0.0.1:9/v19.0", "niet bereikbaar")]:
        kanaal = uitvoer(api_url, token)
        await kanaal.send_text_message("31612345678", "hallo")
        await kanaal.sluit()
        assert fout in caplog.text
    assert not graph_api.aan("31612345678")
