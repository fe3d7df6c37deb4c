"""Fonts embedded in the reference pack (read with importlib.resources).

DejaVu Sans, Sans Bold and Sans Mono: Bitstream Vera licence (LICENSE-DejaVu.txt).
Droid Sans Fallback Full, for Chinese, Japanese and Korean: Apache 2.0
(LICENSE-DroidSansFallback.txt). Copied unmodified from Debian's fonts-dejavu-core
and fonts-droid-fallback packages.
"""
