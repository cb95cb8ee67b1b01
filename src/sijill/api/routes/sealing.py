"""Sealed records: seal, lift, open with a reason, and the list of who opened them."""

from __future__ import annotations

from fastapi import APIRouter, status

from sijill.api.deps import ApiActor
from sijill.deps import DbSession
from sijill.registry import sealing
from sijill.registry.schemas import LiftSealIn, OpenSealedIn, SealedOut, SealIn

router = APIRouter(tags=["sealed records"])
_NO_CONTENT = status.HTTP_204_NO_CONTENT


@router.post("/people/{regno}/seal", status_code=_NO_CONTENT, summary="Seal a person at risk")
def seal(session: DbSession, actor: ApiActor, regno: str, body: SealIn) -> None:
    sealing.seal(session, actor, regno, body)


@router.post("/people/{regno}/unseal", status_code=_NO_CONTENT, summary="Lift a seal")
def unseal(session: DbSession, actor: ApiActor, regno: str, body: LiftSealIn) -> None:
    sealing.lift(session, actor, regno, body)


@router.post(
    "/people/{regno}/openings",
    status_code=_NO_CONTENT,
    summary="Open a sealed record for an hour, stating why (recorded and audited)",
)
def open_sealed(session: DbSession, actor: ApiActor, regno: str, body: OpenSealedIn) -> None:
    sealing.open_record(session, actor, regno, body)


@router.get("/sealed", summary="Sealed people of your offices, with who opened them and why")
def sealed(session: DbSession, actor: ApiActor) -> list[SealedOut]:
    return sealing.sealed_people(session, actor)
