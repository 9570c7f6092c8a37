"""Changes to private parts of Rasa 3.6, installed by `python -m dienst server` (and `shell`) before Rasa starts.

Each is listed in the upgrade fence (dienst/versies.py) with the test that shows it is in use; the server refuses
another Rasa release. Retired in issue 24, each measured (BENCHMARKS.md, last section): `werkers.py` (one Sanic
worker per process, more processes are replicas) and `modelladen.py` (spaCy's model loaded once for both of
Rasa's spaCy nodes).
"""


def installeer() -> None:
    """Every patch, as the server installs them (also bench/pijplijn.py, which times the server's graph)."""
    from rasaserver.patches import actieserver, versnelling

    actieserver.installeer()
    versnelling.installeer()
