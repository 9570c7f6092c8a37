"""The content model: read once, checked in itself and against domain.yml, and every wrong key is named with its
file, as both servers say it when they refuse to start."""

import subprocess
import sys

import pytest
import yaml

import inhoud
from dienst import __main__ as dienst_main
from tests.conftest import PROJECT

LADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _wijzig(pad, wijziging) -> None:
    data = yaml.load(pad.read_text(encoding="utf-8"), Loader=LADER)
    wijziging(data)
    pad.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_de_inhoud_klopt_met_het_domein(domain):
    gelezen = inhoud.lees()
    assert inhoud.controleer(gelezen, domain) == []
    assert gelezen.zorgroutes == {
        "mensenhandel_geen_aangifte": "mensenhandel",
        "huiselijk_geweld": "geweld",
        "mensenhandel_slachtoffer": "mensenhandel",
        "mensenhandel_getuige": "mensenhandel",
    }
    assert gelezen.retrieval == ("faq", "begrip")
    faq = gelezen.antwoorden["faq/formulier"]
    assert (faq.koppen, faq.titel) == (("Aanvraagformulieren en kosten",), "Welk formulier gebruik ik?")
    assert gelezen.onderwerpen["faq/formulier"]["vraag"] == "Welk aanvraagformulier moet ik gebruiken?"
    assert gelezen.onderwerpen["route_huiselijk_geweld"]["titel"] == "Huiselijk of eergerelateerd geweld"
    assert "situatie_onzeker" in gelezen.intents["situatie_vervangbaar"]


def test_elke_faq_heeft_een_titel_en_elke_titel_leidt_naar_een_antwoord(domain):
    """Every FAQ answer can be offered on the fallback's buttons (27 of 47 answers had a title before: the
    glossary's have none, which is allowed)."""
    gelezen = inhoud.lees()
    faq = [a for a in gelezen.antwoorden.values() if a.sleutel.startswith("faq/")]
    assert len(faq) == len([r for r in domain["responses"] if r.startswith("utter_faq/")])
    assert all(a.titel and a.vraag for a in faq)
    assert {f"utter_{s}" for s in gelezen.antwoorden} == {r for r in domain["responses"] if "/" in r}


BREUKEN = [
    (
        "faq zonder titel",
        "faq.yml",
        lambda d: d["faq"]["betalen"].pop("titel"),
        "inhoud/faq.yml: faq/betalen mist 'titel'",
    ),
    (
        "faq met een kop die niet onder koppen staat",
        "faq.yml",
        lambda d: d["faq"]["werken"].update(bron=["Werken en TWV"]),
        "inhoud/faq.yml: faq/werken: kop 'Werken en TWV' staat niet onder koppen: in inhoud/bronnen.yml",
    ),
    (
        "faq zonder bron",
        "faq.yml",
        lambda d: d["begrip"]["twv"].pop("bron"),
        "inhoud/faq.yml: begrip/twv mist 'bron' (de kop of koppen van de pagina)",
    ),
    (
        "zorgvlag onbekend",
        "kennis/routes.yml",
        lambda d: d["routes"]["huiselijk_geweld"].update(zorg="huiselijk"),
        "inhoud/kennis/routes.yml: route huiselijk_geweld: zorg 'huiselijk' is geen van geweld, mensenhandel",
    ),
    (
        "route zonder titel",
        "kennis/routes.yml",
        lambda d: d["routes"]["buiten_schuld"].pop("titel"),
        "inhoud/kennis/routes.yml: route buiten_schuld mist 'titel'",
    ),
    (
        "faq-antwoord in bronnen.yml",
        "bronnen.yml",
        lambda d: d["bronnen"].update({"utter_faq/werken": ["Werken"]}),
        "inhoud/bronnen.yml: utter_faq/werken hoort in inhoud/faq.yml",
    ),
    (
        "onderwerp zonder vraag",
        "onderwerpen.yml",
        lambda d: d["onderwerpen"]["help"].pop("vraag"),
        "inhoud/onderwerpen.yml: help mist 'vraag'",
    ),
]


@pytest.mark.parametrize("bestand,wijziging,melding", [b[1:] for b in BREUKEN], ids=[b[0] for b in BREUKEN])
def test_een_fout_in_de_inhoud_noemt_bestand_en_sleutel(inhoud_copy, bestand, wijziging, melding):
    _wijzig(inhoud_copy / bestand, wijziging)
    with pytest.raises(inhoud.InhoudFout) as fout:
        inhoud.lees()
    assert str(fout.value) == melding


TEGEN_HET_DOMEIN = [
    (
        "faq zonder antwoord in het domein",
        lambda d: d["responses"].pop("utter_faq/werken"),
        "inhoud/faq.yml: faq/werken: domain.yml heeft geen antwoord utter_faq/werken",
    ),
    (
        "antwoord in het domein zonder faq",
        lambda d: d["responses"].update({"utter_faq/nieuw": [{"text": "Nieuw."}]}),
        "domain.yml: utter_faq/nieuw mist in inhoud/faq.yml (bron, en titel en vraag voor een FAQ)",
    ),
    (
        "hernoemde intent in een intentlijst",
        lambda d: d.update(intents=[i for i in d["intents"] if i != "situatie_onzeker"] + ["situatie_twijfel"]),
        "inhoud/intents.yml: situatie_vervangbaar: situatie_onzeker is geen intent van domain.yml",
    ),
    (
        "route zonder intent",
        lambda d: d["intents"].remove("route_buiten_schuld"),
        "inhoud/kennis/routes.yml: route buiten_schuld: domain.yml heeft geen intent route_buiten_schuld",
    ),
    (
        "onderwerp zonder intent",
        lambda d: d["intents"].remove("ander_verblijfsdoel"),
        "inhoud/onderwerpen.yml: ander_verblijfsdoel is geen intent van domain.yml",
    ),
    (
        "vraag in een formulier zonder intent",
        lambda d: d["intents"].remove("bot_challenge"),
        "inhoud/formulieren.yml: bot_challenge is geen intent van domain.yml",
    ),
    (
        "antwoord zonder bron of zonder_bron",
        lambda d: d["responses"].update(utter_nieuw=[{"text": "Nieuw."}]),
        "domain.yml: utter_nieuw staat niet onder bronnen: of zonder_bron: in inhoud/bronnen.yml",
    ),
]


@pytest.mark.parametrize("wijziging,melding", [b[1:] for b in TEGEN_HET_DOMEIN], ids=[b[0] for b in TEGEN_HET_DOMEIN])
def test_wat_niet_bij_het_domein_past_noemt_bestand_en_sleutel(domain, wijziging, melding):
    kopie = yaml.safe_load(yaml.safe_dump(domain))
    wijziging(kopie)
    assert melding in inhoud.controleer(inhoud.lees(), kopie)


@pytest.mark.parametrize("opdracht", ["server", "acties"])
def test_beide_servers_stoppen_de_start_met_een_zin(inhoud_copy, monkeypatch, capsys, opdracht):
    from dienst import acties, server

    _wijzig(inhoud_copy / "faq.yml", lambda d: d["faq"]["betalen"].pop("titel"))
    monkeypatch.setattr(acties, "laad_kennis", pytest.fail)  # the content is checked first: must not be reached
    monkeypatch.setattr(server.opstart, "controleer_diensten", pytest.fail)
    assert dienst_main.main([opdracht]) == 2
    assert capsys.readouterr().err.strip() == "dienst: de inhoud klopt niet: inhoud/faq.yml: faq/betalen mist 'titel'"


def test_python_m_inhoud_zegt_wat_het_las():
    uitvoer = subprocess.run([sys.executable, "-m", "inhoud"], cwd=PROJECT, capture_output=True, text=True, timeout=60)
    assert uitvoer.returncode == 0, uitvoer.stderr
    gelezen = inhoud.lees()
    faq = sum(s.startswith("faq/") for s in gelezen.antwoorden)
    begrip = sum(s.startswith("begrip/") for s in gelezen.antwoorden)
    assert uitvoer.stdout.startswith(
        f"inhoud klopt: {len(gelezen.routes)} routes (4 met zorg), {faq} faq, {begrip} begrip"
    )
