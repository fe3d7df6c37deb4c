"""The one object behind every question: real boxes where it matters, so Enter never destroys.

Most tests answer questions through ``tests/helpers/scripted_prompts.py``; these use the real
:class:`~desktop_app.ui.prompts.Prompts`, press keys on the box a user would see,
and check what happened to the data.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QCalendarWidget, QDialogButtonBox, QMessageBox, QPushButton, QWidget

from desktop_app.services.applications import pipeline as application_service
from desktop_app.services.vault import qualifications as vault_service
from desktop_app.ui import prompts as prompts_module
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.prompts import Prompts, filter_extensions, with_filter_extension
from tests.helpers.fake_opener import FakeOpener
from tests.helpers.scripted_prompts import CANCELLED, ScriptedPrompts


def answer_next_modal(qtbot: Any, answer: Callable[[QWidget], None]) -> list[str]:
    """Hand the next modal window, once it is up (inside its ``exec()``), to ``answer``.

    Returns a list that gets the modal's object name, then "still open" if ``answer``
    left it open (it is then closed, so a broken question fails the test instead of
    hanging it).
    """
    seen: list[str] = []
    tries = [500]

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            tries[0] -= 1
            if tries[0]:
                QTimer.singleShot(10, poll)
            return
        seen.append(modal.objectName())
        answer(modal)
        if modal.isVisible():
            seen.append("still open")
            modal.close()

    QTimer.singleShot(0, poll)
    return seen


def press(qtbot: Any, key: Qt.Key) -> Callable[[QWidget], None]:
    """Press ``key`` where the keyboard focus is in the modal, as a user would."""
    return lambda modal: qtbot.keyClick(modal.focusWidget() or modal, key)


def click_button(qtbot: Any, name: str) -> Callable[[QWidget], None]:
    return lambda modal: qtbot.mouseClick(modal.findChild(QPushButton, name), Qt.MouseButton.LeftButton)


@pytest.fixture
def real_prompts(main_window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> Prompts:
    """The real dialogs, in place of the scripted ones of the ``context`` fixture."""
    real = Prompts()
    monkeypatch.setattr(main_window.context, "prompts", real)
    return real


# ---------------------------------------------------------------- the destructive question itself

def test_cancel_is_the_default_and_the_escape_button_of_a_destructive_question(qtbot: Any) -> None:
    box, action = Prompts().build_confirmation(None, "Delete qualification", "Delete “BSc”?", "Delete")
    qtbot.addWidget(box)
    cancel = box.button(QMessageBox.StandardButton.Cancel)
    assert action.text() == "Delete" and box.buttonRole(action) == QMessageBox.ButtonRole.DestructiveRole
    assert box.defaultButton() is cancel and box.escapeButton() is cancel
    assert cancel.isDefault() and not action.isDefault()
    assert box.windowTitle() == "Delete qualification" and box.text() == "Delete “BSc”?"


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape])
def test_enter_and_escape_never_confirm(qtbot: Any, key: Qt.Key) -> None:
    seen = answer_next_modal(qtbot, press(qtbot, key))
    assert Prompts().confirm_destructive(None, "Delete", "Delete it?", "Delete") is False
    assert seen == ["confirm_destructive"]


def test_only_the_named_button_confirms(qtbot: Any) -> None:
    seen = answer_next_modal(qtbot, click_button(qtbot, "confirm_destructive_action"))
    assert Prompts().confirm_destructive(None, "Delete", "Delete it?", "Delete") is True
    assert seen == ["confirm_destructive"]


def test_a_harmless_question_answers_yes_to_enter_and_no_to_escape(qtbot: Any) -> None:
    def ask() -> bool:
        return Prompts().ask_yes_no(None, "Afterview", "The data is damaged.", yes_label="Restore the backup",
                                    no_label="Quit", details="The damaged data is kept aside.")

    seen = answer_next_modal(qtbot, press(qtbot, Qt.Key.Key_Return))
    assert ask() is True and seen == ["ask_yes_no"]
    seen = answer_next_modal(qtbot, press(qtbot, Qt.Key.Key_Escape))
    assert ask() is False and seen == ["ask_yes_no"]


# ---------------------------------------------------------------- journeys: Enter keeps the data

def test_enter_on_delete_qualification_keeps_it(qtbot: Any, main_window: MainWindow, real_prompts: Prompts) -> None:
    qid = vault_service.create_qualification({"title": "BSc (Hons) Mathematics", "institution": "University of Leeds"})
    tab = main_window.show_tab(3)
    tab.refresh()
    assert tab.qualifications.select_row(lambda r: r.id == qid)

    seen = answer_next_modal(qtbot, press(qtbot, Qt.Key.Key_Return))
    qtbot.mouseClick(tab.buttons["delete_qualification"], Qt.MouseButton.LeftButton)
    assert seen == ["confirm_destructive"]
    assert [r.id for r in vault_service.list_qualification_rows()] == [qid]
    assert tab.qualifications.visible_count() == 1

    seen = answer_next_modal(qtbot, press(qtbot, Qt.Key.Key_Escape))
    qtbot.mouseClick(tab.buttons["delete_qualification"], Qt.MouseButton.LeftButton)
    assert seen == ["confirm_destructive"] and len(vault_service.list_qualification_rows()) == 1

    seen = answer_next_modal(qtbot, click_button(qtbot, "confirm_destructive_action"))
    qtbot.mouseClick(tab.buttons["delete_qualification"], Qt.MouseButton.LeftButton)
    assert seen == ["confirm_destructive"] and vault_service.list_qualification_rows() == []
    assert tab.qualifications.visible_count() == 0


def test_enter_on_delete_application_keeps_it(qtbot: Any, demo_store: Path) -> None:
    from desktop_app.ui.context import AppContext

    window = MainWindow(AppContext.create(demo_store))  # the real prompts
    qtbot.addWidget(window)
    tab = window.show_tab(1)
    before = tab.panel.visible_count()
    assert tab.panel.select_row(lambda r: r.role == "Business Intelligence Analyst")

    seen = answer_next_modal(qtbot, press(qtbot, Qt.Key.Key_Return))
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert seen == ["confirm_destructive"]
    assert tab.panel.visible_count() == before
    assert any(r.role == "Business Intelligence Analyst" for r in application_service.list_application_rows())

    seen = answer_next_modal(qtbot, click_button(qtbot, "confirm_destructive_action"))
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert seen == ["confirm_destructive"] and tab.panel.visible_count() == before - 1


# ---------------------------------------------------------------- file pickers and the date

def test_filter_extensions_and_the_added_extension() -> None:
    assert filter_extensions("Spreadsheet (*.csv)") == [".csv"]
    assert filter_extensions("Contacts (*.vcf *.vcard)") == [".vcf", ".vcard"]
    assert filter_extensions("Afterview backup (*.afterview-backup)") == [".afterview-backup"]
    assert filter_extensions("All files (*)") == []
    assert with_filter_extension(Path("/home/sam/pack"), "PDF (*.pdf)") == Path("/home/sam/pack.pdf")
    assert with_filter_extension(Path("/home/sam/Pack.PDF"), "PDF (*.pdf)") == Path("/home/sam/Pack.PDF")
    assert with_filter_extension(Path("/home/sam/v1.2"), "PDF (*.pdf)") == Path("/home/sam/v1.2.pdf")
    assert with_filter_extension(Path("/home/sam/me.vcard"), "Contacts (*.vcf *.vcard)") == Path("/home/sam/me.vcard")
    assert with_filter_extension(Path("/home/sam/notes"), "All files (*)") == Path("/home/sam/notes")


def test_save_path_starts_at_home_and_adds_the_chosen_filters_extension(monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    calls: list[tuple[Any, ...]] = []
    answers = iter([("/tmp/out/calendar", "Calendar (*.ics)"), ("", "")])

    def fake(*args: Any) -> tuple[str, str]:
        calls.append(args)
        return next(answers)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    prompts = Prompts()
    chosen = prompts.save_path(None, "Export calendar", "afterview.ics", "Calendar (*.ics)")
    assert chosen == Path("/tmp/out/calendar.ics")
    assert calls[0][1:] == ("Export calendar", str(Path.home() / "afterview.ics"), "Calendar (*.ics)")
    assert prompts.save_path(None, "Export calendar", "afterview.ics", "Calendar (*.ics)") is None


def test_ask_date_opens_on_the_initial_day_and_refuses_days_before_the_minimum(qtbot: Any) -> None:
    shown: dict[str, Any] = {}

    def ok(modal: QWidget) -> None:
        calendar = modal.findChild(QCalendarWidget, "ask_date_calendar")
        shown["minimum"], shown["selected"] = calendar.minimumDate().toPython(), calendar.selectedDate().toPython()
        buttons = modal.findChild(QDialogButtonBox)
        qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    seen = answer_next_modal(qtbot, ok)
    picked = Prompts().ask_date(None, "Snooze until", "Show this item again on:", minimum=date(2026, 11, 26),
                                initial=date(2026, 12, 2))
    assert seen == ["ask_date"] and picked == date(2026, 12, 2)
    assert shown == {"minimum": date(2026, 11, 26), "selected": date(2026, 12, 2)}

    seen = answer_next_modal(qtbot, press(qtbot, Qt.Key.Key_Escape))
    assert Prompts().ask_date(None, "Snooze until", "Show this item again on:") is None and seen == ["ask_date"]


# ---------------------------------------------------------------- the scripted stand-in stays honest

def test_the_scripted_prompts_stand_in_for_every_question() -> None:
    shown = {name for name, _ in inspect.getmembers(Prompts, inspect.isfunction)
             if not name.startswith(("_", "build_"))}
    assert shown == set(CANCELLED)
    for name in shown:
        assert name in vars(ScriptedPrompts), f"ScriptedPrompts would show a real dialog for {name}"
        real, fake = inspect.signature(getattr(Prompts, name)), inspect.signature(getattr(ScriptedPrompts, name))
        assert list(real.parameters) == list(fake.parameters), name


def test_nothing_in_the_ui_asks_past_the_prompts() -> None:
    """Only ``ui/prompts.py`` builds a message box, file dialog or print dialog."""
    package = Path(prompts_module.__file__).parent
    offenders = []
    for path in package.rglob("*.py"):
        if path.name == "prompts.py":
            continue
        text = path.read_text(encoding="utf-8")
        for needle in ("QMessageBox", "QFileDialog", "QInputDialog", "QPrintDialog"):
            if needle in text:
                offenders.append(f"{path.relative_to(package)}: {needle}")
    assert offenders == []


# ---------------------------------------------------------------- hand-offs to the system (issue #18)

def test_nothing_answered_offers_copy_and_copy_copies(qtbot: Any) -> None:
    QApplication.clipboard().clear()
    seen = answer_next_modal(qtbot, click_button(qtbot, "nothing_answered_copy"))
    prompts_module.hand_off_failed(Prompts(), None, "Open in email app", "No email app",
                                   "Copy the message and paste it into your email.",
                                   copy_text="Subject\n\nDear Priya,", copy_label="Copy message")
    assert seen == ["nothing_answered"]
    assert QApplication.clipboard().text() == "Subject\n\nDear Priya,"


def test_nothing_answered_without_a_copy_is_closed_by_enter(qtbot: Any) -> None:
    seen = answer_next_modal(qtbot, press(qtbot, Qt.Key.Key_Return))
    Prompts().nothing_answered(None, "Open", "No file manager answered.")
    assert seen == ["nothing_answered"]


def test_help_open_data_folder_says_so_when_no_file_manager_answers(
        qtbot: Any, main_window: MainWindow, prompts: ScriptedPrompts, no_opener: FakeOpener) -> None:
    """The tester's finding: xdg-open said "no method available" (exit 3) and the window said nothing."""
    main_window.open_folder_action.trigger()
    qtbot.waitUntil(lambda: prompts.asked_of("nothing_answered") != [])
    assert no_opener.opened() == [str(main_window.context.data_dir)]
    [asked] = prompts.asked_of("nothing_answered")
    assert asked.text.startswith("No file manager answered.") and str(main_window.context.data_dir) in asked.text
    assert asked.details["copy_text"] == str(main_window.context.data_dir)


def test_the_about_box_button_says_so_too(qtbot: Any, store: Path, prompts: ScriptedPrompts,
                                          no_opener: FakeOpener) -> None:
    from desktop_app.ui.dialogs import about_dialog

    dialog = about_dialog.AboutDialog(store, prompts=prompts)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: prompts.asked_of("nothing_answered") != [])
    assert no_opener.opened() == [str(store)]
    assert [a.details["copy_text"] for a in prompts.asked_of("nothing_answered")] == [str(store)]


def test_compose_with_no_email_app_says_so_and_offers_copy(qtbot: Any, window: MainWindow,
                                                           prompts: ScriptedPrompts, no_opener: FakeOpener) -> None:
    from desktop_app.ui.dialogs.compose_dialog import ComposeDialog

    app_id = next(r.id for r in window.applications_tab.model.rows() if r.role == "Data Analyst")
    dialog = ComposeDialog(app_id, "feedback_request", window, prompts=prompts)
    qtbot.addWidget(dialog)
    before = dialog.channel_combo.currentData()
    qtbot.mouseClick(dialog.email_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: prompts.asked_of("nothing_answered") != [])
    [asked] = prompts.asked_of("nothing_answered")
    assert asked.text.startswith("No email app answered.") and "priya.shah@northwind.example" in asked.text
    assert asked.details["copy_text"].startswith(dialog.subject()) and "Dear Priya," in asked.details["copy_text"]
    assert dialog.channel_combo.currentData() == before  # nothing was handed over: not marked as an email
    qtbot.mouseClick(dialog.linkedin_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(prompts.asked_of("nothing_answered")) == 2)
    assert prompts.asked_of("nothing_answered")[-1].details["copy_text"] == "https://www.linkedin.com/in/priya-shah-example"


def test_open_in_the_default_viewer_with_no_viewer_says_so_and_offers_the_path(
        qtbot: Any, window: MainWindow, prompts: ScriptedPrompts, no_opener: FakeOpener) -> None:
    """Issue #18 finding 2, every hand-off: the vault's Open said "not found" with no way to copy the path."""
    from tests.helpers.vault_samples import make_pdf
    from tests.helpers.vault_tab import TIMEOUT, drop

    vault = window.show_tab(3)
    drop(qtbot, vault, [make_pdf(window.context.data_dir.parent / "leeds-transcript.pdf", pages=1)])
    qtbot.waitUntil(lambda: vault.current_document() is not None, timeout=TIMEOUT)
    with qtbot.waitSignal(vault.job.ended, timeout=TIMEOUT):
        vault.buttons["open_document"].click()
    qtbot.waitUntil(lambda: prompts.asked_of("nothing_answered") != [])
    [asked] = prompts.asked_of("nothing_answered")
    assert asked.text.startswith("No PDF viewer answered.")
    assert asked.details["copy_text"].endswith("leeds-transcript.pdf") and asked.details["copy_text"] in asked.text


# ---------------------------------------------------------------- a write the disk cannot take

def _full_disk(*_args: object, **_kwargs: object) -> None:
    import peewee

    raise peewee.OperationalError("database or disk is full")


@pytest.mark.parametrize("action", ["delete application", "dismiss"])
def test_a_full_disk_in_any_window_action_is_said_in_plain_words(
        qtbot: Any, demo_store: Path, monkeypatch: pytest.MonkeyPatch, action: str) -> None:
    """Issue 14: Delete application and Today → Dismiss on a full disk did nothing but print a traceback."""
    from desktop_app.services.core import trash
    from desktop_app.services.today import due
    from desktop_app.ui.context import AppContext

    prompts = ScriptedPrompts()
    window = MainWindow(AppContext.create(demo_store, prompts=prompts))
    qtbot.addWidget(window)
    if action == "delete application":
        monkeypatch.setattr(trash, "move_to_trash", _full_disk)
        tab = window.show_tab(1)
        assert tab.panel.select_row(lambda r: r.role == "Business Intelligence Analyst")
        prompts.script("confirm_destructive", True)
        qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    else:
        monkeypatch.setattr(due, "dismiss", _full_disk)
        today = window.show_tab(0)
        today.refresh()
        today.panel.table.selectRow(0)
        qtbot.mouseClick(today.dismiss_button, Qt.MouseButton.LeftButton)
    told = prompts.asked_of("error")
    assert [a.title for a in told] == ["Not saved"]
    assert told[0].text.startswith(f"The disk holding {demo_store} is full")
    assert "nothing has been changed" in told[0].text


def test_choose_one_returns_the_index_picked_or_none_when_cancelled(qtbot: Any) -> None:
    """Issue #18: the board asks which closed stage a card dropped on Closed takes."""
    from PySide6.QtWidgets import QRadioButton

    def second(modal: QWidget) -> None:
        radio = modal.findChild(QRadioButton, "choose_one_1")
        # (a radio button answers a click on its circle or its words, not on the blank after them)
        qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(6, radio.height() // 2))
        qtbot.keyClick(modal.focusWidget() or modal, Qt.Key.Key_Return)

    seen = answer_next_modal(qtbot, second)
    assert Prompts().choose_one(None, "Close application", "How did it end?", ["Accepted", "Rejected"]) == 1
    assert seen == ["choose_one"]
    seen = answer_next_modal(qtbot, press(qtbot, Qt.Key.Key_Escape))
    assert Prompts().choose_one(None, "Close application", "How did it end?", ["Accepted", "Rejected"]) is None
    assert seen == ["choose_one"]


def test_choose_one_preselects_nothing_so_enter_alone_cannot_close_with_the_wrong_outcome(qtbot: Any) -> None:
    """Issue #18 finding 4: the Close question preselected "Accepted" and Enter took it."""
    from PySide6.QtWidgets import QRadioButton

    state: dict[str, object] = {}

    def enter_then_look(modal: QWidget) -> None:
        modal.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().window() is modal)
        first, second = modal.findChild(QRadioButton, "choose_one_0"), modal.findChild(QRadioButton, "choose_one_1")
        state["checked"] = [r.text() for r in modal.findChildren(QRadioButton) if r.isChecked()]
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        state["open after Enter"] = modal.isVisible()
        ok = modal.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        state["ok enabled"] = ok.isEnabled()
        # the keyboard way to choose: Space picks the first, Down the next; then Enter answers
        qtbot.keyClick(first, Qt.Key.Key_Space)
        qtbot.keyClick(first, Qt.Key.Key_Down)
        qtbot.keyClick(second, Qt.Key.Key_Return)

    seen = answer_next_modal(qtbot, enter_then_look)
    picked = Prompts().choose_one(None, "Close application", "How did it end?", ["Accepted", "Rejected", "Withdrawn"])
    assert seen == ["choose_one"]
    assert state == {"checked": [], "open after Enter": True, "ok enabled": False}
    assert picked == 1


def test_choose_one_arrows_move_the_choice_and_enter_with_none_says_so(qtbot: Any) -> None:
    """Issue #18 (fresh eyes): on "How did it end?" Down only moved the focus and Enter then did
    nothing at all. Now the arrows choose, as in any radio group, and Enter with nothing chosen
    says what to do."""
    from PySide6.QtWidgets import QLabel, QRadioButton

    state: dict[str, object] = {}

    def keys_only(modal: QWidget) -> None:
        modal.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().window() is modal)
        hint = modal.findChild(QLabel, "choose_one_hint")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # nothing chosen yet
        state["said"] = hint.text() if hint.isVisible() else ""
        state["open"] = modal.isVisible()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)  # chooses the first
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)  # ... then the next
        state["checked"] = [r.text() for r in modal.findChildren(QRadioButton) if r.isChecked()]
        state["hint after"] = hint.isVisible()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    seen = answer_next_modal(qtbot, keys_only)
    picked = Prompts().choose_one(None, "Close application", "How did it end?", ["Accepted", "Rejected", "Withdrawn"],
                                  nothing_chosen="Choose how it ended.")
    assert seen == ["choose_one"]
    assert state == {"said": "Choose how it ended.", "open": True, "checked": ["Rejected"], "hint after": False}
    assert picked == 1


# ---------------------------------------------------------------- the last folder, per kind of file (issue #15)

def test_each_kind_of_picker_opens_where_the_last_file_of_its_kind_was_picked(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Fresh eyes, issue #15: every file picker opened in the home folder. The real pickers start in
    the folder last used for their kind (kept in the window settings), each kind on its own; a
    folder since removed, or a cancelled picker, leaves home or the last folder as it was."""
    from PySide6.QtWidgets import QFileDialog

    from desktop_app.ui.ui_settings import UiSettings

    contacts, sheets = tmp_path / "Contacts", tmp_path / "Sheets"
    contacts.mkdir(), sheets.mkdir()
    started: list[str] = []
    answers = iter([str(contacts / "team.vcf"), str(sheets / "jobs.csv"), ""])

    def open_one(_parent: Any, _caption: str, folder: str, _filter: str) -> tuple[str, str]:
        started.append(folder)
        return next(answers), ""

    def save_one(_parent: Any, _caption: str, suggested: str, _filter: str) -> tuple[str, str]:
        started.append(suggested)
        return str(Path(suggested).with_suffix("")), "Contacts (*.vcf)"

    def open_many(_parent: Any, _caption: str, folder: str, _filter: str) -> tuple[list[str], str]:
        started.append(folder)
        return [str(sheets / "a.pdf"), str(contacts / "b.pdf")], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_one)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_one)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", open_many)
    prompts = Prompts()
    prompts.folders = UiSettings(tmp_path / "data")
    assert prompts.open_path(None, "Import vCard", "Contacts (*.vcf)", kind="contacts") == contacts / "team.vcf"
    assert prompts.open_path(None, "Import applications", "Spreadsheet (*.csv)", kind="spreadsheet")
    assert prompts.open_path(None, "Import applications", "Spreadsheet (*.csv)", kind="spreadsheet") is None
    assert prompts.save_path(None, "Export vCard", "referees.vcf", "Contacts (*.vcf)",
                             kind="contacts") == contacts / "referees.vcf"
    assert prompts.open_paths(None, "Add documents", "PDF (*.pdf)", kind="vault") == [sheets / "a.pdf",
                                                                                     contacts / "b.pdf"]
    assert started == [str(Path.home()), str(Path.home()), str(sheets), str(contacts / "referees.vcf"),
                       str(Path.home())]
    again = UiSettings(tmp_path / "data")  # kept on disk: the next start remembers too
    assert (again.last_folder("contacts"), again.last_folder("spreadsheet"), again.last_folder("vault")) == (
        contacts, sheets, sheets)
    sheets.rmdir()
    assert again.last_folder("spreadsheet") is None  # gone: the picker opens at home again
    assert prompts._start_folder("spreadsheet") == Path.home() and prompts._start_folder("") == Path.home()


def test_the_window_remembers_the_folder_of_each_kind_of_file(
        qtbot: Any, main_window: MainWindow, prompts: ScriptedPrompts, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Driven as a user does: pick a spreadsheet in one folder (and cancel its import), export
    applications, export data to another folder and start importing it back: each picker opens
    where its kind was last left, and the other kinds are not moved."""
    from desktop_app.ui import application_actions

    monkeypatch.setattr(application_actions, "run_dialog", lambda _dialog: False)  # Cancel in the mapping step
    sheets, exports = tmp_path / "Sheets", tmp_path / "Exports"
    sheets.mkdir(), exports.mkdir()
    source = sheets / "search.csv"
    source.write_text("Role,Company,Date applied\nAnalyst,Acme,2026-11-03\n", encoding="utf-8")
    main_window.show_tab(1)
    prompts.script("open_path", source)
    main_window.import_applications_csv_action.trigger()
    prompts.script("save_path", lambda asked: asked.details["folder"] / asked.details["suggested"])
    main_window.export_applications_csv_action.trigger()
    prompts.script("save_path", exports / "mine.json")
    main_window.export_data_action.trigger()
    main_window.import_data_action.trigger()  # cancelled: only where it opened matters
    asked = {(a.kind, a.title): a.details for a in prompts.asked_of("open_path", "save_path")}
    assert asked[("open_path", "Import applications")]["folder"] == Path.home()  # the first time
    assert asked[("save_path", "Export applications")]["folder"] == sheets
    assert asked[("save_path", "Export data")]["folder"] == Path.home()  # another kind: not moved
    assert asked[("open_path", "Import data")]["folder"] == exports
    assert (sheets / "applications.csv").is_file() and (exports / "mine.json").is_file()


def test_every_file_picker_of_the_window_names_its_kind_of_file() -> None:
    """One folder memory for all pickers: a call without ``kind=`` would open in home again."""
    import re

    package = Path(prompts_module.__file__).parent
    calls = []
    for path in package.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"prompts\.(open_path|open_paths|save_path)\(", text):
            depth, end = 1, match.end()
            while depth:
                depth += {"(": 1, ")": -1}.get(text[end], 0)
                end += 1
            calls.append((f"{path.relative_to(package)}:{text[:match.start()].count(chr(10)) + 1}",
                          "kind=" in text[match.end():end]))
    assert len(calls) >= 15 and [where for where, named in calls if not named] == []
