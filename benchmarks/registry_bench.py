"""Registry benchmarks: registrations per second through the services, search latency and
person-page render time at a given population size, on SQLite and PostgreSQL.

    python benchmarks/registry_bench.py register --people 2000 [--pg URL]
    python benchmarks/registry_bench.py search --people 100000 [--pg URL] [--queries 300]

The population for ``search`` is the synthetic demo population loaded in bulk
(``sijill.demo.bulk``) into a database kept under benchmarks/.data/ (SQLite) or in the given
PostgreSQL database, and reused when it already holds that many people. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import time
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from sijill.access import service as access_service
from sijill.access.actor import operator_actor
from sijill.access.models import User
from sijill.access.permissions import Role
from sijill.access.schemas import UserIn
from sijill.config import Environment, Settings
from sijill.db import make_engine, make_session_factory, unit_of_work
from sijill.demo import bulk, loader
from sijill.main import create_app
from sijill.migrations import runner
from sijill.registry import queries
from sijill.registry import regno as regnos
from sijill.registry.models import Document, Person, PersonName

DATA = Path(__file__).parent / ".data"


def _engine(backend_url: str | None, name: str, fresh: bool) -> Engine:
    if backend_url is None:
        path = DATA / f"{name}.db"
        if fresh and path.exists():
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        engine = make_engine(f"sqlite:///{path}")
    else:
        engine = make_engine(backend_url)
        if fresh:
            with engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
    runner.upgrade(engine)
    return engine


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50_ms": round(1000 * statistics.median(ordered), 2),
        "p95_ms": round(1000 * ordered[int(0.95 * (len(ordered) - 1))], 2),
        "max_ms": round(1000 * ordered[-1], 2),
        "n": len(ordered),
    }


def bench_register(engine: Engine, people: int) -> dict[str, Any]:
    factory = make_session_factory(engine)
    with unit_of_work(factory) as session:
        loader.prepare(session)
    result = loader.load(factory, people, seed=11)
    return {
        "people": result.people,
        "seconds": round(result.seconds, 2),
        "registrations_per_s": round(result.people / result.seconds, 1),
    }


def _populate(engine: Engine, people: int) -> tuple[int, float | None]:
    factory = make_session_factory(engine)
    with factory() as session:
        have = session.scalar(select(func.count()).select_from(Person)) or 0
    if have >= people * 0.98:
        return have, None
    with unit_of_work(factory) as session:
        loader.prepare(session)
    result = bulk.bulk_load(factory, people - have, seed=7)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    return have + result.people, result.seconds


def _national_user(factory: sessionmaker[Session]) -> User:
    with unit_of_work(factory) as session:
        user = session.scalar(select(User).where(User.username == "bench.supervisor"))
        if user is None:
            data = UserIn(
                username="bench.supervisor",
                full_name="Benchmark supervisor",
                role=Role.SUPERVISOR,
                office_code="HQ",
                password="bench-password-long",
            )
            access_service.create_user(session, operator_actor(), data)
            user = access_service.user_by_username(session, "bench.supervisor")
        return user


def _queries(session: Session, count: int, rng: random.Random) -> dict[str, list[tuple[str, str]]]:
    """Queries drawn from random people: (query text, registry number it should find)."""
    total = session.scalar(select(func.count()).select_from(Person)) or 1
    offsets = [rng.randrange(total) for _ in range(count)]
    people = [session.scalars(select(Person).offset(o).limit(1)).one() for o in offsets]
    by_kind: dict[str, list[tuple[str, str]]] = {
        "regno": [(regnos.display(p.regno), p.regno) for p in people],
        "document": [],
        "name_arabic": [],
        "name_latin": [],
        "name_cyrillic": [],
    }
    for person in people:
        names = session.scalars(select(PersonName).where(PersonName.person_id == person.id))
        for row in names:
            kind = f"name_{row.script.lower()}"
            if kind in by_kind:
                by_kind[kind].append((row.full, person.regno))
        docs = session.scalars(select(Document.number).where(Document.person_id == person.id))
        by_kind["document"].extend((number, person.regno) for number in docs)
    return {kind: pairs[:count] for kind, pairs in by_kind.items()}


def bench_search(engine: Engine, people: int, count: int) -> dict[str, Any]:
    have, load_seconds = _populate(engine, people)
    factory = make_session_factory(engine)
    user = _national_user(factory)
    rng = random.Random(5)
    results: dict[str, Any] = {"people": have, "bulk_load_s": load_seconds}
    with factory() as session:
        actor = access_service.actor_for(session.get_one(User, user.id))
        for kind, pairs in _queries(session, count, rng).items():
            samples, hits, sizes = [], 0, []
            for value, target in pairs:
                started = time.perf_counter()
                found = queries.search(session, actor, value, limit=50)
                samples.append(time.perf_counter() - started)
                hits += any(regnos.compact(p.regno) == target for p in found)
                sizes.append(len(found))
            results[f"search_{kind}"] = {
                **_percentiles(samples),
                "target_in_first_50": round(hits / max(len(pairs), 1), 3),
                "median_results": statistics.median(sizes) if sizes else 0,
            }
    results["person_page"] = _page_render(engine, user, count)
    return results


def _page_render(engine: Engine, user: User, count: int) -> dict[str, Any]:
    url = engine.url.render_as_string(hide_password=False)
    settings = Settings(
        environment=Environment.TEST,
        data_dir=DATA,
        secret_key="benchmark-secret-key-0123456789-abcdefgh",
        database_url=url,
    )
    app = create_app(settings)
    client = TestClient(app)
    page = client.get("/login").text
    csrf = page.split('name="csrf_token" value="')[1].split('"')[0]
    client.post(
        "/login",
        data={"username": user.username, "password": "bench-password-long", "csrf_token": csrf},
    )
    with make_session_factory(engine)() as session:
        total = session.scalar(select(func.count()).select_from(Person)) or 1
        rng = random.Random(9)
        regnos = [
            session.scalars(select(Person.regno).offset(rng.randrange(total)).limit(1)).one()
            for _ in range(count)
        ]
    samples = []
    for regno in regnos:
        started = time.perf_counter()
        response = client.get(f"/people/{regno}")
        samples.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    app.state.engine.dispose()
    return _percentiles(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=("register", "search"))
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--pg", help="PostgreSQL URL (postgresql+psycopg://...); else SQLite")
    args = parser.parse_args()
    DATA.mkdir(exist_ok=True)
    backend = "postgresql" if args.pg else "sqlite"
    if args.what == "register":
        engine = _engine(args.pg, "register", fresh=True)
        figures = bench_register(engine, args.people)
    else:
        engine = _engine(args.pg, f"search-{args.people}", fresh=False)
        figures = bench_search(engine, args.people, args.queries)
    engine.dispose()
    print(
        json.dumps(
            {
                "benchmark": args.what,
                "backend": backend,
                "machine": platform.node(),
                "cpu": platform.processor() or platform.machine(),
                "date": time.strftime("%Y-%m-%d"),
                **figures,
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
