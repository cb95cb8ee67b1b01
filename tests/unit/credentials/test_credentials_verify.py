"""Offline verification: each outcome, in the documented order."""

from __future__ import annotations

from pathlib import Path

import pytest

from factories import credentials as factory
from factories.credentials import DAY, NOW
from sijill.credentials import base45, qr, signing
from sijill.credentials.signing import Outcome

pytestmark = pytest.mark.unit


def _verify(
    tmp_path: Path, text: str, status: bytes | None, now: int = NOW
) -> signing.Verification:
    ring = factory.ring(tmp_path / "keys")
    trust, _ = factory.trust(ring)
    token, why = (None, "") if status is None else signing.read_status_list(status, trust, now)
    return signing.verify_text(text, trust, token, now, why)


def test_a_good_document_is_valid_with_its_holder_and_list_age(tmp_path: Path) -> None:
    ring = factory.ring(tmp_path / "keys")
    result = _verify(tmp_path, factory.sign(ring, factory.document()), factory.status_token(ring))
    assert result.outcome == Outcome.VALID
    assert result.document == factory.document()
    assert result.status_list_age == 3600


def test_one_changed_byte_is_invalid(tmp_path: Path) -> None:
    ring = factory.ring(tmp_path / "keys")
    raw = bytearray(qr.from_text(factory.sign(ring, factory.document())))
    raw[raw.index(b"Abdulrahman")] ^= 0x20  # a → A in the name
    result = _verify(tmp_path, qr.to_text(bytes(raw)), factory.status_token(ring))
    assert result.outcome == Outcome.INVALID and result.document is None


def test_garbage_is_invalid(tmp_path: Path) -> None:
    assert _verify(tmp_path, "HELLO WORLD", None).outcome == Outcome.INVALID
    assert _verify(tmp_path, base45.encode(b"x"), None).outcome == Outcome.INVALID


def test_a_revoked_document_is_revoked(tmp_path: Path) -> None:
    ring = factory.ring(tmp_path / "keys")
    status = factory.status_token(ring, revoked=(41,))
    result = _verify(tmp_path, factory.sign(ring, factory.document()), status)
    assert result.outcome == Outcome.REVOKED


def test_an_expired_document_is_expired(tmp_path: Path) -> None:
    ring = factory.ring(tmp_path / "keys")
    doc = factory.document(issued_at=NOW - 20 * DAY, expires_at=NOW - DAY)
    result = _verify(tmp_path, factory.sign(ring, doc), factory.status_token(ring))
    assert result.outcome == Outcome.EXPIRED


def test_a_future_document_is_invalid(tmp_path: Path) -> None:
    ring = factory.ring(tmp_path / "keys")
    doc = factory.document(issued_at=NOW + DAY)
    result = _verify(tmp_path, factory.sign(ring, doc), factory.status_token(ring))
    assert result.outcome == Outcome.INVALID


def test_another_issuers_key_is_unknown(tmp_path: Path) -> None:
    stranger = factory.ring(tmp_path / "stranger")
    result = _verify(tmp_path, factory.sign(stranger, factory.document()), None)
    assert result.outcome == Outcome.UNKNOWN_KEY


@pytest.mark.parametrize("why", ["missing", "stale", "untrusted"])
def test_without_a_fresh_trusted_status_list_the_status_is_unknown(
    tmp_path: Path, why: str
) -> None:
    ring = factory.ring(tmp_path / "keys")
    status = {
        "missing": None,
        "stale": factory.status_token(ring, issued_at=NOW - 3 * DAY),
        "untrusted": factory.status_token(factory.ring(tmp_path / "other")),
    }[why]
    result = _verify(tmp_path, factory.sign(ring, factory.document()), status)
    assert result.outcome == Outcome.STATUS_UNKNOWN
    assert result.document == factory.document()
