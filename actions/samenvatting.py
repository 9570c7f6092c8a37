"""Reading back what the assistant took from the person's own words, one short line a fact ("Klopt dit?").

The lines are data (samenvatting.yml); a fact that came from a button or a plain answer is never read back.
"""

from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional

import yaml

from actions.controle import HERKOMST


@lru_cache(maxsize=1)
def regels_data() -> Dict[str, Any]:
    with open(Path(__file__).with_name("samenvatting.yml"), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def regel(route: str, feit: str, waarde: Any) -> Optional[str]:
    """The line for one fact and its value, or None when there is none (an unknown answer is not read back)."""
    data = regels_data()
    if feit.startswith("jaren_") and isinstance(waarde, int):
        sleutel = "jaren_uitgesteld_vertrek" if feit == "jaren_uitgesteld_vertrek" else route
        sjabloon = data["jaren"].get(sleutel)
        return sjabloon.format(jaren=waarde) if sjabloon else None
    lijnen = (data.get("per_route") or {}).get(route, {}).get(feit) or data["feiten"].get(feit) or {}
    return lijnen.get(waarde) if (feit == HERKOMST or isinstance(waarde, bool)) else None


def samenvatting(route: str, slots: Dict[str, Any], feiten: Iterable[str]) -> str:
    """Bullets for the facts (slot names) that have a line; empty when none has."""
    regels: List[str] = [r for r in (regel(route, f, slots.get(f)) for f in feiten) if r]
    return "\n".join(f"• {r}" for r in regels)
