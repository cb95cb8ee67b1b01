"""Demo photographs: drawn silhouettes, never a real face. Each is made from the person's
id (the same person always gets the same picture) and goes through the registry's photo
service like an upload, for the people the credentials demo may issue papers to."""

from __future__ import annotations

import io
import random
import uuid

from PIL import Image, ImageDraw
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from sijill.access import service as access_service
from sijill.access.models import User
from sijill.arms.models import WeaponPermit
from sijill.db import unit_of_work
from sijill.registry import photos
from sijill.registry.models import Person

SIZE = (240, 300)
BACKGROUNDS = ((214, 226, 236), (226, 220, 206), (210, 230, 214), (232, 214, 214))
SKIN = ((238, 206, 178), (214, 170, 130), (176, 128, 90), (128, 88, 60))
CLOTHES = ((60, 72, 90), (90, 60, 50), (50, 80, 60), (70, 70, 70), (120, 110, 90))
HAIR = ((30, 24, 20), (70, 50, 30), (110, 100, 90), (20, 20, 20))
MAX_BYTES = 1_000_000  # a drawn avatar is a few kilobytes
FIRST_PEOPLE = 40  # the credentials demo picks its holders among the first registered


def avatar(seed: uuid.UUID | str, size: tuple[int, int] = SIZE) -> bytes:
    """A JPEG of a drawn head-and-shoulders silhouette, its colours chosen by ``seed``."""
    rng = random.Random(str(seed))
    w, h = size
    image = Image.new("RGB", size, rng.choice(BACKGROUNDS))
    draw = ImageDraw.Draw(image)
    cx = w // 2 + rng.randint(-w // 20, w // 20)
    head_w, head_h = w * rng.uniform(0.30, 0.38), h * rng.uniform(0.32, 0.38)
    top = h * rng.uniform(0.14, 0.20)
    draw.ellipse((cx - w * 0.45, h * 0.70, cx + w * 0.45, h * 1.25), fill=rng.choice(CLOTHES))
    skin = rng.choice(SKIN)
    draw.rectangle((cx - w * 0.07, top + head_h * 0.8, cx + w * 0.07, h * 0.75), fill=skin)
    draw.ellipse((cx - head_w / 2, top, cx + head_w / 2, top + head_h), fill=skin)
    hair = rng.choice(HAIR)
    draw.chord((cx - head_w / 2, top - 4, cx + head_w / 2, top + head_h * 0.7), 180, 360, hair)
    if rng.random() < 0.5:  # a beard
        draw.chord(
            (cx - head_w / 2, top + head_h * 0.5, cx + head_w / 2, top + head_h * 1.04),
            0, 180, hair,
        )  # fmt: skip
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


def _regnos(session: Session) -> list[str]:
    first = session.scalars(select(Person.regno).order_by(Person.created_at).limit(FIRST_PEOPLE))
    holders = session.scalars(
        select(Person.regno).join(WeaponPermit, WeaponPermit.person_id == Person.id).distinct()
    )
    return sorted(set(first) | set(holders))


def load(factory: sessionmaker[Session]) -> int:
    """Photograph the people who may get papers in the demo; returns how many."""
    with unit_of_work(factory) as session:
        if session.scalar(select(User.id).where(User.username == "supervisor")) is None:
            return 0
        actor = access_service.actor_for(access_service.user_by_username(session, "supervisor"))
        regnos = _regnos(session)
        rows = session.execute(select(Person.regno, Person.id).where(Person.regno.in_(regnos)))
        ids = {regno: person_id for regno, person_id in rows}
        for regno in regnos:
            photos.set_photo(session, actor, regno, avatar(ids[regno]), MAX_BYTES)
    return len(regnos)
