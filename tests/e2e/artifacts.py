"""What the browser tests keep for a person to look at: screenshots of a page at a width
(refusing a page that scrolls sideways) and the PDFs they download."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
WIDTHS = {1366: {"width": 1366, "height": 900}, 390: {"width": 390, "height": 844}}
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


def shot(session, name: str, width: int) -> None:
    """var/screenshots/<name>-<width>.png of the whole page; it must not scroll sideways."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    session.page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
    assert session.page.evaluate(OVERFLOW) <= 0, f"{name} scrolls sideways at {width} px"


def keep_pdf(download, name: str) -> Path:
    """Save a Playwright download as var/screenshots/<name>.pdf, check that it is a PDF,
    and render its pages as <name>-pdf-N.png when poppler's pdftoppm is installed."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pdf = SCREENSHOTS / f"{name}.pdf"
    download.save_as(str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(pdf), str(SCREENSHOTS / f"{name}-pdf")],
            check=True,
            timeout=60,
        )
    return pdf
