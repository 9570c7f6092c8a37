"""Facts from the person's own words: a number is a fact only when the sentence says what it counts."""

import pytest

from actions.controle import vragen_van_route
from lezen.feiten import feiten_voor_route, jaren, leeftijd
from lezen.herkomst import herkomst
from lezen.situatie import herken, vraagt_betekenis

LEEFTIJD = [
    ("ik ben 17 jaar en woon bij mijn moeder", 17),
    ("Ik ben 15 en woon bij mijn stiefvader.", 15),
    ("ik ben 16 jaar oud", 16),
    ("Mijn man is plotseling overleden. Ik ben 17 en heb de Turkse nationaliteit.", 17),
    ("ik ben net 18", 18),
    ("ik ben zestien", 16),
    ("ik ben minderjarig", 17),
    ("mijn zoon is 12 jaar oud", None),
    ("ik ben 6 jaar getrouwd", None),
    ("ik ben al 5 jaar in nederland", None),
]


@pytest.mark.parametrize("tekst,verwacht", LEEFTIJD)
def test_leeftijd(tekst, verwacht):
    assert leeftijd(tekst) == verwacht


JAREN = [
    ("Ik had 8 jaar een verblijfsvergunning bij mijn Nederlandse vrouw en we zijn net gescheiden.", {"vergunning": 8}),
    ("ik heb al 3 jaar een vergunning als slachtoffer", {"vergunning": 3}),
    ("mijn verblijfspas heb ik sinds vijf jaar", {"vergunning": 5}),
    ("ik ben 17 jaar en woon bij mijn moeder", {}),
    ("mijn man heeft me 4 jaar lang mishandeld", {"genoemd": 4}),
    ("ik ben zes jaar getrouwd geweest", {"genoemd": 6}),
    ("we woonden 7 jaar samen", {"genoemd": 7}),
    ("ik woon hier 5 jaar met een verblijfsvergunning", {"genoemd": 5}),
    ("mijn vader is vorige maand gestorven", {}),
]


@pytest.mark.parametrize("tekst,verwacht", JAREN)
def test_jaren(tekst, verwacht):
    assert jaren(tekst) == verwacht


def feiten(route, tekst):
    return feiten_voor_route(vragen_van_route(route), tekst)


def test_leeftijd_is_geen_vergunningsjaar():
    gevonden = feiten("kind_bij_ouder", "ik ben 17 jaar en woon bij mijn moeder")
    assert gevonden == {"minderjarig": True}


def test_jaren_mishandeling_worden_nagevraagd():
    gevonden = feiten("huiselijk_geweld", "mijn man heeft me 4 jaar lang mishandeld")
    assert gevonden == {"jaren_genoemd": 4}


def test_wat_plainly_gezegd_is_wordt_gebruikt():
    gevonden = feiten(
        "huwelijk_relatie", "Gescheiden. Zij is Nederlandse. Ik heb mijn inburgeringsdiploma. Ik ben Turks."
    )
    assert gevonden == {
        "partner_nederlander_of_niet_tijdelijk": True,
        "inburgering_behaald_of_vrijgesteld": True,
        "herkomst_groep": "turks",
    }


@pytest.mark.parametrize(
    "tekst",
    [
        "mijn partner is dood, ik woon nu bij mijn familie in het buitenland",
        "Mijn man is overleden en ik ben verhuisd naar Utrecht",
        "Mijn vrouw is overleden. Ze was teruggegaan naar Marokko",
    ],
)
def test_het_hoofdverblijf_wordt_gevraagd_niet_aangenomen(tekst):
    assert "hoofdverblijf_buiten_nederland" not in feiten("overlijden_partner", tekst)


def test_nationaliteit_van_een_familielid():
    assert (
        feiten("overlijden_ouder", "Mijn moeder is overleden. Ik ben Italiaan.")["herkomst_groep"]
        == "eu_eer_zwitserland"
    )
    assert feiten("huwelijk_relatie", "we zijn gescheiden, mijn man is Pools")["herkomst_groep"] == "familie_eu"


SITUATIES = [
    ("mijn man is plotseling overleden", "overlijden_partner"),
    ("na het overlijden van mijn vrouw", "overlijden_partner"),
    ("mijn partner is dood, ik woon nu bij mijn familie in het buitenland", "overlijden_partner"),
    ("mijn vader is vorige maand gestorven", "overlijden_ouder"),
    ("ik ben weduwe geworden", "overlijden_partner"),
    ("ik ben uitgebuit maar ik ga geen aangifte doen", "mensenhandel_geen_aangifte"),
    ("mensenhandel zonder aangifte, humanitair niet-tijdelijk?", "mensenhandel_geen_aangifte"),
    ("ik heb aangifte gedaan van mensenhandel", "mensenhandel_slachtoffer"),
    ("ik ben getuige van mensenhandel", "mensenhandel_getuige"),
    ("mijn man slaat me", "huiselijk_geweld"),
    ("Ik ben 15 en woon bij mijn stiefvader. Kan ik humanitair niet-tijdelijk krijgen?", "kind_bij_ouder"),
    ("Kunt u alle voorwaarden noemen na een huwelijk?", "huwelijk_relatie"),
    ("we zijn uit elkaar", "huwelijk_relatie"),
    ("ik word behandeld in het ziekenhuis", "medische_behandeling"),
    ("ik kan niet terug naar mijn land, dat is niet mijn schuld", "buiten_schuld"),
]


@pytest.mark.parametrize("tekst,route", SITUATIES)
def test_situatie(tekst, route):
    assert herken(tekst) == (route, [])


@pytest.mark.parametrize(
    "tekst,kandidaten",
    [
        ("ik ben slachtoffer van mensenhandel", ["mensenhandel_slachtoffer", "mensenhandel_geen_aangifte"]),
        (
            "het gaat over mensenhandel",
            ["mensenhandel_slachtoffer", "mensenhandel_geen_aangifte", "mensenhandel_getuige"],
        ),
        ("er is iemand overleden", ["overlijden_partner", "overlijden_ouder"]),
    ],
)
def test_dichtbij_elkaar_wordt_gevraagd(tekst, kandidaten):
    assert herken(tekst) == (None, kandidaten)


@pytest.mark.parametrize(
    "tekst,betekenis",
    [
        ("wat betekent humanitair niet-tijdelijk?", True),
        ("mensenhandel zonder aangifte, humanitair niet-tijdelijk?", False),
    ],
)
def test_betekenis_of_situatie(tekst, betekenis):
    assert vraagt_betekenis(tekst) is betekenis


def test_een_nederlandse_partner_in_het_engels_in_de_volgende_zin():
    from lezen.feiten import nederlands_familielid

    assert nederlands_familielid("my husband died last year. he was dutch. can I stay?", "partner") is True
    assert nederlands_familielid("my husband is not dutch", "partner") is None


@pytest.mark.parametrize(
    "tekst,groep",
    [
        ("Ik ben een Turkse man van 52 en heb een vergunning voor medische behandeling.", "turks"),
        ("ik ben een turkse moeder van 2 kinderen", "turks"),
        ("I am a Turkish woman", "turks"),
        ("mijn man is een Turkse man", "familie_turks"),
        ("ik ben getrouwd met een Turkse man", "familie_turks"),
    ],
)
def test_ik_ben_een_turkse_man_is_de_eigen_nationaliteit(tekst, groep):
    assert herkomst(tekst).waarde == groep
