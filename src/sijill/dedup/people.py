"""Registry people for the batch engine: records, blocking keys, comparison (pure).

A person is read with the search keys of each current name, the keys the registry already
stores for name search (``name_token``, ``sijill.names.keys.search_keys``), so a batch run
does not parse a million names again, and script, transliteration and word order do not
matter: "أحمد الشرع" and "SHARAA, Ahmad" both give {hmd, xr}.

Blocking keys: every document number; per name, its whole key set and every pair of its
keys (a typing error in one word of three still leaves a shared pair); for a name of one or
two keys, each key with the year of birth (a typing error in one of two words is still found
among people born that year).

Comparison levels (weights learned by ``fellegi.train`` on the run's own data):

==============  =====================================================================
field           levels (0 closest)
==============  =====================================================================
name            0 same keys; 1 two thirds of the keys shared; 2 a third; 3 fewer
date_of_birth   0 same day; 1 compatible (same year, one less precise, or day and
                month swapped); 2 a year apart; 3 further; missing if either lacks it
sex             0 same; 1 different; missing if unknown
documents       0 a number in common; 1 numbers on both sides, none in common
nationality     0 one in common; 1 none in common
place of birth  0 same; 1 different
==============  =====================================================================

``m`` (how often the same person, registered twice, shows each level) is set from how
second registrations differ: another script or spelling, a typing error, a date known less
precisely, a document shown again or not. EM, tried here, learned the households instead
(relatives share a family name, a nationality and a place), so it is not used for people.
``u`` is learned from random pairs of the run's own records.

``find`` keeps the pairs whose match probability is at least ``SCREEN`` (when there are more
than ``SCREEN_FROM`` candidates: a few are cheaper to score all) and scores those by
``sijill-person`` v1, whose score, decision and explanation go to the review queue; pairs it
decides ``no_match`` are dropped.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Final

from sijill.dedup import fellegi
from sijill.dedup.fellegi import Vector
from sijill.matching import MatchRecord, MatchResult, PersonMatcher

NAMES: Final = ("name", "date_of_birth", "sex", "documents", "nationality", "place_of_birth")
LEVELS: Final = (4, 4, 2, 2, 2, 2)
M: Final = (
    (0.5, 0.3, 0.15, 0.05), (0.3, 0.45, 0.15, 0.1), (0.98, 0.02), (0.9, 0.1), (0.9, 0.1),
    (0.9, 0.1),
)  # fmt: skip
MAX_BLOCK: Final = 40
SCREEN: Final = 0.05
SCREEN_FROM: Final = 20_000
RANDOM_PAIRS: Final = 20_000
# The share of people registered twice, for the prior odds of a pair.
DUPLICATE_SHARE: Final = 0.03
_DOB_FORMAT: Final = {"exact": "{y:04d}-{m:02d}-{d:02d}", "month": "{y:04d}-{m:02d}"}


@dataclass(frozen=True, slots=True)
class PersonRow:
    """The plain fields of one registry person: ``keys`` holds each name's search keys."""

    key: str
    names: tuple[str, ...]
    keys: tuple[frozenset[str], ...]
    sex: str | None
    dob_precision: str | None
    dob_year: int | None
    dob_month: int | None
    dob_day: int | None
    nationalities: frozenset[str]
    documents: frozenset[str]
    place_of_birth: str | None


def dob_text(
    precision: str | None, year: int | None, month: int | None, day: int | None
) -> str | None:
    """A stored date of birth as the engine reads it: "1982-10-29", "1982-10", "1982", "~1982"."""
    if year is None or precision is None:
        return None
    if precision == "approximate":
        return f"~{year:04d}"
    template = _DOB_FORMAT.get(precision)
    if template is None or month is None or (precision == "exact" and day is None):
        return f"{year:04d}"
    return template.format(y=year, m=month, d=day)


def match_record(row: PersonRow) -> MatchRecord:
    """The ``sijill-person`` record of a registry person."""
    return MatchRecord(
        names=row.names,
        dob=dob_text(row.dob_precision, row.dob_year, row.dob_month, row.dob_day),
        sex=row.sex if row.sex in ("M", "F") else None,
        nationalities=tuple(sorted(row.nationalities)),
        documents=tuple(sorted(row.documents)),
        place_of_birth=row.place_of_birth,
    )


def blocking_keys(row: PersonRow) -> list[str]:
    """The keys under which a person is compared with others (see the module's text)."""
    keys = [f"d:{number}" for number in row.documents]
    for name_keys in row.keys:
        words = sorted(k for k in name_keys if not k.startswith("#"))
        if not words:
            continue
        keys.append("n:" + " ".join(words))
        keys.extend(f"w:{a}|{b}" for a, b in combinations(words, 2))
        if row.dob_year is not None and len(words) <= 2:
            keys.extend(f"y:{word}|{row.dob_year}" for word in words)
    return keys


def _name_level(a: PersonRow, b: PersonRow) -> int:
    best = 0.0
    for x in a.keys:
        for y in b.keys:
            if x == y:
                return 0
            shared = len(x & y) / max(min(len(x), len(y)), 1)
            best = max(best, shared)
    return 1 if best >= 0.66 else 2 if best >= 0.33 else 3


def _dob_level(a: PersonRow, b: PersonRow) -> int | None:
    if a.dob_year is None or b.dob_year is None:
        return None
    gap = abs(a.dob_year - b.dob_year)
    if gap:
        return 2 if gap == 1 else 3
    if a.dob_month is None or b.dob_month is None:
        return 1
    if a.dob_month == b.dob_month and a.dob_day == b.dob_day:
        return 0 if a.dob_day is not None else 1
    if a.dob_day is None or b.dob_day is None:
        return 1 if a.dob_month == b.dob_month else 3
    swapped = a.dob_month == b.dob_day and a.dob_day == b.dob_month
    return 1 if swapped else 3


def _sets(x: frozenset[str], y: frozenset[str]) -> int | None:
    if not x or not y:
        return None
    return 0 if x & y else 1


def compare(a: PersonRow, b: PersonRow) -> Vector:
    """The comparison vector of two people (levels as in the module's table)."""
    sex = None if a.sex not in ("M", "F") or b.sex not in ("M", "F") else int(a.sex != b.sex)
    place = None
    if a.place_of_birth and b.place_of_birth:
        place = int(a.place_of_birth.casefold() != b.place_of_birth.casefold())
    return (
        _name_level(a, b),
        _dob_level(a, b),
        sex,
        _sets(a.documents, b.documents),
        _sets(a.nationalities, b.nationalities),
        place,
    )


Progress = Callable[[str, int, int], None]


def _quiet(stage: str, done: int, total: int) -> None:
    """No progress report."""


def candidates(rows: Sequence[PersonRow], max_block: int = MAX_BLOCK) -> list[tuple[int, int]]:
    """Pairs sharing a document number or a whole name, or two keys of any kind."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        for key in set(blocking_keys(row)):
            index[key].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    strong: set[tuple[int, int]] = set()
    for key, members in index.items():
        if not 2 <= len(members) <= max_block:
            continue
        pairs = list(combinations(members, 2))
        shared.update(pairs)
        if key[0] in "dn":
            strong.update(pairs)
    return sorted(strong | {pair for pair, n in shared.items() if n >= 2})


def model(rows: Sequence[PersonRow], seed: int = 0) -> fellegi.Model:
    """The Fellegi-Sunter model of a run: ``M``, ``u`` from random pairs, the prior."""
    rng = random.Random(seed)  # noqa: S311 - a sample for u, not a secret
    sample = []
    for _ in range(RANDOM_PAIRS):
        i, j = rng.sample(range(len(rows)), 2)
        sample.append(compare(rows[i], rows[j]))
    n = max(len(rows), 2)
    prior = DUPLICATE_SHARE * n / (n * (n - 1) / 2)
    return fellegi.Model(NAMES, M, fellegi.level_shares(sample, LEVELS), prior)


def _screen(
    rows: Sequence[PersonRow], pairs: list[tuple[int, int]], progress: Progress
) -> list[tuple[int, int]]:
    weights = model(rows)
    screened = []
    for n, (i, j) in enumerate(pairs):
        if fellegi.probability(weights.weight(compare(rows[i], rows[j]))) >= SCREEN:
            screened.append((i, j))
        if n % 50_000 == 0:
            progress("comparing", n, len(pairs))
    return screened


def find(
    rows: Sequence[PersonRow], matcher: PersonMatcher, progress: Progress = _quiet
) -> list[tuple[int, int, MatchResult]]:
    """Likely duplicate pairs ``(i, j, result)`` among ``rows``, best first."""
    progress("blocking", 0, len(rows))
    pairs = candidates(rows)
    screened = _screen(rows, pairs, progress) if len(pairs) > SCREEN_FROM else pairs
    found = []
    records: dict[int, MatchRecord] = {}
    for n, (i, j) in enumerate(screened):
        a = records.setdefault(i, match_record(rows[i]))
        b = records.setdefault(j, match_record(rows[j]))
        result = matcher.score(a, b)
        if result.decision != "no_match":
            found.append((i, j, result))
        if n % 500 == 0:
            progress("scoring", n, len(screened))
    progress("scoring", len(screened), len(screened))
    return sorted(found, key=lambda item: -item[2].score)
