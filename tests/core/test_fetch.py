"""Web pages fetched on request, against servers on 127.0.0.1 started here (nothing reaches the
internet): a normal page, redirects and a loop, huge bodies, wrong types, a slow server, and a
tripwire server that the page points at and that must never be asked for anything."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from briefing import storage
from briefing.errors import IngestError
from briefing.fetch import MAX_REDIRECTS, source_from_stored_page, source_from_url
from briefing.ingest import MAX_BYTES
from briefing.model import Briefing

ROOT = Path(__file__).resolve().parents[2]
PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")


def article_page(tripwire: str) -> bytes:
    """A news page that refers to the tripwire server for its picture, script, style and frame."""
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Convoys cross the river | Loopback News</title>
<link rel="stylesheet" href="{tripwire}/style.css"><script src="{tripwire}/app.js"></script>
</head><body><nav>Home World Sport</nav><article><h1>Convoys cross the river</h1>
<p>Three militia convoys crossed the river near Gao on Monday, a local official said, the
largest movement seen this year in the region.</p>
<img src="{tripwire}/photo.jpg" alt="">
<p>“We counted more than forty vehicles before dawn,” the official told reporters by telephone,
adding that the army had been told of the crossing within the hour.</p>
<iframe src="{tripwire}/frame.html"></iframe>
<p>The army said it was sending reinforcements to the northern checkpoint and would report
on the situation later in the week.</p></article></body></html>""".encode()


class Recorder:
    def __init__(self) -> None:
        self.paths: list[str] = []


def serve(handler_class: type[BaseHTTPRequestHandler]) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_class)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's proxy settings must not send loopback requests elsewhere."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def sites(no_proxy) -> Iterator[tuple[str, Recorder, Recorder]]:
    """(base URL of the news server, what it was asked, what the tripwire was asked)."""
    asked, tripped = Recorder(), Recorder()

    class Tripwire(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            tripped.paths.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    trip_server, trip_base = serve(Tripwire)
    page = article_page(trip_base)

    class News(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.paths.append(self.path)
            path = self.path
            if path == "/article":
                self._send(page)
            elif path == "/latin":
                body = page.replace(b'<meta charset="utf-8">', b"").replace("“".encode(), b"").replace(
                    "”".encode(), b""
                ).replace(b"Gao", "Gaô".encode("cp1252"))
                self._send(body, "text/html; charset=windows-1252")
            elif path == "/gzip":
                self._send(gzip.compress(page), extra={"Content-Encoding": "gzip"})
            elif path == "/loop":
                self._redirect("/loop")
            elif path.startswith("/chain/"):
                left = int(path.rsplit("/", 1)[1])
                self._redirect(f"/chain/{left - 1}" if left else "/article")
            elif path == "/ftp":
                self._redirect("ftp://127.0.0.1/article.html")
            elif path == "/file":
                self._redirect("file:///etc/passwd")
            elif path == "/huge-declared":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(MAX_BYTES + 1))
                self.end_headers()
            elif path == "/huge-streamed":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()  # no length: HTTP/1.0 reads to the end
                chunk = b"<p>" + b"filler words " * 5000 + b"</p>"
                try:
                    for _ in range(MAX_BYTES // len(chunk) + 20):
                        self.wfile.write(chunk)
                except OSError:
                    pass  # the client hung up once it had seen enough: that is the point
            elif path == "/gzip-bomb":
                self._send(gzip.compress(b" " * (MAX_BYTES * 4)), extra={"Content-Encoding": "gzip"})
            elif path == "/pdf":
                self._send(b"%PDF-1.7 not a page", "application/pdf")
            elif path == "/slow":
                time.sleep(3)
                self._send(page)
            elif path == "/empty":
                self._send(b"")
            else:
                self.send_error(404, "Not Found")

        def _send(self, body: bytes, kind: str = "text/html; charset=utf-8", extra: dict | None = None) -> None:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for key, value in (extra or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

        def _redirect(self, where: str) -> None:
            self.send_response(302)
            self.send_header("Location", where)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    news_server, news_base = serve(News)
    yield news_base, asked, tripped
    for server in (news_server, trip_server):
        server.shutdown()
        server.server_close()


def refusal(url: str, *fragments: str, **limits) -> str:
    with pytest.raises(IngestError) as caught:
        source_from_url(url, **limits)
    message = str(caught.value)
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message, message
    return message


def test_a_page_is_read_and_stored_and_nothing_else_is_fetched(sites) -> None:
    base, asked, tripped = sites
    source = source_from_url(f"{base}/article")
    assert "Three militia convoys crossed the river near Gao" in source.text
    assert "forty vehicles before dawn" in source.text
    assert "Home World Sport" not in source.text
    assert source.title == "Convoys cross the river"
    assert source.url == f"{base}/article"
    assert source.accessed is not None
    assert "<article>" in source.page_html
    assert asked.paths == ["/article"]  # one request, for the page itself
    assert tripped.paths == []  # no picture, script, style or frame was fetched


def test_the_stored_page_reproduces_the_source_offline(sites, tmp_path: Path) -> None:
    base, _asked, _tripped = sites
    source = source_from_url(f"{base}/article")
    briefing = Briefing(title="Convoys", sources=[source])
    path = tmp_path / "convoys.briefing"
    storage.save(briefing, path)
    reloaded = storage.load(path)
    assert reloaded == briefing
    again = source_from_stored_page(reloaded.sources[0].page_html, reloaded.sources[0].url)
    assert again.text == source.text and again.title == source.title


def test_charset_from_the_server_and_gzip_are_understood(sites) -> None:
    base, _asked, _tripped = sites
    assert "near Gaô on Monday" in source_from_url(f"{base}/latin").text
    assert "near Gao on Monday" in source_from_url(f"{base}/gzip").text


def test_redirects_are_followed_up_to_the_limit(sites) -> None:
    base, _asked, _tripped = sites
    source = source_from_url(f"{base}/chain/{MAX_REDIRECTS - 1}")
    assert source.url == f"{base}/article"  # the address the page was finally read from
    refusal(f"{base}/chain/{MAX_REDIRECTS}", "redirects")


def test_a_redirect_loop_stops(sites) -> None:
    base, asked, _tripped = sites
    refusal(f"{base}/loop", "redirect loop")
    assert len(asked.paths) <= MAX_REDIRECTS + 1


def test_only_http_and_https_are_fetched_even_after_a_redirect(sites) -> None:
    base, _asked, _tripped = sites
    refusal(f"{base}/ftp", "only http and https", "'ftp:'")
    refusal(f"{base}/file", "only http and https", "'file:'")
    refusal("file:///etc/passwd", "only http and https")


def test_huge_pages_are_refused(sites) -> None:
    base, _asked, _tripped = sites
    refusal(f"{base}/huge-declared", "web pages over 5 MiB are refused")
    refusal(f"{base}/huge-streamed", "more than 5 MiB")
    refusal(f"{base}/gzip-bomb", "more than 5 MiB")


def test_wrong_content_type_missing_and_empty_pages(sites) -> None:
    base, _asked, _tripped = sites
    refusal(f"{base}/pdf", "application/pdf", "HTML only")
    refusal(f"{base}/nowhere", "404")
    refusal(f"{base}/empty", "empty")


def test_a_slow_server_times_out(sites) -> None:
    base, _asked, _tripped = sites
    refusal(f"{base}/slow", "did not answer within 0.5 s", timeout=0.5)


def test_a_closed_port_is_reported(no_proxy) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    port = server.server_address[1]
    server.server_close()  # nothing listens there now
    refusal(f"http://127.0.0.1:{port}/", "could not reach the server")


def test_the_cli_extracts_and_exports_a_url(sites, tmp_path: Path) -> None:
    base, _asked, tripped = sites
    env = {k: v for k, v in os.environ.items() if k not in PROXY_VARIABLES}
    proc = subprocess.run(
        [sys.executable, "-m", "briefing", "extract", f"{base}/article", "--format", "json"],
        capture_output=True, text=True, cwd=ROOT, timeout=300, env=env,
    )
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert "forty vehicles" in doc["source"]["text"]
    out = tmp_path / "x.pdf"
    proc = subprocess.run(
        [sys.executable, "-m", "briefing", "export", f"{base}/article", "-o", str(out)],
        capture_output=True, text=True, cwd=ROOT, timeout=300, env=env,
    )
    assert proc.returncode == 0, proc.stderr
    from briefing.pdf_embed import briefing_from_pdf

    assert briefing_from_pdf(out).sources[0].url == f"{base}/article"
    proc = subprocess.run(
        [sys.executable, "-m", "briefing", "export", f"{base}/pdf", "-o", str(tmp_path / "no.pdf")],
        capture_output=True, text=True, cwd=ROOT, timeout=300, env=env,
    )
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1
    assert not (tmp_path / "no.pdf").exists()
    assert tripped.paths == []
