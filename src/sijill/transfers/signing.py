"""The key that signs transfer manifests, and Ed25519 signatures (no database).

Integration point: today the key is an Ed25519 key generated on first use in the data
directory (``transfers-ed25519.pem``, mode 0600), like the audit log's key. When the
credentials module lands, :func:`manifest_key` is the one function to switch to the
credentials keys; the rest only needs a private key and its public bytes.
"""

from __future__ import annotations

import base64
import binascii
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from sijill.audit.checkpoints import signing_key
from sijill.errors import InvalidInput, Msg

KEY_FILE = "transfers-ed25519.pem"


def manifest_key(data_dir: Path) -> Ed25519PrivateKey:
    """The key that signs this instance's manifests (made on first use)."""
    return signing_key(data_dir / KEY_FILE)


def public_bytes(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes_raw()


def public_text(key: Ed25519PrivateKey) -> str:
    """The public key as base64, to give to the receiving side."""
    return base64.b64encode(public_bytes(key)).decode()


def parse_public(text: str) -> bytes:
    """A public key given as base64 of its 32 raw bytes; ``InvalidInput`` otherwise."""
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):  # ValueError: characters outside ASCII
        raw = b""
    if len(raw) != 32:
        raise InvalidInput({"public_key": Msg("Give the sender's Ed25519 public key (base64).")})
    return raw


def verify(public_key: bytes, signature: bytes, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True
