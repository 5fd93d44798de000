"""The interactive HTML view ``graph.html``: one self-contained file, no network.

The nodes and edges are built with pyvis and drawn by the vis-network build
that pyvis ships; its script and style are inlined into our own small
template (``templates/graph_view.html.j2``), so the page makes no request to
any host. pyvis's own template is not used: it links Bootstrap and other
files from CDNs even with ``cdn_resources="in_line"``.

Safety: every piece of article text travels as JSON inside a
``<script type="application/json">`` element (``<``, ``>``, ``&``, U+2028 and
U+2029 escaped) and the page writes it with ``textContent`` (panel, search
list and its own tooltip), never as HTML.

Opening view: the camera frames the entities that have an edge (quotations
and bare mentions draw none; in a physics layout the unconnected ones are
set out in a block below), zoomed in as far as needed for the labels of the
most mentioned entities to be ``READABLE_LABEL_PX`` on screen; labels grow
with the article count. The page's script exposes a small API,
``window.kgView`` (documented at the top of ``templates/graph_view.js``),
which its controls use and tests drive.

Size: up to ``PRECOMPUTED_LAYOUT_ABOVE`` entities, vis-network lays the graph
out in the browser and switches physics off once it settles; above that, the
positions are computed here (``graph.outputs.view.layout.large_graph_layout``) and physics is
off from the start, so the page is usable at once.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
from pyvis.network import Network

from graph.core.atomic import write_text_atomic
from graph.core.knowledge import KnowledgeGraph
from graph.core.records import Entity, EntityType, Fact, Predicate
from graph.outputs.view.data import (
    FALLBACK_COLOUR,
    EdgeGroup,
    Terms,
    article_dates,
    article_record,
    article_title,
    articles_of_entities,
    co_mentions,
    edge_groups,
    entity_records,
    fact_records,
    legend,
    makers,
    search_keys,
    sentence_text,
    top_roles,
    unique_facts,
)
from graph.outputs.view.layout import large_graph_layout

DEFAULT_TITLE = "知识图谱"
PRECOMPUTED_LAYOUT_ABOVE = 1000  # entities; more than this and the browser's physics would take too long
# Entities drawn at most: the most mentioned ones. A browser cannot show a
# hundred thousand nodes usefully, and the page would grow with the corpus;
# the RDF files and `kg query` always have the whole graph.
VIEW_ENTITY_LIMIT = 5000
VIS_NETWORK_VERSION = "9.1.2"  # the build bundled in pyvis
LAYOUT_SEED = 20240601  # vis-network's randomSeed: the same page draws the same layout every time

FONT_FACE = 'system-ui, "WenQuanYi Micro Hei", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif'
INK = "#1f2328"
IMPROVED_LAYOUT_MAX = 150
STABILIZATION_BUDGET = 150_000  # node-steps
MIN_STABILIZATION_STEPS, MAX_STABILIZATION_STEPS = 150, 1000
MAX_NODE_SIZE = 60.0  # vis-network dot radius for an entity in 47 or more articles
LABEL_SIZE, MAX_LABEL_SIZE = 14, 36  # label font size (canvas px) at one article; the most from 21 on
# graph_view.js opens zoomed so that the most mentioned entities' labels are at least this big on screen.
READABLE_LABEL_PX = 12
# Longest text drawn on the canvas (node and edge labels) and per tooltip line;
# the panel and the search always have the whole text. A name of thousands of
# characters would make every frame of the drawing slow and cover the graph.
CANVAS_LABEL_MAX = 40
TOOLTIP_LINE_MAX = 200
ELLIPSIS = "…"

# Presentation only; names come from the ontology (graph.rdf.vocab).
TYPE_COLOURS: dict[EntityType, str] = {
    EntityType.PERSON: "#e8684a",
    EntityType.ORGANIZATION: "#5b8ff9",
    EntityType.SOFTWARE: "#5ad8a6",
    EntityType.PLACE: "#f6bd16",
}
RELATION_COLOURS: dict[Predicate, str] = {
    Predicate.MEMBERSHIP: "#8c6bb1",
    Predicate.CREATOR: "#2a9d8f",
    Predicate.COMPARED_WITH: "#e76f51",
    Predicate.LOCATED_IN: "#b08900",
    Predicate.SUB_ORGANIZATION_OF: "#457b9d",
}

_JSON_SCRIPT_ESCAPES = (
    ("&", "\\u0026"),
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def render_html(kg: KnowledgeGraph, *, title: str = DEFAULT_TITLE) -> str:
    """The whole ``graph.html`` page for ``kg``, as text.

    Deterministic: the same graph gives the same bytes. Above
    ``VIEW_ENTITY_LIMIT`` entities, the page shows the most mentioned ones
    and says how many it left out.
    """
    omitted = max(0, len(kg.entities) - VIEW_ENTITY_LIMIT)
    if omitted:
        kg = kg.restricted_to(most_mentioned(kg, VIEW_ENTITY_LIMIT))
    terms = Terms.from_ontology()
    precomputed = len(kg.entities) > PRECOMPUTED_LAYOUT_ABOVE
    physics = bool(kg.entities) and not precomputed
    facts = unique_facts(kg.sorted_facts())
    articles = kg.sorted_articles()
    titles = {a.article_id: article_title(a) for a in articles}
    groups = edge_groups(facts, kg.entities)
    mentioned_in = {entity_id: len(ids) for entity_id, ids in kg.articles_mentioning().items()}
    article_indexes = articles_of_entities(kg, articles)
    positions = large_graph_layout(kg.entities, ((g.subject_id, g.object_id) for g in groups)) if precomputed else {}
    network = _network(kg, facts, groups, mentioned_in, positions, terms, titles, physics=physics)
    data = {
        "articles": [article_record(a, titles[a.article_id]) for a in articles],
        # Indexes into "nodes" (the entities in id order) and "articles".
        "coMentions": co_mentions([article_indexes.get(e, []) for e in sorted(kg.entities)]).to_json(),
        "dates": article_dates(articles),
        "edgeFacts": {g.edge_id: list(g.fact_indexes) for g in groups},
        "edges": network.edges,
        "entities": entity_records(kg, facts, mentioned_in, article_indexes),
        "facts": fact_records(kg, facts, articles),
        "nodes": network.nodes,
        "omitted": omitted,
        "physics": physics,
        "predicates": {p.value: names for p, names in terms.predicates.items()},
        "readablePx": READABLE_LABEL_PX,
        "relations": legend(Counter(g.predicate for g in groups), RELATION_COLOURS, terms.predicates),
        "search": [[e.entity_id, search_keys(e)] for e in kg.sorted_entities()],
        "terms": terms.words,
        "types": legend(Counter(e.entity_type for e in kg.entities.values()), TYPE_COLOURS, terms.types),
    }
    vis_css, vis_js = _vis_assets()
    return _template().render(
        title=title,
        vis_css=vis_css,
        vis_js=vis_js,
        app_css=Markup(_asset("graph_view.css")),
        app_js=Markup(_asset("graph_view.js")),
        data_json=script_json(data),
        options_json=script_json(_vis_options(len(kg.entities), physics=physics, precomputed=precomputed)),
    )


def most_mentioned(kg: KnowledgeGraph, limit: int) -> list[str]:
    """Ids of the ``limit`` entities mentioned in the most articles (ties by id)."""
    mentioned_in = kg.articles_mentioning()
    ranked = sorted(kg.entities, key=lambda entity_id: (-len(mentioned_in.get(entity_id, ())), entity_id))
    return ranked[:limit]


def write_html(kg: KnowledgeGraph, path: Path, *, title: str = DEFAULT_TITLE) -> None:
    """Write ``render_html(kg)`` to ``path`` atomically (temporary file, then ``os.replace``)."""
    write_text_atomic(Path(path), render_html(kg, title=title))


def shortened(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, the last one an ellipsis, when it is longer.

    >>> shortened("周鸿祎", 40), shortened("长" * 50, 5)
    ('周鸿祎', '长长长长…')
    """
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def script_json(value: Any) -> Markup:
    """``value`` as JSON that is safe inside a ``<script type="application/json">`` element.

    ``<``, ``>`` and ``&`` are escaped so no text can close the element or
    open a comment; U+2028/U+2029 so the text is also valid JavaScript.

    >>> str(script_json({"name": "</script>"}))
    '{"name":"\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    for raw, escaped in _JSON_SCRIPT_ESCAPES:
        text = text.replace(raw, escaped)
    return Markup(text)


# --- the vis-network part, built with pyvis --------------------------------------


def _node_size(article_count: int) -> float:
    # The radius grows with the square root of the article count, capped so hubs do not swamp the view.
    return round(min(MAX_NODE_SIZE, 12 + 7 * math.sqrt(article_count)), 2)


def _label_size(article_count: int) -> float:
    """Font size of a node's label: the most mentioned entities are read first, from afar."""
    return round(min(MAX_LABEL_SIZE, LABEL_SIZE + 5 * math.sqrt(max(article_count, 1) - 1)), 1)


def _node_tip(entity: Entity, count: int, terms: Terms, roles: list[str], made_by: list[str]) -> str:
    """Plain-text tooltip: name; type and article count; top roles (people) or makers (models)."""
    limit = TOOLTIP_LINE_MAX
    lines = [
        shortened(entity.label, limit),
        f"{terms.types[entity.entity_type]['zh']} · {terms.words['articleCount']} {count}",
    ]
    if roles:
        lines.append(shortened(f"{terms.words['role']}：{'、'.join(roles)}", limit))
    if made_by:
        lines.append(shortened(f"{terms.predicates[Predicate.CREATOR]['zh']}：{'、'.join(made_by)}", limit))
    return "\n".join(lines)


def _network(
    kg: KnowledgeGraph,
    facts: list[Fact],
    groups: list[EdgeGroup],
    mentioned_in: dict[str, int],
    positions: dict[str, tuple[float, float]],
    terms: Terms,
    titles: dict[str, str],
    *,
    physics: bool,
) -> Network:
    """The vis-network nodes and edges, made with pyvis (read back as ``net.nodes`` / ``net.edges``).

    Tooltips ride as ``tip`` (the page shows them itself, as text), not as
    vis-network's ``title``. In a physics layout an entity without an edge
    takes no part (``physics: false``): the page sets it out below the rest.
    """
    net = Network(directed=True)
    roles = top_roles(facts, kg.entities, terms)
    made_by = makers(facts, kg.entities)
    linked = {g.subject_id for g in groups} | {g.object_id for g in groups}
    for entity in kg.sorted_entities():
        colour = TYPE_COLOURS.get(entity.entity_type, FALLBACK_COLOUR)
        border = _darker(colour)
        count = mentioned_in.get(entity.entity_id, 0)
        extra: dict[str, Any] = {}
        if entity.entity_id in positions:
            extra["x"], extra["y"] = positions[entity.entity_id]
        if physics and entity.entity_id not in linked:
            extra["physics"] = False
        net.add_node(
            entity.entity_id,
            label=shortened(entity.label, CANVAS_LABEL_MAX),
            color={"background": colour, "border": border, "highlight": {"background": colour, "border": INK}},
            size=_node_size(count),
            font={"size": _label_size(count)},
            tip=_node_tip(entity, count, terms, roles.get(entity.entity_id, []), made_by.get(entity.entity_id, [])),
            kgType=entity.entity_type.value,
            **extra,
        )
    for group in groups:
        colour = RELATION_COLOURS.get(group.predicate, FALLBACK_COLOUR)
        net.add_edge(
            group.subject_id,
            group.object_id,
            id=group.edge_id,
            label=shortened(_edge_label(group, terms), CANVAS_LABEL_MAX),
            tip=_edge_tip(group, kg, facts, terms, titles),
            color={"color": colour, "highlight": colour, "hover": colour},
            width=round(1 + math.log2(len(group.fact_indexes)), 2),
            kgRelation=group.predicate.value,
        )
    return net


def _darker(colour: str, factor: float = 0.7) -> str:
    """``#rrggbb`` with each channel scaled by ``factor``: the node's border."""
    channels = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c * factor):02x}" for c in channels)


def _edge_label(group: EdgeGroup, terms: Terms) -> str:
    """The role on memberships (曾任司长 when past), else the relation's name."""
    if group.role:
        return f"{terms.words['former']}{group.role}" if group.former else group.role
    return terms.predicates[group.predicate]["zh"]


def _edge_tip(
    group: EdgeGroup, kg: KnowledgeGraph, facts: list[Fact], terms: Terms, titles: dict[str, str], shown: int = 3
) -> str:
    """Plain-text tooltip (the page writes it with textContent, never as HTML)."""
    subject, obj = kg.entities[group.subject_id], kg.entities[group.object_id]
    limit = TOOLTIP_LINE_MAX
    names = (shortened(subject.label, limit), shortened(obj.label, limit), shortened(_edge_label(group, terms), limit))
    lines = [f"{names[0]} → {names[1]}：{names[2]}"]
    for i in group.fact_indexes[:shown]:
        fact = facts[i]
        source = shortened(titles[fact.article_id], limit)
        confidence = f"{terms.words['confidence']} {fact.confidence:.2f}"
        lines.append(f"「{shortened(sentence_text(kg, fact), limit)}」\n—— {source} · {confidence}")
    if len(group.fact_indexes) > shown:
        lines.append(f"……另有 {len(group.fact_indexes) - shown} 处来源（点击连线查看）")
    return "\n".join(lines)


def _vis_options(node_count: int, *, physics: bool, precomputed: bool) -> dict[str, Any]:
    """vis-network options: physics until the layout settles, or none when positions are given."""
    font = {"face": FONT_FACE, "color": INK, "strokeWidth": 3, "strokeColor": "#ffffff"}
    options: dict[str, Any] = {
        "autoResize": True,
        "nodes": {"shape": "dot", "borderWidth": 1, "font": {**font, "size": 14}},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "font": {**font, "size": 11, "align": "horizontal"},
            "smooth": False if precomputed else {"enabled": True, "type": "continuous", "roundness": 0.3},
            "selectionWidth": 2,
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": precomputed},
        # vis-network's Kamada-Kawai start is slow beyond its clustering threshold (150 nodes).
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": node_count <= IMPROVED_LAYOUT_MAX},
        "physics": {"enabled": False},
    }
    if physics:
        options["physics"] = {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -70,
                "centralGravity": 0.01,
                "springLength": 120,
                "springConstant": 0.06,
                "avoidOverlap": 0.4,
            },
            "minVelocity": 1,
            "stabilization": {
                "enabled": True,
                "iterations": _stabilization_iterations(node_count),
                "updateInterval": 25,
                "fit": False,  # the page frames the opening view itself
            },
        }
    return options


def _stabilization_iterations(node_count: int) -> int:
    """Physics steps before the layout is frozen: about two seconds of work in the browser.

    One step costs about 15 ms at 1,000 nodes (forceAtlas2, Barnes-Hut), so the
    budget shrinks as the graph grows; small graphs usually settle earlier anyway.
    """
    return max(MIN_STABILIZATION_STEPS, min(MAX_STABILIZATION_STEPS, STABILIZATION_BUDGET // max(node_count, 1)))


# --- files -----------------------------------------------------------------------


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader(__package__, "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    return env.get_template("graph_view.html.j2")


@cache
def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8")


@cache
def _vis_assets() -> tuple[Markup, Markup]:
    """vis-network's stylesheet and script as shipped inside pyvis, checked safe to inline."""
    folder = resources.files("pyvis").joinpath("templates", "lib", f"vis-{VIS_NETWORK_VERSION}")
    css = folder.joinpath("vis-network.css").read_text(encoding="utf-8")
    js = folder.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    if "</style" in css.lower() or "</script" in js.lower() or "<!--" in js:
        raise RuntimeError("the vis-network build bundled in pyvis cannot be inlined as it is")
    return Markup(css), Markup(js)
