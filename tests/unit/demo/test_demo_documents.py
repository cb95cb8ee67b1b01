"""Document numbers of the demo population: real check digits, shapes, never repeated."""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest

from sijill.demo.documents import (
    FORMATS,
    DocumentNumbers,
    _Plan,
    be_eid_check,
    cn_resident_check,
    tr_identity_check,
)
from sijill.registry.vocab import DocumentType

pytestmark = pytest.mark.unit

BORN = dt.date(1990, 3, 14)
ISSUED = dt.date(2012, 5, 2)


def test_turkish_identity_number_check_digits() -> None:
    assert tr_identity_check("100000001") == "10000000146"


def test_chinese_resident_number_check_character() -> None:
    assert cn_resident_check("11010519491231002") == "11010519491231002X"


def test_belgian_eid_card_check_digits() -> None:
    number = be_eid_check("5912345678")
    assert re.fullmatch(r"591-2345678-\d\d", number)
    assert int(number[-2:]) == 5912345678 % 97


@pytest.mark.parametrize(
    ("key", "shape"),
    [
        (("SY", DocumentType.NATIONAL_ID), r"0\d{10}"),
        (("CN", DocumentType.PASSPORT), r"[EG]\d{8}"),
        (("RU", DocumentType.PASSPORT), r"7[1256] \d{7}"),
        (("FR", DocumentType.PASSPORT), r"\d\d[A-Z]{2}\d{5}"),
        (("UZ", DocumentType.PASSPORT), r"(AA|AB|AC|FA)\d{7}"),
        (("DE", DocumentType.NATIONAL_ID), r"[LMNT][CFGHJKLMNPRTVWXYZ0-9]{8}"),
        (("TR", DocumentType.RESIDENCE_PERMIT), r"99\d{9}"),
    ],
)
def test_numbers_have_the_shape_of_the_real_ones(key: tuple[str, DocumentType], shape: str) -> None:
    numbers = DocumentNumbers(1)
    for _ in range(200):
        assert re.fullmatch(shape, numbers.number(*key, ISSUED, BORN, male=True))


def test_check_digits_hold_on_generated_numbers() -> None:
    numbers = DocumentNumbers(2)
    for _ in range(100):
        tr = numbers.number("TR", DocumentType.NATIONAL_ID, ISSUED, BORN, male=True)
        assert tr == tr_identity_check(tr[:9])
        cn = numbers.number("CN", DocumentType.NATIONAL_ID, ISSUED, BORN, male=True)
        assert cn == cn_resident_check(cn[:17]) and cn[6:14] == "19900314"
        assert int(cn[14:17]) % 2 == 1  # odd sequence: a man
    ru = numbers.number("RU", DocumentType.NATIONAL_ID, ISSUED, BORN, male=True, region="82")
    assert re.fullmatch(r"8212 \d{6}", ru)  # region of Dagestan, issued in 2012


def test_numbers_never_repeat_within_a_format() -> None:
    numbers = DocumentNumbers(3)
    for state, doc_type in FORMATS:
        issued = [numbers.number(state, doc_type, ISSUED, BORN, male=True) for _ in range(500)]
        assert len(set(issued)) == len(issued), (state, doc_type)


def test_the_permutation_is_a_bijection() -> None:
    digits, letters = "0123456789", "ABCDEFGHJKLMNPRSTUVWXYZ"
    plan = _Plan((digits, digits, digits, letters, letters), 1000 * 23 * 23, 100, random.Random(7))
    assert sorted(plan.permute(i) for i in range(plan.size)) == list(range(plan.size))


def test_formats_of_one_state_never_overlap() -> None:
    numbers = DocumentNumbers(4)
    seen: dict[tuple[str, str], DocumentType] = {}
    for state, doc_type in FORMATS:
        for _ in range(300):
            number = numbers.number(state, doc_type, ISSUED, BORN, male=False)
            assert seen.setdefault((state, number), doc_type) == doc_type
