"""audit checkpoint|verify|prove|export|verify-export: the tamper-evident audit log."""

from __future__ import annotations

import argparse
import base64
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sijill.access.actor import operator_actor
from sijill.audit import merkle, verify
from sijill.audit import service as audit_service
from sijill.audit.checkpoints import NoteError, Verifier, format_tlog_proof, parse_vkey, signing_key
from sijill.cli.context import transaction
from sijill.config import Settings

KEY_FILE = Path("keys") / "audit-ed25519.pem"


def register(sub: Any) -> None:
    audit = sub.add_parser("audit", help="the tamper-evident audit log").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    p = audit.add_parser("checkpoint", help="sign a checkpoint of the audit log as it stands")
    p.add_argument("--origin", help="the log's name, on its first checkpoint (default: by key)")
    p.set_defaults(handler=checkpoint)
    p = audit.add_parser("verify", help="recompute the whole log and check every checkpoint")
    _verify_options(p)
    p.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="processes re-hashing a large log (default: one per CPU)",
    )
    p.set_defaults(handler=verify_log)
    p = audit.add_parser("prove", help="print the inclusion proof of one entry (JSON)")
    p.add_argument("seq", type=int, help="the entry's sequence number")
    p.set_defaults(handler=prove)
    p = audit.add_parser("export", help="write the log, its checkpoints and its key to DIR")
    p.add_argument("directory", type=Path, metavar="DIR")
    p.add_argument(
        "--hashes-only",
        action="store_true",
        help="leave out the entries' fields (they name people): the tree can still be checked",
    )
    p.set_defaults(handler=export)
    p = audit.add_parser("verify-export", help="verify an export, with no database")
    p.add_argument("directory", type=Path, metavar="DIR")
    _verify_options(p)
    p.set_defaults(handler=verify_export)


def _verify_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--vkey", help="the log's verifier key, or a file holding it")
    p.add_argument(
        "--checkpoint",
        dest="kept",
        action="append",
        type=Path,
        default=[],
        metavar="FILE",
        help="a checkpoint note kept from earlier, to check against the log too (repeatable)",
    )
    p.add_argument("--format", choices=("text", "json"), default="text")


def _key_path(settings: Settings) -> Path:
    return settings.data_dir / KEY_FILE


def _vkey(value: str) -> Verifier:
    path = Path(value)
    text = path.read_text(encoding="utf-8") if path.is_file() else value
    return parse_vkey(text.strip())


def checkpoint(args: argparse.Namespace, settings: Settings) -> int:
    key = signing_key(_key_path(settings))
    with transaction(settings) as session:
        made = audit_service.create_checkpoint(session, operator_actor(), key, args.origin)
        number, note = made.id, made.note
    print(f"checkpoint #{number}")
    print(note, end="")
    return 0


def verify_log(args: argparse.Namespace, settings: Settings) -> int:
    try:
        kept = [path.read_text(encoding="utf-8") for path in args.kept]
        key = _vkey(args.vkey) if args.vkey else None
    except (OSError, NoteError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    with transaction(settings) as session:
        if key is None and _key_path(settings).exists():
            key = audit_service.log_verifier(session, signing_key(_key_path(settings)))
        report = audit_service.verify_log(session, operator_actor(), key, kept, args.workers)
    return _print_report(report, args.format)


def prove(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings) as session:
        proof = audit_service.inclusion_proof(session, operator_actor(), args.seq)
    print(json.dumps(_proof_json(proof), indent=2))
    return 0


def _proof_json(proof: audit_service.InclusionProof) -> dict[str, Any]:
    """The proof with its hashes in base64, as C2SP writes them, and as a c2sp.org/tlog-proof."""

    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode()

    return {
        "seq": proof.seq,
        "leaf_index": proof.leaf_index,
        "tree_size": proof.tree_size,
        "entry_hash": proof.entry_hash,
        "leaf_hash": b64(merkle.leaf_hash(bytes.fromhex(proof.entry_hash))),
        "inclusion_proof": [b64(h) for h in proof.proof],
        "root_hash": b64(proof.root_hash),
        "checkpoint": proof.checkpoint,
        "tlog_proof": format_tlog_proof(proof.leaf_index, proof.proof, proof.checkpoint),
    }


def export(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings) as session:
        key = audit_service.log_verifier(session, signing_key(_key_path(settings)))
        manifest = audit_service.export_log(
            session, operator_actor(), args.directory, key, args.hashes_only
        )
    print(
        f"{manifest['entries']} entries and {manifest['checkpoints']} checkpoints "
        f"written to {args.directory}"
    )
    print(f"verifier key: {manifest['vkey']}")
    return 0


def verify_export(args: argparse.Namespace, settings: Settings) -> int:
    """An observer's check: only the exported files, no database and no settings used."""
    directory: Path = args.directory

    def lines(name: str) -> Iterator[str]:
        with (directory / name).open(encoding="utf-8") as stream:
            yield from stream

    try:
        key = _vkey(args.vkey or str(directory / verify.KEY_FILE))
        kept = [path.read_text(encoding="utf-8") for path in args.kept]
        report = verify.verify_export(lines, key, kept)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        print(f"error: {directory}: {exc}", file=sys.stderr)
        return 2
    if not args.vkey:
        report.notes.append(
            f"checked with the key in the export ({key.vkey}); pass --vkey with the key "
            "published by the registry to be sure the export is the registry's own"
        )
    return _print_report(report, args.format)


def _print_report(report: verify.Report, form: str) -> int:
    if form == "json":
        print(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
        return 0 if report.ok else 1
    for problem in report.problems:
        print(f"FAIL {problem.kind}: {problem.message}")
    if report.more_problems:
        print(f"FAIL and {report.more_problems} more problems")
    for note in report.notes:
        print(f"note: {note}")
    verdict = "ok" if report.ok else "TAMPERED"
    print(
        f"{verdict}: {report.entries} entries, {report.checkpoints} checkpoints; "
        f"{report.verified_size} entries are covered by a verified checkpoint"
    )
    return 0 if report.ok else 1
