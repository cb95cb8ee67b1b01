"""An in-memory index over list entries that screens a person or a group (pure).

Candidates are found by name keys (``names.keys.search_key_groups``: spelling and script
variants collide, confusable letters and zero-width or bidi characters are folded first), then
scored with the matching engine (``sijill-person`` v1); only candidates it decides ``match``
or ``possible`` are hits.

Blocking keys: each name gives a key per pair of its parts ("hmd|xr" for "Ahmad al-Sharaa",
in any order and any script), every variant key of each part taken; a name of one part gives
its own keys. Two names share a pair key when two of their parts agree by key. A consonant
mistyped in a name of two parts breaks every pair key ("Mohamed Lakahl", "Lakhal"), so each
part's key is indexed alone too, with its forms missing one letter (a symmetric-deletion
neighbourhood: keys one edit apart share one): a rare one (``RARE`` entries or fewer) makes
a candidate when the whole names are also alike (``fuzz.token_sort_ratio`` of their Latin
forms at least ``ALIKE``). A shared document number makes a candidate.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import combinations
from typing import Final

from rapidfuzz import fuzz

from sijill.matching.algorithms import MatchResult, PersonMatcher
from sijill.matching.records import MatchRecord
from sijill.names.keys import search_key_groups
from sijill.names.normalise import normalise
from sijill.names.translit import to_latin
from sijill.screening.entries import ListEntry

# Screening asks for review from this score (the engine's own "possible" is 0.60): measured
# with benchmarks/screening_bench.py, it finds more listed people under typos and perturbed
# dates without raising false alerts on ordinary names.
REVIEW_FROM: Final = 0.50
MAX_KEYS_PER_PART: Final = 4
MAX_PARTS: Final = 6
RARE: Final = 40
ALIKE: Final = 85.0
MIN_DELETE: Final = 4  # a part key this long also gives its keys with one letter deleted
MIN_DOCUMENT: Final = 5  # shorter numbers collide by chance


def _document_key(number: str) -> str:
    return "#doc:" + "".join(ch for ch in number.casefold() if ch.isalnum())


@lru_cache(maxsize=65536)
def blocking_keys(name: str) -> tuple[frozenset[str], frozenset[str]]:
    """The pair keys of a name (single-part names: their part's keys), and its part keys."""
    groups = [g[:MAX_KEYS_PER_PART] for g in search_key_groups(name)][:MAX_PARTS]
    parts = frozenset("1:" + key for group in groups for key in group)
    parts |= frozenset(
        f"1:{key[:i]}{key[i + 1 :]}"
        for group in groups
        for key in group[:1]
        if len(key) >= MIN_DELETE
        for i in range(len(key))
    )
    if len(groups) == 1:
        return parts, parts
    keys: set[str] = set()
    for left, right in combinations(groups, 2):
        for a in left:
            keys.update("|".join(sorted((a, b))) for b in right if a != b)
    return frozenset(keys), parts


def record_keys(record: MatchRecord) -> tuple[set[str], set[str]]:
    """A record's pair keys (with its document keys) and its part keys."""
    pairs: set[str] = set()
    parts: set[str] = set()
    for name in record.names:
        name_pairs, name_parts = blocking_keys(name)
        pairs |= name_pairs
        parts |= name_parts
    pairs.update(_document_key(d) for d in record.documents if len(d) >= MIN_DOCUMENT)
    return pairs, parts


@lru_cache(maxsize=65536)
def latin(name: str) -> str:
    return to_latin(normalise(name))


def narrow(a: MatchRecord, b: MatchRecord) -> tuple[MatchRecord, MatchRecord]:
    """The two records with only the names that share a pair key with a name of the other
    (the engine compares every name with every alias: a listed person with 20 aliases and
    a person with 5 names are 100 comparisons); unchanged when no pair of names does."""
    shared = [(x, y) for x in a.names for y in b.names if blocking_keys(x)[0] & blocking_keys(y)[0]]
    if not shared:
        return a, b
    names_a = tuple(dict.fromkeys(x for x, _ in shared))
    names_b = tuple(dict.fromkeys(y for _, y in shared))
    return replace(a, names=names_a), replace(b, names=names_b)


def screening_matcher() -> PersonMatcher:
    """``sijill-person`` with screening's review threshold."""
    return PersonMatcher(possible=REVIEW_FROM)


@dataclass(frozen=True, slots=True)
class Hit:
    """A list entry a record may be: the engine's result against its closest record."""

    entry: ListEntry
    result: MatchResult
    position: int  # the entry's place in the index

    @property
    def score(self) -> float:
        return self.result.score


@dataclass
class ListIndex:
    """Entries of one or more lists, indexed by blocking key."""

    matcher: PersonMatcher = field(default_factory=lambda: screening_matcher())
    entries: list[ListEntry] = field(default_factory=list)
    records: list[tuple[MatchRecord, ...]] = field(default_factory=list)
    postings: dict[str, list[int]] = field(default_factory=dict)
    part_postings: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def build(cls, entries: Iterable[ListEntry], matcher: PersonMatcher | None = None) -> ListIndex:
        index = cls(matcher or screening_matcher())
        for entry in entries:
            index.add(entry)
        return index

    def add(self, entry: ListEntry) -> None:
        position = len(self.entries)
        self.entries.append(entry)
        records = entry.records()
        self.records.append(records)
        pairs, parts = record_keys(records[0])
        for key in pairs:
            self.postings.setdefault(key, []).append(position)
        for key in parts:
            self.part_postings.setdefault(key, []).append(position)

    def __len__(self) -> int:
        return len(self.entries)

    def candidates(self, record: MatchRecord) -> list[int]:
        pairs, parts = record_keys(record)
        found: set[int] = set()
        for key in pairs:
            found.update(self.postings.get(key, ()))
        rare: set[int] = set()
        for key in parts:
            posting = self.part_postings.get(key, ())
            if len(posting) <= RARE:
                rare.update(posting)
        found.update(p for p in rare - found if self._alike(record, p))
        return sorted(found)

    def candidates_loose(self, record: MatchRecord) -> list[int]:
        """Entries sharing any part key with the record (a looser retrieval, for comparing
        with a peer that scores more pairs)."""
        found: set[int] = set()
        for key in record_keys(record)[1]:
            found.update(self.part_postings.get(key, ()))
        return sorted(found)

    def _alike(self, record: MatchRecord, position: int) -> bool:
        listed = self.records[position][0].names
        return any(
            fuzz.token_sort_ratio(latin(a), latin(b)) >= ALIKE for a in record.names for b in listed
        )

    def score(self, record: MatchRecord, position: int) -> MatchResult:
        """The engine's best result over the entry's records (one per date of birth), on the
        names that share a pair key (``narrow``)."""
        listed = self.records[position]
        record, first = narrow(record, listed[0])
        results = (self.matcher.score(record, replace(r, names=first.names)) for r in listed)
        return max(results, key=lambda r: r.score)

    def screen(self, record: MatchRecord) -> list[Hit]:
        """Hits for one record, highest score first."""
        hits = []
        for position in self.candidates(record):
            if self.entries[position].is_person != record.is_person:
                continue
            result = self.score(record, position)
            if result.decision != "no_match":
                hits.append(Hit(self.entries[position], result, position))
        return sorted(hits, key=lambda h: (-h.score, h.entry.entry_id))

    def screen_many(self, records: Sequence[MatchRecord]) -> list[list[Hit]]:
        return [self.screen(record) for record in records]
