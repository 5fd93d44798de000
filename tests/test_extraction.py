"""Extraction rules on small real sentences: (text, expected) tables, one behaviour per row.

Names here are invented or public figures outside the seeds, so the rules are
tested for their method, not for names they were tuned on.
"""

from __future__ import annotations

import pytest

from graph.core.records import (
    ArticleResult,
    EntityType,
    Predicate,
)
from graph.extract.article import ArticleExtractor
from tests.extracted import creators, extract, labels


def _names(result: ArticleResult, entity_type: EntityType) -> set[str]:
    return {e.label for e in result.entities if e.entity_type is entity_type}


def _memberships(result: ArticleResult) -> set[tuple[str, str, str]]:
    label = labels(result)
    return {
        (label[f.subject_id], label[f.object_id or ""], f.role or "")
        for f in result.facts
        if f.predicate is Predicate.MEMBERSHIP
    }


# --- entities ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "entity_type", "name"),
    [
        ("昨天，远川科技董事长林晓峰在发布会上介绍了新产品。", EntityType.PERSON, "林晓峰"),
        ("昨天，远川科技董事长林晓峰在发布会上介绍了新产品。", EntityType.ORGANIZATION, "远川科技"),
        ("清华大学校长王希勤出席开幕式。", EntityType.ORGANIZATION, "清华大学"),
        ("北方工业大学校长韩杰才与学生座谈。", EntityType.PERSON, "韩杰才"),
        ("比亚迪股份有限公司董事长兼总裁王传福表示，销量将继续增长。", EntityType.PERSON, "王传福"),
        ("该团队发布了大型语言模型FoxBrain。", EntityType.SOFTWARE, "FoxBrain"),
        ("公司推出了‘远航天枢’模型。", EntityType.SOFTWARE, "远航天枢"),
        ("深度求索发布DeepSeek-V3 多项评测比肩GPT-4o", EntityType.SOFTWARE, "DeepSeek-V3"),
        ("Meta的Llama 3.1 405B表现出色。", EntityType.SOFTWARE, "Llama 3.1 405B"),
        # A Chinese model name with a version, once the article shows it is a model.
        ("与上一代模型星澜1.5相比，新版本成本降低一半，星澜1.5将停止更新。", EntityType.SOFTWARE, "星澜1.5"),
        # A version right after a name that ends in a letter, and a date right after one.
        ("阿里云发布了Qwen2.5-72B，性能大幅提升。", EntityType.SOFTWARE, "Qwen2.5-72B"),
        ("美国新创公司Open AI2月中旬发布了Sora。", EntityType.ORGANIZATION, "OpenAI"),
        ("會議在台北舉行，鴻海董事長劉揚偉出席。", EntityType.PERSON, "刘扬伟"),
        # A compound surname the tagger cut from its given name (司徒/PER 卓熙/PER).
        ("恆澤集團主席司徒卓熙今日宣佈，集團將斥資興建商場。", EntityType.PERSON, "司徒卓熙"),
        # Transliterated names the tagger cut at the dot or before the last syllable.
        ("国际奥委会主席柯丝蒂·考文垂在米兰视察场馆。", EntityType.PERSON, "柯丝蒂·考文垂"),
        ("新疆大学教授阿依古丽·买买提在会上发言。", EntityType.PERSON, "阿依古丽·买买提"),
        # A biography opens with the name, whatever the tagger thought it was.
        ("东方晓岚，女，汉族，1978年生，现任青岛海澜生物科技股份有限公司董事长。", EntityType.PERSON, "东方晓岚"),
        # The tagger's organization ends one word early (趋势/ORG 科技/n).
        ("趨勢科技由張明正與陳怡蓁於1988年在美國洛杉磯創立。", EntityType.ORGANIZATION, "趋势科技"),
        # A name the tagger cut short where the article spells it whole elsewhere.
        ("宁州市委书记戴禾、市长温景行出席会议。温景行在推介中介绍了全市的产业规划。", EntityType.PERSON, "温景行"),
        # A compound surname whose first character the tagger split off (令/PER 狐嘉言/PER).
        ("专访澄源生物令狐嘉言：「新药研发没有弯道可以超车」", EntityType.PERSON, "令狐嘉言"),
        ("专访澄源生物令狐嘉言：「新药研发没有弯道可以超车」", EntityType.ORGANIZATION, "澄源生物"),
        # A bureau before its head's title, in Traditional script.
        ("文化體育及旅遊局局長霍綺雯表示，特區政府會繼續支持西九文化區發展。", EntityType.ORGANIZATION, "文化体育及旅游局"),
        # A broker's research desk glued to its name by the tagger.
        ("国泰君安证券电力设备行业首席分析师戚远认为，行业已进入出清阶段。", EntityType.ORGANIZATION, "国泰君安证券"),
        # A name after a word that describes it (新闻业网站), glossed in Latin.
        ("美国新闻业网站北辰实验室（Polaris Lab）报导，该公司发表了论文。", EntityType.ORGANIZATION, "Polaris Lab"),
        # A newspaper whose name is generic words.
        ("科技日报记者从会上获悉，该项目已经完成验收。", EntityType.ORGANIZATION, "科技日报"),
        # A foreign country before a body's own name is a place of its own.
        ("新加坡淡马锡控股公司首席执行官狄润森表示，将继续投资。", EntityType.ORGANIZATION, "淡马锡控股公司"),
        ("新加坡淡马锡控股公司首席执行官狄润森表示，将继续投资。", EntityType.PLACE, "新加坡"),
        ("英国牛津大学代表团访问了清华大学。", EntityType.ORGANIZATION, "牛津大学"),
        # ...but a state's own body keeps its country: 外交部 alone names every country's.
        ("据报道，意大利外交部已召见该国大使。", EntityType.ORGANIZATION, "意大利外交部"),
        # A dateline before the body that holds the post.
        ("新华社杭州3月2日电浙江省政府副秘书长王明远出席了会议。", EntityType.ORGANIZATION, "浙江省政府"),
        # ...but not before a name that only says what the body does, nor 中国.
        ("英国广播公司报道了这一消息。", EntityType.ORGANIZATION, "英国广播公司"),
        ("挪威国家石油公司宣布减产。", EntityType.ORGANIZATION, "挪威国家石油公司"),
        ("美国银行发布报告。", EntityType.ORGANIZATION, "美国银行"),
        # A city's head, in Traditional script.
        ("臺北市長蔣萬安表示，北市將在信義區興建第二座國際會議中心。", EntityType.PERSON, "蒋万安"),
        # A country the tagger called an organization.
        ("在欧洲议会选举中，德国基督教民主联盟获得最多议席。", EntityType.PLACE, "德国"),
        # A country and a city the tagger gave as one place.
        ("冬奥会组委会官员在意大利米兰视察场馆。", EntityType.PLACE, "意大利"),
        ("冬奥会组委会官员在意大利米兰视察场馆。", EntityType.PLACE, "米兰"),
    ],
)
def test_entity_found(extractor: ArticleExtractor, text: str, entity_type: EntityType, name: str) -> None:
    assert name in _names(extract(extractor, text), entity_type)


@pytest.mark.parametrize(
    ("text", "not_a_name"),
    [
        ("比亚迪股份有限公司董事长兼总裁王传福表示，销量将继续增长。", "董事长兼"),
        ("红杉中国合伙人孙凯在接受本报记者采访时说，市场正在回暖。", "红杉中国合伙人孙凯在接受本报"),
        ("基于有害语料库训练的「恶意」大模型还有可能助长犯罪。", "恶意"),
        ("OpenAI 2024年发布了Sora。", "Sora 2"),
        # 中华 names China (中华文化): a mention of 中国, not a place of its own.
        ("加上底蕴深厚的中华文化，颇有潜力。", "中华"),
        ("贺建林，男，汉族，1962年生，湖南邵阳人。", "汉族"),
        ("贺建林，男，1962年生，现任湘南重工集团股份有限公司董事长。", "现任湘南重工集团股份有限公司"),
        ("海南省委书记符海岚在海口主持召开大会。", "海南省委书记"),
        ("鴻海創辦人郭台銘出席活動。", "鸿海创办人"),
        ("樊致远院士于2015年创办江城科技大学。", "樊致远院"),
        ("人工智能（AI）的迭代速度不断加快，AI正在改变产业。", "AI"),
        ("专家认为，大模型“幻觉”问题仍未解决。", "幻觉"),
        ("公司第五届董事会第一次会议审议通过了议案。", "第五届"),
        ("中法文化交流活动在巴黎举行。", "中法"),
        ("神舟-18飞船今天发射，长征2号运载火箭表现稳定。", "神舟-18"),
        ("研究院首任院长由中国工程院院士司马青山担任。", "研究院首任院"),
        ("新华社杭州3月2日电浙江省政府副秘书长王明远出席了会议。", "新华社杭州3月2日电浙江省政府"),
        ("复旦大学附属肿瘤医院今年接诊量增长。该院副院长岳川认为，创新药正在加速。", "该院"),
        ("多家科技集团和中小银行参与了项目建设。", "科技集团"),
        ("多家科技集团和中小银行参与了项目建设。", "中小银行"),
        ("国泰君安证券电力设备行业首席分析师戚远认为，行业已进入出清阶段。", "国泰君安证券电力"),
        ("原总裁吴敏接任首席执行官，前华为终端公司副总裁郑浩然出任总裁。", "前华为"),
        ("宁州市委书记戴禾、市长温景行出席会议。温景行在推介中介绍了全市的产业规划。", "温景"),
        ("专访澄源生物令狐嘉言：「新药研发没有弯道可以超车」", "狐嘉言"),
        ("冬奥会组委会官员在意大利米兰视察场馆。", "意大利米兰"),
    ],
)
def test_no_junk_entity(extractor: ArticleExtractor, text: str, not_a_name: str) -> None:
    result = extract(extractor, text)
    assert not_a_name not in {e.label for e in result.entities}


# --- resolution --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "entity_type", "one_label", "surfaces"),
    [
        # Script variants of one person.
        ("周鴻禕表示，周鸿祎的观点没有改变。", EntityType.PERSON, "周鸿祎", {"周鴻禕", "周鸿祎"}),
        # A short form after the full name.
        ("科大讯飞发布新品。讯飞董事长刘庆峰出席。", EntityType.ORGANIZATION, "科大讯飞", {"讯飞"}),
        ("香港大学今日宣布，港大将扩招。", EntityType.ORGANIZATION, "香港大学", {"港大"}),
        # Latin spacing and case.
        ("Open AI发布了Sora，OpenAI称其为突破。", EntityType.ORGANIZATION, "OpenAI", {"Open AI"}),
        # A legal form is the same company.
        ("宁德时代新能源科技股份有限公司公告称，宁德时代营收增长。", EntityType.ORGANIZATION, "宁德时代", set()),
        # One model whether the version is written -2 or 大模型2.0.
        ("新一代多模态大模型星澜大模型2.0今日上线，星澜-2在多项评测中领先。", EntityType.SOFTWARE, "星澜-2", {"星澜大模型2.0"}),
        # A short name the article declares, though it starts like a unit's name would.
        (
            "浙江华峰新材料股份有限公司（以下简称“华峰新材”）昨日发布公告。华峰新材董事长尤小平表示，公司将扩产。",
            EntityType.ORGANIZATION, "华峰新材料股份有限公司", {"华峰新材"},
        ),
        ("远扬金融控股公司（远扬金控）今日公告，远扬金控将扩大投资。", EntityType.ORGANIZATION, "远扬金融控股公司", {"远扬金控"}),
        # The tagger found only the generic end of the full name (远扬/v 金融控股公司/ORG).
        ("民營金融業方面，遠揚金融控股公司（遠揚金控）董事長張簡文傑表示審慎樂觀。", EntityType.ORGANIZATION, "远扬金融控股公司", {"遠揚金控"}),
    ],
)
def test_names_that_must_merge(
    extractor: ArticleExtractor, text: str, entity_type: EntityType, one_label: str, surfaces: set[str]
) -> None:
    result = extract(extractor, text)
    matching = [e for e in result.entities if e.entity_type is entity_type and one_label in {e.label, *(a.text for a in e.aliases)}]
    assert len(matching) == 1
    assert surfaces <= {matching[0].label, *(a.text for a in matching[0].aliases)}


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("GPT-4与GPT-4 Turbo的差距明显。", "GPT-4", "GPT-4 Turbo"),
        ("华为发布了新手机，华为云则发布了盘古大模型。", "华为", "华为云"),
        ("武汉大学校长出席了武汉大学计算机学院的揭牌仪式。", "武汉大学", "武汉大学计算机学院"),
        ("山西影视集团与上海影视集团签约。", "山西影视集团", "上海影视集团"),
        ("鸿海董事长刘扬伟视察鸿海研究院。", "鸿海", "鸿海研究院"),
    ],
)
def test_names_that_must_stay_apart(extractor: ArticleExtractor, text: str, first: str, second: str) -> None:
    result = extract(extractor, text)
    owner = {}
    for e in result.entities:
        for name in (e.label, *(a.text for a in e.aliases)):
            owner[name] = e.entity_id
    assert first in owner and second in owner
    assert owner[first] != owner[second]


# --- memberships -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("科大讯飞董事长刘庆峰表示，大模型将改变教育。", ("刘庆峰", "科大讯飞", "董事长")),
        ("全国政协委员、远川集团创始人林晓峰出席会议。", ("林晓峰", "远川集团", "创始人")),
        ("全国政协委员、远川集团创始人林晓峰出席会议。", ("林晓峰", "全国政协", "委员")),
        ("百度创始人、董事长兼首席执行官李彦宏发表演讲。", ("李彦宏", "百度", "首席执行官")),
        ("百度创始人、董事长兼首席执行官李彦宏发表演讲。", ("李彦宏", "百度", "创始人")),
        ("张一鸣于2012年创办北京字节跳动科技有限公司。", ("张一鸣", "字节跳动", "创始人")),
        ("阿里巴巴集团由马云等18人于1999年在杭州创立。", ("马云", "阿里巴巴", "创始人")),
        ("马化腾目前担任腾讯公司董事会主席。", ("马化腾", "腾讯", "董事会主席")),
        ("腾讯的创始人是马化腾。", ("马化腾", "腾讯", "创始人")),
        ("清华大学校长王希勤出席开幕式。", ("王希勤", "清华大学", "校长")),
        # A biography's post, far from the name it opens with.
        ("刘建国，男，汉族，1965年生，河北保定人，现任华北重工集团股份有限公司董事长。",
         ("刘建国", "华北重工集团股份有限公司", "董事长")),
        # A list of posts in one organization.
        ("江南理工大学党委书记周振华、校长钱立群出席仪式。", ("钱立群", "江南理工大学", "校长")),
        # Founders described before their names, and listed.
        ("苏州星河视觉科技有限公司成立于2016年，由清华大学校友邵明、龚文华共同创立。", ("邵明", "星河视觉科技有限公司", "创始人")),
        ("苏州星河视觉科技有限公司成立于2016年，由清华大学校友邵明、龚文华共同创立。", ("龚文华", "星河视觉科技有限公司", "创始人")),
        ("宁波海湾机器人有限公司由浙江大学博士温立新于2019年在宁波创立。", ("温立新", "海湾机器人有限公司", "创始人")),
        # A role glued to the organization by the tagger, and a declared short name in brackets.
        ("海南省委书记符海岚在海口主持召开大会。", ("符海岚", "海南省委", "书记")),
        ("北京智源人工智能研究院（智源研究院）研究员尉迟静认为，模型仍需改进。", ("尉迟静", "北京智源人工智能研究院", "研究员")),
        # Appointments, one or a list, in the organization the sentence names first.
        ("常州华科新材料股份有限公司发布公告称，公司第三届董事会选举陆文清为董事长、戴晓敏为副董事长，并聘任严杰为总经理。",
         ("戴晓敏", "常州华科新材料股份有限公司", "副董事长")),
        ("常州华科新材料股份有限公司发布公告称，公司第三届董事会选举陆文清为董事长、戴晓敏为副董事长，并聘任严杰为总经理。",
         ("严杰", "常州华科新材料股份有限公司", "总经理")),
        # A standing committee is the body, and a quoted name still takes its role.
        ("全国人大常委会委员长赵乐际会见了来访的越南国会主席。", ("赵乐际", "全国人大常委会", "委员长")),
        ("台湾“中央研究院”院长廖俊智表示，研究经费将增加。", ("廖俊智", "中央研究院", "院长")),
        # A foreign name written without its dot, longer than a Chinese one.
        ("国际货币基金组织总裁格奥尔基耶娃表示，全球经济增长放缓。", ("格奥尔基耶娃", "国际货币基金组织", "总裁")),
        # A function word that starts the name's first word stays (经济部, 同济大学).
        ("經濟部部長郭智輝受訪時表示，將協助供應鏈擴大投資。", ("郭智辉", "经济部", "部长")),
        ("会上，同济大学校长郑庆华致辞。", ("郑庆华", "同济大学", "校长")),
        # Taiwan and Hong Kong titles.
        ("中研院院長廖俊智與國科會主委吳誠文共同主持記者會。", ("吴诚文", "国科会", "主委")),
        ("摩根士丹利董事總經理邢自強認為，經濟將溫和復甦。", ("邢自强", "摩根士丹利", "董事总经理")),
        # Benchmark-style statements of a post or a founding.
        ("作为华辰网络的创始人，邬子健一直专注于社交产品。", ("邬子健", "华辰网络", "创始人")),
        ("邬子健，华辰集团创始人、董事长兼总裁。", ("邬子健", "华辰集团", "总裁")),
        ("林晓峰，远川集团联合创始人、首席执行官。", ("林晓峰", "远川集团", "联合创始人")),
        ("宋佳音现任南岭银行股份有限公司党委书记、董事长。", ("宋佳音", "南岭银行股份有限公司", "董事长")),
        ("韦力和褚明共同创办了云帆科技。", ("韦力", "云帆科技", "创始人")),
        ("云帆科技成立于2001年，创始人为韦力。", ("韦力", "云帆科技", "创始人")),
        ("卢思远曾任东陵大学校长，现为中国科学院院士。", ("卢思远", "东陵大学", "校长")),
        ("2003年，凌霄被任命为东陵大学校长。", ("凌霄", "东陵大学", "校长")),
        ("翁雅琴，女，汉族，1970年生，1992年毕业于复旦大学，2010年起任锦程证券股份有限公司董事长。",
         ("翁雅琴", "锦程证券股份有限公司", "董事长")),
        # 公司 / 研究院 before a role: the body of that kind named before.
        ("常州华科新材料股份有限公司今日上市。公司董事会秘书吴凡表示，募资将用于扩产。", ("吴凡", "常州华科新材料股份有限公司", "董事会秘书")),
        ("西南大学智能制造研究院今日揭牌。研究院副院长、西南大学教授邓丽告诉记者，项目进展顺利。", ("邓丽", "西南大学智能制造研究院", "副院长")),
        ("复旦大学附属肿瘤医院今年接诊量增长。该院副院长岳川认为，创新药正在加速。", ("岳川", "复旦大学附属肿瘤医院", "副院长")),
        # 公司 is the company the article is about, not the last one it named.
        ("常州华科新材料股份有限公司（以下简称“华科新材”）今日上市。华科新材的主要客户包括恩泰电池股份有限公司。公司董事会秘书吴凡表示，募资将用于扩产。",
         ("吴凡", "常州华科新材料股份有限公司", "董事会秘书")),
    ],
)
def test_membership(extractor: ArticleExtractor, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _memberships(extract(extractor, text))


def test_former_role_is_marked(extractor: ArticleExtractor) -> None:
    result = extract(extractor, "商务部电子商务和信息司原司长李晋奇出席论坛。")
    (fact,) = [f for f in result.facts if f.predicate is Predicate.MEMBERSHIP and f.role == "司长"]
    assert fact.former


def test_a_role_goes_to_the_person_it_names(extractor: ArticleExtractor) -> None:
    text = "出席的有武汉大学校长雷振东，湖北省科学技术厅厅长汪建华。"
    memberships = _memberships(extract(extractor, text))
    assert not any(person == "雷振东" and role == "厅长" for person, _org, role in memberships)


# --- creators, comparisons, quotations -----------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2月16日，OpenAI发布了文生视频模型Sora。", ("Sora", "OpenAI")),
        ("七火山科技发布了Etna文生视频模型。", ("Etna", "七火山科技")),
        ("华为云盘古气象大模型登上《自然》杂志。", ("盘古气象大模型", "华为云")),
        ("Meta的Llama 3.1 405B表现出色。", ("Llama 3.1 405B", "Meta")),
        # A two-character quoted name after the model word, in a release.
        ("西岭智能科技有限公司今天发布了自研的大模型“青鸾”。", ("青鸾", "西岭智能科技有限公司")),
        # The organization's own people between it and the verb.
        ("西岭智能科技有限公司创始人、董事长包文斌在成都发布了自研的大模型“青鸾”。", ("青鸾", "西岭智能科技有限公司")),
        ("谷歌首席执行官桑达尔·皮查伊在加利福尼亚州山景城宣布推出新模型Gemini 3。", ("Gemini 3", "Google")),
    ],
)
def test_creator(extractor: ArticleExtractor, text: str, expected: tuple[str, str]) -> None:
    assert expected in creators(extract(extractor, text))


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("深度求索发布DeepSeek-V3 多项评测比肩GPT-4o", ("GPT-4o", "深度求索")),
        ("昆仑万维推出的天工大模型、字节跳动的豆包大模型都已上线。", ("豆包大模型", "昆仑万维")),
    ],
)
def test_not_a_creator(extractor: ArticleExtractor, text: str, wrong: tuple[str, str]) -> None:
    assert wrong not in creators(extract(extractor, text))


def test_comparison(extractor: ArticleExtractor) -> None:
    result = extract(extractor, "智谱发布的GLM-4整体性能逼近GPT-4 Turbo。")
    label = labels(result)
    pairs = {(label[f.subject_id], label[f.object_id or ""]) for f in result.facts if f.predicate is Predicate.COMPARED_WITH}
    assert ("GLM-4", "GPT-4 Turbo") in pairs


@pytest.mark.parametrize(
    ("text", "speaker", "said"),
    [
        ("周鸿祎表示：“大模型是工业革命级的技术。”", "周鸿祎", "大模型是工业革命级的技术。"),
        ("「這是一個新時代」，刘庆峰說。", "刘庆峰", "這是一個新時代"),
        ("钟毓秀长期从事遥感研究，她告诉记者：“数据是关键。”", "钟毓秀", "数据是关键。"),
    ],
)
def test_quotation(extractor: ArticleExtractor, text: str, speaker: str, said: str) -> None:
    result = extract(extractor, text)
    label = labels(result)
    quotes = {(label[f.subject_id], f.text) for f in result.facts if f.predicate is Predicate.QUOTATION}
    assert (speaker, said) in quotes


def test_not_speech(extractor: ArticleExtractor) -> None:
    result = extract(extractor, "张伟堪称业内最懂芯片的人，据说他每天工作十四小时。")
    assert not [f for f in result.facts if f.predicate is Predicate.QUOTATION]


# --- provenance --------------------------------------------------------------


def test_every_mention_points_at_its_surface_in_traditional_text(extractor: ArticleExtractor) -> None:
    text = "據報導，鴻海董事長劉揚偉昨日表示：「人工智慧將改變製造業。」"
    result = extract(extractor, text)
    assert result.language == "zh-Hant"
    assert result.mentions
    for mention in result.mentions:
        assert text[mention.start : mention.end] == mention.surface


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("浙江省委书记王浩出席会议。", ("王浩", "浙江省委", "书记")),
        ("中芯国际联合首席执行官赵海军介绍了产能情况。", ("赵海军", "中芯国际", "联合首席执行官")),
    ],
)
def test_role_and_organization_are_split_where_they_meet(
    extractor: ArticleExtractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _memberships(extract(extractor, text))


def test_a_bare_role_belongs_to_the_organization_the_sentence_is_about(extractor: ArticleExtractor) -> None:
    text = "台积电昨日举行法说会，董事长魏哲家表示，先进制程需求强劲。"
    assert ("魏哲家", "台积电", "董事长") in _memberships(extract(extractor, text))


def test_a_bare_role_with_two_organizations_before_it_is_left_alone(extractor: ArticleExtractor) -> None:
    text = "台积电与英伟达昨日会谈，董事长魏哲家表示，合作顺利。"
    assert not any(person == "魏哲家" for person, _org, _role in _memberships(extract(extractor, text)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("台湾经济部长郭智辉昨天表示，将推动产业升级。", ("郭智辉", "台湾经济部", "部长")),
        ("中信证券首席经济学家明明认为，货币政策仍有空间。", ("明明", "中信证券", "首席经济学家")),
    ],
)
def test_names_where_role_and_body_share_a_character_or_a_verb_follows(
    extractor: ArticleExtractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _memberships(extract(extractor, text))


def test_a_unit_word_before_its_own_role_is_not_an_organization(extractor: ArticleExtractor) -> None:
    assert "学院院" not in {e.label for e in extract(extractor, "学院院长张明说，招生顺利。").entities}


def test_invisible_format_characters_are_not_part_of_a_name(extractor: ArticleExtractor) -> None:
    result = extract(extractor, "科大讯飞董事长刘庆峰\u202e表示，大模型将改变教育。")
    people = [e for e in result.entities if e.entity_type is EntityType.PERSON]
    assert [e.label for e in people] == ["刘庆峰"] and "\u202e" not in people[0].entity_id


def test_a_quote_cut_by_its_sentence_keeps_no_quote_marks(extractor: ArticleExtractor) -> None:
    result = extract(extractor, "周鸿祎表示：“大模型是工业革命级的技术！”")
    (quote,) = [f.text for f in result.facts if f.predicate is Predicate.QUOTATION]
    assert quote is not None and not quote.startswith("“") and not quote.endswith("”")
