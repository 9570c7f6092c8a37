"""The insight report (beheer/inzicht) on conversations written straight into a conversation store."""

import asyncio
import os
import re
import secrets
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader
from rasa.shared.nlu.training_data.loading import load_data

from beheer.inzicht import __main__ as inzicht
from beheer.inzicht.__main__ import TIJDZONE, maak_rapport
from beheer.inzicht.cijfers import NietBegrepen
from beheer.inzicht.groeperen import groepeer, normaal
from beheer.inzicht.kandidaten import yaml_tekst
from dienst import instellingen, opstart
from dienst.eindpunten import eindpunt
from processen import vrije_poort
from tests.beheer.voorbeelden import FALLBACK, Verloop, nu_min
from tests.conftest import sql_opslag, verwijder_database

PROJECT = Path(__file__).resolve().parents[2]
GEHEIM = ["1234567890", "3344556677", "0612345678", "piet@example.nl"]
GEWELD = [
    "Hij doet mij pijn thuis",
    "Hij is vaak boos op mij",
    "Ze pakten mijn paspoort af",
    "zonder mijn naam",
    "Mijn sleutel past niet meer",
]


def gesprekken() -> dict:
    """Sender id -> events; the figures the tests expect are worked out next to each one."""
    begin = nu_min(2)
    kosten = (
        Verloop(begin)
        .zeg("Wat kost de aanvraag?", "vraag_kosten", 0.98, actie="action_leges_uitleg")
        .zeg("Welk formulier moet ik gebruiken?", "faq", 0.91, faq="faq/formulier", actie="utter_faq")
        .oordeel("goed", "Antwoord utter_faq.")
        .sessie()  # a second session: a second conversation
        .zeg("hallo", "greet", 0.99, actie="utter_welkom")
    )
    vnummer = (
        Verloop(begin, "socketio")
        .zeg("/greet", "greet", 1.0, actie="utter_welkom")
        .zeg("Mijn V-nummer is 1234567890, waar is mijn pas?", FALLBACK, 0.5, naast="faq", faq="faq/na_aanvraag")
        .doe("action_two_stage_fallback", "utter_bedoelde_u")
        .zeg("waar is mijn verblijfspas", FALLBACK, 0.5, naast="faq", faq="faq/na_aanvraag")
        .doe("action_two_stage_fallback", "utter_ask_rephrase")
    )
    mens = (
        Verloop(begin)
        .zeg("Waar is mijn verblijfspas?", FALLBACK, 0.5, naast="faq", faq="faq/na_aanvraag")
        .doe("action_two_stage_fallback", "utter_bedoelde_u")
        .zeg("Ik wil een medewerker spreken", "contact_mens", 0.97, actie="utter_contact")
    )
    gestopt = (
        Verloop(begin, "telegram")
        .zeg("hallo", "greet", 0.99, actie="utter_welkom")
        .zeg("Mijn partner is overleden", "route_overlijden_partner", 0.93, actie="action_kies_route")
        .zeg("ja", "affirm", 0.96)
        .controle("overlijden_partner", None)
    )
    afgerond = (
        Verloop(begin)
        .zeg("Ik ben zes jaar getrouwd", "route_huwelijk_relatie", 0.9, actie="action_kies_route")
        .zeg("ja", "affirm", 0.96)
        .controle("huwelijk_relatie", "eligible")
        .oordeel("slecht", "Antwoord utter_uitkomst_eligible.", "Te lang. Bel mij op 0612345678 of piet@example.nl")
    )
    geweld = (
        Verloop(begin, "socketio")
        .zeg("/greet", "greet", 1.0, actie="utter_welkom")
        .zeg("Hij doet mij pijn thuis, mijn V-nummer is 3344556677", FALLBACK, 0.5, naast="route_huiselijk_geweld")
        .doe("action_two_stage_fallback", "utter_bedoelde_u")
        .zeg("/route_huiselijk_geweld", "route_huiselijk_geweld", 1.0)
        .doe("action_two_stage_fallback")
        .verduidelijkt()
        .doe("action_kies_route", "utter_hulp_bij_geweld", "utter_route_intro_huiselijk_geweld")
        .zeg("ja", "affirm", 0.96)
        .zet("route", "huiselijk_geweld")
        .lus("form_huiselijk_geweld")
        .doe("form_huiselijk_geweld", "utter_ask_form_huiselijk_geweld_jaren_vergunning")
        .zeg("Hij is vaak boos op mij", "weet_niet", 0.35, actie="form_huiselijk_geweld")
        .oordeel("goed", "Antwoord utter_hulp_bij_geweld.", "Fijn dat het kon zonder mijn naam")
    )
    dwang = (
        Verloop(begin)
        .zeg(
            "Ze pakten mijn paspoort af en ik moest werken",
            FALLBACK,
            0.5,
            naast="route_mensenhandel_slachtoffer",
            actie="action_two_stage_fallback",
        )
        .zeg("Wat kost de aanvraag?", "vraag_kosten", 0.98, actie="action_leges_uitleg")
    )
    return {
        "kosten": kosten,  # 2 conversations: 2 and 1 messages, all understood, one 👍
        "vnummer": vnummer,  # the widget's opening does not count: 2 messages, neither understood, no answer
        "mens": mens,  # 2 messages, 1 understood, asked for a person
        "gestopt": gestopt,  # 4 understood messages, a check stopped halfway
        "afgerond": afgerond,  # 3 understood, a check with outcome eligible, a 👎 with a remark
        "geweld": geweld,  # 4 messages (the clarified copy is not one), 2 not understood, counted, never shown
        "dwang": dwang,  # not on a route, but the model thought of trafficking: that message stays out
        "kern": Verloop(begin).zeg("ja", "affirm", 0.9, actie="action_default_fallback"),  # the dialogue fell back
        "onzeker": Verloop(begin).zeg("kosten verlenging", "vraag_kosten", 0.42, actie="action_leges_uitleg"),
        "adres": Verloop(begin).zeg(
            "zie https://www.ind.nl/formulier wat moet ik doen",
            FALLBACK,
            0.5,
            naast="faq",
            faq="faq/formulier",
            actie="action_two_stage_fallback",
        ),
        # On the violence route 40 days ago, back this week: the new message stays out too.
        "terug": Verloop(nu_min(40))
        .zeg("Mijn man slaat mij", "route_huiselijk_geweld", 0.9, actie="action_kies_route")
        .zet("route", "huiselijk_geweld")
        .later(1)
        .sessie()
        .zeg("Mijn sleutel past niet meer", FALLBACK, 0.5),
        "geopend": Verloop(begin, "socketio").zeg("/greet", "greet", 1.0, actie="utter_welkom"),  # nothing asked
        "oud": Verloop(nu_min(40)).zeg("Oud bericht van lang geleden", FALLBACK, 0.5),  # before the period
    }


def bewaar(store: SQLTrackerStore) -> None:
    for afzender, verloop in gesprekken().items():
        asyncio.run(store.save(DialogueStateTracker.from_events(afzender, verloop.events)))


@pytest.fixture
def sqlite_store(tmp_path, monkeypatch) -> SQLTrackerStore:
    for naam in ("ENDPOINTS", "ASSISTENT_MODUS", "GESPREKKEN_DB"):
        monkeypatch.delenv(naam, raising=False)
    monkeypatch.setenv("ASSISTENT_VAR", str(tmp_path))
    monkeypatch.chdir(PROJECT)
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "gesprekken.db"))
    bewaar(store)
    yield store
    store.engine.dispose()


def periode():
    """The last 30 days, as `make inzicht` takes them by default."""
    vandaag = datetime.now(TIJDZONE).date()
    return vandaag - timedelta(days=29), vandaag


@pytest.fixture
def rapport(sqlite_store, tmp_path):
    uit = tmp_path / "inzicht"
    cijfers = maak_rapport(sqlite_store.engine, *periode(), uit)
    return cijfers, (uit / "index.html").read_text(encoding="utf-8"), (uit / "kandidaten.yml").read_text("utf-8")


def test_gesprekken_en_berichten(rapport):
    cijfers, _, _ = rapport
    assert (cijfers.gesprekken, cijfers.zonder_vraag, cijfers.berichten) == (12, 1, 24)
    assert sum(cijfers.per_dag.values()) == 12
    assert cijfers.kanalen == {"rest": 9, "socketio": 2, "telegram": 1}
    assert cijfers.lengtes == {"1": 5, "2": 4, "3–5": 3}


def test_begrepen_mens_en_zonder_antwoord(rapport):
    cijfers, _, _ = rapport
    assert (cijfers.begrepen, cijfers.niet_begrepen_totaal) == (14, 10)
    assert cijfers.direct_begrepen == 4
    assert (cijfers.mens, cijfers.zonder_antwoord, cijfers.gevoelig) == (1, 6, 2)
    assert cijfers.onderwerpen["affirm"] == 3 and cijfers.onderwerpen["faq/formulier"] == 1
    assert cijfers.onderwerpen["greet"] == 2  # the widget's own "/greet" openings are not counted
    assert sum(cijfers.onderwerpen.values()) == 14


def test_controles_per_route(rapport):
    routes = rapport[0].routes
    assert {r: (c.gestart, c.afgerond, c.gestopt) for r, c in routes.items()} == {
        "overlijden_partner": (1, 0, 1),
        "huwelijk_relatie": (1, 1, 0),
        "huiselijk_geweld": (1, 0, 1),
    }
    assert routes["huwelijk_relatie"].uitkomsten == {"eligible": 1}


def test_feedback_per_antwoord_en_opmerkingen(rapport):
    cijfers, html, _ = rapport
    assert (cijfers.goed, cijfers.slecht) == (2, 1)
    assert cijfers.beoordelingen["Antwoord utter_uitkomst_eligible."].slecht == 1
    assert [o.tekst for o in cijfers.opmerkingen] == ["Te lang. Bel mij op [***] of [***]"]
    assert "Te lang. Bel mij op [***] of [***]" in html


def test_niet_begrepen_gegroepeerd_en_gemaskeerd(rapport):
    cijfers, html, _ = rapport
    assert cijfers.verborgen == 4  # 2 from the violence conversation, 1 from its person's return, 1 trafficking
    groepen = groepeer(cijfers.niet_begrepen)
    assert sum(g.aantal for g in groepen) == 6
    assert groepen[0].aantal == 2 and normaal(groepen[0].voorbeeld) == "waar is mijn verblijfspas"
    assert groepen[0].suggestie == "faq/na_aanvraag"
    assert "Mijn V-nummer is [***], waar is mijn pas?" in html
    assert "zie [webadres] wat moet ik doen" in html


def test_geen_persoonsgegevens_en_niets_van_de_geweldsroute(rapport):
    _, html, kandidaten = rapport
    for tekst in GEHEIM + GEWELD:
        assert tekst not in html and tekst not in kandidaten, tekst
    assert "Oud bericht" not in html  # before the period


def test_html_is_een_offline_bestand(rapport):
    _, html, _ = rapport
    assert "http://" not in html and "https://" not in html
    assert not re.search(r"<(script|link|img|iframe|object)\b", html)
    assert not re.search(r"\b(src|srcset)=", html)
    assert set(re.findall(r'href="([^"]*)"', html)) <= {f"#{i}" for i in re.findall(r'id="([^"]*)"', html)}
    assert "@import" not in html and "url(" not in html


def test_html_is_toegankelijk(rapport):
    _, html, _ = rapport
    assert '<html lang="nl">' in html and html.count("<h1") == 1
    assert html.count("<table>") == html.count("<caption>")
    svgs = re.findall(r"<svg[^>]*>.*?</svg>", html)
    assert len(svgs) >= 4
    for svg in svgs:
        assert 'role="img"' in svg and "<title" in svg and "<desc" in svg


def test_kandidaten_laden_met_rasas_eigen_lezer(rapport, tmp_path):
    assert RasaYAMLReader.is_yaml_nlu_file(tmp_path / "inzicht" / "kandidaten.yml")
    data = load_data(str(tmp_path / "inzicht" / "kandidaten.yml"))
    voorbeelden = {m.get("text"): m.get("intent_response_key") or m.get("intent") for m in data.intent_examples}
    assert voorbeelden == {
        "waar is mijn verblijfspas": "faq/na_aanvraag",
        "Waar is mijn verblijfspas?": "faq/na_aanvraag",
        "Mijn V-nummer is [***], waar is mijn pas?": "faq/na_aanvraag",
        "zie [webadres] wat moet ik doen": "faq/formulier",
        "ja": "affirm",
        "kosten verlenging": "vraag_kosten",
    }
    assert not data.entity_examples  # "[***]" is not read as an entity annotation


def test_lege_periode_geeft_een_leeg_rapport(sqlite_store, tmp_path):
    cijfers = maak_rapport(sqlite_store.engine, datetime(2020, 1, 1).date(), datetime(2020, 1, 31).date(), tmp_path)
    assert cijfers.gesprekken == 0
    assert "Geen gegevens in deze periode." in (tmp_path / "index.html").read_text(encoding="utf-8")
    assert load_data(str(tmp_path / "kandidaten.yml")).training_examples == []


def test_opdracht_schrijft_beide_bestanden(sqlite_store, tmp_path, capsys):
    uit = tmp_path / "uit"
    assert inzicht.main(["--dagen", "30", "--uit", str(uit)]) == 0
    assert "inzicht: 12 gesprekken" in capsys.readouterr().out
    assert (uit / "index.html").exists() and (uit / "kandidaten.yml").exists()


def test_zonder_database_een_leeg_rapport(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ASSISTENT_VAR", str(tmp_path / "leeg"))
    monkeypatch.delenv("GESPREKKEN_DB", raising=False)
    monkeypatch.chdir(PROJECT)
    assert inzicht.main(["--uit", str(tmp_path / "uit")]) == 0
    assert "inzicht: 0 gesprekken" in capsys.readouterr().out
    assert not (tmp_path / "leeg" / "gesprekken.db").exists()


@pytest.mark.parametrize(
    "argumenten", [["--dagen", "0"], ["--van", "1 november"], ["--van", "2026-12-02", "--tot", "2026-12-01"]]
)
def test_onzinnige_periode_wordt_geweigerd(argumenten, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(PROJECT)
    monkeypatch.setenv("ASSISTENT_VAR", str(tmp_path))
    try:
        code = inzicht.main([*argumenten, "--uit", str(tmp_path / "uit")])
    except SystemExit as afloop:
        code = afloop.code
    assert code == 2
    assert not (tmp_path / "uit").exists()


def test_drempel_komt_uit_config(tmp_path):
    assert inzicht.drempel(PROJECT / "config.yml") == 0.5
    (tmp_path / "config.yml").write_text("pipeline:\n  - name: FallbackClassifier\n    threshold: 0.7\n")
    assert inzicht.drempel(tmp_path / "config.yml") == 0.7
    (tmp_path / "config.yml").write_text("pipeline:\n  - name: DIETClassifier\n")
    assert inzicht.drempel(tmp_path / "config.yml") == 0.3


@pytest.fixture
def postgres_store(monkeypatch):
    monkeypatch.setenv("ASSISTENT_MODUS", "productie")
    monkeypatch.setenv("REDIS_DB", "5")
    monkeypatch.chdir(PROJECT)
    reden = opstart.controleer_sql(eindpunt(instellingen.lees(os.environ), "tracker_store"))
    if reden:
        pytest.skip(reden)
    naam = f"inzicht_test_{secrets.token_hex(4)}"
    monkeypatch.setenv("POSTGRES_DB", naam)
    p = instellingen.lees(os.environ).postgres
    store = sql_opslag(p, naam)
    omgeving = {
        "POSTGRES_USER": p.gebruiker,
        "POSTGRES_PASSWORD": p.wachtwoord,
        "POSTGRES_HOST": p.host,
        "POSTGRES_PORT": str(p.poort),
        "POSTGRES_LOGIN_DB": p.login_db,
    }
    try:
        bewaar(store)
        yield store
    finally:
        store.engine.dispose()
        verwijder_database(omgeving, naam)


def test_postgresql_geeft_dezelfde_cijfers(postgres_store, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("REDIS_PORT", str(vrije_poort()))  # the report needs no lock store: Redis may be down
    uit = tmp_path / "uit"
    assert inzicht.main(["--uit", str(uit)]) == 0  # production mode: the store of endpoints.productie.yml
    assert "inzicht: 12 gesprekken" in capsys.readouterr().out
    html = (uit / "index.html").read_text(encoding="utf-8")
    assert "1234567890" not in html and "Hij doet mij pijn thuis" not in html
    engine = sa.create_engine(postgres_store.engine.url)
    try:
        cijfers = maak_rapport(engine, *periode(), tmp_path / "direct")
    finally:
        engine.dispose()
    assert (cijfers.gesprekken, cijfers.berichten, cijfers.begrepen, cijfers.verborgen) == (12, 24, 14, 4)


def test_gelijkende_berichten_in_een_groep_andere_apart():
    berichten = [
        NietBegrepen(tekst, suggestie, 0.4)
        for tekst, suggestie in [
            ("Kan ik mijn pas ophalen in Zwolle?", "faq/ophalen"),
            ("kan ik mijn pas ophaaln in zwolle", "faq/ophalen"),
            ("Kan ik mijn pas in Zwolle ophalen", "contact_mens"),
            ("Wat kost een paspoort?", "vraag_kosten"),
        ]
    ]
    groepen = groepeer(berichten)
    assert [g.aantal for g in groepen] == [3, 1]
    assert groepen[0].suggestie == "faq/ophalen" and groepen[1].voorbeeld == "Wat kost een paspoort?"


def test_kandidaten_met_lastige_tekens_blijven_geldige_yaml(tmp_path):
    lastig = ["vraag: # geen commentaar", "- begint met een streepje", 'een "aanhalingsteken" en \\ teken']
    groepen = groepeer([NietBegrepen(t, "faq/formulier", 0.4) for t in lastig + ["twee\nregels\tmet tab"]])
    (tmp_path / "kandidaten.yml").write_text(yaml_tekst(groepen, "een periode"), encoding="utf-8")
    teksten = {m.get("text") for m in load_data(str(tmp_path / "kandidaten.yml")).intent_examples}
    assert teksten == {*lastig, "twee regels met tab"}


def test_onbereikbare_database_geeft_een_zin(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(PROJECT)
    monkeypatch.setenv("ASSISTENT_MODUS", "productie")
    monkeypatch.setenv("POSTGRES_PORT", str(vrije_poort()))
    assert inzicht.main(["--uit", str(tmp_path / "uit")]) == 2
    fout = capsys.readouterr().err
    assert "database" in fout and "niet bereikbaar" in fout and "Traceback" not in fout
    assert not (tmp_path / "uit").exists()


def test_de_begroeting_is_die_van_het_webkanaal():
    """The report names the widget's opening itself (it imports no channel); it must stay the channel's."""
    from beheer.inzicht import ontleden
    from rasaserver.kanalen import socketio

    assert ontleden.BEGROETING == socketio.BEGROETING
