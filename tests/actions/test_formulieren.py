"""The route forms: answers, "weet ik niet", "waarom?", "stop", questions in between and unclear answers."""

import gc

import pytest
import yaml
from rasa_sdk.executor import ActionExecutor

from actions import formulieren
from actions.controle import ONBEKEND
from actions.eligibility import laad_kennis
from actions.formulieren import VALIDATIES, maak_validaties
from tests.conftest import make_tracker, responses, slot_events

FORM = "form_huwelijk_relatie"
BEGONNEN = {"route": "huwelijk_relatie", "herkomst_groep": "anders"}


async def run(action, dispatcher, domain, **kwargs):
    return await action.run(dispatcher, make_tracker(active_loop=FORM, **kwargs), domain)


@pytest.mark.parametrize("intent,text,value", [("affirm", "ja", True), ("deny", "nee hoor", False)])
async def test_yes_no_answer_fills_the_fact_and_asks_the_next(dispatcher, domain, intent, text, value):
    slots = dict(BEGONNEN, jaren_vergunning=6, requested_slot="partner_nederlander_of_niet_tijdelijk")
    events = slot_events(
        await run(VALIDATIES["huwelijk_relatie"](), dispatcher, domain, intent=intent, text=text, slots=slots)
    )
    assert events["partner_nederlander_of_niet_tijdelijk"] is value
    # Not Dutch decides the verdict; the age is still asked, because it decides the fee.
    assert events["requested_slot"] == ("intrekkingsgrond" if value else "minderjarig")


@pytest.mark.parametrize(
    "text,years", [("vijf jaar", 5), ("ik heb hem al 7 jaar", 7), ("bijna 5 jaar", 4), ("18 maanden", 1)]
)
async def test_years_are_read_from_everyday_dutch(dispatcher, domain, text, years):
    slots = dict(BEGONNEN, requested_slot="jaren_vergunning")
    events = slot_events(
        await run(VALIDATIES["huwelijk_relatie"](), dispatcher, domain, intent="out_of_scope", text=text, slots=slots)
    )
    assert events["jaren_vergunning"] == years


async def test_weet_ik_niet_moves_on_without_guessing(dispatcher, domain):
    slots = dict(BEGONNEN, jaren_vergunning=5, requested_slot="partner_nederlander_of_niet_tijdelijk")
    events = slot_events(
        await run(
            VALIDATIES["huwelijk_relatie"](), dispatcher, domain, intent="weet_niet", text="geen idee", slots=slots
        )
    )
    assert events["partner_nederlander_of_niet_tijdelijk"] == ONBEKEND
    assert events["requested_slot"] == "intrekkingsgrond"


async def test_waarom_explains_the_condition_and_asks_again(dispatcher, domain):
    slots = dict(BEGONNEN, requested_slot="inburgering_behaald_of_vrijgesteld")
    events = slot_events(
        await run(VALIDATIES["huwelijk_relatie"](), dispatcher, domain, intent="waarom", text="waarom?", slots=slots)
    )
    assert dispatcher.messages[0]["response"] == "utter_waarom_voorwaarde"
    assert "inburgeringsdiploma" in dispatcher.messages[0]["voorwaarde"]
    assert events["inburgering_behaald_of_vrijgesteld"] is None
    assert events["requested_slot"] == "jaren_vergunning"


async def test_stop_ends_the_form(dispatcher, domain):
    slots = dict(BEGONNEN, requested_slot="jaren_vergunning")
    events = await run(VALIDATIES["huwelijk_relatie"](), dispatcher, domain, intent="stop", text="stop", slots=slots)
    assert responses(dispatcher) == ["utter_controle_gestopt"]
    assert any(e["event"] == "active_loop" and e["name"] is None for e in events)


async def test_a_question_in_between_is_left_to_the_rules(dispatcher, domain):
    slots = dict(BEGONNEN, requested_slot="intrekkingsgrond")
    events = await run(
        VALIDATIES["huwelijk_relatie"](), dispatcher, domain, intent="vraag_kosten", text="wat kost dat?", slots=slots
    )
    assert events == [] and dispatcher.messages == []


async def test_unclear_answer_gets_a_clear_reask(dispatcher, domain):
    slots = dict(BEGONNEN, requested_slot="intrekkingsgrond")
    events = slot_events(
        await run(VALIDATIES["huwelijk_relatie"](), dispatcher, domain, intent="greet", text="banaan", slots=slots)
    )
    assert responses(dispatcher) == ["utter_onduidelijk_bool"]
    assert events["requested_slot"] == "jaren_vergunning"


async def test_resuming_after_a_question_does_not_read_the_question_as_answer(dispatcher, domain):
    slots = dict(BEGONNEN, jaren_vergunning=6, requested_slot="partner_nederlander_of_niet_tijdelijk")
    answered = [{"event": "action", "name": "action_leges_uitleg"}, {"event": "bot", "text": "€ 237"}]
    events = slot_events(
        await run(
            VALIDATIES["huwelijk_relatie"](),
            dispatcher,
            domain,
            intent="vraag_kosten",
            text="en kosten?",
            slots=slots,
            events_after_user=answered,
        )
    )
    assert events == {"requested_slot": "partner_nederlander_of_niet_tijdelijk"}


async def test_nationality_is_asked_first_and_eu_ends_the_check(dispatcher, domain):
    slots = {"route": "huwelijk_relatie", "requested_slot": "herkomst_groep"}
    events = slot_events(
        await run(
            VALIDATIES["huwelijk_relatie"](),
            dispatcher,
            domain,
            intent="uitzondering_nationaliteit",
            text="Pools",
            entities=[{"entity": "herkomst", "value": "eu_eer_zwitserland"}],
            slots=slots,
        )
    )
    assert events == {"herkomst_groep": "eu_eer_zwitserland", "requested_slot": None}


async def test_medical_two_years_asks_about_article_64(dispatcher, domain):
    slots = {"route": "medische_behandeling", "herkomst_groep": "anders", "requested_slot": "jaren_vergunning_medisch"}
    events = slot_events(
        await VALIDATIES["medische_behandeling"]().run(
            dispatcher,
            make_tracker(intent="out_of_scope", text="2 jaar", slots=slots, active_loop="form_medische_behandeling"),
            domain,
        )
    )
    assert events == {"jaren_vergunning_medisch": 2, "requested_slot": "jaren_uitgesteld_vertrek"}


async def test_stop_sets_a_slot_so_rasa_ends_the_form_instead_of_rejecting(dispatcher, domain):
    slots = dict(BEGONNEN, requested_slot="intrekkingsgrond")
    events = await run(VALIDATIES["huwelijk_relatie"](), dispatcher, domain, intent="stop", text="stop", slots=slots)
    assert any(e["event"] == "slot" and e["name"] == "intrekkingsgrond" for e in events)


@pytest.mark.parametrize(
    "text,intent,response",
    [
        ("waarom?", "begrip", "utter_waarom_voorwaarde"),
        ("Stop!", "nlu_fallback", "utter_controle_gestopt"),
        ("geen idee eigenlijk", "deny", None),
    ],
)
async def test_plain_words_win_over_an_unsure_nlu(dispatcher, domain, text, intent, response):
    slots = dict(BEGONNEN, requested_slot="intrekkingsgrond")
    events = slot_events(
        await run(VALIDATIES["huwelijk_relatie"](), dispatcher, domain, intent=intent, text=text, slots=slots)
    )
    if response:
        assert responses(dispatcher) == [response]
    else:
        assert events["intrekkingsgrond"] == ONBEKEND


@pytest.mark.parametrize(
    "intent,text,jaren",
    [
        ("affirm", "/affirm", 6),
        ("deny", "nee, 4 jaar", 4),
        ("affirm", "ja, 8 jaar", 8),
        ("affirm", "jazeker", 6),
        ("deny", "nee", None),
    ],
)
async def test_mentioned_years_are_confirmed_not_assumed(dispatcher, domain, intent, text, jaren):
    slots = dict(BEGONNEN, jaren_genoemd=6, requested_slot="jaren_vergunning")
    events = slot_events(
        await run(VALIDATIES["huwelijk_relatie"](), dispatcher, domain, intent=intent, text=text, slots=slots)
    )
    assert events["jaren_vergunning"] == jaren and events["jaren_genoemd"] is None
    volgende = {None: "jaren_vergunning", 4: "minderjarig"}.get(jaren, "partner_nederlander_of_niet_tijdelijk")
    assert events["requested_slot"] == volgende  # 4 years: not met, so only the fee's age is still asked


async def test_the_confirmation_question_names_the_number(dispatcher, domain):
    from actions.vragen import ActionVraagJarenVergunning

    tracker = make_tracker(slots={"route": "huwelijk_relatie", "jaren_genoemd": 6})
    await ActionVraagJarenVergunning().run(dispatcher, tracker, domain)
    assert dispatcher.messages == [
        {**dispatcher.messages[0], "response": "utter_bevestig_jaren_huwelijk_relatie", "jaren": 6}
    ]
    assert (
        "{jaren} jaar een verblijfsvergunning"
        in domain["responses"]["utter_bevestig_jaren_huwelijk_relatie"][0]["text"]
    )


async def test_help_right_after_the_threat_still_exists(dispatcher, domain):
    slots = {
        "route": "huiselijk_geweld",
        "herkomst_groep": "anders",
        "jaren_vergunning": 2,
        "requested_slot": "dreiging_bestaat",
    }
    tracker = make_tracker(intent="affirm", text="ja", slots=slots, active_loop="form_huiselijk_geweld")
    events = slot_events(await VALIDATIES["huiselijk_geweld"]().run(dispatcher, tracker, domain))
    assert responses(dispatcher) == ["utter_hulp_na_dreiging"] and events["hulp_na_dreiging"] is True


@pytest.mark.parametrize(
    "text,jong", [("ik ben 34", False), ("16", True), ("17 jaar oud", True), ("ik ben net 18", False)]
)
async def test_an_age_answers_the_age_question(dispatcher, domain, text, jong):
    slots = dict(
        BEGONNEN,
        jaren_vergunning=6,
        partner_nederlander_of_niet_tijdelijk=True,
        intrekkingsgrond=False,
        inburgering_behaald_of_vrijgesteld=True,
        requested_slot="minderjarig",
    )
    events = slot_events(
        await run(VALIDATIES["huwelijk_relatie"](), dispatcher, domain, intent="faq", text=text, slots=slots)
    )
    assert events["minderjarig"] is jong and events["requested_slot"] is None


def test_rasa_sdk_registers_one_validation_action_per_route_and_not_the_base():
    # The classes are made with type(); rasa_sdk sees them only while something holds them.
    gc.collect()
    executor = ActionExecutor()
    executor.register_package("actions")
    gevonden = {naam for naam in executor.actions if naam.startswith("validate_")}
    assert gevonden == {f"validate_form_{route}" for route in laad_kennis().routes}
    assert type(executor.actions["validate_form_buiten_schuld"].__self__) is formulieren.ValidateFormBuitenSchuld
    assert all(getattr(formulieren, k.__qualname__) is k for k in VALIDATIES.values())


def test_a_new_route_in_the_knowledge_gets_its_validation_action(knowledge_copy):
    routes = knowledge_copy / "routes.yml"
    data = yaml.safe_load(routes.read_text(encoding="utf-8"))
    data["routes"]["nieuwe_route"] = data["routes"]["buiten_schuld"]
    routes.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    validatie = maak_validaties()["nieuwe_route"]()
    assert validatie.name() == "validate_form_nieuwe_route" and validatie.form_name() == "form_nieuwe_route"
