"""A local HTTP server that serves the data directory, with faults on demand.

`data_server` serves the real data directory (bassins.config.data_dir(), the layout of
../shared/data) on 127.0.0.1 at a free port. `data_server.fault(relative_path, kind)` makes that one
file misbehave: "truncate" (a shorter body, consistent Content-Length), "corrupt" (same size, one
byte changed), "404", "500" (an HTTP 500 answer), "slow" (no answer until the test ends), "cut" (the
connection closes half-way through the body announced by Content-Length), "stall" (half the body,
then nothing until the test ends), "once500" (500 the first time, then the file). Tests that use it read the real data: they fail when the data is missing.
"""

from __future__ import annotations

import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from bassins.config import data_dir
from bassins.data.catalog import CATALOG


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # keep the test output clean
        pass

    def do_GET(self):
        relative = unquote(urlsplit(self.path).path).lstrip("/")
        server = self.server
        server.requests.append(relative)
        kind = server.faults.get(relative)
        if kind == "once500":
            del server.faults[relative]
            kind = "500"
        if kind is None:
            return super().do_GET()
        body = (Path(server.root) / relative).read_bytes()
        if kind == "404":
            return self.send_error(404, "Not Found")
        if kind == "500":
            return self.send_error(500, "Internal Server Error")
        if kind == "slow":
            server.release.wait(30)
            return None
        if kind == "truncate":
            body = body[: len(body) // 2]
        elif kind == "corrupt":
            body = body[:100] + bytes([body[100] ^ 0x01]) + body[101:]
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if kind in ("cut", "stall"):
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            if kind == "stall":
                server.release.wait(30)
            self.close_connection = True
            return None
        self.wfile.write(body)
        return None


class DataServer:
    def __init__(self, root: Path):
        handler = lambda *a, **kw: _Handler(*a, directory=str(root), **kw)  # noqa: E731
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.httpd.root = str(root)
        self.httpd.faults = {}
        self.httpd.requests = []
        self.httpd.release = threading.Event()
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()
        host, port = self.httpd.server_address[:2]
        self.url = f"http://{host}:{port}"

    def fault(self, relative: str, kind: str) -> None:
        self.httpd.faults[relative] = kind

    @property
    def requests(self) -> list[str]:
        return self.httpd.requests

    def close(self):
        self.httpd.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


@pytest.fixture(scope="session")
def real_data_dir() -> Path:
    root = data_dir()
    missing = [e.path for e in CATALOG if not (root / e.path).is_file()]
    assert not missing, (
        f"the data directory {root} lacks {len(missing)} catalog file(s) ({', '.join(missing[:5])}...): "
        "set BASSINS_DATA_DIR to a complete copy of ../shared/data"
    )
    return root


@pytest.fixture
def data_server(real_data_dir):
    server = DataServer(real_data_dir)
    yield server
    server.close()


@pytest.fixture
def upstream_site(tmp_path):
    """A local web server standing in for an upstream publisher (Statbel...): it serves the folder
    `upstream_site.root`, where the test puts the files it builds."""
    root = tmp_path / "site"
    root.mkdir()
    server = DataServer(root)
    server.root = root
    yield server
    server.close()
