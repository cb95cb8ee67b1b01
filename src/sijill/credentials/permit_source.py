"""A weapon-permit document signs an arms permit, never typed-in weapon data.

The request names the permit by its ref; at request, approval and issue the permit is
loaded from the arms records and must exist, be active, belong to the request's person and
be valid today. The signed weapon (serial, type, make and model) and the end of the
document's validity come from the permit.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy.orm import Session

from sijill.arms import permit_queries as arms_permits
from sijill.arms.schemas import PermitDocument
from sijill.arms.vocab import PermitStatus
from sijill.credentials.payload import Weapon
from sijill.errors import Msg, NotFound

PERMIT_REF = "permit_ref"  # the key of the permit's ref in a request's ``weapon`` column


def permit_ref_of(weapon: dict[str, Any] | None) -> str | None:
    """The permit ref a request (or its document) was made for."""
    if not weapon:
        return None
    ref = weapon.get(PERMIT_REF)
    return ref if isinstance(ref, str) else None


def refusals(doc: PermitDocument, person_id: uuid.UUID, today: dt.date) -> list[Msg]:
    """Why this permit may not be signed for this person today (empty: it may)."""
    reasons = []
    if doc.holder_id != person_id:
        reasons.append(
            Msg("Permit {ref} belongs to another person.", ref=doc.permit_ref),
        )
    if doc.status != PermitStatus.ACTIVE:
        reasons.append(
            Msg(
                "Permit {ref} is {status}, not active.",
                ref=doc.permit_ref,
                status=doc.status.value,
            )
        )
    elif not doc.valid_from <= today <= doc.valid_until:
        reasons.append(
            Msg(
                "Permit {ref} is valid from {start} to {end}, not today.",
                ref=doc.permit_ref,
                start=doc.valid_from.isoformat(),
                end=doc.valid_until.isoformat(),
            )
        )
    if not doc.weapon_serial:
        reasons.append(Msg("The weapon of permit {ref} has no serial.", ref=doc.permit_ref))
    return reasons


def check(
    session: Session, permit_ref: str | None, person_id: uuid.UUID, today: dt.date
) -> tuple[PermitDocument | None, list[Msg]]:
    """The permit and why it may not be signed now; no permit when the ref finds none."""
    if not permit_ref:
        return None, [Msg("A weapon permit document names the arms permit it signs.")]
    try:
        doc = arms_permits.permit_document_by_ref(session, permit_ref)
    except NotFound:
        return None, [Msg("No arms permit {ref}.", ref=permit_ref)]
    return doc, refusals(doc, person_id, today)


def weapon_of(doc: PermitDocument) -> Weapon:
    """The weapon as the document signs it: serial, type, make and model from the permit."""
    make_model = " ".join(part for part in (doc.weapon_make, doc.weapon_model) if part)
    return Weapon(
        serial=doc.weapon_serial or "",
        category=doc.weapon_type.value,
        make_model=make_model or None,
    )


def permit_end(doc: PermitDocument) -> int:
    """The last second (UTC) of the permit's last day: a document never outlives it."""
    next_day = dt.datetime.combine(doc.valid_until + dt.timedelta(days=1), dt.time(), dt.UTC)
    return int(next_day.timestamp()) - 1
