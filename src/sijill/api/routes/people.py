"""People: register, read, correct, move, search, history."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, status
from pydantic import BaseModel

from sijill.api.deps import ApiActor
from sijill.deps import DbSession, LimitsDep
from sijill.registry import queries
from sijill.registry import service as registry_service
from sijill.registry.schemas import MoveIn, PersonIn, PersonOut, PersonSummary, PersonUpdate
from sijill.screening import service as screening_service
from sijill.screening.workflow import RunReason

router = APIRouter(prefix="/people", tags=["people"])


class HistoryEntry(BaseModel):
    seq: int
    at: str
    actor: str
    tag: str
    version: int | None
    changed: list[str]
    reason: str | None


@router.get("", summary="List or search people visible to you")
def list_people(
    session: DbSession,
    actor: ApiActor,
    q: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[PersonSummary]:
    if q:
        return queries.search(session, actor, q, limit)
    return queries.list_people(session, actor, limit, offset)


@router.post("", status_code=status.HTTP_201_CREATED, summary="Register a person")
def register(session: DbSession, actor: ApiActor, limits: LimitsDep, body: PersonIn) -> PersonOut:
    person = registry_service.register_person(session, actor, body, limits)
    screening_service.screen_person(session, actor, person.id)
    return person


@router.get("/{regno}", summary="One person's record")
def get_person(session: DbSession, actor: ApiActor, regno: str) -> PersonOut:
    return queries.get_person(session, actor, regno)


@router.put("/{regno}", summary="Correct a person's record (optimistic concurrency)")
def update(
    session: DbSession,
    actor: ApiActor,
    limits: LimitsDep,
    regno: str,
    body: PersonUpdate,
    reason: Annotated[str | None, Query(max_length=200)] = None,
) -> PersonOut:
    person = registry_service.update_person(session, actor, regno, body, reason, limits)
    screening_service.screen_person(session, actor, person.id, RunReason.CORRECTION)
    return person


@router.post("/{regno}/moves", summary="Record that the person moved to another facility")
def move(session: DbSession, actor: ApiActor, regno: str, body: MoveIn) -> PersonOut:
    return registry_service.move_person(session, actor, regno, body)


@router.get("/{regno}/history", summary="Every change to the record: who, when, what")
def history(session: DbSession, actor: ApiActor, regno: str) -> list[HistoryEntry]:
    return [HistoryEntry(**vars(item)) for item in queries.history(session, actor, regno)]


@router.get("/{regno}/versions/{version}", summary="The record as it was at one version")
def version(session: DbSession, actor: ApiActor, regno: str, version: int) -> dict[str, Any]:
    return queries.revision(session, actor, regno, version)
