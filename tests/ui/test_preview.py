"""The live preview: real worker process, real PDFs read back with pypdf."""

from __future__ import annotations

import io
import os
import shutil
import signal
import sys

import pypdf
import pytest

from briefing.templates import get_template, user_dir
from ui.commands import SetDetail, SetItemField

RENDER_TIMEOUT_MS = 60_000


def user_template_copy(name: str):
    """A copy of the default template installed as the user template ``name`` (a briefing names
    its template by name only, never by path)."""
    folder = user_dir() / name
    shutil.copytree(get_template(None).folder, folder)
    manifest = folder / "manifest.toml"
    text = manifest.read_text(encoding="utf-8").replace('name = "intelligence-brief"', f'name = "{name}"')
    manifest.write_text(text, encoding="utf-8")
    return folder


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
    broken = user_template_copy("broken")
    (broken / "template.html.j2").write_text("<p>{% if %}</p>", encoding="utf-8")
    with qtbot.waitSignal(window.preview.worker.failed, timeout=RENDER_TIMEOUT_MS):
        window.doc.push(SetDetail(window.doc, "template", "broken"))
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


def test_page_and_scroll_position_survive_a_reload(qtbot, previewing) -> None:
    window = previewing
    pane = window.preview
    window.resize(1400, 900)
    pane.zoom.setCurrentText("100%")
    assert pane.document.pageCount() >= 2
    pane.next_button.click()
    qtbot.waitUntil(lambda: pane.view.pageNavigator().currentPage() == 1, timeout=5_000)
    bar = pane.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() > 0, timeout=5_000)
    before = bar.value()
    with qtbot.waitSignal(pane.shown, timeout=RENDER_TIMEOUT_MS):
        window.doc.push(SetDetail(window.doc, "title", "Same place after the reload"))
    qtbot.waitUntil(lambda: abs(bar.value() - before) <= 2, timeout=5_000)
    assert pane.view.pageNavigator().currentPage() == 1
    assert pane.page_label.text().startswith("Page 2 of")
    assert pane.zoom.currentText() == "100%"


def test_template_warnings_fold_out_of_a_count(qtbot, previewing, tmp_path) -> None:
    window = previewing
    pane = window.preview
    odd = user_template_copy("odd-css")
    with (odd / "style.css").open("a", encoding="utf-8") as css:
        css.write("\np { colr: red; }\n")
    with qtbot.waitSignal(pane.shown, timeout=RENDER_TIMEOUT_MS):
        window.doc.push(SetDetail(window.doc, "template", "odd-css"))
    assert pane.warnings_button.isVisibleTo(pane) and "warning" in pane.warnings_button.text()
    assert not pane.warnings.isVisibleTo(pane)  # folded until asked for
    pane.warnings_button.click()
    assert pane.warnings.isVisibleTo(pane)
    items = [pane.warnings.item(i).text() for i in range(pane.warnings.count())]
    assert any("colr" in item for item in items)
    with qtbot.waitSignal(pane.shown, timeout=RENDER_TIMEOUT_MS):
        window.doc.push(SetDetail(window.doc, "template", "intelligence-brief"))
    assert not pane.warnings_button.isVisibleTo(pane) and not pane.warnings.isVisibleTo(pane)


def test_a_worker_that_cannot_start_is_reported_not_respawned_forever(qtbot, previewing) -> None:
    window = previewing
    worker = window.preview.worker
    worker.command = [sys.executable, "-c", "import sys; sys.exit('renderer broken: no Pango')"]
    os.kill(worker.proc.processId(), signal.SIGKILL)  # the running one dies; its successors cannot start
    with qtbot.waitSignal(worker.failed, timeout=RENDER_TIMEOUT_MS):
        window.doc.push(SetDetail(window.doc, "title", "Nobody renders this"))
    assert worker.proc is None  # gave up: no process loop
    assert "keeps stopping" in window.preview.error.text() and "no Pango" in window.preview.error.text()
    assert window.preview.status.text() == ""  # not "Rendering…" forever
    worker.command = [sys.executable, "-m", "briefing.render_worker"]
    with qtbot.waitSignal(window.preview.shown, timeout=RENDER_TIMEOUT_MS):
        window.doc.push(SetDetail(window.doc, "title", "Working again"))
    assert "Working again" in shown_text(window)
    assert not window.preview.error.isVisibleTo(window.preview)


def test_export_writes_the_edit_and_the_pdf_reopens_as_the_same_model(qtbot, previewing, tmp_path) -> None:
    window = previewing
    quote = next(q for q in window.doc.briefing.quotes if q.kind == "direct")
    window.doc.push(SetItemField(window.doc, "quotes", quote.id, "speaker", "Brigadier Example"))
    out = tmp_path / "edited.pdf"
    window.dialogs.pdf_path = str(out)
    window.export_action.trigger()
    qtbot.waitUntil(lambda: not window.busy, timeout=RENDER_TIMEOUT_MS)
    assert window.dialogs.errors == []
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(out).pages).split())
    assert "Brigadier Example" in text
    edited = window.doc.briefing.model_copy(deep=True)
    window.open_path(out)
    assert window.doc.briefing == edited
    assert window.doc.briefing.quotes[0].speaker == "Brigadier Example"


class _CountedExport:
    """Counts the exports that render in a new process (the real ExportProcess still runs)."""

    def __init__(self, monkeypatch) -> None:
        import ui.export_actions
        from ui.workers import ExportProcess

        self.made = 0
        counter = self

        class Counted(ExportProcess):
            def __init__(self, *args, **kwargs) -> None:
                counter.made += 1
                super().__init__(*args, **kwargs)

        monkeypatch.setattr(ui.export_actions, "ExportProcess", Counted)


def test_exporting_what_the_preview_shows_writes_the_previews_pdf(qtbot, previewing, tmp_path, monkeypatch):
    """No second render: the preview's PDF (briefing embedded, tagged) is the export."""
    window = previewing
    renders = _CountedExport(monkeypatch)
    out = tmp_path / "same.pdf"
    window.dialogs.pdf_path = str(out)
    window.export_action.trigger()
    qtbot.waitUntil(lambda: not window.busy, timeout=RENDER_TIMEOUT_MS)
    assert window.dialogs.errors == []
    assert renders.made == 0
    assert out.read_bytes() == window.preview.pdf_bytes
    before = window.doc.briefing.model_copy(deep=True)
    window.open_path(out)
    assert window.doc.briefing == before  # the embedded briefing is the document's


def test_an_export_unlike_the_preview_renders_its_own(qtbot, previewing, tmp_path, monkeypatch) -> None:
    """Another paper, or an edit the preview has not caught up with: the export renders anew."""
    window = previewing
    renders = _CountedExport(monkeypatch)
    letter = tmp_path / "letter.pdf"
    window.dialogs.pdf_path = str(letter)
    window.dialogs.export_choices = {"page_size": "Letter"}
    window.export_action.trigger()
    qtbot.waitUntil(lambda: not window.busy, timeout=RENDER_TIMEOUT_MS)
    assert renders.made == 1
    assert round(float(pypdf.PdfReader(letter).pages[0].mediabox.width)) == 612

    window.dialogs.export_choices = {}
    quote = next(q for q in window.doc.briefing.quotes if q.kind == "direct")
    window.doc.push(SetItemField(window.doc, "quotes", quote.id, "speaker", "Major Newer"))
    edited = tmp_path / "edited.pdf"
    window.dialogs.pdf_path = str(edited)
    window.export_action.trigger()  # before the preview's next render (it waits for the debounce)
    qtbot.waitUntil(lambda: not window.busy, timeout=RENDER_TIMEOUT_MS)
    assert renders.made == 2
    assert "Major Newer" in " ".join(p.extract_text() for p in pypdf.PdfReader(edited).pages)


def test_the_export_child_warms_up_during_the_dialog_and_stops_when_cancelled(qtbot, previewing, monkeypatch):
    """The child starts as the dialog opens; Cancel in the dialog stops it: no process is left."""
    from PySide6.QtCore import QProcess

    window = previewing
    seen: list[QProcess] = []
    real_choose = window.dialogs.choose_export

    def choose(options):
        seen.extend(p for p in window.findChildren(QProcess) if p.state() != QProcess.ProcessState.NotRunning)
        return real_choose(options)

    monkeypatch.setattr(window.dialogs, "choose_export", choose)
    window.dialogs.pdf_path = ""  # the analyst cancels the dialog
    window.export_action.trigger()
    assert len([p for p in seen if "-c" in p.arguments()]) == 1  # besides the preview's worker

    def exporters_left() -> list:
        running = QProcess.ProcessState.NotRunning
        return [p for p in window.findChildren(QProcess) if "-c" in p.arguments() and p.state() != running]

    qtbot.waitUntil(lambda: not exporters_left(), timeout=10_000)  # stopped, then deleted
    assert not window.busy and window.dialogs.errors == []


def test_a_template_edited_on_disk_after_the_preview_is_rendered_again(qtbot, previewing, tmp_path, monkeypatch):
    window = previewing
    folder = user_template_copy("house")
    with qtbot.waitSignal(window.preview.shown, timeout=RENDER_TIMEOUT_MS):
        window.doc.push(SetDetail(window.doc, "template", "house"))
    renders = _CountedExport(monkeypatch)
    css = folder / "style.css"
    css.write_text(css.read_text(encoding="utf-8") + "\nh1 { color: #7a0000; }\n", encoding="utf-8")
    out = tmp_path / "house.pdf"
    window.dialogs.pdf_path = str(out)
    window.dialogs.export_choices = {"template": "house"}
    window.export_action.trigger()
    qtbot.waitUntil(lambda: not window.busy, timeout=RENDER_TIMEOUT_MS)
    assert window.dialogs.errors == []
    assert renders.made == 1 and out.read_bytes() != window.preview.pdf_bytes
