"""The endpoints file with the parsed settings filled in, for the tools that read it outside Rasa's server.

Rasa itself fills a file's ${...} values from the process environment. The start-up check and the
retention command read the file here with the values of an `Instellingen`, so they (and their tests)
need no environment.
"""

import re
from pathlib import Path
from typing import Any, Dict, Optional

import yaml
from rasa.core.tracker_store import SQLTrackerStore
from rasa.utils.endpoints import EndpointConfig

from dienst.instellingen import Instellingen, InstellingFout, plaatshouders

PLAATSHOUDER = re.compile(r"\$\{(\w+)\}")
# Our tracker store, as the endpoints files name it: the tools outside the server know it by name only, so they
# need not import the Rasa server's package (tests/rasaserver/opslag/test_gesprekken.py checks the name).
GESPREKKEN_OPSLAG = "rasaserver.opslag.gesprekken.GesprekkenOpslag"


def ingevuld(waarde: Any, waarden: Dict[str, str]) -> Any:
    if isinstance(waarde, dict):
        return {sleutel: ingevuld(w, waarden) for sleutel, w in waarde.items()}
    if isinstance(waarde, list):
        return [ingevuld(w, waarden) for w in waarde]
    if not isinstance(waarde, str):
        return waarde

    def vul_in(gevonden: "re.Match[str]") -> str:
        if gevonden.group(1) not in waarden:
            raise InstellingFout(f"de instelling {gevonden.group(1)} in het endpoints-bestand is onbekend")
        return waarden[gevonden.group(1)]

    return PLAATSHOUDER.sub(vul_in, waarde)


def is_sql_opslag(config: Optional[EndpointConfig]) -> bool:
    """True for a tracker store in an SQL database: Rasa's own, or ours."""
    soort = ((config.type if config else None) or "").lower()
    return soort in ("sql", GESPREKKEN_OPSLAG.lower())


def eindpunt(instellingen: Instellingen, sleutel: str) -> Optional[EndpointConfig]:
    """One entry (tracker_store, lock_store, ...) of the settings' endpoints file, or None when absent."""
    # BaseLoader: every value stays text, as in Rasa's reading, and Rasa's global ${...} hook is not used.
    inhoud = yaml.load(Path(instellingen.endpoints).read_text(), Loader=yaml.BaseLoader) or {}
    if not inhoud.get(sleutel):
        return None
    return EndpointConfig.from_dict(ingevuld(inhoud[sleutel], plaatshouders(instellingen)))


def database_url(config: EndpointConfig, login: bool = False) -> Any:
    """The SQLAlchemy URL of an SQL tracker store entry, built as Rasa's SQLTrackerStore builds it.

    `login`: the database to log in to first (`login_db`, PostgreSQL), which exists before the store's own.
    """
    kwargs = config.kwargs
    poort = int(kwargs["port"]) if kwargs.get("port") else None
    login_db = kwargs.get("login_db") if login else None
    return SQLTrackerStore.get_db_url(
        kwargs.get("dialect", "sqlite"),
        config.url,
        poort,
        kwargs.get("db", "rasa.db"),
        kwargs.get("username"),
        kwargs.get("password"),
        login_db,
        kwargs.get("query"),
    )
