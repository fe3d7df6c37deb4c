"""The detail of the selected application: its people, interviews, timeline and feedback.

Shown beside the Applications list. It holds layout only: the tab gives it an
``ApplicationDetail`` from the service and wires its buttons.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QListWidgetItem,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from desktop_app import vocab
from desktop_app.services.applications.detail import ApplicationDetail, TimelineEntry
from desktop_app.services.applications.drafts import APPLICATION_TEMPLATES
from desktop_app.services.core.messages import TEMPLATES
from desktop_app.ui.detail_pane import DetailPane
from desktop_app.ui.formatting import local_moment, person_role, short_date, vocab_label
from desktop_app.ui.models.applications_model import next_step_text
from desktop_app.ui.people_box import SeniorBanner
from desktop_app.ui.flow_layout import flow_row


class ApplicationDetailView(DetailPane):
    """The selected application in full (layout only: the tab hands it an ``ApplicationDetail``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("application_detail", "detail", "next_step", parent)
        self.detail: ApplicationDetail | None = None
        body, layout = self.body, self.body_layout
        self.next_step = self.highlight  # a long next step wraps: it must not widen the pane past the window
        self.senior_banner = SeniorBanner(body)  # after a rejection: write to someone senior (rule 8)
        layout.addWidget(self.senior_banner)

        self.log_button = self.button(body, "detail_log_contact", self.tr("&Log contact…"))
        self.interview_button = self.button(body, "detail_add_interview", self.tr("Add &interview…"))
        self.compose_button = self.button(body, "detail_compose", self.tr("&Compose"))
        self.compose_menu = QMenu(self.compose_button)
        self.compose_menu.setObjectName("detail_compose_menu")
        self.compose_actions = {}
        for key in APPLICATION_TEMPLATES:
            self.compose_actions[key] = self.compose_menu.addAction(self.tr(TEMPLATES[key].title))
        self.compose_button.setMenu(self.compose_menu)
        self.feedback_button = self.button(body, "detail_feedback", self.tr("Feed&back…"))
        self.feedback_button.setToolTip(self.tr("Record the feedback they gave, and the day it came"))
        self.referees_button = self.button(body, "detail_give_referees", self.tr("&Give referees…"))
        self.pack_button = self.button(body, "detail_reference_pack", self.tr("Reference pac&k…"))
        self.organisation_button = self.button(body, "detail_organisation", self.tr("Organisatio&n…"))
        self.organisation_button.setToolTip(self.tr("Everything that happened with this employer"))
        # the follow-up workflow, then referees and the pack, wrapping to as many lines as the pane
        # needs (#18: a fixed row was wider than the pane at 1024 wide and cut off "Feedback…")
        self.action_buttons = flow_row(body, [
            self.log_button, self.interview_button, self.compose_button, self.feedback_button,
            self.referees_button, self.pack_button, self.organisation_button])
        self.action_buttons.setObjectName("detail_actions")
        layout.addWidget(self.action_buttons)

        self.add_person_button = self.button(body, "detail_add_person", self.tr("Add person…"))
        self.edit_person_button = self.button(body, "detail_edit_person", self.tr("Edit…"))
        self.remove_person_button = self.button(body, "detail_remove_person", self.tr("Remove…"))
        people_buttons = flow_row(body, [self.add_person_button, self.edit_person_button,
                                         self.remove_person_button])  # wrap, as the actions do
        self.contacts = self.titled_list("detail_contacts", self.tr("People"), 80, people_buttons)
        self.interviews = self.titled_list("detail_interviews", self.tr("Interviews"), 64)
        feedback_box = QGroupBox(self.tr("Feedback"), body)
        feedback_layout = QVBoxLayout(feedback_box)
        self.feedback = QLabel(feedback_box)
        self.feedback.setObjectName("detail_feedback_text")
        self.feedback.setWordWrap(True)
        self.feedback.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        feedback_layout.addWidget(self.feedback)
        layout.addWidget(feedback_box)
        self.reply_button = self.button(body, "detail_mark_reply", self.tr("Mark reply received"))
        self.reply_button.setToolTip(self.tr("They answered the selected contact: the follow-up count starts again"))
        self.timeline = self.titled_list("detail_timeline", self.tr("Timeline"), None, self.reply_button)
        self.show_detail(None)

    # ---------------------------------------------------------------- showing
    def show_detail(self, detail: ApplicationDetail | None, next_step: object = None) -> None:
        """Show ``detail`` (None: no application chosen). Another application than the one on show
        is shown from its top; the same one shown again (after a change) keeps its place."""
        before = self.detail.id if self.detail is not None else None
        self.detail = detail
        if detail is None or detail.id != before:
            # issue #18, fresh eyes: the pane kept the last application's scroll position, and the
            # new one's heading was cut off at the top
            self.verticalScrollBar().setValue(0)
        for widget in (self.log_button, self.interview_button, self.compose_button, self.feedback_button,
                       self.reply_button, self.referees_button, self.pack_button, self.add_person_button,
                       self.edit_person_button, self.remove_person_button, self.organisation_button):
            widget.setEnabled(detail is not None)
        self.senior_banner.show_offer(detail, next_step)
        for widget in (self.contacts, self.interviews, self.timeline):
            widget.clear()
        if detail is None:
            self.title.setText(self.tr("Select an application to see its people, interviews and timeline."))
            self.facts.clear()
            self.next_step.clear()
            self.feedback.clear()
            return
        self.title.setText(self.tr("{0} at {1}").format(detail.role, detail.employer))
        facts = [vocab_label(vocab.STAGES, detail.stage),
                 self.tr("applied {0}").format(short_date(detail.applied_on))]
        if detail.agency:
            facts.append(self.tr("via {0}").format(detail.agency))
        if detail.recruiter:
            facts.append(self.tr("recruiter {0}").format(detail.recruiter))
        if detail.source:
            facts.append(self.tr("source: {0}").format(detail.source))
        text = " · ".join(facts)
        if detail.notes:
            text += "\n" + detail.notes
        self.facts.setText(text)
        step = next_step_text(next_step)  # type: ignore[arg-type]
        self.next_step.setText(self.tr("Next step: {0}").format(step) if step else "")
        for c in detail.contacts:
            role = person_role(c.kind, c.title)
            parts = [c.name, role] + ([c.organisation_name] if c.organisation_name else [])
            item = QListWidgetItem(" — ".join(parts), self.contacts)
            item.setToolTip("\n".join(p for p in (c.email, c.phone, c.linkedin) if p))
            item.setData(Qt.ItemDataRole.UserRole, c.id)
        for i in detail.interviews:
            people = ", ".join(i.interviewer_names) or self.tr("interviewers not recorded")
            item = QListWidgetItem(self.tr("Round {0}: {1}, {2} — {3}").format(
                i.round, local_moment(i.at), vocab_label(vocab.INTERVIEW_FORMATS, i.format), people), self.interviews)
            item.setData(Qt.ItemDataRole.UserRole, i.id)
        for entry in reversed(detail.timeline):  # newest first: what happened last matters most
            item = QListWidgetItem(self.timeline_text(entry), self.timeline)
            if entry.interaction is not None:
                item.setData(Qt.ItemDataRole.UserRole, entry.interaction.id)
        if detail.feedback:
            when = short_date(detail.feedback_on) if detail.feedback_on else self.tr("date not recorded")
            self.feedback.setText(self.tr("Received {0}:\n{1}").format(when, detail.feedback))
        else:
            self.feedback.setText(self.tr("No feedback recorded yet. Ask for it after every interview."))

    def timeline_text(self, entry: TimelineEntry) -> str:
        if entry.kind == "stage":
            return self.tr("{0}  Stage: {1}").format(short_date(entry.when.date()),
                                                     vocab_label(vocab.STAGES, entry.stage))
        if entry.kind == "interview":
            return self.tr("{0}  Interview, round {1} ({2})").format(
                local_moment(entry.when), entry.interview.round,
                vocab_label(vocab.INTERVIEW_FORMATS, entry.interview.format))
        x = entry.interaction
        arrow = "→" if x.direction == "outgoing" else "←"
        who = f" {x.contact_name}" if x.contact_name else ""
        replied = self.tr(" — replied") if x.reply_received else ""
        summary = f": {x.summary}" if x.summary else ""
        return (f"{local_moment(entry.when)}  {arrow}{who} · {vocab_label(vocab.CHANNELS, x.channel)} · "
                f"{vocab_label(vocab.PURPOSES, x.purpose)}{summary}{replied}")

    def selected_contact_id(self) -> int | None:
        item = self.contacts.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def selected_interaction_id(self) -> int | None:
        item = self.timeline.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def selected_interview_id(self) -> int | None:
        item = self.interviews.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)
