"""graph.layout: positions computed in Python for large graphs."""

from __future__ import annotations

import itertools
import math

import pytest

from graph.layout import NODE_SPACING, radial_layout

STAR = (["hub", "a", "b", "c"], [("hub", "a"), ("hub", "b"), ("hub", "c")])
CHAIN = (["a", "b", "c", "d"], [("a", "b"), ("b", "c"), ("c", "d")])
TWO_PARTS = (["a", "b", "x", "y", "z"], [("a", "b"), ("x", "y"), ("y", "z")])


@pytest.mark.parametrize(("nodes", "edges"), [STAR, CHAIN, TWO_PARTS])
def test_every_node_gets_a_position(nodes: list[str], edges: list[tuple[str, str]]) -> None:
    assert sorted(radial_layout(nodes, edges)) == sorted(nodes)


@pytest.mark.parametrize(("nodes", "edges"), [STAR, CHAIN, TWO_PARTS])
def test_input_order_does_not_matter(nodes: list[str], edges: list[tuple[str, str]]) -> None:
    reordered = radial_layout(list(reversed(nodes)), [(b, a) for a, b in reversed(edges)])
    assert reordered == radial_layout(nodes, edges)


@pytest.mark.parametrize(("nodes", "edges"), [STAR, CHAIN, TWO_PARTS])
def test_nodes_do_not_overlap(nodes: list[str], edges: list[tuple[str, str]]) -> None:
    points = radial_layout(nodes, edges).values()
    assert min(math.dist(p, q) for p, q in itertools.combinations(points, 2)) >= NODE_SPACING * 0.9


def test_hub_is_in_the_middle_of_its_star() -> None:
    positions = radial_layout(*STAR)
    leaves = [positions[n] for n in ("a", "b", "c")]
    centre = (sum(x for x, _ in leaves) / 3, sum(y for _, y in leaves) / 3)
    assert math.dist(positions["hub"], centre) < 1.0


def test_edges_to_unknown_nodes_are_ignored() -> None:
    assert radial_layout(["a", "b"], [("a", "b"), ("a", "ghost")]) == radial_layout(["a", "b"], [("a", "b")])


def test_single_node_sits_at_the_origin() -> None:
    assert radial_layout(["only"], []) == {"only": (0.0, 0.0)}


def test_empty_graph() -> None:
    assert radial_layout([], []) == {}
