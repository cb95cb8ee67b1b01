"""Blocking keys: which stored records are worth scoring against a new one (pure).

Scoring a record against a whole registry is too slow (about 3,000 pairs a second), so the
registry keeps, for every person, a few keys that any record likely to score ``possible``
or better against it shares with it:

- ``pair`` keys, one per two parts of a name ("Ahmad Hussein al-Sharaa" gives "hmd hsn",
  "hmd xr" and "hsn xr"), for every name and alias, in any script. Two records whose best
  names agree on two parts share one, whatever the order, script or spelling of the words
  (the keys are ``sijill.names.keys.part_keys``, with their variant readings). A pair is
  much rarer than a word: "Muhammad" is held by one person in ten, "Muhammad al-Hamwi" by
  few.
- ``single`` keys for names of one part ("Abu Hafs", a nom de guerre alone).
- ``edit`` keys, which tolerate one letter more, less or other in the first or the last
  part of a name ("Hamza Aslan" and "Hamza Arslan", whose pair keys "hmd sln" and "hmd rsln"
  differ): the pair of the first and last parts' primary keys with one letter of either
  deleted (SymSpell's symmetric deletion, on consonant skeletons of 2 to 7 letters). A
  record is looked up by its own keys and by its names' ``name_probe_keys``: the first-last
  pair whole (found among others' deletions), its deletions as pairs (found among others'
  pairs), and its deletions as edit keys (one letter other on both sides).
- ``document`` keys: a document number (letters and digits only) of four characters or
  more.

Keys are short strings with a one-letter prefix ("p:", "s:", "e:", "d:"). The index stores
each with the person's year of birth, so that for a common pair the retrieval takes the
people born nearest the new record's year first.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import combinations, product
from typing import Final

from sijill.matching.records import MatchRecord
from sijill.names.keys import part_keys
from sijill.names.parse import parse_arabic_name

MAX_PARTS: Final = 5  # parts of one name that make pairs (5 parts: 10 pairs)
MAX_VARIANTS: Final = 3  # variant keys of one part taken into pairs
MAX_KEY_LENGTH: Final = 80
MIN_DOCUMENT_LENGTH: Final = 4
MIN_EDIT_LENGTH: Final = 2  # "Abi" (b) and "Abdi" (bd) are one letter apart
MAX_EDIT_LENGTH: Final = 7  # longer skeletons are rare enough not to need it (index size)


def document_key(number: str) -> str | None:
    """ "d:" and the number in capitals, letters and digits only; None when too short."""
    compact = "".join(ch for ch in number.upper() if ch.isalnum())
    return f"d:{compact}"[:MAX_KEY_LENGTH] if len(compact) >= MIN_DOCUMENT_LENGTH else None


@lru_cache(maxsize=65536)
def name_blocking_keys(name: str) -> frozenset[str]:
    """The pair keys of one name ("Ahmad al-Sharaa" -> {"p:hmd xr"}), or its single key."""
    per_part = [
        part_keys(part)[:MAX_VARIANTS] for part in parse_arabic_name(name).parts[:MAX_PARTS]
    ]
    per_part = [keys for keys in per_part if keys]
    if len(per_part) == 1:
        return frozenset(f"s:{key}"[:MAX_KEY_LENGTH] for key in per_part[0])
    keys: set[str] = set()
    for left, right in combinations(per_part, 2):
        for x, y in product(left, right):
            if x != y:
                keys.add(("p:" + " ".join(sorted((x, y))))[:MAX_KEY_LENGTH])
    return frozenset(keys)


def deletions(key: str) -> frozenset[str]:
    """The key with one letter deleted, each way ("sln" -> {"ln", "sn", "sl"}); a kunya
    keeps its marker ("abu:trsnj" -> {"abu:rsnj", ..., "abu:trsn"}). Nothing for a key
    shorter than ``MIN_EDIT_LENGTH`` or longer than ``MAX_EDIT_LENGTH`` (the marker aside)."""
    marker, colon, core = key.rpartition(":")
    if not (MIN_EDIT_LENGTH <= len(core) <= MAX_EDIT_LENGTH) or not core.isalpha():
        return frozenset()
    head = marker + colon
    return frozenset(head + core[:i] + core[i + 1 :] for i in range(len(core)))


def _pair(prefix: str, x: str, y: str) -> str:
    return (prefix + " ".join(sorted((x, y))))[:MAX_KEY_LENGTH]


@lru_cache(maxsize=65536)
def _ends(name: str) -> tuple[str, str] | None:
    """The primary keys of a name's first and last parts (None for a name of one part)."""
    primary = [keys[0] for keys in map(part_keys, parse_arabic_name(name).parts) if keys]
    return (primary[0], primary[-1]) if len(primary) > 1 else None


def _edits(ends: tuple[str, str], prefix: str) -> set[str]:
    first, last = ends
    keys = {_pair(prefix, d, last) for d in deletions(first)}
    keys.update(_pair(prefix, first, d) for d in deletions(last))
    return keys


@lru_cache(maxsize=65536)
def name_edit_keys(name: str) -> frozenset[str]:
    """The edit keys a name is indexed under ("Hamza Arslan" -> "e:hmz sln", "e:hmz rsl",
    ..., "e:hm rsln", ...): its first-last pair with one letter deleted."""
    ends = _ends(name)
    return frozenset(_edits(ends, "e:")) if ends else frozenset()


@lru_cache(maxsize=65536)
def name_probe_keys(name: str) -> frozenset[str]:
    """Keys a name is looked up by beyond its own: "e:" and its first-last pair whole (a
    stored name with one letter more), and its deletions as pair keys (one letter less)."""
    ends = _ends(name)
    if ends is None:
        return frozenset()
    return frozenset({_pair("e:", *ends)} | _edits(ends, "p:"))


def blocking_keys(record: MatchRecord) -> set[str]:
    """Every blocking key a record is indexed under: its names' pair (or single) and edit
    keys, and its documents' keys."""
    keys: set[str] = set()
    for name in record.names:
        keys |= name_blocking_keys(name) | name_edit_keys(name)
    keys.update(key for key in map(document_key, record.documents) if key)
    return keys


def lookup_keys(record: MatchRecord) -> set[str]:
    """Every key to look a record up by: its own blocking keys and its names' probe keys.
    Two records whose names are one letter apart in their first or last part share one."""
    keys = blocking_keys(record)
    for name in record.names:
        keys |= name_probe_keys(name)
    return keys


def birth_year(record: MatchRecord) -> int | None:
    date = record.date_of_birth
    return date.year if date else None
