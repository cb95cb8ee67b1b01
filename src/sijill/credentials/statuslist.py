"""Token Status List (draft-ietf-oauth-status-list), CWT form (pure).

A status list is a byte array holding ``bits`` (1, 2, 4 or 8) per document, the first
document in the lowest bits of the first byte, compressed with zlib (DEFLATE, level 9).
The Status List Token is a COSE_Sign1 (``typ`` application/statuslist+cwt) whose claims
are 2 (sub: the list's URI), 6 (iat), 4 (exp), 65534 (ttl) and 65533 (the status list map
``{"bits": n, "lst": bytes}``).
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

import cbor2

from sijill.credentials import cose
from sijill.credentials.signer import LocalSigner, Signer

TYP = "application/statuslist+cwt"
SUB, EXP, IAT = 2, 4, 6
TTL, STATUS_LIST = 65534, 65533
MAX_INFLATED = 16 * 1024 * 1024


class Status(IntEnum):
    VALID = 0
    INVALID = 1
    SUSPENDED = 2


class StatusListError(ValueError):
    """A status list or status list token that cannot be read."""


@dataclass(frozen=True)
class StatusList:
    bits: int
    data: bytes  # uncompressed

    def __post_init__(self) -> None:
        if self.bits not in (1, 2, 4, 8):
            raise StatusListError(f"bits must be 1, 2, 4 or 8, not {self.bits}")

    @classmethod
    def build(cls, statuses: Sequence[int], bits: int) -> StatusList:
        per_byte = 8 // bits
        out = bytearray((len(statuses) + per_byte - 1) // per_byte)
        for index, value in enumerate(statuses):
            if not 0 <= value < 1 << bits:
                raise StatusListError(f"status {value} does not fit in {bits} bits")
            out[index // per_byte] |= value << (index % per_byte * bits)
        return cls(bits, bytes(out))

    def __len__(self) -> int:
        return len(self.data) * 8 // self.bits

    def get(self, index: int) -> int:
        if not 0 <= index < len(self):
            raise StatusListError(f"index {index} is outside the list ({len(self)} entries)")
        per_byte = 8 // self.bits
        byte = self.data[index // per_byte]
        return (byte >> (index % per_byte * self.bits)) & ((1 << self.bits) - 1)

    def to_map(self) -> dict[str, Any]:
        return {"bits": self.bits, "lst": zlib.compress(self.data, 9)}

    @classmethod
    def from_map(cls, value: Mapping[Any, Any]) -> StatusList:
        bits, lst = value.get("bits"), value.get("lst")
        if not isinstance(bits, int) or not isinstance(lst, bytes):
            raise StatusListError("a status list map has int 'bits' and bytes 'lst'")
        inflater = zlib.decompressobj()
        try:
            data = inflater.decompress(lst, MAX_INFLATED)
        except zlib.error as exc:
            raise StatusListError("'lst' is not a zlib stream") from exc
        if inflater.unconsumed_tail or not inflater.eof:
            raise StatusListError("'lst' is truncated or too large")
        return cls(bits, data)


@dataclass(frozen=True)
class StatusListToken:
    uri: str
    issued_at: int
    expires_at: int
    ttl: int
    status_list: StatusList
    kid: bytes | None = None

    def stale(self, now: int) -> bool:
        return now >= self.expires_at

    def claims(self) -> dict[int, Any]:
        return {
            SUB: self.uri,
            IAT: self.issued_at,
            EXP: self.expires_at,
            TTL: self.ttl,
            STATUS_LIST: self.status_list.to_map(),
        }


def sign_token(token: StatusListToken, key: cose.PrivateKey, kid: bytes) -> bytes:
    return sign_token_by(token, LocalSigner(key, kid))


def sign_token_by(token: StatusListToken, signer: Signer) -> bytes:
    payload = cbor2.dumps(token.claims(), canonical=True)
    return cose.sign1_by(payload, signer.algorithm, signer.sign, signer.kid, {cose.HEADER_TYP: TYP})


def read_token(message: cose.Sign1) -> StatusListToken:
    """The claims of a status list token (the caller verifies the signature)."""
    if message.protected.get(cose.HEADER_TYP) != TYP:
        raise StatusListError(f"the token's typ is not {TYP}")
    try:
        claims = cbor2.loads(message.payload)
    except (cbor2.CBORError, ValueError) as exc:
        raise StatusListError("the token's payload is not CBOR") from exc
    if not isinstance(claims, Mapping):
        raise StatusListError("the token's payload is not a map")
    uri, iat, exp = claims.get(SUB), claims.get(IAT), claims.get(EXP)
    status_list = claims.get(STATUS_LIST)
    if not (isinstance(uri, str) and isinstance(iat, int) and isinstance(exp, int)):
        raise StatusListError("the token lacks sub, iat or exp")
    if not isinstance(status_list, Mapping):
        raise StatusListError("the token lacks its status list")
    ttl = claims.get(TTL)
    return StatusListToken(
        uri,
        iat,
        exp,
        ttl if isinstance(ttl, int) else 0,
        StatusList.from_map(status_list),
        message.kid,
    )
