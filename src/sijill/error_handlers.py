"""One error path for the whole app: problem+json under /api, a readable page elsewhere."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException

from sijill.api import errors as api_errors
from sijill.errors import Conflict, DomainError
from sijill.web.deps import LoginRequired, render


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error_page(request: Request, status: int, message: str) -> Response:
    actor = getattr(request.state, "actor", None)
    return render(
        request, "error.html", {"status": status, "message": message}, status, actor=actor
    )


async def _on_domain_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DomainError)
    if _is_api(request):
        return api_errors.domain_problem(exc)
    return _error_page(request, exc.status, exc.message)


async def _on_stale(request: Request, exc: Exception) -> Response:
    return await _on_domain_error(
        request, Conflict("The record was changed by someone else meanwhile; reload it.")
    )


async def _on_validation(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    if _is_api(request):
        return api_errors.validation_problem(exc)
    return _error_page(request, 422, "The request has invalid fields.")


async def _on_model_validation(request: Request, exc: Exception) -> Response:
    """A model built by a route from its path (``UsernameIn(username=...)``) refused it."""
    assert isinstance(exc, ValidationError)
    return await _on_validation(request, RequestValidationError(exc.errors()))


async def _on_http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if _is_api(request):
        return api_errors.http_problem(exc)
    return _error_page(request, exc.status_code, str(exc.detail))


async def _on_login_required(request: Request, exc: Exception) -> Response:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target)}", status_code=303)


def install_error_handlers(app: FastAPI) -> None:
    handlers: dict[Any, Any] = {
        DomainError: _on_domain_error,
        StaleDataError: _on_stale,
        RequestValidationError: _on_validation,
        ValidationError: _on_model_validation,
        HTTPException: _on_http,
        LoginRequired: _on_login_required,
    }
    for exc_class, handler in handlers.items():
        app.add_exception_handler(exc_class, handler)
