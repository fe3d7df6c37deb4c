"""Afterview's bundled files, installed as the package ``afterview_resources``.

This folder is the top-level ``resources/`` of the source tree; ``pyproject.toml``
maps it to the import name ``afterview_resources`` so that ``importlib.resources``
finds it in an editable install, an installed wheel and the PyInstaller bundle alike.
Read it only through ``desktop_app.resource_files``, never by path.

- ``icons/``: the application icon, SVG source and its renderings
  (``packaging/make_icons.py`` writes them).
- ``fonts/``: fonts embedded in the reference pack. DejaVu Sans, Sans Bold and Sans
  Mono: Bitstream Vera licence (LICENSE-DejaVu.txt). Droid Sans Fallback Full, for
  Chinese, Japanese and Korean: Apache 2.0 (LICENSE-DroidSansFallback.txt). Copied
  unmodified from Debian's fonts-dejavu-core and fonts-droid-fallback packages.
- ``demo.json``: the sample job search behind ``afterview --demo``.
- ``demo/``: the sample's documents (``scripts/make_demo_documents.py`` writes them).
"""
