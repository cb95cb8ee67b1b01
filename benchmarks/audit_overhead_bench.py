"""Audit append overhead on registration throughput: the demo population registered through
the services (``sijill.demo.loader``) into a fresh SQLite database, with the audit write
(``sijill.audit.service.record``) and with it replaced by a no-op; runs alternate, and the
median of each is compared. Prints JSON.

    python benchmarks/audit_overhead_bench.py [--people 200] [--repeats 3] [--pg URL]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import text

from sijill.audit import service as audit_service
from sijill.db import make_engine, make_session_factory, unit_of_work
from sijill.demo import loader
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


def _run(url: str, people: int, audited: bool) -> float:
    engine = make_engine(url)
    runner.upgrade(engine)
    factory = make_session_factory(engine)
    with unit_of_work(factory) as session:
        loader.prepare(session)
    real = audit_service.record
    if not audited:
        audit_service.record = _no_audit  # type: ignore[assignment]
    try:
        result = loader.load(factory, people, seed=11)
    finally:
        audit_service.record = real
        engine.dispose()
    return result.people / result.seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--pg", help="a throwaway PostgreSQL database URL (emptied each run)")
    args = parser.parse_args()
    rates: dict[str, list[float]] = {"with_audit": [], "without_audit": []}
    with tempfile.TemporaryDirectory() as folder:
        for run in range(2 * args.repeats):
            audited = run % 2 == 0
            url = _fresh(args.pg, Path(folder), run)
            rate = _run(url, args.people, audited)
            rates["with_audit" if audited else "without_audit"].append(rate)
    with_audit = statistics.median(rates["with_audit"])
    without = statistics.median(rates["without_audit"])
    print(
        json.dumps(
            {
                "backend": "postgresql" if args.pg else "sqlite",
                "people_per_run": args.people,
                "runs_each": args.repeats,
                "registrations_per_s_with_audit": round(with_audit, 1),
                "registrations_per_s_without_audit": round(without, 1),
                "overhead_percent": round(100 * (without - with_audit) / without, 1),
                "all_runs": {k: [round(r, 1) for r in v] for k, v in rates.items()},
                "python": platform.python_version(),
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
