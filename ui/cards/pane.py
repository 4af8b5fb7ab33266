"""The Cards pane: a tab per card, each showing the document's data for that card."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from ..document import BriefingDocument
from .details import DetailsEditor
from .map_view import MapView
from .situation import SituationEditor
from .specs import SPECS
from .table_editor import CardTable

TABLE_CARDS: tuple[str, ...] = ("forces", "quotes", "outlook", "timeline", "places")
TAB_TIPS = {
    "forces": "Who has how many people or units where, and doing what",
    "quotes": "What was said, by whom",
    "outlook": "What may happen next, with an ICD 203 likelihood",
    "timeline": "Dated events, oldest first",
    "places": "Countries, cities and bases mentioned",
}


class CardsPane(QTabWidget):
    #: the item whose evidence the source pane should show: (list name, item id or "").
    currentItemChanged = Signal(str, str)
    message = Signal(str)
    #: a detail panel asks the source pane to show these spans (a sentence of one source)
    evidenceRequested = Signal(object)

    def __init__(self, doc: BriefingDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setAccessibleName("Cards")
        self.setDocumentMode(True)
        # every card's tab in view at 1024 px wide: compact tabs, no scroll arrows (issue 12)
        self.tabBar().setUsesScrollButtons(False)
        self.tabBar().setElideMode(Qt.TextElideMode.ElideRight)  # narrower still: elided, never hidden
        self.tabBar().setExpanding(False)
        self.setStyleSheet("QTabBar::tab { padding: 4px 7px; }")
        self.situation = SituationEditor(doc, self)
        self.tables: dict[str, CardTable] = {"key_facts": self.situation.key_facts}
        self.addTab(self.situation, "Situation")
        self.setTabToolTip(0, "Bottom line up front, summary and key facts")
        for name in TABLE_CARDS:
            table = CardTable(doc, SPECS[name], self)
            self.tables[name] = table
            self.addTab(table, SPECS[name].title)
            self.setTabToolTip(self.indexOf(table), TAB_TIPS[name])
            table.currentItemChanged.connect(self.currentItemChanged)
            table.message.connect(self.message)
            table.evidenceRequested.connect(self.evidenceRequested)
        self.map_view = MapView(doc, self)
        self.map_view.placesRequested.connect(lambda: self.show_list("places"))
        self.addTab(self.map_view, "Map")
        self.setTabToolTip(self.indexOf(self.map_view), "The locator map the briefing prints")
        self.details = DetailsEditor(doc, self)
        self.addTab(self.details, "Details")
        self.setTabToolTip(self.count() - 1, "Title, author, organisation and handling marking")
        self.situation.currentItemChanged.connect(self.currentItemChanged)
        self.situation.message.connect(self.message)
        self.details.message.connect(self.message)
        self.currentChanged.connect(self._tab_changed)
        doc.changed.connect(self._update_counts)
        doc.focusItem.connect(lambda list_name, _id: self.show_list(list_name))
        self._update_counts()

    def show_list(self, list_name: str) -> None:
        table = self.tables.get(list_name)
        if table is not None:
            self.setCurrentWidget(self.situation if list_name == "key_facts" else table)

    def _update_counts(self, *_: object) -> None:
        """Each card's tab says how many items it holds ("Forces 33") when every tab fits whole;
        in a narrower pane the counts go to the tooltips, so no card's name is cut to "Forc…"."""
        counts = {name: len(self.doc.items(name)) for name in TABLE_CARDS}
        for short in (False, True):
            for name, count in counts.items():
                index = self.indexOf(self.tables[name])
                title = SPECS[name].title
                self.setTabText(index, f"{title} {count}" if count and not short else title)
                tip = TAB_TIPS[name] + (f" ({count} items)" if short and count else "")
                self.setTabToolTip(index, tip)
            if self.tabBar().sizeHint().width() <= self.width():
                break

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._update_counts()

    def _tab_changed(self, _index: int) -> None:
        widget = self.currentWidget()
        table = self.situation.key_facts if widget is self.situation else widget
        if isinstance(table, CardTable):
            self.currentItemChanged.emit(table.spec.list_name, table.current_id() or "")
        else:
            self.currentItemChanged.emit("", "")
