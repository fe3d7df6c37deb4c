"""What the sweeps share: the per-file loop (counts, time limit, crashes), a throw-away data folder,
poppler, packs, pixel compares."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from datetime import date
from pathlib import Path
from typing import Any

#: Seconds one file may take through the vault before it counts as a crash (a hang).
PER_FILE_SECONDS = 30
#: Resolution of the pixel compares (dots per inch): enough to see a missing drawing, fast.
COMPARE_DPI = 24
#: The band at the foot of an appended page where the pack stamps its footer (points).
FOOTER_BAND = 48
#: A pixel differs when a channel differs by more than this (0–255)...
PIXEL_TOLERANCE = 64
#: ...and a page has changed when more than this share of its pixels differ.
CHANGED_SHARE = 0.01


def result(kind: str) -> dict:
    """An empty result of one kind, in the shape compat_sweep.py prints."""
    return {"kind": kind, "files": 0, "accepted": 0, "refused": 0, "refused_viewer_opens": 0,
            "refused_known": 0, "crashed": 0, "changed": 0, "details": []}


@contextmanager
def temporary_store() -> Iterator[Path]:
    """An open, empty Afterview store in a fresh folder, removed afterwards."""
    from desktop_app.store.db import close_database
    from desktop_app.store.open import open_database

    from desktop_app.store.db import db

    folder = Path(tempfile.mkdtemp(prefix="afterview-sweep-"))
    open_database(folder / "data")
    # A throw-away folder needs no durability: without the flushes to disk the sweep runs
    # several times faster, and the code paths (copy, check, rename, commit) are the same.
    db.execute_sql("PRAGMA synchronous=OFF")
    real_fsync, os.fsync = os.fsync, lambda _fd: None
    try:
        yield folder
    finally:
        os.fsync = real_fsync
        close_database()
        shutil.rmtree(folder, ignore_errors=True)


class TimedOut(Exception):
    pass


@contextmanager
def time_limit(seconds: int = PER_FILE_SECONDS) -> Iterator[None]:
    """Raise :class:`TimedOut` in the main thread after ``seconds`` (a file that hangs a reader)."""
    def expired(_signum: int, _frame: object) -> None:
        raise TimedOut(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def each_file(paths: Iterable[Path], out: dict, step: Callable[[Path], Any], *,
              refusals: tuple[type[BaseException], ...] = (),
              refused: Callable[[Path, BaseException], None] | None = None,
              doing: str = "reading", store_per_file: bool = False) -> Iterator[tuple[Path, Any]]:
    """The loop every kind's sweep runs: each of ``paths`` through ``step(path)``, counted in ``out``.

    Per file: ``out["files"]`` grows; ``step`` runs under :func:`time_limit` (a file that
    hangs a reader is a crash, not a stuck sweep); an exception among ``refusals`` (the
    reader's sentence for the user) counts as ``refused`` and is passed to ``refused(path,
    exc)`` for the kind's details; any other exception counts as ``crashed`` with
    ``CRASH {doing} {name}: {where and what}`` in the details. Otherwise yields ``(path,
    what step returned)`` for the kind's own checks. ``store_per_file``: each file in its
    own :func:`temporary_store`, open while the caller handles it.
    """
    for path in paths:
        out["files"] += 1
        with temporary_store() if store_per_file else nullcontext():
            try:
                with time_limit():
                    value = step(path)
            except refusals as exc:
                out["refused"] += 1
                if refused is not None:
                    refused(path, exc)
                continue
            except Exception as exc:  # noqa: BLE001 (a sweep counts every failure)
                out["crashed"] += 1
                out["details"].append(f"CRASH {doing} {path.name}: {last_line(exc)}")
                continue
            yield path, value


def last_line(exc: BaseException) -> str:
    """Where and what: the innermost frame of a crash, for the sweep's details."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    return f"{type(exc).__name__} at {where}: {str(exc)[:160]}"


def poppler_renders(path: Path) -> bool:
    """Whether poppler's pdftoppm renders the first page without a password (exit 0, an image)."""
    with tempfile.TemporaryDirectory() as folder:
        try:
            run = subprocess.run(["pdftoppm", "-r", "10", "-f", "1", "-l", "1", "-gray", str(path),
                                  f"{folder}/p"], capture_output=True, timeout=60)
        except subprocess.TimeoutExpired:
            return False
        return run.returncode == 0 and any(Path(folder).iterdir())


def render(path: Path, page: int, dpi: int = COMPARE_DPI,  # type: ignore[no-untyped-def]
           size: tuple[int, int] | None = None):
    """Page ``page`` (1-based) of a PDF as a Pillow RGB image, by poppler; None if it fails.
    ``size`` (pixels): drawn to exactly that width and height instead of at ``dpi``."""
    from PIL import Image

    scale = ["-scale-to-x", str(size[0]), "-scale-to-y", str(size[1])] if size else ["-r", str(dpi)]
    with tempfile.TemporaryDirectory() as folder:
        try:
            subprocess.run(["pdftoppm", *scale, "-f", str(page), "-l", str(page), "-singlefile",
                            "-png", str(path), f"{folder}/p"], capture_output=True, timeout=120)
        except subprocess.TimeoutExpired:
            return None
        out = Path(folder) / "p.png"
        if not out.exists():
            return None
        with Image.open(out) as image:
            return image.convert("RGB")


def share_differing(a, b, *, footer_px: int = 0) -> float:  # type: ignore[no-untyped-def]
    """The share of pixels (0–1) that differ by more than the tolerance; 1.0 if sizes differ.

    ``footer_px`` rows at the bottom are left out (the pack's footer is drawn there).
    """
    from PIL import ImageChops

    if abs(a.width - b.width) > 1 or abs(a.height - b.height) > 1:
        return 1.0
    width, height = min(a.width, b.width), min(a.height, b.height) - footer_px
    if width <= 0 or height <= 0:
        return 0.0
    box = (0, 0, width, height)
    difference = ImageChops.difference(a.crop(box), b.crop(box)).convert("L")
    histogram = difference.histogram()
    return sum(histogram[PIXEL_TOLERANCE + 1:]) / (width * height)


def build_packs(documents: list[tuple[str, str, int, Path]], out: dict, *, batch: int = 20,
                pages_per_document: int = 2) -> None:
    """Build packs of the stored ``documents`` (name, sha256, pages, original file) and compare pixels.

    A pack that fails is built again one document at a time, so the failing one is named:
    each failure counts as a crash (the vault kept a file the pack cannot use). Of each
    document, the first page and (when it has more) the last are compared with the original.
    """
    from desktop_app.pack import PackContent, PackDocument, PackProfile, build_pack
    from desktop_app.services.vault.files import stored_path

    def build(group: list[tuple[str, str, int, Path]], folder: Path) -> object | None:
        content = PackContent(
            profile=PackProfile(name="Compatibility Sweep"), made_on=date(2026, 1, 1),
            documents=tuple(PackDocument(stored_path(sha), "transcript", name, sha, pages)
                            for name, sha, pages, _original in group))
        try:
            with time_limit(PER_FILE_SECONDS * len(group)):
                return build_pack(content, folder / "pack.pdf")
        except Exception as exc:  # noqa: BLE001 (a sweep counts every failure)
            if len(group) == 1:
                out["crashed"] += 1
                out["details"].append(f"CRASH in pack: {group[0][0]}: {last_line(exc)}")
            return None

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for start in range(0, len(documents), batch):
            group = documents[start:start + batch]
            made = build(group, folder)
            if made is None and len(group) > 1:
                for single in group:
                    made_one = build([single], folder)
                    if made_one is not None:
                        _compare(made_one, [single], pages_per_document, out)
            elif made is not None:
                _compare(made, group, pages_per_document, out)


def _without_pack_attachments(path: Path, folder: Path) -> Path:
    """A copy of the pack without its file-attachment annotations (the paperclip beside each
    appended document, issue 16): a mark the pack adds on purpose, not a change of the page."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, NameObject

    writer = PdfWriter(clone_from=PdfReader(path))
    for page in writer.pages:
        if "/Annots" not in page:
            continue
        kept = ArrayObject(a for a in page["/Annots"] if a.get_object().get("/Subtype") != "/FileAttachment")
        page[NameObject("/Annots")] = kept
    out = folder / "pack-compared.pdf"
    with out.open("wb") as handle:
        writer.write(handle)
    return out


def _compare(made, group, pages_per_document: int, out: dict) -> None:  # type: ignore[no-untyped-def]
    footer_px = int(FOOTER_BAND * COMPARE_DPI / 72) + 1
    with tempfile.TemporaryDirectory() as scratch:
        pack = _without_pack_attachments(made.path, Path(scratch))
        for placed, (name, _sha, pages, original) in zip(made.documents, group):
            chosen = sorted({1, pages})[:pages_per_document]
            for page in chosen:
                before = render(original, page)
                after = render(pack, placed.first + page - 1)
                scaled = before is not None and after is not None and max(before.size) > max(after.size) + 1
                if scaled:
                    # a page bigger than A4 is scaled to fit A4 in the pack (appending.page_scale):
                    # the original is drawn to the pack page's pixel size (poppler takes the size
                    # before /Rotate, hence the swap), so the comparison is made after scaling
                    for size in (after.size, after.size[::-1]):
                        again = render(original, page, size=size)
                        if again is not None and again.size == after.size:
                            before = again
                            break
                    # drawn at another scale, glyphs and hairlines fall on other pixel phases at this
                    # low resolution: a 1.5-pixel blur compares what is drawn, not how glyphs were hinted
                    from PIL import ImageFilter

                    before, after = (image.filter(ImageFilter.GaussianBlur(1.5)) for image in (before, after))
                if before is None or after is None:
                    continue
                if before.width <= 2 or before.height <= 2:
                    out["details"].append(f"NOTE: {name} page {page}: poppler cannot draw the original "
                                          "(not compared)")
                    continue
                share = share_differing(before, after, footer_px=footer_px)
                if share > CHANGED_SHARE:
                    out["changed"] += 1
                    out["details"].append(f"CHANGED in pack: {name} page {page}: "
                                          f"{share:.1%} of pixels differ")
                    break


def in_parallel(part, files: list[Path], kind: str) -> dict:  # type: ignore[no-untyped-def]
    """Run ``part(files) -> dict`` over shares of ``files`` in one process per processor, and add up.

    Each share gets its own temporary store (``part`` opens it), so the processes share nothing.
    """
    from concurrent.futures import ProcessPoolExecutor

    workers = max(1, min(os.cpu_count() or 1, 8, len(files)))
    out = result(kind)
    if not files:
        return out
    shares = [files[i::workers] for i in range(workers)]
    if workers == 1:
        parts = [part(shares[0])]
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            parts = list(pool.map(part, shares))
    for counted in parts:
        for key, value in counted.items():
            if key == "details":
                out["details"].extend(value)
            elif isinstance(value, int):
                out[key] += value
    out["details"].sort()
    return out
