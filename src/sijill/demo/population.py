"""A synthetic population that looks like the real problem, generated from a seed.

``generate(n_people, seed)`` streams households: about half Syrian, the rest foreign
fighters of twelve origins, with their names in their own scripts and the spellings other
officials write (Arabic, Latin, Cyrillic, Uyghur), kunyas and noms de guerre, families
(children born in Syria often without any document), documents in every status, group
affiliations and the facility where each head is now.

All names are random combinations of common given and family names and of invented kunyas:
no record is a real person's. The same seed gives the same population, byte for byte.

About 3% of household heads are registered a second time, later, as the head of another
household: same person, another spelling, script or name order, small differences in date
of birth and documents. That household's ``duplicate_of`` is the key of the first one;
``truth_pairs`` lists these pairs (the loader writes them to a side file, as registry
numbers), so that matching can be measured against the truth.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator

from sijill.demo.duplicates import reregister
from sijill.demo.households import Builder, DemoHousehold, Original
from sijill.demo.origins import ORIGINS
from sijill.demo.world import FACILITIES, GROUPS, OFFICES

__all__ = [
    "DUPLICATE_RATE",
    "FACILITIES",
    "GROUPS",
    "OFFICES",
    "ORIGIN_KEYS",
    "DemoHousehold",
    "generate",
    "truth_pairs",
]

ORIGIN_KEYS = tuple(origin.key for origin in ORIGINS)
# Share of heads registered twice (the second registration is also a head: 3% of all heads).
DUPLICATE_RATE = 0.031
# A second registration comes this many households later at most (another office, later).
_MAX_DELAY = 400


def generate(n_people: int, seed: int = 1) -> Iterator[DemoHousehold]:
    """Households until about ``n_people`` people (heads and relatives) have been produced.

    Streaming, in bounded memory: only the few heads waiting for their second registration
    are kept. Keys are ``h000000``, ``h000001``... in order of generation.
    """
    if n_people < 1:
        raise ValueError("n_people must be at least 1")
    builder = Builder(seed)
    rng = builder.rng
    waiting: list[tuple[int, int, Original]] = []
    produced = index = 0
    while produced < n_people:
        key = f"h{index:06d}"
        if waiting and waiting[0][0] <= index:
            household = reregister(builder, heapq.heappop(waiting)[2], key)
        else:
            household, original = builder.household(key)
            if rng.random() < DUPLICATE_RATE:
                due = index + 1 + int(rng.random() * _MAX_DELAY)
                heapq.heappush(waiting, (due, index, original))
        produced += 1 + len(household.relatives)
        index += 1
        yield household
    while waiting:  # the promised second registrations, so the truth stays complete
        yield reregister(builder, heapq.heappop(waiting)[2], f"h{index:06d}")
        index += 1


def truth_pairs(households: Iterable[DemoHousehold]) -> Iterator[tuple[str, str]]:
    """(first key, second key) for every household head registered twice."""
    for household in households:
        if household.duplicate_of is not None:
            yield household.duplicate_of, household.key
