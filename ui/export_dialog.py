"""Export dialog: file, template, paper size, handling marking, PDF, Word or self-contained HTML.

Word templates (``kind = "docx"``) make .docx files only, so the template list follows the
format: with Word chosen it offers every template (an HTML template gives the built-in Word
layout in its card order, a Word template fills the organisation's own .docx); with PDF or HTML
it leaves the Word templates out rather than offer an export that can only fail.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from briefing.model import TLP_LABELS

FILTERS = {"pdf": "PDF documents (*.pdf)", "docx": "Word documents (*.docx)", "html": "Web pages (*.html)"}


@dataclass
class ExportOptions:
    path: str
    template: str
    page_size: str = "A4"
    marking: str = "TLP:CLEAR"
    format: str = "pdf"  # or "docx", "html"
    open_when_done: bool = False


class ExportDialog(QDialog):
    def __init__(
        self,
        options: ExportOptions,
        templates: list[tuple[str, str]] | list[tuple[str, str, str]],
        parent: QWidget | None = None,
    ):
        """``templates``: (name, title) or (name, title, kind) with kind "html" or "docx"."""
        super().__init__(parent)
        self.setWindowTitle("Export Briefing")
        self.path = QLineEdit(options.path, self)
        self.path.setAccessibleName("File name")
        # room for a real folder path, not just "briefing.pdf"
        self.path.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 32)
        browse = QPushButton("Browse…", self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.template = QComboBox(self)
        self.template.setAccessibleName("Template")
        self.template.setToolTip(
            "For Word, an HTML template gives the built-in layout in its card order; "
            "a Word template fills its own .docx"
        )
        self._templates = [(t[0], t[1], t[2] if len(t) > 2 else "html") for t in templates]
        self._wanted = options.template
        self.page_size = QComboBox(self)
        self.page_size.setAccessibleName("Paper size")
        self.page_size.addItem("A4", "A4")
        self.page_size.addItem("US Letter", "Letter")
        self.page_size.setCurrentIndex(max(0, self.page_size.findData(options.page_size)))
        self.marking = QComboBox(self, editable=True)
        self.marking.setAccessibleName("Handling marking")
        self.marking.setToolTip("A TLP 2.0 label, or type a classification line")
        self.marking.addItems(list(TLP_LABELS))
        self.marking.setCurrentText(options.marking)
        self.format = QComboBox(self)
        self.format.setAccessibleName("Format")
        self.format.addItem("PDF document", "pdf")
        self.format.addItem("Word document (.docx)", "docx")
        self.format.addItem("Web page (self-contained HTML)", "html")
        chosen_kind = next((k for n, _t, k in self._templates if n == options.template), "html")
        wanted_format = "docx" if chosen_kind == "docx" else options.format  # a Word template: Word
        self.format.setCurrentIndex(max(0, self.format.findData(wanted_format)))
        self._fill_templates()
        self.format.currentIndexChanged.connect(self._fix_suffix)
        self.format.currentIndexChanged.connect(self._fill_templates)
        self.template.activated.connect(lambda _i: setattr(self, "_wanted", self.template.currentData()))
        self.template.currentIndexChanged.connect(self._follow_template)
        self._follow_template()
        self.open_when_done = QCheckBox("Open the file when done", self)
        self.open_when_done.setChecked(options.open_when_done)

        form = QFormLayout(self)
        # a row holding a layout gets no buddy from addRow: without one, "&File:" shows its "&"
        file_label = QLabel("&File:", self)
        file_label.setBuddy(self.path)
        form.addRow(file_label, row)
        # the format first: it decides which templates fit and the file's suffix
        form.addRow("F&ormat:", self.format)
        form.addRow("&Template:", self.template)
        form.addRow("&Paper size:", self.page_size)
        form.addRow("&Handling:", self.marking)  # the Details tab's word for it
        form.addRow("", self.open_when_done)
        self._fix_suffix()  # a Word template chosen for a ".pdf" path: the path follows the format
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _fill_templates(self) -> None:
        """The templates the chosen format can use; the user's pick is kept when it still fits."""
        word = self.format.currentData() == "docx"
        self.template.clear()
        titles = [title for _n, title, _k in self._templates]
        for name, title, kind in self._templates:
            if kind == "docx" and not word:
                continue
            label = f"{title} ({name})" if titles.count(title) > 1 else title  # two alike: say which
            self.template.addItem(f"{label} (Word template)" if kind == "docx" else label, name)
        self.template.setCurrentIndex(max(0, self.template.findData(self._wanted)))

    def _follow_template(self) -> None:
        """A Word template keeps its own page setup: the paper size is then not ours to choose."""
        kinds = {name: kind for name, _title, kind in self._templates}
        word = kinds.get(self.template.currentData()) == "docx"
        self.page_size.setEnabled(not word)
        self.page_size.setToolTip("The Word template's own page setup is kept" if word else "")

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Export To", self.path.text(), FILTERS.get(self.format.currentData(), FILTERS["pdf"]),
            # the export itself asks before replacing a file: one question, whichever way the path came
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if name:
            self.path.setText(name)
            self._fix_suffix()

    def _fix_suffix(self) -> None:
        text = self.path.text().strip()
        if text:
            self.path.setText(str(Path(text).with_suffix("." + self.format.currentData())))

    def options(self) -> ExportOptions:
        return ExportOptions(
            path=self.path.text().strip(),
            template=self.template.currentData(),
            page_size=self.page_size.currentData(),
            marking=self.marking.currentText().strip(),
            format=self.format.currentData(),
            open_when_done=self.open_when_done.isChecked(),
        )
