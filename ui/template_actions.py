"""Template menu entries of the main window: Save as Template…, New from Template…, Use
Template…, Templates… (the manager).

Kept out of ``main_window`` so the window only needs one call to add them.  The template a
briefing uses (and the marking and organisation it brings) is set with ``ApplyTemplate``, an
undo command, like every other model change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from briefing.errors import TemplateError
from briefing.model import CARD_NAMES, Briefing
from briefing.templates import CARD_TITLES, Template, get_template, list_templates

from . import file_actions
from .commands import ApplyTemplate

if TYPE_CHECKING:
    from .main_window import MainWindow


@dataclass
class TemplateSpec:
    """What the Save as Template dialog collects (arguments of ``save_as_template``)."""

    name: str
    base: str
    title: str = ""
    cards: list[str] = field(default_factory=list)
    boilerplate: dict[str, str] = field(default_factory=dict)
    style: dict[str, Any] = field(default_factory=dict)


class SaveTemplateDialog(QDialog):
    """Name, base, cards (tick and drag to order), boilerplate and accent colour."""

    def __init__(self, briefing: Briefing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Save as Template")
        self.briefing = briefing
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("e.g. sahel-desk")
        self.name.setAccessibleName("Template name")
        self.title = QLineEdit(self)
        self.title.setAccessibleName("Template title")
        self.base = QComboBox(self)
        self.base.setAccessibleName("Based on")
        for t in list_templates():
            self.base.addItem(t.title, t.name)
        self.base.setCurrentIndex(max(0, self.base.findData(briefing.template)))
        self.cards = QListWidget(self)
        self.cards.setAccessibleName("Cards and their order")
        self.cards.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.cards.setToolTip("Tick the cards to show; drag them into order")
        self.organisation = QLineEdit(self)
        self.distribution = QLineEdit(self)
        self.disclaimer = QPlainTextEdit(self)
        self.disclaimer.setMaximumHeight(70)
        self.accent = QLineEdit(self)
        self.accent.setAccessibleName("Accent colour")
        self.accent.setPlaceholderText("#1F4E79")
        pick = QPushButton("&Pick…", self)
        pick.clicked.connect(self._pick_colour)
        accent_row = QHBoxLayout()
        accent_row.addWidget(self.accent, 1)
        accent_row.addWidget(pick)

        form = QFormLayout(self)
        form.addRow("&Name:", self.name)
        form.addRow("&Title:", self.title)
        form.addRow("&Based on:", self.base)
        form.addRow("&Cards:", self.cards)
        form.addRow("&Organisation:", self.organisation)
        form.addRow("D&istribution:", self.distribution)
        form.addRow("Dis&claimer:", self.disclaimer)
        # a row holding a layout gets no buddy from addRow: without one, "&Accent" shows its "&"
        accent_label = QLabel("&Accent colour:", self)
        accent_label.setBuddy(self.accent)
        form.addRow(accent_label, accent_row)
        marking = QLineEdit(briefing.marking, self, readOnly=True)
        marking.setToolTip("The briefing's handling marking goes with the template (set it in Details)")
        form.addRow("Handling:", marking)  # the Details tab's word for it
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.base.currentIndexChanged.connect(lambda _i: self._fill_from_base())
        self._fill_from_base()

    def _fill_from_base(self) -> None:
        tpl = get_template(self.base.currentData())
        self.cards.clear()
        for card in tpl.cards + [c for c in CARD_NAMES if c not in tpl.cards]:
            item = QListWidgetItem(CARD_TITLES.get(card, card))
            item.setData(Qt.ItemDataRole.UserRole, card)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if card in tpl.cards else Qt.CheckState.Unchecked)
            self.cards.addItem(item)
        bp = tpl.boilerplate
        self.organisation.setText(self.briefing.organisation or str(bp.get("organisation", "")))
        self.distribution.setText(str(bp.get("distribution", "")))
        self.disclaimer.setPlainText(str(bp.get("disclaimer", "")))
        self.accent.setText(str(tpl.style.get("accent", "")))

    def _pick_colour(self) -> None:
        colour = QColorDialog.getColor(QColor(self.accent.text() or "#1F4E79"), self, "Accent colour")
        if colour.isValid():
            self.accent.setText(colour.name().upper())

    def spec(self) -> TemplateSpec:
        cards = [
            self.cards.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.cards.count())
            if self.cards.item(i).checkState() == Qt.CheckState.Checked
        ]
        style = {"accent": self.accent.text().strip()} if self.accent.text().strip() else {}
        return TemplateSpec(
            name=self.name.text().strip(),
            base=self.base.currentData(),
            title=self.title.text().strip(),
            cards=cards,
            boilerplate={
                "organisation": self.organisation.text().strip(),
                "distribution": self.distribution.text().strip(),
                "disclaimer": self.disclaimer.toPlainText().strip(),
            },
            style=style,
        )


# ------------------------------------------------------------------------------------ actions


def save_template(window: MainWindow, spec: TemplateSpec) -> Template | None:
    """Write the user template; errors (a taken name, a bad colour) go to a dialog."""
    from briefing.user_templates import save_as_template

    try:
        tpl = save_as_template(
            window.doc.briefing,
            spec.name,
            base=spec.base,
            title=spec.title,
            cards=spec.cards,
            boilerplate=spec.boilerplate,
            style=spec.style,
        )
    except TemplateError as exc:
        window.dialogs.show_error("Could not save the template", str(exc))
        return None
    window.statusBar().showMessage(f"Saved template {tpl.name} ({tpl.folder})", 8000)
    return tpl


def use_template(window: MainWindow, name: str) -> bool:
    """Apply a template's defaults to the open briefing, as one undo step."""
    from briefing.markings import lowers
    from briefing.user_templates import template_defaults

    try:
        tpl = get_template(name)
        values = template_defaults(tpl)
    except TemplateError as exc:
        window.dialogs.show_error("Could not use the template", str(exc))
        return False
    current = window.doc.briefing.marking
    proposed = values.get("marking")
    # a template may raise the handling marking; lowering it needs the user's explicit yes
    if proposed and lowers(current, proposed) and not window.dialogs.confirm_lower_marking(current, proposed):
        del values["marking"]
    window.doc.push(ApplyTemplate(window.doc, values, tpl.title))
    return True


def new_from_template(window: MainWindow, name: str, article: Path) -> None:
    """Extract ``article`` into a new briefing, then apply template ``name`` to it."""
    from .workers import extract_file

    if window.maybe_save():
        window._extract(extract_file, str(article), article.name, after=lambda: use_template(window, name))


def _choose_template(window: MainWindow, title: str) -> str | None:
    templates = list_templates()
    labels = [f"{t.title} ({t.name})" for t in templates]
    current = next((i for i, t in enumerate(templates) if t.name == window.doc.briefing.template), 0)
    label, ok = QInputDialog.getItem(window, title, "Template:", labels, current, False)
    return templates[labels.index(label)].name if ok and label in labels else None


def install(window: MainWindow, menu: QMenu) -> None:
    """Add the template entries to ``menu`` (the File menu)."""

    def save_as() -> None:
        dialog = SaveTemplateDialog(window.doc.briefing, window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            save_template(window, dialog.spec())

    def new_from() -> None:
        from .workers import article_suffixes

        name = _choose_template(window, "New Briefing from Template")
        if name:
            article = window.dialogs.choose_article(article_suffixes(), file_actions.start_dir(window))
            if article:
                new_from_template(window, name, Path(article))

    def use() -> None:
        name = _choose_template(window, "Use Template")
        if name:
            use_template(window, name)

    def manage() -> None:
        from .template_manager import TemplateManager

        sample = window.doc.briefing if window.doc.briefing.sources else None
        if sample is None:
            from briefing.user_templates import tiny_briefing

            sample = tiny_briefing()
        TemplateManager(sample, window).exec()

    window.template_actions = []
    for text, slot, tip in (
        ("New from &Template…", new_from, "Extract a briefing from an article, using a template's defaults"),
        ("Sa&ve as Template…", save_as, "Keep this briefing's template, cards, marking and boilerplate"),
        ("&Use Template…", use, "Show this briefing with another template (its marking and organisation)"),
        ("Mana&ge Templates…", manage, "Rename, duplicate, delete, import or export templates"),
    ):
        action = QAction(text, window)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        window.template_actions.append(action)
    menu.addSeparator()
    menu.addActions(window.template_actions)
