"""People through the pages: errors beside the field, nothing written on a refusal,
the conflict message, family links by number, moves and history."""

from __future__ import annotations

import html
import re

import pytest

from factories.db import row_counts
from factories.registry import make_facility, register
from sijill.access import service as access_service
from sijill.access.permissions import Role
from sijill.registry import queries

pytestmark = pytest.mark.integration


def form(csrf: str, **fields: str) -> dict[str, str]:
    base = {
        "csrf_token": csrf,
        "names.0.full": "Yusuf Karimov",
        "names.0.name_type": "primary",
        "names.1.full": "",
        "names.1.name_type": "alias",
        "sex": "M",
        "date_of_birth.precision": "year",
        "date_of_birth.year": "1990",
        "documents.0.doc_type": "passport",
        "documents.0.issuing_state": "",
        "documents.0.number": "",
        "documents.0.status": "held",
        # a blank family row, as the form sends it
        "family.0.relation": "spouse",
        "family.0.regno": "",
        "family.0.new_person.names.0.name_type": "primary",
        "family.0.new_person.names.0.full": "",
        "family.0.new_person.sex": "U",
        "family.0.new_person.date_of_birth.precision": "year",
    }
    return base | fields


def error_beside(page: str, field: str) -> str:
    pattern = rf'<span class="error" role="alert" id="err-{re.escape(field)}">(.*?)</span>'
    match = re.search(pattern, page, re.S)
    assert match, f"no error shown beside {field}"
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1)))


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"names.0.full": "Ali\u202eReza"}, "names.0.full", "hidden character"),
        ({"names.1.full": "A" * 201}, "names.1.full", "Too long"),
        (
            {"date_of_birth.precision": "exact", "date_of_birth.year": "1990",
             "date_of_birth.month": "2", "date_of_birth.day": "30"},
            "date_of_birth.day",
            "1990-02 has no day 30",
        ),
        ({"date_of_birth.year": "nineteen"}, "date_of_birth.year", "Enter a whole number."),
        ({"date_of_birth.year": "2999"}, "date_of_birth.year", "The year must be between"),
        (
            {"documents.0.issuing_state": "XX", "documents.0.number": "N123"},
            "documents.0.issuing_state",
            "Unknown country code",
        ),
        (
            {"family.0.new_person.names.0.full": "Malika\u200b"},
            "family.0.new_person.names.0.full",
            "hidden character",
        ),
        ({"family.0.regno": "ABCD-EFGH-1"}, "family.0.regno", "not a valid registry number"),
    ],
)  # fmt: skip
def test_registration_errors_beside_the_field_with_422_and_nothing_written(
    web_as, session, fields, field, message
):
    web, _user, csrf = web_as(Role.REGISTRAR)
    before = row_counts(session)
    response = web.post("/people", data=form(csrf, **fields), follow_redirects=False)
    assert response.status_code == 422
    assert message in error_beside(response.text, field)
    assert row_counts(session) == before
    # what was typed is shown again
    assert html.escape(form(csrf, **fields)["names.0.full"]) in response.text


def test_registration_with_a_shared_document_asks_for_a_reason(web_as, session):
    web, user, csrf = web_as(Role.REGISTRAR)
    holder = register(session, access_service.actor_for(user), "Rustam", document="N1234567")
    session.commit()
    fields = {"documents.0.issuing_state": "UZ", "documents.0.number": "N1234567"}
    before = row_counts(session)
    response = web.post("/people", data=form(csrf, **fields))
    assert response.status_code == 409
    assert holder.regno in error_beside(response.text, "documents.0.shared_number_reason")
    assert row_counts(session) == before
    fields["documents.0.shared_number_reason"] = "family passport"
    response = web.post("/people", data=form(csrf, **fields), follow_redirects=False)
    assert response.status_code == 409  # the same number makes the holder a likely duplicate
    assert f'href="/people/{holder.regno}"' in response.text
    fields["duplicate_reason"] = "his brother, who holds the family passport"
    response = web.post("/people", data=form(csrf, **fields), follow_redirects=False)
    assert response.status_code == 303


def test_registration_shows_likely_duplicates_before_saving(web_as, session):
    web, user, csrf = web_as(Role.REGISTRAR)
    known = register(session, access_service.actor_for(user), "Ahmad al-Sharaa", year=1982)
    session.commit()
    fields = {"names.0.full": "أحمد الشرع", "date_of_birth.year": "1982"}
    before = row_counts(session)
    response = web.post("/people", data=form(csrf, **fields))
    assert response.status_code == 409
    assert row_counts(session) == before
    page = html.unescape(response.text)
    assert f'href="/people/{known.regno}"' in page
    assert "likely the same person" in page
    assert "same after transliteration" in page  # the engine's explanation
    assert "look like this person" in error_beside(response.text, "duplicate_reason")
    assert 'value="أحمد الشرع"' in page  # the form keeps what was typed
    fields["duplicate_reason"] = "a namesake from Deir ez-Zor, met in person"
    response = web.post("/people", data=form(csrf, **fields), follow_redirects=False)
    assert response.status_code == 303
    regno = response.headers["location"].rsplit("/", 1)[1]
    history = queries.history(session, access_service.actor_for(user), regno)
    entry = next(e for e in history if e.tag == "registry:person:create")
    assert entry.version == 1


def test_link_an_existing_person_by_number_through_the_form(web_as, session):
    web, user, csrf = web_as(Role.REGISTRAR)
    mother = register(session, access_service.actor_for(user), "Zainab Karimova")
    session.commit()
    fields = {"family.0.relation": "parent", "family.0.regno": mother.regno.lower()}
    response = web.post("/people", data=form(csrf, **fields), follow_redirects=False)
    assert response.status_code == 303, response.text
    page = web.get(response.headers["location"])
    assert "Zainab Karimova" in page.text
    assert f'href="/people/{mother.regno}"' in page.text  # a node of the family graph
    assert "Registered Yusuf Karimov as" in page.text  # the flash message


def test_person_page_search_and_history(web_as, session):
    web, user, _csrf = web_as(Role.REGISTRAR)
    person = register(session, access_service.actor_for(user), "Ahmad al-Sharaa", "أحمد الشرع")
    session.commit()
    page = web.get(f"/people/{person.regno.replace('-', '').lower()}")
    assert page.status_code == 200
    assert person.regno in page.text and "أحمد الشرع" in page.text
    assert 'dir="auto"' in page.text
    found = web.get("/people", params={"q": "أحمد الشرع"})
    assert f'href="/people/{person.regno}"' in found.text
    history = web.get(f"/people/{person.regno}/history")
    assert f"<td>{user.username}</td>" in history.text
    assert f'href="/people/{person.regno}/versions/1"' in history.text
    assert web.get(f"/people/{person.regno}/versions/1").status_code == 200


def test_move_through_the_page(web_as, session):
    web, user, csrf = web_as(Role.REGISTRAR)
    camp = make_facility(session, user.office.code)
    person = register(session, access_service.actor_for(user), "Yusuf Karimov")
    session.commit()
    response = web.post(
        f"/people/{person.regno}/move",
        data={"csrf_token": csrf, "facility_id": str(camp.id), "reason": "arrived"},
    )
    assert response.status_code == 200
    assert f"Moved to {camp.name}." in response.text
    assert queries.get_person(session, access_service.actor_for(user), person.regno).version == 2
    bad = web.post(f"/people/{person.regno}/move", data={"csrf_token": csrf, "facility_id": "x"})
    assert bad.status_code == 422


def edit_form(csrf: str, version: str, name: str) -> dict[str, str]:
    return {
        "csrf_token": csrf,
        "expected_version": version,
        "names.0.full": name,
        "names.0.name_type": "primary",
        "sex": "M",
        "date_of_birth.precision": "year",
        "date_of_birth.year": "1990",
        "nationalities": "UZ",
    }


def test_two_registrars_editing_at_once_the_second_sees_the_conflict(web_as, session):
    first, user, csrf1 = web_as(Role.REGISTRAR)
    second, _, csrf2 = web_as(Role.REGISTRAR, user.office.code)
    person = register(session, access_service.actor_for(user), "Yusuf Karimov")
    session.commit()
    for web in (first, second):
        edit = web.get(f"/people/{person.regno}/edit")
        assert 'name="expected_version" value="1"' in edit.text
    saved = first.post(
        f"/people/{person.regno}", data=edit_form(csrf1, "1", "Yusuf Qarimov"),
        follow_redirects=False,
    )  # fmt: skip
    assert saved.status_code == 303
    before = row_counts(session)
    refused = second.post(f"/people/{person.regno}", data=edit_form(csrf2, "1", "Yusuf Kerimov"))
    assert refused.status_code == 409
    conflict = re.search(r'id="conflict">(.*?)</p>', refused.text, re.S).group(1)
    assert "changed by someone else" in conflict and "Nothing was saved" in conflict
    assert "version 1" in conflict and "version 2" in conflict
    assert "Yusuf Kerimov" in refused.text  # the refused input is kept to be redone
    assert row_counts(session) == before
    page = second.get(f"/people/{person.regno}")
    assert "Yusuf Qarimov" in page.text and "Yusuf Kerimov" not in page.text


def test_correction_errors_are_shown_beside_the_field(web_as, session):
    web, user, csrf = web_as(Role.REGISTRAR)
    person = register(session, access_service.actor_for(user), "Yusuf Karimov")
    session.commit()
    before = row_counts(session)
    response = web.post(f"/people/{person.regno}", data=edit_form(csrf, "1", "Yusuf\u200bK"))
    assert response.status_code == 422
    assert "hidden character" in error_beside(response.text, "names.0.full")
    assert row_counts(session) == before


def test_another_office_gets_a_404_page(web_as, session):
    mine, user, _ = web_as(Role.REGISTRAR)
    person = register(session, access_service.actor_for(user), "Yusuf Karimov")
    session.commit()
    theirs, _, _ = web_as(Role.REGISTRAR)
    response = theirs.get(f"/people/{person.regno}")
    assert response.status_code == 404
    assert "text/html" in response.headers["content-type"]
    assert "No person with registry number" in response.text
    assert "Yusuf Karimov" not in response.text
    assert 'class="main-nav"' in response.text  # the error page keeps the menu
    assert mine.get(f"/people/{person.regno}").status_code == 200


def test_a_role_that_may_not_gets_a_403_page(web_as):
    web, _, _ = web_as(Role.OBSERVER)
    response = web.get("/people/new")
    assert response.status_code == 403
    assert "may not do this" in response.text


def test_a_family_link_is_removed_from_the_correction_form(web_as, session):
    from sijill.registry.schemas import FamilyLinkIn
    from sijill.registry.vocab import Relation

    web, user, csrf = web_as(Role.REGISTRAR)
    actor = access_service.actor_for(user)
    mother = register(session, actor, "Zainab Karimova")
    son = register(
        session, actor, "Yusuf Karimov",
        family=[FamilyLinkIn(relation=Relation.PARENT, regno=mother.regno)],
    )  # fmt: skip
    session.commit()
    page = web.get(f"/people/{son.regno}/edit")
    assert f'name="unlink" value="{son.family[0].regno}"' in page.text
    data = edit_form(csrf, "1", "Yusuf Karimov") | {"unlink": mother.regno, "reason": "wrong"}
    response = web.post(f"/people/{son.regno}", data=data)
    assert response.status_code == 200, response.text
    assert queries.get_person(session, actor, son.regno).family == []
