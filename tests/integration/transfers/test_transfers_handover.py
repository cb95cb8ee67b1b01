"""Signed manifest, handover reconciliation, discrepancies that block closing; incoming
batches imported, matched against the registry, linked or registered."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from factories.access import make_actor, make_office
from factories.credentials import issuer, trust
from factories.db import row_counts
from factories.transfers import MAX_AGE, identified, make_batch, rate
from sijill.access.permissions import Role
from sijill.audit.models import AuditEntry
from sijill.errors import Conflict, InvalidInput, RuleViolation
from sijill.registry.service import Limits
from sijill.timeutil import utcnow
from sijill.transfers import handover, incoming, service
from sijill.transfers.risk import GroupKind, RiskLevel
from sijill.transfers.schemas import BatchIn, BatchStatus, HandoverIn, ItemIn, ResolveIn

pytestmark = pytest.mark.integration

HEAD = BatchIn(state="IQ", authority="Iraqi Border Commission", crossing_point="Al-Qaim")


def _trust(sender):
    """The sender's trust list as the receiving side reads it: the signed file."""
    listed, data = trust(sender.ring, int(utcnow().timestamp()))
    assert handover.read_trust_list(data, listed.anchor_fingerprint) == listed
    return listed


@pytest.fixture
def people(session, tmp_path):
    office = make_office(session)
    case = make_actor(session, Role.CASE, office)
    registrar = make_actor(session, Role.REGISTRAR, office)
    rate(session, "IQ", RiskLevel.LOW)
    a = identified(session, registrar, "Hasan Jabbar")
    b = identified(session, registrar, "Zainab Jabbar")
    batch = make_batch(session, case, "IQ", a.regno, b.regno)
    item = ItemIn(description="Rifle", weapon_serial="AK-0042", weapon_category="rifle")
    service.add_item(session, case, batch.reference, item)
    return {"case": case, "registrar": registrar, "office": office, "a": a, "b": b, "batch": batch,
            "issuer": issuer(tmp_path / "sender"), "other": issuer(tmp_path / "other")}  # fmt: skip


def test_signed_manifest_round_trip_and_tamper(session, people):
    ref = people["batch"].reference
    data = handover.sign_manifest(session, people["case"], ref, people["issuer"], MAX_AGE)
    manifest = handover.verify_manifest(data, _trust(people["issuer"]))
    assert [p["name"] for p in manifest["people"]] == ["Hasan Jabbar", "Zainab Jabbar"]
    assert manifest["equipment"][0]["weapon_serial"] == "AK-0042"
    tampered = data.replace(b"Zainab", b"Zaynab")
    with pytest.raises(InvalidInput, match="signature does not verify"):
        handover.verify_manifest(tampered, _trust(people["issuer"]))
    with pytest.raises(InvalidInput, match="does not hold"):
        handover.verify_manifest(data, _trust(people["other"]))


def test_a_trust_list_under_another_anchor_is_refused(session, people):
    _, data = trust(people["issuer"].ring, int(utcnow().timestamp()))
    pinned = _trust(people["other"]).anchor_fingerprint
    with pytest.raises(InvalidInput, match="another anchor"):
        handover.read_trust_list(data, pinned)
    with pytest.raises(InvalidInput, match="not a trust list"):
        handover.read_trust_list(data[:-1])


def test_no_manifest_while_someone_is_blocked(session, people):
    registrar, case = people["registrar"], people["case"]
    rate(session, "IQ", RiskLevel.PROHIBITED, (GroupKind.NATIONALITY, "UZ"))
    late = identified(session, registrar, "Blocked Person")
    from sijill.transfers.schemas import EntryIn

    service.add_person(session, case, people["batch"].reference, EntryIn(regno=late.regno))
    with pytest.raises(RuleViolation, match="not ready"):
        handover.sign_manifest(session, case, people["batch"].reference, people["issuer"], MAX_AGE)


def test_discrepancies_block_closing_until_resolved(session, people):
    case, ref = people["case"], people["batch"].reference
    with pytest.raises(RuleViolation, match="Sign and export"):
        handover.record_handover(session, case, ref, HandoverIn(received_count=2), MAX_AGE)
    handover.sign_manifest(session, case, ref, people["issuer"], MAX_AGE)
    handed = handover.record_handover(
        session, case, ref,
        HandoverIn(received_count=2, present=[people["a"].regno], extra_people=["Unknown man"]),
        MAX_AGE,
    )  # fmt: skip
    assert handed.status == BatchStatus.HANDED_OVER
    kinds = sorted(d.kind.value for d in handed.discrepancies)
    assert kinds == ["extra_person", "missing_item", "missing_person"]
    with pytest.raises(RuleViolation, match="3 discrepancies"):
        handover.close(session, case, ref)
    for d in handed.discrepancies:
        handover.resolve(session, case, ref, d.id, ResolveIn(resolution="Agreed at crossing"))
    closed = handover.close(session, case, ref)
    assert closed.status == BatchStatus.CLOSED
    tags = session.scalars(select(AuditEntry.tag).where(AuditEntry.tag.like("transfers:batch%")))
    assert "transfers:batch:closed" in list(tags)


def test_incoming_from_a_signed_manifest(session, people):
    case, ref = people["case"], people["batch"].reference
    data = handover.sign_manifest(session, case, ref, people["issuer"], MAX_AGE)
    other_office = make_office(session)
    receiver = make_actor(session, Role.SUPERVISOR, other_office)
    batch = incoming.import_signed(session, receiver, data, _trust(people["issuer"]), HEAD)
    assert batch.status == BatchStatus.EXPECTED and len(batch.entries) == 2
    assert batch.equipment[0].weapon_serial == "AK-0042"
    with pytest.raises(Conflict):
        incoming.import_signed(session, receiver, data, _trust(people["issuer"]), HEAD)
    before = row_counts(session)
    with pytest.raises(InvalidInput, match="does not hold"):
        incoming.import_signed(session, receiver, data, _trust(people["other"]), HEAD)
    assert row_counts(session) == before
    arrived = incoming.register_arrival(session, receiver, batch.reference, 1, Limits())
    assert arrived.entries[0].regno is not None


def test_incoming_spreadsheet_matched_with_explanations(session, people):
    case = people["case"]
    sheet = b"Name,Born,Nat\nHasan Jabbar,1990,UZ\nNew Arrival,1985,IQ\n"
    mapping = {"name": "Name", "date_of_birth": "Born", "nationality": "Nat"}
    batch = incoming.import_spreadsheet(session, case, sheet, "list.csv", mapping, HEAD, 100_000)
    [best, *_] = incoming.candidates(session, case, batch.reference, 1)
    assert best.name == "Hasan Jabbar" and best.decision == "match"
    assert best.explanation
    linked = incoming.link(session, case, batch.reference, 1, people["a"].regno)
    assert linked.entries[0].person_id == people["a"].id
    handed = handover.record_handover(
        session, case, batch.reference, HandoverIn(received_count=2, present=["1", "2"]), MAX_AGE
    )
    assert handed.discrepancies == []
