"""Golden cases for keys: variants that must collide and different people that must not."""

from __future__ import annotations

import pytest

from sijill.names.keys import (
    name_key,
    name_keys,
    search_key_groups,
    search_keys,
    skeleton,
    whole_name_keys,
    word_keys,
)

pytestmark = pytest.mark.unit

# Same person, other spelling, script or order: one name key, shared search keys.
SAME = [
    ("Ahmad al-Sharaa", "Ahmed al-Shara'"),
    ("Ahmad al-Sharaa", "Ahmad al-Sharra"),
    ("Ahmad al Sharaa", "Ahmad Al-Shar'"),
    ("Ahmad al-Sharaa", "أحمد الشرع"),
    ("SHARAA, Ahmad", "Ahmad al-Sharaa"),
    ("AL-SHARAA AHMAD HUSSEIN", "Ahmad Hussein al-Sharaa"),
    ("Abu Muhammad al-Jolani", "Abu Mohammed al-Julani"),
    ("Abu Muhammad al-Jolani", "Abu Mohammad al-Golani"),
    ("Abu Muhammad al-Jolani", "أبو محمد الجولاني"),
    ("Abdulrahman Al-Haj", "Abd al-Rahman al-Hajj"),
    ("Abdulrahman Al-Haj", "عبد الرحمن الحاج"),
    ("Abdel Rahman Jalloud", "Abdurrahman Jaloud"),
    ("عبدالرحمن", "Abd al-Rahman"),
    ("Yusuf Abdulkadir", "Youssef Abd al-Qadir"),
    ("Nur ad-Din Hamid", "Noureddine Hamid"),
    ("Salih ibn Abdallah", "Saleh bin Abdullah"),
    ("Osama bin Laden", "Usama bin Ladin"),
    ("Osama bin Laden", "أسامة بن لادن"),
    ("Muhammad", "Мухаммад"),
    ("Mohammed Suleiman", "محمد سليمان"),
    ("Mukhammad Yusupov", "Мухаммад Юсупов"),
    ("Tarkhan Batirashvili", "Тархан Батирашвили"),
    ("Magomed Abdurakhmanov", "Магомед Абдурахманов"),
    ("Rizvan Kadyrov", "Ridwan Qadirov"),
    ("Ризван Кадыров", "Ridwan Qadirov"),
    ("Hakan Fidan", "HAKAN FİDAN"),
    ("Hakan Fidan", "هاكان فيدان"),
    ("Husayn Ali", "Hüseyin Ali"),
    ("Bashar al-Assad", "Bachar el-Assad"),
    ("Bashar al-Assad", "بشار الأسد"),
    ("As'ad al-Shibani", "Asaad al-Shaibani"),
    ("Aymenn Jawad al-Tamimi", "أيمن جواد التميمي"),
    ("Ishaq Yusuf", "إسحاق يوسف"),
    ("Suhail Mahmoud", "سهيل محمود"),
    ("Marwan Ziad", "مروان زياد"),
    ("Marouane Ziyad", "Marwan Ziad"),
    ("Ramadan Khalid", "Ramazan Halid"),
    ("Ghassan Dawud", "غسان داود"),
    ("Jamal Djaber", "Джамал Джабер"),
    ("Samer Kanjo", "Samer Kanjou"),
    ("Miqdad Miri", "Muqdad Mīrī"),
    ("Jabhat al-Nusra", "Jabhat al-Nusrah"),
    ("Аhmаd al-Sharaa", "Ahmad al-Sharaa"),
    ("Uthman Cemal", "Osman Jamal"),
    ("عثمان جمال", "Osman Cemal"),
    ("Gamal Abdel Nasser", "جمال عبد الناصر"),
    ("Ibragim Guseynov", "Ibrahim Huseynov"),
    ("Yahya Ismail", "يحيى إسماعيل"),
    ("Tawfiq Shawkat", "Tevfik Şevket"),
]

# Different people: their name keys differ, and so do their key sets.
DIFFERENT = [
    ("Abu Muhammad al-Adnani", "Abu Muhammad al-Maqdisi"),
    ("Abu Muhammad al-Jolani", "Abu Muhammad al-Halabi"),
    ("Osama bin Laden", "Hamza bin Laden"),
    ("Bashar al-Assad", "Hafez al-Assad"),
    ("Abd al-Rahman Jalloud", "Abd al-Rahim Jalloud"),
    ("Yusuf Abdulkadir", "Yusuf Abdulkarim"),
    ("Abdulrahman Al-Haj", "Abdulrahman Al-Hariri"),
    ("Magomed Abdurakhmanov", "Magomed Abdulkhalikov"),
    ("Hakan Fidan", "Hakan Fidanci"),
    ("Samer Kanjo", "Samer Kanaan"),
    ("Ahmad Zaidan", "Ahmad Ziadeh"),
    ("Omar Diaby", "Omar Dabbagh"),
    ("Hay'at Tahrir al-Sham", "Ahrar al-Sham"),
    ("Abdullah Azzam", "Abdul Latif Azzam"),
]

# Spellings the coarse keys cannot tell apart; only the exact key differs.
EXACT_ONLY = [
    ("محمد سليمان", "محمد سلمان"),
    ("أحمد الشرع", "أحمد الشاعر"),
    ("Mohammed Suleiman", "Mohammed Salman"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_variants_collide(a: str, b: str) -> None:
    assert whole_name_keys(a) & whole_name_keys(b)
    assert set(search_keys(a)) & set(search_keys(b))


def _finds(query: str, registered: str) -> bool:
    """The registry's rule: the name holds a key of every group of the query."""
    indexed = set(search_keys(registered))
    return all(indexed & set(group) for group in search_key_groups(query))


@pytest.mark.parametrize(("a", "b"), SAME)
def test_a_query_finds_the_other_spelling(a: str, b: str) -> None:
    assert _finds(a, b)
    assert _finds(b, a)


@pytest.mark.parametrize(
    ("query", "registered"),
    [
        ("Jolani", "Abu Muhammad al-Jolani"),
        ("الجولاني", "Abu Muhammad al-Jolani"),
        ("HTS", "Hay'at Tahrir al-Sham"),
        ("Tahrir al-Sham", "هيئة تحرير الشام"),
        ("Abdul Rahman", "عبدالرحمن الحاج"),
        ("Muhammad al-Jolani", "Abu Muhammad al-Jolani"),
    ],
)
def test_a_partial_query_finds_the_name(query: str, registered: str) -> None:
    assert _finds(query, registered)


@pytest.mark.parametrize(
    ("query", "registered"),
    [
        ("Abu Muhammad al-Adnani", "Abu Muhammad al-Maqdisi"),
        ("Hamza bin Laden", "Osama bin Laden"),
        ("Abd al-Rahim", "Abd al-Rahman Jalloud"),
        ("Abu Muhammad", "Muhammad al-Maqdisi"),
    ],
)
def test_a_query_does_not_find_another_person(query: str, registered: str) -> None:
    assert not _finds(query, registered)


def test_search_key_groups_keep_variants_together() -> None:
    assert search_key_groups("Abu Mohammad al-Golani") == [["abu:mhmd"], ["kln", "jln", "hln"]]
    assert search_key_groups("HTS") == [["hts", "#hts"]]


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_people_do_not_collide(a: str, b: str) -> None:
    assert not whole_name_keys(a) & whole_name_keys(b)
    assert name_keys(a) != name_keys(b)


@pytest.mark.parametrize(("a", "b"), EXACT_ONLY)
def test_near_spellings_differ_in_the_exact_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)
    assert name_keys(a) != name_keys(b)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ahmad al-Sharaa", ["hmd", "xr"]),
        ("أحمد الشرع", ["hmd", "xr"]),
        ("Abu Muhammad al-Adnani", ["abu:mhmd", "dnn", "mhmd"]),
        ("Abdulrahman", ["bdrhmn"]),
        ("Salih ibn Abdallah", ["sl", "bdl"]),
        ("Magomed", ["mkmd", "mjmd", "mhmd"]),
        ("Hay'at Tahrir al-Sham", ["ht", "h", "thrr", "xm", "#hts"]),
        ("HTS", ["hts", "#hts"]),
        ("bin", ["bn"]),
        ("ហ៊ុន សែន", ["~ហន", "~សន"]),
        ("", []),
    ],
)
def test_search_keys(text: str, expected: list[str]) -> None:
    assert search_keys(text) == expected


def test_kunya_alone_shares_only_the_kunya() -> None:
    a, b = "Abu Muhammad al-Adnani", "Abu Muhammad al-Maqdisi"
    assert set(search_keys(a)) & set(search_keys(b)) == {"abu:mhmd", "mhmd"}
    assert search_key_groups(a)[0] == search_key_groups(b)[0] == ["abu:mhmd"]


def test_father_and_son_share_only_the_family_key() -> None:
    assert set(search_keys("Osama bin Laden")) & set(search_keys("Hamza bin Laden")) == {"ldn"}


def test_name_keys_hold_search_keys_name_key_and_exact_key() -> None:
    keys = name_keys("SHARAA, Ahmad")
    assert name_key("SHARAA, Ahmad") == "hmd xr"
    assert {"hmd", "xr", "hmd xr", "=ahmad sharaa"} <= keys


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("muhammad", "mhmd"),
        ("mohamed", "mhmd"),
        ("mukhammad", "mhmd"),
        ("qadir", "kdr"),
        ("kader", "kdr"),
        ("sharaa", "xr"),
        ("shar'", "xr"),
        ("bachar", "bxr"),
        ("djamal", "jml"),
        ("zhamal", "jml"),
        ("youssef", "ysf"),
        ("yusuf", "ysf"),
        ("ramazan", "rmdn"),
        ("kadhim", "kdm"),
        ("nusrah", "nsr"),
        ("marouane", "mrwn"),
        ("dawood", "dd"),
        ("philip", "flb"),
        ("exxon", "ksn"),
        ("aya", "aya"),
    ],
)
def test_skeleton(word: str, expected: str) -> None:
    assert skeleton(word) == expected


def test_word_keys_read_an_apostrophe_both_ways() -> None:
    assert word_keys("is'haq") == ("shk", "xk")
