"""No personal data or stories of violence in the logs (dienst/logboek.py)."""

import io
import logging

import pytest

from dienst import logboek
from dienst.logboek import GEMASKEERD, WEGGELATEN, maskeer


@pytest.mark.parametrize(
    "regel, geheim",
    [
        ("Mijn V-nummer is 1234567890.", "1234567890"),
        ("klantnummer 1234 567 89", "1234 567 89"),
        ("BSN 123456789", "123456789"),
        ("ik ben geboren op 01-02-1990", "01-02-1990"),
        ("geboortedatum 3/11/85", "3/11/85"),
        ("geboren 14 februari 1988", "14 februari 1988"),
        ("bel me op 06-12345678", "06-12345678"),
        ("of +31 6 1234 5678", "+31 6 1234 5678"),
        ("mail naar a.b-c@voorbeeld.nl", "a.b-c@voorbeeld.nl"),
    ],
)
def test_persoonsgegevens_worden_gemaskeerd(regel, geheim):
    gemaskeerd = maskeer(regel)
    assert geheim not in gemaskeerd
    assert GEMASKEERD in gemaskeerd


@pytest.mark.parametrize(
    "regel",
    [
        "Mijn man sloeg mij elke week",
        "ik ben slachtoffer van mensenhandel",
        "Ik werd gedwongen te werken",
        "processor.message.parse parse_data_text='huiselijk geweld, wat nu?'",
    ],
)
def test_regel_over_geweld_of_mensenhandel_wordt_weggelaten(regel):
    assert maskeer(regel) == WEGGELATEN


@pytest.mark.parametrize(
    "regel",
    [
        "Predicted next action 'form_mensenhandel_slachtoffer'",
        "Starting Rasa server on http://127.0.0.1:5005",
        "slot huiselijk_geweld_route set",
        "Loading model models/assistent.tar.gz",
    ],
)
def test_technische_regels_blijven_leesbaar(regel):
    assert maskeer(regel) == regel


@pytest.fixture
def logger_met_handler():
    oude_fabriek = logging.getLogRecordFactory()
    logboek.installeer()
    uitvoer = io.StringIO()
    handler = logging.StreamHandler(uitvoer)  # added after installing, as Rasa does
    logger = logging.getLogger("test.logboek")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    yield logger, uitvoer
    logger.removeHandler(handler)
    logging.setLogRecordFactory(oude_fabriek)


def test_ook_handlers_van_later_krijgen_gemaskeerde_regels(logger_met_handler):
    logger, uitvoer = logger_met_handler
    logger.info("bericht van %s: mijn nummer is %s", "gebruiker", "0612345678")
    assert "0612345678" not in uitvoer.getvalue()
    assert GEMASKEERD in uitvoer.getvalue()


def test_foutmelding_met_persoonsgegevens_wordt_gemaskeerd(logger_met_handler):
    logger, uitvoer = logger_met_handler
    try:
        raise ValueError("kon jan@voorbeeld.nl niet verwerken")
    except ValueError:
        logger.exception("fout")
    assert "jan@voorbeeld.nl" not in uitvoer.getvalue()
    assert "ValueError" in uitvoer.getvalue()


WHATSAPP_TOKEN = "EAAGm0PX4ZCpsBAKZBqwertyuiopasdfgh"


@pytest.mark.parametrize(
    "regel, geheim",
    [
        ("bericht van wa_id 31612345678 ontvangen", "31612345678"),
        ("{'from': '31612345678', 'type': 'text'}", "31612345678"),
        ("POST https://graph.facebook.com/v19.0/106540352242922/messages", "106540352242922"),
        ("{'to': '31612345678', 'type': 'interactive'}", "31612345678"),
        (f"Authorization: Bearer {WHATSAPP_TOKEN}", WHATSAPP_TOKEN),
        (f"ClientResponseError: token={WHATSAPP_TOKEN} is verlopen", WHATSAPP_TOKEN),
        ("headers={'Authorization': 'bearer abc.def-ghi'}", "abc.def-ghi"),
    ],
)
def test_whatsapp_nummers_en_token_worden_gemaskeerd(regel, geheim):
    gemaskeerd = maskeer(regel)
    assert geheim not in gemaskeerd and GEMASKEERD in gemaskeerd


def test_whatsapp_bericht_id_en_kanaalnaam_blijven_leesbaar():
    regel = "WhatsApp-webhook geweigerd: X-Hub-Signature-256 ontbreekt of klopt niet. id wamid.HBgLMzE2MTIzNDU2NzgVAgA"
    assert maskeer(regel) == regel
