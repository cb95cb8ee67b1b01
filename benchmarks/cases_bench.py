"""Cases benchmarks: the backlog page and whole-registry eligibility at registry scale.

    python benchmarks/cases_bench.py --source /work/main/benchmarks/.data/search-1000000.db \
        --transitions 3000000 [--samples 60] [--db benchmarks/.data/cases-work-1000000.db]

The source (a registry loaded by ``sijill demo --bulk``) is copied once to
benchmarks/.data/cases-<name>.db and migrated; cases, pathways and transitions are then
inserted with Core executemany (no services, no audit entries: the demo bulk loader's
habit), about 2.5 transitions per pathway, until ``--transitions`` are written, and the
backlog day counts are rebuilt. Prints JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import random
import shutil
import statistics
import time
import uuid
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, insert, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from sijill.access import service as access_service
from sijill.access.actor import operator_actor
from sijill.access.models import Office, User
from sijill.access.permissions import Role
from sijill.access.schemas import UserIn
from sijill.cases import backlog, eligibility, summary
from sijill.cases.models import CaseFile, CasePathway, CaseTransition
from sijill.cases.workflow import MACHINES, Pathway, is_open_state
from sijill.config import Environment, Settings
from sijill.db import make_engine, make_session_factory, unit_of_work
from sijill.main import create_app
from sijill.migrations import runner
from sijill.registry.models import Person

DATA = Path(__file__).parent / ".data"
PASSWORD = "bench-password-long"
CHUNK = 20_000


def _paths(pathway: Pathway) -> list[list[str]]:
    """Every path from the first state to each state (the stories a pathway can tell)."""
    m = MACHINES[pathway]
    found, todo = [], [[m.initial]]
    while todo:
        path = todo.pop()
        found.append(path)
        todo += [[*path, s] for s in m.table[path[-1]] if s not in path]
    return found


STORIES = {p: _paths(p) for p in Pathway}
PATHWAY_WEIGHTS = [
    (Pathway.PAPERS, 6),
    (Pathway.ARMY, 2),
    (Pathway.CIVILIAN, 2),
    (Pathway.JUDICIAL, 1),
    (Pathway.TRANSFER, 1),
]


def _engine(source: Path, path: Path | None) -> Engine:
    DATA.mkdir(exist_ok=True)
    path = path or DATA / f"cases-{source.stem}.db"
    if not path.exists():
        shutil.copyfile(source, path)
    engine = make_engine(f"sqlite:///{path}")
    runner.upgrade(engine)
    return engine


def _rows(
    rng: random.Random, person: Any, now: dt.datetime
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    case_id = uuid.uuid4()
    case = {
        "id": case_id,
        "person_id": person.id,
        "office_id": person.office_id,
        "opened_at": person.created_at,
        "opened_by": "bench",
    }
    pathways, moves = [], []
    kinds = [Pathway.PAPERS] + [Pathway.PAPERS] * (rng.random() < 0.5)
    if rng.random() < 0.8:
        kinds.append(rng.choices(*zip(*PATHWAY_WEIGHTS, strict=True))[0])
    for kind, document in zip(kinds, ("identity_card", "residence_permit", None), strict=False):
        states = rng.choice(STORIES[kind])
        start = now - dt.timedelta(days=rng.uniform(1, 800))
        times = [
            start + (now - start) * c for c in [0.0, *sorted(rng.random() for _ in states[1:])]
        ]
        pid, last = uuid.uuid4(), states[-1]
        open_ = is_open_state(kind, last)
        pathways.append(
            {
                "id": pid,
                "case_id": case_id,
                "person_id": person.id,
                "office_id": person.office_id,
                "pathway": kind.value,
                "status": last,
                "is_open": open_,
                "opened_at": times[0],
                "entered_at": times[-1],
                "closed_at": None if open_ else times[-1],
                "details": {},
                "document_type": document if kind == Pathway.PAPERS else None,
            }
        )
        for i, (state, at) in enumerate(zip(states, times, strict=True)):
            moves.append(
                {
                    "id": uuid.uuid4(),
                    "pathway_id": pid,
                    "at": at,
                    "actor": "bench",
                    "from_status": states[i - 1] if i else None,
                    "to_status": state,
                    "reason": "benchmark",
                    "legal_basis": None,
                    "rule_version": None,
                }
            )
    return case, pathways, moves


def populate(engine: Engine, transitions: int, seed: int = 7) -> dict[str, Any]:
    factory = make_session_factory(engine)
    with factory() as session:
        have = session.scalar(select(func.count()).select_from(CaseTransition)) or 0
    if have >= transitions:
        return {"transitions": have, "loaded_s": None}
    started, written = time.perf_counter(), have
    rng, now = random.Random(seed), dt.datetime.now(dt.UTC)
    adult_year = now.year - 18
    stmt = (
        select(Person.id, Person.office_id, Person.created_at, Person.dob_year)
        .where(~select(CaseFile.id).where(CaseFile.person_id == Person.id).exists())
        .where((Person.dob_year.is_(None)) | (Person.dob_year <= adult_year))
    )
    with engine.connect() as reader, engine.connect() as writer:
        # a benchmark copy: speed first (on the driver's connection, outside any transaction)
        writer.connection.driver_connection.execute("PRAGMA synchronous=OFF")  # type: ignore[union-attr]
        result = reader.execution_options(stream_results=True).execute(stmt)
        while written < transitions:
            people = result.fetchmany(CHUNK)
            if not people:
                break
            cases, pathways, moves = [], [], []
            for person in people:
                case, ps, ms = _rows(rng, person, now)
                cases.append(case)
                pathways += ps
                moves += ms
            with writer.begin():
                writer.execute(insert(CaseFile), cases)
                writer.execute(insert(CasePathway), pathways)
                writer.execute(insert(CaseTransition), moves)
            written += len(moves)
            print(f"\r{written} transitions", end="", flush=True)
        result.close()  # the unread rest of the stream would hold the database
    print()
    with unit_of_work(factory) as session:
        summary.rebuild(session)
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    return {"transitions": written, "loaded_s": round(time.perf_counter() - started, 1)}


def _supervisor(factory: sessionmaker[Session]) -> User:
    with unit_of_work(factory) as session:
        user = session.scalar(select(User).where(User.username == "bench.cases"))
        if user is None:
            office = session.scalars(select(Office.code).where(Office.national.is_(True))).first()
            data = UserIn(
                username="bench.cases",
                full_name="Benchmark supervisor",
                role=Role.SUPERVISOR,
                office_code=office or "HQ",
                password=PASSWORD,
            )
            access_service.create_user(session, operator_actor(), data)
            user = access_service.user_by_username(session, "bench.cases")
        return user


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50_ms": round(1000 * statistics.median(ordered), 1),
        "p95_ms": round(1000 * ordered[int(0.95 * (len(ordered) - 1))], 1),
        "max_ms": round(1000 * ordered[-1], 1),
        "n": len(ordered),
    }


def bench_page(engine: Engine, samples: int) -> dict[str, Any]:
    factory = make_session_factory(engine)
    user = _supervisor(factory)
    with factory() as session:
        offices = list(session.scalars(select(Office.code)))
    settings = Settings(
        environment=Environment.TEST,
        data_dir=DATA,
        database_url=str(engine.url),
        secret_key="benchmark-secret-key-0123456789-abcdefgh",
    )
    app = create_app(settings)
    client = TestClient(app)
    csrf = client.get("/login").text.split('name="csrf_token" value="')[1].split('"')[0]
    client.post(
        "/login", data={"username": user.username, "password": PASSWORD, "csrf_token": csrf}
    )
    rng = random.Random(3)
    urls = ["/backlog"] + [
        rng.choice(
            [
                "/backlog",
                f"/backlog?office={rng.choice(offices)}",
                f"/backlog?pathway={rng.choice(list(Pathway)).value}",
            ]
        )
        for _ in range(samples - 1)
    ]
    client.get("/backlog")  # warm the caches once
    timings = []
    for url in urls:
        started = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    app.state.engine.dispose()
    return _percentiles(timings)


def bench_eligibility(engine: Engine) -> dict[str, Any]:
    with make_session_factory(engine)() as session:
        started, cpu = time.perf_counter(), time.process_time()
        counts = eligibility.count_eligible(session, operator_actor())
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    # wall time depends on the machine's load; this process's CPU time much less
    return {"seconds": round(seconds, 1), "cpu_seconds": round(cpu, 1), **counts}


def bench_service(engine: Engine, samples: int) -> dict[str, Any]:
    timings = []
    with make_session_factory(engine)() as session:
        for _ in range(samples):
            started = time.perf_counter()
            backlog.backlog(session, operator_actor(), backlog.DEFAULT_TARGET_DAYS)
            timings.append(time.perf_counter() - started)
    return _percentiles(timings)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", type=Path, required=True, help="a bulk-loaded registry")
    parser.add_argument("--transitions", type=int, default=3_000_000)
    parser.add_argument("--samples", type=int, default=60)
    parser.add_argument("--skip-eligibility", action="store_true")
    parser.add_argument(
        "--db", type=Path, help="the working copy (default: .data/cases-<source>.db)"
    )
    args = parser.parse_args()
    engine = _engine(args.source, args.db)
    loaded = populate(engine, args.transitions)
    with make_session_factory(engine)() as session:
        sizes = {
            "people": session.scalar(select(func.count()).select_from(Person)),
            "cases": session.scalar(select(func.count()).select_from(CaseFile)),
            "pathways": session.scalar(select(func.count()).select_from(CasePathway)),
            "transitions": session.scalar(select(func.count()).select_from(CaseTransition)),
        }
    out: dict[str, Any] = {
        "machine": platform.platform(),
        "sizes": sizes,
        "load": loaded,
        "backlog_service": bench_service(engine, args.samples),
        "backlog_page": bench_page(engine, args.samples),
    }
    if not args.skip_eligibility:
        out["eligibility"] = bench_eligibility(engine)
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
