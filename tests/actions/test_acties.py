"""Choosing a route, telling the result, fees, nationality and the fallback's topic buttons."""

import re

import pytest

from actions.controle import vragen_van_route
from actions.eligibility import laad_kennis
from actions.fallback import ActionDefaultAskAffirmation, onderwerpen
from actions.leges import ActionLegesUitleg
from actions.nationaliteit import ActionUitzonderingNationaliteit
from actions.routes import ActionBeoordeelRoute, ActionKiesRoute
from tests.conftest import PROJECT, make_tracker, responses, slot_events


def entity(text, word, name, value):
    start = text.index(word)
    return {"entity": name, "value": value, "start": start, "end": start + len(word)}


async def test_years_of_marriage_are_only_mentioned_and_a_dutch_partner_is_kept(dispatcher, domain):
    text = "ik ben zes jaar getrouwd geweest met een Nederlander"
    entities = [entity(text, "Nederlander", "herkomst", "nederlands")]
    tracker = make_tracker(intent="route_huwelijk_relatie", text=text, entities=entities, slots={"jaren_vergunning": 2})
    events = slot_events(await ActionKiesRoute().run(dispatcher, tracker, domain))
    assert events["route"] == "huwelijk_relatie"
    assert events["jaren_vergunning"] is None and events["jaren_genoemd"] == 6
    assert events["partner_nederlander_of_niet_tijdelijk"] is True


async def test_permit_years_and_age_from_the_first_message(dispatcher, domain):
    text = "Ik had 8 jaar een verblijfsvergunning bij mijn Nederlandse vrouw. Ik ben 17."
    tracker = make_tracker(intent="route_huwelijk_relatie", text=text)
    events = slot_events(await ActionKiesRoute().run(dispatcher, tracker, domain))
    assert events["jaren_vergunning"] == 8 and events["minderjarig"] is True
    assert events["partner_nederlander_of_niet_tijdelijk"] is True
    assert responses(dispatcher) == ["utter_route_intro_huwelijk_relatie", "utter_route_voorwaarden"]
    assert "5 jaar" in dispatcher.messages[1]["voorwaarden"]


@pytest.mark.parametrize("text", ["ik ben turks en gescheiden. gelden dezelfde voorwaarden?", "mijn vader is Turks"])
async def test_a_turkish_person_or_family_member_reads_the_page_note_under_the_conditions(dispatcher, domain, text):
    await ActionKiesRoute().run(dispatcher, make_tracker(intent="route_huwelijk_relatie", text=text), domain)
    assert responses(dispatcher)[:3] == [
        "utter_route_intro_huwelijk_relatie",
        "utter_route_voorwaarden",
        "utter_opmerking_turkse_onderdanen_andere_voorwaarden",
    ]


async def test_living_in_the_netherlands_is_not_a_dutch_partner(dispatcher, domain):
    text = "we wonen in Nederland en zijn gescheiden"
    tracker = make_tracker(
        intent="route_huwelijk_relatie", text=text, entities=[entity(text, "Nederland", "herkomst", "nederlands")]
    )
    events = slot_events(await ActionKiesRoute().run(dispatcher, tracker, domain))
    assert events["partner_nederlander_of_niet_tijdelijk"] is None
    assert "herkomst_groep" not in events


async def test_violence_route_offers_help_once_and_the_discretionary_path(dispatcher, domain):
    events = slot_events(await ActionKiesRoute().run(dispatcher, make_tracker(intent="route_huiselijk_geweld"), domain))
    assert responses(dispatcher)[0] == "utter_hulp_bij_geweld" and events["hulp_getoond"] is True
    assert "utter_route_discretionair" in responses(dispatcher)
    dispatcher.messages.clear()
    await ActionKiesRoute().run(
        dispatcher, make_tracker(intent="route_huiselijk_geweld", slots={"hulp_getoond": True}), domain
    )
    assert "utter_hulp_bij_geweld" not in responses(dispatcher)


async def test_result_names_conditions_fee_form_and_who_decides(dispatcher, domain):
    slots = {
        "route": "huwelijk_relatie",
        "herkomst_groep": "anders",
        "jaren_vergunning": 4,
        "partner_nederlander_of_niet_tijdelijk": True,
        "intrekkingsgrond": False,
        "inburgering_behaald_of_vrijgesteld": "onbekend",
        "minderjarig": False,
    }
    await ActionBeoordeelRoute().run(dispatcher, make_tracker(intent="deny", slots=slots), domain)
    said = responses(dispatcher)
    assert said[0] == "utter_uitkomst_not_eligible"
    unmet = next(m for m in dispatcher.messages if m["response"] == "utter_voorwaarden_niet_voldaan")
    assert "5 jaar" in unmet["lijst"]
    fee = next(m for m in dispatcher.messages if m["response"] == "utter_leges_uitkomst")
    assert fee["bedrag"] == 237
    assert said[-1] == "utter_aanvraag_indienen"


async def test_result_stays_silent_after_stop(dispatcher, domain):
    await ActionBeoordeelRoute().run(dispatcher, make_tracker(intent="stop", slots={"route": "buiten_schuld"}), domain)
    assert dispatcher.messages == []


async def test_fee_for_a_minor_after_family_stay(dispatcher, domain):
    entities = [{"entity": "leeftijd", "value": "15"}, {"entity": "route", "value": "familie"}]
    await ActionLegesUitleg().run(
        dispatcher, make_tracker(intent="vraag_kosten", text="dochter 15", entities=entities), domain
    )
    assert (
        dispatcher.messages[0]["response"] == "utter_leges_familie_minderjarig"
        and dispatcher.messages[0]["bedrag"] == 51
    )


async def test_fee_overview_comes_from_the_fee_data(dispatcher, domain):
    await ActionLegesUitleg().run(dispatcher, make_tracker(intent="vraag_kosten", text="wat kost het"), domain)
    overview = dispatcher.messages[-1]
    assert overview["response"] == "utter_leges_overzicht"
    assert (
        overview["standaard"],
        overview["mensenhandel"],
        overview["familie"],
        overview["minderjarig"],
        overview["turks"],
    ) == (1003, 371, 237, 51, 51)


async def test_eu_national_hears_other_conditions(dispatcher, domain):
    tracker = make_tracker(
        intent="uitzondering_nationaliteit",
        text="ik kom uit Spanje",
        entities=[{"entity": "herkomst", "value": "eu_eer_zwitserland"}],
    )
    await ActionUitzonderingNationaliteit().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_uitzondering_eu"]


async def test_fallback_buttons_have_dutch_titles_not_intent_names(dispatcher, domain):
    tracker = make_tracker(intent="nlu_fallback", text="pas kwijt geld")
    tracker.latest_message["intent_ranking"] = [{"name": "nlu_fallback"}, {"name": "vraag_kosten"}, {"name": "faq"}]
    # As Rasa stores it: one selector for faq and begrip, under "default".
    tracker.latest_message["response_selector"] = {"default": {"response": {"intent_response_key": "faq/vervangen"}}}
    await ActionDefaultAskAffirmation().run(dispatcher, tracker, domain)
    titles = [b["title"] for b in dispatcher.messages[0]["buttons"]]
    assert titles == ["Wat kost de aanvraag?", "Vergunning kwijt of kapot", "Iets anders"]
    assert not any(re.fullmatch(r"[a-z_/]+", t) for t in titles)


@pytest.mark.parametrize(
    "tekst,overlijden",
    [("Mijn moeder in Ghana is ziek, kan ik erheen?", False), ("mijn moeder is overleden, wat nu?", True)],
)
async def test_fallback_offers_a_death_only_when_one_is_told(dispatcher, domain, tekst, overlijden):
    tracker = make_tracker(intent="nlu_fallback", text=tekst)
    ranking = ["nlu_fallback", "route_overlijden_ouder", "uitzondering_nationaliteit", "route_kind_bij_ouder"]
    tracker.latest_message["intent_ranking"] = [{"name": n} for n in ranking]
    await ActionDefaultAskAffirmation().run(dispatcher, tracker, domain)
    titles = [b["title"] for b in dispatcher.messages[0]["buttons"]]
    assert (onderwerpen()["route_overlijden_ouder"]["titel"] in titles) is overlijden


def test_every_form_asks_what_its_route_needs(domain):
    for route in laad_kennis().routes:
        assert domain["forms"][f"form_{route}"]["required_slots"] == vragen_van_route(route)


def test_every_question_has_words_in_the_domain(domain):
    names = set(domain["responses"])
    for route in laad_kennis().routes:
        for slot in vragen_van_route(route):
            vraag = {f"utter_ask_{slot}", f"utter_ask_form_{route}_{slot}", f"utter_vraag_jaren_{route}"}
            assert vraag & names, (route, slot)


def test_rasa_asks_years_through_the_action_that_can_confirm_them():
    from rasa.core.actions.forms import FormAction
    from rasa.shared.core.domain import Domain

    rasa_domain = Domain.load(str(PROJECT / "domain.yml"))
    for route in laad_kennis().routes:
        for slot in ("jaren_vergunning", "jaren_vergunning_medisch"):
            if slot in vragen_van_route(route):
                gevraagd = FormAction(f"form_{route}", None)._name_of_utterance(rasa_domain, slot)
                assert gevraagd == f"action_ask_{slot}", (route, gevraagd)


def test_every_response_the_actions_use_is_in_the_domain(domain):
    names = set(domain["responses"])
    needed = {f"utter_route_intro_{r}" for r in laad_kennis().routes}
    needed |= {f"utter_uitkomst_{o}" for o in ("eligible", "possible", "not_eligible", "incomplete", "other_rules")}
    needed |= {
        f"utter_opmerking_{n}"
        for n in ("turkse_onderdanen_andere_voorwaarden", "ind_beoordeelt_omstandigheden", "eu_eer_andere_voorwaarden")
    }
    needed |= {f"utter_onduidelijk_{s}" for s in ("bool", "jaren", "keuze", "herkomst")}
    needed |= {"utter_waarom_herkomst_groep", "utter_waarom_minderjarig"}
    for path in (PROJECT / "actions").glob("*.py"):
        needed |= set(re.findall(r'response="(utter_[a-z_]+)"', path.read_text(encoding="utf-8")))
    assert needed <= names, sorted(needed - names)


def test_fallback_topics_are_known_intents(domain):
    intents = set(domain["intents"])
    for topic in onderwerpen():
        assert topic.split("/")[0] in intents, topic


def test_every_form_validation_action_is_in_the_domain(domain):
    # Rasa only calls a form's validation action when the domain lists it.
    for route in laad_kennis().routes:
        assert f"validate_form_{route}" in domain["actions"]


async def test_fee_for_the_person_who_says_their_age(dispatcher, domain):
    tekst = "Ik ben 16, wat kost het voor mij na geweld thuis?"
    events = slot_events(
        await ActionLegesUitleg().run(dispatcher, make_tracker(intent="vraag_kosten", text=tekst), domain)
    )
    said = responses(dispatcher)
    assert said[0] == "utter_hulp_bij_geweld"
    fee = next(m for m in dispatcher.messages if m["response"] == "utter_leges_route")
    assert fee["bedrag"] == 51
    assert "utter_leges_overzicht" not in said and said[-1] == "utter_aanbod_controle_na_vraag"
    assert events["route"] == "huiselijk_geweld"


async def test_fee_with_unknown_age_gives_both_amounts(dispatcher, domain):
    await ActionLegesUitleg().run(
        dispatcher, make_tracker(intent="vraag_kosten", text="Wat kost het na eergerelateerd geweld?"), domain
    )
    fee = next(m for m in dispatcher.messages if m["response"] == "utter_leges_route_leeftijd")
    assert (fee["bedrag"], fee["bedrag_minderjarig"]) == (237, 51)


@pytest.mark.parametrize(
    "tekst",
    [
        "ik ben 17, nee wacht ik word volgende maand 18. het is na verblijf bij mijn ouders. wat kost het dan",
        "Ik ben bijna 18 en woon bij mijn ouders, wat kost de aanvraag?",
    ],
)
async def test_turning_18_soon_gives_both_amounts(dispatcher, domain, tekst):
    tracker = make_tracker(intent="vraag_kosten", text=tekst, entities=[{"entity": "route", "value": "kind_bij_ouder"}])
    await ActionLegesUitleg().run(dispatcher, tracker, domain)
    fee = next(m for m in dispatcher.messages if m["response"] == "utter_leges_route_leeftijd")
    assert (fee["bedrag"], fee["bedrag_minderjarig"]) == (237, 51)


@pytest.mark.parametrize(
    "tekst,bedrag",
    [
        ("mijn dochter is 13 en woont bij mij met een vergunning voor gezinshereniging. wat kost het voor haar?", 51),
        ("What is the fee after a family permit?", 237),
        ("My daughter is 13 and lives with me on a family permit. What is her fee?", 51),
    ],
)
async def test_fee_after_a_stay_with_family_named_in_other_words(dispatcher, domain, tekst, bedrag):
    await ActionLegesUitleg().run(dispatcher, make_tracker(intent="vraag_kosten", text=tekst), domain)
    # a child living with the parent is the child's route (same fee as the family group); else the family fee
    fee = next(m for m in dispatcher.messages if m["response"] in ("utter_leges_familie", "utter_leges_route"))
    assert fee["bedrag"] == bedrag


async def test_achterlating_is_its_own_fee(dispatcher, domain):
    await ActionLegesUitleg().run(
        dispatcher, make_tracker(intent="vraag_kosten", text="wat kost het na achterlating?"), domain
    )
    assert responses(dispatcher) == ["utter_leges_achterlating"] and dispatcher.messages[0]["bedrag"] == 237


async def test_illegal_victim_of_domestic_violence_pays_371(dispatcher, domain):
    tekst = "ik was illegaal slachtoffer van huiselijk geweld, wat kost het?"
    await ActionLegesUitleg().run(dispatcher, make_tracker(intent="vraag_kosten", text=tekst), domain)
    assert dispatcher.messages[0]["response"] == "utter_leges_illegaal_huiselijk_geweld"
    assert dispatcher.messages[0]["bedrag"] == 371


async def test_early_verdict_still_asks_the_age_and_unknown_age_gives_both(dispatcher, domain):
    from actions.controle import volgende_vraag

    slots = {"route": "kind_bij_ouder", "herkomst_groep": "anders", "jaren_vergunning": 0}
    assert volgende_vraag("kind_bij_ouder", slots) == "minderjarig"
    slots["minderjarig"] = "onbekend"
    await ActionBeoordeelRoute().run(dispatcher, make_tracker(intent="weet_niet", slots=slots), domain)
    fee = next(m for m in dispatcher.messages if m["response"] == "utter_leges_uitkomst_leeftijd_onbekend")
    assert (fee["bedrag"], fee["bedrag_minderjarig"]) == (237, 51)


async def test_discretionary_text_names_the_condition_it_replaces(dispatcher, domain):
    await ActionKiesRoute().run(dispatcher, make_tracker(intent="route_huiselijk_geweld"), domain)
    tekst = next(m for m in dispatcher.messages if m["response"] == "utter_route_discretionair")
    assert "dreiging" in tekst["vervangen"] and "1 jaar" not in tekst["vervangen"]


async def test_trafficking_routes_lead_with_112_not_veilig_thuis(dispatcher, domain):
    await ActionKiesRoute().run(dispatcher, make_tracker(intent="route_mensenhandel_getuige"), domain)
    assert responses(dispatcher)[0] == "utter_hulp_bij_mensenhandel"
    assert domain["responses"]["utter_hulp_bij_mensenhandel"][0]["text"].startswith("Bent u nu in gevaar? Bel dan 112.")


async def test_typed_yes_after_a_fee_answer_starts_that_situations_check(dispatcher, domain):
    from actions.vragen import ActionStartControle

    events = await ActionStartControle().run(
        dispatcher, make_tracker(intent="affirm", slots={"route": "overlijden_ouder"}), domain
    )
    assert events == [{"event": "followup", "name": "form_overlijden_ouder", "timestamp": None}]
    await ActionStartControle().run(dispatcher, make_tracker(intent="affirm"), domain)
    assert responses(dispatcher) == ["utter_kies_route"]


@pytest.mark.parametrize(
    "tekst,response,bedrag",
    [
        ("ik ben slachtoffer van mensenhandel, wat kost mijn aanvraag?", "utter_leges_mensenhandel", 371),
        (
            "slachtoffer van mensenhandel en ik heb de Turkse nationaliteit, wat kost het?",
            "utter_leges_mensenhandel",
            51,
        ),
        ("er is iemand overleden bij wie ik verblijf had, wat kost de aanvraag?", "utter_leges_familie", 237),
    ],
)
async def test_dichtbije_situaties_met_een_bedrag_vragen_niet_welke(dispatcher, domain, tekst, response, bedrag):
    """The trafficking cases share one fee, as do a partner's and a parent's death: no need to ask which."""
    await ActionLegesUitleg().run(dispatcher, make_tracker(intent="vraag_kosten", text=tekst), domain)
    fee = next(m for m in dispatcher.messages if m["response"].startswith("utter_leges"))
    assert (fee["response"], fee["bedrag"]) == (response, bedrag)


async def test_a_turkish_man_with_a_medical_permit_pays_the_turkish_fee(dispatcher, domain):
    tekst = "Ik ben een Turkse man van 52 en heb een vergunning voor medische behandeling. Wat kost het?"
    tracker = make_tracker(
        intent="vraag_kosten", text=tekst, entities=[{"entity": "route", "value": "medische_behandeling"}]
    )
    await ActionLegesUitleg().run(dispatcher, tracker, domain)
    fee = next(m for m in dispatcher.messages if m["response"] == "utter_leges_route")
    assert fee["bedrag"] == 51
