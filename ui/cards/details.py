"""Briefing details: title, author, organisation and handling marking (the Sources panel below
them is ``ui.sources_panel``)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QWidget

from briefing.model import TLP_LABELS, normalise_marking

from ..commands import SetDetail
from ..document import BriefingDocument
from .bound import BoundLineEdit


class MarkingCombo(QComboBox):
    """The five TLP 2.0 labels, or any classification line typed in."""

    rejected = Signal(str)

    def __init__(self, doc: BriefingDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItems(TLP_LABELS)
        self.setAccessibleName("Handling marking")
        self.setToolTip(
            "A TLP 2.0 label, or type a classification line such as “UNCLASSIFIED // FOR OFFICIAL USE ONLY”"
        )
        self.activated.connect(lambda _i: self.commit())
        line = self.lineEdit()
        assert line is not None
        line.editingFinished.connect(self.commit)
        doc.detailChanged.connect(lambda path: path == "marking" and self.refresh())
        doc.reset.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        if self.currentText() != self.doc.briefing.marking:
            self.setCurrentText(self.doc.briefing.marking)

    def commit(self) -> None:
        text = self.currentText()
        try:
            value = normalise_marking(text)
        except ValueError as exc:
            self.rejected.emit(str(exc))
            self.refresh()
            return
        if value != self.doc.briefing.marking:
            self.doc.push(SetDetail(self.doc, "marking", value))
        self.refresh()


class DetailsEditor(QWidget):
    message = Signal(str)

    def __init__(self, doc: BriefingDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.title = BoundLineEdit(doc, "title", self)
        self.title.setAccessibleName("Title")
        self.title.setPlaceholderText("Briefing title")
        self.author = BoundLineEdit(doc, "author", self)
        self.author.setAccessibleName("Author")
        self.organisation = BoundLineEdit(doc, "organisation", self)
        self.organisation.setAccessibleName("Organisation")
        self.marking = MarkingCombo(doc, self)

        form = QFormLayout(self)
        form.addRow("&Title:", self.title)
        form.addRow("&Author:", self.author)
        form.addRow("&Organisation:", self.organisation)
        form.addRow("Handlin&g:", self.marking)  # Alt+H is the Help menu
        self.form = form  # the window adds the Sources panel below (ui.sources_panel)
        for widget in (self.title, self.author, self.organisation, self.marking):
            widget.rejected.connect(self.message)
