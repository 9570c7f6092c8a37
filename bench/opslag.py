"""The scratch PostgreSQL database and Redis keys of a production-mode configuration.

Runs as a child process with the servers' environment (`python -m bench.opslag maak|verwijder <run>`), so it
reads the settings and the endpoints file exactly as the servers do (dienst/instellingen.py,
dienst/eindpunten.py) and the benchmark process itself never imports Rasa.
"""

import subprocess
import sys
from pathlib import Path
from typing import List, Mapping

ROOT = Path(__file__).resolve().parents[1]


def maak() -> None:
    """The database and table, made once before the replicas start (they would race to create them)."""
    from dienst import instellingen, opstart

    opstart.maak_tabellen(instellingen.huidige())


def verwijder(run_id: str) -> None:
    import redis
    import sqlalchemy as sa

    from dienst import instellingen
    from dienst.eindpunten import database_url, eindpunt

    gekozen = instellingen.huidige()
    config = eindpunt(gekozen, "tracker_store")
    db = sa.engine.make_url(database_url(config)).database
    engine = sa.create_engine(database_url(config, login=True), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as verbinding:  # DROP DATABASE cannot run inside a transaction
            verbinding.execute(sa.text(f'DROP DATABASE IF EXISTS "{db}"'))
    finally:
        engine.dispose()
    r = gekozen.redis
    client = redis.Redis(host=r.host, port=r.poort, db=r.db, password=r.wachtwoord or None)
    for sleutel in client.scan_iter(match=f"*bench-{run_id}-*"):  # locks left by a stopped server
        client.delete(sleutel)


def voer_uit(opdracht: List[str], omgeving: Mapping[str, str], log: Path) -> None:
    """Runs `python -m bench.opslag <opdracht>` with the servers' environment; output appended to `log`."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as uit:
        klaar = subprocess.run(
            [sys.executable, "-m", "bench.opslag", *opdracht],
            cwd=ROOT,
            env=dict(omgeving),
            stdout=uit,
            stderr=subprocess.STDOUT,
        )
    if klaar.returncode:
        raise RuntimeError(f"bench.opslag {' '.join(opdracht)} failed (exit {klaar.returncode}), see {log}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["maak"]:
        maak()
    elif sys.argv[1:2] == ["verwijder"] and len(sys.argv) == 3:
        verwijder(sys.argv[2])
    else:
        sys.exit("usage: python -m bench.opslag maak | verwijder <run>")
