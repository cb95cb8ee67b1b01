import pytest

from factories.registry import make_facility
from sijill.access.permissions import Role

pytestmark = pytest.mark.integration


def test_register_through_form_then_find(web_as, session):
    web, user, csrf = web_as(Role.REGISTRAR)
    facility = make_facility(session, user.office.code)
    session.commit()
    form = {
        "csrf_token": csrf,
        "names.0.full": "Abdulrahman Tursunov",
        "names.0.name_type": "primary",
        "names.1.full": "Абдурахман Турсунов",
        "names.1.name_type": "alias",
        "sex": "M",
        "date_of_birth.precision": "year",
        "date_of_birth.year": "1988",
        "nationalities": "TJ",
        "documents.0.doc_type": "passport",
        "documents.0.issuing_state": "TJ",
        "documents.0.number": "400123987",
        "documents.0.status": "lost",
        "family.0.relation": "spouse",
        "family.0.new_person.names.0.full": "Malika Tursunova",
        "family.0.new_person.names.0.name_type": "primary",
        "family.0.new_person.sex": "F",
        "family.0.new_person.date_of_birth.precision": "year",
        "family.0.new_person.date_of_birth.year": "1992",
        "facility_id": str(facility.id),
    }
    response = web.post("/people", data=form, follow_redirects=False)
    assert response.status_code == 303, response.text
    page = web.get(response.headers["location"])
    assert "Абдурахман Турсунов" in page.text
    assert "Malika Tursunova" in page.text
    found = web.get("/people", params={"q": "Абдурахман"})
    assert "Abdulrahman Tursunov" in found.text


def test_api_register_and_problem_json(api_as):
    api, _user = api_as(Role.REGISTRAR)
    body = {"names": [{"full": "Ali\u202eReza"}], "sex": "M"}
    response = api.post("/api/v1/people", json=body)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert "names.0.full" in response.json()["errors"]
