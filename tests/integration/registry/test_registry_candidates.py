"""The candidate index stays in step with every registration and correction, and candidate
retrieval finds what scoring everyone would find (blocking recall)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from factories.access import make_actor
from factories.registry import NAMESAKE, person_in, register
from sijill.access.actor import operator_actor
from sijill.demo.duplicates import reregister
from sijill.demo.households import Builder
from sijill.matching import PersonMatcher
from sijill.matching.blocking import blocking_keys
from sijill.registry import candidates
from sijill.registry import service as registry_service
from sijill.registry.models import CandidateKey
from sijill.registry.schemas import FamilyLinkIn, NameIn, NewRelativeIn, PersonUpdate
from sijill.registry.vocab import NameType, Relation

pytestmark = pytest.mark.integration


def without_edits(keys: set[tuple[str, int | None]]) -> set[tuple[str, int | None]]:
    return {(key, year) for key, year in keys if not key.startswith("e:")}


def index_of(session, person_id) -> set[tuple[str, int | None]]:
    stmt = select(CandidateKey.key, CandidateKey.dob_year).where(
        CandidateKey.person_id == person_id
    )
    return {(key, year) for key, year in session.execute(stmt)}


def correction(version: int, *args, **kwargs) -> PersonUpdate:
    data = person_in(*args, **kwargs)
    return PersonUpdate(**data.model_dump(), expected_version=version)


def test_registration_indexes_every_name_alias_and_document(session):
    actor = make_actor(session)
    person = register(session, actor, "Ahmad al-Sharaa", "أبو محمد الجولاني", document="N12345")
    keys = index_of(session, person.id)
    assert without_edits(keys) == {
        ("p:hmd xr", 1990),
        ("p:abu:mhmd jln", 1990),
        ("d:N12345", 1990),
    }
    assert {("e:hm xr", 1990), ("e:abu:mhd jln", 1990), ("e:abu:mhmd jl", 1990)} < keys


def test_a_relative_registered_with_the_person_is_indexed(session):
    actor = make_actor(session)
    child = NewRelativeIn(names=[NameIn(full="Aisha Karimova", name_type=NameType.PRIMARY)])
    family = [FamilyLinkIn(relation=Relation.CHILD, new_person=child)]
    person = register(session, actor, "Farid Nabiev", family=family)
    keys = index_of(session, person.family[0].person_id)
    assert without_edits(keys) == {("p:krmw x", None)}
    assert ("e:krm x", None) in keys


def test_a_correction_rewrites_the_index_in_the_same_transaction(session):
    actor = make_actor(session)
    person = register(session, actor, "Yusuf Karimov", document="AA1111111", year=1990)
    assert ("d:AA1111111", 1990) in index_of(session, person.id)
    data = correction(1, "Yusuf Qarimov Aliyevich", "Юсуф Каримов", year=1985)
    out = registry_service.update_person(session, actor, person.regno, data)
    expected = {(key, 1985) for key in blocking_keys(candidates.record_of_out(out))}
    assert index_of(session, person.id) == expected
    assert ("p:krm ysf", 1985) in expected  # the Cyrillic alias, keyed as the Latin name
    assert ("p:krm lwx", 1985) in expected  # the new name's words


def test_a_refused_correction_leaves_the_index_as_it_was(session):
    actor = make_actor(session)
    person = register(session, actor, "Yusuf Karimov", year=1990)
    before = index_of(session, person.id)
    with pytest.raises(Exception, match="changed by someone else"):
        registry_service.update_person(
            session, actor, person.regno, correction(7, "Other Name", year=1970)
        )
    assert index_of(session, person.id) == before


def test_rebuild_gives_the_rows_the_registrations_wrote(session):
    actor = make_actor(session)
    people = [
        register(session, actor, "Yusuf Karimov", "Юсуф Каримов", document="UZ777777"),
        register(session, actor, "Abu Hafs", year=1975),
        register(session, actor, "أحمد الشرع", year=1982),
    ]
    written = {p.id: index_of(session, p.id) for p in people}
    candidates.rebuild(session, operator_actor())
    assert {p.id: index_of(session, p.id) for p in people} == written
    candidates.rebuild(session, operator_actor(), workers=2)  # keys made in two processes
    assert {p.id: index_of(session, p.id) for p in people} == written


def test_candidates_across_scripts_with_the_engine_explanation(session):
    actor = make_actor(session)
    known = register(session, actor, "Ahmad al-Sharaa", year=1982)
    register(session, actor, "Hamza bin Laden", year=1989)
    record = candidates.record_of_input(person_in("أحمد الشرع", year=1982))
    found = candidates.candidates(session, record, PersonMatcher())
    assert [s.person.id for s in found] == [known.id]
    assert found[0].result.decision == "match"
    assert any("same after transliteration" in line for line in found[0].result.explanation)


def test_a_common_name_keeps_the_nearest_years_of_birth(session):
    actor = make_actor(session)
    by_id = {register(session, actor, "Muhammad Ahmad", year=y).id: y for y in range(1960, 2000, 2)}
    record = candidates.record_of_input(person_in("Muhammad Ahmad", year=1981))
    ids = candidates.retrieve(session, record, per_key=4)
    assert sorted(by_id[i] for i in ids) == [1978, 1980, 1982, 1984]


def _population(session, households: int) -> list:
    """Synthetic heads of household (the demo's generator), every third one registered a
    second time under another spelling, script, order or date precision."""
    actor = make_actor(session)
    builder = Builder(seed=7)
    heads = []
    for i in range(households):
        household, original = builder.household(f"h{i}")
        heads.append(household.head)
        if i % 3 == 0:
            heads.append(reregister(builder, original, f"d{i}").head)
    return [
        registry_service.register_person(session, actor, data, None, NAMESAKE) for data in heads
    ]


def test_blocking_recall_against_scoring_everyone(session):
    """Every pair that scoring everyone against everyone calls ``possible`` or ``match`` is
    found through the index (the target is 99.5%; this population gives all of them)."""
    people = _population(session, 60)
    matcher = PersonMatcher()
    records = {p.id: candidates.record_of_out(p) for p in people}
    expected = found = 0
    for pid, record in records.items():
        truth = {
            other
            for other, stored in records.items()
            if other != pid and matcher.score(record, stored).decision != "no_match"
        }
        got = {s.person.id for s in candidates.candidates(session, record, matcher, exclude=pid)}
        expected += len(truth)
        found += len(truth & got)
    assert expected > 0
    assert found / expected >= 0.995


def test_blocking_keys_are_what_the_index_holds(session):
    actor = make_actor(session)
    person = register(session, actor, "Omar Diaby", "Omar Omsen", document="FR99887766")
    keys = {key for key, _ in index_of(session, person.id)}
    assert keys == blocking_keys(candidates.record_of_out(person))
