"""States of a candidate pair and of a merge, and the moves allowed between them (pure)."""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from sijill.errors import Msg, RuleViolation


class PairStatus(StrEnum):
    OPEN = "open"
    NOT_SAME = "not_same"
    MERGE_PROPOSED = "merge_proposed"
    MERGED = "merged"


class MergeStatus(StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    REJECTED = "rejected"
    UNDONE = "undone"


PAIR_TRANSITIONS: Final[dict[PairStatus, frozenset[PairStatus]]] = {
    PairStatus.OPEN: frozenset({PairStatus.NOT_SAME, PairStatus.MERGE_PROPOSED}),
    PairStatus.MERGE_PROPOSED: frozenset({PairStatus.MERGED, PairStatus.OPEN}),
    PairStatus.MERGED: frozenset({PairStatus.OPEN}),
    PairStatus.NOT_SAME: frozenset({PairStatus.OPEN}),
}
MERGE_TRANSITIONS: Final[dict[MergeStatus, frozenset[MergeStatus]]] = {
    MergeStatus.PROPOSED: frozenset({MergeStatus.APPROVED, MergeStatus.REJECTED}),
    MergeStatus.APPROVED: frozenset({MergeStatus.UNDONE}),
    MergeStatus.REJECTED: frozenset(),
    MergeStatus.UNDONE: frozenset(),
}


def pair_transition(current: str, to: PairStatus) -> PairStatus:
    """``to`` if a pair may move there from ``current``; else RuleViolation naming the rule."""
    if to not in PAIR_TRANSITIONS[PairStatus(current)]:
        raise RuleViolation(
            Msg("A pair that is {current} cannot become {to}.", current=current, to=to.value)
        )
    return to


def merge_transition(current: str, to: MergeStatus) -> MergeStatus:
    """``to`` if a merge may move there from ``current``; else RuleViolation naming the rule."""
    if to not in MERGE_TRANSITIONS[MergeStatus(current)]:
        raise RuleViolation(
            Msg("A merge that is {current} cannot become {to}.", current=current, to=to.value)
        )
    return to
