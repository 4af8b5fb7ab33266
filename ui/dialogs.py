"""Every question the window asks the user, in one replaceable object.

The window calls ``self.dialogs.<method>``; tests swap in an object with the same methods
that answers at once, so no modal dialog is ever left open in a test run.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget

SaveChoice = Literal["save", "discard", "cancel"]


class Dialogs:
    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def ask_save_changes(self, name: str) -> SaveChoice:
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Unsaved changes")
        box.setText(f"Save the changes to “{name}”?")
        box.setInformativeText("Your changes will be lost if you don’t save them.")
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return "save"
        if answer == QMessageBox.StandardButton.Discard:
            return "discard"
        return "cancel"

    def ask_restore(self, original: Path | None, saved_at: float) -> bool:
        when = dt.datetime.fromtimestamp(saved_at).strftime("%Y-%m-%d %H:%M")
        name = original.name if original else "an unsaved briefing"
        answer = QMessageBox.question(
            self.parent,
            "Restore unsaved work?",
            f"Briefing Builder did not close properly last time.\n\n"
            f"Restore the changes to {name} autosaved at {when}?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes

    def show_error(self, title: str, message: str) -> None:
        QMessageBox.warning(self.parent, title, message)

    def confirm_lower_marking(
        self, current: str, proposed: str, source: str = "The template’s marking"
    ) -> bool:
        """Ask before a template or an export lowers the handling marking; keeping it is the default."""
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Lower the handling marking?")
        box.setText(f"{source} {proposed} is lower than this briefing’s {current}.")
        box.setInformativeText(f"Keep {current}, or lower the briefing to {proposed}?")
        keep = box.addButton(f"Keep {current}", QMessageBox.ButtonRole.RejectRole)
        lower = box.addButton(f"Lower to {proposed}", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is lower

    def confirm_overwrite(self, path: Path) -> bool:
        """Replace an existing file?  No is the default, as in every desktop app."""
        answer = QMessageBox.question(
            self.parent,
            "Replace file?",
            f"{path.name} already exists in {path.parent}.\n\nReplace it?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def choose_article(self, suffixes: tuple[str, ...], start: str = "") -> str | None:
        patterns = " ".join(f"*{s}" for s in suffixes)
        name, _ = QFileDialog.getOpenFileName(
            self.parent,
            "New Briefing from Article",
            start,
            f"Articles ({patterns});;Text (*.txt *.md);;Web pages (*.html *.htm);;PDF (*.pdf);;"
            "Word (*.docx);;All files (*)",
        )
        return name or None

    def choose_sources(self, suffixes: tuple[str, ...], start: str = "") -> list[str]:
        """Articles to add as sources (several at once are extracted one after another)."""
        patterns = " ".join(f"*{s}" for s in suffixes)
        names, _ = QFileDialog.getOpenFileNames(
            self.parent,
            "Add Source",
            start,
            f"Articles ({patterns});;Text (*.txt *.md *.markdown);;Web pages (*.html *.htm);;All files (*)",
        )
        return list(names)

    def ask_pasted_source(self) -> tuple[str, str] | None:
        """(text, title) for Add Source from Pasted Text…, or None when cancelled."""
        from .paste_source_dialog import PasteSourceDialog

        dialog = PasteSourceDialog(self.parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.text.toPlainText(), dialog.title.text().strip()

    def ask_drop_action(self, name: str, count: int = 1) -> Literal["source", "new", "cancel"]:
        """Articles dropped on an open briefing: more sources, or a briefing of their own?
        ``count`` > 1: several were dropped, ``name`` is the first (a new briefing starts from it)."""
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Question)
        if count > 1:
            box.setWindowTitle("Add the articles?")
            box.setText(f"Add the {count} dropped articles to this briefing as sources?")
            box.setInformativeText(
                f"Or start a new briefing from the first, “{name}”, with the others as its sources."
            )
            add = box.addButton(f"&Add {count} as Sources", QMessageBox.ButtonRole.AcceptRole)
            new = box.addButton("&New Briefing from the First", QMessageBox.ButtonRole.ActionRole)
        else:
            box.setWindowTitle("Add the article?")
            box.setText(f"Add “{name}” to this briefing as a source, or start a new briefing from it?")
            add = box.addButton("&Add as Source", QMessageBox.ButtonRole.AcceptRole)
            new = box.addButton("&New Briefing", QMessageBox.ButtonRole.ActionRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(add)
        box.setEscapeButton(cancel)
        box.exec()
        return {add: "source", new: "new"}.get(box.clickedButton(), "cancel")

    def ask_orphans(self, source: str, count: int) -> Literal["delete", "keep", "cancel"]:
        """Removing a source: what becomes of the items only it supports?"""
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Remove Source")  # the command's name, as the menu says it
        items = "1 item" if count == 1 else f"{count} items"
        box.setText(f"{items} in this briefing come only from source {source}.")
        box.setInformativeText(
            "Delete them with the source, or keep them as your own items (without evidence)?"
        )
        delete = box.addButton("Delete Them", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("Keep as My Own Items", QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(keep)
        box.setEscapeButton(cancel)
        box.exec()
        return {delete: "delete", keep: "keep"}.get(box.clickedButton(), "cancel")

    def ask_own_value(self, field: str, current: str) -> str | None:
        """The analyst's own value for a conflicting field, or None when cancelled."""
        text, ok = QInputDialog.getText(
            self.parent, "Write My Own Value", f"{field.replace('_', ' ').capitalize()}:", text=current
        )
        return text if ok else None

    def ask_url(self, suggested: str = "") -> str | None:
        """The web address of an article (the clipboard's, when it holds one, is offered)."""
        dialog = QInputDialog(self.parent)
        dialog.setWindowTitle("Open URL")
        dialog.setLabelText("Web address of the article (http or https); it is fetched once, now:")
        dialog.setTextValue(suggested)
        dialog.setOkButtonText("&Open")  # says what happens, as the File menu item does
        # room for a real article address, not just a domain
        dialog.resize(max(dialog.sizeHint().width(), dialog.fontMetrics().horizontalAdvance("M") * 40), 0)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        text = dialog.textValue().strip()
        return text or None

    def choose_briefing(self, start: str = "") -> str | None:
        name, _ = QFileDialog.getOpenFileName(
            self.parent,
            "Open Briefing",
            start,
            "Briefings (*.briefing *.pdf *.docx);;Briefing files (*.briefing);;Exported PDFs (*.pdf);;"
            "Exported Word documents (*.docx);;All files (*)",
        )
        return name or None

    def choose_save_path(self, suggested: str) -> str | None:
        name, _ = QFileDialog.getSaveFileName(
            self.parent, "Save Briefing As", suggested, "Briefings (*.briefing)"
        )
        if name and not name.endswith(".briefing"):
            name += ".briefing"
        return name or None

    def choose_export(self, options):
        """The export dialog; returns the chosen ``ExportOptions`` or None when cancelled."""
        from briefing.templates import list_templates

        from .export_dialog import ExportDialog

        templates = [(t.name, t.title, t.kind) for t in list_templates()]
        dialog = ExportDialog(options, templates, self.parent)
        if dialog.exec() != ExportDialog.DialogCode.Accepted:
            return None
        chosen = dialog.options()
        return chosen if chosen.path else None

    def show_shortcuts(self, rows: list[tuple[str, str, str]]) -> None:
        """Help ▸ Keyboard Shortcuts: (menu, command, keys) in a read-only table; Esc closes."""
        from PySide6.QtWidgets import (
            QDialogButtonBox,
            QHeaderView,
            QTableWidget,
            QTableWidgetItem,
            QVBoxLayout,
        )

        dialog = QDialog(self.parent)
        dialog.setWindowTitle("Keyboard Shortcuts")
        table = QTableWidget(len(rows), 3, dialog)
        table.setHorizontalHeaderLabels(["Menu", "Command", "Keys"])
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 6)  # compact rows
        table.setWordWrap(False)
        table.setAlternatingRowColors(True)
        for row, values in enumerate(rows):
            for col, value in enumerate(values):
                table.setItem(row, col, QTableWidgetItem(value))
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(table)
        layout.addWidget(buttons)
        em = dialog.fontMetrics().horizontalAdvance("M")
        dialog.resize(em * 46, em * 44)
        dialog.exec()

    def about(self, version: str) -> None:
        QMessageBox.about(
            self.parent,
            "About Briefing Builder",
            f"<h3>Briefing Builder {version}</h3>"
            "<p>Turn a news article into an editable, sourced intelligence briefing.</p>"
            "<p>Every fact card keeps the passages of the article it was read from.</p>",
        )
