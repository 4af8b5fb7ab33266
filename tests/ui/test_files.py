"""Open, save, reopen, drop, bad files, recent files and closing with unsaved changes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from briefing import storage
from ui import file_actions
from ui.dialogs import Dialogs

from .conftest import REPO


def test_save_as_then_reopen_gives_an_equal_model(qtbot, window, make_window, sample_file, tmp_path) -> None:
    window.load_briefing(sample_file)
    table = window.cards.tables["quotes"]
    table.model.setData(table.model.index(0, 1), "Pentagon")
    assert window.isWindowModified()

    target = tmp_path / "out" / "edited.briefing"
    target.parent.mkdir()
    window.dialogs.save_path = str(target)
    window.save_as_action.trigger()
    assert target.exists()
    assert not window.isWindowModified()
    assert window.windowTitle() == f"edited.briefing[*] — {window.doc.briefing.marking} — Briefing Builder"
    assert window.doc.path == target

    other = make_window()
    assert other.load_briefing(target)
    assert other.doc.briefing == window.doc.briefing
    assert other.doc.briefing.quotes[0].speaker == "Pentagon"
    assert storage.load(target) == window.doc.briefing


def test_file_open_action_opens_the_chosen_briefing(window, sample, sample_file) -> None:
    window.dialogs.briefing_path = str(sample_file)
    window.open_action.trigger()
    assert window.doc.briefing == sample
    window.dialogs.briefing_path = None  # dialog cancelled: nothing changes
    window.open_action.trigger()
    assert window.doc.path == sample_file


def test_save_writes_to_the_open_file(window, sample_file) -> None:
    window.load_briefing(sample_file)
    window.cards.tables["forces"].model.setData(window.cards.tables["forces"].model.index(0, 0), "USA")
    window.save_action.trigger()
    assert storage.load(sample_file).forces[0].actor == "USA"
    assert window.dialogs.asked_save == []


def _drop(window, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    pos = QPointF(window.rect().center())
    enter = QDragEnterEvent(
        pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, drop)
    assert drop.isAccepted()


def test_dropping_a_briefing_file_opens_it(qtbot, window, sample, sample_file) -> None:
    _drop(window, sample_file)
    qtbot.waitUntil(lambda: window.doc.path == sample_file)
    assert window.doc.briefing == sample


def test_dropping_something_else_is_refused_politely(qtbot, window, tmp_path) -> None:
    odd = tmp_path / "photo.png"
    odd.write_bytes(b"\x89PNG")
    _drop(window, odd)
    qtbot.waitUntil(lambda: bool(window.dialogs.errors))
    assert "photo.png" in window.dialogs.errors[0][1]


def test_corrupt_file_shows_the_loader_message_and_the_app_keeps_running(
    window, sample_file, tmp_path
) -> None:
    window.load_briefing(sample_file)
    bad = tmp_path / "broken.briefing"
    bad.write_text('{"schema_version": 1, "title": ', "utf-8")
    assert not window.load_briefing(bad)
    _title, message = window.dialogs.errors[-1]
    assert "broken.briefing" in message
    assert "not valid JSON" in message
    # The open document is untouched and the window still works.
    assert window.doc.path == sample_file
    assert window.isVisible()
    window.cards.tables["forces"].add_action.trigger()
    assert len(window.doc.briefing.forces) == 4


def test_real_error_dialog_names_the_file(qtbot, window, tmp_path) -> None:
    """The production dialog (a QMessageBox), closed by a timer so the test cannot hang."""
    window.dialogs = Dialogs(window)
    bad = tmp_path / "invalid.briefing"
    bad.write_text('{"schema_version": 1, "forces": [{"strength": -5}]}', "utf-8")
    seen: list[str] = []

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.close()
        else:
            QTimer.singleShot(20, close_box)

    QTimer.singleShot(0, close_box)
    window.open_path(bad)
    assert len(seen) == 1
    assert "invalid.briefing" in seen[0]
    assert "forces[0].strength" in seen[0]
    assert window.isVisible()


def test_closing_with_unsaved_changes_asks(qtbot, window, sample_file) -> None:
    window.load_briefing(sample_file)
    window.cards.tables["places"].add_action.trigger()
    assert window.isWindowModified()

    window.dialogs.save_choice = "cancel"
    assert not window.close()
    assert window.isVisible()
    assert window.dialogs.asked_save == ["niger.briefing"]

    window.dialogs.save_choice = "save"
    assert window.close()
    assert len(storage.load(sample_file).places) == 2


def test_closing_and_discarding_leaves_the_file_alone(window, sample, sample_file) -> None:
    window.load_briefing(sample_file)
    window.cards.tables["places"].add_action.trigger()
    window.dialogs.save_choice = "discard"
    assert window.close()
    assert storage.load(sample_file) == sample


def test_opening_another_file_asks_about_unsaved_changes(window, sample_file, tmp_path) -> None:
    window.load_briefing(sample_file)
    window.cards.tables["places"].add_action.trigger()
    other = tmp_path / "other.briefing"
    storage.save(window.doc.briefing.model_copy(update={"title": "Other"}), other)
    window.dialogs.save_choice = "cancel"
    assert not window.load_briefing(other)
    assert window.doc.path == sample_file
    window.dialogs.save_choice = "discard"
    assert window.load_briefing(other)
    assert window.doc.briefing.title == "Other"


def test_recent_files_are_remembered_and_pruned(window, sample, tmp_path) -> None:
    paths = []
    for n in range(12):
        path = tmp_path / f"b{n}.briefing"
        storage.save(sample, path, touch=False)
        window.load_briefing(path)
        paths.append(path)
    recent = window.recent.paths()
    assert recent == [p.resolve() for p in reversed(paths)][:10]
    paths[11].unlink()
    assert window.recent.paths()[0] == paths[10].resolve()
    file_actions.fill_recent_menu(window)
    labels = [a.text() for a in window.recent_menu.actions() if a.text()]
    assert labels[0] == "&1 b10.briefing"
    assert len([a for a in labels if a.startswith("&")]) == 9


def test_window_geometry_and_splitter_are_remembered(qtbot, make_window) -> None:
    first = make_window()
    first.resize(700, 500)  # the offscreen screen is 800×600
    first.splitter.setSizes([300, 600, 0])
    sizes = first.splitter.sizes()
    first.close()
    second = make_window()
    assert (second.width(), second.height()) == (700, 500)
    assert second.splitter.sizes()[:2] == sizes[:2]


def test_about_shows_the_version(window) -> None:
    from briefing import __version__

    window.about_action.trigger()
    assert window.dialogs.abouts == [__version__]


def test_menus_use_standard_shortcuts(window) -> None:
    from PySide6.QtGui import QKeySequence

    assert window.save_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Save)
    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert [a.text() for a in window.menuBar().actions()] == ["&File", "&Edit", "&View", "&Help"]


def test_startup_imports_no_heavy_libraries() -> None:
    code = (
        "import sys, ui.app, ui.main_window;"
        "heavy = ('spacy', 'weasyprint', 'briefing.extract', 'briefing.render');"
        "heavy = [m for m in heavy if m in sys.modules];"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_file_dropped_on_a_card_table_or_the_source_opens_too(qtbot, window, sample, sample_file) -> None:
    """Sent through the window handle, as a real drag is: Qt routes it to the widget under it."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QDragMoveEvent

    window.cards.show_list("forces")
    for target in (window.cards.tables["forces"].view.viewport(), window.source_view.viewport()):
        window.doc.replace(type(sample)(), None)
        pos = QPointF(target.mapTo(window, QPoint(20, 20)))
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(sample_file))])
        args = (
            pos,
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        handle = window.windowHandle()
        for event in (QDragEnterEvent(*args), QDragMoveEvent(*args), QDropEvent(*args)):
            QApplication.sendEvent(handle, event)
        qtbot.waitUntil(lambda: window.doc.path == sample_file)
        assert window.doc.briefing == sample


def test_view_menu_toggles_panes_and_the_undo_history(window) -> None:
    source_action, _cards_action, preview_action, history_action = window.view_actions
    assert window.preview_area.isVisible()  # the live preview is shown by default
    preview_action.trigger()
    assert window.preview_area.isHidden()
    preview_action.trigger()
    assert window.preview_area.isVisible()
    source_action.trigger()
    assert not window.splitter.widget(0).isVisible()
    history_action.trigger()
    assert window.history.isVisible()
    assert window.history.widget().stack() is window.doc.undo_stack


def test_close_asks_about_unsaved_work_and_leaves_an_empty_briefing(qtbot, window, sample_file) -> None:
    from ui.commands import SetDetail

    window.load_briefing(sample_file)
    window.doc.push(SetDetail(window.doc, "title", "Edited, not saved"))
    window.dialogs.save_choice = "cancel"
    window.close_action.trigger()
    assert window.doc.briefing.title == "Edited, not saved"  # Cancel keeps everything
    window.dialogs.save_choice = "discard"
    window.close_action.trigger()
    assert window.doc.briefing.sources == [] and window.doc.path is None
    assert not window.doc.modified and not window.doc.undo_stack.canUndo()
    assert window.close_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Close)  # Ctrl+W here
