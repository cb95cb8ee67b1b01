"""Re-screen the registry when a list changes, as a background job with progress.

- Delta (after an import): only the snapshot's new and changed entries, against the whole
  registry. Candidates come from the registry's own name index (``name_token``): people
  holding keys of two parts of a listed name, any spelling or script (the index's pair
  keys), and the people of groups that match a listed organisation; they are then screened
  against those entries only.
- Full (on demand): every person against every current entry; with ``workers`` above 1
  the scoring runs in that many forked processes sharing the index (copy-on-write), the
  database reads and writes staying in the job's process.

Each batch commits with its progress (``sijill.jobs``). Screening runs are recorded for the
people screened: everyone in a full re-screen, the candidates in a delta one.
"""

from __future__ import annotations

import multiprocessing
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import combinations
from multiprocessing.pool import Pool
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.access.permissions import Permission
from sijill.errors import Msg, NotFound
from sijill.jobs import service as jobs
from sijill.jobs.runner import JobContext
from sijill.jobs.schemas import JobOut
from sijill.matching.algorithms import MatchResult
from sijill.matching.records import ORGANIZATION, MatchRecord
from sijill.names.keys import search_key_groups
from sijill.registry.models import Affiliation, ArmedGroup, NameToken
from sijill.screening import cache, subjects
from sijill.screening.cache import LoadedIndex
from sijill.screening.index import MAX_KEYS_PER_PART, MAX_PARTS, Hit
from sijill.screening.lists import current_versions
from sijill.screening.models import ListSnapshot, ScreeningRun, SnapshotChange
from sijill.screening.service import apply_hits
from sijill.screening.workflow import Change, RunReason
from sijill.timeutil import utcnow

KIND: Final = "screening.rescreen"
BATCH: Final = 1000
PARALLEL_FROM: Final = 1000  # entries: a smaller index is screened in the job's process


def start(
    session: Session, actor: Actor, snapshot_id: uuid.UUID | None, workers: int = 1
) -> JobOut:
    """Queue a re-screen: of a snapshot's changes, or (None) of everything, scored in
    ``workers`` processes (the CLI's; a web server's jobs run in its own process)."""
    actor.require(Permission.SCREENING_LISTS)
    if snapshot_id is not None and session.get(ListSnapshot, snapshot_id) is None:
        raise NotFound(Msg("No such list snapshot."))
    label = Msg("Re-screen: changed list entries") if snapshot_id else Msg("Re-screen: everyone")
    params = {"snapshot": str(snapshot_id) if snapshot_id else None, "workers": workers}
    return jobs.create(session, actor, KIND, label, params)


def _changed_rows(session: Session, snapshot_id: uuid.UUID) -> list[uuid.UUID]:
    stmt = select(SnapshotChange.entry_row_id).where(
        SnapshotChange.snapshot_id == snapshot_id,
        SnapshotChange.change.in_((Change.ADDED, Change.CHANGED)),
    )
    return list(session.scalars(stmt))


def _key_pairs(name: str) -> set[tuple[tuple[str, ...], tuple[str, ...]]]:
    """The pairs of part key groups of a name (a name of one part: its group twice)."""
    groups = [tuple(g[:MAX_KEYS_PER_PART]) for g in search_key_groups(name)][:MAX_PARTS]
    if len(groups) == 1:
        return {(groups[0], groups[0])}
    return set(combinations(groups, 2))


def _name_holders(session: Session, names: Iterable[str]) -> set[uuid.UUID]:
    """People holding keys of two parts of one of the names (each pair of parts asked
    once: an entry's names share most of theirs)."""
    pairs = {pair for name in names for pair in _key_pairs(name)}
    found: set[uuid.UUID] = set()
    for left, right in pairs:
        holders = select(NameToken.person_id).where(NameToken.token.in_(right))
        stmt = select(NameToken.person_id).where(
            NameToken.token.in_(left), NameToken.person_id.in_(holders)
        )
        found.update(session.scalars(stmt))
    return found


def _group_members(session: Session, loaded: LoadedIndex) -> set[uuid.UUID]:
    groups = session.scalars(select(ArmedGroup))
    records = ((g, MatchRecord((g.name, *g.aliases), schema=ORGANIZATION)) for g in groups)
    listed = [g for g, record in records if loaded.index.screen(record)]
    if not listed:
        return set()
    stmt = select(Affiliation.person_id).where(
        Affiliation.group_id.in_([g.id for g in listed]), Affiliation.retired_at.is_(None)
    )
    return set(session.scalars(stmt))


def delta_candidates(session: Session, loaded: LoadedIndex) -> list[uuid.UUID]:
    """People who may match one of the index's entries."""
    names = (name for entry in loaded.index.entries if entry.is_person for name in entry.all_names)
    found = _name_holders(session, names)
    if any(not e.is_person for e in loaded.index.entries):
        found |= _group_members(session, loaded)
    return sorted(found)


def screen_batch(
    session: Session, actor: Actor, ids: Sequence[uuid.UUID], loaded: LoadedIndex,
    versions: dict[str, int], reason: RunReason, pool: Pool | None = None,
) -> tuple[int, int]:  # fmt: skip
    """Screen these people against ``loaded`` (in ``pool``'s processes when given, which
    share ``loaded``'s index): (hits, hits raised)."""
    counts: dict[uuid.UUID, list[int]] = {pid: [0, 0] for pid in ids}
    batch = subjects.load(session, ids)
    for subject, found in zip(batch, _screen_all(loaded, batch, pool), strict=True):
        counts[subject.person_id][0] += len(found)
        counts[subject.person_id][1] += apply_hits(session, actor, subject, found, loaded.row_ids)
    now = utcnow()
    session.add_all(
        ScreeningRun(person_id=pid, at=now, actor=actor.username, reason=reason.value,
                     versions=versions, hits=hits, new_hits=raised)
        for pid, (hits, raised) in counts.items()
    )  # fmt: skip
    return sum(c[0] for c in counts.values()), sum(c[1] for c in counts.values())


_SHARED: list[LoadedIndex] = []  # the index the pool's forked processes screen against
CHUNK: Final = 50  # records sent to a worker process at a time


def _screen_chunk(records: list[MatchRecord]) -> list[list[tuple[int, MatchResult]]]:
    """In a worker process: each record's hits, as (index position, result)."""
    index = _SHARED[0].index
    return [[(h.position, h.result) for h in index.screen(r)] for r in records]


def _screen_all(
    loaded: LoadedIndex, batch: Sequence[subjects.Subject], pool: Pool | None
) -> list[list[Hit]]:
    records = [s.record for s in batch]
    if pool is None:
        return [loaded.index.screen(r) for r in records]
    chunks = [records[i : i + CHUNK] for i in range(0, len(records), CHUNK)]
    entries = loaded.index.entries
    return [
        [Hit(entries[position], result, position) for position, result in found]
        for chunk in pool.map(_screen_chunk, chunks)
        for found in chunk
    ]


@contextmanager
def _pool(loaded: LoadedIndex, workers: int) -> Iterator[Pool | None]:
    """Worker processes forked with ``loaded`` (none for one worker or a small index)."""
    if workers <= 1 or len(loaded.index) < PARALLEL_FROM:
        yield None
        return
    _SHARED[:] = [loaded]
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            yield pool
    finally:
        _SHARED.clear()


def _plan(
    session: Session, snapshot: str | None
) -> tuple[LoadedIndex, Iterator[list[uuid.UUID]], int]:
    if snapshot is None:
        loaded = cache.current(session)
        batches = [b for batch in subjects.all_person_ids(session) for b in _chunks(batch)]
        return loaded, iter(batches), sum(len(b) for b in batches)
    loaded = cache.entry_rows(session, _changed_rows(session, uuid.UUID(snapshot)))
    people = delta_candidates(session, loaded) if len(loaded.index) else []
    return loaded, _chunks(people), len(people)


def _chunks(ids: Sequence[uuid.UUID]) -> Iterator[list[uuid.UUID]]:
    for start in range(0, len(ids), BATCH):
        yield list(ids[start : start + BATCH])


def work(ctx: JobContext) -> dict[str, Any]:
    """The job: plan, then screen batch by batch with progress."""
    snapshot = ctx.params.get("snapshot")
    reason = RunReason.LIST_CHANGE if snapshot else RunReason.FULL
    with ctx.unit() as session:
        loaded, batches, total = _plan(session, snapshot)
        versions = current_versions(session)
        ctx.progress(session, 0, total, f"{len(loaded.index)} entries")
    done = hits = raised = 0
    with _pool(loaded, int(ctx.params.get("workers") or 1)) as pool:
        for batch in batches:
            with ctx.unit() as session:
                found, new = screen_batch(session, ctx.actor, batch, loaded, versions, reason, pool)
                done, hits, raised = done + len(batch), hits + found, raised + new
                ctx.progress(session, done, total)
    return {"entries": len(loaded.index), "people": done, "hits": hits, "raised": raised}
