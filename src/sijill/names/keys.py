"""Keys that make spelling and script variants of a name collide (pure).

A word's key is its consonant skeleton after folding the letters that transliterations of
Arabic, Persian, Turkish and Russian names confuse:

=================  ======  =================================================
letters            key     because
=================  ======  =================================================
a e i o u, ou, ee  (none)  Arabic script does not write short vowels
y, w, v            y, w    kept only as consonants: word-initial, or w/v
                           before a, e, i ("Marwan", "Rizvan"); else vowels
q k c(a,o,u) ck    k       qaf/kaf: "Qadir", "Kadir", "Kader"
g gh               k       ghayn: "Ghassan", "Gassan"; plain g also keyed
                           as j (Egyptian jim: "Golani") and h (Russian:
                           "Magomed")
kh h               h       "Abdurakhman", "Abdurahman"
sh ch sch tch shch x       "Bashar", "Bachar"
j dj zh dzh        j       "Jamal", "Djamal", "Dzhamal"
th t               t       "Uthman", "Usman" keep apart (s); "Thabit", "Tabit"
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
from functools import lru_cache
from itertools import islice, product
from typing import Final

from sijill.names.parse import Compound, NamePart, Role, parse_arabic_name

_NOT_LETTER: Final = re.compile(r"[^a-z0-9']+")
_OU_CONSONANT: Final = re.compile(r"^ou(?=[aeiou])|ou(?=[aei])")
# Digraphs, longest first; results are upper case so later steps leave them alone.
_DIGRAPHS: Final = (
    ("shch", "X"), ("dzh", "J"), ("sch", "X"), ("tch", "X"), ("sh", "X"), ("ch", "X"),
    ("zh", "J"), ("dj", "J"), ("kh", "H"), ("gh", "K"), ("ph", "F"), ("th", "T"),
    ("dh", "D"), ("ck", "K"),
)  # fmt: skip
_Y_CONSONANT: Final = re.compile(r"^y(?=[aeiou])")
_W_CONSONANT: Final = re.compile(r"^w|w(?=[aei])")
_C_SOFT: Final = re.compile(r"c(?=[eiy])")
_SINGLE: Final = str.maketrans(
    {
        "a": ".", "e": ".", "i": ".", "o": ".", "u": ".", "y": ".", "w": ".", "'": ".",
        "q": "K", "k": "K", "c": "K", "g": "G", "z": "D", "d": "D", "p": "B", "b": "B",
        "x": "Z", "h": "H", "j": "J", "f": "F", "t": "T", "s": "S", "l": "L", "m": "M",
        "n": "N", "r": "R",
    }
)  # fmt: skip
_RUNS: Final = re.compile(r"(.)\1+")
_VOWELS: Final = frozenset("aeiou")
# Plain g: kaf/qaf in the primary key, then jim (Egyptian g) and ha (Russian g).
_G_READINGS: Final = ("k", "j", "h")
MAX_VARIANTS: Final = 4


def _symbols(word: str) -> str:
    """The word as upper-case key letters, with "G" unresolved and "." for a vowel."""
    word = _NOT_LETTER.sub("", word).replace("v", "w")
    if "ou" in word:
        word = _OU_CONSONANT.sub("w", word)
    for digraph, symbol in _DIGRAPHS:
        if digraph in word:
            word = word.replace(digraph, symbol)
    word = _Y_CONSONANT.sub("Y", word)
    word = _W_CONSONANT.sub("W", word)
    word = _C_SOFT.sub("S", word)
    text = _RUNS.sub(r"\1", word.translate(_SINGLE)).replace("Z", "KS")
    return text[:-1] if text.endswith("H") and len(text) > 1 else text


@lru_cache(maxsize=65536)
def word_keys(word: str) -> tuple[str, ...]:
    """Keys of one word of a name, the primary key first ("magomed" -> mkmd, mjmd, mhmd).

    An apostrophe (ayn, hamza, or a break between letters: "Is'haq") separates letters;
    the word read without it is a further key. Further keys: the plain-g readings, the
    word without a final "-at" ("Jabhat", taa marbuta before a genitive) and without a
    glued article ("Alsharaa").
    """
    word = word.lower().strip("'")
    readings = [_symbols(word)]
    if "'" in word:
        word = word.replace("'", "")
        readings.append(_symbols(word))
    keys: list[str] = []
    for symbols in readings:
        bare = symbols.replace(".", "")
        if "G" in bare:
            keys.extend(bare.replace("G", reading) for reading in _G_READINGS)
        else:
            keys.append(bare)
    keys = [key.lower() for key in keys]
    if len(word) > 3 and word.endswith(("at", "et")):
        keys.extend(word_keys(word[:-1]))
    if len(word) >= 6 and word.startswith(("al", "el")) and word[2] not in _VOWELS:
        keys.extend(word_keys(word[2:]))
    found = [key or word for key in dict.fromkeys(keys)]
    return tuple(dict.fromkeys(found))


def skeleton(word: str) -> str:
    """The primary key of one word: "Muhammad", "Mohammed", "محمد" -> "mhmd"."""
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
    combos = islice(product(*choices), MAX_VARIANTS)
    return tuple(dict.fromkeys(marker + "".join(combo) for combo in combos))


def acronym_key(text: str, parts: tuple[NamePart, ...]) -> str | None:
    """ "#hts" for "Hay'at Tahrir al-Sham" (three parts or more) and for "HTS" as written."""
    word = text.strip()
    if 2 <= len(word) <= 6 and word.isascii() and word.isalpha() and word.isupper():
        return "#" + word.lower()
    if len(parts) >= 3:
        return "#" + "".join(part.form.lstrip("'")[:1] for part in parts)
    return None


@lru_cache(maxsize=16384)
def _search_keys(text: str) -> tuple[str, ...]:
    parts = parse_arabic_name(text).parts
    keys: dict[str, None] = {}
    for part in parts:
        keys.update(dict.fromkeys(part_keys(part)))
    acronym = acronym_key(text, parts)
    if acronym:
        keys[acronym] = None
    return tuple(keys)


def search_keys(text: str) -> list[str]:
    """Keys of the words of a name for a token index, in name order, without repeats.

    A name matches a query when they share keys: "أحمد الشرع" and "Ahmed al-Shara'" both give
    ["hmd", "xr"]; "Мухаммад" and "Muhammad" give ["mhmd"]; "Abdulrahman" and "Abd al-Rahman"
    give ["bdrhmn"]. Names of three parts or more, and acronyms written in capitals, also
    give an acronym key ("#hts" for "Hay'at Tahrir al-Sham" and for "HTS").
    """
    return list(_search_keys(text))


@lru_cache(maxsize=16384)
def _name_keys(text: str) -> frozenset[str]:
    parsed = parse_arabic_name(text)
    per_part = [part_keys(part) for part in parsed.parts]
    keys = set(_search_keys(text))
    if per_part:
        for combo in islice(product(*per_part), MAX_VARIANTS * 2):
            keys.add(" ".join(sorted(combo)))
        keys.add("=" + parsed.order_free)
    return frozenset(keys)


def name_keys(text: str) -> set[str]:
    """Comparison and blocking keys of a whole name.

    The word keys (as ``search_keys``, with every variant); the name key: the word keys
    sorted and joined by spaces ("hmd xr" for "Ahmad al-Sharaa", "SHARAA, Ahmad" and
    "أحمد الشرع"); and the exact key: "=" and the canonical Latin parts sorted
    ("=ahmad sharaa"), equal only for names spelled alike.
    """
    return set(_name_keys(text))
