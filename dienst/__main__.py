"""`python -m dienst [server|acties|shell|adressen] [extra arguments]` (default: server).

Reads the settings (dienst/instellingen.py) and keeps personal data out of the logs, then starts one process:
the Rasa server or shell (dienst/server.py, with the Rasa server's package rasaserver/) or the action server
(dienst/acties.py, with actions/: no Rasa core, no TensorFlow). Each is imported only for its own command, so
one process never loads the other's code (tests/test_deploy.py derives what each loads from this split).
"""

import sys
from typing import List

from dienst import instellingen, opdracht, versies
from dienst.instellingen import InstellingFout


def main(argv: List[str]) -> int:
    opdracht_naam, extra = ("server", argv) if not argv or argv[0].startswith("-") else (argv[0], argv[1:])
    try:
        if opdracht_naam not in ("server", "acties", "shell", "adressen"):
            raise InstellingFout(f"onbekende opdracht '{opdracht_naam}' (server, acties, shell of adressen)")
        gekozen = instellingen.huidige()
        if opdracht_naam == "adressen":  # for scripts/run.sh
            print(opdracht.adressen(gekozen))
            return 0
        if opdracht_naam == "acties":
            from dienst import acties

            acties.start(gekozen, extra)
            return 0
        from dienst import server

        argumenten = server.argumenten(opdracht_naam, gekozen)
    except (InstellingFout, versies.StartFout) as fout:
        print(f"dienst: {fout}", file=sys.stderr)
        return 2
    instellingen.exporteer(gekozen)
    server.start([*argumenten, *extra])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
