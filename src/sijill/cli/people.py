"""person show|list|search|register."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any

from sijill.cli.context import actor_as, transaction
from sijill.config import Settings
from sijill.errors import InvalidInput
from sijill.registry import queries
from sijill.registry import service as registry_service
from sijill.registry.schemas import PersonIn, PersonOut, PersonSummary
from sijill.screening import service as screening_service
from sijill.web.forms import parse


def register(sub: Any) -> None:
    person = sub.add_parser("person", help="read and register people").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    p = person.add_parser("show", help="one person's record")
    p.add_argument("regno")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--as", dest="as_user", help="act as this user (default: the operator)")
    p.set_defaults(handler=show)
    p = person.add_parser("list", help="people, newest first")
    p.add_argument("--format", choices=("text", "json", "csv"), default="text")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--as", dest="as_user", help="act as this user (default: the operator)")
    p.set_defaults(handler=list_people)
    p = person.add_parser("search", help="by registry number, document number or name")
    p.add_argument("query")
    p.add_argument("--format", choices=("text", "json", "csv"), default="text")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--as", dest="as_user", help="act as this user (default: the operator)")
    p.set_defaults(handler=search)
    p = person.add_parser("register", help="register a person from a JSON file (API shape)")
    p.add_argument("file", type=Path, help="JSON file, or - for stdin")
    p.add_argument("--as", dest="as_user", required=True, help="the registering user")
    p.set_defaults(handler=register_person)


def _print_person(person: PersonOut) -> None:
    print(f"{person.regno}  {person.name}  (version {person.version}, office {person.office})")
    print(
        f"  sex {person.sex.value}  born {person.date_of_birth or '?'}  "
        f"nationalities {', '.join(person.nationalities) or '?'}"
    )
    for name in person.names:
        print(f"  name   {name.name_type.value:14} {name.full}  [{name.script}]")
    for doc in person.documents:
        print(
            f"  doc    {doc.doc_type.value:14} {doc.issuing_state} {doc.number}  {doc.status.value}"
        )
    for rel in person.family:
        print(f"  family {rel.relation.value:14} {rel.regno}  {rel.name}")
    for aff in person.affiliations:
        print(
            f"  group  {aff.group_name}  {aff.unit or ''} {aff.role or ''} "
            f"{aff.date_from or ''}..{aff.date_to or ''}"
        )
    for place in person.placements[:1]:
        print(f"  now at {place.facility_name} since {place.since:%Y-%m-%d}")


def _print_rows(rows: list[PersonSummary], fmt: str) -> None:
    if fmt == "json":
        print(json.dumps([r.model_dump(mode="json") for r in rows], ensure_ascii=False, indent=1))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(["regno", "name", "sex", "date_of_birth", "nationalities", "office"])
        for r in rows:
            writer.writerow(
                [
                    r.regno,
                    r.name,
                    r.sex.value,
                    r.date_of_birth or "",
                    " ".join(r.nationalities),
                    r.office,
                ]
            )
    else:
        for r in rows:
            print(
                f"{r.regno}  {r.name}  {r.sex.value} {r.date_of_birth or '?'} "
                f"{','.join(r.nationalities)} {r.office}"
            )


def show(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings) as session:
        person = queries.get_person(session, actor_as(session, args.as_user), args.regno)
    if args.format == "json":
        print(person.model_dump_json(indent=1))
    else:
        _print_person(person)
    return 0


def list_people(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings) as session:
        actor = actor_as(session, args.as_user)
        rows = queries.list_people(session, actor, args.limit, args.offset)
    _print_rows(rows, args.format)
    return 0


def search(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings) as session:
        rows = queries.search(session, actor_as(session, args.as_user), args.query, args.limit)
    _print_rows(rows, args.format)
    return 0


def register_person(args: argparse.Namespace, settings: Settings) -> int:
    text = sys.stdin.read() if str(args.file) == "-" else args.file.read_text(encoding="utf-8")
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput({"file": f"not valid JSON: {exc.msg} at line {exc.lineno}"}) from None
    data = parse(PersonIn, raw)
    with transaction(settings) as session:
        actor = actor_as(session, args.as_user)
        person = registry_service.register_person(session, actor, data)
        screening_service.screen_person(session, actor, person.id)
    print(person.regno)
    return 0
