"""Smoke test: our pipeline (config.yml, every component as configured) trains and parses through Rasa's own API.

As RasaHQ/rasa-nlu-examples tests its components (`tests/test_smoke/`: `train_nlu(nlu_data=..., config=...)`, then
the model parses), on a handful of examples per intent in a temporary folder: seconds, not the three minutes of
`make train`. Our components meet Rasa's recipe, graph, model storage and cache here, so a Rasa release that changes
how they are called, stored or loaded fails this test (`make upgrade-check` runs it against a candidate release).
"""

from pathlib import Path

import pytest
import yaml
from rasa.core.agent import Agent
from rasa.engine.recipes.recipe import Recipe
from rasa.model_training import train_nlu
from rasa.shared.data import TrainingType
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from tests.conftest import PROJECT

VOORBEELDEN = {
    "greet": ["hallo", "goedemorgen", "hoi", "goedendag", "hallo daar", "dag", "hey", "goedemiddag"],
    "vraag_kosten": [
        "wat kost de aanvraag",
        "hoeveel moet ik betalen",
        "wat zijn de kosten",
        "hoe duur is het",
        "wat kost het om te wijzigen",
        "hoeveel geld kost dat",
    ],
    "faq/beslistermijn": [
        "hoe lang duurt de beslissing",
        "wanneer hoor ik iets",
        "hoe lang moet ik wachten op een besluit",
        "wanneer beslist de IND",
        "hoeveel weken duurt het",
        "wat is de beslistermijn",
    ],
    "faq/indienen": [
        "waar stuur ik het formulier naartoe",
        "hoe vraag ik het aan",
        "hoe dien ik de aanvraag in",
        "waar lever ik het formulier in",
        "kan ik online aanvragen",
        "hoe verstuur ik mijn aanvraag",
    ],
}
ANTWOORDEN = {
    "utter_faq/beslistermijn": [{"text": "De IND beslist binnen 90 dagen."}],
    "utter_faq/indienen": [{"text": "U stuurt het formulier op."}],
}
NATIONALITEIT = ["ik ben [Turks](nationaliteit)", "mijn nationaliteit is [Marokkaans](nationaliteit)"]


def nlu_bestand(map_: Path) -> Path:
    nlu = [{"intent": intent, "examples": "".join(f"- {v}\n" for v in lijst)} for intent, lijst in VOORBEELDEN.items()]
    nlu[1]["examples"] += "".join(f"- {v}\n" for v in NATIONALITEIT)  # one entity for the CRF
    pad = map_ / "nlu.yml"
    nlu.append({"lookup": "nationaliteit", "examples": "- Turks\n- Marokkaans\n"})  # the regex featurizer, extractor
    pad.write_text(yaml.safe_dump({"version": "3.1", "nlu": nlu, "responses": ANTWOORDEN}, allow_unicode=True))
    return pad


def onze_pijplijn(map_: Path) -> Path:
    """config.yml as it is, without the dialogue policies (an NLU model)."""
    config = yaml.safe_load((PROJECT / "config.yml").read_text(encoding="utf-8"))
    config.pop("policies", None)
    pad = map_ / "config.yml"
    pad.write_text(yaml.safe_dump(config, allow_unicode=True))
    return pad


@pytest.fixture(scope="module")
def model(tmp_path_factory) -> str:
    map_ = tmp_path_factory.mktemp("rook")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("RASA_CACHE_DIRECTORY", str(map_ / "cache"))  # not the project's .rasa/cache
        uitkomst = train_nlu(str(onze_pijplijn(map_)), str(nlu_bestand(map_)), str(map_ / "models"))
    assert uitkomst and Path(uitkomst).is_file()
    return uitkomst


async def test_de_pijplijn_traint_en_ontleedt_via_rasa(model):
    agent = Agent.load(model)
    soorten = {knoop.uses.__name__ for knoop in agent.processor.model_metadata.predict_schema.nodes.values()}
    assert {"IntentKeuze", "AntwoordKeuze", "SituatieHerkenner", "SpacyNLP", "CRFEntityExtractor"} <= soorten
    for intent in ("greet", "vraag_kosten", "faq"):
        tekst = next(v for k, lijst in VOORBEELDEN.items() if k.split("/")[0] == intent for v in lijst)
        ontleed = await agent.parse_message(tekst)
        eerste = [r for r in ontleed["intent_ranking"] if r[INTENT_NAME_KEY] != "nlu_fallback"][0]
        assert eerste[INTENT_NAME_KEY] == intent, (tekst, ontleed["intent_ranking"][:3])
    ontleed = await agent.parse_message("ik ben Turks")
    assert {"entity": "nationaliteit", "value": "Turks"} in [
        {k: e[k] for k in ("entity", "value")} for e in ontleed["entities"]
    ]
    ontleed = await agent.parse_message("hoe lang duurt de beslissing")
    keuze = ontleed["response_selector"]["default"]["response"]  # where Rasa's utter_faq reads it
    assert keuze["intent_response_key"] == "faq/beslistermijn"
    assert keuze["utter_action"] == "utter_faq/beslistermijn"
    assert keuze["responses"] == ANTWOORDEN["utter_faq/beslistermijn"]
    assert ontleed["response_selector"]["all_retrieval_intents"] == ["faq"]


def test_rasa_geeft_onze_classifiers_geen_trainingsstap_met_process_training_data():
    """Rasa's recipe runs `process_training_data` at training time for tokenizers and featurizers only
    (rasa/engine/recipes/default_recipe.py, `_add_nlu_process_node`): our classifiers need none."""
    config = yaml.safe_load((PROJECT / "config.yml").read_text(encoding="utf-8"))
    recipe = Recipe.recipe_for_name(config.get("recipe"))
    schema = recipe.graph_config_for_recipe(config, {}, training_type=TrainingType.BOTH).train_schema
    eigen = {"IntentKeuze", "AntwoordKeuze", "SituatieHerkenner"}
    getraind = {k.uses.__name__ for k in schema.nodes.values() if k.fn == "train"}
    voorbewerkt = {k.uses.__name__ for k in schema.nodes.values() if k.fn == "process_training_data"}
    assert {"IntentKeuze", "AntwoordKeuze"} <= getraind
    assert not eigen & voorbewerkt and "SpacyTokenizer" in voorbewerkt
