"""The export child renders the dialog's first choices while the dialog is open, when the preview
cannot serve them; after OK it only writes that file, or renders anew if the choices changed."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pypdf
import pytest

from ui.recent import settings

RENDER_TIMEOUT_MS = 60_000


@pytest.fixture
def exports(monkeypatch) -> list:
    """Every ExportProcess the window makes (the real one runs)."""
    import ui.export_actions
    from ui.workers import ExportProcess

    made: list = []

    class Recorded(ExportProcess):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(ui.export_actions, "ExportProcess", Recorded)
    return made


def _dialog_waiting_for_the_child(qtbot, window, monkeypatch, **choices) -> list:
    """A dialog the analyst keeps open until the child has rendered ahead; returns the children
    seen while it was open."""
    from PySide6.QtCore import QProcess

    from ui.workers import child_said

    seen: list = []
    real_choose = window.dialogs.choose_export

    def choose(options):
        children = [p for p in window.findChildren(QProcess) if "-c" in p.arguments()]
        seen.extend(children)
        qtbot.waitUntil(lambda: all(child_said(p, "ahead") for p in children), timeout=RENDER_TIMEOUT_MS)
        window.dialogs.export_choices = choices
        return real_choose(options)

    monkeypatch.setattr(window.dialogs, "choose_export", choose)
    return seen


def test_a_word_export_is_rendered_while_the_dialog_is_open(qtbot, window, sample_file, tmp_path, monkeypatch, exports):
    window.load_briefing(sample_file)
    settings().setValue("export/format", "docx")  # the last export was a Word file
    seen = _dialog_waiting_for_the_child(qtbot, window, monkeypatch)
    out = tmp_path / "brief.docx"
    window.dialogs.pdf_path = str(out)
    window.export_action.trigger()
    qtbot.waitUntil(lambda: not window.busy, timeout=RENDER_TIMEOUT_MS)
    assert window.dialogs.errors == []
    assert len(seen) == 1 and len(exports) == 1
    assert exports[0].used_ahead  # written from the render made during the dialog
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    assert window.doc.briefing.title.split()[0] in body
    snapshot = seen[0].property("ahead_snapshot")
    assert snapshot and not Path(snapshot).exists()  # the ahead snapshot is cleaned up


def test_a_choice_changed_in_the_dialog_is_rendered_anew(qtbot, window, sample_file, tmp_path, monkeypatch, exports):
    window.load_briefing(sample_file)
    settings().setValue("export/format", "docx")
    _dialog_waiting_for_the_child(qtbot, window, monkeypatch, format="pdf", page_size="Letter")
    out = tmp_path / "letter.pdf"
    window.dialogs.pdf_path = str(out)
    window.export_action.trigger()
    qtbot.waitUntil(lambda: not window.busy, timeout=RENDER_TIMEOUT_MS)
    assert window.dialogs.errors == []
    assert len(exports) == 1 and not exports[0].used_ahead
    assert round(float(pypdf.PdfReader(out).pages[0].mediabox.width)) == 612


def test_an_edit_made_at_ok_is_in_the_file_not_the_ahead_render(qtbot, window, sample_file, tmp_path, monkeypatch, exports):
    """The dialog's marking becomes the briefing's after OK: the render made before is stale."""
    window.load_briefing(sample_file)
    settings().setValue("export/format", "html")
    _dialog_waiting_for_the_child(qtbot, window, monkeypatch, marking="TLP:RED")
    out = tmp_path / "brief.html"
    window.dialogs.pdf_path = str(out)
    window.export_action.trigger()
    qtbot.waitUntil(lambda: not window.busy, timeout=RENDER_TIMEOUT_MS)
    assert window.dialogs.errors == []
    assert window.doc.briefing.marking == "TLP:RED"
    assert len(exports) == 1 and not exports[0].used_ahead
    assert "TLP:RED" in out.read_text(encoding="utf-8")


def test_a_cancelled_dialog_leaves_no_child_and_no_snapshot(qtbot, window, sample_file, monkeypatch) -> None:
    from PySide6.QtCore import QProcess

    window.load_briefing(sample_file)
    settings().setValue("export/format", "docx")
    seen = _dialog_waiting_for_the_child(qtbot, window, monkeypatch)
    window.dialogs.pdf_path = ""  # the analyst cancels the dialog
    window.export_action.trigger()
    assert len(seen) == 1
    snapshot = seen[0].property("ahead_snapshot")
    assert snapshot and not Path(snapshot).exists()

    def exporters_left() -> list:
        running = QProcess.ProcessState.NotRunning
        return [p for p in window.findChildren(QProcess) if "-c" in p.arguments() and p.state() != running]

    qtbot.waitUntil(lambda: not exporters_left(), timeout=10_000)
    assert not window.busy and window.dialogs.errors == []
