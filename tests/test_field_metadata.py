"""Titles, regions and years of web copies and clean reports, as summaries state them.

Web copies open with the site's name, a breadcrumb trail or a note of publication, and
templates put placeholders (XX县, ××市, 某县) where the region goes: none of these may become
a summary's title, region or year.
"""

import pytest

import edusummary
from edusummary.reports.metadata import report_region, report_year

BODY = (
    "全县教育系统围绕年度目标，扎实推进各项重点工作，教育事业取得新进展。\n"
    "一、学前教育\n"
    "新建公办幼儿园四所，新增学位一千二百个，学前三年毛入园率达到百分之九十三。\n"
)


@pytest.mark.parametrize(
    ("opening", "title", "region", "year"),
    [
        # A site's name above the title.
        ("无锡英才网\n东岭县教育局2023年工作总结\n", "东岭县教育局2023年工作总结", "东岭县", 2023),
        (
            "河湾教育门户\n南湖区教育局2022年工作总结\n",
            "南湖区教育局2022年工作总结",
            "南湖区",
            2022,
        ),
        # A site's name after the title, as a saved page's title line carries it.
        ("东岭县教育局2023年工作总结_无锡英才网\n", "东岭县教育局2023年工作总结", "东岭县", 2023),
        (
            "柳林县教育局2024年工作要点 - 某某文库\n",
            "柳林县教育局2024年工作要点",
            "柳林县",
            2024,
        ),
        (
            "南湖区教育局2022年工作总结｜南湖教育信息网\n",
            "南湖区教育局2022年工作总结",
            "南湖区",
            2022,
        ),
        # A school year's dash is not a separator; its report is of the year it ends.
        (
            "青石县教育局2022-2023学年工作总结\n",
            "青石县教育局2022-2023学年工作总结",
            "青石县",
            2023,
        ),
        # Breadcrumb trails, with arrows or slashes.
        (
            "XX教育信息网 > 工作总结 > 正文\n青石县教育局2022年工作总结\n",
            "青石县教育局2022年工作总结",
            "青石县",
            2022,
        ),
        (
            "首页 > 文章中心 > 教育动态\n南湖区教育局二〇二三年工作要点\n",
            "南湖区教育局二〇二三年工作要点",
            "南湖区",
            2023,
        ),
        (
            "首页/教育资讯/正文\n柳林县教育局2024年工作计划\n",
            "柳林县教育局2024年工作计划",
            "柳林县",
            2024,
        ),
        # Placeholders name no region; the rest of the title still stands.
        ("XXX县区教育局2023年工作总结\n", "XXX县区教育局2023年工作总结", None, 2023),
        ("××市教育局2024年工作计划\n", "××市教育局2024年工作计划", None, 2024),
        ("**区教育局2023年工作总结\n", "**区教育局2023年工作总结", None, 2023),
        ("某县教育局2021年工作总结\n", "某县教育局2021年工作总结", None, 2021),
        ("××××\n云台县教育局2023年工作总结\n", "云台县教育局2023年工作总结", "云台县", 2023),
        # The title's year, not the year the copy was posted.
        (
            "发布时间：2024-03-01\n东岭县教育局2023年工作总结\n",
            "东岭县教育局2023年工作总结",
            "东岭县",
            2023,
        ),
        (
            "凤山县教育局工作总结\n发布时间：2024年3月1日\n2023年，",
            "凤山县教育局工作总结",
            "凤山县",
            2023,
        ),
        # Clean openings.
        (
            "白沙县教育局关于2023年全县教育工作情况的汇报\n",
            "白沙县教育局关于2023年全县教育工作情况的汇报",
            "白沙县",
            2023,
        ),
        ("江南省教育厅二〇二二年工作要点\n", "江南省教育厅二〇二二年工作要点", "江南省", 2022),
        ("2023年工作总结\n", "2023年工作总结", None, 2023),
        # The office on a line above the year and kind of report: one title.
        ("东岭县教育局\n2023年工作总结\n", "东岭县教育局2023年工作总结", "东岭县", 2023),
        ("XX县教育局\n二〇二三年度工作总结\n", "XX县教育局二〇二三年度工作总结", None, 2023),
        # A title page: the issuing office above the title, the date below. The title was
        # the office, and the title itself was labelled as a paragraph.
        (
            "青石县人民政府教育督导室\n关于青石县2023年度学前教育发展情况的督导评估报告\n"
            "二〇二四年一月\n",
            "关于青石县2023年度学前教育发展情况的督导评估报告",
            "青石县",
            2023,
        ),
        ("", None, None, None),
        # A report without a title line: its first section heading was taken for its title.
        ("一、学前教育工作\n", None, None, None),
        # Nor is a short sentence opening the text one; a slogan is.
        ("全县新建幼儿园3所，新增学位900个。\n", None, None, None),
        ("凝心聚力谋发展，砥砺奋进谱新篇！\n", "凝心聚力谋发展，砥砺奋进谱新篇！", None, None),
    ],
)
def test_title_region_and_year_of_an_opening(opening, title, region, year):
    summary = edusummary.tag(opening + BODY).summary()
    assert (summary.title, summary.region, summary.year) == (title, region, year)


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("XX县教育局2023年工作总结", None),
        ("xx市教育局工作要点", None),
        ("江南省××市教育局工作总结", None),
        ("某某县教育局工作汇报", None),
        ("清水县教育局2023年工作总结", "清水县"),
    ],
)
def test_region_is_never_a_placeholder(text, region):
    assert report_region(text) == region


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("二〇二三年全县教育工作总结", 2023),
        ("2023年全县教育工作总结", 2023),
        ("发布时间：2024年03月01日\n2023年，全县教育系统", 2023),
        ("来源：县教育局  发布日期：2024年3月1日", None),
        ("发布时间：2024-03-01", None),
        # A date of posting with its clock time, or before its source.
        ("清水教育 2024年01月18日 18:30\n2023年，全县教育系统", 2023),
        ("2024年01月18日　来源：清水县教育局\n2023年，全县教育系统", 2023),
    ],
)
def test_year_is_not_the_date_of_publication(text, year):
    assert report_year(text) == year


@pytest.mark.parametrize(
    ("text", "plan", "year"),
    [
        # In a plan, a year after its words of aim is aimed at, not the document's.
        ("为确保2016年通过国家义务教育发展基本均衡县督导评估认定，现提出如下意见", True, None),
        ("力争2025年学前三年毛入园率达到95%\n2023年，全县教育系统", True, 2023),
        # In a report they speak of the year it reports on.
        ("我局确保2023年各项目标任务全面完成", False, 2023),
        ("按照年初计划2023年全县新建幼儿园3所\n2024年，全县将继续推进", False, 2023),
    ],
)
def test_a_year_after_words_of_aim_is_aimed_at_in_a_plan_only(text, plan, year):
    assert report_year(text, plan=plan) == year


@pytest.mark.parametrize(
    ("title", "region"),
    [
        ("海淀区教委2024年工作要点", "海淀区"),
        ("清水县推进学前教育普及普惠实施方案（2023—2027年）", "清水县"),
        ("清水县“十四五”教育事业发展规划（2021—2025年）", "清水县"),
        ("石门县农村学前教育发展情况调研报告", "石门县"),
        ("西宁市城东区2022—2023学年度教育工作总结", "西宁市城东区"),
        ("关于印发《清水县推进义务教育优质均衡发展实施方案》的通知", "清水县"),
        ("关于印发清水县2024年学前教育工作方案的通知", "清水县"),
        # A title that opens with its place, whatever it goes on with.
        ("清水县关于加强中小学德育工作的意见", "清水县"),
        ("清水县学校安全工作要点", "清水县"),
        ("关于清水县2019年度县级人民政府履行教育职责情况的督导评估报告", "清水县"),
        ("关于清水县创建学前教育普及普惠县的督导评估报告", "清水县"),
        # Not a title: a sentence that ends in a kind of document.
        ("为推进县域义务教育优质均衡发展，现提出如下意见", None),
        # Titles that open with a verb, an age or a person name no place.
        ("推进县域义务教育优质均衡发展实施方案", None),
        ("新时代县域高中振兴计划", None),
        ("争创省级文明校园工作方案", None),
        ("王县长在全县教育工作会议上的讲话", None),
        ("现将市教育局关于印发学前教育行动方案的通知转发给你们", None),
    ],
)
def test_region_of_more_title_shapes(title, region):
    assert report_region(title) == region


@pytest.mark.parametrize(
    ("text", "region", "year"),
    [
        # A news item: the region holds the meeting, or its lead names it after 近日.
        ("南湖区召开2022年教育工作会议\n\n近日，南湖区召开全区教育工作会议，部署全年工作。\n",
         "南湖区", 2022),
        ("全县学前教育工作推进会召开\n\n本报讯 日前，东岭县教育局召开学前教育工作推进会。\n",
         "东岭县", None),
        # A speech is of the year it is dated (at its head or its end), not the year it
        # looks back on; its byline names the region with the speaker's post.
        ("在全县教育工作会议上的讲话\n\n东岭县委副书记　周明\n\n同志们：\n\n"
         "2018年，全县教育工作取得新的成绩。今天召开会议，部署今年的工作。\n\n（2019年2月26日）\n",
         "东岭县", 2019),
        ("在全市教育工作会议上的讲话\n\n清河市副市长　吴兰\n\n（二〇二一年三月二日）\n\n"
         "同志们：\n\n2020年，全市教育系统克服困难，各项工作稳步推进。\n", "清河市", 2021),
        # A web news item posted in 2024 that cites last year's list.
        ("南湖区通过学前教育普及普惠督导评估\n\n发布时间：2024年5月8日　来源：南湖区融媒体中心\n\n"
         "近日，省教育厅公布2023年督导评估结果，南湖区顺利通过。\n", "南湖区", 2024),
        # "2018年以来" starts a span looked back on; a summary dated the next January is of
        # the year it reports on.
        ("关于全县学前教育发展情况的汇报\n\n近年来，特别是2018年以来，全县持续加大学前教育投入。\n",
         None, None),
        ("东岭县教育局工作总结\n\n2023年，全县教育系统扎实推进各项工作。\n\n东岭县教育局\n\n"
         "2024年1月8日\n", "东岭县", 2023),
        # So too a report whose title names no kind of document, or that has no title; the
        # office signing it names its region.
        ("东岭县教育局学前教育工作亮点\n\n2023年，全县新建幼儿园三所。\n\n2024年1月5日\n",
         "东岭县", 2023),
        ("　　2023年，全县新建幼儿园三所，新增学位九百个，各项工作稳步推进。\n\n东岭县教育局\n"
         "2024年1月8日\n", "东岭县", 2023),
        # A report whose title holds a news verb is a report still; a news lead names its
        # region with what it did.
        ("东岭县通过义务教育优质均衡发展国家督导评估情况汇报\n\n2023年，全县顺利通过评估。\n\n"
         "2024年1月10日\n", "东岭县", 2023),
        ("义务教育工作推进会召开\n\n近日，南湖区召开全区义务教育优质均衡发展推进会。\n",
         "南湖区", None),
        # Portals and WeChat post dates as 2024-03-07; a news lead may open with its date.
        ("东岭县召开学前教育工作推进会\n\n发布时间：2024-03-07 10:20　来源：县教体局\n\n"
         "3月6日上午，东岭县教育体育局召开学前教育工作推进会，部署全年工作。\n", "东岭县", 2024),
        ("学前教育工作推进会召开\n\n东岭教育 2024-03-07 18:02\n\n"
         "2024年3月6日，东岭县教育体育局召开学前教育工作推进会。\n", "东岭县", 2024),
        # A place after a list's 三是 or after 今年, in a paragraph, names no region.
        ("教育工作总结\n\n　　今年南湖区举办全区中小学运动会，参赛学生一千二百人。\n"
         "　　三是城东区举办教师技能大赛，全区二百名教师参赛。\n", None, None),
    ],
)
def test_region_and_year_of_news_items_and_speeches(text, region, year):
    summary = edusummary.tag(text + BODY).summary()
    assert (summary.region, summary.year) == (region, year)


@pytest.mark.parametrize(
    "region",
    ["本溪市", "于都县", "全椒县", "全州县", "关岭县", "于洪区", "嘉峪关市", "潼关县",
     "甘肃省兰州市城关区"],
)
def test_a_region_whose_name_opens_as_a_word_of_the_text_does(region):
    # 本, 于, 全 and 关 were left out of names for 本县, 关于 and 全县.
    assert report_region(f"{region}教育局2023年工作总结") == region
    assert report_region("关于全县教育工作的总结") is None


@pytest.mark.parametrize(
    "title", ["全盟教育工作总结", "本地区教育工作总结", "全自治区教育工作要点",
              "全国文明城市创建教育工作总结", "全面振兴县域教育工作总结", "本学年县教育工作总结"],
)
def test_words_that_open_as_a_place_name_does_name_no_region(title):
    assert report_region(title) is None
