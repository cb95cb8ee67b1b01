"""The QR code's size and readability, and the printable card and certificate."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from factories import credentials as factory
from sijill.credentials import card, qr
from sijill.credentials.payload import DocType, photo_digest
from sijill.demo.photos import avatar

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    "doc",
    [
        factory.document(),
        factory.weapon_permit(),
        factory.document(doc_type=DocType.RESIDENCE_PERMIT, programme_status="reintegration"),
    ],
    ids=["identity-card", "weapon-permit", "residence-permit"],
)
def test_a_realistic_document_fits_version_15_at_m_and_reads_back(doc, tmp_path: Path) -> None:
    text = factory.sign(factory.ring(tmp_path / "keys"), doc)
    symbol = qr.symbol(text)
    assert symbol.error == "M" and symbol.mode == "alphanumeric"
    assert symbol.version <= 15
    png = io.BytesIO()
    symbol.save(png, kind="png", scale=4)
    [found] = zxingcpp.read_barcodes(Image.open(io.BytesIO(png.getvalue())))
    assert found.text == text


def _pages(pdf: bytes) -> list[tuple[float, float]]:
    """Each page's size in mm (fpdf2 writes one MediaBox on the page tree)."""
    count = len(re.findall(rb"/Type /Page\b(?!s)", pdf))
    [(w, h)] = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    return [(round(float(w) / 72 * 25.4, 1), round(float(h) / 72 * 25.4, 1))] * count


def test_the_card_is_id1_front_and_back_with_both_scripts(tmp_path: Path) -> None:
    text = factory.sign(factory.ring(tmp_path / "keys"), factory.document())
    pdf = card.card_pdf(text)
    assert pdf.startswith(b"%PDF-")
    assert _pages(pdf) == [(85.6, 54.0), (85.6, 54.0)]
    assert b"DejaVuSans" in pdf and b"NotoNaskhArabic" in pdf


def test_the_certificate_is_one_a4_page(tmp_path: Path) -> None:
    text = factory.sign(factory.ring(tmp_path / "keys"), factory.weapon_permit())
    pdf = card.certificate_pdf(text)
    assert _pages(pdf) == [(210.0, 297.0)]


def _photographed(tmp_path: Path, photo: bytes) -> str:
    doc = factory.document(photo_hash=photo_digest(photo))
    return factory.sign(factory.ring(tmp_path / "keys"), doc)


def test_the_photograph_whose_hash_the_qr_carries_is_printed(tmp_path: Path) -> None:
    photo = avatar("card holder")
    text = _photographed(tmp_path, photo)
    assert b"/Subtype /Image" in card.card_pdf(text, photo)
    assert b"/Subtype /Image" in card.certificate_pdf(text, photo)


@pytest.mark.parametrize("given", [None, avatar("someone else")], ids=["none", "another"])
def test_without_the_right_photograph_the_card_prints_a_placeholder(
    tmp_path: Path, given: bytes | None
) -> None:
    text = _photographed(tmp_path, avatar("card holder"))
    pdf = card.card_pdf(text, given)
    assert b"/Subtype /Image" not in pdf
    assert _pages(pdf) == [(85.6, 54.0), (85.6, 54.0)]
