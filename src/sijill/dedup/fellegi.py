"""Fellegi-Sunter weights learned without labels, by expectation-maximisation (pure).

Each field of a candidate pair is compared into a level (0 is the closest agreement, the
last level is disagreement, None is "missing on a side" and says nothing). For each field and
level, ``m`` is the chance of that level among true matches and ``u`` among non-matches; a
pair's match weight is the log2 of the prior odds plus the sum of ``log2(m / u)``.

``u`` is estimated from random pairs of records (almost all non-matches), ``m`` and the
share of matches by EM over the candidate pairs with ``u`` held fixed, as Splink does. EM
runs over the distinct comparison vectors with their counts, so it costs little however many
pairs there are.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

Vector = tuple[int | None, ...]
SMOOTH: Final = 1e-6
ITERATIONS: Final = 50


@dataclass(frozen=True, slots=True)
class Model:
    """Learned ``m`` and ``u`` per field and level, and the prior share of matches."""

    fields: tuple[str, ...]
    m: tuple[tuple[float, ...], ...]
    u: tuple[tuple[float, ...], ...]
    prior: float

    def with_prior(self, prior: float) -> Model:
        return Model(self.fields, self.m, self.u, min(max(prior, SMOOTH * SMOOTH), 1 - SMOOTH))

    def weight(self, vector: Vector) -> float:
        """The match weight (log2 odds) of one comparison vector."""
        total = math.log2(self.prior / (1 - self.prior))
        for f, level in enumerate(vector):
            if level is not None:
                total += math.log2(self.m[f][level] / self.u[f][level])
        return total

    def contributions(self, vector: Vector) -> list[tuple[str, int | None, float]]:
        """Each field's level and its part of the weight, for an explanation."""
        return [
            (name, level, 0.0 if level is None else math.log2(self.m[f][level] / self.u[f][level]))
            for f, (name, level) in enumerate(zip(self.fields, vector, strict=True))
        ]


def probability(weight: float) -> float:
    """The match probability of a match weight."""
    return 1.0 / (1.0 + math.pow(2.0, -weight))


def _shares(counts: Sequence[float]) -> tuple[float, ...]:
    total = sum(counts) + SMOOTH * len(counts)
    return tuple((c + SMOOTH) / total for c in counts)


def level_shares(vectors: Iterable[Vector], levels: Sequence[int]) -> tuple[tuple[float, ...], ...]:
    """The share of each level per field among ``vectors`` (missing levels left out)."""
    counts = [[0.0] * n for n in levels]
    for vector in vectors:
        for f, level in enumerate(vector):
            if level is not None:
                counts[f][level] += 1
    return tuple(_shares(c) for c in counts)


def _starting_m(levels: Sequence[int]) -> tuple[tuple[float, ...], ...]:
    """Matches mostly agree: 0.9 on the closest level, the rest spread and falling."""
    start = []
    for n in levels:
        rest = [0.1 / (2**k) for k in range(1, n)]
        start.append(_shares([0.9, *rest]))
    return tuple(start)


def _expected(
    distinct: Counter[Vector], m: Sequence[Sequence[float]], u: Sequence[Sequence[float]], p: float
) -> tuple[list[list[float]], float, float]:
    counts = [[0.0] * len(levels) for levels in m]
    matched = 0.0
    total = 0.0
    for vector, n in distinct.items():
        pm, pu = p, 1 - p
        for f, level in enumerate(vector):
            if level is not None:
                pm *= m[f][level]
                pu *= u[f][level]
        share = pm / (pm + pu)
        matched += share * n
        total += n
        for f, level in enumerate(vector):
            if level is not None:
                counts[f][level] += share * n
    return counts, matched, total


def train(
    fields: Sequence[str],
    levels: Sequence[int],
    candidates: Iterable[Vector],
    random_pairs: Iterable[Vector],
    prior: float = 0.01,
) -> Model:
    """``u`` from ``random_pairs``, then ``m`` and the prior by EM over ``candidates``."""
    u = level_shares(random_pairs, levels)
    distinct = Counter(candidates)
    m = _starting_m(levels)
    for _ in range(ITERATIONS):
        counts, matched, total = _expected(distinct, m, u, prior)
        new_m = tuple(_shares(c) for c in counts)
        new_prior = min(max(matched / max(total, 1.0), SMOOTH), 1 - SMOOTH)
        converged = abs(new_prior - prior) < 1e-9 and all(
            abs(a - b) < 1e-7
            for old, new in zip(m, new_m, strict=True)
            for a, b in zip(old, new, strict=True)
        )
        m, prior = new_m, new_prior
        if converged:
            break
    return Model(tuple(fields), m, u, prior)
