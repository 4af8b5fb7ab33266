"""Convert between Python string indices (code points) and Qt text positions (UTF-16 units).

``Span`` offsets index the Python ``str`` of a source; ``QTextCursor`` positions count
UTF-16 code units, so every character outside the Basic Multilingual Plane (most emoji)
shifts Qt positions by one more than Python indices.  Converting at the boundary keeps
evidence spans exact.
"""

from __future__ import annotations


def py_to_qt(text: str, index: int) -> int:
    """Qt position of Python index ``index`` in ``text``."""
    prefix = text[: max(0, index)]
    return len(prefix) + sum(1 for ch in prefix if ord(ch) > 0xFFFF)


def qt_to_py(text: str, position: int) -> int:
    """Python index of Qt position ``position`` in ``text`` (a position inside a surrogate
    pair rounds down to the start of that character)."""
    units = 0
    for index, ch in enumerate(text):
        width = 2 if ord(ch) > 0xFFFF else 1
        if units + width > position:
            return index
        units += width
    return len(text)
