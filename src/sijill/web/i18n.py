"""Gettext catalogs (.po, compiled in memory at start) and the language of a request."""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = {"en": ("English", "ltr"), "ar": ("العربية", "rtl")}
DEFAULT = "en"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog of ``lang``. English msgids are the English text, except the vocabulary
    values (``nom_de_guerre``), which the English catalog turns into words."""
    po = LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"
    if not po.exists():
        return gettext.NullTranslations()
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def pick_language(cookie: str | None, accept: str | None, default: str = DEFAULT) -> str:
    if cookie in LANGUAGES:
        return cookie
    for part in (accept or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return default


def direction(lang: str) -> str:
    return LANGUAGES.get(lang, LANGUAGES[DEFAULT])[1]
