"""The structure of an Arabic name, in any script (pure).

A name is read on its comparable Latin form (``translit.to_latin``) and split into parts:
the kunya (Abu/Umm + name), the given name, middle names, the nasab chain (ibn, bin, bint,
ben, ould + name), the family name and nisbas (al- + name ending in -i: al-Shishani). Compounds
become one part with one canonical form: Abd-compounds (Abdulrahman, Abd al-Rahman, Abdel
Rahman, Abdurrahman -> "abd-rahman"), laqabs (Nur ad-Din, Noureddine -> "nur-din"; also
al-Islam, al-Dawla) and "Allah" compounds ("Nasr Allah" -> "nasr-allah"). The article is
removed with its sun-letter assimilation (al-, el-, ad-, ash-, as-, at-, az-, ar-, an-, ...).
"SHARAA, Ahmad" and "AL-SHARAA AHMAD" (family name first) are read as "Ahmad al-Sharaa".

Beyond rigour: rigour's name tagging (``rigour.names``) has no notion of these Arabic name
elements; only its honorific list (``remove_person_prefixes``) is used here, with an Arabic
one added (Sheikh, Mullah, Mawlawi, ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Final

from rigour._core import person_name_prefixes_list
from rigour.names import remove_person_prefixes

from sijill.names.translit import to_latin


class Role(StrEnum):
    KUNYA = "kunya"
    GIVEN = "given"
    MIDDLE = "middle"
    FAMILY = "family"
    NASAB = "nasab"
    NISBA = "nisba"


class Compound(StrEnum):
    NONE = "none"
    ABD = "abd"
    LAQAB = "laqab"
    ALLAH = "allah"


@dataclass(frozen=True, slots=True)
class NamePart:
    """One element of a name: ``form`` is canonical Latin ("abd-rahman", "abu-muhammad")."""

    form: str
    role: Role
    compound: Compound = Compound.NONE
    article: bool = False

    @property
    def pieces(self) -> tuple[str, ...]:
        """The words of the form: ("abd", "rahman")."""
        return tuple(self.form.split("-"))


@dataclass(frozen=True, slots=True)
class ParsedName:
    """A name split into its parts, in reading order (given name first)."""

    text: str
    latin: str
    parts: tuple[NamePart, ...]

    def _forms(self, role: Role) -> tuple[str, ...]:
        return tuple(part.form for part in self.parts if part.role is role)

    def _one(self, role: Role) -> str | None:
        forms = self._forms(role)
        return forms[0] if forms else None

    @property
    def kunya(self) -> str | None:
        return self._one(Role.KUNYA)

    @property
    def given(self) -> str | None:
        return self._one(Role.GIVEN)

    @property
    def family(self) -> str | None:
        return self._one(Role.FAMILY)

    @property
    def middle(self) -> tuple[str, ...]:
        return self._forms(Role.MIDDLE)

    @property
    def nasab(self) -> tuple[str, ...]:
        return self._forms(Role.NASAB)

    @property
    def nisbas(self) -> tuple[str, ...]:
        return self._forms(Role.NISBA)

    @property
    def laqabs(self) -> tuple[str, ...]:
        return tuple(part.form for part in self.parts if part.compound is Compound.LAQAB)

    @property
    def forms(self) -> tuple[str, ...]:
        return tuple(part.form for part in self.parts)

    @property
    def order_free(self) -> str:
        """The forms sorted: equal for "SHARAA, Ahmad" and "Ahmad al-Sharaa"."""
        return " ".join(sorted(self.forms))


ARTICLES: Final = frozenset({"al", "el", "il", "ul", "ol", "l"})
# Assimilated article before a sun letter, with the letters it must be followed by.
SUN_ARTICLES: Final[dict[str, str]] = {
    f"{vowel}{cons}": cons
    for vowel in "aeu"
    for cons in ("t", "th", "d", "dh", "r", "z", "s", "sh", "n")
}
KUNYAS: Final[dict[str, tuple[str, bool]]] = {
    "abu": ("abu", False), "abou": ("abu", False), "abo": ("abu", False),
    "aboo": ("abu", False), "abi": ("abu", False), "abul": ("abu", True),
    "aboul": ("abu", True), "abil": ("abu", True), "umm": ("umm", False),
    "um": ("umm", False), "oum": ("umm", False), "om": ("umm", False), "omm": ("umm", False),
    "am": ("umm", False), "ummul": ("umm", True),
}  # fmt: skip
NASAB_PARTICLES: Final = frozenset(
    {"bin", "ibn", "ben", "bn", "b", "bint", "binti", "bent", "ibnat", "ould", "wuld", "walad",
     "uld", "wld", "abn", "ibnu", "bnt"}
)  # fmt: skip
ABD_WORDS: Final = frozenset(
    {"abd", "bd", "abdel", "abdul", "abdal", "abdol", "abdil", "abdoul", "abdur", "abdus",
     "abdush", "abduz", "abdud", "abdun", "abdut", "abdar", "abdas", "abder", "abdes"}
)  # fmt: skip
ALLAH_FORMS: Final = frozenset({"allah", "alla", "ullah", "ulla", "lah", "llah", "la", "lla"})
LAQAB_TAILS: Final[dict[str, str]] = {
    "din": "din", "deen": "din", "dine": "din", "dien": "din", "dinn": "din",
    "islam": "islam", "dawla": "dawla", "dawlah": "dawla", "dola": "dawla", "daula": "dawla",
}  # fmt: skip
HONORIFICS: Final = frozenset(
    {"sheikh", "shaykh", "shaikh", "sheik", "cheikh", "sheykh", "shekh", "shikh", "shykh",
     "mullah", "mulla", "molla", "mla", "mawlawi", "maulvi", "mawlana", "maulana", "mwlana"}
)  # fmt: skip
_ABD_JOINED: Final = re.compile(
    r"^a?bd(?:[aeiou]{1,2}l|[aeiou](?=([b-df-hj-np-tv-z])\1)|[aeiou])?(?P<rest>[a-z]{3,})$"
)
_LAQAB_JOINED: Final = re.compile(r"^(?P<head>[a-z]{2,})[aeiou]{1,2}d-?d(?:i|ee|ii|y)ne?$")
_COMMAS: Final = re.compile("[,،，]")


@dataclass(slots=True)
class _Raw:
    form: str
    article: bool = False
    compound: Compound = Compound.NONE
    marker: Role | None = None


def _reorder(text: str) -> str:
    """ "FAMILY, Given" -> "Given FAMILY" (one comma only)."""
    halves = _COMMAS.split(text)
    if len(halves) == 2 and 0 < len(halves[0].split()) <= 3 and halves[1].strip():
        return f"{halves[1].strip()} {halves[0].strip()}"
    return text


@lru_cache(maxsize=1)
def _prefix_heads() -> frozenset[str]:
    """First words of rigour's honorific prefixes: only names starting so are stripped."""
    return frozenset(p.split()[0].casefold().rstrip(".") for p in person_name_prefixes_list())


def _strip_prefixes(text: str) -> str:
    """ "Dr. Omar Diaby" -> "Omar Diaby"; a name that is only a title is kept."""
    text = text.strip()
    words = text.split(maxsplit=1)
    if len(words) > 1 and words[0].casefold().rstrip(".") in _prefix_heads():
        return remove_person_prefixes(text) or text
    return text


def _pieces(text: str) -> list[str]:
    latin = to_latin(_strip_prefixes(text))
    pieces = [p.strip("'") for word in latin.split() for p in word.split("-")]
    pieces = [p for p in pieces if p]
    while len(pieces) > 2:
        if pieces[0] in HONORIFICS:
            pieces = pieces[1:]
        elif pieces[0] in ARTICLES and pieces[1] in HONORIFICS and len(pieces) > 3:
            pieces = pieces[2:]
        else:
            break
    return pieces


def _bare(piece: str) -> str:
    """The piece without apostrophes, for recognising particles: "'bd" -> "bd"."""
    return piece.replace("'", "")


def _is_article(piece: str, following: str) -> bool:
    if piece in ARTICLES:
        return True
    sun = SUN_ARTICLES.get(piece)
    return sun is not None and _bare(following).startswith(sun)


def _allah(form: str) -> str:
    return "allah" if _bare(form) in ALLAH_FORMS else form


def _abd(rest: _Raw) -> _Raw:
    return _Raw(f"abd-{_allah(rest.form)}", compound=Compound.ABD)


@lru_cache(maxsize=65536)
def _split_joined(piece: str) -> tuple[str, Compound]:
    """Joined compounds split: "abdulrahman" -> "abd-rahman", "noureddine" -> "nour-din"."""
    abd = _ABD_JOINED.match(_bare(piece))
    if abd:
        rest = abd.group("rest")
        rest = rest[1:] if rest[0] == rest[1] and abd.group(1) else rest
        return f"abd-{_allah(rest)}", Compound.ABD
    laqab = _LAQAB_JOINED.match(_bare(piece))
    if laqab:
        return f"{laqab.group('head')}-din", Compound.LAQAB
    return piece, Compound.NONE


def _single(piece: str) -> _Raw:
    """A one-word part."""
    form, compound = _split_joined(piece)
    return _Raw(form, compound=compound)


def _take(pieces: list[str], i: int) -> tuple[_Raw, int]:
    """The part starting at ``pieces[i]`` and the index after it."""
    piece = _bare(pieces[i])
    more = i + 1 < len(pieces)
    if not more:
        return _single(pieces[i]), i + 1
    if piece in NASAB_PARTICLES:
        raw, end = _take(pieces, i + 1)
        raw.marker = Role.NASAB
        return raw, end
    if piece in KUNYAS:
        kind, with_article = KUNYAS[piece]
        raw, end = _take(pieces, i + 1)
        form = f"{kind}-{raw.form}"
        return _Raw(form, article=with_article, compound=raw.compound, marker=Role.KUNYA), end
    if _is_article(piece, pieces[i + 1]):
        raw, end = _take(pieces, i + 1)
        raw.article = True
        return raw, end
    if piece in ABD_WORDS:
        raw, end = _take(pieces, i + 1)
        return _abd(raw), end
    return _single(pieces[i]), i + 1


def _join_tails(raws: list[_Raw]) -> list[_Raw]:
    """Attach "ad-Din" / "al-Islam" / "Allah" to the name before them."""
    out: list[_Raw] = []
    for raw in raws:
        prev = out[-1] if out and out[-1].compound is Compound.NONE else None
        tail = _bare(raw.form)
        if prev is not None and raw.article and tail in LAQAB_TAILS:
            prev.form = f"{prev.form}-{LAQAB_TAILS[tail]}"
            prev.compound = Compound.LAQAB
        elif prev is not None and not raw.article and tail == "allah":
            prev.form = f"{prev.form}-allah"
            prev.compound = Compound.ALLAH
        else:
            out.append(raw)
    return out


def _is_nisba(raw: _Raw) -> bool:
    return raw.article and len(_bare(raw.form)) >= 4 and raw.form.endswith(("i", "y"))


def _name_roles(raws: list[_Raw]) -> dict[int, Role]:
    """Given, middle and family among the parts that are not kunya, nasab or nisba."""
    names = [i for i, raw in enumerate(raws) if raw.marker is None and not _is_nisba(raw)]
    roles = {i: Role.MIDDLE for i in names}
    if not names:
        return roles
    if len(names) >= 2 and raws[names[0]].article:  # "AL-SHARAA AHMAD HUSSEIN"
        roles[names[0]] = Role.FAMILY
        roles[names[1]] = Role.GIVEN
        return roles
    roles[names[0]] = Role.GIVEN
    rest = names[1:]
    with_article = [i for i in rest if raws[i].article]
    if with_article or rest:
        roles[(with_article or rest)[-1]] = Role.FAMILY
    return roles


def _parts(raws: list[_Raw]) -> tuple[NamePart, ...]:
    """Parts in reading order: a family name written first moves to the end."""
    roles = _name_roles(raws)
    order = list(range(len(raws)))
    family = next((i for i, role in roles.items() if role is Role.FAMILY), None)
    given = next((i for i, role in roles.items() if role is Role.GIVEN), len(raws))
    if family is not None and family < given:
        order.remove(family)
        order.append(family)
    return tuple(
        NamePart(raws[i].form, raws[i].marker or roles.get(i, Role.NISBA), raws[i].compound,
                 raws[i].article)
        for i in order
    )  # fmt: skip


@lru_cache(maxsize=16384)
def parse_arabic_name(text: str) -> ParsedName:
    """Split a name (any script, any order) into kunya, given, nasab, family and nisba parts.

    "Abu Muhammad al-Jolani" -> kunya "abu-muhammad", nisba "jolani";
    "Salih ibn Abdallah" -> given "salih", nasab ("abd-allah",);
    "SHARAA, Ahmad" -> given "ahmad", family "sharaa".
    """
    pieces = _pieces(_reorder(text))
    raws: list[_Raw] = []
    i = 0
    while i < len(pieces):
        raw, i = _take(pieces, i)
        raws.append(raw)
    return ParsedName(text=text, latin=to_latin(text), parts=_parts(_join_tails(raws)))
