"""How people of each origin are named, and how officials write those names down.

A ``Naming`` is the person's name parts; ``render`` turns it into the names a registry
would collect: the name as written in the person's own script, the Latin spellings of
passports and partner states, the Arabic rendering of a Syrian clerk, kunya, nom de guerre,
birth name of a convert, previous (Soviet-era) surname.
"""

from __future__ import annotations

import random
from typing import NamedTuple

from sijill.demo import namebank as ar
from sijill.demo import namebank_europe as eu
from sijill.demo.namebank import Part
from sijill.demo.namebank_foreign import derussify, feminine, patronymic
from sijill.demo.origins import Origin
from sijill.registry.vocab import NameType

NameDict = dict[str, str]

_PATRONYMIC_STYLES = frozenset({"russian", "tajik", "uzbek"})
_ARABIC_SCRIPT_STYLES = frozenset({"arab", "saudi", "tunisian"})
_FEMININE_ENDINGS = ("зода", "ова", "ева", "ova", "eva")
_GRANDFATHERS = {"saudi": 0.7, "arab": 0.15}  # how often the grandfather's name is given
_FATHER_IN_ARABIC = frozenset({"arab", "saudi", "tunisian", "uyghur"})
_LATIN_SOURCES = ("partner-state notification", "camp list", "hospital record", "interpreter")
_ARABIC_SOURCES = ("camp list", "group roster", "checkpoint log")
_KUNYA_SOURCES = ("self-declared", "group roster", "witness statement")
# Well-known kunyas of real people: never generated.
_RESERVED_KUNYAS = frozenset({("عمر", "الشيشاني"), ("مسلم", "الشيشاني"), ("يحيى", "الحموي")})


class Naming(NamedTuple):
    """A person's name parts. ``father`` is the father's given name, or for the
    Russian-style naming of the Caucasus and Central Asia, the patronymic. (Named tuples:
    millions are made, and they are the cheapest immutable records.)"""

    origin: Origin
    female: bool
    given: Part
    father: Part | None
    family: Part | None
    grandfather: Part | None = None
    previous_family: Part | None = None  # a Soviet-era surname a Tajik dropped
    birth: tuple[Part, Part] | None = None  # a convert's birth given and family names


def compose(
    rng: random.Random,
    origin: Origin,
    female: bool,
    *,
    father: Part | None = None,
    grandfather: Part | None = None,
    family: Part | None = None,
    child: bool = False,
) -> Naming:
    """Name parts for a new person. For a child or sibling, ``father`` (the father's given
    name), ``grandfather`` and ``family`` are those of the family."""
    if origin.heritage is not None:
        return _compose_european(rng, origin, female, family, child)
    male, women, families = origin.pool
    given = _choice(rng, women if female else male)
    if father is None:
        father, grandfather = _choice(rng, male), _choice(rng, male)
    if family is None and families:
        family = _choice(rng, families)
    if origin.style in _PATRONYMIC_STYLES:
        return _russian_style(rng, Naming(origin, female, given, father, family), child)
    chance = _GRANDFATHERS.get(origin.style, 0.0)
    if grandfather is not None and (not chance or rng.random() >= chance):
        grandfather = None  # the grandfather's name is given only in some countries
    return Naming(origin, female, given, father, family, grandfather)


def _compose_european(
    rng: random.Random, origin: Origin, female: bool, family: Part | None, child: bool
) -> Naming:
    """Born into a Muslim family (heritage pool), or a convert who keeps a birth name.
    Children born to either get heritage or Arabic names."""
    heritage = child or rng.random() < 0.65
    pool = origin.heritage if heritage and origin.heritage is not None else origin.pool
    muslim = eu.CONVERT_FEMALE if female else eu.CONVERT_MALE
    if child and rng.random() < 0.5:
        given = _choice(rng, muslim)
    else:
        given = _choice(rng, pool[1] if female else pool[0])
    family = family or _choice(rng, pool[2])
    if heritage:
        return Naming(origin, female, given, None, family)
    return Naming(origin, female, _choice(rng, muslim), None, family, birth=(given, family))


def _russian_style(rng: random.Random, n: Naming, child: bool) -> Naming:
    """Patronymic, feminine surname; some Tajiks dropped the Soviet -ov for -zoda."""
    origin, father, family = n.origin, n.father, n.family
    if father is None or family is None:
        return n
    previous = None
    soviet = not family.native.endswith("зода")
    if origin.style == "tajik" and soviet and not child and rng.random() < 0.35:
        previous, family = family, derussify(family)
    elif n.female and not family.native.endswith(_FEMININE_ENDINGS):
        family = feminine(family, origin.schemes)
    if father.arabic:  # a given name, not yet a patronymic
        father = patronymic(father, origin.schemes, n.female)
    return Naming(origin, n.female, n.given, father, family, previous_family=previous)


def _choice(rng: random.Random, parts: tuple[Part, ...]) -> Part:
    return parts[int(rng.random() * len(parts))]


def _spell(part: Part, k: int) -> str:
    return part.latin[k % len(part.latin)]


def _name(
    full: str,
    kind: NameType,
    source: str | None = None,
    *,
    given: str | None = None,
    father: str | None = None,
    grandfather: str | None = None,
    family: str | None = None,
) -> NameDict:
    out: NameDict = {"full": full, "name_type": kind}
    if source:
        out["source"] = source
    if given:
        out["given"] = given
    if father:
        out["father"] = father
    if grandfather:
        out["grandfather"] = grandfather
    if family:
        out["family"] = family
    return out


def native(n: Naming, *, family_first: bool = False) -> NameDict:
    """The name in the person's own script, with its parts."""
    style = n.origin.style
    g, f, gf, fam = n.given, n.father, n.grandfather, n.family
    father = f.native if f and style != "latin" else None
    family = fam.native if fam else None
    if style == "uyghur":
        return _name(f"{g.native} {father}", NameType.PRIMARY, None, given=g.native, father=father)
    if style == "tunisian" and father:
        words = [g.native, f"بن {father}", family]
    elif style == "latin":
        words = [g.native, family]
    else:
        words = [g.native, father, gf.native if gf else None, family]
    if family_first and family:
        words = [family, *words[:-1]]
    full = " ".join(filter(None, words))
    grand = gf.native if gf else None
    return _name(
        full,
        NameType.PRIMARY,
        None,
        given=g.native,
        father=father,
        grandfather=grand,
        family=family,
    )


def latin(
    n: Naming, k: int, source: str | None = None, *, caps: bool = False, with_father: bool = True
) -> NameDict:
    """A Latin spelling: the ``k``-th variant of every part (one official, one habit)."""
    style = n.origin.style
    spellings = n.given.latin
    given = spellings[k % len(spellings)]
    father = None  # foreign passports and lists leave the patronymic out
    if with_father and n.father and style in _FATHER_IN_ARABIC:
        father = _spell(n.father, k)
    family = _spell(n.family, k) if n.family else None
    if style == "uyghur":
        words = [given, father]
    elif style == "tunisian" and father:
        words = [given, f"Ben {father}", family]
    else:
        words = [given, father, family]
    full = " ".join(filter(None, words))
    if caps:
        full = full.upper()
    return _name(full, NameType.ALIAS, source, given=given, father=father, family=family)


def arabic(n: Naming, kind: NameType = NameType.ALIAS, source: str | None = None) -> NameDict:
    """The name as a Syrian clerk writes it in Arabic script."""
    given = n.given.arabic
    father = n.father.arabic if n.father and n.origin.style in _FATHER_IN_ARABIC else None
    family = n.family.arabic if n.family else None
    full = " ".join(filter(None, (given, father, family)))
    return _name(full, kind, source, given=given, father=father, family=family)


class Aliases(NamedTuple):
    """What a person goes by besides their name, fixed once per person: a kunya (the name
    of the son or a classical name, and the origin), a nom de guerre's epithet."""

    kunya: tuple[Part, Part] | None
    war: Part | None


def aliases(rng: random.Random, n: Naming, role: str, son: Part | None) -> Aliases:
    """Draw a person's kunya and nom de guerre (most foreign fighters have a kunya)."""
    if role == "child":
        return Aliases(None, None)
    chosen = None
    if rng.random() < (0.85 if n.origin.foreign else 0.4) * (1.0 if role == "head" else 0.4):
        bank = ar.KUNYA_FEMALE if n.female else ar.KUNYA_MALE
        name = son if son is not None and son.arabic else _choice(rng, bank)
        nisba = n.origin.nisba or _choice(rng, ar.SYRIAN_NISBAS)
        if (name.arabic, nisba.arabic) in _RESERVED_KUNYAS:
            name = bank[0]
        chosen = (name, nisba)
    war = None
    if role == "head" and not n.female and rng.random() < 0.15:
        war = _choice(rng, ar.WAR_NAMES)
    return Aliases(chosen, war)


def kunya(n: Naming, rng: random.Random, chosen: tuple[Part, Part]) -> NameDict:
    """Abu Hamza al-Shishani (father of Hamza, the Chechen), Umm Hamza; in either script."""
    name, nisba = chosen
    k = int(rng.random() * 3)
    if n.female:
        full = f"Umm {_spell(name, k)}" if rng.random() < 0.5 else f"أم {name.arabic}"
    elif rng.random() < 0.5:
        full = f"{('Abu', 'Abou', 'Abo')[k]} {_spell(name, k)} {_spell(nisba, k)}"
    else:
        full = f"أبو {name.arabic} {nisba.arabic}"
    return _name(full, NameType.KUNYA, _KUNYA_SOURCES[k])


def war_name(n: Naming, rng: random.Random, epithet: Part) -> NameDict:
    """A nom de guerre: an epithet, alone or after the given name."""
    if rng.random() < 0.5:
        full = epithet.native if rng.random() < 0.5 else f"{n.given.arabic} {epithet.native}"
    else:
        full = _spell(epithet, int(rng.random() * 3))
    return _name(full, NameType.NOM_DE_GUERRE, "witness statement")


def cyrillic(n: Naming, kind: NameType, source: str | None) -> NameDict:
    """An Uzbek name in Cyrillic, surname first as Soviet-era papers write it."""
    g, f, fam = n.given, n.father, n.family
    father = f.alt if f else None
    family = fam.alt if fam else None
    full = " ".join(filter(None, (family, g.alt, father)))
    return _name(full, kind, source, given=g.alt, father=father, family=family)


def render(
    n: Naming,
    rng: random.Random,
    *,
    role: str,
    passport: bool,
    extra: Aliases | None = None,
    arabic_primary: bool = False,
) -> list[NameDict]:
    """The names a registry collects for a ``role`` ("head", "adult" or "child"), primary
    first, without repeats. ``arabic_primary``: only a Syrian clerk's spelling exists."""
    style = n.origin.style
    if arabic_primary:
        names = [arabic(n, NameType.PRIMARY)]
    elif style == "uzbek" and rng.random() < 0.45:
        latin_uzbek = native(n) | {"name_type": NameType.ALIAS, "source": "new passport"}
        names = [cyrillic(n, NameType.PRIMARY, None), latin_uzbek]
    else:
        family_first = style in ("russian", "tajik") and rng.random() < 0.5
        names = [native(n, family_first=family_first)]
        if style == "uzbek":
            source = "family record" if role == "child" else "old passport"
            names.append(cyrillic(n, NameType.ALIAS, source))
    names.extend(_latin_aliases(n, rng, head=role == "head", passport=passport))
    if style not in _ARABIC_SCRIPT_STYLES and not arabic_primary:
        names.append(arabic(n, NameType.ALIAS, _ARABIC_SOURCES[int(rng.random() * 3)]))
    names.extend(_history(n, passport))
    if extra is not None and extra.kunya is not None:
        names.append(kunya(n, rng, extra.kunya))
    if extra is not None and extra.war is not None:
        names.append(war_name(n, rng, extra.war))
    return _without_repeats(names)


def _without_repeats(names: list[NameDict]) -> list[NameDict]:
    seen: set[str] = set()
    out: list[NameDict] = []
    for name in names:
        if name["full"] not in seen:
            seen.add(name["full"])
            out.append(name)
    return out


def _latin_aliases(n: Naming, rng: random.Random, *, head: bool, passport: bool) -> list[NameDict]:
    style = n.origin.style
    out: list[NameDict] = []
    if style == "uyghur" and n.father is not None and passport:
        given, father = n.given.alt.upper(), n.father.alt.upper()
        out.append(
            _name(
                f"{given} {father}", NameType.ALIAS, "Chinese passport", given=given, father=father
            )
        )
    if style == "latin":
        k = 1 if rng.random() < 0.5 else 2
        out.append(latin(n, k, _LATIN_SOURCES[int(rng.random() * 4)]))
        return out
    count = 1 + (head and rng.random() < 0.6) + (head and rng.random() < 0.3)
    for i in range(count):
        caps = i == 0 and passport and style != "uyghur"
        # a passport romanises by its state's scheme; officials elsewhere by their own
        k = 0 if caps and style in _PATRONYMIC_STYLES else int(rng.random() * 6)
        source = "passport" if caps else _LATIN_SOURCES[int(rng.random() * 4)]
        middle = style not in _FATHER_IN_ARABIC or style == "uyghur" or rng.random() < 0.6
        out.append(latin(n, k, source, caps=caps, with_father=middle))
    return out


def _history(n: Naming, passport: bool) -> list[NameDict]:
    """A convert's birth name; a Tajik's Soviet-era surname."""
    out: list[NameDict] = []
    if n.birth is not None:
        born_as, family = n.birth[0].native, n.birth[1].native
        source = "passport" if passport else "self-declared"
        full = f"{born_as} {family}"
        out.append(_name(full, NameType.BIRTH, source, given=born_as, family=family))
    if n.previous_family is not None:
        old, given = n.previous_family.native, n.given.native
        full = f"{old} {given}"
        out.append(_name(full, NameType.PREVIOUS, "old passport", given=given, family=old))
    return out
