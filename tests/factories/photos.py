"""Photographs for tests: drawn avatars (never a real face), set through the service."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.demo.photos import avatar
from sijill.registry import photos
from sijill.registry.schemas import PhotoOut

LIMIT = 5_000_000


def give_photo(session: Session, actor: Actor, regno: str, seed: str = "test") -> PhotoOut:
    return photos.set_photo(session, actor, regno, avatar(seed), LIMIT)


def person_photo(path: str, csrf: str) -> dict[str, Any]:
    """The upload of a photograph: the API's raw body, or the page's form."""
    content = avatar("upload")
    if path.startswith("/api/"):
        return {"content": content, "headers": {"Content-Type": "image/jpeg"}}
    return {"data": {"csrf_token": csrf}, "files": {"photo": ("p.jpg", content, "image/jpeg")}}
