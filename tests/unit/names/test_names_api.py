"""The public API of the names package: the names and signatures other code relies on."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest

from sijill.names import keys, normalise, parse, scripts, translit

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("function", "signature"),
    [
        (normalise.find_unsafe_characters, "(text: 'str') -> 'list[str]'"),
        (normalise.normalise, "(text: 'str') -> 'str'"),
        (normalise.tokens, "(text: 'str') -> 'list[str]'"),
        (scripts.detect_script, "(text: 'str') -> 'Script'"),
        (scripts.confusable_fold, "(text: 'str') -> 'str'"),
        (translit.to_latin, "(text: 'str') -> 'str'"),
        (parse.parse_arabic_name, "(text: 'str') -> 'ParsedName'"),
        (keys.search_keys, "(text: 'str') -> 'list[str]'"),
        (keys.search_key_groups, "(text: 'str') -> 'list[list[str]]'"),
        (keys.name_keys, "(text: 'str') -> 'set[str]'"),
        (keys.name_key, "(text: 'str') -> 'str'"),
        (keys.whole_name_keys, "(text: 'str') -> 'set[str]'"),
        (keys.skeleton, "(word: 'str') -> 'str'"),
        (keys.word_keys, "(word: 'str') -> 'tuple[str, ...]'"),
    ],
)
def test_signature(function: Callable[..., Any], signature: str) -> None:
    assert str(inspect.signature(function)) == signature


def test_parsed_name_fields() -> None:
    parsed = parse.parse_arabic_name("Abu Muhammad al-Jolani")
    assert [field for field in parse.ParsedName.__dataclass_fields__] == [
        "text",
        "latin",
        "parts",
    ]
    assert parsed.kunya == "abu-muhammad"
    assert (parsed.given, parsed.family, parsed.middle, parsed.nasab) == (None, None, (), ())
    assert (parsed.nisbas, parsed.laqabs) == (("jolani",), ())
    assert parsed.forms == ("abu-muhammad", "jolani")
