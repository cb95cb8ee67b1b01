"""The printable A4 manifest for the people at the crossing (pure).

It is drawn from a signed manifest file and carries that file's SHA-256 and the key id of
its signature, so the paper can be matched to the signed JSON; the signed file itself is
attached to the PDF. It shows what the signed manifest shows: no protection factors, no
screening details, no group affiliations.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from fpdf import FPDF

from sijill.pdf import arabic, latin, new_pdf
from sijill.transfers.manifest import parse

MARGIN, BOTTOM, ROW = 10.0, 280.0, 6.0
HEAD = (
    ("reference", "Batch", "الدفعة"),
    ("receiving_state", "Receiving state", "الدولة المستقبِلة"),
    ("authority", "Authority", "الجهة المستلمة"),
    ("crossing_point", "Crossing point", "نقطة العبور"),
    ("planned_date", "Planned date", "التاريخ المخطط"),
    ("signed_at", "Signed at", "تاريخ التوقيع"),
    ("generated_at", "Generated at", "تاريخ الإنشاء"),
    ("sha256", "Manifest SHA-256", "بصمة البيان"),
    ("key_id", "Signing key", "مفتاح التوقيع"),
)
PEOPLE = (  # key, English, Arabic, width in mm
    ("line", "#", "#", 8),
    ("regno", "Registry no.", "رقم السجل", 26),
    ("name", "Name", "الاسم", 42),
    ("name_arabic", "Name (Arabic)", "الاسم بالعربية", 42),
    ("sex", "Sex", "الجنس", 10),
    ("date_of_birth", "Date of birth", "تاريخ الميلاد", 20),
    ("nationalities", "Nationality", "الجنسية", 16),
    ("travels_with", "Travels with", "يرافق", 26),
)
EQUIPMENT = (
    ("line", "#", "#", 8),
    ("description", "Description", "الوصف", 70),
    ("quantity", "Qty", "العدد", 14),
    ("weapon_category", "Category", "الفئة", 40),
    ("weapon_serial", "Serial no.", "الرقم التسلسلي", 58),
)


class _Manifest(FPDF):
    def footer(self) -> None:
        latin(self, MARGIN, 287, f"{self.reference} · page {self.page_no()}/{{nb}}", 8)
        arabic(self, 120, 286.5, 80, "صفحة", 8)

    reference = ""


def _text(key: str, value: Any) -> str:
    if value is None or value == []:
        return "—"
    if key == "nationalities":
        return ", ".join(value)
    return str(value)


def _travels(person: dict[str, Any]) -> str:
    line = person.get("travels_with")
    if line is None:
        return "—"
    relation = person.get("relation")
    return f"#{line} ({relation})" if relation else f"#{line}"


def _row(pdf: FPDF, y: float, columns: Any, values: dict[str, str], size: float) -> None:
    x = MARGIN
    for key, _, _, width in columns:
        text = values.get(key, "—")
        if key == "name_arabic" and text != "—":
            arabic(pdf, x, y, width - 1, text, size + 1)
        else:
            latin(pdf, x + 0.5, y, text, size, room=width - 1)
        x += width
    pdf.line(MARGIN, y + ROW - 1, 210 - MARGIN, y + ROW - 1)


def _table_head(pdf: FPDF, y: float, columns: Any) -> float:
    x = MARGIN
    for _, english, label, width in columns:
        latin(pdf, x + 0.5, y, english, 7, room=width - 1)
        if label != english:
            arabic(pdf, x, y + 3, width - 1, label, 6.5)
        x += width
    pdf.line(MARGIN, y + 7.5, 210 - MARGIN, y + 7.5)
    return y + 9


def _table(pdf: FPDF, y: float, columns: Any, rows: list[dict[str, str]]) -> float:
    y = _table_head(pdf, y, columns)
    for values in rows:
        if y + ROW > BOTTOM:
            pdf.add_page()
            y = _table_head(pdf, 15, columns)
        _row(pdf, y, columns, values, 7.5)
        y += ROW
    return y


def _title(pdf: FPDF, y: float, english: str, text_ar: str) -> float:
    if y + 3 * ROW > BOTTOM:
        pdf.add_page()
        y = 15
    latin(pdf, MARGIN, y, english, 12)
    arabic(pdf, 110, y - 1, 90, text_ar, 13)
    return y + 9


def _header(pdf: FPDF, fields: dict[str, str]) -> float:
    latin(pdf, MARGIN, 12, "Transfer manifest", 18)
    arabic(pdf, 110, 10, 90, "بيان النقل", 20)
    y = 26.0
    for key, english, text_ar in HEAD:
        latin(pdf, MARGIN, y, f"{english}: {fields[key]}", 8.5, room=150)
        arabic(pdf, 160, y - 0.8, 40, text_ar, 8.5)
        y += 5.5
    return y + 4


def render(data: bytes, generated_at: dt.datetime) -> bytes:
    """The A4 PDF of the signed manifest file ``data`` (form checked, signature not)."""
    signed = parse(data)
    manifest = signed.manifest
    pdf = new_pdf("portrait", "A4", _Manifest)
    pdf.reference = str(manifest.get("reference"))
    fields = {key: _text(key, manifest.get(key)) for key, _, _ in HEAD}
    fields["generated_at"] = generated_at.replace(microsecond=0).isoformat()
    fields["sha256"] = hashlib.sha256(data).hexdigest()
    fields["key_id"] = signed.key_id
    pdf.add_page()
    y = _title(pdf, _header(pdf, fields), "People", "الأشخاص")
    people = [
        {**{k: _text(k, p.get(k)) for k, _, _, _ in PEOPLE}, "travels_with": _travels(p)}
        for p in manifest.get("people", [])
    ]
    y = _table(pdf, y, PEOPLE, people)
    items = [
        {k: _text(k, i.get(k)) for k, _, _, _ in EQUIPMENT} for i in manifest.get("equipment", [])
    ]
    if items:
        _table(pdf, _title(pdf, y + 6, "Equipment", "المعدات"), EQUIPMENT, items)
    pdf.embed_file(bytes=data, basename=f"manifest-{pdf.reference}.json", desc="signed manifest")
    return bytes(pdf.output())
