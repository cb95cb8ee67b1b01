"""A person's photograph: one current, the earlier ones kept (documents already issued
carry their hash). The pictures are normalised by :mod:`sijill.registry.portrait` and
stored in the database, so backups carry them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.access.permissions import Permission
from sijill.audit import service as audit
from sijill.errors import Conflict, InvalidInput, Msg, NotFound
from sijill.registry import queries
from sijill.registry.models import Person, PersonPhoto
from sijill.registry.portrait import MAX_PIXELS, MEDIA_TYPE, PhotoRejected, normalise
from sijill.registry.schemas import PhotoOut
from sijill.timeutil import utcnow

_REFUSALS = {
    "empty": Msg("The file is empty."),
    "not_an_image": Msg("Send a JPEG or PNG picture."),
    "unreadable": Msg("This picture cannot be read: the file is damaged or incomplete."),
    "too_many_pixels": Msg(
        "This picture has too many pixels: at most {limit} million.", limit=MAX_PIXELS // 10**6
    ),
}


@dataclass(frozen=True)
class PhotoFile:
    content: bytes
    sha256: str
    media_type: str = MEDIA_TYPE


def _out(photo: PersonPhoto) -> PhotoOut:
    return PhotoOut(
        sha256=photo.sha256,
        width=photo.width,
        height=photo.height,
        size=photo.size,
        created_by=photo.created_by,
        created_at=photo.created_at,
        current=photo.retired_at is None,
    )


def _current(session: Session, person_id: uuid.UUID) -> PersonPhoto | None:
    return session.scalar(
        select(PersonPhoto).where(
            PersonPhoto.person_id == person_id, PersonPhoto.retired_at.is_(None)
        )
    )


def _visible_photos(actor: Actor, person_id: uuid.UUID) -> Select[PersonPhoto]:
    return (
        select(PersonPhoto)
        .join(Person, Person.id == PersonPhoto.person_id)
        .where(PersonPhoto.person_id == person_id, queries.visible(actor))
    )


def _refusal(exc: PhotoRejected, max_bytes: int) -> InvalidInput:
    if exc.reason == "too_large":
        message = Msg("The photograph is too large: at most {limit} bytes.", limit=max_bytes)
    else:
        message = _REFUSALS[exc.reason]
    return InvalidInput({"photo": message})


def set_photo(
    session: Session, actor: Actor, regno: str, content: bytes, max_bytes: int
) -> PhotoOut:
    """Make this picture the person's current photograph; the one before is kept."""
    actor.require(Permission.PERSON_EDIT)
    person = queries.load_person(session, actor, regno)
    try:
        kept = normalise(content, max_bytes)
    except PhotoRejected as exc:
        raise _refusal(exc, max_bytes) from None
    previous = _current(session, person.id)
    if previous is not None and previous.sha256 == kept.sha256:
        raise Conflict(Msg("This photograph is already the current one."))
    now = utcnow()
    if previous is not None:
        previous.retired_at = now
    photo = PersonPhoto(
        person_id=person.id, sha256=kept.sha256, image=kept.jpeg, thumbnail=kept.thumbnail,
        width=kept.width, height=kept.height, size=len(kept.jpeg), created_by=actor.username,
        created_at=now,
    )  # fmt: skip
    session.add(photo)
    audit.record(
        session, actor, "registry:photo:set", "person", person.id,
        {"sha256": kept.sha256, "size": len(kept.jpeg), "uploaded_size": len(content),
         "previous": previous.sha256 if previous is not None else None},
    )  # fmt: skip
    return _out(photo)


def photo_file(session: Session, actor: Actor, regno: str, thumbnail: bool = False) -> PhotoFile:
    """The current photograph (or its thumbnail) of a person the actor may see."""
    person = queries.load_person(session, actor, regno)
    photo = _current(session, person.id)
    if photo is None:
        raise NotFound(Msg("This person has no photograph."))
    return PhotoFile(photo.thumbnail if thumbnail else photo.image, photo.sha256)


def photos_of(session: Session, actor: Actor, regno: str) -> list[PhotoOut]:
    """Every photograph of the person, the current one first, then newest first."""
    person = queries.load_person(session, actor, regno)
    rows = session.scalars(
        select(PersonPhoto)
        .where(PersonPhoto.person_id == person.id)
        .order_by(PersonPhoto.retired_at.is_not(None), PersonPhoto.created_at.desc())
    )
    return [_out(p) for p in rows]


def current_photo(session: Session, actor: Actor, person_id: uuid.UUID) -> PhotoFile | None:
    """The current photograph of a person the actor may see (for the documents issued)."""
    actor.require(Permission.PERSON_READ)
    photo = session.scalar(
        _visible_photos(actor, person_id).where(PersonPhoto.retired_at.is_(None))
    )
    return None if photo is None else PhotoFile(photo.image, photo.sha256)


def photo_with_digest(
    session: Session, actor: Actor, person_id: uuid.UUID, digest: bytes
) -> PhotoFile | None:
    """The person's photograph, current or earlier, whose SHA-256 starts with ``digest`` (the
    cut hash a signed document carries), or None."""
    actor.require(Permission.PERSON_READ)
    photo = session.scalars(
        _visible_photos(actor, person_id).where(PersonPhoto.sha256.startswith(digest.hex()))
    ).first()
    return None if photo is None else PhotoFile(photo.image, photo.sha256)
