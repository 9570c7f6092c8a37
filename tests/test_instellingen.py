"""Safe defaults: API off, no CORS wildcard, Telegram only with its secret (dienst/instellingen.py)."""
import pytest

from dienst import instellingen
from dienst.instellingen import InstellingFout


@pytest.fixture(autouse=True)
def schone_omgeving(monkeypatch, tmp_path):
    for naam in ("RASA_API", "RASA_API_TOKEN", "RASA_JWT_SECRET", "RASA_CORS_ORIGINS", "TELEGRAM_TOKEN",
                 "TELEGRAM_WEBHOOK_URL", "TELEGRAM_SECRET_TOKEN", "SOCKETIO_GEHEIM", "ENDPOINTS", "ASSISTENT_MODUS"):
        monkeypatch.delenv(naam, raising=False)
    monkeypatch.setattr(instellingen, "VAR", tmp_path)
    instellingen.standaardwaarden()


def test_http_api_staat_standaard_uit():
    assert instellingen.http_api() == []
    assert "--enable-api" not in instellingen.rasa_run_argumenten()


def test_http_api_aan_zonder_token_weigert_te_starten(monkeypatch):
    monkeypatch.setenv("RASA_API", "aan")
    with pytest.raises(InstellingFout, match="RASA_API_TOKEN"):
        instellingen.http_api()


def test_http_api_aan_met_token_of_jwt(monkeypatch):
    monkeypatch.setenv("RASA_API", "aan")
    monkeypatch.setenv("RASA_API_TOKEN", "geheim-token")
    assert instellingen.http_api() == ["--enable-api", "--auth-token", "geheim-token"]
    monkeypatch.delenv("RASA_API_TOKEN")
    monkeypatch.setenv("RASA_JWT_SECRET", "jwt-geheim")
    assert instellingen.http_api()[:3] == ["--enable-api", "--jwt-secret", "jwt-geheim"]


def test_cors_alleen_de_eigen_webpagina():
    assert instellingen.cors() == ["http://127.0.0.1:8080", "http://localhost:8080"]


def test_cors_weigert_een_wildcard(monkeypatch):
    monkeypatch.setenv("RASA_CORS_ORIGINS", "https://ind.example *")
    with pytest.raises(InstellingFout, match=r"\*"):
        instellingen.cors()


def test_sessiegeheim_wordt_gemaakt_en_bewaard(tmp_path):
    geheim = instellingen.bewaard_geheim(tmp_path / "geheim")
    assert len(geheim) >= 32
    assert instellingen.bewaard_geheim(tmp_path / "geheim") == geheim
    assert (tmp_path / "geheim").stat().st_mode & 0o077 == 0


def test_telegram_alleen_met_geheim_token(monkeypatch):
    assert instellingen.credentials() == "credentials.yml"
    monkeypatch.setenv("TELEGRAM_TOKEN", "123:abc")
    monkeypatch.setenv("TELEGRAM_WEBHOOK_URL", "https://voorbeeld.nl/webhooks/telegram/webhook")
    with pytest.raises(InstellingFout, match="TELEGRAM_SECRET_TOKEN"):
        instellingen.credentials()
    monkeypatch.setenv("TELEGRAM_SECRET_TOKEN", "s3cr3t")
    with open(instellingen.credentials()) as bestand:
        inhoud = bestand.read()
    assert "kanalen.telegram.VeiligeTelegram" in inhoud and "123:abc" not in inhoud


def test_productiemodus_kiest_postgres_en_redis(monkeypatch):
    monkeypatch.setenv("ASSISTENT_MODUS", "productie")
    assert instellingen.endpoints() == "endpoints.productie.yml"
