"""Who is logged in, CSRF, and rendering with language and direction."""

from __future__ import annotations

import datetime as dt
import gettext
import secrets
from collections.abc import AsyncIterator, Callable
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from sijill.access import login as access_login
from sijill.access import service as access_service
from sijill.access.actor import Actor
from sijill.deps import DbSession
from sijill.errors import DomainError, Msg
from sijill.web import i18n


class LoginRequired(Exception):
    """Raised on a page that needs a logged-in user; answered with a redirect to /login."""


class CsrfFailed(DomainError):
    code = "csrf"
    status = 400
    title = "Form expired"


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return str(token)


async def check_csrf(request: Request) -> AsyncIterator[None]:
    """Refuse a form without this session's token; close the form's uploaded files (if any)
    once the request is done, whether it was refused or not."""
    form = await request.form()
    try:
        sent = form.get("csrf_token")
        expected = request.session.get("csrf")
        if not expected or not isinstance(sent, str) or not secrets.compare_digest(sent, expected):
            raise CsrfFailed(
                "This form has expired or was not sent from Sijill. Reload and try again."
            )
        yield
    finally:
        await form.close()


def session_max_age(request: Request) -> dt.timedelta:
    return dt.timedelta(seconds=request.app.state.settings.session_max_age)


def login_policy(request: Request) -> access_login.LoginPolicy:
    s = request.app.state.settings
    return access_login.LoginPolicy(
        max_failures=s.login_max_failures,
        max_failures_per_address=s.login_max_failures_per_address,
        window=dt.timedelta(seconds=s.login_window_seconds),
        lockout=dt.timedelta(seconds=s.login_lockout_seconds),
    )


def client_address(request: Request) -> str | None:
    return request.client.host if request.client else None


def web_actor(request: Request, session: DbSession) -> Actor:
    """The user of the request's server-side session (ended, expired or deactivated: none)."""
    token = request.session.get("sid")
    if not token:
        raise LoginRequired
    user = access_login.user_of_session(session, str(token), session_max_age(request))
    if user is None:
        request.session.clear()
        raise LoginRequired
    actor = access_service.actor_for(user)
    request.state.actor = actor  # an error page raised later still shows the menu
    return actor


WebActor = Annotated[Actor, Depends(web_actor)]
Csrf = Depends(check_csrf)


def language(request: Request) -> str:
    return i18n.pick_language(
        request.cookies.get("lang"),
        request.headers.get("accept-language"),
        request.app.state.settings.default_language,
    )


def translator(tr: gettext.NullTranslations) -> Callable[[str], str]:
    """gettext that also translates a :class:`Msg` (its template, then its values)."""

    def translate(text: str) -> str:
        if isinstance(text, Msg):
            return tr.gettext(text.template).format(**text.params)
        return tr.gettext(text)

    return translate


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    status_code: int = 200,
    actor: Actor | None = None,
) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    lang = language(request)
    tr = i18n.translations(lang)
    base = {
        "_": translator(tr),
        "ngettext": tr.ngettext,
        "lang": lang,
        "dir": i18n.direction(lang),
        "languages": i18n.LANGUAGES,
        "actor": actor,
        "csrf_token": csrf_token(request),
        "flash": request.session.pop("flash", None),
        "errors": {},
        "values": {},
    }
    return templates.TemplateResponse(
        request, template, base | (context or {}), status_code=status_code
    )


def flash(request: Request, message: str, **params: str) -> None:
    """A one-time message for the next page; ``message`` is a msgid, translated when shown."""
    request.session["flash"] = {"msg": message, "params": params}
