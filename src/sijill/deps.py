"""Request-scoped dependencies shared by the pages and the API."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import BackgroundTasks, Depends, Request, Response
from sqlalchemy.orm import Session, sessionmaker

from sijill.config import Settings
from sijill.jobs import runner
from sijill.jobs.schemas import JobOut
from sijill.registry.photos import PhotoFile
from sijill.registry.service import Limits


def get_session(request: Request) -> Iterator[Session]:
    """One session and one transaction per request, committed once when the handler returns."""
    factory: sessionmaker[Session] = request.app.state.session_factory
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def limits_for(settings: Settings) -> Limits:
    return Limits(
        max_field_length=settings.max_field_length,
        match_threshold=settings.match_threshold,
        possible_threshold=settings.possible_threshold,
    )


def get_limits(request: Request) -> Limits:
    return limits_for(get_settings(request))


class Launcher:
    """Starts a job's work after the response, once the request's transaction (which created
    the job) has committed: ``DbSession`` closes its transaction before the response."""

    def __init__(self, request: Request, tasks: BackgroundTasks) -> None:
        self._factory: sessionmaker[Session] = request.app.state.session_factory
        self._tasks = tasks

    def start(self, job: JobOut, work: runner.Work) -> None:
        self._tasks.add_task(runner.run, self._factory, job.id, work)


DbSession = Annotated[Session, Depends(get_session, scope="function")]
SettingsDep = Annotated[Settings, Depends(get_settings)]
LimitsDep = Annotated[Limits, Depends(get_limits)]
JobLauncher = Annotated[Launcher, Depends()]


def photo_response(photo: PhotoFile) -> Response:
    """A person's photograph: personal data, so never kept by a browser or a proxy."""
    headers = {"Cache-Control": "private, no-store", "ETag": f'"{photo.sha256}"'}
    return Response(photo.content, media_type=photo.media_type, headers=headers)
