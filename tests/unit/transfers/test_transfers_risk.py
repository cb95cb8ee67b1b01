"""The non-refoulement assessment and readiness rules as golden-case tables."""

from __future__ import annotations

import datetime as dt

import pytest

from sijill.errors import Msg
from sijill.holds.rules import HoldKind
from sijill.transfers.readiness import Facts, Hold, ReviewOutcome, check
from sijill.transfers.risk import (
    FactorKind,
    GroupKind,
    Outcome,
    PersonTraits,
    Rating,
    RiskLevel,
    assess,
)

pytestmark = pytest.mark.unit

RATINGS = [
    Rating("CN", RiskLevel.ELEVATED, "State report"),
    Rating("CN", RiskLevel.PROHIBITED, "UNHCR", GroupKind.LANGUAGE, "ug"),
    Rating("IQ", RiskLevel.LOW, "Bilateral agreement"),
    Rating("IQ", RiskLevel.HIGH, "HRW", GroupKind.AFFILIATION, "Group X"),
    Rating("SY", RiskLevel.HIGH, "COI"),
]
UYGHUR = PersonTraits(nationalities=("CN",), languages=("ug", "ar"))
PLAIN = PersonTraits(nationalities=("IQ",))


@pytest.mark.parametrize(
    ("state", "traits", "factors", "confirmed", "outcome", "level"),
    [
        ("CN", UYGHUR, [], False, Outcome.PROHIBITED, RiskLevel.PROHIBITED),
        ("CN", PLAIN, [], False, Outcome.MAY_PROCEED, RiskLevel.ELEVATED),
        ("IQ", PLAIN, [], False, Outcome.MAY_PROCEED, RiskLevel.LOW),
        (
            "IQ",
            PersonTraits(affiliations=("group x",)),
            [],
            False,
            Outcome.LEGAL_REVIEW,
            RiskLevel.HIGH,
        ),
        ("IQ", PLAIN, [FactorKind.MINOR], False, Outcome.MAY_PROCEED, RiskLevel.ELEVATED),
        (
            "IQ",
            PLAIN,
            [FactorKind.FEAR_OF_PERSECUTION],
            False,
            Outcome.LEGAL_REVIEW,
            RiskLevel.HIGH,
        ),
        ("IQ", PLAIN, [], True, Outcome.LEGAL_REVIEW, RiskLevel.HIGH),
        ("SY", PLAIN, [], False, Outcome.LEGAL_REVIEW, RiskLevel.HIGH),
        ("KZ", PLAIN, [], False, Outcome.LEGAL_REVIEW, RiskLevel.HIGH),
        ("CN", UYGHUR, [FactorKind.ASYLUM_CLAIM], True, Outcome.PROHIBITED, RiskLevel.PROHIBITED),
    ],
)
def test_assessment_table(state, traits, factors, confirmed, outcome, level):
    result = assess(state, RATINGS, traits, factors, confirmed)
    assert (result.outcome, result.level) == (outcome, level)
    assert result.reasons


def test_reasons_name_the_ratings_and_hide_factors_when_asked():
    result = assess("CN", RATINGS, UYGHUR, [FactorKind.MEDICAL], show_factors=False)
    assert "rated prohibited (CN, language ug; source: UNHCR)" in result.reasons
    assert result.reasons[-1] == "individual protection factors are recorded"
    shown = assess("CN", RATINGS, UYGHUR, [FactorKind.MEDICAL])
    assert shown.reasons[-1] == "protection factor: medical"


TODAY = dt.date(2026, 11, 21)
PROCEED = assess("IQ", RATINGS, PLAIN, [])
REVIEW = assess("SY", RATINGS, PLAIN, [])


def _facts(**changes):
    base = {
        "identity_confirmed": True,
        "screened_on": TODAY,
        "holds": [],
        "assessment": PROCEED,
        "review": None,
        "approvals": 0,
        "case_open": True,
    }
    return Facts(**(base | changes))


@pytest.mark.parametrize(
    ("changes", "blocking"),
    [
        ({}, []),
        ({"identity_confirmed": False}, ["identity not confirmed: no identity document held"]),
        ({"screened_on": dt.date(2026, 1, 1)}, ["screening is 324 days old (at most 90)"]),
        ({"screened_on": TODAY - dt.timedelta(days=90)}, []),
        ({"screened_on": TODAY - dt.timedelta(days=91)}, ["screening is 91 days old (at most 90)"]),
        ({"screened_on": None}, ["never screened against the watch lists"]),
        ({"holds": [Hold(HoldKind.MANUAL, Msg("a supervisor placed a hold"))]},
         ["a supervisor placed a hold"]),
        ({"assessment": REVIEW}, ["non-refoulement: a legal review is needed"]),
        ({"assessment": REVIEW, "review": ReviewOutcome.CLEARED, "approvals": 1},
         ["needs 2 approvals by different supervisors (1 so far)"]),
        ({"assessment": REVIEW, "review": ReviewOutcome.CLEARED, "approvals": 2}, []),
        ({"assessment": REVIEW, "review": ReviewOutcome.REFUSED, "approvals": 2},
         ["non-refoulement: the legal review refused this transfer"]),
        ({"holds": [Hold(HoldKind.SCREENING_CONFIRMED, Msg("x"))]},
         ["a confirmed watch-list match has no legal review",
          "non-refoulement: a legal review is needed"]),
        ({"holds": [Hold(HoldKind.SCREENING_CONFIRMED, Msg("x"))],
          "review": ReviewOutcome.CLEARED, "approvals": 2}, []),
        ({"case_open": False}, ["no open case in the transfer pathway"]),
    ],
)  # fmt: skip
def test_readiness_table(changes, blocking):
    result = check(_facts(**changes), TODAY, 90)
    assert result.blocking == blocking
    assert result.ready == (not blocking)
