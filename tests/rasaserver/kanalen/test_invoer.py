"""What users type is checked before Rasa sees it (rasaserver/kanalen/invoer.py)."""

import pytest

from dienst.instellingen import lees
from rasaserver.kanalen.invoer import Invoer, beoordeel, lijkt_commando

MAX_TEKENS = lees({}).max_bericht_tekens


@pytest.fixture(autouse=True)
def standaardgrens(monkeypatch):
    """The default limit, whatever the caller's shell sets (test_de_grens_komt_uit_max_bericht_tekens sets one)."""
    monkeypatch.delenv("MAX_BERICHT_TEKENS", raising=False)


WELKOM_KNOPPEN = {"/situatie_veranderd", "/vraag_kosten"}


@pytest.mark.parametrize(
    "tekst, verwacht",
    [
        ("Wat kost de aanvraag?", Invoer(tekst="Wat kost de aanvraag?")),
        ("  Wat   kost\nhet?  ", Invoer(tekst="Wat kost het?")),
        ("", Invoer(antwoord="utter_bericht_leeg")),
        (" \t\n ", Invoer(antwoord="utter_bericht_leeg")),
        ("\x00\x07\x1b", Invoer(antwoord="utter_bericht_leeg")),
        ("wat\x00 kost\u200b het", Invoer(tekst="wat kost het")),
        (None, Invoer(antwoord="utter_bericht_leeg")),
        (["lijst"], Invoer(antwoord="utter_bericht_leeg")),
        (12, Invoer(antwoord="utter_bericht_leeg")),
        ("x" * (MAX_TEKENS + 1), Invoer(antwoord="utter_bericht_te_lang")),
        ("x" * MAX_TEKENS, Invoer(tekst="x" * MAX_TEKENS)),
        ("<script>alert(1)</script>", Invoer(tekst="<script>alert(1)</script>")),
    ],
)
def test_bericht_wordt_opgeschoond_of_beantwoord(tekst, verwacht):
    assert beoordeel(tekst) == verwacht


@pytest.mark.parametrize(
    "getypt",
    ["/restart", '/inform{"jaren_vergunning": 99}', "//vraag_kosten", " /session_start", "/"],
)
def test_getypt_commando_wordt_gewone_tekst(getypt):
    uitkomst = beoordeel(getypt, WELKOM_KNOPPEN)
    assert uitkomst.antwoord or not uitkomst.tekst.startswith("/")


def test_de_grens_komt_uit_max_bericht_tekens(monkeypatch):
    monkeypatch.setenv("MAX_BERICHT_TEKENS", "5")
    assert beoordeel("x" * 6) == Invoer(antwoord="utter_bericht_te_lang")
    assert beoordeel("x" * 5) == Invoer(tekst="x" * 5)


def test_knop_die_net_is_aangeboden_blijft_werken():
    assert beoordeel("/vraag_kosten", WELKOM_KNOPPEN) == Invoer(tekst="/vraag_kosten")


def test_knop_met_extra_entiteiten_is_geen_aangeboden_knop():
    uitkomst = beoordeel('/vraag_kosten{"route": "medisch"}', WELKOM_KNOPPEN)
    assert uitkomst.tekst == 'vraag_kosten{"route": "medisch"}'


@pytest.mark.parametrize(
    "tekst, commando",
    [
        ("/restart", True),
        ("  \x00/vraag_kosten", True),
        ("wat kost /het", False),
        ("", False),
        (None, False),
    ],
)
def test_alleen_een_commando_vraagt_om_de_aangeboden_knoppen(tekst, commando):
    assert lijkt_commando(tekst) is commando
