"""Transfer batches: the list, one batch with its readiness, and every step on it."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from sijill.access.permissions import Permission
from sijill.credentials import issuer as issuers
from sijill.deps import DbSession, LimitsDep, SettingsDep
from sijill.registry import reference
from sijill.timeutil import utcnow
from sijill.transfers import checks, custody, handover, incoming, queries, service
from sijill.transfers.readiness import ReviewOutcome
from sijill.transfers.schemas import (
    ApprovalIn,
    BatchIn,
    EntryIn,
    HandoverIn,
    ItemIn,
    ReceiveIn,
    ResolveIn,
    ReviewIn,
)
from sijill.web.deps import Csrf, WebActor, flash, render
from sijill.web.forms import parse

router = APIRouter(prefix="/transfers")
Text = Annotated[str, Form(max_length=2000)]


def _back(ref: str) -> RedirectResponse:
    return RedirectResponse(f"/transfers/{ref}", status_code=303)


def _opt(text: str) -> str | None:
    return text.strip() or None


def _lines(text: str) -> list[str]:
    return [part.strip() for part in text.replace(",", "\n").splitlines() if part.strip()]


@router.get("")
def batch_list(request: Request, session: DbSession, actor: WebActor) -> Response:
    ctx = {"batches": queries.list_batches(session, actor)}
    return render(request, "transfers.html", ctx, actor=actor)


@router.post("", dependencies=[Csrf])
def create(
    request: Request,
    session: DbSession,
    actor: WebActor,
    state: Text,
    authority: Text,
    crossing_point: Text,
    planned_date: Text = "",
) -> Response:
    data = parse(
        BatchIn,
        {
            "state": state,
            "authority": authority,
            "crossing_point": crossing_point,
            "planned_date": _opt(planned_date),
        },
    )
    batch = service.create_batch(session, actor, data)
    flash(request, "Created batch {ref}.", ref=batch.reference)
    return _back(batch.reference)


@router.get("/{ref}")
def batch_page(
    request: Request, session: DbSession, actor: WebActor, settings: SettingsDep, ref: str
) -> Response:
    batch = queries.get_batch(session, actor, ref)
    lines = checks.readiness(session, actor, ref, settings.transfer_screening_max_age_days)
    receives = batch.direction == "incoming" and actor.can(Permission.WEAPON_RECORD)
    facilities = reference.list_facilities(session, actor) if receives else []
    ctx = {"batch": batch, "lines": lines, "review_outcomes": list(ReviewOutcome),
           "facilities": facilities}  # fmt: skip
    return render(request, "transfer.html", ctx, actor=actor)


@router.post("/{ref}/people", dependencies=[Csrf])
def add_person(
    request: Request,
    session: DbSession,
    actor: WebActor,
    ref: str,
    regno: Text,
    travels_with: Text = "",
    relation: Text = "",
) -> Response:
    data = parse(
        EntryIn, {"regno": regno, "travels_with": _opt(travels_with), "relation": _opt(relation)}
    )
    service.add_person(session, actor, ref, data)
    flash(request, "Added {regno} to the batch.", regno=regno)
    return _back(ref)


@router.post("/{ref}/items", dependencies=[Csrf])
def add_item(
    request: Request,
    session: DbSession,
    actor: WebActor,
    ref: str,
    description: Text,
    quantity: Text = "1",
    weapon_serial: Text = "",
    weapon_category: Text = "",
) -> Response:
    data = parse(
        ItemIn,
        {
            "description": description,
            "quantity": quantity or "1",
            "weapon_serial": _opt(weapon_serial),
            "weapon_category": _opt(weapon_category),
        },
    )
    service.add_item(session, actor, ref, data)
    flash(request, "Added an item to the manifest.")
    return _back(ref)


@router.post("/{ref}/reviews", dependencies=[Csrf])
def review(
    request: Request,
    session: DbSession,
    actor: WebActor,
    ref: str,
    regno: Text,
    outcome: Text,
    note: Text,
) -> Response:
    data = parse(ReviewIn, {"regno": regno, "outcome": outcome, "note": note})
    service.record_review(session, actor, ref, data)
    flash(request, "Recorded the legal review of {regno}.", regno=regno)
    return _back(ref)


@router.post("/{ref}/approvals", dependencies=[Csrf])
def approve(
    request: Request, session: DbSession, actor: WebActor, ref: str, note: Text = ""
) -> Response:
    service.approve(session, actor, ref, ApprovalIn(note=_opt(note)))
    flash(request, "Approved batch {ref}.", ref=ref)
    return _back(ref)


@router.post("/{ref}/cancel", dependencies=[Csrf])
def cancel(
    request: Request, session: DbSession, actor: WebActor, ref: str, reason: Text
) -> Response:
    service.cancel(session, actor, ref, reason)
    flash(request, "Cancelled batch {ref}.", ref=ref)
    return _back(ref)


@router.post("/{ref}/manifest", dependencies=[Csrf])
def manifest(session: DbSession, actor: WebActor, settings: SettingsDep, ref: str) -> Response:
    issuer = issuers.from_settings(settings, int(utcnow().timestamp()))
    data = handover.sign_manifest(
        session, actor, ref, issuer, settings.transfer_screening_max_age_days
    )
    disposition = f'attachment; filename="manifest-{ref}.json"'
    return Response(
        data, media_type="application/json", headers={"Content-Disposition": disposition}
    )


@router.post("/{ref}/manifest.pdf", dependencies=[Csrf])
def manifest_pdf(session: DbSession, actor: WebActor, settings: SettingsDep, ref: str) -> Response:
    issuer = issuers.from_settings(settings, int(utcnow().timestamp()))
    max_age = settings.transfer_screening_max_age_days
    data = handover.manifest_pdf(session, actor, ref, issuer, max_age)
    disposition = f'attachment; filename="manifest-{ref}.pdf"'
    return Response(
        data, media_type="application/pdf", headers={"Content-Disposition": disposition}
    )


@router.post("/{ref}/handover", dependencies=[Csrf])
def record_handover(
    request: Request,
    session: DbSession,
    actor: WebActor,
    settings: SettingsDep,
    ref: str,
    received_count: Text,
    present: Text = "",
    extra_people: Text = "",
    items_present: Text = "",
) -> Response:
    data = parse(
        HandoverIn,
        {
            "received_count": received_count,
            "present": _lines(present),
            "extra_people": [x.strip() for x in extra_people.splitlines() if x.strip()],
            "items_present": _lines(items_present),
        },
    )
    handover.record_handover(session, actor, ref, data, settings.transfer_screening_max_age_days)
    flash(request, "Recorded the handover of batch {ref}.", ref=ref)
    return _back(ref)


@router.post("/{ref}/equipment/receive", dependencies=[Csrf])
def receive_equipment(
    request: Request,
    session: DbSession,
    actor: WebActor,
    ref: str,
    facility_id: Text,
    witnesses: Text,
    duplicate_reason: Text = "",
) -> Response:
    data = parse(
        ReceiveIn,
        {
            "facility_id": facility_id,
            "witnesses": [w.strip() for w in witnesses.splitlines() if w.strip()],
            "duplicate_reason": _opt(duplicate_reason),
        },
    )
    custody.receive_equipment(session, actor, ref, data)
    flash(request, "Received the weapons of batch {ref} into custody.", ref=ref)
    return _back(ref)


@router.post("/{ref}/discrepancies/{discrepancy_id}/resolve", dependencies=[Csrf])
def resolve(
    request: Request,
    session: DbSession,
    actor: WebActor,
    ref: str,
    discrepancy_id: uuid.UUID,
    resolution: Text,
) -> Response:
    handover.resolve(
        session, actor, ref, discrepancy_id, parse(ResolveIn, {"resolution": resolution})
    )
    flash(request, "Resolved the discrepancy.")
    return _back(ref)


@router.post("/{ref}/close", dependencies=[Csrf])
def close(request: Request, session: DbSession, actor: WebActor, ref: str) -> Response:
    handover.close(session, actor, ref)
    flash(request, "Closed batch {ref}.", ref=ref)
    return _back(ref)


@router.get("/{ref}/arrivals/{line}")
def arrival(request: Request, session: DbSession, actor: WebActor, ref: str, line: int) -> Response:
    batch = queries.get_batch(session, actor, ref)
    entry = next((e for e in batch.entries if e.position == line), None)
    found = incoming.candidates(session, actor, ref, line)
    ctx = {"batch": batch, "entry": entry, "candidates": found}
    return render(request, "transfer_arrival.html", ctx, actor=actor)


@router.post("/{ref}/arrivals/{line}/link", dependencies=[Csrf])
def link(
    request: Request, session: DbSession, actor: WebActor, ref: str, line: int, regno: Text
) -> Response:
    incoming.link(session, actor, ref, line, regno)
    flash(request, "Linked line {line} to {regno}.", line=str(line), regno=regno)
    return _back(ref)


@router.post("/{ref}/arrivals/{line}/register", dependencies=[Csrf])
def register_arrival(
    request: Request, session: DbSession, actor: WebActor, limits: LimitsDep, ref: str, line: int
) -> Response:
    incoming.register_arrival(session, actor, ref, line, limits)
    flash(request, "Registered line {line} as a new person.", line=str(line))
    return _back(ref)
