"""Name search through the candidate index, ranked by the matching engine's name score."""

from __future__ import annotations

import pytest

from factories.access import make_actor
from factories.registry import register
from sijill.registry import queries

pytestmark = pytest.mark.integration


def test_the_closest_name_comes_first_in_any_script_and_order(session):
    actor = make_actor(session)
    longer = register(session, actor, "Muhammad Ahmad Ali al-Hamwi", year=1970)
    exact = register(session, actor, "محمد أحمد الحموي", year=1985)
    register(session, actor, "Muhammad Khalid al-Hamwi", year=1990)
    found = [p.regno for p in queries.search(session, actor, "HAMWI, Mohammed Ahmed")]
    assert found[:2] == [exact.regno, longer.regno]


def test_a_part_of_a_longer_name_finds_it(session):
    actor = make_actor(session)
    person = register(session, actor, "Abdulrahman Yusuf Tursunov", year=1980)
    assert [p.regno for p in queries.search(session, actor, "Abd al-Rahman Tursunov")] == [
        person.regno
    ]


def test_names_sharing_one_word_only_are_not_found(session):
    actor = make_actor(session)
    register(session, actor, "Ahmad Ali", year=1980)
    assert queries.search(session, actor, "Ahmad al-Sharaa") == []
