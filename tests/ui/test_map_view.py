"""The Map tab shows the locator map and follows an edit of a place (issue 15)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit


def _focus(svg: str) -> str:
    return ET.fromstring(svg).get("data-focus", "")


def _roles(svg: str) -> set[str]:
    return {el.get("data-role", "") for el in ET.fromstring(svg).iter()}


def _extent_x(svg: str) -> float:
    """Where the inset's extent box sits: it moves east when the map's places do."""
    for el in ET.fromstring(svg).iter():
        if el.get("data-role") == "inset-extent":
            return float(el.get("x"))
    raise AssertionError("no inset extent")


def test_map_tab_shows_the_map_and_follows_a_place_edit(qtbot, window, sample_file) -> None:
    assert window.load_briefing(sample_file)
    view = window.cards.map_view
    window.cards.setCurrentWidget(view)
    qtbot.waitUntil(lambda: bool(view.current_svg), timeout=10000)
    assert view.svg.isVisible()
    assert view.svg.renderer().isValid()
    assert _focus(view.current_svg) == "NE"
    assert "marker Niamey" in _roles(view.current_svg)
    before = view.current_svg

    # the analyst moves Niamey's longitude in the Places table: the map redraws with it
    window.cards.show_list("places")
    table = window.cards.tables["places"]
    row = [p.name for p in window.doc.briefing.places].index("Niamey")
    col = [c.field for c in table.spec.columns].index("lon")
    index = table.model.index(row, col)
    table.view.setCurrentIndex(index)
    table.view.edit(index)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "9.5")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.doc.briefing.places[row].lon == 9.5)
    qtbot.wait(400)  # past the redraw pause: a hidden map is not drawn
    assert view.current_svg == before
    window.cards.setCurrentWidget(view)  # shown again, it is drawn with the edit
    qtbot.waitUntil(lambda: view.current_svg != before, timeout=10000)
    assert _extent_x(view.current_svg) > _extent_x(before)
    assert "marker Niamey" in _roles(view.current_svg)

    # undo puts the marker back
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: _extent_x(view.current_svg) == _extent_x(before), timeout=10000)
