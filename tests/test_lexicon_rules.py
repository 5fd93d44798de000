"""Names the lexicon derives instead of listing, and words that are never names:
misspellings of Latin names, a maker's name in another script inside a product
name, two countries' initials with a field, a word alone in scare quotes."""

from __future__ import annotations

import pytest

from graph.core.records import EntityType
from graph.extract.article import ArticleExtractor
from graph.extract.lexicon import load_lexicon, maker_name_variants, near_spellings
from tests.extracted import extract


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("OpenAI", {"OpenAl"}),
        ("Stability AI", {"Stability Al"}),
        ("GPT-4", {"GTP-4", "PGT-4"}),
        ("ChatGPT", {"ChatGTP", "ChatPGT"}),
        ("AMD", set()),  # an acronym alone: swapped, it is another word (MAD)
        ("NVIDIA", set()),
        ("ERNIE", set()),  # an I inside a word is not read as l
        ("文心一言", set()),
    ],
)
def test_near_spellings(name: str, expected: set[str]) -> None:
    assert near_spellings(name) == expected


@pytest.mark.parametrize(
    ("name", "makers", "expected"),
    [
        ("谷歌语音助手", ["Google", "谷歌"], {"Google语音助手"}),
        ("Microsoft小冰", ["Microsoft", "微软"], {"微软小冰"}),
        ("小冰", ["Microsoft", "微软"], set()),  # no maker's name at its start
        ("谷歌", ["Google", "谷歌"], set()),  # the maker's name alone is not a product
    ],
)
def test_maker_name_variants(name: str, makers: list[str], expected: set[str]) -> None:
    assert maker_name_variants(name, makers) == expected


@pytest.mark.parametrize(
    ("surface", "lexicon_id"),
    [("OpenAl", "openai"), ("GTP4", "gpt-4"), ("Chat GTP", "chatgpt"), ("Google语音助手", "google-assistant")],
)
def test_the_lexicon_finds_derived_names(surface: str, lexicon_id: str) -> None:
    entry = load_lexicon().lookup(surface)
    assert entry is not None and entry.lexicon_id == lexicon_id


def test_a_misspelling_never_takes_another_entrys_name() -> None:
    lexicon = load_lexicon()
    for entry in lexicon.entries.values():
        for name in (entry.label, *entry.aliases):
            found = lexicon.lookup(name)
            assert found is not None and (found is entry or name in (found.label, *found.aliases)), name


@pytest.mark.parametrize(
    ("text", "entity_type", "name"),
    [
        ("记者注意到，OpenAl的新模型已经上线。", EntityType.ORGANIZATION, "OpenAI"),
        ("他认为开发出超过GTP4的模型很难。", EntityType.SOFTWARE, "GPT-4"),
        ("手机里的Google语音助手可以设置闹钟。", EntityType.SOFTWARE, "Google Assistant"),
    ],
)
def test_misspelt_and_mixed_script_names_are_the_lexicon_entity(
    extractor: ArticleExtractor, text: str, entity_type: EntityType, name: str
) -> None:
    result = extract(extractor, text)
    assert name in {e.label for e in result.entities if e.entity_type is entity_type}


@pytest.mark.parametrize(
    ("text", "not_a_name"),
    [
        # Each of these the tagger alone takes for an organization or a person.
        ("芯片出口管制是中美科技竞争的焦点。", "中美科技"),
        ("这款车被车迷称为“张飞”，外形粗犷。", "张飞"),
        ("新系统代号“赵云”，今年上线。", "赵云"),
    ],
)
def test_descriptors_and_scare_quoted_words_are_not_names(
    extractor: ArticleExtractor, text: str, not_a_name: str
) -> None:
    result = extract(extractor, text)
    assert not_a_name not in {e.label for e in result.entities}
