"""Registering a person in one flow: names in several scripts, documents, family,
affiliations and where they are now."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from factories.access import make_actor
from factories.registry import make_facility, make_group, person_in, register
from sijill.errors import Conflict, InvalidInput
from sijill.registry import queries
from sijill.registry import regno as regnos
from sijill.registry import service as registry_service
from sijill.registry.models import FamilyLink, Person, Placement
from sijill.registry.schemas import (
    AffiliationIn,
    DateOfBirthIn,
    DocumentIn,
    FamilyLinkIn,
    MoveIn,
    NameIn,
    NewRelativeIn,
    PersonIn,
)
from sijill.registry.vocab import (
    DatePrecision,
    DocumentStatus,
    DocumentType,
    NameType,
    Relation,
    Sex,
)

pytestmark = pytest.mark.integration


def test_names_in_several_scripts_keep_their_script_parts_and_order(session):
    actor = make_actor(session)
    data = PersonIn(
        names=[
            NameIn(full="أحمد حسين الشرع", given="أحمد", father="حسين", family="الشرع"),
            NameIn(full="Ahmad al-Sharaa", name_type=NameType.ALIAS, source="passport"),
            NameIn(full="Абу Мухаммад аль-Джулани", name_type=NameType.NOM_DE_GUERRE),
            NameIn(full="Abu Muhammad al-Jolani", name_type=NameType.KUNYA),
        ],
        sex=Sex.MALE,
        date_of_birth=DateOfBirthIn(precision=DatePrecision.MONTH, year=1982, month=10),
        place_of_birth="Riyadh",
        birth_country="SA",
        nationalities=["SY", "SY", "SA"],
        languages=["ar"],
    )
    out = registry_service.register_person(session, actor, data)
    assert [(n.full, n.script, n.name_type) for n in out.names] == [
        ("أحمد حسين الشرع", "Arabic", NameType.PRIMARY),
        ("Ahmad al-Sharaa", "Latin", NameType.ALIAS),
        ("Абу Мухаммад аль-Джулани", "Cyrillic", NameType.NOM_DE_GUERRE),
        ("Abu Muhammad al-Jolani", "Latin", NameType.KUNYA),
    ]
    assert (out.names[0].given, out.names[0].father, out.names[0].family) == (
        "أحمد",
        "حسين",
        "الشرع",
    )
    assert out.names[1].source == "passport"
    assert out.name == "أحمد حسين الشرع"
    assert out.date_of_birth == "1982-10"
    assert out.nationalities == ["SY", "SA"]  # duplicates dropped, order kept
    assert (out.version, out.office) == (1, actor.office_code)
    assert regnos.parse(out.regno) == regnos.compact(out.regno)
    assert queries.get_person(session, actor, out.regno) == out


def test_documents_in_every_status_with_dates(session):
    actor = make_actor(session)
    docs = [
        DocumentIn(
            doc_type=DocumentType.PASSPORT,
            issuing_state="FR",
            number="19AB 12345",
            status=DocumentStatus.SURRENDERED,
            issue_date=dt.date(2013, 5, 2),
            expiry_date=dt.date(2023, 5, 1),
        ),
        DocumentIn(doc_type=DocumentType.NATIONAL_ID, issuing_state="SY", number="0102030405"),
        DocumentIn(
            doc_type=DocumentType.MILITARY_ID,
            issuing_state="SY",
            number="M-7781",
            status=DocumentStatus.SUSPECTED_FORGED,
        ),
    ]
    out = registry_service.register_person(session, actor, person_in(documents=docs))
    assert [(d.doc_type, d.number, d.status) for d in out.documents] == [
        (DocumentType.PASSPORT, "19AB 12345", DocumentStatus.SURRENDERED),
        (DocumentType.NATIONAL_ID, "0102030405", DocumentStatus.HELD),
        (DocumentType.MILITARY_ID, "M-7781", DocumentStatus.SUSPECTED_FORGED),
    ]
    assert (out.documents[0].issue_date, out.documents[0].expiry_date) == (
        dt.date(2013, 5, 2),
        dt.date(2023, 5, 1),
    )


def test_spouse_and_child_registered_in_the_same_flow(session):
    actor = make_actor(session)
    camp = make_facility(session, actor.office_code)
    family = [
        FamilyLinkIn(
            relation=Relation.SPOUSE,
            new_person=NewRelativeIn(
                names=[NameIn(full="Malika Tursunova"), NameIn(full="Малика", name_type="alias")],
                sex=Sex.FEMALE,
                nationalities=["TJ"],
            ),
        ),
        FamilyLinkIn(
            relation=Relation.CHILD,
            new_person=NewRelativeIn(
                names=[NameIn(full="Aisha Tursunova")],
                sex=Sex.FEMALE,
                date_of_birth=DateOfBirthIn(precision=DatePrecision.YEAR, year=2017),
            ),
        ),
    ]
    data = person_in("Abdulrahman Tursunov", family=family, facility_id=camp.id)
    father = registry_service.register_person(session, actor, data)
    assert [(r.relation, r.name) for r in father.family] == [
        (Relation.SPOUSE, "Malika Tursunova"),
        (Relation.CHILD, "Aisha Tursunova"),
    ]
    spouse = queries.get_person(session, actor, father.family[0].regno)
    child = queries.get_person(session, actor, father.family[1].regno)
    assert len({father.id, spouse.id, child.id}) == 3
    assert len({father.regno, spouse.regno, child.regno}) == 3
    assert [(r.relation, r.regno) for r in spouse.family] == [(Relation.SPOUSE, father.regno)]
    assert [(r.relation, r.regno) for r in child.family] == [(Relation.PARENT, father.regno)]
    assert [n.full for n in spouse.names] == ["Malika Tursunova", "Малика"]
    assert (spouse.sex, spouse.nationalities, child.date_of_birth) == (Sex.FEMALE, ["TJ"], "2017")
    # the family is where the person is
    assert [p.facility_id for p in spouse.placements] == [camp.id]
    assert spouse.placements[0].reason == "family"
    links = session.scalars(select(FamilyLink)).all()
    assert len(links) == 4


def test_link_to_an_existing_person_by_number_in_any_spelling(session):
    actor = make_actor(session)
    mother = register(session, actor, "Zainab Karimova", sex=Sex.FEMALE)
    typed = mother.regno.replace("-", "").lower()
    link = FamilyLinkIn(relation=Relation.PARENT, regno=typed)
    son = registry_service.register_person(session, actor, person_in(family=[link]))
    assert [(r.relation, r.regno) for r in son.family] == [(Relation.PARENT, mother.regno)]
    mother_now = queries.get_person(session, actor, mother.regno)
    assert [(r.relation, r.regno) for r in mother_now.family] == [(Relation.CHILD, son.regno)]


def test_link_to_an_unknown_number_is_refused_beside_the_field(session):
    actor = make_actor(session)
    link = FamilyLinkIn(relation=Relation.SIBLING, regno=regnos.generate())
    with pytest.raises(InvalidInput) as caught:
        registry_service.register_person(session, actor, person_in(family=[link]))
    assert set(caught.value.errors) == {"family.0.regno"}


def test_affiliations_with_partial_dates(session):
    actor = make_actor(session)
    group = make_group(session, "Katibat Imam Bukhari", "KIB")
    affiliation = AffiliationIn(
        group_id=group.id, unit="2nd battalion", role="fighter", date_from="2014-06", date_to="2017"
    )
    out = registry_service.register_person(session, actor, person_in(affiliations=[affiliation]))
    (aff,) = out.affiliations
    assert (aff.group_id, aff.group_name, aff.unit, aff.role, aff.date_from, aff.date_to) == (
        group.id,
        "Katibat Imam Bukhari",
        "2nd battalion",
        "fighter",
        "2014-06",
        "2017",
    )


def test_affiliation_to_an_unknown_group_is_refused(session):
    import uuid

    actor = make_actor(session)
    affiliation = AffiliationIn(group_id=uuid.uuid4())
    with pytest.raises(InvalidInput) as caught:
        registry_service.register_person(session, actor, person_in(affiliations=[affiliation]))
    assert caught.value.errors == {"affiliations.0.group_id": "There is no such group."}


def test_facility_placement_and_move_history(session):
    actor = make_actor(session)
    camp = make_facility(session, actor.office_code)
    base = make_facility(session, actor.office_code)
    person = registry_service.register_person(session, actor, person_in(facility_id=camp.id))
    assert [(p.facility_id, p.until, p.reason) for p in person.placements] == [
        (camp.id, None, "registered")
    ]
    moved = registry_service.move_person(
        session, actor, person.regno, MoveIn(facility_id=base.id, reason="transfer")
    )
    assert moved.version == 2
    now, before = moved.placements
    assert (now.facility_id, now.until, now.reason) == (base.id, None, "transfer")
    assert (before.facility_id, before.reason) == (camp.id, "registered")
    assert before.until is not None and before.until <= now.since
    rows = session.scalars(select(Placement).where(Placement.person_id == person.id)).all()
    assert sum(1 for r in rows if r.until is None) == 1
    assert session.get(Person, person.id).facility_id == base.id


def test_moving_to_where_the_person_is_is_a_conflict(session):
    actor = make_actor(session)
    camp = make_facility(session, actor.office_code)
    person = registry_service.register_person(session, actor, person_in(facility_id=camp.id))
    with pytest.raises(Conflict):
        registry_service.move_person(session, actor, person.regno, MoveIn(facility_id=camp.id))


def test_a_facility_of_another_office_is_refused(session):
    actor = make_actor(session)
    theirs = make_facility(session, make_actor(session).office_code)
    with pytest.raises(InvalidInput) as caught:
        registry_service.register_person(session, actor, person_in(facility_id=theirs.id))
    assert caught.value.errors == {"facility_id": "That facility belongs to another office."}


def test_every_person_gets_a_distinct_valid_number(session):
    actor = make_actor(session)
    numbers = [register(session, actor, f"Person {i}").regno for i in range(30)]
    assert len(set(numbers)) == 30
    assert all(regnos.parse(n) for n in numbers)
