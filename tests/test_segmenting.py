import itertools
import re
import unicodedata

import pytest
from conftest import EQUAL_HEADINGS, SMALL_SET
from hypothesis import given, settings
from hypothesis import strategies as st

import edusummary
from edusummary.text.segmenting import FURNITURE, HEADING, PARAGRAPH, segment

# Glued items written for the test, each long enough that the line reads as run-on text.
ITEMS = [
    "一是扩大学前教育资源。新建和改扩建公办幼儿园九所，新增学位两千七百个，乡镇中心幼儿园实现全覆盖，"
    "普惠性幼儿园覆盖率达到百分之八十五，入园难问题得到有效缓解，群众对学前教育的满意度明显提高。",
    "二是推进义务教育均衡发展。投入资金改造薄弱学校十四所，标准化建设全部达标，城区学校大班额全部消除，"
    "控辍保学实行一生一案，适龄儿童入学率保持百分之百，县域义务教育优质均衡创建工作扎实推进。",
    "三是深化课堂教学改革。以导学案为载体推行先学后教，组织各学科教研员下校视导一百二十余次，"
    "举办课改开放周和优质课评比，教师的教学方式和学生的学习方式发生了可喜变化，课堂效率明显提升。",
    "四是加强德育工作。把立德树人落实到学校工作各环节，开展爱国主义教育和文明礼仪养成教育，"
    "家长学校实现全覆盖，心理健康教育专职教师配备到位，未成年人思想道德建设取得新进展，成效明显。",
]


def kinds(segments):
    return [s.kind for s in segments]


def test_lines_and_blank_lines_make_paragraphs_with_offsets():
    text = (
        "全县新建公办幼儿园四所，学前三年毛入园率达到百分之九十三。\n\n"
        "全面落实控辍保学责任制，义务教育巩固率达到百分之九十八点七。\n"
    )
    segments = segment(text)
    assert kinds(segments) == [PARAGRAPH, PARAGRAPH]
    for s in segments:
        assert text[s.start : s.end] == s.text


def test_short_lines_are_headings_and_give_context():
    text = "二、德育工作\n各校开展爱国主义教育和感恩教育，家长学校实现全覆盖，家校共育合力增强。\n"
    heading, paragraph = segment(text)
    assert heading.kind == HEADING and heading.text == "二、德育工作"
    assert paragraph.kind == PARAGRAPH and paragraph.heading == "二、德育工作"


def test_short_numbered_items_too_short_to_label_stay_out_of_the_counts():
    # Made paragraphs (5203bd8, reverted), items of under 15 Chinese characters were
    # flagged not Chinese and labelled other, and a list of them raised other's share of
    # a plan from 0.08 to 0.59.
    text = (
        "二、2025年工作打算\n"
        "1.学前三年毛入园率稳定在95%以上。\n"
        "2.义务教育巩固率保持在99%以上。\n"
        "三、保障措施\n"
    )
    assert [s.kind for s in segment(text)] == [HEADING] * 4


@pytest.mark.parametrize(
    "parting", ["\\n", "\\r\\n", "<br>", "<br />", "</p><p>", "　　"],
    ids=["escaped-newline", "escaped-crlf", "br", "br-closed", "p-tags", "indent"],
)
def test_a_scraped_cells_paragraphs_parted_by_tags_escapes_or_indents_stay_apart(parting):
    # A sheet's cell holding a whole report, as scrapers leave it: its paragraphs had run
    # into one of four topics, labelled other.
    text = "<p>" + parting.join(ITEMS) + "</p>" if parting == "</p><p>" else parting.join(ITEMS)
    paragraphs = [s for s in segment(text) if s.kind == PARAGRAPH]
    assert [p.text.strip("　") for p in paragraphs] == ITEMS
    for p in paragraphs:
        assert text[p.start : p.end] == p.text


@pytest.mark.parametrize(
    "text",
    [
        "附件保存在C:\\new\\2023年度报表目录中，全县学前三年毛入园率达到百分之九十三，较上年提高。",
        # After a Chinese folder name: the n of new2024 had gone with the backslash.
        "请各校将统计报表上传至共享文件夹\\统计\\南坪县\\new2024，逾期未报的学校将予以通报。",
        # A <br> or an escaped line end inside a sentence is layout, as on a web page.
        "全县新建公办幼儿园5所，普惠性幼儿园覆盖率<br>达到92.5%，公办园在园幼儿占比达到58%。",
        "全县新建公办幼儿园5所，普惠性幼儿园覆盖率\\n达到92.5%，公办园在园幼儿占比达到58%。",
        # Two blanks after a closing quote that ends no sentence.
        "会议提出，要持续推进“双减”　　工作落地见效，全县义务教育学校课后服务覆盖率达到100%。",
    ],
    ids=["path", "path-after-chinese", "br-mid-sentence", "escaped-mid-sentence", "quote"],
)
def test_no_line_end_inside_a_sentence_of_scraped_text(text):
    assert [s.text for s in segment(text)] == [text]


def test_scraped_line_ends_that_part_a_line_of_clauses():
    # A <br> before a paragraph's indent ends a heading of clauses, as on a web page; an
    # escaped \n after a sentence's end ends it whatever follows (STEM).
    heading = "坚持普惠优先，扩大学前教育资源"
    text = f"{heading}<br>　　{ITEMS[0]}"
    assert [s.text.lstrip("　") for s in segment(text)] == [heading, ITEMS[0]]
    text = ITEMS[0] + "\\nSTEM" + ITEMS[2]
    assert [s.text for s in segment(text)] == [ITEMS[0], "STEM" + ITEMS[2]]


def test_a_table_of_contents_in_text_is_set_aside():
    # A PDF's or a .doc's 目录: its lines had been headings, each section's twice, and the
    # last one headed the report's first paragraph.
    contents = ["目  录", "一、学前教育……………………1", "二、义务教育均衡发展 . . . . . . 3"]
    text = "\n".join(["清水县教育局2023年工作总结", *contents, "一、学前教育", ITEMS[0]])
    segments = segment(text)
    assert [s.text for s in segments if s.kind == FURNITURE] == contents
    assert [(s.text, s.heading) for s in segments if s.kind == PARAGRAPH] == [
        (ITEMS[0], "一、学前教育")
    ]
    # One line of prose ending in dots and a figure, and a 目录 heading over no contents,
    # are the report's.
    prose = "全县大班额逐年减少，由45、44、43......40\n人降至当前水平，城乡学校办学条件明显改善。"
    assert FURNITURE not in [s.kind for s in segment(prose)]
    # Two such lines in a row, their figures falling as no pages do.
    prose = "城区大班额由45、44、43......40\n农村大班额由38、36、35......30\n" + ITEMS[1]
    assert FURNITURE not in [s.kind for s in segment(prose)]
    assert [s.kind for s in segment("目 录\n" + ITEMS[0])] == [HEADING, PARAGRAPH]
    # Without a 目录 line, three lines of leaders and pages in order are contents; two
    # lines of prose ending in rising figures are not.
    listed = ["一、学前教育…………1", "二、义务教育…………2", "三、教学改革…………3"]
    assert [s.text for s in segment("\n".join([*listed, ITEMS[0]])) if s.kind == FURNITURE] == (
        listed
    )
    prose = "在园幼儿由12、15、18......20\n专任教师由30、32、35......40\n" + ITEMS[1]
    assert FURNITURE not in [s.kind for s in segment(prose)]
    # Copied out of Word, with tabs, under its 目录 line; the section heading below the
    # contents, over a line of figures, stays the report's.
    tabbed = ["目录", "一、学前教育\t1", "二、义务教育\t2"]
    text = "\n".join([*tabbed, "一、学前教育", "在园幼儿（人）\t9630", ITEMS[0]])
    assert [s.text for s in segment(text) if s.kind == FURNITURE][:3] == tabbed
    assert "一、学前教育" in [s.text for s in segment(text) if s.kind == HEADING]


def test_rows_of_a_table_copied_out_of_word_or_excel_are_set_aside():
    text = (
        "一、学前教育\n"
        "全县学前教育主要指标逐年提高，具体见下表\n"
        "指标\t2022年\t2023年\n"
        "学前三年毛入园率\t88.5%\t91.2%\n"
        # A tab inside a sentence, as a careless paste leaves it, is no table.
        "全县新建公办幼儿园三所，\t新增学位九百个，入园难问题得到缓解。\n"
    )
    segments = segment(text)
    assert [(s.kind, s.reason) for s in segments] == [
        (HEADING, None), (PARAGRAPH, None), (FURNITURE, "table row"), (FURNITURE, "table row"),
        (PARAGRAPH, None),
    ]
    assert segments[-1].heading == "一、学前教育"


def test_a_tab_after_an_outline_marker_or_in_a_line_of_prose_makes_no_table():
    text = (
        "一、\t学前教育发展情况\n"  # Word writes a tab after a heading's number
        "全县新建公办幼儿园五所，新增学位一千八百个，学前三年毛入园率达到百分之九十一。\n"
        # Two lines of prose with a stray tab each, parting different numbers of fields.
        "全县投入资金\t3.5千万元用于幼儿园建设\n"
        "全县共有中小学\t48所，在校学生\t21350人，专任教师1260人\n"
    )
    segments = segment(text)
    assert [s.reason for s in segments] == [None] * 4
    assert segments[0].kind == HEADING
    assert [s.heading for s in segments[1:]] == ["一、\t学前教育发展情况"] * 3


def test_rows_numbered_in_their_first_cell_are_rows():
    text = "序号\t学校\t新增学位\n1、\t城东幼儿园\t360\n2、\t城西幼儿园\t270\n"
    assert [s.reason for s in segment(text)] == ["table row"] * 3


def test_a_tables_total_row_belongs_to_it():
    text = (
        "一、教学改革\n"
        "项目\t数量\t备注\n"
        "教研活动\t36次\t覆盖所有学校\n"
        "合计\t\t\n"  # Excel copies the empty cells of a total row as tabs
        "以新课标为引领，推进大单元教学和项目式学习，组织全县教师开展课堂教学比武活动。\n"
    )
    segments = segment(text)
    assert [s.reason for s in segments] == [None, "table row", "table row", "table row", None]
    assert segments[-1].heading == "一、教学改革"


def test_a_blank_forms_column_headings_and_empty_rows_copied_as_text_are_a_table():
    head = "序号\t学校\t班级数\t在校学生数\t专任教师数\t寄宿学生数\t留守儿童数\t备注"
    # Word copies an empty row as its number and tabs, or as tabs alone.
    numbered = "\n".join([head, "1" + "\t" * 7, "2" + "\t" * 7, "合计" + "\t" * 7])
    text = f"附表 城区学校基本情况统计表\n{numbered}\n填表说明：请按实际情况填写\n"
    segments = segment(text)
    rows = [(s.text, s.reason) for s in segments if s.reason == "table row"]
    assert rows == [(head, "table row"), ("1", "table row"), ("2", "table row"),
                    ("合计", "table row")]
    assert not [s for s in segments if s.kind == PARAGRAPH]
    empty = segment(f"{head}\n" + "\t" * 7 + "\n" + "\t" * 7 + "\n")
    assert [(s.kind, s.reason) for s in empty] == [(FURNITURE, "table row")]
    # A form's rows with its 序号 column left empty are its rows still.
    unnumbered = "\n".join([
        "序号\t幼儿园名称\t班数\t在园幼儿数\t备注",
        "\t城关镇中心幼儿园\t\t\t", "\t西山乡中心幼儿园\t\t\t",
    ]) + "\n"
    assert {s.reason for s in segment(unnumbered)} == {"table row"}
    # Lines indented or set right with tabs (a signature typed in Word) are no form's rows.
    signed = (
        "全县新建幼儿园3所，新增学位1260个，学前三年毛入园率达到93.6%。\n\n"
        "\t\t\t\t\t清水县教育局\n\t\t\t\t\t2023年12月28日\n"
    )
    assert [s.reason for s in segment(signed)] == [
        None, "document furniture: the office signing it, above its date", None
    ]


def test_a_task_table_copied_as_text_keeps_its_tasks_as_the_docx_reader_does():
    # Each task is a sentence under 40 characters: prose, by the readers' rule.
    tasks = [
        "1\t制定农村学校教师周转房建设计划，年内开工建设120套。\t计财股\t2024年6月",
        "2\t开展中小学教师全员培训，组织名师送教下乡40场次。\t教师股\t2024年11月",
        "3\t完善控辍保学动态监测机制，确保义务教育巩固率稳定。\t基础教育股\t2024年12月",
    ]
    text = "\n".join(["表2 重点任务分解", "序号\t工作任务\t责任股室\t完成时限", *tasks])
    segments = segment(text)
    assert [(s.kind, s.text) for s in segments[:2]] == [
        (FURNITURE, "表2 重点任务分解"), (FURNITURE, "序号\t工作任务\t责任股室\t完成时限"),
    ]
    assert [s.text for s in segments if s.kind == PARAGRAPH] == [task[2:] for task in tasks]


def test_a_task_tables_short_tasks_of_clauses_are_paragraphs_its_figures_and_forms_rows():
    # Tasks of 40 characters or fewer with no full stop: two clauses, a comma between them.
    tasks = [
        "新建城南幼儿园、城北幼儿园，新增学位630个",
        "改扩建农村中心幼儿园5所，每所增设保育室2间",
    ]
    rows = [
        f"1\t{tasks[0]}\t县教育局，县住建局\t2024年9月",
        f"2\t{tasks[1]}\t县教育局、各乡镇人民政府\t2024年12月",
    ]
    text = "\n".join(["序号\t工作任务\t责任单位\t完成时限", *rows]) + "\n"
    segments = segment(text)
    assert [s.text for s in segments if s.kind == PARAGRAPH] == [row[2:] for row in rows]
    assert [s.reason for s in segments if s.kind == FURNITURE] == [
        "table row", "row number", "row number"
    ]
    # Departments parted by commas, figures with thousands' commas and a column's note in
    # brackets are no clauses: the tables stay set aside.
    figures = (
        "学校\t在校生数\t责任单位\n"
        "城南小学\t1,260\t县教育局，城南镇人民政府\n"
        "城北小学\t1,085\t县教育局，城北镇人民政府\n"
    )
    form = (
        "幼儿园名称\t在园幼儿数\t备注（是否普惠，是否公办）\n"
        "城南幼儿园\t320\t是\n城北幼儿园\t285\t是\n"
    )
    # A deadline written as a year, and a 序号 after a 类别, are no figures.
    dated = (
        "类别\t序号\t工作任务\t责任单位\t完成时限\n"
        f"学前教育\t1\t{tasks[0]}\t县教育局\t2024\n"
        f"学前教育\t2\t{tasks[1]}\t县教育局\t2024.12\n"
    )
    read = [s.text for s in segment(dated) if s.kind == PARAGRAPH]
    assert len(read) == 2 and all(task in text for task, text in zip(tasks, read, strict=True))
    # Nor are a remark's or a list's commas in a row of figures (公办，省级示范园).
    remarks = (
        "幼儿园名称\t班数\t在园幼儿（人）\t备注\n"
        "清水县城关镇中心幼儿园\t12\t1,360\t公办，省级示范园\n"
        "清水县东湖乡中心幼儿园\t6\t210\t民办，普惠性幼儿园\n"
    )
    # A count in the second cell, where a task's number may stand, is a figure still
    # beside another, though a remark's clauses were long.
    counts = (
        "年级\t班数\t学生数\t备注\n"
        "一年级\t12\t3260\t城区学校集中办学，乡村学校小班教学\n"
        "二年级\t11\t3105\t城区学校集中办学，乡村学校小班教学\n"
    )
    # A task of short clauses, its deadline before its department, is a task still.
    early = (
        "序号\t工作任务\t完成时限\t责任单位\t备注\n"
        "1\t健全教育督导检查制度，抓整改\t2024.6\t县教育局督导室\t\n"
        "2\t规范中小学校办学行为，减负担\t2024.12\t县教育局基教股\t\n"
    )
    assert [s.kind for s in segment(early)].count(PARAGRAPH) == 2
    # A count in the second cell is no task's number (a task table numbers its rows 1, 2 …),
    # nor a year's column its deadline.
    built = (
        "园名\t在园幼儿\t建园年份\t备注\n"
        "城关镇中心幼儿园\t280\t2015\t含托班，省级示范园\n"
        "城东新区实验幼儿园\t360\t2021\t新建园，市级示范园\n"
    )
    assert {s.reason for s in segment(built)} == {"table row"}
    # A year opening a row is no task's deadline, which stands after its number.
    years = (
        "年度\t新建园数\t备注\n"
        "2022\t3\t城南、城北、城西幼儿园，均为公办幼儿园\n"
        "2023\t2\t城东、河西幼儿园，均为普惠性民办园\n"
    )
    tables = [
        *segment(figures), *segment(form), *segment(remarks), *segment(counts), *segment(years)
    ]
    assert {s.reason for s in tables} == {"table row"}


def test_a_task_rows_number_opens_neither_its_paragraph_nor_a_key_sentence():
    tasks = [
        "制定农村学校教师周转房建设计划，年内开工建设120套，改善乡村教师住宿条件。",
        "开展中小学教师全员培训，组织名师送教下乡40场次，提升农村教师教学能力。",
    ]
    rows = [f"{n}\t{task}\t教师股\t2024年{n + 5}月" for n, task in enumerate(tasks, 1)]
    text = "\n".join(["序号\t工作任务\t责任股室\t完成时限", *rows])
    segments = segment(text)
    assert [(s.kind, s.text, s.reason) for s in segments][1:3] == [
        (FURNITURE, "1", "row number"), (PARAGRAPH, rows[0][2:], None),
    ]
    report = edusummary.tag(text)
    sentences = [s for topic in report.summary().topics for s in topic.sentences]
    assert sentences and not [s for s in sentences if re.match(r"\d+\t", s)]
    # "1、\t" after a heading's number is an outline marker, no row's number.
    assert segment("1、\t学前教育发展情况")[0].text == "1、\t学前教育发展情况"


def test_a_caption_above_a_table_of_figures_goes_with_it():
    text = (
        "全县学前教育主要指标持续向好，学前三年毛入园率和普惠性幼儿园覆盖率稳步提高。\n"
        "表1 学前教育主要指标\n"
        "指标\t2022年\t2023年\n"
        "学前三年毛入园率\t90.5%\t92.3%\n"
        "普惠性幼儿园覆盖率\t86.1%\t88.7%\n"
    )
    assert [s.reason for s in segment(text)] == [None] + ["table row"] * 4


def test_glued_items_in_a_run_on_line_are_split():
    # Over 500 characters with no line break: a copy-pasted page, not one paragraph.
    line = "".join(ITEMS + ITEMS)
    paragraphs = [s for s in segment(line) if s.kind == PARAGRAPH]
    assert [p.text for p in paragraphs] == ITEMS + ITEMS
    assert paragraphs[1].start == len(ITEMS[0])


def test_a_paragraph_with_inline_items_stays_whole():
    line = "".join(ITEMS)
    assert [s.text for s in segment(line)] == [line]


def test_an_item_keeps_its_own_sub_items():
    # A short numbered paragraph with 一是/二是 inside is one paragraph.
    text = (
        "（二）加强教研队伍建设。一是配齐配强学科教研员，二是建立名师工作室，"
        "三是组织骨干教师送教下乡，带动农村学校提高课堂教学水平。"
    )
    assert [s.text for s in segment(text)] == [text]


def test_page_markers_are_removed_and_the_sentence_joined():
    # Document-sharing sites put each page on one long line numbered 1、 2、 3、.
    pages = [
        "1、" + ITEMS[0] + ITEMS[1] + "全县幼儿教师持证上岗率达到百分之九十，",
        "2、保教质量评估覆盖全部公办园。" + ITEMS[2] + ITEMS[3] + "同时，",
        "3、寄宿制学校生活设施全部改造到位。" + ITEMS[1] + ITEMS[2],
    ]
    text = "\n".join(pages)
    segments = segment(text)
    markers = [s for s in segments if s.kind == FURNITURE]
    assert [m.text for m in markers] == ["1、", "2、", "3、"]
    joined = " ".join(s.text for s in segments if s.kind == PARAGRAPH)
    assert "持证上岗率达到百分之九十，保教质量评估覆盖全部公办园。" in joined
    assert "2、" not in joined and "3、" not in joined


def test_numbered_list_items_are_not_taken_for_page_markers():
    text = "\n".join(f"{i}、{item}" for i, item in enumerate(ITEMS, 1))
    segments = segment(text)
    assert not [s for s in segments if s.kind == FURNITURE]
    assert [s.text for s in segments] == [f"{i}、{item}" for i, item in enumerate(ITEMS, 1)]


def test_site_furniture_is_removed():
    text = (
        "首页 > 范文大全 > 工作总结\n"
        "《某县教育局工作总结.docx》由会员分享，可在线阅读，更多相关文档请在本站上搜索。\n"
        "发布时间：2021-03-05\n"
        "全县教育系统认真落实立德树人根本任务，德育工作体系不断健全，学生文明素养明显提升。\n"
        "上一篇：某某单位年度工作总结\n"
    )
    segments = segment(text)
    assert kinds(segments) == [FURNITURE, FURNITURE, FURNITURE, PARAGRAPH, FURNITURE]


def test_hard_wrapped_lines_are_joined():
    first = "各中小学积极推进课堂教学改革，推广小组合作学习和导学案教学模式，组织全县各学科骨干教师"
    second = "开展同课异构和课例研究活动，课堂教学效率明显提高。"
    (paragraph,) = segment(first + "\n" + second)
    assert paragraph.text == first + second
    assert (paragraph.start, paragraph.end) == (0, len(first) + 1 + len(second))


def test_overlong_text_without_markers_is_cut_into_bounded_pieces():
    text = "全县各级各类学校认真落实安全工作责任制" * 500
    paragraphs = segment(text)
    assert all(len(p.text) <= 1500 for p in paragraphs)
    assert "".join(p.text for p in paragraphs) == text


def test_overlong_text_without_a_sentence_end_is_cut_at_a_clause_never_in_a_figure():
    clause = "各乡镇中心学校完善寄宿制学校生活设施和安全管理制度"
    tail = "新增寄宿床位2680个，学生满意度达到97.5%。"
    text = "　　" + "，".join([clause] * 62) + "，" + tail
    paragraphs = segment(text)
    assert all(len(p.text) <= 1500 for p in paragraphs)
    assert "".join(p.text for p in paragraphs) == text.strip()
    assert {p.kind for p in paragraphs} == {PARAGRAPH}
    assert [p.text[-1] for p in paragraphs[:-1]] == ["，"] * (len(paragraphs) - 1)
    assert paragraphs[-1].text.endswith(tail)
    # A comma or a blank inside a figure (12,600个, 12，600个) is no clause mark, nor a
    # place to cut when no clause mark is found.
    for comma in ",，":
        for lead in ("", "全县"):
            parted = lead + f"全县新增学位12{comma}600个有效缓解入园难" * 100
            cut = segment(parted)[0].end
            assert parted[cut - 1] not in "0123456789,，" and parted[cut] not in "0123456789,，"
    # With no clause mark at all, the cut is moved out of a figure.
    figures = "全县在校学生人数达到12345名" * 100
    cut = segment(figures)[0].end
    assert 1490 < cut < 1500 and figures[cut - 1] == "到" and figures[cut] == "1"


def _covered(text, segments):
    """Every non-blank character lies in some segment's span; a line end scraped text keeps
    in place of its own (<br>, an escaped \\n) is a line end, as a blank is."""
    from edusummary.text.segmenting import _SCRAPED_BREAK

    covered = bytearray(len(text))
    for s in [*segments, *_SCRAPED_BREAK.finditer(text)]:
        start, end = (s.start, s.end) if isinstance(s.start, int) else s.span()
        covered[start:end] = b"\x01" * (end - start)
    return all(covered[i] or text[i].isspace() for i in range(len(text)))


def _rebuilt(text, paragraph, markers, scraped=False):
    """A paragraph's span without the markers inside it, lines joined (line breaks and the
    blanks around them dropped); with ``scraped``, the line ends scraped text keeps (<br>,
    an escaped \\n) dropped as line breaks, though one that is layout stays in the text."""
    from edusummary.text.segmenting import _SCRAPED_BREAK

    kept = []
    for i in range(paragraph.start, paragraph.end):
        if not any(m.start <= i < m.end for m in markers):
            kept.append(text[i])
    joined = _SCRAPED_BREAK.sub("\n", "".join(kept)) if scraped else "".join(kept)
    return re.sub(r"\s*[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]\s*", "", joined)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [*ITEMS, "\n", "\n\n", "2、", "2、\xa0", "（一）", "。", "首页 > 新闻 > 正文\n"]
            ),
            st.text(min_size=0, max_size=40),
        ),
        max_size=12,
    )
)
def test_segments_are_ordered_disjoint_and_cover_the_text(parts):
    text = "".join(parts)
    segments = segment(text)
    blocks = [s for s in segments if s.kind != FURNITURE or not any(
        p.start <= s.start < p.end for p in segments if p.kind == PARAGRAPH
    )]
    for a, b in itertools.pairwise(blocks):
        assert a.end <= b.start
    assert _covered(text, segments)
    markers = [s for s in segments if s.kind == FURNITURE]
    for p in segments:
        if p.kind == PARAGRAPH:
            assert p.text in (
                _rebuilt(text, p, markers).strip(), _rebuilt(text, p, markers, True).strip()
            )


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        # Section headings of the top two outline levels, however many characters they hold.
        ("二、扩大普惠供给，办好人民满意的学前教育", HEADING),
        ("（三）深化课堂改革，提高教学质量", HEADING),
        ("（二）义务教育均衡发展成果持续巩固。", HEADING),
        ("三、2024年工作打算", HEADING),
        # A short numbered item with a figure is content.
        ("一、全年新建公办幼儿园6所，入园率达到95%。", PARAGRAPH),
        # So is a numbered line of two sentences, or one longer than a heading.
        ("（一）推进学前教育普及。启动城北幼儿园等公办园建设工程。", PARAGRAPH),
        ("二、全面落实课程方案和课程标准，推进单元整体教学改革，开展优质课评选和送教下乡活动。",
         PARAGRAPH),
        # A sentence at the third outline level is an item, not a heading.
        ("3、深入开展家校共育，办好家长学校，提高家庭教育水平。", PARAGRAPH),
    ],
)
def test_numbered_section_headings_are_headings_and_items_are_paragraphs(line, kind):
    body = "全县各乡镇中心幼儿园全面开展保教质量评估，幼儿园办园行为进一步规范。"
    segments = segment(f"{line}\n{body}")
    assert [(s.kind, s.text) for s in segments] == [(kind, line), (PARAGRAPH, body)]
    if kind == HEADING:
        assert segments[1].heading == line


def test_a_text_hard_wrapped_narrower_than_usual_is_joined_back():
    # Wrapped at 30 characters (a narrow column, pdftotext) with a blank line between
    # paragraphs, each paragraph came out as two or three, words cut between them.
    paragraphs = [text for texts in SMALL_SET.values() for text in texts][:10]
    wrapped = "\n\n".join(
        "\n".join(text[i : i + 30] for i in range(0, len(text), 30)) for text in paragraphs
    )
    assert [s.text for s in segment(wrapped) if s.kind == PARAGRAPH] == paragraphs


def test_headings_of_one_length_over_paragraphs_a_line_each_are_no_wrap_width():
    # Six headings of 14 characters, the only lines without a full stop, had been taken
    # for a text hard-wrapped at 14, and each ran on into the paragraph below it.
    paragraphs = [text for texts in SMALL_SET.values() for text in texts][:6]
    assert all(len(paragraph) > 16 for paragraph in paragraphs)
    text = "东湖区教育局2023年工作总结\n" + "".join(
        f"{heading}\n　　{paragraph}\n"
        for heading, paragraph in zip(EQUAL_HEADINGS, paragraphs, strict=True)
    )
    segments = segment(text)
    assert [s.text for s in segments if s.kind == PARAGRAPH] == paragraphs
    assert [s.heading for s in segments if s.kind == PARAGRAPH] == EQUAL_HEADINGS


@pytest.mark.parametrize(
    "under",
    [
        ["扩大普惠资源", "落实控辍保学", "推进课堂改革", "开展主题教育", "加强队伍建设",
         "排查安全隐患"],
        ["资源持续扩大。", "巩固率稳中有升。", "课堂更有活力。", "活动扎实开展。", "队伍素质提高。",
         "校园平安稳定。"],
    ],
    ids=["sub-headings", "short-sentences"],
)
@pytest.mark.parametrize(
    "heads",
    [
        EQUAL_HEADINGS,
        # With a clause's mark, as wrapped prose has.
        ["（一）普惠优先，扩大学前资源", "（二）均衡发展，推进城乡一体",
         "（三）课堂改革，提升教学质量", "（四）立德树人，加强德育工作",
         "（五）队伍建设，提高教师素养", "（六）安全稳定，守牢校园底线"],
    ],
    ids=["plain", "with-commas"],
)
def test_headings_of_one_length_over_shorter_lines_are_no_wrap_width(under, heads):
    # A heading with a shorter line under it had read as a wrapped paragraph's full line
    # and its last, and each heading ran on into the line below.
    paragraphs = [text for texts in SMALL_SET.values() for text in texts][:6]
    text = "东湖区教育局2023年工作总结\n" + "".join(
        f"{heading}\n{line}\n{paragraph}\n"
        for heading, line, paragraph in zip(heads, under, paragraphs, strict=True)
    )
    segments = segment(text)
    assert [s.text for s in segments if s.kind == PARAGRAPH] == paragraphs
    headings = [s.text for s in segments if s.kind == HEADING][1:]
    assert headings == [text for pair in zip(heads, under, strict=True) for text in pair]


def test_headings_over_numbered_sub_headings_of_their_length_stay_apart():
    # Two full lines in a row, as a narrow column's paragraph has: the sub-heading had run
    # on into the paragraph below it.
    subs = ["（一）扩大普惠性学前教育资源", "（一）推进城乡义务教育一体化",
            "（一）推进教学方式改革与创新", "（一）全面加强学校思政课建设"]
    paragraphs = [text for texts in SMALL_SET.values() for text in texts][:8]
    text = "东湖区教育局2023年工作总结\n" + "".join(
        f"{heading}\n{sub}\n{paragraphs[2 * k]}\n{paragraphs[2 * k + 1]}\n"
        for k, (heading, sub) in enumerate(zip(EQUAL_HEADINGS[:4], subs, strict=True))
    )
    segments = segment(text)
    assert [s.text for s in segments if s.kind == PARAGRAPH] == paragraphs
    assert [s.heading for s in segments if s.kind == PARAGRAPH] == [
        sub for sub in subs for _ in range(2)
    ]


@pytest.mark.parametrize(
    ("numbered", "width"), [(False, 28), (True, 28), (False, 17)],
    ids=["plain", "numbered", "narrow-column"],
)
def test_wrapped_paragraphs_among_paragraphs_a_line_each_are_joined(numbered, width):
    # Pasted from two sources: the one-line paragraphs, wider than the wrap width and
    # more than its lines, had hidden it, and the wrapped ones were cut at every line.
    paragraphs = [text for texts in SMALL_SET.values() for text in texts]
    count = 6 if numbered else 2
    wrapped = paragraphs[:count]
    whole = [p for p in paragraphs[count:] if len(p) > 32][: count + 6]
    if numbered:
        wrapped = [f"{n}.{text}" for n, text in enumerate(wrapped, 1)]
    lines = [text[i : i + width] for text in wrapped for i in range(0, len(text), width)]
    assert len(whole) > len(lines) / 2
    segments = segment("\n".join(["东湖区教育局2023年工作总结", *lines, *whole]) + "\n")
    assert [s.text for s in segments if s.kind == PARAGRAPH] == wrapped + whole


def test_sections_pasted_onto_one_short_line_are_parted_at_their_numbers():
    # Under the 500 characters run-on text is cut at: 一、 after a full stop opens a section.
    sections = [
        "一、学前教育。全县新建公办幼儿园三所，新增学位九百个，普惠性幼儿园覆盖率达到百分之八十九。",
        "二、义务教育均衡发展。改造农村薄弱学校十二所，城乡学校办学条件差距进一步缩小，大班额全部消除。",
        "三、德育工作。各校开展社会主义核心价值观教育，组织学生参加红色研学，家校共育机制不断健全。",
    ]
    assert [s.text for s in segment("".join(sections))] == sections
    # A list of tasks inside one paragraph, parted by semicolons, stays one paragraph.
    tasks = "今年重点抓好三项工作：一、扩大学前教育资源；二、改造薄弱学校；三、深化课堂教学改革。"
    assert [s.text for s in segment(tasks)] == [tasks]


@pytest.mark.parametrize("mark", ["😀", "[1]", "★", "✅", "①", " *"])
def test_a_mark_after_a_full_stop_ends_the_paragraph_as_the_full_stop_does(mark):
    # A WeChat copy ends lines with emoji; Word keeps a footnote's reference after the 。.
    first = "全县新建公办幼儿园三所，新增学位九百个，学前三年毛入园率达到百分之九十五点三。" + mark
    second = "各校深入开展社会主义核心价值观教育，组织学生参加红色研学活动，评选美德少年一百名。"
    assert [s.text for s in segment(first + "\n" + second)] == [first, second]


def test_numerals_listed_after_a_full_stop_open_no_section():
    text = "全面落实双减政策，严格控制作业总量。一、二年级不布置书面家庭作业，三至六年级作业减量。"
    assert [s.text for s in segment(text)] == [text]


def test_a_figure_alone_on_a_line_heads_nothing():
    # A table copied out of a PDF a cell per line: its figures are no headings.
    paragraph = "加强幼儿园保教质量监管，开展幼儿园小学化倾向专项治理，保教质量稳步提升。"
    segments = segment(f"一、学前教育\n学前三年毛入园率\n91.5%\n93.6%\n{paragraph}\n")
    assert [(s.kind, s.reason) for s in segments if s.text in ("91.5%", "93.6%")] == [
        (FURNITURE, "table row"), (FURNITURE, "table row")
    ]
    assert segments[-1].heading == "学前三年毛入园率"


def _wrapped_document(paragraphs, indent, width=28):
    """Paragraphs set as a 公文 PDF sets them, ``width`` characters a line with the first
    line indented by two, then copied as text keeping the indent as ``indent``."""
    lines = []
    for paragraph in paragraphs:
        text = "\u3000\u3000" + paragraph
        wrapped = [text[i : i + width] for i in range(0, len(text), width)]
        wrapped[0] = indent + wrapped[0][2:]
        lines += wrapped
    return "\n".join(lines)


@pytest.mark.parametrize("indent", ["\u3000\u3000", "  ", ""], ids=["kept", "spaces", "dropped"])
def test_an_indented_official_document_copied_from_pdf_is_joined_back(indent):
    paragraphs = [
        "东岭县共有中小学校64所，在校学生4.1万人，专任教师2980人，全县学前三年毛入园率达到"
        "96.4%，义务教育巩固率达到99.2%。",
        "（一）办学条件持续改善。全年投入教育经费12.4亿元，新建、改扩建校舍8.6万平方米，"
        "城区学校大班额全部消除。",
        "（二）推进集团化办学，力争2025年底前实现城乡学校结对全覆盖，组建教育集团9个。",
    ]
    segments = segment(_wrapped_document(paragraphs, indent))
    assert [(s.kind, s.text) for s in segments] == [(PARAGRAPH, p) for p in paragraphs]


def test_text_copied_a_line_a_paragraph_opens_each_indented_paragraph_anew():
    # Copied from a browser, each paragraph one line opened by 　　: a line ending on a
    # figure ran on into the next paragraph, two topics labelled as one.
    paragraphs = [
        "全年新建公办幼儿园两所，改扩建幼儿园四所，新增学位九百个，学前三年毛入园率达到94.2%",
        "投入资金一亿两千万元实施农村学校改薄工程，完成八所乡镇学校教学楼建设，县域义务教育"
        "均衡发展通过国家督导评估。",
        "深入开展“开学第一课”和国旗下讲话活动，建成心理健康辅导室三十七个",
        "全面推进课堂教学改革，组织优质课评选和集体备课，教师专业能力明显提高。",
    ]
    for indent in ("\u3000\u3000", "  "):
        text = "某县教育局2023年工作总结\n" + "\n".join(indent + p for p in paragraphs)
        segments = segment(text)
        assert [s.text for s in segments if s.kind == PARAGRAPH] == paragraphs


@pytest.mark.parametrize(
    "caption",
    ["▲ 某县第二幼儿园新园舍", "图1 新建的教学楼", "图为学生在上科学课",
     # A caption opened by 图为 as long as a sentence, on a line of its own.
     "图为城南实验幼儿园的孩子们在老师带领下开展户外体育游戏活动"],
)
def test_a_photos_caption_is_a_note_not_a_heading(caption):
    # Copied from a WeChat article, "▲ …" under a photo headed every paragraph below it.
    first = "全年新建公办幼儿园两所，新增学位九百个，学前三年毛入园率达到百分之九十四。"
    second = "投入资金一亿两千万元实施农村学校改薄工程，县域义务教育均衡发展通过国家督导评估。"
    segments = segment(f"一、学前教育\n{first}\n{caption}\n{second}\n")
    assert [(s.kind, s.text, s.heading, s.reason) for s in segments] == [
        (HEADING, "一、学前教育", None, None),
        (PARAGRAPH, first, "一、学前教育", None),
        (FURNITURE, caption, None, "note"),
        (PARAGRAPH, second, "一、学前教育", None),
    ]


def test_a_paragraph_opened_by_tuwei_or_a_line_going_on_from_one_stays_text():
    # A paragraph whose first sentence says what the photo shows goes on to others; and a
    # hard-wrapped line that happens to open with 图为 goes on from the line above.
    told = "图为县教育局组织骨干教师送教下乡的现场。今年以来，全县共组织送教活动三十六场次。"
    wrapped = ("全县组织开展“最美教师”评选活动，在颁奖仪式上，\n"
               "图为获奖教师代表合影留念，并由教师代表发表获奖感言。")
    for text in (told, wrapped):
        assert [s.kind for s in segment(text + "\n")] == [PARAGRAPH]
    # ▲ bullets a report's items as often as it marks a caption, in words no rule tells
    # apart: a line of it as long as a sentence is text, labelled, never lost.
    items = ("▲全县普惠性幼儿园覆盖率达到91.2%，学前三年毛入园率达到95.6%。\n"
             "▲深入推进家校共育，全县建成家长学校二百一十所\n"
             "▲2023年9月1日，城关镇中心幼儿园新园舍正式投入使用\n")
    assert [s.kind for s in segment(items)] == [PARAGRAPH] * 3
    # A short one stating a figure is a line whose figures summaries read, not a caption,
    # and heads nothing: the paragraph after it keeps its section.
    short = ("一、学前教育\n全县新建公办幼儿园3所，新增学位1260个，普惠性幼儿园覆盖率提高。\n"
             "▲学前三年毛入园率达到95.6%。\n"
             "全县新建幼儿园2所，新增学位900个，学前三年毛入园率稳步提高。\n")
    segments = segment(short)
    assert [s.kind for s in segments] == [HEADING, PARAGRAPH, HEADING, PARAGRAPH]
    assert {s.heading for s in segments if s.kind == PARAGRAPH} == {"一、学前教育"}


def test_a_heading_as_long_as_an_indented_first_line_stays_a_heading():
    # The heading is 26 characters: as long as a first line without its indent, but the
    # line below it opens a paragraph (indented) rather than going on at full width.
    heading = "（二）持续加强教师队伍建设，全面提升教师专业素养和育人能力"[:26]
    body = [
        "全县新招聘中小学教师260名，其中农村学校180名，音体美等紧缺学科教师配备不足的问题"
        "得到缓解，教师队伍结构进一步优化。",
        "组织全员培训12000人次，评选县级骨干教师150名，名师工作室达到24个，辐射带动作用明显，"
        "乡村教师支持计划落实到位，生活补助按月足额发放。",
    ]
    text = "\u3000\u3000" + heading + "\n" + _wrapped_document(body, "\u3000\u3000")
    segments = segment(text)
    assert [(s.kind, s.text) for s in segments] == [(HEADING, heading)] + [
        (PARAGRAPH, p) for p in body
    ]


@pytest.mark.parametrize("width", [30, 40, 45])
@pytest.mark.parametrize("indent", ["\u3000\u3000", ""], ids=["kept", "dropped"])
def test_short_indented_paragraphs_wrapped_wider_keep_their_tails(indent, width):
    # Paragraphs of two or three lines have as many indented first lines as full lines:
    # the full lines, two wider, are no lines wider than the text.
    paragraphs = [
        "2023年，东岭县教育局坚持以人民为中心的发展思想，聚焦群众急难愁盼问题，统筹推进各学段"
        "教育协调发展，全县教育事业呈现稳中有进的良好态势。现将主要工作报告如下。",
        "全年新建公办幼儿园4所，新增学位1080个，学前三年毛入园率达到95.2%，普惠性幼儿园"
        "覆盖率达到90.3%，较上年提高1.8个百分点。",
        "开展幼儿园保育教育质量提升行动，遴选县级示范园6所，结对帮扶乡村幼儿园18所，城乡"
        "保教质量差距逐步缩小，家长满意度持续提升。",
        "投入资金9600万元改造农村薄弱学校14所，新建学生宿舍楼3栋，寄宿制学校生活设施全部"
        "达标，城区学校大班额全部消除。",
        "深化县域教研共同体建设，组建学科中心组12个，开展送教下乡活动46场次，受益教师2300"
        "余人次，课堂教学质量稳步提升。",
        "落实教师待遇保障政策，义务教育教师平均工资收入不低于当地公务员平均工资收入水平，乡村"
        "教师生活补助按月足额发放到位。",
    ]
    segments = segment(_wrapped_document(paragraphs, indent, width))
    assert [(s.kind, s.text) for s in segments] == [(PARAGRAPH, p) for p in paragraphs]


def test_a_numbered_heading_nearly_as_wide_as_unindented_wrapped_text_stays_a_heading():
    # The paragraphs open at full width, 28 characters: a heading two or three short of
    # that is no first line with its indent dropped.
    sections = {
        "一、坚持公益普惠，加快补齐农村学前教育资源配置短板": [  # 25 characters
            "全年新建农村公办幼儿园5所，改扩建幼儿园7所，新增学位1560个，学前三年毛入园率达到"
            "94.8%，普惠性幼儿园覆盖率达到91.2%，较上年提高2.6个百分点。",
            "建立幼儿园保教质量督导评估制度，全县幼儿园全部纳入评估范围，评估结果与生均公用经费"
            "拨付挂钩，保教质量稳步提升。",
        ],
        "二、坚持内涵发展，全面提升义务教育学校的办学质量水平": [  # 26 characters
            "组建城乡教育共同体9个，覆盖学校41所，推行教师走教和课程共享，乡村学校开齐开足国家课程。",
        ],
    }
    lines = ["东岭县教育局2023年工作总结"]
    for heading, paragraphs in sections.items():
        lines.append(heading)
        lines += [p[i : i + 28] for p in paragraphs for i in range(0, len(p), 28)]
    segments = segment("\n".join(lines))
    expected = [(HEADING, lines[0])]
    for heading, paragraphs in sections.items():
        expected += [(HEADING, heading)] + [(PARAGRAPH, p) for p in paragraphs]
    assert [(s.kind, s.text) for s in segments] == expected


def test_a_figures_row_with_a_one_sentence_remark_stays_a_table_row():
    # Copied out of Word: the remark cell ends in 。, but the row is too short for a paragraph.
    rows = [
        "序号\t学校\t班级数\t学生数\t备注",
        "1\t东岭一小\t36\t1620\t",
        "2\t东岭二小\t30\t1350\t新增班级4个。",
        "3\t东岭三小\t24\t1080\t",
    ]
    body = "各小学全面落实课后服务全覆盖，学生参与率达到96.5%，家长满意度明显提升。"
    segments = segment("东岭县2023年小学基本情况\n" + "\n".join(rows) + "\n" + body)
    assert [(s.text, s.reason) for s in segments if s.kind == FURNITURE] == [
        (row.strip(), "table row") for row in rows
    ]
    assert [(s.kind, s.heading) for s in segments if s.kind != FURNITURE] == [
        (HEADING, None), (PARAGRAPH, "东岭县2023年小学基本情况")
    ]


def test_a_wrapped_line_ending_on_a_closing_quote_inside_a_sentence_runs_on():
    text = (
        "一、教学改革\n"
        "全县深化课堂教学改革，组织优质课评选活动，评出县级优质课九十节，推广“先学后教”\n"
        "教学模式，教学质量稳步提升。\n"
        "全县印发《清水县义务教育质量提升三年行动方案（2023—2025年）》（以下简称方案）\n"
        "，明确了课堂教学改革的目标任务，组织教研员深入学校开展听评课活动。\n"
        "二、德育工作\n"
        "各校开展“我的中国梦”主题教育，校长在开学典礼上说：“人人都是追梦人。”\n"
        "全县中小学生广泛参与志愿服务活动，参与学生达三万余人次，文明礼仪蔚然成风。\n"
    )
    paragraphs = [s.text for s in segment(text) if s.kind == PARAGRAPH]
    assert paragraphs[0].endswith("推广“先学后教”教学模式，教学质量稳步提升。")
    assert "（以下简称方案），明确了课堂教学改革的目标任务" in paragraphs[1]
    # A quote closed after the sentence's end ends the paragraph, as before.
    assert paragraphs[2].endswith("“人人都是追梦人。”") and len(paragraphs) == 4


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_line_closing_on_a_note_in_brackets_after_its_full_stop_ends_the_paragraph(newline):
    lines = [
        "今年全县新建普惠性幼儿园4所，新增学位960个，学前三年毛入园率达到94.1%。（数据来源：县统计局）",
        "全县实施薄弱学校改造工程，改善办学条件，义务教育巩固率达到97.8%。（详见附件1）",
        "深化课堂教学改革，开展“教学能手”评选活动，评出县级教学能手60名。【典型案例见附件2】",
        "坚持立德树人根本任务，开展主题教育活动120余场次，参与学生达3.2万人次。",
    ]
    paragraphs = [s.text for s in segment(newline.join(lines)) if s.kind == PARAGRAPH]
    assert paragraphs == lines
    # Wrapped at 30 characters, a line closing a bracket inside a sentence runs on, and a
    # paragraph's last line closing a note ends it.
    wrapped = [
        "全县推进集团化办学，组建城乡教育集团5个（含农村学校18所）",
        "，实现城乡学校结对帮扶全覆盖，教学质量稳步提升，全县义务教育",
        "巩固率达到97.8%。（数据来源：县教育局）",
        "深化课堂教学改革，开展“教学能手”评选活动，全年评出县级教学",
        "能手60名，优质课120节，组织送教下乡活动30场次，受益教",
        "师达到1500人次。（详见附件2）",
        "坚持立德树人根本任务，开展主题教育活动120余场次，参与学生",
        "达3.2万人次，创建市级文明校园6所。",
    ]
    paragraphs = [s.text for s in segment(newline.join(wrapped)) if s.kind == PARAGRAPH]
    assert paragraphs == ["".join(wrapped[:3]), "".join(wrapped[3:6]), "".join(wrapped[6:])]


def test_a_control_character_after_a_lines_full_stop_ends_the_paragraph_as_it_stands():
    # Pasted or scraped text leaves a DOS end of file (\x1a) or a bell (\x07) at a line's end.
    lines = [
        "今年全县新建公办幼儿园6所，新增学位1500个，学前三年毛入园率达到95.1%。\x1a",
        "全面落实控辍保学责任，义务教育巩固率达到98.5%，办学条件持续改善。\x07\x1b ",
        "开展“书香校园”读书活动，评选美德少年150名，学生文明素养明显提升。\x00",
    ]
    text = "\n".join(lines[:2]) + "\r\n" + lines[2]
    report = edusummary.tag(text)
    assert len(report.paragraphs) == 3
    assert [text[p.start:p.end] for p in report.paragraphs] == [p.text for p in report.paragraphs]
    assert [p.text for p in report.paragraphs] == [line.rstrip(" ") for line in lines]


def test_a_short_report_wrapped_with_indented_first_lines_is_joined_again():
    # Four paragraphs wrapped at 28, each opening with the two-character indent: the first
    # lines and the full lines split the count of lengths, and no width showed.
    paragraphs = [
        "2023年，全县新建公办幼儿园3所，新增学位900个，学前三年毛入园率达到93.6%，普惠性"
        "幼儿园覆盖率达到88.2%，较上年提高2.1个百分点。",
        "投入资金1200余万元，完成12所农村学校薄弱环节改造，新建塑胶运动场5个，全县义务教育"
        "学校办学条件全部达到省定标准。",
        "一是优化学校布局，撤并小规模学校3所；二是推进集团化办学，组建教育集团6个，覆盖学校"
        "28所；三是实施教师交流轮岗，全年交流教师156人。",
        "坚持立德树人根本任务，开展“红领巾心向党”主题教育活动120余场次，参与学生达3.2万人次。",
    ]
    lines = ["清水县教育局2023年工作总结", "一、学前教育"]
    for i, paragraph in enumerate(paragraphs):
        if i == 1:
            lines.append("二、义务教育")
        wrapped = "\u3000\u3000" + paragraph
        lines += [wrapped[k : k + 28] for k in range(0, len(wrapped), 28)]
    got = [s.text for s in segment("\n".join(lines) + "\n") if s.kind == PARAGRAPH]
    assert got == paragraphs


def _laid_out(paragraphs, columns=56):
    """Paragraphs laid out as Word or a PDF lays them out, ``columns`` half-width columns a
    line (28 Chinese characters), a digit or % taking one, the first line indented by two."""
    lines = []
    for paragraph in paragraphs:
        line, used = "", 0
        for char in "\u3000\u3000" + paragraph:
            room = 2 if unicodedata.east_asian_width(char) in "WF" else 1
            if used + room > columns:
                lines.append(line)
                line, used = "", 0
            line, used = line + char, used + room
        lines.append(line)
    return lines


def test_a_text_laid_out_with_half_width_figures_is_joined_back():
    # A line holding "1350个" or "95.8%" holds 29 to 32 characters and is as wide as the
    # 28 of its neighbours: counted in characters, the full lines shared no length.
    paragraphs = [
        "2023年，东岭县教育局围绕办好人民满意的教育这一目标，统筹推进学前教育、义务教育、"
        "高中教育协调发展，全县教育经费投入达到12.6亿元，较上年增长8.3%，各项工作取得"
        "明显成效。现将全年工作情况报告如下。",
        "全年新建公办幼儿园4所，改扩建幼儿园6所，新增学位1350个，学前三年毛入园率达到"
        "95.8%，较上年提高1.6个百分点，普惠性幼儿园覆盖率达到91.4%，公办园在园幼儿占比"
        "达到58.7%，乡镇中心幼儿园实现全覆盖，城乡学前教育资源配置更加均衡。",
        "投入资金1.36亿元，改造农村薄弱学校19所，新建学生宿舍楼5栋、食堂3个，城区学校56人"
        "以上大班额全部消除，义务教育巩固率达到99.3%，适龄儿童入学率保持100%，县域义务"
        "教育优质均衡发展通过省级督导评估。",
        "组建城乡教育集团7个，覆盖学校33所，交流轮岗教师126人，推行教师走教和课程共享，"
        "乡村学校全部开齐开足国家课程，2023年全县中考平均分较上年提高12.5分，城乡教育"
        "质量差距逐步缩小。",
        "开展“清廉学校”创建活动，评选县级德育示范校11所，组织学生参加研学实践2.3万人次，"
        "建成心理辅导室48个，配备专兼职心理教师96名，学生体质健康测试优良率达到56.2%，"
        "学生综合素质稳步提升。",
    ]
    headings = ["一、学前教育", "二、义务教育", "三、德育工作"]
    lines = ["东岭县教育局2023年工作总结", *_laid_out(paragraphs[:1]), headings[0]]
    lines += [*_laid_out(paragraphs[1:2]), headings[1], *_laid_out(paragraphs[2:4])]
    lines += [headings[2], *_laid_out(paragraphs[4:])]
    segments = segment("\n".join(lines) + "\n")
    assert [s.text for s in segments if s.kind == PARAGRAPH] == paragraphs
    assert [s.text for s in segments if s.kind == HEADING] == [lines[0], *headings]


def test_an_item_listed_by_its_numeral_goes_on_from_a_line_wrapped_mid_clause():
    # Wrapped at 30, a line breaks after "，" right before "二是…": the item goes on with
    # the sentence; a heading 二、 after a full stop is still a heading.
    paragraphs = [
        "全县着力推进义务教育均衡发展，一是改造农村薄弱学校共十四所，"
        "二是组建城乡教育共同体九个，三是实施教师交流轮岗，全年交流教师两百余人。",
        "各校深入开展社会主义核心价值观教育，组织学生参加红色研学和志愿服务活动，"
        "家校共育机制不断健全，学生文明素养明显提升，未成年人思想道德建设取得新进展。",
    ]
    wrapped = [[p[i : i + 30] for i in range(0, len(p), 30)] for p in paragraphs]
    assert wrapped[0][0].endswith("，") and wrapped[0][1].startswith("二是")
    lines = ["一、义务教育", *wrapped[0], "二、德育工作", *wrapped[1]]
    segments = segment("\n".join(lines) + "\n")
    assert [(s.kind, s.text) for s in segments] == [
        (HEADING, "一、义务教育"), (PARAGRAPH, paragraphs[0]),
        (HEADING, "二、德育工作"), (PARAGRAPH, paragraphs[1]),
    ]


def test_paragraphs_whose_full_stops_wrapped_onto_lines_of_their_own_keep_them():
    # Three paragraphs of 60 characters and a full stop, wrapped at 30: "。" alone on a
    # line three times is no running footer but each paragraph's end.
    bodies = [
        "全县新建公办幼儿园三所，改扩建幼儿园五所，新增学位九百个，学前三年毛入园率达到"
        "百分之九十三点六，普惠性幼儿园覆盖率进一步提高，入园难问题得到缓解",
        "投入资金一千二百余万元，完成十二所农村学校薄弱环节改造，新建塑胶运动场五个，"
        "全县义务教育学校办学条件全部达到省定标准，城乡办学差距逐步缩小",
        "各校深入开展社会主义核心价值观教育，组织学生参加红色研学和志愿服务活动，家校"
        "共育机制不断健全，学生文明素养明显提升，思想道德建设取得新进展",
    ]
    paragraphs = [body[:60] + "。" for body in bodies]
    lines = [p[i : i + 30] for p in paragraphs for i in range(0, len(p), 30)]
    assert lines.count("。") == 3
    segments = segment("东岭县教育局2023年工作总结\n" + "\n".join(lines) + "\n")
    assert [s.text for s in segments if s.kind == PARAGRAPH] == paragraphs
    assert not [s for s in segments if s.kind == FURNITURE]


@pytest.mark.parametrize(
    "below", [["清水县教育局"], ["2024年1月15日"], ["清水县教育局", "2024年1月15日"]]
)
def test_a_title_nearly_as_wide_as_the_text_does_not_run_on_into_the_office_or_date(below):
    # Wrapped at 30, paragraphs opening at full width: a 29-character headline is one
    # short of a full line, but the office or the date below it is no line of its text.
    title = "全县教育系统凝心聚力推动学前教育义务教育德育工作高质量发展"
    paragraphs = [
        "全县新建公办幼儿园三所，改扩建幼儿园五所，新增学位九百个，学前三年毛入园率达到"
        "百分之九十三点六，普惠性幼儿园覆盖率进一步提高，入园难问题得到有效缓解。",
        "投入资金一千二百余万元，完成十二所农村学校薄弱环节改造，新建塑胶运动场五个，"
        "全县义务教育学校办学条件全部达到省定标准，城乡办学差距逐步缩小。",
    ]
    assert len(title) == 29
    lines = [title, *below] + [p[i : i + 30] for p in paragraphs for i in range(0, len(p), 30)]
    segments = segment("\n".join(lines) + "\n")
    assert segments[0].text == title
    assert [s.text for s in segments if s.kind == PARAGRAPH] == paragraphs


def test_a_speakers_byline_and_a_plans_title_under_its_notice_are_headings():
    speech = (
        "在2023年全县教育工作会议上的讲话\n\n清河县教育局党组书记、局长　周文斌\n\n同志们：\n\n"
        "这次会议的任务是总结去年全县教育工作，安排部署今年的重点任务。\n"
    )
    notice = (
        "清河县教育局关于印发《清河县义务教育优质均衡发展实施方案（2024—2026年）》的通知\n\n"
        "各中小学校：\n\n现将《清河县义务教育优质均衡发展实施方案（2024—2026年）》印发给你们，"
        "请结合实际认真贯彻执行。\n\n清河县义务教育优质均衡发展实施方案（2024—2026年）\n\n"
        "为推进全县义务教育优质均衡发展，缩小城乡、校际差距，结合我县实际，制定本方案。\n"
    )
    for text, line in [(speech, "清河县教育局党组书记、局长　周文斌"),
                       (notice, "清河县义务教育优质均衡发展实施方案（2024—2026年）")]:
        segments = segment(text)
        assert [s.kind for s in segments if s.text == line] == [HEADING]
        assert sum(s.kind == PARAGRAPH for s in segments) == (1 if text is speech else 2)


def test_a_replys_contact_office_is_document_furniture_not_a_paragraph():
    # "联系单位：…德育处" was labelled moral_education for the office's name, beside the
    # 联系人 and 联系电话 lines set aside.
    text = (
        "关于对县政协第0215号提案的答复\n"
        "近年来，我县持续加强中小学心理健康教育，全县中小学均已建成心理辅导室，"
        "每所学校至少配备一名专兼职心理教师。\n"
        "联系单位：清河县教育局思想政治工作和德育股\n"
        "办理单位：清河县教育局\n"
        "联系人：周红\n"
    )
    segments = segment(text)
    assert [s.text[:4] for s in segments if s.kind == PARAGRAPH] == ["近年来，"]
    removed = [s.text[:4] for s in segments if s.kind == FURNITURE]
    assert removed == ["联系单位", "办理单位", "联系人："]


@pytest.mark.parametrize(
    "under",
    [
        ["（2009年4月）"], ["二〇〇九年四月"], ["副县长　赵立新"], ["县教育局基础教育股"],
        ["县教育局　县卫健局联合调研组", "2009年4月"], ["主任、各位副主任、秘书长、各位委员："],
        ["——2009年4月20日在县人大常委会第十九次会议上", "县人大常委会副主任　孙敏"],
        ["尊敬的各位领导、各位来宾："], ["尊敬的市教育局领导："], ["主任、各位来宾："],
    ],
)
def test_a_date_byline_or_salutation_under_the_title_heads_nothing(under):
    # The date of a year and month, the author's or office's line and the salutation under
    # a title became the heading of the opening paragraphs in place of the title.
    title = "关于全县义务教育阶段学生近视防控情况的调研报告"
    text = "\n".join([
        title, *under,
        "为摸清全县中小学生视力健康状况，县教育局会同县卫健局对二十三所学校开展了抽样调查。",
        "一、基本情况",
        "本次共抽查学生四千二百人，总体近视率为百分之四十八点六，比上年下降一点二个百分点。",
    ]) + "\n"
    segments = segment(text)
    paragraphs = [s for s in segments if s.kind == PARAGRAPH]
    assert [p.heading for p in paragraphs] == [title, "一、基本情况"]
    salutation = [s.kind for s in segments if s.text.endswith("：")]
    assert salutation in ([], [FURNITURE])


@pytest.mark.parametrize(
    ("lines", "headings"),
    [
        # A task heading ending in 领导：, a numbered heading right under the title, and a
        # chronicle's months each head what follows.
        (["加强组织领导：",
          "各校要成立由校长任组长的德育工作领导小组，把德育工作纳入学校工作计划。"],
         ["加强组织领导："]),
        (["（一）成立工作领导小组",
          "县教育局成立以局长为组长的领导小组，统筹推进全县学前教育攻坚工作。"],
         ["（一）成立工作领导小组"]),
        (["全年教育工作稳步推进，各项重点任务顺利完成，群众对教育的满意度持续提升。",
          "2023年3月", "全县中小学春季开学检查顺利完成，县教育局组成六个督导组对各校进行了督查。",
          "2023年9月", "县第二幼儿园建成投用，新增学前学位三百六十个，缓解了城区入园难问题。"],
         ["清水县教育局2024年工作要点", "2023年3月", "2023年9月"]),
    ],
)
def test_headings_that_look_like_a_salutation_an_office_or_a_date_still_head(lines, headings):
    # Rules for the lines under a title (its office, its date) and for salutations had
    # taken these for furniture: their paragraphs lost their headings.
    text = "\n".join(["清水县教育局2024年工作要点", *lines]) + "\n"
    paragraphs = [s for s in segment(text) if s.kind == PARAGRAPH]
    assert [p.heading for p in paragraphs] == headings


def test_a_chronicles_first_month_right_under_its_title_heads_its_events():
    # A month under a title is the title's date ("（2005年6月）" under a survey), but under
    # a chronicle's title it is the first of the months its events fall under: January's
    # events had been headed by the title, March's by March.
    # Three months or more are no running header either, though they differ only in digits.
    text = (
        "青山县教育局2023年大事记\n2023年1月\n"
        "1月10日，县教育局召开全县教育工作会议，部署全年各项重点任务。\n"
        "2023年3月\n"
        "3月6日，县第三幼儿园开工建设，建成后可新增学前学位五百四十个。\n"
        "2023年4月\n"
        "4月20日，全县中小学德育工作现场会在城关一小召开，推广家校共育经验。\n"
    )
    paragraphs = [s for s in segment(text) if s.kind == PARAGRAPH]
    assert [p.heading for p in paragraphs] == ["2023年1月", "2023年3月", "2023年4月"]


def test_a_lines_reason_for_being_set_apart_is_said_in_words():
    text = "各中小学校、幼儿园：\n\n请各校认真做好暑期安全工作，确保师生安全。\n"
    reasons = [s.reason for s in segment(text) if s.kind == FURNITURE]
    assert reasons == ["document furniture: the units it is addressed to (主送机关)"]


@pytest.mark.parametrize(
    "addressees",
    ["青山县人民政府：", "市教育局：", "县委、县政府：", "各乡（镇）学区，县直各学校："],
)
def test_the_office_a_report_is_sent_to_under_its_title_is_document_furniture(addressees):
    body = "2023年，全县新建公办幼儿园两所，新增学位四百五十个，学前三年毛入园率达到百分之九十一。"
    title = "青山县教育局关于学前教育发展情况的报告"
    text = f"青山县教育局文件\n青教发〔2024〕3号\n{title}\n{addressees}\n{body}\n"
    segments = segment(text)
    assert [s.reason for s in segments if s.text == addressees] == [
        "document furniture: the units it is addressed to (主送机关)"
    ]
    assert segments[-1].heading == title


def test_an_office_ending_in_a_colon_once_the_text_has_begun_is_no_addressee():
    text = (
        "青山县教育局关于学前教育发展情况的报告\n"
        "2023年，全县新建公办幼儿园两所，新增学位四百五十个，学前三年毛入园率达到百分之九十一。\n"
        "县教育局：\n"
        "负责幼儿园建设项目的规划审批，统筹安排学前教育专项资金，做好督导检查。\n"
    )
    assert not [s for s in segment(text) if s.kind == FURNITURE]


def test_the_frame_of_minutes_and_of_an_older_notice_is_document_furniture():
    decided = "会议议定，城北幼儿园须于2024年8月底前完工，9月1日前开园，新增学位二百七十个。"
    frame = [
        "出席：李建军　王芳　张海涛", "列席：刘洋（基础教育股）　陈静（计财股）", "缺席：赵刚",
        "记录：孙丽", "分送：局领导，局机关各股室。", "主题词：学前教育　幼儿园　纪要",
        "青山县教育局办公室　　　　2024年6月3日印发", "共印40份",
    ]
    text = "\n".join(["青山县教育局局长办公会议纪要", "一、关于城北幼儿园建设", decided, *frame])
    segments = segment(text)
    assert [s.text for s in segments if s.kind == FURNITURE] == frame
    assert all(s.reason.startswith("document furniture") for s in segments if s.text in frame)
    assert [s.heading for s in segments if s.kind == PARAGRAPH] == ["一、关于城北幼儿园建设"]
    # When and where it met, above who came, head nothing either: the title does.
    met = ["时间：2024年6月3日上午", "地点：局三楼会议室", "主持：李建军"]
    segments = segment("\n".join(["青山县教育局局长办公会议纪要", *met, *frame[:4], decided]))
    assert [s.text for s in segments if s.kind == FURNITURE] == met + frame[:4]
    assert [s.heading for s in segments if s.kind == PARAGRAPH] == ["青山县教育局局长办公会议纪要"]


def test_a_numbered_request_closed_by_a_full_stop_is_a_paragraph():
    text = (
        "一、请各学校认真核对在校学生学籍信息，如实填写统计表，确保数据准确。\n"
        "二、请于2024年3月10日前将统计表报送局基础教育股。\n"
        "（三）请示报告制度\n"
    )
    assert kinds(segment(text)) == [PARAGRAPH, PARAGRAPH, HEADING]


def test_a_sentence_about_a_document_without_its_full_stop_stays_a_paragraph():
    text = (
        "一、加强德育队伍建设\n"
        "全年组织德育骨干教师培训三期，培训班主任八百六十人。\n"
        "县教育局广泛征求了家长委员会和社会各界对学校德育工作的意见\n"
        "全县各校均结合实际制定了课后服务和心理健康教育工作方案\n"
        "县教育局及时转发了省教育厅关于做好学前教育宣传月活动的通知\n"
        "认真学习贯彻全国教育大会精神和省委主要领导的重要讲话\n"
    )
    kinds = [(s.kind, s.heading) for s in segment(text) if s.kind != HEADING]
    assert kinds == [(PARAGRAPH, "一、加强德育队伍建设")] * 5


def test_a_plans_title_holding_words_of_deeds_is_a_heading_under_its_notice():
    text = (
        "清水县教育局关于印发《清水县开展学前教育宣传月活动方案》的通知\n\n"
        "现将《清水县开展学前教育宣传月活动方案》印发给你们，请结合实际认真组织实施。\n\n"
        "清水县开展学前教育宣传月活动方案\n\n"
        "为营造科学育儿的良好氛围，结合我县实际，制定本方案。\n"
    )
    (last,) = [s for s in segment(text) if s.text.startswith("为营造")]
    assert last.heading == "清水县开展学前教育宣传月活动方案"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("内蒙古自治区学前教育发展实施方案", HEADING),
        ("教育部等四部门关于加强中小学德育工作的意见", HEADING),
        ("关于征求全县教育发展规划意见的通知", HEADING),
        ("2024年全县教育工作要点", HEADING),
        ("清水县人民政府办公室印发全县学前教育发展实施方案", PARAGRAPH),
        ("组织全县教师学习省委书记重要讲话", PARAGRAPH),
    ],
)
def test_a_later_line_naming_a_document_is_a_title_only_when_it_opens_as_one(line, kind):
    text = (
        "一、总体要求\n全年组织德育骨干教师培训三期，培训班主任八百六十人。\n"
        f"{line}\n各校要认真落实各项任务，确保取得实效。\n"
    )
    assert [s.kind for s in segment(text) if s.text == line] == [kind]


def test_a_speechs_date_line_heads_none_of_its_paragraphs():
    text = (
        "在全县教育工作会议上的讲话\n（2008年3月18日）\n"
        "　　这次会议的主要任务是总结去年工作，部署今年全县教育重点任务。\n"
    )
    (paragraph,) = [s for s in segment(text) if s.kind == "paragraph"]
    assert paragraph.heading == "在全县教育工作会议上的讲话"
