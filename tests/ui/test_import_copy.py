"""File ▸ Open URL… against a server on 127.0.0.1 (the fetch runs in a worker, Cancel stops it),
PDF and Word articles opened from the File menu, and Edit ▸ Copy Briefing / Copy Card read back
from the real clipboard."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import weasyprint
from PySide6.QtWidgets import QApplication

from tests.core.import_helpers import stream_bomb_pdf

PAGE = b"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Convoys | Loopback</title>
</head><body><article><h1>Convoys cross the river</h1>
<p>Three militia convoys crossed the river near Gao on Monday, a local official said, the largest
movement seen this year.</p><p>\xe2\x80\x9cWe counted more than forty vehicles before dawn,\xe2\x80\x9d the
official told reporters by telephone.</p></article></body></html>"""
EXTRACT_TIMEOUT_MS = 120_000


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, list[str]]]:
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    asked: list[str] = []
    release = threading.Event()

    class News(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            if self.path == "/slow":
                release.wait(10)  # holds the answer until the test is done with it
            kind = "application/pdf" if self.path == "/pdf" else "text/html; charset=utf-8"
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), News)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", asked
    release.set()
    server.shutdown()
    server.server_close()


def test_open_url_fetches_in_the_background_and_keeps_the_page(qtbot, window, site, extract_available) -> None:
    base, asked = site
    window.dialogs.url = f"{base}/article"
    window.open_url_action.trigger()
    assert window.busy  # the action returned at once: the fetch runs in a worker
    qtbot.waitUntil(lambda: bool(window.doc.briefing.sources), timeout=EXTRACT_TIMEOUT_MS)
    source = window.doc.briefing.sources[0]
    assert source.url == f"{base}/article" and "<article>" in source.page_html
    assert "forty vehicles before dawn" in window.source_view.toPlainText()
    assert asked == ["/article"]
    assert window.dialogs.errors == []


def test_open_url_offers_the_clipboard_address_and_refuses_other_text(qtbot, window, site) -> None:
    base, asked = site
    QApplication.clipboard().setText(f"{base}/article")
    window.dialogs.url = "ftp://example.invalid/file"
    window.open_url_action.trigger()
    assert window.dialogs.asked_url == [f"{base}/article"]
    assert window.dialogs.errors and "not a web address" in window.dialogs.errors[0][1]
    assert asked == [] and not window.busy


def test_open_url_of_a_pdf_shows_one_line_and_keeps_the_document(qtbot, window, site, sample_file) -> None:
    base, _asked = site
    window.load_briefing(sample_file)
    before = window.doc.briefing.model_copy(deep=True)
    window.dialogs.url = f"{base}/pdf"
    window.open_url_action.trigger()
    qtbot.waitUntil(lambda: bool(window.dialogs.errors), timeout=20_000)
    assert "application/pdf" in window.dialogs.errors[0][1] and "\n" not in window.dialogs.errors[0][1]
    assert window.doc.briefing == before


def test_cancel_stops_a_slow_fetch(qtbot, window, site, sample_file) -> None:
    base, asked = site
    window.load_briefing(sample_file)
    before = window.doc.briefing.model_copy(deep=True)
    window.dialogs.url = f"{base}/slow"
    window.open_url_action.trigger()
    qtbot.waitUntil(lambda: asked == ["/slow"], timeout=10_000)
    assert window.cancel_button.isVisible()
    window.cancel_button.click()
    qtbot.waitUntil(lambda: not window.busy, timeout=30_000)
    assert window.doc.briefing == before
    assert "Cancelled" in window.statusBar().currentMessage()


def test_a_pdf_article_opens_as_an_extracted_briefing(qtbot, window, tmp_path: Path, extract_available) -> None:
    html = (
        "<h1>Convoys cross the river</h1><p>Three militia convoys crossed the river near Gao on Monday, "
        "a local official said. “We counted more than forty vehicles,” the official said.</p>"
    )
    pdf = tmp_path / "convoys.pdf"
    weasyprint.HTML(string=html).write_pdf(pdf)
    window.dialogs.article_path = str(pdf)
    window.new_action.trigger()
    qtbot.waitUntil(lambda: bool(window.doc.briefing.sources), timeout=EXTRACT_TIMEOUT_MS)
    assert window.doc.briefing.sources[0].title == "Convoys cross the river"
    assert window.doc.path is None and window.dialogs.errors == []


def test_copy_briefing_puts_html_and_text_on_the_clipboard(qtbot, window, sample_file) -> None:
    window.load_briefing(sample_file)
    b = window.doc.briefing
    window.copy_briefing_action.trigger()
    mime = QApplication.clipboard().mimeData()
    assert mime.hasHtml() and mime.hasText()
    html, text = mime.html(), mime.text()
    assert html.index(b.marking) < html.index("<h1>") < html.index("<table")
    assert "<h2>Forces</h2>" in html and "<h2>Statements</h2>" in html
    assert text.splitlines()[0] == b.marking and b.title in text
    assert b.situation.bluf in text


def test_copy_card_copies_the_card_on_show(qtbot, window, sample_file) -> None:
    window.load_briefing(sample_file)
    window.cards.setCurrentWidget(window.cards.tables["forces"])
    window.copy_card_action.trigger()
    mime = QApplication.clipboard().mimeData()
    assert "<h2>Forces</h2>" in mime.html() and "Statements" not in mime.html()
    assert mime.text().splitlines()[0] == window.doc.briefing.marking
    assert window.doc.briefing.forces[0].actor in mime.text()
    window.cards.setCurrentWidget(window.cards.situation)
    window.copy_card_action.trigger()
    assert "<h2>Situation</h2>" in QApplication.clipboard().mimeData().html()


def test_copy_actions_are_in_the_edit_menu_with_shortcuts(window) -> None:
    edit = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    assert window.copy_briefing_action in edit.actions() and window.copy_card_action in edit.actions()
    assert window.copy_briefing_action.shortcut().toString() == "Ctrl+Shift+C"
    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    assert window.open_url_action in file_menu.actions()
    assert window.open_url_action.shortcut().toString() == "Ctrl+L"




def test_cancel_stops_a_long_pdf_import(qtbot, window, tmp_path: Path, sample_file) -> None:
    window.load_briefing(sample_file)
    before = window.doc.briefing.model_copy(deep=True)
    pdf = tmp_path / "slow.pdf"
    pdf.write_bytes(stream_bomb_pdf())
    window.dialogs.article_path = str(pdf)
    window.new_action.trigger()
    assert window.busy and window.cancel_button.isVisible()
    qtbot.wait(1500)  # the child process is reading by now
    window.cancel_button.click()
    qtbot.waitUntil(lambda: not window.busy, timeout=15_000)  # killed, not waited for (75 s)
    assert window.doc.briefing == before
    assert "Cancelled" in window.statusBar().currentMessage()
    assert window.dialogs.errors == []
