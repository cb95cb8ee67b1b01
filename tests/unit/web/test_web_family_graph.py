"""The family graph: parents above, spouses and siblings beside, children below."""

from __future__ import annotations

import itertools
import uuid

import pytest

from sijill.registry.schemas import RelativeOut
from sijill.registry.vocab import Relation, Sex
from sijill.web.family_graph import BOX_H, ROW, WIDTH, layout

pytestmark = pytest.mark.unit


def rel(relation: Relation, name: str) -> RelativeOut:
    return RelativeOut(
        relation=relation,
        regno=f"AAAA-{name[:4].upper():A<4}-0",
        person_id=uuid.uuid4(),
        name=name,
        sex=Sex.UNKNOWN,
        date_of_birth=None,
    )


def test_a_person_alone_is_one_centred_node_in_the_top_row() -> None:
    graph = layout("Yusuf", "7K3Q-M2PA-X", [])
    assert graph.width == WIDTH
    assert graph.edges == []
    (me,) = graph.nodes
    assert (me.x, me.y, me.label, me.sub, me.href) == (
        WIDTH // 2,
        ROW[Relation.PARENT],
        "Yusuf",
        "7K3Q-M2PA-X",
        None,
    )
    assert graph.height == ROW[Relation.PARENT] + BOX_H + 20


def test_without_parents_children_move_up_a_row() -> None:
    graph = layout("Yusuf", "7K3Q-M2PA-X", [rel(Relation.CHILD, "Aisha")])
    me, child = graph.nodes
    assert me.y == ROW[Relation.PARENT]
    assert child.y == ROW[Relation.CHILD] - (ROW[None] - ROW[Relation.PARENT])
    assert graph.height == child.y + BOX_H + 20


def test_rows_by_relation_and_an_edge_to_each_relative() -> None:
    relatives = [
        rel(Relation.CHILD, "Aisha"),
        rel(Relation.PARENT, "Karim"),
        rel(Relation.SPOUSE, "Malika"),
        rel(Relation.CHILD, "Omar"),
        rel(Relation.SIBLING, "Rustam"),
    ]
    graph = layout("Yusuf", "7K3Q-M2PA-X", relatives)
    me, *others = graph.nodes
    by_name = {n.label: n for n in others}
    assert {n: by_name[n].y for n in by_name} == {
        "Karim": ROW[Relation.PARENT],
        "Malika": ROW[None],
        "Rustam": ROW[None],
        "Aisha": ROW[Relation.CHILD],
        "Omar": ROW[Relation.CHILD],
    }
    assert ROW[Relation.PARENT] < me.y < ROW[Relation.CHILD]
    assert sorted(graph.edges) == sorted((me.x, me.y, n.x, n.y) for n in others)
    assert by_name["Aisha"].href == f"/people/{by_name['Aisha'].sub}"
    assert by_name["Aisha"].relation == "child"
    assert graph.height == ROW[Relation.CHILD] + BOX_H + 20


def test_nodes_of_one_row_do_not_overlap_and_stay_inside() -> None:
    children = [rel(Relation.CHILD, f"Child {i}") for i in range(7)]
    side = [rel(Relation.SPOUSE, f"Wife {i}") for i in range(4)]
    graph = layout("Yusuf", "7K3Q-M2PA-X", children + side)
    rows: dict[int, list[int]] = {}
    for node in graph.nodes:
        rows.setdefault(node.y, []).append(node.x)
    for xs in rows.values():
        xs.sort()
        assert all(b - a >= 150 for a, b in itertools.pairwise(xs))
        assert xs[0] - 75 >= 0 and xs[-1] + 75 <= graph.width
    assert graph.width > WIDTH


def test_the_person_moves_aside_for_a_spouse() -> None:
    graph = layout("Yusuf", "7K3Q-M2PA-X", [rel(Relation.SPOUSE, "Malika")])
    me, spouse = graph.nodes
    assert me.y == spouse.y
    assert me.x < spouse.x
    assert (me.x + spouse.x) // 2 == graph.width // 2
