"""pytest-qt fixtures: an isolated settings/state folder, a window whose dialogs answer at once,
and a hand-made sample briefing whose evidence spans point into real article text."""

from __future__ import annotations

import os

# Without a platform, Qt aborts the interpreter on a headless machine; set it before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from briefing import storage
from briefing.model import Briefing, Force, KeyFact, OutlookItem, Place, Quote, Source, Span, TimelineEvent

REPO = Path(__file__).resolve().parents[2]
SAMPLE_ARTICLE = REPO / "assets" / "samples" / "niger-airbase-101.txt"


class FakeDialogs:
    """Stands in for ``ui.dialogs.Dialogs``: records every question and answers it at once."""

    def __init__(self) -> None:
        self.save_choice = "discard"
        self.restore = True
        self.article_path: str | None = None
        self.briefing_path: str | None = None
        self.url: str | None = None  # what the "user" types into Open URL…
        self.asked_url: list[str] = []  # the address each Open URL… dialog suggested
        self.save_path: str | None = None
        self.pdf_path: str | None = None
        self.export_choices: dict = {}  # ExportOptions fields the "user" picks in the dialog
        self.asked_save: list[str] = []
        self.asked_restore: list[tuple[Path | None, float]] = []
        self.errors: list[tuple[str, str]] = []
        self.abouts: list[str] = []
        self.lower_marking = False  # the answer to "Lower the handling marking?"
        self.asked_lower_marking: list[tuple[str, str]] = []
        self.overwrite = True  # the answer to "Replace file?"
        self.asked_overwrite: list[Path] = []
        # multi-source briefings (issue 13)
        self.source_paths: list[str] = []  # Add Source…'s chosen files
        self.pasted_source: tuple[str, str] | None = None  # (text, title), or None: cancelled
        self.drop_action = "source"  # "source" | "new" | "cancel"
        self.asked_drop: list[str] = []  # the (first) dropped article's name, per question
        self.asked_drop_counts: list[int] = []  # how many articles each question was about
        self.orphans_choice = "delete"  # "delete" | "keep" | "cancel"
        self.asked_orphans: list[tuple[str, int]] = []
        self.own_value: str | None = None

    def ask_save_changes(self, name: str) -> str:
        self.asked_save.append(name)
        return self.save_choice

    def ask_restore(self, original: Path | None, saved_at: float) -> bool:
        self.asked_restore.append((original, saved_at))
        return self.restore

    def show_error(self, title: str, message: str) -> None:
        self.errors.append((title, message))

    def confirm_lower_marking(self, current: str, proposed: str, source: str = "") -> bool:
        self.asked_lower_marking.append((current, proposed))
        return self.lower_marking

    def confirm_overwrite(self, path: Path) -> bool:
        self.asked_overwrite.append(path)
        return self.overwrite

    def choose_article(self, suffixes, start: str = "") -> str | None:
        return self.article_path

    def choose_briefing(self, start: str = "") -> str | None:
        return self.briefing_path

    def choose_sources(self, suffixes, start: str = "") -> list[str]:
        return list(self.source_paths)

    def ask_pasted_source(self) -> tuple[str, str] | None:
        return self.pasted_source

    def ask_drop_action(self, name: str, count: int = 1) -> str:
        self.asked_drop.append(name)
        self.asked_drop_counts.append(count)
        return self.drop_action

    def ask_orphans(self, source: str, count: int) -> str:
        self.asked_orphans.append((source, count))
        return self.orphans_choice

    def ask_own_value(self, field: str, current: str) -> str | None:
        return self.own_value

    def ask_url(self, suggested: str = "") -> str | None:
        self.asked_url.append(suggested)
        return self.url

    def choose_save_path(self, suggested: str) -> str | None:
        return self.save_path

    def choose_export(self, options):
        if not self.pdf_path:
            return None
        options.path = self.pdf_path
        for key, value in self.export_choices.items():
            setattr(options, key, value)
        return options

    def show_shortcuts(self, rows) -> None:
        self.shown_shortcuts = list(rows)

    def about(self, version: str) -> None:
        self.abouts.append(version)


@pytest.fixture(scope="session", autouse=True)
def empty_clipboard_at_exit(qapp):
    """Qt's offscreen platform crashes at exit (SIGSEGV, exit 139) when the clipboard still holds
    mime data, as after the Copy Briefing tests; xcb does not.  Emptying it last keeps the run's
    exit status the tests' own."""
    yield
    qapp.clipboard().clear()


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings, recent files and autosaves go to tmp_path, never to the developer's home."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # user templates
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    return tmp_path


def _span(source: Source, words: str) -> Span:
    start = source.text.index(words)
    return Span(source_id=source.id, start=start, end=start + len(words))


def make_sample(text: str | None = None) -> Briefing:
    """A briefing as an analyst might have finished it, built by hand (no NLP involved)."""
    source = Source(
        text=text or SAMPLE_ARTICLE.read_text("utf-8"), title="Russian troops enter Niger airbase"
    )
    quote = "[The situation] is not great but, in the short-term, manageable"
    assert quote in source.text
    return Briefing(
        title="Russian forces at Airbase 101",
        author="A. Analyst",
        organisation="Desk 4",
        marking="TLP:AMBER",
        sources=[source],
        situation={
            "bluf": "Russian personnel now share Airbase 101 with departing US troops.",
            "bluf_evidence": [_span(source, "Russian military personnel have entered an airbase in Niger")],
            "key_facts": [
                KeyFact(label="where", text="Airbase 101, Niamey", evidence=[_span(source, "Niamey")])
            ],
        },
        forces=[
            Force(
                actor="US",
                strength=1000,
                qualifier="nearly",
                status="withdrawing",
                evidence=[_span(source, "nearly 1,000 US military personnel")],
            ),
            Force(
                actor="Russia",
                unit_type="military personnel",
                location="Airbase 101",
                evidence=[_span(source, "Russian military personnel")],
            ),
            Force(
                actor="ISIL",
                description="affiliates in the Sahel",
                evidence=[_span(source, "al-Qaeda affiliates")],
            ),
        ],
        quotes=[
            Quote(
                text=quote,
                speaker="senior US defence official",
                speaker_role="official",
                evidence=[_span(source, quote)],
            ),
            Quote(
                text="Russian troops were not mingling with US forces",
                speaker="official",
                kind="indirect",
                evidence=[_span(source, "Russian troops were not mingling with US forces")],
            ),
        ],
        outlook=[
            OutlookItem(
                statement="US withdrawal completes within months",
                likelihood="likely",
                evidence=[_span(source, "completion of the US withdrawal")],
            ),
        ],
        timeline=[
            TimelineEvent(
                date="2023-07",
                date_text="July last year",
                event="Military coup in Niger",
                evidence=[_span(source, "military coup in July last year")],
            )
        ],
        places=[
            Place(
                name="Niamey",
                kind="city",
                country_code="NE",
                lat=13.51,
                lon=2.11,
                evidence=[_span(source, "Niamey")],
            )
        ],
    )


@pytest.fixture
def sample() -> Briefing:
    return make_sample()


@pytest.fixture
def sample_file(tmp_path: Path, sample: Briefing) -> Path:
    path = tmp_path / "niger.briefing"
    storage.save(sample, path, touch=False)
    return path


@pytest.fixture
def make_window(qtbot):
    """Build shown windows whose dialogs are ``FakeDialogs``; closed (answering Discard) at teardown."""
    from ui.main_window import MainWindow

    def factory(**kwargs) -> MainWindow:
        window = MainWindow(**kwargs)
        window.dialogs = FakeDialogs()
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return factory


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def extract_available() -> None:
    """The real NLP extraction is part of the app: tests that use it must not skip."""
