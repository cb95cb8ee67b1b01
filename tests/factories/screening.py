"""Watch lists for tests: the synthetic samples of tests/data/screening, imported."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from sijill.access.actor import Actor, operator_actor
from sijill.screening.lists import ListFile, import_list
from sijill.screening.schemas import SnapshotOut

DATA = Path(__file__).resolve().parents[1] / "data" / "screening"
MAX_BYTES = 10_000_000


def sample(name: str) -> bytes:
    return (DATA / name).read_bytes()


def import_sample(
    session: Session,
    file: str = "un_sample.xml",
    list_name: str = "UN Consolidated",
    fmt: str = "un",
    actor: Actor | None = None,
) -> SnapshotOut:
    upload = ListFile(sample(file), file)
    return import_list(session, actor or operator_actor(), list_name, fmt, upload, MAX_BYTES)
