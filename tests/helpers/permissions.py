"""Running a child process as an ordinary user would, even when the tests run as root."""

from __future__ import annotations

import ctypes
from pathlib import Path


def _drop_read_override() -> None:
    """In the child: give up the capabilities that let root read any file (run before exec)."""
    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop, cap_dac_override, cap_dac_read_search = 24, 1, 2
    for cap in (cap_dac_override, cap_dac_read_search):
        if libc.prctl(pr_capbset_drop, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl")


def _can_drop() -> bool:
    """True if this process may drop capabilities from its children (it holds CAP_SETPCAP); Linux only."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return False
    cap_eff = int(next(line.split()[1] for line in status.splitlines() if line.startswith("CapEff")), 16)
    return bool(cap_eff & (1 << 8))  # CAP_SETPCAP
