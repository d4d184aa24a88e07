"""PowerPoint reports (.pptx): the slides' text in order, titles, notes, tables, errors."""

from __future__ import annotations

import csv
import logging
import re
import zipfile

import pytest
from _doc_writer import write_ole
from _pptx_writer import Box, Chart, Diagram, Field, Group, Slide, Table, write_pptx

import edusummary
from edusummary.cli import main
from edusummary.errors import ReadError
from edusummary.reading import read_pptx_file
from edusummary.reading.pptx import AGENDA_SLIDE, CLOSING_SLIDE, REPEATED_TEXT
from edusummary.reports.metadata import report_title
from edusummary.topics import LABELS

TITLE = "清溪县教育局2024年教育工作汇报"
PRESCHOOL = "全县新建改扩建公办幼儿园六所，新增普惠性学位一千五百个，普惠率提高到百分之九十三。"
BALANCE = "推进城乡义务教育一体化发展，改造薄弱学校十二所，县域内校际差异系数持续缩小。"
SPEECH = (
    "各位领导，这一部分我重点汇报学前教育。一年来，我们把扩大普惠资源作为头等大事，"
    "逐村摸清适龄幼儿底数，科学布局新建幼儿园，保证了每个乡镇至少有一所公办中心园。"
)
#: The slide's two short bullets, one line.
BULLETS = "新增学位一千五百个；普惠率百分之九十三"
MORAL = "坚持立德树人根本任务，开展红色研学和劳动实践活动，全县中小学生参与率达到百分之百。"


def report_slides() -> list[Slide]:
    """A title slide, and three of the report's sections; the third is hidden."""
    return [
        Slide([
            Box([TITLE], None, "ctrTitle"),
            Box(["清溪县教育局", "2024年12月"], None, "subTitle", 1),
            Box(["2024年12月20日"], (1, 17), "dt", 10),
            Box(["清溪县教育局内部资料"], (5, 17), "ftr", 11),
            Box(["1"], None, "sldNum", 12),
        ]),
        Slide(
            [
                Box([PRESCHOOL, (1, "新增学位一千五百个"), (1, "普惠率百分之九十三")], None, "", 1),
                Box(["一、学前教育"], None, "title"),
                Box(["2"], None, "sldNum", 12),
            ],
            notes=[SPEECH],
        ),
        Slide(
            [Box(["三、未定稿的内容"], None, "title"), Box(["这一页尚未定稿，暂不展示。"], (1, 5))],
            hidden=True,
        ),
        Slide([Box(["二、义务教育"], None, "title"), Box([BALANCE], (1, 4))]),
    ]


def lines(document) -> list[str]:
    return [line for line in document.text.split("\n") if line]


def spans(document, found) -> list[str]:
    return [document.whole_text[start:end] for start, end in found]


def test_slides_are_read_in_order_titles_as_headings_notes_after_their_slide(tmp_path, caplog):
    path = write_pptx(tmp_path / "汇报.pptx", report_slides())
    with caplog.at_level(logging.INFO, logger="edusummary.reading.pptx"):
        document = edusummary.read(path)
    assert (document.format, document.warnings, document.encoding) == ("pptx", (), None)
    # The title first, then the slide's shapes top down; the notes after the slide's text;
    # the date, the footer and the slide numbers are furniture, not read; the hidden
    # slide is left out, which is logged.
    assert lines(document) == [
        TITLE, "清溪县教育局", "2024年12月",
        "一、学前教育", PRESCHOOL, BULLETS, SPEECH,
        "二、义务教育", BALANCE,
    ]
    assert spans(document, document.headings) == [TITLE, "一、学前教育", "二、义务教育"]
    assert f"{path}: 1 hidden slide left out (slide 3), as a show leaves them out" in caplog.text
    # Each slide, and each shape, ends its paragraphs: a blank line parts them.
    assert f"{TITLE}\n\n清溪县教育局\n2024年12月\n\n一、学前教育\n\n{PRESCHOOL}\n" in document.text
    assert f"{SPEECH}\n\n二、义务教育" in document.text


def test_a_title_broken_over_two_paragraphs_is_one_heading_the_reports_title(tmp_path):
    slides = [Slide([Box([TITLE[:6], TITLE[6:]], None, "ctrTitle"), Box(["汇报人：张明"], (1, 8))]),
              *report_slides()[1:]]
    path = write_pptx(tmp_path / "a.pptx", slides)
    document = edusummary.read(path)
    assert lines(document)[:2] == [TITLE, "汇报人：张明"]
    assert spans(document, document.headings)[0] == TITLE
    assert report_title(edusummary.tag_file(path)) == TITLE


def test_the_presentations_order_of_slides_is_read_not_their_part_names(tmp_path):
    slides = [Slide([Box([f"第{n}页标题"], None, "title")]) for n in "一二三"]
    document = edusummary.read(write_pptx(tmp_path / "a.pptx", slides, order=[3, 1, 2]))
    assert lines(document) == ["第三页标题", "第一页标题", "第二页标题"]


def test_a_pptx_is_tagged_and_the_first_slides_title_is_the_reports(tmp_path):
    report = edusummary.tag_file(write_pptx(tmp_path / "汇报.pptx", report_slides()))
    assert report_title(report) == TITLE
    assert [p.text for p in report.paragraphs] == [PRESCHOOL, BULLETS, SPEECH, BALANCE]
    # The bullets name no stage of schooling: the model is left to judge them by their words.
    found = [(p.label, p.text) for p in report.paragraphs if p.text != BULLETS]
    assert found == [
        ("preschool", PRESCHOOL), ("preschool", SPEECH), ("compulsory_balance", BALANCE),
    ]
    assert [report.paragraphs[i].heading for i in (0, 2, 3)] == [
        "一、学前教育", "一、学前教育", "二、义务教育",
    ]


def test_shapes_are_read_top_down_then_left_to_right_a_group_in_its_place(tmp_path):
    slide = Slide([
        Box(["右栏：加强教师队伍建设"], (14, 6)),
        Group([Box(["组内下方的文字"], (0, 3)), Box(["组内上方的文字"], (0, 0))], (1, 10)),
        Box(["左栏：推进课程教学改革"], (1, 6)),
        # Placed by its layout, below the title.
        Box(["正文占位符的文字"], None, "", 1),
        Box(["四、教学改革"], (1, 1), "title"),
        Box(["页面最下方的文字"], (1, 15)),
    ])
    document = edusummary.read(write_pptx(tmp_path / "a.pptx", [slide]))
    assert lines(document) == [
        "四、教学改革", "正文占位符的文字", "左栏：推进课程教学改革", "右栏：加强教师队伍建设",
        "组内上方的文字", "组内下方的文字", "页面最下方的文字",
    ]


def test_a_slides_table_is_read_as_rows_as_a_docx_table_is(tmp_path):
    task = "新建城南幼儿园，新增学位六百三十个"
    table = Table([
        ["项目", "目标", "完成"],
        [{"text": "学前教育", "rowSpan": "2"}, "新增学位（个）", "1500"],
        [{"text": "", "vMerge": "1"}, "普惠率（%）", "93"],
        [{"text": "合计", "gridSpan": "2"}, {"text": "", "hMerge": "1"}, "2"],
        ["1", task, "2024.12"],
    ])
    slide = Slide([Box(["主要指标完成情况"], None, "title"), table])
    document = edusummary.read(write_pptx(tmp_path / "a.pptx", [slide]))
    rows = ["项目\t目标\t完成", "学前教育\t新增学位（个）\t1500", "学前教育\t普惠率（%）\t93",
            "合计\t\t2", f"1\t{task}\t2024.12"]
    assert lines(document) == ["主要指标完成情况", *rows]
    # A task's row is a paragraph, as in a .docx; the rows of figures are the table's.
    assert spans(document, document.table_rows) == rows[:4]


def test_a_smartart_diagrams_steps_make_one_line_as_in_a_docx(tmp_path):
    slide = Slide([Box(["工作流程"], None, "title"), Diagram(["摸底排查", "制定方案", "督导验收"])])
    document = edusummary.read(write_pptx(tmp_path / "a.pptx", [slide]))
    assert lines(document) == ["工作流程", "摸底排查；制定方案；督导验收"]
    assert spans(document, document.notes) == ["摸底排查；制定方案；督导验收"]


def test_a_slide_ends_its_paragraph_its_short_lines_never_glued_across_slides(tmp_path):
    # Lines unended and as long as a hard-wrapped line of text, which in a text file run on.
    unended = "全面落实课后服务全覆盖工作要求，各校结合实际开设科技体育艺术劳动等特色课程"
    slides = [
        Slide([Box(["三、德育工作"], None, "title"), Box([MORAL, unended], (1, 4))]),
        Slide([Box(["课后服务开展情况覆盖全县所有义务教育学校以及部分农村教学点"], (1, 4))]),
    ]
    path = write_pptx(tmp_path / "a.pptx", slides)
    texts = [p.text for p in edusummary.tag_file(path).paragraphs]
    assert texts == [MORAL, unended, "课后服务开展情况覆盖全县所有义务教育学校以及部分农村教学点"]
    # A manual line break inside a sentence is layout, as in Word: the line runs on.
    slide = Slide([Box([MORAL[:20] + "\n" + MORAL[20:]], (1, 4))])
    assert lines(edusummary.read(write_pptx(tmp_path / "b.pptx", [slide]))) == [MORAL]


def test_edusummary_tag_on_a_folder_reads_its_pptx_beside_the_other_reports(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    write_pptx(folder / "汇报.pptx", report_slides())
    (folder / "总结.txt").write_text(f"德育工作\n{MORAL}\n", encoding="utf-8")
    out = tmp_path / "tagged.csv"
    assert main(["tag", str(folder), "-o", str(out), "-q"]) == 0
    with out.open(encoding="utf-8-sig") as file:
        rows = [row for row in csv.DictReader(file) if row["source"].endswith(".pptx")]
    assert [(row["label"], row["text"]) for row in rows if row["text"] != BULLETS] == [
        ("preschool", PRESCHOOL), ("preschool", SPEECH), ("compulsory_balance", BALANCE),
    ]
    assert [row["text"] for row in rows].count(BULLETS) == 1


@pytest.mark.parametrize("suffix", [".pptm", ".ppsx", ".potx"])
def test_macro_enabled_presentations_shows_and_templates_are_read_alike(tmp_path, suffix):
    path = write_pptx(tmp_path / f"汇报{suffix}", report_slides())
    assert edusummary.read(path).text == read_pptx_file(path).text
    assert lines(edusummary.read(path))[0] == TITLE


def test_an_empty_pptx_is_an_empty_report(tmp_path):
    path = tmp_path / "新建 Microsoft PowerPoint 演示文稿.pptx"
    path.write_bytes(b"")
    assert read_pptx_file(path).text == ""


def test_a_damaged_pptx_is_a_read_error_saying_so(tmp_path):
    path = tmp_path / "坏.pptx"
    path.write_bytes(b"PK\x03\x04" + bytes(100))
    not_zip = f"{path}: not a valid .pptx file (it is not a zip package)"
    with pytest.raises(ReadError, match=re.escape(not_zip)):
        edusummary.read(path)
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("ppt/slides/slide1.xml", "<p:sld/>")
    with pytest.raises(ReadError, match=re.escape("(the zip has no ppt/presentation.xml)")):
        edusummary.read(path)
    write_pptx(path, report_slides(), damage={"ppt/presentation.xml": b"<p:presentation"})
    with pytest.raises(ReadError, match=re.escape(f"{path}: not a valid .pptx file (")):
        edusummary.read(path)


def test_a_missing_or_damaged_slide_is_left_out_with_a_warning_the_rest_read(tmp_path):
    path = write_pptx(tmp_path / "a.pptx", report_slides(), leave_out=("ppt/slides/slide2.xml",))
    document = edusummary.read(path)
    assert lines(document)[-2:] == ["二、义务教育", BALANCE]
    assert PRESCHOOL not in document.text
    assert document.warnings == (
        f"{path}: the package is damaged: it names parts it lacks (ppt/slides/slide2.xml), "
        "read without them; if the report misses something, open it in PowerPoint, which "
        "offers to recover such a file, and save it again",
    )
    path = write_pptx(tmp_path / "b.pptx", report_slides(), damage={
        "ppt/slides/slide4.xml": b"<p:sld><p:cSld>",
    })
    document = edusummary.read(path)
    assert PRESCHOOL in document.text and BALANCE not in document.text
    assert len(document.warnings) == 1
    assert document.warnings[0].startswith(
        f"{path}: slide 4 (ppt/slides/slide4.xml) is damaged and left out ("
    )


def test_an_encrypted_pptx_says_so(tmp_path):
    # PowerPoint writes a presentation with a password as an OLE2 file holding the package.
    path = write_ole(tmp_path / "加密.pptx", {"EncryptionInfo": b"\4", "EncryptedPackage": b"x"})
    message = f"{path}: the presentation is encrypted; remove the password and try again"
    with pytest.raises(ReadError, match=f"^{re.escape(message)}$"):
        edusummary.read(path)


@pytest.mark.parametrize("name", ["汇报.ppt", "汇报.dps", "汇报.pptx"])
def test_an_old_binary_presentation_is_refused_with_advice_to_save_it_as_pptx(tmp_path, name):
    path = write_ole(tmp_path / name, {"PowerPoint Document": b"\0", "Current User": b"\0"})
    with pytest.raises(ReadError, match=re.escape(
        f"{path}: is a PowerPoint 97–2003 presentation (.ppt, or WPS's .dps), not a Word "
        "document; open it in PowerPoint or WPS and save it as .pptx or .pdf"
    )):
        edusummary.read(path)


def test_a_pptx_named_ppt_or_dps_is_read_as_what_it_is_with_a_warning(tmp_path):
    for name in ("汇报.ppt", "汇报.dps"):
        path = write_pptx(tmp_path / name, report_slides())
        document = edusummary.read(path)
        assert lines(document)[0] == TITLE
        assert document.warnings == (
            f"{path}: is a .pptx PowerPoint presentation despite its {path.suffix} name; "
            "read it as such",
        )


def test_a_slide_whose_relationships_are_damaged_is_left_out_the_rest_read(tmp_path):
    path = write_pptx(tmp_path / "a.pptx", report_slides(), damage={
        "ppt/slides/_rels/slide2.xml.rels": b"<Relationships",
    })
    document = edusummary.read(path)
    assert PRESCHOOL not in document.text and BALANCE in document.text
    assert document.warnings[0].startswith(
        f"{path}: slide 2 (ppt/slides/slide2.xml) is damaged and left out ("
    )


#: A county bureau's 汇报 as slides are made: each section a title over short bullets.
DECK_TITLE = "青禾县教育局2023年工作汇报"
PRESCHOOL_BULLETS = ["新建公办幼儿园12所", "新增普惠性学位2160个", "学前三年毛入园率达92.3%",
                     "普惠性幼儿园覆盖率85%"]
BALANCE_BULLETS = ["改造农村薄弱学校8所", "新建教师周转宿舍240套", "九年义务教育巩固率98.6%",
                   "城区大班额全部消除"]
REFORM_LEAD = "全面推行学案导学课堂模式，各校每周组织一次集体备课和校本教研活动。"
REFORM_BULLETS = ["建成学科教研基地15个", "开展送教下乡46场次", "评选县级优质课120节"]
MORAL_BULLETS = ["开展红色研学活动32场", "建成劳动教育实践基地6个", "心理健康教师配备率100%",
                 "评选县级文明班级85个"]
DECK_NOTES = (
    "学前教育这一块，我们全年紧盯普惠目标，乡镇中心幼儿园实现全覆盖，农村幼儿就近入园更加方便。"
)
INDICATORS = [
    ["指标", "目标", "完成"], ["毛入园率（%）", "92", "92.3"], ["巩固率（%）", "98.5", "98.6"],
]


def deck_slides() -> list[Slide]:
    return [
        Slide([Box([DECK_TITLE], None, "ctrTitle"),
               Box(["青禾县教育局", "2024年1月"], None, "subTitle", 1)]),
        Slide([Box(["一、学前教育普惠发展"], None, "title"), Box(PRESCHOOL_BULLETS, None, "", 1)],
              notes=[DECK_NOTES]),
        Slide([Box(["二、义务教育优质均衡"], None, "title"),
               Box(["主要做法：", *BALANCE_BULLETS], None, "", 1)]),
        Slide([Box(["三、课堂教学改革"], None, "title"),
               Box([REFORM_LEAD, *REFORM_BULLETS], None, "", 1)]),
        Slide([Box(["四、德育与立德树人"], None, "title"), Box(MORAL_BULLETS, None, "", 1)]),
        Slide([Box(["五、主要指标完成情况"], None, "title"), Table(INDICATORS)]),
    ]


def test_a_slide_of_short_bullets_is_one_labelled_paragraph_its_figures_summarised(tmp_path):
    path = write_pptx(tmp_path / "汇报.pptx", deck_slides())
    report = edusummary.tag_file(path)
    preschool, balance, reform, moral = (
        "；".join(PRESCHOOL_BULLETS), "主要做法：" + "；".join(BALANCE_BULLETS),
        "；".join(REFORM_BULLETS), "；".join(MORAL_BULLETS),
    )
    # Each bullet alone had been a heading, not labelled: the slide gave the summary nothing
    # but their figures, and its speaker notes were headed by its last bullet.
    assert [(p.heading, p.label, p.text) for p in report.paragraphs] == [
        ("一、学前教育普惠发展", "preschool", preschool),
        ("一、学前教育普惠发展", "preschool", DECK_NOTES),
        ("二、义务教育优质均衡", "compulsory_balance", balance),
        ("三、课堂教学改革", "teaching_reform", REFORM_LEAD),
        ("三、课堂教学改革", "teaching_reform", reform),
        ("四、德育与立德树人", "moral_education", moral),
    ]
    assert report_title(report) == DECK_TITLE
    # The title slide's subtitle and the table's rows are not glued.
    document = edusummary.read(path)
    assert lines(document)[1:3] == ["青禾县教育局", "2024年1月"]
    assert spans(document, document.table_rows) == ["\t".join(row) for row in INDICATORS]
    summary = report.summary()
    assert all(summary[label].paragraphs for label in (
        "preschool", "compulsory_balance", "teaching_reform", "moral_education",
    ))
    assert {column: summary.rows[0][column] for column in (
        "毛入园率(%)", "普惠覆盖率(%)", "新建幼儿园(所)", "新增学位(个)",
    )} == {"毛入园率(%)": 92.3, "普惠覆盖率(%)": 85, "新建幼儿园(所)": 12, "新增学位(个)": 2160}
    assert summary.rows[1]["巩固率(%)"] == 98.6
    figures = {label: [f[:3] for f in summary[label].figures] for label in LABELS}
    assert ("开展送教下乡", 46, "场") in figures["teaching_reform"]
    assert ("心理健康教师配备率", 100, "%") in figures["moral_education"]


def test_only_runs_of_short_unended_lines_are_joined_a_colon_line_leading_them(tmp_path):
    long_line = "深入推进县域义务教育优质均衡发展，城乡学校办学条件差距进一步缩小"
    slide = Slide([
        Box(["六、其他工作"], None, "title"),
        Box([
            "校园安全：", "开展安全检查36次", "整改隐患120处",
            "控辍保学动态清零。", "资助学生3200人次",
            long_line, "营养餐覆盖率100%", "课后服务覆盖率100%",
            "", "2024年1月",
        ], None, "", 1),
        Box(["入园率92%", "巩固率98%"], (1, 14)),
        Box(["一个短句"], (1, 16)),
    ])
    document = edusummary.read(write_pptx(tmp_path / "a.pptx", [slide]))
    assert lines(document) == [
        "六、其他工作",
        "校园安全：开展安全检查36次；整改隐患120处",
        # A sentence, however short, and a long line stand as they stood; a bullet alone too.
        "控辍保学动态清零。", "资助学生3200人次",
        long_line, "营养餐覆盖率100%；课后服务覆盖率100%",
        "2024年1月",
        "入园率92%；巩固率98%",
        "一个短句",
    ]
    # A joined line long enough to be a paragraph stands alone; a shorter one is left to
    # the segmenter, a heading whose figures the summary still files.
    assert spans(document, document.notes) == ["校园安全：开展安全检查36次；整改隐患120处"]
    report = edusummary.tag_file(write_pptx(tmp_path / "a.pptx", [slide]))
    assert "入园率92%；巩固率98%" in [h.text for h in report.headings]


def test_a_slide_of_bullets_files_its_figures_under_its_own_topic_not_the_next_slides(tmp_path):
    slides = [
        Slide([Box(["一、学前教育"], None, "title"),
               Box(["新增学位2160个", "毛入园率达92.3%", "普惠覆盖率85%"], None, "", 1)]),
        Slide([Box(["二、义务教育"], None, "title"), Box([BALANCE], None, "", 1)]),
    ]
    summary = edusummary.tag_file(write_pptx(tmp_path / "a.pptx", slides)).summary()
    # Headings, the bullets' figures had gone with the paragraph after them: the next slide's.
    assert [f[:3] for f in summary["preschool"].figures] == [
        ("新增学位", 2160, "个"), ("毛入园率", 92.3, "%"), ("普惠覆盖率", 85, "%"),
    ]
    assert [f[:3] for f in summary["compulsory_balance"].figures] == [("改造薄弱学校", 12, "所")]
    assert summary.rows[0]["毛入园率(%)"] == 92.3


def test_a_slide_number_field_in_a_text_box_of_its_own_is_not_read(tmp_path):
    # WPS and many templates draw the slide's number in a plain text box, not in the
    # slide number's placeholder; its number had been read as a line of the slide.
    slides = [
        Slide([Box(["一、督导工作开展情况"], None, "title"), Box([BALANCE], (1, 4)),
               Box([Field("slidenum", "2")], (30, 17))]),
        Slide([Box(["二、下一步工作"], None, "title"), Box([MORAL], (1, 4)),
               Box([Field("slidenum", "‹#›")], (30, 17))]),
    ]
    document = edusummary.read(write_pptx(tmp_path / "a.pptx", slides))
    assert lines(document) == ["一、督导工作开展情况", BALANCE, "二、下一步工作", MORAL]
    # Nor are the words around it: 第 页 had been read as a heading of its own.
    for number, around in enumerate([["第", "页"], ["", " / 12"], ["Page ", ""]]):
        slides[0].shapes[-1] = Box([[around[0], Field("slidenum", "2"), around[1]]], (30, 17))
        document = edusummary.read(write_pptx(tmp_path / f"{number}.pptx", slides))
        assert lines(document) == ["一、督导工作开展情况", BALANCE, "二、下一步工作", MORAL]


def test_a_bullet_heading_the_items_under_it_is_not_glued_to_the_run_above_it(tmp_path):
    indented = Box([
        "（一）学前教育普惠扩容", (1, "新建公办幼儿园5所"), (1, "新增普惠学位1350个"),
        (1, "毛入园率达到93.6%"), "（二）义务教育均衡发展", (1, BALANCE),
    ], None, "", 1)
    # Typed at one level, as often in WPS: the numbered lines head the unnumbered ones.
    typed = Box([
        "（一）教师队伍建设", "招聘新教师120人", "交流轮岗教师210人", "（二）教育督导",
        "1. 完善督学聘任办法", "2. 推进督导结果公开", "主要做法：", "1. 开展专项督导",
        "2. 实行挂牌督导",
    ], None, "", 1)
    slides = [Slide([Box(["一、2024年工作回顾"], None, "title"), indented]),
              Slide([Box(["二、队伍与督导"], None, "title"), typed])]
    document = edusummary.read(write_pptx(tmp_path / "a.pptx", slides))
    # The second section's heading had closed the first's bullets, and the sub-heading
    # opened them: （一）学前教育普惠扩容；新建公办幼儿园5所；…；（二）义务教育均衡发展.
    assert lines(document) == [
        "一、2024年工作回顾", "（一）学前教育普惠扩容",
        "新建公办幼儿园5所；新增普惠学位1350个；毛入园率达到93.6%",
        "（二）义务教育均衡发展", BALANCE,
        "二、队伍与督导", "（一）教师队伍建设", "招聘新教师120人；交流轮岗教师210人",
        "（二）教育督导", "1. 完善督学聘任办法；2. 推进督导结果公开",
        "主要做法：1. 开展专项督导；2. 实行挂牌督导",
    ]
    report = edusummary.tag_file(write_pptx(tmp_path / "a.pptx", slides))
    headings = {heading.text for heading in report.headings}
    assert {"（一）学前教育普惠扩容", "（二）义务教育均衡发展", "（一）教师队伍建设"} <= headings


def test_two_columns_each_headed_are_read_column_by_column_labels_beside_text_across(tmp_path):
    problems = [
        "部分学校作业总量偏大，书面作业时长超出规定。",
        "个别学校课后服务内容单一，以看管学生自习为主。",
    ]
    measures = ["建立作业公示制度，年级组统筹作业总量。", "引进校外资源，丰富课后服务课程。"]
    columns = Slide([
        Box(["二、发现的问题与整改建议"], None, "title"),
        Box(["发现的问题"], (2, 5), size=(14, 1.5)), Box(["整改建议"], (18, 5), size=(14, 1.5)),
        Box(problems, (2, 7), size=(14, 8)), Box(measures, (18, 7), size=(14, 8)),
        # A slogan in vertical text down the slide's right edge, its top above the text's.
        Box(["安全第一预防为主"], (33, 3), size=(1.5, 14)),
    ])
    labelled = Slide([
        Box(["三、主要做法"], None, "title"),
        Box(["统一课程"], (2, 5), size=(6, 1.5)), Box([BALANCE], (9, 5), size=(22, 1.5)),
        Box(["统一教研"], (2, 8), size=(6, 1.5)), Box([MORAL], (9, 8), size=(22, 1.5)),
    ])
    document = edusummary.read(write_pptx(tmp_path / "a.pptx", [columns, labelled]))
    # The headings had been read side by side, then the two columns' text: the problems
    # came under 整改建议; and the slogan had come before the text, a heading over it.
    assert lines(document) == [
        # A short sentence that ends its column joins the sentence above it: alone, it had
        # been a heading of the text after the column.
        "二、发现的问题与整改建议", "发现的问题", *problems, "整改建议", "".join(measures),
        "安全第一预防为主",
        "三、主要做法", "统一课程", BALANCE, "统一教研", MORAL,
    ]
    report = edusummary.tag_file(write_pptx(tmp_path / "a.pptx", [columns, labelled]))
    assert [p.heading for p in report.paragraphs if p.text in problems] == ["发现的问题"] * 2


def test_an_agenda_slide_and_a_closing_slide_are_set_apart_their_notes_read(tmp_path):
    slides = [
        Slide([Box([DECK_TITLE], None, "ctrTitle"), Box(["青禾县教育局"], None, "subTitle", 1)]),
        Slide([Box(["目录"], None, "title"),
               Box(["一、学前教育", "二、义务教育", "三、存在问题", "四、下步打算"], None, "", 1)],
              notes=["今天的汇报分为四个部分，首先汇报学前教育普惠发展的情况。"]),
        Slide([Box(["一、学前教育"], None, "title"), Box([PRESCHOOL], None, "", 1)]),
        Slide([Box(["CONTENTS"], (1, 1)), Box(["目 录"], (1, 3)),
               Box(["01 工作回顾", "02 问题不足"], (1, 6))]),
        Slide([Box(["二、义务教育"], None, "title"), Box([BALANCE], None, "", 1)]),
        Slide([Box(["谢谢！"], None, "title"), Box(["敬请各位领导批评指导"], None, "", 1)]),
    ]
    path = write_pptx(tmp_path / "a.pptx", slides)
    document = edusummary.read(path)
    # The agenda had been a paragraph labelled "other" (一、学前教育；二、义务教育；…), and
    # 谢谢！ and 敬请各位领导批评指导 the last headings of the report.
    assert lines(document) == [
        DECK_TITLE, "青禾县教育局", "今天的汇报分为四个部分，首先汇报学前教育普惠发展的情况。",
        "一、学前教育", PRESCHOOL, "二、义务教育", BALANCE,
    ]
    set_aside = [(document.whole_text[start:end], why) for start, end, why in document.furniture]
    assert [line for line, _ in set_aside] == [
        "目录", "一、学前教育；二、义务教育；三、存在问题；四、下步打算", "CONTENTS", "目 录",
        "01 工作回顾；02 问题不足", "谢谢！", "敬请各位领导批评指导",
    ]
    assert {reason for _, reason in set_aside} == {AGENDA_SLIDE, CLOSING_SLIDE}
    report = edusummary.tag_file(path)
    assert [p.text for p in report.paragraphs] == [
        "今天的汇报分为四个部分，首先汇报学前教育普惠发展的情况。", PRESCHOOL, BALANCE,
    ]
    assert [h.text for h in report.headings][-1] == "二、义务教育"
    # A slide of short lines that thank no one, nor list the slides, is the report's.
    slide = Slide([
        Box(["工作成效"], None, "title"), Box(["新建幼儿园5所", "新增学位1350个"], (1, 4)),
    ])
    assert lines(edusummary.read(write_pptx(tmp_path / "b.pptx", [slide]))) == [
        "工作成效", "新建幼儿园5所；新增学位1350个",
    ]


def test_the_numbers_powerpoint_draws_before_paragraphs_are_read_as_a_docxs_are(tmp_path):
    body = Box([
        (0, "学前教育普惠发展", "ea1ChsPeriod"), (1, "新建公办幼儿园5所"),
        (1, "新增普惠学位1350个"),
        (0, "义务教育优质均衡", "ea1ChsPeriod"), (1, BALANCE),
        (0, "校园安全", "ea1ChsPeriod"), (1, "每日巡查校舍", "arabicParenBoth"),
        (1, "每月专题研判", "arabicParenBoth"), (1, "开学前全面排查"),
        (1, "每学期应急演练", "arabicParenBoth"),
    ], None, "", 1)
    document = edusummary.read(write_pptx(tmp_path / "a.pptx", [
        Slide([Box(["2024年工作回顾"], None, "title"), body]),
    ]))
    # The numbers had been lost: 学前教育普惠发展 was no outline's item, as 一、学前教育 is.
    assert lines(document) == [
        "2024年工作回顾", "一、学前教育普惠发展", "新建公办幼儿园5所；新增普惠学位1350个",
        "二、义务教育优质均衡", BALANCE, "三、校园安全",
        # An unnumbered paragraph ends the list; the next numbered one starts it again.
        "(1)每日巡查校舍；(2)每月专题研判", "开学前全面排查", "(1)每学期应急演练",
    ]


def test_a_text_box_at_the_same_place_on_most_slides_is_set_apart(tmp_path):
    # WPS users type the office's name on the first slide and copy it along with the slide.
    office = Box(["柳林县人民政府教育督导室"], (1, 0.5))
    section = Box(["督导工作"], (28, 0.5))  # on two slides of five only: the slides' own
    slides = [
        Slide([office, Box(["2024年秋季学期责任督学挂牌督导工作汇报"], (2, 6), size=(28, 2))]),
        Slide([office, section, Box(["一、督导开展情况"], None, "title"), Box([BALANCE], (1, 4))]),
        Slide([office, section, Box(["二、发现的问题"], None, "title"), Box([MORAL], (1, 4))]),
        Slide([Box(["三、整改情况"], None, "title"), Box([PRESCHOOL], (1, 4))]),
        Slide([office, Box(["四、下一步工作"], None, "title"), Box([SPEECH], (1, 4))]),
    ]
    for number, slide in enumerate(slides[1:], start=2):
        # The slide's number, drawn at the same place on each, is no text repeated.
        slide.shapes.append(Box([Field("slidenum", str(number))], (30, 17)))
    path = write_pptx(tmp_path / "a.pptx", slides)
    document = edusummary.read(path)
    assert f"三、整改情况\n\n{PRESCHOOL}\n\n" in document.text
    # It had been read atop each slide, glued to the first slide's title as the report's.
    assert "柳林县人民政府教育督导室" not in document.text
    assert lines(document).count("督导工作") == 2
    assert [(document.whole_text[start:end], why) for start, end, why in document.furniture] == [
        ("柳林县人民政府教育督导室", REPEATED_TEXT)
    ] * 4
    assert report_title(edusummary.tag_file(path)) == "2024年秋季学期责任督学挂牌督导工作汇报"


def test_a_slide_of_requests_or_thanks_among_its_facts_is_no_closing_slide(tmp_path):
    slides = [
        Slide([Box(["一、学前教育"], None, "title"), Box([PRESCHOOL], None, "", 1)]),
        Slide([Box(["五、意见建议"], None, "title"),
               Box(["恳请增加教师编制", "恳请改造老旧校舍"], None, "", 1)]),
        Slide([Box(["致敬教师"], None, "title"),
               Box(["感谢全县教师", "表彰优秀教师86名"], None, "", 1)]),
        Slide([Box(["下一步工作打算"], None, "title"),
               Box(["推进集团化办学", "谢谢！"], None, "", 1)]),
        Slide([Box(["谢谢观看"], None, "title"), Box(["敬请批评指正"], None, "", 1)]),
    ]
    document = edusummary.read(write_pptx(tmp_path / "a.pptx", slides))
    # The requests, the thanks to the teachers and the plans had been set aside as the
    # presentation's closing slides, their facts lost.
    assert lines(document) == [
        "一、学前教育", PRESCHOOL, "五、意见建议", "恳请增加教师编制；恳请改造老旧校舍",
        "致敬教师", "感谢全县教师；表彰优秀教师86名", "下一步工作打算", "推进集团化办学", "谢谢！",
    ]
    assert [
        (document.whole_text[start:end], why) for start, end, why in document.furniture
    ] == [("谢谢观看", CLOSING_SLIDE), ("敬请批评指正", CLOSING_SLIDE)]


def test_a_sections_name_at_the_same_place_over_its_slides_is_read(tmp_path):
    # The section's name stands at the top left of each of its slides, as a breadcrumb.
    slides = [
        Slide([Box(["一、学前教育"], (1, 0.3)), Box([f"学前专题{number}"], None, "title"),
               Box([PRESCHOOL], (1, 4))])
        for number in range(1, 6)
    ] + [Slide([Box(["二、义务教育"], (1, 0.3)), Box(["均衡发展"], None, "title"),
                Box([BALANCE], (1, 4))])]
    document = edusummary.read(write_pptx(tmp_path / "a.pptx", slides))
    # On five slides of six, it had been set aside as repeated text: the outline's first
    # section was lost, its slides' text with it when that too stood the same on each.
    # Read under the title, it then headed the slide's text in the title's place (see the
    # next test): it is read over it.
    assert lines(document)[:3] == ["一、学前教育", "学前专题1", PRESCHOOL]
    assert lines(document).count("一、学前教育") == 5
    assert document.furniture == ()


def test_a_grid_of_names_beside_their_figures_is_read_row_by_row(tmp_path):
    rows = [
        ("新建公办幼儿园", "6所"), ("新增普惠学位", "1500个"),
        ("改造薄弱学校", "新建校舍12所，消除大班额"),
    ]
    slide = Slide([Box(["主要指标"], None, "title")] + [
        box for row, (name, figure) in enumerate(rows) for box in (
            Box([name], (2, 5 + 2 * row), size=(8, 1.5)),
            Box([figure], (11, 5 + 2 * row), size=(8 if row == 2 else 6, 1.5)),
        )
    ])
    document = edusummary.read(write_pptx(tmp_path / "a.pptx", [slide]))
    # The names had been read one under the other, then the figures, each apart from its
    # name, as the two columns of a heading's text are. A name and its bare figure are one
    # fact, the cards' facts one line (see the test of stat cards below).
    assert lines(document) == [
        "主要指标", "新建公办幼儿园：6所；新增普惠学位：1500个", *rows[2],
    ]


def test_a_number_drawn_without_a_stop_is_set_off_from_its_text(tmp_path):
    body = Box([
        (0, "2024年新建幼儿园5所", "arabicPlain"), (0, "300名教师参加培训", "arabicPlain"),
        (0, "学前教育", "ea1ChsPlain"), (0, "义务教育", "ea1ChsPlain"),
        (0, "立德树人", "ea1JpnChsDbPeriod"), (0, "课堂改革", "ea1JpnChsDbPeriod"),
    ], None, "", 1)
    document = edusummary.read(write_pptx(tmp_path / "a.pptx", [
        Slide([Box(["重点工作"], None, "title"), body]),
    ]))
    # The numbers had been glued to the figures after them (12024年, 2300名), and
    # PowerPoint's １． read as 一、, a section's number.
    assert lines(document) == [
        "重点工作", "1 2024年新建幼儿园5所；2 300名教师参加培训；一 学前教育；二 义务教育",
        "１．立德树人；２．课堂改革",
    ]


def test_a_bullet_of_figures_over_its_detail_is_no_heading(tmp_path):
    facts = Box([
        "新建幼儿园5所", (1, "其中城区3所"), "新增学位1500个", "普惠率达到93%",
    ], None, "", 1)
    slides = [Slide([Box(["工作成效"], None, "title"), facts]),
              Slide([Box(["二、德育"], None, "title"), Box([MORAL], None, "", 1)])]
    report = edusummary.tag_file(write_pptx(tmp_path / "a.pptx", slides))
    # 新建幼儿园5所 had stood alone as a heading over 其中城区3所, and the slide's other
    # facts, a heading too short to be labelled, were filed under the next slide's 德育.
    assert report.paragraphs[0].text == "新建幼儿园5所；其中城区3所；新增学位1500个；普惠率达到93%"
    assert report.paragraphs[0].label == "preschool"


def test_a_number_typed_in_a_paragraph_powerpoint_numbers_is_read_once(tmp_path):
    body = Box([
        (0, "1.新建公办幼儿园5所", "arabicPeriod"), (0, "2.新增普惠学位1350个", "arabicPeriod"),
        (0, "（一）学前教育", "ea1ChsPeriod"), (0, "健全督导机制", "arabicPeriod"),
        (0, "强化结果运用", "arabicPeriod"),
    ], None, "", 1)
    document = edusummary.read(write_pptx(tmp_path / "a.pptx", [
        Slide([Box(["重点工作"], None, "title"), body]),
    ]))
    # The drawn number had been read before the typed one: 1.1.新建公办幼儿园5所.
    assert lines(document) == [
        "重点工作", "1.新建公办幼儿园5所；2.新增普惠学位1350个", "（一）学前教育",
        "1.健全督导机制；2.强化结果运用",
    ]


def test_a_slide_titled_tigang_that_states_facts_is_no_agenda(tmp_path):
    slides = [
        Slide([Box(["汇报提纲"], None, "title"),
               Box(["新建公办幼儿园5所。", "普惠率达到93%。", "培训教师3200人次"], None, "", 1)]),
        Slide([Box(["提 纲"], None, "title"),
               Box(["01 工作回顾", "第2部分 问题不足", "03 2025年打算"], None, "", 1)]),
    ]
    document = edusummary.read(write_pptx(tmp_path / "a.pptx", slides))
    # Its facts had been set aside with it as the presentation's agenda.
    assert "培训教师3200人次" in document.text
    assert [(document.whole_text[start:end], why) for start, end, why in document.furniture] == [
        ("提 纲", AGENDA_SLIDE), ("01 工作回顾；第2部分 问题不足；03 2025年打算", AGENDA_SLIDE),
    ]


def test_short_bullets_that_each_end_a_sentence_are_joined_as_the_others_are(tmp_path):
    stopped = ["新建公办幼儿园5所。", "新增普惠学位1500个。", "毛入园率达93%。"]
    slides = [
        Slide([Box(["一、学前教育"], None, "title"), Box(stopped, None, "", 1)]),
        Slide([Box(["二、德育"], None, "title"), Box([MORAL], None, "", 1)]),
    ]
    report = edusummary.tag_file(write_pptx(tmp_path / "a.pptx", slides))
    # Each had been a heading: the slide gave no paragraph, its figures went to 德育.
    first = report.paragraphs[0]
    assert (first.heading, first.label) == ("一、学前教育", "preschool")
    assert first.text == "".join(stopped)


def test_a_bullet_of_figures_ending_its_shape_alone_joins_the_line_before_it(tmp_path):
    slides = [
        Slide([Box(["一、义务教育"], None, "title"), Box([BALANCE, "改造校舍12所"], None, "", 1)]),
        Slide([Box(["二、教学改革"], None, "title"),
               Box(["1. 开展专项教研", "2. 推进集体备课", "送教下乡46场"], None, "", 1)]),
        Slide([Box(["三、学前教育"], None, "title"),
               Box(["新建幼儿园5所。", "新增学位1500个。", "毛入园率93%"], None, "", 1)]),
        # A year counts nothing: the line after the run heads what follows it.
        Slide([Box(["五、展望"], None, "title"),
               Box(["1. 完善督导制度", "2. 健全评价机制", "2025年工作打算"], None, "", 1)]),
        Slide([Box(["四、德育"], None, "title"), Box([MORAL], None, "", 1)]),
    ]
    document = edusummary.read(write_pptx(tmp_path / "a.pptx", slides))
    # Each had stood alone after the text of its shape, a heading of the next slide's text.
    assert lines(document) == [
        "一、义务教育", BALANCE + "改造校舍12所",
        "二、教学改革", "1. 开展专项教研；2. 推进集体备课；送教下乡46场",
        "三、学前教育", "新建幼儿园5所。新增学位1500个。毛入园率93%",
        "五、展望", "1. 完善督导制度；2. 健全评价机制", "2025年工作打算",
        "四、德育", MORAL,
    ]


def test_stat_cards_on_a_slide_are_read_as_one_paragraph_of_names_and_figures(tmp_path):
    # Four cards: a figure over its name, a name over its figure, one typed on one line.
    cards = [
        Box(["46项", "学科竞赛获奖"], (2, 5), size=(6, 3)),
        Box(["省级课题立项", "12项"], (9, 5), size=(6, 3)),
        Box(["送教下乡；38场"], (16, 5), size=(6, 3)),
        Box(["培训教师3200人次"], (23, 5), size=(6, 3)),
    ]
    apart = [Box(["优质课评选获奖"], (2, 10), size=(8, 2)), Box(["27个"], (11, 10), size=(4, 2))]
    slides = [
        Slide([Box(["三、教学改革成效"], None, "title"), *cards, *apart]),
        Slide([Box(["四、德育"], None, "title"), Box([MORAL], None, "", 1)]),
    ]
    path = write_pptx(tmp_path / "a.pptx", slides)
    document = edusummary.read(path)
    facts = (
        "学科竞赛获奖：46项；省级课题立项：12项；送教下乡：38场；培训教师3200人次；"
        "优质课评选获奖：27个"
    )
    # Each card had been a heading (46项 alone a table's cell, its name lost) and what they
    # state filed under the next slide's 德育.
    assert lines(document)[:2] == ["三、教学改革成效", facts]
    report = edusummary.tag_file(path)
    assert (report.paragraphs[0].heading, report.paragraphs[0].text) == ("三、教学改革成效", facts)
    figures = [f[:3] for f in report.summary()[report.paragraphs[0].label].figures]
    assert ("学科竞赛获奖", 46, "项") in figures and ("送教下乡", 38, "场") in figures


def test_a_sections_name_over_a_run_of_slides_leaves_each_slides_title_heading_its_text(tmp_path):
    topics = [
        ("课堂教学改革", "深化课堂教学改革，推广大单元教学，全县开展优质课评比活动四十余场。"),
        ("教研体系建设", "健全县校两级教研体系，组建学科教研共同体，定期开展送教下乡活动。"),
        ("作业设计优化", "实施作业设计优化工程，建立作业公示制度，学生书面作业总量明显下降。"),
        ("集体备课推进", "推行集体备课制度，每周开展学科组研讨，青年教师课堂能力明显提升。"),
        ("教育评价改革", "深化教育评价改革，建立学生综合素质评价平台，覆盖全县各中小学校。"),
    ]
    section = Box(["二、教学改革"], (1, 0.3), size=(8, 1.2))
    slides = [Slide([Box([DECK_TITLE], None, "ctrTitle")])]
    slides += [Slide([Box(["学前教育"], None, "title"), Box([PRESCHOOL], (1, 4))])] * 2
    slides += [
        Slide([section, Box([title], None, "title"), Box([text], (1, 4), size=(20, 3))])
        for title, text in topics
    ]
    slides += [Slide([Box(["德育工作"], None, "title"), Box([MORAL], (1, 4))])] * 3
    report = edusummary.tag_file(write_pptx(tmp_path / "a.pptx", slides))
    # On 5 slides of 11, 二、教学改革 had headed each of their texts, not their titles.
    assert [p.heading for p in report.paragraphs if p.text in dict(topics).values()] == [
        title for title, _ in topics
    ]


def test_a_charts_title_typed_over_it_heads_no_text_the_slides_title_does(tmp_path):
    slides = [
        Slide([Box(["一、学前教育"], None, "title"), Chart((1, 5), (14, 8)),
               Box(["2020-2024年毛入园率变化"], (2, 4), size=(12, 1)),
               Box([PRESCHOOL], (16, 5), size=(14, 8)),
               Box(["图1 各乡镇普惠园数量"], (2, 13.2), size=(12, 1))]),
        Slide([Box(["二、德育"], None, "title"), Box([MORAL], None, "", 1)]),
    ]
    report = edusummary.tag_file(write_pptx(tmp_path / "a.pptx", slides))
    # The chart's title had headed the text beside the chart, in the slide title's place.
    assert [(p.heading, p.text) for p in report.paragraphs] == [
        ("一、学前教育", PRESCHOOL), ("二、德育", MORAL),
    ]
    assert {"2020-2024年毛入园率变化", "图1 各乡镇普惠园数量"} <= {
        segment.text for segment in report.removed
    }


def test_a_heading_over_stat_cards_and_a_year_beside_a_title_are_no_cards_names(tmp_path):
    slides = [
        Slide([Box(["清河县教育局2024年工作汇报"], (4, 6), size=(24, 3)),
               Box(["2024年"], (10, 10), size=(10, 1.5))]),
        Slide([Box(["二、义务教育"], None, "title"), Box(["核心指标"], (2, 4), size=(8, 1)),
               Box(["15所"], (2, 6), size=(6, 2)), Box(["新建校舍"], (2, 8), size=(6, 1)),
               Box(["98.7%"], (9, 6), size=(6, 2)), Box(["巩固率"], (9, 8), size=(6, 1))]),
    ]
    document = edusummary.read(write_pptx(tmp_path / "a.pptx", slides))
    # Each figure is read with the name under it, not the heading over the row.
    assert lines(document) == [
        "清河县教育局2024年工作汇报", "2024年",
        "二、义务教育", "核心指标", "新建校舍：15所；巩固率：98.7%",
    ]


def test_a_label_at_the_same_place_below_the_title_of_two_slides_stays_under_it(tmp_path):
    slides = [
        Slide([Box([title], None, "title"), Box(["主要做法"], (1, 4), size=(8, 1)),
               Box([text], (1, 6), size=(28, 3))])
        for title, text in (("一、学前教育", PRESCHOOL), ("二、义务教育", BALANCE))
    ]
    document = edusummary.read(write_pptx(tmp_path / "a.pptx", slides))
    # Not a section's name over the title: it stands below it, heading the slide's text.
    assert lines(document) == [
        "一、学前教育", "主要做法", PRESCHOOL, "二、义务教育", "主要做法", BALANCE,
    ]


def test_an_agenda_of_titles_that_count_something_is_set_aside(tmp_path):
    titles = ["一、全年投入资金2.6亿元", "二、新建学校4所", "三、2025年工作打算"]
    slides = [
        Slide([Box(["目录"], None, "title"), Box(titles, None, "", 1)]),
        Slide([Box(["提纲"], None, "title"), Box(["01 工作回顾", "02 新建学校4所"], None, "", 1)]),
        *(Slide([Box([title], None, "title"), Box([BALANCE], None, "", 1)]) for title in titles),
        # Its figures stated nowhere else, a slide of facts titled 提纲 is still read.
        Slide([Box(["汇报提纲"], None, "title"),
               Box(["1. 新增学位1350个", "2. 培训教师2800人次"], None, "", 1)]),
    ]
    document = edusummary.read(write_pptx(tmp_path / "a.pptx", slides))
    # The titles it lists had been read as the report's text, their figures counted twice.
    assert [why for _, _, why in document.furniture] == [AGENDA_SLIDE] * 4
    assert lines(document)[0] == titles[0]
    assert "1. 新增学位1350个；2. 培训教师2800人次" in lines(document)


def test_a_finding_that_counts_typed_under_a_chart_is_read_its_title_set_apart(tmp_path):
    slides = [
        Slide([Box(["二、义务教育"], None, "title"), Chart((1, 4), (30, 8)),
               Box(["近三年巩固率（%）"], (2, 3.3), size=(12, 0.8)),
               Box(["巩固率连续三年保持在99%以上"], (2, 12.3), size=(28, 1)),
               Box(["城区 99.9%", "乡村 99.6%"], (26, 5), size=(4, 2))]),
        Slide([Box(["三、德育"], None, "title"), Box([MORAL], None, "", 1)]),
    ]
    report = edusummary.tag_file(write_pptx(tmp_path / "a.pptx", slides))
    # Taken for the chart's caption, it had been set apart, its figure lost.
    removed = {segment.text for segment in report.removed}
    assert "巩固率连续三年保持在99%以上" not in removed
    # The chart's title and its labels typed over it, figures and all, are set apart.
    assert {"近三年巩固率（%）", "城区 99.9%", "乡村 99.6%"} <= removed
    assert any(f.value == 99 for topic in report.summary().topics for f in topic.figures)


def test_a_figure_under_no_name_takes_not_the_name_under_the_figure_beside_it(tmp_path):
    slides = [
        Slide([Box(["二、教学成果"], None, "title"), Box(["46项"], (2, 5), size=(6, 2)),
               Box(["竞赛获奖"], (2, 7.2), size=(6, 1)), Box(["12所"], (10, 5), size=(6, 2))]),
    ]
    document = edusummary.read(write_pptx(tmp_path / "a.pptx", slides))
    # Read between them, 12所 had taken 46项's name: 46项；竞赛获奖：12所.
    assert lines(document) == ["二、教学成果", "竞赛获奖：46项；12所"]


def test_a_parts_name_beside_a_title_borne_by_all_its_slides_heads_their_text(tmp_path):
    parts = [("（一）学前教育", PRESCHOOL), ("（一）学前教育", SPEECH), ("（二）义务教育", BALANCE),
             ("（二）义务教育", BALANCE.replace("十二所", "九所"))]
    slides = [
        Slide([Box(["一、主要成绩"], None, "title"), Box([part], (22, 1), size=(10, 1.2)),
               Box([text], (1, 4), size=(30, 4))])
        for part, text in parts
    ] + [Slide([Box(["二、德育"], None, "title"), Box([MORAL], None, "", 1)])]
    report = edusummary.tag_file(write_pptx(tmp_path / "a.pptx", slides))
    # Read over the title as a section's name, each part's name had been lost as the
    # heading of its text, which came under 一、主要成绩 on each slide.
    assert [p.heading for p in report.paragraphs][:4] == [part for part, _ in parts]


def test_an_agenda_whose_numbers_stand_in_boxes_of_their_own_is_set_aside(tmp_path):
    items = [("01", "全年投入资金2.6亿元"), ("02", "新建学校4所"), ("03", "2025年打算")]
    agenda = [Box(["目录"], (2, 2), size=(6, 2))] + [
        box for row, (number, item) in enumerate(items) for box in (
            Box([number], (10, 4 + 2 * row), size=(2, 1)),
            Box([item], (13, 4 + 2 * row), size=(12, 1)),
        )
    ]
    slides = [
        Slide(agenda),
        *(Slide([Box([item], None, "title"), Box([BALANCE], None, "", 1)]) for _, item in items),
    ]
    document = edusummary.read(write_pptx(tmp_path / "a.pptx", slides))
    # Its titles that count something had been read as the report's text.
    assert [why for _, _, why in document.furniture] == [AGENDA_SLIDE] * 7
    assert lines(document)[0] == items[0][1]
    # Nor when the numbers stand in one box beside the items' box.
    agenda = [Box(["目录"], (2, 2), size=(6, 2)), Box([n for n, _ in items], (10, 4), size=(2, 6)),
              Box([item for _, item in items], (13, 4), size=(12, 6))]
    document = edusummary.read(write_pptx(tmp_path / "b.pptx", [Slide(agenda), *slides[1:]]))
    assert [why for _, _, why in document.furniture] == [AGENDA_SLIDE] * 3


def test_a_photos_caption_beside_a_figure_is_not_its_name(tmp_path):
    slides = [
        Slide([Box(["一、校舍建设"], None, "title"), Box([BALANCE], (1, 4), size=(30, 3)),
               Box(["图为新建的城关小学"], (2, 14), size=(10, 1)),
               Box(["1.2亿元"], (14, 14), size=(4, 1))]),
    ]
    document = edusummary.read(write_pptx(tmp_path / "a.pptx", slides))
    # Read as the figure's name, the caption had made a fact: 图为新建的城关小学：1.2亿元.
    assert lines(document)[2:] == ["图为新建的城关小学", "1.2亿元"]


def test_the_offices_name_at_the_foot_of_each_slide_is_not_a_figures_name(tmp_path):
    office = Box(["清溪县教育局"], (27, 17.8), size=(6, 0.8))
    texts = [("一、学前教育", PRESCHOOL), ("二、义务教育", BALANCE), ("三、德育", MORAL)]
    slides = [
        Slide([Box([title], None, "title"), Box([text], None, "", 1), office]
              + ([Box(["99.8%"], (26, 12), size=(5, 2))] if title == "二、义务教育" else []))
        for title, text in texts
    ]
    document = edusummary.read(write_pptx(tmp_path / "a.pptx", slides))
    # Read as the figure's name, it had made a fact, 清溪县教育局：99.8%, and been kept.
    assert "99.8%" in lines(document) and "清溪县教育局" not in document.text
    assert [why for _, _, why in document.furniture] == [REPEATED_TEXT] * 3


def test_a_label_whose_top_the_titles_box_overlaps_stays_under_the_title(tmp_path):
    slides = [
        Slide([Box([title], None, "title"), Box(["主要做法"], (1, 2.8), size=(8, 1)),
               Box([text], (1, 4.5), size=(28, 3))])
        for title, text in (("一、学前教育", PRESCHOOL), ("二、义务教育", BALANCE))
    ]
    document = edusummary.read(write_pptx(tmp_path / "a.pptx", slides))
    # Its top above the foot of the title's box (3 cm down), it had been read over the
    # title as a section's name.
    assert lines(document) == [
        "一、学前教育", "主要做法", PRESCHOOL, "二、义务教育", "主要做法", BALANCE,
    ]


def test_a_note_or_a_photos_caption_that_counts_is_read_alone_not_joined(tmp_path):
    training = "实施教师全员培训，开展国培省培项目，全面提升教师专业能力。"
    cards = [
        Box(["1.2亿元"], (16, 4.5), size=(6, 1.5)), Box(["总投资"], (16, 6.1), size=(6, 1)),
        Box(["2400个"], (24, 4.5), size=(6, 1.5)), Box(["新增学位"], (24, 6.1), size=(6, 1)),
        Box(["注：含配套幼儿园1所"], (16, 8), size=(14, 1)),
    ]
    slides = [
        Slide([Box(["一、教师培训"], None, "title"),
               Box([training, "注：含校长培训210人次"], None, "", 1)]),
        Slide([Box(["二、校舍建设"], None, "title"), *cards,
               Box(["图为投资1.2亿元的城东学校"], (2, 12.2), size=(12, 1))]),
    ]
    document = edusummary.read(write_pptx(tmp_path / "a.pptx", slides))
    # The note had been joined to the sentence over it, as a bullet of figures ending its
    # shape is, and the caption and the note to the cards' facts, their figures counted.
    assert lines(document) == [
        "一、教师培训", training, "注：含校长培训210人次",
        "二、校舍建设", "总投资：1.2亿元；新增学位：2400个", "注：含配套幼儿园1所",
        "图为投资1.2亿元的城东学校",
    ]


def test_an_agenda_of_titles_one_of_them_counting_and_reworded_on_its_slide_is_set_aside(tmp_path):
    agenda = ["一、基本情况", "二、5项重点工作推进情况", "三、存在问题", "四、2025年打算"]
    titles = ["一、基本情况", "二、重点工作推进情况", "三、存在问题", "四、2025年打算"]
    slides = [
        Slide([Box(["目录"], None, "title"), Box(agenda, None, "", 1)]),
        *(Slide([Box([title], None, "title"), Box([BALANCE], None, "", 1)]) for title in titles),
        # Most of its lines no other slide's: a slide of facts titled 提纲, still read.
        Slide([Box(["汇报提纲"], None, "title"),
               Box(["1. 新增学位1350个", "2. 培训教师2800人次", "3. 基本情况"], None, "", 1)]),
    ]
    path = write_pptx(tmp_path / "a.pptx", slides)
    document = edusummary.read(path)
    # Its titles but one are the slides' titles: it had been read as the report's text, its
    # one figure (5项) filed as a fact of the report.
    assert [why for _, _, why in document.furniture] == [AGENDA_SLIDE] * 2
    assert lines(document)[0] == titles[0]
    assert "1. 新增学位1350个；2. 培训教师2800人次；3. 基本情况" in lines(document)


def test_a_name_beside_two_years_figures_is_read_with_each_years_label_or_as_a_tables_row(
    tmp_path,
):
    rows = [("学前三年毛入园率", "92.1%", "94.8%"), ("义务教育巩固率", "99.2%", "99.6%")]
    years = [Box(["2023年"], (12, 4), size=(6, 1)), Box(["2024年"], (20, 4), size=(6, 1))]
    grid = [
        Box([text], (x, 5.6 + 1.8 * row), size=(9 if x == 2 else 6, 1.4))
        for row, cells in enumerate(rows) for x, text in zip((2, 12, 20), cells, strict=True)
    ]
    # The same figures either side of their name, 2023's on its left.
    butterfly = [
        Box([text], (x, 5 + 2 * row), size=(7, 1.5))
        for row, (name, before, after) in enumerate(rows)
        for x, text in ((2, before), (11, name), (20, after))
    ]
    slides = [
        Slide([Box([TITLE], None, "ctrTitle")]),
        Slide([Box(["主要指标变化"], None, "title"), *years, *grid]),
        Slide([Box(["指标对比"], None, "title"), *butterfly]),
        Slide([Box(["二、义务教育"], None, "title"), Box([BALANCE], None, "", 1)]),
        # A label beside a row of cards, their names under their figures: no table.
        Slide([Box(["办学条件"], (2, 5), size=(6, 1.5))] + [
            Box([text], (10 + 8 * at, y), size=(6, 1.5))
            for at, (name, figure) in enumerate([("新建学校", "6所"), ("新增学位", "5400个")])
            for y, text in ((5, figure), (6.6, name))
        ]),
    ]
    path = write_pptx(tmp_path / "a.pptx", slides)
    document = edusummary.read(path)
    table = ["\t".join(row) for row in rows]
    assert lines(document)[-2:] == ["办学条件", "新建学校：6所；新增学位：5400个"]
    # The name had been read with 2023's figure, 学前三年毛入园率：92.1%；94.8%, and the
    # summary had filed 92.1% as the rate of a report on 2024. Under the years' labels
    # each figure is that year's; with no label, the row is a table's.
    facts = "；".join(
        f"{year}{name}：{figure}" for name, *figures in rows
        for year, figure in zip(("2023年", "2024年"), figures, strict=True)
    )
    assert lines(document)[1:8] == ["主要指标变化", "2023年", "2024年", facts, "指标对比", *table]
    assert spans(document, document.table_rows) == table
    report = edusummary.tag_file(path)
    rates = {(f.text, f.kind) for t in report.summary().topics for f in t.figures}
    assert {("92.1%", "baseline"), ("94.8%", "result"), ("99.2%", "baseline")} <= rates


def test_a_tables_column_names_typed_over_its_figures_name_none_of_them(tmp_path):
    schools = [("城关小学", "1200人", "86人"), ("城东小学", "980人", "64人")]
    heads = [
        Box([text], (x, 4), size=(7, 1.2))
        for x, text in ((2, "学校"), (12, "学生数"), (21, "教师数"))
    ]
    grid = [
        Box([text], (x, 5.6 + 1.6 * row), size=(7, 1.3))
        for row, cells in enumerate(schools) for x, text in zip((2, 12, 21), cells, strict=True)
    ]
    two = [box for box in heads[:2] + grid if box.at[0] < 20]
    slides = [
        Slide([Box(["各校规模"], None, "title"), *heads, *grid]),
        Slide([Box(["各校学生"], None, "title"), *two]),
    ]
    document = edusummary.read(write_pptx(tmp_path / "a.pptx", slides))
    # Each column's name had been read as the first school's figure's, 学生数：1200人；
    # 教师数：86人, the other schools' figures with no name.
    assert lines(document) == [
        "各校规模", "学校", "学生数", "教师数", *("\t".join(row) for row in schools),
        "各校学生", "学校", "学生数", "城关小学", "1200人", "城东小学", "980人",
    ]


def test_stat_cards_under_a_years_label_are_read_as_that_years_facts(tmp_path):
    cards = [Box(["2023年"], (2, 3.6), size=(14, 1.2)), Box(["2024年"], (18, 3.6), size=(14, 1.2))]
    for x, figures in ((2, ("92.1%", "99.2%")), (18, ("94.8%", "99.6%"))):
        for at, (name, figure) in enumerate(zip(("毛入园率", "巩固率"), figures, strict=True)):
            cards += [Box([figure], (x + 7 * at, 5.5), size=(6, 1.5)),
                      Box([name], (x + 7 * at, 7.1), size=(6, 1.2))]
    # Each year's label on the left of its row of cards.
    rows = [
        Box([year], (2, 5.3 + 5 * row), size=(5, 1.2)) for row, year in enumerate(("上年", "本年"))
    ]
    for row, figure in enumerate(("1800个", "2100个")):
        rows += [Box([figure], (9, 4.5 + 5 * row), size=(8, 1.5)),
                 Box(["新增学位"], (9, 6.1 + 5 * row), size=(8, 1.2))]
    slides = [
        Slide([Box([TITLE], None, "ctrTitle")]),
        Slide([Box(["一、学前教育"], None, "title"), Box([PRESCHOOL], None, "", 1)]),
        Slide([Box(["主要指标两年对比"], None, "title"), *cards]),
        Slide([Box(["学位对比"], None, "title"), *rows]),
    ]
    path = write_pptx(tmp_path / "a.pptx", slides)
    # Read without their year, 2023's rate had been filed as the rate of the report's year.
    assert lines(edusummary.read(path))[-8:] == [
        "2023年", "2024年",
        "2023年毛入园率：92.1%；2023年巩固率：99.2%；2024年毛入园率：94.8%；2024年巩固率：99.6%",
        "学位对比", "上年", "上年新增学位：1800个", "本年", "本年新增学位：2100个",
    ]
    summary = edusummary.tag_file(path).summary()
    rates = [
        (f.text, f.kind) for t in summary.topics for f in t.figures if f.indicator == "毛入园率"
    ]
    assert sorted(rates) == [("92.1%", "baseline"), ("94.8%", "result")]
