"""The trust list: the public keys a checkpoint accepts, each with its validity and the
document types it may sign, signed by the issuer's anchor key (pure).

The file is a COSE_Sign1 (``typ`` application/sijill-trustlist+cbor) over a CBOR map
``{"iss", "iat", "anchor": raw public key, "keys": [{"kid", "alg", "key", "nbf", "until",
"exp", "types"}]}``: a key signs from ``nbf`` to ``until`` (then a newer key takes over),
and what it signed is accepted until ``exp`` (overlapping validity across a rotation).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import cbor2

from sijill.credentials import cose
from sijill.credentials.signer import LocalSigner, Signer

TYP = "application/sijill-trustlist+cbor"


@functools.lru_cache(maxsize=64)
def _public_key(alg: cose.Alg, raw: bytes) -> cose.PublicKey:
    """A trusted key, parsed once (a checkpoint verifies many documents with few keys)."""
    return cose.load_public(alg, raw)


class TrustListError(ValueError):
    """A trust list that cannot be read or whose signature does not verify."""


@dataclass(frozen=True)
class TrustedKey:
    kid: bytes
    alg: cose.Alg
    public_key: bytes
    not_before: int
    sign_until: int
    not_after: int
    doc_types: tuple[str, ...]

    def key(self) -> cose.PublicKey:
        return _public_key(self.alg, self.public_key)

    def may_sign(self, doc_type: str, signed_at: int) -> bool:
        return doc_type in self.doc_types and self.not_before <= signed_at <= self.sign_until

    def to_map(self) -> dict[str, Any]:
        return {
            "kid": self.kid,
            "alg": int(self.alg),
            "key": self.public_key,
            "nbf": self.not_before,
            "until": self.sign_until,
            "exp": self.not_after,
            "types": list(self.doc_types),
        }

    @classmethod
    def from_map(cls, raw: Mapping[Any, Any]) -> TrustedKey:
        try:
            return cls(
                kid=bytes(raw["kid"]),
                alg=cose.Alg(raw["alg"]),
                public_key=bytes(raw["key"]),
                not_before=int(raw["nbf"]),
                sign_until=int(raw["until"]),
                not_after=int(raw["exp"]),
                doc_types=tuple(str(t) for t in raw["types"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise TrustListError(f"a malformed key entry: {exc}") from exc


@dataclass(frozen=True)
class TrustList:
    issuer: str
    issued_at: int
    anchor: bytes  # the raw Ed25519 public key that signs the list
    keys: tuple[TrustedKey, ...]

    def find(self, kid: bytes | None) -> TrustedKey | None:
        return next((k for k in self.keys if k.kid == kid), None)

    @property
    def anchor_fingerprint(self) -> str:
        return hashlib.sha256(self.anchor).hexdigest()[:32]

    def to_map(self) -> dict[str, Any]:
        return {
            "iss": self.issuer,
            "iat": self.issued_at,
            "anchor": self.anchor,
            "keys": [k.to_map() for k in self.keys],
        }


def sign(trust_list: TrustList, anchor_key: cose.PrivateKey) -> bytes:
    return sign_by(trust_list, LocalSigner(anchor_key, cose.key_id(anchor_key.public_key())))


def sign_by(trust_list: TrustList, anchor: Signer) -> bytes:
    if cose.public_bytes(anchor.public_key) != trust_list.anchor:
        raise TrustListError("the anchor key is not the one the list names")
    payload = cbor2.dumps(trust_list.to_map(), canonical=True)
    return cose.sign1_by(payload, anchor.algorithm, anchor.sign, anchor.kid, {16: TYP})


def load(data: bytes, anchor_fingerprint: str | None = None) -> TrustList:
    """Read and verify a trust list: its signature by the anchor it names, and, when given,
    that anchor's fingerprint (the checkpoint's pinned copy)."""
    try:
        message = cose.decode_sign1(data)
        raw = cbor2.loads(message.payload)
    except (cose.CoseError, cbor2.CBORError, ValueError) as exc:
        raise TrustListError("not a trust list") from exc
    if message.protected.get(16) != TYP or not isinstance(raw, Mapping):
        raise TrustListError("not a trust list")
    try:
        trust_list = TrustList(
            issuer=str(raw["iss"]),
            issued_at=int(raw["iat"]),
            anchor=bytes(raw["anchor"]),
            keys=tuple(TrustedKey.from_map(k) for k in raw["keys"]),
        )
        anchor = cose.load_public(cose.Alg(message.alg or 0), trust_list.anchor)
    except (KeyError, TypeError, ValueError) as exc:
        raise TrustListError(f"a malformed trust list: {exc}") from exc
    if not cose.verify(message, anchor):
        raise TrustListError("the trust list's signature does not verify")
    if anchor_fingerprint and anchor_fingerprint.lower() != trust_list.anchor_fingerprint:
        raise TrustListError("the trust list is signed by another anchor than the pinned one")
    return trust_list
