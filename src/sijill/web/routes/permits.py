"""Permits (request, decisions, issue), custody tasks, and the weapons report with the
declared inventories of groups."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import PlainTextResponse, RedirectResponse, Response

from sijill.access.permissions import Permission
from sijill.arms import inventory, permit_queries, permits
from sijill.arms.schemas import DeclarationIn, IssueIn, PermitDecisionIn, PermitIn
from sijill.arms.vocab import PermitAction, PermitStatus, WeaponType
from sijill.credentials import permit_decisions
from sijill.deps import DbSession, SettingsDep
from sijill.registry import reference
from sijill.web.deps import Csrf, WebActor, flash, render
from sijill.web.forms import parse

router = APIRouter()


@router.get("/permits")
def list_permits(
    request: Request, session: DbSession, actor: WebActor, state: str = ""
) -> Response:
    status = PermitStatus(state) if state in set(PermitStatus) else None  # blank: every state
    ctx = {"permits": permit_queries.list_permits(session, actor, status), "state": status,
           "states": list(PermitStatus), "today": dt.date.today()}  # fmt: skip
    return render(request, "permits.html", ctx, actor=actor)


@router.post("/permits", dependencies=[Csrf])
def request_permit(
    request: Request,
    session: DbSession,
    actor: WebActor,
    settings: SettingsDep,
    holder: Annotated[str, Form(max_length=40)],
    weapon_ref: Annotated[str, Form(max_length=16)],
    valid_from: Annotated[str, Form()],
    valid_until: Annotated[str, Form()],
    conditions: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    fields = {"holder": holder, "weapon_ref": weapon_ref, "valid_from": valid_from,
              "valid_until": valid_until, "conditions": conditions or None}  # fmt: skip
    data = parse(PermitIn, fields)
    permit = permits.request_permit(session, actor, data, settings.permit_army_states)
    flash(request, "Permit {ref} requested; a supervisor must approve it.", ref=permit.ref)
    return RedirectResponse(f"/permits/{permit.ref}", status_code=303)


@router.get("/permits/{permit_ref}")
def show(request: Request, session: DbSession, actor: WebActor, permit_ref: str) -> Response:
    permit = permit_queries.get_permit(session, actor, permit_ref)
    return render(request, "permit.html", {"permit": permit, "actions": list(PermitAction)},
                  actor=actor)  # fmt: skip


@router.post("/permits/{permit_ref}/issue", dependencies=[Csrf])
def issue(
    request: Request,
    session: DbSession,
    actor: WebActor,
    settings: SettingsDep,
    permit_ref: str,
    witness: Annotated[str, Form(max_length=200)] = "",
    note: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    data = parse(IssueIn, {"witnesses": [witness] if witness.strip() else [], "note": note or None})
    permit = permits.issue(session, actor, permit_ref, data, settings.permit_army_states)
    flash(request, "Weapon {ref} issued to the holder.", ref=permit.weapon.ref)
    return RedirectResponse(f"/permits/{permit.ref}", status_code=303)


def _decision_page(action: PermitAction) -> Callable[..., Response]:
    def decide(
        request: Request,
        session: DbSession,
        actor: WebActor,
        settings: SettingsDep,
        permit_ref: str,
        reason: Annotated[str, Form(max_length=200)] = "",
        valid_until: Annotated[str, Form()] = "",
    ) -> Response:
        data = parse(
            PermitDecisionIn, {"reason": reason or None, "valid_until": valid_until or None}
        )
        states = settings.permit_army_states
        permit = permit_decisions.decide(session, actor, permit_ref, action, data, states)
        flash(request, "Permit {ref} is now {status}.", ref=permit.ref, status=permit.status.value)
        return RedirectResponse(f"/permits/{permit.ref}", status_code=303)

    return decide


for _action in PermitAction:
    router.add_api_route(
        f"/permits/{{permit_ref}}/{_action.value}", _decision_page(_action), methods=["POST"],
        dependencies=[Csrf], name=f"permit_page_{_action.value}",
    )  # fmt: skip


@router.get("/custody-tasks")
def tasks(request: Request, session: DbSession, actor: WebActor) -> Response:
    return render(
        request, "tasks.html", {"tasks": permit_queries.list_tasks(session, actor)}, actor=actor
    )


@router.get("/reports/weapons")
def report(request: Request, session: DbSession, actor: WebActor) -> Response:
    ctx = {"report": inventory.report(session, actor),
           "declarations": inventory.list_declarations(session, actor)}  # fmt: skip
    if actor.can(Permission.WEAPON_RECORD):
        ctx |= {"groups": reference.list_groups(session, actor), "types": list(WeaponType)}
    return render(request, "weapons_report.html", ctx, actor=actor)


@router.get("/reports/weapons.csv")
def report_csv(session: DbSession, actor: WebActor) -> Response:
    body = inventory.as_csv(inventory.report(session, actor))
    headers = {"Content-Disposition": 'attachment; filename="weapons-report.csv"'}
    return PlainTextResponse(body, media_type="text/csv", headers=headers)


@router.post("/declarations", dependencies=[Csrf])
def declare(
    request: Request,
    session: DbSession,
    actor: WebActor,
    group_id: Annotated[str, Form()],
    weapon_type: Annotated[str, Form()],
    quantity: Annotated[str, Form()],
    declared_on: Annotated[str, Form()],
    source: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    data = parse(DeclarationIn, {"group_id": group_id, "weapon_type": weapon_type,
                                 "quantity": quantity, "declared_on": declared_on,
                                 "source": source or None})  # fmt: skip
    declared = inventory.declare(session, actor, data)
    flash(request, "Declaration recorded for {group}.", group=declared.group)
    return RedirectResponse("/reports/weapons", status_code=303)
