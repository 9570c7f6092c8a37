"""`make upgrade-check RASA=<version>`: the upgrade fence's tests against a candidate Rasa release, in a scratch venv.

1. Makes `.upgrade-venv` afresh with the Python of `.venv` (3.10).
2. Installs rasa==<version> with the other pins of requirements.lock; a pin the candidate cannot live with (pip
   names it in its conflict report) is dropped and left to pip, and the report says which.
3. Installs spaCy's nl_core_news_sm as scripts/setup.sh does (the official wheel, else the wheelhouse).
4. Runs the fence's scan (tests/dienst/test_grens.py), the tests dienst/versies.py names for every private part
   we use (those that need no running servers) and the smoke test that trains and parses a small model with our
   pipeline (tests/rasaserver/nlu/test_rook.py).

The project's own `.venv` is not touched. Exit code: pytest's (0 when the candidate passes), 2 when it cannot be
installed.
"""

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Set

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dienst import versies  # plain Python, no Rasa

VENV = ROOT / ".upgrade-venv"
LOCK = ROOT / "requirements.lock"
SPACY_MODEL = "nl_core_news_sm"
SPACY_VERSIE = "3.4.0"
SPACY_URL = (
    "https://github.com/explosion/spacy-models/releases/download/"
    f"{SPACY_MODEL}-{SPACY_VERSIE}/{SPACY_MODEL}-{SPACY_VERSIE}-py3-none-any.whl"
)
CONFLICT = re.compile(r"The user requested ([A-Za-z0-9_.\-\[\]]+)==")
RONDES = 20


def stop(zin: str) -> None:
    print(f"upgrade-check: {zin}", file=sys.stderr)
    raise SystemExit(2)


def pins() -> Dict[str, str]:
    """requirements.lock as {name (lower case): line}."""
    regels = [r.strip() for r in LOCK.read_text().splitlines() if "==" in r and not r.lstrip().startswith("#")]
    return {r.split("==", 1)[0].strip().lower(): r for r in regels}


def pip(*argumenten: str, vang: bool = False) -> subprocess.CompletedProcess:
    opdracht = [str(VENV / "bin" / "python"), "-m", "pip", "--disable-pip-version-check", *argumenten]
    return subprocess.run(opdracht, cwd=ROOT, text=True, capture_output=vang)


def botsende_pins(pip_uitvoer: str, pins_: Dict[str, str]) -> Set[str]:
    """The pins pip names in its conflict report ("The user requested sanic==21.12.2"), among `pins_`."""
    return {naam.lower() for naam in CONFLICT.findall(pip_uitvoer)} & set(pins_)


def installeer(rasa: str) -> List[str]:
    """rasa==`rasa` and the lock's other pins; returns the pins that had to be dropped."""
    overig = {naam: regel for naam, regel in pins().items() if naam != "rasa"}
    weg: List[str] = []
    eisen = VENV / "eisen.txt"
    for _ in range(RONDES):
        eisen.write_text("\n".join([f"rasa=={rasa}", *overig.values()]) + "\n")
        uitkomst = pip("install", "--quiet", "-r", str(eisen), vang=True)
        if uitkomst.returncode == 0:
            return weg
        botsend = botsende_pins(uitkomst.stdout + uitkomst.stderr, overig)
        if not botsend:
            sys.stderr.write(uitkomst.stdout[-3000:] + uitkomst.stderr[-3000:])
            stop(f"rasa=={rasa} could not be installed (pip's report above).")
        for naam in sorted(botsend):
            weg.append(overig.pop(naam))
        print(f"upgrade-check: rasa {rasa} does not fit these pins, pip chooses instead: {', '.join(sorted(botsend))}")
    stop(f"no installable set of pins for rasa=={rasa} after {RONDES} rounds.")
    return weg


def installeer_spacy_model() -> None:
    online = ["install", "--quiet", "--no-deps", "--timeout", "10", "--retries", "0", f"{SPACY_MODEL} @ {SPACY_URL}"]
    if pip(*online, vang=True).returncode:  # GitHub may be unreachable: then the wheelhouse, as setup.sh does
        wielen = Path(os.environ.get("SPACY_WHEELHOUSE", ROOT.parent / "shared" / "wheels"))
        verzoek = ["install", "--quiet", "--no-deps", "--no-index", "--find-links", str(wielen)]
        if pip(*verzoek, f"{SPACY_MODEL}=={SPACY_VERSIE}").returncode:
            stop(f"{SPACY_MODEL} {SPACY_VERSIE} not found online nor in {wielen}.")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rasa", help="the candidate release, e.g. 3.6.21")
    args = parser.parse_args()
    begin = time.monotonic()
    print(f"upgrade-check: a scratch virtualenv in {VENV.name} for rasa {args.rasa}")
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)
    pip("install", "--quiet", "pip==24.0")
    weg = installeer(args.rasa)
    installeer_spacy_model()
    gevonden = pip("list", "--format=freeze", vang=True).stdout.lower().splitlines()
    wat = [r for r in gevonden if r.split("==")[0] in ("rasa", "rasa-sdk", *versies.BIBLIOTHEKEN)]
    print(f"upgrade-check: installed in {time.monotonic() - begin:.0f} s: {', '.join(sorted(wat))}")
    tests = ["tests/dienst/test_grens.py", *versies.snelle_tests()]
    omgeving = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2"}
    proef = subprocess.run(
        [str(VENV / "bin" / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests], cwd=ROOT, env=omgeving
    )
    oordeel = "passes" if proef.returncode == 0 else "FAILS"
    duur = time.monotonic() - begin
    print(f"upgrade-check: rasa {args.rasa} {oordeel} the fence ({len(tests)} test files) in {duur:.0f} s")
    if weg:
        print(f"upgrade-check: pins left to pip: {', '.join(weg)}")
    return proef.returncode


if __name__ == "__main__":
    sys.exit(main())
