"""The development conversations (../shared/eval) against the real running assistant: a simulated person
answers every question from known facts. A wrong verdict or fee for the person's own case fails the test."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EVAL = Path(os.environ.get("SHARED", ROOT.parent / "shared")) / "eval"
ONAFHANKELIJK = "gesprekken_onafhankelijk.yml"  # written apart from the rules, played by the same runner


@pytest.mark.skipif(not (EVAL / "converse.py").exists(), reason=f"{EVAL} not found")
@pytest.mark.parametrize(
    "bestand",
    [EVAL / "conversations_dev.yml", EVAL / "conversations_dev_wide.yml", Path(__file__).with_name(ONAFHANKELIJK)],
)
def test_ontwikkelgesprekken_allemaal_goed(stack, tmp_path, bestand):
    uit = subprocess.run(
        [
            sys.executable,
            str(EVAL / "converse.py"),
            str(bestand),
            "--url",
            stack.rasa_url,
            "--report",
            str(tmp_path / "gesprekken.json"),
        ],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    print(uit.stdout)
    regels = uit.stdout.strip().splitlines()
    verkeerd = next(r for r in regels if "wrong verdict or fee told" in r)
    assert verkeerd.strip().endswith(": 0"), uit.stdout
    geslaagd, _, mislukt = regels[-1].partition(" passed, ")
    assert mislukt.startswith("0 failed"), uit.stdout  # every development conversation right (issue 21)


# Measured (session 9): qa_dev 40/40, qa_dev_wide 247/248 (issue 22 asks 99 % of the 288: 286), and the 168
# questions written apart from the rules (tests/e2e/vragen_onafhankelijk.yml) 166/168; fewer fails here.
# Session 10: qa_dev 40/40, qa_dev_wide 248/248, vragen_onafhankelijk 167/168, and a second set written apart
# (vragen_onafhankelijk_2.yml, 90 questions weighted to the steps after sending) 71/90 before this session's
# changes, 86/90 after (its misses were read, so it is no longer held out); a third (vragen_onafhankelijk_3.yml, 80
# questions in users' voices) 70/80 on the session's first code, 75/80 on its last.
# Session 11: qa_dev 40/40, qa_dev_wide 248/248, vragen_onafhankelijk 168/168, _2 88/90, _3 80/80; two new sets
# written from the page only: vragen_onafhankelijk_4.yml (100, learner Dutch, self-corrections, negations, two
# questions in one) 91/100 on the session's first code, 100/100 after (its misses were read); _5 (100, held out
# while the work was done) 91/100 first, 94/100 after; then its misses were read and fixed: 100/100.
VRAGEN = [
    (EVAL / "qa_dev.yml", 40),
    (EVAL / "qa_dev_wide.yml", 247),
    (Path(__file__).with_name("vragen_onafhankelijk.yml"), 167),
    (Path(__file__).with_name("vragen_onafhankelijk_2.yml"), 87),
    (Path(__file__).with_name("vragen_onafhankelijk_3.yml"), 79),
    (Path(__file__).with_name("vragen_onafhankelijk_4.yml"), 99),
    (Path(__file__).with_name("vragen_onafhankelijk_5.yml"), 99),
]


@pytest.mark.skipif(not (EVAL / "run_qa.py").exists(), reason=f"{EVAL} not found")
@pytest.mark.parametrize("bestand, minimaal", VRAGEN, ids=[b.stem for b, _ in VRAGEN])
def test_ontwikkelvragen(stack, bestand, minimaal):
    uit = subprocess.run(
        [sys.executable, str(EVAL / "run_qa.py"), str(bestand), "--url", stack.rasa_url],
        capture_output=True,
        text=True,
        timeout=900,
    )
    print(uit.stdout)
    geslaagd, _, mislukt = uit.stdout.strip().splitlines()[-1].partition(" passed, ")
    assert int(geslaagd) >= minimaal, uit.stdout
