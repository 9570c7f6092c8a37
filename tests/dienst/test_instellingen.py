"""One settings module (dienst/instellingen.py): defaults, parsing, safe refusals; nothing else reads os.environ.

The tests hand `lees()` an environment of their own, so nothing leaks between tests or from the machine.
"""

import dataclasses
import re
import subprocess
import sys

import pytest

from dienst import eindpunten, instellingen, opdracht
from dienst.instellingen import InstellingFout, lees
from tests.conftest import PROJECT

PLAATSHOUDER = re.compile(r"\$\{(\w+)\}")


def test_standaardwaarden_volgen_uit_de_poorten():
    gekozen = lees({"WEB_PORT": "9123", "ACTION_PORT": "6001", "RASA_PORT": "6002"})
    assert gekozen.cors_herkomsten == ("http://127.0.0.1:9123", "http://localhost:9123")
    assert gekozen.actieserver_url == "http://127.0.0.1:6001/webhook"
    assert gekozen.rasa_publieke_url == "http://127.0.0.1:6002"
    assert (gekozen.endpoints, gekozen.gesprekken_db, gekozen.max_bericht_tekens) == (
        "endpoints.yml",
        "var/gesprekken.db",
        1000,
    )
    assert (gekozen.actie_timeout, gekozen.sanic_werkers, gekozen.bewaar_dagen) == (5, 1, 30)


def test_instellingen_liggen_vast():
    with pytest.raises(dataclasses.FrozenInstanceError):
        lees({}).rasa_poort = 1


def test_huidige_leest_de_omgeving_een_keer(monkeypatch):
    monkeypatch.setenv("MAX_BERICHT_TEKENS", "12")
    eerste = instellingen.huidige()
    monkeypatch.setenv("MAX_BERICHT_TEKENS", "13")
    assert instellingen.huidige() is eerste and eerste.max_bericht_tekens == 12


@pytest.mark.parametrize(
    "naam, waarde",
    [
        ("RASA_PORT", "vijf"),
        ("ACTION_PORT", "70000"),
        ("MAX_BERICHT_TEKENS", "0"),
        ("ACTIE_TIMEOUT", "nooit"),
        ("ACTIE_TIMEOUT", "0"),
        ("SANIC_WORKERS", "veel"),
        ("BEWAAR_DAGEN", "-1"),
        ("ASSISTENT_MODUS", "prod"),
        ("SOCKETIO_GEHEIM", "kort"),
    ],
)
def test_een_onleesbare_waarde_noemt_de_variabele(naam, waarde):
    with pytest.raises(InstellingFout, match=naam):
        lees({naam: waarde})


def test_http_api_staat_standaard_uit():
    assert opdracht.http_api(lees({})) == []
    assert "--enable-api" not in opdracht.server(lees({}))


def test_http_api_aan_zonder_token_weigert_te_starten():
    with pytest.raises(InstellingFout, match="RASA_API_TOKEN"):
        lees({"RASA_API": "aan"})


def test_http_api_aan_met_token_of_jwt():
    assert opdracht.http_api(lees({"RASA_API": "aan", "RASA_API_TOKEN": "geheim-token"})) == [
        "--enable-api",
        "--auth-token",
        "geheim-token",
    ]
    jwt = opdracht.http_api(lees({"RASA_API": "ja", "RASA_JWT_SECRET": "jwt-geheim"}))
    assert jwt == ["--enable-api", "--jwt-secret", "jwt-geheim", "--jwt-method", "HS256"]


def test_cors_alleen_de_genoemde_websites():
    gekozen = lees({"RASA_CORS_ORIGINS": "https://ind.example, https://www.ind.example"})
    assert gekozen.cors_herkomsten == ("https://ind.example", "https://www.ind.example")
    assert opdracht.server(gekozen)[-2:] == ["https://ind.example", "https://www.ind.example"]


def test_cors_weigert_een_wildcard():
    with pytest.raises(InstellingFout, match=r"\*"):
        lees({"RASA_CORS_ORIGINS": "https://ind.example *"})


def test_sessiegeheim_wordt_gemaakt_en_bewaard(tmp_path):
    geheim = lees({"ASSISTENT_VAR": str(tmp_path)}).sessie_geheim()
    assert len(geheim) >= 32
    assert lees({"ASSISTENT_VAR": str(tmp_path)}).sessie_geheim() == geheim
    assert (tmp_path / "socketio_geheim").stat().st_mode & 0o077 == 0
    assert lees({"ASSISTENT_VAR": str(tmp_path), "SOCKETIO_GEHEIM": "x" * 16}).sessie_geheim() == "x" * 16


def test_telegram_alleen_met_geheim_token():
    assert opdracht.credentials(lees({})) == "credentials.yml"
    telegram = {"TELEGRAM_TOKEN": "123:abc", "TELEGRAM_WEBHOOK_URL": "https://voorbeeld.nl/webhooks/telegram/webhook"}
    with pytest.raises(InstellingFout, match="TELEGRAM_SECRET_TOKEN"):
        lees(telegram)
    with open(opdracht.credentials(lees({**telegram, "TELEGRAM_SECRET_TOKEN": "s3cr3t"}))) as bestand:
        inhoud = bestand.read()
    assert "rasaserver.kanalen.telegram.VeiligeTelegram" in inhoud and "123:abc" not in inhoud


WHATSAPP = {
    "WHATSAPP_TOKEN": "EAAGm0PX4ZCpsBAKZBqwertyuiopasdfgh",
    "WHATSAPP_PHONE_NUMBER_ID": "106540352242922",
    "WHATSAPP_APP_SECRET": "0123456789abcdef0123456789abcdef",
    "WHATSAPP_VERIFY_TOKEN": "verificatie-token",
}


def test_whatsapp_staat_uit_tot_het_gezet_is():
    assert lees({}).whatsapp.token == "" and opdracht.credentials(lees({})) == "credentials.yml"
    assert "WHATSAPP_TOKEN" not in instellingen.plaatshouders(lees({}))
    aan = lees(WHATSAPP)
    assert aan.whatsapp.api_url == "https://graph.facebook.com/v19.0"
    assert lees({**WHATSAPP, "WHATSAPP_API_URL": "http://127.0.0.1:9/"}).whatsapp.api_url == "http://127.0.0.1:9"
    with open(opdracht.credentials(aan)) as bestand:
        inhoud = bestand.read()
    assert "rasaserver.kanalen.whatsapp.VeiligeWhatsApp" in inhoud and "rasaserver.kanalen.rest.VeiligeRest" in inhoud
    assert WHATSAPP["WHATSAPP_TOKEN"] not in inhoud and WHATSAPP["WHATSAPP_APP_SECRET"] not in inhoud


@pytest.mark.parametrize("ontbreekt", sorted(WHATSAPP))
def test_whatsapp_half_gezet_stopt_de_start_en_noemt_wat_ontbreekt(ontbreekt):
    with pytest.raises(InstellingFout, match=f"maar {ontbreekt} niet"):
        lees({naam: waarde for naam, waarde in WHATSAPP.items() if naam != ontbreekt})


@pytest.mark.parametrize(
    "naam, waarde",
    [
        ("WHATSAPP_TOKEN", "kort"),
        ("WHATSAPP_TOKEN", "EAAG met spaties erin en nog meer tekst"),
        ("WHATSAPP_PHONE_NUMBER_ID", "+31 6 12345678"),
        ("WHATSAPP_APP_SECRET", "geen-hex-geheim-van-32-tekens-xx"),
        ("WHATSAPP_APP_SECRET", "0123456789abcdef"),
        ("WHATSAPP_VERIFY_TOKEN", "kort"),
        ("WHATSAPP_VERIFY_TOKEN", "met een spatie"),
        ("WHATSAPP_API_URL", "graph.facebook.com/v19.0"),
    ],
)
def test_whatsapp_onbruikbare_waarde_noemt_de_variabele_en_niet_het_geheim(naam, waarde):
    with pytest.raises(InstellingFout, match=naam) as fout:
        lees({**WHATSAPP, naam: waarde})
    assert all(geheim not in str(fout.value) for geheim in WHATSAPP.values())


def test_whatsapp_fout_stopt_de_start_met_een_zin(monkeypatch, capsys):
    from dienst import __main__ as dienst_main

    for naam, waarde in WHATSAPP.items():
        monkeypatch.setenv(naam, waarde)
    monkeypatch.setenv("WHATSAPP_APP_SECRET", "fout")
    assert dienst_main.main(["server"]) == 2
    fout = capsys.readouterr().err.strip().splitlines()
    assert len(fout) == 1 and fout[0].startswith("dienst: WHATSAPP_APP_SECRET")


def test_productiemodus_kiest_postgres_en_redis():
    assert lees({"ASSISTENT_MODUS": "Productie"}).endpoints == "endpoints.productie.yml"
    assert lees({"ASSISTENT_MODUS": "productie", "ENDPOINTS": "ander.yml"}).endpoints == "ander.yml"


def test_elke_plaatshouder_in_de_configuratie_krijgt_een_waarde():
    bestanden = ["endpoints.yml", "endpoints.productie.yml", "credentials.yml"]
    namen = {naam for bestand in bestanden for naam in PLAATSHOUDER.findall((PROJECT / bestand).read_text())}
    namen |= {
        naam
        for kanaal in (opdracht.TELEGRAM, opdracht.WHATSAPP)
        for instellingen_ in kanaal.values()
        for waarde in instellingen_.values()
        for naam in PLAATSHOUDER.findall(waarde)
    }
    telegram = {"TELEGRAM_TOKEN": "1:a", "TELEGRAM_WEBHOOK_URL": "https://x", "TELEGRAM_SECRET_TOKEN": "s"}
    gekozen = lees({**telegram, **WHATSAPP})
    assert namen - set(instellingen.plaatshouders(gekozen)) == set()


def test_het_endpoints_bestand_krijgt_de_waarden_van_de_instellingen(monkeypatch):
    monkeypatch.chdir(PROJECT)
    monkeypatch.setenv("POSTGRES_PORT", "1111")  # the environment does not count, only the settings given
    gekozen = lees({"ASSISTENT_MODUS": "productie", "POSTGRES_PORT": "6543", "REDIS_DB": "3"})
    assert eindpunten.eindpunt(gekozen, "tracker_store").kwargs["port"] == "6543"
    assert eindpunten.eindpunt(gekozen, "lock_store").kwargs["db"] == "3"
    assert eindpunten.eindpunt(lees({}), "lock_store") is None


def test_alleen_de_instellingen_lezen_de_omgeving():
    lezers = [
        pad.relative_to(PROJECT)
        for map_ in ("dienst", "kanalen")
        for pad in (PROJECT / map_).rglob("*.py")
        if re.search(r"os\.environ|getenv", pad.read_text())
    ]
    assert [str(pad) for pad in lezers] == ["dienst/instellingen.py"]


def test_instellingen_en_invoercontrole_laden_zonder_rasa():
    code = (
        "import sys, dienst.instellingen, rasaserver.kanalen.invoer; "
        "print([m for m in sys.modules if m == 'rasa' or m.startswith(('rasa.', 'tensorflow', 'sanic'))])"
    )
    uitvoer = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, check=True)
    assert uitvoer.stdout.strip() == "[]"


def test_run_sh_krijgt_de_adressen_van_de_instellingen(monkeypatch, capsys):
    from dienst import __main__ as dienst_main

    monkeypatch.setenv("WEB_HOST", "0.0.0.0")
    monkeypatch.setenv("RASA_PORT", "6123")
    for naam in ("ACTION_PORT", "RASA_HOST"):  # their defaults, whatever the caller's shell says
        monkeypatch.delenv(naam, raising=False)
    assert dienst_main.main(["adressen"]) == 0
    uitvoer = capsys.readouterr().out.split()
    assert {"RASA_PORT=6123", "WEB_HOST=0.0.0.0", "ACTION_PORT=5055", "RASA_HOST=127.0.0.1"} <= set(uitvoer)


@pytest.mark.parametrize("waarde", ["", "uit", "NEE", "0"])
def test_een_ja_nee_instelling_die_uit_staat(waarde):
    assert opdracht.http_api(lees({"RASA_API": waarde})) == []


def test_een_ja_nee_instelling_met_een_onbekende_waarde_stopt_de_start():
    with pytest.raises(InstellingFout, match="RASA_API='misschien' is geen aan of uit"):
        lees({"RASA_API": "misschien"})
