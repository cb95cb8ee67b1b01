"""The engine's explanations on an Arabic page: fixed phrases translated, names, dates, scores
and codes left exactly as written; every phrase the engine writes is known to the catalog."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sijill.matching import MatchRecord, PersonMatcher
from sijill.matching.records import record_from_bench
from sijill.names.translit import to_latin
from sijill.web.explanations import PHRASES, translate_line
from sijill.web.i18n import translations

DATA = Path(__file__).resolve().parents[2] / "data"
arabic = translations("ar").gettext


def P(name: str, dob: str | None = None) -> MatchRecord:
    return MatchRecord(names=(name,), dob=dob)


# Pairs that make every feature speak: names in two scripts, dates at several precisions,
# sex, nationality, documents, places, kunya and nisba, father and son, relatives, extras.
RECORDS = [
    (MatchRecord(names=("Khalid al-Marzouqi",), dob="1982", sex="M", nationalities=("SY",),
                 place_of_birth="Homs", documents=("N1234567",)),
     MatchRecord(names=("خالد المرزوقي",), dob="1982-10-29", sex="M", nationalities=("SY",),
                 place_of_birth="Aleppo", documents=("N1234567",))),
    (P("Abu Bakr al-Halabi"), P("Abu Bakr al-Homsi")),
    (P("Yusuf bin Karim"), P("Idris bin Yusuf bin Karim")),
    (MatchRecord(names=("Samir al-Haddad",), dob="1965-09-11", sex="M", nationalities=("SY",)),
     MatchRecord(names=("Nabil al-Haddad",), dob="1930-10-06", sex="F", nationalities=("IQ",))),
    (MatchRecord(names=("Abdul Rahman Hasan",), dob="1990-03-04", documents=("A1234",)),
     MatchRecord(names=("Rahman Hassan Ali",), dob="1990-04-03", documents=("B9876",))),
    (P("Aslan Kadyrov", "~1980"),
     P("Arslan Kadirov", "1990")),
    (MatchRecord(names=("Liwa al-Fajr al-Jadid",), schema="Organization"),
     MatchRecord(names=("LFJ",), schema="Organization")),
    (P("Omar Haddad", "1980-05-01"),
     P("Umar Hadad", "1980-05-02")),
    (P("Omar Haddad", "1980-05"), P("Omar Haddad", "1980-05")),
    (P("Omar Haddad", "1980-05-01"),
     P("Omar Haddad", "1980-06-01")),
    (P("Omar Haddad", "1980"), P("Omar Haddad", "1981")),
    (P("Omar Haddad", "1980-05"),
     P("Omar Haddad", "1980-05-03")),
    (P("Omar Haddad", "1980"), P("O. Haddad", "1980-05")),
    (P("Samir Qassem", "~1980"), P("Samir Qasim", "1981")),
    (P("Abu Omar"), P("Omar Haddad")),
    (P("Ahmad Hamid"), P("Hamid Ahmad Hamid")),
    (MatchRecord(names=("Liwa al-Fajr Company",), schema="Organization"),
     MatchRecord(names=("Liwa al-Nasr Company",), schema="Organization")),
]  # fmt: skip


def records() -> list[tuple[MatchRecord, MatchRecord]]:
    lines = (DATA / "match_pairs_sample.jsonl").read_text(encoding="utf-8").splitlines()
    bench = [json.loads(line) for line in lines if line.strip()]
    return RECORDS + [(record_from_bench(p["a"]), record_from_bench(p["b"])) for p in bench]


def words_of(*records: MatchRecord) -> set[str]:
    """Every Latin word a name, place or code of these records can show as."""
    texts = [n for r in records for n in r.names] + [r.place_of_birth or "" for r in records]
    texts += [c for r in records for c in (*r.nationalities, *r.documents)]
    found = {w for t in texts for w in re.findall(r"[a-z]+", (t + " " + to_latin(t)).lower())}
    return found | {"m", "f", "abd", "abu", "al", "bin"}


def test_a_name_line_keeps_the_names_and_translates_the_rest() -> None:
    line = (
        "name 1.00: Khalid al-Marzouqi ~ خالد المرزوقي: given name: khalid ~ khld (same after "
        "transliteration); family name: marzouqi ~ mrzwqy (same after transliteration)"
    )
    assert translate_line(line, arabic) == (
        "الاسم 1.00: Khalid al-Marzouqi ~ خالد المرزوقي: الاسم الأول: khalid ~ khld (متطابق بعد "
        "النقل الحرفي); اسم العائلة: marzouqi ~ mrzwqy (متطابق بعد النقل الحرفي)"
    )


def test_names_that_contain_phrases_are_not_translated() -> None:
    line = "name 0.62: Same Day and Sex Brigade ~ Other Day Brigade: word: same = same (same)"
    out = translate_line(line, arabic)
    assert out.startswith("الاسم 0.62: Same Day and Sex Brigade ~ Other Day Brigade: كلمة:")
    place = "place of birth: Sex and Day ~ Within (no place in common) [-0.05]"
    assert (
        translate_line(place, arabic)
        == "مكان الولادة: Sex and Day ~ Within (لا مكان مشترك) [-0.05]"
    )


def test_other_lines_keep_dates_scores_and_codes() -> None:
    assert translate_line("date of birth: 1982 within 1982-10-29 [+0.03]", arabic) == (
        "تاريخ الولادة: 1982 ضمن 1982-10-29 [+0.03]"
    )
    assert translate_line("nationality: SY ≠ IQ [-0.20]", arabic) == "الجنسية: SY ≠ IQ [-0.20]"


def test_english_is_unchanged() -> None:
    line = "yusuf: given name on one side, father's name (nasab) on the other: father and son?"
    assert translate_line(line, lambda text: text) == line


@pytest.mark.parametrize(("a", "b"), records())
def test_every_phrase_the_engine_writes_is_translated(a: MatchRecord, b: MatchRecord) -> None:
    """With every phrase removed, what is left of each line is names, codes and numbers."""
    explanation = PersonMatcher().score(a, b).explanation
    assert explanation
    allowed = words_of(a, b)
    for line in explanation:
        left = translate_line(line, lambda text: "")
        found = re.fullmatch(r" [0-9.]+: (.+? ~ .+?): (.*)", left, re.S)
        rest = found[2] if found else left
        words = set(re.findall(r"[a-z]+", rest.lower()))
        stray = {w for w in words if not any(w in name for name in allowed)}  # abd-rakhmanov
        assert not stray, f"untranslated in {line!r}: {sorted(stray)}"


def test_every_phrase_has_an_arabic_translation() -> None:
    missing = [p for p in PHRASES if arabic(p) == p]
    assert missing == []
