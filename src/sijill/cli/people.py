"""person show|list|search|register|photo|seal|unseal|open|sealed."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any

from sijill import intake
from sijill.cli.context import actor_as, transaction
from sijill.config import Settings
from sijill.deps import limits_for
from sijill.errors import InvalidInput, NeedsConfirmation
from sijill.registry import photos, queries, sealing
from sijill.registry.schemas import (
    LiftSealIn,
    OpenSealedIn,
    PersonIn,
    PersonOut,
    PersonSummary,
    SealIn,
)
from sijill.registry.vocab import SealKind
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
    p.add_argument(
        "--duplicate-reason",
        help="register although people already registered look like this one, and say why",
    )
    p.set_defaults(handler=register_person)
    p = person.add_parser("photo", help="set a person's photograph from a JPEG or PNG file")
    p.add_argument("regno")
    p.add_argument("file", type=Path, help="the picture (re-encoded without its metadata)")
    p.add_argument("--as", dest="as_user", required=True, help="the user who may edit the person")
    p.set_defaults(handler=set_photo)
    _register_sealing(person)


def _register_sealing(person: Any) -> None:
    p = person.add_parser("seal", help="seal a person at risk (search then masks them)")
    p.add_argument("regno")
    p.add_argument("--kind", required=True, choices=[k.value for k in SealKind])
    p.add_argument("--reason", required=True)
    p.add_argument("--as", dest="as_user", help="act as this user (default: the operator)")
    p.set_defaults(handler=seal)
    p = person.add_parser("unseal", help="lift a seal")
    p.add_argument("regno")
    p.add_argument("--reason", required=True)
    p.add_argument("--as", dest="as_user", help="act as this user (default: the operator)")
    p.set_defaults(handler=unseal)
    p = person.add_parser("open", help="open a sealed record, stating why, and show it")
    p.add_argument("regno")
    p.add_argument("--reason", required=True)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--as", dest="as_user", help="act as this user (default: the operator)")
    p.set_defaults(handler=open_sealed)
    p = person.add_parser("sealed", help="sealed people, with who opened them and why (JSON)")
    p.add_argument("--as", dest="as_user", help="act as this user (default: the operator)")
    p.set_defaults(handler=list_sealed)


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
    try:
        with transaction(settings) as session:
            actor = actor_as(session, args.as_user)
            limits = limits_for(settings)
            reason = args.duplicate_reason
            person = intake.register(session, actor, data, limits, reason)
    except NeedsConfirmation as exc:
        _print_candidates(exc.candidates or [])
        raise
    print(person.regno)
    return 0


def _print_candidates(candidates: list[dict[str, Any]]) -> None:
    """The likely duplicates, on stderr, before the error line."""
    for c in candidates:
        who = f"{c['regno']}  {c['name']}" if c["regno"] else f"a person of office {c['office']}"
        print(f"{c['decision']} {c['score']:.2f}  {who}", file=sys.stderr)
        for line in c["explanation"]:
            print(f"    {line}", file=sys.stderr)
    if candidates:
        print("register anyway with --duplicate-reason TEXT", file=sys.stderr)


def set_photo(args: argparse.Namespace, settings: Settings) -> int:
    content = args.file.read_bytes()
    with transaction(settings) as session:
        actor = actor_as(session, args.as_user)
        out = photos.set_photo(session, actor, args.regno, content, settings.max_person_photo_bytes)
    print(f"{args.regno} photograph {out.sha256} ({out.width}x{out.height}, {out.size} bytes)")
    return 0


def seal(args: argparse.Namespace, settings: Settings) -> int:
    data = parse(SealIn, {"kind": args.kind, "reason": args.reason})
    with transaction(settings) as session:
        sealing.seal(session, actor_as(session, args.as_user), args.regno, data)
    print(f"{args.regno} sealed")
    return 0


def unseal(args: argparse.Namespace, settings: Settings) -> int:
    data = parse(LiftSealIn, {"reason": args.reason})
    with transaction(settings) as session:
        sealing.lift(session, actor_as(session, args.as_user), args.regno, data)
    print(f"seal of {args.regno} lifted")
    return 0


def open_sealed(args: argparse.Namespace, settings: Settings) -> int:
    data = parse(OpenSealedIn, {"reason": args.reason})
    with transaction(settings) as session:
        actor = actor_as(session, args.as_user)
        sealing.open_record(session, actor, args.regno, data)
        person = queries.get_person(session, actor, args.regno)
    if args.format == "json":
        print(person.model_dump_json(indent=1))
    else:
        _print_person(person)
    return 0


def list_sealed(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings) as session:
        rows = sealing.sealed_people(session, actor_as(session, args.as_user))
    print(json.dumps([r.model_dump(mode="json") for r in rows], ensure_ascii=False, indent=1))
    return 0
