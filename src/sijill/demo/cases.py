"""Demo cases: every adult gets a case, and a share of them pathways in every state with
backdated histories, so that the backlog tells a story on first start (some people have
waited more than a year for papers). All through the case services."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from sijill.access import service as access_service
from sijill.access.actor import Actor
from sijill.access.models import User
from sijill.cases import assignment
from sijill.cases import service as cases
from sijill.cases.models import CaseFile
from sijill.cases.schemas import (
    DetailsIn,
    ItemIn,
    ItemKind,
    ItemUpdateIn,
    PathwayOpenIn,
    TaskIn,
    TransitionIn,
    UsernameIn,
)
from sijill.cases.workflow import PaperType, Pathway, TransitionRefused
from sijill.db import unit_of_work
from sijill.registry import regno as regnos
from sijill.registry.models import Person
from sijill.timeutil import utcnow

# (pathway, document, the states it passes through in order); the last is where it stays.
STORIES: tuple[tuple[Pathway, PaperType | None, tuple[str, ...]], ...] = (
    (Pathway.PAPERS, PaperType.IDENTITY_CARD, ("requested",)),
    (Pathway.PAPERS, PaperType.IDENTITY_CARD, ("requested", "under_review")),
    (Pathway.PAPERS, PaperType.IDENTITY_CARD, ("requested", "under_review", "approved")),
    (Pathway.PAPERS, PaperType.IDENTITY_CARD, ("requested", "under_review", "approved", "issued")),
    (Pathway.PAPERS, PaperType.RESIDENCE_PERMIT, ("requested",)),
    (Pathway.PAPERS, PaperType.RESIDENCE_PERMIT, ("requested", "under_review")),
    (Pathway.PAPERS, PaperType.RESIDENCE_PERMIT, ("requested", "under_review", "approved")),
    (Pathway.PAPERS, PaperType.RESIDENCE_PERMIT, ("requested", "under_review", "refused")),
    (Pathway.PAPERS, PaperType.CITIZENSHIP, ("requested", "under_review")),
    (Pathway.PAPERS, PaperType.CITIZENSHIP, ("requested", "withdrawn")),
    (Pathway.ARMY, None, ("referred",)),
    (Pathway.ARMY, None, ("referred", "vetting")),
    (Pathway.ARMY, None, ("referred", "vetting", "training")),
    (Pathway.ARMY, None, ("referred", "vetting", "training", "integrated")),
    (Pathway.ARMY, None, ("referred", "vetting", "refused")),
    (Pathway.ARMY, None, ("referred", "withdrawn")),
    (Pathway.CIVILIAN, None, ("referred",)),
    (Pathway.CIVILIAN, None, ("referred", "enrolled")),
    (Pathway.CIVILIAN, None, ("referred", "enrolled", "attending")),
    (Pathway.CIVILIAN, None, ("referred", "enrolled", "attending", "completed")),
    (Pathway.CIVILIAN, None, ("referred", "enrolled", "dropped_out")),
    (Pathway.JUDICIAL, None, ("referred",)),
    (Pathway.JUDICIAL, None, ("referred", "investigation")),
    (Pathway.JUDICIAL, None, ("referred", "investigation", "trial")),
    (Pathway.JUDICIAL, None, ("referred", "investigation", "trial", "decided")),
    (Pathway.JUDICIAL, None, ("referred", "dismissed")),
    (Pathway.TRANSFER, None, ("proposed",)),
    (Pathway.TRANSFER, None, ("proposed", "legal_review")),
    (Pathway.TRANSFER, None, ("proposed", "legal_review", "approved")),
    (Pathway.TRANSFER, None, ("proposed", "legal_review", "approved", "transferred")),
    (Pathway.TRANSFER, None, ("proposed", "legal_review", "refused")),
    (Pathway.TRANSFER, None, ("proposed", "cancelled")),
)
# Papers are most of the work: the stories above repeat with these weights.
WEIGHTS = {
    Pathway.PAPERS: 6,
    Pathway.ARMY: 2,
    Pathway.CIVILIAN: 2,
    Pathway.JUDICIAL: 1,
    Pathway.TRANSFER: 1,
}
SHARE = 0.6  # of the cases get a pathway story
BASIS = "Transitional Decree 3/2025 (synthetic)"


def _users(session: Session) -> dict[str, Actor]:
    wanted = {"supervisor", "protection", "case", "observer"}
    return {
        u.username: access_service.actor_for(u)
        for u in session.scalars(select(User).where(User.username.in_(wanted)))
    }


def _times(rng: random.Random, steps: int, now: dt.datetime) -> list[dt.datetime]:
    """When each state was entered: the first 20 to 700 days ago, the last still waiting."""
    start = now - dt.timedelta(days=rng.uniform(20, 700))
    cuts = sorted(rng.uniform(0.1, 0.9) for _ in range(steps - 1))
    span = now - start - dt.timedelta(days=rng.uniform(1, 15))
    return [start] + [start + span * c for c in cuts]


def _prepare_for(session: Session, actor: Actor, pathway_id: uuid.UUID, target: str) -> None:
    """What the guards ask before the next move: training, conduct, programmes."""
    if target == "integrated":
        done = cases.add_item(
            session, actor, pathway_id, ItemIn(kind=ItemKind.COURSE, name="Basic training")
        )
        cases.update_item(session, actor, done.items[0].id, ItemUpdateIn(completed=True))
        cases.update_details(
            session,
            actor,
            pathway_id,
            DetailsIn(unit="5th Infantry Brigade", rank="private", conduct_acknowledged=True),
        )
    elif target == "completed":
        out = cases.add_item(
            session,
            actor,
            pathway_id,
            ItemIn(kind=ItemKind.PROGRAMME, name="Vocational: electrics"),
        )
        cases.update_item(
            session, actor, out.items[0].id, ItemUpdateIn(sessions_attended=24, completed=True)
        )


def _story(
    session: Session,
    actors: dict[str, Actor],
    rng: random.Random,
    regno: str,
    story: tuple[Pathway, PaperType | None, tuple[str, ...]],
    now: dt.datetime,
) -> None:
    pathway, document, states = story
    actor = actors["protection"] if pathway == Pathway.JUDICIAL else actors["supervisor"]
    times = _times(rng, len(states), now)
    opened = cases.open_pathway(
        session,
        actor,
        regno,
        PathwayOpenIn(
            pathway=pathway,
            document_type=document,
            reason="referred at intake",
            legal_basis=BASIS,
        ),
        at=times[0],
    )
    if pathway == Pathway.JUDICIAL:
        cases.update_details(
            session,
            actor,
            opened.id,
            DetailsIn(court="Transitional Court, Idlib", matter="membership of an armed group"),
        )
    for target, at in zip(states[1:], times[1:], strict=True):
        _prepare_for(session, actor, opened.id, target)
        step = TransitionIn(target=target, reason=f"file reviewed: {target}", legal_basis=BASIS)
        cases.move(session, actor, opened.id, step, at=at)


def _regnos(session: Session) -> list[str]:
    stmt = (
        select(Person.regno).join(CaseFile, CaseFile.person_id == Person.id).order_by(Person.regno)
    )
    return list(session.scalars(stmt))


def _stories(rng: random.Random) -> Sequence[tuple[Pathway, PaperType | None, tuple[str, ...]]]:
    weighted = [s for s in STORIES for _ in range(WEIGHTS[s[0]])]
    rng.shuffle(weighted)
    return list(STORIES) + weighted  # every story at least once, then by weight


def load(factory: sessionmaker[Session], seed: int) -> int:
    """Open every adult's case, give a share of them stories; returns the pathways started."""
    rng = random.Random(seed)
    now = utcnow()
    started = 0
    with unit_of_work(factory) as session:
        actors = _users(session)
        cases.open_missing_cases(session, actors["supervisor"])
        people = _regnos(session)
        rng.shuffle(people)
        chosen = people[: int(len(people) * SHARE)]
        stories = _stories(rng)
        for i, regno in enumerate(chosen):
            try:
                with session.begin_nested():
                    _story(
                        session, actors, rng, regnos.display(regno), stories[i % len(stories)], now
                    )
                started += 1
            except TransitionRefused:
                continue  # a guard said no (a person not eligible): the story stops there
        _work(session, actors, chosen, rng, now)
    return started


def _work(
    session: Session,
    actors: dict[str, Actor],
    chosen: list[str],
    rng: random.Random,
    now: dt.datetime,
) -> None:
    """Cases assigned to the demo case officer, tasks (some overdue), an observer."""
    for regno in chosen[:25]:
        display = regnos.display(regno)
        assignment.assign(session, actors["supervisor"], display, UsernameIn(username="case"))
        due = (now + dt.timedelta(days=rng.randint(-30, 45))).date()
        assignment.add_task(
            session,
            actors["supervisor"],
            display,
            TaskIn(title="Call the family about missing documents", due_on=due),
        )
    if chosen:
        assignment.add_observer(
            session,
            actors["protection"],
            regnos.display(chosen[0]),
            UsernameIn(username="observer"),
        )
