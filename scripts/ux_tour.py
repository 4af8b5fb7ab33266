"""A tour of the editor as PNGs: every menu, every card tab, the Sources panel, an item's detail,
the Map tab and the dialogs (export for each format, template manager, Open URL, paste source).

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/ux_tour.py OUT_DIR \
        --briefing x.briefing --size 1024x640

For eyeballing the whole UI after a change: nothing is clicked that changes the briefing.
Modal dialogs are grabbed from a timer once they are up, then closed with Esc.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--briefing", type=Path, required=True)
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--prefix", default="")
    args = parser.parse_args()

    scratch = tempfile.mkdtemp(prefix="briefing-tour-")
    os.environ["XDG_STATE_HOME"] = os.path.join(scratch, "state")
    os.environ["XDG_CONFIG_HOME"] = os.path.join(scratch, "config")
    os.environ["XDG_DATA_HOME"] = os.path.join(scratch, "data")

    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMenu

    from ui.dialogs import Dialogs
    from ui.export_dialog import ExportDialog, ExportOptions
    from ui.main_window import MainWindow
    from ui.paste_source_dialog import PasteSourceDialog
    from ui.recent import APPLICATION, ORGANISATION

    app = QApplication([sys.argv[0]])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    window = MainWindow()
    width, height = (int(v) for v in args.size.split("x"))
    window.resize(width, height)
    window.show()
    window.load_briefing(args.briefing)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    def settle(seconds: float = 0.3) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.02)

    def shot(widget, name: str) -> None:
        settle()
        path = out / f"{args.prefix}{name}.png"
        widget.grab().save(str(path))
        print(path)

    def modal(name: str, opener, delay_ms: int = 400) -> None:
        """Run ``opener`` (which blocks in exec()); grab the dialog it shows, then Esc it."""

        def grab_and_close() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None:
                QTimer.singleShot(100, grab_and_close)
                return
            shot(dialog, name)
            QTest.keyClick(dialog, Qt.Key.Key_Escape)

        QTimer.singleShot(delay_ms, grab_and_close)
        opener()

    deadline = time.monotonic() + 60
    while not window.preview.pdf_bytes and time.monotonic() < deadline:
        settle(0.1)
    shot(window, "window")
    for menu in window.menuBar().findChildren(QMenu):
        if menu.parent() is not window.menuBar() and menu.menuAction() not in window.menuBar().actions():
            continue
        menu.popup(window.mapToGlobal(window.rect().topLeft()))
        shot(menu, "menu-" + menu.title().replace("&", "").lower())
        menu.hide()
    for index in range(window.cards.count()):
        window.cards.setCurrentIndex(index)
        table = window.cards.currentWidget()
        if hasattr(table, "model") and hasattr(table, "select_item") and table.model.rowCount():
            table.select_item(table.model.item_id(0))
        shot(window, f"tab-{index}-" + window.cards.tabText(index).replace("&", "").split()[0].lower())
    window.show_sources()
    if window.doc.briefing.sources:
        window.sources_panel.select(window.doc.briefing.sources[-1].id)
    shot(window, "sources")
    shot(window.cards, "sources-cards")
    # first item with a conflict, if any, in its table
    for name, table in window.cards.tables.items():
        items = window.doc.items(name)
        hit = next((i for i in items if getattr(i, "conflicts", None)), None)
        if hit is not None:
            window.cards.show_list(name)
            table.select_item(hit.id)
            total = sum(table.split.sizes())
            table.split.setSizes([total // 3, total - total // 3])
            shot(window.cards, f"conflict-{name}")
            shot(table.detail, f"conflict-{name}-detail")
            break

    dialogs = Dialogs(window)
    templates = [
        ("intelligence-brief", "pdf"),
        ("intelligence-brief", "html"),
        ("intelligence-brief", "docx"),
        ("word-brief", "docx"),
        ("word-brief", "pdf"),  # a Word template with a .pdf path: the dialog must switch to Word
    ]
    from briefing.templates import list_templates

    listed = [(t.name, t.title, t.kind) for t in list_templates()]
    for template, fmt in templates:
        marking = window.doc.briefing.marking
        options = ExportOptions("/tmp/briefing.pdf", template, format=fmt, marking=marking)
        modal(f"export-{fmt}-{template}", lambda o=options: ExportDialog(o, listed, window).exec())
    modal("shortcuts", window.shortcuts_action.trigger)
    modal("open-url", lambda: dialogs.ask_url("https://example.org/news/1"))
    modal("paste-source", lambda: PasteSourceDialog(window).exec())
    modal("drop-ask", lambda: dialogs.ask_drop_action("a.txt"))
    modal("drop-ask-3", lambda: dialogs.ask_drop_action("g5w_88167f71dba9.txt", 3))
    for action in window.template_actions:
        if "Manage" not in action.text().replace("&", ""):
            label = action.text().replace("&", "").replace("…", "").lower().replace(" ", "-")
            modal(label, action.trigger)
    manage = next(a for a in window.template_actions if "Manage" in a.text().replace("&", ""))
    modal("template-manager", manage.trigger, 6000)  # its thumbnails render in a worker
    window.doc.undo_stack.setClean()
    window.close()
    window.preview.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
