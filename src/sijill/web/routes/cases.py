"""Case pages: a person's case and pathways, the work list, the backlog, eligibility rules."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel

from sijill.access.actor import Actor
from sijill.cases import assignment, backlog, eligibility, export, queries
from sijill.cases import service as cases
from sijill.cases.schemas import (
    DetailsIn,
    ItemIn,
    ItemUpdateIn,
    PathwayOpenIn,
    TaskIn,
    TransitionIn,
    UsernameIn,
)
from sijill.cases.workflow import MACHINES, PaperType, Pathway
from sijill.deps import DbSession, SettingsDep
from sijill.errors import Conflict, DomainError, InvalidInput, Msg, RuleViolation
from sijill.web.deps import Csrf, WebActor, flash, render
from sijill.web.forms import parse

router = APIRouter()


def _case_page(
    request: Request,
    session: DbSession,
    actor: Actor,
    regno: str,
    problem: str | None = None,
    status: int = 200,
) -> Response:
    person = queries.case_person(session, actor, regno)
    case = queries.get_case(session, actor, regno)
    ctx: dict[str, Any] = {
        "person": person,
        "case": case,
        "problem": problem,
        "pathways": list(Pathway),
        "paper_types": list(PaperType),
        "machines": MACHINES,
        "eligibility": eligibility.eligibility_for(session, actor, regno) if case else [],
    }
    return render(request, "case.html", ctx, status, actor=actor)


@router.get("/cases/{regno}")
def show(request: Request, session: DbSession, actor: WebActor, regno: str) -> Response:
    return _case_page(request, session, actor, regno)


async def _form(request: Request) -> dict[str, Any]:
    form = await request.form()
    return {k: str(v) for k, v in form.items() if k != "csrf_token" and str(v).strip() != ""}


async def _act(
    request: Request,
    session: DbSession,
    actor: Actor,
    regno: str | None,
    action: Callable[[dict[str, Any]], str],
    done: str,
) -> Response:
    """Run ``action`` on the form; back to the case page, with the refusal if refused."""
    values = await _form(request)
    try:
        regno = action(values) or regno
    except (RuleViolation, InvalidInput, Conflict) as exc:
        if regno is None:
            raise
        session.rollback()  # nothing of a refused change is kept
        message = "; ".join(exc.errors.values()) if isinstance(exc, InvalidInput) else exc.message
        return _case_page(request, session, actor, regno, message, exc.status)
    flash(request, done)
    return RedirectResponse(f"/cases/{regno}", status_code=303)


@router.post("/cases/{regno}", dependencies=[Csrf])
async def open_case(request: Request, session: DbSession, actor: WebActor, regno: str) -> Response:
    def run(_: dict[str, Any]) -> str:
        cases.open_case(session, actor, regno)
        return regno

    return await _act(request, session, actor, regno, run, Msg("Case opened."))


@router.post("/cases/{regno}/pathways", dependencies=[Csrf])
async def open_pathway(
    request: Request, session: DbSession, actor: WebActor, regno: str
) -> Response:
    def run(values: dict[str, Any]) -> str:
        return cases.open_pathway(session, actor, regno, parse(PathwayOpenIn, values)).regno

    return await _act(request, session, actor, regno, run, Msg("Pathway started."))


def _pathway_action(
    request: Request,
    session: DbSession,
    actor: Actor,
    regno: str | None,
    done: str,
    model: type[BaseModel],
    call: Callable[[Any], Any],
) -> Coroutine[Any, Any, Response]:
    def run(values: dict[str, Any]) -> str:
        return str(call(parse(model, values)).regno)

    return _act(request, session, actor, regno, run, done)


@router.post("/pathways/{pathway_id}/move", dependencies=[Csrf])
async def move(
    request: Request,
    session: DbSession,
    actor: WebActor,
    pathway_id: uuid.UUID,
    regno: str | None = None,
) -> Response:
    return await _pathway_action(
        request,
        session,
        actor,
        regno,
        Msg("Pathway moved."),
        TransitionIn,
        lambda data: cases.move(session, actor, pathway_id, data),
    )


@router.post("/pathways/{pathway_id}/details", dependencies=[Csrf])
async def details(
    request: Request,
    session: DbSession,
    actor: WebActor,
    pathway_id: uuid.UUID,
    regno: str | None = None,
) -> Response:
    return await _pathway_action(
        request,
        session,
        actor,
        regno,
        Msg("Details saved."),
        DetailsIn,
        lambda data: cases.update_details(session, actor, pathway_id, data),
    )


@router.post("/pathways/{pathway_id}/items", dependencies=[Csrf])
async def add_item(
    request: Request,
    session: DbSession,
    actor: WebActor,
    pathway_id: uuid.UUID,
    regno: str | None = None,
) -> Response:
    return await _pathway_action(
        request,
        session,
        actor,
        regno,
        Msg("Added."),
        ItemIn,
        lambda data: cases.add_item(session, actor, pathway_id, data),
    )


@router.post("/items/{item_id}", dependencies=[Csrf])
async def update_item(
    request: Request,
    session: DbSession,
    actor: WebActor,
    item_id: uuid.UUID,
    regno: str | None = None,
) -> Response:
    return await _pathway_action(
        request,
        session,
        actor,
        regno,
        Msg("Saved."),
        ItemUpdateIn,
        lambda data: cases.update_item(session, actor, item_id, data),
    )


@router.post("/cases/{regno}/officer", dependencies=[Csrf])
async def assign(request: Request, session: DbSession, actor: WebActor, regno: str) -> Response:
    def run(values: dict[str, Any]) -> str:
        assignment.assign(session, actor, regno, parse(UsernameIn, values))
        return regno

    return await _act(request, session, actor, regno, run, Msg("Case assigned."))


@router.post("/cases/{regno}/observers", dependencies=[Csrf])
async def observers(request: Request, session: DbSession, actor: WebActor, regno: str) -> Response:
    def run(values: dict[str, Any]) -> str:
        data = parse(UsernameIn, {"username": values.get("username", "")})
        if values.get("remove"):
            assignment.remove_observer(session, actor, regno, data)
        else:
            assignment.add_observer(session, actor, regno, data)
        return regno

    return await _act(request, session, actor, regno, run, Msg("Observers updated."))


@router.post("/cases/{regno}/tasks", dependencies=[Csrf])
async def add_task(request: Request, session: DbSession, actor: WebActor, regno: str) -> Response:
    def run(values: dict[str, Any]) -> str:
        assignment.add_task(session, actor, regno, parse(TaskIn, values))
        return regno

    return await _act(request, session, actor, regno, run, Msg("Task added."))


@router.post("/tasks/{task_id}/done", dependencies=[Csrf])
def complete_task(
    request: Request, session: DbSession, actor: WebActor, task_id: uuid.UUID
) -> Response:
    task = assignment.complete_task(session, actor, task_id)
    flash(request, "Task done.")
    return RedirectResponse(f"/cases/{task.regno}", status_code=303)


@router.get("/work")
def work(request: Request, session: DbSession, actor: WebActor) -> Response:
    found = assignment.work_list(session, actor)
    return render(request, "work.html", {"work": found}, actor=actor)


def _backlog(
    session: DbSession, actor: Actor, settings: SettingsDep, office: str, pathway: str
) -> backlog.Backlog:
    targets = backlog.target_days(settings.case_target_days)
    return backlog.backlog(session, actor, targets, office or None, pathway or None)


@router.get("/backlog")
def backlog_page(
    request: Request,
    session: DbSession,
    actor: WebActor,
    settings: SettingsDep,
    office: str = "",
    pathway: str = "",
) -> Response:
    report = _backlog(session, actor, settings, office, pathway)
    ctx = {"report": report, "pathways": list(Pathway), "office": office, "pathway": pathway}
    return render(request, "backlog.html", ctx, actor=actor)


@router.get("/backlog.csv")
def backlog_csv(
    session: DbSession, actor: WebActor, settings: SettingsDep, office: str = "", pathway: str = ""
) -> Response:
    report = _backlog(session, actor, settings, office, pathway)
    headers = {"Content-Disposition": 'attachment; filename="backlog.csv"'}
    return Response(export.to_csv(report), media_type="text/csv", headers=headers)


@router.get("/backlog.xlsx")
def backlog_xlsx(
    session: DbSession, actor: WebActor, settings: SettingsDep, office: str = "", pathway: str = ""
) -> Response:
    report = _backlog(session, actor, settings, office, pathway)
    headers = {"Content-Disposition": 'attachment; filename="backlog.xlsx"'}
    media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(export.to_xlsx(report), media_type=media, headers=headers)


def _rules_page(
    request: Request, session: DbSession, actor: Actor, status: int = 200, **extra: Any
) -> Response:
    active, uploads = eligibility.list_rules(session, actor)
    ctx = {"active": active, "uploads": uploads, "errors": {}, "values": {}} | extra
    return render(request, "rules.html", ctx, status, actor=actor)


@router.get("/eligibility/rules")
def rules_page(request: Request, session: DbSession, actor: WebActor) -> Response:
    return _rules_page(request, session, actor)


@router.post("/eligibility/rules", dependencies=[Csrf])
async def upload_rules(request: Request, session: DbSession, actor: WebActor) -> Response:
    form = await request.form()
    upload = form.get("file")
    text = str(form.get("source") or "")
    if upload is not None and not isinstance(upload, str):
        text = (await upload.read()).decode("utf-8", errors="replace") or text
    try:
        rules = eligibility.upload(session, actor, text)
    except DomainError as exc:
        session.rollback()  # the active rules stay as they were
        errors = exc.errors if isinstance(exc, InvalidInput) else {"file": exc.message}
        values = {"source": text}
        return _rules_page(request, session, actor, exc.status, errors=errors, values=values)
    return RedirectResponse(f"/eligibility/rules/{rules.id}", status_code=303)


@router.get("/eligibility/rules/{rules_id}")
def preview_rules(
    request: Request, session: DbSession, actor: WebActor, rules_id: uuid.UUID
) -> Response:
    preview = eligibility.preview(session, actor, rules_id)
    return _rules_page(request, session, actor, preview=preview)


@router.post("/eligibility/rules/{rules_id}/activate", dependencies=[Csrf])
def activate_rules(
    request: Request, session: DbSession, actor: WebActor, rules_id: uuid.UUID
) -> Response:
    rules = eligibility.activate(session, actor, rules_id)
    flash(request, "Rules version {version} are now active.", version=str(rules.version))
    return RedirectResponse("/eligibility/rules", status_code=303)
