"""Add Source from Pasted Text…: a box for the article's text (the clipboard's, to start with)
and an optional title; the other metadata is filled in the Sources list (Details tab)
afterwards."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class PasteSourceDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add Source from Pasted Text")
        self.title = QLineEdit(self)
        self.title.setPlaceholderText("Optional: the article's headline")
        self.title.setAccessibleName("Headline")
        self.text = QPlainTextEdit(self)
        self.text.setAccessibleName("Article text")
        self.text.setPlaceholderText("Paste the article's text here (Ctrl+V)")
        self.text.setPlainText(QGuiApplication.clipboard().text())
        self.text.setTabChangesFocus(True)  # Tab leaves the text for the buttons, as in a form
        hint = QLabel(
            "Outlet, author, URL, dates and the Admiralty grade can be filled in the Sources list "
            "of the Details tab; "
            "entering the published date there re-reads this article's relative dates.",
            self,
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Add Source")
        ok.setEnabled(bool(self.text.toPlainText().strip()))
        self.text.textChanged.connect(lambda: ok.setEnabled(bool(self.text.toPlainText().strip())))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("&Headline:", self.title)  # the Sources list's word for it
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.text, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(em * 45, em * 32)
        # Enter is a new line in the text: Ctrl+Enter adds the source, as in a mail composer
        ok.setToolTip("Add the text as a source (Ctrl+Enter)")
        QShortcut(QKeySequence("Ctrl+Return"), self, lambda: ok.isEnabled() and self.accept())
        QShortcut(QKeySequence("Ctrl+Enter"), self, lambda: ok.isEnabled() and self.accept())
        # nothing on the clipboard: the cursor waits in the text; text already there: in the title
        (self.title if self.text.toPlainText().strip() else self.text).setFocus()
