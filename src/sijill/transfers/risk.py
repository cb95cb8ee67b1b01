"""The non-refoulement assessment (pure): country risk and individual factors -> a decision.

A transfer to a state where the person may face persecution is never decided quietly:
- every rating that applies (the state as a whole, and each group the person belongs to)
  is taken, and the highest level wins;
- a state without any rating needs a legal review (nobody has looked at it);
- an asylum claim, a stated fear of persecution or a confirmed watch-list match need a
  legal review whatever the state's level; a minor or a medical condition are reasons
  shown to the reviewer and make the risk at least elevated;
- "prohibited" is refused outright: only a new rating of the register can change it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from sijill.errors import Msg


class RiskLevel(StrEnum):
    LOW = "low"
    ELEVATED = "elevated"
    HIGH = "high"
    PROHIBITED = "prohibited"


_ORDER = {RiskLevel.LOW: 0, RiskLevel.ELEVATED: 1, RiskLevel.HIGH: 2, RiskLevel.PROHIBITED: 3}


class GroupKind(StrEnum):
    """How a rating names a group of people: by nationality (ISO code), by a language the
    person speaks (ISO 639, e.g. "ug" for Uyghurs: the registry keeps no ethnicity), or by
    the armed group they were affiliated with (its name)."""

    NATIONALITY = "nationality"
    LANGUAGE = "language"
    AFFILIATION = "affiliation"


class FactorKind(StrEnum):
    ASYLUM_CLAIM = "asylum_claim"
    FEAR_OF_PERSECUTION = "fear_of_persecution"
    MINOR = "minor"
    MEDICAL = "medical"
    OTHER = "other"


class Outcome(StrEnum):
    MAY_PROCEED = "may_proceed"
    LEGAL_REVIEW = "legal_review"  # then two approvals by different supervisors
    PROHIBITED = "prohibited"


# Factors that always need a legal review; factors that raise the level to elevated.
REVIEW_FACTORS = frozenset({FactorKind.ASYLUM_CLAIM, FactorKind.FEAR_OF_PERSECUTION})
ELEVATING_FACTORS = frozenset({FactorKind.MINOR, FactorKind.MEDICAL, FactorKind.OTHER})


@dataclass(frozen=True)
class Rating:
    """One current rating of the register: ``group_kind``/``group_value`` None for the
    whole state."""

    state: str
    level: RiskLevel
    source: str
    group_kind: GroupKind | None = None
    group_value: str | None = None

    def applies_to(self, traits: PersonTraits) -> bool:
        if self.group_kind is None:
            return True
        value = (self.group_value or "").casefold()
        return value in {t.casefold() for t in traits.of(self.group_kind)}

    def describe(self) -> str:
        if self.group_kind is None:
            return f"{self.state}"
        return f"{self.state}, {self.group_kind.value} {self.group_value}"


@dataclass(frozen=True)
class PersonTraits:
    """What the register's groups are matched against."""

    nationalities: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    affiliations: tuple[str, ...] = ()

    def of(self, kind: GroupKind) -> tuple[str, ...]:
        return {
            GroupKind.NATIONALITY: self.nationalities,
            GroupKind.LANGUAGE: self.languages,
            GroupKind.AFFILIATION: self.affiliations,
        }[kind]


@dataclass(frozen=True)
class Assessment:
    outcome: Outcome
    level: RiskLevel
    reasons: list[Msg] = field(default_factory=list)


def _max(a: RiskLevel, b: RiskLevel) -> RiskLevel:
    return a if _ORDER[a] >= _ORDER[b] else b


def _rating_level(
    state: str, ratings: Sequence[Rating], traits: PersonTraits, reasons: list[Msg]
) -> RiskLevel:
    applying = [r for r in ratings if r.state == state and r.applies_to(traits)]
    if not applying:
        reasons.append(Msg("no risk rating is recorded for {state}", state=state))
        return RiskLevel.HIGH
    level = RiskLevel.LOW
    for rating in applying:
        level = _max(level, rating.level)
        reasons.append(
            Msg(
                "rated {level} ({what}; source: {source})",
                level=rating.level.value,
                what=rating.describe(),
                source=rating.source,
            )
        )
    return level


def assess(
    state: str,
    ratings: Sequence[Rating],
    traits: PersonTraits,
    factors: Iterable[FactorKind],
    confirmed_match: bool = False,
    show_factors: bool = True,
) -> Assessment:
    """The decision for one person sent to ``state``, with every reason that led to it.
    ``show_factors`` False names no factor (for readers who may not see them)."""
    reasons: list[Msg] = []
    level = _rating_level(state, ratings, traits, reasons)
    kinds = sorted(set(factors))
    for factor in kinds:
        if factor in REVIEW_FACTORS:
            level = _max(level, RiskLevel.HIGH)
        else:
            level = _max(level, RiskLevel.ELEVATED)
        if show_factors:
            reasons.append(Msg("protection factor: {factor}", factor=factor.value))
    if kinds and not show_factors:
        reasons.append(Msg("individual protection factors are recorded"))
    if confirmed_match:
        level = _max(level, RiskLevel.HIGH)
        reasons.append(Msg("a confirmed watch-list match needs a legal review"))
    if level == RiskLevel.PROHIBITED:
        return Assessment(Outcome.PROHIBITED, level, reasons)
    if level == RiskLevel.HIGH:
        return Assessment(Outcome.LEGAL_REVIEW, level, reasons)
    return Assessment(Outcome.MAY_PROCEED, level, reasons)
