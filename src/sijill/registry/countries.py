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


@cache
def country_names(lang: str) -> dict[str, str]:
    names = Locale.parse(lang).territories
    return dict(sorted(((c, names.get(c, c)) for c in country_codes()), key=lambda kv: kv[1]))


@cache
def language_names(lang: str) -> dict[str, str]:
    names = Locale.parse(lang).languages
    return dict(sorted(((c, names.get(c, c)) for c in language_codes()), key=lambda kv: kv[1]))
