"""A document request's life and an issued document's status (pure).

request: requested → approved (a supervisor, not the requester) → issued; or rejected.
document: valid → revoked (with a reason) or superseded (reissued after a change).
"""

from __future__ import annotations

from enum import StrEnum

from sijill.credentials.statuslist import Status
from sijill.errors import Msg, RuleViolation


class RequestStatus(StrEnum):
    REQUESTED = "requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    ISSUED = "issued"


class DocumentStatus(StrEnum):
    VALID = "valid"
    REVOKED = "revoked"
    SUPERSEDED = "superseded"


REQUEST_MOVES: dict[RequestStatus, frozenset[RequestStatus]] = {
    RequestStatus.REQUESTED: frozenset({RequestStatus.APPROVED, RequestStatus.REJECTED}),
    RequestStatus.APPROVED: frozenset({RequestStatus.ISSUED}),
    RequestStatus.REJECTED: frozenset(),
    RequestStatus.ISSUED: frozenset(),
}

DOCUMENT_MOVES: dict[DocumentStatus, frozenset[DocumentStatus]] = {
    DocumentStatus.VALID: frozenset({DocumentStatus.REVOKED, DocumentStatus.SUPERSEDED}),
    DocumentStatus.REVOKED: frozenset(),
    DocumentStatus.SUPERSEDED: frozenset(),
}

# What the status list says of a document in each status (2 bits per document).
LIST_VALUE: dict[DocumentStatus, Status] = {
    DocumentStatus.VALID: Status.VALID,
    DocumentStatus.REVOKED: Status.INVALID,
    DocumentStatus.SUPERSEDED: Status.INVALID,
}
STATUS_BITS = 2


def move_request(current: RequestStatus, target: RequestStatus) -> RequestStatus:
    if target not in REQUEST_MOVES[current]:
        raise RuleViolation(
            Msg(
                "A request that is {current} cannot become {target} (rule: request moves).",
                current=current.value,
                target=target.value,
            )
        )
    return target


def move_document(current: DocumentStatus, target: DocumentStatus) -> DocumentStatus:
    if target not in DOCUMENT_MOVES[current]:
        raise RuleViolation(
            Msg(
                "A document that is {current} cannot become {target} (rule: document moves).",
                current=current.value,
                target=target.value,
            )
        )
    return target


def check_second_person(requested_by: str, approver: str) -> None:
    if requested_by == approver:
        raise RuleViolation(Msg("The approver must not be the requester (rule: second person)."))
