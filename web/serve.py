"""Serves the web page with the chat widget: a fixed list of files, a config.js made at start, strict headers.

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
    "/widget.js": (WEB / "widget.js", "text/javascript; charset=utf-8"),
    "/widget.css": (WEB / "widget.css", "text/css; charset=utf-8"),
    "/favicon.svg": (WEB / "favicon.svg", "image/svg+xml"),
    "/vendor/socket.io.min.js": (SOCKET_IO, "text/javascript; charset=utf-8"),
}


def socket_url() -> str:
    default = f"http://127.0.0.1:{os.environ.get('RASA_PORT', '5005')}"
    return os.environ.get("RASA_PUBLIC_URL", default).rstrip("/")


def config_js(url: str) -> bytes:
    config = {
        "socketUrl": url,
        "socketPath": "/socket.io",
        "snelWegUrl": os.environ.get("SNEL_WEG_URL", DEFAULT_SNEL_WEG_URL),
    }
    return f"window.ASSISTENT_CONFIG = {json.dumps(config)};\n".encode()


def content_security_policy(url: str) -> str:
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    websocket = f"{'wss' if parts.scheme == 'https' else 'ws'}://{parts.netloc}"
    return "; ".join([
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        f"connect-src 'self' {origin} {websocket}",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ])


class Handler(BaseHTTPRequestHandler):
    server_version = "assistent-web"
    config = b""
    policy = ""

    def do_GET(self) -> None:
        self.answer(with_body=True)

    def do_HEAD(self) -> None:
        self.answer(with_body=False)

    def answer(self, with_body: bool) -> None:
        path = urlsplit(self.path).path
        if path == "/config.js":
            self.send(200, "text/javascript; charset=utf-8", self.config, with_body)
        elif path in FILES:
            file, content_type = FILES[path]
            self.send(200, content_type, file.read_bytes(), with_body)
        else:
            self.send(404, "text/plain; charset=utf-8", "Niet gevonden.\n".encode(), with_body)

    def send(self, status: int, content_type: str, body: bytes, with_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
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
    Handler.config = config_js(url)
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
