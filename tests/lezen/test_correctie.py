"""lezen/correctie.py: a short self-correction that names a person replaces the person it corrects."""

import pytest

from lezen.correctie import verbeterd
from lezen.situatie import lees_situatie


@pytest.mark.parametrize(
    "tekst,verwacht",
    [
        (
            "Mijn moeder is overleden, nee wacht, ik bedoel mijn vader. Ik ben 16.",
            "mijn vader is overleden. ik ben 16.",
        ),
        ("mijn vrouw, nee sorry, mijn man is overleden", "mijn man is overleden"),
        ("Mijn moeder, nee, ik bedoel mijn vader is overleden", "mijn vader is overleden"),
    ],
)
def test_de_verbeterde_persoon_staat_op_de_plek_van_de_oude(tekst, verwacht):
    assert verbeterd(tekst) == verwacht


@pytest.mark.parametrize(
    "tekst",
    [
        "mijn man is overleden, sorry voor mijn slechte nederlands",  # "sorry" corrects nothing here
        "ik heb 2 jaar, nee wacht, 7 jaar een vergunning",  # a number: lezen/getallen.py reads it
        "mijn man is overleden, nee wacht, we waren al gescheiden en hij had een nieuwe vrouw",  # a new clause
    ],
)
def test_zonder_verbeterde_persoon_blijft_het_bericht(tekst):
    assert verbeterd(tekst) == tekst


def test_de_situatie_volgt_de_verbetering_en_de_rest_van_het_verhaal_telt():
    tekst = (
        "Mijn moeder is overleden, nee wacht, ik bedoel mijn vader, mijn moeder leeft nog maar woont in Brazilië. "
        "Ik ben 16 en woon hier op een vergunning bij mijn vader. Wat moet ik doen?"
    )
    lezing = lees_situatie(tekst)
    assert (lezing.waarde, lezing.zekerheid) == ("overlijden_ouder", "afgeleid")
