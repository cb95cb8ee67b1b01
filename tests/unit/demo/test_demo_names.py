"""Name banks and spelling variants of the demo population."""

from __future__ import annotations

import random

import pytest

from sijill.demo import namebank, namebank_europe, namebank_foreign, namebank_uyghur_turkish
from sijill.demo.duplicates import typo
from sijill.demo.namebank import Part
from sijill.demo.namebank_foreign import derussify, feminine, patronymic
from sijill.demo.population import generate
from sijill.demo.translit import article_forms, cyrillic_to_latin, latin_variants
from sijill.names.normalise import find_unsafe_characters

pytestmark = pytest.mark.unit


def _banks(module: object) -> list[tuple[str, tuple[Part, ...]]]:
    return [
        (name, value)
        for name, value in vars(module).items()
        if name.isupper() and isinstance(value, tuple) and value and isinstance(value[0], Part)
    ]


BANKS = [
    *_banks(namebank),
    *_banks(namebank_foreign),
    *_banks(namebank_uyghur_turkish),
    *_banks(namebank_europe),
]


@pytest.mark.parametrize(("name", "bank"), BANKS, ids=[name for name, _ in BANKS])
def test_every_name_has_spellings_and_an_arabic_rendering(
    name: str, bank: tuple[Part, ...]
) -> None:
    for part in bank:
        assert part.native and part.latin and part.arabic, part
        assert all("\u0600" <= ch <= "\u06ff" or ch == " " for ch in part.arabic), part
        assert all(s.isascii() or not find_unsafe_characters(s) for s in part.latin)
        assert all(any(ch.isalpha() for ch in s) for s in part.latin)


@pytest.mark.parametrize(
    ("cyrillic", "scheme", "latin"),
    [
        ("Эльмурзаев", "icao", "Elmurzaev"),
        ("Эльмурзаев", "english", "Elmurzayev"),
        ("Эльмурзаев", "german", "Elmursajew"),
        ("Джабраилов", "french", "Djabrailov"),
        ("Жўраев", "uzbek", "Joʻrayev"),
        ("Улуғбек", "uzbek", "Ulugʻbek"),
        ("Ҷамшед", "tajik", "Jamshed"),
        ("Хасанов", "icao", "Khasanov"),
        ("Юсупов", "french", "Iousoupov"),
    ],
)
def test_romanisation_schemes(cyrillic: str, scheme: str, latin: str) -> None:
    assert cyrillic_to_latin(cyrillic, scheme) == latin


def test_arabic_article_spellings() -> None:
    assert article_forms("Shami") == (
        "al-Shami",
        "Al-Shami",
        "ash-Shami",
        "el-Shami",
        "Al Shami",
        "Alshami",
    )
    assert "Al Hajj Ali" in article_forms("Hajj Ali")


def test_latin_variants_drop_or_transcribe_diacritics() -> None:
    assert latin_variants("Müller") == ("Müller", "Muller", "Mueller")
    assert latin_variants("Şahin") == ("Şahin", "Sahin", "Shahin")


def test_russian_style_name_forms() -> None:
    musa = next(p for p in namebank_foreign.CHECHEN_MALE if p.native == "Муса")
    shamil = next(p for p in namebank_foreign.CHECHEN_MALE if p.native == "Шамиль")
    schemes = namebank_foreign.RUSSIAN_SCHEMES
    assert patronymic(musa, schemes, False).native == "Мусаевич"
    assert patronymic(shamil, schemes, True).native == "Шамилевна"
    surname = namebank_foreign.CHECHEN_FAMILY[0]
    assert feminine(surname, schemes).native == surname.native + "а"
    tajik = next(p for p in namebank_foreign.TAJIK_FAMILY if p.native == "Раҳимов")
    assert derussify(tajik).native == "Раҳимзода"


def test_a_typo_changes_a_name_slightly() -> None:
    rng = random.Random(1)
    for name in ("Abdulrahman", "عبد الرحمن", "Магомадов", "Yılmaz", "Hammoud", "Ali"):
        for _ in range(50):
            changed = typo(rng, name)
            assert changed != name
            assert abs(len(changed) - len(name)) <= 1
            assert not find_unsafe_characters(changed)


def test_well_known_kunyas_of_real_people_are_never_generated() -> None:
    kunyas = {
        n.full
        for h in generate(6000, seed=11)
        for p in [h.head, *(p for _, p in h.relatives)]
        for n in p.names
    }
    for reserved in ("أبو عمر الشيشاني", "Abu Omar al-Shishani", "أبو يحيى الحموي"):
        assert reserved not in kunyas
