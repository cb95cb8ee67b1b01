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

from rapidfuzz import fuzz, process

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


@dataclass(frozen=True, slots=True)
class Keyed:
    """A record's names with their pair keys, its pair keys (with its document keys) and its
    part keys: computed once per record (once per entry when the index is built), not once
    per candidate."""

    names: tuple[tuple[str, frozenset[str]], ...]
    pairs: frozenset[str]
    parts: frozenset[str]

    @classmethod
    def of(cls, record: MatchRecord) -> Keyed:
        names = []
        pairs: set[str] = set()
        parts: set[str] = set()
        for name in record.names:
            name_pairs, name_parts = blocking_keys(name)
            names.append((name, name_pairs))
            pairs |= name_pairs
            parts |= name_parts
        pairs.update(_document_key(d) for d in record.documents if len(d) >= MIN_DOCUMENT)
        return cls(tuple(names), frozenset(pairs), frozenset(parts))


def record_keys(record: MatchRecord) -> tuple[frozenset[str], frozenset[str]]:
    """A record's pair keys (with its document keys) and its part keys."""
    keyed = Keyed.of(record)
    return keyed.pairs, keyed.parts


@lru_cache(maxsize=65536)
def latin(name: str) -> str:
    return to_latin(normalise(name))


def narrow(
    a: MatchRecord, b: MatchRecord, keyed_a: Keyed, keyed_b: Keyed
) -> tuple[MatchRecord, MatchRecord]:
    """The two records with only the names that share a pair key with a name of the other
    (the engine compares every name with every alias: a listed person with 20 aliases and
    a person with 5 names are 100 comparisons); unchanged when no pair of names does."""
    shared = [(x, y) for x, kx in keyed_a.names for y, ky in keyed_b.names if kx & ky]
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
    """Entries of one or more lists, indexed by blocking key; each entry's keys (and, once
    needed, the Latin forms of its names) are kept, so a screening computes only the
    person's."""

    matcher: PersonMatcher = field(default_factory=lambda: screening_matcher())
    entries: list[ListEntry] = field(default_factory=list)
    records: list[tuple[MatchRecord, ...]] = field(default_factory=list)
    keyed: list[Keyed] = field(default_factory=list)
    latins: dict[int, tuple[str, ...]] = field(default_factory=dict)  # filled when needed
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
        keyed = Keyed.of(records[0])
        self.keyed.append(keyed)
        for key in keyed.pairs:
            self.postings.setdefault(key, []).append(position)
        for key in keyed.parts:
            self.part_postings.setdefault(key, []).append(position)

    def __len__(self) -> int:
        return len(self.entries)

    def candidates(self, record: MatchRecord, keyed: Keyed | None = None) -> list[int]:
        keyed = keyed or Keyed.of(record)
        found: set[int] = set()
        for key in keyed.pairs:
            found.update(self.postings.get(key, ()))
        rare: set[int] = set()
        for key in keyed.parts:
            posting = self.part_postings.get(key, ())
            if len(posting) <= RARE:
                rare.update(posting)
        rare -= found
        if rare:
            found |= self._alike(record, rare)
        return sorted(found)

    def candidates_loose(self, record: MatchRecord) -> list[int]:
        """Entries sharing any part key with the record (a looser retrieval, for comparing
        with a peer that scores more pairs)."""
        found: set[int] = set()
        for key in record_keys(record)[1]:
            found.update(self.part_postings.get(key, ()))
        return sorted(found)

    def _alike(self, record: MatchRecord, positions: Iterable[int]) -> set[int]:
        """The entries with a name alike a name of the record (``ALIKE``)."""
        owners: list[int] = []
        choices: list[str] = []
        for position in positions:
            names = self.latins.get(position)
            if names is None:
                names = tuple(latin(name) for name in self.records[position][0].names)
                self.latins[position] = names
            owners.extend(position for _ in names)
            choices.extend(names)
        found: set[int] = set()
        for name in record.names:
            for _, _, i in process.extract(
                latin(name), choices, scorer=fuzz.token_sort_ratio, score_cutoff=ALIKE, limit=None
            ):
                found.add(owners[i])
        return found

    def score(self, record: MatchRecord, position: int, keyed: Keyed | None = None) -> MatchResult:
        """The engine's best result over the entry's records (one per date of birth), on the
        names that share a pair key (``narrow``)."""
        listed = self.records[position]
        record, first = narrow(record, listed[0], keyed or Keyed.of(record), self.keyed[position])
        results = (self.matcher.score(record, replace(r, names=first.names)) for r in listed)
        return max(results, key=lambda r: r.score)

    def screen(self, record: MatchRecord) -> list[Hit]:
        """Hits for one record, highest score first."""
        keyed = Keyed.of(record)
        hits = []
        for position in self.candidates(record, keyed):
            if self.entries[position].is_person != record.is_person:
                continue
            result = self.score(record, position, keyed)
            if result.decision != "no_match":
                hits.append(Hit(self.entries[position], result, position))
        return sorted(hits, key=lambda h: (-h.score, h.entry.entry_id))

    def screen_many(self, records: Sequence[MatchRecord]) -> list[list[Hit]]:
        return [self.screen(record) for record in records]
