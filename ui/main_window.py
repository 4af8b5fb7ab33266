"""The main window: Source | Cards | (Preview) panes, menus, files, background jobs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QLabel,
    QMainWindow,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from . import (
    actions,
    edit_actions,
    export_actions,
    extraction,
    file_actions,
    help_actions,
    recovery,
    source_actions,
)
from .autosave import Autosaver
from .cards.pane import CardsPane
from .cards.situation import BLUF
from .dialogs import Dialogs
from .document import BriefingDocument
from .elided_label import ElidedLabel
from .preview_pane import PreviewPane
from .recent import RecentFiles, settings
from .source_view import SourceView
from .sources_panel import SourcesPanel
from .workers import Job

APP_NAME = "Briefing Builder"


class MainWindow(QMainWindow):
    def __init__(self, *, autosave_interval_ms: int | None = None) -> None:
        super().__init__()
        self.doc = BriefingDocument(self)
        self.dialogs = Dialogs(self)
        self.recent = RecentFiles()
        self._jobs: set[object] = set()
        self._busy = 0
        self._closed = False
        self.setAcceptDrops(True)
        self.setWindowIcon(QIcon.fromTheme("x-office-document"))

        self._build_panes()
        self._build_status_bar()
        actions.build_actions(self)
        actions.build_menus(self)

        kwargs = {"interval_ms": autosave_interval_ms} if autosave_interval_ms else {}
        self.autosaver = Autosaver(self.doc, self, **kwargs)
        self.autosaver.start()

        self.doc.modifiedChanged.connect(self._update_title)
        self.doc.pathChanged.connect(self._update_title)
        self.doc.reset.connect(self._update_title)
        self.doc.detailChanged.connect(lambda path: path == "marking" and self._update_title())
        self.doc.reset.connect(self._document_reset)
        self._update_title()
        self._restore_settings()

    # ----- layout -------------------------------------------------------------------------
    def _build_panes(self) -> None:
        self.source_view = SourceView(self)
        # Drops of files go to the window (open them), not into the read-only text.
        self.source_view.setAcceptDrops(False)
        self.source_view.viewport().setAcceptDrops(False)
        self.cards = CardsPane(self.doc, self)
        self.cards.currentItemChanged.connect(self._show_evidence)
        self.cards.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.cards.evidenceRequested.connect(lambda spans: self.source_view.show_evidence(
            spans, self.doc.briefing.sources))
        # The Sources panel is the lower half of the Details tab, in place of its one-line source:
        # another tab would elide every card's tab at 1024 px (issue 12).
        self.sources_panel = SourcesPanel(self.doc, self)
        sources_box = QGroupBox("Sources", self)
        sources_box.setObjectName("sources_box")
        QVBoxLayout(sources_box).addWidget(self.sources_panel)
        # in a scroll area, so a short or narrow window scrolls the panel instead of growing
        holder = QScrollArea(self)
        holder.setWidgetResizable(True)
        holder.setFrameShape(QFrame.Shape.NoFrame)
        holder.setWidget(sources_box)
        self.cards.details.form.addRow(holder)
        self.cards.setTabToolTip(
            self.cards.indexOf(self.cards.details),
            "Title, author, organisation, handling marking, and the sources with their grades",
        )
        self.sources_panel.sourceChosen.connect(
            lambda source_id: self.source_view.set_source(self.doc.briefing.source(source_id))
        )
        self.sources_panel.form.edited.connect(
            lambda source_id, field, value: source_actions.set_source_field(self, source_id, field, value)
        )
        self.sources_panel.form.rejected.connect(lambda text: self.statusBar().showMessage(text, 8000))
        for table in self.cards.tables.values():  # "Write My Own…" for a conflict asks here
            table.detail.ask_own_value = lambda field, current: self.dialogs.ask_own_value(field, current)

        # The live PDF preview: renders in a worker process, only while the pane is shown.
        self.preview_area = QFrame(self)
        self.preview_area.setObjectName("preview_area")
        self.preview_area.setAccessibleName("Preview")
        self.preview_area.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview = PreviewPane(self.preview_area)
        self.preview.set_source(
            lambda: (self.doc.briefing.model_dump(mode="json"), self.doc.briefing.template, None)
        )
        QVBoxLayout(self.preview_area).addWidget(self.preview)
        # indexChanged comes after the command is on the stack (push, undo, redo alike)
        self.doc.undo_stack.indexChanged.connect(self._schedule_preview)
        self.doc.reset.connect(self._schedule_preview)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main_splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._titled("Source", self.source_view))
        self.source_title = self.splitter.widget(0).findChild(QLabel)
        self.source_view.sourceShown.connect(self._name_source)
        # a long outlet name must not widen the pane: the title is cut instead
        self.source_title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.doc.sourceChanged.connect(lambda *_: self._name_source(self.source_view.source))
        self.splitter.addWidget(self._titled("Cards", self.cards))
        self.splitter.addWidget(self.preview_area)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setStretchFactor(2, 1)
        self.setCentralWidget(self.splitter)

    def _titled(self, title: str, widget: QWidget) -> QWidget:
        box = QWidget(self)
        box.setObjectName(f"{title.lower()}_pane")
        layout = QVBoxLayout(box)
        margin = self.fontMetrics().horizontalAdvance("m") // 2
        layout.setContentsMargins(margin, margin, margin, 0)
        label = ElidedLabel(title, box)  # a long source name ends in "…", not mid-word
        font = label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        label.setFont(font)
        label.setBuddy(widget)
        layout.addWidget(label)
        layout.addWidget(widget, 1)
        return box

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.busy_label = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy mode: we cannot know how far spaCy has got
        self.progress.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 10)
        self.progress.setAccessibleName("Working")
        self.progress.setTextVisible(False)
        self.marking_label = QLabel(self)
        self.marking_label.setObjectName("marking_label")
        self.marking_label.setAccessibleName("Handling marking")
        bar.addPermanentWidget(self.marking_label)
        self.cancel_button = QToolButton(self)
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip("Stop extracting this article (Esc)")
        self.cancel_button.clicked.connect(self.cancel_extraction)
        # Esc cancels only while an extraction runs: otherwise it belongs to the editors
        self.cancel_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.cancel_extraction)
        self.cancel_shortcut.setEnabled(False)
        bar.addPermanentWidget(self.busy_label)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        self.progress.hide()
        self.busy_label.hide()
        self.cancel_button.hide()
        self._extraction: Job | None = None
        bar.showMessage("Open an article to start: File ▸ New from Article…", 10000)

    # ----- title, settings ----------------------------------------------------------------
    def _update_title(self, *_: object) -> None:
        # the handling marking is in the title and the status bar at all times
        marking = self.doc.briefing.marking
        self.setWindowTitle(f"{self.doc.display_name}[*] — {marking} — {APP_NAME}")
        self.setWindowModified(self.doc.modified)
        self.marking_label.setText(marking)
        self.marking_label.setToolTip(f"Handling marking of this briefing: {marking}")

    def _restore_settings(self) -> None:
        store = settings()
        geometry = store.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            screen = QGuiApplication.primaryScreen()
            if screen is not None:
                area = screen.availableGeometry()
                self.resize(int(area.width() * 0.8), int(area.height() * 0.8))
        docks = store.value("window/state")
        if isinstance(docks, QByteArray) and not docks.isEmpty():
            self.restoreState(docks)
        state = store.value("window/splitter")
        # until the user moves the splitter (or a saved layout says otherwise), the panes keep
        # 1 : 2 : 1 of the width at any window size: the cards need it most
        self._default_split = not (isinstance(state, QByteArray) and not state.isEmpty())
        if not self._default_split:
            self.splitter.restoreState(state)
        self.splitter.splitterMoved.connect(self._split_by_user)
        panes = (self.splitter.widget(0), self.splitter.widget(1), self.preview_area)
        # The fourth view action (undo history) is the dock's own toggle and keeps itself in step.
        for action, pane in zip(self.view_actions[:3], panes, strict=True):
            action.setChecked(not pane.isHidden())

    def _split_by_user(self, *_args) -> None:
        self._default_split = False

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if getattr(self, "_default_split", False):
            width = self.splitter.width()
            self.splitter.setSizes([width // 4, width // 2, width // 4])

    def _save_settings(self) -> None:
        store = settings()
        store.setValue("window/geometry", self.saveGeometry())
        store.setValue("window/splitter", self.splitter.saveState())
        store.setValue("window/state", self.saveState())

    # ----- startup ------------------------------------------------------------------------
    def startup(self, path: str | Path | None = None) -> None:
        """After the window is shown: offer crash recovery, then open ``path`` if given."""
        recovery.clean_leftovers(self)
        restored = self.offer_recovery()
        if path and not restored:
            self.open_path(Path(path))

    def offer_recovery(self) -> bool:
        return recovery.offer_recovery(self)

    # ----- files (the File menu's actions live in file_actions) ---------------------------------
    def maybe_save(self) -> bool:
        return file_actions.maybe_save(self)

    def new_from_article(self) -> None:
        file_actions.new_from_article(self)

    def paste_article(self) -> None:
        file_actions.paste_article(self)

    def open_briefing(self) -> None:
        file_actions.open_briefing(self)

    def open_path(self, path: Path) -> None:
        file_actions.open_path(self, path)

    def load_briefing(self, path: Path) -> bool:
        return file_actions.load_briefing(self, path)

    def save(self) -> bool:
        return file_actions.save(self)

    def save_as(self) -> bool:
        return file_actions.save_as(self)

    def export_pdf(self) -> None:
        export_actions.export_pdf(self)

    # ----- background extraction (ui.extraction runs it) ------------------------------------
    def _extract(self, fn, arg: str, label: str, after=None) -> None:
        """Extract off the GUI thread; the result becomes the open document, then ``after()``."""
        extraction.run(self, fn, arg, label, extraction.new_briefing(self, label, after))

    def cancel_extraction(self) -> None:
        if self._extraction is not None:
            self._extraction.cancel()
            self.busy_label.setText("Cancelling…")

    def _finish_job(self, handle: object) -> None:
        self._jobs.discard(handle)
        self._set_busy(-1)

    def _set_busy(self, step: int, text: str = "") -> None:
        self._busy = max(0, self._busy + step)
        if text:
            self.busy_label.setText(text)
        self.progress.setVisible(self._busy > 0)
        self.busy_label.setVisible(self._busy > 0)

    @property
    def busy(self) -> bool:
        return self._busy > 0

    # ----- source and evidence ------------------------------------------------------------
    def _document_reset(self) -> None:
        sources = self.doc.briefing.sources
        # an undo step that swaps the briefing keeps the article in view when it is still there
        shown = self.source_view.source
        kept = self.doc.briefing.source(shown.id) if shown is not None else None
        self.source_view.set_source(kept or (sources[0] if sources else None))
        self.cards._tab_changed(self.cards.currentIndex())

    def _name_source(self, source) -> None:
        """With several sources the pane's title says which one is shown: "Source [2] Wire Agency"."""
        sources = self.doc.briefing.sources
        if source is None or len(sources) < 2:
            self.source_title.setText("Source")
            self.source_title.setToolTip("")
            return
        number = next((n for n, s in enumerate(sources, 1) if s.id == source.id), 0)
        name = source.outlet or source.title or source.file_name or "untitled"
        self.source_title.setText(f"Source [{number}] {name}")
        self.source_title.setToolTip(f"[{number}] {source.title}" if source.title else "")

    def show_sources(self) -> None:
        """View ▸ Sources: the Details tab, with the sources list focused."""
        self.cards.setCurrentWidget(self.cards.details)
        self.sources_panel.view.setFocus()

    def _show_evidence(self, list_name: str, item_id: str) -> None:
        if list_name == BLUF:
            spans = list(self.doc.briefing.situation.bluf_evidence)
        elif list_name and item_id:
            try:
                spans = list(self.doc.item(list_name, item_id).evidence)
            except KeyError:
                spans = []
        else:
            self.source_view.show_evidence([])
            return
        self.source_view.show_evidence(spans, self.doc.briefing.sources)
        if not spans:
            self.statusBar().showMessage("No evidence recorded for this item", 4000)

    def add_from_selection(self, list_name: str) -> str | None:
        return edit_actions.add_from_selection(self, list_name)

    def about(self) -> None:
        help_actions.about(self)

    # ----- drag and drop ------------------------------------------------------------------
    @staticmethod
    def _dropped_paths(urls: list[QUrl]) -> list[Path]:
        return [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasUrls() and self._dropped_paths(mime.urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        event.acceptProposedAction() if event.mimeData().hasUrls() else event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped_paths(event.mimeData().urls()) if event.mimeData().hasUrls() else []
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        # Leave the drag-and-drop loop before any dialog can appear.  Articles dropped on an open
        # briefing ask (once, however many) whether they are more sources or a new briefing.
        QTimer.singleShot(0, lambda: source_actions.drop_files(self, paths))

    # ----- closing ------------------------------------------------------------------------
    def _schedule_preview(self, *_args) -> None:
        if not (self.preview_area.isVisible() and self.doc.briefing.sources):
            return
        stack = self.doc.undo_stack
        last = stack.command(stack.index() - 1) if stack.index() > 0 else None
        # mergeable commands (id != -1) are typing: wait for a pause; anything else renders now
        self.preview.schedule(typing=last is not None and last.id() != -1)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.preview.shutdown()
        self._save_settings()
        self.autosaver.stop()
        self._closed = True
        event.accept()
