"""The country-risk register, a person's protection factors, and importing incoming batches.

Registered before ``transfers`` so that ``/transfers/risks`` is not read as a batch."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from sijill.deps import DbSession, SettingsDep
from sijill.errors import InvalidInput, Msg
from sijill.registry import queries as registry_queries
from sijill.transfers import handover, incoming, register
from sijill.transfers.risk import FactorKind, GroupKind, RiskLevel
from sijill.transfers.schemas import BatchIn, FactorIn, RatingIn
from sijill.transfers.spreadsheet import FIELDS
from sijill.web.deps import Csrf, WebActor, flash, render
from sijill.web.forms import parse

router = APIRouter(prefix="/transfers")
Text = Annotated[str, Form(max_length=2000)]


@router.get("/risks")
def risks(request: Request, session: DbSession, actor: WebActor, state: str = "") -> Response:
    ctx = {
        "ratings": register.list_ratings(session, actor),
        "history": register.rating_history(session, actor, state) if state else [],
        "state": state.upper(),
        "levels": list(RiskLevel),
        "group_kinds": list(GroupKind),
    }
    return render(request, "transfer_risks.html", ctx, actor=actor)


@router.post("/risks", dependencies=[Csrf])
def record_rating(
    request: Request,
    session: DbSession,
    actor: WebActor,
    state: Text,
    level: Text,
    source: Text,
    group_kind: Text = "",
    group_value: Text = "",
    note: Text = "",
) -> Response:
    values = {
        "state": state,
        "level": level,
        "source": source,
        "group_kind": group_kind or None,
        "group_value": group_value or None,
        "note": note or None,
    }
    rating = register.record_rating(session, actor, parse(RatingIn, values))
    flash(request, "Recorded version {version} of the rating.", version=str(rating.version))
    return RedirectResponse(f"/transfers/risks?state={rating.state}", status_code=303)


@router.get("/protection/{regno}")
def factors(request: Request, session: DbSession, actor: WebActor, regno: str) -> Response:
    ctx = {
        "factors": register.list_factors(session, actor, regno),
        "person": registry_queries.get_person(session, actor, regno),
        "kinds": list(FactorKind),
    }
    return render(request, "transfer_protection.html", ctx, actor=actor)


@router.post("/protection/{regno}", dependencies=[Csrf])
def add_factor(
    request: Request, session: DbSession, actor: WebActor, regno: str, kind: Text, note: Text = ""
) -> Response:
    register.add_factor(
        session, actor, regno, parse(FactorIn, {"kind": kind, "note": note or None})
    )
    flash(request, "Recorded the protection factor.")
    return RedirectResponse(f"/transfers/protection/{regno}", status_code=303)


@router.post("/protection/{regno}/{factor_id}/withdraw", dependencies=[Csrf])
def withdraw_factor(
    request: Request,
    session: DbSession,
    actor: WebActor,
    regno: str,
    factor_id: uuid.UUID,
    reason: Text,
) -> Response:
    register.withdraw_factor(session, actor, regno, factor_id, reason)
    flash(request, "Withdrew the protection factor.")
    return RedirectResponse(f"/transfers/protection/{regno}", status_code=303)


async def _upload(file: UploadFile | None, limit: int) -> tuple[bytes, str]:
    if file is None or not file.filename:
        raise InvalidInput({"file": Msg("Choose a file.")})
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise InvalidInput({"file": Msg("The file is larger than {limit} bytes.", limit=limit)})
    return data, file.filename


@router.post("/incoming", dependencies=[Csrf])
async def import_batch(
    request: Request,
    session: DbSession,
    actor: WebActor,
    settings: SettingsDep,
    state: Text,
    file: Annotated[UploadFile | None, File()] = None,
    trust_list: Annotated[UploadFile | None, File()] = None,
    authority: Text = "",
    crossing_point: Text = "",
    anchor: Text = "",
) -> Response:
    values = {
        "state": state,
        "authority": authority or "(from manifest)",
        "crossing_point": crossing_point or "(from manifest)",
    }
    head = parse(BatchIn, values)
    limit = settings.transfer_max_upload_bytes
    data, filename = await _upload(file, limit)
    if trust_list is not None and trust_list.filename:
        listed, _ = await _upload(trust_list, limit)
        trust = handover.read_trust_list(listed, anchor or None)
        batch = incoming.import_signed(session, actor, data, trust, head)
    else:
        form = await request.form()
        columns = {f: form.get(f"column_{f}") for f in FIELDS}
        mapping = {f: c.strip() for f, c in columns.items() if isinstance(c, str) and c.strip()}
        batch = incoming.import_spreadsheet(session, actor, data, filename, mapping, head, limit)
    flash(request, "Imported batch {ref}.", ref=batch.reference)
    return RedirectResponse(f"/transfers/{batch.reference}", status_code=303)
