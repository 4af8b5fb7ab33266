"""Several articles dropped at once: one question, then every article is used (not just the
first).  Real extraction on short articles written here."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from .test_sources import FIRST, SECOND, _open_first, _wait

THIRD = """Kalmar residents flee

Hundreds of residents left Kalmar by boat on Thursday, a local radio station reported.
"There is no bread left in the market," one fisherman said.
"""


@pytest.fixture
def three(tmp_path: Path) -> list[Path]:
    paths = []
    for name, text in (("kalmar-a.txt", FIRST), ("kalmar-b.txt", SECOND), ("kalmar-c.txt", THIRD)):
        path = tmp_path / name
        path.write_text(text, "utf-8")
        paths.append(path)
    return paths


def _drop_many(window, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = QPointF(window.rect().center())
    args = (pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(*args)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(*args)
    QApplication.sendEvent(window, drop)
    assert drop.isAccepted()


def test_dropping_two_articles_on_an_open_briefing_asks_once_and_adds_both(qtbot, window, three) -> None:
    _open_first(qtbot, window, three[0])
    window.dialogs.drop_action = "source"
    _drop_many(window, three[1:])
    qtbot.waitUntil(lambda: window.dialogs.asked_drop_counts == [2])
    assert window.dialogs.asked_drop == ["kalmar-b.txt"]  # the question names the first
    _wait(qtbot, window)
    assert [s.file_name for s in window.doc.briefing.sources] == ["kalmar-a.txt", "kalmar-b.txt", "kalmar-c.txt"]
    assert window.dialogs.asked_drop_counts == [2]  # asked once, not once per file
    # each added source is its own undo step, as Add Source… with several files
    window.doc.undo_stack.undo()
    assert len(window.doc.briefing.sources) == 2


def test_cancelling_a_drop_of_several_adds_nothing(qtbot, window, three) -> None:
    _open_first(qtbot, window, three[0])
    window.dialogs.drop_action = "cancel"
    _drop_many(window, three[1:])
    qtbot.waitUntil(lambda: window.dialogs.asked_drop_counts == [2])
    assert not window.busy
    assert len(window.doc.briefing.sources) == 1


def test_a_new_briefing_from_the_first_takes_the_others_as_its_sources(qtbot, window, three) -> None:
    _open_first(qtbot, window, three[2])  # an unrelated briefing is open
    window.dialogs.drop_action = "new"
    _drop_many(window, three[:2])
    qtbot.waitUntil(lambda: window.dialogs.asked_drop_counts == [2])
    _wait(qtbot, window)
    assert [s.file_name for s in window.doc.briefing.sources] == ["kalmar-a.txt", "kalmar-b.txt"]
    # the new briefing's history starts with the added source: undo leaves the first article
    assert window.doc.undo_stack.count() == 1


def test_several_articles_dropped_on_an_empty_window_make_one_briefing(qtbot, window, three) -> None:
    _drop_many(window, three)
    qtbot.waitUntil(lambda: window.busy or len(window.doc.briefing.sources) == 3)
    _wait(qtbot, window)
    assert window.dialogs.asked_drop_counts == []  # nothing open to add to: no question
    assert [s.file_name for s in window.doc.briefing.sources] == ["kalmar-a.txt", "kalmar-b.txt", "kalmar-c.txt"]


def test_a_dropped_briefing_file_still_opens_without_a_question(qtbot, window, sample_file) -> None:
    _drop_many(window, [sample_file])
    qtbot.waitUntil(lambda: window.doc.path == sample_file)
    assert window.dialogs.asked_drop_counts == []


def test_a_briefing_file_dropped_among_articles_is_named_not_lost(qtbot, window, three, sample_file) -> None:
    _open_first(qtbot, window, three[0])
    window.dialogs.drop_action = "cancel"
    _drop_many(window, [three[1], sample_file])
    qtbot.waitUntil(lambda: window.dialogs.asked_drop_counts == [1])  # one article: asked about it
    assert window.statusBar().currentMessage() == "Not articles, left out: niger.briefing"
    assert len(window.doc.briefing.sources) == 1
