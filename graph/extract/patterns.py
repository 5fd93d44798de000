"""Word lists and regular expressions the rules share: data, not logic.

Every list is a named constant so a rule reads like the sentence it matches.
"""

from __future__ import annotations

import re
from types import MappingProxyType

from graph.text.chars import CJK

# Common Chinese surnames (single and compound): a two- or three-character
# name found only by context must start with one of these.
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 端木 独孤 南宫 西门 百里".split()
)
SINGLE_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
)

# Role words. Longest first, so 执行总编辑 wins over 总编辑 and 编辑.
ROLE_WORDS = tuple(
    sorted(
        set(
            """
            董事长 副董事长 董事 独立董事 监事长 总裁 副总裁 总经理 副总经理 经理 总监 技术总监 研究总监 创意总监
            首席执行官 首席技术官 首席科学家 首席运营官 首席财务官 首席经济学家 首席信息官 CEO CTO COO CFO
            创始人 联合创始人 创办人 合伙人 主席 副主席 董事局主席 名誉主席 会长 副会长 理事长 副理事长 秘书长 副秘书长
            校长 副校长 院长 副院长 所长 副所长 司长 副司长 局长 副局长 部长 副部长 处长 主任 副主任 厅长 副厅长
            省长 市长 副市长 县长 书记 党委书记 台长 副台长 社长 副社长 行长 副行长 馆长 总编辑 副总编辑 执行总编辑
            主编 副主编 执行主编 编辑 记者 首席记者 特约记者 主持人 评论员 研究员 副研究员 助理研究员 高级研究员
            教授 副教授 讲师 博士生导师 分析师 首席分析师 工程师 总工程师 科学家 经济学者 学者 专家 发言人 新闻发言人
            代表 委员 常委 议员 大使 总统 总理 首相 部长助理 负责人 执行董事 总干事 干事 顾问 律师 医生 主任医师
            行政总裁 执行总裁 高级副总裁 联合首席执行官 轮值董事长 轮值主席 董事会主席 董事局副主席 常务董事 主任委员
            系主任 行政长官 特首 主教练 教练 队长 国务委员 常务副市长 常务副校长 常务副主任 党组书记 院士 荣誉主席
            创会会长 总编 监事 首席战略官 首席产品官 首席营销官 首席投资官 首席人才官 董事会秘书 财务总监 区长 州长
            镇长 副总理 委员长 副委员长 总书记 主任编辑 首席研究员 首席顾问 执行长 副执行长 营运长 财务长 技术长 署长 关长 团长
            主委 副主委 董事总经理 立委 秘书 新闻秘书 创始成员 创始团队 副书记 党委副书记 党委常委
            """.split()
        ),
        key=lambda w: (-len(w), w),
    )
)
# Words that open a role and that a tagger may glue to the organization
# before it: 中芯国际|联合首席执行官.
ROLE_OPENERS = ("联合", "常务", "轮值", "执行", "代理", "首席", "副")
# A role said of a past post: 原司长, 前总裁.
FORMER_MARKERS = ("原", "前")

ROLE_PATTERN = re.compile("|".join(re.escape(w) for w in ROLE_WORDS))

# Verbs that introduce what a person said.
SPEECH_VERBS = tuple(
    sorted(
        """表示 认为 指出 说 说道 告诉 坦言 称 强调 介绍 透露 坦承 直言 建议 提到 回应 解释 分析 剖析道 警告 呼吁
        补充 预测 写道 发文认为 表态 谈到 提出 所说 称赞 感叹 总结 提醒 直指 笑称 举例 列举 质疑 批评 痛斥
        宣布 评价 评论 声称 宣称 回忆 感慨 谈及 说明 告知 寄语 表明 承认 惊叹 发推称 发帖称 发文称""".split(),
        key=lambda w: (-len(w), w),
    )
)
SPEECH_VERB_PATTERN = re.compile("|".join(re.escape(w) for w in SPEECH_VERBS))

# Verbs of making or releasing a model.
RELEASE_VERBS = re.compile(  # 释出: a release, as Taiwan writes it
    r"发布|释出|推出|研发|开发|上线|打造|训练|开源|公布|发表|亮相|升级|迭代|问世|打磨|构建|推|出品"
)

# Verbs that compare one model with another.
COMPARISON_VERBS = re.compile(
    r"逼近|达到|超过|超越|比肩|追赶|媲美|对标|赶上|接近|相当于|落后于|不输|领先|追平|赶超|看齐|差距"
)

# Suffixes that end an organization's name.
ORG_SUFFIXES = tuple(
    sorted(
        """集团 公司 有限公司 股份有限公司 大学 学院 研究所 研究院 研究中心 实验室 协会 学会 联合会 联盟 基金会 基金
        委员会 部 局 司 厅 办 署 院 所 中心 银行 医院 报 日报 时报 晚报 周刊 杂志 社 通讯社 电视台 广播电台 网 新闻网
        党 事务所 交易所 法院 检察院 政府 工作室 智能 科技 控股 银行 汽车 机器人 总会 资本 创投 省委 市委 区委 县委
        办公室 立法会 理事会 董事会 常委会 商会 工会 俱乐部 出版社 证券 保险 传媒 影业 游泳队 国家队 代表队 球队""".split(),
        key=lambda w: (-len(w), w),
    )
)
# Suffixes that can be dropped from an organization's name without changing
# what it refers to (小米集团 = 小米, 佳都科技 = 佳都, 华为技术有限公司 = 华为).
GENERIC_ORG_SUFFIXES = tuple(
    sorted(
        "集团 有限公司 股份有限公司 有限责任公司 公司 科技 科技公司 技术有限公司 技术 控股 股份 新能源 信息技术".split(),
        key=lambda w: (-len(w), w),
    )
)
# Words of a trade, not a name: after a place they leave nothing that
# tells one company from another (山西影视集团, 香港科技园公司).
TRADE_WORDS = frozenset(
    """影视 文化 传媒 投资 建设 发展 能源 汽车 电子 信息 网络 软件 医药 教育 体育 旅游 金融 实业 贸易 物流 地产 置业 电力
    水务 交通 城投 国际 科技园 人工智能 大数据 数据 智能 机器人 生物 环保 化工 材料 出版 广电 电视 报业 演艺 航空 铁路
    广播 石油 电信 邮政 联邦 国家 中央""".split()
)
# Words that describe a kind of body, not one body: 中小银行, 科技集团, 研发中心 name no one.
GENERIC_ORG_MODIFIERS = frozenset(
    """新能源 中小 研发 人工智能 人工智慧 大型 小型 中型 各地 地方 相关 有关 多家 国内外 头部 龙头 科技 创新 新型 传统
    商业 民营 国有 外资 合资 上市 金融 研究 服务 运营 销售 生产 制造""".split()
)
# Media names: what ends the name of a newspaper, magazine, agency or site.
MEDIA_SUFFIXES = re.compile(r"(?:日报|时报|晚报|晨报|周刊|杂志|报|新闻网|新闻|网|通讯社|社|电视台|之音)$")
# Words after 《X》 that show X is a publication rather than a book or a programme.
MEDIA_FOLLOWERS = re.compile(r"^(?:杂志|记者|报道|执行|总编|主编|副总|副主编|社长|采访|评论|专访|报|发文|刊文|援引)")

# Organization words that say the name right after them is an organization:
# 初创公司九光智能, 独角兽智谱AI.
ORG_DESCRIPTORS = re.compile(r"(?:公司|企业|独角兽|机构|集团|媒体|大厂|平台|厂商|创企|初创)$")

# Places an organization name may start with (广州七火山科技): provinces,
# big cities and regions. Countries are not stripped: 中国冶金报 is a name.
PLACE_PREFIXES = tuple(
    sorted(
        """北京 上海 天津 重庆 广州 深圳 杭州 南京 武汉 成都 西安 苏州 合肥 长沙 郑州 济南 青岛 厦门 福州 宁波 无锡 东莞 佛山
        沈阳 大连 哈尔滨 长春 石家庄 太原 呼和浩特 南昌 南宁 昆明 贵阳 兰州 西宁 银川 乌鲁木齐 拉萨 海口 珠海 香港 澳门 台北
        广东 广西 浙江 江苏 安徽 福建 江西 山东 河南 河北 湖北 湖南 四川 云南 贵州 陕西 山西 甘肃 青海 辽宁 吉林 黑龙江
        海南 台湾 内蒙古 宁夏 新疆 西藏 株洲 硅谷""".split(),
        key=lambda w: (-len(w), w),
    )
)

# Countries a place name may start with (意大利米兰, 日本熊本, 美国加州): the
# tagger gives the country and the city as one place.
COUNTRY_PREFIXES = tuple(
    sorted(
        """中国 美国 英国 法国 德国 日本 韩国 朝鲜 俄罗斯 意大利 西班牙 葡萄牙 荷兰 比利时 瑞士 瑞典 挪威 丹麦 芬兰 波兰
        奥地利 希腊 土耳其 以色列 伊朗 伊拉克 沙特 沙特阿拉伯 阿联酋 埃及 印度 巴基斯坦 泰国 越南 新加坡 马来西亚 印尼
        印度尼西亚 菲律宾 澳大利亚 新西兰 加拿大 墨西哥 巴西 阿根廷 智利 南非 尼日利亚 肯尼亚 乌克兰 匈牙利 捷克
        爱尔兰 卡塔尔 哈萨克斯坦 蒙古""".split(),
        key=lambda w: (-len(w), w),
    )
)
# What may follow a country without being a place of its own (中国内地, 美国东部).
NOT_PLACE_AFTER_COUNTRY = frozenset(
    "内地 大陆 本土 境内 境外 各地 全境 国内 东部 西部 南部 北部 中部 东南部 西南部 东北部 西北部 沿海 地区 方面 政府 当局 官方 市场".split()
)
# Two countries' initials: 中美, 中法 (relations between them, not a place).
COUNTRY_PAIR = re.compile(r"[中美日韩英法德俄欧印澳加意朝越巴][中美日韩英法德俄欧非印澳加意朝越巴拉]")
# Two countries' initials and a field: 中美科技(博弈), 中欧经贸 describe a relation, not a body.
BILATERAL_FIELD = re.compile(
    COUNTRY_PAIR.pattern + r"(?:科技|贸易|经贸|经济|关系|合作|竞争|战略|金融|贸易战|科技战|两国|双方|之间)+"
)
# Words that are never a person's name although a tagger may say so.
NOT_PERSON = frozenset("文生 中华 华夏 文心 星火 盘古 通义 混元 豆包 天工 元宇宙".split())
# Words that are never an organization on their own.
NOT_ORGANIZATION = frozenset(
    """政府 中国政府 公司 企业 集团 该公司 这家公司 本报 我们 官方 中央企业 国家 全国 国内 国外 海外 业界 业内
    多家 文生 中华 国家实验室 人工智能学院 中国官媒 官媒 新创公司 中美 科技大厂 大厂""".split()
)
# What follows the name that opens a biography: 贺建林，男，汉族，1962年生.
BIOGRAPHY_SEX = re.compile(r"[，,](?:男|女)[，,。（(]")
# China's ethnic groups: a biography's 男，汉族，1962年生 names no organization.
ETHNIC_GROUP = re.compile(
    r"(?:汉|蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|"
    r"柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|"
    r"塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺)族"
)
# Characters of transliterated foreign names (桑达尔·皮查伊, 阿依古丽·买买提):
# the part after a "·" is read as long as it is made of them.
TRANSLITERATION_CHARS = frozenset(
    "阿埃艾爱安昂奥巴拜班邦包保鲍贝本比彼毕边宾波伯博布査查达戴丹道德登邓迪蒂丁东杜顿多厄恩尔法范菲费芬丰弗福伏盖甘冈高戈格"
    "根贡古瓜圭哈海汉豪赫黑亨洪胡华怀惠霍基吉加嘉贾杰金卡凯坎康考柯科克肯库夸奎昆拉莱赖兰朗劳勒雷蕾里理丽利莉连林琳"
    "玲留隆卢鲁路伦罗洛吕马玛麦迈曼芒毛梅美门蒙孟米密敏明缪摩莫默姆穆纳娜奈南内尼妮涅宁纽努诺欧帕潘庞佩彭皮珀"
    "普奇齐契恰乔切钦琴丘屈萨塞赛桑瑟森沙莎山尚舍什施史丝斯松苏索塔泰坦汤唐陶特腾滕提蒂廷图托瓦万旺威韦维温"
    "文沃乌伍武西希锡夏肖谢辛休许雅亚扬耶伊依因英尤于约泽扎詹兹佐买提古垂查伊奥"
    "娃娅黛薇茜珊芭露琪璐茨"
)
# Generic words before 大模型 that do not make a name (国产大模型, 医疗大模型).
GENERIC_MODEL_MODIFIERS = re.compile(
    r"^(?:国产|国内|国外|海外|华语|汉语|基础|通用|行业|垂直|语音|医疗|视频|文生视频|多模态|语言|AI|开源|闭源|自研|中文|英文|"
    r"认知|生成式|超大|大型|小型|首个|各类|这些|这个|该|其|我们的|自己的|专用|领域|企业|金融|教育|科学|"
    r"人工智能|智能|新一代|下一代|千亿|万亿|百亿|[0-9]+个?)*$"
)
# Verbs of founding an organization: 张一鸣于2012年创办字节跳动.
FOUNDING_VERBS = re.compile(r"联合创办|共同创办|联合创立|共同创立|参与创立|参与创办|创办|创立|创建|创设|成立")
# Verbs of taking a post: 马化腾担任腾讯公司董事会主席, 曾任 (former).
POST_VERBS = re.compile(r"(?:目前|现)?(?:担任|出任|兼任|接任|升任|就任|现任|任|是|为|系)|曾(?:经)?(?:担任|任|是|为)|历任")
# Words that cannot be inside a name an organization rule built from context.
NOT_IN_ORG_NAME = re.compile(
    r"在(?!线)|接受|采访|表示|认为|以及|目前|已经|正在|曾经|记者|获悉|近日|日前|首任|新任|现任|前任|历任|第[一二三四五六七八九十]+任"
)
# 该院, 本校, 该行: a body referred back to, not named.
ANAPHORIC_BODY = re.compile(r"(?:该|本|此|这|其)(?:院|校|所|行|局|厅|处|中心|集团|公司|学院|大学|部|委|会|医院|研究院)")
MODEL_CUE = re.compile(rf"[{CJK}]{{0,6}}(?:大模型|模型|生成器|聊天机器人|语言模型|系统|助手|平台)")
# Latin words that look like product names but are not.
NOT_MODEL = frozenset(
    """AI AGI ASI ANI PC GPU CPU CEO CTO IT APP App MV IP ICP AR VR XR API SDK LLM AIGC GPT AI+ demo
    Pro Plus Max Ultra Turbo Mini V""".split()
)
# One character standing for a country or province (中美关系, 访华, 京津冀), and
# 中华 (中华文化): the tagger reads them as places, and they name the place in
# full. Only those that stand for one place: 巴 (巴西, 巴基斯坦), 澳 (澳大利亚,
# 澳门) and 苏 (苏联, 江苏) do not.
PLACE_ABBREVIATIONS = MappingProxyType(
    {
        "中华": "中国", "中": "中国", "华": "中国", "美": "美国", "日": "日本", "俄": "俄罗斯", "英": "英国", "法": "法国",
        "德": "德国", "意": "意大利", "韩": "韩国", "朝": "朝鲜", "欧": "欧洲", "非": "非洲", "葡": "葡萄牙",
        "菲": "菲律宾", "泰": "泰国", "越": "越南", "叙": "叙利亚", "柬": "柬埔寨", "墨": "墨西哥", "埃": "埃及",
        "港": "香港", "台": "台湾", "京": "北京", "沪": "上海", "津": "天津", "渝": "重庆", "藏": "西藏",
        "陕": "陕西", "川": "四川", "湘": "湖南", "鲁": "山东", "粤": "广东", "闽": "福建", "豫": "河南",
        "冀": "河北", "鄂": "湖北", "桂": "广西", "赣": "江西", "皖": "安徽", "浙": "浙江",
    }
)
# Endings of a company's or a lab's name. The trained tagger learnt its
# organizations from 1990s news and government bodies, and misses short company
# names (云帆科技) that LAC gets: an organization of LAC's with one of these
# endings stands where the tagger found no other name across it.
COMPANY_SUFFIXES = (
    "公司", "集团", "科技", "技术", "智能", "银行", "控股", "资本", "创投", "基金", "证券", "保险", "传媒", "影业",
    "汽车", "机器人", "实验室", "研究院", "工作室", "网络", "软件", "电子", "半导体", "芯片", "云", "生物", "医药", "药业",
)
