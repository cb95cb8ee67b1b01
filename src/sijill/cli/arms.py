"""weapons list|show|history|serial|intake, and report weapons."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any

from sijill.arms import inventory, queries
from sijill.arms import service as arms_service
from sijill.arms.schemas import IntakeIn, WeaponSummary
from sijill.arms.vocab import CustodyStatus
from sijill.cli.context import actor_as, transaction
from sijill.config import Settings
from sijill.errors import InvalidInput
from sijill.web.forms import parse

AS_HELP = "act as this user (default: the operator)"


def _add(group: Any, name: str, text: str, handler: Any, formats: tuple[str, ...]) -> Any:
    p = group.add_parser(name, help=text)
    p.add_argument("--format", choices=formats, default=formats[0])
    p.add_argument("--as", dest="as_user", help=AS_HELP)
    p.set_defaults(handler=handler)
    return p


def register(sub: Any) -> None:
    weapons = sub.add_parser("weapons", help="weapons and their chain of custody")
    group = weapons.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = _add(group, "list", "weapons, latest event first", list_weapons, ("text", "json", "csv"))
    p.add_argument("--state", choices=[s.value for s in CustodyStatus])
    p.add_argument("--limit", type=int, default=100)
    p = _add(group, "show", "one weapon and where it is", show, ("text", "json"))
    p.add_argument("ref")
    p = _add(group, "history", "a weapon's custody events", history, ("text", "json"))
    p.add_argument("ref")
    p = _add(group, "serial", "weapons recorded with a serial", serial, ("text", "json"))
    p.add_argument("serial")
    p.add_argument("--model")
    p = group.add_parser("intake", help="record weapons handed in, from a JSON file (API shape)")
    p.add_argument("file", type=Path, help="JSON file, or - for stdin")
    p.add_argument("--as", dest="as_user", required=True, help="the recording arms officer")
    p.set_defaults(handler=intake)
    report = sub.add_parser("report", help="reports").add_subparsers(
        dest="report", required=True, metavar="REPORT"
    )
    _add(report, "weapons", "weapons by state, group, facility; declared vs handed in",
         report_weapons, ("json", "csv"))  # fmt: skip


def _print_rows(rows: list[WeaponSummary], fmt: str) -> None:
    if fmt == "json":
        print(json.dumps([r.model_dump(mode="json") for r in rows], ensure_ascii=False, indent=1))
        return
    fields = ["ref", "weapon_class", "weapon_type", "make", "model", "serial", "status", "facility"]
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(fields)
        writer.writerows([r.model_dump(mode="json")[f] for f in fields] for r in rows)
        return
    for r in rows:
        print(f"{r.ref}  {r.weapon_type.value}  {r.model or '?'}  {r.serial or '-'}  "
              f"{r.status.value}  {r.facility or ''}")  # fmt: skip


def list_weapons(args: argparse.Namespace, settings: Settings) -> int:
    state = CustodyStatus(args.state) if args.state else None
    with transaction(settings) as session:
        actor = actor_as(session, args.as_user)
        rows = queries.list_weapons(session, actor, state, limit=args.limit)
    _print_rows(rows, args.format)
    return 0


def show(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings) as session:
        weapon = queries.get_weapon(session, actor_as(session, args.as_user), args.ref)
    if args.format == "json":
        print(weapon.model_dump_json(indent=1))
        return 0
    print(f"{weapon.ref}  {weapon.weapon_class.value}/{weapon.weapon_type.value}  "
          f"{weapon.make or ''} {weapon.model or ''} {weapon.calibre or ''}")  # fmt: skip
    for m in weapon.markings:
        print(f"  {m.kind.value:20} {m.as_read}  (compared as {m.normalised})")
    c = weapon.custody
    holder = f" held by {c.holder.regno}" if c.holder else ""
    print(f"  now {c.status.value} at {c.facility or '?'} since {c.since:%Y-%m-%d %H:%M}{holder}")
    return 0


def history(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings) as session:
        events = queries.history(session, actor_as(session, args.as_user), args.ref)
    if args.format == "json":
        print(json.dumps([e.model_dump(mode="json") for e in events], ensure_ascii=False, indent=1))
        return 0
    for e in events:
        who = e.person.regno if e.person else (e.group or "")
        print(f"{e.seq:3} {e.at:%Y-%m-%d %H:%M} {e.kind.value:16} {e.facility or '':24} {who}  "
              f"witnesses: {', '.join(e.witnesses)}")  # fmt: skip
    return 0


def serial(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings) as session:
        actor = actor_as(session, args.as_user)
        key, rows = queries.serial_candidates(session, actor, args.serial, args.model)
    if args.format == "text":
        print(f"compared as {key or '(nothing)'}")
    _print_rows(rows, args.format)
    return 0


def intake(args: argparse.Namespace, settings: Settings) -> int:
    text = sys.stdin.read() if str(args.file) == "-" else args.file.read_text(encoding="utf-8")
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput({"file": f"not valid JSON: {exc.msg} at line {exc.lineno}"}) from None
    data = parse(IntakeIn, raw)
    with transaction(settings) as session:
        done = arms_service.intake(session, actor_as(session, args.as_user), data)
    print(done.ref)
    _print_rows(done.items, "text")
    return 0


def report_weapons(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings) as session:
        data = inventory.report(session, actor_as(session, args.as_user))
    if args.format == "csv":
        sys.stdout.write(inventory.as_csv(data))
    else:
        print(json.dumps(inventory.as_json(data), ensure_ascii=False, indent=1))
    return 0
