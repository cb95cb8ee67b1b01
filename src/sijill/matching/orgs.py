"""An organisation's name put in one spelling before its words are compared (pure).

- Legal forms in rigour's canonical spelling (``extract_org_types``: "Limited Liability
  Company" = "LLC" = "llc", "OAO" = "Open Joint Stock Company" = "jsc"), whole words only
  (the "at" of "Hay'at" is not a legal form).
- Common abbreviations written out ("Corp." = "Corporation", "Int'l" = "International").
- Numbers as digits, from rigour's ordinals in many languages ("Forty-Four" = "44",
  "First" = "1st" = "1").
- Letters written with dots joined ("A.B.C." = "ABC", "P.T." = "PT").
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from rigour._core import ordinals_dict
from rigour.names import extract_org_types

# Words that say what kind of body it is, not which one: they weigh little and never conflict.
FORM_WORDS: Final = frozenset(
    {"company", "corporation", "incorporated", "limited", "co", "corp", "inc", "ltd", "plc",
     "llc", "jsc", "gmbh", "ag", "sa", "bv", "nv", "lp", "llp", "srl", "spa", "ab", "as",
     "oy", "kg", "pte", "pty", "sas", "sarl", "ooo", "ao", "oao", "zao", "pao", "pt", "tbk",
     "group", "holding", "holdings", "brigade", "brigades", "battalion", "regiment",
     "organisation", "organization", "movement", "network"}
)  # fmt: skip
ABBREVIATIONS: Final[dict[str, str]] = {
    "corp": "corporation", "co": "company", "intl": "international", "int'l": "international",
    "natl": "national", "nat'l": "national", "bros": "brothers", "mfg": "manufacturing",
    "assn": "association", "dept": "department", "univ": "university", "&": "and",
}  # fmt: skip
_DOTTED: Final = re.compile(r"(?<![\w'])((?:[^\W\d_]\.\s?){2,}[^\W\d_]?)(?![\w'])")
_TOKEN: Final = re.compile(r"[^\s\-]+|[\s\-]+")
_PUNCT: Final = '.,;:()"“”«»'
MAX_NUMBER_WORDS: Final = 3
MIN_INNER_FORM: Final = 4
_EDGE: Final = ' ,.;:()"-'


@cache
def _number_phrases() -> dict[tuple[str, ...], str]:
    """ "forty four" -> "44", "1st" -> "1", from rigour's ordinals (1 to 100)."""
    phrases: dict[tuple[str, ...], str] = {}
    for number, variants in ordinals_dict().items():
        for variant in variants:
            words = tuple(variant.casefold().replace("-", " ").strip(_PUNCT).split())
            if words and len(words) <= MAX_NUMBER_WORDS and all(w.isalnum() for w in words):
                phrases[words] = str(number)
    for number in range(101):
        phrases[(str(number),)] = str(number)
    return phrases


def _join_dotted(text: str) -> str:
    return _DOTTED.sub(lambda m: m.group(1).replace(".", "").replace(" ", "") + " ", text)


def _legal_forms(text: str) -> tuple[str, frozenset[str]]:
    """Legal forms of four letters or more anywhere; shorter ones ("AG", "in", "II") only
    first or last, where a legal form is written."""
    legal: set[str] = set()
    for written, canonical in extract_org_types(text, generic=True):
        whole = re.compile(rf"(?<![\w'’]){re.escape(written)}(?![\w'’])")
        found = whole.search(text)
        if found is None:
            continue
        if len(written) < MIN_INNER_FORM:
            before, after = text[: found.start()], text[found.end() :]
            if before.strip(_EDGE) and after.strip(_EDGE):
                continue  # inside the name
            if before[-1:].strip(_EDGE) or after[:1].strip(_EDGE):
                continue  # glued to a sign: "AT&T"
        text = text[: found.start()] + f" {canonical} " + text[found.end() :]
        legal.add(canonical.replace(" ", ""))
    return text, frozenset(legal)


def _words(text: str) -> list[str]:
    return [t.strip(_PUNCT) for t in _TOKEN.findall(text) if t.strip() and t.strip(" -")]


def _rewrite_words(words: list[str]) -> list[str]:
    """Abbreviations written out and number words as digits."""
    phrases = _number_phrases()
    out: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(MAX_NUMBER_WORDS, len(words) - i), 0, -1):
            number = phrases.get(tuple(w.casefold() for w in words[i : i + size]))
            if number is not None:
                out.append(number)
                i += size
                break
        else:
            out.append(ABBREVIATIONS.get(words[i].casefold().replace("’", "'"), words[i]))
            i += 1
    return out


def org_text(text: str) -> tuple[str, frozenset[str]]:
    """The name rewritten for comparison, and the legal forms found in it."""
    text, legal = _legal_forms(_join_dotted(text))
    return " ".join(_rewrite_words(_words(text))), legal | FORM_WORDS
