"""Audit log benchmarks: the Merkle root of a large log, and checkpointing, proving and
verifying a log of real audit entries in a database. Prints JSON.

    python benchmarks/audit_bench.py root [--leaves 10000000]
    python benchmarks/audit_bench.py log [--entries 1000000] [--pg URL]
    python benchmarks/audit_bench.py verify [--entries 10000000] [--workers 2] [--every 1000000]

``root`` streams synthetic 32-byte entry hashes (a seeded generator, timed apart) through the
RFC 6962 leaf hash and the tree builder, keeping only the tree's right border in memory.
``log`` fills a database (benchmarks/.data/audit-N.db for SQLite, reused when it already holds
N entries; or the given PostgreSQL database, emptied first) with entries shaped like the
registry's ``registry:person:*`` entries, then times: the first checkpoint (reads and
re-hashes every entry), a full ``verify`` (what ``sijill audit verify`` does), a second
checkpoint after 10,000 more entries (reads only those), and one inclusion proof.
``verify`` times ``sijill audit verify`` (the service call) on a SQLite log built directly
(benchmarks/.data/audit-verify-N.db, reused): entries shaped as above inserted in bulk with
their hashes, and a signed checkpoint every ``--every`` entries computed on the way (the
Merkle tree in Python, the key kept beside the database), instead of through the services.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import random
import resource
import sqlite3
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, insert, select, text
from sqlalchemy.engine import Engine

from sijill.access.actor import operator_actor
from sijill.audit import merkle, verify
from sijill.audit import service as audit
from sijill.audit.checkpoints import (
    Checkpoint,
    Signer,
    default_origin,
    sign_checkpoint,
    signing_key,
)
from sijill.audit.models import AuditCheckpoint, AuditEntry
from sijill.db import make_engine, make_session_factory, table_of, unit_of_work
from sijill.migrations import runner
from sijill.timeutil import utcnow

DATA = Path(__file__).parent / ".data"
FIELDS = ["names", "sex", "date_of_birth", "nationalities", "documents", "placements"]


def synthetic_hashes(count: int, seed: int = 7) -> Iterator[bytes]:
    rng = random.Random(seed)
    chunk = 65_536
    for start in range(0, count, chunk):
        block = rng.randbytes(32 * min(chunk, count - start))
        yield from (block[i : i + 32] for i in range(0, len(block), 32))


def bench_root(leaves: int) -> dict[str, Any]:
    _, generating = _timed(lambda: sum(1 for _ in synthetic_hashes(leaves)))
    tree = merkle.TreeBuilder()
    _, total = _timed(lambda: tree.extend(map(merkle.leaf_hash, synthetic_hashes(leaves))))
    return {
        "leaves": leaves,
        **total,
        "generating_synthetic_hashes_alone": generating,
        "microseconds_per_leaf": round(1e6 * total["seconds"] / leaves, 3),
        "cpu_microseconds_per_leaf": round(1e6 * total["cpu_seconds"] / leaves, 3),
        "border_hashes_kept": len(tree.border()),
        "root": tree.root().hex(),
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
    }


@dataclass
class _Fields:
    at: Any
    actor: str
    actor_id: uuid.UUID | None
    office_code: str | None
    tag: str
    object_type: str
    object_id: str
    data: dict[str, Any]


def _rows(count: int, seed: int) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    actors = [(f"registrar{i}", f"O{i % 12}") for i in range(40)]
    for n in range(count):
        actor, office = rng.choice(actors)
        version = rng.choice((1, 1, 1, 2, 3))
        fields = _Fields(
            at=utcnow(),
            actor=actor,
            actor_id=None,  # no user rows in this database (a foreign key)
            office_code=office,
            tag="registry:person:create" if version == 1 else "registry:person:update",
            object_type="person",
            object_id=str(uuid.UUID(int=rng.getrandbits(128))),
            data={
                "regno": f"SJ-{seed:02d}{n:08d}-X",
                "version": version,
                "changed": sorted(rng.sample(FIELDS, rng.randint(1, len(FIELDS)))),
                "sha256": hashlib.sha256(n.to_bytes(8, "big")).hexdigest(),
            },
        )
        yield {**vars(fields), "entry_hash": audit.entry_hash(fields)}


def fill(engine: Engine, count: int, seed: int) -> float:
    started = time.perf_counter()
    table, batch = table_of(AuditEntry), []
    for row in _rows(count, seed):
        batch.append(row)
        if len(batch) == 20_000:
            with engine.begin() as conn:
                conn.execute(insert(table), batch)
            batch = []
    if batch:
        with engine.begin() as conn:
            conn.execute(insert(table), batch)
    return time.perf_counter() - started


def _engine(pg: str | None, entries: int) -> tuple[Engine, float | None]:
    if pg is None:
        DATA.mkdir(exist_ok=True)
        engine = make_engine(f"sqlite:///{DATA / f'audit-{entries}.db'}")
    else:
        engine = make_engine(pg)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    runner.upgrade(engine)
    table = table_of(AuditEntry)
    with engine.begin() as conn:
        conn.execute(table_of(AuditCheckpoint).delete())
        nth = conn.scalar(select(table.c.seq).order_by(table.c.seq).offset(entries - 1).limit(1))
        if nth is not None:  # drop what an earlier run added after the first N
            conn.execute(table.delete().where(table.c.seq > nth))
        held = conn.scalar(select(func.count()).select_from(table)) or 0
    if held == entries:
        return engine, None
    with engine.begin() as conn:
        conn.execute(table_of(AuditEntry).delete())
    return engine, fill(engine, entries, seed=1)


def _cpu() -> float:
    """CPU seconds of this process and its finished children: on a shared machine, what the
    work costs apart from waiting for a core."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(what: Any) -> tuple[Any, dict[str, float]]:
    started, cpu = time.perf_counter(), _cpu()
    result = what()
    seconds = time.perf_counter() - started
    return result, {"seconds": round(seconds, 2), "cpu_seconds": round(_cpu() - cpu, 2)}


@dataclass
class _Log:
    """The service calls timed, each in its own transaction as the CLI runs them."""

    engine: Engine
    key: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)

    def checkpoint(self) -> int:
        with unit_of_work(make_session_factory(self.engine)) as session:
            return audit.create_checkpoint(session, operator_actor(), self.key).tree_size

    def verify(self, workers: int) -> int:
        with unit_of_work(make_session_factory(self.engine)) as session:
            verifier = audit.log_verifier(session, self.key)
            report = audit.verify_log(session, operator_actor(), verifier, workers=workers)
        assert report.ok, report.problems[:5]
        return report.entries

    def prove(self, seq: int) -> int:
        with unit_of_work(make_session_factory(self.engine)) as session:
            return len(audit.inclusion_proof(session, operator_actor(), seq).proof)


def bench_log(entries: int, pg: str | None) -> dict[str, Any]:
    engine, filling = _engine(pg, entries)
    log, workers = _Log(engine), os.cpu_count() or 1
    size, first = _timed(log.checkpoint)
    checked, one = _timed(lambda: log.verify(1))
    _, parallel = _timed(lambda: log.verify(workers))
    fill(engine, 10_000, seed=2)
    second_size, second = _timed(log.checkpoint)
    hashes, proving = _timed(lambda: log.prove(entries // 2))
    engine.dispose()
    per_million = 1e6 / checked
    return {
        "backend": "postgresql" if pg else "sqlite",
        "entries": entries,
        "seconds_filling": None if filling is None else round(filling, 1),
        "first_checkpoint": {"tree_size": size, **first},
        "verify_one_process": {
            "entries": checked,
            **one,
            "seconds_per_million": round(one["seconds"] * per_million, 2),
            "cpu_seconds_per_million": round(one["cpu_seconds"] * per_million, 2),
        },
        f"verify_{workers}_workers": {
            "seconds": parallel["seconds"],
            "seconds_per_million": round(parallel["seconds"] * per_million, 2),
            # the workers are the forkserver's children, not ours: only the ordered walk here
            "main_process_cpu_seconds": parallel["cpu_seconds"],
        },
        "checkpoint_after_10000_more": {"tree_size": second_size, **second},
        "inclusion_proof": {"hashes": hashes, **proving},
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "cpus": workers,
    }


def _compact_rows(count: int, start: int, seed: int) -> Iterator[tuple[Any, ...]]:
    """Entries as SQLite stores them (what SQLAlchemy writes), with their hashes."""
    rng = random.Random(seed)
    actors = [(f"registrar{i}", f"O{i % 12}") for i in range(40)]
    base = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    for n in range(start, start + count):
        actor, office = rng.choice(actors)
        version = rng.choice((1, 1, 1, 2, 3))
        at = base + dt.timedelta(microseconds=1000 * n + rng.randrange(1000))
        tag = "registry:person:create" if version == 1 else "registry:person:update"
        object_id = str(uuid.UUID(int=rng.getrandbits(128)))
        data = {"regno": f"SJ-{n:09d}-X", "version": version}
        body = {
            "at": at.isoformat(),
            "actor": actor,
            "actor_id": None,
            "office": office,
            "tag": tag,
            "object_type": "person",
            "object_id": object_id,
            "data": data,
        }
        stored_at = at.strftime("%Y-%m-%d %H:%M:%S.%f")
        row = (n + 1, stored_at, actor, office, tag, "person", object_id, json.dumps(data))
        yield (*row, verify.body_hash(body))


def _checkpoint_row(tree: merkle.TreeBuilder, first: int, fps: bytes, key: Any) -> tuple[Any, ...]:
    origin = default_origin(key)
    note = sign_checkpoint(Checkpoint(origin, tree.size, tree.root()), Signer(origin, key))
    ranges = json.dumps([[first, tree.size]])
    created = utcnow().strftime("%Y-%m-%d %H:%M:%S.%f")
    border = b"".join(tree.border())
    return (created, origin, tree.size, tree.root(), note, ranges, fps, border)


def build_log(path: Path, entries: int, every: int) -> float:
    """A migrated SQLite log of ``entries`` entries with a checkpoint every ``every``."""
    started = time.perf_counter()
    runner.upgrade(make_engine(f"sqlite:///{path}"))
    key = signing_key(path.with_suffix(".pem"))
    tree, db = merkle.TreeBuilder(), sqlite3.connect(path)
    insert_entry = (
        "INSERT INTO audit_entry (seq, at, actor, office_code, tag, object_type, object_id,"
        " data, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )
    insert_checkpoint = (
        "INSERT INTO audit_checkpoint (created_at, origin, tree_size, root_hash, note,"
        " seq_ranges, fingerprints, border) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
    )
    for first in range(0, entries, every):
        rows = list(_compact_rows(min(every, entries - first), first, seed=first))
        leaves = [bytes.fromhex(row[-1]) for row in rows]
        tree.extend(map(merkle.leaf_hash, leaves))
        fps = b"".join(leaf[: verify.FINGERPRINT_SIZE] for leaf in leaves)
        with db:
            db.executemany(insert_entry, rows)
            db.execute(insert_checkpoint, _checkpoint_row(tree, first + 1, fps, key))
    db.close()
    return time.perf_counter() - started


def bench_verify(entries: int, workers: int, every: int) -> dict[str, Any]:
    DATA.mkdir(exist_ok=True)
    path = DATA / f"audit-verify-{entries}.db"
    building = None if path.exists() else round(build_log(path, entries, every), 1)
    engine = make_engine(f"sqlite:///{path}")
    log = _Log(engine, signing_key(path.with_suffix(".pem")))
    checked, timing = _timed(lambda: log.verify(workers))
    engine.dispose()
    return {
        "backend": "sqlite",
        "entries": checked,
        "checkpoint_every": every,
        "seconds_building": building,
        "database_gb": round(path.stat().st_size / 1e9, 2),
        "workers": workers,
        **timing,
        "seconds_per_million": round(timing["seconds"] * 1e6 / checked, 2),
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "cpus": os.cpu_count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="bench", required=True)
    sub.add_parser("root").add_argument("--leaves", type=int, default=10_000_000)
    p = sub.add_parser("log")
    p.add_argument("--entries", type=int, default=1_000_000)
    p.add_argument("--pg", help="PostgreSQL URL (its public schema is dropped)")
    p = sub.add_parser("verify")
    p.add_argument("--entries", type=int, default=10_000_000)
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    p.add_argument("--every", type=int, default=1_000_000, help="entries per checkpoint")
    args = parser.parse_args()
    if args.bench == "root":
        figures = bench_root(args.leaves)
    elif args.bench == "log":
        figures = bench_log(args.entries, args.pg)
    else:
        figures = bench_verify(args.entries, args.workers, args.every)
    machine = {"python": platform.python_version(), "machine": platform.machine()}
    print(json.dumps({"bench": args.bench, **figures, **machine}, indent=2))


if __name__ == "__main__":
    main()
