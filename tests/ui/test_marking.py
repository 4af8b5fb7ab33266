"""The handling marking: what export picks becomes the briefing's, it is always on screen, it is
never lowered without a yes, and an export never replaces a file without asking."""

from __future__ import annotations

import pypdf

from briefing import storage

EXPORT_TIMEOUT_MS = 120_000


def _export(qtbot, window, out, **choices) -> None:
    window.dialogs.pdf_path = str(out)
    window.dialogs.export_choices = choices
    window.export_action.trigger()
    qtbot.waitUntil(lambda: not window.busy, timeout=EXPORT_TIMEOUT_MS)


def test_the_export_marking_becomes_the_briefings_and_is_one_undo_step(qtbot, window, sample_file, tmp_path):
    window.load_briefing(sample_file)
    assert window.doc.briefing.marking == "TLP:AMBER"
    _export(qtbot, window, tmp_path / "red.pdf", marking="TLP:RED")
    assert window.dialogs.errors == []
    assert window.doc.briefing.marking == "TLP:RED"
    assert window.marking_label.text() == "TLP:RED" and "TLP:RED" in window.windowTitle()
    assert window.doc.modified  # the change is saved with the briefing, like any edit
    window.save()
    assert storage.load(sample_file).marking == "TLP:RED"
    # the next export starts from it (the dialog's default is the briefing's marking)
    _export(qtbot, window, tmp_path / "again.pdf")
    assert "TLP:RED" in pypdf.PdfReader(tmp_path / "again.pdf").pages[0].extract_text()
    window.doc.undo_stack.undo()
    assert window.doc.briefing.marking == "TLP:AMBER" and window.marking_label.text() == "TLP:AMBER"


def test_lowering_the_marking_at_export_asks_and_keeping_is_the_default(qtbot, window, sample_file, tmp_path):
    window.load_briefing(sample_file)
    window.dialogs.lower_marking = False  # "Keep TLP:AMBER"
    out = tmp_path / "green.pdf"
    _export(qtbot, window, out, marking="TLP:GREEN")
    assert window.dialogs.asked_lower_marking == [("TLP:AMBER", "TLP:GREEN")]
    assert window.doc.briefing.marking == "TLP:AMBER"
    text = pypdf.PdfReader(out).pages[0].extract_text()
    assert "TLP:AMBER" in text and "TLP:GREEN" not in text


def test_an_export_asks_before_replacing_a_file(qtbot, window, sample_file, tmp_path):
    window.load_briefing(sample_file)
    out = tmp_path / "existing.pdf"
    out.write_bytes(b"the analyst's earlier export")
    window.dialogs.overwrite = False
    _export(qtbot, window, out)
    assert window.dialogs.asked_overwrite == [out]
    assert out.read_bytes() == b"the analyst's earlier export"
    window.dialogs.overwrite = True
    _export(qtbot, window, out)
    assert out.read_bytes().startswith(b"%PDF")
