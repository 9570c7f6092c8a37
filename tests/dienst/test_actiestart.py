"""`python -m dienst acties`: rasa_sdk with our actions only, and the knowledge checked before it listens."""

import subprocess
import sys

import pytest
import rasa_sdk.__main__ as sdk
import yaml

from actions.eligibility import knowledge
from dienst import __main__ as dienst_main
from dienst import logboek
from tests.conftest import PROJECT


def test_de_actieserver_laadt_geen_rasa_en_geen_tensorflow():
    """It gets as far as Sanic's run with our actions loaded, and without Rasa core or TensorFlow."""
    code = (
        "import sys, sanic\n"
        "def run(app, *a, **k):\n"
        "    zwaar = sorted({m.split('.')[0] for m in sys.modules} & {'rasa', 'tensorflow', 'keras'})\n"
        "    print(zwaar, 'actions.routes' in sys.modules, k.get('workers'))\n"
        "sanic.Sanic.run = run\n"
        "from dienst.__main__ import main\n"
        "sys.exit(main(['acties']))\n"
    )
    uitvoer = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, timeout=120)
    assert uitvoer.returncode == 0, uitvoer.stderr[-2000:]
    assert uitvoer.stdout.strip().splitlines()[-1] == "[] True 1"


def test_de_kennis_is_geladen_voordat_de_actieserver_luistert(knowledge_copy, monkeypatch):
    geladen = []
    monkeypatch.setattr(sdk, "main_from_args", lambda _: geladen.append(knowledge.laad_kennis.cache_info().currsize))
    monkeypatch.setattr(logboek, "installeer", lambda: None)  # the masking would stay for the other tests
    assert dienst_main.main(["acties"]) == 0
    assert geladen == [1]


def test_verkeerde_kennis_stopt_de_start_met_een_zin(knowledge_copy, monkeypatch, capsys):
    routes = knowledge_copy / "routes.yml"
    inhoud = yaml.safe_load(routes.read_text(encoding="utf-8"))
    inhoud["routes"]["buiten_schuld"]["voorwaarden"][0]["feit"] = "jaren_vergunnig"
    routes.write_text(yaml.safe_dump(inhoud, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(sdk, "main_from_args", pytest.fail)  # must not be reached
    assert dienst_main.main(["acties"]) == 2
    fout = capsys.readouterr().err
    assert "de kennis in inhoud/kennis/ klopt niet" in fout and "jaren_vergunnig" in fout
