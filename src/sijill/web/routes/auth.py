"""Log in (password, then a second factor), enrol a second factor, log out, language, tokens."""

from __future__ import annotations

import base64
import uuid
from typing import Annotated

import segno
from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from sijill.access import service as access_service
from sijill.access.actor import Actor
from sijill.access.models import User
from sijill.deps import DbSession
from sijill.errors import DomainError, NotAuthenticated
from sijill.web.deps import Csrf, WebActor, flash, render
from sijill.web.i18n import LANGUAGES

router = APIRouter()


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/"


def _start_session(request: Request, session: DbSession, user: User, target: str) -> Response:
    access_service.complete_login(session, user)
    request.session.clear()  # a new session on login: nothing from before survives
    request.session["uid"] = str(user.id)
    return RedirectResponse(_safe_next(target), status_code=303)


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    return render(request, "login.html", {"next": _safe_next(next)})


@router.post("/login", dependencies=[Csrf])
def login(
    request: Request,
    session: DbSession,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=200)],
    next: Annotated[str, Form()] = "/",
) -> Response:
    try:
        user = access_service.authenticate(session, username, password)
    except NotAuthenticated as exc:
        ctx = {"next": next, "error": exc.message, "values": {"username": username}}
        return render(request, "login.html", ctx, 401)
    if access_service.needs_totp(user):
        request.session["pending_uid"] = str(user.id)
        request.session["next"] = _safe_next(next)
        return RedirectResponse("/login/totp", status_code=303)
    if access_service.must_enrol_totp(user):
        request.session["enrol_uid"] = str(user.id)
        request.session["next"] = _safe_next(next)
        return RedirectResponse("/login/enrol", status_code=303)
    return _start_session(request, session, user, next)


@router.get("/login/totp")
def totp_form(request: Request) -> Response:
    if "pending_uid" not in request.session:
        return RedirectResponse("/login", status_code=303)
    return render(request, "totp.html")


@router.post("/login/totp", dependencies=[Csrf])
def totp(
    request: Request, session: DbSession, code: Annotated[str, Form(max_length=12)]
) -> Response:
    pending = request.session.get("pending_uid")
    user = session.get(User, uuid.UUID(pending)) if pending else None
    if user is None:
        return RedirectResponse("/login", status_code=303)
    if not access_service.verify_totp(user, code):
        return render(request, "totp.html", {"error": "The code is wrong or has expired."}, 401)
    return _start_session(request, session, user, request.session.get("next", "/"))


def _enrolling_user(request: Request, session: DbSession) -> User | None:
    uid = request.session.get("enrol_uid") or request.session.get("uid")
    return session.get(User, uuid.UUID(uid)) if uid else None


def _qr_data_uri(uri: str) -> str:
    svg = segno.make(uri, error="m").svg_inline(scale=4)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@router.get("/login/enrol")
def enrol_form(request: Request, session: DbSession) -> Response:
    user = _enrolling_user(request, session)
    if user is None:
        return RedirectResponse("/login", status_code=303)
    secret = request.session.setdefault("enrol_secret", access_service.new_totp_secret())
    uri = access_service.totp_uri(secret, user.username)
    return render(request, "enrol.html", {"secret": secret, "qr": _qr_data_uri(uri)})


@router.post("/login/enrol", dependencies=[Csrf])
def enrol(
    request: Request, session: DbSession, code: Annotated[str, Form(max_length=12)]
) -> Response:
    user = _enrolling_user(request, session)
    secret = request.session.get("enrol_secret")
    if user is None or not secret:
        return RedirectResponse("/login", status_code=303)
    try:
        access_service.enrol_totp(session, user.id, secret, code)
    except DomainError as exc:
        uri = access_service.totp_uri(secret, user.username)
        ctx = {"secret": secret, "qr": _qr_data_uri(uri), "error": exc.message}
        return render(request, "enrol.html", ctx, 422)
    if "uid" in request.session and "enrol_uid" not in request.session:
        request.session.pop("enrol_secret", None)
        flash(request, "Second factor enabled.")
        return RedirectResponse("/account", status_code=303)
    return _start_session(request, session, user, request.session.get("next", "/"))


@router.post("/logout", dependencies=[Csrf])
def logout(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@router.get("/lang/{code}")
def set_language(request: Request, code: str, next: str = "/") -> Response:
    response = RedirectResponse(_safe_next(next), status_code=303)
    if code in LANGUAGES:
        response.set_cookie("lang", code, max_age=365 * 86400, samesite="lax", httponly=True)
    return response


def _account(request: Request, session: DbSession, actor: Actor, new_token: str | None) -> Response:
    user = session.get_one(User, actor.user_id)
    ctx = {
        "tokens": access_service.list_tokens(session, actor),
        "totp_enabled": access_service.needs_totp(user),
        "new_token": new_token,
    }
    return render(request, "account.html", ctx, actor=actor)


@router.get("/account")
def account(request: Request, session: DbSession, actor: WebActor) -> Response:
    return _account(request, session, actor, None)


@router.post("/account/tokens", dependencies=[Csrf])
def create_token(
    request: Request, session: DbSession, actor: WebActor, name: Annotated[str, Form()]
) -> Response:
    new = access_service.create_token(session, actor, name)
    return _account(request, session, actor, new.token)


@router.post("/account/tokens/{token_id}/revoke", dependencies=[Csrf])
def revoke_token(
    request: Request, session: DbSession, actor: WebActor, token_id: uuid.UUID
) -> Response:
    access_service.revoke_token(session, actor, token_id)
    flash(request, "Token revoked.")
    return RedirectResponse("/account", status_code=303)
