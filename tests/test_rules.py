"""The rule registry (graph/extract/rules.py): every rule runs on its own example,
facts carry the registered confidence, and the seeds' build emits no unregistered id."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pytest

from graph.core.records import Fact
from graph.extract.article import ArticleExtractor
from graph.extract.rules import RULES, Rule, RuleKind, rule
from tests.extracted import extract


def _check_confidences(facts: Iterable[Fact]) -> None:
    """Each fact's rule is registered for its predicate, at the registered confidence where fixed."""
    for f in facts:
        registered = rule(f.rule)
        assert registered.kind.value == f.predicate.value, (f.rule, f.predicate)
        if registered.confidence is not None:
            assert f.confidence == registered.confidence, (f.rule, f.confidence)


@pytest.mark.parametrize("r", list(RULES.values()), ids=list(RULES))
def test_every_rule_runs_on_its_example(extractor: ArticleExtractor, r: Rule) -> None:
    result = extract(extractor, r.example)
    mentions, facts = {m.rule for m in result.mentions}, {f.rule for f in result.facts}
    found = mentions if r.kind is RuleKind.MENTION else facts
    assert r.id in found, f"{r.id} not emitted on its example {r.example!r}: {sorted(found)}"
    _check_confidences(result.facts)


def test_rule_ids_are_unique_and_lower_kebab_case() -> None:
    assert all(key == r.id for key, r in RULES.items())
    for r in RULES.values():
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", r.id), r.id
        assert r.example and r.note
        if r.kind is RuleKind.MENTION:
            assert r.confidence is None, r.id
        elif r.confidence is not None:
            assert 0 < r.confidence <= 1, r.id


def test_unknown_rule_raises_a_clear_key_error() -> None:
    with pytest.raises(KeyError, match="no-such-rule"):
        rule("no-such-rule")


def test_every_rule_id_the_build_emits_is_registered(seeds_build) -> None:
    kg, _, _ = seeds_build
    emitted = {m.rule for m in kg.mentions} | {f.rule for f in kg.facts}
    assert emitted, "the seeds' build emitted no mentions or facts"
    assert sorted(emitted - set(RULES)) == []
    _check_confidences(kg.facts)
