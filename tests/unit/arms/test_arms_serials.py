"""Serial numbers as read and as compared: golden cases and properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sijill.arms.serials import FOLD, normalise, same_serial

pytestmark = pytest.mark.unit

SAME = [
    ("AK-47 No. 1O2345", "1023 45", None, None),
    ("AK-47 1O2345", "102345", "AK-47", None),
    ("AK47-1O2345", "102-345", "AK-47", None),
    ("s/n 1O2-345", "102345", None, None),
    ("№ ١٠٢٣٤٥", "102345", None, None),  # Arabic-Indic digits
    ("Serial: ۱۰۲۳۴۵", "102345", None, None),  # Persian digits
    ("SN: lI-0O", "1100", None, None),
    ("B52S", "8525", None, None),
    ("#12", "12", None, None),
]
DIFFERENT = [
    ("102345", "102346"),
    ("AK-47 No. 1O2345", "47102345"),  # without the marker, the model stays part of it
    ("No.", "No."),  # nothing read: no key, no match
    ("", ""),
]


@pytest.mark.parametrize(("a", "b", "model_a", "model_b"), SAME)
def test_same_serial(a, b, model_a, model_b):
    assert same_serial(a, b, model_a, model_b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_serials(a, b):
    assert not same_serial(a, b)


def test_a_marker_inside_a_serial_is_not_a_marker():
    assert normalise("NO2345") == "N02345"


serial_text = st.text(alphabet="ABCDEFGHJKMNPRTUVWXY0123456789", min_size=1, max_size=12)
separators = st.sampled_from(["", " ", "-", ".", "/", "  "])
confusable = {v: k for k, v in ((chr(k), v) for k, v in FOLD.items())}


@given(serial_text)
def test_normalise_is_idempotent(serial):
    key = normalise(serial)
    assert normalise(key) == key


@given(serial_text, st.lists(separators, min_size=12, max_size=12))
def test_separators_do_not_matter(serial, seps):
    spaced = "".join(c + s for c, s in zip(serial, seps, strict=False))
    assert normalise(spaced) == normalise(serial)


@given(serial_text, st.data())
def test_letters_misread_for_digits_do_not_matter(serial, data):
    misread = "".join(
        data.draw(st.sampled_from([c, confusable[c]])) if c in confusable else c for c in serial
    )
    assert normalise(misread) == normalise(serial)


@given(serial_text, st.sampled_from(["No. ", "No ", "№", "S/N ", "s/n:", "SN ", "Serial: "]))
def test_a_serial_marker_does_not_matter(serial, marker):
    assert normalise(marker + serial) == normalise(serial)
    assert normalise("AK-47 " + marker + serial) == normalise(serial)


@given(serial_text, st.sampled_from(["AK-47", "PKM", "RPG-7", "M16A2"]))
def test_the_model_prefix_does_not_matter_when_known(serial, model):
    assert normalise(f"{model} {serial}", model) == normalise(serial)
