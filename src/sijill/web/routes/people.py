"""People: search, register, show, correct, move, history."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from sijill import intake
from sijill.access.actor import Actor
from sijill.access.permissions import Permission
from sijill.cases import assignment
from sijill.cases import queries as case_queries
from sijill.credentials import views as credentials_views
from sijill.dedup import service as dedup_service
from sijill.deps import DbSession, LimitsDep
from sijill.errors import Conflict, InvalidInput, NeedsConfirmation
from sijill.holds import reads as holds_reads
from sijill.registry import photos, queries, reference, sealing
from sijill.registry import service as registry_service
from sijill.registry.schemas import MoveIn, PersonIn, PersonUpdate
from sijill.screening import queries as screening_queries
from sijill.web import family_graph, person_form
from sijill.web.deps import Csrf, WebActor, flash, language, render
from sijill.web.forms import parse, unflatten
from sijill.web.routes.sealing import sealed_page

router = APIRouter()
_FORM_ONLY = ("csrf_token", "reason", "duplicate_reason")


@router.get("/")
def home(request: Request, session: DbSession, actor: WebActor) -> Response:
    ctx: dict[str, Any] = {}
    if actor.can(Permission.PERSON_READ):
        ctx["recent"] = queries.list_people(session, actor, limit=15)
        ctx["total"] = queries.count_people(session, actor)
    else:
        ctx["observed"] = assignment.observed_cases(session, actor)
    return render(request, "home.html", ctx, actor=actor)


@router.get("/people")
def search(request: Request, session: DbSession, actor: WebActor, q: str = "") -> Response:
    results = queries.search(session, actor, q, limit=100)  # checks the role even when blank
    return render(request, "search.html", {"q": q, "results": results}, actor=actor)


def _form(
    request: Request,
    session: DbSession,
    actor: Actor,
    values: dict[str, Any],
    errors: dict[str, str],
    status: int = 200,
    **extra: Any,
) -> Response:
    ctx = person_form.choices(session, actor, language(request))
    ctx |= {"values": values, "errors": errors, "rows": person_form.row_counts(values)} | extra
    return render(request, "person_form.html", ctx, status, actor=actor)


@router.get("/people/new")
def new_person(request: Request, session: DbSession, actor: WebActor) -> Response:
    actor.require(Permission.PERSON_REGISTER)
    return _form(request, session, actor, {"names.0.name_type": "primary"}, {})


def _text_items(form: FormData) -> list[tuple[str, str]]:
    return [(key, value) for key, value in form.multi_items() if isinstance(value, str)]


def _input_errors(exc: InvalidInput | NeedsConfirmation) -> dict[str, str]:
    return exc.errors if isinstance(exc, InvalidInput) else {str(exc.field): exc.message}


@router.post("/people", dependencies=[Csrf])
async def register(
    request: Request, session: DbSession, actor: WebActor, limits: LimitsDep
) -> Response:
    form = await request.form()
    reason = str(form.get("duplicate_reason") or "").strip() or None
    try:
        data = parse(PersonIn, unflatten(_text_items(form), skip=_FORM_ONLY))
        person = intake.register(session, actor, data, limits, reason)
    except (InvalidInput, NeedsConfirmation) as exc:
        session.rollback()  # nothing of a refused registration is kept
        values = person_form.flat_values(form)
        found = exc.candidates if isinstance(exc, NeedsConfirmation) else None
        return _form(
            request, session, actor, values, _input_errors(exc), exc.status, duplicates=found
        )
    flash(request, "Registered {name} as {regno}.", name=person.name, regno=person.regno)
    return RedirectResponse(f"/people/{person.regno}", status_code=303)


@router.get("/people/{regno}")
def show(request: Request, session: DbSession, actor: WebActor, regno: str) -> Response:
    try:
        survivor = dedup_service.merged_into(session, actor, regno)
        if survivor is not None:
            flash(request, "Record {regno} was merged into this one.", regno=regno)
            return RedirectResponse(f"/people/{survivor}", status_code=303)
        person = holds_reads.get_person(session, actor, regno)
    except sealing.SealedRecord as exc:
        return sealed_page(request, actor, exc)
    graph = family_graph.layout(person.name, person.regno, person.family)
    ctx = {"person": person, "graph": graph, "photos": photos.photos_of(session, actor, regno)}
    if actor.can(Permission.CASE_READ):
        ctx["case"] = case_queries.get_case(session, actor, regno)
    ctx["screening"] = screening_queries.for_person_page(session, actor, person.id)
    if actor.can(Permission.PERSON_MOVE):
        ctx["facilities"] = reference.list_facilities(session, actor)
    if actor.can(Permission.DOCUMENTS_READ):
        ctx["signed"] = credentials_views.person_documents(session, actor, regno)
    return render(request, "person.html", ctx, actor=actor)


@router.get("/people/{regno}/edit")
def edit(request: Request, session: DbSession, actor: WebActor, regno: str) -> Response:
    actor.require(Permission.PERSON_EDIT)
    person = queries.get_person(session, actor, regno)
    values = person_form.values_from_person(person)
    return _form(request, session, actor, values, {}, person=person)


@router.post("/people/{regno}", dependencies=[Csrf])
async def update(
    request: Request, session: DbSession, actor: WebActor, limits: LimitsDep, regno: str
) -> Response:
    form = await request.form()
    reason = str(form.get("reason") or "").strip() or None
    try:
        data = parse(PersonUpdate, unflatten(_text_items(form), skip=_FORM_ONLY))
        person = intake.correct(session, actor, regno, data, reason, limits)
    except (InvalidInput, NeedsConfirmation, Conflict) as exc:
        session.rollback()  # nothing of a refused correction is kept
        current = queries.get_person(session, actor, regno)
        values = person_form.flat_values(form)
        errors = {} if isinstance(exc, Conflict) else _input_errors(exc)
        problem = exc.message if isinstance(exc, Conflict) else None
        return _form(
            request, session, actor, values, errors, exc.status, person=current, conflict=problem
        )
    flash(
        request,
        "Saved version {version} of {regno}.",
        version=str(person.version),
        regno=person.regno,
    )
    return RedirectResponse(f"/people/{person.regno}", status_code=303)


@router.post("/people/{regno}/move", dependencies=[Csrf])
def move(
    request: Request,
    session: DbSession,
    actor: WebActor,
    regno: str,
    facility_id: Annotated[str, Form()],
    reason: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    data = parse(MoveIn, {"facility_id": facility_id, "reason": reason.strip() or None})
    person = registry_service.move_person(session, actor, regno, data)
    flash(request, "Moved to {facility}.", facility=person.placements[0].facility_name)
    return RedirectResponse(f"/people/{person.regno}", status_code=303)


@router.get("/people/{regno}/history")
def history(request: Request, session: DbSession, actor: WebActor, regno: str) -> Response:
    person = queries.get_person(session, actor, regno)
    items = queries.history(session, actor, regno)
    return render(request, "history.html", {"person": person, "items": items}, actor=actor)


@router.get("/people/{regno}/versions/{version}")
def version(
    request: Request, session: DbSession, actor: WebActor, regno: str, version: int
) -> Response:
    snapshot = queries.revision(session, actor, regno, version)
    person = queries.get_person(session, actor, regno)
    ctx = {"person": person, "snapshot": snapshot, "version": version}
    return render(request, "version.html", ctx, actor=actor)
