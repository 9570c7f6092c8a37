"""The import graph follows the processes (README, "Layout"), read from the source with ast.

- `rasaserver/` (the Rasa server), `actions/` (the action server) and `web/` (the web page) import nothing of one
  another; each may import the shared reading package `lezen/`, the shared content package `inhoud/` and the
  shared modules of `dienst/`.
- `lezen/` and `inhoud/` are plain Python: each imports only itself, and no Rasa.
- `dienst/` starts each process with a module of its own (server.py, acties.py); no other module of it imports a
  process package, so a process never loads another's code.
- `beheer/` (the operator's tools) reads the store with SQL: no module of the Rasa server or the action server, so
  no channel and no Rasa agent (titles come from `inhoud/`); a fresh interpreter that imports it has not loaded
  `rasa.core.agent`.
- `processen/` (process control for tests and bench) imports nothing of ours.
Imports inside functions count too.
"""

import ast
import subprocess
import sys
from pathlib import Path
from typing import Dict, Iterator, List, Tuple

import pytest

from tests.conftest import PROJECT

PROCESSEN = ("rasaserver", "actions", "web")
# The plain-Python reading of people's words and the content (routes, FAQ answers, titles, word and intent lists),
# imported by both servers; the operator's tools import inhoud/ too.
GEDEELD = ("lezen", "inhoud")
# dienst/: start, settings, version fence, log masking. Every process imports these; the start modules only
# `python -m dienst` does, for the one process each starts.
START = {"dienst.server": "rasaserver", "dienst.acties": "actions"}
ZWAAR = ("rasa.core.agent", "rasa.core.channels", "socketio")  # what reading the store must not load


def pakketten() -> List[str]:
    return sorted(p.name for p in PROJECT.iterdir() if (p / "__init__.py").is_file() and p.name != "tests")


def modules() -> Dict[str, Path]:
    """Every module of ours outside tests/ and scripts/, by its dotted name; web/serve.py as `web.serve`."""
    gevonden = {}
    for pakket in pakketten() + ["web"]:
        for pad in sorted((PROJECT / pakket).rglob("*.py")):
            if "node_modules" in pad.parts:
                continue
            delen = pad.relative_to(PROJECT).with_suffix("").parts
            gevonden[".".join(delen[:-1] if delen[-1] == "__init__" else delen)] = pad
    return gevonden


def importen(module: str, pad: Path) -> Iterator[Tuple[str, int]]:
    """(imported module, line) for every import in the file, also inside functions; `from a import b` gives a.b,
    which is a module or a name in a (both are checked the same way)."""
    pakket = module if pad.name == "__init__.py" else module.rpartition(".")[0]
    for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
        if isinstance(knoop, ast.Import):
            yield from ((alias.name, knoop.lineno) for alias in knoop.names)
        elif isinstance(knoop, ast.ImportFrom):
            basis = knoop.module or ""
            if knoop.level:
                delen = pakket.split(".")[: len(pakket.split(".")) - knoop.level + 1]
                basis = ".".join(delen + ([knoop.module] if knoop.module else []))
            yield from ((f"{basis}.{alias.name}", knoop.lineno) for alias in knoop.names)


def binnen(naam: str, *voorvoegsels: str) -> bool:
    return any(naam == v or naam.startswith(v + ".") for v in voorvoegsels)


def eigen_importen(voorvoegsel: str) -> List[Tuple[str, str]]:
    """(`file:line`, imported name) of every import of ours in the modules under `voorvoegsel`."""
    ons = tuple(pakketten())
    return [
        (f"{pad.relative_to(PROJECT)}:{regel}", naam)
        for module, pad in modules().items()
        if binnen(module, voorvoegsel)
        for naam, regel in importen(module, pad)
        if binnen(naam, *ons)
    ]


def test_de_graaf_is_niet_leeg():
    """The reading finds what we know is there, so the checks below cannot pass on nothing."""
    assert any(binnen(n, "lezen.situatie") for _, n in eigen_importen("rasaserver.nlu"))
    assert any(binnen(n, "lezen") for _, n in eigen_importen("actions"))
    assert any(binnen(n, "rasaserver.patches") for _, n in eigen_importen("dienst.server"))
    assert any(binnen(n, "inhoud") for _, n in eigen_importen("beheer"))


@pytest.mark.parametrize("proces", PROCESSEN)
def test_een_proces_importeert_geen_ander_proces(proces):
    toegestaan = (proces, *GEDEELD, "dienst")
    fout = [
        f"{waar} imports {naam}"
        for waar, naam in eigen_importen(proces)
        if not binnen(naam, *toegestaan) or binnen(naam, *START)
    ]
    assert fout == [], f"{proces}/ may import only itself, {', '.join(GEDEELD)} and dienst's shared modules"


@pytest.mark.parametrize("pakket", GEDEELD)
def test_wat_gedeeld_is_is_gewoon_python(pakket):
    fout = [f"{waar} imports {naam}" for waar, naam in eigen_importen(pakket) if not binnen(naam, pakket)]
    rasa = [
        f"{pad.relative_to(PROJECT)}:{regel} imports {naam}"
        for module, pad in modules().items()
        if binnen(module, pakket)
        for naam, regel in importen(module, pad)
        if binnen(naam, "rasa", "rasa_sdk", "sanic")
    ]
    assert fout + rasa == []


def test_dienst_start_elk_proces_apart():
    fout = []
    for waar, naam in eigen_importen("dienst"):
        module = ".".join(Path(waar.split(":")[0]).with_suffix("").parts)
        eigen_proces = START.get(module)
        if binnen(naam, *PROCESSEN, "beheer") and not (eigen_proces and binnen(naam, eigen_proces)):
            fout.append(f"{waar} imports {naam}")
    assert fout == [], "only dienst/server.py imports rasaserver/, only dienst/acties.py imports actions/"


def test_beheer_importeert_geen_kanaal_en_geen_rasa_server():
    fout = [
        f"{waar} imports {naam}"
        for waar, naam in eigen_importen("beheer")
        if binnen(naam, "rasaserver", "actions", "web", *START)
    ]
    direct = [
        f"{pad.relative_to(PROJECT)}:{regel} imports {naam}"
        for module, pad in modules().items()
        if binnen(module, "beheer")
        for naam, regel in importen(module, pad)
        if binnen(naam, *ZWAAR)
    ]
    assert fout + direct == []


def test_beheer_laadt_geen_rasa_agent_en_geen_kanaal():
    """What Python really loads for the retention command and the report, Rasa's own imports included."""
    code = (
        "import sys\n"
        "import beheer.opruimen, beheer.inzicht.__main__\n"
        f"print(sorted(m for m in sys.modules if m.startswith({ZWAAR + ('rasaserver',)!r})))\n"
    )
    uitvoer = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, timeout=120)
    assert uitvoer.returncode == 0, uitvoer.stderr[-2000:]
    assert uitvoer.stdout.strip().splitlines()[-1] == "[]"


def test_processen_importeert_niets_van_ons():
    assert [f"{waar} imports {naam}" for waar, naam in eigen_importen("processen")] == []
