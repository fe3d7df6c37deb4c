"""A qualification made through the vault service, as the vault tests start from one."""

from __future__ import annotations

from desktop_app.services.vault import qualifications as vault


def _qualification(title: str = "BSc (Hons) Mathematics") -> int:
    """A qualification at the University of Leeds, Sep 2015 – Jul 2018, in the open store; returns its id."""
    return vault.create_qualification({"title": title, "institution": "University of Leeds",
                                       "started_on": "2015-09-21", "awarded_on": "2018-07-13"})
