"""Verification of an intact audit log, fast: chunks of entries checked apart (in worker
processes for a large log), then put together.

The leaves the checkpoints cover are cut into chunks of ``CHUNK`` leaves (a power of two), so
each chunk is a complete subtree of the RFC 6962 tree: a chunk recomputes its entries' hashes
from their fields, checks their seqs and fingerprints against the checkpoints' locators, and
hashes its subtree, keeping the few inner nodes a checkpoint ending inside it needs. The main
process folds the chunks' subtrees into the tree's right border and compares each signed root.
Entries after the latest checkpoint are only re-hashed (and, on SQLite, checked for gaps).

This path only ever answers "intact": at the first thing that is not as the checkpoints say
(or that it does not read exactly as the application would) it gives up and the caller runs
the full verification of :mod:`sijill.audit.verify`, which names what changed.
"""

from __future__ import annotations

import itertools
import json
import multiprocessing
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from hashlib import sha256
from typing import Any

from sqlalchemy import Connection, Engine, func, select

from sijill.audit import merkle, verify
from sijill.audit.checkpoints import Verifier
from sijill.audit.models import AuditEntry
from sijill.db import make_engine

CHUNK = 1 << 16  # leaves per chunk: a complete subtree
TAIL_CHUNK = 100_000  # seqs per chunk after the latest checkpoint

Ranges = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Task:
    """The entries with ``after`` < seq <= ``upto`` (None: unbounded). A covered chunk lists
    the seqs and fingerprints the checkpoints expect, and the leaf offsets where a signed
    root is to be compared; a tail chunk (``ranges`` None) expects nothing."""

    after: int | None
    upto: int | None
    ranges: Ranges | None = None
    fingerprints: bytes = b""
    targets: tuple[int, ...] = ()
    width: int = CHUNK


@dataclass
class Outcome:
    intact: bool
    count: int = 0
    seqs: tuple[int, int] | None = None  # the first and last seq read
    gaps: list[tuple[int, int]] = field(default_factory=list)  # missing seqs [a, b], inside
    subtree: bytes | None = None  # a complete chunk's subtree hash
    partial: dict[int, list[bytes]] = field(default_factory=dict)  # offset -> its border


_SELECT = (
    "SELECT seq, entry_hash, at, actor, actor_id, office_code, tag, object_type, object_id, data"
    " FROM audit_entry WHERE seq > ? AND seq <= ? ORDER BY seq"
)
_AT = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}")  # as SQLAlchemy stores it
_UUID_HEX = re.compile(r"[0-9a-f]{32}")


def _sqlite_hash(row: tuple[Any, ...]) -> str | None:
    """The entry hash from a raw SQLite row, without SQLAlchemy's type processing; None when
    the row is not stored exactly as the application writes it (the full check decides)."""
    _, _, at, actor, actor_id, office, tag, object_type, object_id, data = row
    if type(at) is not str or not _AT.fullmatch(at) or type(data) is not str:
        return None
    if actor_id is not None:
        if type(actor_id) is not str or not _UUID_HEX.fullmatch(actor_id):
            return None
        h = actor_id
        actor_id = f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
    micro = at[20:]
    stamp = f"{at[:10]}T{at[11:19]}{'' if micro == '000000' else '.' + micro}+00:00"
    try:
        loaded = json.loads(data)
    except ValueError:
        return None
    body = {
        "at": stamp,
        "actor": actor,
        "actor_id": actor_id,
        "office": office,
        "tag": tag,
        "object_type": object_type,
        "object_id": object_id,
        "data": loaded,
    }
    return verify.body_hash(body)


def _hashed(connection: Connection, task: Task) -> Iterator[tuple[int, str, str | None]]:
    """(seq, stored entry hash, hash recomputed from the fields) in seq order."""
    low = -(2**62) if task.after is None else task.after
    high = 2**62 if task.upto is None else task.upto
    if connection.dialect.name == "sqlite":
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        cursor.arraysize = 5000
        try:
            for row in cursor.execute(_SELECT, (low, high)):
                yield row[0], row[1], _sqlite_hash(row)
        finally:
            cursor.close()
        return
    from sijill.audit.service import FIELDS, entry_body  # the ORM's reading of every field

    stmt = select(AuditEntry.seq, AuditEntry.entry_hash, *FIELDS).where(
        AuditEntry.seq > low, AuditEntry.seq <= high
    )
    result = connection.execute(stmt.order_by(AuditEntry.seq).execution_options(yield_per=5000))
    with result:
        for row in result:
            yield row.seq, row.entry_hash, verify.body_hash(entry_body(row))


def check(connection: Connection, task: Task) -> Outcome:
    """Check one chunk's entries (in any process)."""
    seqs: list[int] = []
    leaves: list[bytes] = []
    for seq, stored, computed in _hashed(connection, task):
        if computed is None or computed != stored:
            return Outcome(False)
        seqs.append(seq)
        leaves.append(bytes.fromhex(stored))
    if task.ranges is None:
        return _tail(seqs)
    expected = itertools.chain.from_iterable(range(a, b + 1) for a, b in task.ranges)
    if seqs != list(expected):
        return Outcome(False)
    if b"".join(leaf[: verify.FINGERPRINT_SIZE] for leaf in leaves) != task.fingerprints:
        return Outcome(False)
    levels = _levels(leaves)
    partial = {k: _border(levels, k) for k in task.targets}
    subtree = levels[-1][0] if len(leaves) == task.width else None
    return Outcome(True, len(seqs), (seqs[0], seqs[-1]) if seqs else None, [], subtree, partial)


def _tail(seqs: list[int]) -> Outcome:
    gaps = [(a + 1, b - 1) for a, b in itertools.pairwise(seqs) if b > a + 1]
    return Outcome(True, len(seqs), (seqs[0], seqs[-1]) if seqs else None, gaps)


def _levels(leaves: list[bytes]) -> list[list[bytes]]:
    """Every complete node of the subtree over ``leaves``, level by level (leaves first)."""
    level = [sha256(b"\x00" + leaf).digest() for leaf in leaves]
    levels = [level]
    while len(level) > 1:
        level = [
            sha256(b"\x01" + level[i] + level[i + 1]).digest() for i in range(0, len(level) - 1, 2)
        ]
        levels.append(level)
    return levels


def _border(levels: list[list[bytes]], size: int) -> list[bytes]:
    """The complete subtrees covering the first ``size`` leaves, largest first."""
    border, start = [], 0
    for level in range(size.bit_length() - 1, -1, -1):
        if size >> level & 1:
            border.append(levels[level][start >> level])
            start += 1 << level
    return border


def plan(
    located: Sequence[verify.StoredCheckpoint],
    sizes: Sequence[int],
    seqs: tuple[int | None, int | None],
    chunk: int = CHUNK,
    tail_chunk: int = TAIL_CHUNK,
) -> list[Task]:
    """The covered chunks (``chunk`` leaves each, a power of two) of the checkpoints' leaves,
    in order, each with the tree ``sizes`` that end in it; then the entries after the last
    covered seq, in windows of ``tail_chunk`` seqs up to the last of ``seqs`` (the first and
    last seq in the log) and one unbounded window after."""
    ranges = [(int(a), int(b)) for cp in located for a, b in cp.seq_ranges]
    fingerprints = b"".join(cp.fingerprints for cp in located)
    width = verify.FINGERPRINT_SIZE
    tasks: list[Task] = []
    start, previous = 0, None
    for part in _cut(ranges, chunk):
        count = sum(b - a + 1 for a, b in part)
        targets = tuple(n - start for n in sizes if start < n <= start + count)
        fps = fingerprints[start * width : (start + count) * width]
        tasks.append(Task(previous, part[-1][1], tuple(part), fps, targets, chunk))
        start, previous = start + count, part[-1][1]
    first, last = seqs
    low = previous if previous is not None or first is None else first - 1
    while low is not None and last is not None and low < last:
        tasks.append(Task(low, low + tail_chunk))
        low += tail_chunk
    return [*tasks, Task(low, None)]


def _cut(ranges: list[tuple[int, int]], chunk: int) -> Iterator[list[tuple[int, int]]]:
    part: list[tuple[int, int]] = []
    room = chunk
    for a, b in ranges:
        while b - a + 1 >= room:
            part.append((a, a + room - 1))
            yield part
            a, part, room = a + room, [], chunk
        if a <= b:
            part.append((a, b))
            room -= b - a + 1
    if part:
        yield part


def verify_intact(
    connection: Connection,
    stored: Sequence[verify.StoredCheckpoint],
    key: Verifier | None,
    *,
    kept: Sequence[str] = (),
    gaps_are_removals: bool = False,
    url: str | None = None,
    workers: int = 1,
    chunk: int = CHUNK,
) -> verify.Report | None:
    """The report of :func:`sijill.audit.verify.verify_log` when the log is intact, else None
    (then that full verification names what is wrong). With ``url`` and ``workers`` > 1, the
    chunks are checked by that many processes, each with its own connection to ``url``."""
    report = verify.Report(checkpoints=len(stored))
    signed = verify.signed_checkpoints(
        [*stored, *(verify.kept_checkpoint(note) for note in kept)], key, report
    )
    located = verify.valid_locators(stored, report)
    covered = located[-1].tree_size if located else 0
    roots: dict[int, set[bytes]] = {}
    for cp in signed:
        roots.setdefault(cp.size, set()).add(cp.root)
    if report.problems or len(located) != len(stored) or any(n > covered for n in roots):
        return None
    if roots.get(0, {merkle.EMPTY_ROOT}) != {merkle.EMPTY_ROOT}:
        return None
    first, last = connection.execute(
        select(func.min(AuditEntry.seq), func.max(AuditEntry.seq))
    ).one()
    tasks = plan(located, sorted(roots), (first, last), chunk)
    ends = [cp.seq_ranges[-1][1] for cp in located if cp.seq_ranges]
    previous = ends[-1] if ends else (None if not gaps_are_removals else 0)
    border: list[tuple[int, bytes]] = []  # the tree's right border: (leaves, hash)
    size = 0
    for task, outcome in zip(tasks, _outcomes(connection, tasks, url, workers), strict=True):
        if not outcome.intact:
            return None
        report.entries += outcome.count
        if task.ranges is None:
            if not _tail_gaps(report, outcome, previous, gaps_are_removals):
                return None
            previous = outcome.seqs[1] if outcome.seqs else previous
            continue
        before = [h for _, h in border]
        if outcome.subtree is not None:
            _push(border, task.width, outcome.subtree)
        for offset, hashes in outcome.partial.items():
            full = offset == task.width  # the chunk's subtree may merge into the border
            at = [h for _, h in border] if full else before + hashes
            if roots[size + offset] != {merkle.TreeBuilder.resume(size + offset, at).root()}:
                return None
        size += outcome.count
    report.verified_size = max(roots, default=0)
    if not stored:
        report.notes.append("the log has no checkpoint yet: only the entry hashes were checked")
    return report


def _push(border: list[tuple[int, bytes]], width: int, subtree: bytes) -> None:
    border.append((width, subtree))
    while len(border) > 1 and border[-1][0] == border[-2][0]:
        (_, right), (_, left) = border.pop(), border.pop()
        border.append((2 * width, merkle.node_hash(left, right)))
        width *= 2


def _tail_gaps(
    report: verify.Report, outcome: Outcome, previous: int | None, removals: bool
) -> bool:
    """Note the seqs missing after the checkpoints (a PostgreSQL sequence skips the seq of a
    rolled-back insert); False on SQLite, where a missing seq is a removal to be named."""
    if outcome.seqs is None:
        return True
    gaps = list(outcome.gaps)
    if previous is not None and outcome.seqs[0] > previous + 1:
        gaps.insert(0, (previous + 1, outcome.seqs[0] - 1))
    if gaps and removals:
        return False
    for a, b in gaps:
        report.notes.append(
            f"no entry seq {a}"
            + (f" to {b}" if b > a else "")
            + ": a rolled-back transaction, or removed"
        )
    return True


def _outcomes(
    connection: Connection, tasks: list[Task], url: str | None, workers: int
) -> Iterator[Outcome]:
    if url is None or workers <= 1:
        yield from (check(connection, task) for task in tasks)
        return
    context = multiprocessing.get_context("forkserver")  # workers hold no parent connection
    context.set_forkserver_preload([__name__])
    with context.Pool(workers) as pool:
        yield from pool.imap(_check_in_worker, [(url, task) for task in tasks])


_engines: dict[str, Engine] = {}  # one per worker process and database


def _check_in_worker(job: tuple[str, Task]) -> Outcome:
    url, task = job
    engine = _engines.get(url) or _engines.setdefault(url, make_engine(url))
    with engine.connect() as connection:
        return check(connection, task)
