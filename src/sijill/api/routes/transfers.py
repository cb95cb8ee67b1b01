"""Transfers: the country-risk register, protection factors, batches, manifests, handover,
incoming batches and arrivals."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response, status

from sijill.api.deps import ApiActor
from sijill.credentials import issuer as issuers
from sijill.deps import DbSession, LimitsDep, SettingsDep
from sijill.timeutil import utcnow
from sijill.transfers import checks, custody, handover, incoming, queries, register, service
from sijill.transfers.schemas import (
    ApprovalIn,
    BatchIn,
    BatchOut,
    BatchSummary,
    CancelIn,
    CandidateOut,
    EntryIn,
    FactorIn,
    FactorOut,
    HandoverIn,
    ImportIn,
    ItemIn,
    LinkIn,
    RatingIn,
    RatingOut,
    ReadinessOut,
    ReceiveIn,
    ResolveIn,
    ReviewIn,
)

router = APIRouter(prefix="/transfers", tags=["transfers"])
CREATED = status.HTTP_201_CREATED


@router.get("/risks", summary="The country-risk register (current ratings)")
def list_ratings(session: DbSession, actor: ApiActor) -> list[RatingOut]:
    return register.list_ratings(session, actor)


@router.post("/risks", status_code=CREATED, summary="Record a new version of a rating")
def record_rating(session: DbSession, actor: ApiActor, data: RatingIn) -> RatingOut:
    return register.record_rating(session, actor, data)


@router.get("/risks/{state}", summary="Every rating ever recorded for a state")
def rating_history(session: DbSession, actor: ApiActor, state: str) -> list[RatingOut]:
    return register.rating_history(session, actor, state)


@router.get("/protection/{regno}", summary="A person's protection factors (the read is audited)")
def list_factors(session: DbSession, actor: ApiActor, regno: str) -> list[FactorOut]:
    return register.list_factors(session, actor, regno)


@router.post("/protection/{regno}", status_code=CREATED, summary="Record a protection factor")
def add_factor(session: DbSession, actor: ApiActor, regno: str, data: FactorIn) -> FactorOut:
    return register.add_factor(session, actor, regno, data)


@router.post(
    "/protection/{regno}/{factor_id}/withdraw", status_code=status.HTTP_204_NO_CONTENT,
    summary="Withdraw a protection factor, with a reason",
)  # fmt: skip
def withdraw_factor(
    session: DbSession, actor: ApiActor, regno: str, factor_id: uuid.UUID, data: CancelIn
) -> None:
    register.withdraw_factor(session, actor, regno, factor_id, data.reason)


@router.get("", summary="Transfer batches of your offices")
def list_batches(session: DbSession, actor: ApiActor) -> list[BatchSummary]:
    return queries.list_batches(session, actor)


@router.post("", status_code=CREATED, summary="A new outgoing batch")
def create_batch(session: DbSession, actor: ApiActor, data: BatchIn) -> BatchOut:
    return service.create_batch(session, actor, data)


@router.post("/incoming", status_code=CREATED, summary="Import another Sijill's signed manifest")
def import_manifest(session: DbSession, actor: ApiActor, data: ImportIn) -> BatchOut:
    return incoming.import_text(session, actor, data)


@router.get("/{ref}", summary="One batch: people, equipment, approvals, discrepancies")
def get_batch(session: DbSession, actor: ApiActor, ref: str) -> BatchOut:
    return queries.get_batch(session, actor, ref)


@router.get("/{ref}/readiness", summary="Readiness of each person, with what blocks them")
def readiness(
    session: DbSession, actor: ApiActor, settings: SettingsDep, ref: str
) -> list[ReadinessOut]:
    return checks.readiness(session, actor, ref, settings.transfer_screening_max_age_days)


@router.post("/{ref}/people", summary="Add a person (starts a new approval round)")
def add_person(session: DbSession, actor: ApiActor, ref: str, data: EntryIn) -> BatchOut:
    return service.add_person(session, actor, ref, data)


@router.post("/{ref}/items", summary="Add an item to the equipment manifest")
def add_item(session: DbSession, actor: ApiActor, ref: str, data: ItemIn) -> BatchOut:
    return service.add_item(session, actor, ref, data)


@router.post("/{ref}/reviews", summary="Record the legal review of one person's transfer")
def record_review(session: DbSession, actor: ApiActor, ref: str, data: ReviewIn) -> BatchOut:
    return service.record_review(session, actor, ref, data)


@router.post("/{ref}/approvals", summary="Approve the batch (two different supervisors)")
def approve(session: DbSession, actor: ApiActor, ref: str, data: ApprovalIn) -> BatchOut:
    return service.approve(session, actor, ref, data)


@router.post("/{ref}/cancel", summary="Cancel a batch, with a reason")
def cancel(session: DbSession, actor: ApiActor, ref: str, data: CancelIn) -> BatchOut:
    return service.cancel(session, actor, ref, data.reason)


@router.post("/{ref}/manifest", summary="Sign the manifest; the answer is the file")
def sign_manifest(session: DbSession, actor: ApiActor, settings: SettingsDep, ref: str) -> Response:
    issuer = issuers.from_settings(settings, int(utcnow().timestamp()))
    max_age = settings.transfer_screening_max_age_days
    data = handover.sign_manifest(session, actor, ref, issuer, max_age)
    return Response(data, media_type="application/json")


@router.post(
    "/{ref}/manifest.pdf",
    summary="Sign the manifest; the answer is the printable A4 PDF (the signed file attached)",
)
def manifest_pdf(session: DbSession, actor: ApiActor, settings: SettingsDep, ref: str) -> Response:
    issuer = issuers.from_settings(settings, int(utcnow().timestamp()))
    max_age = settings.transfer_screening_max_age_days
    return Response(
        handover.manifest_pdf(session, actor, ref, issuer, max_age), media_type="application/pdf"
    )


@router.post("/{ref}/handover", summary="The count and identities at the crossing")
def record_handover(
    session: DbSession, actor: ApiActor, settings: SettingsDep, ref: str, data: HandoverIn
) -> BatchOut:
    max_age = settings.transfer_screening_max_age_days
    return handover.record_handover(session, actor, ref, data, max_age)


@router.post(
    "/{ref}/equipment/receive",
    summary="Receive the weapons of an incoming batch into custody (arms intake and receipt)",
)
def receive_equipment(session: DbSession, actor: ApiActor, ref: str, data: ReceiveIn) -> BatchOut:
    return custody.receive_equipment(session, actor, ref, data)


@router.post("/{ref}/discrepancies/{discrepancy_id}/resolve", summary="Resolve, with a reason")
def resolve(
    session: DbSession, actor: ApiActor, ref: str, discrepancy_id: uuid.UUID, data: ResolveIn
) -> BatchOut:
    return handover.resolve(session, actor, ref, discrepancy_id, data)


@router.post("/{ref}/close", summary="Close a handed-over batch with no open discrepancy")
def close(session: DbSession, actor: ApiActor, ref: str) -> BatchOut:
    return handover.close(session, actor, ref)


@router.get("/{ref}/arrivals/{line}/candidates", summary="Registry people who may be this arrival")
def candidates(session: DbSession, actor: ApiActor, ref: str, line: int) -> list[CandidateOut]:
    return incoming.candidates(session, actor, ref, line)


@router.post("/{ref}/arrivals/{line}/link", summary="This arrival is that registry person")
def link(session: DbSession, actor: ApiActor, ref: str, line: int, data: LinkIn) -> BatchOut:
    return incoming.link(session, actor, ref, line, data.regno)


@router.post("/{ref}/arrivals/{line}/register", summary="Register this arrival as a new person")
def register_arrival(
    session: DbSession, actor: ApiActor, limits: LimitsDep, ref: str, line: int
) -> BatchOut:
    return incoming.register_arrival(session, actor, ref, line, limits)
