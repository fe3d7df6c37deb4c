"""The compatibility sweep's shared per-file loop (scripts/compat/common.py, issue 15)."""

from __future__ import annotations

from pathlib import Path

from scripts.compat.common import each_file, result


class _Refusal(ValueError):
    pass


def _step(path: Path) -> str:
    if path.name == "refused.txt":
        raise _Refusal("not one of ours")
    if path.name == "broken.txt":
        raise KeyError("boom")
    return path.read_text(encoding="utf-8")


def test_each_file_counts_refusals_and_crashes_and_hands_back_the_rest(tmp_path: Path) -> None:
    files = []
    for name in ("good.txt", "refused.txt", "broken.txt", "also good.txt"):
        (tmp_path / name).write_text(name, encoding="utf-8")
        files.append(tmp_path / name)
    out = result("test")
    said: list[str] = []
    handed = list(each_file(files, out, _step, refusals=(_Refusal,),
                            refused=lambda path, exc: said.append(f"{path.name}: {exc}")))
    assert handed == [(tmp_path / "good.txt", "good.txt"), (tmp_path / "also good.txt", "also good.txt")]
    assert (out["files"], out["refused"], out["crashed"]) == (4, 1, 1)
    assert said == ["refused.txt: not one of ours"]
    [crash] = out["details"]  # where it happened (this file's _step) and what
    assert crash.startswith("CRASH reading broken.txt: KeyError at test_compat_common.py:") and crash.endswith("'boom'")


def test_each_file_can_give_every_file_its_own_store(tmp_path: Path) -> None:
    from desktop_app.store import models as m
    from desktop_app.store.db import db

    files = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for path in files:
        path.write_text("x", encoding="utf-8")
    out = result("test")
    folders = []
    for _path, _value in each_file(files, out, _step, store_per_file=True):
        assert not db.is_closed() and m.Application.select().count() == 0
        m.Organisation.create(name="Left behind?")  # the next file's store must not see it
        folders.append(db.database)
    assert len(set(folders)) == 2 and db.is_closed()
