"""Declared inventories of groups, and the weapons reports: by state, by group, declared
against handed in, heavy weapons and where they are, weapons per facility."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.access.permissions import Permission
from sijill.arms import queries
from sijill.arms.models import DeclaredInventory, Weapon, WeaponCustody
from sijill.arms.schemas import DeclarationIn, DeclarationOut, WeaponSummary
from sijill.arms.vocab import WeaponClass, WeaponType
from sijill.audit import service as audit
from sijill.errors import InvalidInput, Msg
from sijill.registry.models import ArmedGroup, Facility
from sijill.registry.validation import Errors, check_text


def declare(session: Session, actor: Actor, data: DeclarationIn) -> DeclarationOut:
    """Record what a group declared it holds of one weapon type (the latest one counts)."""
    actor.require(Permission.WEAPON_RECORD)
    errors: Errors = {}
    check_text(errors, "source", data.source, 200)
    group = session.get(ArmedGroup, data.group_id)
    if group is None:
        errors["group_id"] = Msg("There is no such group.")
    if errors or group is None:
        raise InvalidInput(errors)
    row = DeclaredInventory(
        group_id=group.id, weapon_type=data.weapon_type.value,
        weapon_class=data.weapon_type.weapon_class.value, quantity=data.quantity,
        declared_on=data.declared_on, source=data.source, recorded_by=actor.username,
    )  # fmt: skip
    session.add(row)
    session.flush()  # the id goes into the audit entry
    audit.record(
        session, actor, "arms:declaration:create", "group", group.id,
        {"weapon_type": data.weapon_type.value, "quantity": data.quantity},
    )  # fmt: skip
    return DeclarationOut(
        id=row.id, group=group.name, weapon_type=data.weapon_type, quantity=row.quantity,
        declared_on=row.declared_on, source=row.source,
    )  # fmt: skip


def list_declarations(session: Session, actor: Actor) -> list[DeclarationOut]:
    actor.require(Permission.WEAPON_READ)
    stmt = (
        select(DeclaredInventory, ArmedGroup.name)
        .join(ArmedGroup, ArmedGroup.id == DeclaredInventory.group_id)
        .order_by(ArmedGroup.name, DeclaredInventory.declared_on.desc())
    )
    return [
        DeclarationOut(
            id=d.id,
            group=name,
            weapon_type=WeaponType(d.weapon_type),
            quantity=d.quantity,
            declared_on=d.declared_on,
            source=d.source,
        )
        for d, name in session.execute(stmt)
    ]


@dataclass(frozen=True)
class CountRow:
    key: str  # a status, a group, a facility
    detail: str  # a weapon class or status
    count: int


@dataclass(frozen=True)
class DeclaredRow:
    group: str
    weapon_type: str
    declared: int
    handed_in: int


@dataclass(frozen=True)
class WeaponsReport:
    by_state: list[CountRow]
    by_group: list[CountRow]
    by_facility: list[CountRow]
    declared: list[DeclaredRow]
    heavy: list[WeaponSummary]


def by_state(session: Session, actor: Actor) -> list[CountRow]:
    stmt = (
        select(WeaponCustody.status, WeaponCustody.weapon_class, func.count())
        .where(queries.visible(actor))
        .group_by(WeaponCustody.status, WeaponCustody.weapon_class)
        .order_by(WeaponCustody.status, WeaponCustody.weapon_class)
    )
    return [CountRow(s, c, n) for s, c, n in session.execute(stmt)]


def by_group(session: Session, actor: Actor) -> list[CountRow]:
    stmt = (
        select(ArmedGroup.name, WeaponCustody.weapon_class, func.count())
        .join(ArmedGroup, ArmedGroup.id == WeaponCustody.group_id)
        .where(queries.visible(actor))
        .group_by(ArmedGroup.name, WeaponCustody.weapon_class)
        .order_by(ArmedGroup.name, WeaponCustody.weapon_class)
    )
    return [CountRow(g, c, n) for g, c, n in session.execute(stmt)]


def by_facility(session: Session, actor: Actor) -> list[CountRow]:
    """Where the weapons are now: per facility and state."""
    actor.require(Permission.WEAPON_READ)
    counts = (
        select(WeaponCustody.facility_id, WeaponCustody.status, func.count().label("n"))
        .where(queries.visible(actor))
        .group_by(WeaponCustody.facility_id, WeaponCustody.status)
        .subquery()
    )
    stmt = (
        select(Facility.name, counts.c.status, counts.c.n)
        .join(Facility, Facility.id == counts.c.facility_id)
        .order_by(Facility.name, counts.c.status)
    )
    return [CountRow(f, s, n) for f, s, n in session.execute(stmt)]


def declared_vs_handed_in(session: Session, actor: Actor) -> list[DeclaredRow]:
    """Per group and weapon type: the latest declaration against the weapons handed in."""
    latest = (
        select(
            DeclaredInventory.group_id, DeclaredInventory.weapon_type,
            func.max(DeclaredInventory.declared_on).label("on"),
        )
        .group_by(DeclaredInventory.group_id, DeclaredInventory.weapon_type)
        .subquery()
    )  # fmt: skip
    declared_stmt = (
        select(
            DeclaredInventory.group_id,
            DeclaredInventory.weapon_type,
            func.max(DeclaredInventory.quantity),
        )
        .join(
            latest,
            (latest.c.group_id == DeclaredInventory.group_id)
            & (latest.c.weapon_type == DeclaredInventory.weapon_type)
            & (latest.c.on == DeclaredInventory.declared_on),
        )
        .group_by(DeclaredInventory.group_id, DeclaredInventory.weapon_type)
    )
    declared = {(g, t): n for g, t, n in session.execute(declared_stmt)}
    handed_stmt = (
        select(WeaponCustody.group_id, Weapon.weapon_type, func.count())
        .join(Weapon, Weapon.id == WeaponCustody.weapon_id)
        .where(WeaponCustody.group_id.is_not(None), queries.visible(actor))
        .group_by(WeaponCustody.group_id, Weapon.weapon_type)
    )
    handed = {(g, t): n for g, t, n in session.execute(handed_stmt) if g is not None}
    keys = set(declared) | set(handed)
    names = queries.names_of(session, ArmedGroup, {g for g, _ in keys})
    rows = [
        DeclaredRow(names[g], t, declared.get((g, t), 0), handed.get((g, t), 0)) for g, t in keys
    ]
    return sorted(rows, key=lambda r: (r.group, r.weapon_type))


def heavy_weapons(session: Session, actor: Actor, limit: int = 1000) -> list[WeaponSummary]:
    stmt = (
        select(Weapon, WeaponCustody)
        .join(WeaponCustody, WeaponCustody.weapon_id == Weapon.id)
        .where(WeaponCustody.weapon_class == WeaponClass.HEAVY_WEAPON.value, queries.visible(actor))
        .order_by(WeaponCustody.status, Weapon.weapon_type, Weapon.ref)
        .limit(limit)
    )
    return queries.summaries(session, [(w, c) for w, c in session.execute(stmt)])


def report(session: Session, actor: Actor) -> WeaponsReport:
    actor.require(Permission.WEAPON_READ)
    return WeaponsReport(
        by_state=by_state(session, actor),
        by_group=by_group(session, actor),
        by_facility=by_facility(session, actor),
        declared=declared_vs_handed_in(session, actor),
        heavy=heavy_weapons(session, actor),
    )


def _counts(row: CountRow, key: str, detail: str) -> dict[str, object]:
    return {key: row.key, detail: row.detail, "count": row.count}


def as_json(data: WeaponsReport) -> dict[str, object]:
    return {
        "by_state": [_counts(r, "status", "weapon_class") for r in data.by_state],
        "by_group": [_counts(r, "group", "weapon_class") for r in data.by_group],
        "by_facility": [_counts(r, "facility", "status") for r in data.by_facility],
        "declared_vs_handed_in": [asdict(r) for r in data.declared],
        "heavy_weapons": [w.model_dump(mode="json") for w in data.heavy],
    }


def as_csv(data: WeaponsReport) -> str:
    """One table: section, key, detail, value (heavy weapons: ref, type, status and place)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "key", "detail", "value"])
    for section, rows in (("by_state", data.by_state), ("by_group", data.by_group),
                          ("by_facility", data.by_facility)):  # fmt: skip
        writer.writerows([section, r.key, r.detail, r.count] for r in rows)
    for d in data.declared:
        writer.writerow(["declared", d.group, d.weapon_type, d.declared])
        writer.writerow(["handed_in", d.group, d.weapon_type, d.handed_in])
    for w in data.heavy:
        writer.writerow(
            ["heavy", w.ref, w.weapon_type.value, f"{w.status.value}@{w.facility or ''}"]
        )
    return out.getvalue()
