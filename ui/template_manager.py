"""Template manager: every template with a first-page thumbnail; rename, duplicate, delete,
import from and export to ``.zip``, and import a Word ``.docx`` with docxtpl tags as a Word
template.  A Word template's thumbnail is the render worker's sketch of the filled document
(``briefing.word_preview``): LibreOffice, which could draw the real page, is not something the
app may count on.

Nothing slow runs on the GUI thread.  Thumbnails come from a render worker process (the same
``briefing.render_worker`` the preview uses: WeasyPrint holds the GIL, so it cannot share our
process) and are rasterised with QtPdf on the thread pool.  An import runs the CLI in a child
process because it test-renders the template.  A broken template is listed with its error.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import (
    QProcess,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from briefing.errors import TemplateError
from briefing.model import Briefing
from briefing.templates import BrokenTemplate, Template, scan_templates

from .thumbnails import THUMB, ThumbnailRenderer, child_env

NAME_ROLE = Qt.ItemDataRole.UserRole


def _key(t: Template | BrokenTemplate) -> tuple[str, str, int]:
    """Changes when the template's files change: thumbnails are re-rendered only then."""
    try:
        stamp = max((p.stat().st_mtime_ns for p in t.folder.rglob("*")), default=0)
    except OSError:
        stamp = 0
    return t.name, str(t.folder), stamp


class Prompts:
    """The questions the manager asks; tests replace it with answers given in advance."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def text(self, title: str, label: str, default: str = "") -> str | None:
        value, ok = QInputDialog.getText(self.parent, title, label, text=default)
        return value.strip() if ok and value.strip() else None

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self.parent, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def open_zip(self) -> str | None:
        name, _ = QFileDialog.getOpenFileName(
            self.parent,
            "Import Template",
            "",
            "Templates (*.zip *.docx);;Template archives (*.zip);;Word templates with tags (*.docx)",
        )
        return name or None

    def save_zip(self, suggested: str) -> str | None:
        name, _ = QFileDialog.getSaveFileName(
            self.parent, "Export Template", suggested, "Template archives (*.zip)"
        )
        if name and not name.lower().endswith(".zip"):
            name += ".zip"
        return name or None

    def error(self, title: str, message: str) -> None:
        QMessageBox.warning(self.parent, title, message)


def _framed(image: QImage) -> QPixmap:
    """The page thumbnail with a thin grey edge: a white page on the list's white ground showed
    no edge, so a page with little on it looked cut off."""
    pixmap = QPixmap.fromImage(image)
    painter = QPainter(pixmap)
    painter.setPen(QColor(150, 150, 150))
    painter.drawRect(0, 0, pixmap.width() - 1, pixmap.height() - 1)
    painter.end()
    return pixmap


class TemplateManager(QDialog):
    """The list of templates, their thumbnails and what can be done with each."""

    changed = Signal()  # templates were added, renamed or removed
    imported = Signal(str)  # name of an imported template (or "" when the import failed)

    def __init__(self, sample: Briefing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Templates")
        self.sample = sample
        self.prompts = Prompts(self)
        self.entries: dict[str, Template | BrokenTemplate] = {}
        self.thumbnails: dict[tuple, QImage] = {}
        self.errors: dict[str, str] = {}  # render errors by template name
        self.renderer = ThumbnailRenderer(self)
        self.renderer.ready.connect(self._thumbnail_ready)
        self.renderer.failed.connect(self._thumbnail_failed)
        self._import: QProcess | None = None

        self.list = QListWidget(self)
        self.list.setAccessibleName("Templates")
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setIconSize(THUMB)
        self.list.setGridSize(QSize(THUMB.width() + 40, THUMB.height() + 50))
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setMovement(QListWidget.Movement.Static)
        self.list.setWordWrap(True)
        self.list.currentItemChanged.connect(lambda *_: self._update_details())
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setAccessibleName("Template details")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)  # under the buttons

        self.rename_button = QPushButton("&Rename…", self)
        self.duplicate_button = QPushButton("D&uplicate…", self)
        self.delete_button = QPushButton("&Delete", self)
        self.import_button = QPushButton("&Import…", self)
        self.import_button.setToolTip("Import a template archive (.zip) or a Word document with tags (.docx)")
        self.export_button = QPushButton("&Export .zip…", self)
        self.rename_button.clicked.connect(lambda: self.rename_selected())
        self.duplicate_button.clicked.connect(lambda: self.duplicate_selected())
        self.delete_button.clicked.connect(lambda: self.delete_selected())
        self.import_button.clicked.connect(lambda: self.import_zip())
        self.export_button.clicked.connect(lambda: self.export_selected())
        side = QVBoxLayout()
        for button in (
            self.rename_button,
            self.duplicate_button,
            self.delete_button,
            self.import_button,
            self.export_button,
        ):
            side.addWidget(button)
        side.addWidget(self.details, 1)
        body = QHBoxLayout()
        body.addWidget(self.list, 3)
        body.addLayout(side, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self.resize(900, 560)
        self.finished.connect(lambda _r: self.shutdown())
        self.refresh()

    # ----- listing ------------------------------------------------------------------------
    def refresh(self, select: str | None = None) -> None:
        """Re-read the store; keep thumbnails of unchanged templates, render the others."""
        current = select or self.selected_name()
        self.list.clear()
        self.entries = {}
        for entry in scan_templates():
            self.entries[entry.name] = entry
            kind = "built-in" if entry.builtin else "user"
            if isinstance(entry, BrokenTemplate):
                item = QListWidgetItem(f"{entry.name}\n(broken)")
                item.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
            else:
                item = QListWidgetItem(f"{entry.title}\n({kind}{', Word' if entry.is_word else ''})")
                image = self.thumbnails.get(_key(entry))
                if image is not None and not image.isNull():
                    item.setIcon(QIcon(_framed(image)))
                elif entry.name not in self.errors:
                    self.renderer.request(_key(entry), self.sample, entry.name)
            item.setData(NAME_ROLE, entry.name)
            item.setToolTip(getattr(entry, "error", "") or getattr(entry, "description", ""))
            self.list.addItem(item)
            if entry.name == current:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self._update_details()

    def names(self) -> list[str]:
        return [self.list.item(i).data(NAME_ROLE) for i in range(self.list.count())]

    def selected_name(self) -> str | None:
        item = self.list.currentItem() if hasattr(self, "list") else None
        return item.data(NAME_ROLE) if item is not None else None

    def select(self, name: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(NAME_ROLE) == name:
                self.list.setCurrentRow(i)

    def _item(self, name: str) -> QListWidgetItem | None:
        for i in range(self.list.count()):
            if self.list.item(i).data(NAME_ROLE) == name:
                return self.list.item(i)
        return None

    def _thumbnail_ready(self, key: tuple, image: QImage) -> None:
        self.thumbnails[key] = image
        item = self._item(key[0])
        entry = self.entries.get(key[0])
        if item is not None and entry is not None and _key(entry) == key and not image.isNull():
            item.setIcon(QIcon(_framed(image)))

    def _thumbnail_failed(self, key: tuple, message: str) -> None:
        self.errors[key[0]] = message
        item = self._item(key[0])
        if item is not None:
            item.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
            item.setToolTip(message)
        self._update_details()

    def has_thumbnail(self, name: str) -> bool:
        item = self._item(name)
        entry = self.entries.get(name)
        return bool(item and entry and not self.thumbnails.get(_key(entry), QImage()).isNull())

    def _update_details(self) -> None:
        name = self.selected_name()
        entry = self.entries.get(name) if name else None
        builtin = bool(entry and entry.builtin)
        self.rename_button.setEnabled(entry is not None and not builtin)
        self.delete_button.setEnabled(entry is not None and not builtin)
        self.duplicate_button.setEnabled(isinstance(entry, Template))
        self.export_button.setEnabled(isinstance(entry, Template))
        if entry is None:
            self.details.setText("")
        elif isinstance(entry, BrokenTemplate):
            self.details.setText(f"{entry.name} cannot be used:\n\n{entry.error}")
        else:
            lines = [
                entry.title,
                f"{entry.name} · {'built-in (read-only)' if builtin else 'user template'}",
                "",
                entry.description,
                "",
                "Cards: " + ", ".join(entry.cards),
            ]
            if entry.is_word:
                lines += ["", "Word template (.docx): fills Word exports; the thumbnail is a sketch"]
            if entry.default_marking:
                lines.append(f"Default marking: {entry.default_marking}")
            if entry.name in self.errors:
                lines += ["", "Does not render: " + self.errors[entry.name]]
            self.details.setText("\n".join(lines))

    # ----- actions ------------------------------------------------------------------------
    def _run(self, title: str, action) -> bool:
        try:
            action()
        except TemplateError as exc:
            self.prompts.error(title, str(exc))
            return False
        self.changed.emit()
        return True

    def rename_selected(self, new: str | None = None) -> bool:
        from briefing.user_templates import rename_template

        old = self.selected_name()
        if old is None:
            return False
        new = new or self.prompts.text(
            "Rename Template", "New name (lower-case letters, digits, - or _):", old
        )
        if not new or new == old:
            return False
        self.errors.pop(old, None)
        done = self._run("Could not rename", lambda: rename_template(old, new))
        self.refresh(select=new if done else old)
        return done

    def duplicate_selected(self, new: str | None = None) -> bool:
        from briefing.user_templates import duplicate_template

        source = self.selected_name()
        if source is None:
            return False
        new = new or self.prompts.text("Duplicate Template", "Name of the copy:", f"{source}-copy")
        if not new:
            return False
        done = self._run("Could not duplicate", lambda: duplicate_template(source, new))
        self.refresh(select=new if done else source)
        return done

    def delete_selected(self, confirm: bool = True) -> bool:
        from briefing.user_templates import delete_template

        name = self.selected_name()
        if name is None:
            return False
        if confirm and not self.prompts.confirm(
            "Delete Template", f"Delete the template “{name}”? This cannot be undone."
        ):
            return False
        done = self._run("Could not delete", lambda: delete_template(name))
        self.errors.pop(name, None)
        self.refresh()
        return done

    def export_selected(self, path: str | None = None) -> bool:
        from briefing.template_archive import export_template

        name = self.selected_name()
        if name is None:
            return False
        path = path or self.prompts.save_zip(f"{name}.zip")
        if not path:
            return False
        return self._run("Could not export", lambda: export_template(name, path))

    def import_zip(self, path: str | None = None) -> None:
        """Import a .zip or a bare Word .docx in a child process (it test-renders the template);
        ``imported`` reports."""
        path = path or self.prompts.open_zip()
        if not path or self._import is not None:
            return
        proc = QProcess(self)
        proc.setProcessEnvironment(child_env())
        self._import = proc
        self.import_button.setEnabled(False)
        self.import_button.setText("Importing…")

        def finished(code: int, _status) -> None:
            err = bytes(proc.readAllStandardError().data()).decode("utf-8", "replace").strip().splitlines()
            self._import = None
            self.import_button.setEnabled(True)
            self.import_button.setText("&Import…")
            if code == 0:
                name = err[-1].split()[1] if err and err[-1].startswith("imported ") else ""
                self.refresh(select=name or None)
                self.changed.emit()
                self.imported.emit(name)
            else:
                message = err[-1].removeprefix("briefing: ") if err else f"import failed (exit code {code})"
                self.prompts.error("Could not import template", message)
                self.imported.emit("")

        proc.finished.connect(finished)
        proc.start(sys.executable, ["-m", "briefing", "templates", "import", str(path)])

    def shutdown(self) -> None:
        self.renderer.stop()
        if self._import is not None:
            self._import.kill()
            self._import.waitForFinished(2000)
