"""The trust list's anchor held by an external signer (an HSM): no anchor key in the key
directory, the published trust list signed by the program and pinned by the external key's
fingerprint; a failing anchor publishes nothing; half a configuration is refused."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from factories import credentials as factory
from factories.access import make_actor, make_office
from factories.db import row_counts
from sijill.access.permissions import Role
from sijill.config import Settings
from sijill.credentials import cose, keys, service, signing, trustlist
from sijill.credentials import issuer as issuers
from sijill.credentials.signing import Outcome
from sijill.errors import RuleViolation
from sijill.timeutil import utcnow

pytestmark = pytest.mark.integration

ANCHOR = """#!{python}
import sys
from cryptography.hazmat.primitives import serialization
key = serialization.load_pem_private_key(open({key!r}, "rb").read(), password=None)
data = sys.stdin.buffer.read()
{behaviour}
"""
BEHAVIOURS = {
    "good": "sys.stdout.buffer.write(key.sign(data))",
    "fails": "sys.stderr.write('anchor token locked'); sys.exit(4)",
}


def public_pem(key: Ed25519PrivateKey | ec.EllipticCurvePrivateKey) -> bytes:
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def anchored(tmp_path: Path, behaviour: str) -> tuple[Settings, Ed25519PrivateKey]:
    anchor = Ed25519PrivateKey.generate()
    private = tmp_path / "hsm-anchor.pem"
    private.write_bytes(
        anchor.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    public = tmp_path / "anchor-public.pem"
    public.write_bytes(public_pem(anchor))
    program = tmp_path / f"anchor-{behaviour}"
    program.write_text(
        ANCHOR.format(python=sys.executable, key=str(private), behaviour=BEHAVIOURS[behaviour])
    )
    program.chmod(0o700)
    settings = Settings(
        data_dir=tmp_path / "data",
        credentials_issuer="sijill.test",
        credentials_anchor_command=program,
        credentials_anchor_public_key=public,
    )
    return settings, anchor


def test_an_external_anchor_signs_the_trust_list(session, tmp_path):
    settings, anchor = anchored(tmp_path, "good")
    issuer = issuers.from_settings(settings, int(utcnow().timestamp()) - 60)
    assert issuer.ring.anchor is None
    assert not (settings.effective_key_dir / keys.ANCHOR).exists()
    office = make_office(session)
    _person, request_id, officer = factory.approved(session, office)
    issued = service.issue_document(session, officer, request_id, issuer)
    supervisor = make_actor(session, Role.SUPERVISOR, office)
    trust_bytes, status_bytes = service.publish(session, supervisor, issuer)
    pinned = hashlib.sha256(cose.public_bytes(anchor.public_key())).hexdigest()[:32]
    trust = trustlist.load(trust_bytes, pinned)
    now = int(utcnow().timestamp())
    token, why = signing.read_status_list(status_bytes, trust, now)
    assert token is not None, why
    assert signing.verify_text(issued.qr_text, trust, token, now).outcome == Outcome.VALID
    rotated = keys.rotate(settings.effective_key_dir, now, issuers.external_anchor_key(settings))
    assert rotated.anchor is None and len(rotated.keys) == 2


def test_a_failing_anchor_publishes_nothing(session, tmp_path):
    settings, _anchor = anchored(tmp_path, "fails")
    issuer = issuers.from_settings(settings, int(utcnow().timestamp()) - 60)
    supervisor = make_actor(session, Role.SUPERVISOR, make_office(session))
    before = row_counts(session)
    with pytest.raises(RuleViolation, match=r"failed \(exit 4\): anchor token locked"):
        service.publish(session, supervisor, issuer)
    assert row_counts(session) == before


def test_half_an_external_anchor_and_a_wrong_key_type_are_refused(tmp_path):
    with pytest.raises(ValueError, match="SIJILL_CREDENTIALS_ANCHOR_PUBLIC_KEY"):
        Settings(data_dir=tmp_path, credentials_anchor_command=tmp_path / "x")
    p256 = tmp_path / "p256.pem"
    p256.write_bytes(public_pem(ec.generate_private_key(ec.SECP256R1())))
    settings = Settings(
        data_dir=tmp_path,
        credentials_anchor_command=tmp_path / "x",
        credentials_anchor_public_key=p256,
    )
    with pytest.raises(RuleViolation, match="must be an Ed25519 key"):
        issuers.from_settings(settings, int(utcnow().timestamp()))
