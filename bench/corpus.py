"""A synthetic news corpus of any size, made from the seed articles.

The seeds' sentences (cleaned by ``graph.ingest.cleaning`` and made Simplified) are
recombined into new articles of 1–5 KB, and the names in them are replaced
by names drawn from generated pools, so a bigger corpus means a bigger graph
rather than the same five articles over and over:

- people: a common surname and one or two given-name characters (张伟华);
- organizations: a two-character stem and a suffix (恒远科技, 瑞明研究院);
- models: a stem and 大模型 (灵犀大模型) or a Latin name and a version (Novira-3);
- places: a stem and 市 (云川市).

Where a name is in a seed is found by the curated lexicon (organizations and
models), the shapes the extractor also knows (a person after a role word or
in a byline, a Latin name before 模型, a company name ending in 科技/集团/...),
and a list of big cities. One article keeps one replacement per name, so
"科大讯飞董事长刘庆峰 ... 刘庆峰认为" stays coherent. Pools grow with the
corpus and draws are skewed (a few names are frequent, most are rare), so
entities recur across articles as they do in the news. A share of the
articles is converted to Traditional with OpenCC (``s2t``).

The output is a function of the seeds, the lexicon and ``seed``: the same
arguments give the same files, byte for byte.

Usage::

    python bench/corpus.py --mb 5 --out /tmp/corpus5      # 5 MB of .txt files
    python bench/corpus.py --mb 1 --out /tmp/c --seed 7 --traditional 0.5

>>> from bench.corpus import generate_articles
>>> articles = list(generate_articles(0.02, seed=1))            # doctest: +SKIP
>>> 1000 <= len(articles[0].text.encode()) <= 5000            # doctest: +SKIP
True
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make ``graph`` importable
    sys.path.insert(0, str(ROOT))

from graph.core.records import Article, EntityType  # noqa: E402
from graph.extract.lexicon import load_lexicon  # noqa: E402
from graph.extract.patterns import (  # noqa: E402
    COMPOUND_SURNAMES,
    PLACE_PREFIXES,
    ROLE_WORDS,
    SINGLE_SURNAMES,
    SPEECH_VERBS,
)
from graph.ingest.cleaning import clean  # noqa: E402
from graph.ingest.metadata import find_bylines  # noqa: E402
from graph.ingest.reading import read_inputs  # noqa: E402
from graph.text.chars import CJK  # noqa: E402
from graph.text.script import to_simplified, to_traditional  # noqa: E402

SEEDS_DIR = ROOT / "seeds"
DEFAULT_SEED = 2024
MIN_ARTICLE_BYTES = 1_000
MAX_ARTICLE_BYTES = 5_000
DEFAULT_TRADITIONAL_SHARE = 0.25
BYTES_PER_MB = 1_000_000

# --- Name pools --------------------------------------------------------------------

# The most common surnames first: a draw favours them, as real names do.
COMMON_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤"
GIVEN_NAME_CHARS = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华鹏飞宇浩然思远志鸿博文晨曦子轩雨涵梓萱一诺欣怡建国海峰立新振东晓红春梅玉兰国庆永刚家豪俊熙雅琪嘉怡天佑"
STEM_CHARS = "星云智华恒远明泰博创思源海天瑞信达安宏诚鼎盛锐晨光聚联融汇峰启元灵犀昊辰凯越蓝图衡拓朗晟致鲲鹏鸿蒙曜弘毅睿鑫航宸"
ORG_SUFFIXES = ("科技", "集团", "公司", "研究院", "大学")
MODEL_SUFFIX = "大模型"
PLACE_SUFFIX = "市"
LATIN_SYLLABLES = ("No", "va", "Lu", "men", "Or", "ion", "Ve", "ga", "Au", "ro", "ra", "He", "lix", "Ze", "phyr", "Po",
                   "la", "ris", "Qua", "sar", "Ky", "to", "Mi", "ra", "Ta", "lon", "Si", "rius", "Ar", "go")
LATIN_VERSIONS = ("-2", "-3", "-4", " 2.0", " 3.5", " V2", " V4", " Pro", "-7B", "-13B", "")

# Pool sizes per expected article: a bigger corpus draws from bigger pools.
NAMES_PER_ARTICLE = {
    EntityType.PERSON: 3.0,
    EntityType.ORGANIZATION: 1.0,
    EntityType.SOFTWARE: 0.5,
    EntityType.PLACE: 0.2,
}
MIN_POOL = 50
# Zipf-like exponent of the draw: rank r is drawn with weight 1 / (r + 1) ** s.
ZIPF_EXPONENT = 0.9
# Bytes of an average article, to size the pools before writing any.
_MEAN_ARTICLE_BYTES = (MIN_ARTICLE_BYTES + MAX_ARTICLE_BYTES) / 2


class NamePools:
    """Generated names of each kind, unique across kinds, drawn with a skew."""

    def __init__(self, rng: random.Random, expected_articles: int) -> None:
        self._taken: set[str] = set()
        self.people = self._make(rng, self._person, _pool_size(EntityType.PERSON, expected_articles))
        self.organizations = self._make(rng, self._organization, _pool_size(EntityType.ORGANIZATION, expected_articles))
        self.chinese_models = self._make(rng, self._chinese_model, _pool_size(EntityType.SOFTWARE, expected_articles))
        self.latin_models = self._make(rng, self._latin_model, _pool_size(EntityType.SOFTWARE, expected_articles))
        self.places = self._make(rng, self._place, _pool_size(EntityType.PLACE, expected_articles))

    def _make(self, rng: random.Random, make_one, size: int) -> _SkewedPool:
        names: list[str] = []
        for _ in range(size * 50):  # generous: collisions are rare until a pool nears its space
            if len(names) == size:
                break
            name = make_one(rng)
            if name not in self._taken:
                self._taken.add(name)
                names.append(name)
        return _SkewedPool(names)

    @staticmethod
    def _person(rng: random.Random) -> str:
        # Index by a triangular draw so 王/李/张 come up more than 汤.
        surname = COMMON_SURNAMES[int(rng.triangular(0, len(COMMON_SURNAMES), 0))]
        given = "".join(rng.choice(GIVEN_NAME_CHARS) for _ in range(rng.choice((1, 2, 2))))
        return surname + given

    @staticmethod
    def _stem(rng: random.Random) -> str:
        return rng.choice(STEM_CHARS) + rng.choice(STEM_CHARS)

    def _organization(self, rng: random.Random) -> str:
        return self._stem(rng) + rng.choice(ORG_SUFFIXES)

    def _chinese_model(self, rng: random.Random) -> str:
        return self._stem(rng)  # 大模型 is added where the sentence lacks it

    @staticmethod
    def _latin_model(rng: random.Random) -> str:
        syllables = "".join(rng.choice(LATIN_SYLLABLES) for _ in range(rng.choice((2, 2, 3))))
        return syllables[0].upper() + syllables[1:].lower() + rng.choice(LATIN_VERSIONS)

    def _place(self, rng: random.Random) -> str:
        return self._stem(rng) + PLACE_SUFFIX


def _pool_size(kind: EntityType, expected_articles: int) -> int:
    return max(MIN_POOL, round(NAMES_PER_ARTICLE[kind] * expected_articles))


class _SkewedPool:
    def __init__(self, names: Sequence[str]) -> None:
        self.names = tuple(names)
        self._cumulative = list(itertools.accumulate(1 / (rank + 1) ** ZIPF_EXPONENT for rank in range(len(names))))

    def draw(self, rng: random.Random) -> str:
        return rng.choices(self.names, cum_weights=self._cumulative)[0]


# --- Seed sentences and the names in them -----------------------------------------------


@dataclass(frozen=True)
class Slot:
    """A name in a seed sentence: ``sentence[start:end]`` is replaced by a pool name of ``kind``."""

    start: int
    end: int
    kind: EntityType
    latin: bool = False  # a Latin model name, replaced by a Latin one


@dataclass(frozen=True)
class SeedSentence:
    seed: int  # index of the seed article
    text: str  # Simplified
    slots: tuple[Slot, ...]  # disjoint, in order


@dataclass(frozen=True)
class SeedArticle:
    sentences: tuple[SeedSentence, ...]
    headings: tuple[SeedSentence, ...]  # short lines without end punctuation, for headlines


_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]*[”’」』）)]*")
_HEADING_MAX = 30
_ROLE = "|".join(re.escape(word) for word in ROLE_WORDS if word != "记者")
_SURNAME = "|".join(sorted(COMPOUND_SURNAMES, key=len, reverse=True)) + f"|[{''.join(sorted(SINGLE_SURNAMES))}]"
# 董事长刘庆峰, 记者 张帅: a person's name right after a role word or 记者.
_NAME_FOLLOWER = "|".join(map(re.escape, (*SPEECH_VERBS, "报道", "也", "等", "和", "在")))
_PERSON_AFTER_ROLE = re.compile(
    rf"(?:{_ROLE}|记者)(?:[（(][^）)]{{1,10}}[）)])?[ 　]?(?P<name>(?:{_SURNAME})[{CJK}]{{1,2}}?)"
    rf"(?=[，。、；：:,;！？!?（）()“”「」\s]|{_NAME_FOLLOWER}|$)"
)
# A Latin model name right before 模型/大模型 (Etna文生视频模型).
_LATIN_MODEL = re.compile(rf"(?<![A-Za-z0-9\-])(?P<name>[A-Z][A-Za-z0-9]*(?:[\-.][A-Za-z0-9]+)*)(?=[{CJK}]{{0,6}}模型)")
# A company by its shape: a place, a stem and a business suffix (广州七火山科技).
_SHAPED_ORG = re.compile(
    "(?P<name>(?:" + "|".join(map(re.escape, PLACE_PREFIXES)) + rf")[{CJK}]{{2,4}}?(?:科技|集团|公司|研究院|大学))"
)
_PLACE = re.compile("|".join(map(re.escape, PLACE_PREFIXES)))
_COMPANY_ENDINGS = ("公司", "集团", "科技", "大学")
_NOT_A_MODEL = frozenset({"AI", "AGI", "GPT", "LLM", "AIGC", "API", "PC", "APP", "V"})


def _sentences(text: str) -> Iterator[str]:
    for line in text.splitlines():
        for match in _SENTENCE.finditer(line.strip()):
            sentence = match.group().strip()
            if sentence:
                yield sentence


def _is_heading(line: str) -> bool:
    return (
        len(line) <= _HEADING_MAX
        and len(re.findall(f"[{CJK}]", line)) >= 4
        and not re.search(r"[。！？!?；;，,：:]$", line)
        and not re.search(r"[|｜]|记者|报道", line)
        and not line.startswith(("▲", "《"))  # a photo caption, a print credit
    )


def find_slots(sentence: str, people: frozenset[str]) -> tuple[Slot, ...]:
    """The names in ``sentence`` (Simplified) that the generator replaces, left to right.

    ``people`` are person names known from anywhere in the same seed, so a
    name found after a role word is replaced at each later mention too.
    """
    found: list[Slot] = []
    replaceable = _replaceable_lexicon_ids()
    for match in load_lexicon().scan(sentence):
        if match.entry.lexicon_id in replaceable:
            latin = sentence[match.start : match.end].isascii()
            found.append(Slot(match.start, match.end, match.entry.entity_type, latin=latin))
    for match in _SHAPED_ORG.finditer(sentence):
        found.append(Slot(match.start("name"), match.end("name"), EntityType.ORGANIZATION))
    for match in _LATIN_MODEL.finditer(sentence):
        if match.group("name") not in _NOT_A_MODEL:
            found.append(Slot(match.start("name"), match.end("name"), EntityType.SOFTWARE, latin=True))
    for name in sorted(people, key=lambda n: (-len(n), n)):
        for match in re.finditer(re.escape(name), sentence):
            found.append(Slot(match.start(), match.end(), EntityType.PERSON))
    for match in _PLACE.finditer(sentence):
        found.append(Slot(match.start(), match.end(), EntityType.PLACE))
    return _disjoint(found)


@cache
def _replaceable_lexicon_ids() -> frozenset[str]:
    """Lexicon entries the generator renames: models, and companies and universities
    (makers of models, names ending in 公司/集团/科技/大学). Government bodies and
    media (全国人大, 新华社) stay: every news corpus repeats them."""
    entries = load_lexicon().entries
    makers = {e.creator for e in entries.values() if e.creator}
    makers |= {entries[m].parent for m in makers if m in entries and entries[m].parent}
    return frozenset(
        e.lexicon_id
        for e in entries.values()
        if e.entity_type is EntityType.SOFTWARE
        or (e.entity_type is EntityType.ORGANIZATION and (e.lexicon_id in makers or e.label.endswith(_COMPANY_ENDINGS)))
    )


def _disjoint(slots: list[Slot]) -> tuple[Slot, ...]:
    """Longest first, then earliest; a slot overlapping a kept one is dropped."""
    kept: list[Slot] = []
    for slot in sorted(slots, key=lambda s: (-(s.end - s.start), s.start, s.kind.value)):
        if all(slot.end <= k.start or k.end <= slot.start for k in kept):
            kept.append(slot)
    return tuple(sorted(kept, key=lambda s: s.start))


def _people_in(text: str) -> frozenset[str]:
    """People named after a title (董事长刘庆峰) or in a byline (文|罗曾)."""
    names = {m.group("name") for m in _PERSON_AFTER_ROLE.finditer(text)}
    names.update(name for byline in find_bylines(text) for name in byline.names)
    return frozenset(names)


@cache
def load_seed_articles(seeds_dir: Path = SEEDS_DIR) -> tuple[SeedArticle, ...]:
    """The seeds' sentences with their name slots, cleaned and in Simplified."""
    items = sorted((a for a in read_inputs([seeds_dir]) if isinstance(a, Article)), key=lambda a: a.source)
    if not items:
        raise SystemExit(f"no seed articles in {seeds_dir}")
    texts = [to_simplified(clean(article).text.text) for article in items]
    # Names of people from every seed: one found after a title in one article
    # is also replaced where another article names him without a title.
    people = frozenset().union(*(_people_in(text) for text in texts))
    articles = []
    for index, text in enumerate(texts):
        lines = _prose_lines(text)
        sentences = tuple(
            SeedSentence(index, sentence, find_slots(sentence, people))
            for line in lines
            if not _is_heading(line)
            for sentence in _sentences(line)
        )
        headings = tuple(SeedSentence(index, line, find_slots(line, people)) for line in lines if _is_heading(line))
        articles.append(SeedArticle(sentences, headings))
    return tuple(articles)


def _prose_lines(text: str) -> list[str]:
    """Non-empty lines with their bylines cut out: a byline in mid-article
    would tell the cleaner that another article starts there."""
    lines = []
    for line in text.splitlines():
        for byline in reversed(find_bylines(line)):
            line = line[: byline.start] + line[byline.end :]
        if line.strip():
            lines.append(line.strip())
    return lines


# --- Articles ---------------------------------------------------------------------------


@dataclass(frozen=True)
class GeneratedArticle:
    name: str  # file name, e.g. "000042.txt"
    text: str
    script: str  # "zh-Hans" or "zh-Hant"


class _Renamer:
    """One article's replacements: the same seed name gets the same new name throughout."""

    def __init__(self, pools: NamePools, rng: random.Random) -> None:
        self.pools = pools
        self.rng = rng
        self.chosen: dict[tuple[str, EntityType], str] = {}

    def name_for(self, original: str, slot: Slot) -> str:
        key = (original, slot.kind)
        if key not in self.chosen:
            self.chosen[key] = self._draw(slot)
        return self.chosen[key]

    def _draw(self, slot: Slot) -> str:
        pools, rng = self.pools, self.rng
        if slot.kind is EntityType.PERSON:
            return pools.people.draw(rng)
        if slot.kind is EntityType.ORGANIZATION:
            return pools.organizations.draw(rng)
        if slot.kind is EntityType.PLACE:
            return pools.places.draw(rng)
        return (pools.latin_models if slot.latin else pools.chinese_models).draw(rng)

    def apply(self, sentence: SeedSentence) -> str:
        text, pieces, position = sentence.text, [], 0
        for slot in sentence.slots:
            pieces.append(text[position : slot.start])
            new = self.name_for(text[slot.start : slot.end], slot)
            if slot.kind is EntityType.SOFTWARE and not slot.latin and not text.startswith("模型", slot.end) \
                    and not text.startswith(MODEL_SUFFIX, slot.end):
                new += MODEL_SUFFIX  # 灵犀 alone is no model name; 灵犀大模型 is
            pieces.append(new)
            position = slot.end
        pieces.append(text[position:])
        return "".join(pieces)


def _utf8_len(text: str) -> int:
    return len(text.encode("utf-8"))


def _compose(seeds: tuple[SeedArticle, ...], pools: NamePools, rng: random.Random) -> str:
    """Headline, an optional byline, then paragraphs of consecutive seed sentences."""
    renamer = _Renamer(pools, rng)
    target = rng.randint(MIN_ARTICLE_BYTES, MAX_ARTICLE_BYTES)
    # Most articles draw from one seed, some mix two (a news round-up).
    sources = rng.sample(range(len(seeds)), k=1 if rng.random() < 0.7 else 2)
    headings = [h for s in sources for h in seeds[s].headings]
    first = seeds[sources[0]].sentences
    headline = renamer.apply(rng.choice(headings) if headings and rng.random() < 0.6 else rng.choice(first))
    headline = headline[:_HEADING_MAX]
    lines = [headline.rstrip("。；;，,")]
    if rng.random() < 0.5:
        lines.append(f"本报记者 {pools.people.draw(rng)}" if rng.random() < 0.7 else f"文|{pools.people.draw(rng)}")
    size = sum(_utf8_len(line) + 1 for line in lines)
    used: set[tuple[int, int]] = set()  # (seed, sentence) already in this article
    source, start = sources[0], -1
    while size < target:
        if start < 0 or rng.random() < 0.4:  # go on where the last paragraph ended, or jump
            source = rng.choice(sources)
            start = _fresh_start(len(seeds[source].sentences), source, used, rng)
        sentences = seeds[source].sentences
        run = sentences[start : start + rng.randint(1, 4)]
        used.update((source, i) for i in range(start, start + len(run)))
        start = start + len(run) if start + len(run) < len(sentences) else -1
        paragraph = "".join(renamer.apply(s) for s in run)
        if size + _utf8_len(paragraph) + 1 > MAX_ARTICLE_BYTES and len(lines) > 2:
            break
        lines.append(paragraph[: MAX_ARTICLE_BYTES // 3])  # a long paragraph cannot overshoot the maximum
        size += _utf8_len(lines[-1]) + 1
    return "\n".join(lines) + "\n"


def _fresh_start(count: int, source: int, used: set[tuple[int, int]], rng: random.Random) -> int:
    """A sentence of the seed not used yet in this article, if a few tries find one."""
    start = rng.randrange(count)
    for _ in range(8):
        if (source, start) not in used:
            break
        start = rng.randrange(count)
    return start


def generate_articles(
    megabytes: float,
    *,
    seed: int = DEFAULT_SEED,
    traditional_share: float = DEFAULT_TRADITIONAL_SHARE,
    seeds_dir: Path = SEEDS_DIR,
) -> Iterator[GeneratedArticle]:
    """Articles until their UTF-8 size reaches ``megabytes`` (10^6 bytes each).

    Deterministic: the same arguments give the same articles.
    """
    seeds = load_seed_articles(seeds_dir)
    rng = random.Random(seed)
    total_bytes = megabytes * BYTES_PER_MB
    pools = NamePools(rng, expected_articles=max(1, round(total_bytes / _MEAN_ARTICLE_BYTES)))
    written = 0
    for index in itertools.count():
        if written >= total_bytes:
            return
        text = _compose(seeds, pools, rng)
        script = "zh-Hans"
        if rng.random() < traditional_share:
            text, script = to_traditional(text), "zh-Hant"
        written += _utf8_len(text)
        yield GeneratedArticle(f"{index:06d}.txt", text, script)


@dataclass(frozen=True)
class CorpusSummary:
    files: int
    bytes: int
    characters: int
    traditional: int


def write_corpus(
    out_dir: Path,
    megabytes: float,
    *,
    seed: int = DEFAULT_SEED,
    traditional_share: float = DEFAULT_TRADITIONAL_SHARE,
) -> CorpusSummary:
    """Write ``generate_articles(...)`` to ``out_dir`` as UTF-8 .txt files, one per article.

    ``out_dir`` must be empty or missing, so an old, bigger corpus never
    mixes into a new one.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    if any(out_dir.iterdir()):
        raise SystemExit(f"{out_dir} is not empty")
    files = size = characters = traditional = 0
    for article in generate_articles(megabytes, seed=seed, traditional_share=traditional_share):
        data = article.text.encode("utf-8")
        (out_dir / article.name).write_bytes(data)
        files += 1
        size += len(data)
        characters += len(article.text)
        traditional += article.script == "zh-Hant"
    return CorpusSummary(files, size, characters, traditional)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, required=True, help="size of the corpus in MB (10^6 bytes of UTF-8)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (must be empty or missing)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--traditional", type=float, default=DEFAULT_TRADITIONAL_SHARE,
                        help="share of articles converted to Traditional (default %(default)s)")
    args = parser.parse_args(argv)
    summary = write_corpus(args.out, args.mb, seed=args.seed, traditional_share=args.traditional)
    print(f"{summary.files} articles, {summary.bytes:,} bytes, {summary.characters:,} characters, "
          f"{summary.traditional} in Traditional → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
