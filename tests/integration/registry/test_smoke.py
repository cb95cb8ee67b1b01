import pytest

from factories.access import make_actor
from factories.registry import register
from sijill.registry import queries

pytestmark = pytest.mark.integration


def test_register_and_find_by_arabic_name(session):
    actor = make_actor(session)
    person = register(session, actor, "Ahmad al-Sharaa", "أحمد الشرع", document="AB123456")
    assert queries.get_person(session, actor, person.regno).version == 1
    found = queries.search(session, actor, "أحمد الشرع")
    assert [p.regno for p in found] == [person.regno]
