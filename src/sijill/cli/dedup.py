"""dedup run|queue: batch deduplication of the registry, in the foreground with progress."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from sijill.cli.context import actor_as, transaction
from sijill.config import Settings
from sijill.dedup import batch
from sijill.dedup import service as dedup_service


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


class _Progress:
    def __init__(self) -> None:
        self.started = time.perf_counter()

    def __call__(self, stage: str, done: int, total: int) -> None:
        elapsed = time.perf_counter() - self.started
        of = f" {done:,}/{total:,}" if total else ""
        print(f"\r{elapsed:7.1f}s  {stage}{of}        ", end="", file=sys.stderr, flush=True)


def run(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings) as session:
        actor = actor_as(session, args.as_user)
        run_id = batch.start(session, actor)
        found = batch.run(session, actor, run_id, _Progress())
    print(file=sys.stderr)
    print(
        f"dedup run {found.id}: {found.people:,} people, {found.candidates:,} likely pairs, "
        f"{found.pairs:,} new in the review queue"
    )
    return 0


def show_queue(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings) as session:
        pairs = dedup_service.queue(session, actor_as(session, args.as_user), limit=args.limit)
    for pair in pairs:
        print(f"{pair.id}  {pair.score:.2f} {pair.decision:8}  {pair.a.regno} {pair.a.name}"
              f"  ~  {pair.b.regno} {pair.b.name}")  # fmt: skip
        for line in pair.explanation:
            print(f"    {line}")
    return 0
