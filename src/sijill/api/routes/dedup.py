"""Deduplication: start a batch run, the review queue, decisions, merges and their undo."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status

from sijill.api.deps import ApiActor
from sijill.dedup import batch
from sijill.dedup import service as dedup_service
from sijill.dedup.schemas import DecideMergeIn, MergeOut, NotSameIn, PairOut, ProposeMergeIn
from sijill.dedup.workflow import MergeStatus, PairStatus
from sijill.deps import DbSession, JobLauncher
from sijill.jobs.schemas import JobOut

router = APIRouter(prefix="/dedup", tags=["dedup"])


@router.post("/runs", status_code=status.HTTP_202_ACCEPTED, summary="Start a batch run (a job)")
def start_run(session: DbSession, actor: ApiActor, launcher: JobLauncher) -> JobOut:
    job = batch.start(session, actor)
    launcher.start(job, batch.work)
    return job


@router.get("/pairs", summary="Candidate pairs in one state, best first")
def list_pairs(
    session: DbSession,
    actor: ApiActor,
    state: PairStatus = PairStatus.OPEN,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> list[PairOut]:
    return dedup_service.queue(session, actor, state, limit)


@router.get("/pairs/{pair_id}", summary="One pair, both records side by side")
def get_pair(session: DbSession, actor: ApiActor, pair_id: uuid.UUID) -> PairOut:
    return dedup_service.get_pair(session, actor, pair_id)


@router.post("/pairs/{pair_id}/not-same", summary="Decide: not the same person")
def not_same(session: DbSession, actor: ApiActor, pair_id: uuid.UUID, data: NotSameIn) -> PairOut:
    return dedup_service.not_same(session, actor, pair_id, data)


@router.post("/pairs/{pair_id}/merge", summary="Propose a merge (a supervisor approves)")
def propose(
    session: DbSession, actor: ApiActor, pair_id: uuid.UUID, data: ProposeMergeIn
) -> MergeOut:
    return dedup_service.propose_merge(session, actor, pair_id, data)


@router.get("/merges", summary="Merges, newest first")
def list_merges(
    session: DbSession, actor: ApiActor, state: MergeStatus | None = None
) -> list[MergeOut]:
    return dedup_service.merges(session, actor, state)


@router.post("/merges/{merge_id}/decision", summary="Approve or reject a proposed merge")
def decide(
    session: DbSession, actor: ApiActor, merge_id: uuid.UUID, data: DecideMergeIn
) -> MergeOut:
    return dedup_service.decide_merge(session, actor, merge_id, data)


@router.post("/merges/{merge_id}/undo", summary="Undo an approved merge")
def undo(session: DbSession, actor: ApiActor, merge_id: uuid.UUID) -> MergeOut:
    return dedup_service.undo_merge(session, actor, merge_id)
