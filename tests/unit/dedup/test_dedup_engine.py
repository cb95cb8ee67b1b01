"""The batch engine: blocking, clusters, weights learned by EM, FEBRL-style records."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sijill.dedup import blocking, engine, febrl, fellegi

pytestmark = pytest.mark.unit

SETTINGS = settings(database=None, deadline=None, max_examples=100)
ADAPTER = engine.FunctionAdapter(febrl.NAMES, febrl.LEVELS, febrl.blocking_keys, febrl.compare)
GIVEN = ["amira", "bilal", "karim", "layla", "nadia", "omar", "rania", "samir", "tariq", "yusuf"]
SURNAMES = ["haddad", "khoury", "mansour", "nasser", "saleh", "tamimi", "yassin", "zayed"]
SUBURBS = ["northgate", "riverside", "eastwood", "hillcrest", "lakeside", "westfield"]


def test_dedup_pairs_share_a_key_and_skip_oversized_blocks() -> None:
    found = blocking.dedup_pairs([["a", "x"], ["a"], ["b"], ["b", "x"], ["x"]], max_block=2)
    assert found.pairs == {(0, 1), (2, 3)}
    assert found.oversized == 1


def test_link_pairs_join_the_two_sides() -> None:
    found = blocking.link_pairs([["a"], ["b"]], [["b"], ["a", "b"]])
    assert found.pairs == {(0, 1), (1, 0), (1, 1)}


def test_clusters_join_chains_and_leave_singletons_out() -> None:
    assert sorted(blocking.clusters(6, [(0, 1), (1, 4), (2, 5)])) == [[0, 1, 4], [2, 5]]


def test_one_to_one_takes_each_record_once_best_first() -> None:
    kept = blocking.one_to_one([((0, 0), 5.0), ((0, 1), 9.0), ((1, 1), 7.0), ((1, 0), 1.0)])
    assert kept == [((0, 1), 9.0), ((1, 0), 1.0)]


@given(st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9)), max_size=30))
@SETTINGS
def test_clusters_partition_the_linked_records(pairs: list[tuple[int, int]]) -> None:
    groups = blocking.clusters(10, pairs)
    members = [i for group in groups for i in group]
    assert len(members) == len(set(members))
    where = {i: n for n, group in enumerate(groups) for i in group}
    assert all(where[i] == where[j] for i, j in pairs if i != j)


def test_febrl_compare_levels() -> None:
    a = febrl.record({"given_name": "Nadia", "surname": "haddad", "date_of_birth": "19800512",
                      "soc_sec_id": "1234567", "state": "nsw"})  # fmt: skip
    b = febrl.record({"given_name": "nadai", "surname": "haddad", "date_of_birth": "19801205",
                      "soc_sec_id": "1234576", "state": None})  # fmt: skip
    vector = dict(zip(febrl.NAMES, febrl.compare(a, b), strict=True))
    assert vector["surname"] == 0
    assert vector["given_name"] == 1  # a transposition: Jaro-Winkler above 0.92
    assert vector["date_of_birth"] == 2  # day and month swapped
    assert vector["soc_sec_id"] == 2
    assert vector["state"] is None and vector["suburb"] is None


def test_train_learns_that_agreement_is_evidence() -> None:
    matches = [(0, 0)] * 90 + [(0, 1)] * 10
    non_matches = [(1, 1)] * 900 + [(0, 1)] * 50 + [(1, 0)] * 50
    model = fellegi.train(("name", "dob"), (2, 2), matches + non_matches[:100], non_matches)
    assert model.weight((0, 0)) > 0 > model.weight((1, 1))
    assert model.weight((0, None)) > model.weight((1, None))
    assert 0.0 < fellegi.probability(model.weight((1, 1))) < 0.5


def _person(rng: random.Random, n: int) -> dict[str, str]:
    return {
        "given_name": rng.choice(GIVEN), "surname": rng.choice(SURNAMES),
        "street_number": str(rng.randint(1, 200)), "address_1": f"{rng.choice(SURNAMES)} street",
        "suburb": rng.choice(SUBURBS), "postcode": str(2000 + rng.randint(0, 800)),
        "state": rng.choice(["nsw", "vic", "qld"]),
        "date_of_birth": f"19{rng.randint(40, 99)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}",
        "soc_sec_id": str(1_000_000 + n * 7919 % 9_000_000),
    }  # fmt: skip


def _typo(rng: random.Random, text: str) -> str:
    i = rng.randrange(1, len(text))
    return text[:i] + text[i + 1 :]


def test_dedup_finds_planted_duplicates() -> None:
    rng = random.Random(7)
    people = [_person(rng, n) for n in range(400)]
    duplicates = []
    for n in range(0, 400, 5):
        copy = dict(people[n])
        copy["surname"] = _typo(rng, copy["surname"])
        copy["street_number"] = ""
        duplicates.append((n, len(people) + len(duplicates), copy))
    records = [febrl.record(p) for p in people] + [febrl.record(d[2]) for d in duplicates]
    result = engine.dedup(ADAPTER, records)
    found = {(p.left, p.right) for p in result.pairs}
    truth = {(n, m) for n, m, _ in duplicates}
    assert len(found & truth) >= 0.95 * len(truth)
    assert len(found - truth) <= 0.05 * len(truth)


def test_link_is_one_to_one() -> None:
    rng = random.Random(3)
    left = [febrl.record(_person(rng, n)) for n in range(200)]
    right = [febrl.record(dict(_person(rng, n + 1000))) for n in range(50)] + left[:50]
    result = engine.link(ADAPTER, left, right)
    assert {(p.left, p.right) for p in result.pairs} == {(n, 50 + n) for n in range(50)}
