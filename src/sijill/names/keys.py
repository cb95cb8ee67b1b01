"""Keys that make spelling and script variants of a name collide (pure).

A word's key is its consonant skeleton after folding the letters that transliterations of
Arabic, Persian, Turkish and Russian names confuse:

=================  ======  =================================================
letters            key     because
=================  ======  =================================================
a e i o u, ou, ee  (none)  Arabic script does not write short vowels
y, w, v            y, w    kept only as consonants: word-initial, or w/v
                           before a, e, i ("Marwan", "Rizvan"); else vowels
q k c(a,o,u) ck    k       qaf/kaf: "Qadir", "Kadir", "Kader"; c also
                           keyed as j (Turkish: "Cemal" = "Jamal")
c(e,i,y)           s       "Yacine" (also keyed as j: "Cihad")
g gh               k       ghayn: "Ghassan", "Gassan"; plain g also keyed
                           as j (Egyptian jim: "Golani") and h (Russian:
                           "Magomed")
kh h               h       "Abdurakhman", "Abdurahman"
sh ch sch tch shch x       "Bashar", "Bachar"
j dj zh dzh        j       "Jamal", "Djamal", "Dzhamal"
th t               t       "Thabit", "Tabit"; th also keyed as s ("Osman")
dh d z             d       dhal, dad, za: "Ramadan", "Ramazan"; "Kadhim"
p b                b       Arabic has no p
ph f               f
doubled letters    single  "Muhammad", "Muhamad"
final h            (none)  taa marbuta and final ha: "Nusrah", "Nusra"
=================  ======  =================================================

The article is dropped, apostrophes (ayn, hamza) are dropped, Abd-compounds, laqabs and
"Allah" compounds are one key ("Abdulrahman" = "Abd al-Rahman" -> "bdrhmn"), and a kunya is
one key with its marker ("Abu Muhammad" -> "abu:mhmd"), so "Abu Muhammad al-Adnani" and
"Abu Muhammad al-Maqdisi" share only the kunya. Particles (ibn, bin, ould) give no key.

Beyond rigour: rigour's phonetic keys (``metaphone``, ``soundex``) are built for English
spelling and keep vowels at the start of a word ("Ahmad" A530, "Ahmed" A530, but "Omar"
O560 and "Umar" U560), and it has nothing for Arabic-script names (it does not transliterate
them). These keys are built on ``translit.to_latin`` and ``parse.parse_arabic_name``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Final

from sijill.names.normalise import tokens
from sijill.names.parse import Compound, NamePart, Role, parse_arabic_name

_NOT_LETTER: Final = re.compile(r"[^a-z0-9']+")
_OU_CONSONANT: Final = re.compile(r"^ou(?=[aeiou])|ou(?=[aei])")
# Digraphs, longest first; results are upper case so later steps leave them alone.
_DIGRAPHS: Final = (
    ("shch", "X"), ("dzh", "J"), ("sch", "X"), ("tch", "X"), ("sh", "X"), ("ch", "X"),
    ("zh", "J"), ("dj", "J"), ("kh", "H"), ("gh", "K"), ("ph", "F"), ("th", "Q"),
    ("dh", "D"), ("ck", "K"),
)  # fmt: skip
_W_CONSONANT: Final = re.compile(r"^w|w(?=[aei])")
_C_SOFT: Final = re.compile(r"c(?=[eiy])")
_SINGLE: Final = str.maketrans(
    {
        "a": ".", "e": ".", "i": ".", "o": ".", "u": ".", "y": ".", "w": ".", "'": ".",
        "q": "K", "k": "K", "c": "C", "g": "G", "z": "D", "d": "D", "p": "B", "b": "B",
        "x": "Z", "h": "H", "j": "J", "f": "F", "t": "T", "s": "S", "l": "L", "m": "M",
        "n": "N", "r": "R",
    }
)  # fmt: skip
_RUNS: Final = re.compile(r"(.)\1+")
_VOWELS: Final = frozenset("aeiou")
# Letters with more than one reading, the primary one first: plain g (G) is kaf/qaf, jim
# (Egyptian "Gamal") or ha (Russian "Magomed"); th (Q) is tha or, in Turkish, Persian and Urdu
# spellings, s ("Osman" = "Uthman"); c is k or s, or j in Turkish ("Cemal" = "Jamal").
_READINGS: Final = {
    "G": ("k", "j", "h"), "Q": ("t", "s"), "C": ("k", "j"), "V": ("s", "j"),
}  # fmt: skip
MAX_WORD_VARIANTS: Final = 6
MAX_KEY_LENGTH: Final = 64


def key_symbols(word: str) -> str:
    """The word as upper-case key letters, ``_READINGS`` unresolved, "." for a vowel."""
    if not (word.isascii() and word.isalnum()):
        word = _NOT_LETTER.sub("", word)
    word = word.replace("v", "w")
    if "ou" in word:
        word = _OU_CONSONANT.sub("w", word)
    for digraph, symbol in _DIGRAPHS:
        if digraph in word:
            word = word.replace(digraph, symbol)
    if word.startswith("y"):
        word = "Y" + word[1:]
    if "w" in word:
        word = _W_CONSONANT.sub("W", word)
    if "c" in word:
        word = _C_SOFT.sub("V", word)
    text = _RUNS.sub(r"\1", word.translate(_SINGLE)).replace("Z", "KS")
    return text[:-1] if text.endswith("H") and len(text) > 1 else text


def combinations(choices: Sequence[Sequence[str]]) -> list[tuple[str, ...]]:
    """Combinations of each word's keys, without the full product: the primary keys, each
    word's other keys with the rest primary, and the n-th keys of all words together
    ("Ibragim Guseynov": g read as h in both words)."""
    if not choices:
        return []
    primary = [keys[0] for keys in choices]
    combos = [tuple(primary)]
    for i, keys in enumerate(choices):
        combos.extend((*primary[:i], key, *primary[i + 1 :]) for key in keys[1:])
    for n in range(1, max(len(keys) for keys in choices)):
        combos.append(tuple(keys[min(n, len(keys) - 1)] for keys in choices))
    return list(dict.fromkeys(combos))


def _resolve(symbols: str) -> list[str]:
    """Every reading of the ambiguous letters, the primary reading first."""
    variants = [symbols]
    for symbol, readings in _READINGS.items():
        if symbol in symbols:
            variants = [v.replace(symbol, r) for v in variants for r in readings]
    return variants[:MAX_WORD_VARIANTS]


@lru_cache(maxsize=65536)
def word_keys(word: str) -> tuple[str, ...]:
    """Keys of one word of a name, the primary key first ("magomed" -> mkmd, mjmd, mhmd).

    An apostrophe (ayn, hamza, or a break between letters: "Is'haq") separates letters;
    the word read without it is a further key. Further keys: other readings of g, th and c, the
    word without a final "-at" ("Jabhat", taa marbuta before a genitive) and without a
    glued article ("Alsharaa").
    """
    word = word.lower().strip("'")
    readings = [key_symbols(word)]
    if "'" in word:
        word = word.replace("'", "")
        readings.append(key_symbols(word))
    keys = [key.lower() for symbols in readings for key in _resolve(symbols.replace(".", ""))]
    if len(word) > 3 and word.endswith(("at", "et")):
        keys.extend(word_keys(word[:-1]))
    if len(word) >= 6 and word.startswith(("al", "el")) and word[2] not in _VOWELS:
        keys.extend(word_keys(word[2:]))
    found = [key or word for key in dict.fromkeys(keys)]
    return tuple(dict.fromkeys(found))


def skeleton(word: str) -> str:
    """The primary key of one Latin word: "muhammad", "mohammed", "mhmd" -> "mhmd".

    Words in other scripts go through ``translit.to_latin`` first (``search_keys`` does).
    """
    return word_keys(word)[0]


@lru_cache(maxsize=65536)
def part_keys(part: NamePart) -> tuple[str, ...]:
    """Keys of one name part; a compound is one key ("abd-rahman" -> "bdrhmn")."""
    pieces = part.pieces
    if part.role is Role.KUNYA:
        marker, pieces = f"{pieces[0]}:", pieces[1:]
    else:
        marker = ""
    if part.compound is Compound.ABD and pieces[0] == "abd":
        marker, pieces = marker + "bd", pieces[1:]
    choices = [word_keys(piece) for piece in pieces]
    if len(choices) == 1 and not marker:
        keys = (key[:MAX_KEY_LENGTH] for key in choices[0])
    else:
        keys = ((marker + "".join(combo))[:MAX_KEY_LENGTH] for combo in combinations(choices))
    return tuple(dict.fromkeys(key for key in keys if key))


def _acronym_word(text: str) -> str | None:
    """ "#hts" for a query written "HTS"."""
    word = text.strip()
    if 2 <= len(word) <= 6 and word.isascii() and word.isalpha() and word.isupper():
        return "#" + word.lower()
    return None


def _acronym_of(parts: tuple[NamePart, ...]) -> str | None:
    """ "#hts" for "Hay'at Tahrir al-Sham": initials of three parts or more."""
    if len(parts) < 3:
        return None
    return "#" + "".join(part.form.lstrip("'")[:1] for part in parts)


@lru_cache(maxsize=16384)
def _search_key_groups(text: str) -> tuple[tuple[str, ...], ...]:
    groups = [keys for keys in map(part_keys, parse_arabic_name(text).parts) if keys]
    if not groups:  # a script with no Latin reading (Khmer, ...): its own words, marked
        groups = [(f"~{token}"[:MAX_KEY_LENGTH],) for token in tokens(text)]
    acronym = _acronym_word(text)
    if acronym and len(groups) == 1:
        groups[0] = (*groups[0], acronym)
    return tuple(dict.fromkeys(groups))


def search_key_groups(text: str) -> list[list[str]]:
    """The keys of a query, one group per part of the name: a name matches when it has a
    key from every group ("Abu Mohammad al-Golani" -> [["abu:mhmd"], ["kln", "jln", "hln"]]).

    Query with these, not with the flat ``search_keys``: a word's variant keys are
    alternatives, and "Jolani" (indexed "jln") must be found by "Golani".
    """
    return [list(group) for group in _search_key_groups(text)]


@lru_cache(maxsize=16384)
def _search_keys(text: str) -> tuple[str, ...]:
    keys = dict.fromkeys(key for group in _search_key_groups(text) for key in group)
    parts = parse_arabic_name(text).parts
    for part in parts:  # "Muhammad al-Jolani" finds "Abu Muhammad al-Jolani"
        if part.role is Role.KUNYA and len(part.pieces) > 1:
            bare = NamePart(part.form.partition("-")[2], Role.GIVEN, part.compound)
            keys.update(dict.fromkeys(part_keys(bare)))
    acronym = _acronym_of(parts)
    if acronym:
        keys[acronym] = None
    return tuple(keys)


def search_keys(text: str) -> list[str]:
    """Keys of a name for a token index (every variant), in name order, without repeats.

    A name matches a query when it holds a key of every group of ``search_key_groups``:
    "أحمد الشرع" and "Ahmed al-Shara'" both give ["hmd", "xr"]; "Мухаммад" and "Muhammad"
    give ["mhmd"]; "Abdulrahman" and "Abd al-Rahman" give ["bdrhmn"]. Names of three parts
    or more, and acronyms written in capitals, also give an acronym key ("#hts" for
    "Hay'at Tahrir al-Sham" and for "HTS"), and a kunya also gives the key of its name
    ("Abu Muhammad" -> "abu:mhmd" and "mhmd"). A name in a script with no Latin reading
    gives its normalised words marked with "~". Keys are at most 64 characters long.
    """
    return list(_search_keys(text))


def name_key(text: str) -> str:
    """The primary word keys sorted: "hmd xr" for "Ahmad al-Sharaa" and "SHARAA, Ahmad"."""
    per_part = (part_keys(part) for part in parse_arabic_name(text).parts)
    return " ".join(sorted(keys[0] for keys in per_part if keys))


@lru_cache(maxsize=16384)
def _whole_name_keys(text: str) -> frozenset[str]:
    per_part = [keys for keys in map(part_keys, parse_arabic_name(text).parts) if keys]
    if not per_part:
        return frozenset()
    combos = combinations(per_part)
    return frozenset(" ".join(sorted(combo)) for combo in combos)


def whole_name_keys(text: str) -> set[str]:
    """``name_key`` with the variant word keys too ("abu:mhmd jln", "abu:mhmd kln", ...)."""
    return set(_whole_name_keys(text))


@lru_cache(maxsize=16384)
def _name_keys(text: str) -> frozenset[str]:
    keys = set(_search_keys(text)) | _whole_name_keys(text)
    parsed = parse_arabic_name(text)
    if parsed.parts:
        keys.add("=" + parsed.order_free)
    return frozenset(keys)


def name_keys(text: str) -> set[str]:
    """Comparison and blocking keys of a whole name.

    The word keys (``search_keys``); the whole-name keys (``whole_name_keys``: word keys
    sorted and joined by spaces, "hmd xr" for "Ahmad al-Sharaa", "SHARAA, Ahmad" and
    "أحمد الشرع"); and the exact key: "=" and the canonical Latin parts sorted
    ("=ahmad sharaa"), equal only for names spelled alike.
    """
    return set(_name_keys(text))
