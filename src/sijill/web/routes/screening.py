"""Screening pages: the hit queue, one hit side by side with its decision form, lists and
their snapshots (import, re-screen)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile

from sijill.deps import DbSession, JobLauncher, SettingsDep
from sijill.errors import InvalidInput, Msg
from sijill.screening import lists, queries, rescreen, service
from sijill.screening.schemas import DecisionIn
from sijill.web.deps import Csrf, WebActor, flash, render
from sijill.web.forms import parse

router = APIRouter(prefix="/screening")


@router.get("")
def queue(request: Request, session: DbSession, actor: WebActor) -> Response:
    return render(
        request, "screening_queue.html", {"hits": queries.queue(session, actor)}, actor=actor
    )


@router.get("/hits/{hit_id}")
def hit(request: Request, session: DbSession, actor: WebActor, hit_id: uuid.UUID) -> Response:
    detail = queries.hit_detail(session, actor, hit_id)
    return render(request, "screening_hit.html", {"hit": detail}, actor=actor)


@router.post("/hits/{hit_id}/decision", dependencies=[Csrf])
async def decide(
    request: Request, session: DbSession, actor: WebActor, hit_id: uuid.UUID
) -> Response:
    form = await request.form()
    data = parse(DecisionIn, {k: v for k, v in form.items() if k in ("decision", "reason")})
    service.decide(session, actor, hit_id, data)
    flash(request, "Decision recorded.")
    return RedirectResponse(f"/screening/hits/{hit_id}", status_code=303)


@router.get("/lists")
def list_page(request: Request, session: DbSession, actor: WebActor) -> Response:
    return render(
        request, "screening_lists.html", {"snapshots": lists.snapshots(session, actor)}, actor=actor
    )


@router.get("/lists/{snapshot_id}")
def snapshot(
    request: Request, session: DbSession, actor: WebActor, snapshot_id: uuid.UUID
) -> Response:
    detail = lists.snapshot_detail(session, actor, snapshot_id)
    return render(request, "screening_snapshot.html", {"detail": detail}, actor=actor)


async def _upload(request: Request) -> tuple[str, str, lists.ListFile]:
    form = await request.form()  # its files are closed by the CSRF check after the request
    upload, alt = form.get("file"), form.get("alt")
    if not isinstance(upload, UploadFile):
        raise InvalidInput({"file": Msg("Choose a list file.")})
    alt_data = await alt.read() if isinstance(alt, UploadFile) and alt.filename else None
    data = lists.ListFile(await upload.read(), upload.filename or "upload", alt=alt_data)
    return str(form.get("name") or ""), str(form.get("format") or ""), data


@router.post("/lists", dependencies=[Csrf])
async def import_list(
    request: Request,
    session: DbSession,
    actor: WebActor,
    settings: SettingsDep,
    launcher: JobLauncher,
) -> Response:
    name, fmt, upload = await _upload(request)
    snap = lists.import_list(session, actor, name, fmt, upload, settings.screening_max_list_bytes)
    if snap.added or snap.changed:
        launcher.start(rescreen.start(session, actor, snap.id), rescreen.work)
    flash(
        request,
        "Imported version {version} of {name}.",
        version=str(snap.version),
        name=snap.list_name,
    )
    return RedirectResponse(f"/screening/lists/{snap.id}", status_code=303)


@router.post("/rescreen", dependencies=[Csrf])
def full_rescreen(
    request: Request, session: DbSession, actor: WebActor, launcher: JobLauncher
) -> Response:
    job = rescreen.start(session, actor, None)
    launcher.start(job, rescreen.work)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)
