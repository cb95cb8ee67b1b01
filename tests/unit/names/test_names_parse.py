"""Golden cases for the structure of Arabic names."""

from __future__ import annotations

import pytest

from sijill.names.parse import Compound, Role, parse_arabic_name

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "given", "family"),
    [
        ("Ahmad al-Sharaa", "ahmad", "sharaa"),
        ("SHARAA, Ahmad", "ahmad", "sharaa"),
        ("AL-SHARAA AHMAD HUSSEIN", "ahmad", "sharaa"),
        ("Ahmad Hussein al-Sharaa", "ahmad", "sharaa"),
        ("أحمد الشرع", "ahmd", "shr"),
        ("Abdulrahman Al-Haj", "abd-rahman", "haj"),
        ("Abd al-Rahman al-Hajj", "abd-rahman", "hajj"),
        ("Abdel Rahman Jalloud", "abd-rahman", "jalloud"),
        ("Abdurrahman Jaloud", "abd-rahman", "jaloud"),
        ("Abdirahman Jaloud", "abd-rahman", "jaloud"),
        ("Youssef Abd al-Qadir", "youssef", "abd-qadir"),
        ("Nur ad-Din Hamid", "nur-din", "hamid"),
        ("Noureddine Hamid", "nour-din", "hamid"),
        ("Saif al-Islam Gaddafi", "saif-islam", "gaddafi"),
        ("Dr. Omar Diaby", "omar", "diaby"),
        ("Sheikh Omar Diaby", "omar", "diaby"),
    ],
)
def test_given_and_family(text: str, given: str, family: str) -> None:
    parsed = parse_arabic_name(text)
    assert (parsed.given, parsed.family) == (given, family)


@pytest.mark.parametrize(
    ("text", "kunya", "nisbas"),
    [
        ("Abu Muhammad al-Jolani", "abu-muhammad", ("jolani",)),
        ("أبو محمد الجولاني", "abu-mhmd", ("julani",)),
        ("Abu Muhammad al-Adnani", "abu-muhammad", ("adnani",)),
        ("Abu Umar ash-Shishani", "abu-umar", ("shishani",)),
        ("Abul-Fadl al-Turkistani", "abu-fadl", ("turkistani",)),
        ("Abu Abd al-Rahman al-Faransi", "abu-abd-rahman", ("faransi",)),
        ("Umm Hamza al-Faransiya", "umm-hamza", ()),
        ("Omar Diaby", None, ()),
    ],
)
def test_kunya_and_nisba(text: str, kunya: str | None, nisbas: tuple[str, ...]) -> None:
    parsed = parse_arabic_name(text)
    assert (parsed.kunya, parsed.nisbas) == (kunya, nisbas)


@pytest.mark.parametrize(
    ("text", "nasab"),
    [
        ("Salih ibn Abdallah", ("abd-allah",)),
        ("Saleh bin Abdullah", ("abd-allah",)),
        ("Osama bin Mohammed bin Awad bin Laden", ("mohammed", "awad", "laden")),
        ("Mohamed Ould Abdel Aziz", ("abd-aziz",)),
        ("Fatima bint Ali", ("ali",)),
        ("أسامة بن لادن", ("ladn",)),
    ],
)
def test_nasab_chain(text: str, nasab: tuple[str, ...]) -> None:
    assert parse_arabic_name(text).nasab == nasab


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("Abdulrahman", "abd-rahman"),
        ("Abd al-Rahman", "abd-rahman"),
        ("Abdel Rahman", "abd-rahman"),
        ("Abd-al-Rahman", "abd-rahman"),
        ("Abdur Rahman", "abd-rahman"),
        ("Abdullah", "abd-allah"),
        ("Abdallah", "abd-allah"),
        ("Abd Allah", "abd-allah"),
        ("Abdulla", "abd-allah"),
        ("عبد الله", "abd-allah"),
        ("عبدالله", "abd-allah"),
        ("Abdelkader", "abd-kader"),
    ],
)
def test_abd_compounds_are_one_part(text: str, form: str) -> None:
    (part,) = parse_arabic_name(text).parts
    assert (part.form, part.compound) == (form, Compound.ABD)


@pytest.mark.parametrize(
    "text", ["Nur ad-Din", "Nur al-Din", "Nour El Dine", "Nuruddin", "Noureddine", "نور الدين"]
)
def test_laqab_is_one_part(text: str) -> None:
    (part,) = parse_arabic_name(text).parts
    assert part.compound is Compound.LAQAB
    assert part.pieces[-1] == "din"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Abdo Saleh", "abdo saleh"), ("Ladin", "ladin"), ("Saladin", "saladin"), ("Ali", "ali")],
)
def test_no_false_compounds(text: str, expected: str) -> None:
    assert parse_arabic_name(text).order_free == " ".join(sorted(expected.split()))


def test_name_order_does_not_matter() -> None:
    forms = {
        parse_arabic_name(text).order_free
        for text in ("SHARAA, Ahmad", "Ahmad al-Sharaa", "AL-SHARAA Ahmad", "Ahmad Sharaa")
    }
    assert forms == {"ahmad sharaa"}


def test_roles_in_reading_order() -> None:
    parsed = parse_arabic_name("AL-SHARAA AHMAD HUSSEIN")
    assert [part.role for part in parsed.parts] == [Role.GIVEN, Role.MIDDLE, Role.FAMILY]
    assert parsed.middle == ("hussein",)


def test_parsed_name_is_frozen() -> None:
    parsed = parse_arabic_name("Ahmad al-Sharaa")
    with pytest.raises(AttributeError):
        parsed.text = "x"  # type: ignore[misc]
