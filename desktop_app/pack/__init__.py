"""The reference pack: one printable PDF of referees, qualifications and documents.

Plain Python over plain values (`content.py`): no Qt, no database. The services
gather a `PackContent`; `build_pack` writes the PDF.
"""

from desktop_app.pack.build import DocumentPages, PackError, PackResult, build_pack
from desktop_app.pack.content import PackContent, PackDocument, PackProfile, PackQualification, PackReferee
from desktop_app.pack.footer import footer_text

__all__ = [
    "DocumentPages", "PackContent", "PackDocument", "PackError", "PackProfile",
    "PackQualification", "PackReferee", "PackResult", "build_pack", "footer_text",
]
