"""Serves the demo page and /embed.js, the chat for any web site: a fixed list of files, strict headers.

/embed.js is web/chat.js wrapped together with the chat server's address (RASA_PUBLIC_URL), web/chat.css and
socket.io-client, in one function: a host page gets one global name (AssistentChat) and nothing else.

Run: .venv/bin/python web/serve.py   (env: WEB_HOST, WEB_PORT, RASA_PUBLIC_URL or RASA_PORT, SNEL_WEG_URL)
"""

import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

WEB = Path(__file__).resolve().parent
SOCKET_IO = WEB / "node_modules/socket.io-client/dist/socket.io.min.js"
DEFAULT_SNEL_WEG_URL = "https://www.google.nl/search?q=weer"

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


def socket_url() -> str:
    default = f"http://127.0.0.1:{os.environ.get('RASA_PORT', '5005')}"
    return os.environ.get("RASA_PUBLIC_URL", default).rstrip("/")


def config(url: str) -> dict:
    return {
        "socketUrl": url,
        "socketPath": "/socket.io",
        "snelWegUrl": os.environ.get("SNEL_WEG_URL", DEFAULT_SNEL_WEG_URL),
    }


def socket_io_module() -> str:
    """socket.io-client's UMD build as an expression: it sees a CommonJS `module`, so it sets no global."""
    code = SOCKET_IO.read_text(encoding="utf-8")
    code = "\n".join(r for r in code.splitlines() if not r.startswith("//# sourceMappingURL"))
    return (
        f"(function () {{ var module = {{ exports: {{}} }}, exports = module.exports, define;\n{code}\n"
        "return module.exports; })()"
    )


def embed_js(url: str) -> bytes:
    return "\n".join(
        [
            '/* Chat met de assistent: <script src="https://<dit adres>/embed.js" defer></script> (see README). */',
            "(function () {",
            f"var CONFIG = {json.dumps(config(url))};",
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
    socket_url = ""
    policy = ""

    def do_GET(self) -> None:
        self.answer(with_body=True)

    def do_HEAD(self) -> None:
        self.answer(with_body=False)

    def answer(self, with_body: bool) -> None:
        path = urlsplit(self.path).path
        if path == "/embed.js":
            self.send(200, JAVASCRIPT, embed_js(self.socket_url), with_body, path)
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


def main() -> None:
    if not SOCKET_IO.is_file():
        sys.exit("web/serve.py: socket.io-client is missing; run scripts/setup_web.sh first.")
    url = socket_url()
    Handler.socket_url = url
    Handler.policy = content_security_policy(url)
    host = os.environ.get("WEB_HOST", "127.0.0.1")
    port = int(os.environ.get("WEB_PORT", "8080"))
    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    print(f"Web page on http://{host}:{port} (chat server {url})", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
