"""RFC 6962 / RFC 9162 Merkle tree hashing, inclusion and consistency proofs (pure).

Leaves are hashed as SHA-256(0x00 || data) and inner nodes as SHA-256(0x01 || left || right);
the tree over n leaves splits at the largest power of two below n (RFC 9162 §2.1.1).

Large logs are hashed as a stream: :class:`TreeBuilder` keeps only the right border of the
tree (one hash per set bit of the size, at most 64), so the root of 10,000,000 leaves needs a
few kilobytes of memory. The hashes a proof needs are named by their leaf range ``(start,
end)`` (:func:`inclusion_ranges`, :func:`consistency_ranges`) and caught during one pass over
the leaves (``TreeBuilder(wanted=...)``); :func:`inclusion_proof` and
:func:`consistency_proof` do the same over leaf hashes held in memory.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

HASH_SIZE = 32
EMPTY_ROOT = hashlib.sha256(b"").digest()  # the root of the empty tree (RFC 9162 §2.1.1)

Range = tuple[int, int]  # leaves [start, end) of one node of the tree

_sha256 = hashlib.sha256


class ProofError(ValueError):
    """A proof that does not verify, or that is malformed. The message says why."""


def leaf_hash(data: bytes) -> bytes:
    return _sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return _sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two strictly below ``n`` (n > 1): where the tree over n splits."""
    return 1 << ((n - 1).bit_length() - 1)


def _fold(border: Sequence[bytes]) -> bytes:
    """The root over a right border (complete subtrees, largest first)."""
    if not border:
        return EMPTY_ROOT
    root = border[-1]
    for left in reversed(border[:-1]):
        root = node_hash(left, root)
    return root


class TreeBuilder:
    """The tree grown one leaf hash at a time, keeping only its right border.

    ``wanted`` names node ranges whose hashes are caught on the way (for proofs); they are in
    :attr:`captured` once the builder has reached each range's end.
    """

    __slots__ = ("_border", "_ends", "captured", "size")

    def __init__(self, wanted: Iterable[Range] = ()) -> None:
        self.size = 0
        self._border: list[bytes] = []
        self._ends: dict[int, set[int]] = {}
        for start, end in wanted:
            if not 0 <= start < end:
                raise ValueError(f"not a range of leaves: [{start}, {end})")
            self._ends.setdefault(end, set()).add(start)
        self.captured: dict[Range, bytes] = {}

    @classmethod
    def resume(cls, size: int, border: Sequence[bytes]) -> TreeBuilder:
        """Continue a tree of ``size`` leaves from its saved :meth:`border`."""
        if size < 0 or len(border) != size.bit_count():
            raise ValueError(f"a tree of {size} leaves has {size.bit_count()} border hashes")
        if any(len(h) != HASH_SIZE for h in border):
            raise ValueError("border hashes must be 32 bytes")
        builder = cls()
        builder.size = size
        builder._border = list(border)
        return builder

    def border(self) -> list[bytes]:
        """The complete subtrees covering the leaves so far, largest (leftmost) first."""
        return list(self._border)

    def root(self) -> bytes:
        return _fold(self._border)

    def append(self, leaf: bytes) -> None:
        """Add one leaf hash (not leaf data: see :func:`leaf_hash`)."""
        self.extend((leaf,))

    def extend(self, leaves: Iterable[bytes]) -> None:
        """Add leaf hashes in order. One SHA-256 per inner node, nothing kept but the border."""
        border, ends, sha = self._border, self._ends, _sha256
        size = self.size
        for node in leaves:
            size += 1
            if size in ends:
                self.size = size - 1
                self._push_capturing(node)
                continue
            merges = size
            while not merges & 1:
                node = sha(b"\x01" + border.pop() + node).digest()
                merges >>= 1
            border.append(node)
        self.size = size

    def _push_capturing(self, node: bytes) -> None:
        """:meth:`extend` for one leaf that ends a wanted range: catch the nodes it closes."""
        size = self.size + 1
        created = {1: node}
        width = 1
        while not size & width:
            node = node_hash(self._border.pop(), node)
            width <<= 1
            created[width] = node
        self._border.append(node)
        self.size = size
        starts = _border_starts(size)
        for start in self._ends.pop(size):
            if size - start in created:
                self.captured[(start, size)] = created[size - start]
            elif start in starts:
                self.captured[(start, size)] = _fold(self._border[starts[start] :])
            else:
                raise ValueError(f"[{start}, {size}) is not a node of the tree")


def _border_starts(size: int) -> dict[int, int]:
    """Where each complete subtree of the right border starts -> its position in the border."""
    starts: dict[int, int] = {}
    start = 0
    for bit in range(size.bit_length() - 1, -1, -1):
        if size >> bit & 1:
            starts[start] = len(starts)
            start += 1 << bit
    return starts


def tree_root(leaves: Iterable[bytes]) -> bytes:
    """The root of the tree over leaf hashes (streamed; the fast path of :class:`TreeBuilder`)."""
    builder = TreeBuilder()
    builder.extend(leaves)
    return builder.root()


def inclusion_ranges(index: int, size: int) -> list[Range]:
    """The nodes of an inclusion proof of leaf ``index`` in a tree of ``size`` (RFC 9162
    §2.1.3.1 PATH), in proof order: from the leaf's sibling up to the root's child."""
    if not 0 <= index < size:
        raise ValueError(f"leaf {index} is not in a tree of {size} leaves")
    ranges: list[Range] = []
    lo, hi = 0, size
    while hi - lo > 1:
        mid = lo + _split(hi - lo)
        if index < mid:
            ranges.append((mid, hi))
            hi = mid
        else:
            ranges.append((lo, mid))
            lo = mid
    return ranges[::-1]


def consistency_ranges(size1: int, size2: int) -> list[Range]:
    """The nodes of a consistency proof from ``size1`` to ``size2`` leaves (RFC 9162 §2.1.4.1
    SUBPROOF), in proof order. Empty when the sizes are equal."""
    if not 0 < size1 <= size2:
        raise ValueError(f"no consistency proof from {size1} to {size2} leaves")
    ranges: list[Range] = []
    lo, hi, known = 0, size2, True  # known: the subtree [lo, hi) is the old tree itself
    while size1 - lo != hi - lo:
        mid = lo + _split(hi - lo)
        if size1 <= mid:
            ranges.append((mid, hi))
            hi = mid
        else:
            ranges.append((lo, mid))
            lo, known = mid, False
    if not known:
        ranges.append((lo, hi))
    return ranges[::-1]


def _range_hashes(leaves: Sequence[bytes], ranges: Sequence[Range]) -> list[bytes]:
    return [tree_root(leaves[start:end]) for start, end in ranges]


def inclusion_proof(leaves: Sequence[bytes], index: int, size: int | None = None) -> list[bytes]:
    """The inclusion proof of leaf ``index`` in the tree over the first ``size`` leaf hashes."""
    size = len(leaves) if size is None else size
    if size > len(leaves):
        raise ValueError(f"a tree of {size} leaves from {len(leaves)} leaf hashes")
    return _range_hashes(leaves, inclusion_ranges(index, size))


def consistency_proof(leaves: Sequence[bytes], size1: int, size2: int | None = None) -> list[bytes]:
    """The consistency proof between the trees over the first ``size1`` and ``size2`` leaves."""
    size2 = len(leaves) if size2 is None else size2
    if size2 > len(leaves):
        raise ValueError(f"a tree of {size2} leaves from {len(leaves)} leaf hashes")
    return _range_hashes(leaves, consistency_ranges(size1, size2))


def _check_hashes(proof: Sequence[bytes], *named: tuple[str, bytes]) -> None:
    for name, value in named:
        if len(value) != HASH_SIZE:
            raise ProofError(f"{name} has {len(value)} bytes, not {HASH_SIZE}")
    for i, value in enumerate(proof):
        if len(value) != HASH_SIZE:
            raise ProofError(f"proof hash {i} has {len(value)} bytes, not {HASH_SIZE}")


def root_from_inclusion_proof(leaf: bytes, index: int, size: int, proof: Sequence[bytes]) -> bytes:
    """The root that ``proof`` gives for leaf hash ``leaf`` at ``index`` (RFC 9162 §2.1.3.2)."""
    if not 0 <= index < size:
        raise ProofError(f"leaf index {index} is not below the tree size {size}")
    _check_hashes(proof, ("leaf hash", leaf))
    fn, sn, node = index, size - 1, leaf
    for sibling in proof:
        if sn == 0:
            raise ProofError(f"the proof is too long ({len(proof)} hashes)")
        if fn & 1 or fn == sn:
            node = node_hash(sibling, node)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            node = node_hash(node, sibling)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0:
        raise ProofError(f"the proof is too short ({len(proof)} hashes)")
    return node


def verify_inclusion(
    leaf: bytes, index: int, size: int, proof: Sequence[bytes], root: bytes
) -> None:
    """Raise :class:`ProofError` unless ``proof`` shows leaf hash ``leaf`` at ``index`` in the
    tree of ``size`` leaves whose root is ``root``."""
    _check_hashes((), ("root", root))
    if root_from_inclusion_proof(leaf, index, size, proof) != root:
        raise ProofError("the proof does not lead to the root")


def verify_consistency(
    size1: int, size2: int, proof: Sequence[bytes], root1: bytes, root2: bytes
) -> None:
    """Raise :class:`ProofError` unless ``proof`` shows that the tree of ``size1`` leaves with
    root ``root1`` is a prefix of the tree of ``size2`` leaves with root ``root2``
    (RFC 9162 §2.1.4.2). A proof from the empty tree is refused as meaningless, as
    transparency-dev/merkle does: every tree extends the empty one."""
    if size2 < size1:
        raise ProofError(f"the second tree ({size2}) is smaller than the first ({size1})")
    if size1 == 0:
        raise ProofError("a consistency proof from the empty tree is meaningless")
    if size1 == size2:
        if proof:
            raise ProofError("trees of the same size need an empty proof")
        if root1 != root2:
            raise ProofError("trees of the same size have different roots")
        return
    if not proof:
        raise ProofError("the proof is empty")
    _check_hashes(proof, ("first root", root1), ("second root", root2))
    first, second = _roots_from_consistency(size1, size2, proof, root1)
    if first != root1:
        raise ProofError("the proof does not lead to the first root")
    if second != root2:
        raise ProofError("the proof does not lead to the second root")


def _roots_from_consistency(
    size1: int, size2: int, proof: Sequence[bytes], root1: bytes
) -> tuple[bytes, bytes]:
    path = list(proof)
    if size1 & (size1 - 1) == 0:  # the old tree is a complete subtree: its root is implied
        path.insert(0, root1)
    fn, sn = size1 - 1, size2 - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    first = second = path[0]
    for node in path[1:]:
        if sn == 0:
            raise ProofError(f"the proof is too long ({len(proof)} hashes)")
        if fn & 1 or fn == sn:
            first, second = node_hash(node, first), node_hash(node, second)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            second = node_hash(second, node)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0:
        raise ProofError(f"the proof is too short ({len(proof)} hashes)")
    return first, second
