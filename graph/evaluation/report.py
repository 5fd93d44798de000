"""Scores as the shared scorer's JSON (``scores_to_json``) and as a text report
(``format_report``); values for the CLI to print.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph.evaluation.scores import AffiliationScore, CreatedScore, Pair, Scores, TypeScore

# Scores in JSON are rounded to this many decimals, as the scorer prints them.
JSON_DECIMALS = 3



def scores_to_json(scores: Scores) -> dict[str, Any]:
    """The JSON object the shared scorer prints with ``--json``: same keys, same rounded values."""
    result: dict[str, Any] = {t.gold_type: _type_json(t) for t in scores.types}
    e, a, c, q = scores.entities, scores.affiliations, scores.created, scores.quoted
    result["entities"] = _prf_json(e.precision, e.recall, e.f1)
    result["affiliations"] = {
        **_prf_json(a.precision, a.recall, a.f1),
        "role_recall": _rounded(a.role_recall),
        "system": a.system,
    }
    result["created"] = {**_prf_json(c.precision, c.recall, c.f1), "system": c.system}
    result["quoted"] = {"recall": _rounded(q.recall), "system_people": q.system_people}
    result["triples"] = scores.triples
    return result


def _type_json(score: TypeScore) -> dict[str, Any]:
    return {
        **_prf_json(score.precision, score.recall, score.f1),
        "system": score.system,
        "gold_core": score.gold_core,
        "duplicates": dict(score.duplicates),
    }


def _prf_json(precision: float, recall: float, f1: float) -> dict[str, float]:
    return {"precision": _rounded(precision), "recall": _rounded(recall), "f1": _rounded(f1)}


def _rounded(value: float) -> float:
    return round(value, JSON_DECIMALS)


def format_report(scores: Scores, *, show: bool) -> str:
    """The scores as text, one line per part; ``show`` adds what was missed and what is extra.

    The score lines read as the shared scorer's, so the two can be compared at a glance.
    """
    lines: list[str] = []
    for score in scores.types:
        lines.append(_type_line(score))
        if show:
            lines.extend(_type_details(score))
    lines.append(_affiliation_line(scores.affiliations))
    if show:
        lines.extend(_affiliation_details(scores.affiliations))
    lines.append(_created_line(scores.created))
    if show:
        lines.extend(_created_details(scores.created))
    q = scores.quoted
    lines.append(f"quoted        R={q.recall:.3f} people={q.system_people} gold={q.gold_people}")
    if show:
        lines.append(_detail("missed", q.missed))
    lines.append(_summary_line(scores))
    return "\n".join(lines)


def _type_line(s: TypeScore) -> str:
    return (
        f"{s.gold_type:13s} P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f}  "
        f"system={s.system} gold={s.gold_core} dup={len(s.duplicates)}"
    )


def _type_details(s: TypeScore) -> list[str]:
    lines = [_detail("missed", s.missed)]
    for reason in ("unknown", "wrong-type"):
        extra = ["/".join(item.names) for item in s.spurious if item.reason == reason]
        lines.append(_detail(f"not in gold ({reason})", extra))
    if s.duplicates:
        lines.append(_detail("duplicates", [f"{label} ×{count}" for label, count in s.duplicates]))
    return lines


def _affiliation_line(a: AffiliationScore) -> str:
    return (
        f"affiliations  P={a.precision:.3f} R={a.recall:.3f} F1={a.f1:.3f} "
        f"role_R={a.role_recall:.3f} system={a.system} gold={a.gold_core}"
    )


def _affiliation_details(a: AffiliationScore) -> list[str]:
    extra = [
        _pair_text(item.pair) + (f" ({', '.join(item.roles)})" if item.roles else "")
        for item in a.spurious
    ]
    return [_detail("missed", [_pair_text(p) for p in a.missed]), _detail("not in gold", extra)]


def _created_line(c: CreatedScore) -> str:
    return (
        f"created       P={c.precision:.3f} R={c.recall:.3f} F1={c.f1:.3f} "
        f"system={c.system} gold={c.gold_core}"
    )


def _created_details(c: CreatedScore) -> list[str]:
    return [
        _detail("missed", [_pair_text(p) for p in c.missed]),
        _detail("not in gold", [_pair_text(p) for p in c.spurious]),
    ]


def _summary_line(scores: Scores) -> str:
    # The scorer's last line shows the rounded values as Python writes them (0.33, not 0.330).
    e = scores.entities
    return (
        f"entities P={_rounded(e.precision)} R={_rounded(e.recall)} F1={_rounded(e.f1)} "
        f"affiliations F1={_rounded(scores.affiliations.f1)} "
        f"created F1={_rounded(scores.created.f1)} quoted R={_rounded(scores.quoted.recall)} "
        f"triples={scores.triples}"
    )


def _pair_text(pair: Pair) -> str:
    return f"{pair[0]} → {pair[1]}"


def _detail(title: str, items: Sequence[str]) -> str:
    listed = "; ".join(items) if items else "-"
    return f"   {title} ({len(items)}): {listed}"
