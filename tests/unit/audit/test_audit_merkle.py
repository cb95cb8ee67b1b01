"""RFC 6962 hashing and proofs against transparency-dev/merkle's published vectors, and
properties of every proof over random trees."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sijill.audit import merkle

pytestmark = pytest.mark.unit

VECTORS = Path(__file__).parents[2] / "data" / "vectors"
TESTDATA = VECTORS / "transparency-dev-merkle" / "testdata"
TREE = json.loads((VECTORS / "extracted" / "rfc6962-8-leaf-tree.json").read_text())
LEAVES = [bytes.fromhex(h) for h in TREE["leaves_hex"]]
HASHES = [merkle.leaf_hash(leaf) for leaf in LEAVES]


def _cases(kind: str) -> list[Any]:
    files = sorted((TESTDATA / kind).rglob("*.json"))
    return [pytest.param(json.loads(f.read_text()), id=str(f.relative_to(TESTDATA))) for f in files]


def _b64(values: list[str] | None) -> list[bytes]:
    return [base64.b64decode(v) for v in values or []]


def test_the_vector_files_are_all_there():
    assert len(_cases("inclusion")) == 98
    assert len(_cases("consistency")) == 98


def test_leaf_hashes_and_roots_of_the_reference_tree():
    assert [h.hex() for h in HASHES] == TREE["leaf_hashes_hex"]
    for size, root in TREE["roots_hex_by_size"].items():
        assert merkle.tree_root(HASHES[: int(size)]).hex() == root
    assert (
        merkle.tree_root([]) == merkle.EMPTY_ROOT == bytes.fromhex(TREE["roots_hex_by_size"]["0"])
    )


@pytest.mark.parametrize("case", _cases("inclusion"))
def test_inclusion_vector(case: dict[str, Any]):
    leaf, root = base64.b64decode(case["leafHash"]), base64.b64decode(case["root"])
    args = (leaf, case["leafIdx"], case["treeSize"], _b64(case["proof"]), root)
    if case["wantErr"]:
        with pytest.raises(merkle.ProofError):
            merkle.verify_inclusion(*args)
    else:
        merkle.verify_inclusion(*args)


@pytest.mark.parametrize("case", _cases("consistency"))
def test_consistency_vector(case: dict[str, Any]):
    roots = base64.b64decode(case["root1"]), base64.b64decode(case["root2"])
    args = (case["size1"], case["size2"], _b64(case["proof"]), *roots)
    if case["wantErr"]:
        with pytest.raises(merkle.ProofError):
            merkle.verify_consistency(*args)
    else:
        merkle.verify_consistency(*args)


def _happy(kind: str) -> list[Any]:
    return [c for c in _cases(kind) if not c.values[0]["wantErr"]]


@pytest.mark.parametrize("case", [c for c in _happy("inclusion") if "single-entry" not in c.id])
def test_generated_inclusion_proofs_are_the_published_ones(case: dict[str, Any]):
    proof = merkle.inclusion_proof(HASHES, case["leafIdx"], case["treeSize"])
    assert proof == _b64(case["proof"])
    assert HASHES[case["leafIdx"]] == base64.b64decode(case["leafHash"])


@pytest.mark.parametrize("case", [c for c in _happy("consistency") if "additional" not in c.id])
def test_generated_consistency_proofs_are_the_published_ones(case: dict[str, Any]):
    assert merkle.consistency_proof(HASHES, case["size1"], case["size2"]) == _b64(case["proof"])


def test_the_streamed_tree_catches_the_proof_hashes_and_resumes_from_its_border():
    wanted = merkle.inclusion_ranges(2, 7) + merkle.consistency_ranges(3, 7)
    tree = merkle.TreeBuilder(wanted)
    tree.extend(HASHES[:5])
    resumed = merkle.TreeBuilder.resume(5, tree.border())
    assert resumed.root() == tree.root() == merkle.tree_root(HASHES[:5])
    tree.extend(HASHES[5:7])
    resumed.extend(HASHES[5:7])
    assert resumed.root() == tree.root() == bytes.fromhex(TREE["roots_hex_by_size"]["7"])
    assert [tree.captured[r] for r in merkle.inclusion_ranges(2, 7)] == merkle.inclusion_proof(
        HASHES, 2, 7
    )
    assert [tree.captured[r] for r in merkle.consistency_ranges(3, 7)] == (
        merkle.consistency_proof(HASHES, 3, 7)
    )


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: merkle.inclusion_ranges(3, 3), "not in a tree"),
        (lambda: merkle.consistency_ranges(0, 3), "no consistency proof"),
        (lambda: merkle.consistency_ranges(4, 3), "no consistency proof"),
        (lambda: merkle.TreeBuilder([(2, 2)]), "not a range"),
        (lambda: merkle.TreeBuilder.resume(3, [bytes(32)]), "border hashes"),
        (lambda: merkle.TreeBuilder.resume(1, [b"short"]), "32 bytes"),
        (lambda: merkle.inclusion_proof(HASHES, 0, 9), "from 8 leaf hashes"),
        (lambda: merkle.consistency_proof(HASHES, 1, 9), "from 8 leaf hashes"),
        (lambda: merkle.TreeBuilder([(1, 3)]).extend(HASHES), r"\[1, 3\) is not a node"),
    ],
)
def test_misuse_is_refused(call, message):
    with pytest.raises(ValueError, match=message):
        call()


leaves = st.lists(st.binary(max_size=8), min_size=1, max_size=70)


@given(leaves)
def test_every_inclusion_proof_verifies(data: list[bytes]):
    hashes = [merkle.leaf_hash(d) for d in data]
    root = merkle.tree_root(hashes)
    for index, leaf in enumerate(hashes):
        merkle.verify_inclusion(
            leaf, index, len(hashes), merkle.inclusion_proof(hashes, index), root
        )


@given(leaves)
def test_consistency_proofs_verify_for_every_smaller_size(data: list[bytes]):
    hashes = [merkle.leaf_hash(d) for d in data]
    n, root = len(hashes), merkle.tree_root(hashes)
    for m in range(1, n + 1):
        proof = merkle.consistency_proof(hashes, m, n)
        merkle.verify_consistency(m, n, proof, merkle.tree_root(hashes[:m]), root)


@given(leaves, st.data())
def test_a_changed_leaf_fails_its_proofs(data: list[bytes], draw: st.DataObject):
    hashes = [merkle.leaf_hash(d) for d in data]
    n, root = len(hashes), merkle.tree_root(hashes)
    index = draw.draw(st.integers(0, n - 1))
    changed = [*hashes[:index], merkle.leaf_hash(data[index] + b"!"), *hashes[index + 1 :]]
    assert merkle.tree_root(changed) != root
    with pytest.raises(merkle.ProofError):
        merkle.verify_inclusion(
            changed[index], index, n, merkle.inclusion_proof(hashes, index), root
        )
    for m in range(index + 1, n):  # an old tree holding the changed leaf is not a prefix
        proof = merkle.consistency_proof(changed, m, n)
        with pytest.raises(merkle.ProofError):
            merkle.verify_consistency(m, n, proof, merkle.tree_root(changed[:m]), root)


@given(leaves, st.data())
def test_streaming_catches_the_same_hashes_as_proofs_in_memory(
    data: list[bytes], draw: st.DataObject
):
    hashes = [merkle.leaf_hash(d) for d in data]
    n = len(hashes)
    m = draw.draw(st.integers(1, n))
    index = draw.draw(st.integers(0, n - 1))
    tree = merkle.TreeBuilder(merkle.inclusion_ranges(index, n) + merkle.consistency_ranges(m, n))
    for h in hashes:
        tree.append(h)
    assert [tree.captured[r] for r in merkle.inclusion_ranges(index, n)] == (
        merkle.inclusion_proof(hashes, index)
    )
    assert [tree.captured[r] for r in merkle.consistency_ranges(m, n)] == (
        merkle.consistency_proof(hashes, m, n)
    )
