"""deploy/ cannot be run here (no Docker engine, no cluster): these checks keep it parsable and in step
with what the server really reads (endpoints.productie.yml, dienst/instellingen.py, dienst/opdracht.py)."""

import ast
import importlib.metadata
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Set, Tuple

import pytest
import yaml

import inhoud
from dienst import instellingen as instellingen_module
from dienst import opdracht
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
        naam
        for waarde in TELEGRAM["rasaserver.kanalen.telegram.VeiligeTelegram"].values()
        for naam in VARIABELE.findall(waarde)
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
        ("CronJob", "opruimen", ["python", "-m", "beheer.opruimen"]),
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


# The Kubernetes version whose schemas the manifests are checked against: the newest kubernetes-validate 1.28.3
# ships (requirements.in says why that release). Its schemas are files in the package: no network is used.
K8S_VERSIE = "1.28.0"


@pytest.fixture
def geen_netwerk(monkeypatch):
    import socket

    def geweigerd(*args, **kwargs):
        raise AssertionError("the schema check tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", geweigerd)
    monkeypatch.setattr(socket, "create_connection", geweigerd)


@pytest.mark.parametrize("manifest", manifesten(), ids=lambda m: f"{m['kind']}-{m['metadata']['name']}")
def test_manifest_klopt_met_het_kubernetes_schema(manifest, geen_netwerk):
    """Strict: a misspelt or misplaced field fails too, as `kubectl apply --validate=strict` would refuse it."""
    import kubernetes_validate

    assert kubernetes_validate.validate(manifest, K8S_VERSIE, strict=True) == "1.28"


@pytest.mark.parametrize(
    "fout",
    [
        lambda m: m["spec"]["template"]["spec"]["containers"][0].update({"envfrom": []}),  # misspelt field
        lambda m: m["spec"].update({"replicas": "twee"}),  # wrong type
        lambda m: m["spec"]["template"]["spec"]["containers"][0].pop("name"),  # required field missing
    ],
    ids=["veldnaam", "type", "verplicht"],
)
def test_schemacontrole_vindt_een_fout_manifest(fout, geen_netwerk):
    import copy

    import kubernetes_validate

    manifest = copy.deepcopy(zoek("Deployment", "rasa"))
    fout(manifest)
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(manifest, K8S_VERSIE, strict=True)


def test_nginx_houdt_socketio_bij_een_replica():
    conf = (DEPLOY / "nginx.conf").read_text()
    assert "ip_hash;" in conf and "location /socket.io/" in conf


# What each process loads, derived from the files that name it, and what its image holds.

PAKKETTEN = {pad.name for pad in PROJECT.iterdir() if (pad / "__init__.py").is_file()}  # ours, top-level


def module_bestand(module: str) -> Optional[Path]:
    pad = PROJECT.joinpath(*module.split("."))
    for kandidaat in (pad / "__init__.py", pad.with_suffix(".py")):
        if kandidaat.is_file():
            return kandidaat
    return None


def knopen(boom: ast.AST, in_functies: bool) -> Iterator[ast.AST]:
    stapel = [boom]
    while stapel:
        knoop = stapel.pop()
        yield knoop
        for kind in ast.iter_child_nodes(knoop):
            if in_functies or not isinstance(kind, (ast.FunctionDef, ast.AsyncFunctionDef)):
                stapel.append(kind)


def modules_van(bestand: Path, pakket: str, in_functies: bool = True) -> Iterator[str]:
    """Every name an import in the file could mean; with `in_functies` also the imports inside functions,
    which one of the commands of a module may reach."""
    for knoop in knopen(ast.parse(bestand.read_text(encoding="utf-8")), in_functies):
        if isinstance(knoop, ast.Import):
            yield from (alias.name for alias in knoop.names)
        elif isinstance(knoop, ast.ImportFrom):
            basis = knoop.module or ""
            if knoop.level:
                delen = pakket.split(".")[: len(pakket.split(".")) - knoop.level + 1]
                basis = ".".join(delen + ([knoop.module] if knoop.module else []))
            yield basis
            yield from (f"{basis}.{alias.name}" for alias in knoop.names)


def geladen(start: Set[str], scripts: Tuple[Path, ...] = (), in_functies: bool = True) -> Tuple[Set[Path], Set[str]]:
    """Our source files the start modules (and scripts) import, directly or not, and the other top-level
    modules they import."""
    bestanden: Set[Path] = set()
    anderen: Set[str] = set()
    rij = [(pad, "") for pad in scripts] + [(module_bestand(m), m) for m in start]
    while rij:
        bestand, module = rij.pop()
        assert bestand is not None, f"{module}: no such module in the project"
        if bestand in bestanden:
            continue
        bestanden.add(bestand)
        pakket = module if bestand.name == "__init__.py" else module.rpartition(".")[0]
        for naam in modules_van(bestand, pakket, in_functies):
            delen = naam.split(".")
            if delen[0] not in PAKKETTEN:
                anderen.add(delen[0])
                continue
            for lengte in range(1, len(delen) + 1):  # the packages on the way are imported too
                if gevonden := module_bestand(".".join(delen[:lengte])):
                    rij.append((gevonden, ".".join(delen[:lengte])))
    return bestanden, anderen


def eindpunt_typen() -> Set[str]:
    """The stores and the NLG the endpoints files name by their dotted class path (`type:`)."""
    namen = set()
    for bestand in ("endpoints.yml", "endpoints.productie.yml"):
        eindpunten = yaml.safe_load((PROJECT / bestand).read_text()) or {}
        namen |= {waarde["type"] for waarde in eindpunten.values() if isinstance(waarde, dict) and "type" in waarde}
    return {naam for naam in namen if "." in naam}


def componenten() -> Set[str]:
    config = yaml.safe_load((PROJECT / "config.yml").read_text())
    return {onderdeel["name"] for onderdeel in config["pipeline"] + config["policies"] if "." in onderdeel["name"]}


def klassenpaden() -> Set[str]:
    """The classes Rasa loads by their dotted path: config.yml's components and policies, the endpoints
    files' `type:`, credentials.yml's channels and the channels dienst/opdracht.py adds."""
    kanalen = list(yaml.safe_load((PROJECT / "credentials.yml").read_text()) or {})
    kanalen += [naam for waarde in vars(opdracht).values() if isinstance(waarde, dict) for naam in waarde]
    return componenten() | eindpunt_typen() | {naam for naam in kanalen if isinstance(naam, str) and "." in naam}


def modules_van_klassen(paden: Set[str]) -> Set[str]:
    return {pad.rpartition(".")[0] for pad in paden}


def modules_in(pakket: str) -> Set[str]:
    return {".".join(pad.relative_to(PROJECT).with_suffix("").parts) for pad in (PROJECT / pakket).rglob("*.py")}


def acties_pakket() -> str:
    argumenten = opdracht.acties(instellingen_module.lees({}))
    return argumenten[argumenten.index("--actions") + 1]


def web_bestanden() -> Set[Path]:
    """The files web/serve.py reads (`WEB / "..."`)."""
    tekst = (PROJECT / "web" / "serve.py").read_text()
    return {PROJECT / "web" / naam for naam in re.findall(r"WEB / [\"']([^\"']+)[\"']", tekst)}


def inhoud_bestanden() -> Set[Path]:
    """The content both servers read at start (inhoud/), and domain.yml, which they check it against."""
    return {inhoud.MAP / naam for naam in inhoud.BESTANDEN} | {PROJECT / "domain.yml"}


def server_bestanden() -> Set[Path]:
    """The files `python -m dienst server` hands to Rasa (model, credentials, endpoints; both modes), and the
    content it checks at start (its NLG's source headings, its NLU step's intent lists)."""
    bestanden = {PROJECT / "config.yml"} | inhoud_bestanden()
    for omgeving in ({}, {"ASSISTENT_MODUS": "productie"}):
        argumenten = opdracht.server(instellingen_module.lees(omgeving))
        for vlag in ("--model", "--credentials", "--endpoints"):
            bestanden.add(PROJECT / argumenten[argumenten.index(vlag) + 1])
    return bestanden


# The module that starts each `python -m dienst` command: dienst/__main__.py imports it inside main() for that
# command only, so the rest of the process follows from it (test_dienst_start_elk_proces_met_zijn_eigen_module).
START = {"server": "dienst.server", "acties": "dienst.acties"}


def dienst_proces(opdracht_naam: str, andere_start: Set[str]) -> Tuple[Set[Path], Set[str]]:
    """What `python -m dienst <opdracht_naam>` loads: dienst/__main__.py's top level, its start module and the
    modules that start module hands over to."""
    bovenaan, anderen_bovenaan = geladen({"dienst.__main__"}, in_functies=False)
    bestanden, anderen = geladen({START[opdracht_naam]} | andere_start)
    return bovenaan | bestanden, anderen_bovenaan | anderen


def proces(opdracht_regel: List[str]) -> Tuple[Set[Path], Set[str]]:
    """Our files a container's command needs, and the other modules it imports."""
    if opdracht_regel == ["python", "-m", "dienst", "server"]:
        bestanden, anderen = dienst_proces("server", modules_van_klassen(klassenpaden()))
        return bestanden | server_bestanden(), anderen
    if opdracht_regel == ["python", "-m", "dienst", "acties"]:
        bestanden, anderen = dienst_proces("acties", modules_in(acties_pakket()))  # rasa_sdk imports all of them
        return bestanden | inhoud_bestanden(), anderen
    if opdracht_regel == ["python", "-m", "beheer.opruimen"]:
        return geladen({"beheer.opruimen"} | modules_van_klassen(eindpunt_typen()))
    if opdracht_regel == ["python", "web/serve.py"]:
        bestanden, anderen = geladen(set(), (PROJECT / "web" / "serve.py",))
        return bestanden | web_bestanden(), anderen
    raise AssertionError(f"unknown command {opdracht_regel}: say in tests/test_deploy.py what it loads")


def dockerfile(naam: str) -> List[str]:
    return (PROJECT / naam).read_text().splitlines()


def kopieen(regels: List[str]) -> Set[str]:
    """The image's paths below WORKDIR: a copied folder ends in '/'."""
    paden: Set[str] = set()
    for regel in regels:
        delen = regel.split()
        if not delen or delen[0] != "COPY" or any(deel.startswith("--") for deel in delen):
            continue
        *bronnen, doel = delen[1:]
        if doel.startswith("/"):
            continue  # outside the application, e.g. the wheels
        doel = "" if doel in (".", "./") else doel
        for bron in bronnen:
            if bron.endswith("/"):
                paden.add(doel)
            else:
                paden.add(doel + Path(bron).name if doel in ("", "./") or doel.endswith("/") else doel)
    return paden


def ontbreekt(nodig: Set[Path], in_beeld: Set[str]) -> List[str]:
    relatief = sorted(str(pad.relative_to(PROJECT)) for pad in nodig)
    mappen = tuple(pad for pad in in_beeld if pad.endswith("/"))
    return [pad for pad in relatief if pad not in in_beeld and not pad.startswith(mappen)]


def beelden() -> Dict[str, str]:
    """Image name -> Dockerfile, as compose builds them."""
    uit = {}
    for dienst in compose()["services"].values():
        if "build" in dienst:
            uit[dienst["image"].split(":")[0]] = dienst["build"]["dockerfile"]
    return uit


def compose_processen() -> Iterator[Tuple[str, List[str], str]]:
    for naam, dienst in compose()["services"].items():
        if "build" in dienst:
            yield naam, dienst["command"], dienst["build"]["dockerfile"]


@pytest.mark.parametrize("naam, opdracht_regel, bestand", list(compose_processen()), ids=lambda w: str(w))
def test_elk_beeld_bevat_alles_wat_zijn_proces_laadt(naam, opdracht_regel, bestand):
    nodig, _ = proces(opdracht_regel)
    assert ontbreekt(nodig, kopieen(dockerfile(bestand))) == [], f"{naam}: {bestand} misses these"


def mappen(bestanden: Set[Path]) -> Set[str]:
    """The folders of our Python files, up to two deep: rasaserver/nlu, dienst, lezen, ..."""
    return {"/".join(pad.relative_to(PROJECT).parts[:-1][:2]) for pad in bestanden if pad.suffix == ".py"}


def test_de_server_laadt_nlu_en_wat_nlu_importeert():
    """The derivation itself: config.yml's components are found, and the packages they import; no code of the
    action server's package; the shared content package (inhoud/) and its files."""
    nodig, _ = proces(["python", "-m", "dienst", "server"])
    gedeeld = {"dienst", "lezen", "inhoud"}
    assert {"rasaserver/nlu", "rasaserver/kanalen", "rasaserver/opslag", "rasaserver/patches", *gedeeld} <= mappen(
        nodig
    )
    assert PROJECT / "inhoud" / "faq.yml" in nodig
    assert not {map for map in mappen(nodig) if map.startswith(("actions", "beheer"))}


def test_de_actieserver_laadt_geen_code_van_de_rasa_server():
    nodig, _ = proces(["python", "-m", "dienst", "acties"])
    assert {"actions", "actions/eligibility", "dienst", "lezen", "inhoud"} <= mappen(nodig)
    assert {PROJECT / "domain.yml", PROJECT / "inhoud" / "kennis" / "routes.yml"} <= nodig
    assert not {map for map in mappen(nodig) if map.startswith(("rasaserver", "beheer"))}


def test_dienst_start_elk_proces_met_zijn_eigen_module():
    """dienst/__main__.py imports a process's start module only inside main(), and no other module of ours
    there: what each command loads is then its start module's imports (START above)."""
    bestand = PROJECT / "dienst" / "__main__.py"
    in_functies = set(modules_van(bestand, "dienst")) - set(modules_van(bestand, "dienst", in_functies=False))
    eigen = {naam for naam in in_functies if naam.split(".")[0] in PAKKETTEN}
    assert eigen == set(START.values())


def test_k8s_draait_elk_proces_op_het_beeld_dat_compose_ervoor_bouwt():
    per_opdracht = {
        tuple(d["command"]): d["image"].split(":")[0] for d in compose()["services"].values() if "build" in d
    }
    gebruikt = set()
    for manifest in manifesten():
        if manifest["kind"] not in ("Deployment", "CronJob", "StatefulSet"):
            continue
        for c in pod(manifest)["containers"]:
            if tuple(c.get("command", ())) in per_opdracht:
                assert c["image"] == per_opdracht[tuple(c["command"])], manifest["metadata"]["name"]
                gebruikt.add(c["image"])
    kustomization = documenten(K8S / "kustomization.yaml")[0]
    assert {beeld["name"] for beeld in kustomization["images"]} == gebruikt == set(beelden())


def distributie(naam: str) -> str:
    return re.sub(r"[-_.]+", "-", naam).lower()  # PEP 503: PyYAML, rasa_sdk -> pyyaml, rasa-sdk


def pins(bestand: Path) -> Dict[str, str]:
    regels = [r.split("#")[0].strip() for r in bestand.read_text().splitlines()]
    return {distributie(r.split("==")[0]): r.split("==")[1].split()[0] for r in regels if "==" in r}


def lock() -> Dict[str, str]:
    return pins(PROJECT / "requirements.lock")


def test_actieserver_beeld_is_rasa_sdk_zonder_rasa():
    regels = dockerfile(beelden()["assistent-acties"])
    assert f"FROM rasa/rasa-sdk:{lock()['rasa-sdk']}" in regels
    opdrachten = [regel for regel in regels if not regel.startswith("#")]
    assert not any("requirements.lock" in regel for regel in opdrachten)  # that would install Rasa's core
    assert 'CMD ["python", "-m", "dienst", "acties"]' in regels and "ENTRYPOINT []" in regels


def test_actieserver_beeld_installeert_wat_de_acties_importeren():
    """Every outside module the action server imports comes from rasa_sdk, its dependencies or the image's
    own pins, and those are requirements.lock's."""
    eigen = pins(DEPLOY / "acties.requirements.txt")
    assert {naam: lock()[naam] for naam in eigen} == eigen
    vereist = {distributie(re.split(r"[ ;<>=!~\[(]", r)[0]) for r in importlib.metadata.requires("rasa-sdk") or []}
    aanwezig = {"rasa-sdk", *vereist, *eigen}
    # What `python -m dienst acties` imports as it loads (dienst/server.py, which imports Rasa, is not part of it).
    _, anderen = geladen({"dienst.__main__", "dienst.acties"} | modules_in(acties_pakket()), in_functies=False)
    herkomst = importlib.metadata.packages_distributions()
    for module in anderen - set(sys.stdlib_module_names) - {"__future__"}:
        bronnen = {distributie(d) for d in herkomst.get(module, [module])}
        assert bronnen & aanwezig, f"{module} ({bronnen}) is not in the action image"


def test_make_traint_opnieuw_als_de_code_van_een_trainbaar_onderdeel_verandert():
    """Our components in config.yml, and every module of ours they import, are in Make's TRAINING_INPUT."""
    uitvoer = subprocess.run(
        ["make", "-s", "--no-print-directory", "--eval", "toon-%: ; @echo $($*)", "toon-TRAINING_INPUT"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout.split()
    code, _ = geladen(modules_van_klassen(componenten()))
    assert code, "config.yml names no component of ours"
    assert ontbreekt(code, set(uitvoer)) == [], "add them to TRAINING_INPUT in the Makefile"


def test_dockerfile_bouwt_op_python_310_met_de_lock():
    regels = (DEPLOY / "Dockerfile").read_text().splitlines()
    assert "FROM python:3.10-slim" in regels
    assert any("pip install" in r and "-r requirements.lock" in r for r in regels)
    assert 'CMD ["python", "-m", "dienst", "server"]' in regels


@pytest.mark.parametrize("bestand", sorted(set(beelden().values())))
def test_dockerfile_kopieert_alleen_wat_bestaat(bestand):
    # models/ and web/node_modules/ are made by `make train` and scripts/setup_web.sh, not committed.
    gemaakt = ("models/", "web/node_modules/")
    for regel in dockerfile(bestand):
        if regel.startswith("COPY "):
            for bron in regel.split()[1:-1]:
                assert bron.startswith(gemaakt) or (PROJECT / bron).exists(), bron


def test_per_client_grenzen_waar_een_deployment_ze_zet():
    conf = (DEPLOY / "nginx.conf").read_text()
    assert "limit_req_zone $binary_remote_addr zone=per_client" in conf and "limit_req_status 429;" in conf
    socketio = conf.split("location /socket.io/ {")[1].split("}")[0]
    assert "limit_req zone=per_client" in socketio
    chat = next(
        d for d in yaml.safe_load_all((DEPLOY / "k8s" / "ingress.yaml").read_text()) if d["metadata"]["name"] == "chat"
    )
    annotaties = chat["metadata"]["annotations"]
    assert int(annotaties["nginx.ingress.kubernetes.io/limit-rps"]) > 0
    assert int(annotaties["nginx.ingress.kubernetes.io/limit-connections"]) > 0
