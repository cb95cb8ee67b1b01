"""The document payload for a person: only what a checkpoint needs."""

from __future__ import annotations

from sijill.arms.schemas import PermitDocument
from sijill.credentials import permit_source
from sijill.credentials.issuer import Issuer
from sijill.credentials.models import DocumentRequest
from sijill.credentials.payload import YEAR_SECONDS, DocType, Document, Holder
from sijill.registry.schemas import NameOut, PersonOut
from sijill.registry.vocab import NameType

VALID_YEARS = {
    DocType.IDENTITY_CARD: 5,
    DocType.RESIDENCE_PERMIT: 1,
    DocType.WEAPON_PERMIT: 1,
}
# The same name in another script is an alias; never a kunya or a nom de guerre.
_OWN_NAMES = (NameType.PRIMARY, NameType.BIRTH, NameType.ALIAS)


def _name(names: list[NameOut], script: str) -> str | None:
    for name_type in _OWN_NAMES:
        for name in names:
            if name.name_type == name_type and name.script == script:
                return name.full
    return None


def _dob(text: str | None) -> str | None:
    """YYYYMMDD, or YYYYMM / YYYY when only that much is known; nothing when approximate."""
    if not text or text.startswith("~"):
        return None
    return text.replace("-", "")


def holder_of(person: PersonOut) -> Holder:
    return Holder(
        full_name=_name(person.names, "Latin") or person.name,
        arabic_name=_name(person.names, "Arabic"),
        date_of_birth=_dob(person.date_of_birth),
        gender=person.sex.value if person.sex.value in ("M", "F") else None,
        nationality=person.nationalities[0] if person.nationalities else None,
    )


def document_for(
    person: PersonOut,
    request: DocumentRequest,
    permit: PermitDocument | None,
    serial: str,
    index: int,
    issuer: Issuer,
    now: int,
    photo_hash: bytes | None = None,
) -> Document:
    """The payload; a weapon permit's weapon and end come from its arms permit."""
    doc_type = DocType(request.doc_type)
    expires_at = now + VALID_YEARS[doc_type] * YEAR_SECONDS
    if permit is not None:
        expires_at = min(expires_at, permit_source.permit_end(permit))
    return Document(
        doc_type=doc_type,
        serial=serial,
        regno=person.regno,
        holder=holder_of(person),
        issuer=issuer.name,
        issued_at=now,
        expires_at=expires_at,
        status_index=index,
        status_uri=issuer.status_uri,
        country=issuer.country,
        photo_hash=photo_hash,
        programme_status=request.programme_status,
        weapon=permit_source.weapon_of(permit) if permit else None,
    )
