"""The Signer seam with Ed25519: a command signer's document verifies like a key ring's, and
what it returns is checked before use."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from factories import credentials as factory
from sijill.credentials import cose, signing
from sijill.credentials.signer import CommandSigner, LocalSigner, load_public_key
from sijill.credentials.signing import Outcome
from sijill.credentials.trustlist import TrustedKey, TrustList
from sijill.errors import RuleViolation

SCRIPT = """#!{python}
import sys
from cryptography.hazmat.primitives import serialization
key = serialization.load_pem_private_key(open({key!r}, "rb").read(), password=None)
signature = key.sign(sys.stdin.buffer.read())
sys.stdout.buffer.write({output})
"""


def _command(tmp_path: Path, output: str = "signature") -> tuple[CommandSigner, Path]:
    key = Ed25519PrivateKey.generate()
    private = tmp_path / "ed25519.pem"
    private.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    public = tmp_path / "public.pem"
    public.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    program = tmp_path / "sign"
    program.write_text(SCRIPT.format(python=sys.executable, key=str(private), output=output))
    program.chmod(0o700)
    return CommandSigner(program, load_public_key(public), timeout=10.0), public


def _trust(signer: CommandSigner, doc_issued: int) -> TrustList:
    trusted = TrustedKey(
        kid=signer.kid,
        alg=signer.algorithm,
        public_key=cose.public_bytes(signer.public_key),
        not_before=doc_issued - 60,
        sign_until=doc_issued + 60,
        not_after=factory.NOW + 365 * 86400,
        doc_types=("identity-card",),
    )
    return TrustList("sijill.example", factory.NOW, b"\0" * 32, (trusted,))


def test_an_ed25519_command_signer_makes_a_document_that_verifies(tmp_path):
    signer, _public = _command(tmp_path)
    assert signer.algorithm == cose.Alg.EDDSA
    doc = factory.document()
    text = signing.sign_document_by(doc, signer)
    result = signing.verify_text(text, _trust(signer, doc.issued_at), None, factory.NOW)
    assert result.outcome == Outcome.STATUS_UNKNOWN and result.document == doc


def test_a_local_signer_signs_like_the_key_itself(tmp_path):
    key = Ed25519PrivateKey.generate()
    local = LocalSigner(key, b"k" * 8)
    data = b"sig structure"
    assert cose.verify_raw(key.public_key(), local.sign(data), data)
    assert (local.algorithm, local.kid) == (cose.Alg.EDDSA, b"k" * 8)


def test_a_command_signer_that_flips_a_bit_is_refused(tmp_path):
    signer, _public = _command(tmp_path, output="bytes([signature[0] ^ 1]) + signature[1:]")
    with pytest.raises(RuleViolation, match="does not verify against its key"):
        signer.sign(b"to sign")


def test_a_missing_program_is_a_clear_error(tmp_path):
    signer, _public = _command(tmp_path)
    gone = CommandSigner(tmp_path / "absent", signer.public_key, timeout=1.0)
    with pytest.raises(RuleViolation, match="absent cannot be run"):
        gone.sign(b"to sign")


def test_a_public_key_file_that_is_not_a_key_is_refused(tmp_path):
    bad = tmp_path / "bad.pem"
    bad.write_text("not a key")
    with pytest.raises(RuleViolation, match="cannot be read"):
        load_public_key(bad)
