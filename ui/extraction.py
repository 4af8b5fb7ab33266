"""Extraction in the background, shown in the status bar with its progress and a Cancel button.

The window starts one extraction at a time through :func:`run`; what happens to the result is the
caller's ``on_result`` (a new briefing replaces the document; an added source is merged as one
undo step).  The GUI thread only starts the job and takes its result.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from briefing.model import Briefing

from .workers import Job, start_job

if TYPE_CHECKING:
    from .main_window import MainWindow


def run(
    window: MainWindow,
    fn: Callable[..., Any],
    arg: Any,
    label: str,
    on_result: Callable[[Any], None],
    *,
    verb: str = "Extracting",
    failure_title: str = "Could not read the article",
    on_end: Callable[[bool], None] | None = None,
) -> Job:
    """Run ``fn(arg, progress=…)`` off the GUI thread; ``on_result(result)`` runs on it after.

    A long article shows its progress and can be cancelled (the status bar's Cancel, or Esc);
    cancelling keeps the open document as it was.  ``on_end(cancelled)`` runs after any outcome
    (the source queue starts its next article from it).
    """
    job = Job(fn, arg, reports=True)
    window._jobs.add(job.signals)
    window._extraction = job
    window._set_busy(+1, f"{verb} {label}…")
    window.cancel_button.show()
    window.cancel_shortcut.setEnabled(True)

    def finish() -> None:
        window._finish_job(job.signals)
        if window._extraction is job:
            window._extraction = None
            window.cancel_button.hide()
            window.cancel_shortcut.setEnabled(False)
            window.progress.setRange(0, 0)

    def ended(was_cancelled: bool) -> None:
        if on_end is not None and not window._closed:
            on_end(was_cancelled)

    def done(result: Any) -> None:
        finish()
        if window._closed:  # the window went away while spaCy worked
            return
        on_result(result)
        ended(False)

    def failed(message: str) -> None:
        finish()
        window.dialogs.show_error(failure_title, message)
        ended(False)

    def cancelled() -> None:
        finish()
        window.statusBar().showMessage(f"Cancelled {verb.lower()} {label}", 8000)
        ended(True)

    def progressed(share: float) -> None:
        if window._extraction is job:
            window.progress.setRange(0, 100)
            window.progress.setValue(round(share * 100))

    job.signals.finished.connect(done)
    job.signals.failed.connect(failed)
    job.signals.cancelled.connect(cancelled)
    job.signals.progress.connect(progressed)
    start_job(job)
    return job


def counts(window: MainWindow) -> str:
    return ", ".join(
        f"{len(window.doc.items(name))} {name}" for name in ("forces", "quotes", "outlook", "timeline")
    )


def new_briefing(window: MainWindow, label: str, after: Callable[[], None] | None = None):
    """``on_result`` for New from Article: the extracted briefing becomes the open document."""

    def apply(briefing: Briefing) -> None:
        window.doc.replace(briefing, None, unsaved=True)
        if after is not None:
            after()
        window.statusBar().showMessage(f"Extracted {label}: {counts(window)}", 8000)

    return apply
