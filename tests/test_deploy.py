"""deploy/ cannot be run here (no Docker engine, no cluster): these checks keep it parsable and in step
with what the server really reads (endpoints.productie.yml, dienst/instellingen.py, dienst/opdracht.py)."""

import re
from pathlib import Path
from typing import Any, Dict, List

import pytest
import yaml

from dienst.instellingen import PRODUCTIE
from dienst.opdracht import TELEGRAM

PROJECT = Path(__file__).resolve().parent.parent
DEPLOY = PROJECT / "deploy"
K8S = DEPLOY / "k8s"
VARIABELE = re.compile(r"\$\{(\w+)\}")


def documenten(pad: Path) -> List[Dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all(pad.read_text()) if doc]


def manifesten() -> List[Dict[str, Any]]:
    return [doc for pad in sorted(K8S.glob("*.yaml")) if pad.name != "kustomization.yaml" for doc in documenten(pad)]


def zoek(kind: str, naam: str) -> Dict[str, Any]:
    gevonden = [m for m in manifesten() if m["kind"] == kind and m["metadata"]["name"] == naam]
    assert len(gevonden) == 1, f"{kind}/{naam}: {len(gevonden)} keer gevonden"
    return gevonden[0]


def pod(manifest: Dict[str, Any]) -> Dict[str, Any]:
    if manifest["kind"] == "CronJob":
        return manifest["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    return manifest["spec"]["template"]["spec"]


def container(kind: str, naam: str) -> Dict[str, Any]:
    return pod(zoek(kind, naam))["containers"][0]


def instellingen() -> Dict[str, str]:
    return zoek("ConfigMap", "assistent-instellingen")["data"]


def geheimen() -> Dict[str, str]:
    return zoek("Secret", "assistent-geheimen")["stringData"]


def benodigd() -> set:
    """Every variable the production server reads from its configuration files."""
    bestanden = ["endpoints.productie.yml", "credentials.yml"]
    namen = {naam for bestand in bestanden for naam in VARIABELE.findall((PROJECT / bestand).read_text())}
    telegram = {
        naam for waarde in TELEGRAM["kanalen.telegram.VeiligeTelegram"].values() for naam in VARIABELE.findall(waarde)
    }
    eigen_standaard = {"TELEGRAM_API_URL"}  # its default is Telegram itself
    # Loopback defaults that would make a container unreachable, the mode and the session secret.
    container = {"ASSISTENT_MODUS", "RASA_HOST", "WEB_HOST", "RASA_PUBLIC_URL", "SOCKETIO_GEHEIM", "TELEGRAM_TOKEN"}
    return (namen | telegram | set(PRODUCTIE) | container) - eigen_standaard


def compose() -> Dict[str, Any]:
    return documenten(DEPLOY / "docker-compose.yml")[0]


@pytest.mark.parametrize("pad", sorted(K8S.glob("*.yaml")) + [DEPLOY / "docker-compose.yml"], ids=lambda pad: pad.name)
def test_elk_bestand_is_geldige_yaml(pad):
    assert documenten(pad)


def test_elk_manifest_heeft_soort_en_naam():
    for manifest in manifesten():
        assert manifest.get("apiVersion") and manifest.get("kind") and manifest["metadata"].get("name")


def test_kustomization_noemt_alles_behalve_het_voorbeeldgeheim():
    kustomization = documenten(K8S / "kustomization.yaml")[0]
    genoemd = set(kustomization["resources"])
    aanwezig = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml", "secret.voorbeeld.yaml"}
    assert genoemd == aanwezig


def test_configmap_en_secret_geven_alles_wat_de_server_leest():
    gegeven = set(instellingen()) | set(geheimen())
    assert benodigd() - gegeven == set()
    assert instellingen()["ASSISTENT_MODUS"] == "productie"
    assert not set(instellingen()) & {"SOCKETIO_GEHEIM", "POSTGRES_PASSWORD", "REDIS_PASSWORD", "TELEGRAM_TOKEN"}


def test_voorbeeldgeheim_bevat_geen_echte_geheimen():
    for naam, waarde in geheimen().items():
        assert waarde == "" or waarde.startswith("VERVANG"), naam


@pytest.mark.parametrize(
    "kind, naam, opdracht",
    [
        ("Deployment", "rasa", ["python", "-m", "dienst", "server"]),
        ("Deployment", "acties", ["python", "-m", "dienst", "acties"]),
        ("CronJob", "opruimen", ["python", "-m", "dienst.opruimen"]),
    ],
)
def test_containers_starten_via_dienst(kind, naam, opdracht):
    assert container(kind, naam)["command"] == opdracht


def test_rasa_replicas_lezen_instellingen_en_geheimen_en_hebben_probes():
    rasa = zoek("Deployment", "rasa")
    assert rasa["spec"]["replicas"] >= 2
    bronnen = [next(iter(bron.values()))["name"] for bron in container("Deployment", "rasa")["envFrom"]]
    assert bronnen == ["assistent-instellingen", "assistent-geheimen"]
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert container("Deployment", "rasa")[probe]["httpGet"]["path"] == "/webhooks/rest/"


def test_diensten_heten_zoals_de_configmap_ze_noemt():
    data = instellingen()
    poorten = {
        (naam, poort["port"])
        for naam in ("postgres", "redis", "acties", "rasa", "web")
        for poort in zoek("Service", naam)["spec"]["ports"]
    }
    assert (data["POSTGRES_HOST"], int(data["POSTGRES_PORT"])) in poorten
    assert (data["REDIS_HOST"], int(data["REDIS_PORT"])) in poorten
    assert data["ACTION_SERVER_URL"] == f"http://acties:{data['ACTION_PORT']}/webhook"
    assert ("acties", int(data["ACTION_PORT"])) in poorten
    assert ("rasa", int(data["RASA_PORT"])) in poorten


def test_ingress_plakt_socketio_aan_een_replica_en_houdt_rest_binnen():
    chat = zoek("Ingress", "chat")
    assert chat["metadata"]["annotations"]["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    paden = {
        pad["path"]: pad["backend"]["service"]["name"]
        for regel in chat["spec"]["rules"]
        for pad in regel["http"]["paths"]
    }
    assert paden["/socket.io"] == "rasa"
    assert not any(pad.startswith("/webhooks/rest") for pad in paden)
    web_paden = zoek("Ingress", "web")["spec"]["rules"][0]["http"]["paths"]
    assert web_paden[0]["backend"]["service"]["name"] == "web"


def test_compose_draait_dezelfde_opdrachten_met_dezelfde_instellingen():
    diensten = compose()["services"]
    assert diensten["rasa"]["command"] == container("Deployment", "rasa")["command"]
    assert diensten["acties"]["command"] == container("Deployment", "acties")["command"]
    assert diensten["opruimen"]["command"] == container("CronJob", "opruimen")["command"]
    assert diensten["rasa"]["deploy"]["replicas"] >= 2
    assert set(compose()["x-instellingen"]) == set(instellingen())
    assert benodigd() - set(diensten["rasa"]["environment"]) == set()
    assert set(compose()["x-geheimen"]) == set(geheimen())


def test_nginx_houdt_socketio_bij_een_replica():
    conf = (DEPLOY / "nginx.conf").read_text()
    assert "ip_hash;" in conf and "location /socket.io/" in conf


def test_dockerfile_bouwt_op_python_310_met_de_lock():
    regels = (DEPLOY / "Dockerfile").read_text().splitlines()
    assert "FROM python:3.10-slim" in regels
    assert any("pip install" in r and "-r requirements.lock" in r for r in regels)
    assert 'CMD ["python", "-m", "dienst", "server"]' in regels


def test_dockerfile_kopieert_alleen_wat_bestaat():
    # models/ and web/node_modules/ are made by `make train` and scripts/setup_web.sh, not committed.
    gemaakt = ("models/", "web/node_modules/")
    for regel in (DEPLOY / "Dockerfile").read_text().splitlines():
        if regel.startswith("COPY "):
            for bron in regel.split()[1:-1]:
                assert bron.startswith(gemaakt) or (PROJECT / bron).exists(), bron
