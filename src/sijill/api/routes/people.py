"""People: register, read, correct, move, search, history."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response, status
from pydantic import BaseModel

from sijill import intake
from sijill.api.deps import ApiActor
from sijill.deps import DbSession, LimitsDep, SettingsDep, photo_response
from sijill.holds import reads as holds_reads
from sijill.registry import photos, queries
from sijill.registry import service as registry_service
from sijill.registry.schemas import (
    MoveIn,
    PersonIn,
    PersonOut,
    PersonSummary,
    PersonUpdate,
    PhotoOut,
)

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
    offset: Annotated[int, Query(ge=0, le=100_000_000)] = 0,
) -> list[PersonSummary]:
    if q:
        return queries.search(session, actor, q, limit)
    return queries.list_people(session, actor, limit, offset)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Register a person",
    description="Answered 409 `needs_confirmation` with `candidates` (the likely duplicates, "
    "with the matching engine's explanation) when people already registered look like this "
    "one; send it again with `duplicate_reason` to register a new person anyway.",
)
def register(
    session: DbSession,
    actor: ApiActor,
    limits: LimitsDep,
    body: PersonIn,
    duplicate_reason: Annotated[str | None, Query(max_length=200)] = None,
) -> PersonOut:
    return intake.register(session, actor, body, limits, duplicate_reason)


@router.get("/{regno}", summary="One person's record")
def get_person(session: DbSession, actor: ApiActor, regno: str) -> PersonOut:
    return holds_reads.get_person(session, actor, regno)


@router.put("/{regno}", summary="Correct a person's record (optimistic concurrency)")
def update(
    session: DbSession,
    actor: ApiActor,
    limits: LimitsDep,
    regno: str,
    body: PersonUpdate,
    reason: Annotated[str | None, Query(max_length=200)] = None,
) -> PersonOut:
    person = intake.correct(session, actor, regno, body, reason, limits)
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


@router.put(
    "/{regno}/photo",
    summary="Set the person's photograph (the request body is the JPEG or PNG file)",
    description="The picture is decoded, checked and re-encoded as a JPEG without metadata; "
    "the earlier photograph is kept in the person's photographs.",
)
async def set_photo(
    request: Request, session: DbSession, actor: ApiActor, settings: SettingsDep, regno: str
) -> PhotoOut:
    content = await request.body()
    return photos.set_photo(session, actor, regno, content, settings.max_person_photo_bytes)


@router.get("/{regno}/photo", summary="The person's current photograph (JPEG)")
def get_photo(session: DbSession, actor: ApiActor, regno: str) -> Response:
    return photo_response(photos.photo_file(session, actor, regno))


@router.get("/{regno}/photo/thumbnail", summary="A small copy of the current photograph")
def get_thumbnail(session: DbSession, actor: ApiActor, regno: str) -> Response:
    return photo_response(photos.photo_file(session, actor, regno, thumbnail=True))


@router.get("/{regno}/photos", summary="Every photograph of the person, the current first")
def list_photos(session: DbSession, actor: ApiActor, regno: str) -> list[PhotoOut]:
    return photos.photos_of(session, actor, regno)
