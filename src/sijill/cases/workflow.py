"""The pathways of a case as state machines (pure).

Each pathway has a status enum, a transition table and guards. :func:`transition` refuses an
illegal move with :class:`TransitionRefused`, naming the rule that refused it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from sijill.errors import Msg, RuleViolation


class Pathway(StrEnum):
    ARMY = "army_integration"
    CIVILIAN = "civilian_reintegration"
    JUDICIAL = "judicial_referral"
    PAPERS = "papers"
    TRANSFER = "transfer"


class PaperType(StrEnum):
    RESIDENCE_PERMIT = "residence_permit"
    IDENTITY_CARD = "identity_card"
    CITIZENSHIP = "citizenship"


class ArmyStatus(StrEnum):
    REFERRED = "referred"
    VETTING = "vetting"
    TRAINING = "training"
    INTEGRATED = "integrated"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


class CivilianStatus(StrEnum):
    REFERRED = "referred"
    ENROLLED = "enrolled"
    ATTENDING = "attending"
    COMPLETED = "completed"
    DROPPED_OUT = "dropped_out"


class JudicialStatus(StrEnum):
    REFERRED = "referred"
    INVESTIGATION = "investigation"
    TRIAL = "trial"
    DECIDED = "decided"
    DISMISSED = "dismissed"


class PapersStatus(StrEnum):
    REQUESTED = "requested"
    UNDER_REVIEW = "under_review"
    APPROVED = "approved"
    ISSUED = "issued"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


class TransferStatus(StrEnum):
    PROPOSED = "proposed"
    LEGAL_REVIEW = "legal_review"
    APPROVED = "approved"
    TRANSFERRED = "transferred"
    REFUSED = "refused"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class GuardFacts:
    """What the guards need to know about the person and the pathway."""

    blocking_holds: tuple[str, ...] = ()  # descriptions of the holds that stop this action
    open_judicial_matter: bool = False
    courses: int = 0
    courses_completed: int = 0
    conduct_acknowledged: bool = False
    programmes: int = 0
    programmes_completed: int = 0
    eligible: bool | None = None  # papers that need eligibility: the active rules' outcome
    needs_eligibility: bool = False
    legal_basis: str = ""


Check = Callable[[GuardFacts], Msg | None]


@dataclass(frozen=True)
class Guard:
    rule: str
    check: Check


class TransitionRefused(RuleViolation):
    """An illegal move; ``rule`` names the rule of the table or the guard that refused it."""

    def __init__(self, rule: str, message: Msg) -> None:
        super().__init__(message, rule=rule)
        self.rule = rule


def _no_hold(facts: GuardFacts) -> Msg | None:
    if facts.blocking_holds:
        return Msg("Stopped by a hold: {holds}.", holds="; ".join(facts.blocking_holds))
    return None


def _no_judicial(facts: GuardFacts) -> Msg | None:
    if facts.open_judicial_matter:
        return Msg("The person has an open judicial matter.")
    return None


def _training_done(facts: GuardFacts) -> Msg | None:
    if facts.courses == 0 or facts.courses_completed < facts.courses:
        return Msg(
            "Training is not complete: {done} of {total} courses completed.",
            done=facts.courses_completed,
            total=facts.courses,
        )
    return None


def _conduct(facts: GuardFacts) -> Msg | None:
    if not facts.conduct_acknowledged:
        return Msg("The conduct regulations have not been acknowledged.")
    return None


def _programmes_done(facts: GuardFacts) -> Msg | None:
    if facts.programmes == 0 or facts.programmes_completed < facts.programmes:
        return Msg(
            "Programmes are not complete: {done} of {total} completed.",
            done=facts.programmes_completed,
            total=facts.programmes,
        )
    return None


def _eligible(facts: GuardFacts) -> Msg | None:
    if facts.needs_eligibility and facts.eligible is not True:
        return Msg("The person is not eligible under the active rules.")
    return None


def _legal_basis(facts: GuardFacts) -> Msg | None:
    if not facts.legal_basis.strip():
        return Msg("A decision needs its legal basis.")
    return None


NO_HOLD = Guard("no_blocking_hold", _no_hold)
NO_JUDICIAL = Guard("no_open_judicial_matter", _no_judicial)
TRAINING_DONE = Guard("training_complete", _training_done)
CONDUCT = Guard("conduct_acknowledged", _conduct)
PROGRAMMES_DONE = Guard("programmes_complete", _programmes_done)
ELIGIBLE = Guard("eligible_under_active_rules", _eligible)
LEGAL_BASIS = Guard("legal_basis_required", _legal_basis)


@dataclass(frozen=True)
class Machine:
    pathway: Pathway
    initial: str
    table: Mapping[str, frozenset[str]]
    guards: Mapping[str, tuple[Guard, ...]] = field(default_factory=dict)

    @property
    def states(self) -> tuple[str, ...]:
        return tuple(self.table)

    @property
    def terminal(self) -> frozenset[str]:
        return frozenset(s for s, targets in self.table.items() if not targets)

    def open_states(self) -> tuple[str, ...]:
        return tuple(s for s in self.table if self.table[s])


def _t(*targets: str) -> frozenset[str]:
    return frozenset(targets)


A, C, J, P, T = ArmyStatus, CivilianStatus, JudicialStatus, PapersStatus, TransferStatus
_ARMY_FORWARD = (NO_JUDICIAL, NO_HOLD)

MACHINES: dict[Pathway, Machine] = {
    Pathway.ARMY: Machine(
        Pathway.ARMY,
        A.REFERRED,
        {
            A.REFERRED: _t(A.VETTING, A.REFUSED, A.WITHDRAWN),
            A.VETTING: _t(A.TRAINING, A.REFUSED, A.WITHDRAWN),
            A.TRAINING: _t(A.INTEGRATED, A.REFUSED, A.WITHDRAWN),
            A.INTEGRATED: _t(),
            A.REFUSED: _t(),
            A.WITHDRAWN: _t(),
        },
        {
            A.VETTING: _ARMY_FORWARD,
            A.TRAINING: _ARMY_FORWARD,
            A.INTEGRATED: (*_ARMY_FORWARD, TRAINING_DONE, CONDUCT, LEGAL_BASIS),
            A.REFUSED: (LEGAL_BASIS,),
        },
    ),
    Pathway.CIVILIAN: Machine(
        Pathway.CIVILIAN,
        C.REFERRED,
        {
            C.REFERRED: _t(C.ENROLLED, C.DROPPED_OUT),
            C.ENROLLED: _t(C.ATTENDING, C.DROPPED_OUT),
            C.ATTENDING: _t(C.COMPLETED, C.DROPPED_OUT),
            C.COMPLETED: _t(),
            C.DROPPED_OUT: _t(),
        },
        {C.COMPLETED: (PROGRAMMES_DONE,)},
    ),
    Pathway.JUDICIAL: Machine(
        Pathway.JUDICIAL,
        J.REFERRED,
        {
            J.REFERRED: _t(J.INVESTIGATION, J.DISMISSED),
            J.INVESTIGATION: _t(J.TRIAL, J.DISMISSED),
            J.TRIAL: _t(J.DECIDED, J.DISMISSED),
            J.DECIDED: _t(),
            J.DISMISSED: _t(),
        },
        {J.DECIDED: (LEGAL_BASIS,), J.DISMISSED: (LEGAL_BASIS,)},
    ),
    Pathway.PAPERS: Machine(
        Pathway.PAPERS,
        P.REQUESTED,
        {
            P.REQUESTED: _t(P.UNDER_REVIEW, P.WITHDRAWN),
            P.UNDER_REVIEW: _t(P.APPROVED, P.REFUSED, P.WITHDRAWN),
            P.APPROVED: _t(P.ISSUED, P.WITHDRAWN),
            P.ISSUED: _t(),
            P.REFUSED: _t(),
            P.WITHDRAWN: _t(),
        },
        {
            P.APPROVED: (NO_HOLD, ELIGIBLE, LEGAL_BASIS),
            P.ISSUED: (NO_HOLD,),
            P.REFUSED: (LEGAL_BASIS,),
        },
    ),
    Pathway.TRANSFER: Machine(
        Pathway.TRANSFER,
        T.PROPOSED,
        {
            T.PROPOSED: _t(T.LEGAL_REVIEW, T.CANCELLED),
            T.LEGAL_REVIEW: _t(T.APPROVED, T.REFUSED, T.CANCELLED),
            T.APPROVED: _t(T.TRANSFERRED, T.CANCELLED),
            T.TRANSFERRED: _t(),
            T.REFUSED: _t(),
            T.CANCELLED: _t(),
        },
        {
            T.APPROVED: (NO_HOLD, LEGAL_BASIS),
            T.TRANSFERRED: (NO_HOLD,),
            T.REFUSED: (LEGAL_BASIS,),
        },
    ),
}

# The guards to check before a pathway may even be opened.
OPENING_GUARDS: dict[Pathway, tuple[Guard, ...]] = {Pathway.ARMY: _ARMY_FORWARD}


def machine(pathway: Pathway) -> Machine:
    return MACHINES[pathway]


def check_open(pathway: Pathway, facts: GuardFacts) -> None:
    """Refuse to open ``pathway`` when one of its opening guards fails."""
    for guard in OPENING_GUARDS.get(pathway, ()):
        message = guard.check(facts)
        if message is not None:
            raise TransitionRefused(guard.rule, message)


def transition(pathway: Pathway, current: str, target: str, facts: GuardFacts) -> str:
    """The new status, or :class:`TransitionRefused` naming the rule that refused the move."""
    m = MACHINES[pathway]
    if target not in m.table:
        raise TransitionRefused(
            "unknown_state", Msg("{state} is not a state of this pathway.", state=target)
        )
    if not m.table[current]:
        raise TransitionRefused(
            "terminal_state",
            Msg("The pathway is closed ({state}); open a new one instead.", state=current),
        )
    if target not in m.table[current]:
        raise TransitionRefused(
            "transition_table",
            Msg("A pathway cannot go from {current} to {target}.", current=current, target=target),
        )
    for guard in m.guards.get(target, ()):
        message = guard.check(facts)
        if message is not None:
            raise TransitionRefused(guard.rule, message)
    return target


def allowed_targets(pathway: Pathway, current: str) -> list[str]:
    """The states the transition table allows next (guards not applied)."""
    m = MACHINES[pathway]
    return [s for s in m.table if s in m.table[current]]


def is_open_state(pathway: Pathway, status: str) -> bool:
    return bool(MACHINES[pathway].table[status])
