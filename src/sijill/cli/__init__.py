"""The ``sijill`` command. Each command opens one transaction and calls the services."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from pydantic import ValidationError

from sijill.cli import (
    arms,
    audit,
    backup,
    cases,
    dedup,
    documents,
    jobs,
    match,
    people,
    screening,
    system,
    transfers,
    users,
)
from sijill.config import Settings
from sijill.db import UnmigratedDatabase
from sijill.errors import DomainError, InvalidInput

Command = Callable[[argparse.Namespace, Settings], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sijill", description="Registry and case management for former combatants."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (
        system,
        users,
        people,
        match,
        audit,
        jobs,
        arms,
        documents,
        cases,
        dedup,
        transfers,
        backup,
        screening,
    ):
        module.register(sub)
    return parser


def _print_error(exc: DomainError) -> None:
    if isinstance(exc, InvalidInput):
        for field, message in exc.errors.items():
            print(f"error: {field}: {message}", file=sys.stderr)
    else:
        where = f"{exc.field}: " if exc.field else ""
        print(f"error: {where}{exc.message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Command = args.handler
    try:
        settings = Settings()
    except ValidationError as exc:
        for error in exc.errors():
            print(f"error: settings: {error['msg']}", file=sys.stderr)
        return 2
    try:
        return handler(args, settings)
    except ValidationError as exc:  # an argument that does not fit the service's input type
        for error in exc.errors():
            field = ".".join(str(p) for p in error["loc"]) or "input"
            print(f"error: {field}: {error['msg']}", file=sys.stderr)
        return 2
    except DomainError as exc:
        _print_error(exc)
        return 2 if isinstance(exc, InvalidInput) else 1
    except UnmigratedDatabase as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
