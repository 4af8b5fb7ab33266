"""Word export from the editor: the dialog offers it, the worker process writes it, Open… reopens it."""

from __future__ import annotations

from ui.export_dialog import ExportDialog, ExportOptions

EXPORT_TIMEOUT_MS = 90_000


def test_the_export_dialog_offers_word(qtbot, tmp_path) -> None:
    dialog = ExportDialog(ExportOptions(str(tmp_path / "brief.pdf"), "sitrep"), [("sitrep", "SITREP")])
    qtbot.addWidget(dialog)
    index = dialog.format.findData("docx")
    assert index >= 0 and dialog.format.itemText(index) == "Word document (.docx)"
    dialog.format.setCurrentIndex(index)
    assert dialog.path.text().endswith("brief.docx")  # the suffix follows the format
    assert dialog.options().format == "docx"


def test_an_exported_docx_reopens_as_the_same_briefing(qtbot, window, sample_file, tmp_path) -> None:
    window.load_briefing(sample_file)
    out = tmp_path / "brief.docx"
    window.dialogs.pdf_path = str(out)
    window.dialogs.export_choices = {"format": "docx"}
    window.export_action.trigger()
    assert window.busy  # in the worker process, like PDF and HTML
    qtbot.waitUntil(lambda: not window.busy, timeout=EXPORT_TIMEOUT_MS)
    assert window.dialogs.errors == []
    assert out.read_bytes().startswith(b"PK")
    original = window.doc.briefing.model_copy(deep=True)
    window.open_path(out)
    assert window.dialogs.errors == []
    assert window.doc.briefing == original
    assert window.doc.path is None  # Save asks where: the .docx is never overwritten
