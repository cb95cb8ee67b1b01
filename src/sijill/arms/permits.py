"""Weapon permits: an arms officer requests, a different supervisor approves; renew,
suspend, reinstate and revoke with reasons. A revoked permit whose weapon is out opens a
custody task: the weapon must come back.

The holder is checked (:func:`sijill.arms.guards.permit_holder`) when the permit is
requested, approved, renewed and reinstated, and when its weapon is issued; ``army_states``
is the setting ``permit_army_states``."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.access.permissions import Permission
from sijill.arms import custody, guards, permit_queries, queries, service
from sijill.arms.models import CustodyTask, PermitDecision, Weapon, WeaponCustody, WeaponPermit
from sijill.arms.schemas import IssueIn, PermitDecisionIn, PermitIn, PermitOut
from sijill.arms.vocab import CustodyStatus, EventKind, PermitAction, PermitStatus, TaskStatus
from sijill.audit import service as audit
from sijill.errors import Conflict, InvalidInput, Msg, RuleViolation
from sijill.registry.validation import Errors, check_text
from sijill.timeutil import utcnow

A = PermitAction
OPEN = (PermitStatus.REQUESTED.value, PermitStatus.ACTIVE.value, PermitStatus.SUSPENDED.value)
# Who may take each decision; every decision but approval needs a reason.
NEEDS: dict[PermitAction, Permission] = {
    A.APPROVE: Permission.PERMIT_APPROVE,
    A.REFUSE: Permission.PERMIT_APPROVE,
    A.REVOKE: Permission.PERMIT_APPROVE,
    A.RENEW: Permission.PERMIT_REQUEST,
    A.SUSPEND: Permission.PERMIT_REQUEST,
    A.REINSTATE: Permission.PERMIT_REQUEST,
}
# The decisions that let a permit (go on) stand: the holder must still qualify.
CHECKS_HOLDER = frozenset({A.APPROVE, A.RENEW, A.REINSTATE})


def _decision(
    session: Session, actor: Actor, permit: WeaponPermit, action: str, reason: str | None
) -> None:
    session.add(
        PermitDecision(
            permit_id=permit.id, action=action, status=permit.status, at=utcnow(),
            actor=actor.username, reason=reason,
        )
    )  # fmt: skip
    audit.record(
        session, actor, f"arms:permit:{action}", "permit", permit.id,
        {"ref": permit.ref, "status": permit.status, "reason": reason},
    )  # fmt: skip


def _stored_weapon(session: Session, actor: Actor, ref: str) -> tuple[Weapon, WeaponCustody]:
    weapon, row = queries.load_weapon(session, actor, ref)
    if row.status != CustodyStatus.STORED:
        raise RuleViolation(
            Msg("Weapon {ref} is {status}: only a stored weapon can go under a permit.",
                ref=weapon.ref, status=row.status.replace("_", " ")),
            field="weapon_ref", rule="permit.weapon_stored",
        )  # fmt: skip
    return weapon, row


def request_permit(
    session: Session, actor: Actor, data: PermitIn, army_states: Collection[str]
) -> PermitOut:
    actor.require(Permission.PERMIT_REQUEST)
    errors: Errors = {}
    check_text(errors, "conditions", data.conditions, 2000)
    if data.valid_until <= data.valid_from:
        errors["valid_until"] = Msg("The permit must end after it starts.")
    if errors:
        raise InvalidInput(errors)
    holder = guards.permit_holder(session, actor, data.holder, army_states)
    weapon, row = _stored_weapon(session, actor, data.weapon_ref)
    taken = session.scalar(
        select(WeaponPermit.ref).where(
            WeaponPermit.weapon_id == weapon.id, WeaponPermit.status.in_(OPEN)
        )
    )
    if taken is not None:
        raise Conflict(
            Msg("Weapon {ref} already has permit {permit}.", ref=weapon.ref, permit=taken),
            field="weapon_ref",
        )
    permit = WeaponPermit(
        id=uuid.uuid4(), ref=service.new_ref("P"), person_id=holder.id, weapon_id=weapon.id,
        office_id=row.office_id, status=PermitStatus.REQUESTED.value,
        valid_from=data.valid_from, valid_until=data.valid_until, conditions=data.conditions,
        requested_by=actor.username, requested_by_id=actor.user_id, requested_at=utcnow(),
    )  # fmt: skip
    session.add(permit)
    session.flush()  # the decision row refers to the permit
    _decision(session, actor, permit, "request", None)
    return permit_queries.permit_out(session, permit)


def _reason(action: PermitAction, data: PermitDecisionIn) -> str | None:
    errors: Errors = {}
    check_text(errors, "reason", data.reason, 200)
    if action is not A.APPROVE and not data.reason:
        errors["reason"] = Msg("Give a reason.")
    if errors:
        raise InvalidInput(errors)
    return data.reason


def _check_holder(
    session: Session, actor: Actor, permit: WeaponPermit, army_states: Collection[str]
) -> None:
    holder_regno = permit_queries.permit_out(session, permit).holder.regno
    guards.permit_holder(session, actor, holder_regno, army_states)


def _approve(session: Session, actor: Actor, permit: WeaponPermit) -> None:
    if actor.username == permit.requested_by:
        raise RuleViolation(
            Msg("A permit is approved by someone other than who requested it."),
            rule="permit.four_eyes",
        )
    permit.approved_by, permit.approved_at = actor.username, utcnow()


def _renew(permit: WeaponPermit, data: PermitDecisionIn) -> None:
    if data.valid_until is None or data.valid_until <= permit.valid_until:
        raise InvalidInput({"valid_until": Msg("Give a new end date, after the current one.")})
    permit.valid_until = data.valid_until


def _revoked(session: Session, permit: WeaponPermit, reason: str) -> None:
    row = session.get_one(WeaponCustody, permit.weapon_id)
    if row.status == CustodyStatus.ISSUED and row.permit_id == permit.id:
        session.add(
            CustodyTask(
                weapon_id=permit.weapon_id, permit_id=permit.id, office_id=permit.office_id,
                status=TaskStatus.OPEN.value, reason=reason, created_at=utcnow(),
            )
        )  # fmt: skip


def decide(
    session: Session,
    actor: Actor,
    ref: str,
    action: PermitAction,
    data: PermitDecisionIn,
    army_states: Collection[str],
) -> PermitOut:
    """Approve, refuse, renew, suspend, reinstate or revoke a permit."""
    actor.require(NEEDS[action])
    reason = _reason(action, data)
    permit = permit_queries.load_permit(session, actor, ref)
    target = custody.permit_transition(PermitStatus(permit.status), action)
    if action in CHECKS_HOLDER:
        _check_holder(session, actor, permit, army_states)
    if action is A.APPROVE:
        _approve(session, actor, permit)
    elif action is A.RENEW:
        _renew(permit, data)
    permit.status = target.value
    if action is A.REVOKE:
        _revoked(session, permit, reason or "")
    _decision(session, actor, permit, action.value, reason)
    return permit_queries.permit_out(session, permit)


def check_issuable(permit: WeaponPermit, weapon_id: uuid.UUID, today: dt.date) -> None:
    """A weapon is issued only under an active permit for it, within its validity."""
    if permit.weapon_id != weapon_id:
        raise RuleViolation(Msg("This permit is for another weapon."), rule="permit.weapon")
    if permit.status != PermitStatus.ACTIVE:
        raise RuleViolation(
            Msg("Permit {ref} is {status}.", ref=permit.ref, status=permit.status),
            rule="permit.not_active",
        )
    if not permit.valid_from <= today <= permit.valid_until:
        raise RuleViolation(
            Msg("Permit {ref} is not valid today.", ref=permit.ref), rule="permit.validity"
        )


def issue(
    session: Session, actor: Actor, ref: str, data: IssueIn, army_states: Collection[str]
) -> PermitOut:
    """Hand the weapon of an active permit to its holder (an ``issued`` custody event)."""
    actor.require(Permission.WEAPON_RECORD)
    permit = permit_queries.load_permit(session, actor, ref)
    weapon = session.get_one(Weapon, permit.weapon_id)
    row = session.get_one(WeaponCustody, weapon.id)
    at = service.event_time(data.at)
    check_issuable(permit, weapon.id, at.date())
    _check_holder(session, actor, permit, army_states)
    errors: Errors = {}
    for i, witness in enumerate(data.witnesses):
        check_text(errors, f"witnesses.{i}", witness, 200)
    if errors:
        raise InvalidInput(errors)
    event = custody.Event(
        kind=EventKind.ISSUED, at=at, facility_id=row.facility_id, person_id=permit.person_id,
        permit_id=permit.id, witnesses=tuple(data.witnesses),
    )  # fmt: skip
    service.apply_event(session, actor, weapon, row, event, data.note)
    return permit_queries.permit_out(session, permit)
