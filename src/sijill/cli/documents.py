"""documents request|approve|reject|issue|revoke|list|publish|rotate-key, and verify."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

from sijill.cli.context import actor_as, transaction
from sijill.config import Settings
from sijill.credentials import issuer as issuers
from sijill.credentials import keys, service, signing, views
from sijill.credentials.payload import DocType, photo_digest
from sijill.credentials.schemas import DecisionIn, DocumentRequestIn, RevokeIn
from sijill.credentials.signing import Outcome, Verification
from sijill.credentials.verifier_page import verifier_html
from sijill.errors import InvalidInput
from sijill.timeutil import utcnow

TRUST_LIST, STATUS_LIST, VERIFIER = "trust-list.cbor", "status-list.cwt", "verifier.html"
TYPES = [t.value for t in DocType]


def _as(p: argparse.ArgumentParser, required: bool = False) -> None:
    p.add_argument("--as", dest="as_user", required=required, help="act as this user")


def register(sub: Any) -> None:
    docs = sub.add_parser("documents", help="signed identity papers and permits").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    p = docs.add_parser("request", help="ask for a document for a person")
    p.add_argument("regno")
    p.add_argument("--type", dest="doc_type", choices=TYPES, required=True)
    p.add_argument("--reason")
    p.add_argument("--programme-status", help="residence permits: the permit's basis")
    p.add_argument(
        "--permit", dest="permit_ref", metavar="REF", help="weapon permits: the arms permit"
    )
    _as(p, required=True)
    p.set_defaults(handler=request)
    for name, approve in (("approve", True), ("reject", False)):
        p = docs.add_parser(name, help=f"{name} a request (a supervisor, not the requester)")
        p.add_argument("request_id", type=uuid.UUID, metavar="REQUEST")
        p.add_argument("--note")
        _as(p, required=True)
        p.set_defaults(handler=decide, approve=approve)
    p = docs.add_parser("issue", help="sign the approved request: card PDF, certificate, QR text")
    p.add_argument("regno")
    p.add_argument("--type", dest="doc_type", choices=TYPES, required=True)
    p.add_argument("--out", type=Path, required=True, metavar="DIR")
    p.add_argument(
        "--permit", dest="permit_ref", metavar="REF", help="weapon permits: the arms permit signed"
    )
    _as(p)
    p.set_defaults(handler=issue)
    p = docs.add_parser("revoke", help="revoke a document (it shows as revoked once published)")
    p.add_argument("serial")
    p.add_argument("--reason", required=True)
    _as(p)
    p.set_defaults(handler=revoke)
    p = docs.add_parser("list", help="a person's requests and documents")
    p.add_argument("regno")
    _as(p)
    p.set_defaults(handler=list_documents)
    p = docs.add_parser("publish", help="write the trust list, status list and verifier page")
    p.add_argument("--out", type=Path, required=True, metavar="DIR")
    p.set_defaults(handler=publish)
    p = docs.add_parser("rotate-key", help="a new document key signs from now on")
    p.set_defaults(handler=rotate_key)
    p = sub.add_parser("verify", help="verify a document's QR (image or text) offline")
    p.add_argument("qr", help="an image of the QR code, a text file, or the QR text itself")
    p.add_argument("--trust-list", type=Path, required=True, metavar="FILE")
    p.add_argument("--status-list", type=Path, metavar="FILE")
    p.add_argument("--anchor", help="the trust list anchor's fingerprint, to pin it")
    p.add_argument(
        "--photo", type=Path, metavar="FILE",
        help="the holder's photograph as the registry serves it, to compare with the QR's hash",
    )  # fmt: skip
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(handler=verify)


def _request_in(args: argparse.Namespace) -> DocumentRequestIn:
    return DocumentRequestIn(
        doc_type=DocType(args.doc_type),
        reason=args.reason,
        programme_status=args.programme_status,
        permit_ref=args.permit_ref,
    )


def request(args: argparse.Namespace, settings: Settings) -> int:
    data = _request_in(args)
    with transaction(settings) as session:
        out = service.request_document(session, actor_as(session, args.as_user), args.regno, data)
    print(f"{out.id}  {out.doc_type.value}  {out.regno}  {out.status.value}")
    return 0


def decide(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings) as session:
        actor = actor_as(session, args.as_user)
        out = service.decide_request(
            session, actor, args.request_id, args.approve, DecisionIn(note=args.note)
        )
    print(f"{out.id}  {out.status.value} by {out.decided_by}")
    return 0


def _now() -> int:
    return int(utcnow().timestamp())


def issue(args: argparse.Namespace, settings: Settings) -> int:
    from sijill.credentials import card  # on use: fpdf slows every other command's start

    issuer = issuers.from_settings(settings, _now())
    with transaction(settings) as session:
        actor = actor_as(session, args.as_user)
        out = service.issue_for_person(
            session, actor, args.regno, DocType(args.doc_type), issuer, args.permit_ref
        )
        photo = service.print_photo(session, actor, out.serial)
    args.out.mkdir(parents=True, exist_ok=True)
    files = {
        f"{out.serial}.qr.txt": out.qr_text.encode("ascii"),
        f"{out.serial}-card.pdf": card.card_pdf(out.qr_text, photo),
        f"{out.serial}-certificate.pdf": card.certificate_pdf(out.qr_text, photo),
    }
    for name, data in files.items():
        (args.out / name).write_bytes(data)
    print(f"{out.serial}  {out.doc_type.value}  {out.regno}  valid until {out.expires_at:%Y-%m-%d}")
    for name in files:
        print(f"  wrote {args.out / name}")
    return 0


def revoke(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings) as session:
        actor = actor_as(session, args.as_user)
        out = service.revoke_document(session, actor, args.serial, RevokeIn(reason=args.reason))
    print(f"{out.serial}  revoked: {out.end_reason} (publish the status list to tell checkpoints)")
    return 0


def list_documents(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings) as session:
        out = views.person_documents(session, actor_as(session, args.as_user), args.regno)
    for r in out.requests:
        print(f"request  {r.id}  {r.doc_type.value:16} {r.status.value:9} by {r.requested_by}")
    for d in out.documents:
        print(
            f"document {d.serial}  {d.doc_type.value:16} {d.status.value:10} "
            f"until {d.expires_at:%Y-%m-%d}"
        )
    return 0


def publish(args: argparse.Namespace, settings: Settings) -> int:
    issuer = issuers.from_settings(settings, _now())
    with transaction(settings) as session:
        trust, status = service.publish(session, actor_as(session, None), issuer)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / TRUST_LIST).write_bytes(trust)
    (args.out / STATUS_LIST).write_bytes(status)
    (args.out / VERIFIER).write_text(verifier_html(trust, status), encoding="utf-8")
    fingerprint = issuer.trust_list(_now()).anchor_fingerprint
    for name in (TRUST_LIST, STATUS_LIST, VERIFIER):
        print(f"wrote {args.out / name}")
    print(f"anchor fingerprint {fingerprint}")
    return 0


def rotate_key(args: argparse.Namespace, settings: Settings) -> int:
    anchor = issuers.external_anchor_key(settings)
    ring = keys.rotate(settings.effective_key_dir, _now(), anchor)
    new = ring.keys[-1].trusted
    print(f"new document key {new.kid.hex()} signs from now; publish the trust list")
    return 0


def _qr_text(value: str) -> str:
    path = Path(value)
    if not path.is_file():
        return value.strip()
    if path.suffix.lower() in (".txt", ".qr"):
        return path.read_text(encoding="ascii", errors="replace").strip()
    from sijill.credentials.qrimage import read_qr  # on use, like card

    return read_qr(path)


def _print(result: Verification) -> None:
    print(f"{result.outcome.value.upper()}: {result.reason}")
    if result.status_list_age is not None:
        print(f"  status list age: {dt.timedelta(seconds=result.status_list_age)}")
    doc = result.document
    if doc is None:
        return
    h = doc.holder
    print(f"  {doc.doc_type.value} {doc.serial}  registry no. {doc.regno}")
    print(f"  name {h.full_name}" + (f"  /  {h.arabic_name}" if h.arabic_name else ""))
    born, nationality = h.date_of_birth or "?", h.nationality or "?"
    print(f"  born {born}  nationality {nationality}  sex {h.gender or '?'}")
    print(
        f"  valid {dt.datetime.fromtimestamp(doc.issued_at, dt.UTC):%Y-%m-%d} to "
        f"{dt.datetime.fromtimestamp(doc.expires_at, dt.UTC):%Y-%m-%d}"
    )
    if doc.weapon:
        print(f"  weapon {doc.weapon.category} {doc.weapon.serial} {doc.weapon.make_model or ''}")
    print(f"  photo hash {doc.photo_hash.hex() if doc.photo_hash else 'none'}")


def _photo_check(result: Verification, photo: bytes | None) -> str | None:
    """``matches`` / ``differs`` / ``no photo hash`` when a photograph was given."""
    if photo is None or result.document is None:
        return None
    if not result.document.photo_hash:
        return "no photo hash"
    return "matches" if photo_digest(photo) == result.document.photo_hash else "differs"


def verify(args: argparse.Namespace, settings: Settings) -> int:
    text = _qr_text(args.qr)
    try:
        trust = args.trust_list.read_bytes()
        status = args.status_list.read_bytes() if args.status_list else None
        photo = args.photo.read_bytes() if args.photo else None
    except OSError as exc:
        raise InvalidInput({"file": f"cannot read {exc.filename}: {exc.strerror}"}) from exc
    try:
        result = signing.verify_files(text, trust, status, _now(), args.anchor)
    except ValueError as exc:
        raise InvalidInput({"trust_list": str(exc)}) from exc
    photo_check = _photo_check(result, photo)
    if args.format == "json":
        print(json.dumps(_as_json(result) | {"photo": photo_check}, ensure_ascii=False, indent=1))
    else:
        _print(result)
        if photo_check is not None:
            print(f"  photograph {args.photo}: {photo_check}")
    matched = photo_check in (None, "matches")
    return 0 if result.outcome == Outcome.VALID and matched else 1


def _as_json(result: Verification) -> dict[str, Any]:
    doc = result.document
    return {
        "outcome": result.outcome.value,
        "reason": result.reason,
        "status_list_age_seconds": result.status_list_age,
        "document": None
        if doc is None
        else {
            "type": doc.doc_type.value,
            "serial": doc.serial,
            "regno": doc.regno,
            "name": doc.holder.full_name,
            "arabic_name": doc.holder.arabic_name,
            "date_of_birth": doc.holder.date_of_birth,
            "nationality": doc.holder.nationality,
            "issued_at": doc.issued_at,
            "expires_at": doc.expires_at,
            "weapon": None if doc.weapon is None else vars(doc.weapon),
            "photo_hash": doc.photo_hash.hex() if doc.photo_hash else None,
        },
    }
