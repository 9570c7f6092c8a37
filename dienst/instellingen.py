"""Every setting of the assistant in one place: its environment variable, default and parsing (README lists them).

`huidige()` reads the environment once and gives a frozen `Instellingen`; no other module reads os.environ.
A wrong value stops the start with one sentence that names the variable. Plain Python, no Rasa import: the
channels' input check and the tools import it too.
"""

import os
import re
import secrets
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Mapping, Tuple

AAN = {"1", "aan", "ja", "true", "yes", "on"}
UIT = {"0", "uit", "nee", "false", "no", "off"}
MODI = {"": False, "ingebed": False, "productie": True}  # ASSISTENT_MODUS -> production mode?

# Production mode (endpoints.productie.yml): PostgreSQL for conversations, Redis for the lock store.
PRODUCTIE = {
    "POSTGRES_HOST": "127.0.0.1",
    "POSTGRES_PORT": "5432",
    "POSTGRES_DB": "assistent",
    "POSTGRES_LOGIN_DB": "postgres",
    "POSTGRES_USER": "postgres",
    "POSTGRES_PASSWORD": "",
    "REDIS_HOST": "127.0.0.1",
    "REDIS_PORT": "6379",
    "REDIS_DB": "0",
    "REDIS_PASSWORD": "",
}


class InstellingFout(ValueError):
    """A setting is missing, unreadable or unsafe; the message says which."""


@dataclass(frozen=True)
class Postgres:
    host: str
    poort: int
    db: str
    login_db: str
    gebruiker: str
    wachtwoord: str


@dataclass(frozen=True)
class Redis:
    host: str
    poort: int
    db: int
    wachtwoord: str


@dataclass(frozen=True)
class Telegram:
    token: str  # empty: the channel is off
    webhook_url: str
    geheim: str
    bot_naam: str
    api_url: str


@dataclass(frozen=True)
class WhatsApp:
    token: str  # empty: the channel is off
    telefoonnummer_id: str
    app_geheim: str
    verificatietoken: str
    api_url: str

    def waarden(self) -> Dict[str, str]:
        """The four values that must be set together, by their variable's name."""
        return {
            "WHATSAPP_TOKEN": self.token,
            "WHATSAPP_PHONE_NUMBER_ID": self.telefoonnummer_id,
            "WHATSAPP_APP_SECRET": self.app_geheim,
            "WHATSAPP_VERIFY_TOKEN": self.verificatietoken,
        }


@dataclass(frozen=True)
class HttpApi:
    aan: bool
    token: str
    jwt_geheim: str
    jwt_methode: str


@dataclass(frozen=True)
class Instellingen:
    rasa_host: str
    rasa_poort: int
    actie_poort: int
    actieserver_url: str
    web_host: str
    web_poort: int
    rasa_publieke_url: str
    snel_weg_url: str
    cors_herkomsten: Tuple[str, ...]
    productie: bool
    endpoints: str
    var: Path
    gesprekken_db: str
    socketio_geheim: str  # empty: a random one kept in var/ (see sessie_geheim)
    max_bericht_tekens: int
    berichten_tegelijk: int
    actie_timeout: float
    sanic_werkers: int
    bewaar_dagen: int
    model: str
    telemetrie: str
    api: HttpApi
    telegram: Telegram
    whatsapp: WhatsApp
    postgres: Postgres
    redis: Redis

    def sessie_geheim(self) -> str:
        """SOCKETIO_GEHEIM, else a random secret kept on disk, so chat sessions stay valid across restarts."""
        return self.socketio_geheim or bewaard_geheim(self.var / "socketio_geheim")


def bewaard_geheim(pad: Path) -> str:
    """A random secret kept on disk (mode 600)."""
    if not pad.exists():
        pad.parent.mkdir(parents=True, exist_ok=True)
        pad.touch(mode=0o600)
        pad.write_text(secrets.token_urlsafe(32))
    return pad.read_text().strip()


def herkomsten(tekst: object) -> List[str]:
    """The web sites allowed to use the chat, from a space- or comma-separated list; '*' is refused."""
    herkomst = [h for h in str(tekst or "").replace(",", " ").split() if h]
    if "*" in herkomst:
        raise InstellingFout("RASA_CORS_ORIGINS mag geen '*' bevatten: noem de websites die de chat tonen.")
    return herkomst


class Lezer:
    """Reads one environment; an empty variable counts as not set."""

    def __init__(self, omgeving: Mapping[str, str]) -> None:
        self.omgeving = omgeving

    def tekst(self, naam: str, standaard: str = "") -> str:
        waarde = self.omgeving.get(naam)
        return standaard if waarde is None or waarde == "" else waarde

    def ja_nee(self, naam: str, standaard: bool = False) -> bool:
        """aan/ja/1/true/yes/on or uit/nee/0/false/no/off; anything else stops the start."""
        tekst = self.tekst(naam).strip().lower()
        if not tekst:
            return standaard
        if tekst not in AAN | UIT:
            raise InstellingFout(f"{naam}={tekst!r} is geen aan of uit (aan, ja, 1 of uit, nee, 0).")
        return tekst in AAN

    def getal(self, naam: str, standaard: int, minimum: int = 1, maximum: int = 2**31) -> int:
        tekst = self.tekst(naam, str(standaard))
        try:
            getal = int(tekst)
        except ValueError:
            raise InstellingFout(f"{naam}={tekst!r} is geen geheel getal.") from None
        if not minimum <= getal <= maximum:
            raise InstellingFout(f"{naam}={getal} valt buiten {minimum}..{maximum}.")
        return getal

    def poort(self, naam: str, standaard: int) -> int:
        return self.getal(naam, standaard, 1, 65535)

    def seconden(self, naam: str, standaard: float) -> float:
        tekst = self.tekst(naam, str(standaard))
        try:
            seconden = float(tekst)
        except ValueError:
            raise InstellingFout(f"{naam}={tekst!r} is geen aantal seconden.") from None
        if not seconden > 0:
            raise InstellingFout(f"{naam} moet meer dan 0 seconden zijn, niet {tekst}.")
        return seconden


def lees_postgres(lees: Lezer) -> Postgres:
    p = {naam: lees.tekst(naam, standaard) for naam, standaard in PRODUCTIE.items() if naam.startswith("POSTGRES")}
    return Postgres(
        p["POSTGRES_HOST"],
        lees.poort("POSTGRES_PORT", 5432),
        p["POSTGRES_DB"],
        p["POSTGRES_LOGIN_DB"],
        p["POSTGRES_USER"],
        p["POSTGRES_PASSWORD"],
    )


def lees_redis(lees: Lezer) -> Redis:
    return Redis(
        lees.tekst("REDIS_HOST", "127.0.0.1"),
        lees.poort("REDIS_PORT", 6379),
        lees.getal("REDIS_DB", 0, minimum=0),
        lees.tekst("REDIS_PASSWORD"),
    )


def lees_telegram(lees: Lezer) -> Telegram:
    telegram = Telegram(
        lees.tekst("TELEGRAM_TOKEN"),
        lees.tekst("TELEGRAM_WEBHOOK_URL"),
        lees.tekst("TELEGRAM_SECRET_TOKEN"),
        lees.tekst("TELEGRAM_BOT_NAME"),
        lees.tekst("TELEGRAM_API_URL", "https://api.telegram.org"),
    )
    for naam in ("TELEGRAM_WEBHOOK_URL", "TELEGRAM_SECRET_TOKEN"):
        if telegram.token and not lees.tekst(naam):
            raise InstellingFout(f"TELEGRAM_TOKEN is gezet, maar {naam} niet.")
    return telegram


WHATSAPP_API = "https://graph.facebook.com/v19.0"
# The four values that must be set together, in the form Meta hands them out.
WHATSAPP_VORM = {
    "WHATSAPP_TOKEN": (re.compile(r"[A-Za-z0-9_.~+/=-]{20,}"), "is geen toegangstoken van Meta (20 tekens of meer)"),
    "WHATSAPP_PHONE_NUMBER_ID": (re.compile(r"\d{5,20}"), "is geen Phone number ID (alleen cijfers)"),
    "WHATSAPP_APP_SECRET": (re.compile(r"[0-9a-fA-F]{32}"), "is geen app-geheim van Meta (32 hexadecimale tekens)"),
    "WHATSAPP_VERIFY_TOKEN": (re.compile(r"[!-~]{8,256}"), "moet 8 tot 256 tekens zijn, zonder spaties"),
}


def controleer_whatsapp(whatsapp: WhatsApp) -> None:
    """All four WhatsApp values or none, each in the form Meta gives it; the first wrong one is named."""
    waarden = whatsapp.waarden()
    gezet = [naam for naam, waarde in waarden.items() if waarde]
    if not gezet:
        return
    for naam, waarde in waarden.items():
        if not waarde:
            raise InstellingFout(f"{gezet[0]} is gezet, maar {naam} niet: WhatsApp vraagt alle vier.")
        patroon, uitleg = WHATSAPP_VORM[naam]
        if not patroon.fullmatch(waarde):
            raise InstellingFout(f"{naam} {uitleg}.")
    if not whatsapp.api_url.startswith(("https://", "http://")):
        raise InstellingFout(f"WHATSAPP_API_URL begint niet met https:// of http://: {whatsapp.api_url!r}.")


def lees_whatsapp(lees: Lezer) -> WhatsApp:
    whatsapp = WhatsApp(
        token=lees.tekst("WHATSAPP_TOKEN").strip(),
        telefoonnummer_id=lees.tekst("WHATSAPP_PHONE_NUMBER_ID").strip(),
        app_geheim=lees.tekst("WHATSAPP_APP_SECRET").strip(),
        verificatietoken=lees.tekst("WHATSAPP_VERIFY_TOKEN").strip(),
        api_url=lees.tekst("WHATSAPP_API_URL", WHATSAPP_API).strip().rstrip("/"),
    )
    controleer_whatsapp(whatsapp)
    return whatsapp


def lees_api(lees: Lezer) -> HttpApi:
    """Rasa's HTTP API stays off unless RASA_API=aan, and then only with a token or a JWT secret."""
    api = HttpApi(
        lees.ja_nee("RASA_API"),
        lees.tekst("RASA_API_TOKEN"),
        lees.tekst("RASA_JWT_SECRET"),
        lees.tekst("RASA_JWT_METHOD", "HS256"),
    )
    if api.aan and not (api.token or api.jwt_geheim):
        raise InstellingFout(
            "RASA_API=aan vraagt RASA_API_TOKEN of RASA_JWT_SECRET: zonder is de API voor iedereen open."
        )
    return api


def lees_modus(lees: Lezer) -> bool:
    modus = lees.tekst("ASSISTENT_MODUS").strip().lower()
    if modus not in MODI:
        raise InstellingFout(f"ASSISTENT_MODUS={modus!r} bestaat niet: laat hem leeg of zet 'productie'.")
    return MODI[modus]


def lees_geheim(lees: Lezer) -> str:
    geheim = lees.tekst("SOCKETIO_GEHEIM")
    if geheim and len(geheim) < 16:
        raise InstellingFout("SOCKETIO_GEHEIM moet minstens 16 tekens lang zijn (het ondertekent chatsessies).")
    return geheim


def lees(omgeving: Mapping[str, str]) -> Instellingen:
    """The settings in `omgeving` (an environment), with the defaults the README lists."""
    lees = Lezer(omgeving)
    actie_poort = lees.poort("ACTION_PORT", 5055)
    rasa_poort = lees.poort("RASA_PORT", 5005)
    web_poort = lees.poort("WEB_PORT", 8080)
    productie = lees_modus(lees)
    var = Path(lees.tekst("ASSISTENT_VAR", "var"))
    cors = lees.tekst("RASA_CORS_ORIGINS", f"http://127.0.0.1:{web_poort} http://localhost:{web_poort}")
    return Instellingen(
        rasa_host=lees.tekst("RASA_HOST", "127.0.0.1"),
        rasa_poort=rasa_poort,
        actie_poort=actie_poort,
        actieserver_url=lees.tekst("ACTION_SERVER_URL", f"http://127.0.0.1:{actie_poort}/webhook"),
        web_host=lees.tekst("WEB_HOST", "127.0.0.1"),
        web_poort=web_poort,
        rasa_publieke_url=lees.tekst("RASA_PUBLIC_URL", f"http://127.0.0.1:{rasa_poort}").rstrip("/"),
        snel_weg_url=lees.tekst("SNEL_WEG_URL", "https://www.google.nl/search?q=weer"),
        cors_herkomsten=tuple(herkomsten(cors)),
        productie=productie,
        endpoints=lees.tekst("ENDPOINTS", "endpoints.productie.yml" if productie else "endpoints.yml"),
        var=var,
        gesprekken_db=lees.tekst("GESPREKKEN_DB", str(var / "gesprekken.db")),
        socketio_geheim=lees_geheim(lees),
        max_bericht_tekens=lees.getal("MAX_BERICHT_TEKENS", 1000),
        berichten_tegelijk=lees.getal("BERICHTEN_TEGELIJK", 2, maximum=1000),
        actie_timeout=lees.seconden("ACTIE_TIMEOUT", 5),
        sanic_werkers=lees.getal("SANIC_WORKERS", 1, maximum=1),  # one per process: more processes are replicas
        bewaar_dagen=lees.getal("BEWAAR_DAGEN", 30),
        model=lees.tekst("MODEL", "models/assistent.tar.gz"),
        telemetrie=lees.tekst("RASA_TELEMETRY_ENABLED", "false"),
        api=lees_api(lees),
        telegram=lees_telegram(lees),
        whatsapp=lees_whatsapp(lees),
        postgres=lees_postgres(lees),
        redis=lees_redis(lees),
    )


@lru_cache(maxsize=1)
def huidige() -> Instellingen:
    """The settings of this process, read from its environment once (tests clear the cache, see conftest)."""
    return lees(os.environ)


def plaatshouders(instellingen: Instellingen) -> Dict[str, str]:
    """The values of the ${...} placeholders in endpoints*.yml and credentials.yml, and what Rasa reads itself."""
    p, r, t = instellingen.postgres, instellingen.redis, instellingen.telegram
    waarden = {
        "ACTION_SERVER_URL": instellingen.actieserver_url,
        "GESPREKKEN_DB": instellingen.gesprekken_db,
        "RASA_CORS_ORIGINS": " ".join(instellingen.cors_herkomsten),
        "POSTGRES_HOST": p.host,
        "POSTGRES_PORT": str(p.poort),
        "POSTGRES_DB": p.db,
        "POSTGRES_LOGIN_DB": p.login_db,
        "POSTGRES_USER": p.gebruiker,
        "POSTGRES_PASSWORD": p.wachtwoord,
        "REDIS_HOST": r.host,
        "REDIS_PORT": str(r.poort),
        "REDIS_DB": str(r.db),
        "REDIS_PASSWORD": r.wachtwoord,
        "TELEGRAM_BOT_NAME": t.bot_naam,
        "TELEGRAM_API_URL": t.api_url,
        "RASA_TELEMETRY_ENABLED": instellingen.telemetrie,
        "SANIC_WORKERS": str(instellingen.sanic_werkers),
    }
    if t.token:
        waarden.update(TELEGRAM_TOKEN=t.token, TELEGRAM_WEBHOOK_URL=t.webhook_url, TELEGRAM_SECRET_TOKEN=t.geheim)
    w = instellingen.whatsapp
    if w.token:
        waarden.update(w.waarden(), WHATSAPP_API_URL=w.api_url)
    return waarden


def exporteer(instellingen: Instellingen) -> None:
    """Rasa reads its configuration files' ${...} values (and SANIC_WORKERS, telemetry) from the environment.

    Only `python -m dienst` calls this, just before it hands over to Rasa; the values are the parsed ones.
    """
    os.environ.update(plaatshouders(instellingen))
