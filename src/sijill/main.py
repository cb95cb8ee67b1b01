"""``create_app(settings)``: the one FastAPI app serving pages and the JSON API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.middleware.sessions import SessionMiddleware

from sijill import __version__
from sijill.api.router import build_api
from sijill.config import Settings
from sijill.db import check_migrated, make_engine, make_session_factory, unit_of_work
from sijill.error_handlers import install_error_handlers
from sijill.jobs import service as jobs
from sijill.web.app import mount_web
from sijill.web.middleware import NoNul, SecurityHeaders, SizeLimit


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """On start, fail the jobs a previous process left running (it died with them)."""
    with unit_of_work(app.state.session_factory) as session:
        jobs.mark_interrupted(session)
    yield


def create_app(settings: Settings, *, check_schema: bool = True) -> FastAPI:
    engine = make_engine(settings.effective_database_url)
    if check_schema:
        check_migrated(engine)
    app = FastAPI(
        title="Sijill",
        version=__version__,
        description="Registry and case management for the transition of former combatants.",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = make_session_factory(engine)
    app.include_router(build_api(), prefix="/api/v1")
    mount_web(app, settings)
    install_error_handlers(app)
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.session_secret(),
        session_cookie="sijill_session",
        max_age=settings.session_max_age,
        same_site="strict",
        https_only=settings.cookies_https_only,
    )
    app.add_middleware(NoNul)
    app.add_middleware(
        SizeLimit,
        max_bytes=settings.max_request_bytes,
        photo_bytes=settings.max_person_photo_bytes,
    )
    app.add_middleware(SecurityHeaders)
    return app
