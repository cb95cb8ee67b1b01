"""The sijill-person algorithm: decisions, weights, organisations, and properties."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sijill.matching import MatchRecord, algorithms, get_algorithm, score
from sijill.matching.algorithms import PersonMatcher
from sijill.names.normalise import normalise

pytestmark = pytest.mark.unit

SETTINGS = settings(database=None, deadline=None, max_examples=200)


def person(name: str, *aliases: str, **fields: object) -> MatchRecord:
    return MatchRecord(names=(name, *aliases), **fields)  # type: ignore[arg-type]


def org(name: str, *aliases: str) -> MatchRecord:
    return MatchRecord(names=(name, *aliases), schema="Organization")


# (a, b, decision): synthetic records, one row per rule.
GOLDEN = [
    (person("Khaled al-Hamwi", dob="1982"), person("خالد الحموي", dob="1982-10-29"), "match"),
    (person("Ali Haddad", dob="1971-02-11"), person("Ali Haddad", dob="1988-07-30"), "no_match"),
    (person("Ali Haddad", dob="1971-02-11"), person("Ali Haddad", dob="1972-02-11"), "possible"),
    (person("Nour Haddad", sex="M"), person("Nour Haddad", sex="F"), "no_match"),
    (
        person("Omar Haddad", nationalities=("SY",)),
        person("Omar Haddad", nationalities=("SY",)),
        "match",
    ),
    (person("Abu Yusuf al-Halabi"), person("Abu Yusuf al-Homsi"), "no_match"),
    (person("Hassan bin Khalid al-Masri"), person("Omar bin Khalid al-Masri"), "no_match"),
    (person("Bilal bin Tariq al-Haddad"), person("Tariq al-Haddad"), "no_match"),
    (
        person("Ahmad Khalil", documents=("N123456",)),
        person("Abu Yusuf", documents=("N 123456",)),
        "possible",
    ),
    (person("Ahmad Khalil", "Abu Yusuf al-Halabi"), person("Abu Yousef al-Halabi"), "match"),
    (
        person("Tarkhan Tayumurazovich Batirashvili"),
        person("Батирашвили Тархан Таймуразович"),
        "match",
    ),  # family name first: not a father's name where a given name is
    (person("Ahmad Hamid"), person("Hamid Ahmad Hamid"), "possible"),  # father in a triple name
    (org("Liwa al-Tawhid"), org("لواء التوحيد"), "match"),
    (org("Jaysh al-Islam"), org("Jaish al-Islam Brigade"), "match"),  # "brigade" says what
    (org("Jaysh al-Islam"), org("Jaish al-Islam al-Sham"), "no_match"),  # a word one side
    (org("Jaysh al-Islam"), org("Jaysh al-Mujahidin"), "no_match"),
    (org("Harakat Nour al-Din al-Zenki", "HNDZ"), org("HNDZ"), "match"),
    (org("Brigade Forty-Four"), org("Brigade 44"), "match"),
    (org("Brigade 44"), org("Brigade 45"), "no_match"),
    (org("Saraya Ltd"), org("Saraya Limited"), "match"),
    (person("Omar Haddad"), org("Omar Haddad"), "no_match"),  # a person is not a company
]


@pytest.mark.parametrize(("a", "b", "decision"), GOLDEN)
def test_golden_decisions(a: MatchRecord, b: MatchRecord, decision: str) -> None:
    result = score(a, b)
    assert result.decision == decision, result.explanation
    assert score(b, a).decision == decision


def test_result_names_the_algorithm_and_explains() -> None:
    result = score(person("Khaled al-Hamwi", dob="1982"), person("خالد الحموي", dob="1982-10-29"))
    assert (result.algorithm, result.version) == ("sijill-person", "1")
    assert result.explanation[0].startswith("name 1.00: Khaled al-Hamwi ~ خالد الحموي: ")
    assert (
        "family name / nisba: hamwi ~ hmwi (same after transliteration)"
        not in result.explanation[0]
    )
    assert result.explanation[1] == "date of birth: 1982 within 1982-10-29 [+0.03]"


def test_negative_evidence_is_explained_with_its_weight() -> None:
    result = score(person("Abu Yusuf al-Halabi"), person("Abu Yusuf al-Homsi"))
    assert "same kunya abu-yusuf, other nisba: halabi ≠ homsi [-0.30]" in result.explanation


def test_a_conflicting_date_weighs_less_when_more_of_the_name_agrees() -> None:
    short = score(person("Ali Haddad", dob="1960"), person("Ali Haddad", dob="1970"))
    long_ = score(
        person("Ali Hassan Mahmoud Haddad", dob="1960"),
        person("Ali Hassan Mahmoud Haddad", dob="1970"),
    )
    assert short.score < 0.6 <= long_.score


def test_thresholds_are_parameters() -> None:
    a, b = person("Vladimir Kuznetsov"), person("Vladimir Kuznetsof")
    assert score(a, b, match=0.5, possible=0.4).decision == "match"
    assert score(a, b, match=1.0, possible=1.0).decision == "no_match"


@pytest.mark.parametrize(("match", "possible"), [(0.5, 0.6), (1.2, 0.5), (0.8, -0.1)])
def test_thresholds_are_checked(match: float, possible: float) -> None:
    with pytest.raises(ValueError, match="thresholds"):
        PersonMatcher(match=match, possible=possible)


def test_get_algorithm() -> None:
    assert get_algorithm("sijill-person") is PersonMatcher
    assert get_algorithm() is PersonMatcher
    with pytest.raises(
        KeyError, match="unknown matching algorithm 'nope' \\(known: sijill-person\\)"
    ):
        get_algorithm("nope")


def test_weights_are_documented() -> None:
    doc = algorithms.__doc__ or ""
    for key, (for_, against) in PersonMatcher.WEIGHTS.items():
        assert f"{key:<15}  {for_:.2f}    {against:.2f}" in doc


def test_no_name_no_match() -> None:
    result = score(MatchRecord(()), person("Omar"))
    assert (result.score, result.decision) == (0.0, "no_match")


# Names built from pieces of real names in three scripts, with particles, so that generated
# pairs share words as often as they differ.
WORDS = ["Omar", "Umar", "عمر", "Ахмад", "Ahmad", "al-Haddad", "Haddad", "bin", "Abu",
         "Yusuf", "يوسف", "Khalil", "Abdul", "Rahman", "Hassan", "Hasan", "al-Halabi", "Umm",
         "J."]  # fmt: skip
names = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join) | st.text(
    max_size=20
)
records = st.builds(
    MatchRecord,
    names=st.lists(names, min_size=1, max_size=2).map(tuple),
    dob=st.sampled_from([None, "1980", "1980-05", "1980-05-01", "1985", "~1981"]),
    sex=st.sampled_from([None, "M", "F"]),
    nationalities=st.sampled_from([(), ("SY",), ("IQ",), ("SY", "TR")]),
    documents=st.sampled_from([(), ("N1234",), ("N9999",)]),
    place_of_birth=st.sampled_from([None, "Raqqa", "الرقة", "Homs"]),
    schema=st.sampled_from(["Person", "Person", "Organization"]),
)


@SETTINGS
@given(records, records)
def test_score_is_symmetric_and_in_range(a: MatchRecord, b: MatchRecord) -> None:
    ab, ba = score(a, b), score(b, a)
    assert 0.0 <= ab.score <= 1.0
    assert ab.score == ba.score
    assert ab.decision == ba.decision


def _named(text: str) -> bool:
    """A name with two letters in a row once normalised (initials alone prove nothing)."""
    return re.search(r"[^\W\d_]{2}", normalise(text)) is not None


@SETTINGS
@given(records)
def test_identical_records_match(a: MatchRecord) -> None:
    if any(_named(name) for name in a.names):
        assert score(a, a).decision == "match", score(a, a).explanation
