"""The compatibility sweep's kinds: ``pdfs``, ``images`` (issue 15a), ``vcards``, ``csvs`` (15b).

Each module has ``sweep(paths) -> dict``: it picks the files of its kind from ``paths`` and
runs them through the app's own code paths. See ``scripts/compat_sweep.py``.
"""
