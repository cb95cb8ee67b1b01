"""The printable card (ID-1, front and back) and the A4 certificate of a signed document.

Everything printed comes from the signed payload itself, so the card says what its QR
says. The photograph is printed only when its hash is the one the payload carries;
otherwise the card prints a placeholder. Fonts and Arabic shaping come from :mod:`sijill.pdf`.
"""

from __future__ import annotations

import datetime as dt
import io

from fpdf import FPDF

from sijill.credentials import qr, signing
from sijill.credentials.payload import DocType, Document, photo_digest
from sijill.pdf import arabic as _arabic
from sijill.pdf import latin as _latin
from sijill.pdf import new_pdf as _pdf

ID1 = (85.6, 53.98)  # ISO/IEC 7810 ID-1, millimetres
PHOTO_MM = (20.0, 25.0)  # width, height: the 4:5 of a passport photograph

TITLES = {
    DocType.IDENTITY_CARD: ("Identity card", "بطاقة هوية"),
    DocType.RESIDENCE_PERMIT: ("Residence permit", "تصريح إقامة"),
    DocType.WEAPON_PERMIT: ("Weapon permit", "رخصة حيازة سلاح"),
}
LABELS = {
    "name": ("Name", "الاسم"),
    "dob": ("Date of birth", "تاريخ الميلاد"),
    "nationality": ("Nationality", "الجنسية"),
    "serial": ("Document no.", "رقم الوثيقة"),
    "regno": ("Registry no.", "رقم السجل"),
    "valid": ("Valid until", "صالحة حتى"),
    "weapon": ("Weapon", "السلاح"),
    "photo": ("Photo", "صورة"),
    "verify": ("Scan to verify offline", "امسح للتحقق دون اتصال"),
}


def _qr(pdf: FPDF, text: str, x: float, y: float, side: float) -> None:
    """The QR code as vector squares (sharp at any print resolution), quiet zone included."""
    matrix = qr.symbol(text).matrix
    module = side / (len(matrix) + 8)
    pdf.set_fill_color(0, 0, 0)
    for row, line in enumerate(matrix):
        for col, dark in enumerate(line):
            if dark:
                pdf.rect(x + (col + 4) * module, y + (row + 4) * module, module, module, "F")


def _date(value: int) -> str:
    return dt.datetime.fromtimestamp(value, dt.UTC).date().isoformat()


def _dob(text: str | None) -> str:
    if not text:
        return "—"
    return "-".join(p for p in (text[:4], text[4:6], text[6:8]) if p)


def _rows(doc: Document) -> list[tuple[str, str]]:
    rows = [
        ("dob", _dob(doc.holder.date_of_birth)),
        ("nationality", doc.holder.nationality or "—"),
        ("serial", doc.serial),
        ("regno", doc.regno),
        ("valid", _date(doc.expires_at)),
    ]
    if doc.weapon:
        rows.append(("weapon", f"{doc.weapon.category} {doc.weapon.serial}"))
    return rows


def read(text: str) -> Document:
    """The payload of an issued document's QR text (the issuer's own, so not re-verified)."""
    return signing.read_own(text)


def _photo(pdf: FPDF, doc: Document, photo: bytes | None, x: float, y: float) -> None:
    """The holder's photograph in a 20 x 25 mm frame, or a placeholder when there is none
    or it is not the one whose hash the document carries."""
    w, h = PHOTO_MM
    pdf.rect(x, y, w, h)
    if photo is not None and doc.photo_hash and photo_digest(photo) == doc.photo_hash:
        pdf.image(io.BytesIO(photo), x=x, y=y, w=w, h=h, keep_aspect_ratio=True)
        return
    pdf.set_font("latin", size=5)
    pdf.set_xy(x, y + 10)
    pdf.cell(w, 2, LABELS["photo"][0], align="C")
    _arabic(pdf, x, y + 13, 12, LABELS["photo"][1], 5)


def _front(pdf: FPDF, doc: Document, issuer: str, photo: bytes | None) -> None:
    w, _ = ID1
    pdf.add_page()
    english, arabic = TITLES[doc.doc_type]
    _latin(pdf, 4, 3, f"{issuer} · {english}", 7)
    _arabic(pdf, w / 2, 2.5, w / 2 - 4, arabic, 8)
    _photo(pdf, doc, photo, 4, 10)
    _latin(pdf, 27, 10, doc.holder.full_name, 7.5)
    if doc.holder.arabic_name:
        _arabic(pdf, 27, 14, w - 31, doc.holder.arabic_name, 8)
    y = 19.5
    for key, value in _rows(doc):
        english, arabic = LABELS[key]
        _latin(pdf, 27, y, f"{english}: {value}", 5.5)
        _arabic(pdf, 60, y - 0.6, w - 64, arabic, 5.5)
        y += 3.6


def _back(pdf: FPDF, doc: Document, text: str) -> None:
    w, h = ID1
    pdf.add_page()
    side = h - 6
    _qr(pdf, text, 3, 3, side)
    _latin(pdf, side + 6, 8, LABELS["verify"][0], 5.5)
    _arabic(pdf, side + 6, 12, w - side - 10, LABELS["verify"][1], 6)
    _latin(pdf, side + 6, 20, doc.serial, 6)
    _latin(pdf, side + 6, 24, f"{_date(doc.issued_at)} → {_date(doc.expires_at)}", 5.5)


def card_pdf(text: str, photo: bytes | None = None) -> bytes:
    """The ID-1 card, front then back, with ``photo`` if the document carries its hash."""
    doc = read(text)
    pdf = _pdf("landscape", ID1[::-1], FPDF)
    _front(pdf, doc, doc.issuer, photo)
    _back(pdf, doc, text)
    return bytes(pdf.output())


def certificate_pdf(text: str, photo: bytes | None = None) -> bytes:
    """An A4 certificate: the same fields and photograph, larger, with a large QR code."""
    doc = read(text)
    pdf = _pdf("portrait", "A4", FPDF)
    pdf.add_page()
    english, arabic = TITLES[doc.doc_type]
    _latin(pdf, 20, 20, english, 20)
    _arabic(pdf, 100, 19, 90, arabic, 22)
    _latin(pdf, 20, 40, doc.holder.full_name, 14)
    if doc.holder.arabic_name:
        _arabic(pdf, 100, 48, 90, doc.holder.arabic_name, 16)
    y = 62.0
    for key, value in _rows(doc):
        english, arabic = LABELS[key]
        _latin(pdf, 20, y, f"{english}: {value}", 11)
        _arabic(pdf, 120, y - 1, 70, arabic, 11)
        y += 8
    _photo(pdf, doc, photo, 20, y + 14)
    _qr(pdf, text, 55, y + 10, 100)
    _latin(pdf, 20, y + 115, f"{LABELS['verify'][0]} · {doc.issuer}", 10)
    _arabic(pdf, 100, y + 121, 90, LABELS["verify"][1], 11)
    return bytes(pdf.output())
