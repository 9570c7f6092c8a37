"""The conversations of bench/gesprekken.yml as data: per bot a list of scripts of turns (text, fragment)."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, NamedTuple

import yaml

BESTAND = Path(__file__).with_name("gesprekken.yml")
STORING = "technische storing"  # utter_storing: the channels' apology when something failed inside


class Beurt(NamedTuple):
    tekst: str
    verwacht: str  # a fragment the reply must contain


@dataclass(frozen=True)
class StoringScript:
    voor: List[Beurt]  # brings a check to the point where the next answer needs the action server
    tijdens: Beurt  # sent while the action server is frozen or dead
    daarna: Beurt  # sent once it is back


@dataclass(frozen=True)
class Gesprekken:
    bots: Dict[str, List[List[Beurt]]]  # "ons" / "starter" -> scripts
    storing: StoringScript

    def van(self, bot: str) -> List[List[Beurt]]:
        return self.bots["starter" if bot == "starter" else "ons"]


def beurt(waarde: Any, waar: str) -> Beurt:
    if not (isinstance(waarde, list) and len(waarde) == 2 and all(isinstance(w, str) and w for w in waarde)):
        raise ValueError(f"{waar}: expected [text, fragment], got {waarde!r}")
    return Beurt(*waarde)


def script(waarden: Any, waar: str) -> List[Beurt]:
    if not isinstance(waarden, list) or not waarden:
        raise ValueError(f"{waar}: expected a non-empty list of turns")
    return [beurt(w, f"{waar}[{i}]") for i, w in enumerate(waarden)]


def lees(tekst: str) -> Gesprekken:
    inhoud = yaml.safe_load(tekst) or {}
    bots = {}
    for bot in ("ons", "starter"):
        scripts = inhoud.get(bot)
        if not isinstance(scripts, dict) or not scripts:
            raise ValueError(f"{bot}: expected conversations by name")
        bots[bot] = [script(turns, f"{bot}.{naam}") for naam, turns in scripts.items()]
    storing = inhoud.get("storing") or {}
    return Gesprekken(
        bots,
        StoringScript(
            script(storing.get("voor"), "storing.voor"),
            beurt(storing.get("tijdens"), "storing.tijdens"),
            beurt(storing.get("daarna"), "storing.daarna"),
        ),
    )


def laad(pad: Path = BESTAND) -> Gesprekken:
    return lees(pad.read_text(encoding="utf-8"))
