"""The army integration states in which a person may hold a weapon permit: a setting."""

from __future__ import annotations

import typing

import pytest
from pydantic import ValidationError

from sijill.arms.guards import DEFAULT_ARMY_STATES
from sijill.cases.workflow import ArmyStatus
from sijill.config import Settings

pytestmark = pytest.mark.unit


def test_the_default_is_integrated_and_matches_the_guard(monkeypatch):
    monkeypatch.delenv("SIJILL_PERMIT_ARMY_STATES", raising=False)
    assert Settings().permit_army_states == DEFAULT_ARMY_STATES == ("integrated",)


def test_a_json_list_of_army_states_is_read(monkeypatch):
    monkeypatch.setenv("SIJILL_PERMIT_ARMY_STATES", '["training", "integrated"]')
    assert Settings().permit_army_states == ("training", "integrated")


@pytest.mark.parametrize("value", ['["refused"]', '["papers"]', "[]"])
def test_closed_unknown_or_no_states_are_refused(monkeypatch, value):
    monkeypatch.setenv("SIJILL_PERMIT_ARMY_STATES", value)
    with pytest.raises(ValidationError):
        Settings()


def test_every_accepted_value_is_a_state_of_the_army_pathway():
    hint = typing.get_type_hints(Settings)["permit_army_states"]
    [literal, _] = typing.get_args(hint)
    assert set(typing.get_args(literal)) <= {s.value for s in ArmyStatus}
