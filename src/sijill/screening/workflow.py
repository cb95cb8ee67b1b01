"""A hit's status and the decisions that move it (pure).

=================  =====================================  =================================
from               decision                               to
=================  =====================================  =================================
open               confirm / false_positive / more_info   confirmed / false_positive /
                                                          needs_information
needs_information  confirm / false_positive               confirmed / false_positive
confirmed          legal_review                           reviewed
false_positive     reopen (the person or entry changed    open
                   in a way that matters)
=================  =====================================  =================================

An open or needs-information hit holds the person (``SCREENING_UNDECIDED``); a confirmed one
holds them until a legal review (``SCREENING_CONFIRMED``); false positive and reviewed hold
nothing. A reviewed hit still flags the person as listed.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final


class HitStatus(StrEnum):
    OPEN = "open"
    NEEDS_INFORMATION = "needs_information"
    CONFIRMED = "confirmed"
    FALSE_POSITIVE = "false_positive"
    REVIEWED = "reviewed"


class Decision(StrEnum):
    CONFIRM = "confirm"
    FALSE_POSITIVE = "false_positive"
    MORE_INFORMATION = "more_information"
    LEGAL_REVIEW = "legal_review"
    REOPEN = "reopen"


class RunReason(StrEnum):
    """Why a person was screened."""

    REGISTRATION = "registration"
    CORRECTION = "correction"
    ARRIVAL = "transfer arrival"
    LIST_CHANGE = "list change"
    FULL = "full re-screen"


class Change(StrEnum):
    """What an import did to a list entry."""

    ADDED = "added"
    CHANGED = "changed"
    REMOVED = "removed"


TRANSITIONS: Final[dict[tuple[HitStatus, Decision], HitStatus]] = {
    (HitStatus.OPEN, Decision.CONFIRM): HitStatus.CONFIRMED,
    (HitStatus.OPEN, Decision.FALSE_POSITIVE): HitStatus.FALSE_POSITIVE,
    (HitStatus.OPEN, Decision.MORE_INFORMATION): HitStatus.NEEDS_INFORMATION,
    (HitStatus.NEEDS_INFORMATION, Decision.CONFIRM): HitStatus.CONFIRMED,
    (HitStatus.NEEDS_INFORMATION, Decision.FALSE_POSITIVE): HitStatus.FALSE_POSITIVE,
    (HitStatus.CONFIRMED, Decision.LEGAL_REVIEW): HitStatus.REVIEWED,
    (HitStatus.FALSE_POSITIVE, Decision.REOPEN): HitStatus.OPEN,
}
UNDECIDED: Final = frozenset({HitStatus.OPEN, HitStatus.NEEDS_INFORMATION})
LISTED: Final = frozenset({HitStatus.CONFIRMED, HitStatus.REVIEWED})


class IllegalDecision(ValueError):
    """A decision the hit's status does not allow; the message names the rule."""


def transition(status: HitStatus, decision: Decision) -> HitStatus:
    """The status after ``decision``; ``IllegalDecision`` naming the rule that refuses it."""
    try:
        return TRANSITIONS[(status, decision)]
    except KeyError:
        allowed = [d.value for (s, d) in TRANSITIONS if s is status]
        raise IllegalDecision(
            f"a {status.value} hit cannot take the decision {decision.value}"
            f" (allowed: {', '.join(allowed) or 'none'})"
        ) from None
