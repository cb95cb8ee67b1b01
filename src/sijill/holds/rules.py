"""Which hold stops which action (pure)."""

from __future__ import annotations

from enum import StrEnum

from sijill.errors import Msg


class HoldKind(StrEnum):
    SCREENING_UNDECIDED = "screening_undecided"  # a watch-list hit nobody has decided yet
    SCREENING_CONFIRMED = "screening_confirmed"  # a confirmed match a legal officer must review
    MANUAL = "manual"  # placed by a supervisor, with a reason


class Action(StrEnum):
    PAPERS = "papers"  # identity card, residence permit, citizenship
    WEAPON_PERMIT = "weapon_permit"
    TRANSFER = "transfer"
    ARMY_INTEGRATION = "army_integration"


_EVERYTHING = frozenset(Action)

BLOCKS: dict[HoldKind, frozenset[Action]] = {
    HoldKind.SCREENING_UNDECIDED: _EVERYTHING,
    HoldKind.SCREENING_CONFIRMED: _EVERYTHING,
    HoldKind.MANUAL: _EVERYTHING,
}

DESCRIPTIONS: dict[HoldKind, Msg] = {
    HoldKind.SCREENING_UNDECIDED: Msg("a watch-list hit is not decided yet"),
    HoldKind.SCREENING_CONFIRMED: Msg("a confirmed watch-list match awaits legal review"),
    HoldKind.MANUAL: Msg("a supervisor placed a hold"),
}


def blocks(kind: HoldKind, action: Action) -> bool:
    return action in BLOCKS[kind]
