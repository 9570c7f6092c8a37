"""The images' files run: the Rasa server and the action server started from exactly what their Dockerfiles
copy (no container engine needed), with the project's libraries, answer a question."""

import shutil
from pathlib import Path

import processen
from tests.e2e.stack import PYTHON, ROOT, Stack, teksten
from tests.e2e.test_gezondheid import eerste_antwoord


def kopieer_beeld(dockerfile: str, doel: Path) -> Path:
    """The application folder of the image (below WORKDIR), as the Dockerfile's COPY lines fill it."""
    for regel in (ROOT / dockerfile).read_text().splitlines():
        delen = regel.split()
        if not delen or delen[0] != "COPY" or any(d.startswith("--") for d in delen):
            continue
        *bronnen, bestemming = delen[1:]
        if bestemming.startswith("/"):
            continue  # outside the application, e.g. the spaCy wheel (installed in .venv here)
        for bron in bronnen:
            pad = doel / bestemming
            if bron.endswith("/"):
                shutil.copytree(ROOT / bron, pad, dirs_exist_ok=True)
            else:
                if bestemming.endswith("/") or bestemming in (".", "./"):
                    pad = pad / Path(bron).name
                pad.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / bron, pad)
    return doel


def test_de_servers_draaien_van_precies_de_bestanden_van_hun_beeld(tmp_path):
    rasa_map = kopieer_beeld("deploy/Dockerfile", tmp_path / "rasa")
    acties_map = kopieer_beeld("deploy/acties.Dockerfile", tmp_path / "acties")
    # Only the image's files on the path: no PYTHONPATH, the relative model path the image uses.
    beeld = Stack("beeld", tmp_path / "var", {"PYTHONPATH": "", "MODEL": "models/assistent.tar.gz"})
    (tmp_path / "var").mkdir()
    try:
        for onderdeel, map_ in (("acties", acties_map), ("rasa", rasa_map)):
            proces = processen.start(
                [PYTHON, "-m", "dienst", "acties" if onderdeel == "acties" else "server"],
                map_,
                beeld.omgeving,
                beeld.log(onderdeel),
            )
            beeld.processen[onderdeel] = proces
        processen.wacht_op(f"http://127.0.0.1:{beeld.actie_poort}/health", 120, beeld.processen["acties"])
        # The Rasa server listens only after it tried to load the model: its first answer says whether it did.
        status, _ = eerste_antwoord(f"{beeld.rasa_url}/webhooks/rest/", beeld.processen["rasa"])
        assert status == 200, f"no model loaded, see {beeld.log('rasa')}"
        antwoord = teksten(beeld.zeg("beeld", "Wat kost de aanvraag?"))
        assert "€" in antwoord, antwoord
    finally:
        beeld.stop_alles()
