"""The printable manifest (pure): every line on it across pages, page numbers, the signed
file attached, a file that is not a signed manifest refused."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from pypdf import PdfReader

from sijill.credentials import cose
from sijill.credentials.signer import LocalSigner
from sijill.transfers import printout
from sijill.transfers.manifest import ManifestError, seal

KEY = ec.generate_private_key(ec.SECP256R1())
SIGNER = LocalSigner(KEY, cose.key_id(KEY.public_key()))
NOW = dt.datetime(2026, 11, 22, 1, 30, tzinfo=dt.UTC)


def _person(line: int) -> dict[str, object]:
    return {
        "line": line, "regno": f"TST-{line:04d}", "name": f"Synthetic Person {line}",
        "name_arabic": "شخص تجريبي", "sex": "F", "date_of_birth": "1991",
        "nationalities": ["SY", "IQ"], "travels_with": 1 if line > 1 else None,
        "relation": "daughter" if line > 1 else None,
    }  # fmt: skip


def _signed(people: int) -> bytes:
    manifest = {
        "reference": "TR-TEST0001", "receiving_state": "SY", "authority": "Synthetic Authority",
        "crossing_point": "Post 7", "planned_date": None, "signed_at": "2026-11-22T01:00:00",
        "people": [_person(i) for i in range(1, people + 1)],
        "equipment": [{"line": 1, "description": "Radio", "quantity": 2,
                       "weapon_serial": None, "weapon_category": None}],
    }  # fmt: skip
    return seal(manifest, SIGNER)


def test_a_long_manifest_runs_over_numbered_pages():
    data = _signed(70)
    reader = PdfReader(io.BytesIO(printout.render(data, NOW)))
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        assert f"TR-TEST0001 · page {number}/{len(pages)}" in page
    text = "\n".join(pages)
    for line in range(1, 71):
        assert f"TST-{line:04d}" in text
    assert "#1 (daughter)" in text and "SY, IQ" in text and "Radio" in text
    assert "Generated at: 2026-11-22T01:30:00+00:00" in text
    assert reader.attachments["manifest-TR-TEST0001.json"] == [data]


def test_only_a_signed_manifest_is_printed():
    with pytest.raises(ManifestError):
        printout.render(b'{"manifest": {}}', NOW)
