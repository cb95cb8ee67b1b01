"""Every API error as ``application/problem+json`` (RFC 9457), one shape, one place."""

from __future__ import annotations

from typing import Any

from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from sijill.errors import DomainError, InvalidInput, NeedsConfirmation

PROBLEM = "application/problem+json"


def problem(status: int, title: str, detail: str, code: str, **extra: Any) -> JSONResponse:
    body = {"type": f"urn:sijill:problem:{code}", "title": title, "status": status}
    body |= {"detail": detail, "code": code, **extra}
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


def domain_problem(exc: DomainError) -> JSONResponse:
    extra: dict[str, Any] = {}
    if isinstance(exc, InvalidInput):
        extra["errors"] = exc.errors  # every field, as a request validation error has them
    elif isinstance(exc, NeedsConfirmation):
        extra["errors"] = {exc.field: exc.message}
        extra["warnings"] = exc.warnings
        if exc.candidates is not None:
            extra["candidates"] = exc.candidates
    elif exc.field:
        extra["field"] = exc.field
    extra |= {k: v for k, v in exc.details.items() if isinstance(v, str | int | bool)}
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
    response = problem(exc.status, exc.title, exc.message, exc.code, **extra)
    if headers:
        response.headers.update(headers)
    return response


def _field_path(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path")]
    return ".".join(parts) or "body"


def validation_problem(exc: RequestValidationError) -> JSONResponse:
    errors = {_field_path(tuple(e["loc"])): str(e["msg"]) for e in exc.errors()}
    return problem(
        422, "Invalid input", "The request has invalid fields.", "invalid_input", errors=errors
    )


def http_problem(exc: HTTPException) -> JSONResponse:
    return problem(exc.status_code, str(exc.detail), str(exc.detail), "http_error")
