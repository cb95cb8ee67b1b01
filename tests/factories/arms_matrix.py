"""What the authorization matrix needs for the arms routes: a weapon, an intake and a permit
in the office, and a well-formed body for every POST."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from factories.access import make_actor
from factories.arms import STATES, army_integrated
from factories.registry import make_facility, make_group, register
from sijill.access.actor import operator_actor
from sijill.access.permissions import Role
from sijill.arms import permits, service
from sijill.arms.schemas import EventIn, IntakeIn, MarkingIn, PermitIn, WeaponIn
from sijill.arms.vocab import EventKind, WeaponType
from sijill.registry.vocab import FacilityKind

# The smallest PNG: 1x1 pixel.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


def arms_world(session: Session, office: str) -> dict[str, Any]:
    operator = operator_actor()
    store = make_facility(session, office, FacilityKind.BASE)
    group = make_group(session)
    items = [WeaponIn(weapon_type=WeaponType.ASSAULT_RIFLE, markings=[MarkingIn(text=f"MX{i}")])
             for i in range(2)]  # fmt: skip
    intake = service.intake(
        session, operator,
        IntakeIn(facility_id=store.id, group_id=group.id, witnesses=["W"], items=items),
    )  # fmt: skip
    refs = [w.ref for w in intake.items]
    for ref in refs:
        received = EventIn(kind=EventKind.RECEIVED, facility_id=store.id, witnesses=["W"])
        service.record_event(session, operator, ref, received)
    holder = register(session, make_actor(session, Role.REGISTRAR, office), "Matrix Holder")
    army_integrated(session, holder.regno)
    today = dt.date.today()
    permit = permits.request_permit(
        session, make_actor(session, Role.ARMS, office),
        PermitIn(holder=holder.regno, weapon_ref=refs[1], valid_from=today,
                 valid_until=today + dt.timedelta(days=30)),
        STATES,
    )  # fmt: skip
    return {
        "ref": refs[0], "intake_ref": intake.ref, "permit_ref": permit.ref, "sha256": "0" * 64,
        "arms_store_id": str(store.id), "arms_group_id": str(group.id),
        "holder_regno": holder.regno, "spare_ref": refs[1],
    }  # fmt: skip


def arms_bodies(ctx: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    today = dt.date.today().isoformat()
    later = (dt.date.today() + dt.timedelta(days=400)).isoformat()
    decision = {"reason": "matrix", "valid_until": later}
    bodies: dict[tuple[str, str], dict[str, Any]] = {
        ("POST", "/api/v1/weapons/{ref}/events"): {
            "kind": "moved", "facility_id": ctx["arms_store_id"], "witnesses": ["W"]},
        ("POST", "/api/v1/intakes"): {
            "facility_id": ctx["arms_store_id"], "witnesses": ["W"],
            "items": [{"weapon_type": "assault_rifle", "markings": [{"text": "MXAPI"}]}]},
        ("POST", "/api/v1/permits"): {
            "holder": ctx["holder_regno"], "weapon_ref": ctx["ref"], "valid_from": today,
            "valid_until": later},
        ("POST", "/api/v1/permits/{permit_ref}/issue"): {"witnesses": ["W"]},
        ("POST", "/api/v1/declarations"): {
            "group_id": ctx["arms_group_id"], "weapon_type": "battle_tank", "quantity": 3,
            "declared_on": today},
    }  # fmt: skip
    for action in ("approve", "refuse", "renew", "suspend", "reinstate", "revoke"):
        bodies[("POST", f"/api/v1/permits/{{permit_ref}}/{action}")] = decision
    return bodies


def arms_forms(ctx: dict[str, Any]) -> dict[tuple[str, str], dict[str, str]]:
    csrf = ctx["csrf"]
    today = dt.date.today().isoformat()
    later = (dt.date.today() + dt.timedelta(days=400)).isoformat()
    forms: dict[tuple[str, str], dict[str, str]] = {
        ("POST", "/weapons/{ref}/events"): {
            "csrf_token": csrf, "kind": "moved", "facility_id": ctx["arms_store_id"],
            "witness_1": "W"},
        ("POST", "/intakes"): {
            "csrf_token": csrf, "facility_id": ctx["arms_store_id"], "witnesses.0": "W",
            "rows": "1", "items.0.weapon_type": "assault_rifle", "items.0.serial": "MXWEB"},
        ("POST", "/permits"): {
            "csrf_token": csrf, "holder": ctx["holder_regno"], "weapon_ref": ctx["ref"],
            "valid_from": today, "valid_until": later},
        ("POST", "/permits/{permit_ref}/issue"): {"csrf_token": csrf, "witness": "W"},
        ("POST", "/declarations"): {
            "csrf_token": csrf, "group_id": ctx["arms_group_id"], "weapon_type": "battle_tank",
            "quantity": "3", "declared_on": today},
    }  # fmt: skip
    for action in ("approve", "refuse", "renew", "suspend", "reinstate", "revoke"):
        forms[("POST", f"/permits/{{permit_ref}}/{action}")] = {
            "csrf_token": csrf,
            "reason": "matrix",
            "valid_until": later,
        }
    return forms


def arms_photo(path: str, csrf: str) -> dict[str, Any]:
    if path.startswith("/api/"):
        return {"content": PNG, "headers": {"Content-Type": "image/png"}}
    return {"data": {"csrf_token": csrf}, "files": {"photo": ("p.png", PNG, "image/png")}}
