"""dedup run|queue: batch deduplication of the registry, in the foreground with progress."""

from __future__ import annotations

import argparse
from typing import Any

from sijill.cli.context import actor_as, transaction
from sijill.cli.jobs import run_job
from sijill.config import Settings
from sijill.dedup import batch
from sijill.dedup import service as dedup_service
from sijill.jobs import service as jobs


def register(sub: Any) -> None:
    dedup = sub.add_parser("dedup", help="find duplicate people; the review queue").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    p = dedup.add_parser("run", help="compare the whole registry and queue likely duplicates")
    p.add_argument("--as", dest="as_user", help="act as this user (default: the operator)")
    p.set_defaults(handler=run)
    p = dedup.add_parser("queue", help="open candidate pairs, best first")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--as", dest="as_user", help="act as this user (default: the operator)")
    p.set_defaults(handler=show_queue)


def run(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings) as session:
        job = batch.start(session, actor_as(session, args.as_user))
    code = run_job(settings, job.id, batch.work)
    with transaction(settings) as session:
        found = jobs.get(session, actor_as(session, args.as_user), job.id)
    result = found.result or {}
    print(
        f"dedup job {job.id} {found.status.value}: {result.get('people', 0):,} people, "
        f"{result.get('pairs', 0):,} likely pairs, {result.get('queued', 0):,} new in the queue"
    )
    return code


def show_queue(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings) as session:
        pairs = dedup_service.queue(session, actor_as(session, args.as_user), limit=args.limit)
    for pair in pairs:
        print(f"{pair.id}  {pair.score:.2f} {pair.decision:8}  {pair.a.regno} {pair.a.name}"
              f"  ~  {pair.b.regno} {pair.b.name}")  # fmt: skip
        for line in pair.explanation:
            print(f"    {line}")
    return 0
