"""Field cases for furniture removal: content stays, and every removal says why."""

import pytest

from edusummary.text.segmenting import FURNITURE, HEADING, PARAGRAPH, segment

URL_PARAGRAPH = (
    "各校要登录省教育厅网站http://jyt.example.gov.cn下载《义务教育学校办学标准》"
    "并对照开展自查，确保十月底前完成整改。"
)
BODY = "全县教育系统认真落实立德树人根本任务，德育工作体系不断健全，学生文明素养明显提升。"


def _kinds(text):
    return [(s.kind, s.text, s.reason) for s in segment(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A sentence of content that mentions a URL is a paragraph.
        (URL_PARAGRAPH, [(PARAGRAPH, URL_PARAGRAPH, None)]),
        (f"{BODY}\nhttp://www.example.com\n",
         [(PARAGRAPH, BODY, None),
          (FURNITURE, "http://www.example.com", "site furniture: matches 'https?://'")]),
        ("首页 > 工作总结 > 正文\n" + BODY,
         [(FURNITURE, "首页 > 工作总结 > 正文", "site furniture: matches '^首页\\\\s*[>›»]'"),
          (PARAGRAPH, BODY, None)]),
    ],
    ids=["url-in-content", "bare-url", "breadcrumb"],
)
def test_content_stays_and_furniture_says_why(text, expected):
    assert _kinds(text) == expected


def _pages(endings):
    """Pages of a copied report: a running header, a body line, the page's last line."""
    return "".join(f"东岭县教育局工作简报\n{BODY}\n{end}\n" for end in endings)


def test_a_short_running_header_is_removed_with_its_reason():
    segments = segment("东岭县教育局2023年工作总结\n" + _pages(["- 1 -", "- 2 -", "- 3 -"]))
    headers = [s for s in segments if s.text == "东岭县教育局工作简报"]
    assert len(headers) == 3
    assert {(s.kind, s.reason) for s in headers} == {
        (FURNITURE, "repeated 3 times, as running headers and footers are")
    }
    assert all(s.reason for s in segments if s.kind == FURNITURE)
    assert sum(s.kind == PARAGRAPH for s in segments) == 3


def test_long_sentences_differing_only_in_figures_at_page_ends_stay():
    endings = [
        f"全年新建公办幼儿园{n}所，新增学位{n * 300}个，学前三年毛入园率达到9{n}%。"
        for n in (2, 3, 4)
    ]
    paragraphs = [s.text for s in segment(_pages(endings)) if s.kind == PARAGRAPH]
    assert [p for p in paragraphs if p != BODY] == endings


FUNDS = [f"积极争取上级资金{n}万元，保障重点项目建设。" for n in (860, 1200, 430)]


def test_short_sentences_differing_only_in_figures_are_text():
    # Three short sentences of clauses had been set aside as a running header repeated.
    text = "本季度全县教育重点工作进展情况\n" + "".join(
        f"{sentence}\n{BODY}\n" for sentence in FUNDS
    )
    paragraphs = [s.text for s in segment(text) if s.kind == PARAGRAPH]
    assert [p for p in paragraphs if p != BODY] == FUNDS


def test_task_rows_differing_only_in_figures_are_no_running_header():
    rows = [f"{n}\t{sentence}\t县教育局\t2024年12月" for n, sentence in enumerate(FUNDS, 1)]
    segments = segment("重点工作任务分解表\n" + "\n".join(rows) + "\n")
    assert not any("running" in (s.reason or "") for s in segments)


def test_lines_repeated_in_a_file_without_pages_are_text():
    # Word keeps its headers out of the body and a web page has none: a short line that
    # repeats there is the report's own.
    text = "东岭县教育局工作简报\n" + "".join(f"县教育局召开专题会议\n{BODY}\n" for _ in range(3))
    assert sum(s.kind == FURNITURE for s in segment(text)) == 3
    assert not any(s.kind == FURNITURE for s in segment(text, paged=False))


def test_the_title_is_kept_when_it_repeats_as_a_running_header():
    segments = segment(_pages(["（一）", "（二）", "（三）"]))
    headers = [s.kind for s in segments if s.text == "东岭县教育局工作简报"]
    assert headers[0] != FURNITURE and headers[1:] == [FURNITURE, FURNITURE]


def test_page_markers_carry_their_reason():
    pages = [
        "1、全县教育系统坚持把学前教育作为民生实事来抓，统筹推进公办园建设和普惠性民办园认定工作，"
        * 4,
        "2、新建扩建幼儿园多所，新增学位一千余个，保教质量稳步提升，群众满意度持续提高，各项工作"
        * 4,
        "3、扎实推进，取得了明显成效，为全面完成学前教育发展目标任务打下了坚实的基础和良好条件，"
        * 4,
    ]
    markers = [s for s in segment("\n".join(pages)) if s.kind == FURNITURE]
    assert [s.reason for s in markers] == ["page marker"] * 3


# Government documents as analysts receive them (written for these tests).

NOTICE = """清水县教育局关于开展2024年春季学期幼儿园办园行为督导评估的通知

各乡镇人民政府，县直有关部门，各中小学校、幼儿园：
　　为进一步规范幼儿园办园行为，提高保育教育质量，县教育局决定在全县开展幼儿园办园行为督导评估工作。

附件：1.清水县幼儿园办园行为督导评估指标体系
　　　2.清水县幼儿园办园行为自查报告模板

联系人：县教育局学前教育股王晓明，电话：0931-8123456

清水县教育局
2024年3月15日

抄送：县委办公室，县政府办公室，县人大教科文卫工委，县政协教科文卫委。

附件1
清水县幼儿园办园行为督导评估指标体系
　　一级指标包括办园条件、安全卫生、保育教育、队伍建设、内部管理五个方面，共计二十项二级指标。
"""


def test_a_notices_frame_is_set_aside_and_its_text_kept():
    segments = segment(NOTICE)
    paragraphs = [s.text for s in segments if s.kind == PARAGRAPH]
    assert [p[:6] for p in paragraphs] == ["为进一步规范", "一级指标包括"]
    removed = [s.text for s in segments if s.kind == FURNITURE]
    assert removed[:4] == [
        "各乡镇人民政府，县直有关部门，各中小学校、幼儿园：",
        "附件：1.清水县幼儿园办园行为督导评估指标体系",
        "2.清水县幼儿园办园行为自查报告模板",
        "联系人：县教育局学前教育股王晓明，电话：0931-8123456",
    ]
    assert all(s.reason.startswith("document furniture") for s in segments
               if s.kind == FURNITURE and s.text in removed[:4])
    # The attachment's title heads its own text.
    assert segments[-1].heading == "清水县幼儿园办园行为督导评估指标体系"


ISSUING_NOTICE = """河口县教育局关于印发《河口县义务教育阶段
课后服务工作实施方案》的通知
各乡镇中心学校、局属各学校：
　　现将《河口县义务教育阶段课后服务工作实施方案》印发给你们，请结合实际认真贯彻执行。
河口县教育局
2025年8月20日
附件
河口县义务教育阶段课后服务
工作实施方案
　　为进一步做好义务教育阶段课后服务工作，切实减轻学生作业负担和家长接送负担，制定本方案。
一、服务内容
　　课后服务以学生自主作业、阅读和体育、艺术、科普活动为主，学校不得利用课后服务时间讲授新课。
"""


def test_a_title_set_on_two_lines_is_one_heading():
    # Each half had been a heading, and the text under it headed by its second half
    # ("工作实施方案").
    segments = segment(ISSUING_NOTICE)
    headings = [s.text for s in segments if s.kind == HEADING]
    notice = "河口县教育局关于印发《河口县义务教育阶段课后服务工作实施方案》的通知"
    plan = "河口县义务教育阶段课后服务工作实施方案"
    assert headings == [notice, "2025年8月20日", plan, "一、服务内容"]
    assert [s.heading for s in segments if s.kind == PARAGRAPH] == [notice, plan, "一、服务内容"]


def test_a_title_is_not_run_on_into_a_title_or_a_lead_in_below_it():
    text = (
        "河口县教育局文件\n河口县2025年教育工作要点\n"
        "河口县教育局关于做好2025年\n暑期学生安全教育\n"
        "　　暑期将至，为切实做好全县中小学生暑期安全教育工作，现将有关事项通知如下。\n"
    )
    headings = [s.text for s in segment(text) if s.kind == HEADING]
    assert headings[:2] == ["河口县教育局文件", "河口县2025年教育工作要点"]
    assert "暑期学生安全教育" in headings


def test_a_lead_in_line_to_the_schools_stays_text():
    line = "各乡镇中心学校要按照以下要求认真组织开展学前教育专项自查工作："
    assert [s.kind for s in segment(line)] == [PARAGRAPH]


def test_numbered_tasks_of_a_plan_are_paragraphs_and_section_names_headings():
    text = (
        "清水县教育局2024年工作要点\n一、学前教育\n"
        "（一）新建改扩建公办幼儿园3所，新增学位900个。\n"
        "（二）开展幼儿园保育教育质量评估，纠正小学化倾向。\n"
        "（三）坚持规划引领，优化资源布局\n"
    )
    kinds = [(s.kind, s.text[:6]) for s in segment(text)]
    assert kinds == [
        ("heading", "清水县教育局"), ("heading", "一、学前教育"), ("paragraph", "（一）新建改"),
        ("paragraph", "（二）开展幼"), ("heading", "（三）坚持规"),
    ]


def test_titles_before_the_text_are_headings_whatever_they_end_with():
    news = (
        "清水县召开2024年学前教育工作推进会\n"
        "　　4月11日，全县学前教育工作推进会在县教育局召开，安排部署重点任务。\n"
    )
    speech = (
        "凝心聚力  真抓实干  奋力开创全县教育高质量发展新局面\n"
        "——在2024年清水县教育工作会议上的讲话\n"
        "　　一年来，我们坚持把学前教育作为民生实事来抓，新建公办幼儿园3所，新增学位720个。\n"
    )
    for text in (news, speech):
        assert [s.kind for s in segment(text)][-1] == PARAGRAPH
        assert sum(s.kind == PARAGRAPH for s in segment(text)) == 1


def test_a_line_laid_out_with_blanks_is_no_wrapped_line():
    text = (
        "文章来源：清水县教育局    作者：学前教育股    发布时间：2024-04-12\n"
        "　　4月11日，全县学前教育工作推进会在县教育局召开，会议安排部署了普惠性幼儿园认定工作。\n"
        "清水县教育局          清水县财政局          清水县人力资源和社会保障局\n"
    )
    segments = segment(text)
    assert [s.text[:5] for s in segments if s.kind == PARAGRAPH] == ["4月11日"]
    assert sum(s.kind == FURNITURE for s in segments) == 2


def test_a_line_ending_in_a_comma_runs_on_however_short():
    first = "加快东岭二中扩建工程，确保秋季投入使用；深化集团化办学，"
    second = "组建城乡学校共同体6个。"
    assert [s.text for s in segment(first + "\n" + second)] == [first + second]


def test_a_sites_navigation_bar_is_furniture():
    (bar, paragraph) = segment("首页 | 政务公开 | 互动交流\n" + BODY)
    assert bar.kind == FURNITURE and paragraph.text == BODY


def test_sentences_that_open_like_a_documents_frame_stay_text():
    lines = [
        "各乡镇积极推进公办幼儿园建设，全年新建改扩建幼儿园12所，新增学位2160个，形成以下模式：",
        "附件1所列的12所幼儿园建设项目已全部完工，累计投入资金3200万元，惠及适龄幼儿2000余人。",
        "报送2023年度学前教育统计数据的46所幼儿园全部通过年检，普惠性幼儿园覆盖率达到88.5%。",
    ]
    assert [s.kind for s in segment("\n".join(lines))] == [PARAGRAPH] * 3


def test_parts_laid_out_with_blanks_are_headings_and_justified_lines_run_on():
    text = (
        "第一部分\u3000\u3000\u30002023年工作回顾\n"
        "全县学前三年毛入园率达到95.6%，普惠性幼儿园覆盖率达到91%，公办园在园幼儿占比\n"
        "达到55.3%，较上年增长   4.2个百分点，学前教育普及普惠县创建工作通过省级评估验收，得到了\n"
        "社会各界的广泛好评。\n"
    )
    assert [s.kind for s in segment(text)] == ["heading", PARAGRAPH]


def test_a_numbered_heading_may_open_with_a_numeral():
    text = (
        "二、二〇二四年重点工作和主要任务安排\n"
        "（一）推进学前教育普惠发展。新建公办幼儿园3所，新增学位900个。\n"
    )
    assert [s.kind for s in segment(text)] == ["heading", PARAGRAPH]


def test_a_short_text_hard_wrapped_mid_word_is_joined_back():
    """Two lines of one width, cut inside a word, show the width a PDF viewer copied at."""
    text = (
        "清水县2023年教育工作总结\n"
        "全县今年新建公办幼儿园3所，新增学位900个，学前三年毛入\n"
        "园率达到95%。持续推进集团化办学，城乡学校结对帮扶实现全\n"
        "覆盖。\n"
    )
    heading, paragraph = segment(text)
    assert heading.kind == "heading"
    assert paragraph.text == "".join(text.splitlines()[1:])


def test_slogan_headings_of_one_length_stay_headings():
    text = (
        "坚持立德树人，深化德育综合改革\n"
        "全县开展“红色基因代代传”主题教育，覆盖学生3万人，形成一校一品格局。\n"
        "坚持问题导向，推进课程改革实施\n"
        "全县推进大单元教学，建成新课程实施样板校12所，组织展示课120节。\n"
    )
    assert [s.kind for s in segment(text)] == ["heading", PARAGRAPH] * 2


def test_a_list_of_slogans_of_one_length_is_no_wrapped_paragraph():
    text = (
        "坚持立德树人，办好人民满意教育\n坚持改革创新，激发教育发展活力\n坚持公平优先，促进城乡均衡发展\n\n"
        "2023年，全县教育系统围绕上述目标扎实推进各项工作，新建幼儿园3所，新增学位900个。\n"
    )
    assert [s.kind for s in segment(text)] == ["heading"] * 3 + [PARAGRAPH]


def test_a_government_sites_furniture_in_brackets_and_its_notes_are_set_aside():
    body = "全县新建公办幼儿园3所，新增学位1260个，学前三年毛入园率达到92.4%，较上年提高1.8个点。"
    lines = [
        "当前位置：首页 > 教育动态",
        "索引号：11510822MB1234567X/2024-00012　发布机构：县教育局",
        "【发布日期：2024-01-18】【来源：县教育局】【浏览次数：356】【字体：大 中 小】",
        "清水县教育局2023年工作总结",
        body,
        "注：毛入园率按常住人口口径统计。",
        "附件下载：1.统计表.xlsx",
        "【我要纠错】【打印本页】【关闭窗口】",
        "上一条：关于做好2024年春季学期开学工作的通知",
        "相关链接：县人民政府",
        "主办单位：清水县人民政府办公室　承办单位：清水县大数据中心",
        "阅读原文 阅读 2638 赞 45 在看 12",
    ]
    segments = segment("\n".join(lines))
    assert [(s.kind, s.text) for s in segments if s.kind != FURNITURE] == [
        ("heading", "清水县教育局2023年工作总结"), (PARAGRAPH, body)
    ]


def test_a_long_title_with_the_text_on_the_next_line_stays_a_title():
    # 46 characters, as long as a notice issuing a plan usually is, and no blank line below.
    title = "清水县教育局关于印发《清水县义务教育优质均衡发展县创建实施方案（2024—2026年）》的通知"
    body = "为加快推进县域义务教育优质均衡发展，结合我县实际，制定本方案。"
    segments = segment(f"{title}\n{body}\n")
    assert [(s.kind, s.text) for s in segments] == [("heading", title), (PARAGRAPH, body)]


def test_a_headline_wider_than_the_wrapped_text_below_it_is_no_wrapped_line():
    # A news headline of 33 characters above text copied from a PDF 28 characters wide.
    headline = "清水县召开2024年全县学前教育普及普惠县创建工作推进会暨现场观摩会"
    paragraphs = [
        "4月11日上午，全县学前教育普及普惠县创建工作推进会在县教育局召开，各乡镇中心学校"
        "校长、各公办幼儿园园长参加会议，会议通报了创建工作进展情况。",
        "会议要求，各单位要对照创建指标逐项查漏补缺，确保年内新建公办幼儿园3所，新增学位"
        "810个，学前三年毛入园率达到95%以上，普惠性幼儿园覆盖率达到90%以上。",
    ]
    lines = [headline] + [
        p[i : i + 28] for p in paragraphs for i in range(0, len(p), 28)
    ]
    segments = segment("\n".join(lines))
    assert [(s.kind, s.text) for s in segments] == [("heading", headline)] + [
        (PARAGRAPH, p) for p in paragraphs
    ]


def test_the_rest_of_a_documents_frame_is_set_aside():
    body = "为进一步规范中小学办学行为，县教育局决定开展春季学期专项督查，请认真做好自查工作。"
    closing = "各校要于3月25日前将自查报告报送县教育局基础教育股，逾期未报送的予以通报批评。"
    frame = {
        "清教发〔2024〕7号": "document number",
        "局属各学校、各乡镇中心学校、县直各幼儿园：": "addressees",
        "县直各学校，各乡镇中心学校：": "addressees",
        "（联系人：县教育局基础教育股李明，电话：0931-8123457）": "contact",
        "中共清水县委教育工作领导小组办公室": "signature",
        "2024年3月15日": None,  # the date stays, heading nothing below it
        "（此件主动公开）": "publication",
        "抄报：市教育局，县委办公室，县政府办公室。": "copies",
        "清水县教育局办公室　　2024年3月15日印发　共印60份": "print line",
    }
    lines = list(frame)
    text = "\n".join([lines[0], lines[1], lines[2], body, lines[3], closing, *lines[4:]])
    segments = segment(text)
    removed = {s.text: s.reason for s in segments if s.kind == FURNITURE}
    assert set(removed) == {line for line, kind in frame.items() if kind}
    assert all(reason.startswith("document furniture") for reason in removed.values())
    assert [s.text for s in segments if s.kind == PARAGRAPH] == [body, closing]
    assert [s.heading for s in segments if s.kind == PARAGRAPH] == [None, None]


def test_lines_that_name_the_schools_or_an_office_in_the_text_stay_text():
    lines = [
        # A lead-in to the schools, not their list.
        "为确保督查工作取得实效，现将局属各学校需要提交的材料说明如下：",
        "每所学校确定一名联系人，联系人：由分管副校长担任，负责督查材料的收集和报送工作。",
        "（联系人制度）全县建立教育督导联系人制度，每所学校明确一名责任督学定期入校督导。",
    ]
    assert [s.kind for s in segment("\n".join(lines))] == [PARAGRAPH] * 3
    # In a web page the office and the date are each a <p>, parted by a blank line.
    signed = f"{lines[1]}\n\n清水县教育局\n\n2024年3月15日\n"
    assert [s.reason for s in segment(signed)] == [
        None, "document furniture: the office signing it, above its date", None
    ]
    # Copied without its date, the office is the notice's last line: a signature still,
    # not a heading shown on the page under the text.
    unsigned = f"{lines[1]}\n\n清水县教育局\n"
    assert [s.reason for s in segment(unsigned)] == [
        None, "document furniture: the office signing it, at its end"
    ]
    # The issuing office and a date above the title head the document: they are no
    # signature below its text.
    top = "清水县教育局\n2024年3月15日\n清水县教育局2024年工作要点\n" + lines[1]
    assert [s.kind for s in segment(top)] == ["heading"] * 3 + [PARAGRAPH]


@pytest.mark.parametrize(
    "first",
    [
        # The line below goes on mid-clause.
        "按照省教育厅关于做好2024年中小学幼儿园安全工作的通知要求，结合我县实际，全面开展"
        "校园安全隐患排查整治，排查整改隐患问题126处。",
        # As wide as the text, where paragraphs open at full width.
        "为深入贯彻落实县委、县政府印发的教育强县建设三年行动方案明确的目标任务，全县新建"
        "改扩建中小学校舍4.2万平方米，新增学位3600个。",
    ],
    ids=["mid-clause", "full-width"],
)
def test_a_first_line_ending_in_a_kind_of_document_runs_on(first):
    title = "东岭县教育局关于2024年上半年教育工作情况的报告"
    paragraphs = [
        first,
        "全县学前三年毛入园率达到95.1%，普惠性幼儿园覆盖率达到91.6%，公办园在园幼儿占比"
        "达到58.2%，学前教育普及普惠县创建工作通过省级评估验收。",
    ]
    lines = [title] + [p[i : i + 28] for p in paragraphs for i in range(0, len(p), 28)]
    assert lines[1].endswith(("通知", "方案"))
    segments = segment("\n".join(lines))
    assert [(s.kind, s.text) for s in segments] == [("heading", title)] + [
        (PARAGRAPH, p) for p in paragraphs
    ]


def test_sentences_opening_like_addressees_or_a_publication_note_are_kept():
    lines = [
        "全县各中小学校认真落实课后服务工作要求，丰富服务内容，主要形成了三种模式：",
        "全县各级各类学校聚焦教育教学质量提升，扎实开展了以下几项重点工作：",
        "县局各位班子成员深入基层学校调研时指出：",
        "此件公开征求意见期间，共收到学校和家长意见建议48条，采纳35条。",
    ]
    lead_ins = ["东岭县各乡镇中心学校的工作安排：", "本年度各项民生实事办理情况："]
    segments = segment("\n".join(lines + lead_ins))
    assert [s for s in segments if s.kind == FURNITURE] == []
    assert [s.text for s in segments if s.kind == PARAGRAPH] == lines + lead_ins[:1]
    assert segments[-1].kind == "heading"
    # The addressees, and the note on publication, still go.
    frame = ["各乡（镇）人民政府，县直各部门，各中小学校（幼儿园）：", "（此件依申请公开）"]
    assert [s.reason.split(":")[0] for s in segment("\n".join(frame))] == [
        "document furniture"
    ] * 2


FOOTER = "a line of the site's footer (主办：, 承办：, 技术支持：, 地址 and 电话 …)"
POST = "site furniture: a post's account and time"
WECHAT = "a line of WeChat's page (长按识别二维码, 阅读 1523, 在看, 关注公众号 …)"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("主办：某县人民政府办公室\u3000承办：某县融媒体中心", FOOTER),
        ("技术支持：某某网络科技有限公司", FOOTER),
        ("地址：某县城关镇文化路8号 联系电话：0000-7654321 邮编：000000", FOOTER),
        ("长按识别二维码关注我们", WECHAT),
        ("阅读 2046", WECHAT),
        ("在看", WECHAT),
        ("预览时标签不可点", WECHAT),
        ("微信关注该公众号", WECHAT),
        ("某县教育 某县教育局 2024-02-20 17:45 发表于江西", POST),
        ("原创 某县教育 2024/02/20 17:45 发表于江西", POST),
    ],
)
def test_a_portals_footer_and_wechats_lines_are_site_furniture(line, reason):
    # Copied with the report, each was tagged as a paragraph labelled other, or stood as a
    # heading over the paragraphs below it.
    kinds = _kinds(f"{BODY}\n{line}\n{BODY}")
    assert kinds[1] == (FURNITURE, line, reason.replace("a line", "site furniture: a line"))
    assert [k for k, *_ in kinds] == [PARAGRAPH, FURNITURE, PARAGRAPH]


@pytest.mark.parametrize(
    "line",
    [
        "招生信息通过县教育局网站和微信公众号发布，请家长关注公众号及时查看，网上报名时间为7月1日至7月10日。",
        "家长可长按识别二维码进入报名系统，上传户口簿和房产证明等材料，报名结果于7月20日公布。",
        "主办：东岭县教育局。承办：东岭县第二中学，展示时间为11月15日至17日，共展示优质课46节。",
        "本次评议设立监督电话，联系地址：县教育局纪检组，联系电话：0000-1234567，欢迎社会各界监督。",
        "关注“东岭家长学校”公众号的家庭教育课程，全年开展线上家长课堂48期，覆盖家长1.2万人次。",
    ],
)
def test_a_notices_sentence_naming_a_footers_or_wechats_words_is_report_text(line):
    # A footer's or WeChat's line is short and no sentence; a notice says the same in one.
    assert [k for k, *_ in _kinds(f"{BODY}\n{line}\n{BODY}")] == [PARAGRAPH] * 3


def test_a_wechat_account_and_time_line_is_never_the_title():
    # A copy started below the title took the account's line for the report's title.
    import edusummary

    report = edusummary.tag(f"某县教育 2024-02-20 17:45 发表于江西\n{BODY}\n{URL_PARAGRAPH}")
    assert report.summary().title is None
    assert [s.text for s in report.removed] == ["某县教育 2024-02-20 17:45 发表于江西"]
