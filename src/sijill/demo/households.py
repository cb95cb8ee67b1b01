"""Households of the demo population: a head, spouses, children, sometimes a parent or sibling.

Foreign fighters came to Syria between 2012 and 2016; their children were mostly born there
and few of them have any document. Syrian families have the civil registry's papers, when
these were not lost or confiscated.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any, NamedTuple

from sijill.demo.documents import FORMATS
from sijill.demo.namebank import SYRIAN_PLACES, Part
from sijill.demo.naming import Aliases, Naming, aliases, compose, render
from sijill.demo.origins import BY_KEY, ORIGINS, Origin
from sijill.demo.people import (
    Documents,
    PersonDict,
    Weighted,
    birth_date,
    date_of_birth,
    languages,
    nationalities,
    person,
)
from sijill.demo.world import Affiliation, affiliations, facility
from sijill.registry.schemas import PersonIn
from sijill.registry.vocab import DocumentType, Relation

SYRIA = BY_KEY["syrian"]
_ORIGIN = Weighted(tuple((o, o.weight) for o in ORIGINS))
_FOREIGN = Weighted(tuple((o, o.weight) for o in ORIGINS if o.foreign))
# Styles whose names a Syrian clerk must transliterate (not already in Arabic script).
_OWN_SCRIPT = frozenset({"uyghur", "russian", "tajik", "uzbek", "latin"})
_CHILDREN = Weighted(((0, 0.15), (1, 0.2), (2, 0.22), (3, 0.18), (4, 0.12), (5, 0.08), (6, 0.05)))


@dataclass(frozen=True)
class DemoHousehold:
    """A household as a registrar meets it. ``duplicate_of``: the key of the household whose
    head this head already is (a second registration under another spelling)."""

    key: str
    head: PersonIn
    head_facility: str
    head_group_affiliations: list[Affiliation]
    relatives: list[tuple[Relation, PersonIn]]
    duplicate_of: str | None
    origin: str


class Built(NamedTuple):
    """A generated person before validation, with what relatives and duplicates need."""

    naming: Naming
    born: dt.date
    data: PersonDict
    extra: Aliases | None = None


class Original(NamedTuple):
    """What a later second registration of a household head starts from."""

    key: str
    head: Built
    affiliations: list[Affiliation]


class Builder:
    """Builds households from one seeded random stream."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.docs = Documents(seed)

    def household(self, key: str) -> tuple[DemoHousehold, Original]:
        rng = self.rng
        origin: Origin = _ORIGIN(rng)
        female = rng.random() < 0.08
        naming = compose(rng, origin, female)
        if origin.foreign:
            born, arrival = birth_date(rng, 1968, 2001, 1990), 2012 + int(rng.random() * 5)
        else:
            born, arrival = birth_date(rng, 1962, 2004, 1989), 2011 + int(rng.random() * 6)
        relatives = self._family(naming, born, arrival)
        sons = [b.naming.given for r, b in relatives if r is Relation.CHILD and not b.naming.female]
        head = self.adult(naming, born, "head", son=sons[0] if sons else None)
        affs = [] if female else affiliations(rng, origin.key, arrival)
        household = DemoHousehold(
            key=key,
            head=PersonIn.model_validate(head.data),
            head_facility=facility(rng, female=female, foreign=origin.foreign),
            head_group_affiliations=affs,
            relatives=[(r, PersonIn.model_validate(b.data)) for r, b in relatives],
            duplicate_of=None,
            origin=origin.key,
        )
        return household, Original(key, head, affs)

    def adult(self, naming: Naming, born: dt.date, role: str, *, son: Part | None = None) -> Built:
        """An adult with nationality, languages, documents and the names that go with them."""
        rng = self.rng
        origin = naming.origin
        heritage = origin.heritage is not None and naming.birth is None
        nats = nationalities(rng, origin, heritage)
        docs = self.docs.adult(rng, origin, nats, born, male=not naming.female)
        passport = any(d["doc_type"] == "passport" for d in docs)
        extra = aliases(rng, naming, "adult" if role == "elder" else role, son)
        names = render(naming, rng, role=role, passport=passport, extra=extra)
        dob = date_of_birth(rng, born, role, not origin.foreign)
        place = None
        if rng.random() < 0.85:
            place = (origin.places[int(rng.random() * len(origin.places))], origin.country)
        langs = languages(rng, origin)
        data = person(naming, names, dob, place, nats, langs, docs)
        return Built(naming, born, data, extra)

    def _family(self, head: Naming, born: dt.date, arrival: int) -> list[tuple[Relation, Built]]:
        rng = self.rng
        out: list[tuple[Relation, Built]] = []
        if head.female:  # a widow, or a wife whose husband is elsewhere
            husband = compose(rng, head.origin, False)
            father_born = birth_date(rng, born.year - 12, born.year + 2, born.year - 4)
            mother = Built(head, born, {})
            return [
                (Relation.CHILD, c) for c in self._children(husband, father_born, mother, arrival)
            ]
        if born.year <= 2001 and rng.random() < 0.75:
            wives = [self._spouse(head, born) for _ in range(2 if rng.random() < 0.06 else 1)]
            out += [(Relation.SPOUSE, w) for w in wives]
            for wife in wives:
                out += [(Relation.CHILD, c) for c in self._children(head, born, wife, arrival)]
        if not head.origin.foreign:
            out += self._elders_and_siblings(head, born)
        return out

    def _spouse(self, head: Naming, head_born: dt.date) -> Built:
        rng = self.rng
        origin = head.origin
        if origin.foreign and rng.random() < 0.55:
            origin = SYRIA if rng.random() < 0.8 else _FOREIGN(rng)
        year = head_born.year
        born = birth_date(rng, year - 2, min(year + 12, 2004), min(year + 4, 2003))
        return self.adult(compose(rng, origin, True), born, "adult")

    def _children(
        self, father: Naming, father_born: dt.date, mother: Built, arrival: int
    ) -> list[Built]:
        rng = self.rng
        low = max(mother.born.year + 17, father_born.year + 19, 1995)
        if father.origin.foreign and mother.naming.origin is not father.origin:
            low = max(low, arrival + 1)  # married in Syria
        count = min(_CHILDREN(rng), 2022 - low)
        years = sorted(low + int(rng.random() * (2022 - low)) for _ in range(max(count, 0)))
        children: list[Built] = []
        for year in years:
            taken = {child.naming.given.native for child in children}
            children.append(self._child(father, mother, year, arrival, taken))
        return children

    def _child(
        self, father: Naming, mother: Built, year: int, arrival: int, taken: set[str]
    ) -> Built:
        rng = self.rng
        origin, female = father.origin, rng.random() < 0.49
        born = birth_date(rng, year, year, year)
        in_syria = not origin.foreign or year >= arrival
        for _ in range(3):  # brothers and sisters do not share a given name
            naming = compose(
                rng,
                origin,
                female,
                father=father.given,
                grandfather=father.father,
                family=father.family,
                child=True,
            )
            if naming.given.native not in taken:
                break
        arabic = origin.style in _OWN_SCRIPT and in_syria and rng.random() < 0.4
        names = render(naming, rng, role="child", passport=False, arabic_primary=arabic)
        if in_syria:
            place = (SYRIAN_PLACES[int(rng.random() * len(SYRIAN_PLACES))], "SY")
            docs = self.docs.born_in_syria(rng, born, syrian=not origin.foreign, male=not female)
        else:
            place = (origin.places[int(rng.random() * len(origin.places))], origin.country)
            docs = self._passport(born, origin, male=not female)
        nats = [origin.country] if not (origin.foreign and in_syria and rng.random() < 0.5) else []
        langs = self._child_languages(origin, mother.naming.origin)
        dob = date_of_birth(rng, born, "child", not origin.foreign)
        return Built(naming, born, person(naming, names, dob, place, nats, langs, docs))

    def _passport(self, born: dt.date, origin: Origin, *, male: bool) -> list[dict[str, Any]]:
        key = (DocumentType.PASSPORT, origin.country)
        if (origin.country, key[0]) not in FORMATS or self.rng.random() >= 0.3:
            return []
        return [self.docs.make(self.rng, key, born, male=male, foreign=True)]

    def _child_languages(self, father: Origin, mother: Origin) -> list[str]:
        """The father's first language; Arabic too if the mother is Syrian, or often."""
        langs = [father.languages[0][0]]
        if mother.key != father.key or self.rng.random() < 0.5:
            langs.append("ar")
        return list(dict.fromkeys(langs))

    def _elders_and_siblings(self, head: Naming, born: dt.date) -> list[tuple[Relation, Built]]:
        rng = self.rng
        out: list[tuple[Relation, Built]] = []
        if rng.random() < 0.06:
            mother_born = birth_date(rng, born.year - 42, born.year - 17, born.year - 26)
            out.append(
                (Relation.PARENT, self.adult(compose(rng, SYRIA, True), mother_born, "elder"))
            )
        if rng.random() < 0.06:
            female = rng.random() < 0.5
            sib = compose(
                rng,
                SYRIA,
                female,
                father=head.father,
                grandfather=head.grandfather,
                family=head.family,
            )
            sib_born = birth_date(rng, born.year - 10, min(born.year + 10, 2005), born.year)
            out.append((Relation.SIBLING, self.adult(sib, sib_born, "adult")))
        return out
