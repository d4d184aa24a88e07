"""OFD reports (.ofd): read as the PDF reader reads the same layout."""

from __future__ import annotations

import itertools
import zipfile

import pytest
from _ofd_writer import (
    LEFT,
    LINE_CHARS,
    PITCH,
    SIZE,
    TOP,
    Composite,
    Image,
    Outline,
    Text,
    centred,
    characters,
    damage,
    place,
    rezip,
    spread,
    table_row,
    width,
    write_ofd,
)

import edusummary
from edusummary.batch.files import find_reports
from edusummary.cli import main
from edusummary.errors import ReadError
from edusummary.reading import read_ofd_file

TITLE = "清河县教育局2024年上半年工作报告"
HEADER = "清河县教育局"
#: Written for these tests: a county bureau's report, its paragraphs as lines of a page.
ENROLMENT = (
    "上半年，全县新建城东幼儿园和河西幼儿园两所公办园，改扩建乡镇中心幼儿园四所，新增公办学位"
    "九百六十个，学前三年毛入园率达到百分之九十三，普惠性幼儿园覆盖率提高到百分之八十八。"
)
BALANCE = (
    "统筹推进城乡义务教育一体化发展，完成九所农村薄弱学校的校舍改造，新建学生宿舍楼两栋，"
    "城区学校大班额全部消除，城乡学校在办学条件和师资配备上的差距进一步缩小。"
)
TEACHERS = (
    "实施乡村教师支持计划，招聘特岗教师四十二名，组织城区骨干教师到乡村学校支教一年，"
    "开展全员培训三千余人次，教师队伍结构不断优化。"
)


def wrap(paragraph: str) -> list[str]:
    """A paragraph's lines, set with a first-line indent of two characters."""
    text = "　　" + paragraph
    return [text[i : i + LINE_CHARS] for i in range(0, len(text), LINE_CHARS)]


def report_pages(numbered: bool = True) -> list[list]:
    """A two-page report: its title, an outline heading, a sub-heading over a paragraph,
    another heading over a paragraph broken over the page, a page number at each foot."""
    balance = wrap(BALANCE)
    first = [
        centred(TITLE, TOP, 7.7),
        *place(["一、学前教育", "（一）扩大普惠资源", *wrap(ENROLMENT), "二、义务教育",
                *balance[:2]], top=TOP + 2 * PITCH),
    ]
    second = place([*balance[2:], "三、教师队伍建设", *wrap(TEACHERS)])
    if numbered:
        first.append(centred("— 1 —", 280))
        second.append(centred("— 2 —", 280))
    return [first, second]


def header() -> list[Text]:
    return [centred(HEADER, 20, 3.7)]


def test_a_two_page_ofd_report_is_read_as_its_paragraphs(tmp_path):
    path = write_ofd(tmp_path / "报告.ofd", report_pages(), template=header())
    document = edusummary.read(path)
    assert document.format == "ofd"
    assert document.encoding is None and document.warnings == ()
    assert document.text.rstrip("\n").splitlines() == [
        TITLE, "一、学前教育", "（一）扩大普惠资源", ENROLMENT, "二、义务教育", BALANCE,
        "三、教师队伍建设", TEACHERS,
    ]
    # The template's running header, and the page numbers placed on the pages.
    assert document.furniture_text.split("\n") == [HEADER, HEADER, "— 1 —", "— 2 —"]


def test_an_ofd_report_is_tagged_its_furniture_removed_and_headings_kept(tmp_path):
    path = write_ofd(tmp_path / "报告.ofd", report_pages(), template=header())
    report = edusummary.tag_file(path)
    assert [p.text for p in report.paragraphs] == [ENROLMENT, BALANCE, TEACHERS]
    assert all(p.label in edusummary.LABELS for p in report.paragraphs)
    assert report.paragraphs[0].label == "preschool"
    assert [h.text for h in report.headings] == [
        TITLE, "一、学前教育", "（一）扩大普惠资源", "二、义务教育", "三、教师队伍建设",
    ]
    assert [s.text for s in report.removed] == [HEADER, HEADER, "— 1 —", "— 2 —"]
    for removed in report.removed:
        assert report.text[removed.start : removed.end] == removed.text
        assert removed.reason == "page furniture: a running header or footer, or a page number"


@pytest.mark.parametrize(
    "options",
    [
        {"prefix": None},
        {"prefix": "o"},
        {"absolute": True},
        {"blocks": True},
        {"documents": [1, 1]},
        {"compress": False},
    ],
    ids=["no-prefix", "other-prefix", "absolute-paths", "page-blocks", "two-documents",
         "plain-deltas"],
)
def test_how_a_producer_writes_the_package_changes_nothing_read(tmp_path, options):
    expected = edusummary.read(write_ofd(tmp_path / "a.ofd", report_pages(), template=header()))
    path = write_ofd(tmp_path / "b.ofd", report_pages(), template=header(), **options)
    document = edusummary.read(path)
    assert (document.text, document.furniture_text) == (expected.text, expected.furniture_text)


def test_text_placed_through_a_scaling_ctm_stands_where_it_would_without(tmp_path):
    # Some producers set text at half its size and scale it up by the object's matrix.
    scaled = [
        [Text(t.x, t.y, t.text, t.size * 2, ctm=(0.5, 0, 0, 0.5, 0, 0)) for t in page]
        for page in report_pages()
    ]
    expected = edusummary.read(write_ofd(tmp_path / "a.ofd", report_pages()))
    assert edusummary.read(write_ofd(tmp_path / "b.ofd", scaled)).text == expected.text


@pytest.mark.parametrize(
    "turned", [{"ctm": (0, 1, -1, 0, 0, 0)}, {"read_direction": 90}], ids=["ctm", "read-direction"]
)
def test_an_ofd_page_of_turned_text_is_read_as_drawn(tmp_path, turned):
    # As the PDF reader takes a page of turned text: no layout to read, its text as drawn.
    lines = ["督导检查意见反馈", "各学校要对照问题清单逐项整改。"]
    page = [Text(LEFT, TOP + PITCH * row, line, **turned) for row, line in enumerate(lines)]
    assert edusummary.read(write_ofd(tmp_path / "a.ofd", [page])).text.split() == lines


TURNED_REASON = "page furniture: turned text, such as a watermark or a note in the margin"
#: A diagonal watermark, and a 装订线 set down the margin, on a page of straight lines.
WATERMARK = Text(40, 160, "内部资料注意保存", 12, ctm=(0.707, -0.707, 0.707, 0.707, 0, 30))
MARGIN = Text(10, 150, "装订线", 4, read_direction=90)


@pytest.mark.parametrize("per_character", [False, True], ids=["lines", "characters"])
@pytest.mark.parametrize("turned", [WATERMARK, MARGIN], ids=["watermark", "margin"])
def test_turned_text_on_a_page_of_straight_lines_is_furniture(tmp_path, turned, per_character):
    # One object per character: the page read as drawn ran each heading into its paragraph.
    pages = report_pages()
    if per_character:
        pages = [characters(page) for page in pages]
    expected = edusummary.tag_file(write_ofd(tmp_path / "a.ofd", pages))
    report = edusummary.tag_file(write_ofd(tmp_path / "b.ofd", [[*pages[0], turned], pages[1]]))
    assert [p.text for p in report.paragraphs] == [p.text for p in expected.paragraphs]
    assert [h.text for h in report.headings] == [h.text for h in expected.headings]
    assert (turned.text, TURNED_REASON) in {(s.text, s.reason) for s in report.removed}


@pytest.mark.parametrize(
    "ctm", [(1, 1e-5, -1e-5, 1, 0, 0), (1, 0, -0.21, 1, 0, 0)], ids=["noise", "italic"]
)
def test_float_noise_or_a_slant_in_a_text_matrix_is_no_turn(tmp_path, ctm):
    # A slant is the italic Word and WPS draw for a Chinese font without one: its lines
    # had been set aside as turned text.
    pages = [[t._replace(ctm=ctm) for t in characters(page)] for page in report_pages()]
    expected = edusummary.read(write_ofd(tmp_path / "a.ofd", report_pages()))
    assert edusummary.read(write_ofd(tmp_path / "b.ofd", pages)).text == expected.text


def test_a_page_mostly_of_turned_text_with_a_straight_line_is_read_as_drawn(tmp_path):
    # A landscape table's page, turned, under a straight note.
    lines = ["督导检查意见反馈", "各学校要对照问题清单逐项整改。"]
    page = [Text(LEFT, TOP + PITCH * row, line, read_direction=90)
            for row, line in enumerate(lines)]
    path = write_ofd(tmp_path / "a.ofd", [[*page, Text(LEFT, 270, "此页横排。")]])
    assert edusummary.read(path).text.split() == [*lines, "此页横排。"]


def test_text_drawn_as_glyphs_without_characters_is_a_warning_naming_its_page(tmp_path):
    # A converter from PDF embedded the font without character codes: the paragraph under
    # the heading shows on screen, and holds no text.
    glyph_lines = [t._replace(glyphs=True) for t in place(wrap(BALANCE), top=TOP + PITCH)]
    pages = [place(["一、学前教育", *wrap(ENROLMENT)]), [*place(["二、义务教育"]), *glyph_lines]]
    document = edusummary.read(write_ofd(tmp_path / "a.ofd", pages))
    assert ENROLMENT in document.text and "统筹" not in document.text
    assert document.warnings == (
        f"{tmp_path / 'a.ofd'}: text on page(s) 2 may be missing: drawn as glyphs without "
        "characters; run OCR on it",
    )


def test_an_ofd_of_glyphs_without_characters_only_says_so(tmp_path):
    page = [t._replace(glyphs=True) for t in place(wrap(BALANCE))]
    with pytest.raises(ReadError, match=r"only glyphs drawn without characters.*run OCR"):
        edusummary.read(write_ofd(tmp_path / "a.ofd", [page]))


def test_characters_set_down_a_column_are_rows_of_their_own(tmp_path):
    # A form's label set down its cell, as a PDF places each of its characters.
    page = [*place(["　　各校上报的材料如下。"]), Text(LEFT, TOP + PITCH, "备注", down=True)]
    text = edusummary.read(write_ofd(tmp_path / "a.ofd", [page])).text
    assert text.split() == ["各校上报的材料如下。", "备", "注"]


def draw_pdf(path, items):
    """Draw a page of ``items`` (:class:`Text`, in mm from the top left) in a PDF as Word
    draws them: a line a text object, a table's cell a text object of its own, a title
    spread with blanks a line holding them."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    points = 72 / 25.4
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for item in items:
        cells = item if isinstance(item, list) else [item]
        for cell in cells:
            drawn = pdf.beginText(cell.x * points, A4[1] - cell.y * points)
            drawn.setFont("STSong-Light", cell.size * points)
            drawn.textOut(cell.text)
            pdf.drawText(drawn)
    pdf.showPage()
    pdf.save()
    return path


def test_a_table_row_and_a_spread_title_read_as_in_a_pdf_of_the_same_layout(tmp_path):
    columns = [42.0, 36.0, 36.0, 36.0]
    rows = [["乡镇", "项目", "投资万元", "进度"], ["城关镇", "教学楼", "1260", "85%"],
            ["河西乡", "学生宿舍", "640", "60%"]]
    title, subtitle = "全年新建项目进展", "情况通报"
    # A title spread with a half-width blank after each character: in the OFD the blanks
    # are in the advances, or characters of the code; a table's row is one code whose
    # advances jump to each cell's column.
    ofd_items = [
        spread(LEFT + 30, TOP, title, 1.5 * SIZE),
        Text(LEFT + 50, TOP + PITCH, " ".join(subtitle), deltas=(SIZE, SIZE / 2) * 3),
        *place(["　　全县上半年各乡镇学校建设项目的进展情况如下表所示。"], top=TOP + 2 * PITCH),
        *(table_row(LEFT, TOP + (3 + k) * PITCH, row, columns) for k, row in enumerate(rows)),
    ]
    pdf_items = [
        Text(LEFT + 30, TOP, " ".join(title)),
        Text(LEFT + 50, TOP + PITCH, " ".join(subtitle)),
        *place(["　　全县上半年各乡镇学校建设项目的进展情况如下表所示。"], top=TOP + 2 * PITCH),
        *(
            [Text(LEFT + sum(columns[:c]), TOP + (3 + k) * PITCH, cell)
             for c, cell in enumerate(row)]
            for k, row in enumerate(rows)
        ),
    ]
    ofd = edusummary.read(write_ofd(tmp_path / "a.ofd", [ofd_items]))
    pdf = edusummary.read(draw_pdf(tmp_path / "a.pdf", pdf_items))
    lines = ofd.text.rstrip("\n").splitlines()
    assert lines == pdf.text.rstrip("\n").splitlines()
    assert lines[0] == title
    assert lines[-3:] == ["\t".join(row) for row in rows]


@pytest.mark.parametrize("size_name", ["Size", "size"])
def test_small_type_whose_size_attribute_is_in_lower_case_keeps_its_rows(tmp_path, size_name):
    # easyofd writes a text object's size as "size": read as the default 3.7 mm, taller
    # than these 2 mm rows stand apart, a table's rows were run together a column a line
    # (学段小学初中 学校数4819 ...).
    rows = [["学段", "学校数", "在校生"], ["小学", "48", "31250"], ["初中", "19", "15630"]]
    cells = [
        Text(LEFT + 18 * column, TOP + 3.5 * row, cell, size=2.0)
        for row, cells in enumerate(rows) for column, cell in enumerate(cells)
    ]
    path = write_ofd(tmp_path / "报告.ofd", [cells], size_name=size_name)
    assert edusummary.read(path).text.rstrip("\n").splitlines() == [
        "\t".join(row) for row in rows
    ]


@pytest.mark.parametrize("drawn", ["ofd-line", "ofd-character", "pdf"])
def test_a_heading_drawn_twice_to_look_bold_is_read_once(tmp_path, drawn):
    # A producer's bold for a font without one: the heading again, 0.2 mm to the right.
    # The table's two cells of one figure side by side both stay.
    heading = Text(LEFT + 2 * SIZE, TOP, "一、扩大普惠性学前教育资源")
    lines = [heading, heading._replace(x=heading.x + 0.2)]
    if drawn == "ofd-character":
        lines = characters(lines)
    lines += place(wrap(ENROLMENT), top=TOP + PITCH)
    columns, top = [42.0, 36.0, 36.0], TOP + 6 * PITCH
    rows = [["乡镇", "新建园", "改扩建园"], ["城关镇", "2", "2"], ["河西乡", "1", "3"]]
    if drawn == "pdf":
        table = [
            [Text(LEFT + sum(columns[:c]), top + k * PITCH, cell) for c, cell in enumerate(row)]
            for k, row in enumerate(rows)
        ]
        path = draw_pdf(tmp_path / "a.pdf", [*lines, *table])
    else:
        table = [table_row(LEFT, top + k * PITCH, row, columns) for k, row in enumerate(rows)]
        path = write_ofd(tmp_path / "a.ofd", [[*lines, *table]])
    assert edusummary.read(path).text.rstrip("\n").splitlines() == [
        "一、扩大普惠性学前教育资源", ENROLMENT, *("\t".join(row) for row in rows)
    ]


@pytest.mark.parametrize("drawn", ["ofd", "pdf"])
def test_a_table_of_figures_centred_in_their_cells_is_read_a_row_a_line(tmp_path, drawn):
    # As Word and WPS set a table of figures: each cell centred in its column, so that the
    # one-digit figures of a column start at one x, as a right column's lines would.
    rows = [["乡镇", "幼儿园", "小学", "初中", "高中"], ["城关镇", "10", "5", "2", "0"],
            ["河西乡", "11", "6", "3", "1"], ["柳林乡", "12", "7", "4", "0"]]
    edges = [LEFT, LEFT + 40, LEFT + 70, LEFT + 100, LEFT + 130, LEFT + 160]
    table = [
        Text((left + right - sum(map(width, cell))) / 2, TOP + (2 + k) * PITCH, cell)
        for k, row in enumerate(rows)
        for (left, right), cell in zip(itertools.pairwise(edges), row, strict=True)
    ]
    items = [*place(["　　全县各乡镇学校数如下表。"]), *table]
    if drawn == "pdf":
        path = draw_pdf(tmp_path / "a.pdf", items)
    else:
        path = write_ofd(tmp_path / "a.ofd", [items])
    assert edusummary.read(path).text.rstrip("\n").splitlines() == [
        "全县各乡镇学校数如下表。", *("\t".join(row) for row in rows)
    ]


@pytest.mark.parametrize("drawn", ["ofd", "pdf"])
def test_a_tables_rows_whose_cells_fill_wide_columns_are_read_a_row_a_line(tmp_path, drawn):
    # Each cell as wide as its column, an em short of the next: the rows had been taken
    # for the lines of one row whose every cell wrapped, and read as one row.
    rows = [["学校名称及类别", "所在乡镇及村组", "在校学生总人数", "专任教师总人数"],
            ["城关第一小学校", "城关镇东街社区", "一千二百零五人", "八十六人含代课"],
            ["东河中心小学校", "东河镇南村二组", "九百五十二人整", "六十二人含代课"]]
    lines = ["　　全县义务教育学校基本情况见下表，各校在校学生和专任教师数量如下，", "请各校核对。"]
    # A row one code whose advances jump to each cell's column, or a cell a text object.
    table = [
        table_row(LEFT, TOP + PITCH * (2 + k), row, [8 * SIZE] * 4) if drawn == "ofd" else
        [Text(LEFT + 8 * SIZE * c, TOP + PITCH * (2 + k), cell) for c, cell in enumerate(row)]
        for k, row in enumerate(rows)
    ]
    path = write_page(tmp_path, drawn, [*place(lines), *table])
    assert edusummary.read(path).text.rstrip("\n").splitlines() == [
        "".join(lines).lstrip("　"), *("\t".join(row) for row in rows)
    ]


def write_page(tmp_path, drawn: str, items: list) -> object:
    """``items`` on a page of an OFD, or of a PDF, as ``drawn`` says."""
    if drawn == "pdf":
        return draw_pdf(tmp_path / "a.pdf", items)
    return write_ofd(tmp_path / "a.ofd", [items])


@pytest.mark.parametrize("drawn", ["ofd", "pdf"])
def test_a_bordered_forms_rows_a_centimetre_apart_are_a_tables(tmp_path, drawn):
    # 12 pt text in rows 10 mm high, 2.4 ems apart: the rows of a table, not words parted
    # by blanks, nor the heading of the paragraph below.
    size, columns = 4.2, [LEFT, LEFT + 20, LEFT + 52, LEFT + 92, LEFT + 132]
    rows = [["序号", "学校", "班级数", "在校生", "巩固率"],
            ["1", "城关一小", "36", "1620", "99.1%"], ["2", "河西小学", "12", "480", "98.6%"],
            ["3", "柳林小学", "8", "302", "98.0%"]]
    table = [
        Text(x, TOP + 12 + 10 * k, cell, size)
        for k, row in enumerate(rows)
        for x, cell in zip(columns, row, strict=True)
    ]
    items = [Text(LEFT, TOP, "表2　各小学基本情况", size), *table,
             *place(wrap(BALANCE), top=TOP + 60)]
    document = edusummary.read(write_page(tmp_path, drawn, items))
    assert document.text.rstrip("\n").splitlines() == [
        "表2　各小学基本情况", *("\t".join(row) for row in rows), BALANCE
    ]
    report = edusummary.tag_file(document.source)
    assert [p.text for p in report.paragraphs] == [BALANCE]
    assert report.paragraphs[0].heading is None


@pytest.mark.parametrize("drawn", ["ofd", "pdf"])
def test_a_title_spread_wide_on_lines_far_apart_is_no_table(tmp_path, drawn):
    # A cover's title, each character a text object two ems from the next, its lines
    # 2.4 ems apart, over the bureau's name and the date, set right.
    title = ["清河县教育事业", "第十四个五年", "发展规划纲要"]
    spread_out = [
        Text(LEFT + 20 + 2 * SIZE * k, TOP + 2.4 * SIZE * row, char)
        for row, line in enumerate(title)
        for k, char in enumerate(line)
    ]
    signature = [Text(120, TOP + 60 + 2.4 * SIZE * row, line)
                 for row, line in enumerate(["清河县教育局", "二〇二一年六月"])]
    document = edusummary.read(write_page(tmp_path, drawn, [*spread_out, *signature]))
    assert "\t" not in document.text
    assert "".join(document.text.split()) == "".join([*title, "清河县教育局", "二〇二一年六月"])


@pytest.mark.parametrize("drawn", ["ofd", "pdf"])
def test_a_footnote_mark_set_as_a_superscript_stays_in_its_line(tmp_path, drawn):
    # ① at 0.6 size, raised 0.4 em after 九十三: the paragraph stays whole, the mark in it;
    # the footnote set small at the page's foot is still a footnote.
    lines = wrap(ENROLMENT)
    row = next(k for k, line in enumerate(lines) if "九十三" in line)
    line = lines[row].lstrip("　")
    cut = line.index("九十三") + 3
    x = LEFT + SIZE * (len(lines[row]) - len(line))
    y = TOP + PITCH * (row + 1)
    mark = Text(x + SIZE * cut, y - 0.4 * SIZE, "①", 0.6 * SIZE)
    items = [
        *place(["一、学前教育", *lines[:row]]),
        Text(x, y, line[:cut]), mark, Text(mark.x + 0.6 * SIZE, y, line[cut:]),
        *place(lines[row + 1 :], top=y + PITCH),
        Text(LEFT, 270, "①入园率按在园幼儿数除以三至五岁适龄人口数计算。", 3.7),
    ]
    document = edusummary.read(write_page(tmp_path, drawn, items))
    assert document.text.rstrip("\n").splitlines() == [
        "一、学前教育", ENROLMENT.replace("九十三", "九十三①"),
        "①入园率按在园幼儿数除以三至五岁适龄人口数计算。",
    ]
    assert len(document.notes) == 1


@pytest.mark.parametrize("drawn", ["ofd", "pdf"])
def test_headings_at_the_margin_of_a_narrow_column_stay_apart_from_their_paragraphs(
    tmp_path, drawn
):
    # A page in two columns 13 characters wide: a heading of 10 is nearly as wide as the
    # column, and had run on into the indented first line below it.
    sections = [
        ("一、扩大普惠资源", ENROLMENT), ("二、推进城乡均衡发展", BALANCE),
        ("三、建强教师队伍", TEACHERS),
        ("四、深化课程改革",
         "全县中小学全面实施新课程方案，评选县级优质课一百二十节，组建学科教研共同体十八个。"),
    ]
    chars = 13

    def column(parts: list[tuple[str, str]], x: float) -> list[Text]:
        lines = []
        for heading, paragraph in parts:
            text = "　　" + paragraph
            lines += [heading, *(text[at : at + chars] for at in range(0, len(text), chars))]
        return [
            Text(x + SIZE * (len(line) - len(line.lstrip("　"))), TOP + 9 * row,
                 line.lstrip("　"))
            for row, line in enumerate(lines)
        ]

    items = [*column(sections[:2], LEFT), *column(sections[2:], LEFT + 82)]
    document = edusummary.read(write_page(tmp_path, drawn, items))
    assert document.text.rstrip("\n").splitlines() == [line for part in sections for line in part]


@pytest.mark.parametrize("drawn", ["ofd", "pdf"])
def test_a_list_with_a_hanging_indent_keeps_its_items_whole(tmp_path, drawn):
    # Each item's number at the margin, its lines below set in: no heading over a paragraph,
    # not even an item of two lines ending in ；, over the next item.
    items = [
        "1.新建城东幼儿园和河西幼儿园两所公办园，改扩建乡镇中心幼儿园四所，新增公办学位九百"
        "六十个，学前三年毛入园率达到百分之九十三，普惠性幼儿园覆盖率提高到百分之八十八。",
        "2.完成九所农村薄弱学校的校舍改造，新建学生宿舍楼两栋，城区学校大班额全部消除；",
        "3.招聘特岗教师四十二名，组织城区骨干教师到乡村学校支教一年，开展全员培训三千余人次。",
    ]
    lines = []
    for item in items:
        lines += [item[:LINE_CHARS]] + [
            "　" + item[at : at + LINE_CHARS - 1]
            for at in range(LINE_CHARS, len(item), LINE_CHARS - 1)
        ]
    items_drawn = place([*wrap(BALANCE), *lines, *wrap(TEACHERS)])
    document = edusummary.read(write_page(tmp_path, drawn, items_drawn))
    assert document.text.rstrip("\n").splitlines() == [BALANCE, *items, TEACHERS]


def test_an_ofd_saved_as_zip_or_without_a_suffix_is_read_as_an_ofd(tmp_path):
    expected = edusummary.read(write_ofd(tmp_path / "a.ofd", report_pages())).text
    for name in ("报告.zip", "报告"):
        document = edusummary.read(write_ofd(tmp_path / name, report_pages()))
        assert (document.format, document.text) == ("ofd", expected)
    assert "is an OFD document despite its .zip name" in edusummary.read(
        tmp_path / "报告.zip"
    ).warnings[0]


def test_a_folder_of_ofd_reports_is_tagged(tmp_path, capsys):
    folder = tmp_path / "公文"
    folder.mkdir()
    for name in ("一季度.ofd", "二季度.OFD"):
        write_ofd(folder / name, report_pages(), template=header())
    assert sorted(find_reports([folder])) == sorted(str(p) for p in folder.iterdir())
    out = tmp_path / "out.csv"
    assert main(["tag", str(folder), "-o", str(out), "-q"]) == 0
    text = out.read_text(encoding="utf-8-sig")
    assert text.count(ENROLMENT) == 2 and HEADER + "," not in text


def test_read_ofd_file_is_exported():
    assert edusummary.reading.READERS[".ofd"] is read_ofd_file
    assert "read_ofd_file" in edusummary.reading.__all__


# --- what cannot be read -----------------------------------------------------------------


def test_a_file_named_ofd_that_is_no_zip_is_not_a_readable_ofd(tmp_path):
    path = tmp_path / "报告.ofd"
    path.write_bytes(b"PK\x03\x04" + bytes(200))
    with pytest.raises(ReadError, match=r"报告\.ofd: not a readable OFD"):
        edusummary.read(path)
    path.write_text("不是公文", encoding="utf-8")
    with pytest.raises(ReadError, match=r"报告\.ofd: not a readable OFD"):
        edusummary.read(path)


@pytest.mark.parametrize("in_zip", [False, True], ids=["broken-off-xml", "zeroed-bytes"])
@pytest.mark.parametrize(("member", "said"), [
    ("OFD.xml", r" \(.*\); "),
    # Without its Document.xml, which names the pages, no page can be found.
    ("Doc_0/Document.xml", r": no page could be read, Doc_0/Document\.xml, which name\(s\) the "
                           r"pages of a document, being damaged; "),
])
def test_a_damaged_package_part_is_not_a_readable_ofd(tmp_path, member, said, in_zip):
    path = write_ofd(tmp_path / "报告.ofd", report_pages())
    damage(path, member, in_zip=in_zip)
    with pytest.raises(ReadError, match=rf"报告\.ofd: not a readable OFD{said}download or copy"):
        edusummary.read(path)


def test_the_documents_beside_a_damaged_one_are_read(tmp_path):
    path = write_ofd(tmp_path / "报告.ofd", three_pages(), documents=[1, 2])
    damage(path, "Doc_0/Document.xml")
    document = edusummary.read(path)
    assert document.text.rstrip("\n").splitlines() == [BALANCE, TEACHERS]
    assert document.warnings == (
        f"{path}: Doc_0/Document.xml damaged (broken off or altered): the pages it names were "
        "not read; the other documents were read. For the whole text, download or copy it "
        "again, or ask its sender for an undamaged one",
    )


def three_pages() -> list[list]:
    return [place(wrap(ENROLMENT)), place(wrap(BALANCE)), place(wrap(TEACHERS))]


@pytest.mark.parametrize("in_zip", [False, True], ids=["broken-off-xml", "zeroed-bytes"])
def test_a_damaged_page_is_named_and_the_other_pages_read(tmp_path, in_zip):
    path = write_ofd(tmp_path / "报告.ofd", three_pages())
    damage(path, "Doc_0/Pages/Page_1/Content.xml", in_zip=in_zip)
    document = edusummary.read(path)
    assert document.text.rstrip("\n").splitlines() == [ENROLMENT, TEACHERS]
    # Not also a page without text.
    assert document.warnings == (
        f"{path}: page(s) 2 (Doc_0/Pages/Page_1/Content.xml) damaged (broken off or "
        "altered) and not read; the other pages were read. For the whole text, download or "
        "copy it again, or ask its sender for an undamaged one",
    )


def test_damaged_pages_are_named_in_one_warning(tmp_path):
    pages = [*three_pages(), place(wrap(ENROLMENT))]
    path = write_ofd(tmp_path / "报告.ofd", pages, documents=[2, 2])
    damage(path, "Doc_0/Pages/Page_0/Content.xml")
    damage(path, "Doc_1/Pages/Page_0/Content.xml", in_zip=True)
    document = edusummary.read(path)
    assert document.text.rstrip("\n").splitlines() == [BALANCE, ENROLMENT]
    [warning] = document.warnings
    assert warning.startswith(
        f"{path}: page(s) 1 (Doc_0/Pages/Page_0/Content.xml), 3 "
        "(Doc_1/Pages/Page_0/Content.xml) damaged"
    )


def test_an_ofd_whose_every_page_is_damaged_or_missing_is_not_readable(tmp_path):
    path = write_ofd(tmp_path / "报告.ofd", three_pages(), missing=(3,))
    damage(path, "Doc_0/Pages/Page_0/Content.xml")
    damage(path, "Doc_0/Pages/Page_1/Content.xml", in_zip=True)
    with pytest.raises(ReadError, match=(
        r"报告\.ofd: not a readable OFD: no page could be read, page\(s\) 1 "
        r"\(Doc_0/Pages/Page_0/Content\.xml\), 2 \(Doc_0/Pages/Page_1/Content\.xml\) being "
        r"damaged and the others missing; download or copy it again"
    )):
        edusummary.read(path)


def test_a_page_whose_template_is_damaged_is_read_without_it(tmp_path):
    path = write_ofd(tmp_path / "报告.ofd", report_pages(), template=header())
    damage(path, "Doc_0/Tpls/Tpl_0/Content.xml")
    document = edusummary.read(path)
    assert document.text == edusummary.read(
        write_ofd(tmp_path / "a.ofd", report_pages(), template=header())
    ).text
    assert document.furniture_text.split("\n") == ["— 1 —", "— 2 —"]
    assert document.warnings == (
        f"{path}: template page(s) damaged and not read: Doc_0/Tpls/Tpl_0/Content.xml, "
        "used by page(s) 1, 2; those pages were read without them, and a running header "
        "or footer drawn there is missing from the furniture",
    )


def composed_title(ctm: tuple[float, ...] | None = None) -> list[list]:
    """:func:`report_pages` with the title drawn as a composite graphic unit, through
    ``ctm`` (a scale)."""
    first, second = report_pages()
    scale = ctm[0] if ctm else 1
    title = first[0]
    drawn = title._replace(x=title.x / scale, y=title.y / scale, size=title.size / scale)
    return [[Composite(0, 0, [drawn], ctm), *first[1:]], second]


@pytest.mark.parametrize("ctm", [None, (0.5, 0, 0, 0.5, 0, 0)], ids=["unscaled", "scaled"])
def test_text_a_composite_object_draws_is_read_where_it_stands(tmp_path, ctm):
    # Some producers draw what recurs (an issuer's red heading) as a composite graphic unit
    # of the document's resources: its text was not read at all.
    expected = edusummary.read(write_ofd(tmp_path / "a.ofd", report_pages(), template=header()))
    path = write_ofd(tmp_path / "b.ofd", composed_title(ctm), template=header())
    document = edusummary.read(path)
    assert document.text == expected.text
    assert document.text.startswith(TITLE + "\n")
    assert document.furniture_text == expected.furniture_text


def test_a_damaged_resource_file_costs_the_text_of_its_composite_objects_only(tmp_path):
    path = write_ofd(tmp_path / "报告.ofd", composed_title(), template=header())
    damage(path, "Doc_0/DocumentRes.xml")
    document = edusummary.read(path)
    assert document.text.split("\n")[:2] == ["一、学前教育", "（一）扩大普惠资源"]
    assert document.warnings == (
        f"{path}: resource file(s) Doc_0/DocumentRes.xml damaged: the text drawn from them "
        "(composite graphics) on page(s) 1 was not read; the rest was. For the whole text, "
        "download or copy it again, or ask its sender for an undamaged one",
    )


@pytest.mark.parametrize("in_zip", [False, True], ids=["broken-off-xml", "zeroed-bytes"])
def test_a_damaged_resource_file_loses_no_text(tmp_path, in_zip):
    # The reader takes no metrics from the fonts it lists (it guesses a character's width
    # as the layout does), and no composite object draws from it, so the text is read
    # whole, and no warning is owed.
    expected = edusummary.read(write_ofd(tmp_path / "a.ofd", report_pages()))
    path = write_ofd(tmp_path / "报告.ofd", report_pages())
    damage(path, "Doc_0/PublicRes.xml", in_zip=in_zip)
    document = edusummary.read(path)
    assert document.text == expected.text
    assert document.warnings == ()


def test_an_ofd_without_its_entry_file_says_what_is_missing(tmp_path):
    path = tmp_path / "报告.ofd"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("Doc_0/Document.xml", "<Document/>")
    with pytest.raises(ReadError, match=r"not a readable OFD: the package has no OFD\.xml"):
        edusummary.read(path)


def test_member_names_written_with_backslashes_are_read(tmp_path):
    # As some Windows zippers write a folder's members: Doc_0\Document.xml.
    path = write_ofd(tmp_path / "a.ofd", report_pages(), template=header())
    copy = rezip(path, tmp_path / "b.ofd", lambda name: name.replace("/", "\\"))
    assert edusummary.read(copy).text == edusummary.read(path).text


@pytest.mark.parametrize("suffix", [".ofd", ".zip"])
def test_a_package_zipped_inside_its_folder_is_read_from_it(tmp_path, suffix):
    # Unzipped into a folder, then the folder zipped: 清教发〔2024〕7号/OFD.xml, ...
    path = write_ofd(tmp_path / "a.ofd", report_pages(), template=header())
    copy = rezip(path, tmp_path / f"b{suffix}", lambda name: f"清教发〔2024〕7号/{name}")
    document = edusummary.read(copy)
    assert document.format == "ofd"
    assert document.text == edusummary.read(path).text


def test_a_document_with_an_empty_docroot_is_skipped_with_a_warning(tmp_path):
    path = write_ofd(tmp_path / "a.ofd", report_pages(), template=header())
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    placeholder = b"<ofd:DocBody><ofd:DocRoot> </ofd:DocRoot></ofd:DocBody></ofd:OFD>"
    parts["OFD.xml"] = parts["OFD.xml"].replace(b"</ofd:OFD>", placeholder)
    with zipfile.ZipFile(tmp_path / "b.ofd", "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    document = edusummary.read(tmp_path / "b.ofd")
    assert document.text == edusummary.read(path).text
    assert document.warnings == (
        f"{tmp_path / 'b.ofd'}: the document 2 that OFD.xml lists names no Document.xml "
        "(its DocRoot is empty) and was skipped",
    )


def test_an_ofd_naming_a_document_it_does_not_hold_says_which(tmp_path):
    path = write_ofd(tmp_path / "报告.ofd", report_pages())
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    parts["OFD.xml"] = parts["OFD.xml"].replace(b"Doc_0/Document.xml", b"Doc_9/Document.xml")
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    with pytest.raises(ReadError, match=r"names the document 'Doc_9/Document\.xml', which"):
        edusummary.read(path)


def test_an_ofd_of_scanned_pages_asks_for_ocr(tmp_path):
    pages = [[Image(0, 0, 210, 297)], [Image(0, 0, 210, 297)]]
    with pytest.raises(ReadError, match=r"the OFD has no text layer \(a scan\?\); run OCR"):
        edusummary.read(write_ofd(tmp_path / "扫描件.ofd", pages))
    with pytest.raises(ReadError, match=r"the OFD has no text$"):
        edusummary.read(write_ofd(tmp_path / "空白.ofd", [[], []]))


def test_an_ofd_of_text_drawn_as_outlines_asks_for_ocr(tmp_path):
    # pdf2ofd draws each character of a PDF's text as a path and keeps no text: the
    # reader said "the OFD has no text" of pages a viewer shows full of it.
    pages = [
        [Outline(LEFT + SIZE * k, TOP + PITCH * row, SIZE, SIZE) for k in range(20)
         for row in range(15)]
        for _ in range(2)
    ]
    with pytest.raises(ReadError, match=(
        r"报告\.ofd: the OFD has no text layer, only drawings \(its text drawn as outlines\?\); "
        r"run OCR on it"
    )):
        edusummary.read(write_ofd(tmp_path / "报告.ofd", pages))


def test_an_encrypted_ofd_says_so(tmp_path):
    path = write_ofd(tmp_path / "报告.ofd", report_pages(), encrypted=True)
    with pytest.raises(ReadError, match=r"报告\.ofd: the OFD is encrypted"):
        edusummary.read(path)
    # A package whose members a zip password locks: the flag in the zip's directory.
    data = bytearray(write_ofd(tmp_path / "a.ofd", report_pages()).read_bytes())
    entry = data.find(b"PK\x01\x02")
    data[entry + 8] |= 0x1
    locked = tmp_path / "加密.ofd"
    locked.write_bytes(bytes(data))
    with pytest.raises(ReadError, match=r"加密\.ofd: the OFD is encrypted"):
        edusummary.read(locked)


def test_a_page_missing_from_the_package_is_named_and_the_others_read(tmp_path):
    pages = [place(wrap(ENROLMENT)), place(wrap(BALANCE)), [Image(20, 40, 40, 40)],
             place(wrap(TEACHERS))]
    path = write_ofd(tmp_path / "报告.ofd", pages, missing=(2,))
    document = edusummary.read(path)
    assert document.text.rstrip("\n").splitlines() == [ENROLMENT, TEACHERS]
    assert document.warnings == (
        f"{path}: no text on page(s) 3: blank, or scanned and missing",
        f"{path}: page 2 (Pages/Page_1/Content.xml) is missing from the package; the other "
        "pages were read",
    )


def test_attachments_carried_in_the_package_are_named_as_not_read(tmp_path):
    # A notice's 附件 travels inside its OFD as a file of its own; read without a word, the
    # notice passed for the whole document.
    task_list = write_ofd(tmp_path / "清单.ofd", [place(wrap(ENROLMENT))]).read_bytes()
    notice = "现将《2024年学前教育重点任务清单》印发给你们，请结合实际认真贯彻落实。"
    path = write_ofd(
        tmp_path / "通知.ofd", [place([notice])],
        attachments={"附件1 2024年学前教育重点任务清单": task_list},
    )
    document = edusummary.read(path)
    assert document.text.rstrip("\n") == notice
    assert document.warnings == (
        f"{path}: 1 attachment(s) carried in the package not read: 附件1 2024年学前教育重点任务"
        "清单 (Doc_0/Attachs/file_0.ofd); an OFD is a zip: extract them and tag them on their "
        "own",
    )
    damage(path, "Doc_0/Attachs/Attachments.xml")
    document = edusummary.read(path)
    assert document.text.rstrip("\n") == notice
    assert document.warnings == (
        f"{path}: the list of the attachments carried in the package "
        "(Doc_0/Attachs/Attachments.xml) is damaged: any attachment it names was not read; "
        "an OFD is a zip: look in it for them, extract them and tag them on their own",
    )
