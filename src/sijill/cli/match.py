"""match pairs: score pairs of records with the matching engine (no database)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from sijill.config import Settings
from sijill.errors import InvalidInput
from sijill.matching.algorithms import DEFAULT_ALGORITHM, get_algorithm
from sijill.matching.records import RecordFormatError, RecordPair, pair_from_bench


def register(sub: Any) -> None:
    match = sub.add_parser("match", help="compare people and organisations by name").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    p = match.add_parser(
        "pairs",
        help="score pairs of records from a JSON-lines file",
        description='Reads one pair a line ({"id", "a", "b"}: the format of the names '
        'benchmark) and writes one line per pair, in order: {"id", "score", "decision", '
        '"explanation"}. Nothing is written when a line is bad.',
    )
    p.add_argument("file", help="JSON-lines file of pairs, or - for stdin")
    p.add_argument("--algorithm", default=DEFAULT_ALGORITHM, help="matching algorithm")
    p.add_argument(
        "--match", type=float, help="score from which pairs match (default: the setting)"
    )
    p.add_argument(
        "--possible",
        type=float,
        help="score from which pairs need review (default: the setting)",
    )
    p.set_defaults(handler=pairs)


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    except OSError as exc:
        raise InvalidInput({"file": f"cannot read {path}: {exc.strerror}"}) from None
    except UnicodeDecodeError:
        raise InvalidInput({"file": f"{path} is not UTF-8 text"}) from None


def read_pairs(text: str) -> list[RecordPair]:
    """Every pair of a JSON-lines text (blank lines skipped); ``InvalidInput`` naming the
    first bad line."""
    found: list[RecordPair] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            found.append(pair_from_bench(json.loads(line)))
        except json.JSONDecodeError as exc:
            raise InvalidInput({f"line {number}": f"not valid JSON: {exc.msg}"}) from None
        except RecordFormatError as exc:
            raise InvalidInput({f"line {number}": str(exc)}) from None
    return found


def pairs(args: argparse.Namespace, settings: Settings) -> int:
    try:
        algorithm = get_algorithm(args.algorithm)
        matcher = algorithm(
            match=settings.match_threshold if args.match is None else args.match,
            possible=settings.possible_threshold if args.possible is None else args.possible,
        )
    except (KeyError, ValueError) as exc:
        raise InvalidInput({"algorithm": str(exc).strip("'\"")}) from None
    results = [(pair.id, matcher.score(pair.a, pair.b)) for pair in read_pairs(_read(args.file))]
    lines = (
        json.dumps(
            {"id": pid, "score": r.score, "decision": r.decision, "explanation": r.explanation},
            ensure_ascii=False,
        )
        for pid, r in results
    )
    sys.stdout.write("".join(line + "\n" for line in lines))
    return 0
