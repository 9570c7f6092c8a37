"""inzicht/kandidaten.yml: the not-understood messages as Rasa NLU examples, under the intent the model thought
closest, for a person to review and move into data/nlu/. Nothing is trained from it automatically.
"""

from collections.abc import Iterable

from beheer.inzicht.groeperen import Groep
from beheer.inzicht.ontleden import FALLBACK_INTENT

GEEN_SUGGESTIE = "out_of_scope"  # nlu_fallback is no intent to train; out_of_scope is the nearest real one
KOP = """\
# Kandidaten voor de trainingsdata: berichten die de assistent niet begreep ({periode}).
# Ze staan onder de intent die het model het dichtst vond. Dat is een gok: beoordeel elk voorbeeld, zet het
# onder de goede intent en verplaats het naar data/nlu/. Niets hieruit wordt automatisch getraind.
# [***] is een gemaskeerd persoonsgegeven: maak er een verzonnen voorbeeld van of laat het voorbeeld weg.
# Berichten uit gesprekken over geweld of mensenhandel staan hier nooit in.
"""


def schoon(tekst: str) -> str:
    """One printable line: a line break or a control character would break the YAML block."""
    return " ".join("".join(t if t.isprintable() else " " for t in tekst).split())


def per_intent(groepen: Iterable[Groep]) -> dict[str, list[str]]:
    """Examples per suggested intent, the intent of the largest group first; each wording once."""
    verzameld: dict[str, list[str]] = {}
    gezien = set()
    for groep in groepen:
        intent = groep.suggestie if groep.suggestie not in ("", FALLBACK_INTENT) else GEEN_SUGGESTIE
        for tekst, _ in groep.teksten.most_common():
            voorbeeld = schoon(tekst)
            if voorbeeld and voorbeeld not in gezien:
                gezien.add(voorbeeld)
                verzameld.setdefault(intent, []).append(voorbeeld)
    return verzameld


def yaml_tekst(groepen: Iterable[Groep], periode: str) -> str:
    regels = [KOP.format(periode=periode).rstrip("\n"), 'version: "3.1"', "nlu:"]
    for intent, voorbeelden in per_intent(groepen).items():
        regels += [f"- intent: {intent}", "  examples: |"] + [f"    - {v}" for v in voorbeelden]
    if regels[-1] == "nlu:":
        regels[-1] = "nlu: []"
    return "\n".join(regels) + "\n"
