"""Every factual answer ends with the section of the IND page it comes from: "Bron: ind.nl, Kosten aanvraag".

The headings are data (inhoud/bronnen.yml and, for FAQ and glossary answers, inhoud/faq.yml); this response generator adds the line to the
response's text, so every channel shows it (the widget in small print, REST and Telegram as the last line).
"""

from typing import Any, Dict, Optional, Text, Tuple

from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain

import inhoud

VOORVOEGSEL = "Bron: ind.nl, "


def bronnen() -> Dict[str, Tuple[str, ...]]:
    return inhoud.huidige().bronnen


def bron_regel(response: str) -> Optional[str]:
    koppen = bronnen().get(response)
    return VOORVOEGSEL + ", ".join(koppen) if koppen else None


def met_bron(bericht: Optional[Dict[str, Any]], response: str) -> Optional[Dict[str, Any]]:
    regel = bron_regel(response)
    if bericht and regel and bericht.get("text"):
        bericht["text"] = f"{bericht['text'].rstrip()}\n{regel}"
    return bericht


class BronNLG(TemplatedNaturalLanguageGenerator):
    """Rasa's response generator from the domain, plus the source line (endpoints.yml: `nlg: type: ...`)."""

    def __init__(self, endpoint_config: Any = None, domain: Optional[Domain] = None) -> None:
        super().__init__((domain or Domain.empty()).responses)

    def generate_from_slots(
        self, utter_action: Text, filled_slots: Dict[Text, Any], output_channel: Text, **kwargs: Any
    ) -> Optional[Dict[Text, Any]]:
        return met_bron(super().generate_from_slots(utter_action, filled_slots, output_channel, **kwargs), utter_action)
