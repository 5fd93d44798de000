"""``kg build`` throughput next to pkuseg segmentation alone, and peak memory.

On a generated corpus (``bench/corpus.py``, cached under ``bench/out/``)
each measurement runs in a fresh child process, so its peak memory
(``getrusage`` max RSS) is its own and no model is shared between them:

- segmentation: the converted spaCy zh + pkuseg pipeline's tokenizer
  (``nlp.tokenizer(text)``) over every article text as read, model load
  excluded: the floor for anything that segments every character with pkuseg;
- build: ``graph.build.run.build`` with ``BuildOptions(jobs=N)``, the
  whole of ``kg build`` (read, clean, extract, merge, write RDF and HTML) into
  a temporary folder; the pipeline is loaded before the clock starts (its load
  time is shown apart), and with ``--jobs 2`` the workers load their own
  inside the timed part.

Characters are those of the articles as read (``Article.text``), as
``kg build`` counts them. The ratio says how many times slower the build is
than segmentation alone: by wall-clock time, and by CPU time (user + system
of the child and of the worker processes it waited for), which other load on
a shared machine moves far less; with ``--jobs 1`` the CPU ratio is the one
to compare between runs.

The memory check (``--memory-check``) builds each ``--mb`` size with one
process and fails (exit 1) when the build's peak RSS reaches ``--limit-gb``:
``--memory-check --mb 100`` is the "100 MB builds under 2 GB" check;
``--memory-check --mb 5 10`` shows the trend in a few minutes.

Usage::

    python bench/build_throughput.py                    # 1 MB, jobs 1 and 2
    python bench/build_throughput.py --mb 2 --jobs 1 2
    python bench/build_throughput.py --memory-check --mb 5 10
    python bench/build_throughput.py --memory-check --mb 100 --limit-gb 2
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make ``graph`` and ``bench`` importable
    sys.path.insert(0, str(ROOT))

from bench.corpus import DEFAULT_SEED, write_corpus  # noqa: E402

CORPUS_CACHE = ROOT / "bench" / "out"
DEFAULT_MB = 1.0
DEFAULT_LIMIT_GB = 2.0
_READY_MARKER = "corpus.json"  # written last: a folder without it is unfinished


@dataclass(frozen=True)
class Measurement:
    """What one child process measured."""

    label: str
    articles: int
    characters: int
    seconds: float  # timed part only
    load_seconds: float  # model load, before the clock
    peak_rss_mb: float  # the child process itself
    workers_peak_rss_mb: float  # largest worker process, 0 without workers
    entities: int = 0
    facts: int = 0
    before_writing_peak_rss_mb: float = 0.0  # build: peak up to writing the outputs (read, extract, merge)
    cpu_seconds: float = 0.0  # timed part only: user + system time of the child and its waited-for workers

    @property
    def chars_per_second(self) -> float:
        return self.characters / self.seconds if self.seconds else 0.0

    @property
    def chars_per_cpu_second(self) -> float:
        return self.characters / self.cpu_seconds if self.cpu_seconds else 0.0


# --- Corpus -----------------------------------------------------------------------------


def corpus_dir(megabytes: float, seed: int = DEFAULT_SEED) -> Path:
    """The cached corpus of ``megabytes``, generated on first use."""
    folder = CORPUS_CACHE / f"corpus-{megabytes:g}mb-seed{seed}"
    if not (folder / _READY_MARKER).is_file():
        articles = folder / "articles"
        if folder.exists():
            for path in sorted(folder.rglob("*"), reverse=True):  # an unfinished earlier run
                path.rmdir() if path.is_dir() else path.unlink()
        summary = write_corpus(articles, megabytes, seed=seed)
        (folder / _READY_MARKER).write_text(json.dumps(asdict(summary)), encoding="utf-8")
    return folder / "articles"


# --- Child measurements --------------------------------------------------------------------


def _cpu_seconds() -> float:
    """User + system time of this process and of the children it has waited for."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peaks_mb() -> tuple[float, float]:
    # Linux reports ru_maxrss in KiB; RUSAGE_CHILDREN is the largest waited-for descendant.
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def measure_segmentation(corpus: Path) -> Measurement:
    """pkuseg through spaCy's zh tokenizer over every article text."""
    import spacy

    from graph.core.records import Article
    from graph.ingest.reading import read_inputs
    from graph.setup.resources import pkuseg_model_path

    texts = [a.text for a in read_inputs([corpus]) if isinstance(a, Article)]
    started = time.perf_counter()
    nlp = spacy.load(pkuseg_model_path())
    tokenizer = nlp.tokenizer
    tokenizer("预热")  # the first call builds lazy state
    loaded, cpu = time.perf_counter(), _cpu_seconds()
    for text in texts:
        tokenizer(text)
    done, cpu = time.perf_counter(), _cpu_seconds() - cpu
    own, workers = _peaks_mb()
    return Measurement("pkuseg segmentation alone", len(texts), sum(map(len, texts)), done - loaded,
                       loaded - started, own, workers, cpu_seconds=cpu)


def measure_build(corpus: Path, jobs: int, segmenter: str | None = None) -> Measurement:
    """The whole ``kg build`` of ``corpus`` with ``jobs`` processes (and ``segmenter``, else the default)."""
    import graph.build.run
    import graph.extract.nlp as nlp
    from graph.build.run import BuildOptions, build
    from graph.extract.article import ArticleExtractor

    chosen = {"segmenter": segmenter} if segmenter else {}
    started = time.perf_counter()
    if jobs == 1:  # the one process's pipeline, loaded before the clock (workers load their own)
        ArticleExtractor(**chosen)  # as the build makes it: the pipeline and lexicon stay cached
    loaded, cpu = time.perf_counter(), _cpu_seconds()
    before_writing = _note_peak_before(graph.build.run, "write_outputs")
    # The build lets its pipelines go once extraction is over: count them just before.
    release, held = nlp.release_pipelines, []

    def counting_release() -> None:
        held.append(nlp._load.cache_info().currsize)  # noqa: SLF001 (the bench counts the cached pipelines)
        release()

    nlp.release_pipelines = counting_release
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as out:
        kg, summary = build(BuildOptions(inputs=(corpus,), out_dir=Path(out), jobs=jobs, **chosen))
    done, cpu = time.perf_counter(), _cpu_seconds() - cpu
    nlp.release_pipelines = release
    if any(count > 1 for count in held):
        # The warm-up did not hit the build's cache entry: two pipelines were in memory.
        raise SystemExit("the build loaded a second pipeline; fix the warm-up in measure_build")
    own, workers = _peaks_mb()
    label = f"kg build --jobs {jobs}" + (f" --segmenter {segmenter}" if segmenter else "")
    return Measurement(label, summary.articles_read, summary.characters, done - loaded,
                       loaded - started, own, workers, len(kg.entities), len(kg.facts), before_writing[0], cpu)


def _note_peak_before(module: object, name: str) -> list[float]:
    """Wrap ``module.name`` so the process's peak RSS when it is first called is
    noted in the returned list: which part of the build sets the peak."""
    original = getattr(module, name)
    noted: list[float] = []

    def wrapper(*args, **kwargs):
        if not noted:
            noted.append(_peaks_mb()[0])
        return original(*args, **kwargs)

    setattr(module, name, wrapper)
    return noted


def _child_main(kind: str, corpus: Path, jobs: int, segmenter: str | None) -> int:
    result = measure_segmentation(corpus) if kind == "segment" else measure_build(corpus, jobs, segmenter)
    print(json.dumps(asdict(result)))
    return 0


def run_in_child(kind: str, corpus: Path, jobs: int = 1, segmenter: str | None = None) -> Measurement:
    """One measurement in a fresh Python process: clean peak memory, nothing preloaded."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--corpus", str(corpus),
               "--jobs", str(jobs)] + (["--segmenter", segmenter] if segmenter else [])
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-4000:]}")
    return Measurement(**json.loads(done.stdout.strip().splitlines()[-1]))


# --- Reports ------------------------------------------------------------------------------


def _row(m: Measurement) -> str:
    workers = f"{m.workers_peak_rss_mb:>8,.0f}" if m.workers_peak_rss_mb else f"{'-':>8}"
    # Workers load their pipeline inside the timed part: no separate load time.
    load = f"{m.load_seconds:>6.1f}" if m.load_seconds >= 0.05 else f"{'-':>6}"
    return (f"{m.label:<38} {m.chars_per_second:>10,.0f} {m.seconds:>8.1f} {m.cpu_seconds:>7.1f} {load}"
            f" {m.peak_rss_mb:>9,.0f} {workers}")


def _header() -> str:
    return f"{'':<38} {'chars/s':>10} {'time s':>8} {'CPU s':>7} {'load s':>6} {'peak MB':>9} {'worker MB':>8}"


def _describe(corpus: Path) -> str:
    summary = json.loads((corpus.parent / _READY_MARKER).read_text(encoding="utf-8"))
    return (f"corpus {corpus}: {summary['files']} articles, {summary['bytes'] / 1e6:.2f} MB, "
            f"{summary['characters']:,} characters ({summary['traditional']} in Traditional)")


def throughput_report(megabytes: float, jobs: list[int], seed: int, segmenter: str | None) -> int:
    corpus = corpus_dir(megabytes, seed)
    print(_describe(corpus))
    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    print(_header())
    segmentation = run_in_child("segment", corpus)
    print(_row(segmentation), flush=True)
    builds = []
    for n in jobs:
        result = run_in_child("build", corpus, n, segmenter)
        builds.append(result)
        print(_row(result), flush=True)
        print(f"  {result.entities:,} entities, {result.facts:,} facts; this build runs at "
              f"{result.chars_per_second / segmentation.chars_per_second:.2f}x segmentation alone "
              f"({result.chars_per_cpu_second / segmentation.chars_per_cpu_second:.2f}x by CPU time)", flush=True)
    one = next((b for b in builds if b.label.startswith("kg build --jobs 1")), None)
    for other in builds:
        if one is not None and other is not one:
            # As a user times `kg build`: each with its pipeline load (the workers' is in their timed part).
            print(f"{other.label} vs --jobs 1, each with its load: {one.seconds + one.load_seconds:.1f} s / "
                  f"{other.seconds + other.load_seconds:.1f} s = {(one.seconds + one.load_seconds) / (other.seconds + other.load_seconds):.2f}x")
    return 0


def memory_report(sizes: list[float], limit_gb: float, seed: int, segmenter: str | None) -> int:
    """Build each size with one process; exit 1 if a peak reaches ``limit_gb``."""
    limit_mb = limit_gb * 1024
    print(f"memory check: kg build --jobs 1, peak RSS limit {limit_gb:g} GB")
    print("(peak before writing: the peak up to the RDF and HTML writers, i.e. reading, extraction and merging)")
    print(f"{'input MB':>8} {'articles':>9} {'characters':>12} {'time s':>8} {'peak MB':>9} {'before writing':>15}"
          f" {'entities':>9} {'facts':>8}")
    failed = False
    for size in sizes:
        result = run_in_child("build", corpus_dir(size, seed), 1, segmenter)
        failed |= result.peak_rss_mb >= limit_mb
        print(f"{size:>8g} {result.articles:>9,} {result.characters:>12,} {result.seconds:>8.1f}"
              f" {result.peak_rss_mb:>9,.0f} {result.before_writing_peak_rss_mb:>15,.0f}"
              f" {result.entities:>9,} {result.facts:>8,}", flush=True)
    print("FAIL: a build reached the limit" if failed else f"ok: every build peaked under {limit_gb:g} GB")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[DEFAULT_MB],
                        help="corpus size(s) in MB (default %(default)s)")
    parser.add_argument("--jobs", type=int, nargs="+", default=None,
                        help="build with these process counts (default: 1 2)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="corpus seed")
    parser.add_argument("--segmenter", help="kg build --segmenter (default: the build's own default)")
    parser.add_argument("--memory-check", action="store_true", help="peak memory of one-process builds per --mb size")
    parser.add_argument("--limit-gb", type=float, default=DEFAULT_LIMIT_GB)
    parser.add_argument("--child", choices=("segment", "build"), help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return _child_main(args.child, args.corpus, (args.jobs or [1])[0], args.segmenter)
    if args.memory_check:
        return memory_report(args.mb, args.limit_gb, args.seed, args.segmenter)
    jobs = args.jobs or [1, 2]
    status = 0
    for size in args.mb:
        status |= throughput_report(size, jobs, args.seed, args.segmenter)
    return status


if __name__ == "__main__":
    sys.exit(main())
