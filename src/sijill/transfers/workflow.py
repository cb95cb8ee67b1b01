"""The states of a transfer batch and the moves between them (pure)."""

from __future__ import annotations

from sijill.errors import Msg, RuleViolation
from sijill.transfers.schemas import BatchStatus, Direction

TRANSITIONS: dict[tuple[Direction, BatchStatus], frozenset[BatchStatus]] = {
    (Direction.OUTGOING, BatchStatus.PREPARATION): frozenset(
        {BatchStatus.HANDED_OVER, BatchStatus.CANCELLED}
    ),
    (Direction.INCOMING, BatchStatus.EXPECTED): frozenset(
        {BatchStatus.HANDED_OVER, BatchStatus.CANCELLED}
    ),
    (Direction.OUTGOING, BatchStatus.HANDED_OVER): frozenset({BatchStatus.CLOSED}),
    (Direction.INCOMING, BatchStatus.HANDED_OVER): frozenset({BatchStatus.CLOSED}),
}


def transition(direction: Direction, current: BatchStatus, to: BatchStatus) -> BatchStatus:
    """``to`` if the move is allowed, else ``RuleViolation`` naming the rule."""
    if to not in TRANSITIONS.get((direction, current), frozenset()):
        raise RuleViolation(
            Msg(
                "An {direction} batch that is {current} cannot become {to}.",
                direction=direction.value,
                current=current.value,
                to=to.value,
            )
        )
    return to


def editable(status: BatchStatus) -> bool:
    """People and equipment may change only before the handover."""
    return status in (BatchStatus.PREPARATION, BatchStatus.EXPECTED)
