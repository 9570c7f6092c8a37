"""One load measurement on running servers: first answer (when cold), warm-up, closed-loop load, CPU."""

import asyncio
import math
import time
from typing import Dict

import processen
from bench import belasting
from bench.draaien import Draaiend
from bench.gesprekken import Gesprekken
from bench.opzet import Meting
from bench.statistiek import CLK_TCK, Resultaat, cpu_bezig, eigen_cpu, latenties, loadavg, percentiel


def eerste_antwoord(draaiend: Draaiend, gesprekken: Gesprekken, prefix: str, timeout: float) -> None:
    """Seconds from starting the servers until every replica has answered its first message."""
    beurt = gesprekken.van(draaiend.opzet.bot)[0][0]
    for nummer, url in enumerate(draaiend.urls):
        antwoord = belasting.zeg_een(url, f"{prefix}-koud{nummer}", beurt, timeout)
        if antwoord.fout:
            print(f"   first message after start: {antwoord.fout} ({antwoord.tekst[:80]!r})", flush=True)
            draaiend.eerste_antwoord_s = math.inf  # no answer: the goal is not met
            return
        draaiend.na_antwoord()
    draaiend.eerste_antwoord_s = time.monotonic() - draaiend.begin
    print(f"   first answer {draaiend.eerste_antwoord_s:.1f} s after starting the servers", flush=True)


def warm_op(draaiend: Draaiend, last: belasting.Last, berichten: int) -> None:
    warm = asyncio.run(belasting.warm_op(last, berichten))
    p50, p95 = percentiel(warm.latenties, 50) * 1000, percentiel(warm.latenties, 95) * 1000
    print(
        f"   warm-up (not measured): {len(warm.latenties)} messages, p50 {p50:.0f} ms, p95 {p95:.0f} ms, "
        f"errors {sum(warm.fouten.values())}",
        flush=True,
    )


def servers_cpu(draaiend: Draaiend) -> Dict[str, int]:
    return {naam: server.cpu() for naam, server in draaiend.servers.items()}


def meet(nummer: int, meting: Meting, draaiend: Draaiend, args, gesprekken: Gesprekken, run_id: str) -> Resultaat:
    prefix = f"bench-{run_id}-{nummer}"
    print(f"\n== #{nummer} {meting.naam}: {meting.opzet.uitleg}, {meting.users} concurrent users", flush=True)
    koud, draaiend.koud = draaiend.koud, False
    if koud:
        eerste_antwoord(draaiend, gesprekken, prefix, args.timeout)
    last = belasting.Last(draaiend.urls, gesprekken.van(meting.opzet.bot), prefix, args.timeout, draaiend.na_antwoord)
    warm_op(draaiend, last, args.warmup)
    machine_voor, server_voor, eigen_voor = cpu_bezig(), servers_cpu(draaiend), eigen_cpu()
    uitslag, duur = asyncio.run(belasting.belast(last, meting.users, args.messages_per_user, args.spreiding))
    server_cpu = {naam: t - server_voor[naam] for naam, t in servers_cpu(draaiend).items()}
    anderen = cpu_bezig() - machine_voor - sum(server_cpu.values()) - (eigen_cpu() - eigen_voor)
    aantal = len(uitslag.latenties)
    return Resultaat(
        nummer=nummer,
        naam=meting.naam,
        bot=meting.opzet.bot,
        users=meting.users,
        replicas=meting.opzet.replicas,
        berichten=aantal,
        duur=duur,
        latenties_p=latenties(uitslag.latenties),
        fouten=uitslag.fouten,
        afwijkend=len(uitslag.afwijkend),
        eerste_antwoord_s=draaiend.eerste_antwoord_s if koud else math.nan,
        rss_na=dict(draaiend.rss_na),
        piek_rss={naam: server.piek_rss for naam, server in draaiend.servers.items()},
        cpu_ms={naam: t / CLK_TCK * 1000 / max(aantal, 1) for naam, t in server_cpu.items()},
        andere_cores=max(anderen, 0) / CLK_TCK / duur,
        load=loadavg(),
        draden_rasa=processen.draden(draaiend.servers["rasa"].proces.pid),
        voorbeelden=uitslag.afwijkend[:3],
    )
