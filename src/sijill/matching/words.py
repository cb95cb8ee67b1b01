"""A name made ready for comparison: its words, their keys, shapes and weights (pure).

A person's name is read with ``names.parse.parse_arabic_name`` (any script, any order: kunya,
given name, nasab, family name, nisba, Abd-compounds and laqabs as one word each). An
organisation's name is first put in one spelling (``orgs``: legal forms, abbreviations,
numbers), and its legal form and joining words ("of", "and") weigh little.

Each word carries ``names.keys`` keys (spelling and script variants collide) and its vowels
(``vowels``: a *shape* of consonants and vowel slots, and the letters in each slot). Two
words with one key and one shape are one name written two ways ("Sulayman" = "Suleiman");
one key and two shapes are usually two names ("Suleiman" and "Salman" are both "slmn"). A
word from Arabic or Hebrew script is *defective*: the script does not write short vowels.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Final

from sijill.matching.orgs import org_text
from sijill.matching.vowels import shape
from sijill.matching.vowels import slots as vowel_slots
from sijill.names.keys import part_keys, word_keys
from sijill.names.normalise import normalise
from sijill.names.parse import Compound, NamePart, Role, parse_arabic_name
from sijill.names.scripts import char_script
from sijill.names.translit import to_latin


class Writing(StrEnum):
    FULL = "full"  # Latin, Cyrillic, Greek: vowels written
    DEFECTIVE = "defective"  # Arabic, Hebrew: short vowels not written
    LITERAL = "literal"  # romanised from a script the keys are not made for: compared as is


class Kind(StrEnum):
    WORD = "word"
    KUNYA = "kunya"
    ABD = "abd"
    INITIAL = "initial"
    NUMBER = "number"
    PARTICLE = "particle"
    LEGAL = "legal form"


WEIGHTS: Final[dict[Kind, float]] = {
    Kind.WORD: 1.0, Kind.KUNYA: 1.0, Kind.ABD: 1.0, Kind.INITIAL: 0.3,
    Kind.NUMBER: 0.6, Kind.PARTICLE: 0.2, Kind.LEGAL: 0.25,
}  # fmt: skip
SHORT_WORD_WEIGHT: Final = 0.6  # a word of one or two letters ("al", "un", "ji")
# Words that join a name without naming anything (Western particles, org joining words).
PARTICLES: Final = frozenset(
    {"de", "da", "do", "dos", "das", "di", "del", "della", "du", "des", "van", "von", "der",
     "den", "la", "le", "of", "the", "and", "for", "in", "on", "at", "et", "und", "y", "e"}
)  # fmt: skip
_HEBREW: Final = range(0x0590, 0x0600)


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a prepared name. ``form`` is canonical Latin ("abd-rahman"); ``core`` is
    the part that tells it apart ("rahman"; "muhammad" for the kunya "abu-muhammad")."""

    form: str
    role: Role
    kind: Kind
    core: str
    marker: str  # "abu"/"umm" for a kunya, "" otherwise
    keys: frozenset[str]
    core_keys: frozenset[str]
    shape: str
    slots: tuple[str, ...]  # the vowel letters of each slot of the shape (see ``vowels``)
    writing: Writing
    weight: float
    flat: str  # the form without hyphens and apostrophes: "abdrahman"
    flat_core: str

    @property
    def defective(self) -> bool:
        return self.writing is Writing.DEFECTIVE


@dataclass(frozen=True, slots=True)
class PreparedName:
    """A name as written and its words in reading order."""

    text: str
    words: tuple[Word, ...]
    org: bool
    written: str  # the text normalised (case, marks, letter variants), script kept

    @property
    def acronyms(self) -> frozenset[str]:
        """Initials of the naming words, of their parts too: "hts" for "Hay'at Tahrir
        al-Sham", "hnz" and "hndz" for "Harakat Nour al-Din al-Zenki"."""
        naming = [w for w in self.words if w.kind in (Kind.WORD, Kind.ABD, Kind.KUNYA)]
        by_word = "".join(w.flat[:1] for w in naming)
        by_part = "".join(p.strip("'")[:1] for w in naming for p in w.form.split("-"))
        return frozenset({by_word, by_part})


def _writing(text: str) -> Writing:
    """How the name's script writes it: Arabic and Hebrew without short vowels; scripts the
    keys are not made for (Hangul, Han, Kana, Thai, ...) through a romanisation only."""
    scripts = {char_script(ch) for ch in text if ch.isalpha()}
    if "Arabic" in scripts or any(ord(ch) in _HEBREW for ch in text):
        return Writing.DEFECTIVE
    return Writing.LITERAL if "Other" in scripts else Writing.FULL


def _kind(part: NamePart, legal: frozenset[str]) -> Kind:
    flat = part.form.replace("-", "").replace("'", "")
    if part.role is Role.KUNYA:
        return Kind.KUNYA
    if part.compound is Compound.ABD:
        return Kind.ABD
    if flat in legal:
        return Kind.LEGAL
    if flat.isdigit():
        return Kind.NUMBER
    if flat in PARTICLES:
        return Kind.PARTICLE
    if len(flat) == 1:
        return Kind.INITIAL
    return Kind.WORD


def _shape(core: str, writing: Writing, initial: frozenset[str]) -> str:
    if not core:
        return ""
    found = shape(core, writing is Writing.DEFECTIVE)
    if writing is Writing.DEFECTIVE and core in initial and not found.startswith("V"):
        return "V" + found
    return found


def _vowel_initial(text: str) -> frozenset[str]:
    """Words of an Arabic-script name that start with a vowel letter, an ayn or a hamza:
    parsing drops a first apostrophe ("'mr" for عمر becomes "mr"), the shape needs it."""
    pieces = (p for token in to_latin(text).split() for p in token.split("-"))
    return frozenset(p.strip("'") for p in pieces if p[:1] in "'aeiou" and p.strip("'"))


def _word(part: NamePart, writing: Writing, legal: frozenset[str], initial: frozenset[str]) -> Word:
    kind = _kind(part, legal)
    pieces = part.pieces
    marker = pieces[0] if kind is Kind.KUNYA else ""
    core_pieces = pieces[1:] if kind in (Kind.KUNYA, Kind.ABD) and len(pieces) > 1 else pieces
    core = "".join(core_pieces)
    flat_core = core.replace("'", "")
    word_shape = _shape(core, writing, initial)
    # Arabic writes a final ha that Latin follows with a vowel ("طه", "Taha"); the keys drop a
    # final h (taa marbuta: "Nusrah" = "Nusra"), so the word is also keyed with the vowel.
    final_ha: frozenset[str] = frozenset()
    if writing is Writing.DEFECTIVE and kind is Kind.WORD and flat_core.endswith("h"):
        final_ha = frozenset(word_keys(core + "a"))
    weight = WEIGHTS[kind] * (SHORT_WORD_WEIGHT if len(flat_core) <= 2 and kind is Kind.WORD else 1)
    return Word(
        form=part.form,
        role=part.role,
        kind=kind,
        core=core,
        marker=marker,
        keys=frozenset(part_keys(part)) | final_ha,
        core_keys=(frozenset(word_keys(core)) | final_ha) if core else frozenset(),
        shape=word_shape,
        slots=vowel_slots(core, word_shape, writing is Writing.DEFECTIVE),
        writing=writing,
        weight=weight,
        flat=part.form.replace("-", "").replace("'", ""),
        flat_core=flat_core,
    )


def _fallback_words(text: str) -> tuple[Word, ...]:
    """Words of a script with no Latin reading (Khmer, ...): compared as written."""
    out = []
    for token in normalise(text).split():
        keys = frozenset({f"~{token}"})
        out.append(Word(token, Role.MIDDLE, Kind.WORD, token, "", keys, keys, "", (),
                        Writing.LITERAL, 1.0, token, token))  # fmt: skip
    return tuple(out)


@lru_cache(maxsize=65536)
def prepare_name(text: str, org: bool = False) -> PreparedName:
    """The words of a person's (or, with ``org``, an organisation's) name."""
    legal: frozenset[str] = frozenset()
    text_for_parts = text
    if org:
        text_for_parts, legal = org_text(text)
    writing = _writing(text)
    parts = parse_arabic_name(text_for_parts).parts
    initial = _vowel_initial(text) if writing is Writing.DEFECTIVE else frozenset()
    words = tuple(_word(part, writing, legal, initial) for part in parts)
    written = normalise(text)
    return PreparedName(text, words or _fallback_words(text), org, written)
