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
- ``document`` keys: a document number (letters and digits only) of four characters or
  more.

Keys are short strings with a one-letter prefix ("p:", "s:", "d:"). The index stores each
with the person's year of birth, so that for a common pair the retrieval takes the people
born nearest the new record's year first.
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


def blocking_keys(record: MatchRecord) -> set[str]:
    """Every blocking key of a record: its names' and its documents' keys."""
    keys: set[str] = set()
    for name in record.names:
        keys |= name_blocking_keys(name)
    keys.update(key for key in map(document_key, record.documents) if key)
    return keys


def birth_year(record: MatchRecord) -> int | None:
    date = record.date_of_birth
    return date.year if date else None
