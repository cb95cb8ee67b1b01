"""Features: pure functions comparing two records, each returning ``(score, detail)`` (pure).

``score`` is None when the feature has nothing to say (a field missing on a side). The name
feature scores similarity in [0, 1]; every other feature scores evidence in [-1, 1]:
+1 corroborates (the same document number), -1 contradicts (another sex, dates of birth years
apart, the same kunya with another nisba), 0 is shown to the officer but weighs nothing.
``detail`` is a sentence a screening officer can read. ``algorithms`` weighs the features.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Final, NamedTuple

from sijill.matching.align import best_pair
from sijill.matching.pairs import NameComparison, WordPair
from sijill.matching.records import MatchRecord, PartialDate, normalise_sex
from sijill.names.keys import word_keys
from sijill.names.parse import Role
from sijill.names.translit import to_latin


class Feature(NamedTuple):
    score: float | None
    detail: str


FeatureFunction = Callable[[MatchRecord, MatchRecord], Feature]
NOTHING: Final = Feature(None, "")
_SURNAME_ROLES: Final = frozenset({Role.FAMILY, Role.NISBA})
_LINEAGE_ROLES: Final = frozenset({Role.FAMILY, Role.NISBA, Role.NASAB})
# Words of a place of birth that name no place.
_PLACE_WORDS: Final = frozenset(
    {"city", "town", "village", "district", "province", "governorate", "region", "area",
     "county", "state", "near", "muhafazat", "wilayat", "oblast", "raion", "rayon", "of",
     "the", "de", "al", "el", "camp", "suburb"}
)  # fmt: skip


def name_comparison(a: MatchRecord, b: MatchRecord) -> NameComparison:
    """The best pair of names (main names and aliases) of two records."""
    return best_pair(a.names, b.names, not (a.is_person and b.is_person))


def names(a: MatchRecord, b: MatchRecord) -> Feature:
    """Similarity of the closest pair of names, all scripts and aliases considered."""
    if not (a.names and b.names):
        return Feature(None, "name: missing on a side")
    found = name_comparison(a, b)
    return Feature(found.score, f"name {found.score:.2f}: {found.describe()}")


def _both_have(found: NameComparison, role: Role) -> bool:
    return any(w.role is role for w in found.a.words) and any(w.role is role for w in found.b.words)


def _has(pair: WordPair, roles: frozenset[Role]) -> bool:
    return any(w.role in roles for w in pair.a) and any(w.role in roles for w in pair.b)


def kunya_nisba(a: MatchRecord, b: MatchRecord) -> Feature:
    """-1 when the names share a kunya but carry different nisbas ("Abu Muhammad al-Adnani"
    and "Abu Muhammad al-Maqdisi"): a kunya is shared by thousands of men."""
    if not (a.is_person and b.is_person):
        return NOTHING
    found = name_comparison(a, b)
    if not _both_have(found, Role.KUNYA):
        return NOTHING
    kunya = [p for p in found.pairs if _has(p, frozenset({Role.KUNYA})) and p.agrees]
    surnames = [p for p in found.pairs if _has(p, _SURNAME_ROLES)]
    if not kunya or not surnames or any(p.agrees for p in surnames):
        return NOTHING
    differ = "; ".join(f"{p.a[0].form} ≠ {p.b[0].form}" for p in surnames)
    return Feature(-1.0, f"same kunya {kunya[0].a[0].form}, other nisba: {differ}")


def father_son(a: MatchRecord, b: MatchRecord) -> Feature:
    """Evidence of relatives, not one person:

    - -1: the given name of one is the father's name (nasab) of the other ("Hamza bin
      Osama" and "Osama bin Laden"; "Ahmad bin Hasan" and "Hasan bin Ahmad");
    - -1: one family name with different given names ("Bashar al-Assad" and "Hafez
      al-Assad", "Osama bin Laden" and "Hamza bin Laden");
    - -0.5: the given name of one is the middle name of the other, whose own given name is
      not in the first: in a triple name the middle name is the father's ("Ahmad Hamid",
      "Hamid Ahmad Hamid"), though some people go by a middle name."""
    if not (a.is_person and b.is_person):
        return NOTHING
    pairs = name_comparison(a, b).pairs
    for strength, via in ((-1.0, Role.NASAB), (-0.5, Role.MIDDLE)):
        crossed = [p for p in pairs if p.agrees and _crossed(p, via, pairs)]
        if crossed:
            names = " and ".join(p.a[0].form for p in crossed)
            what = "father's name (nasab)" if via is Role.NASAB else "middle name"
            return Feature(strength, f"{names}: given name on one side, {what} on the other: "
                                     "father and son?")  # fmt: skip
    given = [p for p in pairs if _has(p, frozenset({Role.GIVEN})) and p.conflict]
    family = [p for p in pairs if _has(p, _LINEAGE_ROLES) and p.agrees]
    if given and family:
        g, f = given[0], family[0]
        return Feature(-1.0, f"one family name ({f.a[0].form}), different given names "
                             f"({g.a[0].form} ≠ {g.b[0].form}): relatives?")  # fmt: skip
    return NOTHING


def _crossed(pair: WordPair, via: Role, pairs: tuple[WordPair, ...]) -> bool:
    """A given name paired with the other side's ``via`` word (nasab, or a middle name when
    that side's own given name agrees with no given name and some word is left over)."""
    for given_side, other_side in ((pair.a, pair.b), (pair.b, pair.a)):
        has_given = any(w.role is Role.GIVEN for w in given_side)
        if not has_given or not any(w.role is via for w in other_side):
            continue
        if via is Role.NASAB or not (_givens_agree(pairs) or _all_agree(pairs)):
            return True
    return False


def _all_agree(pairs: tuple[WordPair, ...]) -> bool:
    """Every word agrees with one of the other name: names written in another order
    ("Batirashvili Tarkhan Tayumurazovich"), not a father's name where a given name is."""
    return all(p.agrees for p in pairs)


def _givens_agree(pairs: tuple[WordPair, ...]) -> bool:
    return any(
        p.agrees and _has(p, frozenset({Role.GIVEN}))
        for p in pairs
        if any(w.role is Role.GIVEN for w in p.a) and any(w.role is Role.GIVEN for w in p.b)
    )


def compare_dates(x: PartialDate, y: PartialDate) -> tuple[float, str]:
    """Evidence of two dates of birth at their precisions."""
    gap = abs(x.year - y.year)
    if x.approximate or y.approximate:
        return (0.3, "about the same year") if gap <= 2 else (-0.6, f"{gap} years apart")
    if gap:
        strength = 0.4 if gap == 1 else (0.7 if gap < 5 else 1.0)
        return -strength, f"{gap} year{'s' if gap > 1 else ''} apart"
    if x.month is None or y.month is None:
        return (1.0, "same year") if x == y else (0.5, "within the same year")
    if x.month != y.month:
        swapped = x.day is not None and (x.month, x.day) == (y.day, y.month)
        return (-0.1, "day and month swapped?") if swapped else (-0.3, "other month")
    if x.day is None or y.day is None:
        return (1.0, "same month") if x == y else (0.5, "within the same month")
    return (1.0, "same day") if x.day == y.day else (-0.25, "other day")


def date_of_birth(a: MatchRecord, b: MatchRecord) -> Feature:
    """Dates of birth at their precision: "1982" within "1982-10-29" is consistent; dates
    that differ are negative evidence, the more so the further apart."""
    x, y = a.date_of_birth, b.date_of_birth
    if x is None or y is None:
        return NOTHING
    score, how = compare_dates(x, y)
    if 0 < score < 1 and not (x.approximate or y.approximate):
        rough, fine = sorted((x, y), key=lambda d: (d.month is not None, d.day is not None))
        return Feature(score, f"date of birth: {rough} within {fine}")
    relation = "=" if score >= 1 else ("~" if score > 0 else "≠")
    return Feature(score, f"date of birth: {x} {relation} {y} ({how})")


def sex(a: MatchRecord, b: MatchRecord) -> Feature:
    """+1 for the same sex (weighs little), -1 for another (weighs much)."""
    x, y = normalise_sex(a.sex), normalise_sex(b.sex)
    if x is None or y is None:
        return NOTHING
    return Feature(1.0, f"sex: {x} on both") if x == y else Feature(-1.0, f"sex: {x} ≠ {y}")


def nationality(a: MatchRecord, b: MatchRecord) -> Feature:
    """+1 for a nationality in common, -1 for none in common (people change or add them)."""
    x = {n.upper() for n in a.nationalities}
    y = {n.upper() for n in b.nationalities}
    if not (x and y):
        return NOTHING
    if x & y:
        return Feature(1.0, f"nationality: {', '.join(sorted(x & y))} on both")
    return Feature(-1.0, f"nationality: {', '.join(sorted(x))} ≠ {', '.join(sorted(y))}")


def normalise_document(number: str) -> str:
    return "".join(ch for ch in number.upper() if ch.isalnum())


def documents(a: MatchRecord, b: MatchRecord) -> Feature:
    """+1 for a document number on both (strong); 0 when both have numbers, none shared (a
    person holds several documents, so it proves nothing)."""
    x = {n for n in map(normalise_document, a.documents) if len(n) >= 4}
    y = {n for n in map(normalise_document, b.documents) if len(n) >= 4}
    if not (x and y):
        return NOTHING
    if x & y:
        return Feature(1.0, f"document number {', '.join(sorted(x & y))} on both")
    return Feature(0.0, "document numbers: none in common")


@lru_cache(maxsize=16384)
def place_keys(place: str) -> frozenset[str]:
    """Keys of the words of a place that name a place ("Raqqa city" -> {"rk"})."""
    words = to_latin(place).replace("-", " ").replace(",", " ").split()
    named = (w.strip("'") for w in words if w.strip("'") not in _PLACE_WORDS)
    return frozenset(word_keys(w)[0] for w in named if len(w) > 1)


def place_of_birth(a: MatchRecord, b: MatchRecord) -> Feature:
    """+1 when the places share a place name (any script or spelling), -0.5 when none."""
    if not (a.place_of_birth and b.place_of_birth):
        return NOTHING
    x, y = place_keys(a.place_of_birth), place_keys(b.place_of_birth)
    if not (x and y):
        return NOTHING
    pair = f"{a.place_of_birth} ~ {b.place_of_birth}"
    if x & y:
        return Feature(1.0, f"place of birth: {pair} (a place in common)")
    return Feature(-0.5, f"place of birth: {pair} (no place in common)")


PERSON_FEATURES: Final[dict[str, FeatureFunction]] = {
    "names": names,
    "kunya_nisba": kunya_nisba,
    "father_son": father_son,
    "date_of_birth": date_of_birth,
    "sex": sex,
    "nationality": nationality,
    "documents": documents,
    "place_of_birth": place_of_birth,
}
