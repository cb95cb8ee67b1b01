"""Whether one person of an outgoing batch may be handed over, and why not (pure)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from sijill.errors import Msg
from sijill.holds.rules import HoldKind
from sijill.transfers.risk import Assessment, Outcome

APPROVALS_NEEDED = 2


class ReviewOutcome(StrEnum):
    CLEARED = "cleared"  # the transfer may go ahead (after two approvals)
    REFUSED = "refused"  # the legal officer found that the person must not be sent


@dataclass(frozen=True)
class Hold:
    kind: HoldKind
    description: Msg


@dataclass(frozen=True)
class Facts:
    """Everything known about one person at the time of the check."""

    identity_confirmed: bool
    screened_on: dt.date | None  # the last completed screening; None: never screened
    holds: Sequence[Hold]
    assessment: Assessment
    review: ReviewOutcome | None
    approvals: int  # distinct supervisors who approved the batch since its last change
    case_open: bool  # an open case with a transfer pathway in an active state


@dataclass(frozen=True)
class Readiness:
    ready: bool
    blocking: list[Msg] = field(default_factory=list)


def _screening(facts: Facts, today: dt.date, max_age_days: int) -> list[Msg]:
    if facts.screened_on is None:
        return [Msg("never screened against the watch lists")]
    age = (today - facts.screened_on).days
    if age > max_age_days:
        return [Msg("screening is {age} days old (at most {limit})", age=age, limit=max_age_days)]
    return []


def _holds(facts: Facts) -> list[Msg]:
    blocking = []
    for hold in facts.holds:
        if hold.kind == HoldKind.SCREENING_CONFIRMED:
            if facts.review != ReviewOutcome.CLEARED:
                blocking.append(Msg("a confirmed watch-list match has no legal review"))
            continue
        blocking.append(hold.description)
    return blocking


def _assessment(facts: Facts) -> list[Msg]:
    outcome = facts.assessment.outcome
    if outcome == Outcome.PROHIBITED:
        return [Msg("non-refoulement: transfer to this state is prohibited")]
    needs_review = outcome == Outcome.LEGAL_REVIEW or any(
        h.kind == HoldKind.SCREENING_CONFIRMED for h in facts.holds
    )
    if not needs_review:
        return []
    if facts.review is None:
        return [Msg("non-refoulement: a legal review is needed")]
    if facts.review == ReviewOutcome.REFUSED:
        return [Msg("non-refoulement: the legal review refused this transfer")]
    if facts.approvals < APPROVALS_NEEDED:
        return [
            Msg(
                "needs {needed} approvals by different supervisors ({count} so far)",
                needed=APPROVALS_NEEDED,
                count=facts.approvals,
            )
        ]
    return []


def check(facts: Facts, today: dt.date, max_age_days: int) -> Readiness:
    blocking: list[Msg] = []
    if not facts.identity_confirmed:
        blocking.append(Msg("identity not confirmed: no identity document held"))
    if not facts.case_open:
        blocking.append(Msg("no open case in the transfer pathway"))
    blocking += _screening(facts, today, max_age_days) + _holds(facts) + _assessment(facts)
    return Readiness(not blocking, blocking)
