"""Demo weapons: each group hands in weapons at a collection point; most go into a base's
store; some are moved, reported lost or stolen, recovered or destroyed; some are issued under
permits to demo people; groups declare what they hold. Through the services, as officers
would. Serial numbers and makes are invented."""

from __future__ import annotations

import datetime as dt
import itertools
import random

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from sijill.access import service as access_service
from sijill.access.actor import Actor
from sijill.access.models import User
from sijill.access.permissions import Role
from sijill.arms import guards, inventory, permits, service
from sijill.arms.models import Weapon, WeaponCustody
from sijill.arms.schemas import (
    DeclarationIn,
    EventIn,
    IntakeIn,
    IssueIn,
    MarkingIn,
    PermitDecisionIn,
    PermitIn,
    WeaponIn,
)
from sijill.arms.vocab import Condition, CustodyStatus, EventKind, PermitAction
from sijill.arms.vocab import WeaponType as T
from sijill.cases import service as cases
from sijill.cases.schemas import (
    DetailsIn,
    ItemIn,
    ItemKind,
    ItemUpdateIn,
    PathwayOpenIn,
    TransitionIn,
)
from sijill.cases.workflow import Pathway
from sijill.db import unit_of_work
from sijill.errors import DomainError
from sijill.registry import regno as regnos
from sijill.registry.models import ArmedGroup, Facility, Person
from sijill.registry.vocab import FacilityKind
from sijill.timeutil import utcnow

# (type, make, model, calibre, serial prefix, weight)
CATALOGUE = [
    (T.ASSAULT_RIFLE, "Demo Arsenal", "AK-47", "7.62x39mm", "AK-47 No. ", 30),
    (T.ASSAULT_RIFLE, "Demo Arsenal", "AKM", "7.62x39mm", "No. ", 15),
    (T.RIFLE_CARBINE, "Demo Works", "SKS", "7.62x39mm", "", 6),
    (T.REVOLVER_PISTOL, "Demo Works", "TT-33", "7.62x25mm", "", 6),
    (T.LIGHT_MACHINE_GUN, "Demo Arsenal", "PKM", "7.62x54mmR", "PKM ", 5),
    (T.SUB_MACHINE_GUN, "Demo Works", "PPSh", "7.62x25mm", "", 2),
    (T.HEAVY_MACHINE_GUN, "Demo Heavy", "DShK", "12.7x108mm", "", 2),
    (T.GRENADE_LAUNCHER, "Demo Heavy", "RPG-7", "40mm", "RPG-7 ", 4),
    (T.MORTAR_UNDER_75MM, "Demo Heavy", "M-60mm", "60mm", "", 1),
    (T.PORTABLE_ANTI_AIRCRAFT_LAUNCHER, "Demo Heavy", "MANPADS-D", "72mm", "", 1),
]
HEAVY = [
    (T.BATTLE_TANK, "Demo Tankworks", "T-55", "100mm"),
    (T.ARMOURED_COMBAT_VEHICLE, "Demo Tankworks", "BMP-1", "73mm"),
    (T.LARGE_CALIBRE_ARTILLERY, "Demo Ordnance", "D-30", "122mm"),
    (T.MISSILE_OR_LAUNCHER, "Demo Ordnance", "BM-21", "122mm"),
]
A = PermitAction
STATES = guards.DEFAULT_ARMY_STATES  # the army states of a permit holder's case
MISREAD = str.maketrans({"0": "O", "1": "I", "5": "S", "8": "B"})


_numbers = itertools.count(1)


def _serial(rng: random.Random, prefix: str) -> str:
    """A six-digit serial, different for every weapon of a run (its key too)."""
    digits = f"{100000 + next(_numbers) * 7919 % 900000}"
    if rng.random() < 0.2:  # read off worn metal: a letter for a digit
        i = rng.randrange(len(digits))
        digits = digits[:i] + digits[i].translate(MISREAD) + digits[i + 1 :]
    return prefix + digits


def _items(rng: random.Random, count: int, heavy: int) -> list[WeaponIn]:
    weights = [row[-1] for row in CATALOGUE]
    items = []
    for kind, make, model, calibre, prefix, _ in rng.choices(CATALOGUE, weights, k=count):
        items.append(WeaponIn(
            weapon_type=kind, make=make, model=model, calibre=calibre,
            condition=rng.choice([Condition.SERVICEABLE] * 3 + [Condition.DAMAGED]),
            markings=[MarkingIn(text=_serial(rng, prefix))],
        ))  # fmt: skip
    for kind, make, model, calibre in rng.sample(HEAVY, heavy):
        serial = MarkingIn(text=_serial(rng, ""))
        items.append(WeaponIn(weapon_type=kind, make=make, model=model, calibre=calibre,
                              condition=Condition.SERVICEABLE, markings=[serial]))  # fmt: skip
    return items


def _actor(session: Session, role: Role) -> Actor:
    user = session.scalars(select(User).where(User.role == role.value).order_by(User.username))
    return access_service.actor_for(user.first())  # type: ignore[arg-type]


def _event(session: Session, actor: Actor, ref: str, kind: EventKind, at: dt.datetime,
           facility: Facility | None = None, witnesses: tuple[str, ...] = ("Store keeper",)
           ) -> None:  # fmt: skip
    data = EventIn(kind=kind, at=at, facility_id=facility.id if facility else None,
                   witnesses=list(witnesses))  # fmt: skip
    service.record_event(session, actor, ref, data)


def _life(session: Session, arms: Actor, rng: random.Random, ref: str, bases: list[Facility],
          start: dt.datetime) -> None:  # fmt: skip
    """Receive a weapon into a store and give it one of the demo fates."""
    roll = rng.random()
    if roll < 0.1:
        return  # still at the collection point
    _event(session, arms, ref, EventKind.RECEIVED, start + dt.timedelta(days=1), bases[0])
    if roll < 0.2:
        _event(session, arms, ref, EventKind.MOVED, start + dt.timedelta(days=5), bases[-1],
               ("Convoy escort",))  # fmt: skip
    elif roll < 0.27:
        kind = EventKind.REPORTED_STOLEN if roll < 0.24 else EventKind.REPORTED_LOST
        _event(session, arms, ref, kind, start + dt.timedelta(days=9), witnesses=("Guard",))
        if roll < 0.22:
            _event(session, arms, ref, EventKind.RECOVERED, start + dt.timedelta(days=15),
                   bases[0], ("Patrol leader",))  # fmt: skip
    elif roll < 0.4:
        _event(session, arms, ref, EventKind.DESTROYED, start + dt.timedelta(days=20),
               witnesses=("Demilitarisation officer", "Observer"))  # fmt: skip


def _integrate(session: Session, supervisor: Actor, regno: str) -> None:
    """Take the person's case through army integration, backdated, as a case officer would:
    a weapon permit is for someone integrated into the army."""
    now, basis = utcnow(), "Transitional Decree 3/2025 (synthetic)"
    cases.open_case(session, supervisor, regno)
    opening = PathwayOpenIn(pathway=Pathway.ARMY, reason="referred at intake", legal_basis=basis)
    army = cases.open_pathway(session, supervisor, regno, opening, at=now - dt.timedelta(days=200))
    course = cases.add_item(session, supervisor, army.id,
                            ItemIn(kind=ItemKind.COURSE, name="Basic training"))  # fmt: skip
    cases.update_item(session, supervisor, course.items[0].id, ItemUpdateIn(completed=True))
    details = DetailsIn(unit="5th Infantry Brigade", rank="private", conduct_acknowledged=True)
    cases.update_details(session, supervisor, army.id, details)
    for target, days in (("vetting", 150), ("training", 100), ("integrated", 40)):
        step = TransitionIn(target=target, reason=f"file reviewed: {target}", legal_basis=basis)
        cases.move(session, supervisor, army.id, step, at=now - dt.timedelta(days=days))


def _permits(session: Session, arms: Actor, supervisor: Actor, count: int) -> int:
    """Permits for every third person, integrated into the army first, each for a small arm
    in store now (a weapon's life in the demo is drawn at random, so which ones are stored is
    read back, not assumed)."""
    people = session.scalars(select(Person).order_by(Person.created_at).limit(count * 3)).all()
    refs = session.scalars(
        select(Weapon.ref)
        .join(WeaponCustody, WeaponCustody.weapon_id == Weapon.id)
        .where(WeaponCustody.status == CustodyStatus.STORED.value)
        .where(WeaponCustody.weapon_class == "small_arm")
        .order_by(Weapon.ref)
        .limit(count)
    ).all()
    today = dt.date.today()
    done = 0
    for person, ref in zip(people[::3], refs, strict=False):
        data = PermitIn(holder=regnos.display(person.regno), weapon_ref=ref,
                        valid_from=today - dt.timedelta(days=30),
                        valid_until=today + dt.timedelta(days=335),
                        conditions="Carried on duty only.")  # fmt: skip
        try:
            with session.begin_nested():  # a minor, a person under a hold: nothing of theirs
                _integrate(session, supervisor, data.holder)
                permit = permits.request_permit(session, arms, data, STATES)
        except DomainError:
            continue
        permits.decide(session, supervisor, permit.ref, A.APPROVE, PermitDecisionIn(), STATES)
        at = utcnow() - dt.timedelta(days=10)
        issued = IssueIn(at=at, witnesses=["Quartermaster"])
        permits.issue(session, arms, permit.ref, issued, STATES)
        if done == 1:
            reason = PermitDecisionIn(reason="Left the unit")
            permits.decide(session, supervisor, permit.ref, A.REVOKE, reason, STATES)
        elif done == 2:
            reason = PermitDecisionIn(reason="Under inquiry")
            permits.decide(session, arms, permit.ref, A.SUSPEND, reason, STATES)
        done += 1
    return done


def load(factory: sessionmaker[Session], seed: int) -> int:
    """Load the demo weapons once (nothing if weapons exist); the number of weapons."""
    rng = random.Random(seed)
    with unit_of_work(factory) as session:
        if session.scalar(select(func.count()).select_from(Weapon)):
            return 0
        arms, supervisor = _actor(session, Role.ARMS), _actor(session, Role.SUPERVISOR)
        facilities = list(session.scalars(select(Facility).order_by(Facility.name)))
        groups = list(session.scalars(select(ArmedGroup).order_by(ArmedGroup.name)))
        start = utcnow() - dt.timedelta(days=60)
        total = 0
        for i, group in enumerate(groups[:8]):
            camps = [f for f in facilities if f.kind == FacilityKind.CAMP]
            camp = camps[i % len(camps)]
            bases = [f for f in facilities if f.kind == FacilityKind.BASE
                     and f.office_id == camp.office_id] or [camp]  # fmt: skip
            items = _items(rng, rng.randrange(12, 30), heavy=1 if i % 3 == 0 else 0)
            intake = service.intake(session, arms, IntakeIn(
                facility_id=camp.id, group_id=group.id, at=start + dt.timedelta(days=i),
                witnesses=["Group commander", "Camp officer"], items=items,
            ))  # fmt: skip
            total += len(intake.items)
            for weapon in intake.items:
                _life(session, arms, rng, weapon.ref, bases, start + dt.timedelta(days=i))
            for kind in (T.ASSAULT_RIFLE, T.GRENADE_LAUNCHER):
                declared = DeclarationIn(group_id=group.id, weapon_type=kind,
                                         quantity=rng.randrange(10, 40),
                                         declared_on=dt.date.today() - dt.timedelta(days=90),
                                         source="Declaration to the commission")  # fmt: skip
                inventory.declare(session, arms, declared)
        _permits(session, arms, supervisor, 6)
    return total
