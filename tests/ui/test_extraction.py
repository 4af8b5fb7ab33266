"""The real article through the real background extraction and export."""

from __future__ import annotations

import time

from PySide6.QtGui import QGuiApplication

from briefing import storage

from .conftest import SAMPLE_ARTICLE
from .test_files import _drop

EXTRACT_TIMEOUT_MS = 90_000


def _wait_for_extraction(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.busy, timeout=EXTRACT_TIMEOUT_MS)
    assert window.dialogs.errors == []


def test_open_the_sample_article_extracts_in_the_background(
    qtbot, window, make_window, tmp_path, extract_available
) -> None:
    started = time.perf_counter()
    window.open_path(SAMPLE_ARTICLE)
    assert time.perf_counter() - started < 0.5  # the GUI thread only starts the job
    assert window.busy and window.progress.isVisible()
    assert "niger-airbase-101.txt" in window.busy_label.text()
    _wait_for_extraction(qtbot, window)
    assert not window.progress.isVisible()

    briefing = window.doc.briefing
    from briefing.ingest import load_article

    assert briefing.sources[0].text == load_article(SAMPLE_ARTICLE).text
    assert window.source_view.toPlainText() == briefing.sources[0].text
    assert window.isWindowModified()  # extracted but never saved
    assert window.windowTitle().startswith("Untitled.briefing[*]")
    for name in ("forces", "quotes", "outlook", "timeline", "places"):
        assert window.cards.tables[name].model.rowCount() == len(getattr(briefing, name))
    for item in [*briefing.quotes, *briefing.forces]:
        for span in item.evidence:
            assert briefing.span_text(span)

    # Save, reopen elsewhere: the same model.
    window.dialogs.save_path = str(tmp_path / "niger.briefing")
    assert window.save()
    other = make_window()
    assert other.load_briefing(tmp_path / "niger.briefing")
    assert other.doc.briefing == window.doc.briefing


def test_dropping_an_article_extracts_it(qtbot, window, extract_available) -> None:
    _drop(window, SAMPLE_ARTICLE)
    qtbot.waitUntil(lambda: bool(window.doc.briefing.sources), timeout=EXTRACT_TIMEOUT_MS)
    _wait_for_extraction(qtbot, window)
    assert "Airbase 101" in window.doc.briefing.sources[0].text


def test_paste_article_from_the_clipboard(qtbot, window, extract_available) -> None:
    QGuiApplication.clipboard().setText(SAMPLE_ARTICLE.read_text("utf-8"))
    window.paste_article_action.trigger()
    assert window.busy
    _wait_for_extraction(qtbot, window)
    assert "Airbase 101" in window.doc.briefing.sources[0].text


def test_an_unreadable_article_shows_the_ingest_message(qtbot, window, tmp_path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", "utf-8")
    window.dialogs.article_path = str(empty)
    window.new_action.trigger()  # File ▸ New from Article…
    qtbot.waitUntil(lambda: bool(window.dialogs.errors), timeout=10_000)
    assert "empty.txt" in window.dialogs.errors[0][1]
    assert window.doc.briefing.sources == []
    assert not window.busy


def test_export_pdf_runs_in_a_worker_process(qtbot, window, sample_file, tmp_path) -> None:
    window.load_briefing(sample_file)
    out = tmp_path / "brief.pdf"
    window.dialogs.pdf_path = str(out)
    window.export_action.trigger()
    assert window.busy
    qtbot.waitUntil(lambda: not window.busy, timeout=EXTRACT_TIMEOUT_MS)
    assert window.dialogs.errors == []
    assert out.read_bytes().startswith(b"%PDF")
    assert storage.load(sample_file) == window.doc.briefing  # export never touches the document


def test_export_dialog_choices_reach_the_file(qtbot, window, sample_file, tmp_path) -> None:
    """Paper size and marking chosen in the dialog are in the PDF; the marking is the document's now."""
    import pypdf

    window.load_briefing(sample_file)
    out = tmp_path / "letter.pdf"
    window.dialogs.pdf_path = str(out)
    window.dialogs.export_choices = {"page_size": "Letter", "marking": "TLP:RED"}
    window.export_action.trigger()
    qtbot.waitUntil(lambda: not window.busy, timeout=EXTRACT_TIMEOUT_MS)
    assert window.dialogs.errors == []
    reader = pypdf.PdfReader(out)
    assert round(float(reader.pages[0].mediabox.width)) == 612
    assert "TLP:RED" in reader.pages[0].extract_text()
    assert window.doc.briefing.marking == "TLP:RED"  # the marking chosen is the briefing's own


def test_export_to_self_contained_html(qtbot, window, sample_file, tmp_path) -> None:
    window.load_briefing(sample_file)
    out = tmp_path / "brief.html"
    window.dialogs.pdf_path = str(out)
    window.dialogs.export_choices = {"format": "html"}
    window.export_action.trigger()
    qtbot.waitUntil(lambda: not window.busy, timeout=EXTRACT_TIMEOUT_MS)
    html = out.read_text("utf-8")
    assert "data:font/ttf;base64," in html and "@page" in html
    assert f"<h1>{window.doc.briefing.title}</h1>" in html


def test_an_exported_pdf_reopens_as_the_same_briefing(qtbot, window, sample_file, tmp_path) -> None:
    window.load_briefing(sample_file)
    out = tmp_path / "round.pdf"
    window.dialogs.pdf_path = str(out)
    window.export_action.trigger()
    qtbot.waitUntil(lambda: not window.busy, timeout=EXTRACT_TIMEOUT_MS)
    original = window.doc.briefing.model_copy(deep=True)
    window.open_path(out)
    assert window.doc.briefing == original
    assert window.doc.path is None  # Save asks where: the PDF is never overwritten
