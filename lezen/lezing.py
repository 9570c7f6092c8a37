"""What a reading of a person's words gives: a value, how sure it is, and the words it came from."""

from dataclasses import dataclass
from typing import Any

GEZEGD = "gezegd"  # said plainly: one reading ("ja", "7 jaar", "ik ben Turks")
AFGELEID = "afgeleid"  # inferred: a story, a hedge, a self-correction, a date, a negated sentence
AFWEZIG = "afwezig"


@dataclass(frozen=True)
class Lezing:
    waarde: Any = None
    zekerheid: str = AFWEZIG
    woorden: str = ""

    @property
    def gelezen(self) -> bool:
        return self.zekerheid != AFWEZIG

    @property
    def zeker(self) -> bool:
        return self.zekerheid == GEZEGD


NIETS = Lezing()


def gezegd(waarde: Any, woorden: str = "") -> Lezing:
    return Lezing(waarde, GEZEGD, woorden)


def afgeleid(waarde: Any, woorden: str = "") -> Lezing:
    return Lezing(waarde, AFGELEID, woorden)
