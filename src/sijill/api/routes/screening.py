"""Screening: the hit queue, one hit, decisions, list snapshots, imports and re-screens."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, status
from pydantic import BaseModel, ConfigDict

from sijill.api.deps import ApiActor
from sijill.deps import DbSession, JobLauncher, SettingsDep
from sijill.jobs.schemas import JobOut
from sijill.screening import lists, queries, rescreen, service
from sijill.screening.schemas import (
    DecisionIn,
    HitDetail,
    HitOut,
    PersonScreening,
    SnapshotDetail,
    SnapshotOut,
)

router = APIRouter(prefix="/screening", tags=["screening"])


class RescreenIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    snapshot_id: uuid.UUID | None = None


@router.get("/hits", summary="Undecided hits of your offices, most serious first")
def hit_queue(session: DbSession, actor: ApiActor) -> list[HitOut]:
    return queries.queue(session, actor)


@router.get("/hits/{hit_id}", summary="One hit: the person, the list entry, the explanation")
def hit(session: DbSession, actor: ApiActor, hit_id: uuid.UUID) -> HitDetail:
    return queries.hit_detail(session, actor, hit_id)


@router.post("/hits/{hit_id}/decision", summary="Decide a hit (with a reason)")
def decide(session: DbSession, actor: ApiActor, hit_id: uuid.UUID, body: DecisionIn) -> HitDetail:
    return service.decide(session, actor, hit_id, body)


@router.get("/people/{person_id}", summary="A person's screening: flag, hits, history")
def person(session: DbSession, actor: ApiActor, person_id: uuid.UUID) -> PersonScreening:
    return queries.person_screening(session, actor, person_id)


@router.get("/lists", summary="List snapshots, newest first")
def snapshots(session: DbSession, actor: ApiActor) -> list[SnapshotOut]:
    return lists.snapshots(session, actor)


@router.get("/lists/{snapshot_id}", summary="One snapshot and its changes")
def snapshot(session: DbSession, actor: ApiActor, snapshot_id: uuid.UUID) -> SnapshotDetail:
    return lists.snapshot_detail(session, actor, snapshot_id)


@router.post(
    "/lists",
    status_code=status.HTTP_201_CREATED,
    summary="Import a list file (the request body) as the list's next snapshot",
)
async def import_list(
    request: Request,
    session: DbSession,
    actor: ApiActor,
    settings: SettingsDep,
    launcher: JobLauncher,
    name: Annotated[str, Query(min_length=1, max_length=120)],
    format: Annotated[str, Query(pattern="^(un|ofac|eu|ftm|csv)$")],
) -> SnapshotOut:
    upload = lists.ListFile(await request.body(), f"api:{name}")
    snap = lists.import_list(
        session, actor, name, format, upload, settings.screening_max_list_bytes
    )
    if snap.added or snap.changed:
        launcher.start(rescreen.start(session, actor, snap.id), rescreen.work)
    return snap


@router.post("/rescreen", status_code=status.HTTP_202_ACCEPTED, summary="Start a re-screen job")
def start_rescreen(
    session: DbSession, actor: ApiActor, launcher: JobLauncher, body: RescreenIn
) -> JobOut:
    job = rescreen.start(session, actor, body.snapshot_id)
    launcher.start(job, rescreen.work)
    return job
