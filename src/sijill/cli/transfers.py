"""transfers list|check|export-manifest|verify-manifest|import-manifest|receive-equipment."""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from pathlib import Path
from typing import Any

from sijill.cli.context import actor_as, transaction
from sijill.config import Settings
from sijill.credentials import issuer as issuers
from sijill.credentials.trustlist import TrustList
from sijill.errors import InvalidInput, Msg
from sijill.timeutil import utcnow
from sijill.transfers import checks, custody, handover, incoming, manifest, printout, queries
from sijill.transfers.schemas import BatchIn, ReceiveIn


def _as(p: argparse.ArgumentParser) -> None:
    p.add_argument("--as", dest="as_user", help="act as this user (default: the operator)")


def _trust(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--trust-list", type=Path, required=True, metavar="FILE",
        help="the sender's trust list (trust-list.cbor from 'sijill documents publish')",
    )  # fmt: skip
    p.add_argument("--anchor", metavar="FINGERPRINT", help="the sender's pinned anchor")


def register(sub: Any) -> None:
    group = sub.add_parser("transfers", help="transfer batches and manifests").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    p = group.add_parser("list", help="transfer batches, newest first")
    p.add_argument("--format", choices=("text", "json"), default="text")
    _as(p)
    p.set_defaults(handler=list_batches)
    p = group.add_parser("check", help="readiness of each person of a batch, with the reasons")
    p.add_argument("batch", metavar="BATCH", help="batch reference (TR-...) or id")
    p.add_argument("--format", choices=("text", "json"), default="text")
    _as(p)
    p.set_defaults(handler=check)
    p = group.add_parser("export-manifest", help="sign a batch's manifest and write it to a file")
    p.add_argument("batch", metavar="BATCH")
    p.add_argument("--output", type=Path, required=True, help="file to write")
    p.add_argument("--pdf", type=Path, help="also write the printable A4 manifest to this file")
    _as(p)
    p.set_defaults(handler=export_manifest)
    p = group.add_parser("verify-manifest", help="check a signed manifest file")
    p.add_argument("file", type=Path)
    _trust(p)
    p.set_defaults(handler=verify_manifest)
    p = group.add_parser("import-manifest", help="an incoming batch from a signed manifest")
    p.add_argument("file", type=Path)
    _trust(p)
    p.add_argument("--state", required=True, help="the sending state (ISO code)")
    p.add_argument("--as", dest="as_user", required=True, help="the importing user")
    p.set_defaults(handler=import_manifest)
    p = group.add_parser(
        "receive-equipment", help="receive an incoming batch's weapons into custody"
    )
    p.add_argument("batch", metavar="BATCH")
    p.add_argument("--facility", required=True, type=uuid.UUID, help="facility id")
    p.add_argument("--witness", action="append", required=True, help="a witness (repeatable)")
    p.add_argument("--duplicate-reason", help="why a serial already recorded here is received")
    p.add_argument("--as", dest="as_user", required=True, help="the arms officer receiving")
    p.set_defaults(handler=receive_equipment)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InvalidInput(
            {"file": Msg("cannot read {path}: {why}", path=str(path), why=exc.strerror)}
        ) from None


def list_batches(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings) as session:
        batches = queries.list_batches(session, actor_as(session, args.as_user))
    if args.format == "json":
        print(json.dumps([b.model_dump(mode="json") for b in batches], ensure_ascii=False))
        return 0
    for b in batches:
        print(f"{b.reference}  {b.direction.value:8} {b.status.value:12} {b.state}  "
              f"{b.people} people  {b.items} items  {b.crossing_point}")  # fmt: skip
    return 0


def check(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings) as session:
        actor = actor_as(session, args.as_user)
        lines = checks.readiness(
            session, actor, args.batch, settings.transfer_screening_max_age_days
        )
    if args.format == "json":
        out = {"batch": args.batch, "ready": all(r.ready for r in lines),
               "people": [r.model_dump(mode="json") for r in lines]}  # fmt: skip
        print(json.dumps(out, ensure_ascii=False))
        return 0
    for r in lines:
        state = "ready" if r.ready else "BLOCKED"
        print(f"{r.position:4}  {r.regno or '-':12} {state:8} {r.name}")
        for reason in r.blocking:
            print(f"        - {reason}")
    return 0


def _trust_list(args: argparse.Namespace) -> TrustList:
    return handover.read_trust_list(_read(args.trust_list), args.anchor)


def export_manifest(args: argparse.Namespace, settings: Settings) -> int:
    issuer = issuers.from_settings(settings, int(utcnow().timestamp()))
    with transaction(settings) as session:
        data = handover.sign_manifest(
            session, actor_as(session, args.as_user), args.batch, issuer,
            settings.transfer_screening_max_age_days,
        )  # fmt: skip
        args.output.write_bytes(data)
        if args.pdf:
            args.pdf.write_bytes(printout.render(data, utcnow()))
    kid = manifest.parse(data).key_id
    print(f"wrote {args.output} ({len(data)} bytes), signed by key {kid}")
    if args.pdf:
        print(f"wrote {args.pdf}, the printable manifest of the same signed file")
    return 0


def verify_manifest(args: argparse.Namespace, settings: Settings) -> int:
    opened = handover.verify_manifest(_read(args.file), _trust_list(args))
    print(f"verified: {opened.get('reference')}, {len(opened.get('people', []))} people, "
          f"{len(opened.get('equipment', []))} items")  # fmt: skip
    return 0


def import_manifest(args: argparse.Namespace, settings: Settings) -> int:
    data, trust = _read(args.file), _trust_list(args)
    head = BatchIn(state=args.state, authority="(from manifest)", crossing_point="(from manifest)")
    with transaction(settings) as session:
        batch = incoming.import_signed(session, actor_as(session, args.as_user), data, trust, head)
    print(json.dumps(batch.model_dump(mode="json"), ensure_ascii=False), file=sys.stdout)
    return 0


def receive_equipment(args: argparse.Namespace, settings: Settings) -> int:
    data = ReceiveIn(
        facility_id=args.facility, witnesses=args.witness, duplicate_reason=args.duplicate_reason
    )
    with transaction(settings) as session:
        batch = custody.receive_equipment(
            session, actor_as(session, args.as_user), args.batch, data
        )
    received = sum(1 for item in batch.equipment if item.intake_id is not None)
    print(f"{batch.reference}: {received} of {len(batch.equipment)} items in custody")
    return 0
