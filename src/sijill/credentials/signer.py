"""Who makes a signature: the ``Signer`` seam (pure, apart from running the external program).

The issuer signs documents, status lists and trust lists through a ``Signer``: the local
key ring's keys (``LocalSigner``), or an external program (``CommandSigner``) that an HSM's
PKCS#11 tool or a remote signing service sits behind. The program gets the bytes to sign
(the COSE Sig_structure) on stdin and writes the raw signature on stdout: 64 bytes, r then s
for ES256, or the Ed25519 signature. Its signature is checked against the configured public
key before anything is issued; any failure refuses the signing.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from sijill.credentials import cose
from sijill.errors import RuleViolation

SIGNATURE_SIZE = 64  # ES256 (r || s) and Ed25519 alike


class Signer(Protocol):
    @property
    def kid(self) -> bytes: ...

    @property
    def algorithm(self) -> cose.Alg: ...

    @property
    def public_key(self) -> cose.PublicKey: ...

    def sign(self, data: bytes) -> bytes: ...


@dataclass(frozen=True)
class LocalSigner:
    """A private key held by this process (the key ring's keys)."""

    private_key: cose.PrivateKey
    kid: bytes

    @property
    def algorithm(self) -> cose.Alg:
        return cose.alg_of(self.private_key)

    @property
    def public_key(self) -> cose.PublicKey:
        return self.private_key.public_key()

    def sign(self, data: bytes) -> bytes:
        return cose.raw_signature(self.private_key, data)


def load_public_key(path: Path) -> cose.PublicKey:
    """A PEM public key file: Ed25519 or ECDSA P-256."""
    try:
        key = serialization.load_pem_public_key(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise RuleViolation(f"The signer's public key {path} cannot be read: {exc}") from exc
    if isinstance(key, Ed25519PublicKey) or (
        isinstance(key, ec.EllipticCurvePublicKey) and isinstance(key.curve, ec.SECP256R1)
    ):
        return key
    raise RuleViolation(f"The signer's public key {path} is neither Ed25519 nor ECDSA P-256.")


@dataclass(frozen=True)
class CommandSigner:
    """An external program signs; Sijill only checks what it returns."""

    command: Path
    public_key: cose.PublicKey
    timeout: float

    @property
    def kid(self) -> bytes:
        return cose.key_id(self.public_key)

    @property
    def algorithm(self) -> cose.Alg:
        return cose.alg_of(self.public_key)

    def sign(self, data: bytes) -> bytes:
        name = self.command.name
        try:
            done = subprocess.run(  # noqa: S603 - the operator's configured program, no shell
                [str(self.command)], input=data, capture_output=True, timeout=self.timeout
            )
        except subprocess.TimeoutExpired as exc:
            raise RuleViolation(f"The signer {name} did not answer in {self.timeout:g} s.") from exc
        except OSError as exc:
            raise RuleViolation(f"The signer {name} cannot be run: {exc}") from exc
        if done.returncode != 0:
            said = done.stderr.decode("utf-8", "replace").strip()[:200]
            raise RuleViolation(f"The signer {name} failed (exit {done.returncode}): {said}")
        if len(done.stdout) != SIGNATURE_SIZE:
            raise RuleViolation(
                f"The signer {name} wrote {len(done.stdout)} bytes, not a"
                f" {SIGNATURE_SIZE}-byte signature."
            )
        if not cose.verify_raw(self.public_key, done.stdout, data):
            raise RuleViolation(f"The signer {name}'s signature does not verify against its key.")
        return done.stdout
