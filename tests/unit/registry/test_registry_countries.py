"""Country and language codes come from CLDR and include the states of the region."""

from __future__ import annotations

import pytest

from sijill.registry.countries import (
    country_codes,
    country_names,
    language_codes,
    language_names,
)

pytestmark = pytest.mark.unit


def test_country_codes_are_iso_alpha_2_and_include_the_region() -> None:
    codes = country_codes()
    assert {"SY", "IQ", "TR", "UZ", "TJ", "RU", "FR", "BE", "GB", "DE", "SA", "TN", "CN"} <= codes
    assert all(len(c) == 2 and c.isalpha() and c.isupper() for c in codes)
    assert 240 <= len(codes) <= 260


@pytest.mark.parametrize("code", ["EU", "EZ", "UN", "ZZ", "QO", "001", "150", "sy"])
def test_groupings_and_unknown_regions_are_not_countries(code: str) -> None:
    assert code not in country_codes()


def test_language_codes_include_the_languages_of_the_registry() -> None:
    codes = language_codes()
    assert {"ar", "ug", "uz", "tg", "ru", "ce", "tr", "fr", "nl", "en", "de", "ku"} <= codes
    assert all(c.isalpha() and len(c) <= 3 for c in codes)
    assert "zh_Hant" not in codes


def test_country_names_in_english_and_arabic() -> None:
    assert country_names("en")["SY"] == "Syria"
    assert country_names("ar")["SY"] == "سوريا"
    assert set(country_names("ar")) == country_codes()


def test_names_are_sorted_by_name_for_the_form() -> None:
    names = list(country_names("en").values())
    assert names == sorted(names)
    assert language_names("en")["ug"] == "Uyghur"
    assert set(language_names("ar")) <= language_codes()
    assert {"ar", "ug", "ru", "fr"} <= set(language_names("ar"))
