"""Node positions computed in Python, for graphs too big to lay out in the browser.

Force-directed layouts do not scale here: ``nx.spring_layout`` needs SciPy
above 500 nodes (not a dependency), and ``nx.forceatlas2_layout`` is dense
(n × n × 2 arrays; 16 s for 2,000 nodes, about 100 s expected for 5,000).
News graphs are hub-and-spoke (organizations with their people and models),
so a radial tree per connected component reads well and costs O(n + m):
each component is drawn around its best-connected node, every node's
subtree gets a wedge of angle proportional to its leaves, and the
components are packed on shelves, largest first.

Same nodes and edges → same positions, whatever the input order.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import networkx as nx

Point = tuple[float, float]

NODE_SPACING = 70.0  # canvas units between neighbours on a ring (vis-network pixels at zoom 1)
RING_GAP = 140.0  # minimum distance between consecutive rings
COMPONENT_MARGIN = 80.0  # gap between packed components


@dataclass(frozen=True)
class _Placed:
    """One component laid out around (0, 0), with its bounding radius."""

    positions: dict[str, Point]
    radius: float


def radial_layout(
    node_ids: Iterable[str],
    edges: Iterable[tuple[str, str]],
    *,
    spacing: float = NODE_SPACING,
) -> dict[str, Point]:
    """Positions (x, y) for every node: radial trees per component, packed on shelves.

    Edges are read as undirected; edges that name unknown nodes are ignored.
    Coordinates are rounded to one decimal so the output is byte-stable.

    >>> radial_layout(["a"], [])
    {'a': (0.0, 0.0)}
    """
    graph = nx.Graph()
    graph.add_nodes_from(sorted(set(node_ids)))
    graph.add_edges_from(sorted((a, b) for a, b in edges if a != b and a in graph and b in graph))
    components = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0]))
    placed = [_layout_component(graph.subgraph(c), spacing) for c in components]
    return _pack(placed)


def _layout_component(component: nx.Graph, spacing: float) -> _Placed:
    # The root is the best-connected node (ties: smallest id), so hubs sit in the middle.
    root = min(component, key=lambda n: (-component.degree(n), n))
    children = _bfs_children(component, root)
    leaves = _leaf_counts(children, root)
    depth_of = {root: 0}
    order = [root]
    for node in order:
        for child in children[node]:
            depth_of[child] = depth_of[node] + 1
            order.append(child)
    # A ring must be long enough to hold its nodes `spacing` apart.
    per_depth: dict[int, int] = {}
    for depth in depth_of.values():
        per_depth[depth] = per_depth.get(depth, 0) + 1
    radius_of_depth = [0.0]
    for depth in range(1, max(per_depth) + 1):
        needed = per_depth[depth] * spacing / (2 * math.pi)
        radius_of_depth.append(max(radius_of_depth[-1] + RING_GAP, needed))

    positions: dict[str, Point] = {}
    wedges = {root: (0.0, 2 * math.pi)}
    for node in order:
        start, end = wedges[node]
        angle = (start + end) / 2
        r = radius_of_depth[depth_of[node]]
        positions[node] = (r * math.cos(angle), r * math.sin(angle))
        cursor = start
        for child in children[node]:
            share = (end - start) * leaves[child] / leaves[node]
            wedges[child] = (cursor, cursor + share)
            cursor += share
    return _Placed(positions, radius_of_depth[-1] + spacing / 2)


def _bfs_children(component: nx.Graph, root: str) -> dict[str, list[str]]:
    children: dict[str, list[str]] = {node: [] for node in component}
    seen = {root}
    frontier = [root]
    while frontier:
        next_frontier = []
        for node in frontier:
            for neighbour in sorted(component.neighbors(node)):
                if neighbour not in seen:
                    seen.add(neighbour)
                    children[node].append(neighbour)
                    next_frontier.append(neighbour)
        frontier = next_frontier
    return children


def _leaf_counts(children: dict[str, list[str]], root: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    stack = [(root, False)]
    while stack:  # iterative post-order: deep chains must not hit the recursion limit
        node, expanded = stack.pop()
        if expanded:
            counts[node] = sum(counts[c] for c in children[node]) or 1
        else:
            stack.append((node, True))
            stack.extend((c, False) for c in children[node])
    return counts


def _pack(placed: Sequence[_Placed]) -> dict[str, Point]:
    """Shelf packing of the components' bounding squares into a roughly square area."""
    sides = [2 * p.radius + COMPONENT_MARGIN for p in placed]
    row_width = max([math.sqrt(sum(s * s for s in sides)), *sides], default=0.0)
    positions: dict[str, Point] = {}
    x = y = row_height = 0.0
    for component, side in zip(placed, sides):
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        cx, cy = x + side / 2, y + side / 2
        for node, (px, py) in component.positions.items():
            positions[node] = (px + cx, py + cy)
        x += side
        row_height = max(row_height, side)
    if not positions:
        return {}
    # Centre the drawing on (0, 0) so vis-network's initial view needs no fit.
    mid_x = (min(p[0] for p in positions.values()) + max(p[0] for p in positions.values())) / 2
    mid_y = (min(p[1] for p in positions.values()) + max(p[1] for p in positions.values())) / 2
    return {node: (round(px - mid_x, 1) + 0.0, round(py - mid_y, 1) + 0.0) for node, (px, py) in sorted(positions.items())}
