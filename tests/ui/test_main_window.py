"""The main window as the user sees it: tabs, empty states, the sample, remembered state."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel

from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.pack_dialog import PackDialog
from tests.helpers.scripted_prompts import ScriptedPrompts


def _tab_titles(window: MainWindow) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


def test_an_empty_data_folder_shows_helpful_empty_states(qtbot, main_window: MainWindow) -> None:
    main_window.show()
    qtbot.waitExposed(main_window)
    assert _tab_titles(main_window) == ["Today", "Applications", "Referees", "Vault"]
    for index in range(4):
        main_window.tab(index)
    for name, words in (("applications_empty", "No applications yet — Add application (Ctrl+N)"),
                        ("referees_empty", "No referees yet"),
                        ("qualifications_empty", "No qualifications yet")):
        label = main_window.findChild(QLabel, name)
        assert words in label.text()
    main_window.show_tab(1)
    assert main_window.applications_tab.panel.empty_label.isVisible()
    assert not main_window.applications_tab.panel.table.isVisible()


def test_menus_toolbar_and_status_bar(main_window: MainWindow, context: AppContext) -> None:
    titles = [a.text() for a in main_window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&View", "&Help"]
    assert main_window.toolbar.actions()
    assert str(context.data_dir) in main_window.folder_label.text()


def test_the_sample_shows_in_every_list(qtbot, demo_store: Path) -> None:
    window = MainWindow(AppContext.create(demo_store))
    qtbot.addWidget(window)
    assert window.applications_tab.panel.visible_count() == 12
    assert window.referees_tab.panel.visible_count() == 4
    assert window.vault_tab.qualifications.visible_count() == 2
    model = window.applications_tab.model
    texts = {model.index(r, model.ORGANISATION).data() for r in range(model.rowCount())}
    assert "Fabrikam Health via Harbour & Finch Recruitment" in texts


def test_window_size_and_last_tab_are_remembered(qtbot, store: Path) -> None:
    first = MainWindow(AppContext.create(store))
    qtbot.addWidget(first)
    first.resize(700, 500)  # within the offscreen screen (800×600)
    first.tabs.setCurrentIndex(2)
    first.close()
    second = MainWindow(AppContext.create(store))
    qtbot.addWidget(second)
    assert second.tabs.currentIndex() == 2
    assert (second.size().width(), second.size().height()) == (700, 500)


def test_ctrl_f_focuses_the_filter_of_the_current_tab(qtbot, demo_store: Path) -> None:
    window = MainWindow(AppContext.create(demo_store))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_tab(1)
    window.find_action.trigger()
    qtbot.waitUntil(lambda: window.applications_tab.panel.filter_edit.hasFocus())


def test_import_data_from_the_file_menu(qtbot, main_window: MainWindow, tmp_path: Path,
                                        prompts: ScriptedPrompts) -> None:
    from desktop_app.services.exchange import datafile
    from desktop_app.services.exchange.demo import demo_data

    source = tmp_path / "mine.json"
    datafile.write_json_atomically(demo_data(), source)
    prompts.script("open_path", source)
    main_window.import_data_action.trigger()
    qtbot.waitUntil(lambda: bool(prompts.told()), timeout=10000)
    assert prompts.asked_of("open_path")[0].details["file_filter"] == "Afterview data file (*.json)"
    assert prompts.told()[0][0].startswith("Imported 12 organisations")
    assert main_window.applications_tab.panel.visible_count() == 12


def test_a_bad_data_file_is_reported_and_changes_nothing(qtbot, main_window: MainWindow, tmp_path: Path,
                                                         prompts: ScriptedPrompts) -> None:
    source = tmp_path / "bad.json"
    source.write_text('{"format": "afterview", "version": 1, "applications": [{"id": "a1"}]}', "utf-8")
    prompts.script("open_path", source)
    main_window.import_data_action.trigger()
    qtbot.waitUntil(lambda: bool(prompts.told()), timeout=10000)
    told = prompts.told()
    assert told[0][1] is True and "Nothing was imported" in told[0][0]
    assert "applications[0].role: is required" in told[0][0]
    assert main_window.applications_tab.panel.visible_count() == 0


def test_export_data_from_the_file_menu(qtbot, main_window: MainWindow, tmp_path: Path,
                                       prompts: ScriptedPrompts) -> None:
    target = tmp_path / "out.json"
    prompts.script("save_path", target)
    main_window.export_data_action.trigger()
    assert target.exists() and '"format": "afterview"' in target.read_text("utf-8")


def test_the_file_menu_opens_the_dialog(qtbot, main_window, scenario: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    assert main_window.export_pack_action in main_window.file_menu.actions()
    assert main_window.export_pack_action.shortcut().toString() == "Ctrl+Shift+R"

    main_window.export_pack_action.trigger()

    dialog = main_window.findChild(PackDialog, "pack_dialog")
    assert dialog is not None and dialog.isVisible()
    assert dialog.application_id() is None
    dialog.reject()


def test_the_file_menu_offers_back_up_and_restore(main_window) -> None:  # type: ignore[no-untyped-def]
    texts = [a.text() for a in main_window.file_menu.actions()]
    assert "&Back up…" in texts and "Res&tore…" in texts
