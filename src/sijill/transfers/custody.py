"""The weapons of an incoming batch received into custody through the arms service: each
weapon of the manifest becomes a weapons record handed in at a facility of the receiving
office, with the usual receipt (one arms intake per 500 weapons), and its manifest line
remembers that intake so that nothing is received twice."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.access.permissions import Permission
from sijill.arms import service as arms_service
from sijill.arms.schemas import IntakeIn, MarkingIn, WeaponIn
from sijill.arms.vocab import WeaponType
from sijill.audit import service as audit
from sijill.errors import Msg, RuleViolation
from sijill.transfers import queries
from sijill.transfers.models import TransferBatch, TransferItem
from sijill.transfers.schemas import BatchOut, BatchStatus, Direction, ReceiveIn

PER_INTAKE = 500  # the most weapons one arms intake takes
_TYPES = {
    "rifle": WeaponType.RIFLE_CARBINE,
    "carbine": WeaponType.RIFLE_CARBINE,
    "assault rifle": WeaponType.ASSAULT_RIFLE,
    "pistol": WeaponType.REVOLVER_PISTOL,
    "revolver": WeaponType.REVOLVER_PISTOL,
    "sub machine gun": WeaponType.SUB_MACHINE_GUN,
    "machine gun": WeaponType.LIGHT_MACHINE_GUN,
    "light machine gun": WeaponType.LIGHT_MACHINE_GUN,
    "heavy machine gun": WeaponType.HEAVY_MACHINE_GUN,
    "grenade launcher": WeaponType.GRENADE_LAUNCHER,
    "mortar": WeaponType.MORTAR_UNDER_75MM,
}


def weapon_type(category: str | None) -> WeaponType:
    """The weapons record's type of a manifest's free-text category; another small arm when
    the category names none (the category is kept in the record's description)."""
    text = " ".join((category or "").lower().replace("_", " ").replace("-", " ").split())
    known = {t.value.replace("_", " "): t for t in WeaponType}
    return _TYPES.get(text) or known.get(text) or WeaponType.OTHER_SMALL_ARM


def _is_weapon(item: TransferItem) -> bool:
    return bool(item.weapon_serial or item.weapon_category)


def _weapons(batch: TransferBatch, item: TransferItem, reason: str | None) -> list[WeaponIn]:
    category = f"; declared category {item.weapon_category}" if item.weapon_category else ""
    one = WeaponIn(
        weapon_type=weapon_type(item.weapon_category),
        markings=[MarkingIn(text=item.weapon_serial)] if item.weapon_serial else [],
        description=f"{item.description} (transfer {batch.reference}, line {item.position}"
        f"{category})",
        duplicate_reason=reason,
    )
    return [one] * (1 if item.weapon_serial else max(item.quantity, 1))


def _waiting(session: Session, batch: TransferBatch) -> list[TransferItem]:
    """Weapons not received yet, leaving out those found missing at the handover."""
    return [
        i
        for i in queries.items(session, batch.id)
        if _is_weapon(i) and i.intake_id is None and i.present is not False
    ]


Lines = list[tuple[TransferItem, list[WeaponIn]]]


def _chunks(lines: Lines) -> list[Lines]:
    """The lines in groups of at most ``PER_INTAKE`` weapons (a line is never split)."""
    chunks: list[Lines] = [[]]
    count = 0
    for line in lines:
        if chunks[-1] and count + len(line[1]) > PER_INTAKE:
            chunks.append([])
            count = 0
        chunks[-1].append(line)
        count += len(line[1])
    return chunks


def receive_equipment(session: Session, actor: Actor, ref: str, data: ReceiveIn) -> BatchOut:
    """Take the weapons of an incoming batch into custody at ``data.facility_id``."""
    actor.require(Permission.WEAPON_RECORD)
    batch = queries.load_batch(session, actor, ref)
    if batch.direction != Direction.INCOMING or batch.status not in (
        BatchStatus.EXPECTED, BatchStatus.HANDED_OVER,
    ):  # fmt: skip
        raise RuleViolation(Msg("Only the weapons of an open incoming batch are received."))
    waiting = _waiting(session, batch)
    if not waiting:
        raise RuleViolation(Msg("No weapon of this batch is waiting to be received."))
    lines = [(i, _weapons(batch, i, data.duplicate_reason)) for i in waiting]
    if any(len(weapons) > PER_INTAKE for _, weapons in lines):
        raise RuleViolation(
            Msg("A line of more than {n} weapons is received at the store, not here.", n=PER_INTAKE)
        )
    receipts = []
    for chunk in _chunks(lines):
        weapons = [w for _, item_weapons in chunk for w in item_weapons]
        head = IntakeIn(facility_id=data.facility_id, witnesses=data.witnesses, items=weapons)
        intake = arms_service.intake(session, actor, head)
        receipts.append(intake.ref)
        for item, _ in chunk:
            item.intake_id = intake.id
    audit.record(
        session, actor, "transfers:equipment:received", "transfer_batch", batch.id,
        {"items": len(waiting), "intakes": receipts},
    )  # fmt: skip
    return queries.batch_out(session, batch)
