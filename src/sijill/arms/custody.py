"""The chain of custody as a pure state machine: where a weapon is follows from its events.

``apply(state, event)`` gives the state after one event, or refuses the event naming the
rule that refused it; ``replay(events)`` folds a whole history. The service stores the result
in a current-state row in the same transaction as the event, and never edits it otherwise.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from sijill.arms.vocab import CustodyStatus, EventKind, PermitAction, PermitStatus
from sijill.errors import Msg, RuleViolation

S = CustodyStatus
E = EventKind

# Which events may follow which state (None: a weapon with no history yet).
ALLOWED: dict[CustodyStatus | None, frozenset[EventKind]] = {
    None: frozenset({E.HANDED_IN}),
    S.HANDED_IN: frozenset({E.RECEIVED, E.MOVED, E.REPORTED_LOST, E.REPORTED_STOLEN, E.DESTROYED}),
    S.STORED: frozenset({E.MOVED, E.ISSUED, E.REPORTED_LOST, E.REPORTED_STOLEN, E.DESTROYED}),
    S.ISSUED: frozenset({E.RETURNED, E.REPORTED_LOST, E.REPORTED_STOLEN}),
    S.MISSING: frozenset({E.RECOVERED}),
    S.DESTROYED: frozenset(),
}

RESULT: dict[EventKind, CustodyStatus] = {
    E.HANDED_IN: S.HANDED_IN,
    E.RECEIVED: S.STORED,
    E.ISSUED: S.ISSUED,
    E.RETURNED: S.STORED,
    E.REPORTED_LOST: S.MISSING,
    E.REPORTED_STOLEN: S.MISSING,
    E.RECOVERED: S.STORED,
    E.DESTROYED: S.DESTROYED,
}

# Events that put the weapon in a facility (and must name it).
NEEDS_FACILITY = frozenset({E.HANDED_IN, E.RECEIVED, E.MOVED, E.RETURNED, E.RECOVERED})
WITNESSES_NEEDED: dict[EventKind, int] = {E.DESTROYED: 2}
DEFAULT_WITNESSES = 1


@dataclass(frozen=True)
class Event:
    kind: EventKind
    at: dt.datetime
    facility_id: uuid.UUID | None = None
    person_id: uuid.UUID | None = None  # handed in by, issued to, returned by
    group_id: uuid.UUID | None = None
    permit_id: uuid.UUID | None = None
    witnesses: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Custody:
    status: CustodyStatus
    at: dt.datetime  # time of the last event
    facility_id: uuid.UUID | None
    holder_id: uuid.UUID | None  # the person who carries it under a permit
    permit_id: uuid.UUID | None
    group_id: uuid.UUID | None  # the group that handed it in
    events: int


def _refuse(rule: str, message: Msg) -> RuleViolation:
    return RuleViolation(message, rule=rule)


def _check(state: Custody | None, event: Event) -> None:
    status = state.status if state else None
    if event.kind not in ALLOWED[status]:
        if status is None:
            raise _refuse("custody.first_event", Msg("A weapon's first event must be handed in."))
        raise _refuse(
            f"custody.{status.value}.{event.kind.value}",
            Msg(
                "A weapon that is {status} cannot be {event}.",
                status=status.value.replace("_", " "),
                event=event.kind.value.replace("_", " "),
            ),
        )
    if state is not None and event.at < state.at:
        raise _refuse(
            "custody.order",
            Msg(
                "This event is dated before the weapon's last event ({last}).",
                last=state.at.isoformat(timespec="minutes"),
            ),
        )
    witnesses = {w.strip().casefold() for w in event.witnesses if w.strip()}
    needed = WITNESSES_NEEDED.get(event.kind, DEFAULT_WITNESSES)
    if len(witnesses) < needed:
        raise _refuse(
            "custody.witnesses", Msg("This event needs {n} different witnesses.", n=str(needed))
        )
    _check_parties(event)


def _check_parties(event: Event) -> None:
    if event.kind in NEEDS_FACILITY and event.facility_id is None:
        raise _refuse("custody.facility", Msg("This event needs the facility where it happened."))
    if event.kind is E.ISSUED and (event.permit_id is None or event.person_id is None):
        raise _refuse(
            "custody.permit", Msg("A weapon is issued only under a permit, to its holder.")
        )


def apply(state: Custody | None, event: Event) -> Custody:
    """The custody after ``event``; raises RuleViolation (with ``rule``) if it may not happen."""
    _check(state, event)
    if state is None:
        return Custody(
            status=S.HANDED_IN,
            at=event.at,
            facility_id=event.facility_id,
            holder_id=None,
            permit_id=None,
            group_id=event.group_id,
            events=1,
        )
    status = RESULT.get(event.kind, state.status)
    issued = event.kind is E.ISSUED
    return replace(
        state,
        status=status,
        at=event.at,
        facility_id=event.facility_id or state.facility_id,
        holder_id=event.person_id if issued else None,
        permit_id=event.permit_id if issued else None,
        events=state.events + 1,
    )


def replay(events: Iterable[Event]) -> Custody | None:
    state: Custody | None = None
    for event in events:
        state = apply(state, event)
    return state


# ---- permits ------------------------------------------------------------------------------

P = PermitStatus
A = PermitAction

PERMIT_TRANSITIONS: dict[tuple[PermitStatus, PermitAction], PermitStatus] = {
    (P.REQUESTED, A.APPROVE): P.ACTIVE,
    (P.REQUESTED, A.REFUSE): P.REFUSED,
    (P.ACTIVE, A.RENEW): P.ACTIVE,
    (P.ACTIVE, A.SUSPEND): P.SUSPENDED,
    (P.SUSPENDED, A.REINSTATE): P.ACTIVE,
    (P.SUSPENDED, A.RENEW): P.SUSPENDED,
    (P.ACTIVE, A.REVOKE): P.REVOKED,
    (P.SUSPENDED, A.REVOKE): P.REVOKED,
}


def permit_transition(status: PermitStatus, action: PermitAction) -> PermitStatus:
    """The permit's status after ``action``; refuses a move the table does not list."""
    target = PERMIT_TRANSITIONS.get((status, action))
    if target is None:
        raise _refuse(
            f"permit.{status.value}.{action.value}",
            Msg(
                "A permit that is {status} does not allow: {action}.",
                status=status.value,
                action=action.value,
            ),
        )
    return target
