"""Figures stated in reports: indicator, value, unit and hedge, on phrasings written here."""

import pytest

from edusummary import Figure, extract_figures
from edusummary.reports.figures import chinese_number, format_figure, sentence_spans

# (sentence, indicator, value, unit, qualifier) of the one figure each sentence states.
ONE_FIGURE = [
    # Arabic figures and percent signs.
    ("全镇学前三年毛入园率达到95.3%。", "学前三年毛入园率", 95.3, "%", ""),
    ("全区义务教育巩固率为99.2％。", "义务教育巩固率", 99.2, "%", ""),
    ("普惠性幼儿园覆盖率达到９１．５％。", "普惠性幼儿园覆盖率", 91.5, "%", ""),
    ("今年新建幼儿园12所。", "新建幼儿园", 12, "所", ""),
    ("投入资金1200万元。", "投入资金", 1200, "万元", ""),
    ("全年教育总投入1.2亿元。", "教育总投入", 1.2, "亿元", ""),
    ("全年校舍改造资金3.5千万元。", "校舍改造资金", 3.5, "千万元", ""),
    # A blank between figure and unit, as text copied out of a PDF or a table has.
    ("学前三年毛入园率达到 91.2 %。", "学前三年毛入园率", 91.2, "%", ""),
    ("今年新建公办幼儿园\u00a05\u00a0所。", "新建公办幼儿园", 5, "所", ""),
    # Thousands parted by a blank, as a PDF's text has them.
    ("今年新增学位1 800个。", "新增学位", 1800, "个", ""),
    # The name before a colon.
    ("学前三年毛入园率：91.2%。", "学前三年毛入园率", 91.2, "%", ""),
    ("县财政拨付校舍维修经费1,350万元。", "县财政拨付校舍维修经费", 1350, "万元", ""),
    ("城区新增学位2400个。", "城区新增学位", 2400, "个", ""),
    ("全县共有在校学生3.6万人。", "在校学生", 3.6, "万人", ""),
    ("全年培训乡村教师2800人次。", "培训乡村教师", 2800, "人次", ""),
    ("招聘特岗教师85名。", "招聘特岗教师", 85, "名", ""),
    # Chinese numerals.
    ("学前三年毛入园率达到百分之九十五。", "学前三年毛入园率", 95, "%", ""),
    ("残疾儿童入学率达百分之九十七点五。", "残疾儿童入学率", 97.5, "%", ""),
    ("留守儿童结对帮扶率达到百分之百。", "留守儿童结对帮扶率", 100, "%", ""),
    ("全年改造农村薄弱学校十二所。", "改造农村薄弱学校", 12, "所", ""),
    ("全年教育支出四点二亿元。", "教育支出", 4.2, "亿元", ""),
    ("累计投入一千二百万元改善办学条件。", "投入资金", 1200, "万元", ""),
    ("建成标准化操场两千余平方米。", "建成标准化操场", 2000, "平方米", "余"),
    ("全县公办园在园幼儿占比超过七成。", "公办园在园幼儿占比", 7, "成", "超过"),
    # Hedges and ranges.
    ("投入资金1200余万元。", "投入资金", 1200, "万元", "余"),
    ("全县建成乡镇中心幼儿园五十多所。", "建成乡镇中心幼儿园", 50, "所", "多"),
    ("初中三年巩固率保持在98%以上。", "初中三年巩固率", 98, "%", "以上"),
    ("随迁子女在公办学校就读比例稳定在90%左右。", "随迁子女在公办学校就读比例", 90, "%", "左右"),
    ("城区学校每年新增入学需求约600人。", "城区学校每年新增入学需求", 600, "人", "约"),
    ("全年开展送教下乡活动不少于40次。", "开展送教下乡活动", 40, "次", "不少于"),
    ("每所中心园结对帮扶3至5所村级园。", "每所中心园结对帮扶", 3, "所", "至5"),
    # The counted noun after the figure; lists.
    ("新建4所公办幼儿园。", "新建公办幼儿园", 4, "所", ""),
    ("完成南山小学、北关中学等9个改薄项目。", "完成改薄项目", 9, "个", ""),
    ("其中新建城北幼儿园、河湾幼儿园等3所。", "新建幼儿园", 3, "所", ""),
    ("为2.3万名农村学生落实营养改善计划。", "农村学生", 2.3, "万名", ""),
    # Thresholds and fillers.
    ("截至年底，全区中小学心理健康教师配备率达到100%。",
     "中小学心理健康教师配备率", 100, "%", ""),
    ("2024年高考本科上线980人。", "高考本科上线", 980, "人", ""),
]


@pytest.mark.parametrize(("sentence", "indicator", "value", "unit", "qualifier"), ONE_FIGURE)
def test_one_figure_per_phrasing(sentence, indicator, value, unit, qualifier):
    figures = extract_figures(sentence)
    assert len(figures) == 1, figures
    (figure,) = figures
    assert figure.indicator == indicator
    assert figure.value == pytest.approx(value)
    assert figure.unit == unit
    assert figure.qualifier == qualifier
    assert figure.sentence == sentence
    assert not figure.missing


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # In a report on 2024, 2023's level is where it started, and 2025's an aim; the
        # year is no word of the indicator's name.
        ("全县学前三年毛入园率2023年为93.1%，2024年达到93.6%。",
         [("学前三年毛入园率", 93.1, "baseline"), ("学前三年毛入园率", 93.6, "result")]),
        ("2023年，全县新建幼儿园2所，新增学位660个。",
         [("新建幼儿园", 2, "baseline"), ("新增学位", 660, "baseline")]),
        ("2025年，全县新建幼儿园2所，学前三年毛入园率将达到95%。",
         [("新建幼儿园", 2, "target"), ("学前三年毛入园率", 95, "target")]),
        # One year's part of a sum over several stays in the sum.
        ("近三年累计投入资金2.4亿元，2023年投入8000万元，2024年投入9000万元。",
         [("投入资金", 2.4, "total"), ("投入资金", 8000, "total"),
          ("投入资金", 9000, "result")]),
        ("近三年累计新增学位2100个，其中2022年新增600个，2023年新增700个。",
         [("新增学位", 2100, "total"), ("新增", 600, "result"), ("新增", 700, "result")]),
        # A bullet is no word of a name.
        ("▲2024年，全县学前三年毛入园率达到95.6%。",
         [("学前三年毛入园率", 95.6, "result")]),
        # A year compared with is not the year of the figures after it.
        ("学前三年毛入园率较2023年提高2.4个百分点，达到93.6%。",
         [("学前三年毛入园率较2023年提高", 2.4, "change"), ("学前三年毛入园率", 93.6, "result")]),
        ("与2023年相比，普惠性幼儿园覆盖率提高到89.5%。",
         [("普惠性幼儿园覆盖率", 89.5, "result")]),
    ],
)
def test_a_figure_of_another_year_is_not_the_reports_result(sentence, expected):
    got = [(f.indicator, f.value, f.kind) for f in extract_figures(sentence, year=2024)]
    assert got == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("学前三年毛入园率由86.5%提高到93.1%。",
         [("学前三年毛入园率", 86.5, "%", "", "baseline"),
          ("学前三年毛入园率", 93.1, "%", "", "result")]),
        ("56人以上大班额由上年的31个降至6个。",
         [("56人以上大班额", 31, "个", "", "baseline"), ("56人以上大班额", 6, "个", "", "result")]),
        # The hedge of a from-value is its own.
        ("普惠性幼儿园覆盖率由约80%提高到85%以上。",
         [("普惠性幼儿园覆盖率", 80, "%", "约", "baseline"),
          ("普惠性幼儿园覆盖率", 85, "%", "以上", "result")]),
        ("农村小学辍学率由不足1%下降到0.3%，专任教师由1200余人增加到1500人。",
         [("农村小学辍学率", 1, "%", "不足", "baseline"),
          ("农村小学辍学率", 0.3, "%", "", "result"),
          ("专任教师", 1200, "人", "余", "baseline"), ("专任教师", 1500, "人", "", "result")]),
        # 不到 hedges as 不足 does; a yearly or per-pupil amount starts from its own.
        ("普惠性幼儿园覆盖率由不到30%提高到52%。",
         [("普惠性幼儿园覆盖率", 30, "%", "不到", "baseline"),
          ("普惠性幼儿园覆盖率", 52, "%", "", "result")]),
        ("县财政学前教育投入由每年800万元增加到1500万元。",
         [("县财政学前教育投入", 800, "万元", "", "baseline"),
          ("县财政学前教育投入", 1500, "万元", "", "result")]),
        ("营养改善计划补助标准由每生每天4元提高到5元。",
         [("营养改善计划补助标准", 4, "元", "", "baseline"),
          ("营养改善计划补助标准", 5, "元", "", "result")]),
        # Whom and how often, in either order.
        ("寄宿生生活补助由每月每生80元提高到每月每生120元。",
         [("寄宿生生活补助", 80, "元", "", "baseline"),
          ("寄宿生生活补助", 120, "元", "", "result")]),
        ("全县开设心理健康课的学校不到30%。",
         [("开设心理健康课的学校", 30, "%", "不到", "result")]),
        # In a plan the level aimed at is a target; where it starts from stays a baseline.
        ("到2025年，全市普惠性幼儿园覆盖率由82%提高到90%。",
         [("普惠性幼儿园覆盖率", 82, "%", "", "baseline"),
          ("普惠性幼儿园覆盖率", 90, "%", "", "target")]),
    ],
)
def test_a_from_value_is_the_baseline_of_the_level_reached(sentence, expected):
    # An analyst comparing years needs where a rate started as much as where it got to.
    got = [(f.indicator, f.value, f.unit, f.qualifier, f.kind) for f in extract_figures(sentence)]
    assert got == expected


def test_at_least_thirty_phrasings_are_covered():
    assert len(ONE_FIGURE) >= 30


@pytest.mark.parametrize(
    ("sentence", "indicator", "unit"),
    [
        ("学前三年毛入园率达到xx%。", "学前三年毛入园率", "%"),
        ("全年投入资金XX万元。", "投入资金", "万元"),
        ("新建幼儿园××所。", "新建幼儿园", "所"),
        ("义务教育巩固率达到x.x%。", "义务教育巩固率", "%"),
        ("普惠率达到百分之xx。", "普惠率", "%"),
    ],
)
def test_placeholders_are_missing_not_numbers(sentence, indicator, unit):
    (figure,) = extract_figures(sentence)
    assert figure.missing and figure.value is None
    assert (figure.indicator, figure.unit) == (indicator, unit)


def test_a_change_is_named_after_the_indicator_it_changes():
    figures = extract_figures("全县教育经费支出8.6亿元，同比增长5.2%，比上年提高1.5个百分点。")
    assert [(f.indicator, f.value, f.unit) for f in figures] == [
        ("教育经费支出", 8.6, "亿元"),
        ("教育经费支出同比增长", 5.2, "%"),
        ("教育经费支出比上年提高", 1.5, "个百分点"),
    ]


def test_several_figures_in_one_sentence_keep_their_own_names():
    figures = extract_figures("添置图书8万册、计算机600台，新建实验室15间。")
    assert [(f.indicator, f.value, f.unit) for f in figures] == [
        ("添置图书", 8, "万册"),
        ("计算机", 600, "台"),
        ("新建实验室", 15, "间"),
    ]


def test_each_figure_carries_its_own_sentence():
    text = "新建幼儿园3所。义务教育巩固率达到99%；随迁子女全部入学。"
    figures = extract_figures(text)
    assert [f.sentence for f in figures] == ["新建幼儿园3所。", "义务教育巩固率达到99%；"]
    assert [f.text for f in figures] == ["3所", "99%"]


@pytest.mark.parametrize(
    "sentence",
    [
        "2023年11月，县教育局召开全县教育工作会议。",  # a date
        "一是扩充资源，二是规范管理。",  # list markers
        "实施第四期学前教育行动计划，举办第3届教学成果评选。",  # ordinals
        "推进“三个课堂”应用，落实“两个只增不减”要求。",  # slogans
        "为每名留守儿童确定一名代理家长。",  # "一名" is a word here
        "五十岁以上教师占比较高，66人以上超大班额全部消除。",  # thresholds qualifying a noun
        "开展Excel和PPT应用培训。",  # Latin letters are not placeholders
    ],
)
def test_words_that_look_like_figures_are_not_figures(sentence):
    assert extract_figures(sentence) == []


def test_a_list_of_names_and_figures_parted_by_colons():
    figures = extract_figures("学前三年毛入园率：91.2%；投入资金：3.5 千万元；新建幼儿园：5所。")
    assert [(f.indicator, f.value, f.unit) for f in figures] == [
        ("学前三年毛入园率", 91.2, "%"), ("投入资金", 3.5, "千万元"), ("新建幼儿园", 5, "所")
    ]


def test_a_figure_is_a_tuple_of_indicator_value_unit_sentence():
    (figure,) = extract_figures("新增学位900个。")
    indicator, value, unit, sentence = figure[:4]
    assert (indicator, value, unit, sentence) == ("新增学位", 900, "个", "新增学位900个。")
    assert isinstance(figure, Figure)
    assert figure._asdict()["text"] == "900个"


def test_figures_convert_between_scales_of_one_unit():
    assert Figure("投入资金", 1.2, "亿元", "").in_unit("万元") == 12000
    assert Figure("投入资金", 500, "元", "").in_unit("万元") == 0.05
    assert Figure("在校学生", 3.6, "万人", "").in_unit("人") == 36000
    assert Figure("改造资金", 3.5, "千万元", "").in_unit("万元") == 3500
    assert Figure("运动场", 2.0, "千米", "").in_unit("米") is None
    assert Figure("巩固率", 2.0, "个百分点", "").in_unit("%") is None
    assert Figure("入园率", None, "%", "").in_unit("%") is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("十", 10), ("十五", 15), ("二十", 20), ("一百零五", 105), ("三千", 3000),
     ("两万三千", 23000), ("九十八点六", 98.6), ("二〇二三", 2023)],
)
def test_chinese_numbers(text, value):
    assert chinese_number(text) == value


def test_chinese_number_names_the_bad_text():
    with pytest.raises(ValueError, match="'十五所'"):
        chinese_number("十五所")


def test_extract_figures_wants_text():
    with pytest.raises(TypeError, match="bytes"):
        extract_figures("新建幼儿园3所".encode())


def test_sentences_end_at_chinese_stops_and_keep_closing_quotes():
    text = "他说：“办好每一所学校。”随后散会！\n第二行"
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "他说：“办好每一所学校。”",
        "随后散会！",
        "第二行",
    ]


def test_a_figure_knows_whether_it_is_a_change():
    value, change, again = extract_figures(
        "本科上线率达到68.5%，比上年提高2.5个百分点，同比增长3.8%。"
    )
    assert not value.change and change.change and again.change
    assert not Figure("新增学位", 900.0, "个", "").change


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("全年投入资金35000000元", "35000000元"),  # was 3.5e+07元
        ("全年投入资金1234567.8元", "1234567.8元"),  # was 1.23457e+06元, a digit lost
        ("全县在校学生1000000人", "1000000人"),
    ],
)
def test_a_large_figure_is_shown_with_all_its_digits(text, shown):
    (figure,) = extract_figures(text)
    assert format_figure(figure).endswith(shown)


@pytest.mark.parametrize(
    "text",
    ["到2025年，学前三年毛入园率力争达到97%", "学前三年毛入园率确保达到97%",
     "学前三年毛入园率基本达到97%"],
)
def test_a_hedge_before_the_figure_is_not_part_of_the_indicator(text):
    (figure,) = extract_figures(text)
    assert (figure.indicator, figure.value) == ("学前三年毛入园率", 97.0)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("全年投入资金800万，新建幼儿园三所。", 800.0),
        ("累计投入教育经费12亿。", 120000.0),
        ("全年投入资金3.5千万，新建幼儿园三所。", 3500.0),
    ],
)
def test_money_without_its_yuan_fills_the_funding_column(text, value):
    from edusummary.reports.summary import key_figure_value
    from edusummary.topics import KEY_FIGURES

    (funding,) = [key for key in KEY_FIGURES if key.column == "投入资金(万元)"]
    assert key_figure_value(funding, extract_figures(text)) == value


@pytest.mark.parametrize(
    "text",
    [
        "三年新建公办幼儿园18所，新增学位4300个。",
        "三年共新建幼儿园18所。",
        "近年来累计新建幼儿园18所。",
    ],
)
def test_a_sum_over_three_years_is_a_total_not_one_years_result(text):
    assert {figure.kind for figure in extract_figures(text, year=2023)} == {"total"}


@pytest.mark.parametrize(
    "text", ["学前三年毛入园率达到93.6%。", "每三年新建一批标准化学校，今年新建4所。"]
)
def test_three_years_of_preschool_or_a_cycle_are_no_sum(text):
    assert "total" not in {figure.kind for figure in extract_figures(text, year=2023)}


def test_a_noun_holding_puji_is_not_cut_at_its_ji():
    (figure,) = extract_figures("完成1个国家学前教育普及普惠县创建的前期准备工作。")
    assert not figure.indicator.endswith("普")
