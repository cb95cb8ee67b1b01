"""Lay out a person's family as a small graph: parents above, children below (pure)."""

from __future__ import annotations

from dataclasses import dataclass

from sijill.registry.schemas import RelativeOut
from sijill.registry.vocab import Relation

WIDTH = 640
ROW = {
    Relation.PARENT: 40,
    None: 140,
    Relation.SPOUSE: 140,
    Relation.SIBLING: 140,
    Relation.CHILD: 240,
}
BOX_W, BOX_H = 150, 44


@dataclass(frozen=True)
class Node:
    x: int
    y: int
    label: str
    sub: str
    href: str | None
    relation: str | None


@dataclass(frozen=True)
class Graph:
    width: int
    height: int
    nodes: list[Node]
    edges: list[tuple[int, int, int, int]]


def _spread(count: int, centre: int, gap: int = 170) -> list[int]:
    start = centre - gap * (count - 1) // 2
    return [start + gap * i for i in range(count)]


def layout(name: str, regno: str, relatives: list[RelativeOut]) -> Graph:
    """Positions for the person (centre) and each relative, and the lines between them."""
    by_row: dict[Relation, list[RelativeOut]] = {r: [] for r in Relation}
    for rel in relatives:
        by_row[rel.relation].append(rel)
    side = by_row[Relation.SPOUSE] + by_row[Relation.SIBLING]
    width = max(WIDTH, 170 * max(len(side) + 1, len(by_row[Relation.CHILD]), 1) + 40)
    centre = width // 2
    xs_side = _spread(len(side) + 1, centre)
    me_x = xs_side[0] if side else centre
    # Without parents the top row would stay empty: move everything up by one row.
    shift = 0 if by_row[Relation.PARENT] else ROW[Relation.PARENT] - ROW[None]
    me_y = ROW[None] + shift
    nodes = [Node(me_x, me_y, name, regno, None, None)]
    edges: list[tuple[int, int, int, int]] = []
    rows = [
        (by_row[Relation.PARENT], _spread(len(by_row[Relation.PARENT]), centre)),
        (side, xs_side[1:]),
        (by_row[Relation.CHILD], _spread(len(by_row[Relation.CHILD]), centre)),
    ]
    for members, xs in rows:
        for rel, x in zip(members, xs, strict=True):
            y = ROW[rel.relation] + shift
            nodes.append(
                Node(x, y, rel.name, rel.regno, f"/people/{rel.regno}", rel.relation.value)
            )
            edges.append((me_x, me_y, x, y))
    bottom = ROW[Relation.CHILD] if by_row[Relation.CHILD] else ROW[None]
    return Graph(width=width, height=bottom + shift + BOX_H + 20, nodes=nodes, edges=edges)
