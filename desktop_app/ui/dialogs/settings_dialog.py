"""Settings: the advice's thresholds, and the message templates (Settings → Messages).

Thresholds are saved when the user presses *Save*. A template is saved on its own
*Save template* button; a placeholder Afterview does not know is reported under the
text and nothing is saved, so a message never goes out with ``{typo}`` in it.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui import theme
from desktop_app.services.core import messages
from desktop_app.services.core import settings as settings_service
from desktop_app.services.core.records import SETTINGS_FIELDS
from desktop_app.services.core.validation import ValidationError

_THRESHOLDS = {
    "min_follow_up_gap_days": ("Days between follow-ups (at least)", "days"),
    "feedback_request_after_working_days": ("Ask for feedback after", "working days"),
    "last_say_after_unanswered": ("Last say after unanswered follow-ups", "follow-ups"),
    "last_say_after_silence_days": ("…or after a silence of", "days"),
    "re_approach_after_months": ("Re-approach after a rejection from", "months"),
    "re_approach_window_months": ("…until", "months after the rejection"),
    "briefing_valid_days": ("A general referee briefing holds for", "days"),
}


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.setWindowTitle(self.tr("Settings"))
        self.resize(680, 520)
        self.changed = False
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("settings_tabs")
        self.tabs.addTab(self._advice_page(), self.tr("Advice"))
        self.tabs.addTab(self._messages_page(), self.tr("Messages"))
        self.tabs.addTab(self._reminders_page(), self.tr("Reminders"))  # tray, login, notifications, calendar (#17)
        self.tabs.addTab(self._activity_page(), self.tr("Activity"))  # the monthly target (#19)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close,
                                        self)
        self.buttons.setObjectName("settings_buttons")
        self.buttons.accepted.connect(self.save_thresholds)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)

    # ---------------------------------------------------------------- thresholds
    def _advice_page(self) -> QWidget:
        page = QWidget(self)
        current = settings_service.get_settings().as_dict()
        form = QFormLayout(page)
        intro = QLabel(self.tr("When Afterview suggests the next step. The defaults follow the recruiter's advice."),
                       page)
        intro.setWordWrap(True)
        form.addRow(intro)
        self.spins: dict[str, QSpinBox] = {}
        for spec in SETTINGS_FIELDS:
            if spec.name not in _THRESHOLDS:
                continue  # the monthly activity target: on its own page
            label, unit = _THRESHOLDS[spec.name]
            spin = QSpinBox(page)
            spin.setObjectName(f"setting_{spec.name}")
            spin.setAccessibleName(self.tr(label))
            spin.setRange(spec.minimum or 0, spec.maximum or 999)
            spin.setValue(current[spec.name])
            spin.setSuffix(" " + self.tr(unit))
            form.addRow(self.tr(label), spin)
            self.spins[spec.name] = spin
        self.threshold_error = QLabel(page)
        self.threshold_error.setObjectName("settings_error")
        self.threshold_error.setStyleSheet(theme.text_style(theme.ERROR))
        self.threshold_error.setWordWrap(True)
        form.addRow(self.threshold_error)
        return page

    def _reminders_page(self) -> QWidget:
        from desktop_app.ui.dialogs.reminder_settings import ReminderSettingsPage

        context = getattr(self.parent(), "context", None)
        self.reminders_page = ReminderSettingsPage(getattr(context, "data_dir", None),
                                                   getattr(context, "prompts", None), self,
                                                   demo=bool(getattr(context, "demo", False)))
        return self.reminders_page

    def save_thresholds(self) -> bool:
        if not self.reminders_page.save():
            self.tabs.setCurrentWidget(self.reminders_page)
            return False
        values = {name: spin.value() for name, spin in self.spins.items()}
        if values["re_approach_window_months"] < values["re_approach_after_months"]:
            self.threshold_error.setText(self.tr("The re-approach window must end after it starts."))
            return False
        try:
            settings_service.save_settings(values)
            settings_service.save_monthly_target(self.target_spin.value())
        except ValidationError as exc:
            self.threshold_error.setText(f"{exc.field}: {exc.message}")
            return False
        self.changed = True
        self.accept()
        return True

    # ---------------------------------------------------------------- the monthly activity target
    def _activity_page(self) -> QWidget:
        """Settings → Activity: how many job-search activities a month (Today shows the progress)."""
        page = QWidget(self)
        form = QFormLayout(page)
        intro = QLabel(self.tr("If you must show a number of job searches each month (a benefits agency often "
                               "asks for one), Today shows how far you have got: applications sent, interviews "
                               "and contacts you made. 0: no target."), page)
        intro.setWordWrap(True)
        form.addRow(intro)
        spec = settings_service.MONTHLY_TARGET
        self.target_spin = QSpinBox(page)
        self.target_spin.setObjectName("setting_monthly_activity_target")
        self.target_spin.setAccessibleName(self.tr("Monthly target"))
        self.target_spin.setRange(spec.minimum or 0, spec.maximum or 500)
        self.target_spin.setSpecialValueText(self.tr("No target"))
        self.target_spin.setSuffix(" " + self.tr("activities a month"))
        self.target_spin.setValue(settings_service.get_monthly_target())
        form.addRow(self.tr("Monthly target"), self.target_spin)
        return page

    # ---------------------------------------------------------------- templates
    def _messages_page(self) -> QWidget:
        page = QWidget(self)
        self.template_list = QListWidget(page)
        self.template_list.setObjectName("settings_templates")
        self.template_list.setAccessibleName(self.tr("Message templates"))
        self.template_keys = list(messages.TEMPLATES)
        for key in self.template_keys:
            self.template_list.addItem(self.tr(messages.TEMPLATES[key].title))
        self.template_list.setFixedWidth(280)
        self.subject_edit = QLineEdit(page)
        self.subject_edit.setObjectName("template_subject")
        self.subject_edit.setAccessibleName(self.tr("Subject"))
        self.body_edit = QPlainTextEdit(page)
        self.body_edit.setObjectName("template_body")
        self.body_edit.setAccessibleName(self.tr("Message"))
        self.placeholders = QLabel(page)
        self.placeholders.setObjectName("template_placeholders")
        self.placeholders.setWordWrap(True)
        self.template_error = QLabel(page)
        self.template_error.setObjectName("template_error")
        self.template_error.setStyleSheet(theme.text_style(theme.ERROR))
        self.template_error.setWordWrap(True)
        self.save_template_button = QPushButton(self.tr("Save template"), page)
        self.save_template_button.setObjectName("template_save")
        self.save_template_button.clicked.connect(self.save_template)
        self.reset_template_button = QPushButton(self.tr("Back to the default text"), page)
        self.reset_template_button.setObjectName("template_reset")
        self.reset_template_button.clicked.connect(self.reset_template)
        editor = QVBoxLayout()
        editor.addWidget(QLabel(self.tr("Subject"), page))
        editor.addWidget(self.subject_edit)
        editor.addWidget(self.body_edit, 1)
        editor.addWidget(self.placeholders)
        editor.addWidget(self.template_error)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.reset_template_button)
        row.addWidget(self.save_template_button)
        editor.addLayout(row)
        layout = QHBoxLayout(page)
        layout.addWidget(self.template_list)
        layout.addLayout(editor, 1)
        self.template_list.currentRowChanged.connect(self._show_template)
        self.template_list.setCurrentRow(0)
        return page

    def current_template(self) -> str:
        return self.template_keys[max(self.template_list.currentRow(), 0)]

    def select_template(self, key: str) -> None:
        self.template_list.setCurrentRow(self.template_keys.index(key))

    def _show_template(self, row: int) -> None:
        if row < 0:
            return
        key = self.template_keys[row]
        template = messages.get_template(key)
        self.subject_edit.setText(template.subject)
        self.body_edit.setPlainText(template.body)
        names = ", ".join("{" + p + "}" for p in messages.TEMPLATES[key].placeholders)
        self.placeholders.setText(self.tr("Placeholders you can use: {0}").format(names))
        self.template_error.clear()

    def save_template(self) -> bool:
        try:
            messages.save_template(self.current_template(), self.subject_edit.text(), self.body_edit.toPlainText())
        except ValidationError as exc:
            field = self.tr("Subject") if exc.field == "subject" else self.tr("Message")
            self.template_error.setText(self.tr("{0}: {1}. Nothing was saved.").format(field, exc.message))
            return False
        self.template_error.setText(self.tr("Saved."))
        return True

    def reset_template(self) -> None:
        messages.reset_template(self.current_template())
        self._show_template(self.template_list.currentRow())
