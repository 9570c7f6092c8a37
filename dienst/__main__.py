"""`python -m dienst [server|acties|shell|adressen] [extra arguments]` (default: server).

Reads the settings (dienst/instellingen.py) and keeps personal data out of the logs. The Rasa server and
shell also check that the libraries are the releases the patches were written for and that the services
in the endpoints file answer, make failed custom actions apologise and remove one of Rasa's hot spots per
message (dienst/versnelling.py); then they hand over to Rasa. The action server is only rasa_sdk with our
actions: no Rasa core, no TensorFlow; it reads and checks the knowledge (actions/knowledge/) before it listens.
"""

import sys
from typing import List

from dienst import instellingen, opdracht, versies
from dienst.instellingen import Instellingen, InstellingFout


def laad_kennis() -> None:
    """Reads and checks actions/knowledge/ now: a wrong file stops the start, not the first user's question."""
    import yaml

    from actions.eligibility.knowledge import laad_kennis as lees_kennis

    try:
        lees_kennis()  # kept (lru_cache) for every action call of this process
    except (ValueError, yaml.YAMLError, OSError) as fout:
        raise versies.StartFout(f"de kennis in actions/knowledge/ klopt niet: {fout}") from None


def start_acties(gekozen: Instellingen, extra: List[str]) -> None:
    """rasa_sdk's own start, as `rasa run actions` does it, without importing Rasa itself."""
    import rasa_sdk.__main__ as sdk
    from rasa_sdk.endpoint import create_argument_parser

    from dienst import logboek

    laad_kennis()
    logboek.installeer()
    sdk.main_from_args(create_argument_parser().parse_args([*opdracht.acties(gekozen), *extra]))


def rasa_argumenten(opdracht_naam: str, gekozen: Instellingen) -> List[str]:
    versies.controleer()
    if opdracht_naam == "shell":
        return opdracht.shell(gekozen)
    from dienst import opstart

    opstart.controleer_diensten(gekozen)
    opstart.maak_tabellen(gekozen)
    return opdracht.server(gekozen)


def start_rasa(argumenten: List[str]) -> None:
    import rasa.__main__

    from dienst import actieserver, logboek, modelladen, versnelling, werkers

    logboek.installeer()
    actieserver.installeer()
    modelladen.installeer()
    versnelling.installeer()
    werkers.installeer()
    sys.argv = ["rasa", *argumenten]
    rasa.__main__.main()


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
            start_acties(gekozen, extra)
            return 0
        argumenten = rasa_argumenten(opdracht_naam, gekozen)
    except (InstellingFout, versies.StartFout) as fout:
        print(f"dienst: {fout}", file=sys.stderr)
        return 2
    instellingen.exporteer(gekozen)
    start_rasa([*argumenten, *extra])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
