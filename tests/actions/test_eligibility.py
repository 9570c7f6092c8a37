"""The route conditions of the IND page, one situation per line: thresholds on both sides, paths, precedence."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from actions.eligibility import assess

HR_OK = dict(
    jaren_vergunning=5,
    partner_nederlander_of_niet_tijdelijk=True,
    intrekkingsgrond=False,
    inburgering_behaald_of_vrijgesteld=True,
)
OP_OK = dict(
    partner_nederlander_of_niet_tijdelijk=True, hoofdverblijf_buiten_nederland=False, vergunning_bij_partner=True
)
KO_OK = dict(jaren_vergunning=1, ouder_nederlander_of_niet_tijdelijk=True, intrekkingsgrond=False)
OO_OK = dict(ouder_nederlander_of_niet_tijdelijk=True, hoofdverblijf_buiten_nederland=False, vergunning_bij_ouder=True)
MG_OK = dict(jaren_vergunning=1, dreiging_of_ziekte_bestaat=True)
HG_OK = dict(jaren_vergunning=1, dreiging_bestaat=True)
MS_OK = dict(vergunning_slachtoffer_mensenhandel=True, aangifte_of_meegewerkt=True, strafzaak="veroordeeld")
GET_OK = dict(vergunning_getuige_aangever=True, aangifte_of_meegewerkt=True, bijzondere_omstandigheden=True)
MED_OK = dict(
    jaren_vergunning_medisch=3,
    behandeling_nog_minimaal_1_jaar=True,
    intrekkingsgrond=False,
    voldoet_voorwaarden_medisch=True,
)
BS_OK = dict(jaren_vergunning=3, voldoet_voorwaarden_buiten_schuld=True, andere_weigeringsgronden=False)


def with_(base, **changes):
    facts = dict(base, **changes)
    return {k: v for k, v in facts.items() if v is not ...}


CASES = [
    # (situation, route, facts, outcome, unmet, missing)
    (
        "5 jaar getrouwd, partner Nederlander, inburgering gehaald -> voldoet",
        "huwelijk_relatie",
        HR_OK,
        "eligible",
        [],
        [],
    ),
    (
        "4 jaar getrouwd -> voldoet niet",
        "huwelijk_relatie",
        with_(HR_OK, jaren_vergunning=4),
        "not_eligible",
        ["jaren_vergunning"],
        [],
    ),
    (
        "partner had tijdelijke vergunning -> voldoet niet",
        "huwelijk_relatie",
        with_(HR_OK, partner_nederlander_of_niet_tijdelijk=False),
        "not_eligible",
        ["partner_nederlander_of_niet_tijdelijk"],
        [],
    ),
    (
        "reden om in te trekken -> voldoet niet",
        "huwelijk_relatie",
        with_(HR_OK, intrekkingsgrond=True),
        "not_eligible",
        ["intrekkingsgrond"],
        [],
    ),
    (
        "geen inburgeringsdiploma -> voldoet niet",
        "huwelijk_relatie",
        with_(HR_OK, inburgering_behaald_of_vrijgesteld=False),
        "not_eligible",
        ["inburgering_behaald_of_vrijgesteld"],
        [],
    ),
    (
        "inburgering onbekend -> onvolledig",
        "huwelijk_relatie",
        with_(HR_OK, inburgering_behaald_of_vrijgesteld=...),
        "incomplete",
        [],
        ["inburgering_behaald_of_vrijgesteld"],
    ),
    (
        "3 jaar getrouwd, rest onbekend -> voldoet al niet",
        "huwelijk_relatie",
        {"jaren_vergunning": 3},
        "not_eligible",
        ["jaren_vergunning"],
        [],
    ),
    ("partner overleden, alles goed -> voldoet", "overlijden_partner", OP_OK, "eligible", [], []),
    (
        "partner overleden, verhuisd naar buitenland -> voldoet niet",
        "overlijden_partner",
        with_(OP_OK, hoofdverblijf_buiten_nederland=True),
        "not_eligible",
        ["hoofdverblijf_buiten_nederland"],
        [],
    ),
    (
        "partner overleden, nooit vergunning bij partner -> voldoet niet",
        "overlijden_partner",
        with_(OP_OK, vergunning_bij_partner=False),
        "not_eligible",
        ["vergunning_bij_partner"],
        [],
    ),
    ("kind 1 jaar bij ouder -> voldoet", "kind_bij_ouder", KO_OK, "eligible", [], []),
    (
        "kind 0 jaar bij ouder -> voldoet niet",
        "kind_bij_ouder",
        with_(KO_OK, jaren_vergunning=0),
        "not_eligible",
        ["jaren_vergunning"],
        [],
    ),
    (
        "ouder tijdelijk verblijf -> voldoet niet",
        "kind_bij_ouder",
        with_(KO_OK, ouder_nederlander_of_niet_tijdelijk=False),
        "not_eligible",
        ["ouder_nederlander_of_niet_tijdelijk"],
        [],
    ),
    ("ouder overleden, alles goed -> voldoet", "overlijden_ouder", OO_OK, "eligible", [], []),
    (
        "ouder overleden, nooit vergunning bij ouder -> voldoet niet",
        "overlijden_ouder",
        with_(OO_OK, vergunning_bij_ouder=False),
        "not_eligible",
        ["vergunning_bij_ouder"],
        [],
    ),
    (
        "mensenhandel zonder aangifte, 1 jaar, dreiging -> voldoet",
        "mensenhandel_geen_aangifte",
        MG_OK,
        "eligible",
        [],
        [],
    ),
    (
        "mensenhandel zonder aangifte, 0 jaar -> voldoet niet (geen uitweg)",
        "mensenhandel_geen_aangifte",
        with_(MG_OK, jaren_vergunning=0, klemmende_redenen=True),
        "not_eligible",
        ["jaren_vergunning"],
        [],
    ),
    (
        "geen dreiging meer, wel klemmende redenen -> mogelijk",
        "mensenhandel_geen_aangifte",
        with_(MG_OK, dreiging_of_ziekte_bestaat=False, klemmende_redenen=True),
        "possible",
        ["dreiging_of_ziekte_bestaat"],
        [],
    ),
    (
        "geen dreiging meer, klemmende redenen onbekend -> onvolledig",
        "mensenhandel_geen_aangifte",
        with_(MG_OK, dreiging_of_ziekte_bestaat=False),
        "incomplete",
        ["dreiging_of_ziekte_bestaat"],
        ["klemmende_redenen"],
    ),
    (
        "geen dreiging, geen klemmende redenen -> voldoet niet",
        "mensenhandel_geen_aangifte",
        with_(MG_OK, dreiging_of_ziekte_bestaat=False, klemmende_redenen=False),
        "not_eligible",
        ["dreiging_of_ziekte_bestaat", "klemmende_redenen"],
        [],
    ),
    (
        "dreiging bestaat: klemmende redenen niet nodig",
        "mensenhandel_geen_aangifte",
        with_(MG_OK, klemmende_redenen=False),
        "eligible",
        [],
        [],
    ),
    ("huiselijk geweld, 1 jaar, dreiging -> voldoet", "huiselijk_geweld", HG_OK, "eligible", [], []),
    (
        "huiselijk geweld, 0 jaar -> voldoet niet",
        "huiselijk_geweld",
        with_(HG_OK, jaren_vergunning=0),
        "not_eligible",
        ["jaren_vergunning"],
        [],
    ),
    (
        "huiselijk geweld, geen dreiging, klemmende redenen -> mogelijk",
        "huiselijk_geweld",
        with_(HG_OK, dreiging_bestaat=False, klemmende_redenen=True),
        "possible",
        ["dreiging_bestaat"],
        [],
    ),
    (
        "huiselijk geweld, geen dreiging, jaren onbekend, klemmend -> onvolledig",
        "huiselijk_geweld",
        {"dreiging_bestaat": False, "klemmende_redenen": True},
        "incomplete",
        ["dreiging_bestaat"],
        ["jaren_vergunning"],
    ),
    (
        "huiselijk geweld, geen dreiging en geen klemmende redenen, jaren onbekend -> voldoet niet",
        "huiselijk_geweld",
        {"dreiging_bestaat": False, "klemmende_redenen": False},
        "not_eligible",
        ["dreiging_bestaat", "klemmende_redenen"],
        [],
    ),
    (
        "slachtoffer mensenhandel, dader veroordeeld -> voldoet (jaren niet nodig)",
        "mensenhandel_slachtoffer",
        MS_OK,
        "eligible",
        [],
        [],
    ),
    (
        "dader niet veroordeeld, 3 jaar -> voldoet",
        "mensenhandel_slachtoffer",
        with_(MS_OK, strafzaak="niet_veroordeeld", jaren_vergunning=3),
        "eligible",
        [],
        [],
    ),
    (
        "dader niet veroordeeld, 2 jaar, bijzondere omstandigheden onbekend -> onvolledig",
        "mensenhandel_slachtoffer",
        with_(MS_OK, strafzaak="niet_veroordeeld", jaren_vergunning=2),
        "incomplete",
        ["jaren_vergunning"],
        ["bijzondere_omstandigheden"],
    ),
    (
        "strafzaak loopt nog, 3 jaar -> voldoet",
        "mensenhandel_slachtoffer",
        with_(MS_OK, strafzaak="loopt_nog", jaren_vergunning=3),
        "eligible",
        [],
        [],
    ),
    (
        "strafzaak loopt, 2 jaar, geen bijzondere omstandigheden -> voldoet niet",
        "mensenhandel_slachtoffer",
        with_(MS_OK, strafzaak="loopt_nog", jaren_vergunning=2, bijzondere_omstandigheden=False),
        "not_eligible",
        ["jaren_vergunning", "bijzondere_omstandigheden"],
        [],
    ),
    (
        "geen aangifte gedaan, bijzondere omstandigheden -> mogelijk",
        "mensenhandel_slachtoffer",
        with_(MS_OK, aangifte_of_meegewerkt=False, strafzaak=..., bijzondere_omstandigheden=True),
        "possible",
        ["aangifte_of_meegewerkt"],
        [],
    ),
    (
        "geen vergunning als slachtoffer -> voldoet niet, ook met bijzondere omstandigheden",
        "mensenhandel_slachtoffer",
        with_(MS_OK, vergunning_slachtoffer_mensenhandel=False, bijzondere_omstandigheden=True),
        "not_eligible",
        ["vergunning_slachtoffer_mensenhandel"],
        [],
    ),
    (
        "slachtoffer, niets bekend -> onvolledig zonder jaren",
        "mensenhandel_slachtoffer",
        {},
        "incomplete",
        [],
        ["vergunning_slachtoffer_mensenhandel", "aangifte_of_meegewerkt", "strafzaak"],
    ),
    ("getuige-aangever, alles ja -> mogelijk (IND weegt)", "mensenhandel_getuige", GET_OK, "possible", [], []),
    (
        "getuige-aangever, geen bijzondere omstandigheden -> voldoet niet",
        "mensenhandel_getuige",
        with_(GET_OK, bijzondere_omstandigheden=False),
        "not_eligible",
        ["bijzondere_omstandigheden"],
        [],
    ),
    (
        "getuige-aangever, niets bekend -> onvolledig",
        "mensenhandel_getuige",
        {},
        "incomplete",
        [],
        ["vergunning_getuige_aangever", "aangifte_of_meegewerkt", "bijzondere_omstandigheden"],
    ),
    ("medisch 3 jaar -> voldoet", "medische_behandeling", MED_OK, "eligible", [], []),
    (
        "medisch 2 jaar zonder uitstel -> voldoet niet",
        "medische_behandeling",
        with_(MED_OK, jaren_vergunning_medisch=2),
        "not_eligible",
        ["jaren_vergunning_medisch"],
        [],
    ),
    (
        "artikel 64: 1 jaar uitstel en direct 2 jaar medisch -> voldoet",
        "medische_behandeling",
        with_(MED_OK, jaren_vergunning_medisch=2, jaren_uitgesteld_vertrek=1, direct_aansluitend=True),
        "eligible",
        [],
        [],
    ),
    (
        "artikel 64: 0 jaar uitstel -> voldoet niet",
        "medische_behandeling",
        with_(MED_OK, jaren_vergunning_medisch=2, jaren_uitgesteld_vertrek=0, direct_aansluitend=True),
        "not_eligible",
        ["jaren_vergunning_medisch", "jaren_uitgesteld_vertrek"],
        [],
    ),
    (
        "artikel 64: 1 jaar medisch na uitstel -> voldoet niet",
        "medische_behandeling",
        with_(MED_OK, jaren_vergunning_medisch=1, jaren_uitgesteld_vertrek=1, direct_aansluitend=True),
        "not_eligible",
        ["jaren_vergunning_medisch"],
        [],
    ),
    (
        "artikel 64: niet direct aansluitend -> voldoet niet",
        "medische_behandeling",
        with_(MED_OK, jaren_vergunning_medisch=2, jaren_uitgesteld_vertrek=1, direct_aansluitend=False),
        "not_eligible",
        ["jaren_vergunning_medisch", "direct_aansluitend"],
        [],
    ),
    (
        "artikel 64: aansluiting onbekend -> onvolledig",
        "medische_behandeling",
        with_(MED_OK, jaren_vergunning_medisch=2, jaren_uitgesteld_vertrek=1),
        "incomplete",
        [],
        ["direct_aansluitend"],
    ),
    (
        "medisch 3 jaar: aansluiting niet nodig",
        "medische_behandeling",
        with_(MED_OK, direct_aansluitend=False),
        "eligible",
        [],
        [],
    ),
    (
        "behandeling korter dan een jaar -> voldoet niet",
        "medische_behandeling",
        with_(MED_OK, behandeling_nog_minimaal_1_jaar=False),
        "not_eligible",
        ["behandeling_nog_minimaal_1_jaar"],
        [],
    ),
    ("buiten schuld 3 jaar -> voldoet", "buiten_schuld", BS_OK, "eligible", [], []),
    (
        "buiten schuld 2 jaar -> voldoet niet",
        "buiten_schuld",
        with_(BS_OK, jaren_vergunning=2),
        "not_eligible",
        ["jaren_vergunning"],
        [],
    ),
    (
        "buiten schuld, andere weigeringsgrond -> voldoet niet",
        "buiten_schuld",
        with_(BS_OK, andere_weigeringsgronden=True),
        "not_eligible",
        ["andere_weigeringsgronden"],
        [],
    ),
    (
        "buiten schuld, leeg -> onvolledig",
        "buiten_schuld",
        {},
        "incomplete",
        [],
        ["jaren_vergunning", "voldoet_voorwaarden_buiten_schuld", "andere_weigeringsgronden"],
    ),
]


@pytest.mark.parametrize("situation,route,facts,outcome,unmet,missing", CASES, ids=[c[0] for c in CASES])
def test_route_conditions(situation, route, facts, outcome, unmet, missing):
    result = assess(route, facts)
    assert (result["outcome"], result["unmet"], result["missing"]) == (outcome, unmet, missing)


@pytest.mark.parametrize("route", ["huwelijk_relatie", "mensenhandel_getuige", "buiten_schuld"])
def test_eu_eer_zwitserland_gets_other_rules_first(route):
    result = assess(route, {"eu_eer_zwitserland": True, "jaren_vergunning": 0, "vergunning_getuige_aangever": False})
    assert result["outcome"] == "other_rules"
    assert result["fee_eur"] is None
    assert result["unmet"] == [] and result["missing"] == []
    assert "eu_eer_andere_voorwaarden" in result["notes"]


def test_not_eligible_takes_precedence_over_missing():
    result = assess("huwelijk_relatie", {"jaren_vergunning": 2})
    assert result["outcome"] == "not_eligible" and result["missing"] == []


def test_turkish_nationality_adds_note():
    assert "turkse_onderdanen_andere_voorwaarden" in assess("buiten_schuld", {"turkse_nationaliteit": True})["notes"]
    assert "turkse_onderdanen_andere_voorwaarden" not in assess("buiten_schuld", {})["notes"]


def test_possible_outcome_says_the_ind_weighs_circumstances():
    assert "ind_beoordeelt_omstandigheden" in assess("mensenhandel_getuige", GET_OK)["notes"]


def test_person_facts_are_never_missing():
    missing = assess("kind_bij_ouder", {})["missing"]
    assert not {"eu_eer_zwitserland", "turkse_nationaliteit", "minderjarig"} & set(missing)


def test_unknown_value_none_counts_as_missing():
    assert assess("overlijden_ouder", with_(OO_OK, vergunning_bij_ouder=None))["missing"] == ["vergunning_bij_ouder"]


BAD_INPUT = [
    ("onbekende route", "studie", {}),
    ("ja als tekst", "overlijden_ouder", {"ouder_nederlander_of_niet_tijdelijk": "ja"}),
    ("1 in plaats van true", "overlijden_partner", {"vergunning_bij_partner": 1}),
    ("negatieve jaren", "huwelijk_relatie", {"jaren_vergunning": -1}),
    ("jaren als tekst", "kind_bij_ouder", {"jaren_vergunning": "5"}),
    ("jaren als kommagetal", "buiten_schuld", {"jaren_vergunning": 3.5}),
    ("jaren als boolean", "buiten_schuld", {"jaren_vergunning": True}),
    ("onbekende strafzaak", "mensenhandel_slachtoffer", {"strafzaak": "vrijgesproken"}),
    ("feiten geen dict", "buiten_schuld", ["jaren_vergunning", 3]),
]


@pytest.mark.parametrize("route,facts", [c[1:] for c in BAD_INPUT], ids=[c[0] for c in BAD_INPUT])
def test_bad_input_raises_clear_value_error(route, facts):
    with pytest.raises(ValueError) as error:
        assess(route, facts)
    assert str(error.value)


def test_command_line_prints_json():
    project = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-m", "actions.eligibility", "--route", "huwelijk_relatie", "--facts", json.dumps(HR_OK)],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(out.stdout)["outcome"] == "eligible"


def test_command_line_reports_bad_route_without_traceback():
    project = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-m", "actions.eligibility", "--route", "x"], cwd=project, capture_output=True, text=True
    )
    assert out.returncode == 2 and "Onbekende route" in out.stderr and "Traceback" not in out.stderr
