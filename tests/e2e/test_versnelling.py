"""rasaserver/patches/versnelling.py changes the cost of a message, never its outcome: the conversations of the test
stories (and the development questions, where present) give the same intents, confidences, entities,
response-selector choices and bot messages with and without it."""

import math
from typing import Any, Dict, List

import yaml
from rasa.core.agent import load_agent
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.utils import AvailableEndpoints
from rasa.utils.endpoints import EndpointConfig

from rasaserver.patches import versnelling
from tests.e2e.stack import MODEL, ROOT

QA = ROOT.parent / "shared" / "eval" / "qa_dev.yml"


def gesprekken() -> List[List[str]]:
    verhalen = yaml.safe_load((ROOT / "tests" / "test_stories.yml").read_text())["stories"]
    gesprekken = [[stap["user"].strip() for stap in verhaal["steps"] if "user" in stap] for verhaal in verhalen]
    if QA.exists():
        gesprekken += [[vraag["question"]] for vraag in yaml.safe_load(QA.read_text())["items"]]
    return gesprekken


async def speel(agent, gesprekken: List[List[str]], label: str) -> List[Dict[str, Any]]:
    uitkomsten = []
    for nummer, gesprek in enumerate(gesprekken):
        for tekst in gesprek:
            uitvoer = CollectingOutputChannel()
            ontleed = await agent.parse_message(tekst)
            await agent.handle_text(tekst, output_channel=uitvoer, sender_id=f"{label}-{nummer}")
            uitkomsten.append({"ontleed": ontleed, "antwoorden": [m.get("text") for m in uitvoer.messages]})
    return uitkomsten


def zelfde(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-4, abs_tol=1e-5)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(zelfde(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(zelfde(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def tel(monkeypatch, naam: str) -> List[Any]:
    """Counts the calls of dienst.versnelling's function `naam`; returns the list of first arguments."""
    origineel = getattr(versnelling, naam)
    aanroepen: List[Any] = []

    def geteld(eerste: Any, *rest: Any) -> Any:
        aanroepen.append(eerste)
        return origineel(eerste, *rest)

    monkeypatch.setattr(versnelling, naam, geteld)
    return aanroepen


async def test_versnelling_verandert_geen_uitkomst_en_wordt_gebruikt(stack, monkeypatch):
    eindpunten = AvailableEndpoints(action=EndpointConfig(f"http://127.0.0.1:{stack.actie_poort}/webhook"))
    agent = await load_agent(model_path=str(MODEL), endpoints=eindpunten)
    reeks = gesprekken()
    zonder = await speel(agent, reeks, "zonder")
    soorten, opgezocht = tel(monkeypatch, "event_soort"), tel(monkeypatch, "_origineel_resolve_by_type")
    versnelling.installeer()
    try:
        met = await speel(agent, reeks, "met")
    finally:
        monkeypatch.undo()  # first, so that verwijder() puts Rasa's own functions back, not the counters
        versnelling.verwijder()
    assert len(met) == len(zonder) > 50
    verschillen = [(z["ontleed"]["text"], z, m) for z, m in zip(zonder, met, strict=True) if not zelfde(z, m)]
    assert not verschillen, verschillen[:3]
    # In use, not only harmless: each event name was looked up among Rasa's classes once at most, then in the
    # table.
    assert len(opgezocht) == len(set(opgezocht)) and len(soorten) > 10 * max(len(opgezocht), 1)
