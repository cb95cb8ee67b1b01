"""Log in (password, then a second factor), enrol a second factor, log out, language, tokens."""

from __future__ import annotations

import base64
import uuid
from typing import Annotated

import segno
from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from sijill.access import login as access_login
from sijill.access import service as access_service
from sijill.access.actor import Actor
from sijill.access.models import User
from sijill.deps import DbSession
from sijill.errors import DomainError, NotAuthenticated
from sijill.web.deps import (
    Csrf,
    WebActor,
    client_address,
    flash,
    login_policy,
    render,
    session_max_age,
)
from sijill.web.i18n import LANGUAGES

router = APIRouter()


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/"


def _open_session(request: Request, session: DbSession, user: User) -> str:
    """Log ``user`` in: a new server-side session and a new cookie (nothing from before the
    login survives, so a session id planted before it is worthless); returns the target."""
    target = _safe_next(request.session.get("next"))
    token = access_service.complete_login(session, user, client_address(request))
    request.session.clear()
    request.session["sid"] = token
    return target


def _start_session(request: Request, session: DbSession, user: User, target: str) -> Response:
    request.session["next"] = target
    return RedirectResponse(_open_session(request, session, user), status_code=303)


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
        user = access_service.authenticate(
            session, username, password, client_address(request), login_policy(request)
        )
    except NotAuthenticated as exc:  # rendered, not raised: the failure count is committed
        ctx = {"next": next, "error": exc.message, "values": {"username": username}}
        return render(request, "login.html", ctx, exc.status)
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
    request: Request, session: DbSession, code: Annotated[str, Form(max_length=32)]
) -> Response:
    pending = request.session.get("pending_uid")
    user = session.get(User, uuid.UUID(pending)) if pending else None
    if user is None:
        return RedirectResponse("/login", status_code=303)
    try:
        access_service.check_second_factor(
            session, user, code, client_address(request), login_policy(request)
        )
    except NotAuthenticated as exc:  # rendered, not raised: the failure count is committed
        return render(request, "totp.html", {"error": exc.message}, exc.status)
    return _start_session(request, session, user, request.session.get("next", "/"))


def _enrolling_user(request: Request, session: DbSession) -> User | None:
    """The user half-way through a login who must enrol, or the logged-in user."""
    uid = request.session.get("enrol_uid")
    if uid:
        return session.get(User, uuid.UUID(uid))
    token = request.session.get("sid")
    return access_login.user_of_session(session, token, session_max_age(request)) if token else None


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
        codes = access_service.enrol_totp(session, user.id, secret, code)
    except DomainError as exc:
        uri = access_service.totp_uri(secret, user.username)
        ctx = {"secret": secret, "qr": _qr_data_uri(uri), "error": exc.message}
        return render(request, "enrol.html", ctx, 422)
    request.session.pop("enrol_secret", None)
    logging_in = "enrol_uid" in request.session
    target = _open_session(request, session, user) if logging_in else "/account"
    return render(request, "recovery_codes.html", {"codes": codes, "target": target})


@router.post("/logout", dependencies=[Csrf])
def logout(request: Request, session: DbSession) -> Response:
    token = request.session.get("sid")
    if token:
        access_login.end_session(session, str(token))
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@router.post("/account/sessions/end", dependencies=[Csrf])
def logout_everywhere(request: Request, session: DbSession, actor: WebActor) -> Response:
    access_login.end_own_sessions(session, actor)
    request.session.clear()
    flash(request, "You are logged out everywhere.")
    return RedirectResponse("/", status_code=303)  # which asks for a new login


@router.get("/lang/{code}")
def set_language(request: Request, code: str, next: str = "/") -> Response:
    response = RedirectResponse(_safe_next(next), status_code=303)
    if code in LANGUAGES:
        secure = request.app.state.settings.cookies_https_only
        response.set_cookie(
            "lang", code, max_age=365 * 86400, samesite="lax", httponly=True, secure=secure
        )
    return response


def _account(request: Request, session: DbSession, actor: Actor, new_token: str | None) -> Response:
    user = session.get_one(User, actor.user_id)
    ctx = {
        "tokens": access_service.list_tokens(session, actor),
        "totp_enabled": access_service.needs_totp(user),
        "recovery_left": access_login.recovery_codes_left(session, user.id),
        "sessions": access_login.live_sessions(session, user.id, session_max_age(request)),
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
