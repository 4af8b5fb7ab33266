"""Screenshot of the editor on the sample article, for the README and for eyeballing the UI.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshot.py out.png

Opens the article through the real background extraction, selects a quote so its evidence
is highlighted in the source, and saves ``window.grab()`` as a PNG.  If the extractor cannot
run yet it falls back to a few hand-made cards over the same article.
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
SAMPLE = ROOT / "assets" / "samples" / "niger-airbase-101.txt"


class _RecordingDialogs:
    """Never block on a modal dialog in a scripted run; remember what would have been shown."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def show_error(self, title: str, message: str) -> None:
        self.errors.append(message)

    def ask_save_changes(self, name: str) -> str:
        return "discard"

    def ask_restore(self, *args) -> bool:
        return False


def _fallback(window, article: Path) -> None:
    from briefing.ingest import load_article
    from briefing.model import Briefing, Force, OutlookItem, Quote, Span

    source = load_article(article)

    def span(words: str) -> list[Span]:
        start = source.text.find(words)
        return [Span(source_id=source.id, start=start, end=start + len(words))] if start >= 0 else []

    window.doc.replace(
        Briefing(
            title=source.title,
            sources=[source],
            forces=[Force(actor="US", strength=1000, qualifier="nearly", evidence=span("nearly 1,000 US"))],
            quotes=[
                Quote(text="[The situation] is not great", speaker="US official", evidence=span("not great"))
            ],
            outlook=[OutlookItem(statement="US withdrawal completes", likelihood="likely")],
        ),
        None,
        unsaved=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--article", type=Path, default=SAMPLE)
    parser.add_argument(
        "--tab",
        default="quotes",
        help="card tab to show: situation, forces, quotes, outlook, timeline, places, map, sources, details",
    )
    parser.add_argument(
        "--briefing", type=Path, help="open this .briefing instead of extracting the article"
    )
    parser.add_argument("--row", type=int, default=0, help="the row to select in the tab (0 = first)")
    parser.add_argument(
        "--detail", type=float, default=0.0, help="share of the card height for the item detail (0: as is)"
    )
    parser.add_argument("--size", default="1500x920")
    args = parser.parse_args()

    scratch = tempfile.mkdtemp(prefix="briefing-shot-")
    os.environ["XDG_STATE_HOME"] = os.path.join(scratch, "state")  # no recovery prompt, no clutter
    os.environ["XDG_CONFIG_HOME"] = os.path.join(scratch, "config")

    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow
    from ui.recent import APPLICATION, ORGANISATION

    app = QApplication([sys.argv[0]])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Briefing Builder")
    window = MainWindow()
    dialogs = _RecordingDialogs()
    window.dialogs = dialogs  # type: ignore[assignment]
    width, height = (int(v) for v in args.size.split("x"))
    window.resize(width, height)
    window.show()
    # the window's own default split (1 : 2 : 1), as a first start shows it

    window.open_path(args.briefing or args.article)
    deadline = time.monotonic() + 180
    while window.busy and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    if dialogs.errors or not window.doc.briefing.sources:
        print(f"extraction unavailable ({'; '.join(dialogs.errors)}); using hand-made cards", file=sys.stderr)
        _fallback(window, args.article)

    if args.tab == "details":
        window.cards.setCurrentWidget(window.cards.details)
    if args.tab == "sources":
        window.show_sources()
        sources = window.doc.briefing.sources
        if sources:
            window.sources_panel.select(sources[min(args.row, len(sources) - 1)].id)
    if args.tab == "map":
        window.cards.setCurrentWidget(window.cards.map_view)
    window.cards.show_list("key_facts" if args.tab == "situation" else args.tab)
    table = window.cards.tables.get("key_facts" if args.tab == "situation" else args.tab)
    if table is not None and table.model.rowCount():
        table.select_item(table.model.item_id(min(args.row, table.model.rowCount() - 1)))
    if table is not None and args.detail > 0:
        total = sum(table.split.sizes())
        table.split.setSizes([round(total * (1 - args.detail)), round(total * args.detail)])
    window.statusBar().showMessage(f"Opened {(args.briefing or args.article).name}")
    # wait for the live preview's first PDF (rendered in its worker process)
    deadline = time.monotonic() + 60
    while not window.preview.pdf_bytes and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    for _ in range(20):
        app.processEvents()
        time.sleep(0.02)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(args.out)):
        print(f"could not write {args.out}", file=sys.stderr)
        return 1
    print(f"wrote {args.out}")
    window.doc.undo_stack.setClean()
    window.doc.mark_saved(window.doc.path or Path(scratch, "shot.briefing"))
    window.close()
    window.preview.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
