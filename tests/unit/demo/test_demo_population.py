"""The synthetic demo population: deterministic, realistic in shape, valid, safe."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from collections import Counter
from collections.abc import Iterator

import pytest

from sijill.demo.documents import REFERENCE_DATE
from sijill.demo.population import (
    FACILITIES,
    GROUPS,
    OFFICES,
    ORIGIN_KEYS,
    DemoHousehold,
    generate,
    truth_pairs,
)
from sijill.names.normalise import find_unsafe_characters
from sijill.registry.schemas import AffiliationIn, PersonIn
from sijill.registry.validation import validate_person
from sijill.registry.vocab import (
    DatePrecision,
    DocumentStatus,
    DocumentType,
    NameType,
    Relation,
)

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def sample() -> list[DemoHousehold]:
    return list(generate(2000, seed=1))


@pytest.fixture(scope="module")
def large() -> list[DemoHousehold]:
    return list(generate(8000, seed=5))


def people(households: list[DemoHousehold]) -> Iterator[PersonIn]:
    for household in households:
        yield household.head
        yield from (person for _, person in household.relatives)


def count(households: list[DemoHousehold]) -> int:
    return sum(1 + len(h.relatives) for h in households)


def dump(households: list[DemoHousehold]) -> list[object]:
    return [
        (
            h.key,
            h.head.model_dump(),
            h.head_facility,
            h.head_group_affiliations,
            [(r, p.model_dump()) for r, p in h.relatives],
            h.duplicate_of,
            h.origin,
        )
        for h in households
    ]


def test_same_seed_gives_the_same_population() -> None:
    assert dump(list(generate(600, seed=3))) == dump(list(generate(600, seed=3)))


def test_another_seed_gives_another_population() -> None:
    first = [h.head.names[0].full for h in generate(600, seed=3)]
    second = [h.head.names[0].full for h in generate(600, seed=4)]
    assert first != second


@pytest.mark.parametrize("n", [1, 50, 2000])
def test_about_the_requested_number_of_people(n: int) -> None:
    produced = count(list(generate(n, seed=2)))
    assert n <= produced <= n + 20 + n // 50


def test_nothing_to_generate_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        next(generate(0))


def test_households_stream_without_generating_everything_first() -> None:
    first = list(itertools.islice(generate(1_000_000, seed=1), 50))
    assert [h.key for h in first] == [f"h{i:06d}" for i in range(50)]


def test_every_origin_appears_in_2000_people(sample: list[DemoHousehold]) -> None:
    origins = Counter(h.origin for h in sample)
    assert set(origins) == set(ORIGIN_KEYS)
    assert 0.4 < origins["syrian"] / len(sample) < 0.6


def test_every_status_type_precision_and_name_type_appears(sample: list[DemoHousehold]) -> None:
    everyone = list(people(sample))
    assert {d.status for p in everyone for d in p.documents} == set(DocumentStatus)
    assert {d.doc_type for p in everyone for d in p.documents} == set(DocumentType)
    precisions = {p.date_of_birth.precision for p in everyone if p.date_of_birth}
    assert precisions == set(DatePrecision)
    assert {n.name_type for p in everyone for n in p.names} == set(NameType)
    relations = {r for h in sample for r, _ in h.relatives}
    assert relations == set(Relation)


def test_every_person_passes_the_registry_checks(sample: list[DemoHousehold]) -> None:
    for person in people(sample):
        assert validate_person(person, 200, dt.date(2026, 1, 1)) == {}
        assert PersonIn.model_validate(person.model_dump()) == person
        assert not person.family and not person.affiliations and person.facility_id is None


def test_every_string_is_safe_and_short(sample: list[DemoHousehold]) -> None:
    def strings(value: object) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list | tuple):
            for item in value:
                yield from strings(item)

    everything: list[object] = [p.model_dump(mode="json") for p in people(sample)]
    everything += [[h.head_facility, h.head_group_affiliations] for h in sample]
    everything += [GROUPS, FACILITIES, OFFICES]
    for text in strings(everything):
        assert find_unsafe_characters(text) == [], text
        assert len(text) <= 200, text


def _scripts(text: str) -> set[str]:
    found = set()
    for ch in text:
        if "\u0600" <= ch <= "\u06ff":
            found.add("Arabic")
        elif "\u0400" <= ch <= "\u04ff":
            found.add("Cyrillic")
        elif (ch.isascii() and ch.isalpha()) or "\u00c0" <= ch <= "\u024f":
            found.add("Latin")
    return found


def test_names_in_arabic_cyrillic_latin_and_uyghur_scripts(sample: list[DemoHousehold]) -> None:
    names = [n.full for p in people(sample) for n in p.names]
    primaries = Counter(frozenset(_scripts(p.names[0].full)) for p in people(sample))
    assert {frozenset({"Arabic"}), frozenset({"Cyrillic"}), frozenset({"Latin"})} <= set(primaries)
    uyghur_letters = set("ەېۆۇۈڭ")
    assert any(uyghur_letters & set(name) for name in names)
    assert any("ҳ" in name or "ҷ" in name for name in names)  # Tajik Cyrillic
    assert any("ʻ" in name for name in names)  # Uzbek Latin
    assert any(name.startswith(("Abu ", "Abou ", "أبو ")) for name in names)


def test_foreigners_have_an_arabic_rendering_and_latin_spellings(
    sample: list[DemoHousehold],
) -> None:
    for household in sample:
        head = household.head
        scripts = set().union(*(_scripts(n.full) for n in head.names))
        if household.origin != "syrian" and household.duplicate_of is None:
            assert "Arabic" in scripts, head.names
        if household.origin in ("chechen", "dagestani", "tajik", "uyghur", "syrian"):
            assert "Latin" in scripts or household.duplicate_of, head.names


def test_parts_of_names_are_filled(sample: list[DemoHousehold]) -> None:
    heads = [h.head for h in sample if h.duplicate_of is None]
    primaries = [p.names[0] for p in heads]
    assert all(n.given for n in primaries)
    assert sum(1 for n in primaries if n.father) / len(primaries) > 0.6
    assert sum(1 for n in primaries if n.family) / len(primaries) > 0.8


def test_several_nationalities_and_languages(sample: list[DemoHousehold]) -> None:
    nationalities = Counter(tuple(p.nationalities) for p in people(sample))
    assert {("FR", "DZ"), ("BE", "MA"), ("DE", "TR")} & set(nationalities)
    languages = {code for p in people(sample) for code in p.languages}
    assert {"ar", "ug", "uz", "tg", "ce", "ru", "tr", "fr", "nl", "en", "de"} <= languages


def test_children_born_in_syria_often_have_no_document(sample: list[DemoHousehold]) -> None:
    children = [
        p
        for h in sample
        if h.origin != "syrian"
        for r, p in h.relatives
        if r is Relation.CHILD and p.birth_country == "SY"
    ]
    assert len(children) > 50
    assert all(p.date_of_birth and 2000 <= p.date_of_birth.year <= 2024 for p in children)
    without = sum(1 for p in children if not p.documents)
    assert without / len(children) > 0.7


def test_identity_documents_match_the_nationality(sample: list[DemoHousehold]) -> None:
    for person in people(sample):
        for doc in person.documents:
            if doc.status is DocumentStatus.SUSPECTED_FORGED:
                continue  # a bought passport of another state is the point
            if doc.doc_type in (DocumentType.PASSPORT, DocumentType.NATIONAL_ID):
                assert doc.issuing_state in person.nationalities, person
            elif doc.doc_type is DocumentType.RESIDENCE_PERMIT:
                assert doc.issuing_state not in person.nationalities, person


def test_some_documents_have_expired(sample: list[DemoHousehold]) -> None:
    expiries = [d.expiry_date for p in people(sample) for d in p.documents if d.expiry_date]
    assert any(e < REFERENCE_DATE for e in expiries)
    assert any(e > REFERENCE_DATE for e in expiries)
    for doc in (d for p in people(sample) for d in p.documents):
        assert doc.issue_date is None or doc.issue_date <= REFERENCE_DATE


def test_document_numbers_are_unique_except_second_registrations(
    large: list[DemoHousehold],
) -> None:
    holders: dict[tuple[str, str], str] = {}
    duplicate_of = {h.key: h.duplicate_of for h in large}
    for household in large:
        persons = [household.head] + [p for _, p in household.relatives]
        for person in persons:
            for doc in person.documents:
                key = (doc.issuing_state, doc.number)
                if key in holders:
                    assert duplicate_of[household.key] == holders[key], key
                    assert doc.shared_number_reason
                else:
                    holders[key] = household.key


def test_about_three_percent_of_heads_are_registered_twice(large: list[DemoHousehold]) -> None:
    keys = [h.key for h in large]
    position = {key: i for i, key in enumerate(keys)}
    twice = [h for h in large if h.duplicate_of is not None]
    assert 0.02 < len(twice) / len(large) < 0.045
    originals = {h.key: h for h in large}
    for second in twice:
        assert second.duplicate_of is not None
        first = originals[second.duplicate_of]
        assert position[first.key] < position[second.key]
        assert first.duplicate_of is None
        assert first.origin == second.origin
        assert first.head.sex == second.head.sex
        assert first.head.names[0].full != second.head.names[0].full
        assert not second.relatives
        if first.head.date_of_birth and second.head.date_of_birth:
            assert abs(first.head.date_of_birth.year - second.head.date_of_birth.year) <= 2
    assert list(truth_pairs(large)) == [(h.duplicate_of, h.key) for h in twice]


def test_affiliations_groups_and_facilities_are_known(sample: list[DemoHousehold]) -> None:
    groups = {name for name, _ in GROUPS}
    facilities = {name for name, _, _ in FACILITIES}
    offices = {code for code, _, _ in OFFICES}
    assert sum(1 for _, _, national in OFFICES if national) == 1
    assert {office for _, _, office in FACILITIES} == offices
    for household in sample:
        assert household.head_facility in facilities
        for group, unit, role, start, end in household.head_group_affiliations:
            assert group in groups
            affiliation = AffiliationIn(
                group_id=uuid.uuid4(), unit=unit, role=role, date_from=start, date_to=end
            )
            with_affiliation = household.head.model_copy(update={"affiliations": [affiliation]})
            assert validate_person(with_affiliation, 200, dt.date(2026, 1, 1)) == {}
    assert any(len(h.head_group_affiliations) > 1 for h in sample)


def test_group_aliases_are_in_latin_and_arabic() -> None:
    for name, aliases in GROUPS:
        assert _scripts(name) == {"Latin"}
        assert {"Latin", "Arabic"} == set().union(*(_scripts(a) for a in aliases))
