"""Latin-script names inside Chinese text: people, companies and models.

LAC does not tag Latin words as names and no lexicon can list them all, so a
run of Latin words is typed from the Chinese around it (a role word before a
person, a speech verb after one; 公司 or 的 CEO after a company; a release verb
before a model, 模型 after one), from its shape (versions, sizes and dates;
suffixes such as AI, Labs, Ventures; two or three capitalised words) and from
the common given names that a package ships (Faker's English person names).
A name typed once is that type wherever the article repeats it, and a person's
surname alone is that person. Runs in URLs, code, tickers, English-only lines
and English phrases are left alone.
In: the Simplified text (and the lexicon, whose organizations a model's name
may start with). Out: ``Candidate`` records whose rule ids start with ``latin-``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from graph.core.records import EntityType
from graph.extract import patterns as P
from graph.extract.candidates.base import PRIORITY_RULE, PRIORITY_TAGGER, Candidate
from graph.extract.lexicon import Lexicon
from graph.extract.resolve import model_key, name_tails
from graph.text.chars import CJK

# --- runs of Latin words ------------------------------------------------------

# A Latin word: letters (accented ones too: Pokémon) and digits, joined inside
# by a dash, dot, apostrophe, plus or ampersand (Gen-3, Flux.1, O'Neil, AT&T).
_LETTERS = "A-Za-z0-9À-ÖØ-öø-ÿ"
_WORD = re.compile(rf"[{_LETTERS}]+(?:['’.\-+&][{_LETTERS}]+)*")
# Characters that glue a Latin word to code, a path, a ticker or a URL
# (NASDAQ:VRDN, $VRDN, a/b, x=y, f(x)); a colon after a name may open a quote.
_CODE_BEFORE = frozenset("/\\=_`$#%<>{}[]|~^*:@")
_CODE_AFTER = frozenset("/\\=_`$#%<>{}[]|~^*@(")
_URL = re.compile(r"(?:https?://|www\.)[^\s，。、；）)」”]+|[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}|\]\([^)]*\)")
# More words than a name has: an English phrase or sentence.
MAX_NAME_WORDS = 5
# More Latin words than this per Chinese character make a line English.
LATIN_WORDS_PER_CJK_CHAR = 3
# Words of an English phrase: a run holding one is prose, not a name.
_ENGLISH_FUNCTION_WORDS = frozenset("the of and to in for with on is are was a an by from at as this that it we you be or not".split())


@dataclass(frozen=True)
class _Run:
    """Latin words joined by single spaces, with where each starts."""

    words: tuple[str, ...]
    starts: tuple[int, ...]

    @property
    def start(self) -> int:
        return self.starts[0]

    @property
    def end(self) -> int:
        return self.starts[-1] + len(self.words[-1])

    def span(self, first: int, stop: int) -> tuple[int, int]:
        """Offsets of words ``first`` to ``stop - 1``."""
        return self.starts[first], self.starts[stop - 1] + len(self.words[stop - 1])

    def part(self, first: int, stop: int) -> _Run:
        return _Run(self.words[first:stop], self.starts[first:stop])


def _runs(text: str) -> list[_Run]:
    """Every run of Latin words that may be a name: not in a URL, not glued to
    code or a ticker, not in an English-only line, not an English phrase."""
    blocked = _blocked(text)
    runs: list[_Run] = []
    words: list[str] = []
    starts: list[int] = []
    for match in _WORD.finditer(text):
        if words and text[starts[-1] + len(words[-1]) : match.start()] == " ":
            words.append(match.group())
            starts.append(match.start())
            continue
        if words:
            runs.append(_Run(tuple(words), tuple(starts)))
        words, starts = [match.group()], [match.start()]
    if words:
        runs.append(_Run(tuple(words), tuple(starts)))
    return [r for r in runs if _may_be_name(text, r, blocked)]


def _may_be_name(text: str, run: _Run, blocked: bytearray) -> bool:
    before = text[run.start - 1 : run.start] if run.start else ""
    after = text[run.end : run.end + 1]
    if any(blocked[run.start : run.end]) or before in _CODE_BEFORE or after in _CODE_AFTER:
        return False
    lowered = {w.lower() for w in run.words}
    return len(run.words) <= MAX_NAME_WORDS and not (len(run.words) >= 3 and lowered & _ENGLISH_FUNCTION_WORDS)


def _blocked(text: str) -> bytearray:
    """Where no name is looked for: URLs and e-mail addresses, and lines of
    English with a Chinese word or two at most (debris of a web copy)."""
    blocked = bytearray(len(text) + 1)
    for url in _URL.finditer(text):
        blocked[url.start() : url.end()] = b"\x01" * (url.end() - url.start())
    line_start = 0
    for line in text.split("\n"):
        latin_words = len(_WORD.findall(line))
        if latin_words and len(re.findall(f"[{CJK}]", line)) * LATIN_WORDS_PER_CJK_CHAR < latin_words:
            blocked[line_start : line_start + len(line)] = b"\x01" * len(line)
        line_start += len(line) + 1
    return blocked


# --- word shapes ----------------------------------------------------------------

# A capitalised name word: Kilpatrick, McGinnis, LeCun, O'Brien, Jean-Luc.
_NAME_WORD = re.compile(r"(?:[A-Z][a-z]*[a-z](?:[A-Z][a-z]+)?|[A-Z]['’][A-Z][a-z]+)(?:-[A-Z][a-z]+)*")
# Initials that may open a name: JB, J., J.B.
_INITIALS = re.compile(r"[A-Z]{1,2}\.?|(?:[A-Z]\.){2}")
_NAME_PARTICLES = frozenset("van von de da del der di le la bin al du dos ter".split())
# Latin role words that may stand inside a run: Acme CEO Tom Baker.
_LATIN_ROLES = frozenset("CEO CTO COO CFO CSO CPO CMO CIO VP".split())
# Last words that make a company's name: Scale AI, Nimbus Labs, Acme Ventures.
ORG_SUFFIX_WORDS = frozenset(
    """AI Labs Lab Ventures Capital Inc Inc. Research Technologies Technology Robotics Partners Systems Dynamics
    Studios Semiconductor Semiconductors Networks Analytics Therapeutics Motors Group Holdings Corp
    Corp. Corporation Ltd Ltd. LLC PLC GmbH Foundation Institute University Media Games Computing Fund Investments
    Management Associates Consulting Industries Bank Biosciences Bio Health Energy Tower""".split()
)
# The same endings glued to the name, as funds and studios write it: NorthpeakVC, BirchCapital.
_GLUED_ORG_SUFFIX = re.compile(r"[A-Z][a-zà-öø-ÿ]{2,}(?:VC|Ventures|Capital|Labs|Partners|Studios|Robotics)")
# Suffixes that also name a field, and the words that make them a kind of work,
# not a company: Generative AI, Deep Research, Open Lab.
_FIELD_SUFFIXES = frozenset("AI Research Lab Labs".split())
_KIND_WORDS = frozenset(
    """Generative Conversational Responsible Physical Agentic Embodied Explainable Trustworthy Ethical Artificial
    General Open Edge Enterprise Sovereign Multimodal Narrow Strong Weak Human Applied Creative Predictive
    Traditional Symbolic Spatial Vertical Personal Safe Frontier Superintelligent Superhuman Gen Deep Advanced
    Basic Academic Scientific Medical Clinical Market User Product Design Quantum Computational""".split()
)
# Capitalised words that are not part of a person's name: tiers, products,
# features, institutions, events.
_NOT_NAME_WORDS = frozenset(
    """AI AR VR XR UI UX IT OS PC TV US UK EU HR PR QA ML AGI API App Apps Pro Max Plus Ultra Mini Turbo Flash Lite Air
    Nano Studio Cloud Voice Mode Search Chat Code Assistant Agent Agents Model Models Store Pay Music Maps Drive
    Vision Video Image Images Canvas Research Labs Lab Intelligence Edge One Home Team Teams Office Bank Group Inc
    Capital Ventures Partners Technologies Robotics Systems Security Network Networks Day Week Summit Conference
    Award Awards Prize Festival Show Expo News Times Post Journal Review Daily Weekly Magazine Media Press Today
    Street Avenue Park Valley City House Hall Center Centre Tower Garden Bridge Island Lake River Mountain Square
    The This That These Those New Open Deep Big Great Super Smart Next Global International National World Digital
    Data Learning Machine Neural Language Large Small Medium Base Instruct Alpha Beta Gamma Omega Dev Preview Beta
    Diffusion Transformer Engine Platform Kit Hub Bot Chatbot Copilot Browser Mobile Desktop Web Online Live
    Premium Enterprise Business Team Free Basic Standard Edition Version Update Series Project Program Plan
    University College School Institute Foundation Fund Association Society Council Committee Agency Department
    Ministry Company Corporation Holdings Industries Motors Energy Health Capital Securities Global""".split()
)
# A version, a size, a date or a tier after a model family's name.
_VERSIONED_MODEL = re.compile(
    r"(?<![A-Za-z0-9\-.])(?P<family>(?:[A-Z][A-Za-z0-9]*[A-Za-z][ ])?[A-Z][A-Za-z]*[A-Za-z])"
    r"(?P<version>(?:[-. ])?(?:\d+(?:\.\d+)?[BbMm](?![A-Za-z])|[Vv]?\d{1,2}(?:\.\d{1,2})*[a-z]?))"
    r"(?P<tail>(?:[ \-](?:\d+(?:\.\d+)?[BbMm]|\d{3,4}|\d{4}-\d{2}-\d{2}|[A-Z][a-z]+|[a-z]{3,}))*)"
)
# Tails only models have: a size (8B), a date (-002, -0514) or a model's tier word.
_STRONG_TAIL = re.compile(
    r"[ \-](?:\d+(?:\.\d+)?[BbMm]|\d{3,4}|\d{4}-\d{2}-\d{2}|Instruct|Chat|Coder|Dev|Sonnet|Opus|Haiku|Flash|Turbo"
    r"|Preview|Exp|Base|Alpha|Reasoner|Thinking|Omni|mini|turbo|preview|instruct|chat)(?=[ \-]|$)"
)
_TIER_WORDS = frozenset(
    """Pro Max Plus Ultra Mini Lite Air Nano Large Small Medium Base Instruct Chat Coder Dev Sonnet Opus Haiku
    Flash Turbo Preview Exp Alpha Beta Reasoner Thinking Omni Vision Edge Plus mini turbo preview instruct chat pro""".split()
)
# Families that take versions but are no AI model: devices, systems, languages, events.
_NOT_MODEL_FAMILIES = frozenset(
    """Windows Android HarmonyOS iOS iPadOS macOS watchOS visionOS Linux Ubuntu Python Java Model Series Galaxy Pixel
    Mate Xbox PlayStation Switch Watch AirPods Vision Snapdragon Kirin Ryzen Core Xeon Exynos Dimensity Surface Kindle Quest Starship Tesla COVID Covid
    Web Industry Level Top Phase Round Stage Part Season Vol Chapter Episode Day Week Apollo Boeing Airbus Mac MacBook
    Intel AMD Nvidia NVIDIA Blackwell Hopper Ampere Grace Rubin Gaudi Trainium Inferentia Cortex Neoverse Ryzen Radeon
    GeForce RTX GTX Wi USB HDMI Bluetooth""".split()
)
# Latin words that never name anything on their own.
_GENERIC_WORDS = frozenset(
    set(P.NOT_MODEL)
    | set(
        """AI IT API SDK App APP Apps SaaS PaaS IaaS GPU GPUs CPU NPU TPU LLM LLMs AIGC AGI VR AR XR MR IoT EDA B2B B2C
        CEO CTO PC UI UX OS IP ID KOL Prompt Prompts Agent Agents Bot Chatbot Demo Beta Alpha Token Tokens GAN RAG MoE
        SOTA Benchmark Plugin Plugins Web Web3 OK Yes No Hi Hello Wow PPT PDF Excel Word Logo Slogan Vlog Blog Up UP
        X Tweet Post Thread HN Email Mail DM AMA Q A B C D E F G H I J K L M N O P Q R S T
        U V W Y Z Mr Ms Mrs Dr Prof Sir Inc Ltd Co Corp HR PR License Licence MIT Apache GPL BSD""".split()
    )
)


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Common given names from Faker's English person provider (a maintained
    package's list, not ours): a pair of capitalised words that opens with one
    is a person's name even where no role or verb says so."""
    from faker.providers.person.en import Provider  # a large module: loaded once, when first needed

    names = (*Provider.first_names_male, *Provider.first_names_female)
    words = _english_words()
    return frozenset(
        n for n in names if n.isascii() and n.isalpha() and n not in _NOT_NAME_WORDS and n.lower() not in words
    )


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    """Common English words (Faker's English word lists): a given name that is
    also one (General, Will, May) says nothing about a person."""
    from faker.providers.company.en_US import Provider as Company
    from faker.providers.lorem.en_US import Provider as Lorem

    phrases = (*Company.catch_phrase_words, *Company.bsWords)
    return frozenset(w.lower() for w in (*Lorem.word_list, *(word for group in phrases for word in group)))


def _person_shaped(words: tuple[str, ...]) -> bool:
    """Two or three capitalised name words (initials may open them, particles join them)."""
    core = [w for w in words if w not in _NAME_PARTICLES]
    if not 2 <= len(core) <= 3 or words[0] in _NAME_PARTICLES or words[-1] in _NAME_PARTICLES:
        return False
    if any(w in _NOT_NAME_WORDS or w in _GENERIC_WORDS for w in words if len(w) > 1):
        return False
    first_ok = _NAME_WORD.fullmatch(words[0]) or _INITIALS.fullmatch(words[0])
    return bool(first_ok) and all(_NAME_WORD.fullmatch(w) for w in core[1:])


def _org_shaped(words: tuple[str, ...]) -> bool:
    """One to three words that can name a company: the first capitalised or
    mixed (xAI, a16z), none a generic word (AI, App, SaaS) or a bare number."""
    if not 1 <= len(words) <= 3 or any(w in _GENERIC_WORDS for w in words[:1]):
        return False
    first = words[0]
    if len(first) < 2 or not first[0].isalpha() or _VERSION_LIKE.fullmatch(first):
        return False
    if first.isupper() and len(first) <= 2 and len(words) == 1:
        return False  # HR, PR: an acronym, not a company
    return first[0].isupper() or any(ch.isupper() or ch.isdigit() for ch in first[1:])


# A letter and a number: a version or a model's short name (R1, V3, o1), not a company.
_VERSION_LIKE = re.compile(r"[A-Za-z]\d+(?:\.\d+)*")


def _has_org_suffix(words: tuple[str, ...]) -> bool:
    if len(words) < 2 or words[-1] not in ORG_SUFFIX_WORDS or not _org_shaped(words[:-1]):
        return False
    return not (words[-1] in _FIELD_SUFFIXES and words[-2] in _KIND_WORDS)


# A brand written as its web address: Kestrel.ai (capitalised and with lower-case
# letters, unlike a phishing example's T0T.COM or a URL's host).
_DOMAIN = re.compile(r"[A-Z](?=[A-Za-z0-9]*[a-z])[A-Za-z0-9]+\.(?:ai|com|io|co|app|so|dev|tech|net|org|im|me|gg|xyz|fm|tv|cc|ly)")


# --- the Chinese around a run -------------------------------------------------

_ROLES = "|".join(re.escape(w) for w in P.ROLE_WORDS)
# Words said of a person who is quoted or named, though they hold no post.
_PERSON_DESCRIPTORS = (
    "投资人|网友|博主|部落客|推主|用户|开发者|作者|创作者|发布者|释出者|维护者|贡献者|创业者|企业家|主播|UP主|up主|知名人士"
    "|科学家|工程师|研究者|账号"
)
# A role or person word right before the name: 首席科学家 Tom Baker, 网友 Deedy.
_ROLE_BEFORE = re.compile(rf"(?:{_ROLES}|{_PERSON_DESCRIPTORS})[ 　]*(?:[（(][^）)]{{1,16}}[）)])?[ 　]*$")
_DESCRIPTOR_BEFORE = re.compile(rf"(?:{_PERSON_DESCRIPTORS})[ 　]*$")
# Where a quoted user posts: X 上的, 推特上的 (a user name after it, a speech verb after that).
_PLATFORM_BEFORE = re.compile(r"(?:X|推特|Twitter|社交媒体|社交平台|Reddit|微博|论坛)[ 　]*上的?[ 　]*$")
# Titles that follow a person's name: Tom Baker 教授.
_TITLE_AFTER = re.compile(r"[ 　]*(?:教授|博士|先生|女士|院士|医生|律师|教练|议员|参议员|众议员)")
# A role of the person after the name, in a bracket or after a comma: Tom Baker（Acme CEO）.
_ROLE_IN_BRACKET_AFTER = re.compile(rf"[ 　]*[（(][ 　]*[^，。；（）()“”\n]{{0,24}}?(?:{_ROLES})")
_ROLE_AFTER_COMMA = re.compile(rf"[ 　]*[，,][ 　]*[^，。；（）()“”\n]{{0,24}}?(?:{_ROLES})")
_SPEECH = (
    "表示|说道|说|认为|指出|写道|称|发文|发帖|发推|告诉|坦言|强调|透露|直言|回应|解释|提到|补充|感叹|评论|谈到|预测|警告"
    "|问道|回忆|总结|分享|提醒|坦承|表态|呼吁"
)
# A speech verb after the name, maybe after an adverb and where it was said:
# Tom Baker 也表示, Tom Baker 在 X 上发文称, Tom Baker 近日在博客中写道.
_SPEECH_AFTER = re.compile(
    r"[ 　]*(?:也|还|则|就|曾|又|更|便|随即|随后|此前|近日|日前|对此|同样|后来|当时|今天|昨天|最近)?[ 　]*"
    rf"(?:在[^，。；：“”\n]{{1,14}}?(?:上|中|里|时))?[ 　]*(?:{_SPEECH})(?![为作之号明法服])"
)
# A company's role or body word after its name: Acme 的 CEO, Acme 联合创始人, Acme 公司.
_ORG_WORD_AFTER = re.compile(
    rf"[ 　]*(?:的[ 　]*)?(?:前|原|现任|首任)?(?:{_ROLES}|公司|团队|机构|旗下|总部|股价|市值|估值|创始团队|研究团队)"
)
_TEAM_AFTER = re.compile(r"[ 　]*(?:的[ 　]*)?(?:团队|研究团队|创始团队)")
_NOT_COMPANY_ROLE_AFTER = re.compile(r"[ 　]*(?:的[ 　]*)?(?:教授|博士|先生|女士|院士|医生|律师|专家|学者|代表|委员|记者|编辑|用户)")
# A word for a company right before the name: 初创公司 Acme, 投资机构 Acme Ventures.
_ORG_DESCRIPTOR_BEFORE = re.compile(
    r"(?:公司|企业|独角兽|机构|媒体|实验室|初创|新创|创企|风投|投资方|领投方|基金|研究机构|网站|银行|大厂|厂商|创业公司"
    r"|提供商|服务商|供应商|开发商|运营商|组织)[ 　]*$"
)
# The body says something officially, or invests: Acme 也官方发文, Acme 领投, Acme 进行了追加投资.
_OFFICIAL_AFTER = re.compile(r"[ 　]*(?:也|还|则|已|随后)?[ 　]*(?:官方|官宣|官网)")
_INVESTS_AFTER = re.compile(
    r"[ 　]*(?:也|还|则|等|共同|联合)?[ 　]*(?:领投|跟投|注资|参投|(?:进行了?|参与了?)?[ 　]*(?:追加|战略|新一轮)?投资(?!人|者))"
)
# A source of news: 据 Acme 报道, 根据 Acme 的报道.
_REPORTED_AROUND = (re.compile(r"(?:据|根据)[ 　]*$"), re.compile(r"[ 　]*(?:的)?(?:报道|报导|消息|披露|援引)"))
# Words for a feature or a document rather than a model or a person: Voice Mode 功能.
_FEATURE_WORDS = "功能|特性|模式|按钮|选项|计划|项目|活动|政策|报告|论文|数据|榜单|测试"
_FEATURE_AFTER = re.compile(rf"[ 　]*(?:{_FEATURE_WORDS})")
# A release verb right before the name: 发布了 Zephyr, 推出新一代模型 Zephyr.
_RELEASE_BEFORE = re.compile(
    r"(?:发布|释出|推出|上线|开源|首发|亮相|公布|上架|迭代出)(?:了|出)?[ 　]*"
    r"(?:最新的?|全新的?|新一代的?|新版的?|新的|新款|首款|首个|一款|一个|其|旗下的?|自家的?|自研的?)?"
    r"(?:AI|人工智能)?(?:模型|大模型|工具|产品|应用|助手)?[ 　]*[“「]?$"
)
# A maker's release verb after its name: Acme 近日正式发布.
# Not when the release is the name's own (R1 发布之后, V3 发布时).
_RELEASE_AFTER = re.compile(
    r"[ 　]*(?:今天|今日|近日|日前|昨天|昨日|本周|正式|也|还|再次|刚刚|首次|宣布|已经|已|将|于[^，。；]{1,8}?)*[ 　]*(?:发布|释出|推出|开源)"
    r"(?!之后|之前|之际|以来|后|前|时|的|当天)"
)
# What after a name says it is not the model released: its maker, a partner, a feature.
_NOT_RELEASED_AFTER = re.compile(
    rf"[ 　]*(?:的|公司|团队|与|和|合作|旗下|联合|等公司|{_FEATURE_WORDS}|芯片|晶片|处理器|显卡|手机|汽车|电脑|平板|系统|火箭|飞船)"
)
# A thing named after a person (Grace Hopper 超级芯片): hardware, not the person.
_THING_AFTER = re.compile(rf"[ 　]*(?:[{CJK}]{{0,3}}?)(?:芯片|晶片|处理器|显卡|架构|服务器|伺服器|超算|系统|平台|手机|汽车|火箭|飞船)")
# 模型 right after the name, or after a word for the kind of model: Zephyr 多模态大模型.
_MODEL_WORD_AFTER = re.compile(
    r"[ 　]*(?:系列|多模态|大语言|语言|视频生成|视频|影片生成|影片|图像生成|图像|文生图|文生视频|生成|推理|开源|基础|基座|AI)?"
    r"[ 　]*(?:大模型|模型|版本)"
)
# 版 after a versioned name: an edition of the model (X.1 Pro 版), not 版权 or 版面.
_EDITION_AFTER = re.compile(r"[ 　]*版(?![权图面块税])")
_CLASSIFIER_AFTER = re.compile(r"[年月日号个天亿万元倍岁%％款家名位项次种台张部条周]")


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    entity_type: EntityType
    rule: str
    weight: int  # how strongly the context says the type; the article's strongest wins


# How strongly a run's surroundings say its type: a role word or a name's own
# shape (CEO, Labs, a size) outweighs a context word (表示, 发布), which outweighs
# a given name with nothing around it.
STRONG_EVIDENCE = 3
CONTEXT_EVIDENCE = 2
WEAKEST_EVIDENCE = 1


# --- the rules ----------------------------------------------------------------


def latin_candidates(text: str, lexicon: Lexicon) -> Iterator[Candidate]:
    """Latin people, companies and models, typed by context and shape, then
    every other place the article names them again (and a person by surname)."""
    runs = _runs(text)
    found = [f for run in runs for f in _typed(text, run, lexicon)]
    found.extend(_handles(text))
    consistent = _consistent(text, found)
    consistent.extend(_listed_with_orgs(text, runs, consistent, lexicon))
    consistent.extend(_listed_with_models(text, runs, consistent, lexicon))
    kept = _with_article_makers(text, runs, consistent, lexicon)
    kept.extend(_for_products(text, kept, lexicon))
    for f in kept:
        yield Candidate(f.start, f.end, f.entity_type, f.rule, _priority(f))
    yield from _named_again(text, runs, kept)


def _typed(text: str, run: _Run, lexicon: Lexicon) -> Iterator[_Found]:
    role_at = next((i for i, w in enumerate(run.words) if w in _LATIN_ROLES), None)
    if role_at is not None:
        yield from _around_latin_role(run, role_at)
        return
    model = _tier_of_known_model(text, run, lexicon) or _versioned_model(text, run, lexicon)
    model = model or _maker_product(text, run, lexicon)
    if model is not None:
        yield model
        if model.start == run.start:
            return
        run = run.part(0, run.starts.index(model.start))  # the maker before the model: Google Gemini 1.5
    found = _typed_whole(text, run)
    if found is not None:
        yield found


def _around_latin_role(run: _Run, role_at: int) -> Iterator[_Found]:
    """Acme CEO Tom Baker: the company before the role, the person after it."""
    left, right = run.part(0, role_at), run.part(role_at + 1, len(run.words))
    if left.words and (_org_shaped(left.words) or _has_org_suffix(left.words)) and not _person_shaped(left.words):
        yield _Found(left.start, left.end, EntityType.ORGANIZATION, "latin-org-before-role", STRONG_EVIDENCE)
    if right.words and _person_shaped(right.words):
        yield _Found(right.start, right.end, EntityType.PERSON, "latin-person-after-role", STRONG_EVIDENCE)


def _typed_whole(text: str, run: _Run) -> _Found | None:
    """The type the context or shape gives the whole run, strongest evidence first."""
    words, start, end = run.words, run.start, run.end
    before = text[max(0, start - 20) : start]
    if _has_org_suffix(words) or (len(words) == 1 and _GLUED_ORG_SUFFIX.fullmatch(words[0])):
        return _Found(start, end, EntityType.ORGANIZATION, "latin-org-suffix", STRONG_EVIDENCE)
    if len(words) == 1 and _DOMAIN.fullmatch(words[0]):
        return _Found(start, end, EntityType.ORGANIZATION, "latin-org-domain-name", CONTEXT_EVIDENCE)
    if _person_shaped(words):
        return _person_by_context(text, run, before)
    if len(words) == 1 and _handle_like(words[0]):
        if _DESCRIPTOR_BEFORE.search(before):
            return _Found(start, end, EntityType.PERSON, "latin-person-after-descriptor", CONTEXT_EVIDENCE)
        if _PLATFORM_BEFORE.search(before) and _SPEECH_AFTER.match(text, end):
            return _Found(start, end, EntityType.PERSON, "latin-person-on-platform", CONTEXT_EVIDENCE)
    if not _org_shaped(words) or words[0] in _NOT_MODEL_FAMILIES:
        return None
    if _ORG_WORD_AFTER.match(text, end) and not _NOT_COMPANY_ROLE_AFTER.match(text, end):
        return _Found(start, end, EntityType.ORGANIZATION, "latin-org-before-role-or-body", STRONG_EVIDENCE)
    if _ORG_DESCRIPTOR_BEFORE.search(before):
        return _Found(start, end, EntityType.ORGANIZATION, "latin-org-after-descriptor", CONTEXT_EVIDENCE)
    if _OFFICIAL_AFTER.match(text, end):
        return _Found(start, end, EntityType.ORGANIZATION, "latin-org-before-role-or-body", CONTEXT_EVIDENCE)
    if _INVESTS_AFTER.match(text, end):
        return _Found(start, end, EntityType.ORGANIZATION, "latin-org-investor", CONTEXT_EVIDENCE)
    if _REPORTED_AROUND[0].search(before) and _REPORTED_AROUND[1].match(text, end):
        return _Found(start, end, EntityType.ORGANIZATION, "latin-org-news-source", CONTEXT_EVIDENCE)
    if _RELEASE_AFTER.match(text, end):
        return _Found(start, end, EntityType.ORGANIZATION, "latin-org-before-release", CONTEXT_EVIDENCE)
    if len(words) == 1 and words[0] in _TIER_WORDS:
        return None  # Dev 版本, Pro 和 Dev 模型: a tier of a model named before, not a name
    product = _product_by_context_or_shape(text, run, before)
    if product is not None:
        return product
    if _RELEASE_BEFORE.search(before) and not _NOT_RELEASED_AFTER.match(text, end):
        return _Found(start, end, EntityType.SOFTWARE, "latin-model-after-release", CONTEXT_EVIDENCE)
    if _MODEL_WORD_AFTER.match(text, end):
        return _Found(start, end, EntityType.SOFTWARE, "latin-model-before-model-word", CONTEXT_EVIDENCE)
    return None


# Words before a product's name: what it is (工具 X, 检测器 X), who made it (出品的 X),
# what it was given (名为 X 的), how big it is (拥有 N 亿参数的 X), which edition (版本的 X).
_PRODUCT_BEFORE = re.compile(
    r"(?:工具|应用|软件|项目|产品|插件|检测器|生成器|编辑器|出品的|开发的|研发的|打造的|推出的|发布的|开源的"
    r"|(?<![更改])名为|名叫|叫做|参数的|参数量的|版本的)[ 　]*[“「]?$"
)
# A product's own work after its name: X 生成的图像, X 生成 (a caption).
_GENERATES_AFTER = re.compile(r"[ 　]*生成(?:的|了)?(?:[^成]|$)")
_NOT_PRODUCT_AFTER = re.compile(
    rf"[ 　]*(?:公司|团队|合作|旗下|联合|等公司|{_FEATURE_WORDS}|芯片|晶片|处理器|显卡|手机|汽车|电脑|平板|系统|火箭|飞船)"
)
# Name-Live-Cam: three or more capitalised parts joined by dashes, a project's name.
_HYPHENATED_NAME = re.compile(r"[A-Z][a-z0-9]*(?:-[A-Z][A-Za-z0-9]*){2,}")


def _product_by_context_or_shape(text: str, run: _Run, before: str) -> _Found | None:
    """A product named by what it is, who made it or what it does, or shaped as
    one (Name API, Name-Live-Cam)."""
    words, start, end = run.words, run.start, run.end
    if len(words) >= 2 and words[-1] == "API" and not any(w in _GENERIC_WORDS for w in words[:-1]):
        return _Found(start, end, EntityType.SOFTWARE, "latin-model-shape", STRONG_EVIDENCE)
    if len(words) == 1 and _HYPHENATED_NAME.fullmatch(words[0]):
        return _Found(start, end, EntityType.SOFTWARE, "latin-model-shape", CONTEXT_EVIDENCE)
    if _NOT_PRODUCT_AFTER.match(text, end):
        return None  # 工具 X 公司, 推出的 X 芯片: the maker or a device
    if _PRODUCT_BEFORE.search(before) or _GENERATES_AFTER.match(text, end):
        return _Found(start, end, EntityType.SOFTWARE, "latin-model-product-context", CONTEXT_EVIDENCE)
    return None


def _person_by_context(text: str, run: _Run, before: str) -> _Found | None:
    start, end = run.start, run.end
    if _SPEECH_AFTER.match(text, end):
        return _Found(start, end, EntityType.PERSON, "latin-person-before-speech", CONTEXT_EVIDENCE)
    if _ROLE_BEFORE.search(before):
        return _Found(start, end, EntityType.PERSON, "latin-person-after-role", STRONG_EVIDENCE)
    given = run.words[0] in given_names()
    # After a comma only a given name makes it a person: Amazon Bedrock，亚马逊云科技首席… names a product.
    if _TITLE_AFTER.match(text, end) or _ROLE_IN_BRACKET_AFTER.match(text, end) or (given and _ROLE_AFTER_COMMA.match(text, end)):
        return _Found(start, end, EntityType.PERSON, "latin-person-before-role", CONTEXT_EVIDENCE)
    # Morgan Stanley 分析师: a post after the name makes it a company, given name or not;
    # a team after a person's name is the person's (Tom Baker 团队).
    if _ORG_WORD_AFTER.match(text, end) and not _NOT_COMPANY_ROLE_AFTER.match(text, end):
        if not (given and _TEAM_AFTER.match(text, end)):
            return _Found(start, end, EntityType.ORGANIZATION, "latin-org-before-role-or-body", STRONG_EVIDENCE)
        return None
    if given and not _RELEASE_BEFORE.search(before) and not _names_a_thing_after(text, end):
        return _Found(start, end, EntityType.PERSON, "latin-person-given-name", WEAKEST_EVIDENCE)
    return None


def _names_a_thing_after(text: str, end: int) -> bool:
    """Grace Hopper 超级芯片, Ada Lovelace 模型: a thing named after a person."""
    return any(p.match(text, end) for p in (_MODEL_WORD_AFTER, _FEATURE_AFTER, _THING_AFTER))


def _handle_like(word: str) -> bool:
    """A user name: a capitalised name word, or letters and digits in one word (hacker42)."""
    if word in _GENERIC_WORDS:
        return False
    return bool(_NAME_WORD.fullmatch(word) or re.fullmatch(r"[A-Za-z][A-Za-z0-9]{2,29}", word))


def _versioned_model(text: str, run: _Run, lexicon: Lexicon) -> _Found | None:
    """Name-1.5-Pro-002, Llama 3.1 8B, X.1 Dev, Gen-3 Alpha: a family, a version
    and what qualifies it. A tail only models have (a size, a date, Instruct)
    is enough; a bare version needs a release verb before or 模型 after."""
    match = _VERSIONED_MODEL.search(text, run.start, run.end)
    if match is None or match.start() != run.start:
        return None
    family = match.group("family")
    start = match.start()
    first, _, rest = family.partition(" ")
    if rest and _is_lexicon_org(first, lexicon):  # Google Gemini 1.5: the maker, then the model
        family, start = rest, start + len(first) + 1
    end = _tail_end(text, match)
    if family.split(" ")[0] in _NOT_MODEL_FAMILIES or family in _GENERIC_WORDS or _CLASSIFIER_AFTER.match(text, end):
        return None
    strong = bool(_STRONG_TAIL.search(text, match.start("version") - 1, end)) or re.fullmatch(
        r"[-. ]?\d+(?:\.\d+)?[BbMm]", match.group("version")
    )
    before = text[max(0, start - 20) : start]
    if strong or _RELEASE_BEFORE.search(before) or _MODEL_WORD_AFTER.match(text, end) or _EDITION_AFTER.match(text, end):
        return _Found(start, end, EntityType.SOFTWARE, "latin-model-versioned", STRONG_EVIDENCE if strong else CONTEXT_EVIDENCE)
    return None


def _tier_of_known_model(text: str, run: _Run, lexicon: Lexicon) -> _Found | None:
    """Sora Turbo, o1-mini: a curated model and tier words, with no version
    between them (a version is the lexicon's own rule: GPT-4 Turbo)."""
    surface = text[run.start : run.end]
    cuts = [i for i, ch in enumerate(surface) if ch in " -"]
    for cut in cuts:
        head = lexicon.lookup(surface[:cut])
        if head is None or head.entity_type is not EntityType.SOFTWARE:
            continue
        tiers = 0
        for word in re.finditer(r"[^ \-]+", surface[cut + 1 :]):
            if word.group() not in _TIER_WORDS:
                break
            tiers = cut + 1 + word.end()
        if tiers:
            return _Found(run.start, run.start + tiers, EntityType.SOFTWARE, "latin-model-tier-of-known", STRONG_EVIDENCE)
    return None


def _tail_end(text: str, match: re.Match[str]) -> int:
    """Where the model's name ends: its tail keeps only tier words, sizes and dates,
    and a capitalised word that 版 follows (X.1 Quick 版: an edition's own name)."""
    end = match.end("version")
    for part in re.finditer(r"[ \-]([^ \-]+)", match.group("tail")):
        word = part.group(1)
        word_end = match.start("tail") + part.end()
        edition = bool(re.fullmatch(r"[A-Z][a-z]{2,}", word)) and _EDITION_AFTER.match(text, word_end) is not None
        if word not in _TIER_WORDS and not edition and not re.fullmatch(r"\d+(?:\.\d+)?[BbMm]|\d{3,4}|\d{4}-\d{2}-\d{2}", word):
            break
        end = word_end
    return end


def _is_lexicon_org(word: str, lexicon: Lexicon) -> bool:
    entry = lexicon.lookup(word)
    return entry is not None and entry.entity_type is EntityType.ORGANIZATION


# --- products named after their maker ------------------------------------------

# Words that end a maker's unit, branch or office rather than a product:
# Amazon Web Services, Google Research, Alibaba Cloud, Microsoft Asia.
_ORG_TAIL_WORDS = (ORG_SUFFIX_WORDS - {"AI"}) | frozenset(
    """Cloud Services Service Web Brain Academy School College Center Centre Division Unit Team Office Offices
    China Asia Europe America Americas Japan Korea India Taiwan Global International Worldwide""".split()
)
# Hardware and events after a maker's name are no software: NVIDIA Jetson GPU, Apple Event.
_NOT_PRODUCT_WORDS = frozenset(
    """GPU GPUs CPU CPUs NPU TPU TPUs Chip Chips Superchip Silicon Processor Processors Server Servers Laptop Phone
    Tablet Glasses Headset Robot Car Summit Conference Expo Keynote Forum Hackathon Day Week Event Festival Award
    Awards Prize Show""".split()
)
# Generic words that still make a product after a maker's name: Acme AI, Acme App.
_PRODUCT_GENERIC_WORDS = frozenset("AI App APP Apps".split())
_PRODUCT_WORD = re.compile(r"[A-Z][A-Za-z0-9]*(?:['’.\-+&][A-Za-z0-9]+)*")
# A letter or three and a number after a maker: a chip, a car or a phone (H100, M4, SU7).
_HARDWARE_CODE = re.compile(r"[A-Z]{1,3}\d+[A-Za-z]?")
_HARDWARE_AFTER = re.compile(rf"[ 　]*(?:[{CJK}]{{0,3}}?)(?:芯片|晶片|处理器|显卡|服务器|伺服器|超算|手机|汽车|火箭|飞船)")
_COMPANIES_AFTER = re.compile(r"[ 　]*等[ 　]*(?:[^，。；\n]{0,4}?)(?:公司|企业|机构|厂商|集团)")
# A word for a company or a team right before: the name is the maker's unit.
_UNIT_BEFORE = re.compile(r"(?:公司|企业|机构|实验室|团队|部门|研究院|研究所)[ 　]*$")
MAX_PRODUCT_WORDS = 3


def _maker_product(
    text: str, run: _Run, lexicon: Lexicon, makers: frozenset[tuple[str, ...]] = frozenset()
) -> _Found | None:
    """Vendorly Forge, Vendorly AI: a maker's name (a curated organization, or
    one the article names) and product words make a product of that maker;
    Copilot Studio: a curated product's name and product words, a product of
    its line. Not a unit (Amazon Web Services), hardware or a person after it."""
    if lexicon.lookup(" ".join(run.words)) is not None:  # Google DeepMind, Microsoft Copilot: curated whole
        return None
    k, maker = _maker_prefix(run.words, lexicon, makers)
    if maker is None:
        return None
    rest = run.part(k, len(run.words))
    known = lexicon.lookup(rest.words[0])
    if known is not None and known.entity_type is EntityType.SOFTWARE:
        return _tier_of_known_model(text, rest, lexicon)  # Google Gemini Pro: the maker, then the model
    if not _product_words(rest.words, lexicon) or _HARDWARE_AFTER.match(text, run.end):
        return None
    if _UNIT_BEFORE.search(text, max(0, run.start - 20), run.start):
        return None  # 研究团队 Vendorly FAIR: a unit of the maker, not a product
    if _ORG_WORD_AFTER.match(text, run.end) and not _NOT_COMPANY_ROLE_AFTER.match(text, run.end):
        return None  # Vendorly AI 的 CEO, Vendorly AI 团队: a unit of the maker
    if _COMPANIES_AFTER.match(text, run.end):
        return None  # Vendorly AI 等公司: the company under its fuller name
    rule = "latin-model-product-of-known" if maker is EntityType.SOFTWARE else "latin-model-maker-prefix"
    return _Found(run.start, run.end, EntityType.SOFTWARE, rule, STRONG_EVIDENCE)


def _maker_prefix(
    words: tuple[str, ...], lexicon: Lexicon, makers: frozenset[tuple[str, ...]]
) -> tuple[int, EntityType | None]:
    """How many words open the run with a maker's (or a curated product's) name, longest first."""
    for k in range(min(len(words) - 1, MAX_PRODUCT_WORDS), 0, -1):
        if words[:k] in makers:
            return k, EntityType.ORGANIZATION
        entry = lexicon.lookup(" ".join(words[:k]))
        if entry is not None and entry.entity_type in (EntityType.ORGANIZATION, EntityType.SOFTWARE):
            return k, entry.entity_type
    return 0, None


def _product_words(words: tuple[str, ...], lexicon: Lexicon) -> bool:
    """One to three capitalised words, not all generic, none a unit's, a chip's,
    an event's or another curated name, and not a person's name."""
    if not 1 <= len(words) <= MAX_PRODUCT_WORDS or _person_shaped(words) or set(words) & _LATIN_ROLES:
        return False
    for word in words:
        if not _PRODUCT_WORD.fullmatch(word) or _HARDWARE_CODE.fullmatch(word) or lexicon.lookup(word) is not None:
            return False
        if word in _ORG_TAIL_WORDS or word in _NOT_PRODUCT_WORDS or word in _NOT_MODEL_FAMILIES:
            return False
    generic = [w for w in words if w in _GENERIC_WORDS and w not in _PRODUCT_GENERIC_WORDS and len(w) > 1]
    return len(generic) < len(words)


def _with_article_makers(text: str, runs: list[_Run], kept: list[_Found], lexicon: Lexicon) -> list[_Found]:
    """Products of a maker the article itself types as a company (Vendorly 公司
    … Vendorly Forge), where the run had no type of its own."""
    makers = frozenset(tuple(text[f.start : f.end].split(" ")) for f in kept if f.entity_type is EntityType.ORGANIZATION)
    if not makers:
        return kept
    typed = {text[f.start : f.end] for f in kept}
    products = []
    for run in runs:
        if text[run.start : run.end] in typed:
            continue
        k, maker = _maker_prefix(run.words, lexicon, makers)
        if maker is EntityType.ORGANIZATION and run.words[:k] in makers:
            product = _maker_product(text, run, lexicon, makers)
            if product is not None:
                products.append(product)
    if not products:
        return kept
    return [f for f in kept if not any(p.start < f.end and f.start < p.end for p in products)] + products


# X for <product>, X with <product>: a feature or tool of a product (Agents for Acme Forge, Create with Forge).
_LATIN_BEFORE = re.compile(r"[A-Za-z0-9'’.\-+&] ?$")
_FOR_PRODUCT = re.compile(r"((?:[A-Z][A-Za-z0-9]+ ){1,2})(?:for|with) ([A-Za-z0-9][A-Za-z0-9.\-]*(?: [A-Za-z0-9][A-Za-z0-9.\-]*){0,3})")


def _for_products(text: str, kept: list[_Found], lexicon: Lexicon) -> Iterator[_Found]:
    """Guardrails for Acme Forge: capitalised words, for, and a product the
    article names (typed here, or curated) make a product of the same line."""
    products = {text[f.start : f.end] for f in kept if f.entity_type is EntityType.SOFTWARE}
    blocked = _blocked(text)
    for match in _FOR_PRODUCT.finditer(text):
        start = match.start()
        if _LATIN_BEFORE.search(text, max(0, start - 2), start):
            continue  # more Latin words before: an English phrase, not a name
        head = match.group(1).split()
        if any(w.lower() in _ENGLISH_FUNCTION_WORDS or lexicon.lookup(w) is not None for w in head):
            continue
        words = match.group(2).split(" ")
        starts = [match.start(2) + sum(len(w) + 1 for w in words[:i]) for i in range(len(words))]
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n])
            entry = lexicon.lookup(name)
            inner = _Run(tuple(words[:n]), tuple(starts[:n]))
            if name in products or (entry is not None and entry.entity_type is EntityType.SOFTWARE) or (
                entry is None and _maker_product(text, inner, lexicon) is not None
            ):
                end = inner.end
                if not any(blocked[start:end]) and text[end : end + 1] not in _CODE_AFTER:
                    yield _Found(start, end, EntityType.SOFTWARE, "latin-model-for-product", STRONG_EVIDENCE)
                break


# @handle: a person quoted from X/Twitter. Not an e-mail address, not a gloss
# in brackets after the name it belongs to.
_HANDLE = re.compile(r"(?<![A-Za-z0-9_.（(])@([A-Za-z][A-Za-z0-9_]{1,29})(?![A-Za-z0-9_@.])")


def _handles(text: str) -> Iterator[_Found]:
    for match in _HANDLE.finditer(text):
        before = text[max(0, match.start() - 12) : match.start()]
        said = _SPEECH_AFTER.match(text, match.end()) or text.startswith(("：", ":"), match.end())
        if said or _DESCRIPTOR_BEFORE.search(before):
            yield _Found(match.start(1), match.end(1), EntityType.PERSON, "latin-person-handle", CONTEXT_EVIDENCE)


# --- lists of companies ---------------------------------------------------------

# What joins the items of a list: Acme、Birch 和 Corvid 等.
_LIST_JOINER = re.compile(r"[ 　]*(?:、|以及|及|和|与|,|，)[ 　]*")


def _listed_with_orgs(text: str, runs: list[_Run], found: list[_Found], lexicon: Lexicon) -> Iterator[_Found]:
    """Acme、Birch Works 和 Corvid Labs 等: an untyped name listed with companies
    (typed here or curated) is one too, when nothing in the list is another kind
    of thing. A comma joins only where the list also has 、 or 和 (Acme, Birch 和 Corvid)."""
    types = {(f.start, f.end): f.entity_type for f in found}
    for chain in _chains(text, runs):
        kinds = [types.get((r.start, r.end)) or _curated_type(text[r.start : r.end], lexicon) for r in chain]
        if EntityType.ORGANIZATION not in kinds or any(k not in (None, EntityType.ORGANIZATION) for k in kinds):
            continue
        for run, kind in zip(chain, kinds, strict=True):
            if kind is None and _org_shaped(run.words) and run.words[0] not in _NOT_MODEL_FAMILIES:
                yield _Found(run.start, run.end, EntityType.ORGANIZATION, "latin-org-listed", CONTEXT_EVIDENCE)


def _chains(text: str, runs: list[_Run], joiners_re: re.Pattern[str] = _LIST_JOINER) -> Iterator[list[_Run]]:
    """Runs of Latin names joined by list words, two or more in a row."""
    chain: list[_Run] = []
    joiners: list[str] = []
    for run in runs:
        if chain:
            joiner = joiners_re.fullmatch(text, chain[-1].end, run.start)
            if joiner is not None:
                chain.append(run)
                joiners.append(joiner.group().strip())
                continue
            yield from _real_list(chain, joiners)
        chain, joiners = [run], []
    yield from _real_list(chain, joiners)


def _real_list(chain: list[_Run], joiners: list[str]) -> Iterator[list[_Run]]:
    if len(chain) >= 2 and set(joiners) - {",", "，"}:
        yield chain


# What joins the items of a list of products: also 或 and 甚至, and a gloss after an item (X 3（HD）、Y).
_MODEL_LIST_JOINER = re.compile(r"[ 　]*(?:[（(][^（）()\n]{1,8}[）)]|模型|大模型)?[ 　]*(?:、|以及|及|和|与|或|甚至|,|，)[ 　]*")


def _listed_with_models(text: str, runs: list[_Run], found: list[_Found], lexicon: Lexicon) -> Iterator[_Found]:
    """Zephyr-2、Tundra 3 和 Quasar: an untyped name listed with models (typed
    here, wherever the article names it, or curated) is one too, when nothing in
    the list is a company or a person."""
    by_surface = {text[f.start : f.end]: f.entity_type for f in found}
    types = {(r.start, r.end): by_surface[text[r.start : r.end]] for r in runs if text[r.start : r.end] in by_surface}
    items = [r for r in runs if not _bracketed(text, r)]  # X 3（HD）: the gloss is no item
    for chain in _chains(text, items, _MODEL_LIST_JOINER):
        kinds = [types.get((r.start, r.end)) or _curated_model_type(text[r.start : r.end], lexicon) for r in chain]
        if EntityType.SOFTWARE not in kinds or any(k not in (None, EntityType.SOFTWARE) for k in kinds):
            continue
        for run, kind in zip(chain, kinds, strict=True):
            if kind is None and _model_shaped(run.words):
                yield _Found(run.start, run.end, EntityType.SOFTWARE, "latin-model-listed", CONTEXT_EVIDENCE)


def _curated_model_type(name: str, lexicon: Lexicon) -> EntityType | None:
    """The curated type of a name, or of its first word before a version (Zephyr v6.0)."""
    kind = _curated_type(name, lexicon)
    first, _, rest = name.partition(" ")
    if kind is None and rest and re.fullmatch(r"[Vv]?\d+(?:\.\d+)*[a-z]?", rest):
        kind = _curated_type(first, lexicon)
    return kind


def _bracketed(text: str, run: _Run) -> bool:
    return text[run.start - 1 : run.start] in ("（", "(") and text[run.end : run.end + 1] in ("）", ")")


def _model_shaped(words: tuple[str, ...]) -> bool:
    """One to three words a product's name can have: no person's shape, no generic
    or device family first, not a tier or a plan alone (Plus 和 Team)."""
    if not _org_shaped(words) or words[0] in _NOT_MODEL_FAMILIES or _person_shaped(words):
        return False
    if len(words) == 1 and (words[0] in _TIER_WORDS or words[0] in _NOT_NAME_WORDS):
        return False
    return not any(w in _ORG_TAIL_WORDS for w in words[1:])


def _curated_type(name: str, lexicon: Lexicon) -> EntityType | None:
    entry = lexicon.lookup(name)
    return entry.entity_type if entry is not None else None


# --- one type per name, and every place the article names it -----------------


def _consistent(text: str, found: Iterable[_Found]) -> list[_Found]:
    """A name gets the type its strongest contexts in the article give it
    (Acme 的 CEO outweighs Acme 表示); the others' guesses are dropped."""
    votes: dict[str, dict[EntityType, int]] = defaultdict(lambda: defaultdict(int))
    found = list(found)
    for f in found:
        votes[text[f.start : f.end]][f.entity_type] += f.weight
    return [f for f in found if _winner(votes[text[f.start : f.end]]) is f.entity_type]


def _winner(votes: dict[EntityType, int]) -> EntityType:
    return max(votes, key=lambda t: (votes[t], t.value))


def _priority(f: _Found) -> int:
    """A given name alone is as weak as the tagger; a context rule is a rule."""
    return PRIORITY_TAGGER if f.weight <= WEAKEST_EVIDENCE else PRIORITY_RULE


def _named_again(text: str, runs: list[_Run], kept: list[_Found]) -> Iterator[Candidate]:
    """Every other run that is a name typed here, and a person's surname alone
    (Tom Baker … Baker said): the same name, wherever the article repeats it."""
    typed = {text[f.start : f.end]: f.entity_type for f in kept}
    priority = {text[f.start : f.end]: _priority(f) for f in kept}
    surnames = {
        name.rsplit(" ", 1)[1]
        for name, entity_type in typed.items()
        if entity_type is EntityType.PERSON and " " in name
    }
    taken = {(f.start, f.end) for f in kept}
    model_keys = _model_keys(name for name, entity_type in typed.items() if entity_type is EntityType.SOFTWARE)
    for run in runs:
        role_at = next((i for i, w in enumerate(run.words) if w in _LATIN_ROLES), -1)
        part = run.part(role_at + 1, len(run.words))  # CEO Baker: the name after the role
        if not part.words or (part.start, part.end) in taken:
            continue
        surface = text[part.start : part.end]
        if surface in typed:
            rule = f"latin-{_RULE_TYPE_WORDS[typed[surface]]}-named-again"
            yield Candidate(part.start, part.end, typed[surface], rule, priority[surface])
        elif model_key(surface) in model_keys and re.search("[A-Z0-9]", surface):  # not schnell (German for fast) in prose
            yield Candidate(part.start, part.end, EntityType.SOFTWARE, "latin-model-respelled", PRIORITY_RULE)
        elif surface in surnames and surface not in typed and _NAME_WORD.fullmatch(surface) and len(surface) >= 3:
            yield Candidate(part.start, part.end, EntityType.PERSON, "latin-person-surname", PRIORITY_RULE)


def _model_keys(names: Iterable[str]) -> frozenset[str]:
    """Keys of the models typed here and of their ends from a version with a
    letter on (Vendor-R7 → R7, Corvid-1.5-Flash → 1.5 Flash): the same model
    written another way (Quasar v6.0 → Quasar 6, a snapshot code dropped)."""
    keys = set()
    for name in names:
        keys.add(model_key(name))
        keys.update(model_key(tail) for tail in name_tails(name) if re.search("[A-Za-z]", tail))
    return frozenset(keys)


_RULE_TYPE_WORDS = {EntityType.PERSON: "person", EntityType.ORGANIZATION: "org", EntityType.SOFTWARE: "model"}
