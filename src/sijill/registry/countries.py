"""ISO 3166-1 alpha-2 countries and ISO 639 languages, with names from CLDR (via Babel)."""

from __future__ import annotations

from functools import cache

from babel import Locale

_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})


@cache
def country_codes() -> frozenset[str]:
    codes = (str(code) for code in Locale("en").territories)
    return frozenset(c for c in codes if len(c) == 2 and c.isalpha() and c not in _NOT_COUNTRIES)


@cache
def language_codes() -> frozenset[str]:
    codes = (str(code) for code in Locale("en").languages)
    return frozenset(c for c in codes if c.isalpha() and len(c) <= 3)


def _named(
    codes: frozenset[str], names: dict[str, str], fallback: dict[str, str]
) -> dict[str, str]:
    """Code -> name in the language (sorted first), else in English (sorted after)."""
    labelled = ((c, names.get(c) or fallback.get(c) or c) for c in codes)
    return dict(sorted(labelled, key=lambda kv: (kv[0] not in names, kv[1])))


@cache
def country_names(lang: str) -> dict[str, str]:
    english = {str(k): str(v) for k, v in Locale("en").territories.items()}
    names = {str(k): str(v) for k, v in Locale.parse(lang).territories.items()}
    return _named(country_codes(), names, english)


@cache
def language_names(lang: str) -> dict[str, str]:
    """The languages offered in forms: those with a two-letter ISO 639-1 code."""
    english = {str(k): str(v) for k, v in Locale("en").languages.items()}
    names = {str(k): str(v) for k, v in Locale.parse(lang).languages.items()}
    common = frozenset(c for c in language_codes() if len(c) == 2)
    return _named(common, names, english)
