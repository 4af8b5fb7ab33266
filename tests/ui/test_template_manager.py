"""The template manager lists (with real thumbnails), renames, duplicates, deletes, imports and
exports; Save as Template and New from Template go through the undo stack.  Real renders."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.templates import get_template, user_dir
from briefing.user_templates import duplicate_template, save_as_template, tiny_briefing

from .conftest import SAMPLE_ARTICLE, make_sample


class FakePrompts:
    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []

    def error(self, title: str, message: str) -> None:
        self.errors.append((title, message))


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture
def manager(qtbot, sample):
    from ui.template_manager import TemplateManager

    def factory():
        dialog = TemplateManager(sample)
        dialog.prompts = FakePrompts()
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    yield factory


def test_manager_lists_with_thumbnails_renames_and_deletes(qtbot, manager) -> None:
    duplicate_template("sitrep", "desk-a", title="Desk A")
    dialog = manager()
    assert dialog.names() == ["executive-one-pager", "intelligence-brief", "sitrep", "word-brief", "desk-a"]
    qtbot.waitUntil(lambda: all(dialog.has_thumbnail(n) for n in dialog.names()), timeout=120_000)

    dialog.select("intelligence-brief")
    assert not dialog.rename_button.isEnabled() and not dialog.delete_button.isEnabled()
    assert dialog.duplicate_button.isEnabled()

    dialog.select("desk-a")
    assert dialog.rename_selected("desk-b")
    assert "desk-b" in dialog.names() and "desk-a" not in dialog.names()
    assert dialog.selected_name() == "desk-b"
    assert get_template("desk-b").title == "Desk A" and not (user_dir() / "desk-a").exists()
    qtbot.waitUntil(lambda: dialog.has_thumbnail("desk-b"), timeout=60_000)

    assert not dialog.rename_selected("sitrep")  # a built-in's name: refused with a message
    assert "built-in" in dialog.prompts.errors[-1][1]

    assert dialog.duplicate_selected("desk-c")
    assert dialog.delete_selected(confirm=False)  # desk-c was selected after duplicating
    dialog.select("desk-b")
    assert dialog.delete_selected(confirm=False)
    assert dialog.names() == ["executive-one-pager", "intelligence-brief", "sitrep", "word-brief"]
    dialog.done(0)


def test_broken_template_is_listed_with_its_error(qtbot, manager) -> None:
    folder = duplicate_template("intelligence-brief", "broken").folder
    (folder / "template.html.j2").write_text("<html>\n{% if %}\n</html>", encoding="utf-8")
    dialog = manager()
    assert "broken" in dialog.names()
    dialog.select("broken")
    assert "template.html.j2, line 2" in dialog.details.text()
    assert not dialog.export_button.isEnabled() and dialog.delete_button.isEnabled()
    assert dialog.delete_selected(confirm=False)
    dialog.done(0)


def test_export_then_import_zip(qtbot, manager, tmp_path: Path) -> None:
    save_as_template(tiny_briefing(), "shared")
    dialog = manager()
    dialog.select("shared")
    assert dialog.export_selected(str(tmp_path / "shared.zip"))
    assert dialog.delete_selected(confirm=False)
    with qtbot.waitSignal(dialog.imported, timeout=60_000) as blocker:
        dialog.import_zip(str(tmp_path / "shared.zip"))
    assert blocker.args == ["shared"] and "shared" in dialog.names()
    (tmp_path / "evil.zip").write_bytes(b"PK not a zip")
    with qtbot.waitSignal(dialog.imported, timeout=60_000):
        dialog.import_zip(str(tmp_path / "evil.zip"))
    assert "not a readable zip" in dialog.prompts.errors[-1][1]
    dialog.done(0)


def test_save_as_template_then_use_it_with_undo(window) -> None:
    from PySide6.QtCore import Qt

    from ui.template_actions import SaveTemplateDialog, save_template, use_template

    window.doc.replace(make_sample())  # TLP:AMBER, organisation "Desk 4"
    dialog = SaveTemplateDialog(window.doc.briefing, window)
    dialog.name.setText("desk-four")
    dialog.distribution.setText("Desk 4 readers")
    dialog.cards.item(2).setCheckState(Qt.CheckState.Unchecked)  # quotes (third in the brief's order)
    spec = dialog.spec()
    assert "quotes" not in spec.cards
    tpl = save_template(window, spec)
    assert tpl is not None and tpl.cards == spec.cards
    assert tpl.boilerplate["organisation"] == "Desk 4" and tpl.default_marking == "TLP:AMBER"

    fresh = make_sample()
    fresh.marking, fresh.organisation = "TLP:CLEAR", ""
    window.doc.replace(fresh)
    assert use_template(window, "desk-four")
    b = window.doc.briefing
    assert (b.template, b.marking, b.organisation) == ("desk-four", "TLP:AMBER", "Desk 4")
    window.doc.undo_stack.undo()
    assert (b.template, b.marking, b.organisation) == ("intelligence-brief", "TLP:CLEAR", "")
    assert save_template(window, spec) is None  # the name is taken now
    assert "already exists" in window.dialogs.errors[-1][1]


def test_new_briefing_from_template(qtbot, window, extract_available) -> None:
    from ui.template_actions import new_from_template

    new_from_template(window, "sitrep", SAMPLE_ARTICLE)
    qtbot.waitUntil(lambda: window.doc.briefing.template == "sitrep", timeout=120_000)
    assert window.doc.briefing.marking == get_template("sitrep").default_marking
    assert window.doc.briefing.sources and window.doc.undo_stack.count() == 1


def test_a_template_never_lowers_the_marking_unasked(window) -> None:
    from ui.template_actions import use_template

    b = make_sample()
    b.marking = "TLP:AMBER+STRICT"
    window.doc.replace(b)
    assert get_template("executive-one-pager").default_marking == "TLP:GREEN"
    assert use_template(window, "executive-one-pager")  # the user keeps AMBER+STRICT (default)
    assert window.dialogs.asked_lower_marking == [("TLP:AMBER+STRICT", "TLP:GREEN")]
    assert (window.doc.briefing.template, window.doc.briefing.marking) == ("executive-one-pager", "TLP:AMBER+STRICT")
    window.dialogs.lower_marking = True  # now the user explicitly lowers it
    assert use_template(window, "executive-one-pager")
    assert window.doc.briefing.marking == "TLP:GREEN"
    window.doc.undo_stack.undo()
    assert window.doc.briefing.marking == "TLP:AMBER+STRICT"
    window.dialogs.lower_marking = False
    assert use_template(window, "sitrep")  # TLP:AMBER is below AMBER+STRICT too: asked, kept
    assert window.doc.briefing.marking == "TLP:AMBER+STRICT"
    assert window.dialogs.asked_lower_marking[-1] == ("TLP:AMBER+STRICT", "TLP:AMBER")
