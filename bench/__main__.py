"""Load benchmark: simulated users talk to the assistant over REST, next to Rasa's own starter bot.

`python -m bench` (= `make bench`) measures, one server configuration at a time: messages per second,
latency (p50/p95/p99), errors, memory and CPU per message of the Rasa and action servers, the first answer
after start, the apology when the action server freezes or dies, other people's replies while one client floods
(`vloed`), the cost of a long conversation (`lang`), a replica killed in the middle of a message (`uitval`),
and training from scratch; it prints the ratio
ours/starter, so the figure holds on a busy machine, and ends with the goals of issues 14 and 23.
A configuration is `name[@users]`, e.g. `--configs starter,ours,ours@50,replica2`.
"""

import argparse
import datetime
import sys
from typing import List, Optional

from bench import draaien, lang, meting, opzet, pijplijn, storing, training, uitval, verslag, vloed
from bench.doelen import beoordeel
from bench.gesprekken import laad
from bench.statistiek import loadavg


def argumenten(argv: List[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=10, help="concurrent users when a config has no @N")
    parser.add_argument("--messages-per-user", type=int, default=48, help="measured messages per user")
    parser.add_argument(
        "--configs",
        default=opzet.DEFAULT_CONFIGS,
        help=f"comma-separated name[@users]; names: {', '.join(opzet.OPZETTEN)} (default: %(default)s)",
    )
    parser.add_argument("--geen-training", action="store_true", help="leave out the training configuration")
    parser.add_argument(
        "--warmup", type=int, default=12, help="messages per warm-up conversation (not measured; default 12)"
    )
    parser.add_argument("--spreiding", type=float, default=0.05, help="seconds between user starts")
    parser.add_argument("--timeout", type=float, default=60, help="seconds before a reply counts as timeout")
    parser.add_argument(
        "--pipeline", type=int, default=0, metavar="N", help="also time each graph node in-process over N messages"
    )
    return parser.parse_args(argv)


class Run:
    def __init__(self, args: argparse.Namespace, run_id: str) -> None:
        self.args, self.run_id = args, run_id
        self.gesprekken = laad()
        self.resultaten: List = []
        self.storingen: List = []
        self.trainingen: List = []
        self.vloeden: List = []
        self.lange: List = []
        self.uitvallen: List = []

    def meet(self, nummer: int, m: opzet.Meting, draaiend: draaien.Draaiend) -> None:
        if m.opzet.soort == opzet.STORING:
            prefix = f"bench-{self.run_id}-{nummer}"
            self.storingen += storing.controleer(draaiend, self.gesprekken.storing, prefix, self.args.timeout, nummer)
            return
        if m.opzet.soort == opzet.VLOED:
            prefix = f"bench-{self.run_id}-{nummer}"
            self.vloeden.append(vloed.meet(draaiend, self.gesprekken, prefix, self.args.timeout, nummer))
            return
        if m.opzet.soort == opzet.LANG:
            prefix = f"bench-{self.run_id}-{nummer}"
            self.lange.append(lang.meet(draaiend, self.gesprekken, prefix, self.args.timeout, nummer))
            return
        if m.opzet.soort == opzet.UITVAL:
            prefix = f"bench-{self.run_id}-{nummer}"
            self.uitvallen.append(uitval.meet(draaiend, self.gesprekken, prefix, self.args.timeout, nummer))
            return
        self.resultaten.append(meting.meet(nummer, m, draaiend, self.args, self.gesprekken, self.run_id))
        verslag.print_resultaat(self.resultaten[-1])

    def voer_uit(self, metingen: List[opzet.Meting]) -> None:
        draaiend: Optional[draaien.Draaiend] = None
        try:
            for nummer, m in enumerate(metingen, 1):
                if m.opzet.soort == opzet.TRAINING:
                    self.trainingen += training.tijd_training(self.run_id, nummer)
                    continue
                if draaiend is None or draaiend.kapot or draaiend.opzet.server != m.opzet.server:
                    vorige, draaiend = draaiend, None
                    if vorige:
                        vorige.stop()
                    print(f"\nbench: starting {m.basis} ...", flush=True)
                    draaiend = draaien.start(m.opzet, f"{nummer}-{m.basis}", self.run_id)
                self.meet(nummer, m, draaiend)
        finally:
            if draaiend:
                draaiend.stop()


def main(argv: List[str]) -> int:
    args = argumenten(argv)
    metingen = opzet.lees_configs(args.configs, args.users, training=not args.geen_training)
    nu = datetime.datetime.now()
    run_id = nu.strftime("%Y%m%d%H%M%S")
    kop = {"start": nu.isoformat(timespec="seconds"), "argv": " ".join(["python -m bench", *argv]), **verslag.machine()}
    print(f"bench {kop['start']}: {kop['argv']}")
    for sleutel, waarde in verslag.machine().items():
        print(f"   {sleutel:10s} {waarde}")
    print(f"   loadavg at start: {loadavg()}", flush=True)
    if any(m.opzet.bot == "starter" or m.opzet.soort == opzet.TRAINING for m in metingen):
        draaien.starter_map()
    run = Run(args, run_id)
    run.voer_uit(metingen)
    verslag.print_tabel(run.resultaten)
    regels = beoordeel(run.resultaten, run.storingen, run.trainingen, args.users, run.vloeden, run.lange, run.uitvallen)
    if metingen:
        verslag.print_doelen(regels)
        pad = draaien.BENCH / f"results-{run_id}.json"
        verslag.bewaar(
            pad, kop, run.resultaten, run.storingen, run.trainingen, regels, run.vloeden, run.lange, run.uitvallen
        )
        print(f"\n(also in {pad.relative_to(draaien.ROOT)}; logs in .bench/logs/{run_id}/)")
    if args.pipeline:
        pijplijn.pijplijn(args.pipeline, run_id)
    fouten = any(r.foutaantal for r in run.resultaten)
    return 1 if fouten or any(r.gehaald is False for r in regels) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
