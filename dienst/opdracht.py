"""The Rasa command line a `python -m dienst` command becomes, built from the parsed settings."""

import shlex
import tempfile
from pathlib import Path
from typing import List

import yaml

from dienst.instellingen import Instellingen

# The Telegram channel as credentials.yml would name it; the secrets stay ${...} placeholders, filled in by
# Rasa from the environment, so the temporary file never holds the token.
TELEGRAM = {
    "rasaserver.kanalen.telegram.VeiligeTelegram": {
        "access_token": "${TELEGRAM_TOKEN}",
        "verify": "${TELEGRAM_BOT_NAME}",
        "webhook_url": "${TELEGRAM_WEBHOOK_URL}",
        "secret_token": "${TELEGRAM_SECRET_TOKEN}",
        "api_url": "${TELEGRAM_API_URL}",
    }
}
WHATSAPP = {
    "rasaserver.kanalen.whatsapp.VeiligeWhatsApp": {
        "access_token": "${WHATSAPP_TOKEN}",
        "phone_number_id": "${WHATSAPP_PHONE_NUMBER_ID}",
        "app_secret": "${WHATSAPP_APP_SECRET}",
        "verify_token": "${WHATSAPP_VERIFY_TOKEN}",
        "api_url": "${WHATSAPP_API_URL}",
    }
}


def credentials(instellingen: Instellingen) -> str:
    """credentials.yml, plus Telegram and WhatsApp when their token is set (a temporary file with placeholders)."""
    extra = {**(TELEGRAM if instellingen.telegram.token else {}), **(WHATSAPP if instellingen.whatsapp.token else {})}
    if not extra:
        return "credentials.yml"
    kanalen = yaml.safe_load(Path("credentials.yml").read_text()) or {}
    kanalen.update(extra)
    bestand = tempfile.NamedTemporaryFile("w", suffix=".yml", prefix="credentials-", delete=False)
    with bestand:
        yaml.safe_dump(kanalen, bestand)
    return bestand.name


def http_api(instellingen: Instellingen) -> List[str]:
    api = instellingen.api
    if not api.aan:
        return []
    if api.token:
        return ["--enable-api", "--auth-token", api.token]
    return ["--enable-api", "--jwt-secret", api.jwt_geheim, "--jwt-method", api.jwt_methode]


def server(instellingen: Instellingen) -> List[str]:
    return [
        "run",
        "--model",
        instellingen.model,
        "--interface",
        instellingen.rasa_host,
        "--port",
        str(instellingen.rasa_poort),
        "--credentials",
        credentials(instellingen),
        "--endpoints",
        instellingen.endpoints,
        "--cors",
        *instellingen.cors_herkomsten,
        *http_api(instellingen),
    ]


def shell(instellingen: Instellingen) -> List[str]:
    return ["shell", "--model", instellingen.model, "--endpoints", instellingen.endpoints]


def acties(instellingen: Instellingen) -> List[str]:
    """The action server's arguments (rasa_sdk's own command line, as `rasa run actions` passes them)."""
    return ["--port", str(instellingen.actie_poort), "--actions", "actions"]


def adressen(instellingen: Instellingen) -> str:
    """Where the three servers listen and log, as shell assignments for scripts/run.sh: its defaults are these."""
    waarden = {
        "RASA_HOST": instellingen.rasa_host,
        "RASA_PORT": instellingen.rasa_poort,
        "ACTION_PORT": instellingen.actie_poort,
        "WEB_HOST": instellingen.web_host,
        "WEB_PORT": instellingen.web_poort,
        "LOG_MAP": instellingen.var / "logs",
    }
    return " ".join(f"{naam}={shlex.quote(str(waarde))}" for naam, waarde in waarden.items())
