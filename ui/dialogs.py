"""Every question the window asks the user, in one replaceable object.

The window calls ``self.dialogs.<method>``; tests swap in an object with the same methods
that answers at once, so no modal dialog is ever left open in a test run.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

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

    def ask_url(self, suggested: str = "") -> str | None:
        """The web address of an article (the clipboard's, when it holds one, is offered)."""
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        text, ok = QInputDialog.getText(
            self.parent,
            "Open URL",
            "Web address of the article (http or https); it is fetched once, now:",
            QLineEdit.EchoMode.Normal,
            suggested,
        )
        return text.strip() if ok and text.strip() else None

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

        dialog = ExportDialog(options, [(t.name, t.title) for t in list_templates()], self.parent)
        if dialog.exec() != ExportDialog.DialogCode.Accepted:
            return None
        chosen = dialog.options()
        return chosen if chosen.path else None

    def about(self, version: str) -> None:
        QMessageBox.about(
            self.parent,
            "About Briefing Builder",
            f"<h3>Briefing Builder {version}</h3>"
            "<p>Turn a news article into an editable, sourced intelligence briefing.</p>"
            "<p>Every fact card keeps the passages of the article it was read from.</p>",
        )
