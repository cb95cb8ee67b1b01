"""Candidate pairs and merges for tests: two registrations of one (synthetic) person."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from factories.access import make_actor
from factories.registry import person_in, register
from sijill.access.actor import Actor
from sijill.access.permissions import Role
from sijill.dedup import batch
from sijill.dedup import service as dedup_service
from sijill.dedup.models import DedupPair
from sijill.dedup.people import match_record
from sijill.dedup.schemas import MergeOut, ProposeMergeIn
from sijill.matching import PersonMatcher
from sijill.registry import service as registry_service
from sijill.registry.schemas import DocumentIn, PersonIn, PersonOut
from sijill.registry.vocab import DocumentType


def second_registration(**extra: Any) -> PersonIn:
    """The second registration of the man ``make_twins`` registers first."""
    again = DocumentIn(doc_type=DocumentType.PASSPORT, issuing_state="UZ", number="N1234567",
                       shared_number_reason="Presented again at registration")  # fmt: skip
    return person_in("خالد الحموي", "Abu Omar", year=1982, documents=[again], **extra)


def make_twins(session: Session, registrar: Actor) -> tuple[PersonOut, PersonOut]:
    """The same man registered twice: Latin and Arabic script, the same passport."""
    a = register(session, registrar, "Khaled al-Hamwi", year=1982, document="N1234567")
    b = registry_service.register_person(
        session, registrar, second_registration(), None, "a planted duplicate for review"
    )
    return a, b


def make_pair(session: Session, a: PersonOut, b: PersonOut) -> uuid.UUID:
    """Queue the pair of ``a`` and ``b`` scored by sijill-person, as a batch run would."""
    rows = {row.key: row for row in batch.load_rows(session, [a.id, b.id])}
    row_a, row_b = rows[str(a.id)], rows[str(b.id)]
    result = PersonMatcher().score(match_record(row_a), match_record(row_b))
    batch.store(session, None, row_a, row_b, result)
    low, high = sorted((a.id, b.id), key=str)
    stmt = select(DedupPair.id).where(DedupPair.person_a_id == low, DedupPair.person_b_id == high)
    pair_id = session.scalar(stmt)
    assert pair_id is not None
    return pair_id


def propose(session: Session, officer: Actor, pair_id: uuid.UUID, survivor: PersonOut) -> MergeOut:
    data = ProposeMergeIn(survivor_regno=survivor.regno, reason="Same passport, same name")
    return dedup_service.propose_merge(session, officer, pair_id, data)


def dedup_world(session: Session, office: str) -> dict[str, Any]:
    """For the authorization matrix: a queued pair and a proposed merge of another pair."""
    registrar = make_actor(session, Role.REGISTRAR, office)
    a, b = make_twins(session, registrar)
    c = register(session, registrar, "Omar Haddad", year=1975, document="R7654321")
    d = register(session, registrar, "عمر حداد", year=1975)
    merge = propose(
        session, make_actor(session, Role.SCREENING, office), make_pair(session, c, d), c
    )
    return {"pair_id": make_pair(session, a, b), "merge_id": merge.id, "survivor": a.regno}


def dedup_bodies(ctx: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        ("POST", "/api/v1/dedup/pairs/{pair_id}/not-same"): {"reason": "Brothers"},
        ("POST", "/api/v1/dedup/pairs/{pair_id}/merge"): {"survivor_regno": ctx["survivor"],
                                                          "reason": "Same man"},
        ("POST", "/api/v1/dedup/merges/{merge_id}/decision"): {"approve": False},
    }  # fmt: skip


def dedup_forms(ctx: dict[str, Any]) -> dict[tuple[str, str], dict[str, str]]:
    csrf = ctx["csrf"]
    return {
        ("POST", "/dedup/pairs/{pair_id}/merge"): {"csrf_token": csrf,
                                                   "survivor_regno": ctx["survivor"],
                                                   "reason": "Same man"},
        ("POST", "/dedup/merges/{merge_id}/decision"): {"csrf_token": csrf, "approve": "no"},
    }  # fmt: skip
