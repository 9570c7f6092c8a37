"""What the classifiers made of one message, and what its words say, read once: the steps in stappen.py work on it.

`intent` is the intent the steps go by; `zet` changes it in the message too, `laat_los` only here (the
situation in the words decides). The readings of the words are computed on first use and kept.
"""

from functools import cached_property
from typing import Any, Collection, Dict, List, Optional

from rasa.nlu.constants import (
    RESPONSE_SELECTOR_DEFAULT_INTENT,
    RESPONSE_SELECTOR_PREDICTION_KEY,
    RESPONSE_SELECTOR_PROPERTY_NAME,
    RESPONSE_SELECTOR_RANKING_KEY,
    RESPONSE_SELECTOR_UTTER_ACTION_KEY,
)
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import (
    ENTITIES,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    INTENT_RESPONSE_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from lezen.herkomst import herkomst
from lezen.lezing import Lezing
from lezen.situatie import (
    gevaar,
    lees_situatie,
    vraagt_bedrag,
    vraagt_betekenis,
    vraagt_kosten,
    vraagt_procedure_onderwerp,
)
from lezen.vragen import TWEEDE_ANTWOORD, vragen_per_deel

ZEKERHEID = 0.95  # what a choice the words settled is given: above every threshold of the policies
EXTRACTOR = "SituatieHerkenner"


class Ontleding:
    def __init__(self, message: Message) -> None:
        self.message = message
        self.tekst: str = message.get(TEXT) or ""
        self.intent: str = (message.get(INTENT) or {}).get(INTENT_NAME_KEY) or ""
        self.vervangbaar = False  # set once the model's intent is corrected (stappen.corrigeer_model)

    @cached_property
    def gevaar(self) -> Optional[str]:
        return gevaar(self.tekst)

    @cached_property
    def lezing(self) -> Lezing:
        return lees_situatie(self.tekst)

    @property
    def route(self) -> Optional[str]:
        return self.lezing.waarde if isinstance(self.lezing.waarde, str) else None

    @property
    def kandidaten(self) -> List[str]:
        return self.lezing.waarde if isinstance(self.lezing.waarde, list) else []

    @property
    def situatie(self) -> bool:
        return bool(self.route or self.kandidaten)

    @cached_property
    def herkomst(self) -> Optional[str]:
        """The nationality group the words name (own or a family member's), or None."""
        return herkomst(self.tekst).waarde

    @cached_property
    def kosten(self) -> bool:
        """Fee words: "wat kost", "leges", "how much"."""
        return vraagt_kosten(self.tekst)

    @cached_property
    def bedrag(self) -> bool:
        """An amount asked ("betalen Turken minder?"), not how to pay."""
        return vraagt_bedrag(self.tekst)

    @cached_property
    def betekenis(self) -> bool:
        return vraagt_betekenis(self.tekst)

    @cached_property
    def procedure_onderwerp(self) -> bool:
        return vraagt_procedure_onderwerp(self.tekst)

    @cached_property
    def vragen_per_deel(self) -> List[str]:
        """The answers the words of each question settle, when the message asks more than one."""
        return vragen_per_deel(self.tekst)

    def eerste_keuzes(self, aantal: int = 3) -> List[str]:
        namen = [r.get(INTENT_NAME_KEY) for r in self.message.get(INTENT_RANKING_KEY) or []]
        return [n for n in namen if n != DEFAULT_NLU_FALLBACK_INTENT_NAME][:aantal]

    @property
    def _antwoordmodel(self) -> Dict[str, Any]:
        """The answer selector's output: its prediction and its ranking."""
        eigenschappen = self.message.get(RESPONSE_SELECTOR_PROPERTY_NAME) or {}
        return eigenschappen.get(RESPONSE_SELECTOR_DEFAULT_INTENT) or {}

    @property
    def keuze(self) -> Dict[str, Any]:
        """The answer selector's prediction."""
        return self._antwoordmodel.get(RESPONSE_SELECTOR_PREDICTION_KEY) or {}

    @property
    def sleutel(self) -> str:
        return str(self.keuze.get(INTENT_RESPONSE_KEY) or "")

    def eerste_antwoorden(self, aantal: int = 3) -> List[str]:
        """The answer selector's first choices (faq/..., begrip/...)."""
        ranking = self._antwoordmodel.get(RESPONSE_SELECTOR_RANKING_KEY) or []
        return [str(r.get(INTENT_RESPONSE_KEY)) for r in ranking[:aantal]]

    @property
    def keuze_zekerheid(self) -> float:
        return self.keuze.get(PREDICTED_CONFIDENCE_KEY, 0)

    def zet(self, naam: str, zonder: Collection[str] = ()) -> None:
        """The intent, first in the ranking; the intents `zonder` leave the ranking (no topic button offers them)."""
        self.intent = naam
        weg = {naam, *zonder}
        ranking = [r for r in self.message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY) not in weg]
        nieuw = {INTENT_NAME_KEY: naam, "confidence": ZEKERHEID}
        self.message.set(INTENT, nieuw, add_to_output=True)
        self.message.set(INTENT_RANKING_KEY, [nieuw] + ranking, add_to_output=True)

    def laat_los(self) -> None:
        """The model's intent no longer counts: the situation in the words decides."""
        self.intent = ""

    def kies_antwoord(self, sleutel: str) -> None:
        """The answer Rasa's retrieval action utters (it reads utter_action), chosen by the words, not the model."""
        keuze = {
            **self.keuze,
            INTENT_RESPONSE_KEY: sleutel,
            RESPONSE_SELECTOR_UTTER_ACTION_KEY: f"utter_{sleutel}",
            PREDICTED_CONFIDENCE_KEY: ZEKERHEID,
        }
        eigenschappen = dict(self.message.get(RESPONSE_SELECTOR_PROPERTY_NAME) or {})
        eigenschappen[RESPONSE_SELECTOR_DEFAULT_INTENT] = {
            **self._antwoordmodel,
            RESPONSE_SELECTOR_PREDICTION_KEY: keuze,
        }
        self.message.set(RESPONSE_SELECTOR_PROPERTY_NAME, eigenschappen, add_to_output=True)

    def zet_tweede_antwoord(self, sleutel: str) -> None:
        """A second answer (faq/..., begrip/...) for a second question in the message, said after the first."""
        self.message.set(TWEEDE_ANTWOORD, sleutel, add_to_output=True)

    def voeg_entiteit_toe(self, naam: str, waarde: str) -> None:
        anders = [e for e in self.message.get(ENTITIES) or [] if e.get("entity") != naam]
        entiteit = {"entity": naam, "value": waarde, "start": 0, "end": 0, "extractor": EXTRACTOR}
        self.message.set(ENTITIES, anders + [entiteit], add_to_output=True)
