"""The live preview: real worker process, real PDFs read back with pypdf."""

from __future__ import annotations

import io
import os
import shutil
import signal

import pypdf
import pytest

from briefing.templates import get_template
from ui.commands import SetDetail, SetItemField

RENDER_TIMEOUT_MS = 60_000


def shown_text(window) -> str:
    reader = pypdf.PdfReader(io.BytesIO(window.preview.pdf_bytes))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def previewing(qtbot, window, sample_file):
    """A window on the sample briefing with its first preview on screen."""
    with qtbot.waitSignal(window.preview.shown, timeout=RENDER_TIMEOUT_MS):
        window.load_briefing(sample_file)
    return window


def test_editing_a_quote_updates_the_preview(qtbot, previewing) -> None:
    window = previewing
    quote = next(q for q in window.doc.briefing.quotes if q.kind == "direct")
    assert quote.text in shown_text(window)
    with qtbot.waitSignal(window.preview.shown, timeout=RENDER_TIMEOUT_MS):
        window.doc.push(SetItemField(window.doc, "quotes", quote.id, "speaker", "Colonel Jane Okafor"))
    assert "Colonel Jane Okafor" in shown_text(window)
    assert window.preview.document.pageCount() >= 1
    assert window.preview.page_label.text().startswith("Page 1 of")


def test_a_template_error_shows_and_the_next_good_edit_recovers(qtbot, previewing, tmp_path) -> None:
    window = previewing
    broken = tmp_path / "broken"
    shutil.copytree(get_template(None).folder, broken)
    (broken / "template.html.j2").write_text("<p>{% if %}</p>", encoding="utf-8")
    with qtbot.waitSignal(window.preview.worker.failed, timeout=RENDER_TIMEOUT_MS):
        window.doc.push(SetDetail(window.doc, "template", str(broken)))
        window.preview.render_now()
    assert window.preview.error.isVisibleTo(window.preview)
    assert "template.html.j2, line 1" in window.preview.error.text()
    good_pdf = window.preview.pdf_bytes
    assert good_pdf  # the last good PDF stays
    with qtbot.waitSignal(window.preview.shown, timeout=RENDER_TIMEOUT_MS):
        window.doc.push(SetDetail(window.doc, "template", "intelligence-brief"))
    assert not window.preview.error.isVisibleTo(window.preview)


def test_only_the_newest_edit_is_shown(qtbot, previewing) -> None:
    window = previewing
    shown: list[int] = []
    window.preview.shown.connect(shown.append)
    worker = window.preview.worker
    for title in ("First title", "Second title", "Third title"):
        window.doc.push(SetDetail(window.doc, "title", title))
        window.preview.render_now()  # as well as the debounced render each edit schedules
    qtbot.waitUntil(lambda: bool(shown) and not window.preview.debounce.isActive(), timeout=RENDER_TIMEOUT_MS)
    qtbot.waitUntil(lambda: worker.latest_id in shown, timeout=RENDER_TIMEOUT_MS)
    assert shown == [worker.latest_id]  # every older render was dropped, never shown
    assert "Third title" in shown_text(window)


def test_a_killed_worker_is_restarted(qtbot, previewing) -> None:
    window = previewing
    pid = window.preview.worker.proc.processId()
    os.kill(pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: window.preview.worker.proc.processId() not in (0, pid), timeout=10_000)
    with qtbot.waitSignal(window.preview.shown, timeout=RENDER_TIMEOUT_MS):
        window.doc.push(SetDetail(window.doc, "title", "After the crash"))
    assert "After the crash" in shown_text(window)
