"""The Arabic interface is complete: every message of the pages has an Arabic translation.

Messages are extracted the way ``pybabel extract -F babel.cfg`` does (templates, Python code,
vocabularies); each needs a non-empty translation in ``ar/LC_MESSAGES/messages.po`` keeping
its placeholders. A page in Arabic is right to left.
"""

from __future__ import annotations

import io
import re
import uuid
from pathlib import Path
from types import SimpleNamespace
from typing import Any, get_args

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from fastapi import FastAPI
from starlette.requests import Request

from sijill.access.actor import Actor
from sijill.access.permissions import Role
from sijill.config import Environment, Settings
from sijill.jobs.schemas import JobStatus
from sijill.names.scripts import Script
from sijill.registry.schemas import PersonIn, PersonOut
from sijill.registry.vocab import (
    DatePrecision,
    DocumentStatus,
    DocumentType,
    FacilityKind,
    NameType,
    Relation,
    Sex,
)
from sijill.web import i18n
from sijill.web.app import mount_web
from sijill.web.locale.extract import SHOWN_AUDIT_TAGS

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[3]
SOURCE = ROOT / "src" / "sijill"
LOCALE = SOURCE / "web" / "locale"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
ARABIC = re.compile(r"[\u0600-\u06ff]")


def _extract() -> dict[str, list[str]]:
    """Every msgid of the interface, with where it was found (as ``pybabel extract``)."""
    with (ROOT / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found: dict[str, list[str]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        SOURCE, method_map, options_map, keywords=DEFAULT_KEYWORDS
    ):
        for msgid in message if isinstance(message, tuple) else (message,):
            found.setdefault(msgid, []).append(f"{filename}:{lineno}")
    return found


def _catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale, abort_invalid=True)


@pytest.fixture(scope="module")
def extracted() -> dict[str, list[str]]:
    return _extract()


@pytest.fixture(scope="module")
def arabic() -> Catalog:
    return _catalog(LOCALE / "ar" / "LC_MESSAGES" / "messages.po", "ar")


def _vocabulary() -> list[str]:
    """What the pages translate as values: roles, enum values, scripts, audit tags."""
    values: list[str] = [r.value for r in Role]
    for enum in (NameType, DatePrecision, DocumentType, DocumentStatus, Relation, FacilityKind):
        values += [member.value for member in enum]
    values += [s.value for s in JobStatus]
    values += [s.name.lower() for s in Sex]  # the pages show a sex by its name
    values += list(get_args(Script))
    values += ["registry:person:create", "registry:person:update", "registry:person:move"]
    return values


def test_extraction_finds_templates_code_and_vocabularies(extracted):
    assert len(extracted) > 200
    where = {loc.split(":")[0] for locs in extracted.values() for loc in locs}
    assert "web/templates/person_form.html" in where
    assert "web/routes/people.py" in where  # flash messages
    assert "Unknown user name or wrong password." in extracted  # the login error
    assert "The code is wrong or has expired." in extracted  # a page context's error
    assert "Registered {name} as {regno}." in extracted
    missing = [v for v in _vocabulary() if v not in extracted]
    assert not missing, f"not extracted: {missing}"


def test_every_message_has_an_arabic_translation_with_its_placeholders(extracted, arabic):
    problems = []
    for msgid, where in sorted(extracted.items()):
        message = arabic.get(msgid)
        text = message.string if message is not None else ""
        if not isinstance(text, str) or not text.strip():
            problems.append(f"untranslated: {msgid!r} ({where[0]})")
        elif sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(msgid)):
            problems.append(f"placeholders differ: {msgid!r} -> {text!r}")
        elif msgid.strip() != msgid or msgid == ", ":
            continue  # separators keep their own spacing
        elif not ARABIC.search(text) and msgid not in {"Sijill"}:
            problems.append(f"not Arabic: {msgid!r} -> {text!r}")
    assert not problems, "\n".join(problems)


def test_the_catalog_is_clean_and_the_template_is_current(extracted, arabic):
    assert not [m.id for m in arabic if m.id and m.fuzzy], "fuzzy translations"
    assert not arabic.obsolete, "obsolete translations: run pybabel update"
    template = _catalog(LOCALE / "messages.pot")
    assert {m.id for m in template if m.id} == set(extracted), (
        "messages.pot is out of date: see babel.cfg for the pybabel commands"
    )
    stale = sorted({m.id for m in arabic if m.id} - set(extracted))
    assert not stale, f"translations of messages no longer used: {stale}"


@pytest.mark.parametrize("value", _vocabulary())
def test_every_role_and_vocabulary_value_is_translated(value):
    translated = i18n.translations("ar").gettext(value)
    assert translated != value
    assert ARABIC.search(translated)


def test_translations_of_arabic_and_english():
    ar = i18n.translations("ar")
    assert ar.gettext("Search") == "بحث"
    assert ar.gettext("Registry number") == "رقم القيد"
    assert ar.gettext("kunya") == "كنية"
    assert ar.gettext("nom_de_guerre") == "اسم حركي"
    assert ar.gettext("passport") == "جواز سفر"
    flash = ar.gettext("Registered {name} as {regno}.").format(name="Yusuf Karimov", regno="X")
    assert "Yusuf Karimov" in flash and "X" in flash and ARABIC.search(flash)
    assert ar.gettext("a message nobody wrote") == "a message nobody wrote"
    assert i18n.translations("en").gettext("Search") == "Search"


def test_arabic_is_right_to_left():
    assert i18n.direction("ar") == "rtl"
    assert i18n.direction("en") == "ltr"
    assert i18n.LANGUAGES["ar"] == ("العربية", "rtl")
    assert i18n.pick_language("ar", "en-GB,en;q=0.9") == "ar"  # the chosen one first
    assert i18n.pick_language(None, "ar-SY,ar;q=0.9,en;q=0.5") == "ar"
    assert i18n.pick_language("xx", None) == "en"


def _render(template: str, lang: str, **context: Any) -> str:
    app = FastAPI()
    mount_web(app, Settings(environment=Environment.TEST, data_dir=Path("unused")))
    scope = {
        "type": "http",
        "method": "GET",
        "scheme": "http",
        "server": ("testserver", 80),
        "path": "/people/TEST/history",
        "root_path": "",
        "query_string": b"",
        "headers": [],
    }
    tr = i18n.translations(lang)
    base = {
        "request": Request(scope),
        "_": tr.gettext,
        "lang": lang,
        "dir": i18n.direction(lang),
        "languages": i18n.LANGUAGES,
        "csrf_token": "t",
        "flash": None,
        "errors": {},
        "values": {},
    }
    return str(app.state.templates.env.get_template(template).render(base | context))


def test_a_page_in_arabic_is_right_to_left_with_arabic_labels():
    actor = Actor(
        user_id=uuid.uuid4(),
        username="registrar1",
        role=Role.REGISTRAR,
        office_id=uuid.uuid4(),
        office_code="DMS",
    )
    keys = sorted(
        (set(PersonIn.model_fields) | set(PersonOut.model_fields))
        - {"id", "regno", "created_at", "updated_at", "version"}
    )
    items = [
        SimpleNamespace(
            at="2026-01-02T03:04:05+00:00",
            actor="registrar1",
            tag=tag,
            version=1,
            changed=keys,
            reason=None,
        )
        for tag in SHOWN_AUDIT_TAGS
    ]
    person = SimpleNamespace(regno="TEST", name="أبو حفص Rakhimov")
    page = _render("history.html", "ar", actor=actor, person=person, items=items)

    assert '<html lang="ar" dir="rtl">' in page
    assert ">English</a>" in page  # the way back
    for label in ("بحث", "تسجيل شخص", "الحساب", "تسجيل الخروج", "أمين السجل", "سجل التغييرات"):
        assert label in page
    assert '<bdi dir="auto" class="name">أبو حفص Rakhimov</bdi>' in page
    changed = re.findall(r'<td class="changed">(.*?)</td>', page)
    assert len(changed) == len(SHOWN_AUDIT_TAGS)
    assert not re.search(r"[A-Za-z]", changed[0]), f"untranslated parts: {changed[0]}"
    assert "تاريخ الولادة" in changed[0] and "، " in changed[0]

    english = _render("history.html", "en", actor=actor, person=person, items=items)
    assert '<html lang="en" dir="ltr">' in english
    assert "date of birth, documents" in english  # English keeps the record's own words


def test_the_extractor_skips_f_strings_and_finds_page_messages():
    source = b"""
flash(request, "Saved version {version} of {regno}.", version="2", regno=regno)
raise Conflict("Nothing changed.")
raise Conflict(f"The user {name!r} is taken.")
raise Conflict(f"started from {a}, now {b}. " "Reload the record.")
render(request, "totp.html", {"error": "The code is wrong."}, 401)
problem = {"error": "not a page context"}
label = _("Search")
"""
    found = [
        message
        for _line, message, _comments, _context in extract(
            "sijill.web.locale.extract.extract_python", io.BytesIO(source), DEFAULT_KEYWORDS
        )
    ]
    assert found == [
        "Saved version {version} of {regno}.",
        "Nothing changed.",
        "Search",
        "The code is wrong.",
    ]
