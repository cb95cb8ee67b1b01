"""Photographs of a weapon: files in the data directory named by their SHA-256."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.access.permissions import Permission
from sijill.arms import queries
from sijill.arms.models import WeaponPhoto
from sijill.arms.schemas import PhotoOut
from sijill.audit import service as audit
from sijill.errors import InvalidInput, Msg, NotFound

# The image types accepted, by the bytes they start with.
SIGNATURES = {
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/webp": (b"RIFF",),
}


def media_type_of(content: bytes) -> str | None:
    for media_type, prefixes in SIGNATURES.items():
        webp_ok = media_type != "image/webp" or content[8:12] == b"WEBP"
        if webp_ok and any(content.startswith(p) for p in prefixes):
            return media_type
    return None


def path_of(photo_dir: Path, sha256: str) -> Path:
    return photo_dir / sha256[:2] / sha256


def add_photo(
    session: Session, actor: Actor, ref: str, content: bytes, photo_dir: Path, max_bytes: int
) -> PhotoOut:
    """Store a photograph of a weapon (the same picture twice is kept once)."""
    actor.require(Permission.WEAPON_RECORD)
    weapon, _ = queries.load_weapon(session, actor, ref)
    if not content:
        raise InvalidInput({"photo": Msg("The file is empty.")})
    if len(content) > max_bytes:
        raise InvalidInput(
            {"photo": Msg("The photograph is too large: at most {limit} bytes.", limit=max_bytes)}
        )
    media_type = media_type_of(content)
    if media_type is None:
        raise InvalidInput({"photo": Msg("Send a JPEG, PNG or WebP picture.")})
    sha256 = hashlib.sha256(content).hexdigest()
    existing = session.scalar(
        select(WeaponPhoto).where(WeaponPhoto.weapon_id == weapon.id, WeaponPhoto.sha256 == sha256)
    )
    if existing is None:
        target = path_of(photo_dir, sha256)
        if not target.exists():  # content-addressed: a file left by a rolled-back upload is reused
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(".part")
            partial.write_bytes(content)
            partial.replace(target)
        existing = WeaponPhoto(
            weapon_id=weapon.id, sha256=sha256, media_type=media_type, size=len(content),
            created_by=actor.username,
        )  # fmt: skip
        session.add(existing)
        session.flush()  # the id goes into the audit entry
        audit.record(
            session, actor, "arms:photo:add", "weapon", weapon.id,
            {"ref": weapon.ref, "sha256": sha256, "size": len(content)},
        )  # fmt: skip
    return PhotoOut(id=existing.id, sha256=sha256, media_type=media_type, size=existing.size)


def photo_file(
    session: Session, actor: Actor, ref: str, sha256: str, photo_dir: Path
) -> tuple[Path, str]:
    """The file of one photograph of a weapon the actor may see, and its media type."""
    weapon, _ = queries.load_weapon(session, actor, ref)
    photo = session.scalar(
        select(WeaponPhoto).where(WeaponPhoto.weapon_id == weapon.id, WeaponPhoto.sha256 == sha256)
    )
    path = path_of(photo_dir, sha256) if photo is not None else None
    if photo is None or path is None or not path.exists():
        raise NotFound(Msg("No such photograph."))
    return path, photo.media_type
