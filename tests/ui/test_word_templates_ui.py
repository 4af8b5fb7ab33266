"""Word templates in the editor: the manager imports a bare .docx with tags and draws its thumbnail,
the export dialog offers Word templates for Word only, and the export fills the template."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from briefing.docx_embed import briefing_from_docx
from briefing.templates import get_template, list_templates
from ui.export_dialog import ExportDialog, ExportOptions

from .test_template_manager import FakePrompts

EXPORT_TIMEOUT_MS = 90_000


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data"


def house_docx(path: Path) -> Path:
    """A house template as an analyst would write it in Word: headings and a few tags."""
    document = docx.Document()
    document.add_heading("Desk note", level=1)
    document.add_paragraph("{{ title }}")
    document.add_paragraph("Bottom line: {{ bluf }}")
    document.add_paragraph("{% for f in forces %}{{ f.actor }} ({{ strength(f) }}); {% endfor %}")
    document.save(path)
    return path


@pytest.fixture
def dialog(qtbot, sample):
    """The template manager, its questions answered by FakePrompts."""
    from ui.template_manager import TemplateManager

    manager = TemplateManager(sample)
    manager.prompts = FakePrompts()
    qtbot.addWidget(manager)
    manager.show()
    yield manager
    manager.done(0)


def test_the_manager_imports_a_bare_docx_and_draws_its_thumbnail(qtbot, dialog, tmp_path) -> None:
    assert "Word" in dialog.import_button.toolTip() or ".docx" in dialog.import_button.toolTip()
    source = house_docx(tmp_path / "Desk Note.docx")
    with qtbot.waitSignal(dialog.imported, timeout=EXPORT_TIMEOUT_MS) as signal:
        dialog.import_zip(str(source))
    assert signal.args == ["desk-note"], dialog.prompts.errors
    assert "desk-note" in dialog.names() and dialog.selected_name() == "desk-note"
    assert get_template("desk-note").is_word
    assert "Word template (.docx)" in dialog.details.text()
    qtbot.waitUntil(lambda: dialog.has_thumbnail("desk-note"), timeout=EXPORT_TIMEOUT_MS)
    qtbot.waitUntil(lambda: dialog.has_thumbnail("word-brief"), timeout=EXPORT_TIMEOUT_MS)
    assert "desk-note" not in dialog.errors and "word-brief" not in dialog.errors


def test_a_broken_docx_import_is_reported_in_one_line(qtbot, dialog, tmp_path) -> None:
    broken = docx.Document()
    broken.add_heading("Forces", level=1)
    broken.add_paragraph("{{ forces | first | attr('actor') | shout }}")
    broken.save(tmp_path / "shouty.docx")
    with qtbot.waitSignal(dialog.imported, timeout=EXPORT_TIMEOUT_MS) as signal:
        dialog.import_zip(str(tmp_path / "shouty.docx"))
    assert signal.args == [""]
    title, message = dialog.prompts.errors[-1]
    assert title == "Could not import template"
    assert 'template "shouty": bad tag "{{ forces | first | attr(\'actor\') | shout }}"' in message
    assert "shouty" not in dialog.names()


def test_the_export_dialog_offers_word_templates_for_word_only(qtbot, tmp_path) -> None:
    templates = [(t.name, t.title, t.kind) for t in list_templates()]
    dialog = ExportDialog(ExportOptions(str(tmp_path / "brief.pdf"), "sitrep"), templates)
    qtbot.addWidget(dialog)

    def offered() -> list[str]:
        return [dialog.template.itemData(i) for i in range(dialog.template.count())]

    assert "word-brief" not in offered() and "sitrep" in offered()  # PDF: HTML templates only
    dialog.format.setCurrentIndex(dialog.format.findData("docx"))
    assert "word-brief" in offered() and "sitrep" in offered()  # Word: both kinds
    assert dialog.template.currentData() == "sitrep"  # the pick survives the change of format
    dialog.template.setCurrentIndex(dialog.template.findData("word-brief"))
    assert dialog.template.currentText() == "Word brief (Word template)"
    assert not dialog.page_size.isEnabled()  # the Word template's page setup is kept
    assert dialog.options().template == "word-brief" and dialog.options().format == "docx"
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    assert dialog.options().template != "word-brief"  # never a PDF from a Word template
    assert dialog.page_size.isEnabled()

    again = ExportDialog(ExportOptions(str(tmp_path / "brief.pdf"), "word-brief", format="pdf"), templates)
    qtbot.addWidget(again)
    assert again.options().format == "docx" and again.options().template == "word-brief"


def export_through_the_window(qtbot, window, sample_file, out: Path, **choices) -> None:
    """Open the sample, answer the export dialog with ``choices``, wait for the worker process."""
    window.load_briefing(sample_file)
    window.dialogs.pdf_path = str(out)
    window.dialogs.export_choices = choices
    window.export_action.trigger()
    qtbot.waitUntil(lambda: not window.busy, timeout=EXPORT_TIMEOUT_MS)


def test_the_editor_exports_through_the_word_template(qtbot, window, sample_file, tmp_path) -> None:
    out = tmp_path / "brief.docx"
    export_through_the_window(qtbot, window, sample_file, out, format="docx", template="word-brief",
                              marking="TLP:AMBER")
    assert window.dialogs.errors == []
    document = docx.Document(io.BytesIO(out.read_bytes()))
    assert "template word-brief" in document.core_properties.comments
    assert "Forces" in [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "TLP:AMBER" in "".join(t.text for t in document.sections[0].header._element.iter(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"))
    assert briefing_from_docx(out).title == window.doc.briefing.title


def test_a_pdf_export_with_a_word_template_says_why(qtbot, window, sample_file, tmp_path) -> None:
    out = tmp_path / "brief.pdf"
    export_through_the_window(qtbot, window, sample_file, out, format="pdf", template="word-brief")
    assert len(window.dialogs.errors) == 1
    assert "is a Word template: it makes .docx files only" in window.dialogs.errors[0][1]
    assert not out.exists()
