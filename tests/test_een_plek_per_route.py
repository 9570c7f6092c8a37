"""One place per route and per FAQ answer: every route of inhoud/kennis/routes.yml has what Rasa's files need,
and nothing is left of a route the knowledge no longer has. Each failure says what to add (or remove) where;
`python scripts/nieuwe_route.py <route>` prints the form and the rules.

An FAQ or glossary answer lives in three places: inhoud/faq.yml (heading, topic title), domain.yml's response and
the NLU examples. `python scripts/nieuwe_faq.py` adds all three, and the last test shows that nothing else is
needed: on a copy of the project the scaffold's answer passes these checks, the start's content check and
Rasa's own domain and NLU validation."""

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import List, Optional

import pytest
import yaml

import inhoud
from actions.controle import vragen_van_route
from actions.eligibility import laad_kennis
from scripts import nieuwe_faq
from scripts.nieuwe_route import als_tekst, als_yaml, main, regels, uitleg, vragen
from tests.conftest import PROJECT

BESTANDEN = ("domain.yml", "data/rules/routes.yml", "data/nlu/routes.yml")
SITUATIE_REGEL = "situatie past bij een route"
ROUTE_NAMEN = ("route_", "utter_route_intro_", "utter_vraag_jaren_", "utter_bevestig_jaren_", "utter_ask_form_")
ROUTE_REGEL = re.compile(r"controle (\w+) (?:starten na aanbod|starten|afronden)")
LADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: domain.yml in 0.03 s instead of 0.3 s


SCHRIJVER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _lees(project: Path, naam: str):
    return yaml.load((project / naam).read_text(encoding="utf-8"), Loader=LADER)


def fouten(project: Path) -> List[str]:
    """What Rasa's files in `project` lack for the routes of the knowledge (inhoud/kennis/)."""
    domain = _lees(project, "domain.yml")
    regelset = {r["rule"]: r for r in _lees(project, "data/rules/routes.yml")["rules"]}
    nlu = {i["intent"]: i.get("examples", "") for i in _lees(project, "data/nlu/routes.yml")["nlu"] if "intent" in i}
    bronnen = inhoud.lees()
    routes = list(laad_kennis().routes)
    gevonden = []
    for route in routes:
        gevonden += (
            _domain_fouten(route, domain) + _regel_fouten(route, regelset) + _bron_fouten(route, domain, bronnen)
        )
        if not nlu.get(f"route_{route}", "").strip():
            gevonden.append(f"data/nlu/routes.yml: no examples for intent route_{route}")
    return gevonden + _resten(routes, domain, regelset, nlu)


def _domain_fouten(route: str, domain: dict) -> List[str]:
    fout = []
    for lijst, naam in (("intents", f"route_{route}"), ("actions", f"validate_form_{route}")):
        if naam not in domain.get(lijst, []):
            fout.append(f"domain.yml: {lijst}: misses {naam}")
    if route not in domain["slots"]["route"].get("values", []):
        fout.append(f"domain.yml: slot route misses value {route}")
    return fout + _form_fouten(route, domain) + _vraag_fouten(route, domain)


def _form_fouten(route: str, domain: dict) -> List[str]:
    form, nodig = f"form_{route}", vragen_van_route(route)
    fout = _slot_fouten(form, nodig, domain)
    if form not in domain.get("forms", {}):
        return [f"domain.yml: forms: misses {form} (python scripts/nieuwe_route.py {route} prints it)"] + fout
    gevraagd = domain["forms"][form].get("required_slots", [])
    fout += [f"domain.yml: form {form} misses required slot {s}" for s in nodig if s not in gevraagd]
    fout += [
        f"domain.yml: form {form} asks slot {s}, which the knowledge does not need" for s in gevraagd if s not in nodig
    ]
    if sorted(gevraagd) == sorted(nodig) and gevraagd != nodig:
        fout.append(f"domain.yml: form {form} asks its slots in another order than the knowledge: {nodig}")
    return fout


def _slot_fouten(form: str, nodig: list, domain: dict) -> List[str]:
    fout = []
    for slot in nodig:
        if slot not in domain["slots"]:
            fout.append(f"domain.yml: slots: misses {slot} (asked by {form}), with a custom mapping")
        elif domain["slots"][slot].get("mappings") != [{"type": "custom"}]:
            fout.append(
                f"domain.yml: slot {slot} (asked by {form}) needs only a custom mapping: the form's validation fills it"
            )
    return fout


def _vraag_fouten(route: str, domain: dict) -> List[str]:
    antwoorden = set(domain.get("responses", {}))
    fout = (
        [f"domain.yml: responses: misses utter_route_intro_{route}"]
        if f"utter_route_intro_{route}" not in antwoorden
        else []
    )
    for slot, manieren in vragen(route, domain).items():
        if not any(set(manier) <= antwoorden for manier in manieren):
            fout.append(f"domain.yml: responses: nothing asks {slot} in form_{route}; add {als_tekst(manieren)}")
        if f"action_ask_{slot}" in domain.get("actions", []):
            for verstopt in sorted({f"utter_ask_{slot}", f"utter_ask_form_{route}_{slot}"} & antwoorden):
                fout.append(
                    f"domain.yml: responses: {verstopt} hides action_ask_{slot} (Rasa asks with it, never the action)"
                )
    for slot, antwoord in uitleg(route).items():
        if antwoord not in antwoorden:
            fout.append(f"domain.yml: responses: misses {antwoord} (the answer to 'waarom?' for {slot})")
    return fout


def _regel_fouten(route: str, regelset: dict) -> List[str]:
    fout = []
    for verwacht in regels(route):
        naam = verwacht["rule"]
        if naam not in regelset:
            fout.append(f"data/rules/routes.yml: no rule '{naam}' (python scripts/nieuwe_route.py {route} prints it)")
        elif regelset[naam] != verwacht:
            fout.append(
                f"data/rules/routes.yml: rule '{naam}' is not the one python scripts/nieuwe_route.py {route} prints"
            )
    if {"intent": f"route_{route}"} not in _situatie_intents(regelset):
        fout.append(f"data/rules/routes.yml: rule '{SITUATIE_REGEL}' misses intent route_{route}")
    return fout


def _situatie_intents(regelset: dict) -> list:
    stappen = regelset.get(SITUATIE_REGEL, {}).get("steps", [])
    return next((stap["or"] for stap in stappen if "or" in stap), [])


def _bron_fouten(route: str, domain: dict, bronnen: inhoud.Inhoud) -> List[str]:
    """Every response of the route says where it comes from, or that it is not a fact of the page."""
    bekend = set(bronnen.bronnen) | bronnen.zonder_bron
    return [
        f"inhoud/bronnen.yml: {a} is under neither bronnen: nor zonder_bron:"
        for a in domain.get("responses", {})
        if _van_route(a, route) and a not in bekend
    ]


def _resten(routes: list, domain: dict, regelset: dict, nlu: dict) -> List[str]:
    """What is left of a route the knowledge does not have (renamed or removed)."""
    fout = [
        f"domain.yml: form {f} is for no route of the knowledge" for f in domain.get("forms", {}) if f[5:] not in routes
    ]
    fout += [
        f"domain.yml: action {a} is for no route of the knowledge"
        for a in domain.get("actions", [])
        if a.startswith("validate_form_") and a[14:] not in routes
    ]
    fout += [
        f"domain.yml: slot route has value {w}, which is no route of the knowledge"
        for w in domain["slots"]["route"].get("values", [])
        if w not in routes
    ]
    for naam in regelset:
        deze = ROUTE_REGEL.fullmatch(naam)
        if deze and deze.group(1) not in routes:
            fout.append(f"data/rules/routes.yml: rule '{naam}' is for no route of the knowledge")
    for bestand, intents in (
        ("domain.yml: intents:", domain.get("intents", [])),
        (f"data/rules/routes.yml: rule '{SITUATIE_REGEL}':", [i["intent"] for i in _situatie_intents(regelset)]),
        ("data/nlu/routes.yml:", list(nlu)),
    ):
        fout += [
            f"{bestand} intent {i} is for no route of the knowledge" for i in intents if _route_van(i, routes) is False
        ]
    return fout + [
        f"domain.yml: responses: {a} is for no route of the knowledge"
        for a in domain.get("responses", {})
        if _route_van(a, routes) is False
    ]


def _van_route(naam: str, route: str) -> bool:
    """Whether `naam` is made for `route`: route_x, utter_route_intro_x, utter_ask_form_x_<slot>, ..."""
    return any(naam == v + route or (v == "utter_ask_form_" and naam.startswith(f"{v}{route}_")) for v in ROUTE_NAMEN)


def _route_van(naam: str, routes: list) -> Optional[bool]:
    """For a name made for one route: whether that route is in the knowledge; None for any other name."""
    if not naam.startswith(ROUTE_NAMEN):
        return None
    return any(_van_route(naam, route) for route in routes)


def faq_fouten(project: Path) -> List[str]:
    """What `project` lacks for the FAQ and glossary answers of its inhoud/faq.yml, or has of answers it lacks:
    the NLU examples and the response's text here, the rest as both servers check it at start."""
    gelezen = inhoud.lees(project / "inhoud")
    domain = _lees(project, "domain.yml")
    voorbeelden: dict = {}
    for pad in sorted((project / "data" / "nlu").glob("*.yml")):
        for item in _lees(project, str(pad.relative_to(project))).get("nlu") or []:
            if "/" in item.get("intent", ""):
                voorbeelden[item["intent"]] = voorbeelden.get(item["intent"], "") + (item.get("examples") or "")
    fout = []
    for antwoord in gelezen.antwoorden.values():
        bestand = nieuwe_faq.NLU[antwoord.sleutel.split("/")[0]]
        if not voorbeelden.get(antwoord.sleutel, "").strip():
            fout.append(f"{bestand}: no examples for intent {antwoord.sleutel}")
    fout += [
        f"data/nlu/: intent {i} is for no answer of inhoud/faq.yml" for i in voorbeelden if i not in gelezen.antwoorden
    ]
    return fout + inhoud.controleer(gelezen, domain)


def test_every_route_has_what_rasa_needs_and_nothing_else():
    gevonden = fouten(PROJECT)
    assert gevonden == [], "\n".join(gevonden)


@pytest.fixture
def kopie(tmp_path):
    """A copy of Rasa's files that a test breaks the way a hurried edit would."""
    for naam in BESTANDEN:
        (tmp_path / naam).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(PROJECT / naam, tmp_path / naam)
    return tmp_path


def _wijzig(pad: Path, wijziging) -> None:
    data = yaml.load(pad.read_text(encoding="utf-8"), Loader=LADER)
    wijziging(data)
    pad.write_text(yaml.dump(data, Dumper=SCHRIJVER, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _regel(data: dict, naam: str) -> dict:
    return next(r for r in data["rules"] if r["rule"] == naam)


def _zonder_regel(naam: str):
    return lambda d: d["rules"].remove(_regel(d, naam))


def _zonder_situatie_intent(intent: str):
    return lambda d: _regel(d, SITUATIE_REGEL)["steps"][0]["or"].remove({"intent": intent})


def _zonder_nlu(intent: str):
    return lambda d: d["nlu"].remove(next(i for i in d["nlu"] if i.get("intent") == intent))


def _slots(form: str, slots: list):
    return lambda d: d["forms"][form].update(required_slots=slots)


KIND = vragen_van_route("kind_bij_ouder")
BREUKEN = [
    (
        "form misses a slot",
        "domain.yml",
        _slots("form_huwelijk_relatie", [s for s in vragen_van_route("huwelijk_relatie") if s != "intrekkingsgrond"]),
        "domain.yml: form form_huwelijk_relatie misses required slot intrekkingsgrond",
    ),
    (
        "form asks in another order",
        "domain.yml",
        _slots("form_kind_bij_ouder", [KIND[1], KIND[0], *KIND[2:]]),
        f"domain.yml: form form_kind_bij_ouder asks its slots in another order than the knowledge: {KIND}",
    ),
    (
        "slot of a form is gone",
        "domain.yml",
        lambda d: d["slots"].pop("vergunning_bij_ouder"),
        "domain.yml: slots: misses vergunning_bij_ouder (asked by form_overlijden_ouder), with a custom mapping",
    ),
    (
        "slot filled from an entity",
        "domain.yml",
        lambda d: d["slots"]["strafzaak"].update(mappings=[{"type": "from_text"}]),
        "domain.yml: slot strafzaak (asked by form_mensenhandel_slachtoffer) needs only a custom mapping: "
        "the form's validation fills it",
    ),
    (
        "validation action not listed",
        "domain.yml",
        lambda d: d["actions"].remove("validate_form_buiten_schuld"),
        "domain.yml: actions: misses validate_form_buiten_schuld",
    ),
    (
        "years question gone",
        "domain.yml",
        lambda d: d["responses"].pop("utter_vraag_jaren_buiten_schuld"),
        "domain.yml: responses: nothing asks jaren_vergunning in form_buiten_schuld; "
        "add utter_vraag_jaren_buiten_schuld and utter_bevestig_jaren_buiten_schuld",
    ),
    (
        "a response hides the years action",
        "domain.yml",
        lambda d: d["responses"].update(utter_ask_form_kind_bij_ouder_jaren_vergunning=[{"text": "Hoeveel jaar?"}]),
        "domain.yml: responses: utter_ask_form_kind_bij_ouder_jaren_vergunning hides action_ask_jaren_vergunning "
        "(Rasa asks with it, never the action)",
    ),
    (
        "form of a route that is gone",
        "domain.yml",
        lambda d: d["forms"].update(form_oude_route={"required_slots": ["herkomst_groep"]}),
        "domain.yml: form form_oude_route is for no route of the knowledge",
    ),
    (
        "rule gone",
        "data/rules/routes.yml",
        _zonder_regel("controle buiten_schuld afronden"),
        "data/rules/routes.yml: no rule 'controle buiten_schuld afronden' "
        "(python scripts/nieuwe_route.py buiten_schuld prints it)",
    ),
    (
        "rule changed",
        "data/rules/routes.yml",
        lambda d: _regel(d, "controle huiselijk_geweld starten")["steps"][0].update(intent="affirm"),
        "data/rules/routes.yml: rule 'controle huiselijk_geweld starten' is not the one "
        "python scripts/nieuwe_route.py huiselijk_geweld prints",
    ),
    (
        "situation rule misses an intent",
        "data/rules/routes.yml",
        _zonder_situatie_intent("route_medische_behandeling"),
        "data/rules/routes.yml: rule 'situatie past bij een route' misses intent route_medische_behandeling",
    ),
    (
        "no examples",
        "data/nlu/routes.yml",
        _zonder_nlu("route_overlijden_ouder"),
        "data/nlu/routes.yml: no examples for intent route_overlijden_ouder",
    ),
]


@pytest.mark.parametrize("bestand,wijziging,melding", [b[1:] for b in BREUKEN], ids=[b[0] for b in BREUKEN])
def test_a_broken_file_is_named_with_what_to_fix(kopie, bestand, wijziging, melding):
    _wijzig(kopie / bestand, wijziging)
    assert melding in fouten(kopie)


def test_a_response_without_its_source_is_named(inhoud_copy):
    _wijzig(inhoud_copy / "bronnen.yml", lambda d: d["zonder_bron"].remove("utter_route_intro_buiten_schuld"))
    assert fouten(PROJECT) == [
        "inhoud/bronnen.yml: utter_route_intro_buiten_schuld is under neither bronnen: nor zonder_bron:"
    ]


def test_a_new_route_in_the_knowledge_lists_everything_to_add(knowledge_copy):
    _wijzig(knowledge_copy / "routes.yml", lambda d: d["routes"].update(nieuwe_route=d["routes"]["buiten_schuld"]))
    script = "(python scripts/nieuwe_route.py nieuwe_route prints it)"
    assert fouten(PROJECT) == [
        "domain.yml: intents: misses route_nieuwe_route",
        "domain.yml: actions: misses validate_form_nieuwe_route",
        "domain.yml: slot route misses value nieuwe_route",
        f"domain.yml: forms: misses form_nieuwe_route {script}",
        "domain.yml: responses: misses utter_route_intro_nieuwe_route",
        "domain.yml: responses: nothing asks jaren_vergunning in form_nieuwe_route; "
        "add utter_vraag_jaren_nieuwe_route and utter_bevestig_jaren_nieuwe_route",
        f"data/rules/routes.yml: no rule 'controle nieuwe_route starten na aanbod' {script}",
        f"data/rules/routes.yml: no rule 'controle nieuwe_route starten' {script}",
        f"data/rules/routes.yml: no rule 'controle nieuwe_route afronden' {script}",
        "data/rules/routes.yml: rule 'situatie past bij een route' misses intent route_nieuwe_route",
        "data/nlu/routes.yml: no examples for intent route_nieuwe_route",
    ]


def test_a_route_removed_from_the_knowledge_leaves_nothing_behind(knowledge_copy):
    _wijzig(knowledge_copy / "routes.yml", lambda d: d["routes"].pop("buiten_schuld"))
    assert fouten(PROJECT) == [
        "domain.yml: form form_buiten_schuld is for no route of the knowledge",
        "domain.yml: action validate_form_buiten_schuld is for no route of the knowledge",
        "domain.yml: slot route has value buiten_schuld, which is no route of the knowledge",
        "data/rules/routes.yml: rule 'controle buiten_schuld starten na aanbod' is for no route of the knowledge",
        "data/rules/routes.yml: rule 'controle buiten_schuld starten' is for no route of the knowledge",
        "data/rules/routes.yml: rule 'controle buiten_schuld afronden' is for no route of the knowledge",
        "domain.yml: intents: intent route_buiten_schuld is for no route of the knowledge",
        "data/rules/routes.yml: rule 'situatie past bij een route': intent route_buiten_schuld "
        "is for no route of the knowledge",
        "data/nlu/routes.yml: intent route_buiten_schuld is for no route of the knowledge",
        *[
            f"domain.yml: responses: utter_{naam}_buiten_schuld is for no route of the knowledge"
            for naam in ("route_intro", "vraag_jaren", "bevestig_jaren")
        ],
    ]


@pytest.mark.parametrize("route", list(laad_kennis().routes))
def test_what_the_script_prints_pastes_as_the_rules_that_are_there(route):
    geplakt = yaml.safe_load("rules:\n" + als_yaml(regels(route)))["rules"]
    regelset = {r["rule"]: r for r in _lees(PROJECT, "data/rules/routes.yml")["rules"]}
    assert geplakt == [regelset[r["rule"]] for r in geplakt]


def test_the_script_prints_the_form_and_refuses_a_route_the_knowledge_lacks(capsys):
    assert main(["medische_behandeling"]) == 0
    geprint = capsys.readouterr().out
    assert "  form_medische_behandeling:\n    required_slots:\n      - herkomst_groep\n" in geprint
    assert "utter_vraag_jaren_medische_behandeling and utter_bevestig_jaren_medische_behandeling" in geprint
    assert main(["medisch"]) == 2 and "routes: huwelijk_relatie" in capsys.readouterr().err


def test_a_new_fact_gets_its_slot_printed_and_asked_for(knowledge_copy, capsys):
    _wijzig(knowledge_copy / "feiten.yml", lambda d: d["feiten"].update(nieuw_feit={"type": "bool"}))
    voorwaarde = {"feit": "nieuw_feit", "eis": {"is": True}, "zin": "Een zin.", "bron": "Een zin."}
    _wijzig(
        knowledge_copy / "routes.yml",
        lambda d: d["routes"].update(nieuwe_route=dict(d["routes"]["buiten_schuld"], voorwaarden=[voorwaarde])),
    )
    assert "domain.yml: slots: misses nieuw_feit (asked by form_nieuwe_route), with a custom mapping" in fouten(PROJECT)
    assert main(["nieuwe_route"]) == 0
    slot = "  nieuw_feit:\n    type: any\n    influence_conversation: false\n    mappings:\n      - type: custom\n"
    assert slot in capsys.readouterr().out


def test_every_faq_answer_has_what_rasa_needs_and_nothing_else():
    gevonden = faq_fouten(PROJECT)
    assert gevonden == [], "\n".join(gevonden)


@pytest.fixture
def project_kopie(tmp_path):
    """What an FAQ answer may touch, and what Rasa reads to validate it."""
    for naam in ("inhoud", "data"):
        shutil.copytree(PROJECT / naam, tmp_path / naam, ignore=shutil.ignore_patterns("__pycache__"))
    for naam in ("domain.yml", "config.yml"):
        shutil.copy(PROJECT / naam, tmp_path / naam)
    return tmp_path


def _inhoud_van(map: Path) -> dict:
    return {str(p.relative_to(map)): p.read_bytes() for p in sorted(map.rglob("*")) if p.is_file()}


FAQ_BREUKEN = [
    (
        "examples gone",
        lambda p: _wijzig(
            p / "data/nlu/faq.yml", lambda d: d.update(nlu=[i for i in d["nlu"] if i["intent"] != "faq/werken"])
        ),
        "data/nlu/faq.yml: no examples for intent faq/werken",
    ),
    (
        "examples of an answer the content lacks",
        lambda p: _wijzig(p / "data/nlu/faq.yml", lambda d: d["nlu"].append({"intent": "faq/oud", "examples": "- x"})),
        "data/nlu/: intent faq/oud is for no answer of inhoud/faq.yml",
    ),
    (
        "response gone",
        lambda p: _wijzig(p / "domain.yml", lambda d: d["responses"].pop("utter_begrip/twv")),
        "inhoud/faq.yml: begrip/twv: domain.yml heeft geen antwoord utter_begrip/twv",
    ),
]


@pytest.mark.parametrize("wijziging,melding", [b[1:] for b in FAQ_BREUKEN], ids=[b[0] for b in FAQ_BREUKEN])
def test_a_broken_faq_answer_is_named_with_what_to_fix(project_kopie, wijziging, melding):
    wijziging(project_kopie)
    assert melding in faq_fouten(project_kopie)


def test_the_faq_scaffold_touches_three_files_and_passes_every_check(project_kopie, capsys):
    from rasa.cli.utils import _validate_domain, _validate_nlu
    from rasa.shared.importers.importer import TrainingDataImporter
    from rasa.validator import Validator

    voor = _inhoud_van(project_kopie)
    argumenten = ["reizen", "--kop", "Terugkeervisum", "--titel", "Mag ik reizen tijdens de aanvraag?"]
    argumenten += ["--vraag", "Mag ik op reis terwijl mijn aanvraag loopt?", "--project", str(project_kopie)]
    assert nieuwe_faq.main(argumenten) == 0
    na = _inhoud_van(project_kopie)
    assert sorted(n for n in na if voor.get(n) != na[n]) == ["data/nlu/faq.yml", "domain.yml", "inhoud/faq.yml"]
    assert faq_fouten(project_kopie) == [
        "domain.yml: utter_faq/reizen heeft nog de tekst van scripts/nieuwe_faq.py: schrijf het antwoord"
    ]  # as `python -m inhoud` and the servers' start say it
    assert nieuwe_faq.main(argumenten) == 2 and "already in inhoud/faq.yml" in capsys.readouterr().err

    domain = project_kopie / "domain.yml"
    tekst = "Gaat u op reis terwijl uw aanvraag loopt? Dan heeft u soms een terugkeervisum nodig."
    domain.write_text(
        domain.read_text(encoding="utf-8").replace(nieuwe_faq.PLAATSHOUDER + " (bron: Terugkeervisum)", tekst)
    )
    assert faq_fouten(project_kopie) == [] and fouten(project_kopie) == []
    start = subprocess.run(
        [sys.executable, "-m", "inhoud"], cwd=project_kopie, capture_output=True, text=True, timeout=60
    )
    faq_ervoor = sum(s.startswith("faq/") for s in inhoud.lees().antwoorden)
    assert start.returncode == 0 and f"{faq_ervoor + 1} faq" in start.stdout, start.stderr
    gelezen = inhoud.lees(project_kopie / "inhoud")
    assert gelezen.onderwerpen["faq/reizen"]["titel"] == "Mag ik reizen tijdens de aanvraag?"
    assert gelezen.bronnen["utter_faq/reizen"] == ("Terugkeervisum",)

    importer = TrainingDataImporter.load_from_config(
        str(project_kopie / "config.yml"), str(domain), [str(project_kopie / "data")]
    )
    validator = Validator.from_importer(importer)  # what `rasa data validate --fail-on-warnings` checks, but stories
    assert "utter_faq/reizen" in validator.domain.responses
    assert _validate_domain(validator) and _validate_nlu(validator, fail_on_warnings=True)
