"""Search by registry number, document number and name in any script; and what each office
may see."""

from __future__ import annotations

import pytest

from factories.access import make_actor, make_office
from factories.registry import make_facility, person_in, register
from sijill.access.permissions import Role
from sijill.errors import InvalidInput, NeedsConfirmation, NotFound
from sijill.registry import queries
from sijill.registry import service as registry_service
from sijill.registry.schemas import FamilyLinkIn, MoveIn, PersonUpdate
from sijill.registry.vocab import Relation

pytestmark = pytest.mark.integration


def regnos_found(session, actor, query):
    return [p.regno for p in queries.search(session, actor, query)]


@pytest.fixture
def people(session):
    actor = make_actor(session)
    sharaa = register(session, actor, "Ahmad al-Sharaa", "أحمد الشرع", document="AB1234567")
    tursunov = register(session, actor, "Абдурахман Турсунов", document="400123987")
    jolani = register(session, actor, "Abu Muhammad al-Jolani")
    other = register(session, actor, "Yusuf Karimov", document="ZZ000111")
    return actor, sharaa, tursunov, jolani, other


def test_by_registry_number_with_and_without_dashes_in_any_case(session, people):
    actor, sharaa, *_ = people
    compact = sharaa.regno.replace("-", "")
    for query in (sharaa.regno, compact, compact.lower(), sharaa.regno.lower(), f" {compact} "):
        assert regnos_found(session, actor, query) == [sharaa.regno], query


def test_a_mistyped_registry_number_finds_nobody(session, people):
    actor, sharaa, *_ = people
    wrong = sharaa.regno[:-1] + ("0" if sharaa.regno[-1] != "0" else "1")
    assert regnos_found(session, actor, wrong) == []


def test_by_document_number_however_it_is_written(session, people):
    actor, sharaa, tursunov, *_ = people
    for query in ("AB1234567", "ab1234567", "AB 123-4567"):
        assert regnos_found(session, actor, query) == [sharaa.regno], query
    assert regnos_found(session, actor, "400 123 987") == [tursunov.regno]


def test_by_arabic_script_name(session, people):
    actor, sharaa, *_ = people
    assert regnos_found(session, actor, "أحمد الشرع") == [sharaa.regno]
    assert regnos_found(session, actor, "احمد الشرع") == [sharaa.regno]  # hamza folded


def test_by_cyrillic_name_and_across_scripts(session, people):
    actor, sharaa, tursunov, jolani, _ = people
    assert regnos_found(session, actor, "Абдурахман Турсунов") == [tursunov.regno]
    assert regnos_found(session, actor, "Abdulrahman Tursunov") == [tursunov.regno]
    assert regnos_found(session, actor, "Abdurakhmon") == [tursunov.regno]
    # registered in Latin only, found in Arabic script and in Cyrillic
    assert regnos_found(session, actor, "أبو محمد الجولاني") == [jolani.regno]
    assert regnos_found(session, actor, "Абу Мухаммад аль-Джулани") == [jolani.regno]
    assert regnos_found(session, actor, "Ahmed Sharaa") == [sharaa.regno]


def test_every_word_of_the_query_must_match(session, people):
    actor, *_ = people
    assert regnos_found(session, actor, "Ahmad Tursunov") == []
    assert regnos_found(session, actor, "   ") == []


def test_retired_names_and_documents_are_not_found(session, people):
    actor, sharaa, *_ = people
    update = PersonUpdate(**person_in("Ahmad Hussein").model_dump(), expected_version=1)
    registry_service.update_person(session, actor, sharaa.regno, update)
    assert regnos_found(session, actor, "al-Sharaa") == []
    assert regnos_found(session, actor, "AB1234567") == []
    assert regnos_found(session, actor, "Ahmad Hussein") == [sharaa.regno]


# ---- office scope ---------------------------------------------------------------------


@pytest.fixture
def two_offices(session):
    a, b = make_actor(session), make_actor(session)
    person = register(session, a, "Ahmad al-Sharaa", "أحمد الشرع", document="AB1234567")
    return a, b, person


def test_another_office_cannot_see_or_search(session, two_offices):
    a, b, person = two_offices
    assert queries.get_person(session, a, person.regno).id == person.id
    with pytest.raises(NotFound):
        queries.get_person(session, b, person.regno)
    for query in (person.regno, "AB1234567", "أحمد الشرع", "Ahmad"):
        assert regnos_found(session, b, query) == [], query
    assert queries.list_people(session, b) == []
    assert queries.count_people(session, b) == 0
    assert [p.regno for p in queries.list_people(session, a)] == [person.regno]
    with pytest.raises(NotFound):
        queries.history(session, b, person.regno)
    with pytest.raises(NotFound):
        queries.revision(session, b, person.regno, 1)


def test_another_office_cannot_edit_or_move(session, two_offices):
    _a, b, person = two_offices
    theirs = make_facility(session, b.office_code)
    update = PersonUpdate(**person_in("Changed Name").model_dump(), expected_version=1)
    with pytest.raises(NotFound):
        registry_service.update_person(session, b, person.regno, update)
    with pytest.raises(NotFound):
        registry_service.move_person(session, b, person.regno, MoveIn(facility_id=theirs.id))
    with pytest.raises(NotFound):
        registry_service.get_person_by_id(session, b, person.id)


def test_another_office_cannot_link_family_to_the_person(session, two_offices):
    _a, b, person = two_offices
    link = FamilyLinkIn(relation=Relation.SPOUSE, regno=person.regno)
    with pytest.raises(InvalidInput) as caught:
        registry_service.register_person(session, b, person_in(family=[link]))
    assert set(caught.value.errors) == {"family.0.regno"}


def test_a_shared_document_of_another_office_does_not_reveal_the_holder(session, two_offices):
    _a, b, person = two_offices
    with pytest.raises(NeedsConfirmation) as caught:
        registry_service.register_person(session, b, person_in(document="AB1234567"))
    assert "another office" in caught.value.message
    assert person.regno not in caught.value.message


def test_a_national_office_sees_all(session, two_offices):
    a, _b, person = two_offices
    national = make_actor(session, Role.SCREENING, make_office(session, national=True))
    assert queries.get_person(session, national, person.regno).id == person.id
    assert regnos_found(session, national, "أحمد الشرع") == [person.regno]
    theirs = register(session, make_actor(session), "Yusuf Karimov")
    assert {p.regno for p in queries.list_people(session, national)} >= {
        person.regno,
        theirs.regno,
    }
    assert theirs.regno not in [p.regno for p in queries.list_people(session, a)]


def test_a_person_moved_to_a_facility_of_another_office_becomes_visible_there(session, two_offices):
    a, b, person = two_offices
    national = make_actor(session, Role.REGISTRAR, make_office(session, national=True))
    camp_of_b = make_facility(session, b.office_code)
    with pytest.raises(InvalidInput):  # office A may not place people in B's facilities
        registry_service.move_person(session, a, person.regno, MoveIn(facility_id=camp_of_b.id))
    registry_service.move_person(session, national, person.regno, MoveIn(facility_id=camp_of_b.id))
    assert queries.get_person(session, b, person.regno).placements[0].facility_id == camp_of_b.id
    assert regnos_found(session, b, "أحمد الشرع") == [person.regno]
    assert queries.get_person(session, a, person.regno).office == a.office_code  # still A's


@pytest.mark.parametrize("role", [Role.OBSERVER, Role.ADMINISTRATOR])
def test_roles_without_read_cannot_search(session, two_offices, role):
    from sijill.errors import NotPermitted

    _a, _b, person = two_offices
    actor = make_actor(session, role)
    with pytest.raises(NotPermitted):
        queries.search(session, actor, person.regno)
    with pytest.raises(NotPermitted):
        queries.list_people(session, actor)
