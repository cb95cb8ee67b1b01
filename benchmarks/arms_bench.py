"""Weapons benchmark: the custody history of one weapon and the current-location report over
many weapons and events. Prints JSON.

    python benchmarks/arms_bench.py [--weapons 500000] [--events-per-weapon 10] [--pg URL]

Fills a database (benchmarks/.data/arms-N.db for SQLite, reused when it already holds N
weapons; or the given PostgreSQL database, emptied and migrated first) with synthetic weapons
in 50 facilities of 5 offices, handed in by 20 groups, each with a chain of custody of
``events-per-weapon`` events that the pure custody machine accepts: 75% stored after moves,
10% issued under a permit (returned and issued again), 10% destroyed, 5% reported stolen. The
current-state rows come from replaying each weapon's events through ``sijill.arms.custody``.
Rows are bulk-loaded in one transaction, bypassing the services, with the secondary indexes
of the weapon tables dropped during the load and built again after it: on SQLite through
``sqlite3`` ``executemany`` with the journal and syncing off (for the load only), on
PostgreSQL with ``COPY``. Values go through the columns' SQLAlchemy bind processors, so they
are stored as the application stores them.

Then times, through the same query functions the pages and the API call:
- ``history``: ``arms.queries.history`` of one random weapon (its events with facility,
  person, group and permit names), 300 times;
- ``location report``: ``arms.inventory.by_facility``, weapons per facility and state, for a
  national user (every weapon) and for a field-office user (its office's weapons), 30 times;
  it reads the ``weapon_count`` counters (filled here once from the current-state rows), and
  ``recount`` times the same figures counted from every current-state row instead;
- ``weapons at a facility``: the first page of ``arms.queries.list_weapons`` for one facility.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import platform
import random
import sqlite3
import statistics
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.access.models import Office
from sijill.access.permissions import Role
from sijill.arms import custody, inventory, queries
from sijill.arms.models import (
    CustodyEvent,
    Weapon,
    WeaponCount,
    WeaponCustody,
    WeaponMarking,
    WeaponPermit,
)
from sijill.arms.vocab import EventKind, WeaponType
from sijill.db import Base, make_engine, make_session_factory, table_of
from sijill.migrations import runner
from sijill.registry.models import ArmedGroup, Facility, Person

DATA = Path(__file__).parent / ".data"
T0 = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
CHUNK = 2_000  # weapons
SQLITE = sqlite_dialect.dialect()
TYPES = [WeaponType.ASSAULT_RIFLE] * 6 + [WeaponType.LIGHT_MACHINE_GUN, WeaponType.GRENADE_LAUNCHER,
         WeaponType.REVOLVER_PISTOL, WeaponType.BATTLE_TANK]  # fmt: skip
E = EventKind


def _reference_rows(conn: Any) -> dict[str, list[uuid.UUID]]:
    offices = [uuid.uuid4() for _ in range(5)]
    facilities = [uuid.uuid4() for _ in range(50)]
    groups = [uuid.uuid4() for _ in range(20)]
    people = [uuid.uuid4() for _ in range(2000)]
    now = dt.datetime.now(dt.UTC)
    conn.execute(insert(table_of(Office)), [
        {"id": o, "code": f"B{i}", "name": f"Bench office {i}", "national": i == 0,
         "created_at": now} for i, o in enumerate(offices)])  # fmt: skip
    conn.execute(insert(table_of(Facility)), [
        {"id": f, "name": f"Bench facility {i}", "kind": "base" if i % 2 else "camp",
         "office_id": offices[i % 5], "active": True, "created_at": now}
        for i, f in enumerate(facilities)])  # fmt: skip
    conn.execute(insert(table_of(ArmedGroup)), [
        {"id": g, "name": f"Bench group {i}", "aliases": [], "created_at": now}
        for i, g in enumerate(groups)])  # fmt: skip
    conn.execute(insert(table_of(Person)), [
        {"id": p, "regno": f"BX{i:08d}", "version": 1, "sex": "M", "nationalities": [],
         "languages": [], "primary_name": f"Bench Holder {i}", "office_id": offices[i % 5],
         "created_at": now, "updated_at": now} for i, p in enumerate(people)])  # fmt: skip
    return {"offices": offices, "facilities": facilities, "groups": groups, "people": people}


def _events(
    rng: random.Random, n: int, ref: dict[str, list[uuid.UUID]]
) -> tuple[list[custody.Event], uuid.UUID | None, uuid.UUID | None]:
    """One weapon's events, its holder and permit (for the issued ones)."""
    fac = ref["facilities"]
    camp = rng.choice(fac[0::2])
    at = T0 + dt.timedelta(minutes=rng.randrange(500_000))
    step = dt.timedelta(hours=7)
    roll = rng.random()
    holder = rng.choice(ref["people"]) if 0.75 <= roll < 0.85 else None
    permit = uuid.uuid4() if holder else None
    kinds = [E.HANDED_IN, E.RECEIVED] + [E.MOVED] * (n - 2)
    if holder:
        kinds[-5:] = [E.ISSUED, E.RETURNED, E.MOVED, E.MOVED, E.ISSUED]
    elif roll >= 0.95:
        kinds[-1] = E.REPORTED_STOLEN
    elif roll >= 0.85:
        kinds[-1] = E.DESTROYED
    events = []
    for i, kind in enumerate(kinds):
        place = camp if i == 0 else (rng.choice(fac) if kind in custody.NEEDS_FACILITY else None)
        issued = kind is E.ISSUED
        events.append(custody.Event(
            kind=kind, at=at + i * step, facility_id=place, witnesses=("W1", "W2"),
            group_id=rng.choice(ref["groups"]) if i == 0 else None,
            person_id=holder if issued else None, permit_id=permit if issued else None,
        ))  # fmt: skip
    return events, holder, permit


Rows = dict[str, list[dict[str, Any]]]
Refs = dict[str, list[uuid.UUID]]
OfficeOf = dict[uuid.UUID, uuid.UUID]


def _rows(
    weapon_id: uuid.UUID,
    i: int,
    events: list[custody.Event],
    office_of: OfficeOf,
    holder: uuid.UUID | None,
    permit: uuid.UUID | None,
    kind: WeaponType,
) -> Rows:
    state = custody.replay(events)
    assert state is not None
    now = events[-1].at
    out: Rows = {
        "weapon": [{"id": weapon_id, "ref": f"WB{i:012d}", "weapon_class": kind.weapon_class.value,
                    "weapon_type": kind.value, "model": "AK-47", "condition": "serviceable",
                    "created_at": now, "created_by": "bench"}],
        "marking": [{"id": uuid.uuid4(), "weapon_id": weapon_id, "position": 0, "kind": "serial",
                     "as_read": f"No. {i:07d}", "normalised": f"{i:07d}"}],
        "permit": [],
        "event": [{"weapon_id": weapon_id, "seq": s + 1, "kind": e.kind.value, "at": e.at,
                   "facility_id": e.facility_id, "person_id": e.person_id, "group_id": e.group_id,
                   "permit_id": e.permit_id, "witnesses": list(e.witnesses), "note": None,
                   "recorded_by": "bench", "recorded_at": e.at} for s, e in enumerate(events)],
        "custody": [{"weapon_id": weapon_id, "status": state.status.value,
                     "weapon_class": kind.weapon_class.value, "at": state.at,
                     "facility_id": state.facility_id, "office_id": office_of[state.facility_id],
                     "holder_id": state.holder_id, "permit_id": state.permit_id,
                     "group_id": state.group_id, "events": state.events}],
    }  # fmt: skip
    if permit is not None:
        out["permit"].append({
            "id": permit, "ref": f"PB{i:012d}", "person_id": holder, "weapon_id": weapon_id,
            "office_id": office_of[state.facility_id], "status": "active",
            "valid_from": T0.date(), "valid_until": T0.date() + dt.timedelta(days=3650),
            "requested_by": "bench", "requested_at": T0, "approved_by": "bench2",
            "approved_at": T0})  # fmt: skip
    return out


TABLES = {"weapon": Weapon, "marking": WeaponMarking, "permit": WeaponPermit,
          "event": CustodyEvent, "custody": WeaponCustody}  # fmt: skip
# A chunk's rows per table: the column names and the values, ready for the writer.
Prepared = dict[str, tuple[list[str], list[tuple[Any, ...]]]]


@dataclass(frozen=True)
class Chunk:
    """Weapons ``start`` to ``stop`` (their own random stream), made in a worker process."""

    start: int
    stop: int
    per: int
    ref: Refs
    office_of: OfficeOf
    backend: str


def _chunk(chunk: Chunk) -> Prepared:
    rng = random.Random(chunk.start)
    rows: Rows = {k: [] for k in TABLES}
    for i in range(chunk.start, chunk.stop):
        events, holder, permit = _events(rng, chunk.per, chunk.ref)
        made = _rows(uuid.uuid4(), i, events, chunk.office_of, holder, permit, rng.choice(TYPES))
        for key, some in made.items():
            rows[key].extend(some)
    return {key: _prepared(chunk.backend, TABLES[key], some) for key, some in rows.items() if some}


def _prepared(
    backend: str, model: type[Base], rows: list[dict[str, Any]]
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """SQLite: the values as the application binds them (the columns' SQLAlchemy bind
    processors); PostgreSQL: Python values for ``COPY``, JSON columns as JSON text."""
    table, columns = table_of(model), list(rows[0])
    if backend != "sqlite":
        return columns, [
            tuple(json.dumps(v) if isinstance(v, list) else v for v in r.values()) for r in rows
        ]
    procs = [_memo(table.c[c].type.bind_processor(SQLITE)) for c in columns]
    pairs = list(zip(columns, procs, strict=True))
    return columns, [tuple(p(r[c]) if p else r[c] for c, p in pairs) for r in rows]


def _memo(proc: Callable[[Any], Any] | None) -> Callable[[Any], Any] | None:
    """``proc`` remembering its results for one chunk: ids, witness lists and times repeat."""
    if proc is None:
        return None
    done: dict[Any, Any] = {}

    def bind(value: Any) -> Any:
        key = tuple(value) if isinstance(value, list) else value
        if key not in done:
            done[key] = proc(value)
        return done[key]

    return bind


Write = Callable[[Table, list[str], list[tuple[Any, ...]]], None]


@contextmanager
def _sqlite_writer(engine: Engine) -> Iterator[Write]:
    """One transaction on a plain ``sqlite3`` connection, journal and syncing off: a crash
    leaves a broken file, which the next run rebuilds."""
    path = engine.url.database
    assert path is not None
    engine.dispose()  # no pooled connection may hold the file
    raw = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-2000000",
                   "temp_store=MEMORY", "locking_mode=EXCLUSIVE"):  # fmt: skip
        raw.execute(f"PRAGMA {pragma}")
    names = [table_of(m).name for m in TABLES.values()]
    indexes = [
        (name, sql)
        for name, sql, table in raw.execute(
            "SELECT name, sql, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        )
        if table in names
    ]
    for name, _ in indexes:
        raw.execute(f'DROP INDEX "{name}"')
    raw.execute("BEGIN")

    def write(table: Table, columns: list[str], values: list[tuple[Any, ...]]) -> None:
        stmt = insert(table).compile(dialect=SQLITE, column_keys=columns)
        assert stmt.positiontup == columns  # sqlite3 binds by position
        raw.executemany(str(stmt), values)

    yield write
    raw.execute("COMMIT")
    for _, sql in indexes:
        raw.execute(sql)
    raw.close()


@contextmanager
def _pg_writer(engine: Engine) -> Iterator[Write]:
    """One transaction of ``COPY`` statements."""
    names = [table_of(m).name for m in TABLES.values()]
    with engine.begin() as conn:
        indexes = conn.execute(
            text("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(:t)"
                 " AND indexname NOT IN (SELECT conname FROM pg_constraint)"), {"t": names}
        ).all()  # fmt: skip
        for name, _ in indexes:
            conn.execute(text(f'DROP INDEX "{name}"'))
        raw = conn.connection.driver_connection
        assert raw is not None

        def write(table: Table, columns: list[str], values: list[tuple[Any, ...]]) -> None:
            copy_sql = f'COPY "{table.name}" ({", ".join(columns)}) FROM STDIN'
            with raw.cursor() as cur, cur.copy(copy_sql) as copy:
                for row in values:
                    copy.write_row(row)

        yield write
        for _, sql in indexes:
            conn.execute(text(sql))


def fill(engine: Engine, weapons: int, per: int) -> dict[str, Any]:
    """Load the rows; two worker processes make the chunks while this one writes them."""
    started = time.perf_counter()
    with engine.begin() as conn:
        ref = _reference_rows(conn)
    office_of = {f: ref["offices"][i % 5] for i, f in enumerate(ref["facilities"])}
    backend = engine.dialect.name
    chunks = [Chunk(start, min(start + CHUNK, weapons), per, ref, office_of, backend)
              for start in range(0, weapons, CHUNK)]  # fmt: skip
    writer = _sqlite_writer if backend == "sqlite" else _pg_writer
    loaded = 0
    with writer(engine) as write, multiprocessing.Pool(2) as pool:
        for prepared in pool.imap(_chunk, chunks):
            for key, (columns, values) in prepared.items():
                write(table_of(TABLES[key]), columns, values)
            loaded += len(prepared["weapon"][1])
            print(f"\r{loaded} weapons", end="", flush=True, file=sys.stderr)
    counts = table_of(WeaponCount)
    source = select(
        WeaponCustody.facility_id, WeaponCustody.status, WeaponCustody.weapon_class, func.count()
    ).group_by(WeaponCustody.facility_id, WeaponCustody.status, WeaponCustody.weapon_class)
    with engine.begin() as conn:  # the counters the services keep, computed once
        conn.execute(
            insert(counts).from_select(["facility_id", "status", "weapon_class", "count"], source)
        )
    return {"load_seconds": round(time.perf_counter() - started, 1)}


def _timed(fn: Callable[[], Any], times: int) -> dict[str, float]:
    samples = []
    for _ in range(times):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {"runs": times, "p50_ms": round(statistics.median(samples), 2),
            "p95_ms": round(samples[int(0.95 * (len(samples) - 1))], 2),
            "max_ms": round(samples[-1], 2)}  # fmt: skip


def measure(engine: Engine, weapons: int) -> dict[str, Any]:
    factory = make_session_factory(engine)
    rng = random.Random(11)
    with factory() as session:
        offices = list(session.scalars(select(Office).order_by(Office.code)))
        national = Actor(None, "bench", Role.ARMS, offices[0].id, offices[0].code, national=True)
        field = Actor(None, "bench", Role.ARMS, offices[1].id, offices[1].code)
        facility = session.scalar(select(Facility.id).where(Facility.office_id == offices[1].id))
        refs = [f"WB{rng.randrange(weapons):012d}" for _ in range(300)]
        it = iter(refs)
        counts = {s: n for s, n in session.execute(
            select(WeaponCustody.status, func.count()).group_by(WeaponCustody.status))}  # fmt: skip
        events = session.scalar(select(func.count()).select_from(CustodyEvent))
        out = {
            "weapons": weapons, "events": events, "states": counts,
            "history_of_one_weapon": _timed(lambda: _history(session, national, next(it)), 300),
            "location_report_national": _timed(
                lambda: inventory.by_facility(session, national), 30),
            "location_report_one_office": _timed(lambda: inventory.by_facility(session, field), 30),
            "location_recount_from_every_row": _timed(lambda: _recount(session), 10),
            "weapons_at_one_facility_first_page": _timed(
                lambda: queries.list_weapons(session, field, facility_id=facility, limit=50), 30),
        }  # fmt: skip
    return out


def _recount(session: Session) -> None:
    stmt = select(WeaponCustody.facility_id, WeaponCustody.status, func.count()).group_by(
        WeaponCustody.facility_id, WeaponCustody.status
    )
    assert session.execute(stmt).all()


def _history(session: Session, actor: Actor, ref: str) -> None:
    assert len(queries.history(session, actor, ref)) > 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--weapons", type=int, default=500_000)
    parser.add_argument("--events-per-weapon", type=int, default=10)
    parser.add_argument("--pg", help="PostgreSQL URL of a throwaway database (emptied first)")
    args = parser.parse_args()
    info: dict[str, Any] = {"backend": "postgresql" if args.pg else "sqlite"}
    if args.pg:
        engine = make_engine(args.pg)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        runner.upgrade(engine)
        info |= fill(engine, args.weapons, args.events_per_weapon)
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    else:
        DATA.mkdir(exist_ok=True)
        path = DATA / f"arms-{args.weapons}.db"
        engine = make_engine(f"sqlite:///{path}")
        if not path.exists() or _count(engine) != args.weapons:
            engine.dispose()
            path.unlink(missing_ok=True)
            engine = make_engine(f"sqlite:///{path}")
            runner.upgrade(engine)
            info |= fill(engine, args.weapons, args.events_per_weapon)
            with engine.begin() as conn:
                conn.execute(text("ANALYZE"))
        info["database_bytes"] = path.stat().st_size
    info |= measure(engine, args.weapons)
    info |= {"python": platform.python_version(), "cpus": os.cpu_count(),
             "load_average_after": [round(x, 2) for x in os.getloadavg()]}  # fmt: skip
    print(json.dumps(info, indent=1, default=str))
    engine.dispose()


def _count(engine: Engine) -> int:
    try:
        with engine.connect() as conn:
            return int(conn.scalar(select(func.count()).select_from(table_of(Weapon))) or 0)
    except Exception:  # an unmigrated or partial file is rebuilt
        return -1


if __name__ == "__main__":
    main()
