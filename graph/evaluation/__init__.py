"""Evaluation: a graph against a gold annotation (``kg eval``).

In: a gold file in the shared JSON format (entities with type, label, aliases
and a core flag; affiliations; created; quoted), read by ``load_gold`` into a
``Gold``, and the RDF file(s) of a build (.ttl, .trig, .nq, .nt, .jsonld,
.rdf/.xml). Out: ``Scores`` (precision, recall and F1 per entity type and for
affiliations and created, recall of quoted people, with what was missed and
what is not in the gold), as the JSON object the shared scorer prints
(``scores_to_json``) or as a text report (``format_report``). ``gold`` reads the
gold, ``scoring`` matches the graph to it by the shared scorer's rules (so the
numbers agree), ``scores`` holds the result and ``report`` words it;
``evaluate`` builds articles and scores their graph in one call.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from graph.build.run import BuildOptions, ProgressCallback, build
from graph.evaluation.gold import load_gold
from graph.evaluation.report import format_report, scores_to_json
from graph.evaluation.scores import Scores
from graph.evaluation.scoring import score_graph

__all__ = ["Scores", "evaluate", "format_report", "load_gold", "score_graph", "scores_to_json"]


def evaluate(
    gold_path: Path,
    inputs: Sequence[Path],
    *,
    out_dir: Path | None = None,
    on_progress: ProgressCallback | None = None,
) -> Scores:
    """Build ``inputs`` (into ``out_dir``, else a temporary folder) and score the graph against the gold.

    The gold is read first, so a malformed gold file fails before the build.
    """
    gold = load_gold(gold_path)
    if out_dir is not None:
        build(BuildOptions(inputs=tuple(inputs), out_dir=out_dir, on_progress=on_progress))
        return score_graph(gold, [out_dir / "graph.ttl"])
    with tempfile.TemporaryDirectory(prefix="kg-eval-") as folder:
        build(BuildOptions(inputs=tuple(inputs), out_dir=Path(folder), on_progress=on_progress))
        return score_graph(gold, [Path(folder) / "graph.ttl"])
