"""Load the synthetic population through the registry services, as registrars would."""

from __future__ import annotations

import csv
import secrets
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from sijill.access import service as access_service
from sijill.access.actor import Actor, operator_actor
from sijill.access.models import Office, User
from sijill.access.permissions import Role
from sijill.access.schemas import OfficeIn, UserIn
from sijill.credentials.issuer import Issuer
from sijill.db import unit_of_work
from sijill.demo import arms, credentials, dedup, photos, transfers
from sijill.demo import cases as cases_demo
from sijill.demo import screening as screening_demo
from sijill.demo.population import FACILITIES, GROUPS, OFFICES, DemoHousehold, generate
from sijill.errors import NeedsConfirmation
from sijill.registry import duplicates, reference
from sijill.registry import service as registry_service
from sijill.registry.models import ArmedGroup, Facility
from sijill.registry.schemas import (
    AffiliationIn,
    FacilityIn,
    FamilyLinkIn,
    GroupIn,
    PersonIn,
)

BATCH = 200
# Demo accounts: one registrar per office, the other roles at headquarters.
HQ_ROLES = (Role.SCREENING, Role.CASE, Role.PROTECTION, Role.ARMS, Role.SUPERVISOR, Role.OBSERVER)


@dataclass(frozen=True)
class LoadResult:
    people: int
    households: int
    duplicates: int
    seconds: float


def _demo_users() -> list[tuple[str, Role, str]]:
    national = next(code for code, _, is_national in OFFICES if is_national)
    users = [(f"registrar.{code.lower()}", Role.REGISTRAR, code) for code, _, _ in OFFICES]
    users += [(role.value.split("_")[0], role, national) for role in HQ_ROLES]
    return users


def prepare(session: Session) -> dict[str, str]:
    """Offices, groups, facilities and demo users, if missing. Returns new logins."""
    actor = operator_actor()
    known = {o.code for o in session.scalars(select(Office))}
    for code, name, national in OFFICES:
        if code not in known:
            access_service.create_office(
                session, actor, OfficeIn(code=code, name=name, national=national)
            )
    groups = set(session.scalars(select(ArmedGroup.name)))
    for name, aliases in GROUPS:
        if name not in groups:
            reference.create_group(session, actor, GroupIn(name=name, aliases=aliases))
    facilities = set(session.scalars(select(Facility.name)))
    for name, kind, office in FACILITIES:
        if name not in facilities:
            reference.create_facility(
                session, actor, FacilityIn(name=name, kind=kind, office_code=office)
            )
    logins: dict[str, str] = {}
    users = set(session.scalars(select(User.username)))
    for username, role, office in _demo_users():
        if username not in users:
            password = secrets.token_urlsafe(9)
            data = UserIn(
                username=username,
                full_name=f"Demo {role.value.replace('_', ' ')}",
                role=role,
                office_code=office,
                password=password,
            )
            access_service.create_user(session, actor, data)
            logins[username] = password
    return logins


class _Registrars:
    """The demo registrar of each office, and the lookups a household needs."""

    def __init__(self, session: Session) -> None:
        self.facilities = {f.name: f for f in session.scalars(select(Facility))}
        self.groups = {g.name: g.id for g in session.scalars(select(ArmedGroup))}
        self.actors: dict[uuid.UUID, Actor] = {}
        for user in session.scalars(select(User).where(User.role == Role.REGISTRAR.value)):
            self.actors.setdefault(user.office_id, access_service.actor_for(user))

    def for_facility(self, name: str) -> tuple[Actor, uuid.UUID]:
        facility = self.facilities[name]
        return self.actors[facility.office_id], facility.id


def _register(session: Session, actor: Actor, data: PersonIn) -> str:
    """Register as a registrar who confirms: a shared document, then a likely duplicate
    (the demo keeps its planted second registrations for the duplicate review)."""
    reason = None
    for _ in range(3):
        try:
            return registry_service.register_person(session, actor, data, None, reason).regno
        except NeedsConfirmation as exc:
            if exc.field == duplicates.FIELD:
                reason = "demo: registered again on purpose"
                continue
            docs = [
                d.model_copy(update={"shared_number_reason": "presented again at registration"})
                for d in data.documents
            ]
            data = data.model_copy(update={"documents": docs})
    raise AssertionError("a demo registration was refused three times")


def _household(session: Session, registrars: _Registrars, household: DemoHousehold) -> str:
    actor, facility_id = registrars.for_facility(household.head_facility)
    links = []
    for relation, relative in household.relatives:
        regno = _register(session, actor, relative.model_copy(update={"facility_id": facility_id}))
        links.append(FamilyLinkIn(relation=relation, regno=regno))
    affiliations = [
        AffiliationIn(
            group_id=registrars.groups[group], unit=unit, role=role, date_from=start, date_to=end
        )
        for group, unit, role, start, end in household.head_group_affiliations
    ]
    head = household.head.model_copy(
        update={"facility_id": facility_id, "family": links, "affiliations": affiliations}
    )
    return _register(session, actor, head)


def load(
    factory: sessionmaker[Session],
    people: int,
    seed: int,
    truth: Path | None = None,
    progress: TextIO | None = None,
    issuer: Issuer | None = None,
) -> LoadResult:
    """Register about ``people`` people, one transaction per batch of households."""
    started = time.perf_counter()
    regnos: dict[str, str] = {}
    pairs: list[tuple[str, str]] = []
    count = households = 0
    batch: list[DemoHousehold] = []
    for household in generate(people, seed):
        batch.append(household)
        if len(batch) == BATCH:
            count += load_batch(factory, batch, regnos, pairs)
            households += len(batch)
            batch = []
            if progress is not None:
                print(f"\r{count} people", end="", file=progress, flush=True)
    count += load_batch(factory, batch, regnos, pairs)
    households += len(batch)
    if progress is not None:
        print(f"\r{count} people", file=progress)
    if truth is not None:
        _write_truth(truth, pairs)
    arms.load(factory, seed)
    cases_demo.load(factory, seed)
    photos.load(factory)
    if issuer is not None:
        credentials.load(factory, issuer)
    dedup.load(factory, pairs)
    transfers.load(factory)
    screening_demo.load(factory)
    return LoadResult(count, households, len(pairs), time.perf_counter() - started)


def load_batch(
    factory: sessionmaker[Session],
    batch: list[DemoHousehold],
    regnos: dict[str, str],
    pairs: list[tuple[str, str]],
) -> int:
    """Register ``batch`` in one transaction; the number of people registered."""
    with unit_of_work(factory) as session:
        registrars = _Registrars(session)
        for household in batch:
            regnos[household.key] = _household(session, registrars, household)
            if household.duplicate_of is not None and household.duplicate_of in regnos:
                pairs.append((regnos[household.duplicate_of], regnos[household.key]))
    return sum(1 + len(h.relatives) for h in batch)


def _write_truth(path: Path, pairs: list[tuple[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["regno_a", "regno_b"])
        writer.writerows(pairs)
