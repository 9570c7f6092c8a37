"""Rasa builds our response generator from the endpoints file (`nlg: type: rasaserver.bronnen.BronNLG`) and its
`generate`, which the actions call, goes through the `generate_from_slots` we extend: the answer carries its source
line. A fence test (dienst/versies.py): BronNLG subclasses Rasa's TemplatedNaturalLanguageGenerator."""

import yaml
from rasa.core.nlg import NaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from rasaserver.bronnen import VOORVOEGSEL, BronNLG
from tests.conftest import PROJECT


async def test_rasa_maakt_de_bron_nlg_en_zijn_antwoorden_hebben_een_bron():
    domain = Domain.load(str(PROJECT / "domain.yml"))
    soort = yaml.safe_load((PROJECT / "endpoints.yml").read_text(encoding="utf-8"))["nlg"]["type"]
    nlg = NaturalLanguageGenerator.create(EndpointConfig(type=soort), domain)
    assert isinstance(nlg, BronNLG)
    tracker = DialogueStateTracker.from_events("iemand", [], domain.slots)
    antwoord = await nlg.generate("utter_faq/beslistermijn", tracker, "rest")
    assert antwoord["text"].splitlines()[-1].startswith(VOORVOEGSEL)
