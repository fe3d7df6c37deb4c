"""A stand-in for ``desktop_app.ui.prompts.Prompts``: records every question, answers from a script.

The ``context`` fixture puts one in ``context.prompts``; a test that builds its own
``AppContext`` puts one there with ``monkeypatch.setattr(window.context, "prompts", ...)``.
No dialog is ever shown. A question with nothing scripted gets the answer of a user
who cancels (False, None or []), so a forgotten script never destroys anything.

    prompts.script("confirm_destructive", True)          # the next Delete is confirmed
    prompts.script("save_path", tmp_path / "out.csv")
    prompts.script("save_path", lambda asked: ...)       # worked out from the question
    [a.text for a in prompts.asked_of("confirm_destructive")]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from desktop_app.ui.prompts import Prompts

#: What each kind of question answers when nothing is scripted: the user cancels.
CANCELLED: dict[str, Any] = {
    "confirm_destructive": False, "ask_yes_no": False, "inform": None, "warn": None, "error": None,
    "open_path": None, "open_paths": [], "save_path": None, "ask_date": None, "choose_printer": None,
    "nothing_answered": None, "choose_one": None,
}


@dataclass
class Asked:
    """One question as the user would have seen it."""

    kind: str  #: the ``Prompts`` method: "confirm_destructive", "save_path", …
    title: str  #: the window title or file-dialog caption
    text: str = ""  #: the question or message ("" for file pickers)
    details: dict[str, Any] = field(default_factory=dict)  #: the other arguments, by name
    parent: Any = None  #: the widget that asked


class ScriptedPrompts(Prompts):
    """Every ``Prompts`` method overridden: nothing is shown, answers come from :meth:`script`."""

    def __init__(self) -> None:
        self.asked: list[Asked] = []
        self._script: dict[str, list[Any]] = {}

    def script(self, kind: str, *answers: Any) -> ScriptedPrompts:
        """Queue ``answers`` for the next questions of ``kind``, in order.

        An answer that is callable is called with the :class:`Asked` and its result
        is the answer. Raises KeyError for a kind ``Prompts`` does not have.
        """
        if kind not in CANCELLED:
            raise KeyError(kind)
        self._script.setdefault(kind, []).extend(answers)
        return self

    def asked_of(self, *kinds: str) -> list[Asked]:
        """The questions asked so far of these kinds, oldest first."""
        return [a for a in self.asked if a.kind in kinds]

    def told(self) -> list[tuple[str, bool]]:
        """Every message shown so far as (text, was it a problem), oldest first."""
        return [(a.text, a.kind != "inform") for a in self.asked_of("inform", "warn", "error")]

    def _answer(self, asked: Asked) -> Any:
        self.asked.append(asked)
        queue = self._script.get(asked.kind)
        if not queue:
            return CANCELLED[asked.kind]
        answer = queue.pop(0)
        return answer(asked) if callable(answer) else answer

    # ------------------------------------------------------------------ the Prompts methods
    def confirm_destructive(self, parent: Any, title: str, text: str, action_label: str) -> bool:
        return bool(self._answer(Asked("confirm_destructive", title, text, {"action_label": action_label}, parent)))

    def ask_yes_no(self, parent: Any, title: str, text: str, *, yes_label: str, no_label: str,
                   details: str = "") -> bool:
        return bool(self._answer(Asked("ask_yes_no", title, text,
                                       {"yes_label": yes_label, "no_label": no_label, "details": details}, parent)))

    def choose_one(self, parent: Any, title: str, text: str, choices: list[str], *,
                   nothing_chosen: str = "") -> int | None:
        return self._answer(Asked("choose_one", title, text,
                                  {"choices": list(choices), "nothing_chosen": nothing_chosen}, parent))

    def inform(self, parent: Any, title: str, text: str) -> None:
        self._answer(Asked("inform", title, text, {}, parent))

    def warn(self, parent: Any, title: str, text: str) -> None:
        self._answer(Asked("warn", title, text, {}, parent))

    def error(self, parent: Any, title: str, text: str) -> None:
        self._answer(Asked("error", title, text, {}, parent))

    # The file pickers keep the real folder memory: ``details["folder"]`` is where the
    # picker would have opened, and the answer is remembered for its ``kind``.
    def open_path(self, parent: Any, caption: str, file_filter: str, *, kind: str = "") -> Path | None:
        chosen = self._answer(Asked("open_path", caption, "", {"file_filter": file_filter, "kind": kind,
                                                               "folder": self._start_folder(kind)}, parent))
        self._remember_folder(kind, chosen)
        return chosen

    def open_paths(self, parent: Any, caption: str, file_filter: str, *, kind: str = "") -> list[Path]:
        chosen = list(self._answer(Asked("open_paths", caption, "", {"file_filter": file_filter, "kind": kind,
                                                                     "folder": self._start_folder(kind)}, parent)))
        self._remember_folder(kind, chosen)
        return chosen

    def save_path(self, parent: Any, caption: str, suggested: str, file_filter: str, *,
                  kind: str = "") -> Path | None:
        chosen = self._answer(Asked("save_path", caption, "", {"suggested": suggested, "file_filter": file_filter,
                                                               "kind": kind, "folder": self._start_folder(kind)},
                                    parent))
        self._remember_folder(kind, chosen)
        return chosen

    def ask_date(self, parent: Any, title: str, label: str, minimum: date | None = None,
                 initial: date | None = None) -> date | None:
        return self._answer(Asked("ask_date", title, label, {"minimum": minimum, "initial": initial}, parent))

    def choose_printer(self, parent: Any, document_name: str) -> Any:
        return self._answer(Asked("choose_printer", document_name, "", {}, parent))

    def nothing_answered(self, parent: Any, title: str, text: str, *, copy_text: str = "",
                         copy_label: str = "Copy") -> None:
        self._answer(Asked("nothing_answered", title, text, {"copy_text": copy_text, "copy_label": copy_label},
                           parent))
