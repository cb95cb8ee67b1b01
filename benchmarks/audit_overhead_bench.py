"""Audit append overhead on registration throughput: the demo population's households
registered through the registry services (``sijill.demo.loader.load_batch``, one transaction
per batch; the other areas' demo data is not loaded) into a fresh database, with the audit write
(``sijill.audit.service.record``) and with it replaced by a no-op; runs alternate (A/B/A/B),
and the median of each is compared, in wall-clock time and in the CPU time of this process
(SQLite runs in it; a shared machine's load disturbs CPU time much less). Prints JSON.

    python benchmarks/audit_overhead_bench.py [--people 200] [--repeats 3] [--pg URL]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import text

from sijill.audit import service as audit_service
from sijill.db import make_engine, make_session_factory, unit_of_work
from sijill.demo import loader
from sijill.demo.population import generate
from sijill.migrations import runner


def _no_audit(*args: Any, **kwargs: Any) -> None:
    return None


def _fresh(url: str | None, folder: Path, run: int) -> str:
    if url is None:
        return f"sqlite:///{folder / f'run{run}.db'}"
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


def _run(url: str, people: int, audited: bool) -> tuple[float, float]:
    """Registrations per second of wall-clock time and per CPU-second of this process."""
    engine = make_engine(url)
    runner.upgrade(engine)
    factory = make_session_factory(engine)
    with unit_of_work(factory) as session:
        loader.prepare(session)
    households = list(generate(people, seed=11))
    regnos: dict[str, str] = {}
    pairs: list[tuple[str, str]] = []
    real = audit_service.record
    if not audited:
        audit_service.record = _no_audit  # type: ignore[assignment]
    count = 0
    started, cpu = time.perf_counter(), time.process_time()
    try:
        for start in range(0, len(households), loader.BATCH):
            batch = households[start : start + loader.BATCH]
            count += loader.load_batch(factory, batch, regnos, pairs)
    finally:
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        audit_service.record = real
        engine.dispose()
    return count / wall, count / cpu


def _summary(rates: list[float]) -> dict[str, Any]:
    quartiles = statistics.quantiles(rates, n=4) if len(rates) > 1 else [rates[0]] * 3
    return {
        "median": round(statistics.median(rates), 2),
        "quartiles": [round(quartiles[0], 2), round(quartiles[2], 2)],
        "min_max": [round(min(rates), 2), round(max(rates), 2)],
        "runs": [round(r, 2) for r in rates],
    }


def _overhead(rates: dict[str, list[float]]) -> float:
    with_audit = statistics.median(rates["with_audit"])
    without = statistics.median(rates["without_audit"])
    return round(100 * (without - with_audit) / without, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--pg", help="a throwaway PostgreSQL database URL (emptied each run)")
    args = parser.parse_args()
    wall: dict[str, list[float]] = {"with_audit": [], "without_audit": []}
    cpu: dict[str, list[float]] = {"with_audit": [], "without_audit": []}
    with tempfile.TemporaryDirectory() as folder:
        for run in range(2 * args.repeats):
            audited = run % 2 == 0
            url = _fresh(args.pg, Path(folder), run)
            per_second, per_cpu_second = _run(url, args.people, audited)
            mode = "with_audit" if audited else "without_audit"
            wall[mode].append(per_second)
            cpu[mode].append(per_cpu_second)
    figures = {
        "backend": "postgresql" if args.pg else "sqlite",
        "people_per_run": args.people,
        "runs_each": args.repeats,
        "registrations_per_s": {mode: _summary(rates) for mode, rates in wall.items()},
        "overhead_percent_wall_clock": _overhead(wall),
        "registrations_per_cpu_s": {mode: _summary(rates) for mode, rates in cpu.items()},
        "overhead_percent_cpu": _overhead(cpu),
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
    }
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
