"""Comparing two names word by word, in any order and any script (pure).

Words are paired in two passes:

1. By key: words with a shared ``names.keys`` key and compatible shapes (see ``words``) are
   one name spelled or scripted two ways; a kunya pairs with a kunya of the same marker and
   name; an initial pairs with a word it begins.
2. The rest by edit distance with rigour's ``compare_parts`` (the residue scorer of
   nomenklatura's logic-v2): typos, joined or split words ("Ramimakhlouf"). A word left over
   on both sides is a *conflict* (two different names in one place: "Andrei" and "Alexei");
   a word left over on one side is an *extra* (a middle name one source omits).

The score is the weighted agreement of the paired words, extras counting a little against
it; a conflict lowers it further, and so does a person's name that agrees on one word only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Final

from rapidfuzz.distance import OSA, Indel, Levenshtein
from rigour.names import NamePart as RigourPart
from rigour.names import compare_parts

from sijill.matching.pairs import (
    CONFLICT_BELOW,
    SAME,
    TRANSLIT,
    VARIANT,
    NameComparison,
    WordPair,
)
from sijill.matching.vowels import compatible_shapes, diphthong_clash
from sijill.matching.words import Kind, PreparedName, Word, Writing, prepare_name

# Agreement of a pair of words, 0..1 (see ``pairs``: under 0.4 a conflict, from 0.75 agreeing).
TYPO_AGREEMENT: Final = 0.6  # one edit or swap apart ("Merkle", "Merkel")
TYPO_MIN_LENGTH: Final = 4  # ...in words of this many letters or more
ABD_OMITTED: Final = 0.75  # "Abdul Hanif" and "Hanif": "Abdul" is often written apart
RESIDUE_FACTOR: Final = 0.85  # edit distance's score, times this: a typo, not a variant
LITERAL_FACTOR: Final = 0.6  # ...times this for a romanised syllable script (a syllable)
CLOSE_ENOUGH: Final = 0.5  # words less alike than this are never paired by edit distance
# Score of a name pair.
EXTRA_WEIGHT: Final = {False: 0.3, True: 0.8}  # share of an extra word's weight: person
# (or legal form, particle) / organisation's naming word ("Banco Santander Chile")
CONFLICT_FACTOR: Final = 0.7  # two different names in one place
SINGLE_WORD_FACTOR: Final = 0.8  # a person's names agree on one word, the rest extras
ORG_EXTRA_FACTOR: Final = 0.8  # an organisation's naming word on one side only
ORG_LEGAL_FACTOR: Final = 0.85  # two legal forms that differ ("AG", "GmbH")
INITIALS_ONLY_CAP: Final = 0.5  # nothing but initials or legal forms agree
ACRONYM_SCORE: Final = 0.9
MAX_ACRONYM: Final = 6
_WORD: Final = re.compile(r"[^\W\d_]{2}")  # a name written the same way needs a word
_COMPOUNDS: Final = frozenset({Kind.ABD, Kind.KUNYA})
_NAMING: Final = frozenset({Kind.WORD, Kind.ABD, Kind.KUNYA, Kind.NUMBER})
_CAN_CONFLICT: Final = _NAMING | {Kind.INITIAL}


def _shape_variant(x: Word, y: Word) -> bool:
    """Words whose shapes differ by a final silent "e" ("Scholz", "Scholze"), a final ayn
    ("Sharaa", "Shar'") or a vowel breaking the last two consonants ("Fazl", "Fazal").
    Other final vowels make another name: "Aziz" and "Azizi" (a nisba), "Karim", "Karima"."""
    (short, _), (long_, long_flat) = sorted(((x.shape, x.flat), (y.shape, y.flat)), key=len)
    if len(long_) != len(short) + 1:
        return False
    if long_ == short + "V":  # a silent "e", or a doubled vowel for a final ayn ("Sharaa")
        return long_flat.endswith(("e", "aa", "ee", "ii", "oo", "uu"))
    return long_.endswith("CVC") and long_[:-3] + "CC" == short


def _same_core(x: Word, y: Word, cx: str, cy: str) -> tuple[float, str] | None:
    """How far two words (or their cores) are one name: None when they share no key."""
    bare_x, bare_y = cx.replace("'", ""), cy.replace("'", "")
    if bare_x == bare_y:
        return 1.0, SAME
    if Writing.LITERAL in (x.writing, y.writing) or not (x.core_keys & y.core_keys):
        return None
    if x.defective != y.defective:
        d, f = (x, y) if x.defective else (y, x)
        fits = compatible_shapes(d.shape, f.shape, d.slots, f.slots)
        return (1.0, TRANSLIT) if fits else (0.35, "other vowels")
    if x.shape == y.shape:
        clash = not x.defective and diphthong_clash(x.slots, y.slots)
        return (0.35, "other vowels") if clash else (1.0, TRANSLIT)
    if x.defective:
        return 0.35, "other long vowels"
    if _shape_variant(x, y):
        return 0.8, VARIANT
    if min(len(bare_x), len(bare_y)) >= TYPO_MIN_LENGTH and OSA.distance(bare_x, bare_y) <= 1:
        return TYPO_AGREEMENT, "one letter apart"
    return 0.35, "same consonants, other vowels"


def key_agreement(x: Word, y: Word) -> tuple[float, str] | None:
    """Agreement of two words paired by key, or None to leave them to edit distance."""
    if Kind.INITIAL in (x.kind, y.kind) or Kind.NUMBER in (x.kind, y.kind):
        if x.flat == y.flat:
            return 1.0, SAME
        if x.kind is Kind.NUMBER or y.kind is Kind.NUMBER or x.kind is y.kind:
            return None
        return (0.8, "initial") if x.flat[0] == y.flat[0] else None
    if x.kind is Kind.KUNYA and y.kind is Kind.KUNYA:
        return _same_core(x, y, x.core, y.core) if x.marker == y.marker else None
    if Kind.KUNYA in (x.kind, y.kind):
        found = _same_core(x, y, x.core, y.core)
        return (0.5, "a kunya and a name") if found and found[0] >= 1.0 else None
    if x.kind is Kind.ABD and y.kind is Kind.ABD:
        return _same_core(x, y, x.core, y.core)
    if Kind.ABD in (x.kind, y.kind) and Kind.LEGAL not in (x.kind, y.kind):
        abd, other = (x, y) if x.kind is Kind.ABD else (y, x)
        found = _same_core(abd, other, abd.core, other.flat)
        if found and found[0] >= 1.0:
            return ABD_OMITTED, "with and without Abd"
    if x.keys & y.keys or x.flat == y.flat:
        return _same_core(x, y, x.flat, y.flat)
    return None


def _pair_by_keys(
    xs: Sequence[Word], ys: Sequence[Word]
) -> tuple[list[WordPair], list[Word], list[Word]]:
    found = []
    for i, x in enumerate(xs):
        for j, y in enumerate(ys):
            paired = key_agreement(x, y)
            if paired is not None:
                closeness = Levenshtein.normalized_similarity(x.flat, y.flat)
                found.append((paired[0], closeness, i, j, paired[1]))
    found.sort(reverse=True)
    pairs: list[WordPair] = []
    used_x: set[int] = set()
    used_y: set[int] = set()
    for agreement, _, i, j, how in found:
        if i not in used_x and j not in used_y:
            used_x.add(i)
            used_y.add(j)
            pairs.append(WordPair.of((xs[i],), (ys[j],), agreement, how))
    rest_x = [x for i, x in enumerate(xs) if i not in used_x]
    rest_y = [y for j, y in enumerate(ys) if j not in used_y]
    return pairs, rest_x, rest_y


def _residue(xs: Sequence[Word], ys: Sequence[Word]) -> list[WordPair]:
    """Words no key paired, paired by edit distance; leftovers on both sides conflict."""
    if not xs or not ys:
        return [WordPair.of((w,), (), 0.0, "not in the other name") for w in (*xs, *ys)]
    keys = any(w.defective for w in (*xs, *ys))  # no short vowels: compare the keys
    forms_x = [_residue_form(w, keys) for w in xs]
    forms_y = [_residue_form(w, keys) for w in ys]
    if not _may_be_close(forms_x, forms_y):
        return _conflicts(list(xs), list(ys))
    qry = [_rigour_part(form, i) for i, form in enumerate(forms_x)]
    res = [_rigour_part(form, i) for i, form in enumerate(forms_y)]
    pairs: list[WordPair] = []
    only_x: list[Word] = []
    only_y: list[Word] = []
    for al in compare_parts(qry, res):
        a = tuple(xs[p.index] for p in al.qps)
        b = tuple(ys[p.index] for p in al.rps)
        score = _cluster_score(a, b, al.score)
        if a and b and score > 0:
            factor = LITERAL_FACTOR if _literal(a + b) else RESIDUE_FACTOR
            pairs.append(WordPair.of(a, b, score * factor, f"similar, {score:.2f}"))
        else:
            only_x.extend(a)
            only_y.extend(b)
    return pairs + _conflicts(only_x, only_y)


def _may_be_close(xs: list[str], ys: list[str]) -> bool:
    """Whether edit distance could pair any of these words: two words not far apart, or one
    inside the other (joined words: "Ramimakhlouf"). Saves the call for most non-matches."""
    for x in xs:
        for y in ys:
            if x in y or y in x or Indel.normalized_similarity(x, y) >= CLOSE_ENOUGH:
                return True
    return False


def _cluster_score(a: tuple[Word, ...], b: tuple[Word, ...], score: float) -> float:
    """Two compounds of one kind ("Abd al-Kadir", "Abd al-Karim") are compared on what
    tells them apart, not on the "Abd" they share."""
    if len(a) == len(b) == 1 and a[0].kind is b[0].kind and a[0].kind in _COMPOUNDS:
        if a[0].marker != b[0].marker:
            return 0.0  # "Abu Hassan", "Umm Hassan": a father and a mother
        found = compare_parts([_rigour_part(a[0].flat_core, 0)], [_rigour_part(b[0].flat_core, 0)])
        return max((al.score for al in found if al.qps and al.rps), default=0.0)
    return score


def _literal(words: tuple[Word, ...]) -> bool:
    return any(w.writing is Writing.LITERAL for w in words)


@lru_cache(maxsize=65536)
def _rigour_part(form: str, index: int) -> RigourPart:
    return RigourPart(form, index, phonetics=False)


def _residue_form(word: Word, keys: bool) -> str:
    """What edit distance compares: the word, or its shortest key when a side was written
    without short vowels."""
    return min(word.keys, key=len) if keys and word.keys else word.flat


def _conflicts(xs: list[Word], ys: list[Word]) -> list[WordPair]:
    """Words left on both sides, in order, are different names in one place, unless one
    letter apart ("Mortars", "Motors": edit distance's budget refuses short words)."""
    cx = [w for w in xs if w.kind in _CAN_CONFLICT]
    cy = [w for w in ys if w.kind in _CAN_CONFLICT]
    pairs = [_typo_or_conflict(x, y) for x, y in _closest(cx, cy)]
    paired = {id(w) for p in pairs for w in p.a + p.b}
    side_a = {id(w) for w in xs}
    pairs.extend(
        WordPair.of((w,), (), 0.0, "not in the other name")
        if id(w) in side_a
        else WordPair.of((), (w,), 0.0, "not in the other name")
        for w in (*xs, *ys)
        if id(w) not in paired
    )
    return pairs


def _closest(xs: list[Word], ys: list[Word]) -> list[tuple[Word, Word]]:
    """Leftover words paired closest first (by edit distance), then in order."""
    found = sorted(
        ((OSA.distance(x.flat, y.flat), i, j) for i, x in enumerate(xs) for j, y in enumerate(ys)),
    )
    used_x: set[int] = set()
    used_y: set[int] = set()
    out: list[tuple[Word, Word]] = []
    for _, i, j in found:
        if i not in used_x and j not in used_y:
            used_x.add(i)
            used_y.add(j)
            out.append((xs[i], ys[j]))
    return out


def _typo_or_conflict(x: Word, y: Word) -> WordPair:
    plain = x.writing is y.writing is Writing.FULL
    long_enough = min(len(x.flat), len(y.flat)) >= TYPO_MIN_LENGTH
    if plain and long_enough and OSA.distance(x.flat, y.flat) <= 1:
        return WordPair.of((x,), (y,), TYPO_AGREEMENT, "one letter apart")
    return WordPair.of((x,), (y,), 0.0, "different")


def _score(pairs: Sequence[WordPair], a: PreparedName, b: PreparedName) -> tuple[float, str]:
    num = sum(p.weight * p.agreement for p in pairs if not p.extra)
    den = sum(p.weight for p in pairs if not p.extra)
    den += sum(EXTRA_WEIGHT[a.org and _named(p)] * p.weight for p in pairs if p.extra)
    score = num / den if den else 0.0
    note = ""
    if any(p.conflict for p in pairs):
        score *= CONFLICT_FACTOR
    paired = [p for p in pairs if not p.extra]
    if not a.org and len(paired) == 1 and len(pairs) > 1 and paired[0].agrees:
        score *= SINGLE_WORD_FACTOR
        note = "one word in common"
    if a.org:
        score *= _org_factor(pairs)
    if any(p.agrees for p in paired) and not any(
        p.agreement >= CONFLICT_BELOW and _named(p) for p in paired
    ):
        score = min(score, INITIALS_ONLY_CAP)
        note = "only initials or legal forms in common"
    return min(1.0, score), note


def _org_factor(pairs: Sequence[WordPair]) -> float:
    """Organisations: a naming word on one side only ("Banco Santander" and "Banco Santander
    Chile"), or two legal forms that differ ("AG", "GmbH"), are two bodies more often than
    one written two ways."""
    factor = ORG_EXTRA_FACTOR if any(p.extra and _named(p) for p in pairs) else 1.0
    legal_a = any(w.kind is Kind.LEGAL for p in pairs if p.extra for w in p.a)
    legal_b = any(w.kind is Kind.LEGAL for p in pairs if p.extra for w in p.b)
    return factor * (ORG_LEGAL_FACTOR if legal_a and legal_b else 1.0)


def _named(pair: WordPair) -> bool:
    """A pair, or an extra, of words that name (not initials, particles, legal forms)."""
    a = any(w.kind in _NAMING for w in pair.a)
    b = any(w.kind in _NAMING for w in pair.b)
    return (a or b) if pair.extra else (a and b)


def _acronym(a: PreparedName, b: PreparedName) -> NameComparison | None:
    """ "HTS" for "Hay'at Tahrir al-Sham": one short word, the initials of the other name."""
    for short, long_ in ((a, b), (b, a)):
        naming = [w for w in short.words if w.kind in (Kind.WORD, Kind.ABD)]
        if len(naming) != 1 or len(long_.words) < 2:
            continue
        if 2 <= len(naming[0].flat) <= MAX_ACRONYM and naming[0].flat in long_.acronyms:
            return NameComparison(a, b, ACRONYM_SCORE, (), f"{naming[0].form}: acronym")
    return None


def compare_prepared(a: PreparedName, b: PreparedName) -> NameComparison:
    """Two prepared names compared word by word; a name written the same way (after
    normalisation) on both sides is the same name, whatever its words (initials aside)."""
    if a.written == b.written and _WORD.search(a.written):
        same = tuple(WordPair.of((w,), (w,), 1.0, SAME) for w in a.words)
        return NameComparison(a, b, 1.0, same, "written the same")
    pairs, rest_a, rest_b = _pair_by_keys(a.words, b.words)
    pairs.extend(_residue(rest_a, rest_b))
    score, note = _score(pairs, a, b)
    found = NameComparison(a, b, score, tuple(pairs), note)
    acronym = _acronym(a, b) if a.org else None
    return acronym if acronym is not None and acronym.score > found.score else found


@lru_cache(maxsize=65536)
def compare_names(a: str, b: str, org: bool = False) -> NameComparison:
    """Two names (any script, any order) compared: ``.score`` in [0, 1], ``.describe()``.
    Symmetric: the names are compared in one order whichever side each is on."""
    if b < a:
        return compare_names(b, a, org).swapped()
    return compare_prepared(prepare_name(a, org), prepare_name(b, org))


@lru_cache(maxsize=16384)
def best_pair(names_a: tuple[str, ...], names_b: tuple[str, ...], org: bool) -> NameComparison:
    """The best-scoring pair among all names and aliases of both sides (ties: the pair
    that agrees on more words, then the first in text order, so the result is symmetric)."""
    found = [compare_names(a, b, org) for a in names_a for b in names_b]
    if not found:
        raise ValueError("a name is needed on both sides")
    return min(found, key=lambda c: (-c.score, -c.agreeing, sorted((c.a.text, c.b.text))))
