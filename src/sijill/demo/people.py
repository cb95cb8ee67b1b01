"""One person of the demo population: dates of birth, nationalities, languages, documents."""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect
from itertools import accumulate
from typing import Any

from sijill.demo.documents import FORMATS, REFERENCE_DATE, DocumentNumbers
from sijill.demo.naming import NameDict, Naming
from sijill.demo.origins import SECOND_NATIONALITY_DOCUMENTS, Origin
from sijill.registry.vocab import DatePrecision as P
from sijill.registry.vocab import DocumentStatus as S
from sijill.registry.vocab import DocumentType as D

PersonDict = dict[str, Any]


class Weighted:
    """Draws one of ``items`` with the given weights, with one random number."""

    def __init__(self, pairs: tuple[tuple[Any, float], ...]) -> None:
        self.items = [item for item, _ in pairs]
        self.cum = list(accumulate(weight for _, weight in pairs))

    def __call__(self, rng: random.Random) -> Any:
        return self.items[bisect(self.cum, rng.random() * self.cum[-1])]


PRECISION = {
    "head": Weighted(((P.EXACT, 0.45), (P.MONTH, 0.08), (P.YEAR, 0.32), (P.APPROXIMATE, 0.15))),
    "adult": Weighted(((P.EXACT, 0.4), (P.MONTH, 0.08), (P.YEAR, 0.35), (P.APPROXIMATE, 0.17))),
    "child": Weighted(((P.EXACT, 0.6), (P.MONTH, 0.15), (P.YEAR, 0.2), (P.APPROXIMATE, 0.05))),
    "elder": Weighted(((P.EXACT, 0.15), (P.MONTH, 0.05), (P.YEAR, 0.45), (P.APPROXIMATE, 0.35))),
}
# Document statuses, for Syrians (False) and for foreigners (True).
STATUS = {
    False: Weighted(
        (
            (S.HELD, 0.55),
            (S.LOST, 0.2),
            (S.CONFISCATED, 0.1),
            (S.SURRENDERED, 0.08),
            (S.SUSPECTED_FORGED, 0.07),
        )
    ),
    True: Weighted(
        (
            (S.HELD, 0.3),
            (S.SURRENDERED, 0.22),
            (S.LOST, 0.22),
            (S.CONFISCATED, 0.16),
            (S.SUSPECTED_FORGED, 0.1),
        )
    ),
}


_YEAR_START = {year: dt.date(year, 1, 1).toordinal() for year in range(1900, 2101)}


def birth_date(rng: random.Random, low: int, high: int, mode: float) -> dt.date:
    """A date of birth, its year drawn from a triangular distribution."""
    year = int(rng.triangular(low, high + 1, mode))
    start = _YEAR_START[year]
    return dt.date.fromordinal(start + int(rng.random() * (_YEAR_START[year + 1] - start)))


def date_between(rng: random.Random, low: int, high: int) -> dt.date:
    """A date from 1 January of ``low`` to 31 December of ``high``, uniformly."""
    start = _YEAR_START[low]
    return dt.date.fromordinal(start + int(rng.random() * (_YEAR_START[high + 1] - start)))


def date_of_birth(rng: random.Random, born: dt.date, role: str, syrian: bool) -> dict[str, Any]:
    """What the person knows of ``born``: exact, month, year or an approximate year."""
    precision = PRECISION[role](rng)
    if precision is P.EXACT:
        if syrian and rng.random() < 0.1:  # "born 1 January": the registry default
            return {"precision": "exact", "year": born.year, "month": 1, "day": 1}
        return {"precision": "exact", "year": born.year, "month": born.month, "day": born.day}
    if precision is P.MONTH:
        return {"precision": "month", "year": born.year, "month": born.month}
    if precision is P.YEAR:
        return {"precision": "year", "year": born.year}
    return {"precision": "approximate", "year": born.year + int(rng.random() * 5) - 2}


def nationalities(rng: random.Random, origin: Origin, heritage: bool) -> list[str]:
    """The origin's nationality; Europeans of heritage sometimes hold a second one."""
    out = [origin.country]
    if heritage:
        for country, chance in origin.second_nationality:
            if rng.random() < chance:
                out.append(country)
                break
    return out


def languages(rng: random.Random, origin: Origin) -> list[str]:
    """Languages spoken: each of the origin's with its probability, at least the first."""
    chosen = [code for code, chance in origin.languages if chance >= 1.0 or rng.random() < chance]
    return chosen or [origin.languages[0][0]]


_AT_BIRTH = frozenset({D.BIRTH_CERTIFICATE, D.OTHER})


class Documents:
    """Documents of one population: numbers, dates and statuses."""

    def __init__(self, seed: int) -> None:
        self.numbers = DocumentNumbers(seed)

    def make(
        self,
        rng: random.Random,
        key: tuple[D, str],
        born: dt.date,
        *,
        male: bool,
        foreign: bool,
        region: str = "",
        status: S | None = None,
    ) -> dict[str, Any]:
        """One document of type and state ``key``, with dates that fit the holder's life."""
        doc_type, state = key
        issue = None
        if doc_type in _AT_BIRTH:
            issue = min(born + dt.timedelta(days=int(rng.random() * 400)), REFERENCE_DATE)
        elif rng.random() < 0.85:  # adults' papers from 16, before leaving for Syria
            high = 2016 if foreign else 2023
            low = max(min(born.year + 16, high), born.year + 1, 2000)
            issue = min(date_between(rng, low, max(low, high)), REFERENCE_DATE)
        fmt = FORMATS[(state, doc_type)]
        number = self.numbers.number(state, doc_type, issue, born, male=male, region=region)
        doc: dict[str, Any] = {
            "doc_type": doc_type,
            "issuing_state": state,
            "number": number,
            "status": status or STATUS[foreign](rng),
        }
        if issue is not None:
            doc["issue_date"] = issue
            if fmt.validity_years is not None:
                expiry = issue.replace(year=issue.year + fmt.validity_years, day=min(issue.day, 28))
                doc["expiry_date"] = expiry - dt.timedelta(days=1)
        return doc

    def adult(
        self, rng: random.Random, origin: Origin, nats: list[str], born: dt.date, *, male: bool
    ) -> list[dict[str, Any]]:
        """What an adult of ``origin`` carries (or once carried), in every status."""
        foreign = origin.foreign
        docs = [
            self.make(
                rng, (doc_type, state), born, male=male, foreign=foreign, region=origin.region
            )
            for doc_type, state, chance in origin.documents
            if rng.random() < chance * (1.0 if male else 0.6)
            and (male or doc_type is not D.MILITARY_ID)
        ]
        for country in nats[1:]:
            for doc_type in SECOND_NATIONALITY_DOCUMENTS.get(country, ()):
                if rng.random() < 0.3:
                    docs.append(self.make(rng, (doc_type, country), born, male=male, foreign=True))
        if foreign and male and rng.random() < 0.04:  # a bought Syrian passport
            key = (D.PASSPORT, "SY")
            docs.append(
                self.make(rng, key, born, male=male, foreign=True, status=S.SUSPECTED_FORGED)
            )
        return docs

    def born_in_syria(
        self, rng: random.Random, born: dt.date, *, syrian: bool, male: bool
    ) -> list[dict[str, Any]]:
        """Syrian children have a civil birth certificate; foreigners' children born in Syria
        at most a camp clinic's birth notification."""
        if syrian and rng.random() < 0.6:
            key = (D.BIRTH_CERTIFICATE, "SY")
        elif not syrian and rng.random() < 0.15:
            key = (D.OTHER, "SY")
        else:
            return []
        return [self.make(rng, key, born, male=male, foreign=False, status=S.HELD)]


def person(
    naming: Naming,
    names: list[NameDict],
    dob: dict[str, Any] | None,
    place: tuple[str, str] | None,
    nats: list[str],
    langs: list[str],
    docs: list[dict[str, Any]],
) -> PersonDict:
    """The input of ``PersonIn``, as a plain dict (validated in one pass, fast)."""
    data: PersonDict = {
        "names": names,
        "sex": "F" if naming.female else "M",
        "nationalities": nats,
        "languages": langs,
        "documents": docs,
    }
    if dob is not None:
        data["date_of_birth"] = dob
    if place is not None:
        data["place_of_birth"], data["birth_country"] = place
    return data
