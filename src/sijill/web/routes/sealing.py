"""Sealed records: seal and lift (protection officers), open with a reason (readers), and
the protection officer's page of sealed people with who opened them and why."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from sijill.deps import DbSession
from sijill.registry import sealing
from sijill.registry.schemas import LiftSealIn, OpenSealedIn, SealIn
from sijill.web.deps import Csrf, WebActor, flash, render
from sijill.web.forms import parse

router = APIRouter()
Reason = Annotated[str, Form(max_length=2000)]


@router.post("/people/{regno}/open", dependencies=[Csrf])
def open_sealed(
    request: Request, session: DbSession, actor: WebActor, regno: str, reason: Reason = ""
) -> Response:
    shown = sealing.open_record(session, actor, regno, parse(OpenSealedIn, {"reason": reason}))
    return RedirectResponse(f"/people/{shown}", status_code=303)


@router.post("/people/{regno}/seal", dependencies=[Csrf])
def seal(
    request: Request,
    session: DbSession,
    actor: WebActor,
    regno: str,
    kind: Annotated[str, Form(max_length=32)] = "",
    reason: Reason = "",
) -> Response:
    sealing.seal(session, actor, regno, parse(SealIn, {"kind": kind, "reason": reason}))
    flash(request, "The record is sealed.")
    return RedirectResponse("/protection/sealed", status_code=303)


@router.post("/people/{regno}/unseal", dependencies=[Csrf])
def unseal(
    request: Request, session: DbSession, actor: WebActor, regno: str, reason: Reason = ""
) -> Response:
    sealing.lift(session, actor, regno, parse(LiftSealIn, {"reason": reason}))
    flash(request, "The seal is lifted.")
    return RedirectResponse(f"/people/{regno}", status_code=303)


@router.get("/protection/sealed")
def sealed(request: Request, session: DbSession, actor: WebActor) -> Response:
    people = sealing.sealed_people(session, actor)
    return render(request, "sealed_list.html", {"people": people}, actor=actor)


def sealed_page(request: Request, actor: WebActor, exc: sealing.SealedRecord) -> Response:
    """The page a sealed record shows instead of itself: why it is closed, and a form to
    open it with a reason."""
    ctx = {"message": exc.message, "regno": exc.details["regno"]}
    return render(request, "sealed.html", ctx, exc.status, actor=actor)
