"""Administration: users, offices, groups and facilities."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from sijill.access import login as access_login
from sijill.access import service as access_service
from sijill.access.actor import Actor
from sijill.access.permissions import Permission, Role
from sijill.access.schemas import OfficeIn, OfficeUpdate, UserIn, UserUpdate
from sijill.deps import DbSession
from sijill.errors import Conflict, InvalidInput
from sijill.registry import reference
from sijill.registry.schemas import FacilityIn, FacilityUpdate, GroupIn
from sijill.registry.vocab import FacilityKind
from sijill.web.deps import Csrf, WebActor, flash, render
from sijill.web.forms import parse

router = APIRouter(prefix="/admin")


def _page(
    request: Request,
    session: DbSession,
    actor: Actor,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
    status: int = 200,
) -> Response:
    actor.require(Permission.USERS_MANAGE)
    ctx = {
        "users": access_service.list_users(session, actor),
        "offices": access_service.list_offices(session, actor),
        "groups": reference.list_groups(session, actor),
        "facilities": reference.list_facilities(session, actor, all_offices=True, closed=True),
        "roles": list(Role),
        "facility_kinds": list(FacilityKind),
        "errors": errors or {},
        "values": values or {},
    }
    return render(request, "admin.html", ctx, status, actor=actor)


@router.get("")
def admin(request: Request, session: DbSession, actor: WebActor) -> Response:
    return _page(request, session, actor)


async def _submit(
    request: Request, session: DbSession, actor: Actor, kind: str, action: Any
) -> Response:
    form = await request.form()
    values = {k: str(v) for k, v in form.items() if k != "csrf_token"}
    try:
        action(values)
    except (InvalidInput, Conflict) as exc:
        session.rollback()
        errors = exc.errors if isinstance(exc, InvalidInput) else {str(exc.field): exc.message}
        prefixed = {f"{kind}.{k}": v for k, v in errors.items()}
        return _page(
            request,
            session,
            actor,
            prefixed,
            {f"{kind}.{k}": v for k, v in values.items()},
            exc.status,
        )
    flash(request, "Saved.")
    return RedirectResponse(f"/admin#{kind}", status_code=303)


def _aliases(text: str) -> list[str]:
    return [a.strip() for a in text.replace("\r", "").split("\n") if a.strip()]


@router.post("/users", dependencies=[Csrf])
async def create_user(request: Request, session: DbSession, actor: WebActor) -> Response:
    def act(v: dict[str, str]) -> None:
        access_service.create_user(session, actor, parse(UserIn, v))

    return await _submit(request, session, actor, "user", act)


@router.post("/users/{user_id}", dependencies=[Csrf])
async def update_user(
    request: Request, session: DbSession, actor: WebActor, user_id: uuid.UUID
) -> Response:
    def act(v: dict[str, str]) -> None:
        data: dict[str, Any] = {k: val for k, val in v.items() if val}
        data["active"] = v.get("active") == "on"
        access_service.update_user(session, actor, user_id, parse(UserUpdate, data))

    return await _submit(request, session, actor, "user", act)


@router.post("/users/{user_id}/sessions/end", dependencies=[Csrf])
def end_sessions(
    request: Request, session: DbSession, actor: WebActor, user_id: uuid.UUID
) -> Response:
    ended = access_login.end_user_sessions(session, actor, user_id, "administrator")
    flash(request, "Sessions ended: {n}.", n=str(ended))
    return RedirectResponse("/admin#user", status_code=303)


@router.post("/users/{user_id}/unlock", dependencies=[Csrf])
def unlock(request: Request, session: DbSession, actor: WebActor, user_id: uuid.UUID) -> Response:
    access_login.unlock(session, actor, user_id)
    flash(request, "Lockout lifted.")
    return RedirectResponse("/admin#user", status_code=303)


@router.post("/offices", dependencies=[Csrf])
async def create_office(request: Request, session: DbSession, actor: WebActor) -> Response:
    def act(v: dict[str, str]) -> None:
        data = {**v, "national": v.get("national") == "on"}
        access_service.create_office(session, actor, parse(OfficeIn, data))

    return await _submit(request, session, actor, "office", act)


@router.post("/offices/{office}", dependencies=[Csrf])
async def update_office(
    request: Request, session: DbSession, actor: WebActor, office: str
) -> Response:
    def act(v: dict[str, str]) -> None:
        data = {"name": v.get("name", ""), "national": v.get("national") == "on"}
        access_service.update_office(session, actor, office, parse(OfficeUpdate, data))

    return await _submit(request, session, actor, "office", act)


@router.post("/groups", dependencies=[Csrf])
async def create_group(request: Request, session: DbSession, actor: WebActor) -> Response:
    def act(v: dict[str, str]) -> None:
        data = {"name": v.get("name", ""), "aliases": _aliases(v.get("aliases", ""))}
        reference.create_group(session, actor, parse(GroupIn, data))

    return await _submit(request, session, actor, "group", act)


@router.post("/groups/{group_id}", dependencies=[Csrf])
async def update_group(
    request: Request, session: DbSession, actor: WebActor, group_id: uuid.UUID
) -> Response:
    def act(v: dict[str, str]) -> None:
        data = {"name": v.get("name", ""), "aliases": _aliases(v.get("aliases", ""))}
        reference.update_group(session, actor, group_id, parse(GroupIn, data))

    return await _submit(request, session, actor, "group", act)


@router.post("/facilities", dependencies=[Csrf])
async def create_facility(request: Request, session: DbSession, actor: WebActor) -> Response:
    def act(v: dict[str, str]) -> None:
        data = {k: val for k, val in v.items() if val}
        reference.create_facility(session, actor, parse(FacilityIn, data))

    return await _submit(request, session, actor, "facility", act)


@router.post("/facilities/{facility_id}", dependencies=[Csrf])
async def update_facility(
    request: Request, session: DbSession, actor: WebActor, facility_id: uuid.UUID
) -> Response:
    def act(v: dict[str, str]) -> None:
        data: dict[str, Any] = {k: val for k, val in v.items() if val and k != "active"}
        data["active"] = v.get("active") == "on"
        reference.update_facility(session, actor, facility_id, parse(FacilityUpdate, data))

    return await _submit(request, session, actor, "facility", act)
