"""The password policy: length, not the user name, not a well-known password."""

from __future__ import annotations

import pytest

from sijill.access.passwords import common_passwords, problem

pytestmark = pytest.mark.unit

COMMON = "This password is too common or too easy to guess. Choose another."


@pytest.mark.parametrize(
    ("password", "username", "why"),
    [
        ("short-pass", "amina", "Use at least 12 characters."),
        ("x" * 201, "amina", "Use at most 200 characters."),
        ("amina-is-here-2026", "amina", "The password must not contain the user name."),
        ("My-AMINA-secret-99", "amina", "The password must not contain the user name."),
        ("password1234", "amina", COMMON),
        ("Password2026!", "amina", COMMON),
        ("123456789012", "amina", COMMON),
        ("qwertyuiop!!", "amina", COMMON),
        ("abababababab", "amina", COMMON),
    ],
)  # fmt: skip
def test_refused(password, username, why):
    assert problem(password, username) == why


@pytest.mark.parametrize(
    "password", ["blue-camel-river-7", "x7#kQ9!vLm2p", "واحة-النخيل-2026", "a-long-test-password"]
)
def test_accepted(password):
    assert problem(password, "amina") is None


def test_a_short_user_name_inside_a_word_is_no_reason():
    assert problem("blue-camel-river-7", "el") is None


def test_the_bundled_list_is_lower_case_and_loaded_once():
    common = common_passwords()
    assert "password" in common and "123456" in common
    assert all(p == p.lower() for p in common)
    assert common is common_passwords()
