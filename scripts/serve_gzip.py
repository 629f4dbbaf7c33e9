"""Serve a built site on 127.0.0.1 the way a CDN would: gzip, cache headers, a real 404 page.

Used by the browser tests (tests/conftest.py) and by `make audit` (scripts/audit.py), so page
weights and Lighthouse figures are measured over the same compressed transfer a reader gets.

    .venv/bin/python scripts/serve_gzip.py site/ --port 8001

What it does, like GitHub Pages / a CDN in front of static files:
- compresses text responses (HTML, CSS, JS, JSON, XML, SVG) with gzip when the browser asks
  for it (``Accept-Encoding: gzip``), with ``Vary: Accept-Encoding``; compressed bodies are
  cached in memory per file and modification time;
- ``/folder`` redirects to ``/folder/``; ``/folder/`` serves ``folder/index.html``;
- a missing path answers 404 with the site's own ``404.html``;
- HTTP/1.1 keep-alive with an exact Content-Length;
- ``Cache-Control``: HTML is revalidated on every visit, other files may be cached for an hour.
Standard library only.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import mimetypes
import os
import posixpath
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email.utils import formatdate
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml",
                "application/rss+xml", "image/svg+xml", "application/manifest+json")
TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8", ".json": "application/json; charset=utf-8",
    ".xml": "application/xml; charset=utf-8", ".svg": "image/svg+xml", ".txt": "text/plain; charset=utf-8",
    ".map": "application/json; charset=utf-8", ".png": "image/png", ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg", ".webp": "image/webp", ".avif": "image/avif", ".ico": "image/x-icon",
    ".woff2": "font/woff2", ".gz": "application/gzip", ".pdf": "application/pdf",
}
MIN_GZIP_BYTES = 256          # CDNs leave tiny bodies alone


class GzipHandler(http.server.BaseHTTPRequestHandler):
    """GET/HEAD for static files under ``self.server.root``."""

    protocol_version = "HTTP/1.1"
    server_version = "spine-static/1"

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        self._serve(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802 - stdlib name
        self._serve(send_body=False)

    # -- internals ---------------------------------------------------------------------------
    def _serve(self, *, send_body: bool) -> None:
        root: Path = self.server.root  # type: ignore[attr-defined]
        url_path = unquote(urlsplit(self.path).path)
        relative = posixpath.normpath(url_path).lstrip("/")
        if relative in (".", ""):
            relative = ""
        if relative.startswith("..") or "\x00" in relative:
            self._send_file(root / "404.html", 404, send_body)
            return
        target = root / relative
        if target.is_dir():
            if not url_path.endswith("/"):
                location = url_path + "/" + (f"?{urlsplit(self.path).query}" if urlsplit(self.path).query else "")
                self.send_response(301)
                self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target = target / "index.html"
        if target.is_file():
            self._send_file(target, 200, send_body)
        else:
            self._send_file(root / "404.html", 404, send_body)

    def _send_file(self, path: Path, status: int, send_body: bool) -> None:
        if not path.is_file():
            body, ctype = b"Not found", "text/plain; charset=utf-8"
            mtime = 0.0
        else:
            ctype = TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            mtime = path.stat().st_mtime
            body = path.read_bytes()
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "").lower()
        compressible = ctype.startswith(COMPRESSIBLE) and len(body) >= MIN_GZIP_BYTES
        encoded = False
        if compressible and accepts_gzip:
            body = self.server.compressed(path, mtime, body)  # type: ignore[attr-defined]
            encoded = True
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if compressible:
            self.send_header("Vary", "Accept-Encoding")
        if encoded:
            self.send_header("Content-Encoding", "gzip")
        if mtime:
            self.send_header("Last-Modified", formatdate(mtime, usegmt=True))
        is_html = ctype.startswith("text/html")
        self.send_header("Cache-Control", "no-cache" if is_html or status != 200 else "public, max-age=3600")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if send_body:
            self.wfile.write(body)


class GzipServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 0, *, verbose: bool = False) -> None:
        self.root = Path(root).resolve()
        self.verbose = verbose
        self._cache: dict[tuple[str, float], bytes] = {}
        self._lock = threading.Lock()
        super().__init__((host, port), GzipHandler)

    def compressed(self, path: Path, mtime: float, body: bytes) -> bytes:
        key = (str(path), mtime)
        with self._lock:
            cached = self._cache.get(key)
        if cached is None:
            cached = gzip.compress(body, compresslevel=6, mtime=0)
            with self._lock:
                self._cache[key] = cached
        return cached

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"


@contextmanager
def serving(root: Path, port: int = 0) -> Iterator[GzipServer]:
    """Serve ``root`` in a background thread for the duration of the ``with`` block."""
    httpd = GzipServer(root, port=port)
    thread = threading.Thread(target=httpd.serve_forever, name="serve-gzip", daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", nargs="?", default="site", help="the built site (default: site/)")
    parser.add_argument("--port", type=int, default=8001)
    args = parser.parse_args()
    if not os.path.isdir(args.root):
        raise SystemExit(f"{args.root} is not a folder: build the site first (make build).")
    httpd = GzipServer(Path(args.root), port=args.port, verbose=True)
    print(f"Serving {args.root} gzipped at {httpd.url} (Ctrl+C to stop)")
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()


if __name__ == "__main__":
    main()
