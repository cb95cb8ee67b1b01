"""The weapons of an incoming batch received into custody through the arms service."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from factories.access import make_actor, make_office
from factories.registry import make_facility
from sijill.access.permissions import Role
from sijill.arms.models import Weapon
from sijill.arms.vocab import WeaponType
from sijill.errors import NotPermitted, RuleViolation
from sijill.transfers import custody, handover, incoming, service
from sijill.transfers.models import TransferItem
from sijill.transfers.schemas import BatchIn, HandoverIn, ItemIn, ReceiveIn

pytestmark = pytest.mark.integration

HEAD = BatchIn(state="SY", authority="Syrian Border Authority", crossing_point="Al-Qaim")
SHEET = b"Name\nOmar Haddad Arrival\n"


@pytest.fixture
def world(session):
    office = make_office(session)
    case = make_actor(session, Role.CASE, office)
    batch = incoming.import_spreadsheet(
        session, case, SHEET, "arrivals.csv", {"name": "Name"}, HEAD, 100_000
    )
    return {
        "case": case,
        "arms": make_actor(session, Role.ARMS, office),
        "facility": make_facility(session, office),
        "ref": batch.reference,
        "batch_id": batch.id,
    }


def _items(session, world, *items):
    for position, item in enumerate(items, start=1):
        session.add(TransferItem(batch_id=world["batch_id"], position=position,
                                 added_by="sender", **item))  # fmt: skip
    session.flush()


def _receive(session, world, actor=None):
    data = ReceiveIn(facility_id=world["facility"].id, witnesses=["Store Keeper"])
    return custody.receive_equipment(session, actor or world["arms"], world["ref"], data)


def test_weapons_become_weapon_records_once(session, world):
    _items(
        session, world,
        {"description": "Rifle", "weapon_serial": "SY-AK-1", "weapon_category": "assault rifle"},
        {"description": "Pistols", "quantity": 2, "weapon_category": "pistol"},
        {"description": "Radio", "quantity": 3},
    )  # fmt: skip
    batch = _receive(session, world)
    rifle, pistols, radio = batch.equipment
    assert rifle.intake_id is not None and rifle.intake_id == pistols.intake_id
    assert radio.intake_id is None  # not a weapon: no weapons record
    weapons = session.scalars(select(Weapon).where(Weapon.intake_id == rifle.intake_id)).all()
    assert sorted(w.weapon_type for w in weapons) == sorted(
        [WeaponType.ASSAULT_RIFLE, WeaponType.REVOLVER_PISTOL, WeaponType.REVOLVER_PISTOL]
    )
    assert all(world["ref"] in (w.description or "") for w in weapons)
    with pytest.raises(RuleViolation, match="No weapon"):
        _receive(session, world)


def test_a_weapon_missing_at_the_handover_is_not_received(session, world):
    _items(
        session, world,
        {"description": "Rifle", "weapon_serial": "SY-AK-2", "weapon_category": "rifle"},
        {"description": "Rifle", "weapon_serial": "SY-AK-3", "weapon_category": "rifle"},
    )  # fmt: skip
    counted = HandoverIn(received_count=1, present=["1"], items_present=[1])
    handover.record_handover(session, world["case"], world["ref"], counted, 90)
    first, missing = _receive(session, world).equipment
    assert first.intake_id is not None and missing.intake_id is None


def test_only_arms_officers_receive_and_only_incoming_batches(session, world):
    _items(session, world, {"description": "Rifle", "weapon_serial": "SY-AK-4"})
    with pytest.raises(NotPermitted):
        _receive(session, world, world["case"])
    outgoing = service.create_batch(session, world["case"], HEAD.model_copy(update={"state": "IQ"}))
    service.add_item(session, world["case"], outgoing.reference, ItemIn(description="Rifle"))
    data = ReceiveIn(facility_id=world["facility"].id, witnesses=["W"])
    with pytest.raises(RuleViolation, match="incoming"):
        custody.receive_equipment(session, world["arms"], outgoing.reference, data)


@pytest.mark.parametrize(
    ("category", "expected"),
    [
        ("Rifle", WeaponType.RIFLE_CARBINE),
        ("assault_rifle", WeaponType.ASSAULT_RIFLE),
        ("sub-machine gun", WeaponType.SUB_MACHINE_GUN),
        ("grenade_launcher", WeaponType.GRENADE_LAUNCHER),
        ("catapult", WeaponType.OTHER_SMALL_ARM),
        (None, WeaponType.OTHER_SMALL_ARM),
    ],
)
def test_declared_categories_map_to_weapon_types(category, expected):
    assert custody.weapon_type(category) == expected
