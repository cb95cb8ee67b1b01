"""Sign a document into its QR text, and verify a QR text offline (pure).

Verification follows a fixed order so that each outcome means one thing: the QR text must
decode (else invalid), its key id must be in the trust list (else unknown key), the key
must be allowed to sign that document type at that time and the signature must verify
(else invalid), the document must be within its validity (else expired), and a fresh,
trusted status list must say it is not revoked (else revoked, or status unknown when the
list is missing, untrusted or stale).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sijill.credentials import cose, payload, qr, statuslist, trustlist
from sijill.credentials.payload import Document, PayloadError
from sijill.credentials.signer import LocalSigner, Signer
from sijill.credentials.statuslist import Status, StatusListToken
from sijill.credentials.trustlist import TrustList


class Outcome(StrEnum):
    VALID = "valid"
    INVALID = "invalid"
    REVOKED = "revoked"
    EXPIRED = "expired"
    UNKNOWN_KEY = "unknown key"
    STATUS_UNKNOWN = "status unknown"


@dataclass(frozen=True)
class Verification:
    outcome: Outcome
    reason: str
    document: Document | None = None
    status_list_age: int | None = None  # seconds since the status list was issued


def sign_document(document: Document, key: cose.PrivateKey, kid: bytes) -> str:
    return sign_document_by(document, LocalSigner(key, kid))


def sign_document_by(document: Document, signer: Signer) -> str:
    data = cose.sign1_by(payload.encode(document), signer.algorithm, signer.sign, signer.kid)
    return qr.to_text(data)


def read_own(text: str) -> Document:
    """The payload of a document's QR text that this issuer signed (so not re-verified)."""
    return payload.decode(cose.decode_sign1(qr.from_text(text)).payload)


def read_status_list(data: bytes, trust: TrustList, now: int) -> tuple[StatusListToken | None, str]:
    """The status list token if a trusted key signed it, else None and why."""
    try:
        message = cose.decode_sign1(data)
        token = statuslist.read_token(message)
    except (cose.CoseError, statuslist.StatusListError) as exc:
        return None, f"the status list cannot be read ({exc})"
    key = trust.find(message.kid)
    if key is None or not key.may_sign(payload.STATUS_LIST_USE, token.issued_at):
        return None, "the status list is not signed by a trusted status list key"
    if not cose.verify(message, key.key()):
        return None, "the status list's signature does not verify"
    return token, ""


def _status(document: Document, status: StatusListToken | None, why: str, now: int) -> Verification:
    if status is None:
        return Verification(Outcome.STATUS_UNKNOWN, why or "no status list", document)
    age = now - status.issued_at
    if status.stale(now):
        return Verification(Outcome.STATUS_UNKNOWN, "the status list is out of date", document, age)
    if status.uri != document.status_uri:
        return Verification(Outcome.STATUS_UNKNOWN, "another status list", document, age)
    try:
        value = status.status_list.get(document.status_index)
    except statuslist.StatusListError as exc:
        return Verification(Outcome.STATUS_UNKNOWN, str(exc), document, age)
    if value != Status.VALID:
        return Verification(Outcome.REVOKED, "the document was revoked", document, age)
    return Verification(Outcome.VALID, "signature, validity and status checked", document, age)


def verify_text(
    text: str,
    trust: TrustList,
    status: StatusListToken | None,
    now: int,
    status_problem: str = "",
) -> Verification:
    try:
        message = cose.decode_sign1(qr.from_text(text))
    except (qr.QrTextError, cose.CoseError) as exc:
        return Verification(Outcome.INVALID, f"not a signed document ({exc})")
    key = trust.find(message.kid)
    if key is None:
        return Verification(Outcome.UNKNOWN_KEY, "the signing key is not in the trust list")
    if not cose.verify(message, key.key()):
        return Verification(Outcome.INVALID, "the signature does not verify")
    try:
        document = payload.decode(message.payload)
    except PayloadError as exc:
        return Verification(Outcome.INVALID, f"a signed payload Sijill cannot read ({exc})")
    if not key.may_sign(document.doc_type.value, document.issued_at):
        return Verification(Outcome.INVALID, "the key may not sign this document", document)
    if now >= document.expires_at or now >= key.not_after:
        return Verification(Outcome.EXPIRED, "the document has expired", document)
    if now < document.issued_at:
        return Verification(Outcome.INVALID, "the document is not valid yet", document)
    return _status(document, status, status_problem, now)


def verify_files(
    text: str,
    trust_data: bytes,
    status_data: bytes | None,
    now: int,
    anchor_fingerprint: str | None = None,
) -> Verification:
    """A checkpoint's whole check: the trust list file, the status list file (if any) and
    the QR text. A trust list that does not verify is an error, not an outcome."""
    trust = trustlist.load(trust_data, anchor_fingerprint)
    token, why = (
        (None, "no status list")
        if status_data is None
        else read_status_list(status_data, trust, now)
    )
    return verify_text(text, trust, token, now, why)
