"""cases open-all|eligibility|rebuild-backlog, and backlog."""

from __future__ import annotations

import argparse
from typing import Any

from sijill.cases import backlog, eligibility, export, summary
from sijill.cases import service as cases
from sijill.cli.context import actor_as, transaction
from sijill.config import Settings


def register(sub: Any) -> None:
    group = sub.add_parser("cases", help="cases, eligibility, backlog counts").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    p = group.add_parser("open-all", help="open a case for every adult who has none")
    p.add_argument("--as", dest="as_user", help="act as this user (default: the operator)")
    p.set_defaults(handler=open_all)
    p = group.add_parser("eligibility", help="how many people the active rules make eligible")
    p.add_argument("--as", dest="as_user", help="act as this user (default: the operator)")
    p.set_defaults(handler=count_eligible)
    p = group.add_parser("rebuild-backlog", help="recount the backlog after a bulk load")
    p.set_defaults(handler=rebuild_backlog)
    p = sub.add_parser("backlog", help="open pathways by state, waiting times, the oldest")
    p.add_argument("--format", choices=("json", "csv"), default="json")
    p.add_argument("--office", help="one office's code")
    p.add_argument("--pathway", help="one pathway")
    p.add_argument("--as", dest="as_user", help="act as this user (default: the operator)")
    p.set_defaults(handler=show_backlog)


def open_all(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings) as session:
        opened = cases.open_missing_cases(session, actor_as(session, args.as_user))
    print(f"opened {opened} cases")
    return 0


def count_eligible(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings) as session:
        counts = eligibility.count_eligible(session, actor_as(session, args.as_user))
    for key, value in counts.items():
        print(f"{key}\t{value}")
    return 0


def rebuild_backlog(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings) as session:
        rows = summary.rebuild(session)
    print(f"{rows} day rows")
    return 0


def show_backlog(args: argparse.Namespace, settings: Settings) -> int:
    targets = backlog.target_days(settings.case_target_days)
    with transaction(settings) as session:
        actor = actor_as(session, args.as_user)
        report = backlog.backlog(session, actor, targets, args.office, args.pathway)
    print(
        report.model_dump_json(indent=1) if args.format == "json" else export.to_csv(report), end=""
    )
    if args.format == "json":
        print()
    return 0
