"""What a watch list says about one listed person or organisation (pure).

An entry keeps the list's own words: its id (the UN reference number "QDi.430", the OFAC
``ent_num``, the FtM entity id), the main name, aliases with their quality (the UN's "Low"
quality aliases are where noms de guerre end up), names in their original script, dates and
places of birth, nationalities, documents, the listing reason and the programme.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, replace
from functools import cache
from typing import Any, Final

from rigour.territories import lookup_territory

from sijill.matching.records import PERSON, MatchRecord, parse_date
from sijill.registry.countries import country_names

GOOD: Final = "good"
LOW: Final = "low"
ORGANIZATION: Final = "Organization"
# The fields a decision depends on: a change to one of them reopens a false positive.
RELEVANT: Final = ("name", "aliases", "original_names", "dates_of_birth", "nationalities",
                   "documents", "schema")  # fmt: skip


class ListFormatError(ValueError):
    """A list file that cannot be read; the message names the line or element."""


@dataclass(frozen=True, slots=True)
class Alias:
    name: str
    quality: str = GOOD  # "good" or "low" (weak: noms de guerre, short forms)


@dataclass(frozen=True, slots=True)
class ListEntry:
    entry_id: str
    name: str
    schema: str = PERSON
    aliases: tuple[Alias, ...] = ()
    original_names: tuple[str, ...] = ()
    dates_of_birth: tuple[str, ...] = ()
    places_of_birth: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    sex: str | None = None
    reason: str = ""
    programme: str = ""
    listed_on: str | None = None

    @property
    def is_person(self) -> bool:
        return self.schema == PERSON

    @property
    def all_names(self) -> tuple[str, ...]:
        """The main name, the original-script names, then the aliases, without repeats."""
        names = (self.name, *self.original_names, *(a.name for a in self.aliases))
        return tuple(dict.fromkeys(n for n in names if n.strip()))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ListEntry:
        values = dict(data)
        values["aliases"] = tuple(Alias(a["name"], a["quality"]) for a in data.get("aliases", ()))
        for key in ("original_names", "dates_of_birth", "places_of_birth", "nationalities",
                    "documents"):  # fmt: skip
            values[key] = tuple(data.get(key, ()))
        return cls(**values)

    def content_hash(self) -> str:
        """Changes with anything the list says about the entry."""
        return _digest(self.to_dict())

    def fingerprint(self) -> str:
        """Changes only with what a screening decision depends on (``RELEVANT``)."""
        data = self.to_dict()
        return _digest({key: data[key] for key in RELEVANT})

    def records(self) -> tuple[MatchRecord, ...]:
        """The entry as matching records: one per date of birth (a list gives several)."""
        record = MatchRecord(
            names=self.all_names,
            sex=self.sex,
            nationalities=self.nationalities,
            documents=self.documents,
            place_of_birth=self.places_of_birth[0] if self.places_of_birth else None,
            schema=self.schema,
        )
        dates = [d for d in self.dates_of_birth if parse_date(d) is not None]
        if not dates or not self.is_person:
            return (record,)
        return tuple(replace(record, dob=d) for d in dict.fromkeys(dates))


def _digest(data: Mapping[str, Any]) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


@cache
def country_code(text: str) -> str | None:
    """An ISO 3166-1 alpha-2 code for a country as a list writes it ("Syrian Arab Republic",
    "SY", "Syria"); None when it names no country."""
    text = text.strip()
    if not text:
        return None
    if len(text) == 2 and text.isalpha():
        return text.upper()
    known = _english_names().get(text.casefold())
    if known is not None:
        return known
    territory = lookup_territory(text)
    if territory is None or len(territory.code) != 2:  # alpha-2 codes only
        return None
    return territory.code.upper()


@cache
def _english_names() -> dict[str, str]:
    """Country name -> code from CLDR: rigour's fuzzier lookup takes seconds to load."""
    return {name.casefold(): code for code, name in country_names("en").items()}


def countries(texts: Iterable[str]) -> tuple[str, ...]:
    """Codes of the countries named, in order, without repeats (unknown names dropped)."""
    codes = (country_code(t) for t in texts)
    return tuple(dict.fromkeys(c for c in codes if c))


def clean(text: str | None) -> str:
    """Whitespace collapsed; empty for None."""
    return " ".join(text.split()) if text else ""
