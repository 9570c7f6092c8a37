"""`python -m dienst [server|acties|shell] [extra rasa arguments]` (default: server).

Applies the settings from the environment, checks that the services in the endpoints file answer, keeps
personal data out of the logs, makes failed custom actions apologise and removes two of Rasa's hot
spots per message (dienst/versnelling.py); then hands over to Rasa.
"""
import os
import sys
from typing import List

from dienst import instellingen, opstart


def rasa_argumenten(opdracht: str) -> List[str]:
    if opdracht == "acties":
        return ["run", "actions", "--port", os.environ["ACTION_PORT"], "--actions", "actions"]
    if opdracht == "shell":
        return ["shell", "--model", os.environ["MODEL"], "--endpoints", instellingen.endpoints()]
    if opdracht != "server":
        raise instellingen.InstellingFout(f"onbekende opdracht '{opdracht}' (server, acties of shell)")
    opstart.controleer_diensten(instellingen.endpoints())
    opstart.maak_tabellen(instellingen.endpoints())
    return instellingen.rasa_run_argumenten()


def main(argv: List[str]) -> int:
    opdracht, extra = ("server", argv) if not argv or argv[0].startswith("-") else (argv[0], argv[1:])
    instellingen.standaardwaarden()
    try:
        argumenten = rasa_argumenten(opdracht)
    except (instellingen.InstellingFout, opstart.OpstartFout) as fout:
        print(f"dienst: {fout}", file=sys.stderr)
        return 2

    from dienst import actieserver, logboek, versnelling, werkers
    import rasa.__main__

    logboek.installeer()
    actieserver.installeer()
    versnelling.installeer()
    werkers.installeer()
    sys.argv = ["rasa", *argumenten, *extra]
    rasa.__main__.main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
