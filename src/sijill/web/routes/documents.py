"""Signed documents: request, approve, issue, revoke; the card, certificate and verifier."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from sijill.credentials import card, qr, service, views
from sijill.credentials import issuer as issuers
from sijill.credentials.schemas import DecisionIn, DocumentRequestIn, RevokeIn
from sijill.credentials.verifier_page import verifier_html
from sijill.deps import DbSession, SettingsDep
from sijill.errors import Msg, NotFound
from sijill.timeutil import utcnow
from sijill.web.deps import Csrf, WebActor, flash, render
from sijill.web.forms import parse

router = APIRouter()
Text = Annotated[str, Form(max_length=2000)]


def _issuer(settings: SettingsDep) -> issuers.Issuer:
    return issuers.from_settings(settings, int(utcnow().timestamp()))


@router.get("/documents")
def index(request: Request, session: DbSession, actor: WebActor) -> Response:
    requests = views.requests_page(session, actor)
    return render(request, "documents/index.html", {"requests": requests}, actor=actor)


@router.post("/people/{regno}/documents", dependencies=[Csrf])
def make_request(
    request: Request,
    session: DbSession,
    actor: WebActor,
    regno: str,
    doc_type: Annotated[str, Form()],
    reason: Text = "",
    programme_status: Text = "",
    permit_ref: Annotated[str, Form(max_length=16)] = "",
) -> Response:
    data = parse(
        DocumentRequestIn,
        {
            "doc_type": doc_type,
            "reason": reason or None,
            "programme_status": programme_status or None,
            "permit_ref": permit_ref or None,
        },
    )
    service.request_document(session, actor, regno, data)
    flash(request, "Requested; a supervisor must approve it.")
    return RedirectResponse(f"/people/{regno}", status_code=303)


@router.post("/documents/requests/{request_id}/decide", dependencies=[Csrf])
def decide(
    request: Request,
    session: DbSession,
    actor: WebActor,
    request_id: uuid.UUID,
    decision: Annotated[str, Form(pattern="^(approve|reject)$")],
    note: Text = "",
) -> Response:
    data = DecisionIn(note=note or None)
    service.decide_request(session, actor, request_id, decision == "approve", data)
    flash(request, "Decision recorded.")
    return RedirectResponse("/documents", status_code=303)


@router.post("/documents/requests/{request_id}/issue", dependencies=[Csrf])
def issue(
    request: Request,
    session: DbSession,
    actor: WebActor,
    settings: SettingsDep,
    request_id: uuid.UUID,
) -> Response:
    out = service.issue_document(session, actor, request_id, _issuer(settings))
    flash(request, "Issued {serial}.", serial=out.serial)
    return RedirectResponse(f"/documents/{out.serial}", status_code=303)


@router.get("/documents/verifier.html")
def verifier(session: DbSession, actor: WebActor, settings: SettingsDep) -> Response:
    trust, status = service.publish(session, actor, _issuer(settings))
    headers = {"Content-Disposition": 'attachment; filename="sijill-verifier.html"'}
    return Response(verifier_html(trust, status), media_type="text/html", headers=headers)


@router.get("/documents/{serial}")
def show(request: Request, session: DbSession, actor: WebActor, serial: str) -> Response:
    doc = service.get_document(session, actor, serial)
    svg = qr.symbol(doc.qr_text).svg_inline(scale=3, border=4)
    return render(request, "documents/show.html", {"doc": doc, "qr_svg": svg}, actor=actor)


@router.get("/documents/{serial}/{kind}.pdf")
def pdf(session: DbSession, actor: WebActor, serial: str, kind: str) -> Response:
    make = {"card": card.card_pdf, "certificate": card.certificate_pdf}.get(kind)
    if make is None:
        raise NotFound(Msg("No such print of a document."))
    doc = service.get_document(session, actor, serial)
    photo = service.print_photo(session, actor, serial)
    headers = {"Content-Disposition": f'inline; filename="{doc.serial}-{kind}.pdf"'}
    return Response(make(doc.qr_text, photo), media_type="application/pdf", headers=headers)


@router.post("/documents/{serial}/revoke", dependencies=[Csrf])
def revoke(
    request: Request,
    session: DbSession,
    actor: WebActor,
    serial: str,
    reason: Annotated[str, Form(min_length=1, max_length=2000)],
) -> Response:
    service.revoke_document(session, actor, serial, RevokeIn(reason=reason))
    flash(request, "Revoked {serial}.", serial=serial)
    return RedirectResponse(f"/documents/{serial}", status_code=303)
