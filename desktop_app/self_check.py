"""``afterview --self-check``: use every bundled dependency once and say what is missing.

Meant for a freshly built bundle (CI runs it on ``dist/Afterview/afterview``) and
for support: a module or data file that PyInstaller left out only fails when it is
first used, so each part below really uses it, in a throw-away data folder.
Each part prints ``ok <part>`` or ``MISSING <part>: <why>``; the exit status is
non-zero when any part failed.
"""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path

ICON_SIZES: tuple[int, ...] = (16, 32, 48, 64, 128, 256, 512)
# The platform plugin a real (non-test) start needs on each system.
NATIVE_PLATFORMS: dict[str, tuple[str, ...]] = {
    "linux": ("xcb", "wayland"),
    "win32": ("windows",),
    "darwin": ("cocoa",),
}

Part = Callable[[Path], str]


def check_store(work: Path) -> str:
    """Create, migrate and query an Afterview database in a new data folder."""
    from desktop_app.store.db import close_database
    from desktop_app.store.open import open_database

    database = open_database(work / "data")
    try:
        tables = database.execute_sql("select count(*) from sqlite_master where type = 'table'")
        count = tables.fetchone()[0]
    finally:
        close_database()
    if count == 0:
        raise RuntimeError("the new database has no tables")
    return f"{count} tables"


def check_single_instance(work: Path) -> str:
    """Take the data folder's lock and listen on its local socket (QtNetwork)."""
    from desktop_app.single_instance import ClaimOutcome, DataFolderClaim

    claim = DataFolderClaim(work)
    try:
        outcome = claim.claim()
        if outcome is not ClaimOutcome.PRIMARY or claim.detail:
            raise RuntimeError(f"{outcome.value} {claim.detail}".strip())
    finally:
        claim.release()
    return "lock and socket"


def _one_page_pdf(text: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setFont("Helvetica", 14)
    canvas.drawString(72, 760, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def check_reportlab(work: Path) -> str:
    """Render a one-page PDF (and a paragraph, which loads ReportLab's lazy modules)."""
    import reportlab
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    (work / "one.pdf").write_bytes(_one_page_pdf("Afterview self-check: page one"))
    story = [Paragraph("Afterview <b>self-check</b>: page two", getSampleStyleSheet()["Normal"])]
    SimpleDocTemplate(str(work / "two.pdf")).build(story)
    return reportlab.Version


def check_pypdf(work: Path) -> str:
    """Append one PDF to another and read the result back."""
    import pypdf

    writer = pypdf.PdfWriter()
    for name in ("one.pdf", "two.pdf"):
        writer.append(str(work / name))
    writer.add_outline_item(title="Page two", page_number=1)
    with (work / "joined.pdf").open("wb") as handle:
        writer.write(handle)
    pages = len(pypdf.PdfReader(str(work / "joined.pdf")).pages)
    if pages != 2:
        raise RuntimeError(f"appended PDF has {pages} pages, expected 2")
    return pypdf.__version__


def check_qtpdf(work: Path) -> str:
    """Load the joined PDF with QtPdf and render its first page."""
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    document.load(str(work / "joined.pdf"))
    if document.status() != QPdfDocument.Status.Ready:
        raise RuntimeError(f"status {document.status().name}, error {document.error().name}")
    if document.pageCount() != 2:
        raise RuntimeError(f"{document.pageCount()} pages, expected 2")
    image = document.render(0, QSize(120, 170))
    if image.isNull():
        raise RuntimeError("page 1 did not render")
    document.close()
    return "2 pages"


def check_print_support(work: Path) -> str:
    """Print a page to a PDF file through QtPrintSupport (no printer needed)."""
    from PySide6.QtGui import QPainter
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(work / "printed.pdf"))
    painter = QPainter()
    if not painter.begin(printer):
        raise RuntimeError("cannot start printing")
    painter.drawText(72, 72, "Afterview self-check")
    painter.end()
    if (work / "printed.pdf").stat().st_size == 0:
        raise RuntimeError("printed file is empty")
    return "QPrinter"


def check_qt_platform(work: Path) -> str:
    """The native windowing plugin is bundled, not only the offscreen one."""
    from PySide6.QtCore import QLibraryInfo

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    present = {p.name for p in folder.glob("*")} if folder.is_dir() else set()
    wanted = NATIVE_PLATFORMS.get(sys.platform, ())
    found = [name for name in wanted if any(f"q{name}" in file for file in present)]
    if wanted and not found:
        raise RuntimeError(f"no {' or '.join(wanted)} plugin in {folder}")
    return ", ".join(found) or sys.platform


def check_icons(work: Path) -> str:
    """Every icon size is bundled and the SVG source renders (QtSvg)."""
    from PySide6.QtGui import QImage
    from PySide6.QtSvg import QSvgRenderer

    from desktop_app.resource_files import ICONS, resource_path

    for size in ICON_SIZES:
        with resource_path(f"{ICONS}/afterview-{size}.png") as path:
            image = QImage(str(path))
        if image.width() != size:
            raise RuntimeError(f"afterview-{size}.png missing or unreadable")
    with resource_path(f"{ICONS}/afterview.svg") as path:
        if not QSvgRenderer(str(path)).isValid():
            raise RuntimeError("afterview.svg missing or unreadable")
    return f"{len(ICON_SIZES)} sizes and SVG"


def check_resources(work: Path) -> str:
    """The pack's fonts and the sample load as the app loads them; every file reads.

    Through ``desktop_app.resource_files``, the one way the app finds its files: the
    pack's text runs (DejaVu, and Droid Sans Fallback for a Chinese character), the
    sample data (``demo.json``) and its documents; then every other resource. The
    sample is read as a file here, not imported: that needs the store, checked apart.
    """
    from reportlab.pdfbase.ttfonts import TTFont

    from desktop_app.pack.fonts import FALLBACK, SANS, runs
    from desktop_app.resource_files import DEMO_DATA, DEMO_FOLDER, ICONS, resource, resources_root, walk

    if runs("Łukasz 王", set()) != [(SANS, "Łukasz "), (FALLBACK, "王")]:
        raise RuntimeError("the pack's fonts do not cover Latin and Chinese text")
    if not json.loads(resource(DEMO_DATA).read_text(encoding="utf-8")).get("applications"):
        raise RuntimeError(f"{DEMO_DATA} holds no applications")
    documents = [file for name, file in walk(DEMO_FOLDER) if name.endswith(".pdf")]
    if not documents or not all(file.read_bytes().startswith(b"%PDF-") for file in documents):
        raise RuntimeError(f"{DEMO_FOLDER}/ has no sample documents, or one is not a PDF")
    files = [(name, file) for name, file in walk() if not name.startswith(f"{ICONS}/")]
    for name, file in files:
        data = file.read_bytes()
        if not data:
            raise RuntimeError(f"{name} is empty")
        if name.lower().endswith(".ttf"):
            TTFont(name, io.BytesIO(data))
        elif name.lower().endswith(".json"):
            json.loads(data.decode("utf-8"))
    # Where they came from: tells a wheel, an editable install and a bundle apart.
    return f"fonts, sample data, {len(documents)} documents, {len(files)} files in {resources_root()}"


def check_text_services(work: Path) -> str:
    """Phone numbers, email addresses, time zones, calendar and vCard files."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    import email_validator
    import icalendar
    import phonenumbers
    import vobject

    # Region metadata is imported lazily, one module per country: try a few.
    for sample in ("+61 2 9374 4000", "+44 20 7946 0958", "+1 212 555 0182"):
        if not phonenumbers.is_valid_number(phonenumbers.parse(sample, None)):
            raise RuntimeError(f"phonenumbers metadata missing for {sample}")
    email_validator.validate_email("jo.bloggs@example.org", check_deliverability=False)
    if not resources.files("tzdata").joinpath("zoneinfo", "Australia", "Sydney").is_file():
        raise RuntimeError("tzdata's zone files are missing")
    sydney = datetime(2026, 1, 5, 9, 0, tzinfo=ZoneInfo("Australia/Sydney"))
    calendar = icalendar.Calendar()
    event = icalendar.Event()
    event.add("summary", "Self-check")
    event.add("dtstart", sydney)
    calendar.add_component(event)
    icalendar.Calendar.from_ical(calendar.to_ical())
    card = vobject.vCard()
    card.add("fn").value = "Jo Bloggs"
    vobject.readOne(card.serialize())
    # the daily notification's D-Bus message, built and serialised (no bus needed)
    from jeepney import DBusAddress, new_method_call

    notify = new_method_call(DBusAddress("/org/freedesktop/Notifications", bus_name="org.freedesktop.Notifications",
                                         interface="org.freedesktop.Notifications"), "Notify", "susssasa{sv}i",
                             ("Afterview", 0, "", "Self-check", "", [], {}, -1))
    notify.serialise(serial=1)
    return "phonenumbers, email, tzdata, icalendar, vobject, jeepney"


def check_pdf_reading(work: Path) -> str:
    """What reads a user's PDFs: AES (cryptography), qpdf's repair (pikepdf), signatures
    (pyHanko), the data folder's lock (filelock) and right-to-left text (python-bidi).

    All of them are imported inside functions in the app, out of PyInstaller's sight.
    """
    import pikepdf
    from filelock import FileLock
    from pypdf import PdfReader, PdfWriter
    from pyhanko.sign.validation import validate_pdf_signature  # noqa: F401 (imported is the check)
    from pyhanko_certvalidator import ValidationContext

    from desktop_app.pack.appending import open_original
    from desktop_app.pack.fonts import runs

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_one_page_pdf("Afterview self-check: locked"))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-256")
    locked = io.BytesIO()
    writer.write(locked)
    locked.seek(0)
    if len(open_original(locked, "locked.pdf").pages) != 1:
        raise RuntimeError("an AES-256 PDF without a user password did not open")
    with pikepdf.open(io.BytesIO(_one_page_pdf("Afterview self-check: qpdf"))) as pdf:
        if len(pdf.pages) != 1:
            raise RuntimeError("qpdf read no page")
    ValidationContext(trust_roots=[], allow_fetching=False)
    with FileLock(str(work / "self-check.lock"), timeout=0):
        pass
    if "".join(text for _font, text in runs("مريم", set())) == "مريم":
        raise RuntimeError("right-to-left text was not reordered for the pack")
    return "AES, qpdf, pyHanko, filelock, bidi"


PARTS: tuple[tuple[str, Part], ...] = (
    ("store", check_store),
    ("single-instance", check_single_instance),
    ("reportlab", check_reportlab),
    ("pypdf", check_pypdf),
    ("qtpdf", check_qtpdf),
    ("qtprintsupport", check_print_support),
    ("qt-platform", check_qt_platform),
    ("icons", check_icons),
    ("resources", check_resources),
    ("text-services", check_text_services),
    ("pdf-reading", check_pdf_reading),
)


def run_self_check(parts: tuple[tuple[str, Part], ...] = PARTS) -> tuple[bool, list[str]]:
    """Run every part in a throw-away folder; return (all passed, one line per part)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication

    # The check needs no window, and must also run where there is no display.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QCoreApplication.instance() or QGuiApplication(sys.argv[:1])
    lines: list[str] = []
    passed = True
    with tempfile.TemporaryDirectory(prefix="afterview-self-check-") as work:
        for name, part in parts:
            try:
                detail = part(Path(work))
            except Exception as exc:  # noqa: BLE001 - any failure is what we report
                passed = False
                lines.append(f"MISSING {name}: {type(exc).__name__}: {exc}")
            else:
                lines.append(f"ok {name} ({detail})")
    del app
    return passed, lines


def main() -> int:
    """Print one line per part; exit status 1 if any part is missing."""
    passed, lines = run_self_check()
    for line in lines:
        print(line, flush=True)
    print("self-check passed" if passed else "self-check FAILED", flush=True)
    return 0 if passed else 1
