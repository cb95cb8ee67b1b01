"""COSE_Sign1 (RFC 9052) with Ed25519 (EdDSA, -8) and ECDSA P-256 (ES256, -7) (pure).

The Sig_structure is built here rather than with pycose: it is four CBOR items, and doing
it by hand keeps signing at the speed of the curve (see docs/benchmarks.md) and lets the
verifier use the protected header's bytes exactly as they were received.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

import cbor2
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

SIGN1_TAG = 18
HEADER_ALG = 1
HEADER_KID = 4
HEADER_TYP = 16
P256_SIZE = 32

_ECDSA_SHA256 = ec.ECDSA(hashes.SHA256())

PrivateKey = Ed25519PrivateKey | ec.EllipticCurvePrivateKey
PublicKey = Ed25519PublicKey | ec.EllipticCurvePublicKey


class Alg(IntEnum):
    ES256 = -7
    EDDSA = -8


class CoseError(ValueError):
    """Bytes that are not a COSE_Sign1 this module can verify."""


def alg_of(key: PrivateKey | PublicKey) -> Alg:
    if isinstance(key, Ed25519PrivateKey | Ed25519PublicKey):
        return Alg.EDDSA
    if isinstance(key.curve, ec.SECP256R1):
        return Alg.ES256
    raise CoseError(f"unsupported curve {key.curve.name}")


def public_bytes(key: PublicKey) -> bytes:
    """Raw Ed25519 key (32 bytes) or uncompressed SEC1 P-256 point (65 bytes)."""
    if isinstance(key, Ed25519PublicKey):
        return key.public_bytes_raw()
    return key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )


def load_public(alg: Alg, raw: bytes) -> PublicKey:
    if alg == Alg.EDDSA:
        return Ed25519PublicKey.from_public_bytes(raw)
    return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)


def key_id(key: PublicKey) -> bytes:
    """An 8-byte key id: the start of SHA-256 over the raw public key."""
    return hashlib.sha256(public_bytes(key)).digest()[:8]


@dataclass(frozen=True)
class Sign1:
    protected_raw: bytes
    unprotected: dict[Any, Any]
    payload: bytes
    signature: bytes
    protected: dict[Any, Any] = field(default_factory=dict)

    @property
    def alg(self) -> int | None:
        value = self.protected.get(HEADER_ALG)
        return value if isinstance(value, int) else None

    @property
    def kid(self) -> bytes | None:
        value = self.protected.get(HEADER_KID, self.unprotected.get(HEADER_KID))
        return value if isinstance(value, bytes) else None


def sig_structure(protected_raw: bytes, payload: bytes, external_aad: bytes = b"") -> bytes:
    return cbor2.dumps(["Signature1", protected_raw, external_aad, payload])


def raw_signature(key: PrivateKey, data: bytes) -> bytes:
    """The COSE signature of ``data``: Ed25519's, or ES256's r and s as 32 bytes each."""
    if isinstance(key, Ed25519PrivateKey):
        return key.sign(data)
    r, s = decode_dss_signature(key.sign(data, _ECDSA_SHA256))
    return r.to_bytes(P256_SIZE, "big") + s.to_bytes(P256_SIZE, "big")


def sign1(
    payload: bytes,
    key: PrivateKey,
    kid: bytes | None = None,
    headers: dict[int, Any] | None = None,
) -> bytes:
    """A tagged COSE_Sign1 with the algorithm, the key id and ``headers`` protected."""
    return sign1_by(payload, alg_of(key), lambda data: raw_signature(key, data), kid, headers)


def sign1_by(
    payload: bytes,
    alg: Alg,
    sign: Callable[[bytes], bytes],
    kid: bytes | None = None,
    headers: dict[int, Any] | None = None,
) -> bytes:
    """``sign1`` with the signature made by ``sign`` over the Sig_structure (an external
    signer)."""
    protected: dict[int, Any] = {HEADER_ALG: int(alg)}
    if kid is not None:
        protected[HEADER_KID] = kid
    protected.update(headers or {})
    protected_raw = cbor2.dumps(protected, canonical=True)
    signature = sign(sig_structure(protected_raw, payload))
    return cbor2.dumps(cbor2.CBORTag(SIGN1_TAG, [protected_raw, {}, payload, signature]))


def decode_sign1(data: bytes) -> Sign1:
    try:
        item = cbor2.loads(data)
    except (cbor2.CBORError, ValueError, TypeError) as exc:
        raise CoseError("not CBOR") from exc
    if isinstance(item, cbor2.CBORTag):
        if item.tag != SIGN1_TAG:
            raise CoseError(f"CBOR tag {item.tag} is not COSE_Sign1 (18)")
        item = item.value
    if not (isinstance(item, list | tuple) and len(item) == 4):
        raise CoseError("a COSE_Sign1 is an array of four items")
    protected_raw, unprotected, payload, signature = item
    if not (isinstance(protected_raw, bytes) and isinstance(unprotected, Mapping)):
        raise CoseError("malformed COSE_Sign1 headers")
    if not (isinstance(payload, bytes) and isinstance(signature, bytes)):
        raise CoseError("a detached or malformed COSE_Sign1 payload")
    try:
        protected = cbor2.loads(protected_raw) if protected_raw else {}
    except (cbor2.CBORError, ValueError) as exc:
        raise CoseError("the protected header is not CBOR") from exc
    if not isinstance(protected, Mapping):
        raise CoseError("the protected header is not a map")
    if not protected:  # RFC 9052: an empty protected map is signed as a zero-length string
        protected_raw = b""
    return Sign1(protected_raw, dict(unprotected), payload, signature, dict(protected))


def verify(message: Sign1, key: PublicKey, external_aad: bytes = b"") -> bool:
    """True when the signature is good and the protected algorithm is the key's."""
    alg = message.alg if message.alg is not None else message.unprotected.get(HEADER_ALG)
    if alg != alg_of(key):
        return False
    data = sig_structure(message.protected_raw, message.payload, external_aad)
    return verify_raw(key, message.signature, data)


def verify_raw(key: PublicKey, signature: bytes, data: bytes) -> bool:
    """True when ``signature`` (COSE's raw form) is ``key``'s over ``data``."""
    try:
        if isinstance(key, Ed25519PublicKey):
            key.verify(signature, data)
        else:
            if len(signature) != 2 * P256_SIZE:
                return False
            r = int.from_bytes(signature[:P256_SIZE], "big")
            s = int.from_bytes(signature[P256_SIZE:], "big")
            key.verify(encode_dss_signature(r, s), data, _ECDSA_SHA256)
    except InvalidSignature:
        return False
    return True
