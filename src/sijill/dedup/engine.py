"""The batch engine: block, compare, learn weights, score, keep pairs above a threshold,
cluster (pure).

An ``Adapter`` knows one kind of record: its blocking keys and how two records compare field
by field. The engine is the same for every kind. Weights come from ``fellegi.train`` on the
run's own data (no labels).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final, Generic, Protocol, TypeVar

from sijill.dedup import blocking, fellegi
from sijill.dedup.fellegi import Vector

R = TypeVar("R")
R_contra = TypeVar("R_contra", contravariant=True)
RANDOM_PAIRS: Final = 20_000
THRESHOLD: Final = 0.5  # match probability


class Adapter(Protocol[R_contra]):
    names: tuple[str, ...]
    levels: tuple[int, ...]

    def keys(self, record: R_contra) -> list[str]: ...

    def compare(self, a: R_contra, b: R_contra) -> Vector: ...


@dataclass(frozen=True, slots=True)
class FunctionAdapter(Generic[R]):
    """An ``Adapter`` from plain functions (``febrl.blocking_keys``, ``febrl.compare``)."""

    names: tuple[str, ...]
    levels: tuple[int, ...]
    key_function: Callable[[R], list[str]]
    compare_function: Callable[[R, R], Vector]

    def keys(self, record: R) -> list[str]:
        return self.key_function(record)

    def compare(self, a: R, b: R) -> Vector:
        return self.compare_function(a, b)


@dataclass(frozen=True, slots=True)
class ScoredPair:
    left: int
    right: int
    weight: float
    probability: float


@dataclass(frozen=True, slots=True)
class Result:
    """Pairs at or above the threshold, best first, and the figures of the run."""

    pairs: list[ScoredPair]
    candidates: int
    oversized_blocks: int
    model: fellegi.Model


def _random_vectors(
    adapter: Adapter[R], left: Sequence[R], right: Sequence[R], n: int, seed: int
) -> list[Vector]:
    rng = random.Random(seed)  # noqa: S311 - a sample for u, not a secret
    return [adapter.compare(rng.choice(left), rng.choice(right)) for _ in range(n)]


def _all_pairs(left: Sequence[R], right: Sequence[R]) -> int:
    if left is right:
        return len(left) * (len(left) - 1) // 2
    return len(left) * len(right)


def _score(
    adapter: Adapter[R],
    left: Sequence[R],
    right: Sequence[R],
    found: blocking.Blocking,
    threshold: float,
    seed: int,
) -> Result:
    candidates = sorted(found.pairs)
    vectors = [adapter.compare(left[i], right[j]) for i, j in candidates]
    random_vectors = _random_vectors(adapter, left, right, RANDOM_PAIRS, seed)
    model = fellegi.train(adapter.names, adapter.levels, vectors, random_vectors)
    # EM learns the share of matches among the candidates; a pair's odds start from the
    # share among all pairs, as blocking says nothing about any one pair.
    model = model.with_prior(model.prior * len(candidates) / max(_all_pairs(left, right), 1))
    weights: dict[Vector, float] = {}
    kept = []
    for (i, j), vector in zip(candidates, vectors, strict=True):
        weight = weights.get(vector)
        if weight is None:
            weight = weights[vector] = model.weight(vector)
        p = fellegi.probability(weight)
        if p >= threshold:
            kept.append(ScoredPair(i, j, weight, p))
    kept.sort(key=lambda pair: -pair.weight)
    return Result(kept, len(candidates), found.oversized, model)


def dedup(
    adapter: Adapter[R],
    records: Sequence[R],
    threshold: float = THRESHOLD,
    max_block: int = blocking.MAX_BLOCK,
    seed: int = 0,
) -> Result:
    """Duplicate pairs within one list of records."""
    found = blocking.dedup_pairs([adapter.keys(r) for r in records], max_block)
    return _score(adapter, records, records, found, threshold, seed)


def link(
    adapter: Adapter[R],
    left: Sequence[R],
    right: Sequence[R],
    threshold: float = THRESHOLD,
    max_block: int = blocking.MAX_BLOCK,
    seed: int = 0,
    one_to_one: bool = True,
) -> Result:
    """Pairs of a record of ``left`` and one of ``right`` that are the same; with
    ``one_to_one``, each record is linked at most once (each list holds a person once)."""
    keys_left = [adapter.keys(r) for r in left]
    keys_right = [adapter.keys(r) for r in right]
    found = blocking.link_pairs(keys_left, keys_right, max_block)
    result = _score(adapter, left, right, found, threshold, seed)
    if not one_to_one:
        return result
    best = blocking.one_to_one(((p.left, p.right), p.weight) for p in result.pairs)
    chosen = {pair for pair, _ in best}
    pairs = [p for p in result.pairs if (p.left, p.right) in chosen]
    return Result(pairs, result.candidates, result.oversized_blocks, result.model)
