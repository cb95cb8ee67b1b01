"""The registry section of screening_bench.py: registration-time screening and a delta
re-screen on a migrated copy of a registry database (see that script's docstring)."""

from __future__ import annotations

import json
import random
import statistics
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import select

from screening_bench import big_list
from sijill.access.actor import operator_actor
from sijill.db import make_engine, make_session_factory, unit_of_work
from sijill.jobs import runner
from sijill.migrations.runner import upgrade
from sijill.registry.models import Person
from sijill.screening import cache, lists, rescreen, service
from sijill.screening.entries import Alias, ListEntry

CHANGED = 100


def _ftm(entries: list[ListEntry]) -> bytes:
    """The list as FtM lines (the format that carries every field of an entry)."""
    lines = []
    for e in entries:
        props = {
            "name": [e.name],
            "alias": [a.name for a in e.aliases],
            "birthDate": list(e.dates_of_birth),
            "nationality": list(e.nationalities),
        }
        lines.append(
            json.dumps(
                {
                    "id": e.entry_id,
                    "schema": e.schema if e.is_person else "Organization",
                    "properties": props,
                },
                ensure_ascii=False,
            )
        )
    return "\n".join(lines).encode()


def _percentiles(values: list[float]) -> dict[str, float]:
    values = sorted(values)
    return {
        "p50": round(statistics.median(values), 1),
        "p95": round(values[int(0.95 * len(values))], 1),
        "max": round(values[-1], 1),
    }


def registry_bench(bench: Path, db: Path, size: int) -> dict[str, Any]:
    engine = make_engine(f"sqlite:///{db}")
    upgrade(engine)
    factory = make_session_factory(engine)
    actor = operator_actor()
    entries = big_list(bench, size)
    out: dict[str, Any] = {"entries": len(entries)}
    start = time.perf_counter()
    with unit_of_work(factory) as session:
        lists.import_list(
            session, actor, "Bench list", "ftm", lists.ListFile(_ftm(entries), "bench"), 10**9
        )
    out["import_seconds"] = round(time.perf_counter() - start, 1)
    with unit_of_work(factory) as session:
        people = list(session.scalars(select(Person.id)))
        out["people"] = len(people)
        start = time.perf_counter()
        cache.current(session)
        out["index_load_seconds"] = round(time.perf_counter() - start, 1)
    timings: list[float] = []
    cpu: list[float] = []
    for person_id in random.Random(3).sample(people, 300):
        session = factory()
        try:
            start, start_cpu = time.perf_counter(), time.process_time()
            service.screen_person(session, actor, person_id)
            session.flush()
            timings.append(1000 * (time.perf_counter() - start))
            cpu.append(1000 * (time.process_time() - start_cpu))
        finally:
            session.rollback()
            session.close()
    out["registration_ms"] = _percentiles(timings)
    out["registration_cpu_ms"] = _percentiles(cpu)
    changed = [
        replace(e, aliases=(*e.aliases, Alias(f"{e.name} Junior"))) if i < CHANGED else e
        for i, e in enumerate(reversed(entries))
    ]
    start = time.perf_counter()
    with unit_of_work(factory) as session:
        snap = lists.import_list(
            session, actor, "Bench list", "ftm", lists.ListFile(_ftm(changed), "bench v2"), 10**9
        )
        job = rescreen.start(session, actor, snap.id)
    out["import_v2_seconds"] = round(time.perf_counter() - start, 1)
    start, start_cpu = time.perf_counter(), time.process_time()
    done = runner.run(factory, job.id, rescreen.work)
    out["delta_rescreen"] = {
        "seconds": round(time.perf_counter() - start, 1),
        "cpu_seconds": round(time.process_time() - start_cpu, 1),
        "changed": snap.changed,
        "result": done.result,
        "status": done.status.value,
    }
    return out
