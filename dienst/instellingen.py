"""The server's settings, all from environment variables with safe defaults (the README lists them)."""
import os
import secrets
import tempfile
from pathlib import Path
from typing import Dict, List

import yaml

from kanalen.socketio import herkomsten

VAR = Path(os.environ.get("ASSISTENT_VAR", "var"))
AAN = {"1", "aan", "ja", "true", "yes", "on"}

TELEGRAM = {
    "kanalen.telegram.VeiligeTelegram": {
        "access_token": "${TELEGRAM_TOKEN}",
        "verify": "${TELEGRAM_BOT_NAME}",
        "webhook_url": "${TELEGRAM_WEBHOOK_URL}",
        "secret_token": "${TELEGRAM_SECRET_TOKEN}",
        "api_url": "${TELEGRAM_API_URL}",
    }
}


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


class InstellingFout(Exception):
    """A setting is missing or unsafe; the message says which."""


def standaardwaarden() -> None:
    """Fills in every setting the configuration files refer to, unless the environment sets it."""
    zet = os.environ.setdefault
    zet("RASA_HOST", "127.0.0.1")
    zet("RASA_PORT", "5005")
    zet("ACTION_PORT", "5055")
    zet("ACTION_SERVER_URL", f"http://127.0.0.1:{os.environ['ACTION_PORT']}/webhook")
    zet("WEB_PORT", "8080")
    zet("RASA_CORS_ORIGINS", "http://127.0.0.1:{0} http://localhost:{0}".format(os.environ["WEB_PORT"]))
    zet("GESPREKKEN_DB", str(VAR / "gesprekken.db"))
    zet("MODEL", "models/assistent.tar.gz")
    zet("TELEGRAM_API_URL", "https://api.telegram.org")
    zet("TELEGRAM_BOT_NAME", "")
    zet("RASA_TELEMETRY_ENABLED", "false")
    for naam, waarde in PRODUCTIE.items():
        zet(naam, waarde)
    if not os.environ.get("SOCKETIO_GEHEIM"):
        os.environ["SOCKETIO_GEHEIM"] = bewaard_geheim(VAR / "socketio_geheim")


def bewaard_geheim(pad: Path) -> str:
    """A random secret kept on disk (mode 600), so chat sessions stay valid across restarts."""
    if not pad.exists():
        pad.parent.mkdir(parents=True, exist_ok=True)
        pad.touch(mode=0o600)
        pad.write_text(secrets.token_urlsafe(32))
    return pad.read_text().strip()


def endpoints() -> str:
    if os.environ.get("ENDPOINTS"):
        return os.environ["ENDPOINTS"]
    productie = os.environ.get("ASSISTENT_MODUS", "").lower() == "productie"
    return "endpoints.productie.yml" if productie else "endpoints.yml"


def credentials() -> str:
    """credentials.yml, plus Telegram when its token is set (a temporary file with ${...} placeholders)."""
    if not os.environ.get("TELEGRAM_TOKEN"):
        return "credentials.yml"
    for nodig in ("TELEGRAM_WEBHOOK_URL", "TELEGRAM_SECRET_TOKEN"):
        if not os.environ.get(nodig):
            raise InstellingFout(f"TELEGRAM_TOKEN is gezet, maar {nodig} niet.")
    kanalen = yaml.safe_load(Path("credentials.yml").read_text()) or {}
    kanalen.update(TELEGRAM)
    bestand = tempfile.NamedTemporaryFile("w", suffix=".yml", prefix="credentials-", delete=False)
    with bestand:
        yaml.safe_dump(kanalen, bestand)
    return bestand.name


def cors() -> List[str]:
    """The same origin list the socket.io channel reads from credentials.yml."""
    try:
        return herkomsten(os.environ["RASA_CORS_ORIGINS"])
    except ValueError as fout:
        raise InstellingFout(str(fout)) from None


def http_api() -> List[str]:
    """Rasa's HTTP API stays off unless RASA_API=aan, and then only with a token or a JWT secret."""
    if os.environ.get("RASA_API", "").lower() not in AAN:
        return []
    if os.environ.get("RASA_API_TOKEN"):
        return ["--enable-api", "--auth-token", os.environ["RASA_API_TOKEN"]]
    if os.environ.get("RASA_JWT_SECRET"):
        return ["--enable-api", "--jwt-secret", os.environ["RASA_JWT_SECRET"],
                "--jwt-method", os.environ.get("RASA_JWT_METHOD", "HS256")]
    raise InstellingFout("RASA_API=aan vraagt RASA_API_TOKEN of RASA_JWT_SECRET: zonder is de API voor iedereen open.")


def rasa_run_argumenten() -> List[str]:
    omgeving: Dict[str, str] = os.environ
    return ["run", "--model", omgeving["MODEL"], "--interface", omgeving["RASA_HOST"],
            "--port", omgeving["RASA_PORT"], "--credentials", credentials(), "--endpoints", endpoints(),
            "--cors", *cors(), *http_api()]
