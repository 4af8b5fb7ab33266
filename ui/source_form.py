"""One source's metadata as a form: title, outlet, author, URL, dates and its Admiralty grade.

Every field commits on Return or when focus leaves it, through ``edited`` (the window turns that
into an undo command); the form shows the model and keeps no copy of its own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from briefing.citations import CREDIBILITY_WORDS, RELIABILITY_WORDS
from briefing.model import Source

#: Admiralty / NATO STANAG 2511 grades (../shared/design/CONVENTIONS.md), with their meanings:
#: the core's words (the printed source list uses them too), capitalised for the form
RELIABILITY: dict[str, str] = {code: words.capitalize() for code, words in RELIABILITY_WORDS.items()}
CREDIBILITY: dict[str, str] = {code: words.capitalize() for code, words in CREDIBILITY_WORDS.items()}
TEXT_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("title", "Headli&ne:", "The article's headline (its title in the briefing's list of sources)"),
    ("outlet", "Out&let:", "Who published it: a newspaper, agency, broadcaster, blog…"),
    ("author", "A&uthor:", "Who wrote it"),
    ("url", "U&RL:", "Where it can be read again"),
)
DATE_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("date", "&Published:", "The publication date, YYYY-MM-DD: relative dates in the text "
     "(“on Friday”) are read against it, so entering it re-dates this source's timeline"),
    ("accessed", "A&ccessed:", "When you read or fetched it, YYYY-MM-DD (citations give both dates)"),
)


def grade(source: Source) -> str:
    """"B2", "B", "2" or "" (graded independently, written together)."""
    return f"{source.reliability}{source.credibility}"


def parse_date(text: str) -> dt.date | None:
    """Empty → None; otherwise YYYY-MM-DD, or ValueError with a reason a person reads."""
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date: write it as YYYY-MM-DD, e.g. 2024-04-12") from None


class SourceForm(QWidget):
    #: the analyst changed a field: (source id, field name, new value)
    edited = Signal(str, str, object)
    #: an entry was refused; the message is for the status bar
    rejected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source_id: str | None = None
        form = QFormLayout(self)
        form.setContentsMargins(6, 4, 6, 4)
        self.fields: dict[str, QLineEdit] = {}
        for field, label, tip in (*TEXT_FIELDS, *DATE_FIELDS):
            editor = QLineEdit(self)
            editor.setAccessibleName(label.replace("&", "").rstrip(":"))
            editor.setToolTip(tip)
            if field in ("date", "accessed"):
                editor.setPlaceholderText("YYYY-MM-DD")
                editor.setMaximumWidth(editor.fontMetrics().horizontalAdvance("0000-00-00MMMM"))
            editor.editingFinished.connect(lambda f=field: self._commit_text(f))
            self.fields[field] = editor
            if field not in ("date", "accessed"):
                form.addRow(label, editor)
        # the two dates share a row: short values, and they are read together in a citation
        dates = QHBoxLayout()
        dates.addWidget(self.fields["date"])
        dates.addSpacing(12)
        accessed = QLabel("A&ccessed:", self)
        accessed.setBuddy(self.fields["accessed"])
        dates.addWidget(accessed)
        dates.addWidget(self.fields["accessed"])
        dates.addStretch(1)
        published = QLabel("&Published:", self)
        published.setBuddy(self.fields["date"])
        form.addRow(published, dates)
        self.reliability = self._grade_combo(
            "reliability", RELIABILITY, "Source reliability (Admiralty A–F)", "A–F"
        )
        self.credibility = self._grade_combo(
            "credibility", CREDIBILITY, "Information credibility (Admiralty 1–6)", "1–6"
        )
        # the Admiralty grade's two halves, each on its labelled row: two unlabelled boxes side
        # by side, both "not graded", did not say which was which
        for text, combo in (("Rel&iability:", self.reliability), ("Cre&dibility:", self.credibility)):
            label = QLabel(text, self)
            label.setBuddy(combo)
            label.setToolTip(combo.accessibleName())
            form.addRow(label, combo)
        self.show_source(None)

    def _grade_combo(self, field: str, meanings: dict[str, str], name: str, unset: str) -> QComboBox:
        combo = QComboBox(self)
        # the popup shows each meaning in full; the closed box needs no more than "B — Usually…",
        # so a narrow cards pane keeps its width
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(18)  # "— not graded (A–F)" whole
        combo.setAccessibleName(name)
        combo.setToolTip(f"{name}: not graded yet until you choose")
        combo.addItem(f"— not graded ({unset})", "")
        for code, meaning in meanings.items():
            combo.addItem(f"{code} — {meaning}", code)
            combo.setItemData(combo.count() - 1, f"{code}: {meaning}", Qt.ItemDataRole.ToolTipRole)
        combo.activated.connect(lambda _i, f=field, c=combo: self._emit(f, c.currentData()))
        return combo

    # ----- showing ----------------------------------------------------------------------------
    def show_source(self, source: Source | None) -> None:
        self.source_id = source.id if source else None
        self.setEnabled(source is not None)
        for field, editor in self.fields.items():
            value = getattr(source, field) if source else None
            text = value.isoformat() if isinstance(value, dt.date) else (value or "")
            if editor.text() != text:
                editor.setText(text)
                editor.setCursorPosition(0)
        for combo, field in ((self.reliability, "reliability"), (self.credibility, "credibility")):
            code = getattr(source, field) if source else ""
            index = combo.findData(code)
            combo.setCurrentIndex(index if index >= 0 else 0)
            meaning = (RELIABILITY if field == "reliability" else CREDIBILITY).get(code, "not graded")
            combo.setToolTip(f"{combo.accessibleName()}: {meaning}")

    # ----- editing ----------------------------------------------------------------------------
    def _commit_text(self, field: str) -> None:
        if self.source_id is None:
            return
        text = self.fields[field].text()
        value: Any = " ".join(text.split())
        if field in ("date", "accessed"):
            try:
                value = parse_date(text)
            except ValueError as exc:
                self.rejected.emit(str(exc))
                return
        self._emit(field, value)

    def _emit(self, field: str, value: Any) -> None:
        if self.source_id is not None:
            self.edited.emit(self.source_id, field, value)
