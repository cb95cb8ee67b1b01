"""Weapons, custody events, intakes, permits, custody tasks, declarations and reports."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Query, Request, status
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from pydantic import BaseModel

from sijill.api.deps import ApiActor
from sijill.arms import inventory, permit_queries, permits, photos, queries
from sijill.arms import service as arms_service
from sijill.arms.schemas import (
    DeclarationIn,
    DeclarationOut,
    EventIn,
    EventOut,
    IntakeIn,
    IntakeOut,
    IssueIn,
    PermitDecisionIn,
    PermitIn,
    PermitOut,
    PhotoOut,
    TaskOut,
    WeaponOut,
    WeaponSummary,
)
from sijill.arms.vocab import CustodyStatus, PermitAction, PermitStatus
from sijill.credentials import permit_decisions
from sijill.deps import DbSession, SettingsDep

router = APIRouter(tags=["weapons"])


class SerialCheck(BaseModel):
    key: str
    candidates: list[WeaponSummary]


@router.get("/weapons", summary="Weapons in your offices, by state or facility")
def list_weapons(
    session: DbSession,
    actor: ApiActor,
    state: CustodyStatus | None = None,
    facility_id: uuid.UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=100_000_000)] = 0,
) -> list[WeaponSummary]:
    return queries.list_weapons(session, actor, state, facility_id, limit, offset)


@router.get("/weapons/serial-check", summary="Weapons already recorded with this serial")
def serial_check(
    session: DbSession,
    actor: ApiActor,
    serial: Annotated[str, Query(min_length=1, max_length=100)],
    model: Annotated[str | None, Query(max_length=100)] = None,
) -> SerialCheck:
    key, found = queries.serial_candidates(session, actor, serial, model)
    return SerialCheck(key=key, candidates=found)


@router.get("/weapons/{ref}", summary="One weapon, its markings, photographs and custody")
def get_weapon(session: DbSession, actor: ApiActor, ref: str) -> WeaponOut:
    return queries.get_weapon(session, actor, ref)


@router.get("/weapons/{ref}/history", summary="The weapon's chain of custody, oldest first")
def history(session: DbSession, actor: ApiActor, ref: str) -> list[EventOut]:
    return queries.history(session, actor, ref)


@router.post("/weapons/{ref}/events", summary="Record a custody event")
def record_event(session: DbSession, actor: ApiActor, ref: str, body: EventIn) -> WeaponOut:
    return arms_service.record_event(session, actor, ref, body)


@router.post(
    "/weapons/{ref}/photos",
    status_code=status.HTTP_201_CREATED,
    summary="Add a photograph (the request body is the JPEG, PNG or WebP file)",
)
async def add_photo(
    request: Request, session: DbSession, actor: ApiActor, settings: SettingsDep, ref: str
) -> PhotoOut:
    content = await request.body()
    limit = settings.max_photo_bytes
    return photos.add_photo(session, actor, ref, content, settings.photo_dir, limit)


@router.get("/weapons/{ref}/photos/{sha256}", summary="One photograph of the weapon")
def get_photo(
    session: DbSession, actor: ApiActor, settings: SettingsDep, ref: str, sha256: str
) -> FileResponse:
    path, media_type = photos.photo_file(session, actor, ref, sha256, settings.photo_dir)
    return FileResponse(path, media_type=media_type)


@router.post("/intakes", status_code=status.HTTP_201_CREATED, summary="Weapons handed in")
def create_intake(session: DbSession, actor: ApiActor, body: IntakeIn) -> IntakeOut:
    return arms_service.intake(session, actor, body)


@router.get("/intakes/{intake_ref}", summary="An intake and its receipt")
def get_intake(session: DbSession, actor: ApiActor, intake_ref: str) -> IntakeOut:
    return queries.get_intake(session, actor, intake_ref)


@router.get("/permits", summary="Weapon permits in your offices")
def list_permits(
    session: DbSession, actor: ApiActor, state: PermitStatus | None = None
) -> list[PermitOut]:
    return permit_queries.list_permits(session, actor, state)


@router.post("/permits", status_code=status.HTTP_201_CREATED, summary="Request a permit")
def request_permit(
    session: DbSession, actor: ApiActor, settings: SettingsDep, body: PermitIn
) -> PermitOut:
    return permits.request_permit(session, actor, body, settings.permit_army_states)


@router.get("/permits/{permit_ref}", summary="One permit and its decisions")
def get_permit(session: DbSession, actor: ApiActor, permit_ref: str) -> PermitOut:
    return permit_queries.get_permit(session, actor, permit_ref)


@router.post("/permits/{permit_ref}/issue", summary="Hand the weapon to the permit's holder")
def issue(
    session: DbSession, actor: ApiActor, settings: SettingsDep, permit_ref: str, body: IssueIn
) -> PermitOut:
    return permits.issue(session, actor, permit_ref, body, settings.permit_army_states)


def _decision_route(action: PermitAction) -> Callable[..., PermitOut]:
    def decide(
        session: DbSession,
        actor: ApiActor,
        settings: SettingsDep,
        permit_ref: str,
        body: PermitDecisionIn,
    ) -> PermitOut:
        states = settings.permit_army_states
        return permit_decisions.decide(session, actor, permit_ref, action, body, states)

    return decide


for _action in PermitAction:
    router.add_api_route(
        f"/permits/{{permit_ref}}/{_action.value}",
        _decision_route(_action),
        methods=["POST"],
        summary=f"{_action.value.capitalize()} a permit",
        name=f"permit_{_action.value}",
    )


@router.get("/custody-tasks", summary="Weapons that must come back (revoked permits)")
def tasks(session: DbSession, actor: ApiActor) -> list[TaskOut]:
    return permit_queries.list_tasks(session, actor)


@router.get("/declarations", summary="What groups declared they hold")
def list_declarations(session: DbSession, actor: ApiActor) -> list[DeclarationOut]:
    return inventory.list_declarations(session, actor)


@router.post("/declarations", status_code=status.HTTP_201_CREATED, summary="Record a declaration")
def declare(session: DbSession, actor: ApiActor, body: DeclarationIn) -> DeclarationOut:
    return inventory.declare(session, actor, body)


@router.get(
    "/reports/weapons",
    summary="Weapons by state, group, facility; declared vs handed in",
    responses={200: {"content": {"application/json": {}, "text/csv": {}}}},
)
def report(
    session: DbSession,
    actor: ApiActor,
    format: Annotated[str, Query(pattern="^(json|csv)$")] = "json",
) -> Response:
    data = inventory.report(session, actor)
    if format == "csv":
        return PlainTextResponse(inventory.as_csv(data), media_type="text/csv")
    return JSONResponse(inventory.as_json(data))
