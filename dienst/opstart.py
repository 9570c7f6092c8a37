"""Before the server starts: is every service in the endpoints file reachable? If not, one clear sentence."""

from typing import List, Optional

import redis
import sqlalchemy
from rasa.core.tracker_store import SQLTrackerStore
from rasa.utils.endpoints import EndpointConfig

from dienst.eindpunten import database_url, eindpunt, is_sql_opslag
from dienst.instellingen import Instellingen
from dienst.versies import StartFout

WACHTTIJD = 3


class OpstartFout(StartFout):
    """A service the assistant needs is missing; the message says which and what to do."""


def controleer_sql(config: EndpointConfig) -> Optional[str]:
    dialect = config.kwargs.get("dialect", "sqlite")
    if dialect == "sqlite":
        return None
    url = database_url(config, login=True)  # the store's own database may not exist yet
    db = sqlalchemy.engine.make_url(url).database
    try:
        engine = sqlalchemy.create_engine(url, connect_args={"connect_timeout": WACHTTIJD})
        with engine.connect():
            return None
    except Exception as fout:  # noqa: BLE001 - any failure means: not reachable
        return (
            f"de database voor gesprekken ({dialect} op {config.url}:{config.kwargs.get('port')}, database {db}) "
            f"is niet bereikbaar: {eerste_regel(fout)}"
        )


def controleer_redis(config: EndpointConfig, wat: str) -> Optional[str]:
    kwargs = config.kwargs
    poort = int(kwargs.get("port") or 6379)
    try:
        redis.Redis(
            host=config.url,
            port=poort,
            db=int(kwargs.get("db") or 0),
            password=kwargs.get("password"),
            socket_connect_timeout=WACHTTIJD,
        ).ping()
        return None
    except Exception as fout:  # noqa: BLE001
        return f"Redis voor {wat} (op {config.url}:{poort}) is niet bereikbaar: {eerste_regel(fout)}"


def eerste_regel(fout: Exception) -> str:
    return (str(fout).strip().splitlines() or [type(fout).__name__])[0].rstrip(".")


def problemen(instellingen: Instellingen) -> List[str]:
    gevonden = []
    for sleutel, wat in (("tracker_store", "gesprekken"), ("lock_store", "vergrendeling van gesprekken")):
        config = eindpunt(instellingen, sleutel)
        if config is None:
            continue
        soort = (config.type or "").lower()
        if is_sql_opslag(config):
            gevonden.append(controleer_sql(config))
        elif soort == "redis" or soort.endswith("redislockstore"):
            gevonden.append(controleer_redis(config, wat))
    return [p for p in gevonden if p]


def controleer_diensten(instellingen: Instellingen) -> None:
    gevonden = problemen(instellingen)
    if gevonden:
        raise OpstartFout("De assistent kan niet starten: " + "; ".join(gevonden) + ".")


def maak_tabellen(instellingen: Instellingen) -> None:
    """Creates the PostgreSQL database and table once, before several Sanic workers would race to do it."""
    config = eindpunt(instellingen, "tracker_store")
    if not is_sql_opslag(config) or config.kwargs.get("dialect", "sqlite") == "sqlite":
        return
    namen = ("dialect", "port", "db", "username", "password", "login_db", "query")
    opslag = SQLTrackerStore(domain=None, host=config.url, **{k: v for k, v in config.kwargs.items() if k in namen})
    opslag.engine.dispose()  # no pooled connection may be inherited by the forked workers
