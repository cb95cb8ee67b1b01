"""Blocking, candidate pairs and clusters for batch deduplication (pure).

A record gives a few blocking keys (a document number, a whole-name key, a date of birth
with a name key...). Two records are a candidate pair when they share a key; a key shared by
more than ``max_block`` records says too little to be worth comparing every pair (a common
name with a common year) and is skipped, and the skipped keys are counted so a run can say so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Final

MAX_BLOCK: Final = 60

Pair = tuple[int, int]


@dataclass(slots=True)
class Blocking:
    """The candidate pairs of a run and what blocking left out."""

    pairs: set[Pair] = field(default_factory=set)
    blocks: int = 0
    oversized: int = 0


def _index(keys: Iterable[Iterable[str]]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = defaultdict(list)
    for position, record_keys in enumerate(keys):
        for key in set(record_keys):
            index[key].append(position)
    return index


def dedup_pairs(keys: Sequence[Iterable[str]], max_block: int = MAX_BLOCK) -> Blocking:
    """Pairs ``(i, j)``, ``i < j``, of records of one list that share a blocking key."""
    found = Blocking()
    for members in _index(keys).values():
        if len(members) < 2:
            continue
        if len(members) > max_block:
            found.oversized += 1
            continue
        found.blocks += 1
        found.pairs.update(combinations(members, 2))
    return found


def link_pairs(
    left: Sequence[Iterable[str]], right: Sequence[Iterable[str]], max_block: int = MAX_BLOCK
) -> Blocking:
    """Pairs ``(i, j)`` of a record of ``left`` and one of ``right`` that share a key."""
    found = Blocking()
    right_index = _index(right)
    for key, members in _index(left).items():
        others = right_index.get(key)
        if not others:
            continue
        if len(members) * len(others) > max_block * max_block // 2:
            found.oversized += 1
            continue
        found.blocks += 1
        found.pairs.update((i, j) for i in members for j in others)
    return found


def clusters(size: int, pairs: Iterable[Pair]) -> list[list[int]]:
    """Connected groups of two or more records joined by ``pairs`` (union-find)."""
    parent = list(range(size))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        ri, rj = root(i), root(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(size):
        groups[root(i)].append(i)
    return [members for members in groups.values() if len(members) > 1]


def one_to_one(scored: Iterable[tuple[Pair, float]]) -> list[tuple[Pair, float]]:
    """For linking two lists that each hold a person once: the best pairs first, each record
    of either side taken at most once (greedy assignment)."""
    taken_left: set[int] = set()
    taken_right: set[int] = set()
    kept = []
    for (i, j), score in sorted(scored, key=lambda item: -item[1]):
        if i in taken_left or j in taken_right:
            continue
        taken_left.add(i)
        taken_right.add(j)
        kept.append(((i, j), score))
    return kept
