"""`rasa train` from scratch: a temporary output folder and an empty, temporary Rasa cache.

Rasa 3.6 keeps trained graph components in the folder RASA_CACHE_DIRECTORY (default .rasa/cache in the
working directory, rasa/engine/caching.py) and reuses them when data and config are unchanged; pointing it at
an empty folder makes every component train.
"""

import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import List

from bench.draaien import BENCH, PYTHON, ROOT, starter_map
from bench.opzet import basis_omgeving


@dataclass
class TrainingUitslag:
    bot: str
    seconden: float
    gelukt: bool  # exit code 0 and a model file
    log: str


def train(bot: str, projectmap: Path, log: Path) -> TrainingUitslag:
    map_ = Path(tempfile.mkdtemp(prefix=f"bench-train-{bot}-"))
    cache, uit = map_ / "cache", map_ / "models"
    cache.mkdir()
    omgeving = {**basis_omgeving(), "RASA_CACHE_DIRECTORY": str(cache)}
    argumenten = [PYTHON, "-m", "rasa", "train", "--out", str(uit), "--fixed-model-name", "bench"]
    log.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(log, "wb") as schrijf:
            begin = time.monotonic()
            klaar = subprocess.run(argumenten, cwd=projectmap, env=omgeving, stdout=schrijf, stderr=subprocess.STDOUT)
            seconden = time.monotonic() - begin
        gelukt = klaar.returncode == 0 and any(uit.glob("*.tar.gz"))
    finally:
        shutil.rmtree(map_, ignore_errors=True)
    return TrainingUitslag(bot, seconden, gelukt, str(log.relative_to(ROOT)))


def tijd_training(run_id: str, nummer: int) -> List[TrainingUitslag]:
    print(f"\n== #{nummer} training: rasa train from scratch (empty temporary cache and output)", flush=True)
    logs = BENCH / "logs" / run_id
    uitslagen = []
    for bot, projectmap in (("ours", ROOT), ("starter", starter_map())):
        uitslag = train(bot, projectmap, logs / f"{nummer}-training-{bot}.log")
        status = "" if uitslag.gelukt else f" FAILED, see {uitslag.log}"
        print(f"   {bot}: {uitslag.seconden:.0f} s{status}", flush=True)
        uitslagen.append(uitslag)
    return uitslagen
