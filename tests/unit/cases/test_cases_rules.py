"""Eligibility rule files: parsing with line numbers, evaluation with explanations."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sijill.cases import rules

pytestmark = pytest.mark.unit

HEAD = "version: 2\nname: x\ndocuments:\n"
CLEARED = {
    "years_present": 6.0, "age": 35, "screening_cleared": True, "open_judicial_matter": False,
    "family_ties": 2, "army_integrated": False, "reintegration_completed": False,
}  # fmt: skip


def test_the_shipped_rules_parse():
    ruleset = rules.default_rules()
    assert ruleset.version == 1
    assert set(ruleset.documents) == {"residence_permit", "citizenship"}


def test_evaluation_explains_every_condition():
    outcome = rules.evaluate(rules.default_rules(), "citizenship", CLEARED)
    assert outcome.eligible and outcome.version == 1
    texts = [e.condition for e in outcome.explanations]
    assert "screening_cleared is true" in texts
    assert "years_present at least 10" in texts
    failed = [e for e in outcome.explanations if not e.passed]
    assert [e.condition for e in failed] == ["years_present at least 10",
                                             "army_integrated is true",
                                             "reintegration_completed is true"]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "document", "eligible"),
    [
        ({}, "residence_permit", True),
        ({"screening_cleared": False}, "residence_permit", False),
        ({"open_judicial_matter": True}, "citizenship", False),
        ({"years_present": 4.9}, "citizenship", False),
        ({"years_present": 5, "family_ties": 0}, "citizenship", False),
        ({"years_present": 5, "family_ties": 0, "army_integrated": True}, "citizenship", True),
        ({"years_present": 12, "family_ties": 0}, "citizenship", True),
        ({"age": None}, "citizenship", False),  # an unknown fact never passes
        ({"years_present": 0, "family_ties": 0}, "residence_permit", False),
    ],
)
def test_default_rules_golden_cases(change, document, eligible):
    assert rules.evaluate(rules.default_rules(), document, CLEARED | change).eligible is eligible


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        (HEAD + "  citizenship:\n    all:\n      - {fact: wealth, is: true}\n",
         6, "unknown fact 'wealth'"),
        (HEAD + "  citizenship:\n    all: [\n", 6, ""),
        (HEAD + "  passport:\n    all:\n      - {fact: age, at_least: 1}\n",
         5, "unknown document 'passport'"),
        (HEAD + "  citizenship:\n    all:\n      - {fact: age, is: true}\n",
         6, "'is' does not apply to 'age'"),
        (HEAD + "  citizenship:\n    all:\n"
         "      - {fact: age, at_least: old}\n", 6, "'at_least' takes a number"),
        ("version: 0\nname: x\ndocuments: {}\n", 1, "version must be a whole number from 1"),
        ("name: x\ndocuments: {}\n", 1, "missing 'version'"),
        ("", 1, "the file is empty"),
        (HEAD + "  citizenship:\n    all: []\n", 5, "needs a list"),
    ],
)  # fmt: skip
def test_bad_files_are_refused_with_line_and_reason(text, line, reason):
    with pytest.raises(rules.RuleFileError) as caught:
        rules.parse(text)
    assert caught.value.line == line
    assert reason in caught.value.reason


@given(
    years=st.floats(min_value=0, max_value=60, allow_nan=False),
    ties=st.integers(min_value=0, max_value=10),
    cleared=st.booleans(),
    judicial=st.booleans(),
)
def test_decide_agrees_with_evaluate(years, ties, cleared, judicial):
    facts = CLEARED | {"years_present": years, "family_ties": ties,
                       "screening_cleared": cleared, "open_judicial_matter": judicial}  # fmt: skip
    ruleset = rules.default_rules()
    for doc in rules.DOCUMENTS:
        assert rules.decide(ruleset, doc, facts) == rules.evaluate(ruleset, doc, facts).eligible
        if not cleared or judicial:
            assert not rules.decide(ruleset, doc, facts)
