"""Python indices (code points) ↔ Qt positions (UTF-16 units)."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument

from ui.text_offsets import py_to_qt, qt_to_py


def test_round_trip_with_emoji_and_flags() -> None:
    text = "🇳🇪 Niger 😀: “We will leave,” he said. é ok"
    document = QTextDocument(text)
    for index in range(len(text) + 1):
        position = py_to_qt(text, index)
        assert qt_to_py(text, position) == index
    # Qt finds the same words at the position we compute.
    found = document.find("We will leave")
    assert qt_to_py(text, found.selectionStart()) == text.index("We will leave")
    assert qt_to_py(text, found.selectionEnd()) == text.index("We will leave") + len("We will leave")


def test_plain_ascii_is_identity() -> None:
    text = "plain text"
    assert [py_to_qt(text, i) for i in range(len(text) + 1)] == list(range(len(text) + 1))
