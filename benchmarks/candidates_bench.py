"""Candidate retrieval benchmarks: blocking recall against scoring everyone, and the
duplicate check of one new registration against a large registry.

    python benchmarks/candidates_bench.py recall --people 3000 --queries 150
    python benchmarks/candidates_bench.py dupcheck --db benchmarks/.data/search-1000000.db
    python benchmarks/candidates_bench.py dupcheck --pg URL --queries 200

``recall``: the synthetic demo population (heads of household, a third of them registered a
second time under another spelling, script, order or date precision) in a scratch SQLite
database; for people drawn at random, every other person is scored with ``sijill-person``
("exhaustive") and the pairs decided ``possible`` or ``match`` are the truth; blocking recall
is the share of those pairs that ``registry.candidates.candidates`` returns when it scores the
first 5, 10 or 20 people of the retrieval's ranking (``retrieved_recall``: all it retrieves).

``dupcheck``: against an existing registry whose candidate index is built (``sijill reindex
--only candidates``), the records of people drawn at random are checked as new
registrations (the person themself excluded): retrieval, loading and scoring, timed. Also
timed: the same record with only its Latin-script names (a second registration that lacks
the original-script spelling). Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.access.permissions import Role
from sijill.access.schemas import OfficeIn, UserIn
from sijill.db import make_engine, make_session_factory, unit_of_work
from sijill.demo.duplicates import reregister
from sijill.demo.households import Builder
from sijill.matching import MatchRecord, PersonMatcher
from sijill.migrations import runner
from sijill.names.scripts import detect_script
from sijill.registry import candidates
from sijill.registry import service as registry_service
from sijill.registry.models import CandidateKey, Person


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50_ms": round(1000 * statistics.median(ordered), 2),
        "p95_ms": round(1000 * ordered[int(0.95 * (len(ordered) - 1))], 2),
        "max_ms": round(1000 * ordered[-1], 2),
        "n": len(ordered),
    }


def _registrar(session: Session) -> Actor:
    from sijill.access import service as access_service
    from sijill.access.actor import operator_actor

    operator = operator_actor()
    access_service.create_office(session, operator, OfficeIn(code="BEN", name="Bench office"))
    data = UserIn(
        username="bench.registrar",
        full_name="Bench registrar",
        role=Role.REGISTRAR,
        office_code="BEN",
        password="bench-password-long",
    )
    access_service.create_user(session, operator, data)
    return access_service.actor_for(access_service.user_by_username(session, "bench.registrar"))


def _population(session: Session, households: int) -> None:
    actor = _registrar(session)
    builder = Builder(seed=17)
    for i in range(households):
        household, original = builder.household(f"h{i}")
        heads = [household.head]
        if i % 3 == 0:
            heads.append(reregister(builder, original, f"d{i}").head)
        for data in heads:
            registry_service.register_person(session, actor, data, None, "benchmark population")


def bench_recall(people: int, count: int) -> dict[str, Any]:
    matcher = PersonMatcher()
    with tempfile.TemporaryDirectory() as scratch:
        engine = make_engine(f"sqlite:///{Path(scratch) / 'recall.db'}")
        runner.upgrade(engine)
        factory = make_session_factory(engine)
        started = time.perf_counter()
        with unit_of_work(factory) as session:
            _population(session, int(people / 4 * 3))
        loaded = time.perf_counter() - started
        with factory() as session:
            keys = session.scalar(select(func.count()).select_from(CandidateKey)) or 0
            ids = list(session.scalars(select(Person.id)))
            everyone = candidates.load_records(session, ids)
            rng = random.Random(3)
            expected = 0
            ranks: list[int] = []  # where each true pair stands in the retrieval's ranking
            missed: list[str] = []
            for person, record in rng.sample(everyone, min(count, len(everyone))):
                truth = {
                    other.id
                    for other, stored in everyone
                    if other.id != person.id
                    and matcher.score(record, stored).decision != "no_match"
                }
                order = {
                    p: i for i, p in enumerate(candidates.retrieve(session, record, person.id))
                }
                expected += len(truth)
                ranks.extend(order[p] for p in truth if p in order)
                missed.extend(person.primary_name for p in truth if p not in order)
        engine.dispose()
    return {
        "people": len(everyone),
        "queries": min(count, len(everyone)),
        "registration_s": round(loaded, 1),
        "true_pairs": expected,
        "retrieved_recall": round(len(ranks) / max(expected, 1), 4),
        "recall_when_scoring_the_first": {
            k: round(sum(r < k for r in ranks) / max(expected, 1), 4) for k in (5, 10, 20)
        },
        "index_keys_per_person": round(keys / max(len(everyone), 1), 2),
        "missed_queries": missed[:10],
    }


def _latin_only(record: MatchRecord) -> MatchRecord | None:
    names = tuple(n for n in record.names if detect_script(n) == "Latin")
    if not names or len(names) == len(record.names):
        return None
    return MatchRecord(
        names, record.dob, record.sex, record.nationalities, (), record.place_of_birth
    )


def bench_dupcheck(url: str, count: int) -> dict[str, Any]:
    engine = make_engine(url)
    factory = make_session_factory(engine)
    matcher = PersonMatcher()
    rng = random.Random(5)
    with factory() as session:
        total = session.scalar(select(func.count()).select_from(Person)) or 0
        ids = [
            session.scalars(select(Person.id).offset(rng.randrange(total)).limit(1)).one()
            for _ in range(count)
        ]
        records = candidates.load_records(session, ids)
        full, latin, sizes, self_found = [], [], [], 0
        for person, record in records:
            started = time.perf_counter()
            found = candidates.candidates(session, record, matcher, person.id)
            full.append(time.perf_counter() - started)
            sizes.append(sum(1 for s in found if s.result.decision != "no_match"))
            partial = _latin_only(record)
            if partial is not None:
                started = time.perf_counter()
                again = candidates.candidates(session, partial, matcher)
                latin.append(time.perf_counter() - started)
                self_found += any(
                    s.person.id == person.id and s.result.decision != "no_match" for s in again
                )
    engine.dispose()
    return {
        "people": total,
        "backend": engine.dialect.name,
        "duplicate_check": _percentiles(full),
        "median_likely_candidates": statistics.median(sizes),
        "latin_names_only": {
            **_percentiles(latin),
            "person_found_as_likely": round(self_found / max(len(latin), 1), 3),
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("recall")
    p.add_argument("--people", type=int, default=3000)
    p.add_argument("--queries", type=int, default=150)
    p = sub.add_parser("dupcheck")
    p.add_argument("--db", type=Path, help="a SQLite registry")
    p.add_argument("--pg", help="a PostgreSQL registry URL")
    p.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    if args.command == "recall":
        result = bench_recall(args.people, args.queries)
    else:
        url = args.pg or f"sqlite:///{args.db.resolve()}"
        result = bench_dupcheck(url, args.queries)
    print(json.dumps(result, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
