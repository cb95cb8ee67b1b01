"""The key directory, rotation with overlapping validity, and the signed trust list."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from factories import credentials as factory
from factories.credentials import DAY, NOW
from sijill.credentials import keys, signing, trustlist
from sijill.credentials.signing import Outcome
from sijill.errors import RuleViolation

pytestmark = pytest.mark.unit


def test_first_use_makes_private_files(tmp_path: Path) -> None:
    folder = tmp_path / "keys"
    ring = keys.load(folder, create=True, now=NOW)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    pems = sorted(folder.glob("*.pem"))
    assert len(pems) == 2 and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in pems)
    again = keys.load(folder, create=False, now=NOW)
    assert again.keys[0].trusted == ring.keys[0].trusted


def test_production_does_not_make_keys(tmp_path: Path) -> None:
    with pytest.raises(RuleViolation, match="No document keys"):
        keys.load(tmp_path / "keys", create=False, now=NOW)


def test_a_key_file_others_may_read_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "keys"
    keys.load(folder, create=True, now=NOW)
    (folder / keys.ANCHOR).chmod(0o644)
    with pytest.raises(RuleViolation, match="chmod 600"):
        keys.load(folder, create=False, now=NOW)


def test_rotation_keeps_old_documents_valid_and_signs_with_the_new_key(tmp_path: Path) -> None:
    folder = tmp_path / "keys"
    old_ring = factory.ring(folder)
    old_text = factory.sign(old_ring, factory.document())
    ring = keys.rotate(folder, NOW)
    old, new = ring.keys
    assert ring.signer("identity-card", NOW + 1).trusted.kid == new.trusted.kid
    assert old.trusted.sign_until == NOW and old.trusted.not_after > NOW
    trust, _ = factory.trust(ring)
    result = signing.verify_text(old_text, trust, None, NOW + DAY)
    assert result.outcome == Outcome.STATUS_UNKNOWN  # signature and key accepted
    backdated = factory.document(issued_at=NOW + DAY)
    forged = signing.sign_document(backdated, old.private_key, old.trusted.kid)
    assert signing.verify_text(forged, trust, None, NOW + 2 * DAY).outcome == Outcome.INVALID


def test_the_trust_list_is_signed_and_pinned(tmp_path: Path) -> None:
    ring = factory.ring(tmp_path / "keys")
    trust, data = factory.trust(ring)
    assert trustlist.load(data, trust.anchor_fingerprint) == trust
    with pytest.raises(trustlist.TrustListError, match="pinned"):
        trustlist.load(data, "0" * 32)
    tampered = data.replace(b"identity-card", b"identity-cart")
    with pytest.raises(trustlist.TrustListError, match="does not verify"):
        trustlist.load(tampered)
    other = factory.ring(tmp_path / "other")
    with pytest.raises(trustlist.TrustListError, match="anchor key"):
        trustlist.sign(trust, other.anchor)
