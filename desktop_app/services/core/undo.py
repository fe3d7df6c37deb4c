"""Edit → Undo: the last delete, stage change, dismiss or snooze, undone (Ctrl+Z).

A list of steps, newest last, kept for this session of Afterview and for the data
folder that was open when each was made (a step never reaches into another folder's
data). Each step is a label the user reads ("Delete application “Analyst at Acme”")
and a function that puts things back. The services push a step as they change data:
:mod:`desktop_app.services.core.trash` for deletes, :func:`remember_stage_change`
for a stage change, :func:`remember_due_state` before a Today item is dismissed or
snoozed. Nothing here is kept on disk: the Trash keeps deleted records for 30 days
across sessions; undo is the quick way back from a slip.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from desktop_app.store.db import db

#: How many steps are kept (the oldest go first).
LIMIT = 50


class NothingToUndo(LookupError):
    """There is nothing to undo; ``str()`` says so in the user's words."""


@dataclass(frozen=True)
class Step:
    label: str
    undo: Callable[[], object]
    database: str
    #: what the step reaches into ("trash": a Trash entry), for :func:`forget`
    kind: str = ""


_STEPS: list[Step] = []


def _current_database() -> str:
    return str(db.obj.database) if db.obj is not None else ""


def push(label: str, undo_fn: Callable[[], object], *, kind: str = "") -> None:
    """Remember a change just made: ``label`` for the menu, ``undo_fn`` to put it back;
    ``kind`` names what it reaches into, so :func:`forget` can drop it when that is gone."""
    _STEPS.append(Step(label, undo_fn, _current_database(), kind))
    del _STEPS[:-LIMIT]


def next_label() -> str | None:
    """The label of what Undo would undo now (None: nothing)."""
    here = _current_database()
    return next((s.label for s in reversed(_STEPS) if s.database == here), None)


def undo_last() -> str:
    """Undo the newest step of the open data folder; returns a sentence saying what was undone.

    Raises :class:`NothingToUndo` when there is none, or with the reason when it can no
    longer be undone (e.g. the Trash was emptied since); that step is dropped either way.
    """
    here = _current_database()
    for index in range(len(_STEPS) - 1, -1, -1):
        if _STEPS[index].database == here:
            step = _STEPS.pop(index)
            break
    else:
        raise NothingToUndo("There is nothing to undo.")
    try:
        step.undo()
    except LookupError as exc:
        # the label holds its own quotes ("Delete application “Analyst at Acme”"): not quoted again
        raise NothingToUndo(f"{step.label} can no longer be undone: {exc}.") from exc
    return f"Undone: {step.label}."


def clear() -> None:
    """Forget every step (a restore or import replaced the data they were about)."""
    _STEPS.clear()


def forget(kind: str) -> None:
    """Forget the steps of ``kind`` for the open data folder (e.g. "trash" once the Trash is emptied:
    those steps could only say they can no longer be undone)."""
    here = _current_database()
    _STEPS[:] = [s for s in _STEPS if not (s.kind == kind and s.database == here)]


# ---------------------------------------------------------------- steps other services push

def remember_stage_change(app_id: int, before: str, change_id: int, label: str) -> None:
    """An application moved from stage ``before``; ``change_id`` is the history row it added."""
    from desktop_app.store import models as m

    def put_back() -> None:
        with db.atomic():
            app = m.Application.get_or_none(m.Application.id == app_id)
            if app is None:
                raise LookupError("the application has been deleted")
            app.stage = before
            app.save()
            m.StageChange.delete().where(m.StageChange.id == change_id).execute()

    push(label, put_back)


def remember_due_state(key: str, label: str) -> None:
    """Call just before a Today item ``key`` is dismissed or snoozed: undo puts back what was."""
    from desktop_app.store import models as m

    row = m.DueState.get_or_none(m.DueState.key == key)
    before: tuple[bool, date | None] | None = None if row is None else (row.dismissed, row.snoozed_until)

    def put_back() -> None:
        if before is None:
            try:  # engineer #12's service, once it is there: the one way back for a Today item
                from desktop_app.services.today import due_state  # type: ignore[attr-defined]

                due_state.bring_back(key)
                return
            except (ImportError, AttributeError):
                m.DueState.delete().where(m.DueState.key == key).execute()
                return
        m.DueState.insert(key=key, dismissed=before[0], snoozed_until=before[1]).on_conflict(
            conflict_target=[m.DueState.key],
            update={m.DueState.dismissed: before[0], m.DueState.snoozed_until: before[1]}).execute()

    push(label, put_back)
