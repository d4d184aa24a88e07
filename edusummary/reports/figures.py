"""The figures a report states: indicator, value, unit and the sentence that says it.

:func:`extract_figures` reads sentences such as "学前三年毛入园率达到95.3%" or "投入资金
1200余万元" and returns :class:`Figure` tuples such as ``("学前三年毛入园率", 95.3, "%", …)``.
It understands the forms reports use:

- Arabic figures, with full-width digits, thousands separators and decimals: ``95.3%``,
  ``９５．３％``, ``1,200万元``, ``５，６７８名``, ``1.2亿元``, ``3.5千万元``, and signs:
  ``增长-3.2%``;
- Chinese numerals: ``百分之九十五``, ``百分之九十五点三``, ``四点二亿元``, ``两千余个``,
  ``十二所``, ``八成``, ``一亿二千万元``; figures in two parts: ``1亿2000万元``, ``3万5千元``;
  fractions: ``三分之二`` (66.67 %), ``千分之三`` (3 ‰);
- traditional characters, read as their simplified forms: ``百分之九十五點三``;
- hedges, kept in :attr:`Figure.qualifier`: ``1200余万元``, ``五十多所``, ``95%以上``,
  ``约800人``, ``不少于600人次``, ranges such as ``5至6所``, ``5%-8%`` or ``3万至5万元``;
- scores in points after Arabic digits: ``平均分提高12.5分`` (but not ``十分重要`` or
  ``30分钟``);
- placeholders left in templates (``xx%``, ``XX万元``, ``××所``), reported with
  ``value=None`` so that a missing figure is never read as a number.

The indicator is the phrase before the figure in its clause, without the fillers and verbs
around it ("全年", "全县", "达到", "保持在" …). A change ("较上年提高2.1个百分点") is named
after the indicator it changes ("学前三年毛入园率较上年提高"). In "由88.2%提高到94.7%"
94.7 is the level reached and 88.2 the ``baseline`` it started from, of the same indicator
(so too each pair in "由650元、850元分别提高到720元、940元"), and from-values that each name
their indicator ("毛入园率由88.2%、覆盖率由80.1%分别提高到…") give those names to the levels
reached; in "较上年提高2.1个百分点，达到95.3%" the second figure is the indicator's level, a
result.
Figures that qualify a noun rather than state a result ("56人以上大班额", "3-6岁幼儿") are not
reported, but stay part of the indicator after them ("56人以上大班额占比"), and numbers in a
quoted name ("“五项管理”") or a name such as "一元二次方程" or "十件实事" are words.

Time grows in proportion to the text: a sentence longer than :data:`MAX_SENTENCE_CHARS`
(500) characters is read in pieces of at most that size, cut after a comma or other clause
mark, and a run of more than nine Chinese numerals (or of a group before 万/亿) is not a
number.
"""

from __future__ import annotations

import bisect
import numbers
import re
from collections.abc import Iterator
from typing import NamedTuple

from ..text.sentences import sentence_spans
from ..text.tokenizing import simplified_table

#: Full-width digits and signs read as their ASCII forms; one character for one, so that
#: offsets into the translated text are offsets into the original.
_WIDTH = str.maketrans("０１２３４５６７８９．％ｘＸ＊", "0123456789.%xX*")

_CN_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
_CN_POWERS = {"十": 10, "百": 100, "千": 1000}
_CN_GROUPS = {"万": 10_000, "亿": 100_000_000}

#: Thousands may be parted by commas or, in text copied out of a PDF, by blanks.
_ARABIC = r"(?:\d{1,3}(?:[,\u00a0\ ]\d{3})+|\d+)(?:\.\d+)?"
#: A Chinese number starts where a run of numerals starts, and its groups are bounded: a
#: number starting inside a run, or unbounded groups, let the regex engine retry every
#: position of a long run of numerals, which is quadratic in the run's length.
_CN = (
    r"(?<![零〇一二两三四五六七八九十百千万亿点])"
    r"(?:[零〇一二两三四五六七八九十百千]{1,9}[万亿]){0,2}[零〇一二两三四五六七八九十百千]{1,9}"
    r"(?:点[零〇一二三四五六七八九]{1,6})?"
)
#: "7项指标校际差异系数": the measures a coefficient is of, not a count of them.
_MEASURES_OF = re.compile(r"指标的?(?:校际|差异|综合差异)")
#: Two numerals, the second larger, that give a rough count: "一两", "三五", "七八".
_ROUGH = re.compile(r"([一二两三四五六七八])([两三四五六七八九])")
_PLACEHOLDER = r"(?:[xX×*]{1,4}(?:\.[xX×*]{1,2})?|_{2,6})"
#: Counting units, longest first so that "个百分点" wins over "个" and "人次" over "人".
_BASE_UNITS = sorted(
    """% ‰ 个百分点 百分点 元 人次 人 名 位 户 所 个 次 场 项 节次 节 间 套 台 辆 处 家 批 篇
    部 本 册 件 条 门 类 班 种 座 栋 张 份 起 轮 期 课时 学时 岁 平方米 平米 ㎡ m² 亩 公里 千米
    吨 倍""".split(),
    key=len,
    reverse=True,
)
#: Scales written before a unit, longest first: "3.5千万元" is 35,000,000 元.
_SCALES = {"十万": 1e5, "百万": 1e6, "千万": 1e7, "十亿": 1e9, "百亿": 1e10, "千亿": 1e11,
           "万": 1e4, "亿": 1e8, "千": 1e3}
#: A hedge may stand between the scale and what is counted: "2万余人", "3万多名".
_UNIT = r"(?:[十百千]?[万亿](?:(?:余|多)?(?:{base}))?|千(?:余|多)?(?:{base}))|{base}".format(
    base="|".join(map(re.escape, _BASE_UNITS))
)

#: Points of a score ("平均分提高12.5分"), only after Arabic digits: "十分重要" is no score,
#: nor are "3分钟", "三分之一", "2分校", a time ("8时30分"), a scale ("10分制") or a
#: threshold ("85分及以上").
_SCORE = (
    r"(?<=\d)(?<![时点:：]\d)(?<![时点:：]\d\d)"
    r"分(?![钟之别类批期校园局会配享层段级解工布成项数线地部制及])"
)
#: Text copied out of a PDF or a Word table often has a blank between a figure and its unit
#: ("91.2 %", "3.5 千万元"); a space in a VERBOSE pattern must be escaped.
_GAP = r"[\ \u00a0\u3000]?"

#: A share, or a change of one, whose point a copy set a blank after (毛入园率 93. 6%,
#: 提高2. 3个百分点): one figure, after its name; at a line's or a clause's start
#: "2. 6%的学校…" is an item's number, then a share.
_SPACED_POINT = (
    r"(?<=[\u4e00-\u9fff\ \u00a0])(?<![。，,；;：:！？!?\ \u00a0][\ \u00a0])"
    r"\d+\.[\ \u00a0]\d+(?=[\ \u00a0\u3000]?(?:%|个?百分点))"
)

_FIGURE = re.compile(
    rf"""
    (?<![\d.A-Za-z第])
    # Nor a share of one or two digits after a figure and one blank: OCR leaves a blank
    # where it missed a decimal point (93 6%), and the 6% read from it was no figure.
    # Other figures there stand in their own right, a table's cells copied with single
    # blanks (小学 40 55.6%, 学校数 2022 86所), and so does a thousands' group (1 260人),
    # and a share after a figure with its point (增长 2.5 10%, 1.125 6%): a figure has one
    # point.
    # After 由 a figure and a share with nothing to go on to (入园率由 85 90%) are where it
    # started and the level it reached, their 到 lost: a from-value needs a level after it,
    # in its clause or opening the next (巩固率由 93 6%，提高到96.1%;
    # 比例由 12 3%，下降到: 12.3%, its point lost).
    (?:(?<!\d[\ \u00a0])|(?<=\.\d[\ \u00a0])|(?<=\.\d\d[\ \u00a0])|(?<=\.\d\d\d[\ \u00a0])
       |(?!\d{{1,2}}{_GAP}[%％])
       |(?:(?<=[由从]\d[\ \u00a0])|(?<=[由从]\d\d[\ \u00a0])|(?<=[由从][\ \u00a0]\d[\ \u00a0])
          |(?<=[由从][\ \u00a0]\d\d[\ \u00a0]))
        (?!\d{{1,2}}{_GAP}[%％](?:[^，,；;。！？!?]*?|[^，,；;。！？!?]*[，,]{_GAP}[^，,；;。！？!?]{{0,2}}?)
           (?:提|升|增|降|减|到|至|扩大|缩小|压|变|调)))
    (?:
        百分之(?P<pct>{_ARABIC}|{_CN}|{_PLACEHOLDER}|百)
      | (?<![零〇一二两三四五六七八九十百])(?P<whole>[二三四五六七八九十百]{{1,3}})分之
        (?P<part>[一二三四五六七八九十]{{1,3}})
      | 千分之(?P<permille>{_ARABIC}|{_CN})
      | (?P<sign>[-－−](?=\d))?(?P<num>{_ARABIC}|{_CN}|{_PLACEHOLDER}|{_SPACED_POINT})
        (?:[至到~～—-](?P<upper>{_ARABIC}|{_CN}))?
        (?P<approx>余|多)?
        {_GAP}
        (?P<unit>{_UNIT}|成(?![绩效功立果长为])(?<=[一二三四五六七八九十]成)|{_SCORE})
    )
    (?P<post>以上|以下|左右|以内)?
    """,
    re.VERBOSE,
)

#: A unit with a hedge after its scale: "万余人", "千万余元", "千余名".
_HEDGED_UNIT = re.compile(r"(?P<scale>[十百千]?[万亿]|千)(?P<hedge>余|多)(?P<base>.+)")
#: A full-width comma parting the thousands of full-width digits: "５，６７８名".
_FULL_WIDTH_THOUSANDS = re.compile(r"(?<=[０-９])，(?=[０-９]{3}(?![０-９]))")
#: A programme's name in quotes ("“千名教师访万家”", "“双减”"): its numbers are words.
_QUOTED_NAME = re.compile(r"“[^”“]{1,15}”")

#: What separates clauses: an indicator never reaches across these.
_CLAUSE_MARKS = "，,；;：:。！？!?（）()【】\n"
_CLAUSE = re.compile(f"[{re.escape(_CLAUSE_MARKS)}]")
#: Sentences longer than this are read for figures in pieces of at most this many
#: characters, cut after a clause mark: a run-on line with no sentence end (a pasted
#: table, a page of numerals) then costs time in proportion to its length, and each
#: figure's ``sentence`` stays readable.
MAX_SENTENCE_CHARS = 500
#: How much text around a figure names it: the indicator before it is at most
#: ``_MAX_INDICATOR`` characters after fillers go, the noun after it at most ten.
_NUMBER_CHARS = frozenset("0123456789０１２３４５６７８９.,．零〇一二两三四五六七八九十百千万亿点")
_LEFT_CHARS = 64
_RIGHT_CHARS = 32
#: A figure followed by this is the start of "由A提高到B": the old value.
#: 由 or 从 right before a figure, perhaps through a time ("从2020年的", "由上年的") and
#: whom and how often it counts, in either order (每生每月, 每月每生).
_PER = r"(?:每生|每人|生均|人均|每年|每学期|每月|每天|每日)"
_FROM_BEFORE = re.compile(
    rf"[由从](?:[^，,；;由从]{{0,8}}的)?(?:{_PER}{{1,2}})?(?:约|近|不足|不到|超过)?\s*$"
)
#: A from-value whose 到 and unit a copy lost, right before the level reached: "由 85 90%".
_FROM_WITHOUT_TO = re.compile(r"[由从][\ \u00a0]?\d{1,2}[\ \u00a0]$")
_FROM_VALUE_NEXT = re.compile(
    r"(?:分别)?(?:提高|提升|增加|增长|上升|扩大|下降|降低|减少|缩小|压缩|压减)了?(?:到|至)?|到|至|[降增]至"
)
_LEADING = re.compile(
    r"^(?:截至(?:目前|年底|年末|\d+年底?)|到?(?:19|20)\d\d年(?:度|底前?|末前?|秋季|春季)?|全年|今年|"
    r"上年度?|去年|明年|下一?步|目标是?|实际|十[一二三四五]五|期间|"
    r"年内|当年|本年度?|目前|现有|近[一二两三四五]年来?|近年来|[一二两三四五十]年(?![级制]|一贯)[来内间]?|累计|"
    r"共有|共(?![建享同青育])|合计|总计|全[县区市省镇乡旗]|其中|同时|此外|另外|以及|并且?|和(?!谐)|及(?!格)|还|已经?|"
    r"力争|确保|争取|计划|预计|预期|拟|要|将|按照|按(?![时期需月季])|为|我们|我[县市区省镇乡旗]|建议|对(?![照比标])|向|与|给|、|[一二三四五六七八九十]+[是、]|"
    r"\d+[、.]|——|[“”\"'《》\s▲△↑●■◆★◎•○◇□])+"
)
#: Words between an indicator and its figure, stripped from the end of the indicator
#: longest first. Not a regex "(?:…)+$": words that split into other words ("分别达到")
#: make such a pattern backtrack exponentially on text that does not end with them.
_TRAILING = sorted(
    """达到 达 为 是 至 到 提高到 提升到 提高至 提升至 增加到 增加至 增长到 增长至 增至 降至
    降到 下降到 下降至 减少到 减少至 保持在 稳定在 控制在 维持在 超过 逾 不低于 不少于 不足 不到
    低于 高于 突破 超 约 近 共 累计 合计 总计 分别为 分别达到 分别达 分别 占 计 有 了 的 等 在
    均 都 首次 至少 力争 确保 争取 预计 将 基本 未 未能 尚未 已 已经 只有 仅有 仅为 仅 只 “ ” " '
    《 》 、""".split(),
    key=len,
    reverse=True,
)
_YEAR_AT_END = re.compile(r"(?:19|20)\d\d年(?:度|底|末)?$")
#: Hedges standing before a figure, kept as its qualifier.
_HEDGE_BEFORE = re.compile(r"(约|近|超过|超|逾|不低于|不少于|至少|不足|不到|低于|高于|突破)$")
#: A change of an indicator rather than its value: "较上年提高", "同比增长".
_CHANGE_WORDS = r"(?:比|较)(?:上年|去年|上一年|年初|上学期|\d+年)|同比|环比"
_CHANGE_VERBS = r"提高|提升|增长|增加|下降|降低|减少|上升|增幅|降幅|增速|涨幅"
_CHANGE = re.compile(rf"^(?:{_CHANGE_WORDS})|^(?:{_CHANGE_VERBS})$")
_CHANGED = re.compile(rf"{_CHANGE_WORDS}|(?:{_CHANGE_VERBS})$")
#: Where the words of a change start in an indicator: "学前三年毛入园率|较上年提高".
_CHANGE_START = re.compile(rf"{_CHANGE_WORDS}|{_CHANGE_VERBS}")
#: Kinds of figure: what was reached, what is aimed at, by how much something changed, and
#: the earlier level a change or target starts from.
RESULT, TARGET, CHANGE, BASELINE = "result", "target", "change", "baseline"
#: A sum over several years ("近三年累计投入2.46亿元", "“十三五”期间新建学校28所"): no
#: one year's result.
TOTAL = "total"
#: Verbs after 将 or 计划 that make what follows an aim: "将遴选50所", "计划新建3所"; those
#: that also name things ("建设资金", "培训经费", "开展情况") only after 计划, as 将 is also 把.
_WILL_VERBS = (
    "达到|提高|提升|增加|增长|新增|新建|建成|完成|实现|超过|突破|保持|控制|投入|招聘|遴选|评选|"
    "培育|组建|创建|选派|举办|认定|打造|改扩建|扩建|招收|争创"
)
_AIM_VERBS = "培训|改造|建设|开展|配备|设立|安排"
#: The last of these before a figure in its sentence tells a target from a result:
#: "力争到2025年…达到97%" aims, "目前…为93.6%" states. "计划" and "将" count only before a
#: verb, as they also name plans ("行动计划") and objects ("将…纳入").
_KIND_MARK = re.compile(
    # "争取上级专项资金780万元" states funds obtained; "争取到2025年" aims.
    r"(?P<target>力争|争取(?![^，,；;。]{0,14}?(?:资金|经费|项目|投资|补助|奖补|支持))|"
    r"预计|预期|目标|确保|(?<!模)拟|未能?(?:达到|实现|完成)|"
    rf"计划(?:到|在|于|年内|{_AIM_VERBS}|{_WILL_VERBS})|"
    # "已将建设资金…拨付", "将开展情况纳入": 将 as 把, before a verb used as a noun; "要新建"
    # is a task of a speech, "主要", "需要" are other words.
    rf"(?:(?<![已并])将|(?<![主重需只必想纲概不纪摘提简])要)(?:继续|进一步|再)?(?:{_WILL_VERBS})|"
    # "建议县政府投入…" proposes, opening its clause, after a list marker ("（一）", "三是",
    # "1.") or its proposer ("我局"); "代表建议", "建议书", "提出建议12条" name proposals.
    r"(?<!代表)(?<!专家)(?<!委员)(?<!群众)(?<!家长)(?<!督学)(?<!人大)(?<!政协)(?<!理化)"
    r"(?<!意见)(?<!提出)(?<!采纳)(?<!上级)(?<![的和及、])"
    r"建议(?![、和及与后的，,\d一二两三四五六七八九十百千条件份项书稿案]|提案|意见|事项)|"
    r"明年|下一?步|来年|"
    # "到2025年" aims; "提高到2023年的95.2%" states where a change arrived; "到2023年底"
    # depends on the report's year (see _mark_kind).
    r"(?<!截至)(?<!截止)(?<!提高)(?<!提升)(?<!增长)(?<!增加)(?<!上升)(?<!下降)(?<!降低)"
    r"到(?P<until>20\d\d)年(?P<end>[底末])?)"
    # "近三年", "五年来", "“十三五”期间", "2021年以来", "2016年至2020年": what follows is
    # summed over the years (a plan looks back on them too).
    r"|(?P<total>近(?:[二两三四五六七八九十]|\d+)年|过去(?:[二两三四五六七八九十]|\d+)年|"
    r"(?<![一\d])[二两三四五六七八九十]年(?:来|间)|“?十[一二三四五]五”?(?:期间|时期|以来)|近年来|"
    # "三年新建…", "三年共…" (not 学前三年, 每三年, 第三年). A bare 累计 is as often one
    # year's sum of its projects.
    r"(?<![前后第每一\d])[二两三四五六七八九十]年(?=共|累计|新建|新增|投入|建成|改扩建|改造)|"
    # Not a plan's span in its name ("行动计划（2021—2025年）"), nor a school year (2023—2024
    # 年度).
    r"(?<![（(])(?:19|20)\d\d年?[至到—–-](?:19|20)\d\d年(?!度)(?:间|期间)?|\d{4}年以来|多年来|历年)"
    # "一年来", "今年以来": a plan looks back on what was reached (not "实施以来", "长期以来");
    # "其中2009年" is one year of a sum.
    r"|(?P<result>实际|目前|当前|已|截至|截止|一年来|过去一年|(?:去年|上年|今年)以来|"
    r"其中(?:19|20)\d\d年)"
    # One year's figures after a total's ("近三年累计投入2.46亿元，2023年投入9200万元"): the
    # total's reach ends; an aim's does not ("力争2025年…").
    r"|(?P<year>今年|当年|全年|本年度?|每年|年均|(?<![\d至到—–-])(?P<named>(?:19|20)\d\d)年(?![\d至到—–-]|以来))"
)
#: The kind of each group of :data:`_KIND_MARK`; a mark of the report's year (None) ends
#: the reach of a total's, one of an earlier or a later year (_EARLIER_YEAR, _LATER_YEAR)
#: brings it back, and _NO_MARK is no mark at all. A span that does not look back
#: (_SPAN_AHEAD: "“十四五”期间", "2021—2025年") is what a plan aims at, and in a report a
#: total so far.
_MARK_KINDS = {"target": TARGET, "total": TOTAL, "result": RESULT, "year": None}
_EARLIER_YEAR = "earlier year"
_LATER_YEAR = "later year"
_SPAN_AHEAD = "span ahead"
_NO_MARK = ""
#: A year that a figure is compared with, not the year of the figures after it: "比2023年",
#: "较2023年", "与2023年相比", "在2023年基础上", "2023年同期".
_COMPARED_WITH = ("比", "较", "与", "同")
_COMPARED = re.compile(r"的?(?:基础上|相比|同期|水平上)")


def compared_year(text: str, start: int, end: int) -> bool:
    """Whether the year ``text[start:end]`` ("2023年") is one ``text`` compares with
    ("较2023年提高", "与2023年相比", "在2023年基础上"), which says nothing of when what
    the sentence states happened."""
    return text.endswith(_COMPARED_WITH, 0, start) or _COMPARED.match(text, end) is not None
#: Aims that a year-end after them in its sentence serves: "力争用两年时间，到2023年底…".
_AIMED_BEFORE = re.compile(r"力争|确保|争取|目标|计划|预计")
#: The years of the five-year plans: "十三五" ends in 2020.
_PLAN_PERIOD = re.compile(r"十([一二三四五])五")
_SPAN_END = re.compile(r"(?:19|20)\d\d(?=年?(?:间|期间)?$)")


def _mark_kind(
    mark: re.Match, plain: str, year: int | None, plan: bool, school_year: bool = False
) -> str | None:
    """The kind of a marker of ``plain``, a sentence of a report (or a ``plan``) of
    ``year``, or of the ``school_year`` ending in it (see :func:`extract_figures`)."""
    if mark["end"] and year is not None and not _AIMED_BEFORE.search(plain, 0, mark.start()):
        # "到2023年底，全县共有幼儿园35所" in a report on 2023 states where things stood;
        # in a plan for 2023, where they are to stand.
        until = int(mark["until"])
        return RESULT if until < year or (until == year and not plan) else TARGET
    if mark["named"]:
        if plain.endswith(("由", "从"), 0, mark.start()):
            return _NO_MARK  # "由2011年的58.7%提高到68.5%": the year of the from-value only
        if compared_year(plain, mark.start(), mark.end()):
            return _NO_MARK  # "较2023年提高2.4个百分点，达到93.6%": the year compared with
        if year is None or year - school_year <= int(mark["named"]) <= year:
            return None  # one year's figures: a total's reach ends
        # "2021年投入6000万元" after "近三年累计…": part of the total.
        return _EARLIER_YEAR if int(mark["named"]) < year else _LATER_YEAR
    if mark["total"] and (
        _looks_ahead(mark, plain, year) or (plan and _BARE_SPAN.fullmatch(mark["total"]))
    ):
        # "三年新建幼儿园15所" in a plan: the plan's own years.
        return _SPAN_AHEAD
    return _MARK_KINDS[mark.lastgroup]


#: A span of years with nothing to say whether it is past or to come: "三年新建…".
_BARE_SPAN = re.compile(r"[二两三四五六七八九十]年")


def _looks_ahead(mark: re.Match, plain: str, year: int | None) -> bool:
    """Whether the span of years ``mark`` names is to come ("未来三年间"; "“十四五”期间",
    "2021—2025年" in a plan of 2021 or a text of no known year), not looked back on
    ("五年来", "近三年", "“十三五”期间" in 2021)."""
    span = mark["total"]
    if plain.endswith("未来", 0, mark.start()):
        return True
    period = _PLAN_PERIOD.search(span)
    end = _SPAN_END.search(span)
    if period is None and end is None:
        return False  # 近三年, 五年来, 过去五年, 2021年以来, 多年来, 历年
    last = 2005 + 5 * _CN_DIGITS[period[1]] if period else int(end.group())
    return year is None or last >= year


#: Levels reached, not counted: after "五年来" a rate is where it stands now.
_LEVEL_UNITS = frozenset(("%", "‰", "成"))
#: The level something starts from, in the figure's clause: "基数", "原有", "上年…为".
_BASELINE = re.compile(r"基数|原有|基期|(?<![比较同])(?:上年|去年|上一年)(?!同期)")
#: Verbs that name an indicator by themselves when the counted noun follows the figure
#: ("新建4所公办幼儿园"), or when money follows them ("投入1.9亿元").
_BARE_VERB = re.compile(
    r"^(?:新建|改扩建|扩建|建成|新增|新开设|增加|投入|安排|拨付|落实|争取|筹措|下达|完成|"
    r"确定|招聘|培训|选派|接收|评选|认定|取缔|组建|创建|培育|举办|开展|组织|立项|配备|"
    r"新配|添置|走访|劝返|启动|建立|实施)"
)
#: Where the noun after a figure stops.
_NOUN_STOP = re.compile(
    # Not the 及 of 普及 or 涉及, nor the 与 of 参与.
    r"[的到在和并为对是把被将获]|(?<!参)与|(?<![普涉])及|落实|开展|实施|参加|进行|享受|接受|建立|完成|获得|共建|实现|"
    r"通过|达到|提供|发放|配备|购买"
)
#: What ends the name of a place of learning: a noun phrase to its end, verbs and all.
_PLACE_NOUN = re.compile(r"(?:学校|校|园|基地|中心|工作室|站|点)$")
_MID_VERB = re.compile(r"建立|开展|组织|举办|实施|完成|新建|新增|评选|投入|安排|下达|拨付|筹措")
_MONEY_UNITS = tuple(scale + "元" for scale in ("", *_SCALES))
_MAX_INDICATOR = 16
#: A longer name that cannot be cut at a verb or a list is kept whole up to this length
#: ("进城务工人员随迁子女在公办学校就读比例"), rather than lost.
_MAX_UNCUT = 20


class Figure(NamedTuple):
    """A figure stated in a report.

    The first four fields are the ``(indicator, value, unit, sentence)`` of the figure.

    Attributes
    ----------
    indicator : str
        What is measured, as the report names it: "学前三年毛入园率", "新建公办幼儿园".
        Empty when the sentence does not name it.
    value : float or None
        The figure in ``unit``; None for a placeholder such as "xx%" (a missing figure).
    unit : str
        As written: "%", "万元", "亿元", "所", "个百分点", "万人次", "成" …
    sentence : str
        The sentence stating the figure.
    text : str
        The figure as written: "1200余万元", "百分之九十五", "xx%".
    qualifier : str
        How the report hedges the value: "余", "多", "以上", "左右", "约", "不少于" …, or
        "至6" for the range "5至6所" (whose ``value`` is the lower end); "" when exact.
    kind : {"result", "target", "change", "baseline", "total"}
        "change" for a change of an indicator ("较上年提高2.1个百分点", "同比增长5%",
        any figure in 个百分点); "baseline" for the level a change starts from ("由88.2%
        提高到…", "基数", "原有", "上年…为" in its clause); "target" when the last marker
        before it in its sentence aims ("力争", "争取" but not 争取…资金, "预计", "目标",
        "确保", "拟", "到2025年", "计划/将/要" before a verb, "建议") rather than states
        ("实际", "目前", "已", "截至"); "total" when it marks a span of years ("近三年", "五年来",
        "“十三五”期间", "2021年以来", "2016年至2020年"; a rate there is the level reached,
        a result, and after "今年", "其中2023年" or the report's year (see
        :func:`extract_figures`) a figure is that year's); "result" otherwise. "现有" states
        the present: a result.
    """

    indicator: str
    value: float | None
    unit: str
    sentence: str
    text: str = ""
    qualifier: str = ""
    kind: str = RESULT

    @property
    def missing(self) -> bool:
        """True for a placeholder: the report leaves the figure to be filled in."""
        return self.value is None

    @property
    def change(self) -> bool:
        """True for a change of an indicator ("学前三年毛入园率较上年提高 2.1个百分点"),
        not its value: ``kind == "change"``."""
        return self.kind == CHANGE

    def in_unit(self, unit: str) -> float | None:
        """The value converted to ``unit`` when both units count the same thing at
        different scales ("亿元" to "万元": times 10,000; "成" to "%": times 10); None
        otherwise or when missing.

        >>> Figure("投入资金", 1.2, "亿元", "").in_unit("万元")
        12000.0
        >>> Figure("新增学位", 2.7, "万个", "").in_unit("个")
        27000.0
        >>> Figure("新增学位", 900.0, "个", "").in_unit("所") is None
        True
        >>> Figure("公办园占比", 7.0, "成", "").in_unit("%")
        70.0
        """
        if self.value is None:
            return None
        scale, base = _split_unit(self.unit)
        target_scale, target_base = _split_unit(unit)
        if base != target_base:
            return None
        return round(self.value * scale / target_scale, 10)


#: Shares written in other units than %: "九成" is 90 %, "3‰" 0.3 %.
_SHARE_UNITS = {"成": 10.0, "‰": 0.1}


def _split_unit(unit: str) -> tuple[float, str]:
    """("万元") -> (10000, "元"); a bare scale ("万") counts an unnamed thing; a share is
    in % ("成") -> (10, "%")."""
    if unit in _SHARE_UNITS:
        return _SHARE_UNITS[unit], "%"
    for size in (2, 1):
        scale, base = unit[:size], unit[size:]
        if scale in _SCALES and (base in _BASE_UNITS or (not base and scale[-1] in "万亿")):
            return _SCALES[scale], base
    return 1.0, unit


def chinese_number(text: str) -> float:
    """The value of a number written in Chinese numerals.

    >>> chinese_number("九十五点三"), chinese_number("一千二百"), chinese_number("两千")
    (95.3, 1200.0, 2000.0)
    >>> chinese_number("十二"), chinese_number("一万二千"), chinese_number("二〇二四")
    (12.0, 12000.0, 2024.0)

    Raises
    ------
    ValueError
        ``text`` holds something other than Chinese numerals.
    """
    whole, _, decimals = text.partition("点")
    if not whole or any(c not in _CN_DIGITS for c in decimals):
        raise ValueError(f"not a Chinese number: {text!r}")
    if all(c in _CN_DIGITS for c in whole) and len(whole) > 1:
        # Digit by digit, as years are written: 二〇二四.
        value = float("".join(str(_CN_DIGITS[c]) for c in whole))
    else:
        value = float(_chinese_integer(whole, text))
    if decimals:
        value += float("0." + "".join(str(_CN_DIGITS[c]) for c in decimals))
    return round(value, 10)


def _chinese_integer(text: str, original: str) -> int:
    total = section = digit = 0
    for char in text:
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char]
        elif char in _CN_POWERS:
            # "十二" means 12: a power with no digit before it counts once.
            section += (digit or 1) * _CN_POWERS[char]
            digit = 0
        elif char in _CN_GROUPS:
            total += (section + digit) * _CN_GROUPS[char]
            section = digit = 0
        else:
            raise ValueError(f"not a Chinese number: {original!r}")
    return total + section + digit


def _number(text: str) -> float | None:
    """An Arabic or Chinese number, or None for a placeholder."""
    if re.fullmatch(_PLACEHOLDER, text):
        return None
    if text == "百":
        return 100.0
    if text[0].isdigit():
        return float(re.sub(r"[,\u00a0 ]", "", text))
    return chinese_number(text)


def extract_figures(
    text: str, plan: bool = False, year: int | None = None, *, school_year: bool = False
) -> list[Figure]:
    """The figures stated in ``text``, in order.

    Parameters
    ----------
    text : str
        A paragraph, a sentence or a whole report.
    plan : bool, default=False
        Whether ``text`` is of a plan (工作要点, 实施方案): there a figure that nothing marks
        as reached ("已", "目前", "截至" …) is aimed at, a target, not a result.
    year : int, optional
        The year the report is of (a whole float, 2023.0, is taken, and NaN as none, as a
        pandas column of years holds them). After a sum over several years ("近三年累计投入…"), a
        figure of that year ("2023年投入9200万元") is a result, as one after "今年" is;
        of another year it stays part of the total (without ``year``, any one year's
        ends the total's reach). Outside a total, a figure of an earlier year ("2023年
        新增学位660个" in a report on 2024) is a baseline, and one of a later year a
        target. "到2023年底" states where things stood at the end of an earlier year, or of
        the report's own (in a plan, where they are to stand), and aims at a later one or
        after "力争" (without ``year``, it aims).
    school_year : bool, default=False
        Whether ``text`` reports on the school year ending in ``year`` (2022—2023学年度):
        figures of the year before (2022年秋季) are its own too.

    Returns
    -------
    list of Figure

    Notes
    -----
    A sentence longer than :data:`MAX_SENTENCE_CHARS` characters is read in pieces of at
    most that many, cut after its last clause mark (，；： …) within the limit; each
    figure's ``sentence`` is then its piece.

    Examples
    --------
    >>> for f in extract_figures("全县学前三年毛入园率达到95.3%，较上年提高2.1个百分点。"):
    ...     print(f.indicator, f.value, f.unit)
    学前三年毛入园率 95.3 %
    学前三年毛入园率较上年提高 2.1 个百分点
    >>> extract_figures("投入资金1200余万元新建幼儿园12所。")[0][:3]
    ('投入资金', 1200.0, '万元')
    """
    if not isinstance(text, str):
        raise TypeError(f"extract_figures() expects text as str, got {type(text).__name__}")
    if isinstance(year, numbers.Real) and not isinstance(year, bool) and year != year:
        year = None  # NaN: a year column of pandas with a year missing
    if year is not None:
        if isinstance(year, bool) or not (
            isinstance(year, numbers.Integral)
            or (isinstance(year, numbers.Real) and float(year).is_integer())
        ):
            raise TypeError(
                f"extract_figures() expects year as int, got {type(year).__name__} {year!r}"
            )
        year = int(year)
    unmarked = TARGET if plan else RESULT
    figures: list[Figure] = []
    for start, end in sentence_spans(text):
        for piece_start, piece_end in _bounded(text, start, end):
            figures.extend(
                _sentence_figures(text[piece_start:piece_end], unmarked, year, school_year)
            )
    return figures


def _bounded(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Cut a sentence longer than ``MAX_SENTENCE_CHARS`` after its last clause mark
    within the limit (without one, before the number the limit falls in), so that no
    figure's sentence is a whole run-on page."""
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = max(text.rfind(mark, start + 1, limit) for mark in _CLAUSE_MARKS) + 1
        if cut <= start:
            cut = limit
            while cut > start + 1 and text[cut - 1] in _NUMBER_CHARS:
                cut -= 1
            cut = cut if cut > start + 1 else limit
        yield start, cut
        start = cut
    yield start, end


def _plain(sentence: str) -> str:
    """``sentence`` with full-width digits and signs in ASCII, a full-width comma between
    full-width digits parting thousands ("５，６７８名"), and traditional characters in
    their simplified forms; one character for one, so that offsets stay."""
    plain = _FULL_WIDTH_THOUSANDS.sub(",", sentence).translate(_WIDTH)
    return plain.translate(simplified_table())


def _quoted(plain: str) -> list[tuple[int, int]]:
    """The spans of short quoted names ("“千名教师访万家”", "“五项管理”"): the numbers in
    a programme's name are not figures."""
    return [m.span() for m in _QUOTED_NAME.finditer(plain)]


def _sentence_figures(
    sentence: str, unmarked: str = RESULT, year: int | None = None, school_year: bool = False
) -> Iterator[Figure]:
    plain = _plain(sentence)
    previous_indicator = ""
    last_indicator = ""  # the last figure's whole name, for one listed right after it
    previous_end = 0  # end of the last figure reported in this sentence
    skipped: list[int] = []  # starts of from-values ("由88.2%…") since then
    # The from-values not yet given to the level each was raised to: baselines.
    from_values: list[re.Match] = []
    from_end = 0  # where the last from-value ends: an earlier "上年" is its, not the next's
    changed_by = False  # whether the verb after it names a change, not the level reached
    merged_until = 0  # the end of a figure read as the second part of the one before
    # Indicators of from-values that each name their own ("毛入园率由88.2%、覆盖率由80.1%
    # 分别提高到92.5%和86.3%"): the levels reached after them take these names in turn.
    from_names: list[str] = []
    clause_ends = [mark.end() for mark in _CLAUSE.finditer(plain)]
    marks = [
        (mark.end(), kind) for mark in _KIND_MARK.finditer(plain)
        if (kind := _mark_kind(mark, plain, year, unmarked == TARGET, school_year)) != _NO_MARK
    ]
    quoted = _quoted(plain) if "“" in plain else []
    for match in _FIGURE.finditer(plain):
        if match.start() < merged_until or any(a < match.start() < b for a, b in quoted):
            continue
        marks_before = bisect.bisect_right(clause_ends, match.start())
        clause_start = clause_ends[marks_before - 1] if marks_before else 0
        left_start = max(clause_start, previous_end, match.start() - _LEFT_CHARS)
        if clause_start and plain[clause_start - 1] in "：:" and not plain[
            clause_start : match.start()
        ].strip():
            # "学前三年毛入园率：91.2%": the name is the clause before the colon.
            label_start = clause_ends[marks_before - 2] if marks_before > 1 else 0
            left_start = max(label_start, previous_end, match.start() - _LEFT_CHARS)
            left = plain[left_start : clause_start - 1]
        else:
            left = plain[left_start : match.start()]
        after = plain[match.end() : match.end() + _RIGHT_CHARS]
        raw_number = match["pct"] or match["num"] or match["permille"] or match["part"]
        if _is_noise(match, raw_number, after):
            continue
        going = _from_value_next(plain, match.end())
        listed = from_end and not plain[from_end : match.start()].strip("、 ")
        if going and (_FROM_BEFORE.search(left) or listed):
            if not skipped:
                from_names = []
            own = re.split(r"[由从]", plain[max(left_start, from_end) : match.start()])[0]
            from_names.append(_strip_trailing(_LEADING.sub("", own)))
            skipped.append(match.start())
            from_values.append(match)
            from_end = match.end()
            # "由88.2%提高到94.7%": the next figure is the level reached; "由88.2%提高了
            # 6.5个百分点": by how much it changed.
            changed_by = not re.search("[到至]", going.group(0))
            continue
        if (
            (match["post"] in ("以上", "以下") or match["unit"] == "岁")
            and re.match(r"[\u4e00-\u9fff]", after)
        ) or (match["unit"] == "项" and _MEASURES_OF.match(after)) or left.endswith("每"):
            # "56人以上大班额", "3-6岁幼儿", "7项指标", "每百名学生": a threshold, an age
            # band, a set of measures or a base that qualifies the noun after it.
            continue
        if match["unit"] == "份" and left.endswith("共印"):
            continue  # "（共印30份）": the copies of a document printed
        unit, value = _unit_and_value(match, raw_number)
        rough = _ROUGH.fullmatch(raw_number) if match["num"] else None
        rough_upper = None
        if rough and _CN_DIGITS[rough[1]] < _CN_DIGITS[rough[2]]:
            # "三五所", "七八个村", "一两次": a rough count from one to the other, not 35.
            value, rough_upper = float(_CN_DIGITS[rough[1]]), str(_CN_DIGITS[rough[2]])
        end = match.end()
        if unit in _SHARED_UNIT_HEADS:
            # "4.3个和6.2个百分点", "1.2万和3.5万平方米": the unit is written once, after
            # the last figure of the list.
            listed_next = _LISTED_NEXT.match(plain, end)
            while listed_next and listed_next["unit"] == unit:
                listed_next = _LISTED_NEXT.match(plain, listed_next.end())
            if listed_next and listed_next["num"] and listed_next["unit"].startswith(unit):
                unit = _unhedged(listed_next["unit"])[0]
        post = match["post"]
        approx = match["approx"]
        if value is not None and unit in ("亿", "万"):
            # "1亿2000万元", "1亿零500万元", "3万5千余人": one figure in two parts.
            second = _FIGURE.match(plain, end + (plain[end : end + 1] == "零"))
            if second and second["num"] and not second["sign"]:
                parts = _two_part_figure(value, unit, second)
                if parts is not None:
                    value, unit = parts
                    approx = approx or second["approx"] or _unhedged(second["unit"])[1]
                    post = post or second["post"]
                    end = merged_until = second.end()
                    after = plain[end : end + _RIGHT_CHARS]
        elif value is not None and "亿" in raw_number and unit.startswith("万") and not (
            raw_number[0].isdigit()
        ):
            # "一亿二千万元": the 万 belongs to the number (1.2亿), which ends in it.
            value = chinese_number(raw_number + "万") / 1e4
        unit, hedge = _unhedged(unit)  # "2万余人", "1.5千万余元": 2 万人, more than
        approx = hedge or approx
        upper = match["upper"] or rough_upper
        ranged = _range_end(plain, end, unit, value) if not upper else None
        if ranged is not None:
            # "5%-8%", "3万至5万元": a range with its unit written twice.
            second, unit = ranged
            upper = second["pct"] or second["num"]
            approx = approx or second["approx"]
            post = post or second["post"]
            end = merged_until = second.end()
        if value is not None and match["sign"]:
            value = -value
        qualifiers = []
        if left.endswith("上") and raw_number[0] in "百千万":
            # "上千人次": up to a bare power, as "近千" is near one.
            left = left[:-1]
            qualifiers.append("上")
        hedge = _HEDGE_BEFORE.search(left)
        if hedge:
            qualifiers.append(hedge.group(1))
        if approx:
            qualifiers.append(approx)
        if upper:
            qualifiers.append("至" + upper)
        if post:
            qualifiers.append(post)
        listed = previous_end and not plain[previous_end : match.start()].strip(_LIST_MARKS)
        indicator, is_change = _indicator(
            left, after, unit, last_indicator if listed else previous_indicator,
            bool(skipped) or _FROM_WITHOUT_TO.search(left) is not None,
        )
        if unit == "分" and indicator.endswith("满分"):
            continue  # "满分为750分": the most a test gives, no one's score
        if skipped:
            from_names = _listed_names(from_names, len(skipped))
        elif not listed:
            # "毛入园率和覆盖率分别达到91.5%和88%": the names listed before 分别, in turn.
            from_names = _names_in_turn(
                _strip_trailing(_LEADING.sub("", left.replace("分别", ""))),
                _listed_count(plain, end),
            ) if "分别" in left else []
        if from_names:
            indicator = _shorten(from_names.pop(0))
        is_change = is_change or (bool(skipped) and changed_by)
        if from_values and (skipped or listed):
            # "由88.2%提高到94.7%": 88.2% is where 94.7% (or a change) started from.
            yield _from_value(from_values.pop(0), plain, sentence, _unchanged(indicator))
        else:
            from_values = []
        skipped = []
        baseline_from = max(clause_start, from_end)
        figure = Figure(
            indicator=indicator,
            value=value,
            unit=unit,
            sentence=sentence,
            text=sentence[match.start() : end],
            qualifier="".join(qualifiers),
            kind=_kind(
                plain, baseline_from, match.start(), indicator, unit, is_change, marks, unmarked
            ),
        )
        # What the next figure may be of: this one's indicator, without the words of a
        # change ("较上年提高2.1个百分点，达到95.3%": 95.3% is the 毛入园率, reached).
        previous_indicator = _unchanged(indicator) or previous_indicator
        last_indicator = indicator
        previous_end = end
        yield figure


def _from_value(match: re.Match, plain: str, sentence: str, indicator: str) -> Figure:
    """The baseline figure of a from-value ("由88.2%提高到…") at ``match`` of ``plain``,
    of ``indicator``."""
    unit, value = _unit_and_value(
        match, match["pct"] or match["num"] or match["permille"] or match["part"]
    )
    unit, hedge = _unhedged(unit)
    before = _HEDGE_BEFORE.search(plain, 0, match.start())
    qualifier = "".join(
        filter(None, (before and before.group(1), hedge or match["approx"], match["post"]))
    )
    if value is not None and match["sign"]:
        value = -value
    return Figure(
        indicator=indicator, value=value, unit=unit, sentence=sentence,
        text=sentence[match.start() : match.end()], qualifier=qualifier, kind=BASELINE,
    )


_RANGE_DASH = re.compile(r"[\ \u3000]?[至到~～—–-][\ \u3000]?")


def _listed_names(names: list[str], count: int) -> list[str]:
    """The indicators of ``count`` from-values listed before one verb, in order, from the
    ``names`` before each one's 由; none unless each has its own. "毛入园率、覆盖率分别由
    88.2%、80.1%提高到…" names both before the first; "小学、初中生均公用经费由650元、850元
    分别提高到…" names one, which a short first item only qualifies."""
    if count > 1 and names and not any(names[1:]):
        items = names[0].split("、")
        names = items if len(items) == count and min(map(len, items)) >= 4 else []
    return names if len(names) > 1 and all(names) else []


#: What parts the figures of a list: "91.5%和88%", "720元、940元".
_LIST_MARKS = "、和及与 "
#: The next figure of a list, right after one: "和6.2个百分点".
_LISTED_NEXT = re.compile(rf"[{_LIST_MARKS}]{{1,2}}{_FIGURE.pattern}", re.VERBOSE)
#: Units a list may leave for its last figure to write whole: "个" (个百分点) and scales
#: (万平方米, 亿元).
_SHARED_UNIT_HEADS = frozenset(("个", *_SCALES))
#: What ends the name of a rate, a count or a sum ("入园率", "教师数", "经费"), as against a
#: word that only qualifies the name after it ("小学、初中生均公用经费").
_INDICATOR_END = re.compile(r"(?:率|数|额|费|积|量|比|例|值|金|分)$")


def _listed_count(plain: str, end: int) -> int:
    """How many figures are listed from the one ending at ``end`` on: "91.5%和88%" is 2."""
    count = 1
    while following := _LISTED_NEXT.match(plain, end):
        count, end = count + 1, following.end()
    return count


def _names_in_turn(name: str, count: int) -> list[str]:
    """The names of ``count`` figures listed after one ``name`` that lists as many
    ("入园率和覆盖率" for "91.5%和88%"), each with the change they share ("入园率和覆盖率
    提高" gives "入园率提高", "覆盖率提高"); none unless each item names a rate, a count or
    a sum."""
    base = _unchanged(name)
    items = re.split(r"[、和及与]", base)
    if count < 2 or len(items) != count:
        return []
    if not all(map(_INDICATOR_END.search, items[:-1])):
        # "学前一年、学前三年毛入园率", "中级、高级职称教师占比": qualifiers, the noun after
        # the last one shared by all.
        noun = _shared_noun(items)
        if noun is None:
            return []
        items = [item + noun for item in items[:-1]] + items[-1:]
    if not all(map(_INDICATOR_END.search, items)):
        return []
    return [item + name[len(base) :] for item in items]


#: Stages and kinds of school that qualify an indicator listed before 分别: "学前一年",
#: "初中", "公办园".
_QUALIFIER = re.compile(
    r"学前[一二两三]年|(?:九年)?义务教育|小学|初中|(?:普通)?高中|中职|"
    r"(?:普惠性?)?(?:公办|民办)(?:幼儿)?园?|普惠性?(?:幼儿)?园|幼儿园|城区|城镇|农村|乡村|县城|乡镇"
)
def _shared_noun(items: list[str]) -> str | None:
    """The noun that the last of ``items`` ends in and the others leave out ("毛入园率" of
    "学前一年、学前三年毛入园率"); None when it cannot be told.

    Only stages, kinds and places of school (:data:`_QUALIFIER`: "小学、幼儿园", "公办、民办
    幼儿园", "公办园、普惠性民办园", "农村、城区") are parted, kinds written as the first is
    (with 园 or without); cutting other lists at a length had invented names (普惠性儿园覆盖率). A
    noun opening with a word's bound end (性, 级 …) or another qualifier but 幼儿园 ("城区、
    乡镇农村学校") is no noun of its own.
    """
    if not all(map(_QUALIFIER.fullmatch, items[:-1])):
        return None
    last = items[-1]
    # 公办、民办幼儿园: the kinds written bare, the noun is 幼儿园…; 公办园、民办园…: with 园.
    owned = _OWNERSHIP.match(items[0]) is not None
    for end in range(len(last) - 2, 0, -1):
        qualifier, noun = last[:end], last[end:]
        opening = _QUALIFIER.match(noun)
        if (
            _QUALIFIER.fullmatch(qualifier)
            and not (owned and qualifier.endswith("园") != items[0].endswith("园"))
            and noun[0] not in _BOUND_ENDS
            and (opening is None or opening.group() == "幼儿园")
        ):
            return noun
    return None


_OWNERSHIP = re.compile(r"(?:普惠性?)?(?:公办|民办)")
#: Characters that end a word rather than start one: "普惠性", "省级", "一类".
_BOUND_ENDS = frozenset("性级类型等园校区")
#: The next from-value of a list, with the indicator of its own: "、覆盖率由".
_NEXT_FROM = re.compile(r"、(?:[^、，,；;。：:由从]{1,16}[由从])?")


def _from_value_next(plain: str, end: int) -> re.Match | None:
    """The verb after a from-value ending at ``end`` ("由88.2%提高到"), also past the
    from-values listed after it ("由650元、850元分别提高到", "毛入园率由88.2%、覆盖率由
    80.1%分别提高到")."""
    while True:
        going = _FROM_VALUE_NEXT.match(plain, end)
        listed = None if going else _NEXT_FROM.match(plain, end)
        listed = listed and _FIGURE.match(plain, listed.end())
        if not listed:
            return going
        end = listed.end()


def _range_end(
    plain: str, end: int, unit: str, value: float | None
) -> tuple[re.Match, str] | None:
    """The upper end of a range whose first figure (``value`` in ``unit``) ends at ``end``
    ("5%-8%", "3万至5万元"), with the range's unit; None when no larger figure in the same
    unit follows."""
    dash = _RANGE_DASH.match(plain, end)
    if value is None or dash is None:
        return None
    second = _FIGURE.match(plain, dash.end())
    if second is None or second["sign"] or second["upper"] or not (
        second["num"] or second["pct"]
    ):
        return None
    second_unit, second_value = _unit_and_value(second, second["pct"] or second["num"])
    second_unit = _unhedged(second_unit)[0]
    if unit in ("万", "亿") and second_unit.startswith(unit):
        unit = second_unit  # "3万至5万元": the first figure's 元 is left out
    if second_unit != unit or second_value is None or second_value <= value:
        return None
    return second, unit


def _unit_and_value(match: re.Match, raw_number: str) -> tuple[str, float | None]:
    """The unit and value of a figure: "百分之九十五" is 95 %, "三分之二" 66.67 %, "千分之三"
    3 ‰, "12所" 12 所."""
    if match["pct"]:
        return "%", _number(raw_number)
    if match["permille"]:
        return "‰", _number(raw_number)
    if match["whole"]:
        fraction = chinese_number(match["part"]) / chinese_number(match["whole"])
        return "%", round(100 * fraction, 2)
    return match["unit"], _number(raw_number)


def _unhedged(unit: str) -> tuple[str, str | None]:
    """``unit`` without a hedge after its scale, and the hedge: "万余人" -> ("万人", "余")."""
    hedged = _HEDGED_UNIT.fullmatch(unit)
    if hedged is None:
        return unit, None
    return hedged["scale"] + hedged["base"], hedged["hedge"]


def _unchanged(indicator: str) -> str:
    """The indicator a change is of: "学前三年毛入园率较上年提高" -> "学前三年毛入园率"."""
    change = _CHANGE_START.search(indicator)
    return indicator[: change.start()] if change and change.start() >= 2 else indicator


def _two_part_figure(value: float, scale: str, second: re.Match) -> tuple[float, str] | None:
    """The value and unit of a figure written in two parts, ``value`` then ``scale`` (亿 or
    万), then ``second``, a smaller part with the unit ("1亿2000万元" is 12000 万元, "3万
    5千元" 35000 元); None when ``second`` is no smaller part of it."""
    if second["pct"] or second["upper"]:
        return None
    part_scale, base = _split_unit(_unhedged(second["unit"])[0])
    first_scale = _SCALES[scale]
    second_value = _number(second["num"])
    if second_value is None or not base or second_value * part_scale >= first_scale:
        return None
    total = value * first_scale + second_value * part_scale
    if first_scale == _SCALES["亿"]:
        return round(total / _SCALES["万"], 10), "万" + base
    return round(total, 10), base


def _kind(
    sentence: str, clause_start: int, position: int, indicator: str, unit: str,
    is_change: bool, marks: list[tuple[int, str | None]], unmarked: str = RESULT,
) -> str:
    """The kind of the figure at ``position`` of ``sentence`` (see :class:`Figure`);
    ``marks`` are the sentence's ``(end, kind)`` kind markers, and ``unmarked`` the kind of
    a figure none comes before."""
    if is_change or unit in ("个百分点", "百分点") or _CHANGED.search(indicator):
        return CHANGE
    if _BASELINE.search(sentence, clause_start, position):
        return BASELINE
    before = bisect.bisect_right(marks, position, key=lambda mark: mark[0])
    kinds = [kind for _, kind in marks[:before]]
    stated = [kind for kind in kinds if kind not in (None, _EARLIER_YEAR, _LATER_YEAR)]
    if kinds and kinds[-1] in (_EARLIER_YEAR, _LATER_YEAR) and not (
        TOTAL in stated or _SPAN_AHEAD in stated
    ):
        # Another year's figure, in no total: not the report year's result. "2023年为93.1%，
        # 2024年达到93.6%" in a report on 2024 starts from 93.1; "2025年新建幼儿园2所"
        # in it plans.
        return BASELINE if kinds[-1] == _EARLIER_YEAR else TARGET
    if not stated:
        return unmarked
    kind = stated[-1]
    if kind == _SPAN_AHEAD and unmarked == TARGET:
        return TARGET  # "“十四五”期间新建幼儿园80所" in a plan: what it aims at
    if kind in (TOTAL, _SPAN_AHEAD) and unit in _LEVEL_UNITS:
        return RESULT  # a rate after "五年来" is the level reached
    if kind in (TOTAL, _SPAN_AHEAD) and kinds[-1] is None:
        return unmarked  # a figure after "今年", "每年" or the report's year is one year's
    return TOTAL if kind == _SPAN_AHEAD else kind


#: A unit and what follows it that make a numeral part of a name or an idiom, not a count:
#: "二次方程", "三次分配", "十件实事", "民生十件大事", "两张皮", "一张蓝图".
_NAMED_COUNT = re.compile(
    r"次(?:方程|函数|根式|分配|开发)|件(?:民生)?(?:实事|大事|好事)|张(?:皮|蓝图)"
)


#: Set phrases of speeches made of a bare power: "千家万户", "千万学子"; "近千万元" and
#: "上千人次" count.
_SET_PHRASE = re.compile(
    r"千家万户|千万(?:家庭|学子|师生|群众|儿童|孩子|家长|百姓|青少年)|千千万万|万家灯火"
)


def _is_noise(match: re.Match, raw_number: str, after: str) -> bool:
    """Chinese numerals that are words, not figures: "一名", "三个课堂", "两个只增不减"."""
    if raw_number[0].isdigit() or not match["num"] or re.fullmatch(_PLACEHOLDER, raw_number):
        return False
    if raw_number == "一":
        # "一名教师", "一个不少": words; but "投入资金一亿元", "新建幼儿园一所。" count.
        # "一元二次方程", "一元化" are words too: a bare 元 counts only at a clause's end.
        unit = match["unit"]
        return not (
            unit.startswith(("万", "亿")) or (unit in _MONEY_UNITS and unit != "元")
            or unit in ("个百分点", "百分点") or not re.match(r"[\u4e00-\u9fff“]", after)
        )
    if _NAMED_COUNT.match(match["unit"] + after):
        return True
    if _SET_PHRASE.match(raw_number + match["unit"] + after):
        return True
    small = raw_number in _CN_DIGITS
    return small and match["unit"] == "个" and bool(re.match(r"[\u4e00-\u9fff“]", after))


def _indicator(
    left: str, after: str, unit: str, previous: str, had_from_value: bool
) -> tuple[str, bool]:
    """Name the figure from the text before it in its clause (``left``); the flag says
    whether the figure is a change of the ``previous`` indicator."""
    if had_from_value:
        # "学前三年毛入园率由88.2%提高到": the name stands before 由.
        left = re.split(r"[由从]", left)[0]
    ended_with_list = bool(re.search(r"等[\s“”]*$", left))
    left = left.replace("分别", "")  # "respectively", of figures listed: no name's word
    # Quotes around a name inside the indicator ("培育省级“三名工作室”") are not its words.
    name = _strip_trailing(_LEADING.sub("", left)).replace("“", "").replace("”", "")
    name = _LEADING.sub("", name)
    if _CHANGE.search(name) and previous:
        return _shorten(previous + name), True
    following = _following_noun(after)
    if re.fullmatch(r"\s*[至到~～—-]\s*", left) and previous:
        # "3000万元至5000万元": the upper end of a range of the previous figure.
        return previous, False
    if not name:
        return _shorten(following or previous), False
    if ended_with_list or "、" in name:
        # "完成A、B等14个项目", "新建A幼儿园、B幼儿园等4所": the verb and what is counted.
        head = following or _common_suffix(name.split("、"))
        if head:
            verb = _BARE_VERB.match(name)
            return _shorten((verb.group(0) if verb else "") + head), False
    if _BARE_VERB.fullmatch(name) and unit in _MONEY_UNITS:
        return name + "资金", False
    if _BARE_VERB.fullmatch(name) or len(name) <= 2:
        # "新建4所公办幼儿园", "与本地3家企业": what is counted comes after the figure.
        return _shorten(name + following), False
    return _shorten(name), False


def _strip_trailing(name: str) -> str:
    name = name.rstrip()
    while True:
        word = next((w for w in _TRAILING if name.endswith(w)), None)
        if word is None and (year := _YEAR_AT_END.search(name)):
            word = year.group()  # "毛入园率2023年为": the year is the figure's, not the name's
        if word is None:
            return name
        name = name[: -len(word)].rstrip()


def _common_suffix(items: list[str]) -> str:
    """What the items of a list share at their end: the kind of thing they are."""
    if len(items) < 2:
        return ""
    length = 0
    while length < min(map(len, items)) and len({item[-1 - length] for item in items}) == 1:
        length += 1
    return items[0][len(items[0]) - length :] if length >= 2 else ""


def _following_noun(after: str) -> str:
    """The noun right after a figure's unit ("4所公办幼儿园" -> "公办幼儿园"); empty when
    it runs on past ten characters, as where it ends is then unknown."""
    run = re.match(r"[\u4e00-\u9fff]+", after)
    if not run or re.match(r"以上|以下|左右|以内", after):
        return ""
    stop = _NOUN_STOP.search(run.group(0))
    noun = run.group(0)[: stop.start() if stop else None]
    if (
        stop and stop.start() and len(stop.group()) > 1 and len(run.group(0)) <= 10
        and _PLACE_NOUN.search(run.group(0))
    ):
        # "50所新课程实施样板校": the verb inside names the kind of school.
        noun = run.group(0)
    return noun if len(noun) <= 10 else ""


def _shorten(name: str) -> str:
    """Long names keep their head, which comes last in Chinese: from the last verb, or
    after the last list comma or conjunction; else the name is left empty, as cutting it
    anywhere else leaves a fragment of a word."""
    if len(name) <= _MAX_INDICATOR:
        return name
    verbs = list(_MID_VERB.finditer(name))
    if verbs and 2 <= len(name) - verbs[-1].start() <= _MAX_INDICATOR:
        return name[verbs[-1].start() :]
    tail = re.split(r"[、的和]|(?<!参)与|(?<![普涉])及", name)[-1]
    if 2 <= len(tail) <= _MAX_INDICATOR:
        return tail
    return name if len(name) <= _MAX_UNCUT else ""


#: How a figure that is not a result is marked where figures are listed as text.
_KIND_NOTES = {TARGET: "目标", BASELINE: "基数", TOTAL: "累计"}


def format_figure(figure: Figure) -> str:
    """"学前三年毛入园率 95.3%", "投入资金 1200万元（余）", "入园率 xx%（未填）"; a target
    or a baseline says so, beside the result it would otherwise read as.

    >>> format_figure(Figure("投入资金", 1200.0, "万元", "", "1200余万元", "余"))
    '投入资金 1200万元（余）'
    >>> format_figure(Figure("投入资金", 35000000.0, "元", "", "35000000元", ""))
    '投入资金 35000000元'
    >>> format_figure(Figure("学前三年毛入园率", 97.0, "%", "", "97%以上", "以上", TARGET))
    '学前三年毛入园率 97%（以上，目标）'
    """
    value = "xx" if figure.value is None else _plain_number(figure.value)
    notes = ["未填" if figure.missing else figure.qualifier, _KIND_NOTES.get(figure.kind, "")]
    note = "，".join(n for n in notes if n)
    name = f"{figure.indicator} " if figure.indicator else ""
    return f"{name}{value}{figure.unit}" + (f"（{note}）" if note else "")


def _plain_number(value: float) -> str:
    """A figure as a report writes it: all its digits, never 3.5e+07 (``:g`` keeps six
    significant digits and turns 35000000 into 3.5e+07), without trailing zeros."""
    if value == int(value):
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")
