"""lezen/vragen.py: words that settle which question of the page a message asks."""

import pytest

from lezen.vragen import ook_met_situatie, sleutels, vraag_uit_woorden, vragen_per_deel


@pytest.mark.parametrize(
    "tekst,sleutel",
    [
        ("heb ik een twv nodig", "faq/werken"),
        ("Does my employer need a TWV for me?", "faq/werken"),
        ("Mijn moeder heeft haar verblijfsdocument verloren. Wat moet zij doen?", "faq/vervangen"),
        ("my permit card was stolen at the station", "faq/vervangen"),
        ("mijn verblijfsvergunnig verloopt over een maand", "faq/verlengen"),
        ("Voor welke periode wordt de vergunning afgegeven?", "faq/geldigheid"),
        ("mag ik op vakantie als ik op de beslissing wacht", "faq/terugkeervisum"),
        ("hoe lang duurt de beslissing", "faq/beslistermijn"),
        ("Hoe lang duurt de beslissing en mag ik ondertussen reizen?", "faq/terugkeervisum"),  # travel while waiting
        ("what can I do if the answer is no?", "faq/negatieve_beslissing"),
        ("wanneer moet ik mijn vingerafdrukken geven", "faq/biometrie"),
        ("Can I work with this permit?", "faq/werken"),
        ("Hoe heet de brief waarin de IND laat weten dat mijn aanvraag is afgewezen?", "begrip/beschikking"),
        ("ind zegt ja!! moet ik nu meteen naar het loket?", "faq/ophalen"),  # the letter, within 2 weeks
        ("Ik heb een positieve beslissing gekregen!! Wanneer is mijn pas klaar?", "faq/ophalen"),
        ("Mag ik een verandering doorgeven wanneer mijn pas verloopt, of moet dat eerder?", "faq/wijzigen_later"),
        # Travelling while the IND decides wins over the old permit that expired meanwhile.
        (
            "Mijn aanvraag ligt bij de IND en mijn pas is verlopen. Kan ik naar mijn zieke moeder reizen?",
            "faq/terugkeervisum",
        ),
        ("iemand heeft mijn portemonnee gerold, mijn verblijfskaart zat erin", "faq/vervangen"),
        ("de geboortedatum staat verkeerd op mijn nieuwe kaart", "faq/ophalen"),
        ("binnen hoeveel dagen moet ik een nieuwe baan melden", "faq/wijzigen_later"),
        ("na mijn nieuwe pas gekregen te hebben ga ik trouwen, moet ik dat melden", "faq/wijzigen_later"),
        (
            "ik heb sinds maart mijn nieuwe verblijfspas en krijg een baby, moet de IND dat weten? moet ik dat melden",
            "faq/wijzigen_later",
        ),
        ("ik heb vergeten de kopie van mijn paspoort bij te voegen", "faq/herstel_verzuim"),
        ("gaat de IND mij controleren na de vergunning?", "faq/wettelijke_verplichtingen"),
        ("zijn er nog meer voorwaarden dan die voor mijn situatie?", "faq/algemene_voorwaarden"),
        ("kan ik hier later permanent wonen", "faq/onbepaalde_tijd"),
        ("ik wil een pas zonder einddatum, kan dat", "faq/onbepaalde_tijd"),  # no expiry: not an extension
        ("mijn pas eindigt in maart, wat nu", "faq/verlengen"),
        ("mag ik terugkomen uit Marokko terwijl ik op de beslissing wacht", "faq/terugkeervisum"),
        ("wat moet ik binnen twee weken na het opsturen doen", "faq/biometrie"),
        ("moet ik mijn originele akte opsturen", "faq/kopieen_aanleveren"),
        ("moet mijn baas iets aanvragen bij het UWV", "faq/werken"),
        ("waar moet een werkgever een tewerkstellingsvergunning halen", "begrip/twv"),  # who and where, not whether
        ("de IND stuurde een brief dat ik mijn loonstrook opnieuw moet sturen", "faq/herstel_verzuim"),
        ("mijn kopie is een beetje wazig, mag dat", "faq/kopieen_aanleveren"),
    ],
)
def test_de_woorden_beslissen(tekst, sleutel):
    assert vraag_uit_woorden(tekst) == sleutel


@pytest.mark.parametrize(
    "tekst",
    [
        "ik ben mijn baan kwijt",
        "mijn pas is gestolen en mijn vergunning verloopt volgende maand",  # two questions: the assistant asks
        "Wanneer hoor ik of mijn aanvraag is goedgekeurd?",  # not yet decided: the model's answer (90 dagen)
        "Is mijn vergunning weg als ik scheid?",  # taken away, not lost
        "wanneer moet ik een verandering melden en wanneer mijn vergunning wijzigen?",  # the page's first question
        "ik ben mijn baan kwijt, wat gebeurt er met mijn vergunning",
        # the partner's permit is a fact told, not the question (behalve: in vragen.yml)
        "Ik had 6 jaar een vergunning bij mijn vrouw, zij heeft een vergunning voor onbepaalde tijd. Speelt dat mee?",
    ],
)
def test_geen_of_meer_vragen_beslissen_niets(tekst):
    assert vraag_uit_woorden(tekst) is None


def test_elke_sleutel_is_een_antwoord_van_het_domein(domain):
    assert [s for s in sleutels() if f"utter_{s}" not in domain["responses"]] == []


def test_wat_ook_met_een_situatie_geldt_zijn_sleutels_van_de_woorden():
    assert ook_met_situatie() and ook_met_situatie() <= set(sleutels())


@pytest.mark.parametrize(
    "tekst,sleutels",
    [
        ("mag ik met deze vergunning gewoon werken? en hoe lang is hij geldig?", ["faq/werken", "faq/geldigheid"]),
        (
            "Binnen welke termijn moet hij biometrische gegevens afstaan, en binnen welke termijn beslist de IND?",
            ["faq/biometrie", "faq/beslistermijn"],
        ),
        (
            "How many days does the IND have to decide, and what can I do if the answer is no?",
            ["faq/beslistermijn", "faq/negatieve_beslissing"],
        ),
        ("Hoe lang duurt de beslissing en mag ik ondertussen reizen?", ["faq/beslistermijn"]),
        ("Mijn pas is gestolen. Wat moet ik doen?", []),  # one question
    ],
)
def test_de_woorden_per_vraag_van_een_bericht(tekst, sleutels):
    assert vragen_per_deel(tekst) == sleutels
