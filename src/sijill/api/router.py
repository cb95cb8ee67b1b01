"""The API's routers under /api/v1."""

from __future__ import annotations

from fastapi import APIRouter

from sijill.api.errors import PROBLEM
from sijill.api.routes import (
    access,
    arms,
    cases,
    dedup,
    documents,
    jobs,
    people,
    reference,
    screening,
    sealing,
    transfers,
)

_ERRORS = {
    code: {"description": text, "content": {PROBLEM: {}}}
    for code, text in {
        401: "No or bad API token",
        403: "Your role may not do this",
        404: "Not found (or not in your offices)",
        409: "Conflict: changed meanwhile, duplicate, or needs a reason",
        422: "Invalid input, with a message per field",
    }.items()
}


def build_api() -> APIRouter:
    api = APIRouter(responses=_ERRORS)  # type: ignore[arg-type]
    api.include_router(people.router)
    api.include_router(sealing.router)
    api.include_router(reference.router)
    api.include_router(access.router)
    api.include_router(jobs.router)
    api.include_router(arms.router)
    api.include_router(documents.router)
    api.include_router(cases.router)
    api.include_router(dedup.router)
    api.include_router(transfers.router)
    api.include_router(screening.router)
    return api
