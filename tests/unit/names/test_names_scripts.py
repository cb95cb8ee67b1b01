"""Golden cases for script detection and look-alike folding."""

from __future__ import annotations

import pytest

from sijill.names.scripts import confusable_fold, detect_script

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ahmad al-Sharaa", "Latin"),
        ("Hüseyin", "Latin"),
        ("أحمد الشرع", "Arabic"),
        ("پژمان", "Arabic"),
        ("ئابدۇرېھىم", "Arabic"),
        ("Тархан Батирашвили", "Cyrillic"),
        ("Ҳасан Қодиров", "Cyrillic"),
        ("Δημήτρης", "Greek"),
        ("习近平", "Han"),
        ("Ahmad أحمد", "Mixed"),
        ("Аhmad", "Mixed"),
        ("김정은", "Unknown"),
        ("1982-10-29", "Unknown"),
        ("", "Unknown"),
    ],
)
def test_detect_script(text: str, expected: str) -> None:
    assert detect_script(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Аhmаd", "Ahmad"),
        ("ΑΒΕΚ Omar", "ABEK Omar"),
        ("Ahmad АВАС", "Ahmad ABAC"),
        ("Тархан Батирашвили", "Тархан Батирашвили"),
        ("Ahmad Тархан", "Ahmad Тархан"),
        ("Нasan", "Hasan"),
        ("нasan", "нasan"),
        ("Ahmad al-Sharaa", "Ahmad al-Sharaa"),
    ],
)
def test_confusable_fold(text: str, expected: str) -> None:
    assert confusable_fold(text) == expected
