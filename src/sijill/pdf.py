"""PDF helpers shared by the printed documents (pure): fonts, Latin text, shaped Arabic.

Arabic is shaped by HarfBuzz (fpdf2's text shaping) in Noto Naskh Arabic, right to left;
Latin is in DejaVu Sans (Debian's fonts-noto-core and fonts-dejavu-core).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

from fpdf import FPDF

from sijill.errors import RuleViolation

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/noto"))
LATIN, ARABIC = "DejaVuSans.ttf", "NotoNaskhArabic-Regular.ttf"
T = TypeVar("T", bound=FPDF)


def font(name: str) -> Path:
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return folder / name
    raise RuleViolation(f"The font {name} is missing: install fonts-dejavu-core fonts-noto-core.")


def new_pdf(orientation: str, size: Sequence[float] | str, kind: type[T]) -> T:
    """A document in millimetres, no margins, no automatic page breaks, both fonts loaded;
    ``kind`` is FPDF or a subclass (one with a header or footer)."""
    pdf = kind(orientation=orientation, unit="mm", format=size)  # type: ignore[arg-type]
    pdf.set_auto_page_break(False)
    pdf.set_margin(0)
    pdf.add_font("latin", fname=str(font(LATIN)))
    pdf.add_font("arabic", fname=str(font(ARABIC)))
    return pdf


def arabic(pdf: FPDF, x: float, y: float, w: float, text: str, size: float) -> None:
    """Arabic text shaped right to left, aligned to the right edge of the box at ``x``."""
    pdf.set_font("arabic", size=size)
    pdf.set_text_shaping(True, direction="rtl", script="arab", language="ara")
    pdf.set_xy(x, y)
    pdf.cell(w, size * 0.45, text, align="R")
    pdf.set_text_shaping(False)


def latin(pdf: FPDF, x: float, y: float, text: str, size: float, room: float = 0) -> None:
    """Latin text; a text wider than ``room`` (default: to the page edge) gets smaller, not cut."""
    pdf.set_font("latin", size=size)
    room = room or pdf.w - x - 3
    while pdf.get_string_width(text) > room and size > 4:
        size -= 0.25
        pdf.set_font("latin", size=size)
    pdf.set_xy(x, y)
    pdf.cell(0, size * 0.4, text)
