"""The development conversations (../shared/eval) against the real running assistant: a simulated person
answers every question from known facts. A wrong verdict or fee for the person's own case fails the test."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EVAL = Path(os.environ.get("SHARED", ROOT.parent / "shared")) / "eval"


@pytest.mark.skipif(not (EVAL / "converse.py").exists(), reason=f"{EVAL} not found")
def test_ontwikkelgesprekken_geen_verkeerd_oordeel(stack, tmp_path):
    uit = subprocess.run(
        [
            sys.executable,
            str(EVAL / "converse.py"),
            str(EVAL / "conversations_dev.yml"),
            "--url",
            stack.rasa_url,
            "--report",
            str(tmp_path / "gesprekken.json"),
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    print(uit.stdout)
    regels = uit.stdout.strip().splitlines()
    verkeerd = next(r for r in regels if "wrong verdict or fee told" in r)
    assert verkeerd.strip().endswith(": 0"), uit.stdout
    geslaagd = int(regels[-1].split(" passed, ")[0])
    assert geslaagd >= 33, uit.stdout  # of 34; a conversation may stall once, but never end in an untrue verdict


@pytest.mark.skipif(not (EVAL / "run_qa.py").exists(), reason=f"{EVAL} not found")
def test_ontwikkelvragen(stack):
    uit = subprocess.run(
        [sys.executable, str(EVAL / "run_qa.py"), str(EVAL / "qa_dev.yml"), "--url", stack.rasa_url],
        capture_output=True,
        text=True,
        timeout=600,
    )
    print(uit.stdout)
    geslaagd, _, mislukt = uit.stdout.strip().splitlines()[-1].partition(" passed, ")
    assert int(geslaagd) >= 39, uit.stdout
