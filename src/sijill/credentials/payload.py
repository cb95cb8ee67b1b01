"""A Sijill document as CWT claims: MOSIP Claim 169 for the holder, private claims for the
rest (pure).

Claim 169 (idpass/claim-169, `claim_169.md`) carries the holder: 1 id (the document serial),
3 language, 4 full name (Latin), 8 date of birth, 9 gender, 13 nationality, 19 full name in
the secondary language (Arabic), 20 that language, 22 legal status, 23 country of issuance.
Sijill's own fields sit in one private-use CWT claim (keys below -65536 are private use in
the IANA CWT registry) as a map: 1 document type, 2 registry number, 3 programme status,
4 the photograph's SHA-256 cut to 16 bytes, 5 the weapon (1 serial, 2 category, 3 make and model).
Nothing else: no group, no programme history, no "former combatant" label.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import cbor2

ISS, SUB, EXP, NBF, IAT = 1, 2, 4, 5, 6
STATUS = 65535  # draft-ietf-oauth-status-list: the referenced token's status claim
CLAIM_169 = 169
SIJILL = -65537

# Claim 169's demographic fields (claim_169.md §3.1), by the names its vectors use.
CLAIM_169_FIELDS = {
    "id": 1, "version": 2, "language": 3, "fullName": 4, "firstName": 5, "middleName": 6,
    "lastName": 7, "dateOfBirth": 8, "gender": 9, "address": 10, "email": 11, "phone": 12,
    "nationality": 13, "maritalStatus": 14, "guardian": 15, "photo": 16, "photoFormat": 17,
    "bestQualityFingers": 18, "secondaryFullName": 19, "secondaryLanguage": 20,
    "locationCode": 21, "legalStatus": 22, "countryOfIssuance": 23,
    "rightThumb": 50, "rightPointerFinger": 51, "rightMiddleFinger": 52, "rightRingFinger": 53,
    "rightLittleFinger": 54, "leftThumb": 55, "leftPointerFinger": 56, "leftMiddleFinger": 57,
    "leftRingFinger": 58, "leftLittleFinger": 59, "rightIris": 60, "leftIris": 61, "face": 62,
    "rightPalm": 63, "leftPalm": 64, "voice": 65,
}  # fmt: skip
BIOMETRIC_FIELDS = frozenset(range(50, 66))  # each a list of {0 data, 1 format, 2 subformat}

_C169 = {
    "serial": 1,
    "language": 3,
    "full_name": 4,
    "date_of_birth": 8,
    "gender": 9,
    "nationality": 13,
    "secondary_name": 19,
    "secondary_language": 20,
    "legal_status": 22,
    "country": 23,
}
GENDER = {"M": 1, "F": 2}
_GENDER_OF = {v: k for k, v in GENDER.items()}


class DocType(StrEnum):
    IDENTITY_CARD = "identity-card"
    RESIDENCE_PERMIT = "residence-permit"
    WEAPON_PERMIT = "weapon-permit"


PHOTO_HASH_BYTES = 16
YEAR_SECONDS = 365 * 24 * 3600
STATUS_LIST_USE = "status-list"  # what a key signs when it signs status lists
MANIFEST_USE = "transfer-manifest"  # ... and when it signs a transfer batch's manifest

LEGAL_STATUS = {DocType.RESIDENCE_PERMIT: "Resident"}


def photo_digest(photo: bytes) -> bytes:
    """What a document carries of its holder's photograph: the SHA-256 of the photograph's
    file as the registry keeps it (a JPEG without metadata), cut to ``PHOTO_HASH_BYTES``."""
    return hashlib.sha256(photo).digest()[:PHOTO_HASH_BYTES]


class PayloadError(ValueError):
    """CWT claims that are not a Sijill document."""


@dataclass(frozen=True)
class Weapon:
    serial: str
    category: str
    make_model: str | None = None


@dataclass(frozen=True)
class Holder:
    full_name: str
    arabic_name: str | None = None
    date_of_birth: str | None = None  # YYYYMMDD, or YYYYMM / YYYY when only that is known
    gender: str | None = None  # "M", "F" or None
    nationality: str | None = None


@dataclass(frozen=True)
class Document:
    doc_type: DocType
    serial: str
    regno: str
    holder: Holder
    issuer: str
    issued_at: int
    expires_at: int
    status_index: int
    status_uri: str
    country: str | None = None
    photo_hash: bytes | None = None
    programme_status: str | None = None
    weapon: Weapon | None = None


def _holder_claims(doc: Document) -> dict[int, Any]:
    h = doc.holder
    values: dict[str, Any] = {
        "serial": doc.serial,
        "language": "eng",
        "full_name": h.full_name,
        "date_of_birth": h.date_of_birth,
        "gender": GENDER.get(h.gender or ""),
        "nationality": h.nationality,
        "secondary_name": h.arabic_name,
        "secondary_language": "ara" if h.arabic_name else None,
        "legal_status": LEGAL_STATUS.get(doc.doc_type),
        "country": doc.country,
    }
    return {_C169[k]: v for k, v in values.items() if v is not None}


def _private_claims(doc: Document) -> dict[int, Any]:
    out: dict[int, Any] = {1: doc.doc_type.value, 2: doc.regno}
    if doc.programme_status:
        out[3] = doc.programme_status
    if doc.photo_hash:
        out[4] = doc.photo_hash
    if doc.weapon:
        weapon = {1: doc.weapon.serial, 2: doc.weapon.category, 3: doc.weapon.make_model}
        out[5] = {k: v for k, v in weapon.items() if v is not None}
    return out


def to_claims(doc: Document) -> dict[int, Any]:
    return {
        ISS: doc.issuer,
        EXP: doc.expires_at,
        NBF: doc.issued_at,
        IAT: doc.issued_at,
        CLAIM_169: _holder_claims(doc),
        STATUS: {"status_list": {"idx": doc.status_index, "uri": doc.status_uri}},
        SIJILL: _private_claims(doc),
    }


def encode(doc: Document) -> bytes:
    return cbor2.dumps(to_claims(doc), canonical=True)


def _get(claims: Mapping[Any, Any], key: Any, kind: type, required: bool = True) -> Any:
    value = claims.get(key)
    if type(value) is kind or (kind is Mapping and type(value) is dict):
        return value  # the common case, without an abstract-class check (kind is never bool)
    if value is None and not required:
        return None
    if not isinstance(value, kind) or isinstance(value, bool):
        raise PayloadError(f"claim {key} is missing or not {kind.__name__}")
    return value


def _holder(c169: Mapping[Any, Any]) -> Holder:
    gender = _GENDER_OF.get(c169.get(9, 0))
    return Holder(
        full_name=_get(c169, 4, str),
        arabic_name=_get(c169, 19, str, required=False),
        date_of_birth=_get(c169, 8, str, required=False),
        gender=gender,
        nationality=_get(c169, 13, str, required=False),
    )


def _weapon(private: Mapping[Any, Any]) -> Weapon | None:
    raw = _get(private, 5, Mapping, required=False)
    if raw is None:
        return None
    return Weapon(_get(raw, 1, str), _get(raw, 2, str), _get(raw, 3, str, required=False))


def from_claims(claims: Mapping[Any, Any]) -> Document:
    c169 = _get(claims, CLAIM_169, Mapping)
    private = _get(claims, SIJILL, Mapping)
    status = _get(_get(claims, STATUS, Mapping), "status_list", Mapping)
    try:
        doc_type = DocType(_get(private, 1, str))
    except ValueError as exc:
        raise PayloadError("unknown document type") from exc
    return Document(
        doc_type=doc_type,
        serial=_get(c169, 1, str),
        regno=_get(private, 2, str),
        holder=_holder(c169),
        issuer=_get(claims, ISS, str),
        issued_at=_get(claims, IAT, int),
        expires_at=_get(claims, EXP, int),
        status_index=_get(status, "idx", int),
        status_uri=_get(status, "uri", str),
        country=_get(c169, 23, str, required=False),
        photo_hash=_get(private, 4, bytes, required=False),
        programme_status=_get(private, 3, str, required=False),
        weapon=_weapon(private),
    )


def decode(data: bytes) -> Document:
    try:
        claims = cbor2.loads(data)
    except (cbor2.CBORError, ValueError) as exc:
        raise PayloadError("the payload is not CBOR") from exc
    if not isinstance(claims, Mapping):
        raise PayloadError("the payload is not a claims map")
    return from_claims(claims)
