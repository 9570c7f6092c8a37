"""`python -m dienst server` and `python -m dienst shell`: the Rasa server (or shell) with our patches installed.

They check that the libraries are the releases the upgrade fence was read against (dienst/versies.py), that the
content fits the domain (dienst/inhoud.py) and that the services in the endpoints file answer, make failed custom
actions apologise and remove one of Rasa's hot spots per message (rasaserver/patches/); then they hand over to Rasa.
"""

import sys
from typing import List

from dienst import inhoud, logboek, opdracht, opstart, versies
from dienst.instellingen import Instellingen


def argumenten(opdracht_naam: str, gekozen: Instellingen) -> List[str]:
    versies.controleer()
    inhoud.controleer()
    if opdracht_naam == "shell":
        return opdracht.shell(gekozen)
    opstart.controleer_diensten(gekozen)
    opstart.maak_tabellen(gekozen)
    return opdracht.server(gekozen)


def start(rasa_argumenten: List[str]) -> None:
    import rasa.__main__

    from rasaserver.patches import installeer

    logboek.installeer()
    installeer()
    sys.argv = ["rasa", *rasa_argumenten]
    rasa.__main__.main()
