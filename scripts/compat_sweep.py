"""Run other people's files through Afterview's own code paths and count what happens (issue 15).

    .venv/bin/python scripts/compat_sweep.py FOLDER...

Walks the folders and hands every file to each kind's module in ``scripts/compat/``
(``pdfs``, ``images``, ``vcards``, ``csvs``; a kind whose module is missing is skipped).
Each module's ``sweep(paths) -> dict`` picks its own files and returns::

    {"kind": str, "files": int, "accepted": int, "refused": int,
     "refused_viewer_opens": int,   # refused although a viewer opens it (poppler, Pillow)
     "refused_known": int,          # the same, but listed with its reason (scripts/compat/pdfs.py)
     "crashed": int, "changed": int, "details": [str, ...]}

(missing counts read as 0). Prints one row per kind, then the details of every failure.
Exits 1 on any crash, any refusal of a file a viewer opens, or any change in the pack;
2 on bad arguments. Nothing is written outside temporary folders.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("pdfs", "images", "vcards", "csvs")
COLUMNS = ("files", "accepted", "refused", "refused_viewer_opens", "refused_known", "crashed", "changed")


def _files(folders: list[Path]) -> list[Path]:
    found = []
    for folder in folders:
        if folder.is_file():
            found.append(folder)
            continue
        for base, _dirs, names in os.walk(folder):
            found.extend(Path(base) / name for name in names)
    return sorted(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    args = parser.parse_args(argv)
    missing = [str(f) for f in args.folders if not f.exists()]
    if missing:
        parser.error(f"no such folder: {', '.join(missing)}")
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import logging

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its repair notes: the table says what matters
    paths = _files(args.folders)
    rows, failed = [], False
    for kind in KINDS:
        try:
            module = importlib.import_module(f"scripts.compat.{kind}")
        except ModuleNotFoundError as exc:
            if exc.name in (f"scripts.compat.{kind}",):
                continue  # that kind's sweep is not written yet
            raise
        sweep = getattr(module, "sweep", None)
        if sweep is None:
            continue
        started = time.monotonic()
        outcome = sweep(paths)
        outcome["seconds"] = time.monotonic() - started
        rows.append(outcome)
        failed |= bool(outcome.get("crashed") or outcome.get("refused_viewer_opens") or outcome.get("changed"))
    _print(rows)
    return 1 if failed else 0


def _print(rows: list[dict]) -> None:
    header = f"{'kind':<8}" + "".join(f"{c.replace('_', ' '):>21}" for c in COLUMNS) + f"{'seconds':>10}"
    print(header)
    for row in rows:
        print(f"{row.get('kind', '?'):<8}" + "".join(f"{row.get(c, 0):>21}" for c in COLUMNS)
              + f"{row.get('seconds', 0):>10.1f}")
    for row in rows:
        for line in row.get("details", []):
            print(f"[{row.get('kind', '?')}] {line}")


if __name__ == "__main__":
    sys.exit(main())
