"""Cleaning: each debris rule on small real inputs (and what it must not touch),
offsets back to the original, metadata from headers and bylines, and the seeds."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.core.records import Article, ArticleMeta
from graph.ingest.cleaning import CleanedText, Removal, clean
from graph.ingest.reading import read_inputs

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "tests" / "data" / "inputs"
SEED_FILES = sorted((ROOT / "seeds").glob("*.txt"))
SPAM = "亚洲欧洲综合5388_97欧美激情超碰一区二区_性色生活毛片免费旡码_国产极品美女高潮无套"


def _clean(text: str, source: str = "article.txt", meta: ArticleMeta | None = None) -> CleanedText:
    return clean(Article(Article.id_for(text), source, text, "utf-8", meta or ArticleMeta()))


def _cleaned(text: str, source: str = "article.txt") -> str:
    return _clean(text, source).text.text


def _seed(prefix: str) -> Article:
    path = next(p for p in SEED_FILES if p.name.startswith(prefix))
    article = next(iter(read_inputs([path])))
    assert isinstance(article, Article)
    return article


# --- markup --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("段落一</div>\n段落二", "段落一\n段落二"),
        ("直到它找到狼群?!?/div>\n下一段", "直到它找到狼群?!\n下一段"),  # "<" lost to mojibake
        ("第一段<br/>第二段", "第一段\n第二段"),  # a line break inside a line stays one
        ("<p>第一段</p>\n<p>第二段</p>", "第一段\n第二段"),
        ('<span class="name">刘庆峰</span>表示', "刘庆峰表示"),
        ("A股&amp;港股", "A股&港股"),
        ("价格&nbsp;100元", "价格 100元"),
        ("全角\u3000空格\u00a0和不换行空格", "全角 空格 和不换行空格"),
        ("零\u200b宽", "零宽"),
    ],
)
def test_markup_is_removed_from_plain_text(text, expected):
    assert _cleaned(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "<AI发展报告>今日发布",  # not an HTML tag name
        "如果a<b且b>c，则a<c",
        "R&D部门与&未知;实体",
    ],
)
def test_text_that_only_looks_like_markup_stays(text):
    assert _cleaned(text) == text


def test_html_page_keeps_article_text_and_drops_head_scripts_navigation_and_footer():
    article = next(iter(read_inputs([INPUTS / "article.html"])))
    assert clean(article).text.text == (
        "刘庆峰：建议制定国家通用人工智能发展规划\n"
        "文|罗曾\n"
        "今年全国“两会”，全国人大代表、科大讯飞董事长刘庆峰带来了一份建议。\n"
        "刘庆峰认为，中国在认知智能领域已具备非常扎实的技术储备 和成建制的团队。\n"
        "讯飞星火大模型&语音大模型都在持续迭代。\n"
        "他表示，差距有望在1-2年内追平。\n"
    )


def test_html_page_is_recognised_by_its_doctype_whatever_the_file_name():
    page = "<!DOCTYPE html><html><head><title>标题</title></head><body><script>x=1</script><p>正文。</p></body></html>"
    assert _cleaned(page, source="page.txt") == "正文。\n"


def test_text_from_a_url_ending_in_html_is_not_taken_for_a_page():
    text = "<AI发展报告>指出，大模型\n\n  正在普及。"
    assert _cleaned(text, source="https://news.example.com/a/1.html") == text


def test_markdown_syntax_is_removed_from_md_files_only():
    text = "# 标题\n**刘庆峰**表示，[科大讯飞](https://x.cn/a)发布了![图](a.png)新模型。"
    assert (_cleaned(text, "a.md"), _cleaned(text, "a.txt")) == ("标题\n刘庆峰表示，科大讯飞发布了新模型。", text)


# --- pinyin glosses ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一位時(shí)尚女性", "一位時尚女性"),
        ("再呆一會(huì )兒", "再呆一會兒"),  # a space before ")"
        ("它創(chuàng )新應用了多項技術(shù)", "它創新應用了多項技術"),
        ("北京(Běijīng)", "北京"),
        # Untoned glosses only go where the article glosses with tone marks.
        ("時(shí)尚、時(shí)代、時(shí)間的(de)", "時尚、時代、時間的"),
    ],
)
def test_pinyin_glosses_are_removed(text, expected):
    assert _cleaned(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "超級人工智能(ASI)",
        "人工智能(AI)技術",
        "本報（chinatimes.net.cn）記者",
        "官網(chinatimes.net.cn)",
        "視頻demo(樣片)",
        "發布了樣片(demo)",
        "他说的(de)",  # untoned, and no toned gloss in the article
    ],
)
def test_parentheses_that_are_not_pinyin_stay(text):
    assert _cleaned(text) == text


# --- mojibake ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("難度更高?!鳖櫷嗥饰龅?,“數字孿生", "難度更高?!,“數字孿生"),
        ("交互等功能?!焙鷻嗤瑯诱J為:“相較", "交互等功能?!為:“相較"),
        ("關鍵所在?!坝捎贑hatGPT-3.5已經", "關鍵所在?!hatGPT-3.5已經"),
        ("發揮作用?!彼硎?。", "發揮作用?!。"),
        ("物理世界?!斑@次 Sora對", "物理世界?!次 Sora對"),
        ("盡管?chē)鴥却竽P桶l(fā)展水平", "盡管展水平"),
    ],
)
def test_mojibake_runs_are_removed(text, expected):
    assert _cleaned(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "對于大模型而言,難在哪里?華為技術有限公司",
        "真的吗?!他竟然赢了比赛",
        "台湾的杜奕瑾指出,AI很重要",  # a name with two rare characters
        "这是什么?iPhone发布了",
        "为何差距再度加大?360創始人周鴻禕認為",
        "是吗?B端企业要的不是发动机",
        "数据来源:朱弢、靳强",
    ],
)
def test_ordinary_text_is_not_mojibake(text):
    assert _cleaned(text) == text


# --- spam and footer ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [SPAM, "澳门博彩_百家乐_娱乐城开户_时时彩"],
)
def test_spam_lines_are_removed(line):
    assert _cleaned(f"第一段。\n{line}\n第二段。") == "第一段。\n\n第二段。"


@pytest.mark.parametrize(
    "line",
    ["中美AI差距或在加大", "亚洲欧洲综合经济论坛开幕", "激情澎湃的发布会上，他说。", "国产大模型免费开放"],
)
def test_ordinary_lines_are_not_spam(line):
    text = f"第一段。\n{line}\n第二段。"
    assert _cleaned(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("正文第一段。\n版权所有 © 2024 中华网\n正文第二段。", "正文第一段。\n\n正文第二段。"),
        ("正文。\n京ICP备07016269号 京公网安备11010502033228", "正文。\n"),
        ("这是不矛盾的一件事情。责任编辑：孟俊莲 主编：张志伟举报/反馈\n下一行", "这是不矛盾的一件事情。\n下一行"),
        ("正文。\n来源：新华社\n编辑：张三\n", "正文。\n"),
        ("正文。\n相关文档\n版权说明\n【1】 凡本网注明的作品，版权均属于本网。\n【2】 请遵守国家相关法律 责任。\n电话：010-64411649",
         "正文。\n"),
        ("正文。\n地址：北京市朝阳区安贞里 邮编：100029 电话：(010)64442120", "正文。\n"),
    ],
)
def test_footer_is_removed(text, expected):
    assert _cleaned(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "第一段。\n他在电话中表示，将尽快处理。",
        "第一段。\n该公司就版权问题起诉了OpenAI。",
        "第一段。\n违规者将承担法律责任。",
        "第一段。\n" + "刘庆峰认为，人工智能发展需要长期投入。" * 20 + "电话：010-12345678",  # a paragraph
    ],
)
def test_last_lines_of_prose_are_not_footer(text):
    assert _cleaned(text) == text


def test_prose_above_a_footer_stays():
    assert _cleaned("第一段。\n违规者将承担法律责任。\n版权所有 中华网") == "第一段。\n违规者将承担法律责任。\n"


# --- header fields -----------------------------------------------------------------------

HEADER_ARTICLE = (
    "标题: 国内大模型能达到Sora水平吗?权威解读来了\n"
    "链接: https://baijiahao.baidu.com/s?id=1796275004033376477\n"
    "总结: 本报（chinatimes.net.cn）记者李明会 北京报道伴随着ChatGPT不断引发全球关注。\n"
    "张鹏：Sora确实令人惊艳。\n"
    "关键词: 人工智能,  大模型,  产业结合\n"
    "重大事件摘要: 这篇文章主要讨论了国产大模型的发展。\n"
)


def test_header_labels_go_and_title_and_summary_text_stay():
    assert _cleaned(HEADER_ARTICLE) == (
        "国内大模型能达到Sora水平吗?权威解读来了\n"
        "本报（chinatimes.net.cn）记者李明会 北京报道伴随着ChatGPT不断引发全球关注。\n"
        "张鹏：Sora确实令人惊艳。\n"
        "这篇文章主要讨论了国产大模型的发展。\n"
    )


def test_header_fields_become_meta():
    assert _clean(HEADER_ARTICLE).meta == ArticleMeta(
        headline="国内大模型能达到Sora水平吗?权威解读来了",
        url="https://baijiahao.baidu.com/s?id=1796275004033376477",
        authors=("李明会",),
        keywords=("人工智能", "大模型", "产业结合"),
        summary="本报（chinatimes.net.cn）记者李明会 北京报道伴随着ChatGPT不断引发全球关注。",  # the first
    )


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        ("標題：國產Ai 雙線出擊\n正文。", "headline", "國產Ai 雙線出擊"),  # Traditional label, full-width colon
        ("來源：大公報\n正文。", "publisher", "大公报"),
        ("作者: 张三、李四\n正文。", "authors", ("张三", "李四")),
        ("日期：2024年3月5日\n正文。", "date", "2024-03-05"),
        ("发布时间: 2024-03-05 10:00\n正文。", "date", "2024-03-05"),
        ("2024年3月5日 北京\n正文。", "date", "2024-03-05"),  # a date in the first lines
        ("第一行。\n第二行。\n第三行。\n第四行。\n2024年3月5日", "date", None),  # too far down
        ("总结: " + "很长的正文。" * 100 + "\n", "summary", None),  # the body under a label, not a summary
        ("正文。\n《中国冶金报》(2024年02月20日 04版四版)", "publisher", "中国冶金报"),
    ],
)
def test_header_field_values(text, field, expected):
    assert getattr(_clean(text).meta, field) == expected


def test_metadata_from_the_file_wins_over_the_text():
    meta = _clean("标题: 文中的标题\n正文。", meta=ArticleMeta(headline="文件给的标题")).meta
    assert meta.headline == "文件给的标题"


def test_short_first_line_is_the_headline_when_nothing_else_says():
    assert _clean("國產Ai 雙線出擊 比肩ChatGPT 追趕Sora\n\n正文第一句。").meta.headline == (
        "國產Ai 雙線出擊 比肩ChatGPT 追趕Sora"
    )


def test_first_line_that_is_a_sentence_is_not_a_headline():
    assert _clean("美国新创公司Open AI发布的人工智能模型Sora。\n正文。").meta.headline is None


# --- bylines ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "authors", "publisher"),
    [
        ("大公報記者 張帥報道\n正文。", ("张帅",), "大公报"),
        ("正文。\n大公報記者張帥整理\n", ("张帅",), "大公报"),
        ("文|罗曾\n正文。", ("罗曾",), None),
        ("文/张三\n正文。", ("张三",), None),
        ("文／图 李四\n正文。", ("李四",), None),
        ("本報記者 樊三彩\n正文。", ("樊三彩",), None),
        ("本报（chinatimes.net.cn）记者李明会 北京报道伴随着热潮。", ("李明会",), None),
        ("记者 王强 通讯员 刘洋\n正文。", ("王强", "刘洋"), None),
        ("记者 张三 李四 杭州报道\n正文。", ("张三", "李四"), None),  # 杭州 is the place
        ("新华社记者欧阳晓明报道\n正文。", ("欧阳晓明",), "新华社"),
        ("记者从市教育局获悉，新学期开学。", (), None),
        ("记者了解到，新学期开学。", (), None),
        ("据央视新闻记者张三报道，新学期开学。", (), None),
        ("《华夏时报》记者采访时，他表示。", (), None),
    ],
)
def test_bylines_give_authors_and_publisher(text, authors, publisher):
    meta = _clean(text).meta
    assert (meta.authors, meta.publisher) == (authors, publisher)


def test_bylines_stay_in_the_text():
    assert _cleaned("大公報記者 張帥報道\n正文。") == "大公報記者 張帥報道\n正文。"


# --- trailing snippets --------------------------------------------------------------------

BODY = "刘庆峰认为，中国在认知智能领域已具备非常扎实的技术储备和成建制的团队。\n" * 4
SNIPPET = "文|李振兴8月27日,源飞宠物发布首份半年报显示收入下滑。\n全国两会期间，飞鹤乳业董事长冷友斌提交了建议。\n"


def test_a_second_byline_after_the_body_starts_a_snippet_that_is_removed():
    cleaned = _clean("文|罗曾\n" + BODY + SNIPPET)
    assert (cleaned.text.text, cleaned.removed[-1].reason) == ("文|罗曾\n" + BODY, "trailing-snippet")


def test_authors_of_a_removed_snippet_are_not_the_articles():
    assert _clean("文|罗曾\n" + BODY + SNIPPET).meta.authors == ("罗曾",)


@pytest.mark.parametrize(
    "text",
    [
        "文|罗曾\n" + BODY + "文|罗曾\n续篇正文。\n",  # the same author again
        "大公报记者 张帅报道\n" + BODY + "大公报记者张帅整理\n" + "下一节。\n",  # a closing credit
        "文|罗曾\n" + SNIPPET + BODY,  # in the first half: not after the body
        BODY + SNIPPET,  # no byline before it: nothing says a second article starts
        "文|罗曾\n" + BODY + "文|李振兴\n",  # nothing after it: a credit line
    ],
    ids=["same-author", "closing-credit", "first-half", "first-byline", "nothing-after"],
)
def test_other_bylines_do_not_cut_the_text(text):
    assert _cleaned(text) == text


# --- offsets and the removal list -----------------------------------------------------------


def _all_articles() -> list[Article]:
    return [_seed(p.name[:3]) for p in SEED_FILES] + [next(iter(read_inputs([INPUTS / "article.html"])))]


@pytest.mark.parametrize("article", _all_articles(), ids=lambda a: Path(a.source).name)
def test_every_kept_character_maps_back_to_itself_or_what_it_stands_for(article):
    cleaned = clean(article).text
    for i, ch in enumerate(cleaned.text):
        source = article.text[cleaned.to_original(i)]
        assert ch == source or (ch == " " and source in "\u00a0\u3000&") or (ch == "\n" and source == "<") or (
            source == "&"
        ), (i, ch, source)


@pytest.mark.parametrize("article", _all_articles(), ids=lambda a: Path(a.source).name)
def test_removals_are_disjoint_sorted_and_really_removed(article):
    cleaned = clean(article)
    removed = cleaned.removed
    assert all(a.end <= b.start for a, b in pairwise(removed))
    assert all(cleaned.text.from_original(j) is None for r in removed for j in range(r.start, r.end))


def test_removal_records_span_and_reason():
    removed = _clean(f"正文。\n{SPAM}\n").removed
    assert removed == (Removal(4, 4 + len(SPAM), "spam"),)


# --- the seeds --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "names"),
    [
        ("000", ["周鴻禕", "席寧", "劉慶峰", "齊向東", "大公報記者 張帥報道"]),
        ("001", ["刘庆峰", "文|罗曾"]),
        ("002", ["张鹏", "周鸿祎", "李明会", "靳强"]),
        ("003", ["胡權", "顧廷權", "周鴻祎", "樊三彩"]),
        ("004", ["慎海雄", "周鸿祎", "李一舟"]),
    ],
)
def test_seed_keeps_the_names(prefix, names):
    text = clean(_seed(prefix)).text.text
    assert [name for name in names if name not in text] == []


@pytest.mark.parametrize("debris", ["?/div>", "(shí)", "(zhù)", SPAM, "鳖櫷嗥饰龅", "京ICP備", "電話"])
def test_seed_003_loses_its_debris(debris):
    assert debris not in clean(_seed("003")).text.text


def test_seed_001_ends_before_the_appended_snippet():
    text = clean(_seed("001")).text.text
    assert "李振兴" not in text and text.endswith("进行开放式课题研究。\n")


def test_seed_002_header_and_editor_credit_go():
    text = clean(_seed("002")).text.text
    assert not any(s in text for s in ("标题:", "链接:", "https://", "关键词:", "责任编辑"))


@pytest.mark.parametrize(
    ("prefix", "field", "expected"),
    [
        ("000", "authors", ("张帅",)),
        ("000", "publisher", "大公报"),
        ("001", "authors", ("罗曾",)),
        ("002", "authors", ("李明会",)),
        ("002", "headline", "国内大模型能达到Sora水平吗?权威解读来了"),
        ("003", "authors", ("樊三彩",)),
        ("003", "date", "2024-02-20"),
    ],
)
def test_seed_meta(prefix, field, expected):
    assert getattr(clean(_seed(prefix)).meta, field) == expected


_FRAGMENTS = [
    "時", "刘庆峰", "(shí)", "(AI)", "?!", "?", "鳖櫷嗥", "J", "<br>", "</div>", "?/div>", "<p>", "&nbsp;", "&amp;",
    "\n", "文|罗曾", "记者 张三 ", "版权所有", "\u3000", "亚洲", "激情", "超碰", "_", "电话：", "标题: ", "。", " ",
]


@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=40).map("".join))
@settings(max_examples=200, deadline=None)
def test_any_mix_of_debris_keeps_the_offset_map_exact(text):
    cleaned = _clean(text)
    mapped = cleaned.text
    for i, ch in enumerate(mapped.text):
        source = text[mapped.to_original(i)]
        assert ch == source or (ch == " " and source in "\u3000&") or (ch == "\n" and source == "<") or source == "&"
    assert all(a.end <= b.start for a, b in zip(cleaned.removed, cleaned.removed[1:]))
