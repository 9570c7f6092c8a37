"""Serves the demo page and /embed.js, the chat for any web site: a fixed list of files, strict headers.

/embed.js is web/chat.js wrapped together with the chat server's address (RASA_PUBLIC_URL), web/chat.css and
socket.io-client, in one function: a host page gets one global name (AssistentChat) and nothing else.

Run: .venv/bin/python web/serve.py   (settings from dienst/instellingen.py: WEB_HOST, WEB_PORT,
RASA_PUBLIC_URL or RASA_PORT, SNEL_WEG_URL)
"""

import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict
from urllib.parse import urlsplit

WEB = Path(__file__).resolve().parent
if str(WEB.parent) not in sys.path:  # run as a file, with only web/ on the path; the settings are in dienst/
    sys.path.insert(0, str(WEB.parent))

from dienst import instellingen  # noqa: E402

SOCKET_IO = WEB / "node_modules/socket.io-client/dist/socket.io.min.js"

# The whole site: nothing outside this table is ever read from disk.
FILES = {
    "/": (WEB / "index.html", "text/html; charset=utf-8"),
    "/index.html": (WEB / "index.html", "text/html; charset=utf-8"),
    "/pagina.css": (WEB / "pagina.css", "text/css; charset=utf-8"),
    "/chat.css": (WEB / "chat.css", "text/css; charset=utf-8"),
    "/favicon.svg": (WEB / "favicon.svg", "image/svg+xml"),
}
JAVASCRIPT = "text/javascript; charset=utf-8"
# Other sites load these: allowed as a cross-origin resource.
GEDEELD = {"/embed.js", "/chat.css"}


def snel_weg_url(gekozen: instellingen.Instellingen) -> str:
    return gekozen.snel_weg_url


def config(gekozen: instellingen.Instellingen) -> Dict[str, str]:
    return {
        "socketUrl": gekozen.rasa_publieke_url,
        "socketPath": "/socket.io",
        "snelWegUrl": snel_weg_url(gekozen),
    }


def socket_io_module() -> str:
    """socket.io-client's UMD build as an expression: it sees a CommonJS `module`, so it sets no global."""
    code = SOCKET_IO.read_text(encoding="utf-8")
    code = "\n".join(r for r in code.splitlines() if not r.startswith("//# sourceMappingURL"))
    return (
        f"(function () {{ var module = {{ exports: {{}} }}, exports = module.exports, define;\n{code}\n"
        "return module.exports; })()"
    )


def embed_js(config: Dict[str, str]) -> bytes:
    return "\n".join(
        [
            '/* Chat met de assistent: <script src="https://<dit adres>/embed.js" defer></script> (see README). */',
            "(function () {",
            f"var CONFIG = {json.dumps(config)};",
            f"var CSS = {json.dumps((WEB / 'chat.css').read_text(encoding='utf-8'))};",
            f"var io = {socket_io_module()};",
            (WEB / "chat.js").read_text(encoding="utf-8"),
            "})();",
            "",
        ]
    ).encode()


def content_security_policy(url: str) -> str:
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    websocket = f"{'wss' if parts.scheme == 'https' else 'ws'}://{parts.netloc}"
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self'",
            f"connect-src 'self' {origin} {websocket}",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]
    )


class Handler(BaseHTTPRequestHandler):
    server_version = "assistent-web"
    config: Dict[str, str] = {}
    policy = ""

    @classmethod
    def stel_in(cls, gekozen: instellingen.Instellingen) -> None:
        cls.config = config(gekozen)
        cls.policy = content_security_policy(gekozen.rasa_publieke_url)

    def do_GET(self) -> None:
        self.answer(with_body=True)

    def do_HEAD(self) -> None:
        self.answer(with_body=False)

    def answer(self, with_body: bool) -> None:
        path = urlsplit(self.path).path
        if path == "/embed.js":
            self.send(200, JAVASCRIPT, embed_js(self.config), with_body, path)
        elif path in FILES:
            file, content_type = FILES[path]
            self.send(200, content_type, file.read_bytes(), with_body, path)
        else:
            self.send(404, "text/plain; charset=utf-8", "Niet gevonden.\n".encode(), with_body, path)

    def send(self, status: int, content_type: str, body: bytes, with_body: bool, path: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if path in GEDEELD:
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Cross-Origin-Resource-Policy", "cross-origin")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Content-Security-Policy", self.policy)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Frame-Options", "DENY")
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, *args) -> None:
        # Quiet on purpose: the only start-up line is the address.
        pass


def main() -> int:
    if not SOCKET_IO.is_file():
        print("web/serve.py: socket.io-client is missing; run scripts/setup_web.sh first.", file=sys.stderr)
        return 1
    try:
        gekozen = instellingen.huidige()
    except instellingen.InstellingFout as fout:
        print(f"web/serve.py: {fout}", file=sys.stderr)
        return 2
    Handler.stel_in(gekozen)
    server = ThreadingHTTPServer((gekozen.web_host, gekozen.web_poort), Handler)
    server.daemon_threads = True
    print(
        f"Web page on http://{gekozen.web_host}:{gekozen.web_poort} (chat server {gekozen.rasa_publieke_url})",
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
