"""Records with Australian-style fields, as in the FEBRL benchmark data sets (pure).

FEBRL (Christen, ANU) records carry a given name, a surname, a street number and two
address lines, a suburb, a postcode, a state, a date of birth (YYYYMMDD) and a social
security id, with typing errors, missing values and swapped fields in the duplicates. This
adapter gives the batch engine their blocking keys and a comparison vector per pair; the
weights are learned by ``fellegi.train``. Registry people are compared by ``sijill-person``
instead (``dedup.people``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from rapidfuzz.distance import JaroWinkler, Levenshtein

from sijill.dedup.fellegi import Vector

FIELDS: Final = (
    "given_name", "surname", "street_number", "address_1", "address_2", "suburb", "postcode",
    "state", "date_of_birth", "soc_sec_id",
)  # fmt: skip
Record = tuple[str | None, ...]
_NAME: Final = 4
_CODE: Final = 4
_TEXT: Final = 4
# Levels per compared field, in the order of ``COMPARED``.
COMPARED: Final = (
    ("given_name", _NAME), ("surname", _NAME), ("street_number", 3), ("address_1", _TEXT),
    ("address_2", _TEXT), ("suburb", _TEXT), ("postcode", 3), ("state", 2),
    ("date_of_birth", 4), ("soc_sec_id", _CODE),
)  # fmt: skip
LEVELS: Final = tuple(n for _, n in COMPARED)
NAMES: Final = tuple(name for name, _ in COMPARED)


def record(row: Mapping[str, object]) -> Record:
    """A record from a mapping of FEBRL fields (a missing or non-text value is None)."""
    values = []
    for name in FIELDS:
        value = row.get(name)
        text = value.strip().lower() if isinstance(value, str) else ""
        values.append(text or None)
    return tuple(values)


def blocking_keys(r: Record) -> list[str]:
    """Keys that put likely duplicates together: the id, the date of birth, name pairs, a
    name with the postcode, and initials with the year of birth."""
    given, surname, number, street, _, suburb, postcode, _, dob, ssid = r
    keys = []
    if ssid:
        keys.append(f"i:{ssid}")
    if dob:
        keys.append(f"d:{dob}")
    if given and surname:
        keys.append(f"n:{given}|{surname}")
        keys.append(f"n:{surname}|{given}")
        if dob:
            keys.append(f"y:{given[:2]}{surname[:2]}{dob[:4]}")
    for name in (given, surname):
        if name and postcode:
            keys.append(f"p:{name}|{postcode}")
        if name and suburb:
            keys.append(f"s:{name}|{suburb}")
    if number and street:
        keys.append(f"a:{number}|{street[:5]}")
    return keys


def _name(a: str, b: str) -> int:
    if a == b:
        return 0
    similarity = JaroWinkler.similarity(a, b)
    return 1 if similarity >= 0.92 else 2 if similarity >= 0.8 else 3


def _text(a: str, b: str) -> int:
    if a == b:
        return 0
    similarity = JaroWinkler.similarity(a, b)
    return 1 if similarity >= 0.9 else 2 if similarity >= 0.7 else 3


def _code(a: str, b: str) -> int:
    if a == b:
        return 0
    return min(Levenshtein.distance(a, b, score_cutoff=3), 3)


def _short(a: str, b: str) -> int:
    return 0 if a == b else 1 if Levenshtein.distance(a, b, score_cutoff=2) <= 1 else 2


def _dob(a: str, b: str) -> int:
    if a == b:
        return 0
    if Levenshtein.distance(a, b, score_cutoff=2) <= 1:
        return 1
    if len(a) == 8 == len(b) and a[:4] == b[:4] and a[4:6] == b[6:8] and a[6:8] == b[4:6]:
        return 2
    return 3


def _state(a: str, b: str) -> int:
    return 0 if a == b else 1


_COMPARE: Final = (_name, _name, _short, _text, _text, _text, _short, _state, _dob, _code)


def compare(a: Record, b: Record) -> Vector:
    """The comparison vector of two records: one level per field, None if missing."""
    return tuple(
        None if x is None or y is None else function(x, y)
        for function, x, y in zip(_COMPARE, a, b, strict=True)
    )
