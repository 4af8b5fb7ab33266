"""The editor as a whole, as a keyboard user meets it: shortcuts and mnemonics, dialogs' default
buttons and Esc, and the narrow (1024 px) window the analyst's laptop gives."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QMessageBox

from briefing.templates import list_templates
from ui.dialogs import Dialogs
from ui.export_dialog import ExportDialog, ExportOptions
from ui.paste_source_dialog import PasteSourceDialog


def _menus(window) -> list[QMenu]:
    """Every menu of the menu bar, and their submenus (Open Recent)."""
    found = []
    for action in window.menuBar().actions():
        menu = action.menu()
        if menu is not None:
            found.append(menu)
            found += [a.menu() for a in menu.actions() if a.menu() is not None]
    return found


def _mnemonic(text: str) -> str | None:
    plain = text.replace("&&", "")
    at = plain.find("&")
    return plain[at + 1].lower() if 0 <= at < len(plain) - 1 else None


def test_no_two_menu_actions_share_a_shortcut(window) -> None:
    keys = []
    for menu in _menus(window):
        for action in menu.actions():
            keys += [k.toString() for k in action.shortcuts() if not k.isEmpty()]
    # the window-wide actions outside the menus (none today) count too
    for action in window.findChildren(QAction):
        window_wide = action.shortcutContext() == Qt.ShortcutContext.WindowShortcut
        if action.parent() is window and window_wide and not any(action in m.actions() for m in _menus(window)):
            keys += [k.toString() for k in action.shortcuts() if not k.isEmpty()]
    assert len(keys) > 20
    assert [key for key, n in Counter(keys).items() if n > 1] == []


def test_the_common_commands_have_the_platform_keys(window) -> None:
    K = QKeySequence.StandardKey
    for action, key in (
        (window.new_action, K.New),
        (window.open_action, K.Open),
        (window.save_action, K.Save),
        (window.save_as_action, K.SaveAs),
        (window.quit_action, K.Quit),
        (window.undo_action, K.Undo),
        (window.redo_action, K.Redo),
        (window.find_action, K.Find),
        (window.copy_action, K.Copy),
    ):
        assert action.shortcut() == QKeySequence(key), action.text()
    assert window.open_url_action.shortcut() == QKeySequence("Ctrl+L")  # the browsers' address key


def test_every_menu_and_menu_item_has_its_own_mnemonic(window) -> None:
    bar = [_mnemonic(a.text()) for a in window.menuBar().actions()]
    assert None not in bar and len(set(bar)) == len(bar)
    window.recent.add(window.doc.path or __file__)  # Open Recent with an entry in it
    window.recent_menu.aboutToShow.emit()
    for menu in _menus(window):
        items = [a for a in menu.actions() if not a.isSeparator()]
        letters = [_mnemonic(a.text()) for a in items]
        missing = [a.text() for a, letter in zip(items, letters, strict=True) if letter is None]
        # "Clear Menu" and "No recent files" are Qt's own wording for the recent list
        assert [t for t in missing if t not in ("Clear Menu", "No recent files")] == [], menu.title()
        taken = [letter for letter in letters if letter]
        assert [k for k, n in Counter(taken).items() if n > 1] == [], menu.title()


def test_the_export_dialog_names_its_file_field_without_a_stray_ampersand(qtbot, tmp_path) -> None:
    templates = [(t.name, t.title, t.kind) for t in list_templates()]
    dialog = ExportDialog(ExportOptions(str(tmp_path / "brief.pdf"), "sitrep"), templates)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = {label.text(): label for label in dialog.findChildren(QLabel)}
    assert labels["&File:"].buddy() is dialog.path  # shown as "File:" with F underlined, not "&File:"
    for text in ("F&ormat:", "&Template:", "&Paper size:", "&Handling:"):
        assert labels[text].buddy() is not None, text
    # the format comes before the template it decides
    assert labels["F&ormat:"].geometry().top() < labels["&Template:"].geometry().top()


def test_a_word_template_opens_the_export_dialog_with_a_docx_name(qtbot, tmp_path) -> None:
    templates = [(t.name, t.title, t.kind) for t in list_templates()]
    dialog = ExportDialog(ExportOptions(str(tmp_path / "brief.pdf"), "word-brief"), templates)
    qtbot.addWidget(dialog)
    assert dialog.options().format == "docx"
    assert dialog.options().path.endswith("brief.docx")  # not Word bytes in a file named .pdf


def test_the_export_dialog_exports_on_enter_and_cancels_on_esc(qtbot, tmp_path) -> None:
    templates = [(t.name, t.title, t.kind) for t in list_templates()]
    dialog = ExportDialog(ExportOptions(str(tmp_path / "brief.pdf"), "sitrep"), templates)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(dialog.rejected):
        QTest.keyClick(dialog, Qt.Key.Key_Escape)
    dialog.show()
    dialog.path.setFocus()
    with qtbot.waitSignal(dialog.accepted):
        QTest.keyClick(dialog.path, Qt.Key.Key_Return)


def test_the_next_export_starts_from_the_last_ones_format(qtbot, window, sample_file, tmp_path) -> None:
    window.load_briefing(sample_file)
    offered: list[ExportOptions] = []
    choose = window.dialogs.choose_export

    def recording(options):
        offered.append(ExportOptions(**vars(options)))
        return choose(options)

    window.dialogs.choose_export = recording
    existing = tmp_path / "out.docx"
    existing.write_bytes(b"")
    window.dialogs.pdf_path = str(existing)
    window.dialogs.export_choices = {"format": "docx", "page_size": "Letter"}
    window.dialogs.overwrite = False  # stop before writing: the choices are what matter here
    window.export_action.trigger()
    assert offered[0].format == "pdf" and offered[0].path.endswith("niger.pdf")  # first time: PDF
    window.export_action.trigger()
    assert offered[1].format == "docx" and offered[1].page_size == "Letter"
    assert offered[1].path.endswith("niger.docx")


def test_every_cards_tab_keeps_its_whole_name_in_a_1024_px_window(qtbot, window, sample_file) -> None:
    window.load_briefing(sample_file)
    window.resize(1600, 900)
    qtbot.waitUntil(lambda: window.cards.width() > 700)
    titles = [window.cards.tabText(i) for i in range(window.cards.count())]
    assert "Forces 3" in titles and "Quotes 2" in titles  # room enough: the counts are shown
    window.resize(1024, 640)
    qtbot.waitUntil(lambda: window.cards.width() < 600)
    bar = window.cards.tabBar()
    assert bar.sizeHint().width() <= window.cards.width()  # nothing elided to "Forc…"
    titles = [window.cards.tabText(i) for i in range(window.cards.count())]
    assert titles[:4] == ["Situation", "Forces", "Quotes", "Outlook"]
    forces = window.cards.indexOf(window.cards.tables["forces"])
    assert "(3 items)" in window.cards.tabToolTip(forces)  # the count is still one hover away


def test_a_narrow_forces_table_leaves_the_description_readable(qtbot, window, sample_file) -> None:
    window.load_briefing(sample_file)
    window.resize(1024, 640)
    window.cards.show_list("forces")
    table = window.cards.tables["forces"]
    qtbot.waitUntil(lambda: table.isVisible())
    table._fit_columns()
    prose = next(col for col, column in enumerate(table.spec.columns) if column.stretch)
    em = table.fontMetrics().horizontalAdvance("M")
    assert table.view.columnWidth(prose) >= em * 8


def test_the_two_halves_of_a_grade_are_labelled(window) -> None:
    form = window.sources_panel.form
    labels = {label.buddy(): label.text() for label in form.findChildren(QLabel) if label.buddy()}
    assert labels[form.reliability] == "Rel&iability:" and labels[form.credibility] == "Cre&dibility:"
    assert form.reliability.itemText(0) != form.credibility.itemText(0)  # "— not graded (A–F)" / (1–6)
    assert labels[form.fields["url"]] == "U&RL:"  # A&uthor keeps Alt+U
    letters = [text.replace("&&", "").split("&")[1][0].lower() for text in labels.values()]
    assert len(set(letters)) == len(letters)


def _ctrl_enter(dialog) -> None:
    """Press Ctrl+Enter in the dialog.  Offscreen, under pytest, no window becomes active, so the
    window's shortcut map never sees the key: its shortcut is activated as the map would."""
    (shortcut,) = [s for s in dialog.findChildren(QShortcut) if s.key() == QKeySequence("Ctrl+Return")]
    shortcut.activated.emit()


def test_pasting_a_source_starts_in_the_text_and_ctrl_enter_adds_it(qtbot, window) -> None:
    QGuiApplication.clipboard().setText("")
    dialog = PasteSourceDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.text  # nothing to paste yet: the cursor waits where the text goes
    _ctrl_enter(dialog)
    assert dialog.isVisible() and dialog.result() == 0  # no text: Ctrl+Enter does nothing
    QTest.keyClicks(dialog.text, "Rebels held the port on Tuesday.")
    with qtbot.waitSignal(dialog.accepted):
        _ctrl_enter(dialog)

    QGuiApplication.clipboard().setText("An article on the clipboard.")
    again = PasteSourceDialog(window)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.focusWidget() is again.title  # the text is in: the headline is what is left to type


def test_the_drop_question_for_several_articles_defaults_to_adding_and_esc_cancels(qtbot, window) -> None:
    seen: dict[str, str] = {}

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, answer)
            return
        seen["default"] = box.defaultButton().text()
        seen["buttons"] = " | ".join(b.text() for b in box.buttons())
        QTest.keyClick(box, Qt.Key.Key_Escape)

    QTimer.singleShot(50, answer)
    assert Dialogs(window).ask_drop_action("first.txt", 3) == "cancel"
    assert seen["default"] == "&Add 3 as Sources"
    assert "&New Briefing from the First" in seen["buttons"]


def test_no_label_on_any_tab_takes_a_menu_bar_letter_or_another_labels(qtbot, window, sample_file) -> None:
    # Alt+H opens Help and Alt+E opens Edit whatever card is showing: two owners of one Alt+letter
    # make Qt call the shortcut ambiguous, and then neither works
    window.load_briefing(sample_file)
    bar = [_mnemonic(a.text()) for a in window.menuBar().actions()]
    for index in range(window.cards.count()):
        window.cards.setCurrentIndex(index)
        qtbot.wait(10)
        labels = [
            label for label in window.findChildren(QLabel)
            if label.buddy() is not None and label.isVisible() and _mnemonic(label.text())
        ]
        letters = bar + [_mnemonic(label.text()) for label in labels]
        clashes = [k for k, n in Counter(letters).items() if n > 1]
        assert clashes == [], (window.cards.tabText(index), clashes)
    # an item's detail labels its fields for Alt too: Forces has Actor, Strength, …
    window.cards.show_list("forces")
    detail = window.cards.tables["forces"].detail
    marked = [label.text() for label in detail.findChildren(QLabel) if label.buddy() is not None]
    assert all(_mnemonic(text) for text in marked) and len(marked) >= 6


def test_generated_mnemonics_move_a_letter_rather_than_leave_a_field_bare() -> None:
    from ui.mnemonics import assign

    # greedy, "Status" would find s, t and a gone to Strength, Unit type and Actor
    marked = assign(["Actor", "Strength", "Unit type", "Status"])
    assert all(_mnemonic(text) for text in marked)
    assert len({_mnemonic(text) for text in marked}) == 4
    assert assign(["R&D"]) == ["&R&&D"]  # a literal "&" stays a character
    assert assign(["Fee"]) == ["Fee"]  # f and e belong to the File and Edit menus: left bare


def _answer_modal(check) -> None:
    """Once a modal dialog is up, hand it to ``check`` (which closes it)."""

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(50, look)
            return
        check(dialog)

    QTimer.singleShot(50, look)


def test_open_url_says_open_offers_the_suggestion_and_esc_cancels(qtbot, window) -> None:
    from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

    seen: dict[str, str] = {}

    def cancel(dialog) -> None:
        box = dialog.findChild(QDialogButtonBox)
        seen["ok"] = box.button(QDialogButtonBox.StandardButton.Ok).text()
        seen["text"] = dialog.findChild(QLineEdit).text()
        QTest.keyClick(dialog.findChild(QLineEdit), Qt.Key.Key_Escape)

    _answer_modal(cancel)
    assert Dialogs(window).ask_url("https://example.org/a") is None
    assert seen == {"ok": "&Open", "text": "https://example.org/a"}

    def accept(dialog) -> None:
        field = dialog.findChild(QLineEdit)
        field.setText("  https://example.org/b  ")
        QTest.keyClick(field, Qt.Key.Key_Return)  # Open is the default button

    _answer_modal(accept)
    assert Dialogs(window).ask_url() == "https://example.org/b"


def test_a_long_source_name_in_the_pane_title_ends_in_an_ellipsis(qtbot, window) -> None:
    from briefing.model import Briefing, Source

    long_name = "A very long outlet name that no narrow source pane could ever show in full"
    sources = [Source(text="One.", title="a", outlet=long_name), Source(text="Two.", title="b", outlet="Wire")]
    window.doc.replace(Briefing(title="t", sources=sources), None)
    window.resize(1024, 640)
    window.source_view.set_source(sources[0])
    title = window.source_title
    assert title.text() == f"Source [1] {long_name}"  # the whole name is kept (and read aloud)
    qtbot.waitUntil(lambda: title.width() > 0)
    assert title.is_elided() and title.elided_text().endswith("…")
    image = title.grab()  # painted without error, cut at the pane's edge
    assert image.width() == title.width()


def test_altgr_is_not_read_as_ctrl_alt_on_windows() -> None:
    from ui.app import platform_arguments

    # Ctrl+Alt+Q and Ctrl+Alt+C are ours; AltGr+Q is "@" in German, AltGr+C "ć" in Polish
    assert platform_arguments("win32", {}) == {"QT_QPA_PLATFORM": "windows:altgr"}
    assert platform_arguments("win32", {"QT_QPA_PLATFORM": "offscreen"}) == {}  # the user's choice
    assert platform_arguments("linux", {}) == {}  # X11 and Wayland tell AltGr apart already


def test_the_map_names_the_places_it_could_not_place_and_links_to_them(qtbot, window, sample) -> None:
    from briefing.model import Place

    sample.places.append(Place(name="Camp <Nowhere>", kind="base"))  # no coordinates
    window.doc.replace(sample, None)
    view = window.cards.map_view
    window.cards.setCurrentWidget(view)
    qtbot.waitUntil(lambda: "not on the map" in view.status.text(), timeout=10000)
    assert "1 of 2 places have coordinates (not on the map: Camp &lt;Nowhere&gt;)" in view.status.text()
    view.status.linkActivated.emit("places")  # the analyst clicks "Places tab"
    assert window.cards.currentWidget() is window.cards.tables["places"]


def test_an_unsaved_briefing_exports_under_its_title_to_a_real_folder(qtbot, window, sample, tmp_path) -> None:
    from pathlib import Path

    window.doc.replace(sample, None, unsaved=True)  # extracted, never saved: no folder of its own
    offered: list[str] = []
    choose = window.dialogs.choose_export

    def recording(options):
        offered.append(options.path)
        return choose(options)

    window.dialogs.choose_export = recording
    window.dialogs.pdf_path = str(tmp_path / "desk" / "first.pdf")
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "first.pdf").write_bytes(b"")
    window.dialogs.overwrite = False  # stop before writing
    window.export_action.trigger()
    first = Path(offered[0])
    assert first.is_absolute() and first.name == "Russian forces at Airbase 101.pdf"
    window.export_action.trigger()
    assert Path(offered[1]) == tmp_path / "desk" / "Russian forces at Airbase 101.pdf"  # the last folder


def test_help_lists_the_keyboard_shortcuts_from_the_menus_themselves(qtbot, window) -> None:
    from PySide6.QtWidgets import QTableWidget

    window.shortcuts_action.trigger()
    rows = window.dialogs.shown_shortcuts
    native = QKeySequence.SequenceFormat.NativeText
    assert ("File", "New from Article…", QKeySequence("Ctrl+N").toString(native)) in rows
    assert ("File", "Open URL…", QKeySequence("Ctrl+L").toString(native)) in rows
    assert ("Edit", "Copy Card", QKeySequence("Ctrl+Alt+C").toString(native)) in rows
    assert ("Help", "Keyboard Shortcuts", QKeySequence("Ctrl+/").toString(native)) in rows
    assert len(rows) >= 20

    seen: dict[str, int] = {}

    def close(dialog) -> None:
        seen["rows"] = dialog.findChild(QTableWidget).rowCount()
        QTest.keyClick(dialog, Qt.Key.Key_Escape)

    _answer_modal(close)
    Dialogs(window).show_shortcuts(rows)  # the real dialog: a table, and Esc closes it
    assert seen["rows"] == len(rows)
