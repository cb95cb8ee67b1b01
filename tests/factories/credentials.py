"""Signed documents for tests: a synthetic holder, keys, a trust list and a status list."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from sijill.credentials import keys, signing, statuslist, trustlist
from sijill.credentials.payload import DocType, Document, Holder, Weapon
from sijill.credentials.statuslist import StatusList, StatusListToken
from sijill.credentials.trustlist import TrustList

NOW = 1_795_000_000  # 2026-11-19
DAY = 24 * 3600
STATUS_URI = "https://sijill.example/status/1"


def document(**changes: Any) -> Document:
    """A realistic identity card: long Latin and Arabic names, exact birth date."""
    base = Document(
        doc_type=DocType.IDENTITY_CARD,
        serial="SJ-IC-00000042",
        regno="SJL-4821-7730-K",
        holder=Holder(
            full_name="Abdulrahman Mohammed Khaled al-Hassan",
            arabic_name="عبد الرحمن محمد خالد الحسن",
            date_of_birth="19870312",
            gender="M",
            nationality="SY",
        ),
        issuer="sijill.example",
        issued_at=NOW - DAY,
        expires_at=NOW + 5 * 365 * DAY,
        status_index=41,
        status_uri=STATUS_URI,
        country="SY",
        photo_hash=bytes(range(16)),
    )
    return replace(base, **changes)


def weapon_permit() -> Document:
    return document(
        doc_type=DocType.WEAPON_PERMIT,
        serial="SJ-WP-00000007",
        weapon=Weapon("AK47-1984-330172", "rifle", "AKM"),
        expires_at=NOW + 365 * DAY,
    )


def ring(folder: Path, now: int = NOW - 30 * DAY) -> keys.KeyRing:
    return keys.load(folder, create=True, now=now)


def trust(ring_: keys.KeyRing, now: int = NOW) -> tuple[TrustList, bytes]:
    listed = ring_.trust_list("sijill.example", now)
    data = trustlist.sign(listed, ring_.anchor)
    return trustlist.load(data), data


def status_token(
    ring_: keys.KeyRing,
    revoked: tuple[int, ...] = (),
    issued_at: int = NOW - 3600,
    ttl: int = DAY,
) -> bytes:
    values = [1 if i in revoked else 0 for i in range(128)]
    token = StatusListToken(
        STATUS_URI, issued_at, issued_at + ttl, ttl, StatusList.build(values, 2)
    )
    signer = ring_.signer("status-list", issued_at)
    return statuslist.sign_token(token, signer.private_key, signer.trusted.kid)


def sign(ring_: keys.KeyRing, doc: Document) -> str:
    signer = ring_.signer(doc.doc_type.value, doc.issued_at)
    return signing.sign_document(doc, signer.private_key, signer.trusted.kid)
