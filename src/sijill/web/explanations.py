"""The matching engine's explanations in the reader's language.

The engine (``sijill.matching``, pure) writes each explanation line in English, and the lines
are kept as written: screening hits, duplicate checks and deduplication pairs store them. A
page shows them translated: the engine's fixed phrases are looked up in the catalog, and what
lies between them (names as written and as compared, dates, scores, country codes) is left
exactly as it is. The names compared in a ``name`` line and the places of a ``place of
birth`` line are never touched, whatever words they contain. A phrase the catalog does not
know stays in English.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Final


def phrase(text: str) -> str:
    """Marks a fixed phrase of the engine for the catalog (``babel.cfg`` extracts it)."""
    return text


# Every fixed phrase of sijill.matching's explanations (features.py, pairs.py, align.py).
PHRASES: Final = (
    phrase("name: missing on a side"),
    phrase("kunya"),
    phrase("given name"),
    phrase("middle name"),
    phrase("family name"),
    phrase("nasab"),
    phrase("nisba"),
    phrase("word"),
    phrase("same"),
    phrase("same after transliteration"),
    phrase("spelling variant"),
    phrase("other vowels"),
    phrase("other long vowels"),
    phrase("one letter apart"),
    phrase("same consonants, other vowels"),
    phrase("initial"),
    phrase("a kunya and a name"),
    phrase("with and without Abd"),
    phrase("not in the other name"),
    phrase("different"),
    phrase("written the same"),
    phrase("acronym"),
    phrase("similar"),
    phrase("one word in common"),
    phrase("only initials or legal forms in common"),
    phrase("same kunya"),
    phrase("other nisba"),
    phrase("given name on one side"),
    phrase("father's name (nasab) on the other"),
    phrase("middle name on the other"),
    phrase("father and son?"),
    phrase("one family name"),
    phrase("different given names"),
    phrase("relatives?"),
    phrase("and"),
    phrase("date of birth"),
    phrase("within"),
    phrase("about the same year"),
    phrase("years apart"),
    phrase("year apart"),
    phrase("same year"),
    phrase("within the same year"),
    phrase("day and month swapped?"),
    phrase("other month"),
    phrase("same month"),
    phrase("within the same month"),
    phrase("same day"),
    phrase("other day"),
    phrase("sex"),
    phrase("on both"),
    phrase("nationality"),
    phrase("document number"),
    phrase("document numbers"),
    phrase("none in common"),
    phrase("a place in common"),
    phrase("no place in common"),
)
NAME: Final = phrase("name")
PLACE: Final = phrase("place of birth")
NAME_LINE: Final = re.compile(r"name (?P<score>[0-9.]+): (?P<names>.+? ~ .+?): (?P<rest>.*)", re.S)
PLACE_LINE: Final = re.compile(
    r"place of birth: (?P<places>.+?) \((?P<how>[^()]+)\)(?P<rest>.*)", re.S
)


@cache
def _pattern() -> re.Pattern[str]:
    """One alternation of the phrases, longest first, each a whole run of words."""
    ordered = sorted(PHRASES, key=len, reverse=True)
    words = "|".join(re.escape(p) for p in ordered)
    return re.compile(rf"(?<![\w'’-])(?:{words})(?![\w'’-])")


def translate_line(line: str, gettext: Callable[[str], str]) -> str:
    """One explanation line with the engine's phrases translated by ``gettext``."""
    if found := NAME_LINE.fullmatch(line):
        rest = _phrases(found["rest"], gettext)
        return f"{gettext(NAME)} {found['score']}: {found['names']}: {rest}"
    if found := PLACE_LINE.fullmatch(line):
        how = _phrases(found["how"], gettext)
        return f"{gettext(PLACE)}: {found['places']} ({how}){found['rest']}"
    return _phrases(line, gettext)


def _phrases(text: str, gettext: Callable[[str], str]) -> str:
    return _pattern().sub(lambda m: gettext(m.group()), text)
