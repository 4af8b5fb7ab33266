"""The briefing's sources: Add Source… (files), Add Source from Pasted Text…, Remove Source…,
dropping an article on an open briefing, and source metadata edits (a published date re-reads
that source's timeline).

Every change is one undo step computed by the core (``briefing.merge``, ``briefing.redate``);
extraction and re-dating run in the background.  Several articles chosen at once are extracted
one after another (a queue), so two spaCy runs never compete with the window for the GIL.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QIcon, QKeySequence

from briefing import merge
from briefing.model import Briefing, Source

from . import extraction
from .commands import RedateTimeline, ReplaceBriefing, SetSourceField
from .workers import Job, article_suffixes, extract_file, extract_text, redate_in_child, start_job

if TYPE_CHECKING:
    from .main_window import MainWindow


def build(window: MainWindow) -> None:
    from .actions import make_action

    T = QIcon.ThemeIcon
    window.add_source_action = make_action(
        window,
        "A&dd Source…",
        lambda: choose_sources(window),
        QKeySequence("Ctrl+Shift+O"),
        "Add one or more articles to this briefing as further sources",
        T.ListAdd,
    )
    window.add_pasted_source_action = make_action(
        window,
        "Add Source from Pasted Te&xt…",
        lambda: paste_source(window),
        QKeySequence("Ctrl+Alt+V"),
        "Paste or type an article's text and add it to this briefing as a source",
        T.EditPaste,
    )
    window.remove_source_action = make_action(
        window,
        "Re&move Source…",
        lambda: remove_source(window),
        tip="Remove the source chosen in the Sources list (Details tab); you decide what becomes of "
        "its items",
        icon=T.ListRemove,
    )
    window.sources_panel.toolbar.addActions(
        [window.add_source_action, window.add_pasted_source_action, window.remove_source_action]
    )
    window._source_queue: list[tuple[Any, str, str]] = []
    window.doc.reset.connect(lambda: update_actions(window))
    update_actions(window)


def file_menu_actions(window: MainWindow) -> list[QAction]:
    return [window.add_source_action, window.add_pasted_source_action, window.remove_source_action]


def update_actions(window: MainWindow) -> None:
    window.remove_source_action.setEnabled(bool(window.doc.briefing.sources))


# ----- adding ----------------------------------------------------------------------------------
def choose_sources(window: MainWindow) -> None:
    from .file_actions import start_dir

    for name in window.dialogs.choose_sources(article_suffixes(), start_dir(window)):
        add_source_file(window, Path(name))


def paste_source(window: MainWindow) -> None:
    answer = window.dialogs.ask_pasted_source()
    if answer is None:
        return
    text, title = answer
    if not text.strip():
        window.statusBar().showMessage("No text to add as a source", 8000)
        return
    add_source_text(window, text, title)


def add_source_file(window: MainWindow, path: Path) -> None:
    _enqueue(window, extract_file, str(path), path.name)


def add_source_text(window: MainWindow, text: str, title: str = "") -> None:
    _enqueue(window, _extract_titled_text, (text, title), title or "pasted text")


def _extract_titled_text(payload: tuple[str, str], progress=None) -> Briefing:
    text, title = payload
    extracted = extract_text(text, progress=progress)
    if title:
        extracted.sources[0].title = title
        extracted.title = extracted.title or title
    return extracted


def _enqueue(window: MainWindow, fn, arg, label: str) -> None:
    window._source_queue.append((fn, arg, label))
    _start_next(window)
    if window._source_queue:
        waiting = len(window._source_queue)
        window.statusBar().showMessage(f"{waiting} more source(s) waiting to be extracted", 5000)


def _start_next(window: MainWindow) -> None:
    if window._extraction is not None or not window._source_queue:
        return
    fn, arg, label = window._source_queue.pop(0)

    def ended(cancelled: bool) -> None:
        if cancelled:
            window._source_queue.clear()  # Cancel stops the whole batch, not just this article
        _start_next(window)

    doc = window.doc

    def extract_and_merge(payload, progress=None) -> MergedSource:
        # in the worker: the merge of a long briefing takes 100s of ms, the GUI thread must not
        extracted = fn(payload, progress=progress)
        base, generation = doc.briefing, doc.generation
        try:
            merged = merge.add_source(base, extracted)
        except Exception:  # the briefing changed under the copy: merged again on the GUI thread
            merged = None
        return MergedSource(extracted, merged, base, generation)

    extraction.run(
        window, extract_and_merge, arg, label, lambda result: _merge(window, result, label), on_end=ended
    )


@dataclass
class MergedSource:
    """An extracted article and the briefing it made when merged in the background."""

    extracted: Briefing
    merged: Briefing | None
    base: Briefing
    generation: int


def _merge(window: MainWindow, result: MergedSource, label: str) -> None:
    """The extracted article joins the open briefing as one undo step.  The worker merged it into
    the briefing as it was; if anything changed since (an edit while spaCy worked), it is merged
    again here into the briefing as it is now, so no edit is lost."""
    doc = window.doc
    extracted = result.extracted
    if result.merged is not None and doc.briefing is result.base and doc.generation == result.generation:
        merged = result.merged
    else:
        merged = merge.add_source(doc.briefing, extracted)
    new_ids = [s.id for s in extracted.sources]
    doc.push(ReplaceBriefing(doc, merged, f"Add source {label}"))
    added = next((s for s in doc.briefing.sources if s.id in new_ids), None)
    if added is not None:
        show_source(window, added.id)
    number = len(doc.briefing.sources)
    window.statusBar().showMessage(
        f"Added source {number} ({label}): {extraction.counts(window)}", 8000
    )


def show_source(window: MainWindow, source_id: str) -> None:
    source = window.doc.briefing.source(source_id)
    if source is not None:
        window.source_view.set_source(source)
        window.sources_panel.select(source_id)


# ----- dropping ------------------------------------------------------------------------------
def drop_files(window: MainWindow, paths: list[Path]) -> None:
    """Files dropped on the window.  Articles among them are asked about once, however many:
    more sources for the open briefing, or a new briefing from the first (the rest then join it
    as its sources).  Anything else (a .briefing, an exported PDF) opens as File ▸ Open would."""
    articles = [p for p in paths if p.suffix.lower() in article_suffixes()]
    if not articles:
        window.open_path(paths[0])
        return
    skipped = [p.name for p in paths if p not in articles]
    if skipped:  # a .briefing among articles is not a source: say so rather than drop it silently
        window.statusBar().showMessage(f"Not articles, left out: {', '.join(skipped)}", 8000)
    if len(articles) == 1:
        drop_article(window, articles[0])
        return
    first, rest = articles[0], articles[1:]
    if window.doc.briefing.sources:
        choice = window.dialogs.ask_drop_action(first.name, len(articles))
        if choice == "source":
            for path in articles:
                add_source_file(window, path)
            return
        if choice != "new":
            return
    _new_briefing_with_sources(window, first, rest)


def _new_briefing_with_sources(window: MainWindow, first: Path, rest: list[Path]) -> None:
    """A new briefing from ``first``; once it is open, ``rest`` are queued as its sources."""
    if not window.maybe_save():
        return
    window._extract(
        extract_file,
        str(first),
        first.name,
        after=lambda: [add_source_file(window, path) for path in rest],
    )


def drop_article(window: MainWindow, path: Path) -> None:
    """An article dropped on an open briefing: add it as a source, or start a new briefing."""
    if not window.doc.briefing.sources:
        window.open_path(path)
        return
    choice = window.dialogs.ask_drop_action(path.name)
    if choice == "source":
        add_source_file(window, path)
    elif choice == "new":
        window.open_path(path)


# ----- removing ------------------------------------------------------------------------------
def remove_source(window: MainWindow, source_id: str | None = None) -> bool:
    """Remove a source (the one chosen in the Sources tab by default), one undo step.  Items that
    only it supports are deleted or kept as the analyst's own, as the analyst answers."""
    doc = window.doc
    source_id = source_id or window.sources_panel.current_id()
    source = doc.briefing.source(source_id) if source_id else None
    if source is None:
        window.statusBar().showMessage("Choose a source in the Sources list (View ▸ Sources) first", 5000)
        return False
    only = merge.items_only_from(doc.briefing, source.id)
    orphans = sum(len(ids) for ids in only.values())
    keep = False
    if orphans:
        choice = window.dialogs.ask_orphans(describe(doc.briefing, source), orphans)
        if choice == "cancel":
            return False
        keep = choice == "keep"
    result = merge.remove_source(doc.briefing, source.id, keep_orphans=keep)
    doc.push(ReplaceBriefing(doc, result, f"Remove source {describe(doc.briefing, source)}"))
    window.statusBar().showMessage(f"Removed source {describe(doc.briefing, source)}", 8000)
    return True


def describe(briefing: Briefing, source: Source) -> str:
    number = next((n for n, s in enumerate(briefing.sources, 1) if s.id == source.id), 0)
    name = source.title or source.file_name or "untitled"
    return f"{number} “{name}”" if number else f"“{name}”"


# ----- metadata ----------------------------------------------------------------------------
def set_source_field(window: MainWindow, source_id: str, field: str, value: Any) -> None:
    """One undoable metadata edit; a new published date also re-reads the source's timeline."""
    doc = window.doc
    source = doc.briefing.source(source_id)
    if source is None or getattr(source, field) == value:
        return
    command = SetSourceField(doc, source_id, field, value)
    doc.push(command)
    if field == "date" and value is not None:
        _redate(window, source_id, command)


def _redate(window: MainWindow, source_id: str, command: SetSourceField) -> None:
    from briefing.redate import replace_source_timeline

    source = window.doc.briefing.source(source_id)
    assert source is not None
    snapshot = source.model_copy(deep=True)
    job = Job(redate_in_child, snapshot, reports=True)
    window._jobs.add(job.signals)
    window._set_busy(+1, "Re-dating the timeline…")

    def done(events) -> None:
        window._finish_job(job.signals)
        doc = window.doc
        current = doc.briefing.source(source_id)
        if window._closed or current is None or current.date != snapshot.date:
            return  # undone or changed again meanwhile: this reading is out of date
        result = replace_source_timeline(doc.briefing, source_id, events)
        if result.timeline == doc.briefing.timeline:
            return
        # folds into the date edit when that is still the last step (one undo for both)
        doc.push(RedateTimeline(doc, result, source_id, command))
        window.statusBar().showMessage("Timeline re-dated from the published date", 6000)

    def failed(message: str) -> None:
        window._finish_job(job.signals)
        window.dialogs.show_error("Could not re-date the timeline", message)

    job.signals.finished.connect(done)
    job.signals.failed.connect(failed)
    job.signals.cancelled.connect(lambda: window._finish_job(job.signals))
    start_job(job)
