"""screen: watch-list imports, screening of files and of the registry."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from sijill.cli.context import actor_as, transaction
from sijill.cli.jobs import run_job
from sijill.config import Settings
from sijill.errors import InvalidInput
from sijill.matching.records import MatchRecord, RecordFormatError, record_from_bench
from sijill.screening import fetch, lists, rescreen
from sijill.screening.entries import ListEntry, ListFormatError
from sijill.screening.index import Hit, ListIndex
from sijill.screening.lists import ListFile
from sijill.screening.sources import FORMATS, parse_list


def register(sub: Any) -> None:
    screen = sub.add_parser("screen", help="watch lists and screening").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    p = screen.add_parser(
        "file",
        help="screen a JSON-lines file of people against a list file (no registry)",
        description='Reads one person a line ({"id", "name", "aliases", "dob", "nationality", '
        '"sex", "schema"}) and writes one line per person, in order: {"id", "hits": [{"entry", '
        '"name", "score", "decision", "explanation"}]}, hits by score.',
    )
    p.add_argument("--list", required=True, help="list file or http(s) URL (OFAC CSV: sdn.csv)")
    p.add_argument("--format", required=True, choices=FORMATS, help="the list's format")
    p.add_argument(
        "--alt", help="OFAC alt.csv, file or URL (default: alt.csv beside sdn.csv, if any)"
    )
    p.add_argument("--mapping", help="csv format: JSON object field -> column name")
    p.add_argument("--people", required=True, help="JSON-lines file of people, or - for stdin")
    p.set_defaults(handler=screen_file)
    p = screen.add_parser(
        "import",
        help="import a list file as the list's next snapshot, then re-screen its changes",
    )
    p.add_argument("--name", required=True, help='the list\'s name, e.g. "UN Consolidated"')
    p.add_argument("--list", required=True, help="list file or http(s) URL (OFAC CSV: sdn.csv)")
    p.add_argument("--format", required=True, choices=FORMATS, help="the list's format")
    p.add_argument(
        "--alt", help="OFAC alt.csv, file or URL (default: alt.csv beside sdn.csv, if any)"
    )
    p.add_argument("--mapping", help="csv format: JSON object field -> column name")
    p.add_argument("--no-rescreen", action="store_true", help="import only")
    p.add_argument("--as", dest="as_user", metavar="USERNAME", help="act as this user")
    p.set_defaults(handler=import_list)
    p = screen.add_parser("rescreen", help="re-screen the whole registry against every list")
    p.add_argument("--as", dest="as_user", metavar="USERNAME", help="act as this user")
    p.set_defaults(handler=full_rescreen)


def read_bytes(path: str, field: str) -> bytes:
    try:
        return sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise InvalidInput({field: f"cannot read {path}: {exc.strerror}"}) from None


def read_list_file(path: str, field: str, max_bytes: int) -> bytes:
    """A list file from a path, ``-`` (stdin) or an http(s) URL."""
    if not fetch.is_url(path):
        return read_bytes(path, field)
    try:
        return fetch.fetch(path, max_bytes)
    except ListFormatError as exc:
        raise InvalidInput({field: str(exc)}) from None


def _alt(args: argparse.Namespace, max_bytes: int) -> bytes | None:
    if args.format != "ofac":
        return None
    if args.alt:
        return read_list_file(args.alt, "alt", max_bytes)
    if fetch.is_url(args.list):
        return None
    beside = Path(args.list).with_name(Path(args.list).name.replace("sdn", "alt"))
    return beside.read_bytes() if beside != Path(args.list) and beside.is_file() else None


def _mapping(text: str | None) -> dict[str, str] | None:
    if text is None:
        return None
    try:
        mapping = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput({"mapping": f"not valid JSON: {exc.msg}"}) from None
    if not isinstance(mapping, dict) or not all(isinstance(v, str) for v in mapping.values()):
        raise InvalidInput({"mapping": "expected a JSON object of field -> column name"})
    return mapping


def load_list(args: argparse.Namespace, max_bytes: int) -> list[ListEntry]:
    data = read_list_file(args.list, "list", max_bytes)
    alt = _alt(args, max_bytes)
    try:
        return parse_list(
            args.format, data, alt=alt, mapping=_mapping(args.mapping), max_bytes=max_bytes
        )
    except ListFormatError as exc:
        raise InvalidInput({"list": str(exc)}) from None


def read_people(text: str) -> list[tuple[object, MatchRecord]]:
    """(id, record) of every line; ``InvalidInput`` naming the first bad line."""
    people = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict) or obj.get("id") in (None, ""):
                raise RecordFormatError("id: missing")
            people.append((obj["id"], record_from_bench(obj)))
        except json.JSONDecodeError as exc:
            raise InvalidInput({f"line {number}": f"not valid JSON: {exc.msg}"}) from None
        except RecordFormatError as exc:
            raise InvalidInput({f"line {number}": str(exc)}) from None
    return people


def hit_json(hit: Hit) -> dict[str, object]:
    return {
        "entry": hit.entry.entry_id,
        "name": hit.entry.name,
        "score": hit.score,
        "decision": hit.result.decision,
        "explanation": hit.result.explanation,
    }


def import_list(args: argparse.Namespace, settings: Settings) -> int:
    limit = settings.screening_max_list_bytes
    data = read_list_file(args.list, "list", limit)
    upload = ListFile(data, args.list, _alt(args, limit), _mapping(args.mapping))
    with transaction(settings) as session:
        actor = actor_as(session, args.as_user)
        snap = lists.import_list(session, actor, args.name, args.format, upload, limit)
        job = None
        if (snap.added or snap.changed) and not args.no_rescreen:
            job = rescreen.start(session, actor, snap.id, settings.screening_workers)
    print(json.dumps(snap.model_dump(mode="json"), ensure_ascii=False))
    return run_job(settings, job.id, rescreen.work) if job else 0


def full_rescreen(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings) as session:
        actor = actor_as(session, args.as_user)
        job = rescreen.start(session, actor, None, settings.screening_workers)
    return run_job(settings, job.id, rescreen.work)


def screen_file(args: argparse.Namespace, settings: Settings) -> int:
    people = read_people(read_bytes(args.people, "people").decode("utf-8", errors="strict"))
    index = ListIndex.build(load_list(args, settings.screening_max_list_bytes))
    for person_id, record in people:
        line = {"id": person_id, "hits": [hit_json(h) for h in index.screen(record)]}
        sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
    return 0
