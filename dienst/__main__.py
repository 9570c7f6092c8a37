"""`python -m dienst [server|acties|shell] [extra rasa arguments]` (default: server).

Applies the settings from the environment, checks that the services in the endpoints file answer, keeps
personal data out of the logs, makes failed custom actions apologise and removes two of Rasa's hot
spots per message (dienst/versnelling.py); then hands over to Rasa.
"""
import sys
from typing import List

from dienst import instellingen, opdracht
from dienst.instellingen import InstellingFout, Instellingen


def rasa_argumenten(opdracht_naam: str, gekozen: Instellingen) -> List[str]:
    if opdracht_naam == "acties":
        return ["run", "actions", *opdracht.acties(gekozen)]
    if opdracht_naam == "shell":
        return opdracht.shell(gekozen)
    if opdracht_naam != "server":
        raise InstellingFout(f"onbekende opdracht '{opdracht_naam}' (server, acties of shell)")
    from dienst import opstart

    opstart.controleer_diensten(gekozen)
    opstart.maak_tabellen(gekozen)
    return opdracht.server(gekozen)


def main(argv: List[str]) -> int:
    opdracht_naam, extra = ("server", argv) if not argv or argv[0].startswith("-") else (argv[0], argv[1:])
    from dienst.opstart import OpstartFout

    try:
        gekozen = instellingen.huidige()
        argumenten = rasa_argumenten(opdracht_naam, gekozen)
    except (InstellingFout, OpstartFout) as fout:
        print(f"dienst: {fout}", file=sys.stderr)
        return 2
    instellingen.exporteer(gekozen)

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
