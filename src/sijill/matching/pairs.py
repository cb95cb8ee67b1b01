"""The outcome of comparing two names: word pairs and a score (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from sijill.matching.words import PreparedName, Word
from sijill.names.parse import Role

SAME: Final = "same"
TRANSLIT: Final = "same after transliteration"
VARIANT: Final = "spelling variant"
CONFLICT_BELOW: Final = 0.4  # a pair agreeing less than this is a conflict
AGREE_FROM: Final = 0.75  # a pair agreeing at least this much counts as agreeing
ROLE_LABELS: Final[dict[Role, str]] = {
    Role.KUNYA: "kunya", Role.GIVEN: "given name", Role.MIDDLE: "middle name",
    Role.FAMILY: "family name", Role.NASAB: "nasab", Role.NISBA: "nisba",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class WordPair:
    """Words of name A and of name B taken as one (empty on a side for an extra)."""

    a: tuple[Word, ...]
    b: tuple[Word, ...]
    agreement: float
    how: str
    weight: float
    extra: bool

    @classmethod
    def of(cls, a: tuple[Word, ...], b: tuple[Word, ...], agreement: float, how: str) -> WordPair:
        weight_a = sum(w.weight for w in a)
        weight_b = sum(w.weight for w in b)
        if a and b:
            return cls(a, b, agreement, how, (weight_a + weight_b) / 2, False)
        return cls(a, b, agreement, how, weight_a + weight_b, True)

    @property
    def conflict(self) -> bool:
        return not self.extra and self.agreement < CONFLICT_BELOW

    @property
    def agrees(self) -> bool:
        return not self.extra and self.agreement >= AGREE_FROM

    def swapped(self) -> WordPair:
        return WordPair(self.b, self.a, self.agreement, self.how, self.weight, self.extra)

    def describe(self, org: bool) -> str:
        roles = dict.fromkeys(ROLE_LABELS[w.role] for w in (self.a[:1] + self.b[:1]))
        label = "word" if org else " / ".join(roles)
        left = " ".join(w.form for w in self.a) or "-"
        right = " ".join(w.form for w in self.b) or "-"
        if self.extra:
            return f"{label} {left if self.a else right}: {self.how}"
        sign = "≠" if self.conflict else ("=" if self.how == SAME else "~")
        return f"{label}: {left} {sign} {right} ({self.how})"


@dataclass(frozen=True, slots=True)
class NameComparison:
    """Two names, their word pairs and the name score in [0, 1]."""

    a: PreparedName
    b: PreparedName
    score: float
    pairs: tuple[WordPair, ...]
    note: str = ""

    @property
    def agreeing(self) -> int:
        return sum(1 for p in self.pairs if p.agrees)

    @property
    def conflicts(self) -> tuple[WordPair, ...]:
        return tuple(p for p in self.pairs if p.conflict)

    def swapped(self) -> NameComparison:
        pairs = tuple(p.swapped() for p in self.pairs)
        return NameComparison(self.b, self.a, self.score, pairs, self.note)

    def describe(self) -> str:
        parts = [p.describe(self.a.org) for p in self.pairs]
        if self.note:
            parts.append(self.note)
        return f"{self.a.text} ~ {self.b.text}: " + "; ".join(parts)
