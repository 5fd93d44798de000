"""Node positions computed in Python, for graphs too big to lay out in the browser.

A plain force layout does not scale here: ``nx.spring_layout`` needs SciPy
above 500 nodes (not a dependency) and ``nx.forceatlas2_layout`` is dense
(n × n × 2 arrays; 16 s for 2,000 nodes). News graphs are clusters around
hubs (an organization with its people and models), so the layout is
multilevel:

1. each connected component is laid out on its own, and the components are
   packed on shelves, largest first, with isolated nodes in a square block;
2. a component of up to ``SPRING_MAX`` nodes gets ``nx.spring_layout``;
3. a larger one is split into Louvain communities, each laid out the same
   way (recursively), and the communities are placed as discs by
   ``nx.spring_layout`` on the graph of communities, then pushed apart until
   no two discs overlap;
4. where that cannot help (one community: a hub with hundreds of
   satellites; or too deep), a sunflower disc around the best-connected node.

5,000 nodes take well under a second. Every step is seeded and reads nodes
in sorted order, so the same nodes and edges give the same positions,
whatever the input order. Distances are in vis-network canvas units.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np

Point = tuple[float, float]

NODE_SPACING = 70.0  # typical distance between neighbours (vis-network pixels at zoom 1)
COMPONENT_MARGIN = 80.0  # gap between packed components and between community discs
SPRING_MAX = 300  # nx.spring_layout is dense (n × n) and needs SciPy from 500 nodes
MAX_DEPTH = 3  # community levels before falling back to a sunflower disc
SEED = 7
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


@dataclass(frozen=True)
class _Placed:
    """Some nodes laid out around (0, 0), with the radius of a disc that holds them."""

    positions: dict[str, Point]
    radius: float


def large_graph_layout(
    node_ids: Iterable[str],
    edges: Iterable[tuple[str, str]],
    *,
    spacing: float = NODE_SPACING,
    seed: int = SEED,
) -> dict[str, Point]:
    """Positions (x, y) for every node, centred on (0, 0), rounded to one decimal.

    Edges are read as undirected; edges that name unknown nodes are ignored.

    >>> large_graph_layout(["a"], [])
    {'a': (0.0, 0.0)}
    """
    graph = nx.Graph()
    graph.add_nodes_from(sorted(set(node_ids)))
    graph.add_edges_from(sorted({tuple(sorted((a, b))) for a, b in edges if a != b and a in graph and b in graph}))
    components = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0]))
    isolated = [c[0] for c in components if len(c) == 1]
    placed = [_layout_connected(_induced(graph, c), spacing, seed, depth=0) for c in components if len(c) > 1]
    if isolated:
        placed.append(_grid(isolated, spacing))
    return _pack(placed)


def _induced(graph: nx.Graph, nodes: list[str]) -> nx.Graph:
    """The subgraph on ``nodes`` (sorted), nodes and edges in sorted order.

    Not ``graph.subgraph``: a view on fewer than half of the nodes iterates
    them from a set, whose order changes with each run's string hashing, and
    spring_layout's random start follows node order.
    """
    keep = set(nodes)
    sub = nx.Graph()
    sub.add_nodes_from(nodes)
    sub.add_edges_from((a, b) for a in nodes for b in sorted(graph.neighbors(a)) if a < b and b in keep)
    return sub


def _layout_connected(graph: nx.Graph, spacing: float, seed: int, depth: int) -> _Placed:
    if len(graph) <= 2:
        return _sunflower(graph, spacing)
    if len(graph) <= SPRING_MAX:
        return _spring(graph, spacing, seed)
    if depth >= MAX_DEPTH:
        return _sunflower(graph, spacing)
    communities = sorted(
        (sorted(c) for c in nx.community.louvain_communities(graph, seed=seed)), key=lambda c: (-len(c), c[0])
    )
    if len(communities) == 1:
        return _sunflower(graph, spacing)
    parts = [_layout_connected(_induced(graph, c), spacing, seed, depth + 1) for c in communities]
    return _place_discs(graph, communities, parts, seed)


def _spring(graph: nx.Graph, spacing: float, seed: int) -> _Placed:
    raw = nx.spring_layout(graph, seed=seed, iterations=60)
    nodes = list(graph)
    xy = np.array([raw[n] for n in nodes], dtype=float)
    # Scale so that the typical nearest neighbour sits `spacing` away.
    dist = np.linalg.norm(xy[:, None, :] - xy[None, :, :], axis=-1)
    np.fill_diagonal(dist, np.inf)
    nearest = float(np.median(dist.min(axis=1)))
    xy = (xy - xy.mean(axis=0)) * (spacing / nearest if nearest > 0 else 1.0)
    radius = float(np.linalg.norm(xy, axis=1).max()) + spacing / 2
    return _Placed({n: (float(x), float(y)) for n, (x, y) in zip(nodes, xy)}, radius)


def _place_discs(graph: nx.Graph, communities: list[list[str]], parts: list[_Placed], seed: int) -> _Placed:
    """Arrange the communities' discs by their links, then push overlapping discs apart."""
    community_of = {n: i for i, c in enumerate(communities) for n in c}
    links = nx.Graph()
    links.add_nodes_from(range(len(communities)))
    for a, b in graph.edges():
        i, j = community_of[a], community_of[b]
        if i != j:
            weight = links.get_edge_data(i, j, {"weight": 0})["weight"]
            links.add_edge(i, j, weight=weight + 1)
    if len(links) > SPRING_MAX:  # too many to arrange by force: shelves
        return _shelf(parts)
    raw = nx.spring_layout(links, seed=seed, iterations=100, weight="weight")
    centres = np.array([raw[i] for i in range(len(parts))], dtype=float)
    radii = np.array([p.radius for p in parts]) + COMPONENT_MARGIN / 2
    # Start where linked discs just touch, then remove the overlaps.
    needed = [(radii[i] + radii[j]) / max(np.linalg.norm(centres[i] - centres[j]), 1e-9) for i, j in links.edges()]
    centres *= float(np.median(needed)) if needed else 1.0
    centres = _separate(centres, radii)
    centres -= (centres.min(axis=0) + centres.max(axis=0)) / 2
    positions: dict[str, Point] = {}
    for (cx, cy), part in zip(centres, parts):
        for n, (x, y) in part.positions.items():
            positions[n] = (x + float(cx), y + float(cy))
    radius = float(max(np.linalg.norm(c) + r for c, r in zip(centres, radii)))
    return _Placed(positions, radius)


def _separate(centres: np.ndarray, radii: np.ndarray, rounds: int = 300) -> np.ndarray:
    """Move discs apart, pair by pair, until none overlaps (or ``rounds`` is spent)."""
    centres = centres.copy()
    needed = radii[:, None] + radii[None, :]
    for _ in range(rounds):
        delta = centres[:, None, :] - centres[None, :, :]
        dist = np.linalg.norm(delta, axis=-1)
        overlap = np.clip(needed - dist, 0.0, None)
        np.fill_diagonal(overlap, 0.0)
        if overlap.max() < 0.5:
            break
        # Coincident centres separate along a fixed, index-dependent direction.
        angle = np.arange(len(centres))[:, None] - np.arange(len(centres))[None, :]
        fallback = np.stack([np.cos(angle), np.sin(angle)], axis=-1)
        direction = np.where(dist[..., None] > 1e-9, delta / np.maximum(dist, 1e-9)[..., None], fallback)
        centres += (overlap[..., None] * direction).sum(axis=1) * 0.5
    return centres


def _grid(nodes: Sequence[str], spacing: float) -> _Placed:
    """Isolated nodes in a square block, row by row."""
    side = math.ceil(math.sqrt(len(nodes)))
    offset = (side - 1) * spacing / 2
    positions = {n: ((i % side) * spacing - offset, (i // side) * spacing - offset) for i, n in enumerate(nodes)}
    return _Placed(positions, offset * math.sqrt(2) + spacing / 2)


def _sunflower(graph: nx.Graph, spacing: float) -> _Placed:
    """Nodes on a sunflower spiral in breadth-first order from the best-connected node.

    For what neither spring nor communities can spread (a hub with hundreds of
    satellites): a dense disc, the hub in the middle, near nodes near it.
    """
    root = min(graph, key=lambda n: (-graph.degree(n), n))
    order = [root]
    seen = {root}
    for node in order:
        for neighbour in sorted(graph.neighbors(node)):
            if neighbour not in seen:
                seen.add(neighbour)
                order.append(neighbour)
    order += sorted(set(graph) - seen)
    step = spacing * 0.6  # the spiral's nearest neighbours then sit about `spacing` apart
    # Index k sits at radius step·√(k + 3), leaving room for the hub, a big node, at the centre.
    radii = [0.0] + [step * math.sqrt(k + 3) for k in range(1, len(order))]
    positions = {
        n: (r * math.cos(k * GOLDEN_ANGLE), r * math.sin(k * GOLDEN_ANGLE)) for k, (n, r) in enumerate(zip(order, radii))
    }
    return _Placed(positions, radii[-1] + spacing / 2)


def _shelf(placed: Sequence[_Placed]) -> _Placed:
    positions = _pack(placed, centre=False)
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    mid = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
    positions = {n: (x - mid[0], y - mid[1]) for n, (x, y) in positions.items()}
    return _Placed(positions, max(math.hypot(x, y) for x, y in positions.values()) + NODE_SPACING / 2)


def _pack(placed: Sequence[_Placed], *, centre: bool = True) -> dict[str, Point]:
    """Shelf packing of the parts' bounding squares into a roughly square area."""
    sides = [2 * p.radius + COMPONENT_MARGIN for p in placed]
    row_width = max([math.sqrt(sum(s * s for s in sides)), *sides], default=0.0)
    positions: dict[str, Point] = {}
    x = y = row_height = 0.0
    for part, side in zip(placed, sides):
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        cx, cy = x + side / 2, y + side / 2
        for node, (px, py) in part.positions.items():
            positions[node] = (px + cx, py + cy)
        x += side
        row_height = max(row_height, side)
    if not positions or not centre:
        return positions
    # Centre the drawing on (0, 0); `+ 0.0` turns -0.0 into 0.0 for byte-stable output.
    mid_x = (min(p[0] for p in positions.values()) + max(p[0] for p in positions.values())) / 2
    mid_y = (min(p[1] for p in positions.values()) + max(p[1] for p in positions.values())) / 2
    return {n: (round(px - mid_x, 1) + 0.0, round(py - mid_y, 1) + 0.0) for n, (px, py) in sorted(positions.items())}
