"""The fee rules of the page ("Kosten aanvraag"), every branch, and fee periods by date."""

from datetime import date

import pytest
import yaml

from actions.eligibility import assess, knowledge
from actions.eligibility.leges import periode_op

FEES = [
    # (situation, route, person facts, fee)
    ("huwelijk, volwassen", "huwelijk_relatie", {}, 237),
    ("huwelijk, minderjarig", "huwelijk_relatie", {"minderjarig": True}, 51),
    ("overlijden partner", "overlijden_partner", {}, 237),
    ("kind bij ouder, minderjarig", "kind_bij_ouder", {"minderjarig": True}, 51),
    ("kind bij ouder, volwassen", "kind_bij_ouder", {}, 237),
    ("overlijden ouder", "overlijden_ouder", {}, 237),
    ("huiselijk geweld, volwassen", "huiselijk_geweld", {}, 237),
    ("huiselijk geweld, minderjarig", "huiselijk_geweld", {"minderjarig": True}, 51),
    ("mensenhandel geen aangifte", "mensenhandel_geen_aangifte", {}, 371),
    ("mensenhandel slachtoffer, minderjarig: geen korting", "mensenhandel_slachtoffer", {"minderjarig": True}, 371),
    ("getuige-aangever", "mensenhandel_getuige", {}, 371),
    ("medische behandeling", "medische_behandeling", {}, 1003),
    ("medisch, minderjarig: geen korting", "medische_behandeling", {"minderjarig": True}, 1003),
    ("buiten schuld", "buiten_schuld", {}, 1003),
    ("Turks, medisch", "medische_behandeling", {"turkse_nationaliteit": True}, 51),
    ("Turks, mensenhandel", "mensenhandel_getuige", {"turkse_nationaliteit": True}, 51),
    ("Turks en minderjarig, familie", "kind_bij_ouder", {"turkse_nationaliteit": True, "minderjarig": True}, 51),
    ("EU-burger: andere regels, geen bedrag", "huwelijk_relatie", {"eu_eer_zwitserland": True}, None),
    (
        "EU-burger en Turks: andere regels",
        "buiten_schuld",
        {"eu_eer_zwitserland": True, "turkse_nationaliteit": True},
        None,
    ),
]


@pytest.mark.parametrize("route,facts,fee", [c[1:] for c in FEES], ids=[c[0] for c in FEES])
def test_fee(route, facts, fee):
    assert assess(route, facts)["fee_eur"] == fee


def test_fee_is_reported_whatever_the_outcome():
    result = assess("buiten_schuld", {"jaren_vergunning": 1})
    assert result["outcome"] == "not_eligible" and result["fee_eur"] == 1003


def test_yearly_fee_change_is_a_data_edit(knowledge_copy):
    path = knowledge_copy / "leges.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["perioden"].append(
        {
            "geldig_vanaf": date(2031, 1, 1),
            "turkse_nationaliteit": 60,
            "categorieen": {
                "standaard": {"bedrag": 1100},
                "mensenhandel": {"bedrag": 400},
                "familie_of_geweld": {"bedrag": 250, "minderjarig": 60},
            },
        }
    )
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert assess("buiten_schuld", {}, peildatum=date(2030, 12, 31))["fee_eur"] == 1003
    assert assess("buiten_schuld", {}, peildatum=date(2031, 1, 1))["fee_eur"] == 1100
    assert assess("kind_bij_ouder", {"minderjarig": True}, peildatum=date(2031, 6, 1))["fee_eur"] == 60


def test_no_fee_period_before_the_first_one():
    kennis = knowledge.laad_kennis()
    with pytest.raises(ValueError, match="geen legestarief"):
        periode_op(kennis, date(2000, 1, 1))
