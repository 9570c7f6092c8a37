"""lezen/vragen.py: words that settle which question of the page a message asks."""

import pytest

from lezen.vragen import vraag_uit_woorden


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
        # Travelling while the IND decides wins over the old permit that expired meanwhile.
        (
            "Mijn aanvraag ligt bij de IND en mijn pas is verlopen. Kan ik naar mijn zieke moeder reizen?",
            "faq/terugkeervisum",
        ),
    ],
)
def test_de_woorden_beslissen(tekst, sleutel):
    assert vraag_uit_woorden(tekst) == sleutel


@pytest.mark.parametrize(
    "tekst",
    [
        "bij welke instantie vraagt een werkgever een tewerkstellingsvergunning aan",  # what a TWV is, not whether
        "ik ben mijn baan kwijt",
        "hoe lang duurt de beslissing",
        "mijn pas is gestolen en mijn vergunning verloopt volgende maand",  # two questions: the assistant asks
    ],
)
def test_geen_of_meer_vragen_beslissen_niets(tekst):
    assert vraag_uit_woorden(tekst) is None
