"""What the report may show of a text: the logs' masking, no web addresses, and nothing on violence.

Texts from conversations on the violence and trafficking routes are counted but never shown; neither is a
not-understood message the model thought closest to one of those routes, because people describe what
happened to them in their own words and the masking only knows some of those words.
"""

import re

import inhoud
from dienst.logboek import WEGGELATEN, maskeer

# The routes for victims of domestic violence and trafficking: `zorg:` in inhoud/kennis/routes.yml.
ZORGROUTES = frozenset(inhoud.huidige().zorgroutes)
ZORG_INTENTS = frozenset(f"route_{route}" for route in ZORGROUTES)
ZORG_FORMULIEREN = frozenset(f"form_{route}" for route in ZORGROUTES)
# The report is one offline file: an address in it could be followed, or load something, when opened.
_ADRES = re.compile(r"\b(?:[a-z][a-z0-9+.-]*://|www\.)\S+", re.IGNORECASE)
WEBADRES = "[webadres]"


def is_zorgroute(route: object) -> bool:
    return route in ZORGROUTES


def is_zorg_intent(intent: object) -> bool:
    return intent in ZORG_INTENTS


def toonbaar(tekst: str) -> str | None:
    """The text as the report may show it, or None when it must stay out (a sensitive subject)."""
    gemaskeerd = maskeer(" ".join(_ADRES.sub(WEBADRES, tekst).split()))
    return None if gemaskeerd == WEGGELATEN else gemaskeerd
