"""rasaserver/patches/modelladen.py: the two SpacyNLP nodes of Rasa's graph share one loaded spaCy model."""

from rasa.nlu.utils.spacy_utils import SpacyNLP

from rasaserver.patches import modelladen


def test_de_twee_spacy_knopen_delen_een_geladen_model(monkeypatch):
    monkeypatch.setattr(SpacyNLP, "load_model", SpacyNLP.load_model)
    modelladen.installeer()
    assert modelladen.actief()
    levert, verwerkt = (SpacyNLP.create({"model": "nl_core_news_sm"}, None, None, None) for _ in range(2))
    assert levert.provide() is verwerkt.provide()
    modelladen.verwijder()
    assert not modelladen.actief()
    assert SpacyNLP.create({"model": "nl_core_news_sm"}, None, None, None).provide() is not levert.provide()
