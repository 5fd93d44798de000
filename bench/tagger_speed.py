"""Speed of the CRF entity tagger next to LAC, on the same sentences: characters per CPU second.

The tagger takes LAC's analysis as input (the pipeline has it already), so
its own cost is the features plus the two CRFs; LAC's is shown beside it for
scale. The text is the seed articles (in Simplified, split into sentences),
repeated to about ``--chars`` characters, plus People's Daily dev when
``--corpora`` is given. The target is at least 30k chars/s for the tagger.

Usage::

    python bench/tagger_speed.py
    python bench/tagger_speed.py --corpora ../shared/corpora --chars 300000
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make ``graph`` importable
    sys.path.insert(0, str(ROOT))

from graph.extract.tagger import EntityTagger, sentence_features  # noqa: E402
from graph.extract.tagger.crf import analyse  # noqa: E402

_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]*[”’」』）)]*")
T = TypeVar("T")


def seed_sentences(folder: Path) -> list[str]:
    """The seed articles' sentences, in Simplified (the pipeline tags Simplified text)."""
    from graph.text.script import to_simplified  # OpenCC, as the pipeline converts

    sentences: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        text = to_simplified(path.read_text(encoding="utf-8"))
        sentences += [m.group(0).strip() for m in _SENTENCE.finditer(text) if m.group(0).strip()]
    return sentences


def corpus_sentences(corpora: Path) -> list[str]:
    with (corpora / "people_daily" / "dev.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh]


def timed(work: Callable[[], T]) -> tuple[T, float]:
    """The result of ``work`` and the CPU seconds it took (other load on the machine does not count)."""
    started = time.process_time()
    result = work()
    return result, time.process_time() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--corpora", type=Path, help="also People's Daily dev from this corpora folder")
    parser.add_argument(
        "--chars", type=int, default=200_000, help="repeat the seed sentences up to about this many characters"
    )
    args = parser.parse_args(argv)

    seeds = seed_sentences(args.seeds)
    once = sum(map(len, seeds))
    texts = seeds * max(1, args.chars // once)
    if args.corpora:
        texts += corpus_sentences(args.corpora)
    chars = sum(map(len, texts))

    tagger = EntityTagger()
    tagger.tag(texts[:10], analyse(texts[:10]))  # load the lexicon and warm the caches
    words, lac_s = timed(lambda: analyse(texts))
    marks, lexicon_s = timed(lambda: [tagger.marks(t) for t in texts])
    features, features_s = timed(lambda: [sentence_features(t, w, m) for t, w, m in zip(texts, words, marks)])
    _, crf_s = timed(lambda: [tagger.tag_features(f) for f in features])
    spans, tagger_s = timed(lambda: tagger.tag(texts, words))

    print(f"{len(texts):,} sentences, {chars:,} characters (seeds: {once:,} characters, {len(seeds)} sentences)")
    print(f"tagger (lexicon + features + CRFs, given LAC): {chars / tagger_s:>10,.0f} chars/s")
    print(f"  lexicon matches:                            {chars / lexicon_s:>10,.0f} chars/s")
    print(f"  features:                                   {chars / features_s:>10,.0f} chars/s")
    print(f"  CRFs (names + titles):                      {chars / crf_s:>10,.0f} chars/s")
    print(f"LAC alone (batched, one thread):              {chars / lac_s:>10,.0f} chars/s")
    print(f"spans found: {sum(map(len, spans)):,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
