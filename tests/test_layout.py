"""graph.outputs.view.layout: positions computed in Python for large graphs."""

from __future__ import annotations

import itertools
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from graph.outputs.view.layout import NODE_SPACING, SPRING_MAX, large_graph_layout

STAR = (["hub", "a", "b", "c"], [("hub", "a"), ("hub", "b"), ("hub", "c")])
CHAIN = (["a", "b", "c", "d"], [("a", "b"), ("b", "c"), ("c", "d")])
TWO_PARTS = (["a", "b", "x", "y", "z"], [("a", "b"), ("x", "y"), ("y", "z")])


@pytest.mark.parametrize(("nodes", "edges"), [STAR, CHAIN, TWO_PARTS])
def test_every_node_gets_a_position(nodes: list[str], edges: list[tuple[str, str]]) -> None:
    assert sorted(large_graph_layout(nodes, edges)) == sorted(nodes)


@pytest.mark.parametrize(("nodes", "edges"), [STAR, CHAIN, TWO_PARTS])
def test_input_order_does_not_matter(nodes: list[str], edges: list[tuple[str, str]]) -> None:
    reordered = large_graph_layout(list(reversed(nodes)), [(b, a) for a, b in reversed(edges)])
    assert reordered == large_graph_layout(nodes, edges)


@pytest.mark.parametrize(("nodes", "edges"), [STAR, CHAIN, TWO_PARTS])
def test_nodes_do_not_overlap(nodes: list[str], edges: list[tuple[str, str]]) -> None:
    points = large_graph_layout(nodes, edges).values()
    assert min(math.dist(p, q) for p, q in itertools.combinations(points, 2)) >= NODE_SPACING * 0.9


def test_hub_is_in_the_middle_of_its_star() -> None:
    positions = large_graph_layout(*STAR)
    leaves = [positions[n] for n in ("a", "b", "c")]
    centre = (sum(x for x, _ in leaves) / 3, sum(y for _, y in leaves) / 3)
    assert math.dist(positions["hub"], centre) < 1.0


def test_edges_to_unknown_nodes_are_ignored() -> None:
    assert large_graph_layout(["a", "b"], [("a", "b"), ("a", "ghost")]) == large_graph_layout(["a", "b"], [("a", "b")])


def test_single_node_sits_at_the_origin() -> None:
    assert large_graph_layout(["only"], []) == {"only": (0.0, 0.0)}


def test_empty_graph() -> None:
    assert large_graph_layout([], []) == {}


def _star(hub: str, leaves: int) -> tuple[list[str], list[tuple[str, str]]]:
    nodes = [hub] + [f"{hub}-{i:03d}" for i in range(leaves)]
    return nodes, [(hub, leaf) for leaf in nodes[1:]]


def _disc(points: list[tuple[float, float]]) -> tuple[tuple[float, float], float]:
    centre = (sum(x for x, _ in points) / len(points), sum(y for _, y in points) / len(points))
    return centre, max(math.dist(centre, p) for p in points)


def test_a_hub_with_hundreds_of_satellites_is_a_compact_disc() -> None:
    nodes, edges = _star("hub", SPRING_MAX + 100)
    positions = large_graph_layout(nodes, edges)
    _, radius = _disc(list(positions.values()))
    # A single ring would need a radius of len(nodes) · spacing / 2π; the disc needs about √n · spacing.
    assert radius < NODE_SPACING * math.sqrt(len(nodes)) < len(nodes) * NODE_SPACING / (2 * math.pi)


def test_a_big_hub_sits_in_the_middle_of_its_satellites() -> None:
    nodes, edges = _star("hub", SPRING_MAX + 100)
    positions = large_graph_layout(nodes, edges)
    centre, radius = _disc([positions[n] for n in nodes[1:]])
    assert math.dist(positions["hub"], centre) < radius / 10


def test_communities_of_a_big_component_do_not_overlap() -> None:
    left, left_edges = _star("left", SPRING_MAX // 2 + 20)
    right, right_edges = _star("right", SPRING_MAX // 2 + 20)
    positions = large_graph_layout(left + right, [*left_edges, *right_edges, ("left", "right")])
    (c1, r1), (c2, r2) = _disc([positions[n] for n in left]), _disc([positions[n] for n in right])
    assert math.dist(c1, c2) >= r1 + r2


def test_big_component_layout_ignores_input_order() -> None:
    left, left_edges = _star("left", SPRING_MAX // 2 + 20)
    right, right_edges = _star("right", SPRING_MAX // 2 + 20)
    nodes, edges = left + right, [*left_edges, *right_edges, ("left", "right")]
    reordered = large_graph_layout(list(reversed(nodes)), [(b, a) for a, b in reversed(edges)])
    assert reordered == large_graph_layout(nodes, edges)


def test_isolated_nodes_are_spaced_apart() -> None:
    points = list(large_graph_layout([f"n{i}" for i in range(9)], []).values())
    assert min(math.dist(p, q) for p, q in itertools.combinations(points, 2)) == NODE_SPACING


_LAYOUT_DIGEST = """
import hashlib, json, sys
sys.path.insert(0, sys.argv[1])
from tests.test_layout import _clustered
print(hashlib.sha256(json.dumps(sorted(__import__("graph.outputs.view.layout").outputs.view.layout.large_graph_layout(*_clustered()).items())).encode()).hexdigest())
"""


def _clustered() -> tuple[list[str], list[tuple[str, str]]]:
    """Stars of every size, some joined: small components, spring-laid ones and one split into communities."""
    nodes: list[str] = []
    edges: list[tuple[str, str]] = []
    for size in (1, 2, 5, 40, SPRING_MAX // 2 + 20, SPRING_MAX // 2 + 30):
        star_nodes, star_edges = _star(f"hub{size}", size)
        nodes += star_nodes
        edges += star_edges
    edges.append((f"hub{SPRING_MAX // 2 + 20}", f"hub{SPRING_MAX // 2 + 30}"))
    return nodes, edges


def test_layout_is_the_same_whatever_the_string_hashing() -> None:
    # Set order of strings changes with PYTHONHASHSEED; the page must not.
    root = Path(__file__).resolve().parent.parent
    digests = {
        subprocess.run(
            [sys.executable, "-c", _LAYOUT_DIGEST, str(root)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1
