"""Score an RDF graph against a gold annotation, by the shared evaluation scorer's rules.

The project is measured with one scorer (the evaluation script kept beside the repository).
``kg eval`` must give the same numbers without shipping it, so its rules are repeated here,
typed and split into small steps, and a test checks that both agree on real builds:

- a name is compared after NFKC, Traditional → Simplified (OpenCC ``t2s``), lower case and
  removing spaces, quotes, brackets, dots, dashes and underscores (``normalize_name``);
- a system entity is a node typed ``schema:Person``, ``schema:Organization`` or
  ``schema:SoftwareApplication`` (``https`` or ``http`` schema.org); it matches the *first*
  gold entity, in file order, that shares a normalised name with it (``rdfs:label``,
  ``skos:prefLabel``/``altLabel``, ``schema:name``/``alternateName``);
- precision counts every system entity; recall counts only the gold's core entities; two
  system entities matching one gold entity are a duplicate (each still counts as correct);
- affiliations are ``org:Membership`` (member, organization, role names) and direct links
  (``org:memberOf``, ``org:headOf``, ``schema:affiliation``/``worksFor``/``memberOf``, and
  ``schema:founder`` read backwards), compared as (gold person label, gold org label);
- created are ``schema:creator`` (or producer, manufacturer, publisher, author) from a model;
  quoted are the speakers (``schema:creator``, ``spokenByCharacter``, ``author``) of a
  ``schema:Quotation``. A node that matches no gold entity is ``"?"``.

Nothing here prints: ``scores_to_json`` and ``format_report`` return values for the CLI.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, Dataset, Literal, Namespace
from rdflib.namespace import SKOS
from rdflib.term import Node

from graph.core.errors import InputError
from graph.evaluation.gold import ENTITY_TYPES, Gold, GoldEntity, normalize_name
from graph.evaluation.scores import (
    AffiliationScore,
    CreatedScore,
    EntityScore,
    Pair,
    QuotedScore,
    Scores,
    Spurious,
    SpuriousReason,
    SystemAffiliation,
    TypeScore,
)

SCHEMA = Namespace("https://schema.org/")
SCHEMA_HTTP = Namespace("http://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")

# File suffix → rdflib parser, the suffixes the scorer reads.
RDF_FORMATS: Mapping[str, str] = {
    "ttl": "turtle",
    "trig": "trig",
    "nq": "nquads",
    "nt": "nt",
    "jsonld": "json-ld",
    "rdf": "xml",
    "xml": "xml",
}
# What a node that matches no gold entity is called in pairs and quoted people.
UNKNOWN = "?"

_NAME_PREDICATES = (
    RDFS.label,
    SKOS.prefLabel,
    SKOS.altLabel,
    SCHEMA.name,
    SCHEMA.alternateName,
    SCHEMA_HTTP.name,
    SCHEMA_HTTP.alternateName,
)
# Person → organization links besides org:Membership (https schema.org only, as the scorer).
_DIRECT_AFFILIATIONS = (
    ORG.memberOf,
    ORG.headOf,
    SCHEMA.affiliation,
    SCHEMA.worksFor,
    SCHEMA.memberOf,
)
# Model → organization links, and quotation → speaker links, under either schema.org.
_CREATOR_TERMS = ("creator", "producer", "manufacturer", "publisher", "author")
_SPEAKER_TERMS = ("creator", "spokenByCharacter", "author")


# --- reading the graph ------------------------------------------------------------------------


def load_graph(paths: Iterable[Path]) -> Dataset:
    """Every file in one dataset whose default graph is the union, as the scorer reads them."""
    dataset = Dataset(default_union=True)
    count = 0
    for path in paths:
        _parse_into(dataset, path)
        count += 1
    if not count:
        raise InputError("no graph file to score")
    return dataset


def _parse_into(dataset: Dataset, path: Path) -> None:
    # The suffix after the last dot of the name, as the scorer takes it.
    rdf_format = RDF_FORMATS.get(path.name.rsplit(".", 1)[-1])
    if rdf_format is None:
        known = ", ".join(f".{suffix}" for suffix in RDF_FORMATS)
        raise InputError(f"{path}: not an RDF file to score (expected {known})")
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        dataset.parse(str(path), format=rdf_format)
    except Exception as exc:
        raise InputError(f"{path}: cannot read it as {rdf_format}: {exc}") from exc


# --- matching ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _GoldIndex:
    """Per normalised name, the position of the first gold entity with it (any type, each type).

    The scorer takes the first gold entity, in file order, that shares a name with a system
    entity; the smallest position among the entity's names is that entity.
    """

    entities: tuple[GoldEntity, ...]
    any_type: Mapping[str, int]
    by_type: Mapping[str, Mapping[str, int]]

    def match(self, names: frozenset[str], gold_type: str | None = None) -> GoldEntity | None:
        """The gold entity (of ``gold_type`` when given) these names match, or None."""
        table = self.any_type if gold_type is None else self.by_type.get(gold_type, {})
        positions = [table[name] for name in names if name in table]
        return self.entities[min(positions)] if positions else None


def _gold_index(gold: Gold) -> _GoldIndex:
    return _GoldIndex(
        entities=gold.entities,
        any_type=_first_positions(gold.entities, None),
        by_type={kind: _first_positions(gold.entities, kind) for kind in ENTITY_TYPES},
    )


def _first_positions(entities: Sequence[GoldEntity], kind: str | None) -> dict[str, int]:
    first: dict[str, int] = {}
    for position, entity in enumerate(entities):
        if kind is None or entity.type == kind:
            for name in _gold_names(entity):
                first.setdefault(name, position)
    return first


def _gold_names(entity: GoldEntity) -> set[str]:
    return {normalize_name(entity.label)} | {normalize_name(alias) for alias in entity.aliases}


def _names(graph: Dataset, node: Node) -> frozenset[str]:
    """A node's normalised literal names (empty ones dropped: they would match nothing)."""
    found = {
        normalize_name(name)
        for predicate in _NAME_PREDICATES
        for name in graph.objects(node, predicate)
        if isinstance(name, Literal)
    }
    return frozenset(found - {""})


def _system_entities(graph: Dataset, schema_class: str) -> dict[Node, frozenset[str]]:
    """Nodes of a schema.org class and their names, in a stable order for stable reports."""
    nodes = set(graph.subjects(RDF.type, SCHEMA[schema_class]))
    nodes |= set(graph.subjects(RDF.type, SCHEMA_HTTP[schema_class]))
    return {node: _names(graph, node) for node in sorted(nodes, key=str)}


def _gold_labels(
    entities_by_type: Mapping[str, Mapping[Node, frozenset[str]]], index: _GoldIndex
) -> dict[Node, str]:
    """The gold label (of any type) of each typed system entity that matches one."""
    labels: dict[Node, str] = {}
    for entities in entities_by_type.values():
        for node, names in entities.items():
            found = index.match(names)
            if found is not None:
                labels[node] = found.label
    return labels


# --- entities ---------------------------------------------------------------------------------


def _score_type(
    gold_type: str, entities: Mapping[Node, frozenset[str]], gold: Gold, index: _GoldIndex
) -> TypeScore:
    core = [entity for entity in gold.entities if entity.type == gold_type and entity.core]
    matches: dict[str, int] = {}  # gold label → system entities matching it, first match first
    spurious: list[Spurious] = []
    for names in entities.values():
        found = index.match(names, gold_type)
        if found is not None:
            matches[found.label] = matches.get(found.label, 0) + 1
        else:
            reason: SpuriousReason = "wrong-type" if index.match(names) else "unknown"
            spurious.append(Spurious(reason=reason, names=tuple(sorted(names)[:3])))
    correct = sum(matches.values())
    core_found = sum(1 for entity in core if entity.label in matches)
    precision = _ratio(correct, len(entities))
    recall = _ratio(core_found, len(core))
    return TypeScore(
        gold_type=gold_type,
        precision=precision,
        recall=recall,
        f1=_f1(precision, recall),
        system=len(entities),
        gold_core=len(core),
        correct=correct,
        core_found=core_found,
        duplicates=tuple((label, count) for label, count in matches.items() if count > 1),
        missed=tuple(entity.label for entity in core if entity.label not in matches),
        spurious=tuple(spurious),
    )


def _score_entities(types: Sequence[TypeScore]) -> EntityScore:
    precision = _ratio(sum(t.correct for t in types), sum(t.system for t in types))
    recall = _ratio(sum(t.core_found for t in types), sum(t.gold_core for t in types))
    return EntityScore(precision=precision, recall=recall, f1=_f1(precision, recall))


# --- affiliations -----------------------------------------------------------------------------


def _node_pairs(graph: Dataset) -> dict[tuple[Node, Node], set[str]]:
    """(person, organization) nodes the graph links, with the normalised role names given."""
    pairs: dict[tuple[Node, Node], set[str]] = {}
    for membership in graph.subjects(RDF.type, ORG.Membership):
        roles: set[str] = set()
        for role in graph.objects(membership, ORG.role):
            roles |= _role_names(graph, role)
        for person in graph.objects(membership, ORG.member):
            for org in graph.objects(membership, ORG.organization):
                pairs.setdefault((person, org), set()).update(roles)
    for predicate in _DIRECT_AFFILIATIONS:
        for person, org in graph.subject_objects(predicate):
            pairs.setdefault((person, org), set())
    for org, person in graph.subject_objects(SCHEMA.founder):
        pairs.setdefault((person, org), set())
    return pairs


def _role_names(graph: Dataset, role: Node) -> set[str]:
    # A role is a node with names, or a literal (whose normalised text is kept even when empty).
    names = set(_names(graph, role))
    if isinstance(role, Literal):
        names.add(normalize_name(role))
    return names


def _system_affiliations(graph: Dataset, labels: Mapping[Node, str]) -> dict[Pair, set[str]]:
    """Node pairs as label pairs; nodes the gold does not name go by ``?[first name]``."""
    by_label: dict[Pair, set[str]] = {}
    for (person, org), roles in _node_pairs(graph).items():
        pair = (_label_or_name(graph, person, labels), _label_or_name(graph, org, labels))
        by_label.setdefault(pair, set()).update(roles)
    return by_label


def _label_or_name(graph: Dataset, node: Node, labels: Mapping[Node, str]) -> str:
    label = labels.get(node)
    return label if label is not None else f"{UNKNOWN}{sorted(_names(graph, node))[:1]}"


def _score_affiliations(gold: Gold, system: Mapping[Pair, set[str]]) -> AffiliationScore:
    # One gold row per pair: a later row for the same pair replaces an earlier one.
    gold_pairs = {(a.person, a.org): a for a in gold.affiliations}
    core = [pair for pair, row in gold_pairs.items() if row.core]
    correct = sum(1 for pair in system if pair in gold_pairs)
    found = [pair for pair in core if pair in system]
    with_role = sum(1 for pair in found if _role_matches(gold_pairs[pair].role, system[pair]))
    precision = _ratio(correct, len(system))
    recall = _ratio(len(found), len(core))
    return AffiliationScore(
        precision=precision,
        recall=recall,
        f1=_f1(precision, recall),
        role_recall=_ratio(with_role, len(core)),
        system=len(system),
        gold_core=len(core),
        missed=tuple(pair for pair in core if pair not in system),
        spurious=tuple(
            SystemAffiliation(pair=pair, roles=tuple(sorted(roles)))
            for pair, roles in sorted(system.items())
            if pair not in gold_pairs
        ),
    )


def _role_matches(gold_role: str, system_roles: Iterable[str]) -> bool:
    """A role is right when one name contains the other (董事长 / 董事长兼CEO)."""
    wanted = normalize_name(gold_role)
    return any(wanted in role or role in wanted for role in system_roles if role)


# --- created and quoted -----------------------------------------------------------------------


def _system_created(
    graph: Dataset, models: Mapping[Node, frozenset[str]], labels: Mapping[Node, str]
) -> set[Pair]:
    created: set[Pair] = set()
    for term in _CREATOR_TERMS:
        for namespace in (SCHEMA, SCHEMA_HTTP):
            for model, org in graph.subject_objects(namespace[term]):
                if model in models:
                    created.add((labels.get(model, UNKNOWN), labels.get(org, UNKNOWN)))
    return created


def _score_created(gold: Gold, system: set[Pair]) -> CreatedScore:
    gold_pairs = {(c.model, c.org): c for c in gold.created}
    core = [pair for pair, row in gold_pairs.items() if row.core]
    correct = sum(1 for pair in system if pair in gold_pairs)
    found = sum(1 for pair in core if pair in system)
    precision = _ratio(correct, len(system))
    recall = _ratio(found, len(core))
    return CreatedScore(
        precision=precision,
        recall=recall,
        f1=_f1(precision, recall),
        system=len(system),
        gold_core=len(core),
        missed=tuple(pair for pair in core if pair not in system),
        spurious=tuple(sorted(pair for pair in system if pair not in gold_pairs)),
    )


def _system_quoted(graph: Dataset, labels: Mapping[Node, str]) -> set[str]:
    quotations = set(graph.subjects(RDF.type, SCHEMA.Quotation))
    quotations |= set(graph.subjects(RDF.type, SCHEMA_HTTP.Quotation))
    people: set[str] = set()
    for quotation in quotations:
        for term in _SPEAKER_TERMS:
            for namespace in (SCHEMA, SCHEMA_HTTP):
                for person in graph.objects(quotation, namespace[term]):
                    people.add(labels.get(person, UNKNOWN))
    return people


def _score_quoted(gold: Gold, system: set[str]) -> QuotedScore:
    wanted = {quote.person for quote in gold.quoted}
    return QuotedScore(
        recall=_ratio(len(wanted & system), len(wanted)),
        system_people=len(system),
        gold_people=len(wanted),
        missed=tuple(sorted(wanted - system)),
    )


# --- scoring ----------------------------------------------------------------------------------


def score_graph(gold: Gold, graph_paths: Iterable[Path]) -> Scores:
    """Score the RDF file(s) of a build (read together, as one graph) against ``gold``."""
    return score_dataset(gold, load_graph(graph_paths))


def score_dataset(gold: Gold, graph: Dataset) -> Scores:
    """Score a graph already in memory (a union-default ``Dataset``, as ``load_graph`` makes)."""
    index = _gold_index(gold)
    entities = {kind: _system_entities(graph, cls) for kind, cls in ENTITY_TYPES.items()}
    labels = _gold_labels(entities, index)
    types = tuple(_score_type(kind, entities[kind], gold, index) for kind in ENTITY_TYPES)
    return Scores(
        types=types,
        entities=_score_entities(types),
        affiliations=_score_affiliations(gold, _system_affiliations(graph, labels)),
        created=_score_created(gold, _system_created(graph, entities["Model"], labels)),
        quoted=_score_quoted(gold, _system_quoted(graph, labels)),
        triples=len(graph),
    )


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0
