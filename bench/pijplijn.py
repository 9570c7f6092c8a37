"""`--pipeline N`: the cost of every graph node of `agent.handle_text`, in one process, over N messages.

The parent starts the action server and runs `python -m bench.pijplijn N <action port>` as a child, which
loads the model with the patches of rasaserver/patches/ installed (as `python -m dienst server` installs them), an
in-memory tracker store, and times each GraphNode call.
"""

import asyncio
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Tuple

import processen
from bench.draaien import BENCH, MODEL, PYTHON, ROOT
from bench.gesprekken import laad
from bench.opzet import basis_omgeving


def pijplijn(berichten: int, run_id: str) -> None:
    actie_poort = processen.vrije_poort()
    werkmap = Path(tempfile.mkdtemp(prefix="bench-pijplijn-"))
    omgeving = {**basis_omgeving(), "ACTION_PORT": str(actie_poort), "ASSISTENT_VAR": str(werkmap)}
    log = BENCH / "logs" / run_id / "pijplijn-acties.log"
    acties = processen.start([PYTHON, "-m", "dienst", "acties"], ROOT, omgeving, log)
    try:
        processen.wacht_op(f"http://127.0.0.1:{actie_poort}/health", 120, acties, log)
        kind = subprocess.run(
            [PYTHON, "-m", "bench.pijplijn", str(berichten), str(actie_poort)],
            cwd=ROOT,
            env=omgeving,
            capture_output=True,
            text=True,
        )
    finally:
        processen.stop(acties)
        shutil.rmtree(werkmap, ignore_errors=True)
    if kind.returncode:
        print(kind.stderr[-3000:])
        raise SystemExit("bench: pipeline measurement failed")
    print(kind.stdout, flush=True)


def stille_rasa() -> None:
    """Rasa's loggers at WARNING, as in `rasa run`; structlog would otherwise print every debug event."""
    import logging

    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)


def tijd_graafknopen() -> Dict[str, float]:
    """Seconds spent per graph node (dask runs the nodes one after the other, so they add up)."""
    from rasa.engine import graph

    tijden: Dict[str, float] = {}
    origineel = graph.GraphNode.__call__

    def getimed(self, *inputs):
        begin = time.perf_counter()
        try:
            return origineel(self, *inputs)
        finally:
            tijden[self._node_name] = tijden.get(self._node_name, 0.0) + time.perf_counter() - begin

    graph.GraphNode.__call__ = getimed
    return tijden


def kind(berichten: int, actie_poort: int) -> None:
    from rasa.core.agent import load_agent
    from rasa.core.channels.channel import CollectingOutputChannel
    from rasa.core.utils import AvailableEndpoints
    from rasa.utils.endpoints import EndpointConfig

    from rasaserver.patches import installeer

    installeer()
    stille_rasa()
    tijden = tijd_graafknopen()
    eindpunten = AvailableEndpoints(action=EndpointConfig(f"http://127.0.0.1:{actie_poort}/webhook"))
    agent = asyncio.run(load_agent(model_path=str(MODEL), endpoints=eindpunten))
    scripts = laad().van("ours")
    teksten = [(f"p-{i}-{n}", b.tekst) for i in range(berichten) for n, s in enumerate(scripts) for b in s]
    teksten = teksten[:berichten]

    async def speel(reeks: List[Tuple[str, str]]) -> float:
        begin = time.perf_counter()
        for afzender, tekst in reeks:
            await agent.handle_text(tekst, sender_id=afzender, output_channel=CollectingOutputChannel())
        return time.perf_counter() - begin

    asyncio.run(speel([("warm-" + a, t) for a, t in teksten[:10]]))
    tijden.clear()
    print_pijplijn(asyncio.run(speel(teksten)), tijden, len(teksten))


def print_pijplijn(totaal: float, tijden: Dict[str, float], aantal: int) -> None:
    print(
        f"\n== pipeline cost per message, in-process (agent.handle_text, {aantal} messages of our "
        "conversations, action server on loopback)"
    )
    print(f"   total {totaal / aantal * 1000:.1f} ms/message")
    for naam, t in sorted(tijden.items(), key=lambda kv: -kv[1]):
        if t / aantal >= 0.0001:
            print(f"   {naam:45s} {t / aantal * 1000:7.2f} ms")
    rest = totaal - sum(tijden.values())
    print(f"   {'(outside graph nodes: actions, tracker, events)':45s} {rest / aantal * 1000:7.2f} ms")


if __name__ == "__main__":
    kind(int(sys.argv[1]), int(sys.argv[2]))
