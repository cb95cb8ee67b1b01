"""Organisation names put in one spelling: legal forms, abbreviations, numbers, dotted letters."""

from __future__ import annotations

import pytest

from sijill.matching.align import compare_names
from sijill.matching.orgs import org_text

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("Saraya Trading Limited Liability Company", "Saraya Trading llc"),
        ("Saraya Trading LLC", "Saraya Trading llc"),
        ("OAO Saraya", "jsc Saraya"),
        ("Saraya Corp.", "Saraya corporation"),
        ("Saraya Int'l Bank", "Saraya international Bank"),
        ("Brigade Forty-Four", "Brigade 44"),
        ("First Battalion", "1 Battalion"),
        ("Liwa 313", "Liwa 313"),
        ("A.B.C. Trading", "ABC Trading"),
        ("Hay'at Tahrir al-Sham", "Hay'at Tahrir al Sham"),  # "at" is not a legal form here
        ("Jaysh al-Islam in Ghouta", "Jaysh al Islam in Ghouta"),  # nor "in" inside a name
        ("AT&T Inc.", "AT&T llc"),  # nor a form glued to a sign
    ],
)
def test_org_text(name: str, text: str) -> None:
    assert org_text(name)[0] == text


def test_legal_forms_are_reported() -> None:
    _, legal = org_text("Saraya Trading Limited Liability Company")
    assert "llc" in legal


def band(score: float) -> str:
    return "match" if score >= 0.85 else ("possible" if score >= 0.6 else "no_match")


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Saraya Trading LLC", "Saraya Trading Limited Liability Company", "match"),
        ("Saraya Trading Corp.", "Saraya Trading Corporation", "match"),
        ("A.B.C. Trading", "ABC Trading Co.", "match"),
        ("Liwa al-Tawhid", "لواء التوحيد", "match"),
        ("Harakat Nour al-Din al-Zenki", "HNDZ", "match"),  # acronym of every part
        ("Hay'at Tahrir al-Sham", "HTS", "match"),  # acronym of every word
        ("Saraya Trading AG", "Saraya Trading GmbH", "possible"),  # two legal forms
        ("Saraya Trading", "Saraya Trading Syria", "no_match"),  # a naming word on one side
        ("Liwa al-Tawhid", "Liwa al-Haqq", "no_match"),
        ("Brigade 44", "Brigade 45", "no_match"),
    ],
)
def test_organisation_names(a: str, b: str, expected: str) -> None:
    found = compare_names(a, b, org=True)
    assert band(found.score) == expected, found.describe()
