"""Compares what two trained models understand: intent and entities, message by message.

Use it before changing the pipeline: `python scripts/vergelijk_nlu.py OLD.tar.gz NEW.tar.gz`. The messages are
the held-out set (tests/nlu), the development questions and the openers of the development conversations (in
../shared/eval when present): none of them is training data. Prints how many agree and each difference.
"""

import argparse
import asyncio
import sys
from pathlib import Path
from typing import Dict, FrozenSet, List, Tuple

import yaml
from rasa.shared.nlu.training_data.loading import load_data

ROOT = Path(__file__).resolve().parents[1]
Begrip = Tuple[str, FrozenSet[Tuple[str, str]]]


def berichten(shared: Path) -> List[str]:
    teksten: List[str] = []
    for bestand in sorted((ROOT / "tests" / "nlu").glob("*.yml")):
        teksten += [m.get("text") for m in load_data(str(bestand)).training_examples]
    vragen, gesprekken = shared / "eval" / "qa_dev.yml", shared / "eval" / "conversations_dev.yml"
    if vragen.exists():
        teksten += [v["question"] for v in yaml.safe_load(vragen.read_text())["items"]]
    if gesprekken.exists():
        teksten += [g["opener"] for g in yaml.safe_load(gesprekken.read_text())["conversations"]]
    return list(dict.fromkeys(teksten))


async def begrijp(model: str, teksten: List[str]) -> Dict[str, Begrip]:
    from rasa.core.agent import Agent

    agent = Agent.load(model)
    uitkomst = {}
    for tekst in teksten:
        ontleed = await agent.parse_message(tekst)
        entiteiten = frozenset((e["entity"], str(e.get("value"))) for e in ontleed.get("entities", []))
        uitkomst[tekst] = (ontleed["intent"]["name"], entiteiten)
    return uitkomst


def vergelijk(oud: Dict[str, Begrip], nieuw: Dict[str, Begrip]) -> None:
    intent_anders = [t for t in oud if oud[t][0] != nieuw[t][0]]
    entiteit_anders = [t for t in oud if oud[t][1] != nieuw[t][1]]
    met_entiteit = sum(1 for t in oud if oud[t][1] or nieuw[t][1])
    print(f"messages: {len(oud)}")
    print(f"same intent: {len(oud) - len(intent_anders)}/{len(oud)}")
    print(f"same entities: {len(oud) - len(entiteit_anders)}/{len(oud)} ({met_entiteit} with an entity in either)")
    for tekst in intent_anders:
        print(f"  intent  {oud[tekst][0]} -> {nieuw[tekst][0]}: {tekst}")
    for tekst in entiteit_anders:
        print(f"  entity  {sorted(oud[tekst][1])} -> {sorted(nieuw[tekst][1])}: {tekst}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("oud")
    parser.add_argument("nieuw")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    teksten = berichten(args.shared)
    oud = asyncio.run(begrijp(args.oud, teksten))
    nieuw = asyncio.run(begrijp(args.nieuw, teksten))
    vergelijk(oud, nieuw)
    return 0


if __name__ == "__main__":
    sys.exit(main())
