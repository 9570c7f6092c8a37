"""python scripts/nieuwe_route.py <route>: what Rasa's files need for a route of inhoud/kennis/routes.yml.

Prints the form and the slots it still lacks (domain.yml), the three rules (data/rules/routes.yml) and what
a person writes by hand: the intent's examples and the responses. It writes no file.
tests/test_een_plek_per_route.py checks the same pieces and says what is still missing where.
"""

import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

import yaml

from actions.controle import vragen_van_route, zin_voor
from actions.eligibility import laad_kennis


def formulier(route: str) -> dict:
    return {f"form_{route}": {"required_slots": vragen_van_route(route)}}


def slot() -> dict:
    """A fact the form asks: only the form's validation fills it (rasa_sdk sets it with SlotSet)."""
    return {"type": "any", "influence_conversation": False, "mappings": [{"type": "custom"}]}


def regels(route: str) -> list:
    """Start the check after the offer or on request, and tell the outcome when the form is done."""
    form = f"form_{route}"

    def gekozen() -> list:
        return [{"slot_was_set": [{"route": route}]}]

    return [
        {
            "rule": f"controle {route} starten na aanbod",
            "condition": gekozen(),
            "steps": [
                {"action": "utter_aanbod_controle"},
                {"or": [{"intent": "affirm"}, {"intent": "start_controle"}]},
                {"action": form},
                {"active_loop": form},
            ],
        },
        {
            "rule": f"controle {route} starten",
            "condition": gekozen(),
            "steps": [{"intent": "start_controle"}, {"action": form}, {"active_loop": form}],
        },
        {
            "rule": f"controle {route} afronden",
            "condition": [{"active_loop": form}],
            "steps": [
                {"action": form},
                {"active_loop": None},
                {"slot_was_set": [{"requested_slot": None}]},
                {"action": "action_beoordeel_route"},
            ],
        },
    ]


def vragen(route: str, domain: dict) -> dict:
    """Per slot of the form, the ways to ask it: each a list of responses that together do it."""
    nodig = {}
    for naam in vragen_van_route(route):
        if f"action_ask_{naam}" in domain.get("actions", []):
            # actions/vragen.py asks it, and confirms years the person mentioned.
            nodig[naam] = [[f"utter_vraag_jaren_{route}", f"utter_bevestig_jaren_{route}"]]
        else:
            nodig[naam] = [[f"utter_ask_form_{route}_{naam}"], [f"utter_ask_{naam}"]]
    return nodig


def als_tekst(manieren: list) -> str:
    return " or ".join(" and ".join(manier) for manier in manieren)


def uitleg(route: str) -> dict:
    """Per slot without a condition sentence of its own, the response that answers "waarom?"."""
    return {naam: f"utter_waarom_{naam}" for naam in vragen_van_route(route) if not zin_voor(route, naam)}


class _Inspringen(yaml.SafeDumper):
    """Lists indented under their key, as in domain.yml and data/rules/."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def als_yaml(data) -> str:
    """YAML to paste under a top-level key (forms:, slots:, rules:)."""
    tekst = yaml.dump(data, Dumper=_Inspringen, allow_unicode=True, sort_keys=False, width=120)
    return "".join("  " + regel for regel in tekst.splitlines(keepends=True))


def main(argv: list) -> int:
    routes = laad_kennis().routes
    if len(argv) != 1 or argv[0] not in routes:
        print(f"usage: python scripts/nieuwe_route.py <route>; routes: {', '.join(routes)}", file=sys.stderr)
        return 2
    route = argv[0]
    domain = yaml.safe_load((PROJECT / "domain.yml").read_text(encoding="utf-8"))
    nieuw = [n for n in vragen_van_route(route) if n not in domain.get("slots", {})]
    print(f"# domain.yml: under intents: route_{route}; under actions: validate_form_{route}")
    print(f"# domain.yml: under slots: route: values: {route}")
    if nieuw:
        print("# domain.yml, under slots:\n" + als_yaml({n: slot() for n in nieuw}))
    print("# domain.yml, under forms:\n" + als_yaml(formulier(route)))
    print("# data/rules/routes.yml, under rules: (and route_" + route + " in 'situatie past bij een route')")
    print(als_yaml(regels(route)))
    print(f"# data/nlu/routes.yml: '- intent: route_{route}' with examples in people's own words")
    print(f"# domain.yml, responses (and each in inhoud/bronnen.yml): utter_route_intro_{route}")
    for naam, manieren in vragen(route, domain).items():
        print(f"#   {naam}: {als_tekst(manieren)}")
    for naam, antwoord in uitleg(route).items():
        print(f"#   waarom {naam}: {antwoord}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
