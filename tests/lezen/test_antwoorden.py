"""Typed answers to the check's questions, read as a person means them; what cannot be read is None (asked again)."""

import re

import pytest
import yaml

from actions.formulieren import ValidateFormHuwelijkRelatie, ValidateFormMensenhandelSlachtoffer
from lezen.antwoorden import ONBEKEND, ja_nee, lees_ja_nee, strafzaak
from lezen.lezing import AFGELEID, GEZEGD
from tests.conftest import PROJECT, make_tracker, responses, slot_events

JA = [
    "ja",
    "Ja!",
    "jazeker",
    "ja hoor",
    "ja klopt",
    "dat klopt",
    "klopt",
    "jawel",
    "zeker",
    "inderdaad",
    "ik denk het wel",
    "volgens mij wel",
    "yes",
    "jep",
    "ja, dat heb ik",
    "natuurlijk",
    "uiteraard",
    "Ja, zeker weten",
]
NEE = [
    "nee",
    "Nee.",
    "nee hoor",
    "neen",
    "helaas niet",
    "nee, dat is niet zo",
    "nope",
    "klopt niet",
    "dat klopt niet",
    "ik denk het niet",
    "volgens mij niet",
    "zeker niet",
    "nooit",
    "no",
    "nee nooit",
    "niet waar",
    "niet dat ik weet",
]
# A negation without "ja" or "nee" says nothing by itself: several questions hold "niet" or ask "A? Of B?".
NEGATIE_ZONDER_NEE = [
    "hij is niet Nederlands",
    "hij stopt niet",
    "ik kan niet terug naar mijn land",
    "niet gehaald maar",
]
# (question, answer, reading): what a sentence says to that question in particular.
PER_VRAAG = [
    ("inburgering_behaald_of_vrijgesteld", "Nee, ik ben vrijgesteld", True),
    ("inburgering_behaald_of_vrijgesteld", "nog niet gehaald, wel vrijgesteld", True),
    ("inburgering_behaald_of_vrijgesteld", "ik heb geen diploma", False),
    ("inburgering_behaald_of_vrijgesteld", "nee, ik ben niet vrijgesteld", False),
    ("partner_nederlander_of_niet_tijdelijk", "Hij is geen Nederlander, maar hij heeft een vaste vergunning", True),
    ("partner_nederlander_of_niet_tijdelijk", "hij is geen Nederlander", None),
    ("partner_nederlander_of_niet_tijdelijk", "nee, maar", None),
    ("aangifte_of_meegewerkt", "Nee, maar ik heb wel meegewerkt aan het onderzoek", True),
    ("dreiging_of_ziekte_bestaat", "De dreiging niet, maar ik ben nog steeds ziek", True),
    ("dreiging_bestaat", "hij stopt niet", True),
    ("dreiging_bestaat", "Hij laat me nog steeds niet met rust", True),
    ("dreiging_bestaat", "ik ben nog steeds niet veilig", True),
    ("dreiging_bestaat", "nee, dat is voorbij", False),
    ("bijzondere_omstandigheden", "ik kan niet terug, ze vermoorden me", True),
    ("klemmende_redenen", "ik kan niet terug naar mijn land", True),
    ("behandeling_nog_minimaal_1_jaar", "ik ben nog lang niet klaar met mijn behandeling", True),
    ("intrekkingsgrond", "hij staat voor de deur", None),
]


@pytest.mark.parametrize("tekst", NEGATIE_ZONDER_NEE)
def test_een_ontkenning_alleen_is_geen_nee(tekst):
    assert ja_nee(tekst) is None


@pytest.mark.parametrize("vraag, tekst, waarde", PER_VRAAG)
def test_een_ontkenning_telt_voor_wat_zij_ontkent(vraag, tekst, waarde):
    assert ja_nee(tekst, vraag) is waarde


def test_wat_niet_gewoon_ja_of_nee_is_heet_afgeleid():
    assert lees_ja_nee("nee", "inburgering_behaald_of_vrijgesteld").zekerheid == GEZEGD
    assert lees_ja_nee("Nee, ik ben vrijgesteld", "inburgering_behaald_of_vrijgesteld").zekerheid == AFGELEID
    assert lees_ja_nee("ik denk het wel").zekerheid == AFGELEID


WEET_NIET = [
    "weet ik niet",
    "geen idee",
    "dat weet ik niet zeker",
    "ik weet het niet",
    "misschien",
    "geen flauw idee",
    "weet niet",
    "onbekend",
    "ik twijfel",
    "niet zeker",
    "kan zijn",
    "i don't know",
    "not sure",
    "no idea",
    "Geen idee eigenlijk",
]
ONLEESBAAR = ["", "blabla", "de bus was laat", "hmm", "???", "mijn naam is Fatima"]


@pytest.mark.parametrize("tekst", JA)
def test_ja(tekst):
    assert ja_nee(tekst) is True


@pytest.mark.parametrize("tekst", NEE)
def test_nee(tekst):
    assert ja_nee(tekst) is False


@pytest.mark.parametrize("tekst", WEET_NIET)
def test_weet_niet(tekst):
    assert ja_nee(tekst) == ONBEKEND


@pytest.mark.parametrize("tekst", ONLEESBAAR)
def test_onleesbaar_wordt_niet_geraden(tekst):
    assert ja_nee(tekst) is None


STRAFZAAK = {
    "veroordeeld": [
        "de dader is veroordeeld en er is geen beroep meer mogelijk",
        "hij is definitief veroordeeld",
        "veroordeeld, geen beroep meer mogelijk",
        "de uitspraak is definitief",
        "onherroepelijk veroordeeld",
    ],
    "niet_veroordeeld": [
        "De dader is niet veroordeeld",
        "hij is nooit veroordeeld",
        "hij is vrijgesproken",
        "vrijspraak",
        "hij is onschuldig verklaard",
        "de dader is nooit veroordeeld",
        "niet schuldig",
        "geen veroordeling",
        "de zaak is geseponeerd",
        "sepot",
        "hij is niet vervolgd",
        "hij kreeg geen straf",
        "ze hebben hem vrijgesproken",
        "niet bewezen",
        "acquitted",
    ],
    "loopt_nog": [
        "De strafzaak loopt nog",
        "de zaak loopt nog",
        "de rechtszaak is nog bezig",
        "er is nog geen uitspraak",
        "hij gaat in hoger beroep",
        "hij zit in de cel, maar hij gaat in beroep",
        "nog niet veroordeeld",
        "we wachten op de uitspraak",
        "hij is in beroep gegaan",
        "het onderzoek loopt",
        "nog niet afgerond",
        "nog bezig",
        "hij is veroordeeld maar in hoger beroep",
        "nog geen veroordeling",
        "nog niet beslist",
    ],
    ONBEKEND: ["weet ik niet", "geen idee", "onbekend", "ik weet het niet", "dont know"],
}


# Detention or a conviction that may still be appealed is not "veroordeeld, geen beroep meer mogelijk".
STRAFZAAK_NIET_DEFINITIEF = [
    "De dader is veroordeeld",
    "hij zit in de gevangenis",
    "hij zit vast",
    "hij kreeg een celstraf",
    "schuldig bevonden",
    "hij is in eerste aanleg veroordeeld",
    "de rechter heeft hem schuldig verklaard",
]


@pytest.mark.parametrize("tekst", STRAFZAAK_NIET_DEFINITIEF)
def test_strafzaak_niet_definitief_wordt_opnieuw_gevraagd(tekst):
    assert strafzaak(tekst) is None


@pytest.mark.parametrize("waarde,tekst", [(w, t) for w, lijst in STRAFZAAK.items() for t in lijst])
def test_strafzaak(waarde, tekst):
    assert strafzaak(tekst) == waarde


@pytest.mark.parametrize("tekst", ["nee", "ja", "blabla", "de politie"])
def test_strafzaak_onleesbaar(tekst):
    assert strafzaak(tekst) is None


def herkomst_entiteiten(tekst):
    """What Rasa's RegexEntityExtractor and synonym mapper make of the herkomst lookup for this text."""
    data = yaml.safe_load((PROJECT / "data/nlu/lookups.yml").read_text(encoding="utf-8"))["nlu"]
    woorden = [
        w.strip("- ").strip()
        for d in data
        if d.get("lookup") == "herkomst"
        for w in d["examples"].splitlines()
        if w.strip()
    ]
    synoniemen = {
        w.strip("- ").strip(): d["synonym"]
        for d in data
        if "synonym" in d
        for w in d["examples"].splitlines()
        if w.strip()
    }
    gevonden = []
    for woord in woorden:
        for m in re.finditer(rf"\b{re.escape(woord)}\b", tekst, re.IGNORECASE):
            gevonden.append(
                {
                    "entity": "herkomst",
                    "start": m.start(),
                    "end": m.end(),
                    "value": synoniemen.get(m.group(0).lower(), m.group(0)),
                }
            )
    return gevonden


HERKOMST = {
    "turks": [
        "Ik ben Turks",
        "turks",
        "ik heb de Turkse nationaliteit",
        "Turkse",
        "ik kom uit Turkije",
        "ik ben een Turk",
        "mijn nationaliteit is Turks",
        "Turkish",
        "turkije",
        "ik ben Turks en mijn man is Nederlander",
        "ik heb een Turks paspoort",
        "Turks staatsburger",
        "ik ben turkse",
        "ik ben in Turkije geboren, ik ben Turks",
        "nationaliteit: Turks",
    ],
    "eu_eer_zwitserland": [
        "EU, EER of Zwitserland",
        "Ik ben Pools",
        "ik ben Italiaan",
        "ik heb de Duitse nationaliteit",
        "Spaans",
        "ik kom uit Belgie",
        "Ik heb de Poolse nationaliteit",
        "ik ben Zwitser",
        "Noors",
        "ik ben Roemeens",
        "Frans",
        "ik ben een Bulgaar",
        "ik kom uit Portugal",
        "ik ben Ier",
        "ik heb een Grieks paspoort",
    ],
    "familie_turks": [
        "Familielid van een Turkse onderdaan",
        "mijn man is Turks",
        "mijn vader heeft de Turkse nationaliteit",
        "mijn vrouw is een Turkse",
        "mijn moeder komt uit Turkije",
        "mijn echtgenoot is Turks",
        "mijn ouders zijn Turks",
        "mijn partner heeft een Turks paspoort",
        "mijn vader is een Turk",
        "ik ben familielid van een Turk",
        "mijn zoon is Turks",
        "mijn man heeft de Turkse nationaliteit",
        "mijn vrouw komt uit Turkije",
        "mijn moeder is Turkse",
        "mijn broer is Turks",
    ],
    "familie_eu": [
        "Familielid van een EU-burger",
        "mijn man is Pools",
        "mijn vrouw heeft de Duitse nationaliteit",
        "mijn vader is Italiaan",
        "mijn partner komt uit Spanje",
        "mijn man is Belg",
        "mijn vrouw is Française",
        "mijn moeder heeft de Zweedse nationaliteit",
        "mijn echtgenote is Roemeens",
        "mijn vader komt uit Portugal",
        "mijn man heeft een Nederlands en een Duits paspoort",
        "mijn partner is Zwitser",
        "mijn ouders komen uit Polen",
        "ik ben familielid van een Spanjaard",
        "mijn vrouw is Bulgaarse",
    ],
    "anders": [
        "Een ander land",
        "Ik heb de Marokkaanse nationaliteit",
        "ik ben Syrisch",
        "Eritrese",
        "ik kom uit India",
        "ik ben Surinaams",
        "Marokkaans",
        "ik ben Afghaan",
        "ik heb de Iraanse nationaliteit",
        "Chinees",
        "ik kom uit Nigeria",
        "ik ben Somalisch",
        "geen van deze",
        "ik ben Braziliaans",
        "Ik ben Oekraiens",
    ],
}


@pytest.mark.parametrize("groep,tekst", [(g, t) for g, lijst in HERKOMST.items() for t in lijst])
async def test_nationaliteit_in_eigen_woorden(dispatcher, domain, groep, tekst):
    slots = {"route": "huwelijk_relatie", "requested_slot": "herkomst_groep"}
    tracker = make_tracker(
        intent="uitzondering_nationaliteit",
        text=tekst,
        entities=herkomst_entiteiten(tekst),
        slots=slots,
        active_loop="form_huwelijk_relatie",
    )
    events = slot_events(await ValidateFormHuwelijkRelatie().run(dispatcher, tracker, domain))
    assert events["herkomst_groep"] == groep


@pytest.mark.parametrize(
    "tekst,waarde", [("hij is nooit veroordeeld", "niet_veroordeeld"), ("nog geen uitspraak", "loopt_nog")]
)
async def test_getypt_antwoord_in_de_controle(dispatcher, domain, tekst, waarde):
    slots = {
        "route": "mensenhandel_slachtoffer",
        "herkomst_groep": "anders",
        "vergunning_slachtoffer_mensenhandel": True,
        "aangifte_of_meegewerkt": True,
        "requested_slot": "strafzaak",
    }
    tracker = make_tracker(intent="deny", text=tekst, slots=slots, active_loop="form_mensenhandel_slachtoffer")
    events = slot_events(await ValidateFormMensenhandelSlachtoffer().run(dispatcher, tracker, domain))
    assert events["strafzaak"] == waarde
    assert events["requested_slot"] == "jaren_vergunning"  # the 3-year condition is not skipped


async def test_onleesbaar_antwoord_wordt_opnieuw_gevraagd(dispatcher, domain):
    slots = {
        "route": "huwelijk_relatie",
        "herkomst_groep": "anders",
        "jaren_vergunning": 6,
        "requested_slot": "partner_nederlander_of_niet_tijdelijk",
    }
    tracker = make_tracker(intent="affirm", text="de bus was laat", slots=slots, active_loop="form_huwelijk_relatie")
    events = slot_events(await ValidateFormHuwelijkRelatie().run(dispatcher, tracker, domain))
    assert responses(dispatcher) == ["utter_onduidelijk_bool"]
    assert events["partner_nederlander_of_niet_tijdelijk"] is None
    assert events["requested_slot"] == "partner_nederlander_of_niet_tijdelijk"
