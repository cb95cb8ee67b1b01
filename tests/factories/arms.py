"""Weapons, intakes and permits for tests."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from factories.access import make_actor, make_office
from factories.registry import make_facility, make_group, register
from sijill.access.actor import Actor, operator_actor
from sijill.access.permissions import Role
from sijill.arms import permits, service
from sijill.arms.guards import DEFAULT_ARMY_STATES
from sijill.arms.schemas import (
    IntakeIn,
    IntakeOut,
    IssueIn,
    MarkingIn,
    PermitDecisionIn,
    PermitIn,
    PermitOut,
    WeaponIn,
)
from sijill.arms.vocab import PermitAction, WeaponType
from sijill.cases import queries as case_queries
from sijill.cases import service as cases
from sijill.cases.schemas import (
    DetailsIn,
    ItemIn,
    ItemKind,
    ItemUpdateIn,
    PathwayOpenIn,
    TransitionIn,
)
from sijill.cases.workflow import ArmyStatus, Pathway
from sijill.registry import queries as registry_queries
from sijill.registry.vocab import FacilityKind

STATES = DEFAULT_ARMY_STATES  # the setting permit_army_states, by default

_serials = itertools.count(100001)


def weapon_in(serial: str | None = None, **extra: Any) -> WeaponIn:
    serial = serial or f"TST{next(_serials)}"
    data: dict[str, Any] = {
        "weapon_type": WeaponType.ASSAULT_RIFLE,
        "make": "Synthetic Arsenal",
        "model": "AK-47",
        "calibre": "7.62x39mm",
        "markings": [MarkingIn(text=serial)],
    }
    return WeaponIn(**(data | extra))


@dataclass
class ArmsWorld:
    office: str
    arms: Actor
    supervisor: Actor
    collection: Any  # FacilityOut
    store: Any
    group: Any  # GroupOut


def make_world(session: Session, office: str | None = None) -> ArmsWorld:
    office = office or make_office(session)
    return ArmsWorld(
        office=office,
        arms=make_actor(session, Role.ARMS, office),
        supervisor=make_actor(session, Role.SUPERVISOR, office),
        collection=make_facility(session, office, FacilityKind.CAMP),
        store=make_facility(session, office, FacilityKind.BASE),
        group=make_group(session),
    )


def hand_in(session: Session, world: ArmsWorld, *items: WeaponIn, **extra: Any) -> IntakeOut:
    data = IntakeIn(
        facility_id=world.collection.id,
        group_id=world.group.id,
        witnesses=["Witness One"],
        items=list(items) or [weapon_in()],
        **extra,
    )
    return service.intake(session, world.arms, data)


def army_pathway(session: Session, regno: str, *targets: str) -> None:
    """Open an army integration pathway on the person's case and move it through
    ``targets``, with the training and conduct acknowledgement integration asks for."""
    operator = operator_actor()
    cases.open_case(session, operator, regno)
    opening = PathwayOpenIn(pathway=Pathway.ARMY, reason="referred by intake")
    army = cases.open_pathway(session, operator, regno, opening)
    course = cases.add_item(session, operator, army.id, ItemIn(kind=ItemKind.COURSE, name="Basic"))
    cases.update_item(session, operator, course.items[0].id, ItemUpdateIn(completed=True))
    cases.update_details(session, operator, army.id, DetailsIn(conduct_acknowledged=True))
    for target in targets:
        step = TransitionIn(target=target, reason=f"to {target}", legal_basis="Decree 7/2025")
        cases.move(session, operator, army.id, step)


def army_integrated(session: Session, regno: str) -> None:
    """The person's case integrated into the army (a permit holder's must be), once."""
    person = registry_queries.load_person(session, operator_actor(), regno)
    done = case_queries.case_state(session, person.id).pathways
    if not any(p.pathway is Pathway.ARMY and p.status == ArmyStatus.INTEGRATED for p in done):
        army_pathway(session, regno, "vetting", "training", "integrated")


def holder(session: Session, world: ArmsWorld, name: str = "Permit Holder") -> str:
    """A new person who may hold a permit: integrated into the army."""
    registrar = make_actor(session, Role.REGISTRAR, world.office)
    regno = register(session, registrar, name).regno
    army_integrated(session, regno)
    return regno


def stored_weapon(session: Session, world: ArmsWorld) -> str:
    from sijill.arms.schemas import EventIn
    from sijill.arms.vocab import EventKind

    ref = hand_in(session, world).items[0].ref
    event = EventIn(kind=EventKind.RECEIVED, facility_id=world.store.id, witnesses=["Store Keeper"])
    service.record_event(session, world.arms, ref, event)
    return ref


def active_permit(
    session: Session, world: ArmsWorld, issued: bool = False, regno: str | None = None
) -> PermitOut:
    """An approved permit (for ``regno``, or a new holder), its weapon handed out if asked."""
    if regno is not None:
        army_integrated(session, regno)
    today = dt.date.today()
    data = PermitIn(
        holder=regno or holder(session, world),
        weapon_ref=stored_weapon(session, world),
        valid_from=today,
        valid_until=today + dt.timedelta(days=365),
        conditions="Carried on duty only.",
    )
    permit = permits.request_permit(session, world.arms, data, STATES)
    permit = permits.decide(
        session, world.supervisor, permit.ref, PermitAction.APPROVE, PermitDecisionIn(), STATES
    )
    if issued:
        permit = permits.issue(
            session, world.arms, permit.ref, IssueIn(witnesses=["Quartermaster"]), STATES
        )
    return permit
