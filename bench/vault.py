"""Importing a large PDF into the vault, against copying it and hashing it with the standard library.

The baseline is the least an import can cost: ``shutil.copyfile`` of the same file
plus ``hashlib.file_digest(…, "sha256")`` of it. The vault's import does more — one
pass that hashes while it copies into a temporary file, ``fsync``, the PDF checks,
the atomic rename and the database row — and must take at most 1.5× the baseline.
Both are measured alternately in this run, on this machine; the medians are compared.

Memory: the resident set of this process is sampled every 2 ms during one import;
its peak growth over the level just before must stay under 50 MiB (the import
streams in 1 MiB chunks and never holds the file).

    .venv/bin/python bench/vault.py [--size-mb 200] [--runs 3]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop_app.services.vault import qualifications as vault  # noqa: E402 - after the path fix, so it runs from a checkout
from desktop_app.services.vault.adding import add_document  # noqa: E402
from desktop_app.store.db import close_database
from desktop_app.store.open import open_database  # noqa: E402
from tests.helpers.vault_samples import make_big_pdf, make_pdf  # noqa: E402

TARGET_RATIO = 1.5
MEMORY_LIMIT_MIB = 50


def baseline(source: Path, folder: Path) -> float:
    target = folder / "copy.pdf"
    start = time.perf_counter()
    shutil.copyfile(source, target)
    with source.open("rb") as handle:
        hashlib.file_digest(handle, "sha256").hexdigest()
    elapsed = time.perf_counter() - start
    target.unlink()
    return elapsed


def vault_import(source: Path) -> float:
    start = time.perf_counter()
    added = add_document(source, kind="transcript")
    elapsed = time.perf_counter() - start
    vault.remove_document(added.document_id)  # so the next run stores the file again
    return elapsed


def _rss() -> int:
    """Resident set size in bytes (Linux); 0 where /proc is not available."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def peak_growth(source: Path) -> tuple[float, float, int]:
    """(peak RSS growth, peak Python heap) in MiB during one import, and how many RSS samples were taken."""
    import tracemalloc

    before = _rss()
    peak = [before]
    samples = [0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], _rss())
            samples[0] += 1
            stop.wait(0.002)

    sampler = threading.Thread(target=sample, daemon=True)
    tracemalloc.start()
    sampler.start()
    try:
        vault_import(source)
    finally:
        stop.set()
        sampler.join()
        _, heap_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return (peak[0] - before) / (1 << 20), heap_peak / (1 << 20), samples[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="afterview-bench-vault-") as tmp:
        folder = Path(tmp)
        source = make_big_pdf(folder / "big transcript.pdf", args.size_mb << 20)
        open_database(folder / "data")
        try:
            vault_import(make_pdf(folder / "warm-up.pdf"))  # imports pypdf once, as a running app has
            baseline(source, folder)  # and one warm-up each, so both read from the page cache
            vault_import(source)
            base_times, app_times = [], []
            for _ in range(args.runs):
                base_times.append(baseline(source, folder))
                app_times.append(vault_import(source))
            rss_growth, heap_peak, samples = peak_growth(source)
        finally:
            close_database()
    base, app = statistics.median(base_times), statistics.median(app_times)
    ratio = app / base
    size = source.stat().st_size / (1 << 20) if source.exists() else args.size_mb
    print(f"file: {size:.0f} MiB PDF")
    print(f"copy + SHA-256 (shutil, hashlib): median {base * 1000:.0f} ms over {args.runs} runs")
    print(f"vault import:                     median {app * 1000:.0f} ms over {args.runs} runs")
    print(f"time ratio: {ratio:.2f} (target ≤ {TARGET_RATIO})")
    print(f"peak memory growth during import: {rss_growth:.1f} MiB resident ({samples} samples), "
          f"{heap_peak:.1f} MiB Python heap (target < {MEMORY_LIMIT_MIB} MiB)")
    ok = ratio <= TARGET_RATIO and max(rss_growth, heap_peak) < MEMORY_LIMIT_MIB
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
