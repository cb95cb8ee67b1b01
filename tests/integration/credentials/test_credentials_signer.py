"""An external command signs documents and status lists: what it returns is checked against
its public key, and any failure refuses the signing with nothing issued."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from factories import credentials as factory
from factories.access import make_actor, make_office
from factories.db import row_counts
from sijill.access.permissions import Role
from sijill.config import Settings
from sijill.credentials import cose, qr, service, signing, trustlist
from sijill.credentials import issuer as issuers
from sijill.credentials.signing import Outcome
from sijill.errors import RuleViolation
from sijill.timeutil import utcnow

pytestmark = pytest.mark.integration

SIGNER = """#!{python}
import sys, time
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
data = sys.stdin.buffer.read()
key = serialization.load_pem_private_key(open({key!r}, "rb").read(), password=None)
r, s = decode_dss_signature(key.sign(data, ec.ECDSA(hashes.SHA256())))
raw = r.to_bytes(32, "big") + s.to_bytes(32, "big")
{behaviour}
"""
BEHAVIOURS = {
    "good": "sys.stdout.buffer.write(raw)",
    "fails": "sys.stderr.write('token not present'); sys.exit(3)",
    "short": "sys.stdout.buffer.write(raw[:40])",
    "forged": "sys.stdout.buffer.write(raw[:32] + bytes(32))",
    "slow": "time.sleep(5); sys.stdout.buffer.write(raw)",
}


def _pem_key(path: Path) -> ec.EllipticCurvePrivateKey:
    key = ec.generate_private_key(ec.SECP256R1())
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return key


def _settings(tmp_path: Path, behaviour: str, key_file: Path | None = None) -> Settings:
    private = tmp_path / "hsm-key.pem"
    key = _pem_key(private)
    public = tmp_path / "signer-public.pem"
    public_key = key.public_key()
    if key_file is not None:  # the configured public key is another key's
        public_key = _pem_key(key_file).public_key()
    public.write_bytes(
        public_key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    program = tmp_path / f"sign-{behaviour}"
    program.write_text(
        SIGNER.format(python=sys.executable, key=str(private), behaviour=BEHAVIOURS[behaviour])
    )
    program.chmod(0o700)
    return Settings(
        data_dir=tmp_path / "data",
        credentials_issuer="sijill.test",
        credentials_signer="command",
        credentials_signer_command=program,
        credentials_signer_public_key=public,
        credentials_signer_timeout=2.0,
    )


def test_the_command_signer_signs_documents_and_status_lists(session, tmp_path):
    settings = _settings(tmp_path, "good")
    issuer = issuers.from_settings(settings, int(utcnow().timestamp()) - 60)
    office = make_office(session)
    _person, request_id, officer = factory.approved(session, office)
    issued = service.issue_document(session, officer, request_id, issuer)
    kid = cose.decode_sign1(qr.from_text(issued.qr_text)).kid
    assert issuer.external is not None and kid == issuer.external.kid
    supervisor = make_actor(session, Role.SUPERVISOR, office)
    trust_bytes, status_bytes = service.publish(session, supervisor, issuer)
    now = int(utcnow().timestamp())
    trust = trustlist.load(trust_bytes)
    assert kid in {k.kid for k in trust.keys}
    token, why = signing.read_status_list(status_bytes, trust, now)
    assert token is not None, why
    assert signing.verify_text(issued.qr_text, trust, token, now).outcome == Outcome.VALID
    again = issuers.from_settings(settings, now)
    assert len(again.ring.keys) == 2  # the ring's own key and the external one, listed once


@pytest.mark.parametrize(
    ("behaviour", "message"),
    [
        ("fails", r"failed \(exit 3\): token not present"),
        ("short", "wrote 40 bytes, not a 64-byte signature"),
        ("forged", "signature does not verify"),
        ("slow", "did not answer in 2 s"),
    ],
)
def test_a_failing_signer_issues_nothing(session, tmp_path, behaviour, message):
    issuer = issuers.from_settings(_settings(tmp_path, behaviour), int(utcnow().timestamp()) - 60)
    office = make_office(session)
    _person, request_id, officer = factory.approved(session, office)
    supervisor = make_actor(session, Role.SUPERVISOR, office)
    before = row_counts(session)
    with pytest.raises(RuleViolation, match=message):
        service.issue_document(session, officer, request_id, issuer)
    with pytest.raises(RuleViolation, match=message):
        service.publish(session, supervisor, issuer)
    assert row_counts(session) == before


def test_a_signature_by_another_key_than_the_configured_one_is_refused(session, tmp_path):
    settings = _settings(tmp_path, "good", key_file=tmp_path / "other.pem")
    issuer = issuers.from_settings(settings, int(utcnow().timestamp()) - 60)
    office = make_office(session)
    _person, request_id, officer = factory.approved(session, office)
    with pytest.raises(RuleViolation, match="does not verify against its key"):
        service.issue_document(session, officer, request_id, issuer)


def test_the_command_signer_needs_its_program_and_key(tmp_path):
    with pytest.raises(ValueError, match="SIJILL_CREDENTIALS_SIGNER_COMMAND"):
        Settings(data_dir=tmp_path, credentials_signer="command")
