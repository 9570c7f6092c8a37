"""`python -m dienst acties`: the action server, rasa_sdk with our actions (actions/) and nothing of Rasa's core.

It reads and checks the content (inhoud/, dienst/inhoud.py) and the engine's knowledge (inhoud/kennis/) before it
listens.
"""

from typing import List

import rasa_sdk.__main__ as sdk
import yaml
from rasa_sdk.endpoint import create_argument_parser

from actions.eligibility.knowledge import laad_kennis as lees_kennis
from dienst import inhoud, logboek, opdracht, versies
from dienst.instellingen import Instellingen


def laad_kennis() -> None:
    """Reads and checks inhoud/kennis/ now: a wrong file stops the start, not the first user's question."""
    try:
        lees_kennis()  # kept (lru_cache) for every action call of this process
    except (ValueError, yaml.YAMLError, OSError) as fout:
        raise versies.StartFout(f"de kennis in inhoud/kennis/ klopt niet: {fout}") from None


def start(gekozen: Instellingen, extra: List[str]) -> None:
    """rasa_sdk's own start, as `rasa run actions` does it, without importing Rasa itself."""
    inhoud.controleer()
    laad_kennis()
    logboek.installeer()
    sdk.main_from_args(create_argument_parser().parse_args([*opdracht.acties(gekozen), *extra]))
