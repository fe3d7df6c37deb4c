"""Write the sample documents of ``afterview --demo`` into ``resources/demo/``.

Two small PDFs for the sample's qualifications: the full transcript of the BSc (q1 in
demo.json), and the certificate of the Coursera course (q2) — which has no transcript,
so the sample shows the "Only a certificate" flag. Both say SAMPLE across the page:
they are illustrations, not documents anyone could pass off as real.

ReportLab's invariant mode makes the output byte-for-byte the same on every run, so
re-running this script changes nothing unless the script itself changed.

    .venv/bin/python scripts/make_demo_documents.py
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

OUT = Path(__file__).resolve().parent.parent / "resources" / "demo"
NAVY = HexColor("#1f3a5f")
GREY = HexColor("#555555")

MODULES = {
    "Year 1 (2015–16)": [("MATH1005", "Core Mathematics", 40, 74), ("MATH1010", "Probability & Statistics", 20, 71),
                         ("MATH1060", "Introductory Linear Algebra", 20, 78), ("COMP1711", "Procedural Programming", 20, 69),
                         ("MATH1400", "Modelling with Differential Equations", 20, 72)],
    "Year 2 (2016–17)": [("MATH2365", "Vector Calculus", 20, 70), ("MATH2715", "Statistical Methods", 20, 76),
                         ("MATH2750", "Introduction to Markov Processes", 20, 73), ("MATH2051", "Real Analysis", 20, 68),
                         ("MATH2022", "Groups and Vector Spaces", 20, 71), ("MATH2801", "Time Series", 20, 79)],
    "Year 3 (2017–18)": [("MATH3714", "Linear Regression and Robustness", 20, 81), ("MATH3772", "Multivariate Analysis", 20, 77),
                         ("MATH3820", "Bayesian Statistics", 20, 75), ("MATH3001", "Project in Mathematics", 40, 82),
                         ("MATH3565", "Stochastic Calculus for Finance", 20, 72)],
}


def _sample_stamp(canvas: Canvas, width: float, height: float) -> None:
    canvas.saveState()
    canvas.setFillColor(Color(0.8, 0.1, 0.1, alpha=0.12))
    canvas.setFont("Helvetica-Bold", 110)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(35)
    canvas.drawCentredString(0, -40, "SAMPLE")
    canvas.restoreState()


def transcript(path: Path) -> None:
    width, height = A4
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.setTitle("Academic transcript — BSc (Hons) Mathematics (sample)")
    years = list(MODULES.items())
    for page, chunk in enumerate((years[:2], years[2:]), start=1):
        _sample_stamp(canvas, width, height)
        canvas.setFillColor(NAVY)
        canvas.setFont("Helvetica-Bold", 16)
        canvas.drawString(56, height - 64, "University of Leeds")
        canvas.setFont("Helvetica", 11)
        canvas.drawString(56, height - 82, "Academic Transcript — Higher Education Achievement Record")
        canvas.setFillColor(GREY)
        canvas.setFont("Helvetica", 9)
        canvas.drawString(56, height - 100, "Student: Sam Taylor    Student number: 201500000 (sample)    "
                                            "Programme: BSc (Hons) Mathematics")
        canvas.line(56, height - 108, width - 56, height - 108)
        y = height - 136
        for year, modules in chunk:
            canvas.setFillColor(NAVY)
            canvas.setFont("Helvetica-Bold", 11)
            canvas.drawString(56, y, year)
            y -= 18
            canvas.setFont("Helvetica-Bold", 9)
            canvas.setFillColor(GREY)
            for x, text in ((56, "Code"), (130, "Module"), (400, "Credits"), (470, "Mark")):
                canvas.drawString(x, y, text)
            y -= 14
            canvas.setFont("Helvetica", 9)
            canvas.setFillColorRGB(0, 0, 0)
            for code, title, credits, mark in modules:
                canvas.drawString(56, y, code)
                canvas.drawString(130, y, title)
                canvas.drawRightString(430, y, str(credits))
                canvas.drawRightString(490, y, str(mark))
                y -= 14
            y -= 16
        if page == 2:
            canvas.setFont("Helvetica-Bold", 11)
            canvas.setFillColor(NAVY)
            canvas.drawString(56, y - 10, "Award: BSc (Hons) Mathematics — First Class Honours, 13 July 2018")
            canvas.setFont("Helvetica", 9)
            canvas.setFillColor(GREY)
            canvas.drawString(56, y - 28, "Verify this record through HEDD: https://www.hedd.ac.uk")
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(GREY)
        canvas.drawCentredString(width / 2, 36, f"Sample document made for the Afterview demo — page {page} of 2")
        canvas.showPage()
    canvas.save()


def certificate(path: Path) -> None:
    width, height = landscape(A4)
    canvas = Canvas(str(path), pagesize=(width, height), invariant=1)
    canvas.setTitle("Google Data Analytics Certificate (sample)")
    canvas.setStrokeColor(NAVY)
    canvas.setLineWidth(6)
    canvas.rect(30, 30, width - 60, height - 60)
    canvas.setLineWidth(1)
    canvas.rect(42, 42, width - 84, height - 84)
    _sample_stamp(canvas, width, height)
    canvas.setFillColor(NAVY)
    canvas.setFont("Helvetica-Bold", 30)
    canvas.drawCentredString(width / 2, height - 140, "Certificate of Completion")
    canvas.setFont("Helvetica", 14)
    canvas.setFillColor(GREY)
    canvas.drawCentredString(width / 2, height - 190, "This is to certify that")
    canvas.setFont("Helvetica-Bold", 24)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawCentredString(width / 2, height - 230, "Sam Taylor")
    canvas.setFont("Helvetica", 14)
    canvas.setFillColor(GREY)
    canvas.drawCentredString(width / 2, height - 270, "has successfully completed the professional certificate")
    canvas.setFont("Helvetica-Bold", 18)
    canvas.setFillColor(NAVY)
    canvas.drawCentredString(width / 2, height - 305, "Google Data Analytics")
    canvas.setFont("Helvetica", 11)
    canvas.setFillColor(GREY)
    canvas.drawCentredString(width / 2, height - 345, "Coursera · 30 May 2023 · Verify at coursera.org/verify/EXAMPLE123")
    canvas.setFont("Helvetica", 8)
    canvas.drawCentredString(width / 2, 56, "Sample document made for the Afterview demo")
    canvas.showPage()
    canvas.save()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    transcript(OUT / "leeds-transcript.pdf")
    certificate(OUT / "data-analytics-certificate.pdf")
    for path in sorted(OUT.glob("*.pdf")):
        print(f"{path.relative_to(OUT.parent.parent.parent)}: {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
