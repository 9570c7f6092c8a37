"""web/serve.py: /embed.js carries the chat server's address and everything the chat needs, in one function."""

import http.client
import importlib.util
import json
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from dienst import instellingen
from dienst.instellingen import lees

SERVE = Path(__file__).resolve().parents[2] / "web" / "serve.py"


@pytest.fixture(scope="module")
def serve():
    spec = importlib.util.spec_from_file_location("serve", SERVE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not module.SOCKET_IO.is_file():
        pytest.skip("socket.io-client is not installed (scripts/setup_web.sh)")
    return module


@pytest.fixture(scope="module")
def server(serve):
    serve.Handler.stel_in(lees({"RASA_PUBLIC_URL": "https://chat.example"}))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), serve.Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def get(port: int, path: str):
    verbinding = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    verbinding.request("GET", path)
    antwoord = verbinding.getresponse()
    return antwoord.status, dict(antwoord.getheaders()), antwoord.read().decode()


def test_embed_kent_het_adres_van_de_chatserver(serve, monkeypatch):
    monkeypatch.setenv("RASA_PUBLIC_URL", "https://chat.example/")
    monkeypatch.setenv("SNEL_WEG_URL", "https://weer.example/")
    code = serve.embed_js(serve.config(instellingen.huidige())).decode()
    config = json.loads(code.split("var CONFIG = ", 1)[1].split(";\n", 1)[0])
    assert config == {
        "socketUrl": "https://chat.example",
        "socketPath": "/socket.io",
        "snelWegUrl": "https://weer.example/",
    }
    assert code.startswith("/*") and code.rstrip().endswith("})();")
    assert "sourceMappingURL" not in code
    assert "var CSS = " in code and ":host" in code


def test_zonder_publiek_adres_de_eigen_rasa_poort(serve):
    assert serve.config(lees({"RASA_PORT": "5123"}))["socketUrl"] == "http://127.0.0.1:5123"


def test_onbruikbare_instelling_stopt_met_een_zin(serve, monkeypatch, capsys):
    monkeypatch.setenv("WEB_PORT", "acht")
    assert serve.main() == 2
    assert capsys.readouterr().err.strip() == "web/serve.py: WEB_PORT='acht' is geen geheel getal."


def test_andere_sites_mogen_embed_laden(server):
    status, headers, body = get(server, "/embed.js")
    assert status == 200 and headers["Content-Type"].startswith("text/javascript")
    assert headers["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert "window.AssistentChat" in body


def test_de_demopagina_gebruikt_dezelfde_embed(server):
    status, headers, body = get(server, "/")
    assert status == 200
    assert '<script src="/embed.js" defer' in body and "widget.js" not in body
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers.get("Cross-Origin-Resource-Policy") is None


def test_alleen_de_vaste_bestanden(server):
    for pad in ("/serve.py", "/../README.md", "/chat.js", "/node_modules/socket.io-client/package.json"):
        assert get(server, pad)[0] == 404
