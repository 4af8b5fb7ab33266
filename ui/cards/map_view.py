"""The Map tab: the briefing's locator map as the PDF will show it, redrawn after every edit.

The SVG is drawn by ``briefing.locator_map`` on the thread pool (``ui.workers.Job``), never on the
GUI thread, and only while the tab shows (a hidden map is drawn when it is next shown).  Edits
arriving while a draw runs are coalesced (one redraw after a short pause, and a result older than
the latest request is dropped).  The widget shows, it owns nothing: correcting a place (its
latitude, longitude, kind or precision in the Places tab) changes the model and the map follows.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..document import BriefingDocument
from ..workers import Job, start_job

#: the drawing's proportions in the tab (the templates set their own)
MAP_SIZE = (640, 420)
#: wait this long after an edit before redrawing, so typing a latitude draws once
DEBOUNCE_MS = 120


def _draw(places: list) -> str:
    from briefing import locator_map

    return locator_map.svg(places, *MAP_SIZE)


#: the status line's link to the Places tab
PLACES_LINK = '<a href="places">Places tab</a>'


class MapView(QWidget):
    #: the analyst clicked "Places tab" in the status line: show that tab
    placesRequested = Signal()

    def __init__(self, doc: BriefingDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setAccessibleName("Locator map")
        self.svg = QSvgWidget(self)
        self.svg.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self.svg.setAccessibleName("Locator map drawing")
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.LinksAccessibleByMouse
        )
        self.status.linkActivated.connect(lambda _href: self.placesRequested.emit())
        layout = QVBoxLayout(self)
        layout.addWidget(self.svg, 1)
        layout.addWidget(self.status)
        #: the last SVG shown ("" when there is no map), for tests and for copying
        self.current_svg = ""
        self._generation = 0
        #: the places changed while the tab was hidden: draw when it shows
        self._stale = True
        #: draws running: their signals object → (job, generation); the job is kept alive here
        self._jobs: dict[object, tuple[Job, int]] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._start)
        doc.changed.connect(self._changed)
        doc.reset.connect(self.refresh)
        self.refresh()

    def _changed(self, card: str) -> None:
        if card in {"places", "all"}:
            self.refresh()

    def refresh(self) -> None:
        """Ask for a redraw (after the debounce pause), or, while the tab is hidden, when it shows.

        A hidden map is not drawn: adding sources changes the places many times, and each redraw
        ends in parsing the SVG on the GUI thread, which the window felt as a stall."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self._timer.start()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _start(self) -> None:
        self._generation += 1
        places = [p.model_copy(deep=True) for p in self.doc.briefing.places]  # the job gets a copy
        job = Job(_draw, places)
        self._jobs[job.signals] = (job, self._generation)
        # bound methods of this widget: Qt drops the connection if the window closes before the draw ends
        job.signals.finished.connect(self._finished)
        job.signals.failed.connect(self._failed)
        start_job(job)

    def _take(self) -> int | None:
        """The generation of the draw whose signal is being handled (and forget that draw)."""
        entry = self._jobs.pop(self.sender(), None)
        return entry[1] if entry else None

    def _finished(self, svg: str) -> None:
        if self._take() != self._generation:
            return  # an edit came after this draw began: its own draw follows
        self.current_svg = svg
        self.svg.load(QByteArray(svg.encode("utf-8")))
        self.svg.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        places = self.doc.briefing.places
        missing = [p.name for p in places if p.lat is None or p.lon is None]
        if svg:
            # the places left off the map by name: the analyst fixes those, not "1 of 23"
            unplaced = ""
            if missing:
                names = ", ".join(escape(name) for name in missing[:3]) + (" …" if len(missing) > 3 else "")
                unplaced = f" (not on the map: {names})"
            self.status.setText(
                f"{len(places) - len(missing)} of {len(places)} places have coordinates{unplaced}. "
                f"Correct a place's latitude, longitude, kind or precision in the {PLACES_LINK}; "
                "the map follows. Country outlines: Made with Natural Earth."
            )
        else:
            self.status.setText(
                f"No place has coordinates yet: add latitude and longitude in the {PLACES_LINK}."
            )

    def _failed(self, message: str) -> None:
        self._take()
        self.status.setText(f"The map could not be drawn: {escape(message)}")  # shown as rich text
