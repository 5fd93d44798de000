"""Train the affiliation model (graph/extract/affiliation) on the DuIE slice and score it.

    python -m training.train_affiliation --corpora /work/shared/corpora --out graph/extract/affiliation/

Reads ``duie/train.jsonl`` of the corpora folder (never anything under an ``eval``
folder), holds out 15% of its records (seeded, by record) as a dev split, picks the
L2 strength, the decoding and the threshold by 5-fold cross-validation on the rest,
trains a logistic regression on the rest, writes ``weights.json`` to ``--out`` and
prints the dev scores of the model, of the baseline "nearest organization before
the person" and of today's rules (graph/extract/relations/memberships.py ``memberships``) on the
same names. Single process, deterministic, well under a minute.
"""

# ruff: noqa: E402 (numpy must see the thread settings below before it is imported)
from __future__ import annotations

import os

# One thread for numpy's linear algebra: the machine is shared, and sums split across
# threads could change the last bits of the weights.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.extract.affiliation.features import (
    FEATURES_VERSION,
    MentionSpan,
    Span,
    joining_roles,
    lac_mentions,
    pair_features,
)
from graph.extract.affiliation.model import WEIGHTS_FILE, AffiliationModel, ScoredPair
from training.metrics import Score as Counts

SEED = 20240612
DEV_SHARE = 0.15
FOLDS = 5
L2_GRID = (0.3, 1.0, 3.0, 10.0)
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(1, 20))
F1_TOLERANCE = 0.01  # the threshold: the highest whose cross-validated F1 is this close to the best
MIN_COUNT = 2  # a feature seen fewer times in training gets no weight
# The titles of DuIE's role predicates (a found pair's title agrees with them or not).
DUIE_ROLE_WORDS = {"董事长": ("董事长",), "校长": ("校长",), "创始人": ("创始人", "联合创始人", "创办人")}
TIGHT_GAP = 16  # characters: a title this close to both names joins them

Pair = tuple[str, str]  # person, organization (strings)


@dataclass
class Record:
    rid: str
    text: str
    relations: list[tuple[str, str, str]]  # person, org, predicate
    mentions: list[MentionSpan] = field(default_factory=list)  # DuIE's names + LAC's other names
    lac: list[MentionSpan] = field(default_factory=list)  # LAC's names only

    @property
    def gold(self) -> set[Pair]:
        return {(p, o) for p, o, _ in self.relations}


@dataclass
class Example:
    record: int
    person: Span
    org: Span
    label: int | None  # 1, 0, or None: not used (another occurrence of a gold pair, an unannotated title)
    features: list[str]


# --- data ----------------------------------------------------------------------

def read_records(corpora: Path) -> list[Record]:
    path = corpora / "duie" / "train.jsonl"
    if "eval" in path.resolve().parts:
        raise SystemExit(f"refusing to train on {path}: evaluation data is never training data")
    records = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            rels = [(x["person"], x["org"], x["predicate"]) for x in r["relations"]]
            records.append(Record(r["id"], r["text"], rels))
    return records


def split(records: Sequence[Record], seed: int, share: float) -> tuple[list[int], list[int]]:
    """Train and dev record indexes, stratified by positive/negative record."""
    rng = random.Random(seed)
    train, dev = [], []
    for wanted in (True, False):
        group = [i for i, r in enumerate(records) if bool(r.relations) is wanted]
        rng.shuffle(group)
        cut = round(len(group) * share)
        dev += group[:cut]
        train += group[cut:]
    return sorted(train), sorted(dev)


def occurrences(text: str, needle: str) -> Iterable[int]:
    i = text.find(needle)
    while i != -1:
        yield i
        i = text.find(needle, i + 1)


def add_mentions(records: Sequence[Record]) -> None:
    """DuIE's names at every occurrence (longest first, never overlapping) plus the names
    LAC finds elsewhere; and LAC's names alone, for the end-to-end scores."""
    from graph.extract.statistical import LacTagger

    words = LacTagger.shared().tag_many([r.text for r in records])
    for r, w in zip(records, words):
        r.lac = lac_mentions(r.text, w)
        wanted = {(p, "PER") for p, _, _ in r.relations} | {(o, "ORG") for _, o, _ in r.relations}
        spans = sorted(
            ((i, i + len(s), label) for s, label in wanted for i in occurrences(r.text, s)),
            key=lambda m: (-(m[1] - m[0]), m[0], m[2]),
        )
        kept: list[MentionSpan] = []
        for m in [*spans, *r.lac]:
            if not any(m[0] < k[1] and k[0] < m[1] for k in kept):
                kept.append(m)
        r.mentions = sorted(kept)


def persons_orgs(mentions: Sequence[MentionSpan]) -> tuple[list[Span], list[Span]]:
    return [(a, b) for a, b, t in mentions if t == "PER"], [(a, b) for a, b, t in mentions if t == "ORG"]


def unannotated_title(text: str, person: Span, org: Span, mentions: Sequence[MentionSpan]) -> bool:
    """A title joins the pair closely (市教育局副局长许先勇, 网易创始人丁磊) and DuIE does not
    relate them: DuIE annotates five predicates only, and not exhaustively."""
    gap = max(person[0], org[0]) - min(person[1], org[1])
    return gap <= TIGHT_GAP and bool(joining_roles(text, person, org, mentions))


def gold_match(r: Record, person: str, org: str) -> Pair | None:
    """The DuIE pair these names stand for: the same strings, or one name inside the other
    (华电集团 for 中国华电集团有限公司, 史蒂夫·沃兹 for 史蒂夫·沃兹尼亚克)."""
    if (person, org) in r.gold:
        return (person, org)
    for p, o in sorted(r.gold):
        if same_name(person, p, True) and same_name(org, o, True):
            return (p, o)
    return None


def examples_of(records: Sequence[Record], indexes: Iterable[int]) -> list[Example]:
    out = []
    for ri in indexes:
        r = records[ri]
        text = r.text
        persons, orgs = persons_orgs(r.mentions)
        # For a gold pair named more than once, the closest occurrences are the positive.
        closest: dict[Pair, tuple[tuple[int, int], Span, Span]] = {}
        for p in persons:
            for o in orgs:
                key = gold_match(r, text[p[0] : p[1]], text[o[0] : o[1]])
                if key is not None and not (p[0] < o[1] and o[0] < p[1]):
                    d = (max(p[0], o[0]) - min(p[1], o[1]), min(p[0], o[0]))
                    if key not in closest or d < closest[key][0]:
                        closest[key] = (d, p, o)
        for p in persons:
            for o in orgs:
                if p[0] < o[1] and o[0] < p[1]:
                    continue
                key = gold_match(r, text[p[0] : p[1]], text[o[0] : o[1]])
                label: int | None
                if key is not None:
                    label = 1 if closest[key][1:] == (p, o) else None
                elif unannotated_title(text, p, o, r.mentions):
                    label = None
                else:
                    label = 0
                out.append(Example(ri, p, o, label, pair_features(text, p, o, r.mentions)))
    return out


# --- the model -------------------------------------------------------------------

def vocabulary(examples: Sequence[Example]) -> list[str]:
    counts = Counter(f for e in examples if e.label is not None for f in e.features)
    return sorted(f for f, n in counts.items() if n >= MIN_COUNT)


def matrix(examples: Sequence[Example], vocab: Sequence[str]) -> np.ndarray:
    index = {f: i for i, f in enumerate(vocab)}
    x = np.zeros((len(examples), len(vocab)), dtype=np.float64)
    for row, e in enumerate(examples):
        for f in e.features:
            if f in index:
                x[row, index[f]] = 1.0
    return x


def fit(x: np.ndarray, y: np.ndarray, l2: float, iterations: int = 100) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by Newton's method (the bias is not regularised)."""
    n, d = x.shape
    xb = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(d + 1)
    reg = np.full(d + 1, l2)
    reg[-1] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(xb @ w)))
        grad = xb.T @ (p - y) + reg * w
        hess = (xb.T * (p * (1.0 - p))) @ xb + np.diag(reg) + 1e-9 * np.eye(d + 1)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-10:
            break
    return w[:-1], float(w[-1])


def to_model(vocab: Sequence[str], w: np.ndarray, b: float, threshold: float, one_org: bool) -> AffiliationModel:
    weights = {f: round(float(v), 6) for f, v in zip(vocab, w)}
    return AffiliationModel(weights, round(b, 6), threshold=threshold, one_org_per_person=one_org)


# --- deciding and scoring ----------------------------------------------------------

Decide = Callable[[Record, Sequence[MentionSpan]], set[tuple[Span, Span]]]


Cache = dict[tuple[str, int], list[ScoredPair]]


def model_decider(model: AffiliationModel, threshold: float, cache: Cache | None = None) -> Decide:
    """The model's pairs at ``threshold`` (``best_pairs``); ``cache`` keeps each record's
    scores, so that trying many thresholds scores every pair once."""
    store: Cache = {} if cache is None else cache

    def decide(r: Record, mentions: Sequence[MentionSpan]) -> set[tuple[Span, Span]]:
        persons, orgs = persons_orgs(mentions)
        key = (r.rid, id(mentions))
        if key not in store:
            store[key] = model.scored_pairs(r.text, persons, orgs, mentions)
        return {(persons[i], orgs[j]) for i, j, _ in model.select(store[key], threshold)}

    return decide


def nearest_org_before(r: Record, mentions: Sequence[MentionSpan]) -> set[tuple[Span, Span]]:
    """The baseline: each person with the nearest organization that ends before it."""
    persons, orgs = persons_orgs(mentions)
    out = set()
    for p in persons:
        before = [o for o in orgs if o[1] <= p[0]]
        if before:
            out.add((p, max(before, key=lambda o: o[1])))
    return out


def todays_rules(r: Record, mentions: Sequence[MentionSpan]) -> set[tuple[Span, Span]]:
    """graph/extract/relations/memberships.py ``memberships`` on the same names (the whole text as one sentence)."""
    from graph.core.records import EntityType, Mention, Predicate, TextSpan
    from graph.extract import relations

    kinds = {"PER": EntityType.PERSON, "ORG": EntityType.ORGANIZATION, "LOC": EntityType.PLACE}
    located = tuple(
        relations.Located(a, b, Mention("duie", a, b, r.text[a:b], kinds[t], "corpus", f"{t}/{a}/{b}"))
        for a, b, t in sorted(mentions)
    )
    sentence = relations.Sentence(0, len(r.text), TextSpan(0, len(r.text)), located)
    ctx = relations.RelationContext("duie", r.text, (sentence,))
    out = set()
    for fact in relations.memberships(ctx, sentence):
        if fact.predicate is Predicate.MEMBERSHIP and fact.object_id:
            _, pa, pb = fact.subject_id.split("/")
            _, oa, ob = fact.object_id.split("/")
            if fact.subject_id.startswith("PER/") and fact.object_id.startswith("ORG/"):
                out.add(((int(pa), int(pb)), (int(oa), int(ob))))
    return out


def same_name(found: str, gold: str, lenient: bool) -> bool:
    shorter = min(len(found), len(gold))
    return found == gold or (lenient and shorter >= 2 and (found in gold or gold in found))


@dataclass
class Score(Counts):
    """Counts of one method on the dev split, and the DuIE triples whose pair it found."""

    found_triples: Counter[str] = field(default_factory=Counter)
    all_triples: Counter[str] = field(default_factory=Counter)

    def found_share(self, predicates: Iterable[str]) -> float:
        wanted = set(predicates)
        total = sum(n for k, n in self.all_triples.items() if k in wanted)
        return sum(n for k, n in self.found_triples.items() if k in wanted) / total if total else 0.0

    def row(self) -> dict[str, float]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def evaluate(records: Sequence[Record], indexes: Iterable[int], decide: Decide, *, lac_only: bool = False,
             strict: bool = False) -> Score:
    """Pairs of names per record against DuIE's pairs; a name matches DuIE's when one
    contains the other (华电集团, 中国华电集团有限公司). A found pair that DuIE does not relate
    but a title joins closely (``unannotated_title``) is not counted either way, unless
    ``strict``. With ``lac_only`` the names are LAC's alone, else DuIE's and LAC's."""
    score = Score()
    for ri in indexes:
        r = records[ri]
        mentions = r.lac if lac_only else r.mentions
        found = decide(r, mentions)
        pairs = {(r.text[p[0] : p[1]], r.text[o[0] : o[1]]) for p, o in found}
        skip = set() if strict else {
            (r.text[p[0] : p[1]], r.text[o[0] : o[1]]) for p, o in found if unannotated_title(r.text, p, o, mentions)
        }
        matched_gold: set[Pair] = set()
        for pair in pairs:
            hit = [g for g in r.gold if same_name(pair[0], g[0], True) and same_name(pair[1], g[1], True)]
            if hit:
                matched_gold.update(hit)
            elif pair not in skip:
                score.fp += 1
        score.tp += len(matched_gold)
        score.fn += len(r.gold - matched_gold)
        for p, o, predicate in r.relations:
            score.all_triples[predicate] += 1
            if (p, o) in matched_gold:
                score.found_triples[predicate] += 1
    return score


def role_agreement(records: Sequence[Record], indexes: Iterable[int], decide: Decide) -> tuple[int, int]:
    """Of DuIE's 董事长/校长/创始人 triples whose pair the model finds, how many it joins by that title."""
    agree = total = 0
    for ri in indexes:
        r = records[ri]
        found = decide(r, r.mentions)
        for p, o in found:
            key = gold_match(r, r.text[p[0] : p[1]], r.text[o[0] : o[1]])
            for person, org, predicate in r.relations:
                if (person, org) == key and predicate in DUIE_ROLE_WORDS:
                    total += 1
                    words = {m.word for m in joining_roles(r.text, p, o, r.mentions)}
                    agree += bool(words & set(DUIE_ROLE_WORDS[predicate]))
    return agree, total


# --- training ----------------------------------------------------------------------

def choose(records: Sequence[Record], train: Sequence[int], seed: int) -> tuple[float, bool, float, dict[str, dict[str, float]]]:
    """L2 and decoding with the best cross-validated F1 on the training records; then the
    highest threshold whose F1 is within ``F1_TOLERANCE`` of that best (precision is worth
    more in a graph than the last point of recall, and DuIE's records were chosen for
    holding a relation, so pairs are related there more often than in news)."""
    rng = random.Random(seed + 1)
    order = list(train)
    rng.shuffle(order)
    folds = [sorted(order[k::FOLDS]) for k in range(FOLDS)]
    fold_examples = [examples_of(records, fold) for fold in folds]
    results: dict[tuple[float, bool, float], Score] = {}
    for l2 in L2_GRID:
        models = []
        for k in range(FOLDS):
            fitting = [e for j, ex in enumerate(fold_examples) if j != k for e in ex if e.label is not None]
            vocab = vocabulary(fitting)
            w, b = fit(matrix(fitting, vocab), np.array([e.label for e in fitting], dtype=np.float64), l2)
            models.append(to_model(vocab, w, b, 0.5, True))
        caches: list[Cache] = [{} for _ in models]
        for one_org in (True, False):
            for threshold in THRESHOLDS:
                total = Score()
                for k, model in enumerate(models):
                    model.one_org_per_person = one_org
                    s = evaluate(records, folds[k], model_decider(model, threshold, caches[k]))
                    total.tp, total.fp, total.fn = total.tp + s.tp, total.fp + s.fp, total.fn + s.fn
                results[(l2, one_org, threshold)] = total
    best_l2, best_one_org, _ = max(results, key=lambda key: (results[key].f1, -key[0], key[1], -key[2]))
    curve = {t: results[(best_l2, best_one_org, t)] for t in THRESHOLDS}
    top = max(score.f1 for score in curve.values())
    threshold = max(t for t, score in curve.items() if score.f1 >= top - F1_TOLERANCE)
    return best_l2, best_one_org, threshold, {f"{t:.2f}": score.row() for t, score in curve.items()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", type=Path, default=Path("/work/shared/corpora"))
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "graph/extract/affiliation")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--report", type=Path, help="also write the dev scores here as JSON")
    args = parser.parse_args(argv)
    began = time.monotonic()

    records = read_records(args.corpora)
    train, dev = split(records, args.seed, DEV_SHARE)
    add_mentions(records)
    l2, one_org, threshold, cv_curve = choose(records, train, args.seed)
    cv_f1 = cv_curve[f"{threshold:.2f}"]["f1"]
    examples = [e for e in examples_of(records, train) if e.label is not None]
    vocab = vocabulary(examples)
    y = np.array([e.label for e in examples], dtype=np.float64)
    w, b = fit(matrix(examples, vocab), y, l2)
    model = to_model(vocab, w, b, threshold, one_org)

    decide = model_decider(model, threshold)
    rows: dict[str, dict[str, object]] = {}
    roles = ("董事长", "创始人", "校长")
    for name, decider in (("model", decide), ("nearest-org-before", nearest_org_before), ("todays-rules", todays_rules)):
        for names in ("duie+lac", "lac"):
            try:
                s = evaluate(records, dev, decider, lac_only=names == "lac")
                strict = evaluate(records, dev, decider, lac_only=names == "lac", strict=True)
            except Exception as err:  # noqa: BLE001 (a rule that fails on one record is reported, not fatal)
                rows[f"{name} / {names}"] = {"error": repr(err)}
                continue
            rows[f"{name} / {names}"] = {
                **s.row(),
                "strict_precision": round(strict.precision, 4),
                "pair_found_all": round(s.found_share(s.all_triples), 4),
                "pair_found_董事长/创始人/校长": round(s.found_share(roles), 4),
                "per_predicate": {k: f"{s.found_triples[k]}/{n}" for k, n in sorted(s.all_triples.items())},
            }
    curve = {}
    cache: Cache = {}
    for t in THRESHOLDS:
        s = evaluate(records, dev, model_decider(model, t, cache))
        curve[f"{t:.2f}"] = s.row()
    agree, total = role_agreement(records, dev, decide)
    lac_names = Score()
    for ri in dev:  # how many DuIE pairs LAC names at all: the ceiling of the end-to-end recall
        r = records[ri]
        for p, o, predicate in r.relations:
            lac_names.all_triples[predicate] += 1
            texts = [(r.text[a:bb], t) for a, bb, t in r.lac]
            if any(t == "PER" and same_name(x, p, True) for x, t in texts) and any(t == "ORG" and same_name(x, o, True) for x, t in texts):
                lac_names.found_triples[predicate] += 1

    n_pos = int(y.sum())
    card = {
        "features_version": FEATURES_VERSION,
        "model": "logistic regression over graph.extract.affiliation.features.pair_features",
        "bias": model.bias,
        "weights": dict(sorted(model.weights.items())),
        "threshold": threshold,
        "one_org_per_person": one_org,
        "l2": l2,
        "cross_validated_f1": round(cv_f1, 4),
        "training": {
            "corpus": "duie/train.jsonl",
            "seed": args.seed,
            "records": len(train),
            "dev_records": len(dev),
            "pairs": len(examples),
            "positive_pairs": n_pos,
            "negative_pairs": len(examples) - n_pos,
        },
        "dev": {k: {kk: vv for kk, vv in v.items() if kk != "per_predicate"} for k, v in rows.items()},
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / WEIGHTS_FILE).write_text(json.dumps(card, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    report = {
        "dev": rows,
        "threshold_curve_duie+lac": curve,
        "role_agreement": f"{agree}/{total}",
        "lac_names_both": {
            "all": round(lac_names.found_share(lac_names.all_triples), 4),
            "董事长/创始人/校长": round(lac_names.found_share(roles), 4),
        },
        "chosen": {"l2": l2, "one_org_per_person": one_org, "threshold": threshold, "cv_f1": round(cv_f1, 4)},
        "threshold_curve_cv": cv_curve,
        "seconds": round(time.monotonic() - began, 1),
    }
    if args.report:
        args.report.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"records: train {len(train)}, dev {len(dev)}; training pairs {len(examples)} ({n_pos} positive); "
          f"features {len(vocab)}")
    print(f"chosen by {FOLDS}-fold CV on train: l2={l2}, one_org_per_person={one_org}, threshold={threshold} (F1 {cv_f1:.3f})")
    print("  CV threshold curve: " + ", ".join(
        f"{t}: P {r['precision']:.2f} R {r['recall']:.2f} F1 {r['f1']:.3f}" for t, r in cv_curve.items() if 0.2 <= float(t) <= 0.8))
    print("dev split (P/R/F1 over person–organization pairs per record; strict P counts unannotated titles as errors):")
    for name, row in rows.items():
        if "error" in row:
            print(f"  {name:32} unavailable: {row['error']}")
            continue
        print(f"  {name:32} P {row['precision']:.3f} (strict {row['strict_precision']:.3f})  R {row['recall']:.3f}  "
              f"F1 {row['f1']:.3f}  pair found: all {row['pair_found_all']:.3f}, "
              f"董事长/创始人/校长 {row['pair_found_董事长/创始人/校长']:.3f}  {row['per_predicate']}")
    print(f"  LAC names both sides of a DuIE pair: {report['lac_names_both']}")
    print(f"  role word agrees with the DuIE predicate (董事长/创始人/校长 pairs found): {agree}/{total}")
    print("  threshold curve (model, duie+lac): " + ", ".join(
        f"{t}: P {r['precision']:.2f} R {r['recall']:.2f}" for t, r in curve.items() if t in ("0.30", "0.40", "0.50", "0.60", "0.70", "0.80")))
    print(f"wrote {args.out / WEIGHTS_FILE} in {report['seconds']} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
