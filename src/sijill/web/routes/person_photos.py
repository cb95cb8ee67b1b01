"""A person's photograph: upload on the person page, and the picture itself."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from sijill.deps import DbSession, SettingsDep, photo_response
from sijill.registry import photos
from sijill.web.deps import Csrf, WebActor, flash

router = APIRouter()


@router.post("/people/{regno}/photo", dependencies=[Csrf])
async def upload(
    request: Request,
    session: DbSession,
    actor: WebActor,
    settings: SettingsDep,
    regno: str,
    photo: Annotated[UploadFile, File()],
) -> Response:
    limit = settings.max_person_photo_bytes
    content = await photo.read(limit + 1)
    photos.set_photo(session, actor, regno, content, limit)
    flash(request, "Photograph saved.")
    return RedirectResponse(f"/people/{regno}", status_code=303)


@router.get("/people/{regno}/photo")
def photo(session: DbSession, actor: WebActor, regno: str) -> Response:
    return photo_response(photos.photo_file(session, actor, regno))


@router.get("/people/{regno}/photo/thumbnail")
def thumbnail(session: DbSession, actor: WebActor, regno: str) -> Response:
    return photo_response(photos.photo_file(session, actor, regno, thumbnail=True))
