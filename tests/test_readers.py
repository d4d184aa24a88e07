"""The format readers: .docx, .doc, .rtf, .html, .pdf, and the files edusummary refuses
clearly."""

import dataclasses
import os
import random
import re
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import olefile
import pytest
from _doc_writer import word_streams, write_doc, write_ole
from conftest import EQUAL_HEADINGS

import edusummary
from edusummary._chinese import display_width
from edusummary.batch.files import find_reports
from edusummary.errors import ReadError
from edusummary.reading import Document, read_wordml_file

PRESCHOOL = "全县新建公办幼儿园三所，学前三年毛入园率提高到百分之九十二。"
BALANCE = "城乡学校办学条件差距进一步缩小，十二所薄弱学校完成改造，县域义务教育均衡发展通过复查。"
TEACHING = "全面推进课堂教学改革，组织优质课评选和集体备课，教师专业能力明显提高。"
MORAL = "深入开展社会主义核心价值观教育，各校举办主题班会和志愿服务活动，学生行为习惯明显改善。"


def kept(document):
    """The lines of a document's text; the furniture the reader took out is not among them."""
    return document.text.rstrip("\n").splitlines()

def test_text_file_format(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(PRESCHOOL, encoding="utf-8")
    document = edusummary.read(path)
    assert document.format == "txt"
    assert document.encoding == "utf-8"


def test_a_text_file_ocr_wrote_a_character_at_a_time_is_read_without_its_blanks(tmp_path):
    # OCR engines write Chinese with a blank after each character: its paragraphs were
    # tagged so, and its figures misread (学位 1 2 6 0 个 as 0个, 9 3 . 6 % as 6%).
    lines = [
        "一、学前教育",
        "全年新建公办幼儿园12所，新增学位1260个，学前三年毛入园率达到93.6%。",
        "二、义务教育均衡发展",
        "全县义务教育巩固率达到98.7%，交流校长和教师312人，其中骨干教师占比23.5%。",
    ]
    # A table's row: cells parted by runs of blanks.
    row = "    ".join(" ".join(cell) for cell in ("城关一小", "2860", "156"))
    path = tmp_path / "ocr.txt"
    path.write_text("\n\n".join([*(" ".join(line) for line in lines), row]), encoding="utf-8")
    report = edusummary.tag_file(path)
    assert [h.text for h in report.headings][:2] == [lines[0], lines[2]]
    assert [p.text for p in report.paragraphs] == [lines[1], lines[3]]
    figures = edusummary.extract_figures(report.text)
    assert [(f.value, f.unit) for f in figures][:6] == [
        (12.0, "所"), (1260.0, "个"), (93.6, "%"), (98.7, "%"), (312.0, "人"), (23.5, "%")
    ]
    assert "城关一小    2860    156" in report.text


def test_blanks_in_a_text_files_chinese_that_is_not_letter_spaced_stay(tmp_path):
    text = (
        "全县开展 STEM 教育，建成创客空间 12 间。\n"
        "重 点 任 务\n"
        "城关一小  2860  156  54\n"
        "　　全县义务教育巩固率达到98.7%，交流校长和教师312人，其中骨干教师占比23.5%。"
    )
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    assert edusummary.read(path).text == text


#: Names typed as a list is, a two-character name padded to three with a blank inside.
PADDED_NAMES = ["王 芳", "李 强", "张 明 华", "刘 洋", "陈 静 怡", "赵 磊", "黄 晓 东", "周 敏"]


@pytest.mark.parametrize(
    "lines",
    [
        ["  ".join(PADDED_NAMES[:4]), "  ".join(PADDED_NAMES[4:])] * 3,
        [f"{school}：{' '.join(PADDED_NAMES)}" for school in ("城关一小", "实验中学")],
        PADDED_NAMES * 3,
    ],
    ids=["two blanks between names", "a school's line of names", "a name a line"],
)
def test_a_list_of_names_padded_with_blanks_is_not_read_as_letter_spaced(tmp_path, lines):
    # Counted as letter-spaced OCR text, the blanks inside the names were taken out, and
    # those between names too where one blank parted them: 王芳李强张明华.
    text = "\n".join(["2023年度优秀教师名单", *lines])
    path = tmp_path / "名单.txt"
    path.write_text(text, encoding="utf-8")
    assert edusummary.read(path).text == text


def test_letter_spaced_ocr_text_whose_marks_were_lost_is_read_without_its_blanks(tmp_path):
    # A poor scan: OCR wrote a blank after each character and lost the commas and full
    # stops, so that each line is Chinese and blanks alone, as a list of names is. Taken
    # for such a list, it had kept its blanks (全 县 新 建 ...).
    lines = [
        "一 学 前 教 育",
        "全 县 新 建 公 办 幼 儿 园 三 所 新 增 学 位 一 千 二 百 个",
        "二 义 务 教 育",
        "全 县 完 成 十 二 所 薄 弱 学 校 改 造 城 乡 办 学 条 件 差 距 进 一 步 缩 小",
    ]
    path = tmp_path / "ocr.txt"
    path.write_text("\n\n".join(lines), encoding="utf-8")
    assert kept(edusummary.read(path)) == [
        line.replace(" ", "") if line else line for line in "\n\n".join(lines).split("\n")
    ]


def test_a_text_file_of_printed_pages_parted_by_form_feeds_is_laid_out_as_a_pdf(tmp_path):
    # Tesseract's txt (and pdftotext) write a line per printed line, a blank line between
    # blocks and a form feed after each page: every printed line had been a paragraph,
    # and the header atop each page a heading over the text below it.
    first = (
        "全年新建公办幼儿园12所，改扩建乡镇中心幼儿园5所，新增学位1260个，"
        "学前三年毛入园率达到93.6%，普惠性幼儿园覆盖率达到88.4%。"
    )
    second = (
        "全县义务教育巩固率达到98.7%，新建城区学校2所，消除大班额，交流校长和教师312人，"
        "其中骨干教师占比达到23.5%，乡村学校教师结构进一步优化。"
    )
    # OCR leaves a gap of blanks where it read nothing: the line is no table's row.
    # And a blank before a mark.
    gapped = wrap(first)[0].replace("12所，", "12所 ，      ")
    pages = [
        ["云溪县教育局文件", "", "一、学前教育", "", gapped, *wrap(first)[1:], "",
         "表1 主要指标", "学校      在校生      教职工", "城关一小      2860      156", "",
         "二、义务教育均衡发展", "", *wrap(second)[:2]],
        ["云溪县教育局文件", "", *wrap(second)[2:]],
    ]
    text = "".join("\n".join(line.lstrip("　") for line in page) + "\n\f" for page in pages)
    path = tmp_path / "ocr.txt"
    path.write_text(text, encoding="utf-8")
    report = edusummary.tag_file(path)
    assert [p.text for p in report.paragraphs] == [first, second]
    assert [h.text for h in report.headings] == ["一、学前教育", "二、义务教育均衡发展"]
    assert [s.text for s in report.removed if s.reason.startswith("page furniture")] == [
        "云溪县教育局文件", "云溪县教育局文件"
    ]
    assert "城关一小\t2860\t156" in report.text


def test_words_plain_text_with_page_breaks_keeps_a_paragraph_a_line(tmp_path):
    # Word's "plain text" writes a manual page break (after the cover, before 附件) as a
    # form feed, and a paragraph a line, as long as it is: its lines are no printed lines.
    # Laid out as such, the short items of a list had been run into one paragraph, and so
    # had the lines of a list of names, the blanks between the names taken out.
    items = [
        "1.推进学前教育普及普惠安全优质发展",
        "2.促进义务教育优质均衡发展和城乡一体化",
        "3.加快普通高中多样化特色发展步伐",
        "4.深化职业教育产教融合校企合作",
    ]
    names = ["城关一小：王芳 李小明 张伟 刘建国 陈静", "实验中学：赵磊 黄晓东 周敏 吴国强 徐丽"]
    pages = [
        ["云溪县教育局", "2024年教育工作要点"],
        ["一、总体要求", "　　全面贯彻党的教育方针，落实立德树人根本任务，办好人民满意的教育，"
         "全年新建幼儿园3所，新增学位1260个。", "二、重点任务", *items, "三、保障措施",
         "　　加强组织领导，各乡镇中心学校主要负责人是第一责任人，要细化任务分工，明确完成时限，"
         "把各项工作落到实处，确保全年目标任务按期完成。",
         "　　强化经费保障，全年安排教育经费8.6亿元，比上年增长5%，优先保障义务教育学校运转、"
         "教师工资待遇和校舍安全，严格执行财务管理制度，提高资金使用效益，"
         "坚决防止挤占挪用教育经费。"],
        ["附件", "2023年度优秀教师名单", *names],
    ]
    path = tmp_path / "word.txt"
    path.write_text("\f".join("\n".join(page) for page in pages) + "\n", encoding="utf-8")
    lines = edusummary.read(path).text.splitlines()
    assert [line for line in lines if line.strip()] == [
        line for page in pages for line in page
    ]


def test_document_format_defaults_to_text():
    assert Document("正文").format == "txt"


# --- .docx -------------------------------------------------------------------------------


def write_docx(path, build):
    import docx

    document = docx.Document()
    build(document)
    document.save(str(path))
    return path


def test_docx_paragraphs_and_table_in_document_order(tmp_path):
    def build(document):
        document.add_heading("某县教育局二〇二三年工作总结", level=1)
        document.add_paragraph("一、学前教育")
        document.add_paragraph(PRESCHOOL)
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text = "指标"
        table.cell(0, 1).text = "完成情况"
        table.cell(1, 0).text = "新建幼儿园"
        document.add_paragraph("二、义务教育")
        document.add_paragraph(BALANCE)

    document = edusummary.read(write_docx(tmp_path / "report.docx", build))
    assert document.format == "docx"
    assert document.encoding is None
    # A table of short cells gives a line per row, its cells parted by tabs.
    assert document.text.splitlines() == [
        "某县教育局二〇二三年工作总结",
        "一、学前教育",
        PRESCHOOL,
        "指标\t完成情况",
        "新建幼儿园\t",  # an empty cell stays an empty field
        "二、义务教育",
        BALANCE,
    ]


def test_a_docx_table_of_figures_neither_heads_nor_joins_the_paragraphs(tmp_path):
    rows = [
        ("指标", "2022年", "2023年"),
        ("学前三年毛入园率", "88.5%", "91.2%"),
        ("普惠性幼儿园覆盖率", "83.0%", "86.4%"),
        ("公办园在园幼儿占比", "45%", "52%"),
    ]

    def build(document):
        document.add_paragraph("一、学前教育")
        # Unended, as a sentence that leads into its table often is.
        document.add_paragraph("全县学前教育主要指标逐年提高，公办园和普惠性幼儿园数量增加，具体如下")
        table = document.add_table(rows=len(rows), cols=3)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
        document.add_paragraph(BALANCE)

    report = edusummary.tag_file(write_docx(tmp_path / "figures.docx", build))
    assert [p.text for p in report.paragraphs] == [
        "全县学前教育主要指标逐年提高，公办园和普惠性幼儿园数量增加，具体如下", BALANCE
    ]
    # The paragraph after the table stays under the report's heading, not a row label's.
    assert report.paragraphs[1].heading == "一、学前教育"
    rows_set_aside = [s for s in edusummary.segment(report.text) if s.reason == "table row"]
    assert [s.text.split("\t") for s in rows_set_aside] == [list(row) for row in rows]


def test_a_docx_task_tables_short_tasks_of_clauses_are_paragraphs(tmp_path):
    # The usual task table: each task two clauses, under 40 characters, no full stop.
    rows = [
        ("序号", "工作任务", "责任单位", "完成时限"),
        ("1", "新建城南幼儿园、城北幼儿园，新增学位630个", "县教育局、县住建局", "2024年9月"),
        ("2", "认定普惠性民办幼儿园8所，落实生均补助每年500元", "县教育局、县财政局", "2024年12月"),
    ]

    def build(document):
        document.add_paragraph("一、目标任务")
        add_table(document, rows)

    report = edusummary.tag_file(write_docx(tmp_path / "tasks.docx", build))
    assert [p.text.split("\t") for p in report.paragraphs] == [list(row[1:]) for row in rows[1:]]
    assert {p.label for p in report.paragraphs} == {"preschool"}
    assert [s.reason for s in report.removed] == ["table row", "row number", "row number"]


def test_a_docx_table_of_figures_listing_schools_on_two_lines_in_a_cell_is_a_table(tmp_path):
    # "城关一小，城关二小" over "城关中学" in one cell had made the table one laid out for
    # text: its cells became headings, its figures page numbers.
    def build(document):
        document.add_paragraph("全县义务教育学校基本情况如下表。")
        table = add_table(document, [
            ("学区", "所辖学校", "在校学生（人）"),
            ("城关学区", "城关一小，城关二小", "3,260"),
            ("西山学区", "西山小学，西山中学", "860"),
        ])
        table.cell(1, 1).add_paragraph("城关中学")
        document.add_paragraph("全县义务教育巩固率达到97.5%，控辍保学工作成效明显，城乡差距逐步缩小。")

    report = edusummary.tag_file(write_docx(tmp_path / "schools.docx", build))
    assert {s.reason for s in report.removed} == {"table row"}
    assert [h.text for h in report.headings] == []


def test_a_docx_task_table_reads_each_task_as_a_paragraph_under_the_reports_heading(tmp_path):
    task = "新建改扩建公办幼儿园三所，新增普惠性学位九百个，学前三年毛入园率力争达到百分之九十三。"

    def build(document):
        document.add_paragraph("一、主要任务")
        table = document.add_table(rows=3, cols=4)
        title = table.cell(0, 0).merge(table.cell(0, 3))
        title.text = "二〇二四年全县教育重点工作任务分解表"
        for row, values in ((1, ("序号", "工作任务", "责任股室", "完成时限")),
                            (2, ("1", task, "学前教育股", "2024年12月"))):
            for column, value in enumerate(values):
                table.cell(row, column).text = value
        document.add_paragraph(MORAL)

    report = edusummary.tag_file(write_docx(tmp_path / "tasks.docx", build))
    # The row's number is no part of the task, nor of the key sentences drawn from it.
    assert [p.text.split("\t") for p in report.paragraphs] == [
        [task, "学前教育股", "2024年12月"], [MORAL]
    ]
    assert [(s.text, s.reason) for s in report.removed if s.reason == "row number"] == [
        ("1", "row number")
    ]
    assert [p.heading for p in report.paragraphs] == ["一、主要任务"] * 2
    assert [s.text.strip() for s in report.removed if s.reason == "table row"] == [
        "二〇二四年全县教育重点工作任务分解表", "序号\t工作任务\t责任股室\t完成时限"
    ]


def test_docx_heading_styles_make_headings_whatever_their_length(tmp_path):
    title = "清河县教育局2023年工作总结"
    heading = "扩大普惠资源供给，办好人民满意的学前教育"  # numbered by Word, not in the text

    def build(document):
        document.add_paragraph(title, style="Title")
        document.add_heading(heading, level=1)
        document.add_paragraph(PRESCHOOL)
        # A whole paragraph styled as a heading by mistake stays a paragraph.
        document.add_heading(BALANCE, level=2)

    path = write_docx(tmp_path / "styled.docx", build)
    document = edusummary.read(path)
    assert [document.text[a:b] for a, b in document.headings] == [title, heading, BALANCE]
    report = edusummary.tag_file(path)
    assert [h.text for h in report.headings] == [title, heading]
    assert [(p.text, p.heading) for p in report.paragraphs] == [
        (PRESCHOOL, heading), (BALANCE, heading)
    ]


W_MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NOTE = "毛入园率按在园幼儿数除以三至五岁适龄人口数计算，全县投入学前教育资金三千五百万元。"
BOX = "专栏：全县普惠性幼儿园覆盖率由百分之八十提高到百分之八十八，提前完成省定目标。"


_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def with_part(path, name, data, content_type=None, relation=None, rid=None):
    """``path`` with the part ``name`` (under ``word/``) holding ``data``, of
    ``content_type`` (an Override), and the body's relationship ``rid`` of type ``relation``
    (the last part of its URI) to it; ``data`` None adds only the relationship, to a part
    that is not there."""
    with zipfile.ZipFile(path) as package:
        parts = {member: package.read(member) for member in package.namelist()}
    if content_type:
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"</Types>",
            f'<Override PartName="/word/{name}" ContentType="{content_type}"/></Types>'.encode(),
        )
    if relation:
        parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
            b"</Relationships>",
            f'<Relationship Id="{rid}" Type="{_RELATIONSHIPS}/{relation}" Target="{name}"/>'
            "</Relationships>".encode(),
        )
    if data is not None:
        parts[f"word/{name}"] = data.encode() if isinstance(data, str) else data
    with zipfile.ZipFile(path, "w") as package:
        for member, content in parts.items():
            package.writestr(member, content)
    return path


def with_footnote(path, note=NOTE):
    """``path`` with a footnotes part holding ``note`` as footnote 1 (python-docx writes
    none)."""
    notes = (
        f'<w:footnotes xmlns:w="{W_MAIN}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        f'</w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>{note}</w:t></w:r></w:p>'
        "</w:footnote></w:footnotes>"
    )
    return with_part(
        path, "footnotes.xml", notes,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        "footnotes", "rIdNotes",
    )


def test_docx_text_boxes_and_footnotes_follow_their_paragraph(tmp_path):
    from docx.oxml import parse_xml

    def box(opening, closing):
        content = f"<w:txbxContent><w:p><w:r><w:t>{BOX}</w:t></w:r></w:p></w:txbxContent>"
        return opening + content + closing

    def build(document):
        paragraph = document.add_paragraph(PRESCHOOL)
        paragraph._p.append(parse_xml(
            f'<w:r xmlns:w="{W_MAIN}"><w:footnoteReference w:id="1"/></w:r>'
        ))
        # Word writes a text box twice: for itself and, as a fallback, for old Word.
        paragraph._p.append(parse_xml(
            f'<w:r xmlns:w="{W_MAIN}" '
            'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
            'xmlns:v="urn:schemas-microsoft-com:vml">'
            '<mc:AlternateContent><mc:Choice Requires="wps">'
            + box("<w:drawing><wps:txbx>", "</wps:txbx></w:drawing>")
            + "</mc:Choice><mc:Fallback>"
            + box("<w:pict><v:textbox>", "</v:textbox></w:pict>")
            + "</mc:Fallback></mc:AlternateContent></w:r>"
        ))
        document.add_paragraph(BALANCE)

    path = with_footnote(write_docx(tmp_path / "notes.docx", build))
    assert edusummary.read(path).text.splitlines() == [PRESCHOOL, BOX, NOTE, BALANCE]


def test_an_empty_docx_and_a_docx_of_a_table_alone_say_so(tmp_path):
    with pytest.warns(edusummary.EdusummaryWarning, match="no text in this docx file"):
        empty = edusummary.tag_file(write_docx(tmp_path / "empty.docx", lambda document: None))
    assert empty.warnings == [f"{tmp_path / 'empty.docx'}: no text in this docx file; there "
                              "is nothing to tag"]

    def build(document):
        table = document.add_table(rows=2, cols=2)
        for r, row in enumerate((("指标", "2023年"), ("学前三年毛入园率", "91.2%"))):
            for c, value in enumerate(row):
                table.cell(r, c).text = value

    with pytest.warns(edusummary.EdusummaryWarning, match="no paragraph to tag"):
        table = edusummary.tag_file(write_docx(tmp_path / "table.docx", build))
    # It was asked whether this was a Chinese report.
    assert table.warnings == [f"{tmp_path / 'table.docx'}: no paragraph to tag; its text is "
                              "all headings, table rows or page furniture"]


def test_a_docx_of_no_bytes_is_an_empty_report_as_an_empty_txt_is(tmp_path):
    # Explorer's 新建 > Microsoft Word 文档 leaves no bytes until Word saves it; it failed the
    # run as "not a valid .docx file (it is not a zip package)".
    for name in ("新建 Microsoft Word 文档.docx", "新建文本文档.txt"):
        (tmp_path / name).write_bytes(b"")
        with pytest.warns(edusummary.EdusummaryWarning, match="the file is empty"):
            report = edusummary.tag_file(tmp_path / name)
        assert report.warnings == [f"{tmp_path / name}: the file is empty; there is nothing to tag"]
        assert len(report) == 0


def add_table(document, rows):
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    return table


FIGURES = [
    ("指标", "2022年", "2023年"), ("毛入园率", "89.5%", "91.2%"), ("普惠覆盖率", "82.1%", "85.6%")
]


def _two_paragraph_cell(document):
    # Enter pressed in a header cell, as often as not.
    add_table(document, FIGURES).cell(0, 0).add_paragraph("（单位：%）")


def _caption_and_note(document):
    document.add_paragraph("表1 2023年全县学前教育主要指标")
    add_table(document, FIGURES)
    document.add_paragraph("注：数据来源于教育事业统计年报。")


def _caption_below_and_note(document):
    # Where Word's Insert Caption puts a table's caption: under it, the note below that.
    add_table(document, FIGURES)
    document.add_paragraph("表2 2023年全县义务教育主要指标")
    document.add_paragraph("注：数据来源于教育事业统计年报。")


def _merged_total(document):
    table = add_table(
        document, [("序号", "学校", "新增学位"), ("1", "城东幼儿园", "360"), ("合计", "", "630")]
    )
    table.cell(2, 0).merge(table.cell(2, 1)).text = "合计"


def _one_column(document):
    add_table(document, [("重点任务",), ("学前教育普及普惠",), ("课堂教学改革",)])


@pytest.mark.parametrize(
    "tabulate",
    [_two_paragraph_cell, _caption_and_note, _caption_below_and_note, _merged_total, _one_column],
)
def test_every_row_of_a_docx_table_is_set_aside_whatever_its_shape(tmp_path, tabulate):
    def build(document):
        document.add_paragraph("二、义务教育")
        document.add_paragraph(BALANCE)
        tabulate(document)
        document.add_paragraph(MORAL)

    report = edusummary.tag_file(write_docx(tmp_path / "table.docx", build))
    # A table's last line headed the paragraph after it.
    assert [(p.text, p.heading) for p in report.paragraphs] == [
        (BALANCE, "二、义务教育"), (MORAL, "二、义务教育")
    ]
    assert [h.text for h in report.headings] == ["二、义务教育"]


def test_docx_styles_read_by_their_outline_level_and_the_style_they_are_based_on(tmp_path):
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml

    heading = "全面推进义务教育优质均衡发展，着力构建城乡一体化的学校布局体系"

    def build(document):
        own = document.styles.add_style("一级标题", WD_STYLE_TYPE.PARAGRAPH)
        own.base_style = document.styles["Heading 1"]
        body = document.styles.add_style("正文缩进", WD_STYLE_TYPE.PARAGRAPH)
        # Level 9 is Word's body text.
        level = parse_xml(f'<w:outlineLvl xmlns:w="{W_MAIN}" w:val="9"/>')
        body.element.get_or_add_pPr().append(level)
        document.add_paragraph(heading, style="一级标题")
        document.add_paragraph(BALANCE, style="正文缩进")

    report = edusummary.tag_file(write_docx(tmp_path / "styles.docx", build))
    assert [(p.text, p.heading) for p in report.paragraphs] == [(BALANCE, heading)]


def with_numbering(path, *levels, overrides=""):
    """``path`` whose numbering part holds, beside python-docx's lists, one list (``w:num``
    91) of ``levels``, each a (number format, level text) pair, and a second (``w:num``
    92) of the same list with ``overrides`` (``w:lvlOverride`` elements)."""
    lvls = "".join(
        f'<w:lvl w:ilvl="{at}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for at, (fmt, text) in enumerate(levels)
    )
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    numbering = parts["word/numbering.xml"].decode()
    first = numbering.index("<w:abstractNum ")
    numbering = (
        f'{numbering[:first]}<w:abstractNum w:abstractNumId="97">{lvls}</w:abstractNum>'
        + numbering[first:].replace(
            "</w:numbering>",
            '<w:num w:numId="91"><w:abstractNumId w:val="97"/></w:num><w:num w:numId="92">'
            f'<w:abstractNumId w:val="97"/>{overrides}</w:num></w:numbering>',
        )
    )
    parts["word/numbering.xml"] = numbering.encode()
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return path


def numbered(document, text, level, num=91):
    from docx.oxml import parse_xml

    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr xmlns:w="{W_MAIN}"><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/>'
        "</w:numPr>"
    ))


def test_word_automatic_numbering_is_read_as_word_shows_it(tmp_path):
    # WPS's and Word's list buttons draw 一、（一）1. from the numbering part: they are not
    # in the paragraph's text, and without them the outline was lost.
    def build(document):
        document.add_paragraph("古城县教育局2024年工作总结")
        numbered(document, "主要工作成效", 0)
        numbered(document, "学前教育普惠发展", 1)
        document.add_paragraph(PRESCHOOL)
        numbered(document, "义务教育均衡发展", 1)
        document.add_paragraph(BALANCE)
        numbered(document, "存在的问题", 0)
        numbered(document, "城区学校大班额问题仍未根本解决。", 2)
        add_table(document, [["学段", "学校数"], ["小学", "28"]])
        numbered(document, "农村教师结构性缺编，音体美教师不足。", 2)
        numbered(document, "", 0)  # an empty numbered paragraph: Word counts it
        numbered(document, "2025年工作打算", 0)
        numbered(document, TEACHING, 2)

    path = with_numbering(
        write_docx(tmp_path / "numbered.docx", build),
        ("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."),
    )
    lines = [line for line in kept(edusummary.read(path)) if "\t" not in line]
    assert lines == [
        "古城县教育局2024年工作总结",
        "一、主要工作成效", "（一）学前教育普惠发展", PRESCHOOL, "（二）义务教育均衡发展", BALANCE,
        "二、存在的问题",
        "1.城区学校大班额问题仍未根本解决。", "2.农村教师结构性缺编，音体美教师不足。",
        "",
        "四、2025年工作打算", "1." + TEACHING,
    ]
    report = edusummary.tag_file(path)
    assert [p.heading for p in report.paragraphs][-1] == "四、2025年工作打算"


def test_word_numbering_by_style_override_and_formats(tmp_path):
    def build(document):
        # python-docx's template: List Number is a style carrying a decimal list, List
        # Bullet a bulleted one, whose bullet is no text.
        document.add_paragraph("加强组织领导。", style="List Number")
        document.add_paragraph("落实经费保障。", style="List Number")
        document.add_paragraph("健全督导机制。", style="List Bullet")
        for _ in range(11):
            numbered(document, "专项督导", 0)
        numbered(document, "重新编号的清单", 0, num=92)
        paragraph = document.add_paragraph("去掉编号的段落")
        paragraph.style = document.styles["List Number"]
        from docx.oxml import parse_xml

        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr xmlns:w="{W_MAIN}"><w:numId w:val="0"/></w:numPr>'
        ))

    path = write_docx(tmp_path / "styled.docx", build)
    path = with_numbering(
        path, ("chineseCountingThousand", "第%1项"),
        overrides='<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>',
    )
    lines = kept(edusummary.read(path))
    assert lines[:3] == ["1.加强组织领导。", "2.落实经费保障。", "健全督导机制。"]
    counted = [f"第{n}项 专项督导" for n in [*"一二三四五六七八九十", "十一"]]
    assert lines[3:14] == counted
    assert lines[14:] == ["第一项 重新编号的清单", "去掉编号的段落"]


def test_word_number_formats():
    from edusummary.reading._wordnumbers import _FORMATS

    def show(fmt, *numbers):
        return [_FORMATS[fmt](n) for n in numbers]

    assert show("chineseCounting", 1, 10, 11, 20, 21, 100, 105, 110) == [
        "一", "十", "十一", "二十", "二十一", "一百", "一百零五", "一百一十",
    ]
    assert show("chineseLegalSimplified", 3, 12) == ["叁", "拾贰"]
    assert show("ideographTraditional", 1, 4, 11) == ["甲", "丁", "甲"]
    assert show("decimalEnclosedCircle", 1, 20, 21) == ["①", "⑳", "21"]
    assert show("decimalFullWidth", 12) == ["１２"]
    assert show("upperRoman", 4, 9, 14) == ["IV", "IX", "XIV"]
    assert show("lowerLetter", 1, 27) == ["a", "aa"]


def test_a_footnote_cited_twice_is_read_once_and_a_short_one_heads_nothing(tmp_path):
    from docx.oxml import parse_xml

    def build(document):
        for text in (PRESCHOOL, TEACHING):
            paragraph = document.add_paragraph(text)
            paragraph._p.append(parse_xml(
                f'<w:r xmlns:w="{W_MAIN}"><w:footnoteReference w:id="1"/></w:r>'
            ))
        document.add_paragraph(MORAL)

    path = with_footnote(write_docx(tmp_path / "cited.docx", build), "数据来源：统计公报。")
    report = edusummary.tag_file(path)
    assert [p.text for p in report.paragraphs] == [PRESCHOOL, TEACHING, MORAL]
    assert report.paragraphs[-1].heading is None
    assert [(s.reason, s.text) for s in report.removed] == [("note", "数据来源：统计公报。")]


def test_docx_merged_cells_and_cell_paragraphs(tmp_path):
    def build(document):
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text = "德育"
        table.cell(0, 0).merge(table.cell(1, 0))
        table.cell(0, 1).text = MORAL
        table.cell(0, 1).add_paragraph("全年评选文明班级四十个。")
        table.cell(1, 1).text = TEACHING

    document = edusummary.read(write_docx(tmp_path / "table.docx", build))
    assert document.text.splitlines() == ["德育", MORAL, "全年评选文明班级四十个。", TEACHING]


def test_a_short_cell_merged_down_is_repeated_in_each_row_it_spans(tmp_path):
    tasks = [
        "新建改扩建公办幼儿园五所，新增学前学位一千二百个，普惠性幼儿园覆盖率达到百分之九十",
        "实施幼儿园保育教育质量提升行动，开展幼儿园与小学科学衔接试点，全面杜绝幼儿园小学化倾向",
        "完成十所农村薄弱学校改造，推进城乡学校共同体建设，均衡配置师资，缩小城乡校际办学差距",
    ]

    def build(document):
        table = add_table(
            document,
            [("类别", "重点任务", "责任单位"), ("学前教育", tasks[0], "基教科"),
             ("", tasks[1], "基教科"), ("义务教育", tasks[2], "计财科")],
        )
        table.cell(1, 0).merge(table.cell(2, 0)).text = "学前教育"

    document = edusummary.read(write_docx(tmp_path / "tasks.docx", build))
    rows = document.text.splitlines()
    assert rows[2] == f"学前教育\t{tasks[1]}\t基教科"
    report = edusummary.tag_file(tmp_path / "tasks.docx")
    assert [p.label for p in report.paragraphs] == [
        "preschool", "preschool", "compulsory_balance"
    ]


def test_docx_tracked_changes_read_as_accepted(tmp_path):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    def build(document):
        paragraph = document.add_paragraph("全县")
        paragraph._p.append(
            parse_xml(
                f'<w:ins {nsdecls("w")} w:id="1" w:author="审核">'
                "<w:r><w:t>新建</w:t></w:r></w:ins>"
            )
        )
        paragraph._p.append(
            parse_xml(
                f'<w:del {nsdecls("w")} w:id="2" w:author="审核">'
                "<w:r><w:delText>改建</w:delText></w:r></w:del>"
            )
        )
        paragraph.add_run("公办幼儿园三所")
        # A phrase moved by a reviewer: its text stays where it was moved to, not where it was.
        paragraph._p.append(
            parse_xml(
                f'<w:moveTo {nsdecls("w")} w:id="3" w:author="审核">'
                "<w:r><w:t>，新增学位九百个</w:t></w:r></w:moveTo>"
            )
        )
        paragraph._p.append(
            parse_xml(
                f'<w:moveFrom {nsdecls("w")} w:id="4" w:author="审核">'
                "<w:r><w:t>，新增学位九百个</w:t></w:r></w:moveFrom>"
            )
        )
        paragraph.add_run("。")

    document = edusummary.read(write_docx(tmp_path / "revised.docx", build))
    assert document.text == "全县新建公办幼儿园三所，新增学位九百个。"


def add_body_xml(document, xml):
    """Add the block elements of ``xml`` (WordprocessingML, the ``w`` prefix declared here)
    at the end of ``document``'s body, as Word or WPS would write them."""
    from docx.oxml import parse_xml

    wrapped = parse_xml(
        f'<w:body xmlns:w="{W_MAIN}" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f"{xml}</w:body>"
    )
    for element in list(wrapped):
        document.element.body.sectPr.addprevious(element)


def run(text, properties=""):
    return f"<w:r><w:rPr>{properties}</w:rPr><w:t>{text}</w:t></w:r>" if properties else (
        f"<w:r><w:t>{text}</w:t></w:r>"
    )


def test_docx_text_inside_any_inline_wrapper_is_read_in_place(tmp_path):
    control = "<w:sdt><w:sdtPr/><w:sdtContent>{}</w:sdtContent></w:sdt>"
    inserted = '<w:ins w:id="5" w:author="审核">{}</w:ins>'
    link = '<w:hyperlink w:anchor="fj">{}</w:hyperlink>'
    tag = '<w:smartTag w:element="place">{}</w:smartTag>'
    wrapped = {
        "nested controls": control.format(control.format(run("六十二所"))),
        "an insertion in a control": control.format(inserted.format(run("六十二所"))),
        "a link in an insertion": inserted.format(link.format(run("六十二所"))),
        "a link in a control": control.format(link.format(run("六十二所"))),
        "custom XML": f'<w:customXml w:element="shu">{run("六十二所")}</w:customXml>',
        "nested smart tags": tag.format(tag.format(run("六十二所"))),
        "a smart tag in a link": link.format(tag.format(run("六十二所"))),
        "text direction": '<w:dir w:val="ltr"><w:bdo w:val="ltr">' + run("六十二所")
        + "</w:bdo></w:dir>",
        # 拼音指南: the pinyin above the characters is no part of the text.
        "ruby": "<w:r><w:ruby><w:rubyPr/><w:rt>" + run("liù shí èr suǒ") + "</w:rt>"
        "<w:rubyBase>" + run("六十二所") + "</w:rubyBase></w:ruby></w:r>",
    }
    deleted = '<w:del w:id="6" w:author="审核"><w:r><w:delText>四十所</w:delText></w:r></w:del>'

    def build(document):
        add_body_xml(document, "".join(
            f"<w:p>{run('全县')}{control.format(deleted)}{xml}{run('学校建成标准化学校。')}</w:p>"
            for xml in wrapped.values()
        ))

    document = edusummary.read(write_docx(tmp_path / "wrapped.docx", build))
    assert document.text.splitlines() == ["全县六十二所学校建成标准化学校。"] * len(wrapped)


def cell(text):
    return f"<w:tc><w:p>{run(text)}</w:p></w:tc>" if text else "<w:tc><w:p/></w:tc>"


def table(rows):
    """A table of ``rows``, each the XML of a row (or of what wraps rows)."""
    return "<w:tbl><w:tblPr/>" + "".join(rows) + "</w:tbl>"


TASKS = [
    ("1", "新建城东幼儿园，新增学位三百六十个", "县教育局"),
    ("2", "改造城西小学运动场，铺设塑胶跑道", "县财政局"),
    ("3", "建设智慧教室二十间，配齐互动教学设备", "县电教馆"),
]


def test_docx_table_rows_and_cells_inside_content_controls_and_custom_xml_are_read(tmp_path):
    control = "<w:sdt><w:sdtPr/><w:sdtContent>{}</w:sdtContent></w:sdt>"
    first, _, third = (f"<w:tr>{''.join(map(cell, task))}</w:tr>" for task in TASKS)

    def build(document):
        add_body_xml(document, table([
            f"<w:tr>{''.join(map(cell, ('序号', '任务', '责任单位')))}</w:tr>",
            # Word's repeating section holds rows; a control, a cell; OA templates, custom XML.
            control.format(first),
            f"<w:tr>{cell('2')}{control.format(cell(TASKS[1][1]))}{cell(TASKS[1][2])}</w:tr>",
            f'<w:customXml w:element="renwu">{third}</w:customXml>',
        ]))

    document = edusummary.read(write_docx(tmp_path / "controls.docx", build))
    assert document.text.splitlines()[1:] == ["\t".join(task) for task in TASKS]


def test_a_docx_table_row_deleted_with_track_changes_is_left_out(tmp_path):
    first, second, third = (f"{''.join(map(cell, task))}</w:tr>" for task in TASKS)
    deleted = '<w:tr><w:trPr><w:del w:id="7" w:author="审核"/></w:trPr>'

    def build(document):
        add_body_xml(document, table([f"<w:tr>{first}", deleted + second, f"<w:tr>{third}"]))

    document = edusummary.read(write_docx(tmp_path / "revised.docx", build))
    assert document.text.splitlines() == ["\t".join(TASKS[0]), "\t".join(TASKS[2])]


def test_a_line_break_after_a_sentence_in_a_docx_cell_keeps_its_row_on_one_line(tmp_path):
    task = f"<w:p>{run('新建城东幼儿园，新增学位三百六十个。')}<w:r><w:br/></w:r>" + (
        f"{run('改扩建城西幼儿园，新增学位一百八十个。')}</w:p>"
    )

    def build(document):
        add_body_xml(document, table([
            f"<w:tr>{cell('序号')}{cell('任务')}{cell('责任单位')}</w:tr>",
            f"<w:tr>{cell('1')}<w:tc>{task}</w:tc>{cell('县教育局')}</w:tr>",
        ]))
        document.add_paragraph(BALANCE)

    report = edusummary.tag_file(write_docx(tmp_path / "tasks.docx", build))
    assert [p.text for p in report.paragraphs] == [
        "新建城东幼儿园，新增学位三百六十个。 改扩建城西幼儿园，新增学位一百八十个。\t县教育局",
        BALANCE,
    ]
    assert [p.heading for p in report.paragraphs] == [None, None]


def test_a_docx_layout_tables_nested_table_and_headings_keep_what_they_are(tmp_path):
    figures = table([
        f"<w:tr>{cell('学校')}{cell('班额')}</w:tr>",
        f"<w:tr>{cell('城东小学')}{cell('43')}</w:tr>",
        f"<w:tr>{cell('城西小学')}{cell('41')}</w:tr>",
    ])
    heading = f'<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>{run("二、办学条件")}</w:p>'
    layout = (
        f"<w:p>{run(PRESCHOOL)}</w:p>{heading}<w:p>{run('表2 城区学校班额')}</w:p>"
        f"{figures}<w:p>{run(BALANCE)}</w:p>"
    )

    def build(document):
        add_body_xml(document, table([f"<w:tr><w:tc>{layout}</w:tc></w:tr>"]))

    report = edusummary.tag_file(write_docx(tmp_path / "layout.docx", build))
    assert [p.text for p in report.paragraphs] == [PRESCHOOL, BALANCE]
    assert [p.heading for p in report.paragraphs] == [None, "二、办学条件"]
    assert [(r.reason, r.text) for r in report.removed] == [
        ("table row", line)
        for line in ("表2 城区学校班额", "学校\t班额", "城东小学\t43", "城西小学\t41")
    ]


def test_docx_hidden_text_is_left_out_and_shown_among_the_removed_lines(tmp_path):
    from docx.enum.style import WD_STYLE_TYPE

    note = "填表说明：请各乡镇如实填写本辖区幼儿园数量，提交前删除本说明。"
    form_note = "填写说明：本栏由各校德育处填写，须附主题活动照片。"

    def build(document):
        document.styles.add_style("说明段落", WD_STYLE_TYPE.PARAGRAPH).font.hidden = True
        document.styles.add_style("说明文字", WD_STYLE_TYPE.CHARACTER).font.hidden = True
        paragraph = document.add_paragraph(PRESCHOOL)
        paragraph.add_run(note).font.hidden = True
        document.add_paragraph(form_note, style="说明段落")
        paragraph = document.add_paragraph(BALANCE[:9])
        paragraph.add_run("（备注）", style="说明文字")
        # Hidden on the web page only, as a table of contents' page numbers: Word shows it.
        paragraph.add_run(BALANCE[9:]).font.web_hidden = True
        shown = document.add_paragraph(TEACHING, style="说明段落").runs[0]
        shown.font.hidden = False

    with pytest.warns(edusummary.EdusummaryWarning) as caught:
        report = edusummary.tag_file(write_docx(tmp_path / "hidden.docx", build))
    assert [p.text for p in report.paragraphs] == [PRESCHOOL, BALANCE, TEACHING]
    reason = "hidden in the document"
    assert [(r.reason.split(":")[0], r.text) for r in report.removed] == [
        (reason, note), (reason, form_note), (reason, "（备注）")
    ]
    # The two sentences are prose the user is told of; a bracketed remark is not.
    said = [str(w.message) for w in caught if "hidden in the document" in str(w.message)]
    assert len(said) == 2 and "填表说明" in said[0] and "填写说明" in said[1]


def test_a_manual_line_break_inside_a_sentence_does_not_part_the_paragraph(tmp_path):
    def build(document):
        first = document.add_paragraph("全县新建公办幼儿园三所，")
        first.runs[0].add_break()  # Shift+Enter mid-sentence: layout only
        first.add_run("新增学位九百个。")
        first.runs[-1].add_break()  # after a full stop: it may part items, and stays
        first.add_run("学前三年毛入园率达到百分之九十二。")

    document = edusummary.read(write_docx(tmp_path / "breaks.docx", build))
    assert document.text.splitlines() == [
        "全县新建公办幼儿园三所，新增学位九百个。", "学前三年毛入园率达到百分之九十二。"
    ]


def test_a_page_break_inside_a_docx_paragraph_ends_its_line(tmp_path):
    from docx.enum.text import WD_BREAK

    def build(document):
        paragraph = document.add_paragraph(PRESCHOOL)
        paragraph.runs[0].add_break(WD_BREAK.PAGE)  # Ctrl+Enter, then the attachment
        paragraph.add_run("附件1")
        paragraph = document.add_paragraph(BALANCE)
        paragraph.runs[0].add_break(WD_BREAK.COLUMN)
        paragraph.add_run(TEACHING)

    document = edusummary.read(write_docx(tmp_path / "breaks.docx", build))
    assert document.text.splitlines() == [PRESCHOOL, "附件1", BALANCE, TEACHING]


def _contents_line(text, page, style=""):
    """A line of Word's table of contents: the heading, a tab (drawn with dot leaders) and
    its page number, which Word's PAGEREF field writes."""
    shown = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return (
        f"<w:p>{shown}<w:hyperlink w:anchor=\"_Toc{page}\">{run(text)}<w:r><w:tab/></w:r>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> PAGEREF _Toc{page} \\h </w:instrText></w:r>'
        f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{run(page)}'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink></w:p>'
    )


def _toc_field(document):
    # Word's TOC field, begun in one paragraph and ended in another, under a 目录 line of
    # no style: a report with no heading styles.
    add_body_xml(document, "<w:p>" + run("目　录") + "</w:p>"
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space='
        '"preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r></w:p>'
        + _contents_line("一、学前教育", "1") + _contents_line("二、义务教育", "2")
        + '<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')


def _toc_control(document):
    # The content control Word's 目录 gallery puts it in, its field's result saved alone.
    add_body_xml(document, "<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="
        '"Table of Contents"/></w:docPartObj></w:sdtPr><w:sdtContent>'
        + "<w:p>" + run("目录") + "</w:p>"
        + _contents_line("一、学前教育", "1") + _contents_line("二、义务教育", "2")
        + "</w:sdtContent></w:sdt>")


def _toc_styles(document):
    # Lines in Word's toc 1 style (目录 1), as a field updated and unlinked leaves them.
    from docx.enum.style import WD_STYLE_TYPE

    document.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
    style = document.styles["toc 1"].style_id
    add_body_xml(document, _contents_line("一、学前教育", "1", style)
        + _contents_line("二、义务教育", "2", style))


@pytest.mark.parametrize("contents", [_toc_field, _toc_control, _toc_styles])
def test_a_docx_table_of_contents_is_set_aside(tmp_path, contents):
    # Its lines, the headings again with their page numbers after a tab, had been headings
    # each, so each section came twice; the last one headed the text below it.
    title = "柳河县教育局2023年教育工作总结"

    def build(document):
        document.add_paragraph(title)
        contents(document)
        for line in (BALANCE, "一、学前教育", PRESCHOOL, "二、义务教育", TEACHING):
            document.add_paragraph(line)

    report = edusummary.tag_file(write_docx(tmp_path / "contents.docx", build))
    assert [(p.heading, p.text) for p in report.paragraphs] == [
        (title, BALANCE), ("一、学前教育", PRESCHOOL), ("二、义务教育", TEACHING)
    ]
    assert [h.text for h in report.headings] == [title, "一、学前教育", "二、义务教育"]
    listed = ["一、学前教育\t1", "二、义务教育\t2"]
    heading = {_toc_field: ["目　录"], _toc_control: ["目录"], _toc_styles: []}[contents]
    assert [(r.reason.split(":")[0], r.text) for r in report.removed] == [
        ("table of contents", line) for line in heading + listed
    ]
    assert report.warnings == []


_TOC_BEGIN = (
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC'
    ' \\o "1-3" \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
)
_TOC_END = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
_TOC_LINES = _contents_line("一、学前教育", "1") + _contents_line("二、义务教育", "2")


@pytest.mark.parametrize(
    "body",
    [
        # The field's end mark opens the first heading's paragraph (the empty line after
        # the 目录 deleted): the heading had gone with the contents.
        f"<w:p>{_TOC_BEGIN}</w:p>{_TOC_LINES}<w:p>{_TOC_END}{run('一、学前教育')}</w:p>",
        # Text typed after the contents in the 目录 gallery's content control, a line of a
        # heading, a tab and a figure among it.
        "<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val=\"Table of Contents\"/>"
        f"</w:docPartObj></w:sdtPr><w:sdtContent>{_TOC_LINES}<w:p>{run('主要指标')}</w:p>"
        f"<w:p>{run('全县幼儿园数（所）')}<w:r><w:tab/></w:r>{run('128')}</w:p>"
        f"<w:p>{run('一、学前教育')}</w:p></w:sdtContent></w:sdt>",
        # A sentence before the field in its paragraph.
        f"<w:p>{run('本报告分两个部分。')}{_TOC_BEGIN}</w:p>{_TOC_LINES}<w:p>{_TOC_END}</w:p>"
        f"<w:p>{run('一、学前教育')}</w:p>",
        # The title above the contents in the control.
        "<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val=\"Table of Contents\"/>"
        f"</w:docPartObj></w:sdtPr><w:sdtContent><w:p>{run('柳河县教育局工作总结')}</w:p>"
        f"{_TOC_LINES}<w:p>{run('一、学前教育')}</w:p></w:sdtContent></w:sdt>",
        # A field that never ends (a damaged file) had swallowed the whole report.
        f"<w:p>{_TOC_BEGIN}</w:p>{_TOC_LINES}<w:p>{run('一、学前教育')}</w:p>",
    ],
    ids=["end-opens-heading", "text-in-control", "sentence-before", "title-above", "never-ends"],
)
def test_a_docx_table_of_contents_takes_nothing_of_the_text_with_it(tmp_path, body):
    def build(document):
        add_body_xml(document, body)
        document.add_paragraph(PRESCHOOL)

    report = edusummary.tag_file(write_docx(tmp_path / "contents.docx", build))
    assert (report.paragraphs[-1].heading, report.paragraphs[-1].text) == (
        "一、学前教育", PRESCHOOL
    )
    assert "一、学前教育" in [h.text for h in report.headings]
    if "本报告" in body:
        assert "本报告分两个部分。" in report.text
    if "128" in body:
        assert "全县幼儿园数（所）\t128" not in [r.text for r in report.removed]
    if "柳河县" in body:
        assert "二、义务教育\t2" in [r.text for r in report.removed]
        assert "柳河县教育局工作总结" in [h.text for h in report.headings]


def test_docx_smartart_text_follows_its_paragraph_and_equations_are_read_in_place(tmp_path):
    # Both had been dropped without a word: a plan's flow chart of steps, and 按…计算 read
    # as 按计算.
    diagram = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
    drawing = "http://schemas.openxmlformats.org/drawingml/2006/main"
    math = "http://schemas.openxmlformats.org/officeDocument/2006/math"
    # A step may end a sentence of its own: no ； is added after its 。, though after ）
    steps = [
        "学校自查：各校对照标准逐项自查。", "县级督导：督导组逐校实地核查（4月）",
        "整改提升：限期整改",
    ]
    line = steps[0] + steps[1] + "；" + steps[2]

    def point(kind, text=""):
        typed = f' type="{kind}"' if kind else ""  # a shape's point is of no type
        body = f"<a:p><a:r><a:t>{text}</a:t></a:r></a:p>" if text else "<a:p/>"
        return f"<dgm:pt{typed}><dgm:t><a:bodyPr/>{body}</dgm:t></dgm:pt>"

    data = (
        f'<dgm:dataModel xmlns:dgm="{diagram}" xmlns:a="{drawing}"><dgm:ptLst>'
        + point("doc") + point("", steps[0]) + point("sibTrans") + point("", steps[1])
        + point("", steps[2])
        + '<dgm:pt type="pres"><dgm:prSet/></dgm:pt>'
        "</dgm:ptLst></dgm:dataModel>"
    )

    def build(document):
        document.add_paragraph("督导评估按以下步骤进行：")
        chart = (
            f'<w:drawing><a:graphic xmlns:a="{drawing}"><a:graphicData uri="{diagram}">'
            f'<dgm:relIds xmlns:dgm="{diagram}" r:dm="rIdData"/></a:graphicData></a:graphic>'
            "</w:drawing>"
        )
        # Word writes the chart again for old Word (mc:Fallback): it is read once.
        add_body_xml(document,
            '<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/'
            f'markup-compatibility/2006"><mc:Choice Requires="wps">{chart}</mc:Choice>'
            f"<mc:Fallback>{chart}</mc:Fallback></mc:AlternateContent></w:r></w:p>"
            f'<w:p xmlns:m="{math}">{run("普惠率按")}<m:oMathPara><m:oMath><m:r>'
            "<m:t>普惠率=普惠园幼儿数÷在园幼儿数</m:t></m:r></m:oMath></m:oMathPara>"
            f"{run('计算，全县达到百分之八十八。')}</w:p>")

    path = with_part(
        write_docx(tmp_path / "steps.docx", build), "diagrams/data1.xml", data,
        "application/vnd.openxmlformats-officedocument.drawingml.diagramData+xml",
        "diagramData", "rIdData",
    )
    document = edusummary.read(path)
    assert document.text.splitlines() == [
        "督导评估按以下步骤进行：", "", line,
        "普惠率按普惠率=普惠园幼儿数÷在园幼儿数计算，全县达到百分之八十八。",
    ]
    assert document.warnings == ()
    # A chart's steps, one line, head nothing (its last step had headed the paragraph
    # below it), and are labelled when they make a paragraph.
    report = edusummary.tag_file(path)
    assert line in [p.text for p in report.paragraphs]
    assert not {line, *steps} & {h.text for h in report.headings}


def test_docx_symbols_inserted_from_symbol_fonts_are_read(tmp_path):
    def sym(font, char):
        return f'<w:r><w:sym w:font="{font}" w:char="{char}"/></w:r>'

    def build(document):
        add_body_xml(document, (
            f"<w:p>{run('生均公用经费')}{sym('Symbol', 'F0B3')}{run('八百元，大班额')}"
            f"{sym('symbol', 'A3')}{run('百分之五。')}</w:p>"
            f"<w:p>{run('参加培训')}{sym('Wingdings 2', 'F052')}{run('是　')}"
            f"{sym('Wingdings 2', 'F0A3')}{run('否　已报送')}{sym('Wingdings', 'F0FC')}"
            # A symbol of no known character shows nothing, rather than a stand-in.
            f"{sym('Webdings', 'F021')}</w:p>"
        ))

    document = edusummary.read(write_docx(tmp_path / "symbols.docx", build))
    assert document.text.splitlines() == [
        "生均公用经费≥八百元，大班额≤百分之五。", "参加培训☑是　□否　已报送✓"
    ]


def test_word_paragraphs_that_end_without_a_full_stop_stay_apart(tmp_path):
    # Text files are often hard-wrapped, so there a long unended line runs on; in Word a
    # paragraph is one as written, and a list item or a last sentence often lacks its 。.
    reform = "全县组织新课程标准专题培训十二场，推广大单元教学和项目式学习，课堂教学改革不断深化"
    safety = "县财政安排校舍维修资金两千万元，完成校园安全隐患排查整治"

    def build(document):
        document.add_paragraph(reform)
        document.add_paragraph(safety)

    report = edusummary.tag_file(write_docx(tmp_path / "unended.docx", build))
    assert [p.text for p in report.paragraphs] == [reform, safety]
    assert [p.label for p in report.paragraphs] == ["teaching_reform", "other"]


def test_word_headings_of_one_length_stay_apart_from_their_paragraphs(tmp_path):
    # Plain paragraphs, no heading styles: six headings of 14 characters had shown a
    # "width" the file was converted at, and each ran on into the paragraph below it.
    paragraphs = [LONG_PRESCHOOL, LONG_BALANCE, TEACHING, LONG_MORAL, BALANCE, MORAL]

    def build(document):
        document.add_paragraph("东湖区教育局2023年工作总结")
        for heading, paragraph in zip(EQUAL_HEADINGS, paragraphs, strict=True):
            document.add_paragraph(heading)
            document.add_paragraph(paragraph)

    report = edusummary.tag_file(write_docx(tmp_path / "report.docx", build))
    assert [(p.heading, p.text) for p in report.paragraphs] == list(
        zip(EQUAL_HEADINGS, paragraphs, strict=True)
    )


def test_short_word_lines_differing_only_in_figures_are_no_running_headers(tmp_path):
    # Word keeps its running headers out of the body: none of these is one.
    funds = [f"第{n}批校舍维修资金到位" for n in (1, 2, 3)]

    def build(document):
        document.add_paragraph("东湖区教育局第一季度工作简报")
        for line in funds:
            document.add_paragraph(line)
            document.add_paragraph(LONG_PRESCHOOL)

    report = edusummary.tag_file(write_docx(tmp_path / "report.docx", build))
    assert report.removed == []
    assert [p.heading for p in report.paragraphs] == funds


def test_a_text_of_a_character_a_line_is_said_to_be_one(recwarn):
    text = "\n".join("全县新建公办幼儿园三所，新增学位九百个。" * 5)
    report = edusummary.tag(text)
    assert report.paragraphs == []
    assert any("a character each" in warning for warning in report.warnings)


@pytest.mark.parametrize("width", [28, 46])
def test_a_docx_converted_from_pdf_a_line_per_paragraph_is_joined_again(tmp_path, width):
    sentences = (
        "县政府把学前教育纳入民生实事，新建公办幼儿园五所，新增学位一千二百个。"
        "普惠性幼儿园覆盖率达到百分之九十一，城乡幼儿园结对帮扶实现全覆盖。"
        "全县幼儿园保教人员全员参加岗位培训，保教质量评估覆盖所有园所。"
        "县教育局会同财政部门出台普惠性民办幼儿园认定和扶持办法，按在园幼儿人数给予"
        "生均补助，并对办园行为规范、保教质量较高的民办园给予一次性奖励。"
        "各乡镇中心幼儿园对村级园实行业务指导和教师培训一体化管理，"
        "每学期组织两次以上联合教研活动，乡村幼儿园保教水平稳步提高。"
        "县财政连续三年安排学前教育专项经费，用于改善农村幼儿园办园条件，"
        "添置玩教具和图书，建设户外活动场地，农村幼儿园办园水平明显提升。"
    )
    lines = [sentences[at : at + width] for at in range(0, len(sentences), width)]

    def build(document):
        for line in lines:
            document.add_paragraph(line)

    report = edusummary.tag_file(write_docx(tmp_path / "converted.docx", build))
    texts = [p.text for p in report.paragraphs]
    # The lines are joined again: no paragraph ends mid-sentence.
    assert "".join(texts) == sentences
    assert all(text.endswith("。") for text in texts), texts


@pytest.mark.parametrize(
    ("suffix", "content_type"),
    [
        (".docm", "application/vnd.ms-word.document.macroEnabled.main+xml"),
        (".dotx", "application/vnd.openxmlformats-officedocument.wordprocessingml.template"
                  ".main+xml"),
        (".dotm", "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"),
        (".docx", "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"),
    ],
    ids=["docm", "dotx", "dotm", "dotm-named-docx"],
)
def test_word_macro_documents_and_templates_are_read_as_docx(tmp_path, suffix, content_type):
    # python-docx refuses their document part as "not a Word file", and a folder's search
    # had passed them over without a word.
    built = write_docx(tmp_path / "built.docx", lambda d: d.add_paragraph(PRESCHOOL))
    with zipfile.ZipFile(built) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        content_type.encode(),
    )
    folder = tmp_path / "reports"
    folder.mkdir()
    path = folder / f"report{suffix}"
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    document = edusummary.read(path)
    assert kept(document) == [PRESCHOOL] and document.warnings == ()
    assert list(find_reports([folder])) == [str(path)]


def test_a_docx_holding_a_web_page_as_a_chunk_reads_the_page_where_it_stands(tmp_path):
    # OA and web systems export a report into Word as an HTML chunk (w:altChunk), which
    # Word shows as its text; it had read as an empty report.
    from docx.oxml import parse_xml

    def build(document):
        document.add_paragraph("柳河县教育局")
        document.paragraphs[-1]._p.addnext(parse_xml(
            f'<w:altChunk xmlns:w="{W_MAIN}" xmlns:r="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships" r:id="rIdChunk"/>'
        ))
        document.add_paragraph(MORAL)

    path = write_docx(tmp_path / "exported.docx", build)
    hidden = "填报说明：本表由各学校办公室于每月五日前填报，数据以教育事业统计为准。"
    page = (
        f"<html><body><h2>一、学前教育</h2><p>{PRESCHOOL}</p><p>{BALANCE}</p>"
        f'<p style="display:none">{hidden}</p></body></html>'
    )
    with_part(path, "chunk.htm", page, "text/html", "aFChunk", "rIdChunk")
    report = edusummary.tag_file(path)
    assert [(p.heading, p.text) for p in report.paragraphs] == [
        ("一、学前教育", PRESCHOOL), ("一、学前教育", BALANCE), ("一、学前教育", MORAL)
    ]
    # What the page's reader sets aside is among the report's removed lines, as for the page
    # read alone, its warning said of the chunk.
    assert hidden in [s.text for s in report.removed]
    assert all("its chunk of another document" in w for w in report.warnings)


def test_a_docx_title_set_in_a_table_of_one_cell_is_the_title(tmp_path):
    # A box around the title, drawn as a table of one cell: it had been set aside as a
    # table row, and with it the report's title, region, year and kind.
    title = "柳河县教育局2023年义务教育优质均衡发展工作汇报"

    def build(document):
        add_table(document, [[title]])
        document.add_paragraph(BALANCE)

    summary = edusummary.tag_file(write_docx(tmp_path / "boxed.docx", build)).summary()
    assert (summary.title, summary.region, summary.year) == (title, "柳河县", 2023)


@pytest.mark.parametrize(
    "box",
    [
        ["全县幼儿园 48所", "毛入园率 92.5%"], ["单位：所、人、%"],
        ["注：数据来源于2023年教育事业统计快报"],
    ],
    ids=["figures", "unit", "note"],
)
def test_a_docx_table_of_one_cell_that_frames_no_title_is_the_tables(tmp_path, box):
    # Read as the report's lines (d3d59d4), they had headed the next paragraph, or been
    # labelled other and counted.
    def build(document):
        document.add_paragraph("一、学前教育")
        table = document.add_table(rows=1, cols=1)
        table.cell(0, 0).text = box[0]
        for line in box[1:]:
            table.cell(0, 0).add_paragraph(line)
        document.add_paragraph(PRESCHOOL)

    report = edusummary.tag_file(write_docx(tmp_path / "boxed.docx", build))
    assert [(p.heading, p.text) for p in report.paragraphs] == [("一、学前教育", PRESCHOOL)]


def test_docx_with_only_tables(tmp_path):
    def build(document):
        for text in (PRESCHOOL, TEACHING):
            document.add_table(rows=1, cols=1).cell(0, 0).text = text

    document = edusummary.read(write_docx(tmp_path / "tables.docx", build))
    assert document.text.splitlines() == [PRESCHOOL, TEACHING]


def test_docx_that_is_not_a_zip(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes("这不是一个Word文档".encode())
    with pytest.raises(ReadError, match=r"broken\.docx: not a valid \.docx file \(.*not a zip"):
        edusummary.read(path)


def test_docx_zip_without_document_part(tmp_path):
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(ReadError, match=r"not a valid \.docx file \(.*word/document\.xml"):
        edusummary.read(path)


def test_docx_with_damaged_document_part(tmp_path):
    path = write_docx(tmp_path / "report.docx", lambda d: d.add_paragraph(PRESCHOOL))
    damaged = tmp_path / "damaged.docx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data[:100] if item.filename == "word/document.xml" else data)
    with pytest.raises(ReadError, match=r"damaged\.docx: not a valid \.docx file"):
        edusummary.read(damaged)


def test_a_docx_naming_parts_it_lacks_is_read_with_a_warning(tmp_path):
    # A picture the exporting system left out, and a target written NULL: python-docx
    # follows every relationship, and the whole report had been refused as no .docx.
    from docx.oxml import parse_xml

    def build(document):
        document.add_paragraph(PRESCHOOL)._p.append(parse_xml(
            f'<w:r xmlns:w="{W_MAIN}"><w:footnoteReference w:id="1"/></w:r>'
        ))
        document.add_paragraph(BALANCE)

    path = with_footnote(write_docx(tmp_path / "exported.docx", build))
    with_part(path, "media/image1.png", None, relation="image", rid="rIdPhoto")
    with_part(path, "NULL", None, relation="image", rid="rIdNull")
    with pytest.warns(edusummary.EdusummaryWarning, match="the package is damaged"):
        report = edusummary.tag_file(path)
    assert [p.text for p in report.paragraphs] == [PRESCHOOL, NOTE, BALANCE]
    assert report.warnings == [
        f"{path}: the package is damaged: it names parts it lacks (word/media/image1.png, "
        "word/NULL), read without them; if the report misses something, open it in Word, "
        "which offers to recover such a file, and save it again"
    ]


def _in_strict_namespaces(path, parts=None):
    """``path`` saved as Word's Strict Open XML Document saves it: its XML (of ``parts``, or
    all) in the strict namespaces and relationship types, the same names under
    http://purl.oclc.org/ooxml/."""
    transitional = re.compile(
        rb"http://schemas\.openxmlformats\.org/(wordprocessingml|drawingml|officeDocument)/2006/"
    )
    with zipfile.ZipFile(path) as package:
        saved = {name: package.read(name) for name in package.namelist()}
    with zipfile.ZipFile(path, "w") as package:
        for name, data in saved.items():
            if parts is None or name in parts:
                data = transitional.sub(rb"http://purl.oclc.org/ooxml/\1/", data)
            package.writestr(name, data)
    return path


def test_a_strict_open_xml_docx_is_read_as_a_docx(tmp_path):
    # Refused as "no relationship of type …officeDocument", and a body alone in the strict
    # namespaces had escaped as an AttributeError.
    from docx.oxml import parse_xml

    def build(document):
        document.add_heading("柳河县教育局2023年教育工作总结", level=1)
        document.add_paragraph(PRESCHOOL)._p.append(parse_xml(
            f'<w:r xmlns:w="{W_MAIN}"><w:footnoteReference w:id="1"/></w:r>'
        ))
        add_table(document, [["学校", "班额"], ["城东小学", "43"]])
        document.add_paragraph(BALANCE)

    expected = edusummary.read(with_footnote(write_docx(tmp_path / "report.docx", build)))
    assert expected.text.splitlines() == [
        "柳河县教育局2023年教育工作总结", PRESCHOOL, NOTE, "学校\t班额", "城东小学\t43", BALANCE
    ]
    for parts in (None, ["word/document.xml", "word/styles.xml"]):
        path = with_footnote(write_docx(tmp_path / "strict.docx", build))
        document = edusummary.read(_in_strict_namespaces(path, parts))
        assert document == dataclasses.replace(expected, source=str(path))
    # A main part of no Word document, in a namespace neither strict nor transitional.
    path = write_docx(tmp_path / "other.docx", build)
    with zipfile.ZipFile(path) as package:
        saved = {name: package.read(name) for name in package.namelist()}
    saved["word/document.xml"] = saved["word/document.xml"].replace(
        W_MAIN.encode(), b"urn:example:other"
    )
    with zipfile.ZipFile(path, "w") as package:
        for name, data in saved.items():
            package.writestr(name, data)
    with pytest.raises(ReadError, match=r"other\.docx: not a valid \.docx file \(its main "
                       r"part is no Word document \(its root is \{urn:example:other\}document"):
        edusummary.read(path)


# --- .html -------------------------------------------------------------------------------


def page(body, head=""):
    return f"<!DOCTYPE html>\n<html>\n<head>{head}<title>某县教育局</title></head>\n{body}\n</html>"


BUREAU_PAGE = page(
    head='<meta charset="gbk"><style>p { line-height: 2 }</style>',
    body=f"""<body>
<header><img src="logo.png" alt="某县教育局"> 政务公开</header>
<nav><a href="/">首页</a> | <a href="/gk">机构概况</a> | <a href="/zc">政策文件</a></nav>
<div class="breadcrumb">当前位置：首页 &gt; 工作总结</div>
<div id="main">
  <h1>某县教育局2023年工作总结</h1>
  <p>　　{PRESCHOOL}</p>
  <p>{BALANCE[:20]}
     {BALANCE[20:]}</p>
  <script>document.write("阅读次数：" + count);</script>
  <ul><li>新建幼儿园三所</li><li>改造薄弱学校十二所</li></ul>
  <p>{TEACHING}<br>{MORAL}</p>
  <div class="share-bar">分享到：微信 微博</div>
  <div class="related-links">相关文章：某县召开教育工作会议</div>
  <div style="display:none">隐藏的统计代码</div>
</div>
<aside>热点专题</aside>
<div id="footer-wrap">主办单位：某县教育局 备案号：某ICP备00000000号</div>
<footer>版权所有 某县教育局</footer>
<noscript>请开启脚本</noscript>
</body>""",
)


@pytest.mark.parametrize("suffix", [".html", ".hocr"])
def test_a_page_with_a_stray_marked_section_opener_is_read(tmp_path, suffix):
    # A "<![" that opens no section the parser knows (<![CDATA[, Word's <![if ...]>), typed
    # in a page or left by a broken template, made the parser refuse the whole page: the
    # file failed with a ParserRejectedMarkup traceback.
    text = "全县新建公办幼儿园5所，新增学位1200个，学前三年毛入园率达到92.5%。"
    if suffix == ".html":
        body = f"<p>{text}</p><![if !supportLists]>·<![endif]><p>见附件<![ 1 ]></p>"
    else:
        body = (
            "<div class='ocr_page'><p class='ocr_par'><span class='ocr_line'>"
            + "".join(
                f"<span class='ocrx_word'>{word}</span> "
                for word in re.findall(r"\d[\d.%]*|.", text)
            )
            + "</span></p></div><![ x"
        )
    path = tmp_path / f"page{suffix}"
    path.write_text(
        "<html><head><meta name='ocr-system' content='tesseract 5'></head>"
        f"<body>{body}</body></html>" if suffix == ".hocr" else f"<html><body>{body}</body></html>",
        encoding="utf-8",
    )
    assert text in edusummary.read(path).text


def test_html_keeps_the_report_and_drops_site_furniture(tmp_path):
    path = tmp_path / "report.html"
    path.write_bytes(BUREAU_PAGE.encode("gbk"))
    document = edusummary.read(path)
    assert document.format == "html"
    assert document.encoding == "gb18030"
    assert document.warnings == ()
    lines = [line for line in kept(document) if line]
    assert lines == [
        "某县教育局2023年工作总结",
        PRESCHOOL,
        BALANCE,  # the line break inside the <p> was only layout of the HTML source
        "新建幼儿园三所",
        "改造薄弱学校十二所",
        TEACHING,
        MORAL,
    ]
    # Blocks are set off by blank lines, a <br> is a line break only.
    assert f"{PRESCHOOL}\n\n{BALANCE}" in document.text
    assert f"{TEACHING}\n{MORAL}" in document.text
    # The furniture dropped is set apart from the text, for the report to show it.
    furniture = [
        "政务公开",
        "首页 | 机构概况 | 政策文件",
        "当前位置：首页 > 工作总结",
        "分享到：微信 微博",
        "相关文章：某县召开教育工作会议",
        "热点专题",
        "主办单位：某县教育局 备案号：某ICP备00000000号",
        "版权所有 某县教育局",
        "隐藏的统计代码",  # hidden: every character of the file is accounted for
    ]
    assert [document.whole_text[start:end] for start, end, _ in document.furniture] == furniture
    assert "政务公开" not in document.text and document.whole_text.startswith(document.text)
    report = edusummary.tag_file(path)
    assert [s.text for s in report.removed] == furniture
    assert [s.reason for s in report.removed] == [
        "site furniture: the page's navigation, header, footer or sidebar"
    ] * 8 + ["hidden on the page: text its style hides until a script or a click shows it"]
    assert [p.text for p in report.paragraphs] == [PRESCHOOL, BALANCE, TEACHING, MORAL]


def test_html_table_of_figures_rows_are_lines_and_a_layout_table_keeps_its_paragraphs(tmp_path):
    figures = (
        "<table><tr><th>指标</th><th>2022年</th><th>2023年</th></tr>"
        "<tr><td>学前三年毛入园率</td><td>88.5%</td><td>91.2%</td></tr></table>"
    )
    # Old bureau sites set the whole article in one cell of a layout table.
    layout = f"<table><tr><td><p>{BALANCE}</p><p>{TEACHING}</p></td></tr></table>"
    path = tmp_path / "report.html"
    path.write_text(page(f"<body><p>{PRESCHOOL}</p>{figures}{layout}</body>"), encoding="utf-8")
    lines = [line for line in edusummary.read(path).text.splitlines() if line]
    assert lines == [
        PRESCHOOL, "指标\t2022年\t2023年", "学前三年毛入园率\t88.5%\t91.2%", BALANCE, TEACHING
    ]


def test_html_tables_saved_by_word_with_captions_notes_and_breaks_are_set_aside(tmp_path):
    # Word's "save as web page" sets every cell in a <p>; sites break long row labels.
    cell = '<td><p class="MsoNormal">{}</p></td>'
    rows = "".join(
        "<tr>" + "".join(cell.format(value) for value in row) + "</tr>"
        for row in (("指标", "2023年"), ("学前三年<br>毛入园率", "91.2%"), ("新建幼儿园", "3所"))
    )
    table = (
        f"<table><caption>表1 学前教育主要指标</caption>{rows}"
        '<tr><td colspan="2">数据来源：教育事业统计年报</td></tr></table>'
    )
    path = tmp_path / "word.html"
    path.write_text(page(f"<body><h2>一、学前教育</h2>{table}<p>{PRESCHOOL}</p></body>"),
                    encoding="utf-8")
    report = edusummary.tag_file(path)
    assert [(p.text, p.heading) for p in report.paragraphs] == [(PRESCHOOL, "一、学前教育")]
    rows_set_aside = [s.text for s in report.removed if s.reason == "table row"]
    assert rows_set_aside == [
        "表1 学前教育主要指标", "指标\t2023年", "学前三年 毛入园率\t91.2%", "新建幼儿园\t3所",
        "数据来源：教育事业统计年报",
    ]


def test_html_blocks_that_part_a_sentence_are_joined_again(tmp_path):
    first = "以新课程标准为引领，全县中小学推进大单元教学和项目式学习，组织全县各学科教师开展"
    rest = "课堂教学比武活动四十余场，教学质量稳步提升。"
    # A heading ends no sentence either, but is short: it stays a line of its own.
    body = f"<body><div>三、教学改革</div><div>{first}</div><div>{rest}</div><p>{MORAL}</p></body>"
    path = tmp_path / "split.html"
    path.write_text(page(body), encoding="utf-8")
    report = edusummary.tag_file(path)
    assert [(p.text, p.heading) for p in report.paragraphs] == [
        (first + rest, "三、教学改革"), (MORAL, "三、教学改革")
    ]


def test_html_a_break_inside_a_paragraphs_sentence_is_layout(tmp_path):
    # A <br> mid-sentence in a line under 40 characters cut the <p> into two paragraphs.
    first, rest = "全县投入资金8600万元，完成15所农村学校食堂改造", "工程，学生就餐条件明显改善。"
    body = (
        f"<body><p>{first}<br>{rest}</p>"
        # A numbered line or one of no clause ends at its <br>: a heading, the office signing.
        f"<p>三、坚持立德树人，加强德育工作<br>{MORAL}</p>"
        # Two <br> in a row part the lines even mid-sentence.
        f"<p>{first}<br><br>{TEACHING}</p>"
        "<p>清水县教育局<br>2024年1月10日</p></body>"
    )
    path = tmp_path / "breaks.html"
    path.write_text(page(body), encoding="utf-8")
    report = edusummary.tag_file(path)
    assert [p.text for p in report.paragraphs] == [first + rest, MORAL, first, TEACHING]
    assert [h.text for h in report.headings] == ["三、坚持立德树人，加强德育工作", "2024年1月10日"]
    assert "清水县教育局" in [s.text for s in report.removed]  # signing, above the date


#: A paragraph of 40+ characters ending on a figure, no full stop after it.
ON_A_FIGURE = (
    "全年新建公办幼儿园两所，改扩建幼儿园四所，新增学位九百个，学前三年毛入园率达到百分之九十四点二"
)


@pytest.mark.parametrize(
    "body",
    [
        f"<p>{ON_A_FIGURE}<br><br>{BALANCE}</p>",
        f"<p>\u3000\u3000{ON_A_FIGURE}<br>\n\u3000\u3000{BALANCE}</p>",
        f"<p>&nbsp;&nbsp;{ON_A_FIGURE}<br><span>&nbsp;&nbsp;{BALANCE}</span></p>",
        f'<section style="margin:8px"><span>{ON_A_FIGURE}</span></section>'
        f'<section style="margin:8px"><span>{BALANCE}</span></section>',
    ],
    ids=["two-breaks", "break-indent", "break-nbsp-indent", "wechat-sections"],
)
def test_html_paragraph_ends_web_pages_mark_keep_a_paragraph_ending_on_a_figure(tmp_path, body):
    # Two topics ran into one paragraph labelled other: the unended line ran on across a
    # double <br>, across a <br> before an indented line, and across WeChat's <section>s.
    path = tmp_path / "page.html"
    path.write_text(page(f'<body><div id="js_content">{body}</div></body>'), encoding="utf-8")
    report = edusummary.tag_file(path)
    assert [p.text for p in report.paragraphs] == [ON_A_FIGURE, BALANCE]
    assert report.paragraphs[0].label == "preschool"


def test_html_a_section_holding_blocks_is_no_paragraph(tmp_path):
    # A <section> around blocks is a part of the page: a sentence split over its <div>s
    # runs on.
    first = "全县投入资金八千六百万元，完成十五所农村学校食堂和学生宿舍改造，新建塑胶运动场六块，"
    rest = "学生就餐条件明显改善。"
    body = f"<body><section><div>{first}</div><div>{rest}</div><p>{MORAL}</p></section></body>"
    path = tmp_path / "page.html"
    path.write_text(page(body), encoding="utf-8")
    report = edusummary.tag_file(path)
    assert [p.text for p in report.paragraphs] == [first + rest, MORAL]


def test_html_paragraphs_ending_on_a_figure_stay_apart(tmp_path):
    # A <p> of 40+ characters without a closing full stop ran on into the next <p>: the
    # first paragraph's label was lost.
    first = "新建城北小学等五所学校，改造薄弱学校校舍一万二千平方米，九年义务教育巩固率达到99.2%"
    items = ["——学前三年毛入园率达到百分之九十七以上，普惠性幼儿园覆盖率达到百分之九十二，",
             "——义务教育巩固率保持在百分之九十九点五以上，县域义务教育通过国家督导评估，"]
    body = (f"<body><p>{first}</p><p>{MORAL}</p>"
            + "".join(f"<li>{item}</li>" for item in items) + "</body>")
    path = tmp_path / "figure_end.html"
    path.write_text(page(body), encoding="utf-8")
    report = edusummary.tag_file(path)
    assert [p.text for p in report.paragraphs] == [first, MORAL, *items]
    assert report.paragraphs[0].label == "compulsory_balance"


def test_html_task_tables_spanning_cells_and_headings(tmp_path):
    task = "加快推进城区第三幼儿园、城东幼儿园等五所公办幼儿园建设，新增学前教育学位一千八百个"
    tasks = (
        "<table><tr><th>序号</th><th>工作任务</th><th>责任单位</th><th>完成时限</th></tr>"
        f"<tr><td>1</td><td>{task}</td><td>计财股</td><td>2024年8月</td></tr></table>"
    )
    spans = (
        '<table><tr><th rowspan="2">学段</th><th colspan="2">学校数</th></tr>'
        "<tr><th>2022年</th><th>2023年</th></tr><tr><td>幼儿园</td><td>45</td><td>51</td></tr>"
        '<tr><td colspan="2">合计</td><td>83</td></tr></table>'
    )
    title = "东岭县教育局关于2023年度全县学前教育普及普惠和义务教育优质均衡发展工作推进情况的报告"
    body = f"<body><h1>{title}</h1><p>{BALANCE}</p>{tasks}{spans}<p>{MORAL}</p></body>"
    path = tmp_path / "tasks.html"
    path.write_text(page(body), encoding="utf-8")
    report = edusummary.tag_file(path)
    # The long title is a heading: it ran on into the paragraph below it.
    assert [h.text for h in report.headings] == [title]
    assert [(p.text.split("\t"), p.heading) for p in report.paragraphs] == [
        ([BALANCE], title), ([task, "计财股", "2024年8月"], title), ([MORAL], title)
    ]
    rows = [s.text for s in report.removed if s.reason == "table row"]
    assert rows == [
        "序号\t工作任务\t责任单位\t完成时限", "学段\t学校数", "学段\t2022年\t2023年",
        "幼儿园\t45\t51", "合计\t\t83",
    ]


def test_html_a_short_cell_spanning_rows_is_repeated_in_each_row(tmp_path):
    tasks = [
        "新建改扩建公办幼儿园五所，新增学前学位一千二百个，普惠性幼儿园覆盖率达到百分之九十",
        "实施幼儿园保育教育质量提升行动，开展幼儿园与小学科学衔接试点，全面杜绝幼儿园小学化倾向",
        "完成十所农村薄弱学校改造，推进城乡学校共同体建设，均衡配置师资，缩小城乡校际办学差距",
    ]
    body = (
        "<body><table><tr><th>类别</th><th>重点任务</th><th>责任单位</th></tr>"
        f'<tr><td rowspan="2">学前<br>教育</td><td>{tasks[0]}</td><td>基教科</td></tr>'
        f"<tr><td>{tasks[1]}</td><td>基教科</td></tr>"
        f'<tr><td>义务教育</td><td>{tasks[2]}</td><td rowspan="2">计财科</td></tr>'
        '<tr><td>小计</td><td>三项</td></tr></table></body>'
    )
    path = tmp_path / "tasks.html"
    path.write_text(page(body), encoding="utf-8")
    # Repeated as the cell reads where it stands (a line break in a cell is a space).
    assert [line for line in edusummary.read(path).text.splitlines() if line][1:] == [
        f"学前 教育\t{tasks[0]}\t基教科", f"学前 教育\t{tasks[1]}\t基教科",
        f"义务教育\t{tasks[2]}\t计财科", "小计\t三项\t计财科",
    ]
    report = edusummary.tag_file(path)
    assert [p.label for p in report.paragraphs] == [
        "preschool", "preschool", "compulsory_balance"
    ]


def test_html_http_equiv_content_type(tmp_path):
    head = '<meta http-equiv="Content-Type" content="text/html; charset=GB2312">'
    path = tmp_path / "report.htm"
    path.write_bytes(page(f"<body><p>{PRESCHOOL}</p></body>", head).encode("gb2312"))
    document = edusummary.read(path)
    assert (document.text, document.encoding, document.format) == (PRESCHOOL, "gb18030", "html")


def test_html_without_declaration_is_detected(tmp_path):
    path = tmp_path / "report.html"
    path.write_bytes(page(f"<body><p>{BALANCE}</p></body>").encode("gbk"))
    document = edusummary.read(path)
    assert (document.text, document.encoding) == (BALANCE, "gb18030")


def test_html_saved_as_utf8_with_its_old_declaration(tmp_path):
    # Browsers re-encode a saved page as UTF-8 and leave the old <meta> as it was.
    path = tmp_path / "report.html"
    head = '<meta charset="gb2312">'
    path.write_bytes(page(f"<body><p>{TEACHING}</p></body>", head).encode("utf-8"))
    document = edusummary.read(path)
    assert (document.text, document.encoding) == (TEACHING, "utf-8")


def test_html_wrong_declaration_is_a_warning(tmp_path):
    path = tmp_path / "report.html"
    head = '<meta charset="utf-8">'
    path.write_bytes(page(f"<body><p>{MORAL}</p></body>", head).encode("gbk"))
    document = edusummary.read(path)
    assert (document.text, document.encoding) == (MORAL, "gb18030")
    assert len(document.warnings) == 1
    assert "declares charset 'utf-8' but is not in it; decoded as gb18030" in document.warnings[0]


def test_html_big5_page_declaring_gb2312_is_detected_with_a_warning(tmp_path):
    # GB18030 decodes nearly any byte pairs: the declared charset "worked" and the page
    # came out as rare and private-use characters, without a word.
    text = "全年新建公立幼兒園三所，新增學位一千二百個，學前三年毛入園率達到百分之九十二點四。"
    head = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
    path = tmp_path / "big5.html"
    markup = f"<html><head>{head}</head><body><p>{text}</p><p>{text}</p></body></html>"
    path.write_bytes(markup.encode("big5"))
    document = edusummary.read(path)
    assert (document.text, document.encoding) == (f"{text}\n\n{text}", "big5")
    assert len(document.warnings) == 1
    assert "declares charset 'gb2312' but reads as garbled in it; decoded as big5" in (
        document.warnings[0]
    )


def test_html_content_column_named_like_furniture_is_kept(tmp_path):
    path = tmp_path / "report.html"
    body = (
        '<body class="page-with-sidebar"><div class="menu">首页 政务公开</div>'
        f'<div class="content has-sidebar"><p>{PRESCHOOL}</p><p>{BALANCE}</p></div></body>'
    )
    path.write_text(page(body), encoding="utf-8")
    assert kept(edusummary.read(path)) == [PRESCHOOL, "", BALANCE]


def test_html_keeps_the_header_of_the_article_and_drops_the_sites(tmp_path):
    # Dropped as site furniture for the "header" in its class, the title took the report's
    # title, region and year with it.
    path = tmp_path / "report.html"
    body = (
        '<body><div class="site-header">某县教育局 首页 政务公开</div>'
        '<div class="article-header"><h1>某县教育局2023年工作总结</h1></div>'
        f'<div class="article-content"><p>{PRESCHOOL}</p></div>'
        '<div class="footer">主办单位：某县教育局</div></body>'
    )
    path.write_text(page(body), encoding="utf-8")
    assert kept(edusummary.read(path)) == ["某县教育局2023年工作总结", "", PRESCHOOL]


@pytest.mark.parametrize(
    "header",
    ['<div class="xl_header">{}</div>', '<div id="con_header">{}</div>', "<header>{}</header>"],
)
def test_html_keeps_a_header_block_holding_the_article_title(tmp_path, header):
    # Named in pinyin CMS style (xl = 详细), the article's header went as the site's, its
    # <h1> with it: no title, no region, and nothing said why.
    site = '<div class="header"><h1><a href="/"><img alt="">某县教育局</a></h1></div>'
    title = header.format("<h1>某县教育局2023年工作总结</h1>")
    body = f'<body>{site}<div class="nav">首页 政务公开</div>{title}<p>{PRESCHOOL}</p></body>'
    path = tmp_path / "report.html"
    path.write_text(page(body), encoding="utf-8")
    assert kept(edusummary.read(path)) == ["某县教育局2023年工作总结", "", PRESCHOOL]
    assert edusummary.tag_file(path).summary().title == "某县教育局2023年工作总结"


@pytest.mark.parametrize(
    "hiding", ['style="visibility: hidden;"', 'style="display:none"', "hidden"]
)
def test_html_article_hidden_until_a_script_shows_it_is_read_with_a_warning(tmp_path, hiding):
    # A WeChat article saved as "HTML only" hides #js_content until its script runs: the
    # whole article went, silently, leaving the account's name and date.
    body = (
        '<body><h1 class="rich_media_title">某县教育局2023年工作总结</h1>'
        '<div id="meta_content">某县教育 2024年01月18日</div>'
        f'<div id="js_content" {hiding}><p>{PRESCHOOL}</p><p>{BALANCE}</p>'
        '<span style="display:none">统计代码</span></div></body>'
    )
    path = tmp_path / "wechat.html"
    path.write_text(page(body), encoding="utf-8")
    document = edusummary.read(path)
    assert kept(document)[-3:] == [PRESCHOOL, "", BALANCE]
    assert document.furniture_text == "统计代码"  # hidden inside it: removed, with a reason
    assert len(document.warnings) == 1
    assert "wechat.html: the article is in an element the page hides" in document.warnings[0]


def test_wechat_article_hidden_beside_more_text_of_the_page_is_still_read(tmp_path):
    # WeChat's page holds its dialogs and the account's card outside the article: with the
    # article hidden and under half the page's text, it went whole, without a word.
    card = "某县教育局官方公众号，发布全县教育政策、工作动态和招生考试信息，服务师生家长。"
    dialogs = "".join(
        f'<div class="weui-dialog"><div class="weui-dialog__bd">{text}</div></div>'
        for text in ("当前内容可能存在未经审核的第三方商业营销信息，请确认是否继续访问。",
                     "微信扫一扫可打开此内容，使用完整服务。", card, card)
    )
    body = (
        '<body><h1 class="rich_media_title">某县召开学前教育工作推进会</h1>'
        f'<div class="rich_media_content" style="visibility: hidden;"><p>{PRESCHOOL}</p>'
        f"<p>{BALANCE}</p></div>{dialogs}</body>"
    )
    path = tmp_path / "wechat.html"
    path.write_text(page(body), encoding="utf-8")
    document = edusummary.read(path)
    assert kept(document)[2:5] == [PRESCHOOL, "", BALANCE]
    assert ["the article is in an element the page hides" in w for w in document.warnings] == [
        True
    ]


@pytest.mark.parametrize("hiding", ['style="visibility: hidden;"', ""])
def test_wechat_pages_own_text_around_the_article_is_furniture_not_paragraphs(
    tmp_path, hiding
):
    # WeChat's dialogs, the account's card and its row of buttons, outside the article, were
    # tagged as paragraphs; the account's name and ornaments under the article headed it.
    card = "某县教育局官方公众号，发布全县教育政策、工作动态和招生考试信息，服务师生和家长。"
    dialog = "当前内容可能存在未经审核的第三方商业营销信息，请确认是否继续访问。"
    buttons = "：，。视频小程序赞，轻点两下取消赞在看，轻点两下取消在看分享留言收藏"
    body = (
        '<body><div id="img-content"><h1 class="rich_media_title">某县召开学前教育工作推进会</h1>'
        '<div id="meta_content"><span class="rich_media_meta_nickname" id="js_name">某县教育'
        '</span> <em id="publish_time">2024-03-07 18:02</em></div>'
        f'<div class="rich_media_content" id="js_content" {hiding}><p>{PRESCHOOL}</p>'
        f'<p>{BALANCE}</p><p style="text-align:center">◆◆◆</p>'
        '<p style="text-align:center">【某县教育】</p></div></div>'
        f'<div class="weui-dialog"><div class="weui-dialog__bd">{dialog}</div></div>'
        f'<div class="wx_profile_card"><strong>某县教育</strong><p>{card}</p></div>'
        f'<div class="tips">{buttons}</div></body>'
    )
    path = tmp_path / "wechat.html"
    path.write_text(page(body), encoding="utf-8")
    report = edusummary.tag_file(path)
    assert [p.text for p in report.paragraphs] == [PRESCHOOL, BALANCE]
    assert [h.text for h in report.headings] == ["某县召开学前教育工作推进会"]
    app = [s.text for s in report.removed if s.reason.startswith("WeChat's page furniture")]
    assert app == ["◆◆◆", "【某县教育】", dialog, "某县教育", card, buttons]


def test_portal_page_reposting_a_wechat_article_keeps_its_own_title_and_paragraphs(tmp_path):
    # A county's page reposting a WeChat article keeps the article's js_content: its h1,
    # its 发布时间 line and its editor's note went as WeChat's page furniture, and the
    # summary lost its title and year.
    note = ("编者按：现将县教育局公众号发布的开学工作会议报道转载如下，"
            "请各学校对照抓好落实，确保开学平稳有序。")
    body = (
        '<body><div class="article"><h1>某县召开春季开学工作会议</h1>'
        '<div class="info">发布时间：2022-02-16　来源：县教育局</div>'
        f'<div class="TRS_Editor"><p>{note}</p>'
        f'<div class="rich_media_content" id="js_content"><p>{PRESCHOOL}</p>'
        f"<p>{BALANCE}</p></div><p>{MORAL}</p></div></div></body>"
    )
    path = tmp_path / "portal.html"
    path.write_text(page(body), encoding="utf-8")
    report = edusummary.tag_file(path)
    assert [p.text for p in report.paragraphs] == [note, PRESCHOOL, BALANCE, MORAL]
    assert not [s for s in report.removed if s.reason.startswith("WeChat's page furniture")]
    summary = report.summary()
    assert (summary.title, summary.year) == ("某县召开春季开学工作会议", 2022)


def test_wechat_article_alone_on_a_page_leaves_the_pages_prose_beside_it(tmp_path):
    # With no WeChat frame around it, the article alone on the page: the page's own
    # paragraph beside it is prose, not the app's; a short dialog still is the app's.
    dialog = "微信扫一扫可打开此内容，使用完整服务。"
    body = (
        f'<body><div id="js_content"><p>{PRESCHOOL}</p><p>{BALANCE}</p></div>'
        f'<div class="after"><p>{MORAL}</p></div>'
        f'<div class="weui-dialog">{dialog}</div></body>'
    )
    path = tmp_path / "copied.html"
    path.write_text(page(body), encoding="utf-8")
    report = edusummary.tag_file(path)
    assert [p.text for p in report.paragraphs] == [PRESCHOOL, BALANCE, MORAL]
    app = [s.text for s in report.removed if s.reason.startswith("WeChat's page furniture")]
    assert app == [dialog]


def test_html_page_2_of_an_article_paged_on_the_page_is_read_after_page_1(tmp_path):
    # TRS portals page a long article on the page itself, page 2 hidden until 下一页 is
    # clicked: half the article went, and its pager was removed without a word.
    body = (
        '<body><h2>某县教育局2023年工作总结</h2><div id="zoom">'
        f'<div id="page_1"><p>{PRESCHOOL}</p><p>{BALANCE}</p></div>'
        f'<div id="page_2" style="display:none"><p>{TEACHING}</p><p>{MORAL}</p></div></div>'
        '<div class="pagebar">第<a>1</a>页 <a>2</a> <a>下一页</a></div></body>'
    )
    path = tmp_path / "paged.html"
    path.write_text(page(body), encoding="utf-8")
    document = edusummary.read(path)
    assert kept(document)[2:9] == [PRESCHOOL, "", BALANCE, "", TEACHING, "", MORAL]
    assert document.warnings == ()


def test_html_hidden_prose_left_out_is_warned_of_and_among_the_removed(tmp_path):
    # A tab of another article hidden on the page was dropped and accounted for nowhere:
    # not in the text, not in report.removed, not in a warning.
    other = TEACHING + MORAL + TEACHING
    body = (
        f'<body><div id="main"><p>{PRESCHOOL}</p><p>{BALANCE}</p><p>{MORAL}</p>'
        f'<p>{TEACHING}</p></div><div id="tab_news" style="display:none"><p>{other}</p></div>'
        "</body>"
    )
    path = tmp_path / "tabs.html"
    path.write_text(page(body), encoding="utf-8")
    report = edusummary.tag_file(path)
    assert [p.text for p in report.paragraphs] == [PRESCHOOL, BALANCE, MORAL, TEACHING]
    assert [(s.text, s.reason) for s in report.removed] == [
        (other, "hidden on the page: text its style hides until a script or a click shows it")
    ]
    assert len(report.warnings) == 1
    assert "tabs.html: 104 Chinese characters of text the page hides (display:none)" in (
        report.warnings[0]
    )


def test_html_page_1_of_a_paged_article_saved_alone_is_warned_of(tmp_path):
    # Page 1 of 3 saved alone looked like the whole report: its pager went as furniture.
    body = (
        f'<body><div id="zoom"><p>{PRESCHOOL}</p><p>{BALANCE}</p></div><div class="page">第1页'
        ' <a href="a_2.html">第2页</a> <a href="a_3.html">第3页</a> <a href="a_2.html">下一页'
        '</a> <a href="a_3.html">尾页</a></div></body>'
    )
    path = tmp_path / "a.html"
    path.write_text(page(body), encoding="utf-8")
    report = edusummary.tag_file(path)
    assert [p.text for p in report.paragraphs] == [PRESCHOOL, BALANCE]
    assert len(report.warnings) == 1
    assert "a.html: page 1 of a paged article ('第1页 第2页 第3页 下一页 尾页'): the other " \
        "pages are not in this file" in report.warnings[0]


@pytest.mark.parametrize(
    "comments",
    [
        '<div class="discuss_container" id="js_cmt_area"><div class="discuss_title">精选留言'
        '</div><ul class="discuss_list">{}</ul></div>',
        '<div class="pinglun"><h3>网友评论</h3>{}</div>',
        '<div id="liuyan_list">{}</div>',
        '<ul class="reply-list">{}</ul>',
    ],
)
def test_html_readers_comments_are_site_furniture(tmp_path, comments):
    # WeChat's 精选留言 were tagged as report paragraphs: readers' wishes for a kindergarten
    # outvoted the report's own preschool paragraphs.
    wishes = ["希望我们村也能早日建成公办幼儿园，现在孩子上学要走很远的山路，接送很不方便。",
              "请问秋季幼儿园什么时候开始报名？需要准备哪些材料？"]
    items = "".join(
        f'<li class="discuss_item"><strong class="nickname">家长{i}</strong>'
        f'<div class="discuss_message">{wish}</div></li>' for i, wish in enumerate(wishes, 1)
    )
    body = f"<body><div id=\"js_content\"><p>{PRESCHOOL}</p><p>{BALANCE}</p></div>" + (
        comments.format(items) + "</body>"
    )
    path = tmp_path / "wechat.html"
    path.write_text(page(body), encoding="utf-8")
    document = edusummary.read(path)
    assert kept(document) == [PRESCHOOL, "", BALANCE]
    assert all(wish in document.furniture_text for wish in wishes)


@pytest.mark.parametrize("footer", ['<div class="foot">{}</div>', '<div id="dibu">{}</div>',
                                    '<div class="page_bottom">{}</div>'])
def test_html_footers_by_their_short_names_and_lists_of_links_are_site_furniture(
    tmp_path, footer
):
    # Only "footer" was known: 主办/承办 and 地址/电话 were tagged as paragraphs (other), and
    # a 相关链接 list gave headings that the footer's lines then sat under.
    links = ('<div class="box"><h3>相关链接</h3><ul><li><a href="#">某省教育厅</a></li>'
             '<li><a href="#">某县人民政府</a></li></ul></div>')
    lines = "<p>网站管理：某县人民政府办公室</p><p>本站地处某县城关镇，欢迎来访</p>"
    body = (f"<body><h1>某县教育局2023年工作总结</h1><p>{PRESCHOOL}</p>{links}"
            f"{footer.format(lines)}</body>")
    path = tmp_path / "portal.html"
    path.write_text(page(body), encoding="utf-8")
    document = edusummary.read(path)
    assert kept(document) == ["某县教育局2023年工作总结", "", PRESCHOOL]
    assert document.furniture_text.splitlines() == [
        "相关链接", "某省教育厅", "某县人民政府",
        "网站管理：某县人民政府办公室", "本站地处某县城关镇，欢迎来访",
    ]


@pytest.mark.parametrize("signature", ["<p>某县教育局</p><p>2019年2月18日</p>",
                                       "<p>某县教育局　2019年2月18日</p>",
                                       "<p>某县教育局</p><p>（2019年2月18日）</p>",
                                       "<p>某县教育局</p><p>2019年2月18日</p>"
                                       "<p>（此件在县教育局网站公开发布）</p>"])
def test_html_a_block_named_bottom_holding_a_notices_date_is_the_notices(tmp_path, signature):
    # The notice's signature and date, in the article's block named "bottom", went as the
    # site's footer: the notice lost its year.
    body = ('<body><div class="main"><h2>关于做好2019年春季学期开学工作的通知</h2>'
            f'<p>{PRESCHOOL}</p><div class="bottom">{signature}</div></div></body>')
    path = tmp_path / "notice.html"
    path.write_text(page(body), encoding="utf-8")
    document = edusummary.read(path)
    assert "2019年2月18日" in document.text
    assert edusummary.tag_file(path).summary().year == 2019


@pytest.mark.parametrize("dated", ["<p>备案号：某ICP备00001111号　更新时间：2023年11月2日</p>",
                                   "<p>版权所有：某县教育局</p><p>2023年11月2日</p>"])
def test_html_a_site_footer_named_bottom_holding_a_date_is_site_furniture(tmp_path, dated):
    # A site's footer is dated too: its 更新时间 took it for a notice's signature and date,
    # and its advice on browsers became a paragraph of the report, labelled other.
    advice = "本站推荐使用分辨率一千二百八十乘以八百，并使用较新版本的浏览器浏览本站内容。"
    body = (f'<body><div class="main"><h2>某县教育局2023年工作总结</h2><p>{PRESCHOOL}</p>'
            f'<p>{BALANCE}</p><p>{MORAL}</p></div>'
            f'<div class="bottom"><p>{advice}</p>{dated}</div></body>')
    path = tmp_path / "portal.html"
    path.write_text(page(body), encoding="utf-8")
    report = edusummary.tag_file(path)
    assert [p.text for p in report.paragraphs] == [PRESCHOOL, BALANCE, MORAL]
    site = "site furniture: the page's navigation, header, footer or sidebar"
    assert (advice, site) in [(s.text, s.reason) for s in report.removed]


def test_html_drop_downs_of_links_are_no_text(tmp_path):
    # The options of a 友情链接 drop-down were glued into a paragraph, labelled and counted.
    options = "".join(
        f"<option>{name}</option>"
        for name in ("----上级部门网站----", "中华人民共和国教育部", "某省教育厅", "某市教育局")
    )
    body = (
        f'<body><p>{PRESCHOOL}</p><div class="yqlj">友情链接：<select onchange="go(this.value)">'
        f"{options}</select><button>搜索</button></div></body>"
    )
    path = tmp_path / "links.html"
    path.write_text(page(body), encoding="utf-8")
    assert edusummary.read(path).text == f"{PRESCHOOL}\n\n友情链接："


def mhtml(html: bytes, charset: str, transfer: str) -> bytes:
    """A page saved as one file, as browsers write it: the page and a picture."""
    from email.mime.image import MIMEImage
    from email.mime.multipart import MIMEMultipart
    from email.mime.nonmultipart import MIMENonMultipart

    saved = MIMEMultipart("related")
    saved["From"] = "<Saved by a browser>"
    saved["Subject"] = "report"
    page_part = MIMENonMultipart("text", "html", charset=charset)
    page_part.set_payload(html)
    if transfer == "base64":
        from email import encoders

        encoders.encode_base64(page_part)
    else:
        import quopri

        page_part.set_payload(quopri.encodestring(html).decode("ascii"))
        page_part["Content-Transfer-Encoding"] = "quoted-printable"
    saved.attach(page_part)
    saved.attach(MIMEImage(b"\x89PNG\r\n\x1a\n" + bytes(32), "png"))
    return saved.as_bytes()


@pytest.mark.parametrize(
    ("charset", "transfer", "suffix"),
    [("gb2312", "quoted-printable", ".mht"), ("utf-8", "base64", ".mhtml")],
)
def test_a_web_page_saved_as_one_file_is_read_as_a_page(tmp_path, charset, transfer, suffix):
    # Read as text, the page came out as MIME source ("=BD=F1=C4=EA...") labelled other.
    body = f'<body><div class="menu">首页 政务公开</div><p>{PRESCHOOL}</p><p>{BALANCE}</p></body>'
    path = tmp_path / f"总结{suffix}"
    path.write_bytes(mhtml(page(body).encode(charset), charset, transfer))
    document = edusummary.read(path)
    assert (kept(document), document.format) == ([PRESCHOOL, "", BALANCE], "html")
    assert [os.path.basename(p) for p in find_reports([tmp_path])] == [path.name]


@pytest.mark.parametrize("name", ["总结.html", "总结.htm", "总结"])
def test_a_web_page_saved_as_one_file_under_another_name_is_read_as_one(tmp_path, name):
    # Read as HTML, its MIME headers and quoted-printable codes (=BD=F1...) were tagged.
    body = f"<body><p>{PRESCHOOL}</p><p>{BALANCE}</p></body>"
    saved = mhtml(page(body).encode("gb2312"), "gb2312", "quoted-printable")
    path = tmp_path / name
    path.write_bytes(b"From: <Saved by Windows Internet Explorer 8>\r\nSubject: report\r\n" + saved)
    document = edusummary.read(path)
    assert document.text == f"{PRESCHOOL}\n\n{BALANCE}"
    warned = [w for w in document.warnings if "saved as one file (MHTML) despite" in w]
    assert len(warned) == (1 if path.suffix else 0)


def test_a_web_page_saved_as_one_file_reads_its_frames_where_they_stand(tmp_path):
    # Chrome saves the page of each <iframe> as a part of its own: only the first part was
    # read, the framed article was lost and the warning blamed page furniture.
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    outer = page(
        '<body><h1>某县教育局2023年工作总结</h1><iframe src="cid:frame-1@mhtml.blink"></iframe>'
        f"<p>{MORAL}</p></body>"
    )
    inner = page(f"<body><p>{PRESCHOOL}</p><p>{BALANCE}</p></body>")
    saved = MIMEMultipart("related")
    saved.attach(MIMEText(outer, "html", "utf-8"))
    frame = MIMEText(inner, "html", "utf-8")
    frame["Content-ID"] = "<frame-1@mhtml.blink>"
    saved.attach(frame)
    path = tmp_path / "framed.mhtml"
    path.write_bytes(saved.as_bytes())
    document = edusummary.read(path)
    assert document.text.split("\n\n") == ["某县教育局2023年工作总结", PRESCHOOL, BALANCE, MORAL]
    assert document.warnings == ()


def test_a_web_page_saved_complete_reads_its_frames_pages_where_they_stand(tmp_path):
    # IE and Firefox save a framed page's frames into NAME_files/, which -r skips as the
    # page's own: the article in a frame or an iframe was lost, and the warning blamed
    # page furniture.
    framed = tmp_path / "framed"
    (framed / "总结_files").mkdir(parents=True)
    (framed / "总结.htm").write_text(page(
        '<frameset rows="80,*"><frame src="%E6%80%BB%E7%BB%93_files/content.htm">'
        '<frame src="总结.htm"><frame src="../secret.htm"><frame src="http://example.cn/a.htm">'
        "<noframes><body>您的浏览器不支持框架。</body></noframes></frameset>"
    ), encoding="utf-8")
    (tmp_path / "secret.htm").write_text(page(f"<body><p>{MORAL}</p></body>"), encoding="utf-8")
    (framed / "总结_files" / "content.htm").write_bytes(page(
        '<body><h1>某县教育局2023年工作总结</h1><iframe src="inner.htm"></iframe></body>',
        head='<meta charset="gb2312">',
    ).encode("gbk"))
    (framed / "总结_files" / "inner.htm").write_text(
        page(f'<body><p>{PRESCHOOL}</p><iframe src="../总结_files/content.htm"></iframe></body>'),
        encoding="utf-8",
    )
    document = edusummary.read(framed / "总结.htm")
    assert document.text.split("\n\n") == ["某县教育局2023年工作总结", PRESCHOOL]
    assert document.warnings == ()

    (tmp_path / "news.htm").write_text(page(
        f'<body><p>{BALANCE}</p><iframe src="news_files/show.htm">浏览器不支持iframe</iframe>'
        '<iframe src="news_files/gone.htm"></iframe></body>'
    ), encoding="utf-8")
    (tmp_path / "news_files").mkdir()
    (tmp_path / "news_files" / "show.htm").write_text(
        page(f"<body><p>{TEACHING}</p></body>"), encoding="utf-8"
    )
    document = edusummary.read(tmp_path / "news.htm")
    assert kept(document) == [BALANCE, "", TEACHING]
    assert document.warnings == (
        f"{tmp_path / 'news.htm'}: the page of its frame 'news_files/gone.htm' is not in the "
        "page's folder, or cannot be read; the frame's text is left out (copy the page's "
        "_files folder along with it)",
    )


def test_a_web_page_with_an_article_of_its_own_leaves_its_frames_out(tmp_path):
    # A news page saved complete keeps an advertisement's and a map's iframe in NAME_files/:
    # they are no part of the report, and were labelled and counted as if they were.
    (tmp_path / "news_files").mkdir()
    (tmp_path / "news.htm").write_text(page(
        '<body><iframe src="news_files/ad.htm"></iframe>'
        f"<p>{PRESCHOOL}</p><p>{BALANCE}</p><p>{TEACHING}</p><p>{MORAL}</p>"
        '<iframe src="news_files/map.htm"></iframe></body>'
    ), encoding="utf-8")
    (tmp_path / "news_files" / "ad.htm").write_text(
        page("<body><a>暑期少儿编程培训班火热报名中，名额有限，欢迎咨询报名热线。</a></body>"),
        encoding="utf-8",
    )
    (tmp_path / "news_files" / "map.htm").write_text(
        page("<body><div>地图加载中</div></body>"), encoding="utf-8"
    )
    document = edusummary.read(tmp_path / "news.htm")
    assert kept(document) == [PRESCHOOL, "", BALANCE, "", TEACHING, "", MORAL]
    assert document.warnings == ()


def test_html_without_visible_text(tmp_path):
    path = tmp_path / "app.html"
    path.write_text(page('<body><div id="app"></div><script>render()</script></body>'))
    with pytest.raises(ReadError, match=r"app\.html: the page has no visible text"):
        edusummary.read(path)


def write_hocr(path, pages, blocks=True):
    """An hOCR page as tesseract writes it: ``pages`` of paragraphs of lines, a line
    given as its words parted by blanks; in ``ocr_carea`` and ``ocr_par`` unless
    ``blocks`` is False, when the lines stand in the page alone."""

    def line(words):
        spans = "".join(f"<span class='ocrx_word' title='x_wconf 91'>{w}</span> " for w in words)
        return f"<span class='ocr_line' title='bbox 0 0 9 9'>{spans}</span>\n"

    def paragraph(lines):
        body = "".join(line(text.split()) for text in lines)
        if not blocks:
            return body
        return f"<div class='ocr_carea'><p class='ocr_par' lang='chi_sim'>{body}</p></div>"

    body = "".join(
        f"<div class='ocr_page' id='page_{k}'>{''.join(map(paragraph, page))}</div>"
        for k, page in enumerate(pages, 1)
    )
    path.write_text(
        "<?xml version='1.0' encoding='UTF-8'?>\n<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0 "
        "Transitional//EN' 'http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd'>\n"
        "<html xmlns='http://www.w3.org/1999/xhtml'><head><title></title>"
        "<meta http-equiv='Content-Type' content='text/html;charset=utf-8'/>"
        "<meta name='ocr-system' content='tesseract 5.3.0'/></head>"
        f"<body>{body}</body></html>",
        encoding="utf-8",
    )
    return path


#: OCR's words of a report's page, in paragraphs of lines: a character a word, but for
#: figures and a Latin word.
HOCR_PARAGRAPHS = [
    ["一 、 学 前 教 育"],
    ["全 年 新 建 公 办 幼 儿 园 12 所 ， 新 增 学 位",
     "1260 个 ， 学 前 三 年 毛 入 园 率 达 到 93.6% 。"],
    ["二 、 义 务 教 育"],
    ["各 校 开 展 STEM 教 育 ， 建 成 创 客 空 间 8 间 ，",
     "交 流 轮 岗 教 师 312 人 。"],
]
HOCR_TEXT = [
    "一、学前教育",
    "全年新建公办幼儿园12所，新增学位1260个，学前三年毛入园率达到93.6%。",
    "二、义务教育",
    "各校开展 STEM 教育，建成创客空间8间，交流轮岗教师312人。",
]


@pytest.mark.parametrize("suffix", [".html", ".hocr"])
def test_hocr_is_read_as_ocr_text_a_paragraph_a_line_without_blanks_in_its_chinese(
    tmp_path, suffix
):
    # Read as a web page, a blank stood between its words, its characters in Chinese
    # (全 年 新 建 ...), a line of the scan a line.
    path = write_hocr(tmp_path / f"scan{suffix}", [HOCR_PARAGRAPHS[:2], HOCR_PARAGRAPHS[2:]])
    document = edusummary.read(path)
    assert document.format == "hocr"
    assert document.warnings == ()
    assert kept(document) == HOCR_TEXT
    report = edusummary.tag_file(path)
    assert [h.text for h in report.headings] == [HOCR_TEXT[0], HOCR_TEXT[2]]
    assert [p.text for p in report.paragraphs] == [HOCR_TEXT[1], HOCR_TEXT[3]]


def test_hocr_lines_outside_paragraphs_are_joined_as_a_pdfs_are(tmp_path):
    path = write_hocr(tmp_path / "scan.html", [HOCR_PARAGRAPHS], blocks=False)
    assert kept(edusummary.read(path)) == HOCR_TEXT


def test_hocr_pages_running_headers_and_numbers_are_page_furniture(tmp_path):
    # Each page's header had been a heading over the text below it.
    header = ["云 溪 县 教 育 局 文 件"]
    pages = [
        [header, *HOCR_PARAGRAPHS[:2], ["- 1 -"]], [header, *HOCR_PARAGRAPHS[2:], ["- 2 -"]]
    ]
    report = edusummary.tag_file(write_hocr(tmp_path / "scan.hocr", pages))
    assert [h.text for h in report.headings] == [HOCR_TEXT[0], HOCR_TEXT[2]]
    assert [p.text for p in report.paragraphs] == [HOCR_TEXT[1], HOCR_TEXT[3]]
    assert [s.text for s in report.removed if s.reason.startswith("page furniture")] == [
        "云溪县教育局文件", "- 1 -", "云溪县教育局文件", "- 2 -"
    ]


#: The height of a line of the scans below, in pixels: a Chinese character is as wide.
SCAN_EM = 60


def write_placed_hocr(path, blocks):
    """An hOCR page as tesseract writes it of a scan, each word where it stands:
    ``blocks`` (each an ``ocr_carea`` of one ``ocr_par``) of lines, a line given as the
    parts it holds, each ``(x, y, text)``: its left edge and its line's top, in ems. A
    character of Chinese is a word, a run of figures or Latin letters another, each as
    wide as it is drawn (a Chinese character an em, others half)."""

    def words(x, y, text):
        spans, at = [], int(x * SCAN_EM)
        for found in re.finditer(r"[A-Za-z0-9.,:%]+|\S| ", text):
            word = found.group()
            wide = sum(SCAN_EM if ord(c) > 0x2E7F else SCAN_EM // 2 for c in word)
            if word != " ":
                top = int(y * SCAN_EM)
                spans.append(
                    f"<span class='ocrx_word' title='bbox {at} {top} {at + wide} "
                    f"{top + SCAN_EM}; x_wconf 90'>{word}</span>"
                )
            at += wide if word != " " else SCAN_EM // 3
        return spans

    def line(parts):
        spans = [span for x, y, text in parts for span in words(x, y, text)]
        boxes = [list(map(int, re.search(r"bbox ([\d ]+);", s).group(1).split())) for s in spans]
        box = " ".join(
            str(f(b[k] for b in boxes)) for k, f in ((0, min), (1, min), (2, max), (3, max))
        )
        title = f"bbox {box}; x_size {SCAN_EM}"
        return f"<span class='ocr_line' title='{title}'>{' '.join(spans)}</span>"

    body = "".join(
        "<div class='ocr_carea'><p class='ocr_par' lang='chi_sim'>"
        + "".join(line(parts) for parts in lines)
        + "</p></div>"
        for lines in blocks
    )
    path.write_text(
        "<html><head><meta name='ocr-system' content='tesseract 5.3.0'/></head><body>"
        f"<div class='ocr_page' id='page_1' title='bbox 0 0 2480 3508'>{body}</div>"
        "</body></html>",
        encoding="utf-8",
    )
    return path


#: A statistics table of a scan: its columns' left edges, in ems, and its rows.
SCAN_COLUMNS = [5, 13, 20, 27]
SCAN_TABLE = [
    ["学段", "学校数", "在校生", "巩固率"],
    ["小学", "42", "18640", "99.2%"],
    ["初中", "15", "9320", "97.8%"],
    ["高中", "4", "6150", "96.5%"],
]
SCAN_ABOVE = "全县各学段办学规模保持稳定，统计如下："
SCAN_BELOW = "下一步将继续优化学校布局。"


@pytest.mark.parametrize("cells", ["a line a row", "a block a cell"])
def test_hocr_tables_rows_are_read_as_rows_of_cells(tmp_path, cells):
    # Its words were read as the engine listed them, without where they stand: a row's
    # cells run together (学段学校数在校生巩固率, 小学42 18640 99.2%), the rows and the
    # sentence below all one paragraph; or each cell a line of its own.
    rows = [
        [(x, 8 + 2 * k, text) for x, text in zip(SCAN_COLUMNS, row, strict=True)]
        for k, row in enumerate(SCAN_TABLE)
    ]
    table = [rows] if cells == "a line a row" else [[[part]] for row in rows for part in row]
    blocks = [[[(7, 5, SCAN_ABOVE)]], *table, [[(7, 17, SCAN_BELOW)]]]
    document = edusummary.read(write_placed_hocr(tmp_path / "table.hocr", blocks))
    assert kept(document) == [SCAN_ABOVE, *("\t".join(row) for row in SCAN_TABLE), SCAN_BELOW]


def test_hocr_a_line_of_a_wide_gap_alone_is_no_tables_row(tmp_path):
    # A signature set apart from its date, and a justified line, are no rows of cells.
    text = "全县各校全面落实课后服务，参与学生比例达到百分之九十五以上。"
    blocks = [
        [[(5, 5, text)]],
        [[(5, 8, "Teachers of all schools took part in the training programme.")]],
        [[(14, 12, "云溪县教育局"), (26, 12, "2024年3月")]],
    ]
    document = edusummary.read(write_placed_hocr(tmp_path / "signed.hocr", blocks))
    assert kept(document) == [
        text, "Teachers of all schools took part in the training programme.",
        "云溪县教育局2024年3月",
    ]


def test_hocr_a_tasks_row_wrapped_in_its_cell_is_one_row(tmp_path):
    # The header's cells stand an em apart, closer than the columns below them.
    task = "新建城南幼儿园，新增学位540个"
    blocks = [[
        [(5, 5, "序号"), (8, 5, "工作任务"), (22, 5, "责任单位"), (28, 5, "完成时限")],
        [(5, 7, "1"), (8, 7, task[:11]), (22, 7, "基建股"), (28, 7, "2024.12")],
        [(8, 8.2, task[11:])],
        [(5, 10, "2"), (8, 10, "推进集团化办学改革"), (22, 10, "基教股"), (28, 10, "2024.9")],
    ]]
    document = edusummary.read(write_placed_hocr(tmp_path / "tasks.hocr", blocks))
    assert kept(document) == [
        "序号\t工作任务\t责任单位\t完成时限", f"1\t{task}\t基建股\t2024.12",
        "2\t推进集团化办学改革\t基教股\t2024.9",
    ]


def test_hocr_a_narrow_column_of_justified_english_is_no_table(tmp_path):
    # Its words stand two ems apart, the gaps of each line over those of the next.
    lines = ["The county bureau of", "education has completed", "its annual work plan for"]
    blocks = [[
        [(5 + 6 * k, 5 + 1.5 * n, word) for k, word in enumerate(line.split())]
        for n, line in enumerate(lines)
    ] + [[(5, 9.5, "the year.")]]]
    document = edusummary.read(write_placed_hocr(tmp_path / "justified.hocr", blocks))
    assert kept(document) == [" ".join(lines) + " the year."]


#: An English title over a page of short lines: headings, and paragraphs of a sentence.
LATIN_TITLED = [
    ["EDUCATION BUREAU ANNUAL REPORT 2024"],
    ["一 、 学 前 教 育"],
    ["全 年 新 建 幼 儿 园 5 所 。"],
    ["二 、 义 务 教 育"],
    ["新 建 校 舍 3.2 万 平 方 米 。"],
]


def test_hocr_a_latin_title_is_a_line_of_its_own(tmp_path):
    # The title, as wide as the widest paragraph of the page, was taken for a line full
    # by the page's width and ran on into the heading below: EDUCATION BUREAU ANNUAL
    # REPORT 2024一、学前教育.
    document = edusummary.read(write_hocr(tmp_path / "titled.hocr", [LATIN_TITLED]))
    assert kept(document) == [
        "EDUCATION BUREAU ANNUAL REPORT 2024", "一、学前教育", "全年新建幼儿园5所。",
        "二、义务教育", "新建校舍3.2万平方米。",
    ]


def test_hocr_an_english_paragraph_stays_apart_from_a_chinese_one_opened_by_a_year(tmp_path):
    # It ran on into it: …kindergartens in its towns.2024年，全县…
    english = "The county opened five public kindergartens in its towns."
    pages = [[[english], ["2024 年 ， 全 县 新 建 公 办 幼 儿 园 5 所 。"]]]
    document = edusummary.read(write_hocr(tmp_path / "english.hocr", pages))
    assert kept(document) == [english, "2024年，全县新建公办幼儿园5所。"]


def test_hocr_a_title_ocr_set_in_the_paragraph_below_it_is_a_line_of_its_own(tmp_path):
    # The engine took the title and the paragraph under it for one paragraph: read so,
    # it ran into the paragraph with not even a blank (REPORT 2024全县…), its last word a
    # figure, as the blanks beside Chinese are dropped.
    first = "全县教育系统坚持立德树人根本任务，办学条件持续改善，"
    second = "教育质量稳步提升，群众满意度不断提高。"
    blocks = [[
        [(9, 3, "EDUCATION BUREAU ANNUAL REPORT 2024")], [(7, 6, first)], [(5, 7.5, second)]
    ]]
    document = edusummary.read(write_placed_hocr(tmp_path / "titled.hocr", blocks))
    assert kept(document) == ["EDUCATION BUREAU ANNUAL REPORT 2024", first + second]


def test_hocr_an_english_paragraphs_lines_are_joined_by_a_blank(tmp_path):
    lines = [
        "The county education bureau completed all of its annual",
        "goals in 2024, and the quality of its schools improved.",
        "Rural teachers received 120 hours of training each.",
    ]
    blocks = [[[(5, 5 + 1.5 * k, line)] for k, line in enumerate(lines)]]
    document = edusummary.read(write_placed_hocr(tmp_path / "english.hocr", blocks))
    assert kept(document) == [" ".join(lines)]


def test_hocr_a_web_address_a_line_of_its_own_in_a_paragraph_goes_on_into_it(tmp_path):
    # Taken for an English title over the text, the line ended the paragraph's first part,
    # which ended with the address and was set apart with the site's furniture: lost.
    text = "全县各校全面落实课后服务，参与学生比例达到百分之九十五以上，家长满意度明显提高。"
    rest = "各学校请登录下载并按要求于三月底前报送，逾期不予受理。"
    blocks = [
        [[(7, 2, text[:22])], [(5, 3.5, text[22:])]],
        [[(7, 5, "申报材料已在网站发布，网址为")], [(5, 6.5, "www.xxjyj2024.gov.cn")],
         [(5, 8, rest)]],
        [[(7, 11, text[:22])], [(5, 12.5, text[22:])]],
    ]
    report = edusummary.tag_file(write_placed_hocr(tmp_path / "notice.hocr", blocks))
    assert [p.text for p in report.paragraphs] == [
        text, f"申报材料已在网站发布，网址为 www.xxjyj2024.gov.cn {rest}", text
    ]

def test_hocr_titles_set_wide_are_no_tables_rows(tmp_path):
    # Each character stands apart, the gaps of one line over those of the next: both were
    # read as a table's rows (教\t育\t工\t作\t报\t告) and set apart, the titles lost.
    text = "全县各校全面落实课后服务，参与学生比例达到百分之九十五以上。"
    blocks = [
        [[(6 + 2.2 * k, 2, char) for k, char in enumerate("教育工作报告")]],
        [[(6 + 2.2 * k, 3.6, char) for k, char in enumerate("二〇二四年度")]],
        [[(7, 6, text)]],
    ]
    report = edusummary.tag_file(write_placed_hocr(tmp_path / "titled.hocr", blocks))
    assert [h.text for h in report.headings] == ["教育工作报告", "二〇二四年度"]
    assert [p.text for p in report.paragraphs] == [text]


def test_hocr_a_tables_row_of_a_character_a_cell_is_still_one_of_its_rows(tmp_path):
    table = [["男", "女", "计"], ["352", "340", "692"], ["118", "121", "239"]]
    rows = [[(x, 2 + 1.6 * k, cell) for x, cell in zip([8, 14, 20], row, strict=True)]
            for k, row in enumerate(table)]
    document = edusummary.read(write_placed_hocr(tmp_path / "table.hocr", [rows]))
    assert kept(document) == ["\t".join(row) for row in table]


@pytest.mark.parametrize(
    "shown",
    ["<pre>&lt;div class=\"ocr_page\" id=\"page_1\"&gt;</pre>",
     "<p>页面元素写作 class='ocr_page' 的 div。</p>"],
    ids=["in a code block", "in a sentence"],
)
def test_a_web_page_that_shows_hocrs_markup_is_read_as_a_web_page(tmp_path, shown):
    # Its text shows the class of hOCR's pages: taken for hOCR, it had no line of OCR text
    # and all its text was lost.
    sentence = "我校信息技术课用开源软件把扫描的教案转成文字，全年转换教案三百余份，效果较好。"
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><meta charset='utf-8'><title>扫描教案转文字</title></head><body>"
        f"<h1>扫描教案转文字</h1><p>开源软件可以输出网页格式，页面元素形如：</p>{shown}"
        f"<p>{sentence}</p></body></html>",
        encoding="utf-8",
    )
    document = edusummary.read(path)
    assert document.format == "html"
    assert sentence in document.text


# --- .pdf --------------------------------------------------------------------------------

#: Characters per line of the PDFs the tests make; 26 Chinese characters at 16 points fill
#: the width of an A4 page with the margins of an official document. Set in two columns,
#: a line holds 12, with a gutter two characters wide.
LINE_CHARS = 26
COLUMN_CHARS = 12


def write_pdf(
    path, pages, header=None, footer=None, size=16, indent_with_blanks=False, furniture_last=False,
    title_size=None, furniture_size=10, watermark=None, matrix=None,
):
    """Draw each page's lines top down in reportlab's built-in Chinese font.

    ``header`` and ``footer`` are formats with ``{page}`` and ``{pages}``, drawn above and
    below the text of every page, or pairs of them, for odd and even pages; the text is set
    in ``size`` points (at 16, a line holds :data:`LINE_CHARS` characters). A first line's
    indent is a shift of the line, or, with ``indent_with_blanks``, the ideographic blanks
    that some converters write. A page given as a tuple of its lines above the columns and
    the lines of its left and right columns is set in two (see :data:`COLUMN_CHARS`), a
    row of both at a time, as some newsletters are drawn. With ``furniture_last``, the
    header and footer are drawn after the text, as many programs write them. With
    ``title_size``, the first page's first line is a title centred in that size; the header
    and footer are set in ``furniture_size``. A ``watermark`` is drawn across the middle of
    every page, turned 45°; with a ``matrix`` (a b c d), the columns' lines are drawn through
    that text matrix.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    def draw_furniture(number):
        pdf.setFont("STSong-Light", furniture_size)
        for text, y in ((header, height - 40), (footer, 30)):
            if isinstance(text, tuple):
                text = text[(number - 1) % 2]
            if text:
                pdf.drawCentredString(width / 2, y, text.format(page=number, pages=len(pages)))

    for number, lines in enumerate(pages, 1):
        if not furniture_last:
            draw_furniture(number)
        pdf.setFont("STSong-Light", size)
        above, *columns = lines if isinstance(lines, tuple) else ((), lines)
        for row, line in enumerate(above):
            pdf.drawCentredString(width / 2, height - 100 - 1.75 * size * row, line)
        for row in range(max(map(len, columns), default=0)):
            for column, lines in enumerate(columns):
                if row >= len(lines):
                    continue
                if title_size and number == 1 and row == 0:
                    pdf.setFont("STSong-Light", title_size)
                    pdf.drawCentredString(width / 2, height - 100, lines[0])
                    pdf.setFont("STSong-Light", size)
                    continue
                shifted = lines[row].startswith("　　") and not indent_with_blanks
                indent = 2 * size if shifted else 0
                text = lines[row].lstrip("　") if shifted else lines[row]
                x = 80 + indent + column * (COLUMN_CHARS + 2) * size
                y = height - 100 - 1.75 * size * (len(above) + row)
                if matrix is None:
                    pdf.drawString(x, y, text)
                else:
                    drawn = pdf.beginText()
                    drawn.setTextTransform(*matrix, x, y)
                    drawn.textOut(text)
                    pdf.drawText(drawn)
        if watermark:
            drawn = pdf.beginText()
            drawn.setTextTransform(0.707, 0.707, -0.707, 0.707, width / 3, height / 3)
            drawn.setFont("STSong-Light", 40)
            drawn.textOut(watermark)
            pdf.drawText(drawn)
        if furniture_last:
            draw_furniture(number)
        pdf.showPage()
    pdf.save()
    return path


def wrap(paragraph, width=LINE_CHARS):
    """The lines of a paragraph set with a two-character first-line indent."""
    text = "　　" + paragraph
    return [text[i : i + width] for i in range(0, len(text), width)]


LONG_PRESCHOOL = (
    "全县新建公办幼儿园三所，改扩建乡镇中心幼儿园五所，新增学位一千二百个，"
    "学前三年毛入园率提高到百分之九十二，普惠性幼儿园覆盖率达到百分之八十六。"
)
LONG_BALANCE = (
    "统筹推进县域内城乡义务教育一体化发展，完成十二所薄弱学校改造，"
    "新建教学楼和学生宿舍四栋，城乡学校在校舍、设备和师资上的差距进一步缩小。"
)
LONG_MORAL = (
    "坚持立德树人，各中小学开展主题班会、升旗仪式和志愿服务活动，"
    "评选文明班级四十个，学生文明礼仪和行为习惯明显改善。"
)


def test_pdf_pages_are_joined_and_cleaned(tmp_path):
    preschool, balance, moral = wrap(LONG_PRESCHOOL), wrap(LONG_BALANCE), wrap(LONG_MORAL)
    # The balance paragraph breaks across the page in the middle of a sentence.
    pages = [
        ["关于2023年全县教育工作的报告", "一、学前教育", *preschool, "二、义务教育", *balance[:2]],
        [*balance[2:], "三、德育工作", *moral],
    ]
    assert balance[1][-1] not in "。，"
    header, footer = "某县教育局{page}", "第 {page} 页 共 {pages} 页"
    path = write_pdf(tmp_path / "report.pdf", pages, header=header, footer=footer)
    document = edusummary.read(path)
    assert document.format == "pdf"
    assert document.encoding is None
    assert document.warnings == ()
    assert kept(document) == [
        "关于2023年全县教育工作的报告",
        "一、学前教育",
        LONG_PRESCHOOL,
        "二、义务教育",
        LONG_BALANCE,
        "三、德育工作",
        LONG_MORAL,
    ]


def _paragraph_broken_after(end, start):
    """The lines of a paragraph, the first full and ending with ``end``, the next opening
    with ``start``, and the paragraph."""
    first = "　　全县坚持教育优先发展持续加大财政投入力度不断改善办学条件"
    while display_width(first + end) > 2 * LINE_CHARS:
        first = first[:-1]
    rest = start + "，各中小学积极组织师生参与，覆盖面进一步扩大，社会反响良好。"
    cut = max(k for k in range(len(rest)) if display_width(rest[:k]) <= 2 * LINE_CHARS)
    return [first + end, rest[:cut], rest[cut:]], first.lstrip("　") + end + rest


@pytest.mark.parametrize(
    ("end", "start", "joined"),
    [
        ("建成5", "G基站", "建成5G基站"),
        ("推进STE", "M教育", "推进STEM教育"),
        ("投入资金3,", "200万元", "投入资金3,200万元"),
        ("下午4:", "30开始", "下午4:30开始"),
        ("县教发(2023)", "15号文件", "县教发(2023)15号文件"),
        ("登录www.", "xxjy.gov.cn查询", "登录www.xxjy.gov.cn查询"),
        ("学习（Project-Based", "Learning）", "学习（Project-Based Learning）"),
    ],
    ids=["5G", "STEM", "thousands", "time", "document number", "web address", "two words"],
)
def test_a_printed_line_broken_inside_latin_set_in_chinese_runs_on_without_a_blank(
    tmp_path, end, start, joined
):
    # Its producer broke lines at any character: a blank had been put where the line broke
    # (建成5 G基站, 推进STE M教育, 投入资金3, 200万元). Two English words keep theirs.
    lines, paragraph = _paragraph_broken_after(end, start)
    pages = [["一、学前教育", *wrap(LONG_PRESCHOOL), *lines], ["二、义务教育", *wrap(LONG_BALANCE)]]
    text = "".join("\n".join(line.lstrip("　") for line in page) + "\n\f" for page in pages)
    path = tmp_path / "ocr.txt"
    path.write_text(text, encoding="utf-8")
    assert kept(edusummary.read(path)) == [
        "一、学前教育", LONG_PRESCHOOL, paragraph.replace(end + start, joined), "二、义务教育",
        LONG_BALANCE,
    ]


def test_a_pdfs_web_address_a_line_of_its_own_in_a_paragraph_goes_on_into_it(tmp_path):
    # Taken for an English title over the text, the line ended the paragraph's first part,
    # which ended with the address and was set apart with the site's furniture: lost.
    address = "https://www.xxjy.gov.cn/zwgk/tzgg/202403/t0315_1234.html"
    lines = ["　　有关申报材料和填报说明已在县教育局网站公开发布，网址为", address,
             "各学校请登录下载并按要求于三月底前报送，逾期不予受理。"]
    pages = [["一、学前教育", *wrap(LONG_PRESCHOOL), *lines, "二、义务教育", *wrap(LONG_BALANCE)]]
    report = edusummary.tag_file(write_pdf(tmp_path / "notice.pdf", pages))
    assert [p.text for p in report.paragraphs] == [
        LONG_PRESCHOOL, "".join(line.lstrip("　") for line in lines), LONG_BALANCE
    ]


@pytest.mark.parametrize(
    "footer", ["{page}", "- {page} -", "— {page} —", "第{page}页", "{page}/{pages}"]
)
def test_pdf_page_number_lines_are_removed(tmp_path, footer):
    pages = [[PRESCHOOL], [BALANCE], [TEACHING]]
    document = edusummary.read(write_pdf(tmp_path / "report.pdf", pages, footer=footer))
    assert kept(document) == [PRESCHOOL, BALANCE, TEACHING]


def test_a_blank_forms_row_numbers_at_a_pdf_pages_foot_are_no_page_numbers(tmp_path):
    # A form's empty rows, numbered 1 to 3, close the page, right above its page number.
    pages = [[PRESCHOOL], ["附件", "学生报名汇总表", "序号", "1", "2", "3"]]
    path = write_pdf(tmp_path / "form.pdf", pages, footer="— {page} —")
    document = edusummary.read(path)
    assert document.furniture_text.split() == ["—", "1", "—", "—", "2", "—"]
    assert document.text.rstrip().endswith("3")


def test_pdf_page_furniture_is_in_report_removed(tmp_path):
    balance = wrap(LONG_BALANCE)
    pages = [["清水县教育局2023年工作总结", *balance[:2]], [*balance[2:], *wrap(LONG_MORAL)]]
    header, footer = "清水县教育局", "第 {page} 页 共 {pages} 页"
    path = write_pdf(tmp_path / "report.pdf", pages, header=header, footer=footer)
    report = edusummary.tag_file(path)
    assert [p.text for p in report.paragraphs] == [LONG_BALANCE, LONG_MORAL]
    # Read as the text layer has them, a blank between every character dropped.
    furniture = ["清水县教育局", "第1页共2页", "清水县教育局", "第2页共2页"]
    assert [s.text for s in report.removed] == furniture
    for removed in report.removed:
        assert report.text[removed.start : removed.end] == removed.text
        assert removed.reason == "page furniture: a running header or footer, or a page number"
    assert [h.text for h in report.headings] == ["清水县教育局2023年工作总结"]


def test_a_watermark_turned_across_a_pdf_page_is_furniture_and_the_page_laid_out(tmp_path):
    lines = ["一、学前教育", *wrap(LONG_PRESCHOOL), "二、义务教育", *wrap(LONG_BALANCE)]
    expected = edusummary.tag_file(write_pdf(tmp_path / "a.pdf", [lines]))
    report = edusummary.tag_file(write_pdf(tmp_path / "b.pdf", [lines], watermark="内部资料"))
    assert [p.text for p in report.paragraphs] == [LONG_PRESCHOOL, LONG_BALANCE]
    assert [h.text for h in report.headings] == [h.text for h in expected.headings]
    assert [(s.text, s.reason) for s in report.removed] == [
        ("内部资料", "page furniture: turned text, such as a watermark or a note in the margin")
    ]


def test_float_noise_in_a_pdf_text_matrix_is_no_turn(tmp_path):
    # Read as pypdf takes a turned page out, the columns drawn a row of both at a time
    # were mixed line by line.
    left = wrap(LONG_PRESCHOOL, COLUMN_CHARS)
    right = wrap(LONG_BALANCE, COLUMN_CHARS)
    path = write_pdf(tmp_path / "a.pdf", [((), left, right)], matrix=(1, 1e-5, -1e-5, 1))
    assert [p.text for p in edusummary.tag_file(path).paragraphs] == [
        LONG_PRESCHOOL, LONG_BALANCE
    ]


def _canvas(path):
    """A reportlab canvas at ``path``, its built-in Chinese font registered."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return canvas.Canvas(str(path))


def _draw(pdf, x, y, text, size=12, slant=0.0, spacing=0.0):
    """``text`` drawn as one run at (``x``, ``y``), slanted by ``slant`` (an italic), its
    characters ``spacing`` points further apart than their width."""
    drawn = pdf.beginText()
    drawn.setTextTransform(1, 0, slant, 1, x, y)
    drawn.setFont("STSong-Light", size)
    drawn.setCharSpace(spacing)
    drawn.textOut(text)
    pdf.drawText(drawn)


def test_italic_text_in_a_pdf_is_read_in_its_line(tmp_path):
    # Word and WPS slant a Chinese font that has no italic; taken for turned text, an
    # italic phrase had been cut out of its sentence into the removed lines.
    path = tmp_path / "italic.pdf"
    pdf = _canvas(path)
    _draw(pdf, 72, 740, "全县提出")
    _draw(pdf, 120, 740, "“学前普惠、义教优质”", slant=0.21)
    _draw(pdf, 240, 740, "的目标，新建公办幼儿园三所，新增学位九百个，")
    _draw(pdf, 72, 720, "学前三年毛入园率达到百分之九十五。")
    quote = "“让每个孩子都能享有公平而有质量的教育”是全县教育工作者的共同追求。"
    _draw(pdf, 72, 680, quote, slant=0.21)
    pdf.showPage()
    pdf.save()
    document = edusummary.read(path)
    assert document.text.splitlines() == [
        "全县提出“学前普惠、义教优质”的目标，新建公办幼儿园三所，新增学位九百个，学前三年毛入园率"
        "达到百分之九十五。",
        quote,
    ]
    assert document.furniture == ()


def test_a_newsletter_in_two_justified_columns_drawn_in_runs_is_read_column_by_column(tmp_path):
    # Justified, a line's characters stand apart, and Word draws its figures in a run of
    # their own: the gaps read as a table's cells, both columns were joined line by line.
    left = ["全县新建公办幼儿园3所，改扩建乡镇中心幼", "儿园5所，新增学位1200个，学前三年毛入",
            "园率达到95.6%，普惠性幼儿园覆盖率达到", "92.3%。全县招聘幼儿教师85名，培训园长",
            "和骨干教师320人次，保教质量稳步提升。"]
    right = ["全县32所义务教育学校全部达到省定办学标", "准，城区大班额比例降至2.1%，新建改扩建",
             "校舍面积4.5万平方米，新增学位3600个，", "农村学校配备录播教室46间，实现优质课程",
             "资源城乡共享，城乡教育差距明显缩小。"]
    path = tmp_path / "简报.pdf"
    pdf = _canvas(path)
    size, chars = 10.5, 20
    for row, lines in enumerate(zip(left, right, strict=True)):
        for x, line in zip((60, 320), lines, strict=True):
            width = sum(1 if ord(char) > 127 else 0.5 for char in line)
            last = row == len(left) - 1
            spacing = 0 if last else (chars - width) * size / (len(line) - 1)
            for piece in re.findall(r"[\d.%]+|[^\d.%]+", line):
                _draw(pdf, x, 730 - 16 * row, piece, size, spacing=spacing)
                x += sum((size if ord(char) > 127 else size / 2) + spacing for char in piece)
    pdf.showPage()
    pdf.save()
    # Each run ends after the spacing of its last character: read from its characters
    # alone, a run had ended short of the next and left a blank (降至 2.1%).
    assert edusummary.read(path).text.splitlines() == ["".join(left), "".join(right)]


def test_a_latin_word_drawn_in_a_font_of_its_own_stands_in_its_line_without_blanks(tmp_path):
    # Its letters wider than the half em guessed for them: the run had ended short of the
    # Chinese one drawn after it, and read with a blank (开展STEM 教育).
    import matplotlib
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(
        TTFont("DejaVu", Path(matplotlib.get_data_path(), "fonts/ttf/DejaVuSans.ttf"))
    )
    pieces = [("全县开展", "STSong-Light"), ("STEM", "DejaVu"), ("教育和", "STSong-Light"),
              ("WOW", "DejaVu"), ("阅读课程建设，覆盖中小学四十所。", "STSong-Light")]
    path = _draw_runs(tmp_path / "简报.pdf", pieces)
    assert edusummary.read(path).text.splitlines() == ["".join(text for text, _ in pieces)]


def _draw_runs(path: Path, pieces: list[tuple[str, str]]) -> Path:
    """A page of one line at ``path`` (see :func:`_draw_line_of_runs`)."""
    pdf = _canvas(path)
    _draw_line_of_runs(pdf, 72, 740, pieces)
    pdf.showPage()
    pdf.save()
    return path


def _draw_line_of_runs(pdf, x: float, y: float, pieces: list[tuple[str, str]]) -> None:
    """A line from (``x``, ``y``), each (text, font) of ``pieces`` a text object of its
    own, placed where the one before ends by the font's widths."""
    from reportlab.pdfbase import pdfmetrics

    for text, font in pieces:
        drawn = pdf.beginText(x, y)
        drawn.setFont(font, 12)
        drawn.textOut(text)
        pdf.drawText(drawn)
        x += pdfmetrics.stringWidth(text, font, 12)


def test_the_letter_spacing_of_a_masthead_drawn_in_a_form_is_not_the_texts_below(tmp_path):
    # A viewer draws a form XObject in a graphics state of its own: the Tc of a masthead
    # stamped as a form had been kept for the page's text after it, each run stretched
    # over the next, and the page's two columns were read across, line by line.
    left = ["全县新建公办幼儿园3所，新增学", "位1200个，学前三年毛入园率达到",
            "95.6%，普惠性幼儿园覆盖率达到", "92.3%，保教质量稳步提升。"]
    right = ["城区大班额比例降至2.1%，新建改", "扩建校舍面积4.5万平方米，新增",
             "学位3600个，农村学校配备录播教", "室46间，城乡教育差距明显缩小。"]
    path = tmp_path / "简报.pdf"
    pdf = _canvas(path)
    pdf.beginForm("masthead")
    _draw(pdf, 200, 790, "教育工作简报", size=20, spacing=8)
    pdf.endForm()
    pdf.doForm("masthead")
    for row, lines in enumerate(zip(left, right, strict=True)):
        for x, line in zip((60, 300), lines, strict=True):
            _draw_line_of_runs(pdf, x, 730 - 16 * row, [
                (piece, "STSong-Light" if ord(piece[0]) > 127 else "Helvetica")
                for piece in re.findall(r"[\d.%]+|[^\d.%]+", line)
            ])
    pdf.showPage()
    pdf.save()
    assert edusummary.read(path).text.splitlines() == [
        "教育工作简报", "".join(left), "".join(right)
    ]


def test_a_run_keeps_the_spacing_it_was_drawn_with_when_the_next_sets_its_own_first(tmp_path):
    # Drawn in one text object, a run is handed over by pypdf once the next one's font is
    # set, and a producer may set that run's Tc before its font: taking the next run's
    # spacing, the left column's lines had stretched across the gutter into the right
    # one, justified wider, and both columns were read across, line by line.
    left = ["全县新建公办幼儿园三所，改扩建乡镇中心幼儿园",
            "五所，新增学位一千二百个，学前三年毛入园率达",
            "到百分之九十五，普惠性幼儿园覆盖率稳步提高，", "保教质量明显提升。"]
    right = ["全县义务教育学校全部达到省定办学标准，城区大",
             "班额比例降至百分之二，新建改扩建校舍四万平方",
             "米，农村学校配备录播教室四十六间，城乡教育差", "距明显缩小。"]
    path = tmp_path / "简报.pdf"
    pdf = _canvas(path)
    drawn = pdf.beginText()
    size = 10.5
    for row, lines in enumerate(zip(left, right, strict=True)):
        for x, width, line in zip((60, 60 + 24 * size), (22 * size, 24 * size), lines, strict=True):
            last = row == len(left) - 1
            drawn.setCharSpace(0 if last else (width - size * len(line)) / (len(line) - 1))
            drawn.setFont("STSong-Light", size)
            drawn.setTextOrigin(x, 730 - 16 * row)
            drawn.textOut(line)
    pdf.drawText(drawn)
    pdf.showPage()
    pdf.save()
    assert edusummary.read(path).text.splitlines() == ["".join(left), "".join(right)]


def test_a_table_whose_every_cell_wraps_with_no_padding_above_or_below_keeps_its_rows(tmp_path):
    # Word sets no padding above and below a cell: the lines of a row whose every cell
    # wrapped stand as far apart as the rows, a steady pitch, and had been read as rows of
    # their own, each cell cut in two (台账更新不 / 够及时).
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table, TableStyle

    rows = [["存在问题", "整改措施", "整改成效"],
            ["部分学校控辍保学台账更新不够及时", "建立控辍保学动态监测台账每月核查",
             "全县义务教育巩固率达到百分之九十九"],
            ["农村学校音体美专职教师配备不足", "统筹招聘音体美教师并实行走教制度",
             "农村学校音体美课程全部开齐开足"],
            ["校园周边交通安全隐患排查不彻底", "联合交警部门开展校园周边专项整治",
             "整改交通安全隐患二十三处全部销号"]]
    path = tmp_path / "整改报告.pdf"
    pdf = _canvas(path)  # the Chinese font registered before the cells are laid out
    cell = ParagraphStyle("cell", fontName="STSong-Light", fontSize=10.5, leading=13)
    cell.wordWrap = "CJK"
    grid = Table([[Paragraph(text, cell) for text in row] for row in rows], [150] * 3)
    everywhere = (0, 0), (-1, -1)
    grid.setStyle(TableStyle([
        ("GRID", *everywhere, 0.5, colors.black), ("VALIGN", *everywhere, "TOP"),
        ("TOPPADDING", *everywhere, 0), ("BOTTOMPADDING", *everywhere, 0),
    ]))
    _draw(pdf, 72, 760, "全县控辍保学和校园安全问题整改情况如下表。", size=14)
    _, height = grid.wrap(450, 700)
    grid.drawOn(pdf, 72, 740 - height)
    pdf.showPage()
    pdf.save()
    assert edusummary.read(path).text.splitlines() == [
        "全县控辍保学和校园安全问题整改情况如下表。", *("\t".join(row) for row in rows)
    ]


def test_figures_in_a_font_that_gives_its_glyphs_no_width_read_without_blanks(tmp_path):
    # A font may give every glyph a width of 0, each glyph placed where it stands (a
    # viewer shows them right): taken at their word, the figures' runs had ended where
    # they started, and read with a blank after each (降至2 .1 %).
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, NameObject, NumberObject

    line = "城区大班额比例降至2.1%，新建改扩建校舍面积4.5万平方米。"
    path = _draw_runs(tmp_path / "简报.pdf", [
        (text, "STSong-Light" if ord(text[0]) > 127 else "Helvetica")
        for piece in re.findall(r"[\d.%]+|[^\d.%]+", line)
        for text in ([piece] if ord(piece[0]) > 127 else piece)
    ])
    writer = PdfWriter(clone_from=PdfReader(path))
    for font in writer.pages[0]["/Resources"]["/Font"].values():
        if font.get_object()["/BaseFont"] == "/Helvetica":
            font.get_object().update({
                NameObject("/FirstChar"): NumberObject(32),
                NameObject("/LastChar"): NumberObject(126),
                NameObject("/Widths"): ArrayObject([NumberObject(0)] * 95),
            })
    writer.write(path)
    assert edusummary.read(path).text.splitlines() == [line]


def test_a_compact_table_whose_cells_fill_their_columns_is_no_page_in_two_columns(tmp_path):
    # Four columns an em apart, each cell as wide as its column: both halves of the table
    # had looked like columns of prose, full lines of Chinese characters at one leading,
    # and the page was read as two columns, the table's left half, then its right.
    rows = [["学校名称及类别", "所在乡镇及村组", "在校学生总人数", "专任教师总人数"],
            ["城关第一小学校", "城关镇东街社区", "一千二百零五人", "八十六人含代课"],
            ["东河中心小学校", "东河镇南村二组", "九百五十二人整", "六十二人含代课"],
            ["西山九年一贯制", "西山乡北村三组", "六百三十一人整", "五十一人含代课"]]
    above = "全县义务教育学校基本情况见下表，各校在校学生和专任教师数量如下。"
    below = "全县加强教师队伍建设，全年招聘教师320名，农村学校教师待遇不断提高。"
    path = tmp_path / "报告.pdf"
    pdf = _canvas(path)
    _draw(pdf, 96, 760, above)
    for k, row in enumerate(rows):
        for c, cell in enumerate(row):
            _draw(pdf, 72 + 8 * 12 * c, 740 - 18 * k, cell)
    _draw(pdf, 96, 740 - 18 * len(rows), below)
    pdf.showPage()
    pdf.save()
    assert edusummary.read(path).text.splitlines() == [
        above, *("\t".join(row) for row in rows), below
    ]


@pytest.mark.parametrize("closing_x", [96, 72], ids=["indented", "at-margin"])
def test_a_list_of_items_ending_in_semicolons_keeps_each_item_whole_in_a_pdf(
    tmp_path, closing_x
):
    # Each item's second line set in under its text: every item had run on into the
    # next; and over a paragraph at the margin, the last item, at the margin over its
    # second line, was taken for a heading and cut after its first line.
    items = [
        ("（1）培训对象为全县公办中小学、幼儿园在编在岗教师，民办学校教",
         "师参照执行，由各校统一组织报名并于3月20日前报送县教育局；"),
        ("（2）培训内容包括师德师风、新课标解读、作业设计和信息技术应用",
         "能力提升等专题，采取集中培训与校本研修相结合的方式进行；"),
        ("（3）培训经费按照《清河县中小学教师培训经费管理办法》规定执行，",
         "各校要保障教师参训时间，不得以任何理由挤占挪用培训经费。"),
    ]
    lead_in = ("为进一步加强全县教师队伍建设，提升教师专业素养，经研究，决定",
               "开展2024年全县教师全员培训。现将有关事项通知如下：")
    closing = "请各校高度重视，认真组织，确保培训取得实效。"
    path = tmp_path / "通知.pdf"
    pdf = _canvas(path)
    placed = [(96, lead_in[0]), (72, lead_in[1])]
    for first, second in items:
        placed += [(72, first), (108, second)]
    for row, (x, text) in enumerate([*placed, (closing_x, closing)]):
        _draw(pdf, x, 745 - 20 * row, text)
    pdf.showPage()
    pdf.save()
    lines = edusummary.read(path).text.splitlines()
    assert lines[:3] == ["".join(lead_in), *("".join(item) for item in items[:2])]
    # The last item's sentence closes the list: a paragraph at the margin below it, in a
    # text that indents its first lines, had run on into it.
    assert lines[3:] == ["".join(items[2]), closing]


#: Pages of lines (an indent of two ideographic blanks drawn as a shift) and the text read
#: from them: a semicolon at a line's end ends the item of a list whose line opened with
#: its number, not a sentence of an enumeration run into a paragraph, nor a line above a
#: decimal; and a heading after a list's last item is a heading, a paragraph after it a
#: paragraph.
SEMICOLON_PAGES = {
    "decimal-below": (
        ["　　2023年，全县教育系统坚持以人民为中心的发展思想，着力推进义务教",
         "育优质均衡发展。全县共有义务教育学校52所，其中城区学校18所；",
         "12.6万名在校学生中，随迁子女占比达到23.5%，全部就读公办学校。全",
         "县新建改扩建校舍面积4.5万平方米，新增学位3600个，差距明显缩小。",
         "　　全县加强教师队伍建设，全年招聘教师320名，交流轮岗教师186名，",
         "农村学校教师待遇不断提高。"],
        2,
    ),
    "run-in-enumeration": (
        ["　　今年以来，县教育局围绕课堂教学改革重点开展了三项工作：（一）在",
         "县中小学推行“学为中心”课堂教学模式，覆盖城乡学校共计42所；",
         "（二）组织开展优质课评比和教学开放周活动，参与教师1260人次；（三）",
         "建立学科教研基地12个，推动城乡学校结对共研，教学质量稳步提升。",
         "　　全县加强教师队伍建设，全年招聘教师320名，交流轮岗教师186名，",
         "农村学校教师待遇不断提高，教师队伍结构进一步优化，整体素质明显",
         "增强。"],
        2,
    ),
    "heading-after-a-list": (
        ["　　全县围绕学前教育普惠发展，重点抓好以下工作，确保各项任务按期完",
         "成，各乡镇、各部门要密切配合，形成工作合力，切实抓好落实工作：",
         "1．新建公办幼儿园3所，改扩建乡镇中心幼儿园5所，新增学位1200个；",
         "2．招聘幼儿教师85名，培训园长和骨干教师320人次，提升保教质量；",
         "（二）坚持规划引领，科学布局城乡学校，推进义务教育优质均衡发展",
         "　　全县新建改扩建校舍面积4.5万平方米，城区大班额比例降至2.1%，",
         "新增学位3600个，城乡办学条件差距明显缩小，群众满意度持续提升。"],
        5,
    ),
    # Its first line at the margin, a paragraph had run on into the list's last item, full
    # and ending its sentence: a text that indents its paragraphs goes on so after a 。.
    "paragraph-at-the-margin-after-a-list": (
        ["　　今年全县围绕学前教育普惠发展，重点抓好以下两项工作，确保各项任务",
         "按期完成，各乡镇、各部门要密切配合，形成合力，切实抓好落实工作：",
         "1．新建公办幼儿园3所，改扩建乡镇中心幼儿园5所，新增学位1200个；",
         "2．招聘幼儿教师85名，培训园长和骨干教师320人次，保教质量稳步提升。",
         "全县新建改扩建校舍面积4.5万平方米，城区大班额比例降至2.1%，新增学",
         "位3600个，城乡办学条件差距明显缩小。",
         "　　全县加强教师队伍建设，全年招聘教师320名，交流轮岗教师186名，农村",
         "学校教师待遇不断提高。"],
        5,
    ),
    # A sentence of an item, not its last, may end at a line's end too: the item goes on
    # below, to its ； over the next item, and had been cut there.
    "a-sentence-ending-at-a-lines-end-inside-an-item": (
        ["　　今年全区围绕义务教育优质均衡发展，重点抓好以下三项工作，确保各项",
         "任务按期完成，各乡镇、各学校要密切配合，切实抓好落实：",
         "1．新建城北小学一所，新增学位一千零八十个；",
         "2．实施薄弱学校改造工程，改造校舍二万平方米，全部达到省定办学标准。",
         "同时配齐功能教室和教学仪器，满足国家课程开设需要；",
         "3．招聘教师一百二十名，优先补充农村学校紧缺学科。",
         "　　全区加强教师队伍建设，全年交流轮岗教师一百八十六名，农村学校教",
         "师待遇不断提高。"],
        5,
    ),
    # Items set in as the paragraphs are: the line at the margin below an item's sentence
    # is the item's, as it would be a paragraph's.
    "a-sentence-ending-at-a-lines-end-in-an-item-set-in": (
        ["　　今年全区围绕义务教育优质均衡发展，重点抓好以下两项工作，确保各项",
         "任务按期完成，各乡镇、各学校要密切配合，切实抓好落实：",
         "　　1．新建城北小学一所，新增学位一千零八十个；",
         "　　2．实施薄弱学校改造工程，改造校舍二万平方米，达到省定办学标准。",
         "同时配齐功能教室和教学仪器，满足国家课程开设需要。",
         "　　全区加强教师队伍建设，全年交流轮岗教师一百八十六名，农村学校教",
         "师待遇不断提高。"],
        4,
    ),
}


@pytest.mark.parametrize("case", SEMICOLON_PAGES)
def test_a_semicolon_at_a_lines_end_ends_a_list_item_only(tmp_path, case):
    lines, paragraphs = SEMICOLON_PAGES[case]
    path = tmp_path / "报告.pdf"
    pdf = _canvas(path)
    for row, line in enumerate(lines):
        text = line.lstrip("　")
        _draw(pdf, 72 + 12 * (len(line) - len(text)), 760 - 18 * row, text)
    pdf.showPage()
    pdf.save()
    read = edusummary.read(path).text.splitlines()
    assert len(read) == paragraphs
    assert "".join(read) == "".join(line.lstrip("　") for line in lines)


def test_a_pdf_tagged_paragraph_by_paragraph_leaves_its_page_furniture_out(tmp_path):
    # A header of 15 Chinese characters would read as a paragraph.
    header = "清水县教育局关于2023年全县教育工作的报告"
    pages = [wrap(LONG_PRESCHOOL), wrap(LONG_BALANCE)]
    path = write_pdf(tmp_path / "report.pdf", pages, header=header, footer="- {page} -")
    expected = [(p.text, p.start, p.end) for p in edusummary.tag_file(path)]
    assert [text for text, _, _ in expected] == [LONG_PRESCHOOL, LONG_BALANCE]
    paragraphs = edusummary.default_tagger.iter_paragraphs(path)
    assert [(p.text, p.start, p.end) for p in paragraphs] == expected


#: Clauses of the paragraphs of :func:`printed_pages`, drawn in another order for each.
CLAUSES = [
    "全县新建公办幼儿园三所", "改扩建乡镇中心幼儿园五所", "新增学位一千二百个",
    "普惠性幼儿园覆盖率进一步提高", "完成十二所薄弱学校改造", "新建教学楼和学生宿舍四栋",
    "城乡学校办学条件差距进一步缩小", "各中小学开展主题班会和志愿服务活动",
    "组织优质课评选和集体备课", "教师专业能力明显提高", "交流轮岗校长和教师一百余名",
    "农村学校教师待遇不断提高", "校园安全隐患排查整治全面完成", "学生体质健康达标率稳步上升",
]


def printed_pages(count):
    """``count`` pages of OCR's text of a printed report, each run by the bureau's header,
    its paragraphs running on over the page breaks, and numbered at the foot."""
    draw = random.Random(count)
    paragraphs = ["，".join(draw.sample(CLAUSES, 5)) + "。" for _ in range(2 * count)]
    lines = [line.lstrip("　") for paragraph in paragraphs for line in wrap(paragraph)]
    size = len(lines) // count
    return "".join(
        "\n".join(["云溪县教育局文件", "", *lines[size * k : size * (k + 1)], "", f"- {k + 1} -"])
        + "\n\f"
        for k in range(count)
    )


@pytest.mark.parametrize(
    ("text", "chunk"),
    [
        ("\n\n".join(" ".join(p) for p in [LONG_PRESCHOOL, "二、义务教育", LONG_BALANCE]), None),
        (printed_pages(3), None),
        (printed_pages(60), 6000),
    ],
    ids=["letter-spaced", "printed pages", "printed pages, in parts"],
)
def test_a_large_text_file_tagged_piece_by_piece_reads_as_a_small_one(
    tmp_path, monkeypatch, text, chunk
):
    # A file over 16 MB (the CLI's bulk path) was tagged piece by piece as the text it
    # held: letter-spaced OCR text with its blanks, printed pages a line a paragraph, the
    # running header and the page numbers among them.
    import edusummary.reading as reading

    path = tmp_path / "ocr.txt"
    path.write_text(text, encoding="utf-8")
    report = edusummary.tag_file(path)
    assert len(report.paragraphs) >= 2
    assert not any(" " in p.text or "云溪县" in p.text for p in report.paragraphs)
    monkeypatch.setattr(reading, "STREAM_BYTES", 0)
    if chunk:
        stream = reading.stream_text_file
        monkeypatch.setattr(reading, "stream_text_file", lambda path: stream(path, chunk))
    paragraphs = list(edusummary.default_tagger.iter_paragraphs(path))
    if chunk:  # each part's furniture follows its text, moving what comes after it
        assert [p.text for p in paragraphs] == [p.text for p in report.paragraphs]
    else:
        assert [(p.text, p.start, p.end) for p in paragraphs] == [
            (p.text, p.start, p.end) for p in report.paragraphs
        ]


@pytest.mark.parametrize("blanks", [False, True], ids=["shifted", "indented-with-blanks"])
@pytest.mark.parametrize(
    "cuts", [[5], [5, 8], [4]], ids=["2 pages", "3 pages", "a first line closing page 1"]
)
@pytest.mark.parametrize(
    ("header", "footer"),
    [
        (("关于2023年全县教育工作的报告", "某县教育局"), None),
        (("2023年工作报告　　{page}", "{page}　　某县教育局"), None),
        (("某县教育局", "2023年工作总结"), ("- {page} -", "— {page} —")),
        (None, ("某县教育局", "2023年工作总结")),
    ],
    ids=["title-bureau", "numbered", "with-page-numbers", "footers"],
)
def test_pdf_headers_of_odd_and_even_pages_of_a_short_report_stay_out_of_its_paragraphs(
    tmp_path, cuts, header, footer, blanks
):
    # The even pages' header runs on one page only: it is known by standing in a sentence,
    # as each page but the last breaks off; after a line indented with ideographic blanks
    # too, which had looked like a table's row.
    paragraphs = [LONG_PRESCHOOL, LONG_BALANCE, LONG_MORAL, TEACHING]
    lines = [line for paragraph in paragraphs for line in wrap(paragraph)]
    assert all(lines[cut - 1][-1] not in "。，" for cut in cuts)
    split = [lines[start:end] for start, end in zip([0, *cuts], [*cuts, None], strict=True)]
    path = write_pdf(
        tmp_path / "report.pdf", split, header=header, footer=footer, indent_with_blanks=blanks
    )
    text = kept(edusummary.read(path))
    # The first page's header, the first line of all, may be the report's title.
    assert text[-len(paragraphs) :] == paragraphs
    assert len(text) <= len(paragraphs) + 1


def test_a_heading_a_full_line_runs_on_into_over_the_page_stays(tmp_path):
    heading = "二、全面推进县域义务教育优质均衡发展，努力办好人民满意的义务教育"
    first, rest = heading[:LINE_CHARS], heading[LINE_CHARS:]
    pages = [[*wrap(LONG_PRESCHOOL), first], [rest, *wrap(LONG_BALANCE)]]
    text = edusummary.read(write_pdf(tmp_path / "report.pdf", pages)).text
    assert text.splitlines() == [LONG_PRESCHOOL, heading, LONG_BALANCE]


@pytest.mark.parametrize(
    "lines",
    [["清水县教育局", "2023年工作总结"], ["清水县教育局关于2023年", "全县教育工作情况的报告"]],
)
def test_a_pdf_title_set_on_two_lines_is_one_title(tmp_path, lines):
    pages = [[*lines, *wrap(LONG_PRESCHOOL)], wrap(LONG_BALANCE)]
    path = write_pdf(tmp_path / "report.pdf", pages, footer="- {page} -")
    summary = edusummary.tag_file(path).summary()
    assert (summary.title, summary.region, summary.year) == ("".join(lines), "清水县", 2023)


NOTICE_TITLE = ["河口县教育局关于做好2025年秋季幼儿园招生", "工作有关事项的通知"]
NOTICE_INTRO = (
    "为规范全县幼儿园招生行为，保障适龄幼儿公平入园，根据市教育局统一部署，"
    "结合我县实际，现就做好今年秋季幼儿园招生工作有关事项通知如下："
)
NOTICE_ITEM = "一、各公办幼儿园要按照划定的服务片区招生，不得举行任何形式的入园考试或测查。"
NOTICE_ITEMS = [
    "二、各幼儿园要在招生前向社会公布招生计划、收费标准和报名方式，接受家长和社会监督。",
    "三、各乡镇中心学校要加强对辖区幼儿园招生工作的指导检查，发现违规招生的及时纠正。",
]
#: A blank form's cells, a line each, as a PDF of a table gives them.
FORM_PAGE = ["附件", "秋季幼儿园招生计划汇总表", "序号", "幼儿园名称", "班级数", "计划招生数",
             "其中小班", "联系人", "电话", "备注", "1", "2", "3", "合计"]


def test_a_pdf_notice_over_a_blank_form_keeps_its_title_addressee_and_text_apart(tmp_path):
    # The form's many short cells had made the title's and the addressee's lines count
    # as full, and all ran on into the text as one paragraph.
    pages = [
        [
            *NOTICE_TITLE, "各乡镇中心学校、各幼儿园：", *wrap(NOTICE_INTRO), *wrap(NOTICE_ITEM),
            *(line for item in NOTICE_ITEMS for line in wrap(item)),
        ],
        FORM_PAGE,
    ]
    report = edusummary.tag_file(write_pdf(tmp_path / "notice.pdf", pages))
    title = "".join(NOTICE_TITLE)
    assert [p.text for p in report.paragraphs[:2]] == [NOTICE_INTRO, NOTICE_ITEM]
    assert report.paragraphs[0].heading == title
    assert "各乡镇中心学校、各幼儿园：" in [s.text for s in report.removed]
    summary = report.summary()
    assert (summary.title, summary.document_kind) == (title, "notice")


def test_a_pdf_line_ending_in_a_colon_stays_apart_from_the_numbered_item_below(tmp_path):
    # The lead-in fills its last line, so only its colon and the item's number tell.
    intro = (
        "为切实做好全县中小学课后服务工作，全面减轻学生过重作业负担，"
        "经局党组研究同意，现将有关要求通知如下："
    )
    assert len("　　" + intro) % LINE_CHARS == 0
    pages = [["关于进一步做好中小学课后服务工作的通知", *wrap(intro), *wrap(NOTICE_ITEM)]]
    document = edusummary.read(write_pdf(tmp_path / "notice.pdf", pages))
    assert kept(document)[1:] == [intro, NOTICE_ITEM]


def test_a_pdf_first_line_indented_with_ideographic_blanks_is_full(tmp_path):
    # Its two blanks take the room of two characters: measured without them, it fell short
    # of its page's text width, and the paragraph was cut after it ("…2022年1" | "1月8日…").
    paragraphs = [LONG_BALANCE, LONG_PRESCHOOL, LONG_MORAL]
    lines = [line for paragraph in paragraphs for line in wrap(paragraph)]
    pages = [["关于2023年全县教育工作的报告", *lines], FORM_PAGE]
    path = write_pdf(tmp_path / "report.pdf", pages, indent_with_blanks=True)
    assert kept(edusummary.read(path))[1:4] == paragraphs


@pytest.mark.parametrize("furniture_last", [False, True], ids=["header-first", "header-last"])
@pytest.mark.parametrize(
    ("header", "title"),
    [
        ("清水县教育局2024年工作要点", ["清水县教育局2024年工作要点"]),
        ("清水县教育局", ["清水县教育局", "2024年教育工作要点"]),
    ],
    ids=["header-is-the-title", "header-is-the-office"],
)
def test_a_pdf_title_its_running_header_repeats_stays_the_title(
    tmp_path, header, title, furniture_last
):
    # Drawn after the text, the header stood at the foot of each page, and the title at the
    # top of the first page, with the same words, had gone with it as a running header.
    pages = [[*title, *wrap(LONG_PRESCHOOL), *wrap(LONG_BALANCE)], wrap(LONG_MORAL)]
    path = write_pdf(
        tmp_path / "report.pdf", pages, header=header, footer="第{page}页 共{pages}页",
        furniture_last=furniture_last,
    )
    report = edusummary.tag_file(path)
    summary = report.summary()
    assert (summary.title, summary.region, summary.document_kind) == (
        "".join(title), "清水县", "plan"
    )
    assert [s.text for s in report.removed].count(header) == 2


def test_a_pdf_title_on_a_first_page_of_no_header_stays_over_the_same_words_in_the_next(
    tmp_path,
):
    # Word's "different first page": no header over the title, set large, and the title's
    # words in the header of page 2. At the top edge of both pages, the title had gone as a
    # running header, and with it the report's title, region and kind.
    title = "清水县教育局2024年工作要点"
    pages = [[title, *wrap(LONG_PRESCHOOL), *wrap(LONG_BALANCE)], wrap(LONG_MORAL)]
    path = write_pdf(tmp_path / "report.pdf", pages, header=(None, title), title_size=22)
    report = edusummary.tag_file(path)
    summary = report.summary()
    assert (summary.title, summary.region, summary.document_kind) == (title, "清水县", "plan")
    assert [s.text for s in report.removed] == [title]


def test_pdf_page_numbers_and_headers_set_larger_than_the_text_are_still_furniture(tmp_path):
    # GB/T 9704 sets — 1 — in 14 pt; over text in 10.5 pt it had counted as set large, like
    # a title, and stayed in the sentence running over the page break.
    lines = wrap(LONG_PRESCHOOL + LONG_BALANCE + LONG_MORAL, 40)
    pages = [lines[:len(lines) // 2], lines[len(lines) // 2:]]
    path = write_pdf(
        tmp_path / "report.pdf", pages, header="清水县教育局", footer="— {page} —", size=10,
        furniture_size=14,
    )
    document = edusummary.read(path)
    assert kept(document) == [LONG_PRESCHOOL + LONG_BALANCE + LONG_MORAL]


def test_pdf_lines_that_end_a_sentence_or_are_short_are_not_joined(tmp_path):
    moral = wrap(LONG_MORAL)
    pages = [[*moral, "二、教学改革"], [*wrap(TEACHING), "附件"], ["　　" + PRESCHOOL]]
    document = edusummary.read(write_pdf(tmp_path / "report.pdf", pages))
    assert document.text.splitlines() == [LONG_MORAL, "二、教学改革", TEACHING, "附件", PRESCHOOL]


def test_pdf_sentences_closing_pages_stay_while_the_running_header_goes(tmp_path):
    # Set small, a line holds a whole sentence; the sentences that close the pages differ
    # only in their figures, as a running footer with a page number would.
    closing = [
        "全县新建幼儿园3所，新增学位900个，学前三年毛入园率达到91.2%，比上年提高1.5个百分点。",
        "全县新建幼儿园5所，新增学位1200个，学前三年毛入园率达到93.4%，比上年提高2.2个百分点。",
        "全县新建幼儿园2所，新增学位600个，学前三年毛入园率达到95.1%，比上年提高1.7个百分点。",
    ]
    pages = [[PRESCHOOL, closing[0]], [BALANCE, closing[1]], [TEACHING, closing[2]]]
    path = write_pdf(tmp_path / "report.pdf", pages, header="XX县教育局工作总结", size=11)
    document = edusummary.read(path)
    assert kept(document) == [PRESCHOOL, closing[0], BALANCE, closing[1], TEACHING, closing[2]]


def test_a_pdf_page_in_two_columns_is_read_column_by_column(tmp_path):
    # A bulletin drawn a row of both columns at a time; the balance paragraph goes on from
    # the foot of the left column to the top of the right.
    left = wrap(LONG_PRESCHOOL, COLUMN_CHARS) + wrap(LONG_BALANCE, COLUMN_CHARS)[:4]
    right = wrap(LONG_BALANCE, COLUMN_CHARS)[4:] + wrap(LONG_MORAL, COLUMN_CHARS)
    assert left[-1][-1] not in "。，"
    title = "教育工作简报"
    pages = [((title,), left, right), ((), wrap(TEACHING, COLUMN_CHARS), wrap(MORAL, COLUMN_CHARS))]
    path = write_pdf(tmp_path / "bulletin.pdf", pages, footer="- {page} -")
    document = edusummary.read(path)
    assert kept(document) == [title, LONG_PRESCHOOL, LONG_BALANCE, LONG_MORAL, TEACHING, MORAL]
    assert document.warnings == ()


def test_a_pdf_table_of_tasks_beside_their_progress_is_not_read_as_two_columns(tmp_path):
    # Each task beside the first line of its progress, which runs on to a second line.
    tasks = [
        ("推进学前教育普惠发展", "新建公办幼儿园三所，新增学位", "一千二百个，毛入园率达92%"),
        ("推进义务教育均衡发展", "完成十二所薄弱学校改造，新建", "教学楼和学生宿舍四栋，差距缩小"),
        ("加强德育和思政工作", "开展主题班会和志愿服务活动，", "评选文明班级四十个"),
        ("深化课堂教学改革", "组织优质课评选和集体备课，教", "师专业能力明显提高"),
    ]
    left = [line for task, _, _ in tasks for line in (task, "")]
    right = [line for _, *progress in tasks for line in progress]
    path = write_pdf(tmp_path / "tasks.pdf", [((), left, right)])
    text = edusummary.read(path).text
    # As pypdf reads the table: each task just before its progress.
    places = [text.index(line) for task in tasks for line in task[:2]]
    assert places == sorted(places)


def place_lines(pages, size=16):
    """Where Word or WPS set each line of ``pages`` (lists of lines, as for
    :func:`write_pdf`): (x, y, size, text), a first line's indent a shift of the line, a
    page's first line a title set large and centred."""
    from reportlab.lib.pagesizes import A4

    width, height = A4
    placed = []
    for lines in pages:
        page = []
        for row, line in enumerate(lines):
            text = line.lstrip("　")
            if row == 0 and not line.startswith("　"):
                x, line_size = (width - 22 * len(text)) / 2, 22
            else:
                x, line_size = 80 + size * (len(line) - len(text)), size
            page.append((x, height - 100 - 1.75 * size * row, line_size, text))
        placed.append(page)
    return placed


def draw_pdf(path, pages):
    """Draw each page's (x, y, size, text) in the order given, each line a text object
    of its own placed by its matrix, as Word and WPS write a line."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for lines in pages:
        for x, y, size, text in lines:
            line = pdf.beginText(x, y)
            line.setFont("STSong-Light", size)
            line.textOut(text)
            pdf.drawText(line)
        pdf.showPage()
    pdf.save()
    return path


#: A report's title and two paragraphs, set as Word sets them; the first paragraph's
#: second line, full, ends a sentence at the right margin.
WORD_TITLE = "清河县教育局2023年工作总结"
WORD_LINES = [
    "全县深入推进学前教育普及普惠，新建公办幼儿园三所",
    "改扩建乡镇中心幼儿园五所，共新增公办学位一千二百个。",
    "实施农村幼儿园教师专项招聘计划，招聘教师八十五名。",
    "坚持立德树人根本任务，各中小学开展主题班会和志愿",
    "服务活动，评选文明班级四十个，学生文明礼仪明显改善。",
]
WORD_PAGE = [
    WORD_TITLE, "　　" + WORD_LINES[0], *WORD_LINES[1:3], "　　" + WORD_LINES[3], WORD_LINES[4]
]
WORD_PARAGRAPHS = ["".join(WORD_LINES[:3]), "".join(WORD_LINES[3:])]


def test_a_pdf_line_ending_a_sentence_at_the_margin_runs_on_where_word_indents_by_position(
    tmp_path,
):
    # Word places an indented first line by its matrix, and pypdf shows no blank for the
    # indent: every full line ending in 。 had ended its paragraph.
    assert [len(line) for line in WORD_LINES[:2]] == [LINE_CHARS - 2, LINE_CHARS]
    path = draw_pdf(tmp_path / "report.pdf", place_lines([WORD_PAGE]))
    report = edusummary.tag_file(path)
    assert [p.text for p in report.paragraphs] == WORD_PARAGRAPHS
    assert [h.text for h in report.headings] == [WORD_TITLE]


def test_a_pdf_page_drawn_bottom_up_is_read_top_down(tmp_path):
    # Some producers and editors write a page's lines in another order than they are
    # read; each line stands in its place all the same.
    footer = (280, 40, 14, "— 1 —")
    lines = [*place_lines([WORD_PAGE])[0], footer]
    path = draw_pdf(tmp_path / "report.pdf", [lines[::-1]])
    document = edusummary.read(path)
    assert kept(document) == [WORD_TITLE, *WORD_PARAGRAPHS]
    assert document.furniture_text.split() == ["—", "1", "—"]


def draw_report_with_tables(path, valign, figures=None):
    """A report's page as Word lays it out: a heading, prose, a table of figures (or the
    rows ``figures``, in columns of equal width), prose, a table of tasks whose task and
    deadline wrap in their cells (set ``valign`` in them), prose."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Paragraph, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    cell = ParagraphStyle("cell", fontName="STSong-Light", fontSize=12, leading=15)
    cell.wordWrap = "CJK"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    y = 760

    def line(text, x=80, size=16):
        nonlocal y
        y -= 1.75 * size
        drawn = pdf.beginText(x, y)
        drawn.setFont("STSong-Light", size)
        drawn.textOut(text)
        pdf.drawText(drawn)

    def table(rows, widths):
        nonlocal y
        grid = Table([[Paragraph(text, cell) for text in row] for row in rows], widths)
        everywhere = (0, 0), (-1, -1)
        style = [("GRID", *everywhere, 0.5, colors.black), ("VALIGN", *everywhere, valign)]
        grid.setStyle(TableStyle(style))
        _, height = grid.wrap(LINE_CHARS * 16, 800)
        grid.drawOn(pdf, 80, y - height - 8)
        y -= height + 8

    line(TABLE_TITLE, x=(A4[0] - 22 * len(TABLE_TITLE)) / 2, size=22)
    line(TABLE_HEADING, x=112)
    for k, text in enumerate(wrap(TABLE_PROSE[0])):
        line(text.lstrip("　"), x=112 if k == 0 else 80)
    if figures is None:
        table(TABLE_FIGURES, [190, 108, 108])
    else:
        table(figures, [LINE_CHARS * 16 // len(figures[0])] * len(figures[0]))
    for k, text in enumerate(wrap(TABLE_PROSE[1])):
        line(text.lstrip("　"), x=112 if k == 0 else 80)
    table(TABLE_TASKS, [40, 230, 80, 66])
    for k, text in enumerate(wrap(TABLE_PROSE[2])):
        line(text.lstrip("　"), x=112 if k == 0 else 80)
    pdf.showPage()
    pdf.save()
    return path


TABLE_TITLE = "青川县教育局2023年工作总结"
TABLE_HEADING = "一、学前教育普惠发展"
TABLE_PROSE = [
    "全县新建公办幼儿园两所，改扩建乡镇中心幼儿园三所，普惠性资源持续扩大，主要指标见下表。",
    "全县学前教育普及普惠水平稳步提升，但农村幼儿园办园条件仍需改善，重点任务如下。",
    "同时，全县加强幼儿园教师队伍建设，组织全员培训，培训保教人员九百人次。",
]
TABLE_FIGURES = [
    ["指标", "2022年", "2023年"],
    ["学前三年毛入园率（%）", "90.4", "92.7"],
    ["普惠性幼儿园覆盖率（%）", "87.5", "90.3"],
]
TABLE_TASKS = [
    ["序号", "任务", "责任单位", "时限"],
    ["1", "新建城北幼儿园，新增学位三百六十个，完成主体工程建设", "计财股", "2024年12月"],
    ["2", "开展幼儿园保育教育质量评估，评估公办园三十所", "学前教育股", "2024年10月"],
]


@pytest.mark.parametrize("valign", ["TOP", "MIDDLE", "BOTTOM"])
def test_a_pdf_tables_rows_are_rows_and_head_nothing(tmp_path, valign):
    # pypdf gave each cell a line: cells headed the paragraphs below the tables, the
    # figures went as "repeated 4 times, as running headers", a wrapped task was cut.
    report = edusummary.tag_file(draw_report_with_tables(tmp_path / "report.pdf", valign))
    assert [h.text for h in report.headings] == [TABLE_TITLE, TABLE_HEADING]
    assert {p.heading for p in report.paragraphs} == {TABLE_HEADING}
    texts = [p.text for p in report.paragraphs]
    tasks = ["\t".join(row[1:]) for row in TABLE_TASKS[1:]]
    assert texts == [TABLE_PROSE[0], TABLE_PROSE[1], *tasks, TABLE_PROSE[2]]
    rows = [s.text for s in report.removed if s.reason == "table row"]
    assert rows == ["\t".join(row) for row in TABLE_FIGURES + TABLE_TASKS[:1]]
    assert not [s for s in report.removed if s.reason.startswith("repeated")]


@pytest.mark.parametrize(
    "figures",
    [
        # Cells of one width: each row had been read as a wrapped cell's next line, and
        # the table came out as one row (城关镇东河镇… 91.5%85.2%…).
        [["乡镇", "2022年", "2023年"], ["城关镇", "91.5%", "93.6%"], ["东河镇", "85.2%", "88.5%"],
         ["西山乡", "97.1%", "97.8%"], ["南岭乡", "92.0%", "93.4%"]],
        # A last row as wide as the text, ending in a figure: it ran on into the prose.
        [["指标", "2022年", "2023年"], ["学前三年毛入园率", "91.5%", "93.6%"],
         ["义务教育阶段学校专任教师本科以上学历比例", "85.2%", "88.5%"]],
        # Commas in cells, a thousands separator's and a short list's, are no clauses.
        [["乡镇", "在校生", "教师"], ["城关镇", "12,560", "1,086"], ["东河镇", "8,425", "712"],
         ["西山乡", "6,318", "540"]],
        [["学校", "校长", "副校长"], ["城关一小", "张明华", "李建国，王芳"],
         ["城关二小", "赵志刚", "刘晓红，陈伟"], ["东河中学", "孙立新", "周海燕，吴强"]],
        # Four wide columns, each cell filling its column: the lines of a row whose every
        # cell wrapped, the table had been read as one row, its cells run together.
        [["学校名称及类别", "所在乡镇及村组", "在校学生总人数", "专任教师总人数"],
         ["城关第一小学校", "城关镇东街社区", "一千二百零五人", "八十六人含代课"],
         ["东河中心小学校", "东河镇南村二组", "九百五十二人整", "六十二人含代课"],
         ["西山九年一贯制", "西山乡北村三组", "六百三十一人整", "五十一人含代课"]],
    ],
    ids=["equal-cells", "wide-last-row", "thousands", "names", "filled-wide-columns"],
)
def test_a_pdf_table_of_figures_is_read_a_row_a_line_apart_from_the_prose(tmp_path, figures):
    path = draw_report_with_tables(tmp_path / "report.pdf", "TOP", figures=figures)
    report = edusummary.tag_file(path)
    rows = [s.text for s in report.removed if s.reason == "table row"]
    assert rows[: len(figures)] == ["\t".join(row) for row in figures]
    assert [p.text for p in report.paragraphs][:2] == TABLE_PROSE[:2]


def test_a_pdf_numbered_heading_as_wide_as_the_text_stays_apart_from_its_paragraph(tmp_path):
    # Unended and full, the heading had run on into the indented paragraph below it.
    heading = "一、深化课堂教学改革，全面提高全县教育教学质量整体水平"
    assert len("　　" + heading) >= LINE_CHARS - 2
    page = [WORD_TITLE, "　　" + heading, "　　" + WORD_LINES[0], *WORD_LINES[1:3]]
    report = edusummary.tag_file(draw_pdf(tmp_path / "report.pdf", place_lines([page])))
    assert [h.text for h in report.headings] == [WORD_TITLE, heading]
    assert [(p.heading, p.text) for p in report.paragraphs] == [(heading, WORD_PARAGRAPHS[0])]


def test_a_pdf_numbered_heading_stays_apart_from_a_first_line_ending_a_sentence_at_the_margin(
    tmp_path,
):
    heading = "二、推进学前教育普惠发展，扩大普惠性学前教育资源"
    first, second = "全县推进学前教育普及普惠，新建公办幼儿园共三所。", WORD_LINES[1]
    assert len("　　" + first) == len("　　" + heading) == LINE_CHARS == len(second)
    page = [WORD_TITLE, "　　" + heading, "　　" + first, second]
    report = edusummary.tag_file(draw_pdf(tmp_path / "report.pdf", place_lines([page])))
    assert [(p.heading, p.text) for p in report.paragraphs] == [(heading, first + second)]


@pytest.mark.parametrize("after", [[], WORD_LINES[3:5]], ids=["at-the-end", "before-a-paragraph"])
def test_a_pdf_list_whose_lines_are_all_set_in_keeps_its_items_whole(tmp_path, after):
    # A list with a left indent: its numbered lines are not headings over paragraphs, not
    # even its last item's over a line at the margin.
    items = [
        "1.新建城南幼儿园和东河镇中心幼儿园，新增学位六百三十个，推进公办园集团化办园。",
        "2.改造农村薄弱学校十二所，推进城乡学校共同体建设，落实教师交流轮岗二百余人。",
    ]
    lines = [
        "　　" + item[at : at + LINE_CHARS - 2]
        for item in items for at in range(0, len(item), LINE_CHARS - 2)
    ]
    page = [WORD_TITLE, "　　" + WORD_LINES[0], *WORD_LINES[1:3], *lines, *after]
    report = edusummary.tag_file(draw_pdf(tmp_path / "report.pdf", place_lines([page])))
    texts = [p.text for p in report.paragraphs]
    assert texts[:3] == [WORD_PARAGRAPHS[0], *items]
    assert [h.text for h in report.headings] == [WORD_TITLE]


def test_a_pdf_task_table_whose_narrow_category_cells_wrap_is_read_a_row_a_line(tmp_path):
    # Every cell of a row wraps, the category's too: both lines fill every column, and
    # its cells' clauses tell the lines of one row from rows of figures.
    tasks = [
        ["类别", "主要措施", "责任单位"],
        [
            "学前教育普惠发展",
            "新建城南幼儿园，新增学位六百三十个，推进公办园集团化办园，提高保教质量",
            "县教育局、县发改局、县财政局",
        ],
        [
            "义务教育均衡发展",
            "改造农村薄弱学校十二所，推进城乡学校共同体建设，落实教师交流轮岗",
            "县教育局、县人社局、各乡镇政府",
        ],
    ]
    path = draw_table_pdf(tmp_path / "report.pdf", tasks, [64, 260, 100])
    report = edusummary.tag_file(path)
    assert [p.text for p in report.paragraphs] == ["\t".join(row) for row in tasks[1:]]


def draw_table_pdf(path, rows, widths):
    """A page holding a title and a table of ``rows`` in columns ``widths`` wide, its
    cells wrapped as Word wraps them, aligned at their top."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Paragraph, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    cell = ParagraphStyle("cell", fontName="STSong-Light", fontSize=12, leading=15)
    cell.wordWrap = "CJK"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("STSong-Light", 22)
    pdf.drawCentredString(A4[0] / 2, 760, TABLE_TITLE)
    grid = Table([[Paragraph(text, cell) for text in row] for row in rows], widths)
    everywhere = (0, 0), (-1, -1)
    grid.setStyle(TableStyle(
        [("GRID", *everywhere, 0.5, colors.black), ("VALIGN", *everywhere, "TOP")]
    ))
    _, height = grid.wrap(sum(widths), 700)
    grid.drawOn(pdf, 80, 720 - height)
    pdf.showPage()
    pdf.save()
    return path


def test_a_pdf_reports_title_and_heading_stay_apart_over_a_table_read_a_cell_a_line(tmp_path):
    # Where no grid shows, a table comes a cell a line: its short lines outnumber the
    # prose of a one-page report, and had set the text width so low that the title and
    # the heading counted as full lines and ran on into the first paragraph.
    title, heading = "平川县教育局2022年工作总结", "一、普惠资源持续扩大"
    opening = (
        "全县新建公办幼儿园三所，改扩建乡镇中心幼儿园两所，新增学位一千二百个，普惠性资源"
        "供给能力明显增强，城乡幼儿园布局进一步优化，农村幼儿就近入园问题基本解决，主要指标见下表。"
    )
    cells = ["指标", "2021年", "2022年", "2023年"]
    for name, *figures in [
        ("学前三年毛入园率（%）", "88.6", "90.2", "92.8"),
        ("普惠性幼儿园覆盖率（%）", "84.0", "86.5", "89.1"),
        ("公办园在园幼儿占比（%）", "45.2", "49.8", "53.1"),
    ]:
        cells += [name, *figures]
    pages = [[title, heading, *wrap(opening), *cells, *wrap(PRESCHOOL)]]
    report = edusummary.tag_file(write_pdf(tmp_path / "report.pdf", pages))
    assert [h.text for h in report.headings[:2]] == [title, heading]
    assert (report.paragraphs[0].heading, report.paragraphs[0].text) == (heading, opening)


def test_pdf_blank_page_is_a_warning(tmp_path):
    path = write_pdf(tmp_path / "report.pdf", [[PRESCHOOL], [], [BALANCE]])
    document = edusummary.read(path)
    assert document.text.splitlines() == [PRESCHOOL, BALANCE]
    assert document.warnings == (f"{path}: no text on page(s) 2: blank, or scanned and missing",)


def test_pdf_without_text_layer(tmp_path):
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.drawImage(ImageReader(Image.new("L", (40, 60), 128)), 50, 50, 400, 600)  # a scan
    pdf.showPage()
    pdf.save()
    message = r"scan\.pdf: the PDF has no text layer \(a scan\?\); run OCR on it first"
    with pytest.raises(ReadError, match=message):
        edusummary.read(path)
    # A blank page is no scan.
    canvas.Canvas(str(tmp_path / "blank.pdf")).save()
    with pytest.raises(ReadError, match=r"blank\.pdf: the PDF has no text$"):
        edusummary.read(tmp_path / "blank.pdf")


def encrypt(source, target, user_password):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password=user_password, owner_password="bureau", algorithm="AES-128")
    writer.write(target)
    return target


def test_pdf_with_a_password(tmp_path):
    plain = write_pdf(tmp_path / "plain.pdf", [[PRESCHOOL]])
    path = encrypt(plain, tmp_path / "locked.pdf", user_password="secret")
    message = r"locked\.pdf: the PDF is encrypted; remove the password and try again"
    with pytest.raises(ReadError, match=message):
        edusummary.read(path)


def test_pdf_with_only_an_owner_password_is_read(tmp_path):
    # Offices often restrict printing or copying with an owner password only; such a PDF
    # opens without one.
    plain = write_pdf(tmp_path / "plain.pdf", [[PRESCHOOL]])
    path = encrypt(plain, tmp_path / "restricted.pdf", user_password="")
    assert edusummary.read(path).text == PRESCHOOL


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n1 0 obj << /Type /Catalog", b"%PDF-1.4\n" + bytes(range(256)) * 4],
    ids=["truncated", "garbage"],
)
def test_damaged_pdf(tmp_path, data):
    path = tmp_path / "damaged.pdf"
    path.write_bytes(data)
    with pytest.raises(ReadError, match=r"damaged\.pdf: not a readable PDF \(.+\)"):
        edusummary.read(path)



def damaged_xref(source, target):
    """``source`` with its startxref pointing a few bytes off, which pypdf repairs."""
    data = source.read_bytes()
    found = re.search(rb"startxref\s+(\d+)", data)
    target.write_bytes(data[: found.start(1)] + b"%d" % (int(found[1]) + 7) + data[found.end(1) :])
    return target


def test_pypdf_notes_do_not_reach_stderr_but_reach_logging_when_configured(tmp_path):
    plain = write_pdf(tmp_path / "plain.pdf", [[PRESCHOOL], [BALANCE]])
    path = damaged_xref(plain, tmp_path / "repaired.pdf")
    # In a process of its own: pytest's logging handlers would hide a note sent to stderr.
    code = (
        "import logging, sys, edusummary\n"
        "document = edusummary.read(sys.argv[1])\n"
        "print(len(document.text.splitlines()), document.warnings)\n"
        "if sys.argv[2:]:\n"
        "    logging.basicConfig(format='%(name)s: %(message)s')\n"
        "    edusummary.read(sys.argv[1])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
    )
    # Repaired, both paragraphs read: nothing the user must know.
    assert (done.stdout, done.stderr) == ("2 ()\n", "")
    # An application that set up logging hears pypdf, as it would hear any library.
    done = subprocess.run(
        [sys.executable, "-c", code, str(path), "log"], capture_output=True, text=True, check=True
    )
    assert "pypdf._reader: incorrect startxref pointer" in done.stderr


def test_a_pdf_font_pypdf_cannot_decode_is_a_warning(tmp_path):
    plain = write_pdf(tmp_path / "plain.pdf", [[PRESCHOOL], [BALANCE]])
    path = tmp_path / "font.pdf"
    path.write_bytes(plain.read_bytes().replace(b"/UniGB-UCS2-H", b"/UniGB-XYZ2-H"))
    with pytest.warns(edusummary.EdusummaryWarning, match=r"font\.pdf: text on page\(s\) 1, 2 "
                      r"may be missing or garbled: pypdf could not decode all of it \(Advanced "):
        list(edusummary.tag_many([path], n_jobs=1))


# --- files edusummary does not read, and suffixes that lie -------------------------------

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))


# --- Word 97–2003 (.doc, .wps) and RTF ----------------------------------------------------

DOC_NOTE = "毛入园率按在园幼儿数除以三至五岁适龄人口数计算。"
DOC_BLOCKS = [
    ("heading", "一、学前教育"),
    # A manual line break inside a sentence is layout; a picture is no text.
    "全县新建公办幼儿园三所，\x0b学前三年毛入园率提高到百分之九十二。\x01\x02",
    [["指标", "2022年", "2023年"], ["毛入园率", "", "92%"]],
    BALANCE + "\x08",
    # A footer-like line: of a page number and a hyperlink only what they show is text.
    "第\x13 PAGE \x14" "3\x15页　\x13 HYPERLINK \"http://jyj.example.gov.cn\" \x14教育局网站\x15",
]
DOC_TEXT = (
    "一、学前教育\n全县新建公办幼儿园三所，学前三年毛入园率提高到百分之九十二。\n"
    f"指标\t2022年\t2023年\n毛入园率\t\t92%\n{BALANCE}\n第3页　教育局网站\n{DOC_NOTE}"
)


def spanned(document, spans):
    return [document.text[start:end] for start, end in spans]


@pytest.mark.parametrize("ansi", [True, False], ids=["cp1252 and UTF-16 pieces", "UTF-16 only"])
def test_a_word_97_doc_is_read_with_its_table_fields_and_footnotes(tmp_path, ansi):
    path = write_doc(tmp_path / "报告.doc", DOC_BLOCKS, footnotes=[DOC_NOTE], ansi=ansi)
    with olefile.OleFileIO(str(path), raise_defects=olefile.DEFECT_INCORRECT) as ole:
        assert sorted(ole.listdir()) == [["1Table"], ["WordDocument"]]
    document = edusummary.read(path)
    assert (document.text, document.format, document.warnings) == (DOC_TEXT, "doc", ())
    assert spanned(document, document.headings) == ["一、学前教育"]
    assert spanned(document, document.notes) == [DOC_NOTE]
    # Rows of short cells are set aside, as in text copied out of Word.
    rows = [s.text for s in edusummary.segment(document.text) if s.reason == "table row"]
    assert rows == ["指标\t2022年\t2023年", "毛入园率\t\t92%"]


def test_a_word_97_docs_text_boxes_follow_its_text_before_the_notes(tmp_path):
    # The text box subdocument (ccpTxbx) was never read: a 专栏 was lost without a word.
    path = write_doc(tmp_path / "专栏.doc", [PRESCHOOL, BALANCE], footnotes=[DOC_NOTE],
                     textboxes=[BOX, TEACHING])
    document = edusummary.read(path)
    assert document.text.splitlines() == [PRESCHOOL, BALANCE, BOX, TEACHING, DOC_NOTE]
    assert spanned(document, document.notes) == [DOC_NOTE]


#: A list of three levels (一、（一）1.), a bulleted one, and one of a single level.
DOC_LISTS = [[(37, "%1、"), (37, "（%2）"), (0, "%3.")], [(23, "\uf0b7")], [(38, "第%1项")]]


def test_word_97_doc_automatic_numbering_is_read_as_word_shows_it(tmp_path):
    # The numbers of Word's lists are not in a .doc's text: 一、（一）1. had gone from every
    # numbered report of the archives, and with them its outline.
    blocks = [
        "古城县教育局2024年工作总结",
        ("styled", "主要工作成效", 1),  # Heading 1, linked to the list's first level
        ("listed", "学前教育普惠发展", 1, 1), PRESCHOOL,
        ("listed", "义务教育均衡发展", 1, 1), BALANCE,
        ("styled", "存在的问题", 20),  # a style based on Heading 1
        ("listed", "城区学校大班额问题仍未根本解决。", 1, 2),
        [["学段", "学校数"], ["小学", "28"]],
        ("listed", "农村教师结构性缺编。", 1, 2),
        ("listed", "健全督导机制。", 2, 0),  # a bullet, which is no text
        ("listed", "", 1, 0),  # an empty numbered paragraph: Word counts it
        ("styled", "2025年工作打算", 1),
        ("listed", TEACHING, 3, 2), ("listed", MORAL, 3, 2),  # restarted at 5
        ("listed", "督导检查", 4, 0), ("listed", "年度考核", 4, 0),
        ("styled", "附件", 21),  # numbering taken off a paragraph of the heading style
    ]
    path = write_doc(
        tmp_path / "总结.doc", blocks, footnotes=[DOC_NOTE], lists=DOC_LISTS,
        # The lists' overrides: the first list as it is, the bulleted one, the first
        # restarted at 5 on its third level, the single level with a format of its own.
        overrides=[(0, {}), (1, {}), (0, {2: 5}), (2, {0: (39, "第%1条")})],
        styles={1: (None, 1, None), 20: (1, None, None), 21: (1, 0, None)},
    )
    document = edusummary.read(path)
    assert kept(document) == [
        "古城县教育局2024年工作总结",
        "一、主要工作成效", "（一）学前教育普惠发展", PRESCHOOL, "（二）义务教育均衡发展", BALANCE,
        "二、存在的问题", "1.城区学校大班额问题仍未根本解决。", "学段\t学校数", "小学\t28",
        "2.农村教师结构性缺编。", "健全督导机制。", "",
        "四、2025年工作打算", "5." + TEACHING, "6." + MORAL,
        "第一条 督导检查", "第二条 年度考核", "附件", DOC_NOTE,
    ]
    assert spanned(document, document.headings) == [
        "一、主要工作成效", "四、2025年工作打算"
    ]
    assert document.warnings == ()


def test_a_form_numbered_by_word_in_its_first_column_keeps_its_row_numbers(tmp_path):
    # A cell holding only a list's number is that number (序号); it had read empty, in a
    # .doc as in a .docx.
    rows = [["序号", "学校", "在校生"], [("listed", "", 1, 2), "城关小学", "1200"],
            [("listed", "", 1, 2), "实验中学", "1500"]]
    path = write_doc(tmp_path / "表.doc", [rows], lists=DOC_LISTS, overrides=[(0, {})])
    assert kept(edusummary.read(path)) == [
        "序号\t学校\t在校生", "1.\t城关小学\t1200", "2.\t实验中学\t1500"
    ]

    def build(document):
        table = document.add_table(rows=3, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "序号", "学校"
        for row, school in ((1, "城关小学"), (2, "实验中学")):
            from docx.oxml import parse_xml

            table.cell(row, 0).paragraphs[0]._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr xmlns:w="{W_MAIN}"><w:ilvl w:val="0"/><w:numId w:val="91"/>'
                "</w:numPr>"
            ))
            table.cell(row, 1).text = school

    path = with_numbering(write_docx(tmp_path / "表.docx", build), ("decimal", "%1"))
    assert kept(edusummary.read(path)) == ["序号\t学校", "1\t城关小学", "2\t实验中学"]


def test_a_numbered_heading_moved_with_track_changes_is_numbered_where_it_now_stands(tmp_path):
    from docx.oxml import parse_xml

    def build(document):
        numbered(document, "主要工作成效", 0)
        numbered(document, "", 0)  # where 存在的问题 stood: moved away, its mark too
        document.paragraphs[-1]._p.get_or_add_pPr().append(parse_xml(
            f'<w:rPr xmlns:w="{W_MAIN}"><w:moveFrom w:id="7" w:author="审核" '
            'w:date="2024-01-05T00:00:00Z"/></w:rPr>'
        ))
        numbered(document, "2025年工作打算", 0)
        numbered(document, "存在的问题", 0)

    path = with_numbering(write_docx(tmp_path / "修订.docx", build), ("chineseCounting", "%1、"))
    assert [line for line in kept(edusummary.read(path)) if line] == [
        "一、主要工作成效", "二、2025年工作打算", "三、存在的问题"
    ]


def test_a_numbered_paragraph_deleted_with_track_changes_takes_no_number(tmp_path):
    from docx.oxml import parse_xml

    def build(document):
        numbered(document, "主要工作成效", 0)
        numbered(document, "", 0)
        document.paragraphs[-1]._p.get_or_add_pPr().append(parse_xml(
            f'<w:rPr xmlns:w="{W_MAIN}"><w:del w:id="1" w:author="审核" '
            'w:date="2024-01-05T00:00:00Z"/></w:rPr>'
        ))
        numbered(document, "存在的问题", 0)

    path = with_numbering(
        write_docx(tmp_path / "修订.docx", build), ("chineseCounting", "%1、")
    )
    assert [line for line in kept(edusummary.read(path)) if line] == [
        "一、主要工作成效", "二、存在的问题"
    ]


def test_a_word_97_doc_with_damaged_list_tables_is_read_without_the_numbers(tmp_path):
    streams = word_streams([("listed", "主要工作成效", 1, 0), PRESCHOOL], lists=DOC_LISTS)
    word = bytearray(streams["WordDocument"])
    word[746:750] = struct.pack("<I", 10**6)  # the list overrides (fcPlfLfo), past the end
    path = write_ole(tmp_path / "总结.doc", {**streams, "WordDocument": bytes(word)})
    document = edusummary.read(path)
    assert kept(document) == ["主要工作成效", PRESCHOOL]
    assert document.warnings == (
        f"{path}: read without Word's automatic numbering, as its list tables are damaged "
        "(the list override table lies past the end of its stream); open it in Word, WPS or "
        "LibreOffice and save it as .docx (or convert it with: libreoffice --headless "
        "--convert-to docx FILE) to have the numbers",
    )


def test_a_word_97_doc_table_cell_of_two_paragraphs_stays_one_cell(tmp_path):
    path = write_doc(tmp_path / "表.doc", [[["学校", "在校生"], ["第一中学\r城关校区", "1200"]]])
    assert edusummary.read(path).text == "学校\t在校生\n第一中学 城关校区\t1200"


def test_tag_file_on_a_doc(tmp_path):
    blocks = [("heading", "关于2023年全县教育工作的报告")]
    for heading, paragraph, _ in OUTLINE:
        blocks += [("heading", heading), paragraph]
    path = write_doc(tmp_path / "report.doc", blocks)
    report = edusummary.tag_file(path)
    assert_tagged_by_outline(report, path, edusummary.read(path).whole_text)


def test_a_wps_file_in_word_97_format_is_read_and_an_older_one_refused(tmp_path):
    path = write_doc(tmp_path / "报告.wps", [PRESCHOOL])
    assert (edusummary.read(path).text, edusummary.read(path).format) == (PRESCHOOL, "doc")
    old = tmp_path / "旧报告.wps"
    old.write_bytes(b"\xff\x00WPS" + bytes(600))
    with pytest.raises(ReadError) as error:
        edusummary.read(old)
    assert str(error.value).startswith(f"{old}: is in an old Word or WPS format edusummary does ")
    assert "save it as .docx (or convert it with: libreoffice --headless" in str(error.value)


def test_an_encrypted_doc_or_docx_says_so(tmp_path):
    path = write_doc(tmp_path / "locked.doc", [PRESCHOOL], flags=0x0100)
    message = "the Word document is encrypted; remove the password and try again"
    with pytest.raises(ReadError, match=f"^{re.escape(f'{path}: {message}')}$"):
        edusummary.read(path)
    # A .docx with a password is an OLE2 file holding the encrypted package.
    docx = write_ole(tmp_path / "locked.docx", {"EncryptionInfo": b"\4", "EncryptedPackage": b"x"})
    with pytest.raises(ReadError, match=f"^{re.escape(f'{docx}: {message}')}$"):
        edusummary.read(docx)


@pytest.mark.parametrize(
    ("streams", "what"),
    [
        # A workbook may hold reports one a row: the way to tag them is said.
        ({"Workbook": b"\x09\x08"}, "is an Excel workbook (.xls), not a Word document; for "
                                       "reports held one per row, read it with pandas"),
        ({"PowerPoint Document": b"\0"}, "is a PowerPoint 97–2003 presentation (.ppt, or WPS's "
                                          ".dps), not a Word document; open it in PowerPoint"),
        ({"Contents": b"\0"}, "is an OLE2 file of another program than Word (its streams: "
                               "Contents)"),
    ],
)
def test_other_ole2_files_named_doc_say_what_they_are(tmp_path, streams, what):
    path = write_ole(tmp_path / "报告.doc", streams)
    with pytest.raises(ReadError, match=f"^{re.escape(f'{path}: {what}')}"):
        edusummary.read(path)


def test_a_word_95_doc_is_refused_with_what_to_do(tmp_path):
    path = write_doc(tmp_path / "1998.doc", [PRESCHOOL], version=104)
    with pytest.raises(ReadError, match=re.escape(
        f"{path}: is a Word 6.0/95 document, which edusummary does not read; open it in Word"
    )):
        edusummary.read(path)


def test_a_damaged_doc_is_a_read_error_never_an_index_error(tmp_path):
    streams = word_streams(
        [*DOC_BLOCKS, ("listed", "主要工作成效", 1, 1)], footnotes=[DOC_NOTE], lists=DOC_LISTS,
        styles={1: (None, 1, None)},
    )
    # Without the paragraphs' bin table (its lcb at 262 in the FIB) the text is still read.
    word = bytearray(streams["WordDocument"])
    word[262:266] = bytes(4)
    path = write_ole(tmp_path / "no_formatting.doc", {**streams, "WordDocument": bytes(word)})
    assert BALANCE in edusummary.read(path).text
    randomly = random.Random(7)
    for trial in range(500):
        damaged = {name: bytearray(data) for name, data in streams.items()}
        name = randomly.choice(["WordDocument", "1Table"])
        data = damaged[name]
        if trial % 3 == 0:
            del data[randomly.randrange(len(data)):]  # cut short
        for _ in range(randomly.randint(1, 8)):
            # Mostly where the structure lies: the FIB, the CLX and bin table, the FKP.
            at = randomly.choice([randomly.randrange(0x1B0), randomly.randrange(len(data) or 1)])
            if at < len(data):
                data[at] = randomly.randrange(256)
        damaged = {name: bytes(data) for name, data in damaged.items()}
        path = write_ole(tmp_path / f"damaged{trial}.doc", damaged)
        try:
            edusummary.read(path)
        except ReadError as exc:
            assert str(exc).startswith(f"{path}: ")
    cut = tmp_path / "cut.doc"
    cut.write_bytes(write_doc(tmp_path / "whole.doc", [PRESCHOOL]).read_bytes()[:3000])
    with pytest.raises(ReadError, match=r"cut\.doc: a damaged Word document \(.*save it as"):
        edusummary.read(cut)


def test_a_large_doc_reads_in_linear_time(tmp_path):
    table = [["指标", "2022年", "2023年"], ["毛入园率", "90.1%", "92%"]]
    blocks = [("heading", "一、学前教育"), PRESCHOOL * 3, BALANCE * 2, table] * 2000
    path = write_doc(tmp_path / "large.doc", blocks)
    assert path.stat().st_size > 2_000_000
    started = time.perf_counter()
    document = edusummary.read(path)
    # A guard against reading in quadratic time, which takes minutes here, not a speed
    # figure: it must hold on a busy machine (benchmarks/ measures speed).
    assert time.perf_counter() - started < 10
    assert document.text.count(BALANCE) == 4000


def rtf_bytes(text: str) -> str:
    """``text`` as Word writes Chinese into RTF: its GBK bytes, \\'xx each."""
    return "".join(f"\\'{byte:02x}" for byte in text.encode("gbk"))


def rtf_unicode(text: str) -> str:
    """``text`` as \\uN, signed, of each of its UTF-16 units, with a fallback character each."""
    data = text.encode("utf-16-le")
    units = [int.from_bytes(data[i:i + 2], "little") for i in range(0, len(data), 2)]
    return "".join(f"\\u{unit if unit < 32768 else unit - 65536}?" for unit in units)


RTF = (
    r"{\rtf1\ansi\ansicpg936\deff0\uc1{\fonttbl{\f0\fnil\fcharset134 " + rtf_bytes("宋体")
    + r";}{\f1\fswiss\fcharset0 Arial;}}{\colortbl;\red0\green0\blue0;}"
    + r"{\stylesheet{\s1\outlinelevel0 heading 1;}}{\info{\title " + rtf_bytes("报告") + "}}"
    + r"{\header\pard " + rtf_bytes("清水县教育局") + r"\par}"
    + "\n\\pard\\s1\\outlinelevel0\\f0 " + rtf_bytes("一、学前教育") + r"\par"
    + "\n\\pard\\f0 " + rtf_unicode("全县新建公办幼儿园三所，")
    + r"\line " + rtf_bytes("学前三年毛入园率提高到") + r"\f1 92%\f0 " + rtf_bytes("。") + r"\par"
    + "\n\\trowd\\cellx1000\\cellx2000\\pard\\intbl " + rtf_bytes("指标") + r"\cell "
    + "2023" + rtf_bytes("年") + r"\cell\row"
    + "\n\\trowd\\cellx1000\\cellx2000\\pard\\intbl " + rtf_bytes("毛入园率") + r"\cell "
    + r"92%\cell\row" + "\n"
    + r"\pard " + rtf_bytes("第") + r"{\field{\*\fldinst { PAGE }}{\fldrslt {3}}}"
    + rtf_bytes("页") + r"{\pict\pngblip 89504e470d0a}{\*\generator Writer;}\par"
    + "\n\\uc2 " + rtf_unicode("𠀋").replace("?", r"\'a1\'a1") + rtf_bytes("字") + r"\par}"
)
RTF_TEXT = (
    "一、学前教育\n全县新建公办幼儿园三所，学前三年毛入园率提高到92%。\n"
    "指标\t2023年\n毛入园率\t92%\n第3页\n𠀋字"
)


@pytest.mark.parametrize("name", ["报告.rtf", "报告.doc"])
def test_rtf_is_read_with_gbk_bytes_unicode_and_its_table(tmp_path, name):
    path = tmp_path / name
    path.write_text(RTF, encoding="ascii")
    document = edusummary.read(path)
    assert (document.text, document.format) == (RTF_TEXT, "rtf")
    assert spanned(document, document.headings) == ["一、学前教育"]
    # Word saves RTF as .doc itself: no warning for each such file of an archive.
    assert document.warnings == ()


def test_rtf_text_boxes_follow_the_paragraph_or_row_holding_them(tmp_path):
    # A 专栏 in a text box was dropped without a word: \shptxt sits in {\*\shpinst}.
    box = rtf_bytes(BOX)

    def shape(text):
        return (r"{\shp{\*\shpinst\shpleft0{\sp{\sn shapeType}{\sv 202}}{\shptxt\pard "
                + text + r"\par}}{\shprslt{\*\do\dobxcolumn\dptxbx{\dptxbxtext\pard "
                + text + r"\par}}}}")

    rtf = (
        r"{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0\fnil\fcharset134 "
        + rtf_bytes("宋体") + r";}}{\header\pard " + shape(rtf_bytes("清水县教育局")) + r"\par}"
        + r"\pard " + rtf_bytes(PRESCHOOL[:10]) + shape(box) + rtf_bytes(PRESCHOOL[10:]) + r"\par"
        + r"\trowd\cellx1000\cellx2000\pard\intbl " + rtf_bytes("指标")
        + r"{\*\do\dptxbx{\dptxbxtext\pard " + rtf_bytes(TEACHING) + r"}}\cell "
        + r"92%\cell\row\pard " + rtf_bytes(BALANCE) + r"\par\pard " + rtf_bytes(MORAL)
        + shape(rtf_bytes("专栏二")) + "}"
    )
    path = tmp_path / "专栏.rtf"
    path.write_text(rtf, encoding="ascii")
    document = edusummary.read(path)
    assert document.text.splitlines() == [
        PRESCHOOL, BOX, "指标\t92%", TEACHING, BALANCE, MORAL, "专栏二"
    ]
    assert document.warnings == ()


def test_an_rtf_after_a_byte_order_mark_has_no_mark_in_its_title(tmp_path):
    # The BOM's bytes were read as cp1252 text: ï»¿ headed the title.
    path = tmp_path / "导出.rtf"
    path.write_bytes(b"\xef\xbb\xbf" + (
        r"{\rtf1\ansi\ansicpg936\pard\outlinelevel0 " + rtf_bytes("某县教育局2023年工作总结")
        + r"\par\pard " + rtf_bytes(PRESCHOOL) + r"\par}"
    ).encode("ascii"))
    document = edusummary.read(path)
    assert document.text.splitlines() == ["某县教育局2023年工作总结", PRESCHOOL]
    assert spanned(document, document.headings) == ["某县教育局2023年工作总结"]


def test_rtf_double_byte_characters_with_their_second_byte_written_as_itself(tmp_path):
    # WPS and old Word write a GBK character's second byte as itself when it is ASCII,
    # escaped when it is one of RTF's specials: \'df\\ (運) was read as "�\\", \'cb\{
    # (藍) as "�{".
    text = "全县學校誠信教育運動會開幕，藍天工程題目複核完成。"

    def written(char):
        data = char.encode("gbk")
        if len(data) == 1 or data[1] >= 0x80:
            return rtf_bytes(char)
        second = chr(data[1])
        return f"\\'{data[0]:02x}" + ("\\" + second if second in "\\{}" else second)

    path = tmp_path / "繁体.rtf"
    path.write_text(r"{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0\fnil\fcharset134 SimSun;}}"
                    + r"\pard\f0 " + "".join(map(written, text)) + r"\par\pard a\{b\}\\c\par}",
                    encoding="ascii")
    assert edusummary.read(path).text.splitlines() == [text, "a{b}\\c"]


def test_rtf_table_in_a_cell_is_read_into_that_cell(tmp_path):
    # \nestcell and \nestrow were ignored: a nested row's cells ran together (小学120).
    def nested_row(cells, fallback):
        return (r"\pard\intbl\itap2 " + "".join(rtf_bytes(cell) + r"\nestcell " for cell in cells)
                + r"{\*\nesttableprops\trowd\itap2\cellx2000\cellx4000\nestrow}"
                + (r"{\nonesttables\par}" if fallback else ""))

    rtf = (
        r"{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0\fnil\fcharset134 SimSun;}}"
        + r"\trowd\cellx3000\cellx6000\cellx9000\pard\intbl " + rtf_bytes("学段") + r"\cell "
        + r"\pard\intbl " + rtf_bytes("学校数") + r"\par " + nested_row(["小学", "120"], True)
        + nested_row(["初中", "45"], False) + r"\pard\intbl\itap1 \cell \pard\intbl "
        + rtf_bytes("合计") + r"\cell\row\pard " + rtf_bytes(BALANCE) + r"\par}"
    )
    path = tmp_path / "嵌套表.rtf"
    path.write_text(rtf, encoding="ascii")
    assert edusummary.read(path).text.splitlines() == [
        "学段\t学校数 小学 120 初中 45\t合计", BALANCE
    ]


def test_rtf_double_byte_text_in_its_associated_chinese_font(tmp_path):
    # \dbch\af13 gives double-byte text a font of its own: its GBK bytes were decoded with
    # \f0's code page, 1252, as È«ÏØ….
    path = tmp_path / "字体.rtf"
    path.write_text(
        r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\froman\fcharset0 Times New Roman;}"
        + r"{\f13\fnil\fcharset134 SimSun;}}\pard\plain\f0 {\rtlch\fcs1 \af0 \ltrch\fcs0 "
        + r"\hich\af0\dbch\af13 " + rtf_bytes("学前三年毛入园率达到") + r"}{\loch\f0 92\'b0}"
        + r"{\dbch\af13 " + rtf_bytes("。") + r"}\par}",
        encoding="ascii",
    )
    assert edusummary.read(path).text == "学前三年毛入园率达到92°。"


def test_a_cut_or_odd_rtf_reads_what_it_holds(tmp_path):
    path = tmp_path / "cut.rtf"
    # Binary data of a negative length, a control word past the end, a group never closed.
    path.write_text(r"{\rtf1\ansi\ansicpg936{\pict\bin-7 }" + rtf_bytes("学前教育") + "\\par\\",
                    encoding="ascii")
    assert edusummary.read(path).text == "学前教育"


def wordml(body, styles="", lists=""):
    """A Word 2003 XML document ("Word XML Document") of ``body``, as Word 2003 saves one,
    with ``lists`` (``w:listDef`` and ``w:list`` elements) when given."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<?mso-application progid="Word.Document"?>\n'
        '<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml" '
        'xmlns:wx="http://schemas.microsoft.com/office/word/2003/auxHint" '
        'xmlns:aml="http://schemas.microsoft.com/aml/2001/core" '
        'xmlns:st1="urn:schemas-microsoft-com:office:smarttags" w:macrosPresent="no">'
        + (f"<w:lists>{lists}</w:lists>" if lists else "")
        + f"<w:styles>{styles}</w:styles><w:body><wx:sect>{body}<w:sectPr/></wx:sect></w:body>"
        "</w:wordDocument>"
    )


def wordml_paragraph(runs, style="", listed=""):
    style = f'<w:pStyle w:val="{style}"/>' if style else ""
    properties = f"<w:pPr>{style}{listed}</w:pPr>" if style or listed else ""
    return f"<w:p>{properties}{runs}</w:p>"


def wordml_run(text):
    return f"<w:r><w:t>{text}</w:t></w:r>"


def wordml_cell(text, merge=""):
    return f"<w:tc><w:tcPr>{merge}</w:tcPr>{wordml_paragraph(wordml_run(text))}</w:tc>"


@pytest.mark.parametrize("name", ["总结.doc", "总结.xml", "总结"])
def test_a_word_2003_xml_document_is_read_as_a_docx_is(tmp_path, name):
    # Refused, "save it as .docx": archives of web systems' exports are full of them.
    heading = '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>'
    body = (
        wordml_paragraph(wordml_run("一、学前教育"), style="1")
        + wordml_paragraph(
            wordml_run(PRESCHOOL[:12])
            # Text deleted and inserted with changes tracked; a field, of which its result;
            # a date Word made a smart tag; a footnote, written where it is cited.
            + '<aml:annotation aml:id="1" w:type="Word.Deletion"><aml:content><w:r>'
            "<w:delText>两所</w:delText></w:r></aml:content></aml:annotation>"
            + '<aml:annotation aml:id="2" w:type="Word.Insertion"><aml:content>'
            + wordml_run(PRESCHOOL[12:16]) + "</aml:content></aml:annotation>"
            + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> QUOTE '
            '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            + wordml_run(PRESCHOOL[16:20]) + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            + '<st1:chsdate Year="2023" Month="9" Day="1" w:st="on">'
            + wordml_run(PRESCHOOL[20:]) + "</st1:chsdate>"
            + f"<w:r><w:footnote>{wordml_paragraph(wordml_run(DOC_NOTE))}</w:footnote></w:r>"
            + "<w:r><w:br/><w:t>附：</w:t><w:tab/><w:t>入园率按在园幼儿数计算</w:t></w:r>"
        )
        + "<w:tbl><w:tr>" + wordml_cell("指标") + wordml_cell("2023年") + "</w:tr><w:tr>"
        + wordml_cell("毛入园率", '<w:vmerge w:val="restart"/>') + wordml_cell("92%")
        + "</w:tr><w:tr>" + wordml_cell("", "<w:vmerge/>") + wordml_cell("93%") + "</w:tr></w:tbl>"
        + f"<wx:sub-section>{wordml_paragraph(wordml_run(BALANCE))}</wx:sub-section>"
    )
    path = tmp_path / name
    path.write_text(wordml(body, heading), encoding="utf-8")
    document = edusummary.read(path)
    assert document.text.splitlines() == [
        "一、学前教育", PRESCHOOL, "附：\t入园率按在园幼儿数计算", DOC_NOTE,
        "指标\t2023年", "毛入园率\t92%", "毛入园率\t93%", BALANCE,
    ]
    assert (document.format, document.warnings) == ("wordml", ())
    assert spanned(document, document.headings) == ["一、学前教育"]
    assert spanned(document, document.notes) == [DOC_NOTE]
    assert spanned(document, document.table_rows) == [
        "指标\t2023年", "毛入园率\t92%", "毛入园率\t93%"
    ]


def wordml_listed(text, level, ilfo, shown=""):
    """A paragraph of a Word 2003 list: its level and list (w:ilfo), and the number Word
    2003 writes beside them as a hint (wx:t), which the count does not need."""
    hint = f'<wx:t wx:val="{shown}"/>' if shown else ""
    listed = f'<w:listPr><w:ilvl w:val="{level}"/><w:ilfo w:val="{ilfo}"/>{hint}</w:listPr>'
    return wordml_paragraph(wordml_run(text), listed=listed)


def test_word_2003_xml_automatic_numbering_is_read_as_word_shows_it(tmp_path):
    # Its lists were left out: 一、（一）1. had gone from web systems' exports of reports.
    def level(at, text, nfc=None, style=""):
        nfc = f'<w:nfc w:val="{nfc}"/>' if nfc is not None else ""  # none: decimal
        style = f'<w:pStyle w:val="{style}"/>' if style else ""
        return (f'<w:lvl w:ilvl="{at}"><w:start w:val="1"/>{nfc}{style}'
                f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>')

    lists = (
        '<w:listDef w:listDefId="0"><w:plt w:val="Multilevel"/>'
        + level(0, "%1、", 37, style="1") + level(1, "（%2）", 37) + level(2, "%3.")
        + '</w:listDef><w:listDef w:listDefId="1">' + level(0, "·", 23) + "</w:listDef>"
        '<w:list w:ilfo="1"><w:ilst w:val="0"/></w:list>'
        '<w:list w:ilfo="2"><w:ilst w:val="0"/>'
        '<w:lvlOverride w:ilvl="2"><w:startOverride w:val="5"/></w:lvlOverride></w:list>'
        '<w:list w:ilfo="3"><w:ilst w:val="1"/></w:list>'
    )
    # A heading style linked to the list: its paragraphs are numbered at the level that
    # names the style.
    heading = ('<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/>'
               '<w:pPr><w:pStyle w:val="1"/><w:listPr><w:ilfo w:val="1"/></w:listPr></w:pPr>'
               "</w:style>")
    body = (
        wordml_paragraph(wordml_run("古城县教育局2024年工作总结"))
        + wordml_paragraph(wordml_run("主要工作成效"), style="1")
        + wordml_listed("学前教育普惠发展", 1, 1, shown="（一）")
        + wordml_paragraph(wordml_run(PRESCHOOL))
        + wordml_listed("义务教育均衡发展", 1, 1) + wordml_paragraph(wordml_run(BALANCE))
        + wordml_paragraph(wordml_run("存在的问题"), style="1")
        + wordml_listed("城区学校大班额问题仍未根本解决。", 2, 1)
        + wordml_listed("农村教师结构性缺编。", 2, 1)
        + wordml_listed("健全督导机制。", 0, 3)
        + wordml_paragraph(wordml_run("2025年工作打算"), style="1")
        + wordml_listed(TEACHING, 2, 2) + wordml_listed(MORAL, 2, 2)
        # A paragraph of the heading style whose numbering was taken off (list 0).
        + wordml_paragraph(wordml_run("附件"), style="1",
                           listed='<w:listPr><w:ilfo w:val="0"/></w:listPr>')
    )
    path = tmp_path / "总结.doc"
    path.write_text(wordml(body, heading, lists), encoding="utf-8")
    document = edusummary.read(path)
    assert kept(document) == [
        "古城县教育局2024年工作总结",
        "一、主要工作成效", "（一）学前教育普惠发展", PRESCHOOL, "（二）义务教育均衡发展", BALANCE,
        "二、存在的问题", "1.城区学校大班额问题仍未根本解决。", "2.农村教师结构性缺编。",
        "健全督导机制。",
        "三、2025年工作打算", "5." + TEACHING, "6." + MORAL, "附件",
    ]
    assert spanned(document, document.headings) == [
        "一、主要工作成效", "二、存在的问题", "三、2025年工作打算", "附件"
    ]


def test_a_word_2003_xml_document_with_a_doctype_is_refused(tmp_path):
    path = tmp_path / "公文.doc"
    path.write_text(wordml(wordml_paragraph(wordml_run("&x;"))).replace(
        "<w:wordDocument", '<!DOCTYPE w:wordDocument [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<w:wordDocument"
    ), encoding="utf-8")
    message = f"{path}: a Word 2003 XML document with a DOCTYPE"
    with pytest.raises(ReadError, match=re.escape(message)):
        read_wordml_file(path)


@pytest.mark.parametrize("name", ["scan.png", "scan.JPG", "scan.jpeg", "scan.tif", "scan.webp"])
def test_images_are_refused(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(PNG)
    with pytest.raises(ReadError, match=rf"^{re.escape(str(path))}: is an image; run OCR on it"):
        edusummary.read(path)


@pytest.mark.parametrize("name", ["reports.zip", "reports.rar", "reports.7z", "reports.tar.gz"])
def test_archives_are_refused(tmp_path, name):
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("report.txt", PRESCHOOL)
    message = rf"^{re.escape(str(path))}: is an archive; extract the reports first"
    with pytest.raises(ReadError, match=message):
        edusummary.read(path)


def test_png_named_txt_says_what_it_is(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(PNG)
    message = (
        f"{path}: is an image (a PNG image, binary data despite its .txt name); "
        "run OCR on it first"
    )
    with pytest.raises(ReadError, match=f"^{re.escape(message)}$"):
        edusummary.read(path)


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"Rar!\x1a\x07\x01\x00" + bytes(100), "is an archive (a RAR archive"),
        (b"\x1f\x8b\x08\x00" + bytes(100), "is an archive (a gzip archive"),
        (bytes(257) + b"ustar\x0000" + bytes(100), "is an archive (a tar archive"),
        (b"GIF89a" + bytes(100), "is an image (a GIF image"),
    ],
)
def test_other_kinds_named_txt_say_what_they_are(tmp_path, data, what):
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    with pytest.raises(ReadError, match=f"^{re.escape(f'{path}: {what}')}"):
        edusummary.read(path)


def test_zip_named_txt_is_an_archive(tmp_path):
    path = tmp_path / "report.txt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("report.txt", PRESCHOOL)
    with pytest.raises(ReadError, match=re.escape("is an archive (a zip archive, binary data")):
        edusummary.read(path)


def test_docx_named_txt_is_read_as_docx(tmp_path):
    path = write_docx(tmp_path / "report.txt", lambda document: document.add_paragraph(MORAL))
    document = edusummary.read(path)
    assert (document.text, document.format) == (MORAL, "docx")
    assert document.warnings == (
        f"{path}: is a .docx Word document despite its .txt name; read it as such",
    )


def test_pdf_named_doc_is_read_as_pdf(tmp_path):
    path = write_pdf(tmp_path / "report.doc", [[TEACHING]])
    document = edusummary.read(path)
    assert (document.text, document.format) == (TEACHING, "pdf")
    assert document.warnings == (f"{path}: is a PDF file despite its .doc name; read it as such",)


def test_text_xml_and_rtf_after_a_blank_named_doc_are_recognised(tmp_path):
    # All four were refused as "an old Word or WPS format", the text report lost.
    text = tmp_path / "总结.doc"
    text.write_bytes(f"某县教育局2023年工作总结\r\n{PRESCHOOL}\r\n{BALANCE}\r\n".encode("gbk"))
    document = edusummary.read(text)
    assert (document.text.splitlines(), document.format) == (
        ["某县教育局2023年工作总结", PRESCHOOL, BALANCE], "txt"
    )
    assert document.warnings == (f"{text}: is plain text despite its .doc name; read it as such",)

    rtf = tmp_path / "导出.doc"
    rtf.write_bytes(b"\r\n\r\n" + (r"{\rtf1\ansi\ansicpg936\pard " + rtf_bytes(PRESCHOOL)
                                   + r"\par}").encode("ascii"))
    document = edusummary.read(rtf)
    assert (document.text, document.format, document.warnings) == (PRESCHOOL, "rtf", ())

    xml = tmp_path / "公文.doc"
    xml.write_text(wordml(f"<w:p><w:r><w:t>{PRESCHOOL}</w:t></w:r></w:p>"), encoding="utf-8")
    document = edusummary.read(xml)
    assert (document.text, document.format, document.warnings) == (PRESCHOOL, "wordml", ())


def test_web_page_named_doc_is_read_as_html(tmp_path):
    # What "save as web page" in Word gives, and what many sites serve as .doc.
    path = tmp_path / "report.doc"
    path.write_text(page(f"<body><p>{BALANCE}</p></body>", '<meta charset="utf-8">'))
    document = edusummary.read(path)
    assert (document.text, document.format, document.encoding) == (BALANCE, "html", "utf-8")
    assert len(document.warnings) == 1


def test_file_without_suffix_is_read_by_its_content(tmp_path):
    path = write_pdf(tmp_path / "report", [[TEACHING]])
    document = edusummary.read(path)
    assert (document.text, document.format, document.warnings) == (TEACHING, "pdf", ())


def test_a_word_97_doc_named_txt_is_read_as_one(tmp_path):
    path = write_doc(tmp_path / "report.txt", [PRESCHOOL])
    document = edusummary.read(path)
    assert (document.text, document.format) == (PRESCHOOL, "doc")
    assert document.warnings == (
        f"{path}: is an OLE2 Office file despite its .txt name; read it as such",
    )


def test_registered_readers_take_precedence(tmp_path, monkeypatch):
    def read_doc(path):
        return Document("converted", source=str(path), format="doc")

    monkeypatch.setitem(edusummary.reading.READERS, ".doc", read_doc)
    path = tmp_path / "report.doc"
    path.write_bytes(OLE2)
    assert edusummary.read(path).text == "converted"


# --- tagging files of each format --------------------------------------------------------

OUTLINE = [
    ("一、学前教育", LONG_PRESCHOOL, "preschool"),
    ("二、义务教育", LONG_BALANCE, "compulsory_balance"),
    ("三、德育工作", LONG_MORAL, "moral_education"),
]


def assert_tagged_by_outline(report, path, text):
    assert report.source == str(path)
    assert report.text == text
    assert [(p.heading, p.text, p.label) for p in report.paragraphs] == OUTLINE
    for paragraph in report.paragraphs:
        assert report.text[paragraph.start : paragraph.end] == paragraph.text


def test_tag_file_on_a_docx(tmp_path):
    def build(document):
        document.add_heading("关于2023年全县教育工作的报告", level=1)
        for heading, paragraph, _ in OUTLINE:
            document.add_heading(heading, level=2)
            document.add_paragraph(paragraph)

    path = write_docx(tmp_path / "report.docx", build)
    report = edusummary.tag_file(path)
    assert_tagged_by_outline(report, path, edusummary.read(path).whole_text)
    assert report.encoding is None


def test_tag_file_on_a_pdf(tmp_path):
    lines = ["关于2023年全县教育工作的报告"]
    for heading, paragraph, _ in OUTLINE:
        lines += [heading, *wrap(paragraph)]
    pages = [lines[:8], lines[8:]]  # the break falls inside the second paragraph
    path = write_pdf(tmp_path / "report.pdf", pages, footer="- {page} -")
    report = edusummary.tag_file(path)
    assert_tagged_by_outline(report, path, edusummary.read(path).whole_text)


def test_a_reader_registered_after_import_is_used_by_folder_runs(tmp_path, monkeypatch):
    text = "全县新建幼儿园三所，新增学位九百个，学前三年毛入园率达到百分之九十五以上。"

    def read_markdown(path):
        return Document(Path(path).read_text(encoding="utf-8"), source=str(path), format="md")

    monkeypatch.setitem(edusummary.reading.READERS, ".md", read_markdown)
    (tmp_path / "report.md").write_text(text, encoding="utf-8")
    reports = list(edusummary.tag_many(tmp_path, n_jobs=1))
    assert [r.paragraphs[0].label for r in reports] == ["preschool"]


def test_html_cells_left_open_are_still_parted(tmp_path):
    # Old government sites leave <td> open; the parser nests each cell in the one before.
    body = (
        "<body><p>全县深入实施学前教育行动计划，学前教育主要指标见下表。</p><table>"
        "<tr><td>指标<td>2022年<td>2023年<tr><td>学前三年毛入园率<td>90.1%<td>96.2%</table></body>"
    )
    path = tmp_path / "open.html"
    path.write_text(page(body), encoding="utf-8")
    lines = [line for line in edusummary.read(path).text.splitlines() if line]
    assert lines[1:] == ["指标\t2022年\t2023年", "学前三年毛入园率\t90.1%\t96.2%"]


def test_a_word_task_table_keeps_its_short_tasks_and_a_small_table_joins_no_lines(tmp_path):
    tasks = [
        "推进幼小科学衔接，开展幼儿园保教质量评估，全面消除小学化倾向，提升保教质量。",
        "加强幼儿园教师队伍建设，配齐配足保教人员，组织园长和骨干教师全员培训。",
    ]

    def build(document):
        document.add_paragraph("清水县教育局2024年工作总结")
        document.add_paragraph("学前教育普惠水平持续提升")
        document.add_paragraph("全县新建公办幼儿园6所，新增学位1800个，学前三年毛入园率达到96.2%。")
        add_table(document, [("类别", "重点任务", "责任单位")]
                  + [("学前教育", task, "基础教育股") for task in tasks])
        add_table(document, [("学校", "班级数", "学生数")]
                  + [(f"第{n}小学", "24", "1100") for n in "一二三四五六"])

    report = edusummary.tag_file(write_docx(tmp_path / "plan.docx", build))
    headings = ["清水县教育局2024年工作总结", "学前教育普惠水平持续提升"]
    assert [h.text for h in report.headings] == headings
    assert [p.text.split("\t")[1] if "\t" in p.text else p.text[:6] for p in report.paragraphs] == [
        "全县新建公办", *tasks
    ]


def test_word_paragraphs_ending_in_a_comma_stay_apart(tmp_path):
    items = ["——学前三年毛入园率达到97%以上，普惠性幼儿园覆盖率达到92%，",
             "——义务教育巩固率保持在99.5%以上，县域义务教育优质均衡发展通过国家督导评估，"]

    def build(document):
        for item in items:
            document.add_paragraph(item)

    report = edusummary.tag_file(write_docx(tmp_path / "targets.docx", build))
    assert [p.text for p in report.paragraphs] == items


def test_html_rows_left_open_are_read_as_closed_ones(tmp_path):
    task = "开展幼儿园保育教育质量评估，纠正小学化倾向。"
    body = (
        "<body><p>清水县2024年教育重点工作任务分解表</p><table><tr><td>类别<td>重点任务<td>责任单位"
        "<tr><td rowspan=2>学前教育<td>新建公办幼儿园3所，新增学位900个。<td>基教股"
        f"<tr><td>{task}<td>基教股"
        "</table></body>"
    )
    path = tmp_path / "open_rows.html"
    path.write_text(page(body), encoding="utf-8")
    report = edusummary.tag_file(path)
    assert [s.text for s in report.removed] == ["类别\t重点任务\t责任单位"]
    assert report.paragraphs[-1].text == f"学前教育\t{task}\t基教股"


def test_pdf_lines_end_mid_paragraph_at_a_quote_a_bracket_or_a_sentence(tmp_path):
    # Line breaks fall after ”, ） and even 。 in a justified paragraph: only an indented
    # line opens the next one.
    first = (
        "全县中小学开展理想信念教育，参观基地“红色家园”"
        "累计参与学生达到两万余人次，其中乡村学生（含教学点）"
        "同时组织主题班会八百场，学生爱国情怀明显增强，成效。"
        "该项工作获得市级表彰。"
    )
    second = "同时开展幼儿园保教质量评估，评估等级为优秀的幼儿园达到十五所，较上年增加四所。"
    lines = wrap(first) + wrap(second)
    assert [line[-1] for line in lines[:3]] == ["”", "）", "。"]
    path = write_pdf(tmp_path / "margins.pdf", [lines], indent_with_blanks=True)
    assert edusummary.read(path).text.splitlines() == [first, second]


def test_a_pdf_footnote_is_a_note_and_the_paragraph_runs_on_over_it(tmp_path):
    text = (
        "全年交流校长十八名、教师二百三十六名，其中骨干教师占比达到百分之二十五以上，"
        "城乡师资配置更加均衡。"
    )
    lines = wrap(text)
    split = 2
    pages = [[*lines[:split], "① 含中央、省级专项资金"], lines[split:]]
    report = edusummary.tag_file(write_pdf(tmp_path / "footnote.pdf", pages))
    assert [p.text for p in report.paragraphs] == [text]
    assert report.text.splitlines()[-1] == "① 含中央、省级专项资金"


def test_a_letter_spaced_pdf_line_is_read_without_its_blanks(tmp_path):
    spaced = " ".join("全年新建公办幼儿园12所，学前三年毛入园率达到93.6%。")
    text = edusummary.read(write_pdf(tmp_path / "spaced.pdf", [[spaced]])).text
    figures = edusummary.extract_figures(text)
    assert [(f.value, f.unit) for f in figures] == [(12.0, "所"), (93.6, "%")]


def write_ocr_pdf(path, pages, size=14, stamp=None):
    """A searchable PDF as an OCR engine (tesseract, ocrmypdf) writes one over a scan: its
    text invisible (render mode 3), a text object a line, each word drawn where the engine
    found it and scaled (Tz) to fill the box it found, in words the engine split as it
    saw them. ``pages`` holds each page's lines, a line its words, and a line's words, at
    ``(x, words)``, start at ``x`` points from the left edge. A ``stamp`` is drawn visibly
    atop each page, as a portal stamps what it publishes."""
    from reportlab.lib.pagesizes import A4

    pdf = _canvas(path)
    for lines in pages:
        if stamp:
            _draw(pdf, 400, A4[1] - 40, stamp, size=9)
        for row, (x, words) in enumerate(lines):
            drawn = pdf.beginText(x, A4[1] - 90 - 1.75 * size * row)
            drawn.setTextRenderMode(3)
            drawn.setFont("STSong-Light", size)
            for k, word in enumerate(words):
                # The engine's box of a word is rarely its font's: a little wider or narrower.
                drawn.setHorizScale(100 + (7 if k % 2 else -5))
                drawn.textOut(word)
                drawn.moveCursor(size * len(word) * (1.0 if k % 2 else 0.95) + 3, 0)
                drawn.setTextOrigin(*drawn.getCursor())
            pdf.drawText(drawn)
        pdf.showPage()
    pdf.save()
    return path


@pytest.mark.parametrize("stamp", [None, "依申请公开"])
def test_a_pdf_made_searchable_by_ocr_is_read_in_its_lines_order_without_the_engines_blanks(
    tmp_path, stamp
):
    # The OCR engine parts a line into "words" of a few characters, each its own string:
    # read from where they stand, the words of two lines mixed into one, split by tabs
    # as a table's cells, and a blank stood between each two words and in every figure.
    pages = [[
        (160, ["云溪县", "教育局", "2023", "年", "工作", "总结"]),
        (110, ["一", "、", "学前", "教育"]),
        (110, ["全年", "新建", "公办", "幼儿园", "12", "所", "，", "改扩建", "乡镇"]),
        (80, ["中心", "幼儿园", "5", "所", "，", "学前三年", "毛入园率", "达到", "93.6%", "，"]),
        (80, ["普惠性", "幼儿园", "覆盖率", "达到", "88.4%", "。"]),
        (110, ["二", "、", "义务", "教育", "均衡", "发展"]),
        (110, ["全县", "义务教育", "巩固率", "达到", "98.7%", "，", "新增", "学位"]),
        (80, ["1.2", "万", "个", "，", "交流", "校长", "和", "教师", "312", "人", "。"]),
    ]]
    report = edusummary.tag_file(write_ocr_pdf(tmp_path / "scan_ocr.pdf", pages, stamp=stamp))
    assert [p.text for p in report.paragraphs] == [
        "全年新建公办幼儿园12所，改扩建乡镇中心幼儿园5所，学前三年毛入园率达到93.6%，"
        "普惠性幼儿园覆盖率达到88.4%。",
        "全县义务教育巩固率达到98.7%，新增学位1.2万个，交流校长和教师312人。",
    ]
    assert [h.text for h in report.headings] == [
        *([stamp] if stamp else []),
        "云溪县教育局2023年工作总结", "一、学前教育", "二、义务教育均衡发展",
    ]
    figures = edusummary.extract_figures(report.text)
    assert [(f.value, f.unit) for f in figures] == [
        (12.0, "所"), (5.0, "所"), (93.6, "%"), (88.4, "%"), (98.7, "%"), (1.2, "万个"),
        (312.0, "人"),
    ]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("清水县教育局2023年工作总结_清水县人民政府", "清水县教育局2023年工作总结"),
        ("清水县教育局2024年工作要点 - 清水县教育局", "清水县教育局2024年工作要点"),
        ("清水县人民政府", None),  # the site's own name: no title
    ],
)
def test_html_page_title_names_a_report_whose_article_has_no_title_line(
    tmp_path, title, expected
):
    path = tmp_path / "report.html"
    path.write_text(
        f"<html><head><title>{title}</title></head><body><p>{PRESCHOOL}</p></body></html>",
        encoding="utf-8",
    )
    summary = edusummary.tag_file(path).summary()
    assert summary.title == expected
    assert summary.region == ("清水县" if expected else None)


def test_text_read_from_a_web_page_tags_as_the_file_does(tmp_path):
    # A user who reads a page and tags its text must not get the site's menus as paragraphs.
    path = tmp_path / "page.html"
    path.write_text(
        "<html><body><nav><p>首页</p><p>德育工作 | 校园文化 | 家校共育</p></nav>"
        f"<div><p>{PRESCHOOL}</p><p>{BALANCE}</p></div>"
        "<aside><p>热点文章：全县中小学开展主题班会和志愿服务活动</p></aside></body></html>",
        encoding="utf-8",
    )
    document = edusummary.read(path)
    assert "德育工作" not in document.text and "德育工作" in document.furniture_text
    from_text = edusummary.tag(document.text)
    from_file = edusummary.tag_file(path)
    assert [p.text for p in from_text.paragraphs] == [p.text for p in from_file.paragraphs]


def test_a_figures_row_with_a_one_sentence_remark_is_set_aside_in_word_and_web_pages(tmp_path):
    rows = [("学校", "班级数", "学生数", "备注"), ("东岭一小", "36", "1620", ""),
            ("东岭二小", "30", "1350", "新增班级4个。"), ("东岭三小", "24", "1080", "")]

    def build(document):
        document.add_paragraph("一、义务教育")
        add_table(document, rows)
        document.add_paragraph(BALANCE)

    cells = "".join(
        "<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows
    )
    html = tmp_path / "report.html"
    html.write_text(page(f"<body><p>一、义务教育</p><table>{cells}</table><p>{BALANCE}</p></body>"),
                    encoding="utf-8")
    for path in (write_docx(tmp_path / "report.docx", build), html):
        report = edusummary.tag_file(path)
        assert [(p.text, p.heading) for p in report.paragraphs] == [(BALANCE, "一、义务教育")]
        assert "东岭二小" in [
            s.text.split("\t")[0] for s in report.removed if s.reason == "table row"
        ]


@pytest.mark.parametrize("suffix", [".txt", ".html"])
def test_zero_width_characters_are_removed_when_reading(tmp_path, suffix):
    # Copied from WeChat, U+200B stayed inside words: a search of the output for 投入资金
    # missed the row, and the figure's indicator read "投入\u200b资金".
    title = "某县\u200b教育局2023年工作总结"
    body = (
        "\ufeff全年投入\u200b资金一亿两千万元\u2060实施农村学校改薄工程，"
        "完成八所乡镇学校\u200d教学楼建设。"
    )
    if suffix == ".txt":
        text = f"{title}\n{body}\n"
    else:
        footer = "<div class='footer'>主办\u200c单位：某县</div>"
        text = page(f"<body><h1>{title}</h1><p>{body}</p>{footer}</body>")
    path = tmp_path / f"report{suffix}"
    path.write_text(text, encoding="utf-8")
    report = edusummary.tag_file(path)
    assert [h.text for h in report.headings] == ["某县教育局2023年工作总结"]
    assert [p.text for p in report.paragraphs] == [
        "全年投入资金一亿两千万元实施农村学校改薄工程，完成八所乡镇学校教学楼建设。"
    ]
    assert all(report.text[s.start:s.end] == s.text for s in (*report.headings, *report.removed))
    if suffix == ".html":
        assert [s.text for s in report.removed] == ["主办单位：某县"]


@pytest.mark.parametrize(
    ("caption", "note"), [("某县第二幼儿园新建的园舍", True), ("▶ 义务教育", False),
                          ("二、义务教育", False), ("<strong>义务教育优质均衡</strong>", False),
                          ("<strong>学前教育普惠发展</strong>", False),
                          ("<strong>小朋友们在操场上做早操</strong>", True),
                          ("<strong>全县师生在行动</strong>", False),
                          ("<strong>孩子们在户外快乐奔跑</strong>", True),
                          ("<strong>学生在认真听讲</strong>", True),
                          ("<b>图为教师开展集体备课</b>", True)]
)
def test_html_a_line_under_a_picture_is_its_caption_not_a_heading(tmp_path, caption, note):
    # A WeChat photo's caption headed every paragraph below it, to the article's end.
    body = (
        f'<body><div id="js_content"><p>{PRESCHOOL}</p><p style="text-align:center">'
        f'<img src="photo.jpg"></p><p style="text-align:center"><span>{caption}</span></p>'
        f"<p>{BALANCE}</p><p>{MORAL}</p></div></body>"
    )
    path = tmp_path / "wechat.html"
    path.write_text(page(body), encoding="utf-8")
    report = edusummary.tag_file(path)
    assert [p.text for p in report.paragraphs] == [PRESCHOOL, BALANCE, MORAL]
    line = re.sub("<[^>]+>", "", caption)
    if note:  # a bold caption too: it says what the picture shows
        assert [(s.text, s.reason) for s in report.removed] == [(line, "note")]
        assert [p.heading for p in report.paragraphs] == [None, None, None]
    else:  # a heading under a banner picture, bulleted, numbered or a bold name, stays one
        assert [p.heading for p in report.paragraphs] == [None, line, line]
