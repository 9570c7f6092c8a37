"""Decide only on what is certain or confirmed: facts read from a story or a sentence are read back first,
a situation told indirectly is confirmed, help shows on every danger word, and an offer survives a question."""

import pytest
from rasa.shared.nlu.training_data.message import Message
from rasa_sdk.executor import CollectingDispatcher

from actions.aanbod import ActionNaAntwoord
from actions.formulieren import (
    ValidateFormHuiselijkGeweld,
    ValidateFormHuwelijkRelatie,
    ValidateFormMensenhandelSlachtoffer,
)
from actions.leges import ActionLegesUitleg
from actions.routes import ActionBeoordeelRoute, ActionBevestigSituatie, ActionKiesRoute, ActionNeeOpAanbod
from actions.zorg import ActionHulpBijGevaar
from rasaserver.nlu.situatie import SituatieHerkenner
from tests.conftest import make_tracker, responses, slot_events


async def test_feiten_uit_het_verhaal_worden_teruggelezen_bij_het_aanbod(dispatcher, domain):
    tekst = "Ik had 8 jaar een verblijfsvergunning bij mijn Nederlandse vrouw en we zijn gescheiden. Ik ben Turks."
    tracker = make_tracker("route_huwelijk_relatie", tekst)
    slots = slot_events(await ActionKiesRoute().run(dispatcher, tracker, domain))
    assert slots["feiten_te_bevestigen"] is True
    assert slots["jaren_vergunning"] == 8 and slots["herkomst_groep"] == "turks"
    assert "• U hebt 8 jaar een verblijfsvergunning gehad" in slots["feiten_samenvatting"]
    assert "• U hebt de Turkse nationaliteit." in slots["feiten_samenvatting"]
    voorwaarden = next(m for m in dispatcher.messages if m["response"] == "utter_route_voorwaarden")
    assert voorwaarden["voorwaarden"].startswith("1. ")  # numbered: the bullets are what was read


async def test_zonder_gelezen_feiten_geen_samenvatting(dispatcher, domain):
    slots = slot_events(
        await ActionKiesRoute().run(dispatcher, make_tracker("route_huwelijk_relatie", "gescheiden"), domain)
    )
    assert slots["feiten_te_bevestigen"] is False and slots["feiten_samenvatting"] is None


async def test_nee_op_de_samenvatting_vraagt_de_feiten_opnieuw(dispatcher, domain):
    slots = {
        "route": "huwelijk_relatie",
        "feiten_te_bevestigen": True,
        "feiten_uit_bericht": ["jaren_vergunning", "herkomst_groep"],
        "jaren_vergunning": 2,
        "herkomst_groep": "turks",
    }
    events = await ActionNeeOpAanbod().run(dispatcher, make_tracker("deny", "nee", slots), domain)
    assert responses(dispatcher) == ["utter_feiten_opnieuw"]
    assert slot_events(events)["jaren_vergunning"] is None and slot_events(events)["herkomst_groep"] is None
    assert events[-1] == {"event": "followup", "name": "form_huwelijk_relatie", "timestamp": None}


async def test_nee_op_een_gewoon_aanbod_is_geen_controle(dispatcher, domain):
    slots = {"route": "huwelijk_relatie", "feiten_te_bevestigen": False}
    assert await ActionNeeOpAanbod().run(dispatcher, make_tracker("deny", "nee", slots), domain) == []
    assert responses(dispatcher) == ["utter_geen_controle"]


BIJNA_KLAAR = {
    "route": "huwelijk_relatie",
    "herkomst_groep": "anders",
    "jaren_vergunning": 6,
    "partner_nederlander_of_niet_tijdelijk": True,
    "intrekkingsgrond": False,
    "minderjarig": False,
    "requested_slot": "inburgering_behaald_of_vrijgesteld",
}


async def test_een_afgeleid_antwoord_wordt_voor_het_oordeel_teruggelezen(dispatcher, domain):
    tracker = make_tracker("deny", "Nee, maar ik ben vrijgesteld", BIJNA_KLAAR, active_loop="form_huwelijk_relatie")
    slots = slot_events(await ValidateFormHuwelijkRelatie().run(dispatcher, tracker, domain))
    assert slots["inburgering_behaald_of_vrijgesteld"] is True
    assert slots["afgeleide_antwoorden"] == ["inburgering_behaald_of_vrijgesteld"]
    assert slots["requested_slot"] == "antwoorden_kloppen"
    assert "vrijgesteld" in slots["antwoorden_samenvatting"]


async def test_een_gewoon_antwoord_wordt_niet_teruggelezen(dispatcher, domain):
    tracker = make_tracker("affirm", "ja", BIJNA_KLAAR, active_loop="form_huwelijk_relatie")
    slots = slot_events(await ValidateFormHuwelijkRelatie().run(dispatcher, tracker, domain))
    assert slots["inburgering_behaald_of_vrijgesteld"] is True
    assert slots["requested_slot"] is None


@pytest.mark.parametrize("tekst, klopt", [("ja", True), ("/affirm", True), ("nee", False), ("/deny", False)])
async def test_klopt_dit(dispatcher, domain, tekst, klopt):
    slots = dict(BIJNA_KLAAR, requested_slot="antwoorden_kloppen", inburgering_behaald_of_vrijgesteld=True)
    slots["afgeleide_antwoorden"] = ["inburgering_behaald_of_vrijgesteld"]
    intent = "affirm" if "ja" in tekst or "affirm" in tekst else "deny"
    tracker = make_tracker(intent, tekst, slots, active_loop="form_huwelijk_relatie")
    nieuw = slot_events(await ValidateFormHuwelijkRelatie().run(dispatcher, tracker, domain))
    if klopt:
        assert nieuw["antwoorden_kloppen"] is True and nieuw["requested_slot"] is None
    else:  # the fact is asked again, and this time the answer counts as it is
        assert nieuw["inburgering_behaald_of_vrijgesteld"] is None
        assert nieuw["requested_slot"] == "inburgering_behaald_of_vrijgesteld"
        assert responses(dispatcher) == ["utter_feiten_opnieuw"]


@pytest.mark.parametrize("tekst", ["hij stopt niet", "hij staat voor de deur"])
async def test_een_bestaande_dreiging_in_eigen_woorden_met_hulp(dispatcher, domain, tekst):
    slots = {"route": "huiselijk_geweld", "herkomst_groep": "anders", "requested_slot": "dreiging_bestaat"}
    tracker = make_tracker("deny", tekst, slots, active_loop="form_huiselijk_geweld")
    nieuw = slot_events(await ValidateFormHuiselijkGeweld().run(dispatcher, tracker, domain))
    assert nieuw["dreiging_bestaat"] is True
    assert "utter_hulp_na_dreiging" in responses(dispatcher)


async def test_een_onduidelijk_antwoord_op_een_zorgroute_noemt_112(dispatcher, domain):
    slots = {"route": "huiselijk_geweld", "herkomst_groep": "anders", "requested_slot": "dreiging_bestaat"}
    tracker = make_tracker("nlu_fallback", "hmm tja", slots, active_loop="form_huiselijk_geweld")
    await ValidateFormHuiselijkGeweld().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[-2:] == ["utter_onduidelijk_bool", "utter_hulp_na_dreiging_mensenhandel"]


def _nlu(tekst, intent="nlu_fallback"):
    bericht = Message(data={"text": tekst, "intent": {"name": intent, "confidence": 0.6}, "entities": []})
    SituatieHerkenner().process([bericht])
    return bericht.get("intent")["name"], {e["entity"]: e["value"] for e in bericht.get("entities")}


@pytest.mark.parametrize(
    "tekst, intent, route",
    [
        # a death told with another word is no other situation once the person is named: no confirmation
        ("We hebben vorige maand zijn as verstrooid, van mijn man", "route_overlijden_partner", None),
        ("na de crematie van mijn moeder weet ik niet wat ik moet doen", "route_overlijden_ouder", None),
        ("we hebben vorige maand zijn as verstrooid", "overlijden_onduidelijk", None),
        ("mijn man is vertrokken en ik weet niet hoe het nu moet", "situatie_onzeker", "huwelijk_relatie"),
        ("mijn man is overleden", "route_overlijden_partner", None),
        ("mijn man dreigt me dood te maken", "situatie_onzeker", "huiselijk_geweld"),
    ],
)
def test_een_situatie_uit_een_verhaal_wordt_eerst_bevestigd(tekst, intent, route):
    gelezen, entiteiten = _nlu(tekst)
    assert gelezen == intent
    assert entiteiten.get("route") == route


@pytest.mark.parametrize(
    "tekst, gevaar",
    [
        ("mijn man doet me pijn en ik ben bang", "geweld"),
        ("hij zegt dat hij me kapot maakt", "geweld"),
        ("ze hielden mijn paspoort af en ik moest werken zonder loon", "mensenhandel"),
        ("mijn vader is overleden", None),
    ],
)
def test_gevaarwoorden_krijgen_een_teken(tekst, gevaar):
    assert _nlu(tekst)[1].get("gevaar") == gevaar


async def test_hulp_bij_gevaar_een_keer(dispatcher, domain):
    gevaar = [{"entity": "gevaar", "value": "geweld"}]
    events = await ActionHulpBijGevaar().run(dispatcher, make_tracker("faq", "hij slaat me", entities=gevaar), domain)
    assert responses(dispatcher) == ["utter_hulp_bij_geweld"] and slot_events(events) == {"hulp_getoond": True}
    al = make_tracker("faq", "hij slaat me", {"hulp_getoond": True}, entities=gevaar)
    assert await ActionHulpBijGevaar().run(CollectingDispatcher(), al, domain) == []


async def test_bevestig_situatie_biedt_de_naaste_andere(dispatcher, domain):
    tracker = make_tracker(
        "situatie_onzeker", "zijn as verstrooid", entities=[{"entity": "route", "value": "overlijden_partner"}]
    )
    await ActionBevestigSituatie().run(dispatcher, tracker, domain)
    knoppen = [k["payload"] for k in dispatcher.messages[-1]["buttons"]]
    assert knoppen[0] == "/route_overlijden_partner" and knoppen[-1] == "/routes_overzicht"
    assert "/route_overlijden_ouder" in knoppen


@pytest.mark.parametrize(
    "tekst, bedrag",
    [
        ("Wat kost de aanvraag na huiselijk geweld? Mijn kinderen zijn 4 en 7.", None),
        ("Ik ben gescheiden en mijn man is Turks, wat kost het?", 237),
        ("Ik ben niet Turks, wat kost het na mijn scheiding?", 237),
        ("Ik ben Turks en slachtoffer van mensenhandel, wat kost het?", 51),
        ("Mijn zoon is 15 en zijn vader is overleden, wat betaalt hij?", 51),
    ],
)
async def test_leges_voor_de_aanvrager_zelf(dispatcher, domain, tekst, bedrag):
    await ActionLegesUitleg().run(dispatcher, make_tracker("vraag_kosten", tekst), domain)
    leges = next(m for m in dispatcher.messages if m["response"].startswith("utter_leges_"))
    if bedrag is None:  # the applicant's age is not said: both amounts
        assert leges["response"] == "utter_leges_route_leeftijd"
    else:
        assert leges["bedrag"] == bedrag


async def test_eu_familielid_hoort_andere_voorwaarden(dispatcher, domain):
    await ActionLegesUitleg().run(dispatcher, make_tracker("vraag_kosten", "Mijn ex is Deens, wat kost het?"), domain)
    assert "utter_uitzondering_eu" in responses(dispatcher)


async def test_illegaal_slachtoffer_hoort_het_bedrag(dispatcher, domain):
    tracker = make_tracker("vraag_kosten", "wat kost het na huiselijk geweld?", {"route": "huiselijk_geweld"})
    await ActionLegesUitleg().run(dispatcher, tracker, domain)
    illegaal = next(m for m in dispatcher.messages if m["response"] == "utter_leges_illegaal_slachtoffer")
    assert illegaal["bedrag"] == 371


async def test_het_aanbod_komt_terug_na_een_vraag_tussendoor(dispatcher, domain):
    voor = [{"event": "action", "name": "utter_aanbod_controle"}, {"event": "action", "name": "action_listen"}]
    tracker = make_tracker("faq", "welke documenten?", {"route": "huwelijk_relatie"})
    tracker.events[:0] = [{"event": "user", "text": "gescheiden"}] + voor
    await ActionNaAntwoord().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_aanbod_controle_na_vraag"]


async def test_een_vraag_met_een_situatie_krijgt_daarna_het_aanbod(dispatcher, domain):
    tracker = make_tracker(
        "faq", "huiselijk geweld: welk formulier?", entities=[{"entity": "route", "value": "huiselijk_geweld"}]
    )
    events = await ActionNaAntwoord().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_aanbod_controle_na_vraag"] and slot_events(events) == {
        "route": "huiselijk_geweld"
    }


async def test_een_voorwaarde_die_niet_geldt_heet_niet_voldaan(dispatcher, domain):
    slots = {
        "route": "mensenhandel_slachtoffer",
        "herkomst_groep": "anders",
        "vergunning_slachtoffer_mensenhandel": True,
        "aangifte_of_meegewerkt": True,
        "strafzaak": "veroordeeld",
        "minderjarig": False,
    }
    await ActionBeoordeelRoute().run(dispatcher, make_tracker("affirm", "ja", slots), domain)
    voldaan = next(m for m in dispatcher.messages if m["response"] == "utter_voorwaarden_voldaan")
    assert "Is de dader niet veroordeeld of loopt" not in voldaan["lijst"]  # years count only without a conviction


async def test_duidelijke_woorden_winnen_van_een_gok_van_nlu(dispatcher, domain):
    tracker = make_tracker("weet_niet", "Nee, geen van beide", BIJNA_KLAAR, active_loop="form_huwelijk_relatie")
    slots = slot_events(await ValidateFormHuwelijkRelatie().run(dispatcher, tracker, domain))
    assert slots["inburgering_behaald_of_vrijgesteld"] is False


def test_een_verhaal_over_gevaar_is_geen_antwoord_op_een_vraag():
    intent, entiteiten = _nlu("hij zegt dat hij me dood maakt als ik wegga. wat moet ik doen?", "waarom")
    assert intent == "situatie_onzeker" and entiteiten["gevaar"] == "geweld"
    assert _nlu("ja, mijn man slaat me nog steeds", "affirm")[0] == "affirm"  # an answer in a check stays one


async def test_twee_vragen_in_een_bericht_krijgen_twee_antwoorden(dispatcher, domain):
    tracker = make_tracker("vraag_kosten", "Getuige-aangever mensenhandel: wat kost het en welk formulier?")
    tracker.latest_message["response_selector"] = {
        "default": {"response": {"intent_response_key": "faq/formulier", "confidence": 0.8}}
    }
    await ActionLegesUitleg().run(dispatcher, tracker, domain)
    assert "utter_leges_route" in responses(dispatcher) and "utter_faq/formulier" in responses(dispatcher)


async def test_een_open_keuze_komt_terug_na_een_vraag_over_de_kosten(dispatcher, domain):
    tracker = make_tracker("vraag_kosten", "wat kost het?")
    tracker.events[:0] = [
        {"event": "user", "text": "ik zit in de regeling voor slachtoffers van uitbuiting"},
        {"event": "action", "name": "utter_welke_mensenhandel"},
        {"event": "action", "name": "action_listen"},
    ]
    await ActionLegesUitleg().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[-1] == "utter_welke_mensenhandel"


@pytest.mark.parametrize(
    "tekst, route",
    [
        ("Gisteren was de uitvaart van mijn moeder. Mama had een Nederlands paspoort.", "overlijden_ouder"),
        (
            "ik ben hierheen gelokt met een baan en kreeg bijna niets betaald. geen aangifte gedaan",
            "mensenhandel_geen_aangifte",
        ),
    ],
)
def test_verhalen_van_andere_schrijvers(tekst, route):
    from lezen.herkomst import herkomst
    from lezen.situatie import lees_situatie

    assert lees_situatie(tekst).waarde == route
    assert herkomst(tekst).waarde is None  # a parent's passport is not the person's nationality


async def test_een_knop_wordt_niet_teruggelezen(dispatcher, domain):
    knop = "De dader is veroordeeld, er is geen beroep meer mogelijk"
    slots = {"route": "mensenhandel_slachtoffer", "herkomst_groep": "anders", "requested_slot": "strafzaak"}
    vraag = {"event": "bot", "text": "Hoe staat het met de strafzaak?", "data": {"buttons": [{"payload": knop}]}}
    tracker = make_tracker("inform", knop, slots, active_loop="form_mensenhandel_slachtoffer")
    tracker.events[:0] = [{"event": "user", "text": "ja"}, vraag]
    nieuw = slot_events(await ValidateFormMensenhandelSlachtoffer().run(dispatcher, tracker, domain))
    assert nieuw["strafzaak"] == "veroordeeld" and "afgeleide_antwoorden" not in nieuw
    getypt = make_tracker("inform", knop, slots, active_loop="form_mensenhandel_slachtoffer")
    nieuw = slot_events(await ValidateFormMensenhandelSlachtoffer().run(CollectingDispatcher(), getypt, domain))
    assert nieuw["afgeleide_antwoorden"] == ["strafzaak"]  # the same long sentence typed is only inferred


@pytest.mark.parametrize(
    "route,feit,woord",
    [
        ("overlijden_partner", "partner_nederlander_of_niet_tijdelijk", "was Nederlander"),
        ("huwelijk_relatie", "partner_nederlander_of_niet_tijdelijk", "is Nederlander"),
        ("overlijden_ouder", "ouder_nederlander_of_niet_tijdelijk", "was Nederlander"),
        ("kind_bij_ouder", "ouder_nederlander_of_niet_tijdelijk", "is Nederlander"),
    ],
)
def test_na_een_overlijden_leest_de_samenvatting_in_de_verleden_tijd(route, feit, woord):
    from actions.samenvatting import regel

    assert woord in regel(route, feit, True)


async def test_een_tweede_vraag_krijgt_haar_antwoord_voor_het_aanbod(dispatcher, domain):
    tracker = make_tracker(
        "faq", "mag ik werken? en hoe lang is hij geldig?", entities=[{"entity": "route", "value": "huiselijk_geweld"}]
    )
    tracker.latest_message["tweede_antwoord"] = "faq/werken"
    await ActionNaAntwoord().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/werken", "utter_aanbod_controle_na_vraag"]


async def test_een_onbekend_tweede_antwoord_wordt_niet_gezegd(dispatcher, domain):
    tracker = make_tracker("faq", "wat is dit? en dat?")
    tracker.latest_message["tweede_antwoord"] = "faq/bestaat_niet"
    await ActionNaAntwoord().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == []
