"""Token Status List against the draft's examples (draft-ietf-oauth-status-list)."""

from __future__ import annotations

import re
from pathlib import Path

import cbor2
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from hypothesis import given
from hypothesis import strategies as st

from sijill.credentials import cose, statuslist
from sijill.credentials.statuslist import StatusList, StatusListToken

pytestmark = pytest.mark.unit

EXAMPLES = Path(__file__).parents[2] / "data" / "vectors" / "oauth-status-list" / "examples"


def _hex(name: str) -> bytes:
    return bytes.fromhex(re.sub(r"\s", "", (EXAMPLES / name).read_text()))


def _example(name: str) -> tuple[list[int], bytes]:
    text = (EXAMPLES / name).read_text()
    array = [int(b, 16) for b in re.findall(r"0x([0-9a-f]{2})", text.split("encoded:")[0])]
    return array, bytes.fromhex(re.sub(r"\s", "", text.split("encoded:")[1]))


@pytest.mark.parametrize(
    ("name", "bits", "statuses"),
    [
        ("status_list_encoding_cbor.md", 1, [1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1]),
        ("status_list_encoding2_cbor.md", 2, [1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3]),
    ],
)
def test_status_list_encoding_matches_the_draft(name: str, bits: int, statuses: list[int]) -> None:
    byte_array, encoded = _example(name)
    built = StatusList.build(statuses, bits)
    assert built.data == bytes(byte_array)
    assert cbor2.dumps(built.to_map()) == encoded
    decoded = StatusList.from_map(cbor2.loads(encoded))
    assert [decoded.get(i) for i in range(len(statuses))] == statuses


def test_the_drafts_status_list_token_reads() -> None:
    message = cose.decode_sign1(_hex("status_list_cwt.md"))
    token = statuslist.read_token(message)
    assert token.uri == "https://example.com/statuslists/1"
    assert (token.issued_at, token.expires_at, token.ttl) == (1686920170, 2291720170, 43200)
    assert message.kid == b"12" and message.alg == cose.Alg.ES256
    assert token.status_list.bits == 1 and token.status_list.get(0) == 1


def test_the_drafts_referenced_token_carries_its_index() -> None:
    claims = cbor2.loads(cose.decode_sign1(_hex("referenced_token_cwt.md")).payload)
    assert claims[65535] == {"status_list": {"idx": 0, "uri": "https://example.com/statuslists/1"}}


@given(
    st.sampled_from([1, 2, 4, 8]).flatmap(
        lambda bits: st.tuples(
            st.just(bits), st.lists(st.integers(0, (1 << bits) - 1), max_size=300)
        )
    )
)
def test_build_and_get_round_trip(case: tuple[int, list[int]]) -> None:
    bits, statuses = case
    built = StatusList.from_map(StatusList.build(statuses, bits).to_map())
    assert [built.get(i) for i in range(len(statuses))] == statuses


def test_signed_token_round_trip_and_staleness() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    token = StatusListToken("https://x/1", 1000, 2000, 600, StatusList.build([0, 1], 2))
    message = cose.decode_sign1(statuslist.sign_token(token, key, b"k1"))
    assert cose.verify(message, key.public_key())
    read = statuslist.read_token(message)
    assert read.status_list.get(1) == 1 and read.kid == b"k1"
    assert not read.stale(1999) and read.stale(2000)


def test_bad_lists_are_refused() -> None:
    with pytest.raises(statuslist.StatusListError, match="bits"):
        StatusList(3, b"")
    with pytest.raises(statuslist.StatusListError, match="fit"):
        StatusList.build([2], 1)
    with pytest.raises(statuslist.StatusListError, match="outside"):
        StatusList.build([0], 1).get(8)
    with pytest.raises(statuslist.StatusListError, match="zlib"):
        StatusList.from_map({"bits": 1, "lst": b"nope"})
