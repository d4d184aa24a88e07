"""Markdown, as web clippers save a bureau's page (.md, .markdown)."""

import csv

import pytest

import edusummary
from edusummary.batch.files import find_reports
from edusummary.cli import main
from edusummary.reading.markdown import (
    CLIPPER_NOTE,
    CODE_BLOCK,
    FOOTNOTE,
    FRONT_MATTER,
    TAGS,
)

#: A bureau's 工作总结 as Obsidian Web Clipper saves it: front matter, a picture, a
#: paragraph hard-wrapped, headings of both kinds, bullets with bold, a link, a pipe table,
#: a quote, an ordered list numbered 1. 1., HTML kept inside, escapes and a hard break.
CLIPPED = """\
---
title: "青山县教育局2024年工作总结_青山县人民政府"
source: "http://www.qingshan.gov.cn/jyj/2025/01/t20250110_1.html"
published: 2025-01-10
tags:
  - "clippings"
---
![县徽](img/logo.png)

2024年，全县教育系统围绕办好人民满意的教育，
扎实推进各项工作，教育事业取得新进展。现将全年工作总结如下：

## 一、学前教育普惠发展

- **新建**公办幼儿园3所，新增学位840个，学前三年毛入园率达到92.6%。
- 认定普惠性民办幼儿园5所，普惠性幼儿园覆盖率达到90.1%。

详见[《青山县学前教育发展提升行动计划》](http://www.qingshan.gov.cn/a.html)，各园已完成自评工作。

| 指标 | 2023年 | 2024年 |
|---|---:|---:|
| 在园幼儿（人） | 6,120 | 6,348 |

二、义务教育优质均衡
===========

> 全面落实“双减”政策，课后服务覆盖率达到100%，
> 参与学生比例达到95.3%。

1. 投入资金1.2亿元，改扩建城区第二小学教学楼，新增学位1350个。
1. 推进集团化办学，组建教育集团6个，覆盖中小学校38所。

<div align="center"><font color="red">全县</font>校园安全形势<b>总体平稳</b>，未发生重大事故。</div>

三、教师队伍建设\\
全年招聘新教师126名，培训4200余人次，评选\\*骨干教师\\*60名。
"""


def kept(document):
    return document.text.rstrip("\n").split("\n")


def spans(document, found):
    return [document.whole_text[start:end] for start, end in found]


def lines_of(document):
    """The document's lines of text, blank ones left out."""
    return [line for line in kept(document) if line]


def set_apart(document):
    """The lines the document sets apart as furniture, each with why."""
    return [(document.whole_text[start:end], why) for start, end, why in document.furniture]


def test_a_clipped_page_is_read_as_the_page_it_stands_for(tmp_path):
    # Read as text, its #s, bullets, **, the link's address, the picture, the table's bars
    # and rule, the quote's > and the front matter had all been paragraphs' text.
    path = tmp_path / "总结.md"
    path.write_text(CLIPPED, encoding="utf-8")
    document = edusummary.read(path)
    assert document.format == "markdown"
    assert lines_of(document) == [
        # The front matter's title, without the site's name, heads a text with no title.
        "青山县教育局2024年工作总结",
        "2024年，全县教育系统围绕办好人民满意的教育，扎实推进各项工作，教育事业取得新进展。"
        "现将全年工作总结如下：",
        "一、学前教育普惠发展",
        "新建公办幼儿园3所，新增学位840个，学前三年毛入园率达到92.6%。",
        "认定普惠性民办幼儿园5所，普惠性幼儿园覆盖率达到90.1%。",
        "详见《青山县学前教育发展提升行动计划》，各园已完成自评工作。",
        "指标\t2023年\t2024年",
        "在园幼儿（人）\t6,120\t6,348",
        "二、义务教育优质均衡",
        "全面落实“双减”政策，课后服务覆盖率达到100%，参与学生比例达到95.3%。",
        "1.投入资金1.2亿元，改扩建城区第二小学教学楼，新增学位1350个。",
        "2.推进集团化办学，组建教育集团6个，覆盖中小学校38所。",
        "全县校园安全形势总体平稳，未发生重大事故。",
        "三、教师队伍建设",
        "全年招聘新教师126名，培训4200余人次，评选*骨干教师*60名。",
    ]
    assert spans(document, document.headings) == [
        "青山县教育局2024年工作总结", "一、学前教育普惠发展", "二、义务教育优质均衡",
    ]
    assert spans(document, document.table_rows) == [
        "指标\t2023年\t2024年", "在园幼儿（人）\t6,120\t6,348",
    ]
    # The front matter is the clipper's, set apart as furniture, which the report shows.
    assert {reason for *_, reason in document.furniture} == {FRONT_MATTER}
    assert "published: 2025-01-10" in document.furniture_text
    assert "clippings" not in document.text

    report = edusummary.tag_file(path)
    assert all(not p.text.startswith(("-", "#", ">", "|")) for p in report.paragraphs)
    assert "preschool" in {p.label for p in report.paragraphs}


def test_a_paragraphs_lines_join_as_markdown_joins_them(tmp_path):
    path = tmp_path / "a.markdown"
    path.write_text(
        "全县教育系统坚持立德树人根本任务，\n深入推进 STEM\n"
        "education 课程改革。  \n第二行由两个空格断开。\n\n"
        "`代码`与~~删除~~、_强调_、__加粗__和==高亮==去掉标记，file_name_2024.txt、3~6岁、"
        "5<6 与 [2024] 照录，[平台][1]只留文字。\n\n[1]: http://example.cn\n",
        encoding="utf-8",
    )
    assert kept(edusummary.read(path)) == [
        # Two blanks end a line, which runs on where a <br> would on the page: not here,
        # after a sentence's end.
        "全县教育系统坚持立德树人根本任务，深入推进 STEM education 课程改革。",
        "第二行由两个空格断开。",
        "",
        "代码与删除、强调、加粗和高亮去掉标记，file_name_2024.txt、3~6岁、5<6 与 [2024] 照录，"
        "平台只留文字。",
    ]


def test_a_note_written_a_line_per_paragraph_keeps_its_lines(tmp_path):
    # As Obsidian shows a single line break. Joined by Markdown's rule, the headings and
    # paragraphs had been run into one paragraph.
    path = tmp_path / "笔记.md"
    path.write_text(
        "一、学前教育\n全县新建公办幼儿园3所，新增学位900个。\n"
        "二、义务教育\n全面落实控辍保学责任制，\n义务教育巩固率达到99.2%。\n"
        "主要做法：\n1.健全督导机制。\n\n"
        "1. （一）完善经费保障\n2. （二）加强队伍建设\n",
        encoding="utf-8",
    )
    assert [line for line in kept(edusummary.read(path)) if line] == [
        "一、学前教育",
        "全县新建公办幼儿园3所，新增学位900个。",
        "二、义务教育",
        "全面落实控辍保学责任制，义务教育巩固率达到99.2%。",
        "主要做法：",
        "1.健全督导机制。",
        # A list of typed headings, as a clipper writes a page's <ol>: numbered once.
        "（一）完善经费保障",
        "（二）加强队伍建设",
    ]


def test_lists_code_and_a_clippers_excerpt(tmp_path):
    path = tmp_path / "通知.md"
    path.write_text(
        "# 关于开展秋季开学检查的通知\n\n"
        "> ## Excerpt\n> 县教育局决定开展秋季开学专项检查。\n\n"
        "> 本文由 [简悦 SimpRead](http://ksria.com/simpread/) 转码， 原文地址 "
        "[jyj.example.cn](http://jyj.example.cn/1.html)\n\n---\n\n"
        "3. 校舍安全\n   - [x] 检查围墙和消防设施是否完好\n"
        "4. 食品安全\n\n"
        "2024\\. 年初部署的任务继续推进。\n\n"
        "```python\nprint('hi')\n```\n\n"
        "```\n县教育局    2024年8月20日\n联系人：王老师\n```\n",
        encoding="utf-8",
    )
    document = edusummary.read(path)
    assert lines_of(document) == [
        "关于开展秋季开学检查的通知",
        "3.校舍安全",
        "检查围墙和消防设施是否完好",
        "4.食品安全",
        "2024. 年初部署的任务继续推进。",
        # A fence holding Chinese is the page's <pre>, read a line a line.
        "县教育局    2024年8月20日",
        "联系人：王老师",
    ]
    assert set_apart(document) == [
        ("## Excerpt", CLIPPER_NOTE),
        ("县教育局决定开展秋季开学专项检查。", CLIPPER_NOTE),
        # It had headed the first paragraphs, a short line over them.
        (
            "本文由 [简悦 SimpRead](http://ksria.com/simpread/) 转码， 原文地址 "
            "[jyj.example.cn](http://jyj.example.cn/1.html)",
            CLIPPER_NOTE,
        ),
        ("print('hi')", CODE_BLOCK),
    ]


def test_an_empty_markdown_file_says_so(tmp_path):
    path = tmp_path / "空.md"
    path.write_text("---\ntitle: 空\n---\n", encoding="utf-8")
    document = edusummary.read(path)
    assert document.text == ""
    assert any("no text in this markdown file" in w for w in document.warnings)


@pytest.mark.parametrize("name", ["总结.md", "总结.MARKDOWN"])
def test_a_folder_of_clippings_is_tagged(tmp_path, name):
    folder = tmp_path / "剪藏"
    folder.mkdir()
    (folder / name).write_text(CLIPPED, encoding="utf-8")
    assert list(find_reports([folder])) == [str(folder / name)]
    out = tmp_path / "out.csv"
    assert main(["tag", str(folder), "-o", str(out)]) == 0
    with open(out, encoding="utf-8-sig", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    # A bullet's line had been guarded in the CSV as a formula ('- **新建**…).
    assert texts and not any(text.startswith(("'", "-", "*", "#")) for text in texts)
    assert "新建公办幼儿园3所，新增学位840个，学前三年毛入园率达到92.6%。" in texts


def test_joplins_link_to_the_clipped_page_is_set_apart(tmp_path):
    # Read as a link, its word Original had stood over the first paragraph as its heading.
    path = tmp_path / "总结.md"
    path.write_text(
        "[Original](https://jyj.example.cn/2025/0110.html)\n\n"
        "2024年，全县教育系统围绕办好人民满意的教育，扎实推进学前教育普惠发展，"
        "新建公办幼儿园3所，新增学位840个。\n",
        encoding="utf-8",
    )
    document = edusummary.read(path)
    assert "Original" not in document.text
    assert set_apart(document) == [
        ("[Original](https://jyj.example.cn/2025/0110.html)", CLIPPER_NOTE),
    ]
    assert [p.heading for p in edusummary.tag_file(path).paragraphs] == [None]
    # Under the title it is set apart too; a link so named further down is the text's.
    path.write_text(
        "# 关于开展秋季开学检查的通知\n\n[Original](https://jyj.example.cn/1.html)\n\n"
        "各中小学校：县教育局决定开展秋季开学专项检查。\n\n[Original](https://jyj.example.cn/2.html)\n",
        encoding="utf-8",
    )
    assert [line for line in kept(edusummary.read(path)) if line] == [
        "关于开展秋季开学检查的通知", "各中小学校：县教育局决定开展秋季开学专项检查。", "Original",
    ]


def test_obsidians_comments_go_and_its_tags_are_set_apart(tmp_path):
    # Read as text, the comments Obsidian hides and the tags it shows as labels had been
    # the text's: a line of tags a paragraph of its own, a tag the end of a sentence.
    path = tmp_path / "通知.md"
    path.write_text(
        "#教育局 #工作总结\n\n# 关于做好春季开学工作的通知 #通知\n\n"
        "各中小学校：%%此处待核实%%\n为做好春季开学工作，现将有关事项通知如下。 #待读\n\n"
        "%%\n写给自己的备注，\n不显示。\n%%\n\n"
        "- 各校要在2月10日前完成校舍安全隐患排查。 #待办 #安全\n"
        "- 落实县局第15号文件，处理问题#15的意见，C# 兴趣课照常开设，见 #12 条。\n"
        "#一、开学前准备\n\n"
        "```\n%%timeit 不是注释\n```\n",
        encoding="utf-8",
    )
    document = edusummary.read(path)
    assert lines_of(document) == [
        "关于做好春季开学工作的通知",
        "各中小学校：",
        "为做好春季开学工作，现将有关事项通知如下。",
        "各校要在2月10日前完成校舍安全隐患排查。",
        # A number after # is no tag, nor is a # after a word, nor one the text runs on
        # from: a heading's # without its blank, which is no heading either.
        "落实县局第15号文件，处理问题#15的意见，C# 兴趣课照常开设，见 #12 条。",
        "#一、开学前准备",
        "%%timeit 不是注释",
    ]
    assert spans(document, document.headings) == ["关于做好春季开学工作的通知"]
    assert set_apart(document) == [
        ("#教育局 #工作总结", TAGS), ("#通知", TAGS), ("#待读", TAGS), ("#待办 #安全", TAGS),
    ]




def test_a_title_typed_without_its_blank_and_a_colour_are_no_tags(tmp_path):
    # In a note whose headings are typed without the blank after # (as Typora shows them),
    # or that has no heading nor line of tags, a line of one word after # is its title or
    # heading: it had been set apart as a tag. So had a colour's code.
    path = tmp_path / "总结.md"
    path.write_text(
        "#2024年春季学期县教育局工作总结\n\n##一、学前教育\n\n新建幼儿园3所。\n\n"
        "#结束语\n\n全县教育系统要再接再厉。\n",
        encoding="utf-8",
    )
    document = edusummary.read(path)
    assert lines_of(document) == [
        "#2024年春季学期县教育局工作总结", "##一、学前教育", "新建幼儿园3所。",
        "#结束语", "全县教育系统要再接再厉。",
    ]
    assert document.furniture == ()
    path.write_text("#工作总结\n\n全县课后服务参与率达到95%。\n", encoding="utf-8")
    assert [line for line in kept(edusummary.read(path)) if line] == [
        "#工作总结", "全县课后服务参与率达到95%。",
    ]
    # In a note that writes its headings with the blank, the word is a tag; a colour's
    # code, in a line or on its own, is the text's.
    path.write_text(
        "# 校园文化建设方案\n\n主色调采用深蓝色 #003366，辅助色为浅灰 #CCCCCC\n\n"
        "#FFCC00\n\n#已读\n",
        encoding="utf-8",
    )
    document = edusummary.read(path)
    assert lines_of(document) == [
        "校园文化建设方案", "主色调采用深蓝色 #003366，辅助色为浅灰 #CCCCCC", "#FFCC00",
    ]
    assert set_apart(document) == [
        ("#已读", TAGS),
    ]


def test_a_tag_the_next_line_runs_on_from_is_a_word_of_the_sentence(tmp_path):
    # Set apart as a tag ending its line, the name of the campaign had gone from the
    # sentence (积极参加活动); a tag at a sentence's or a paragraph's end is still a tag.
    path = tmp_path / "总结.md"
    path.write_text(
        "# 读书活动总结\n\n全县中小学积极参加 #全民阅读\n活动，开展读书分享会320场。 #读书\n\n"
        "各校均已完成。 #已核\n下一步继续推进。\n",
        encoding="utf-8",
    )
    document = edusummary.read(path)
    assert lines_of(document) == [
        "读书活动总结", "全县中小学积极参加 #全民阅读活动，开展读书分享会320场。",
        "各校均已完成。", "下一步继续推进。",
    ]
    assert set_apart(document) == [
        ("#读书", TAGS), ("#已核", TAGS),
    ]

def test_a_percent_sign_typed_twice_or_in_code_opens_no_comment(tmp_path):
    # Each %% had been read as a comment's mark: the text between a figure's 100%% and
    # the next %%, paragraphs away or in a code span, had gone.
    path = tmp_path / "统计.md"
    path.write_text(
        "全县义务教育巩固率达到100%%，比上年提高0.3个百分点。\n\n"
        "## 二、学前教育\n\n"
        "| 学段 | 入学率 |\n|---|---|\n| 学前 | 92%% |\n| 初中 | 99%% |\n\n"
        "报表用 `printf(\"%d%%\")` 输出，`%%` 即百分号。%%待核实%%\n\n"
        "普惠性幼儿园覆盖率达到88%%以上。\n",
        encoding="utf-8",
    )
    assert [line for line in kept(edusummary.read(path)) if line] == [
        "全县义务教育巩固率达到100%%，比上年提高0.3个百分点。",
        "二、学前教育",
        "学段\t入学率",
        "学前\t92%%",
        "初中\t99%%",
        '报表用 printf("%d%%") 输出，%% 即百分号。',
        "普惠性幼儿园覆盖率达到88%%以上。",
    ]

def test_a_formula_in_a_line_shows_what_it_draws(tmp_path):
    # Its dollars and TeX had been read into the sentence: 增长$12.5\%$.
    path = tmp_path / "总结.md"
    path.write_text(
        "全县义务教育巩固率较上年增长$12.5\\%$，生均校舍面积$1{,}200 \\times 3$平方米，"
        "达标率$\\frac{a}{b}$照录。\n\n"
        "教材费每册$5，作业本每本$2，均按物价局核定标准收取，`$x$`与\\$3照录。\n",
        encoding="utf-8",
    )
    assert [line for line in kept(edusummary.read(path)) if line] == [
        "全县义务教育巩固率较上年增长12.5%，生均校舍面积1,200 × 3平方米，"
        "达标率$\\frac{a}{b}$照录。",
        # A price's dollar opens no formula.
        "教材费每册$5，作业本每本$2，均按物价局核定标准收取，$x$与$3照录。",
    ]



def test_dollars_around_words_or_before_a_name_are_no_formula(tmp_path):
    # Read as formulas, prices had lost their dollars (每日餐补10，每晚80), as had the
    # names in a path and an Excel formula.
    path = tmp_path / "交流.md"
    path.write_text(
        "每日餐补为10$，住宿费为每晚80$。预算$5 million，实际约US$ 4.8 million。\n\n"
        "报价$5 to US$ 10不等，配置在$HOME/$USER下，合计=SUM($B$2:$B$10)。\n\n"
        "比例$12.5\\%$，温度$25^\\circ$C，$n=35$。\n",
        encoding="utf-8",
    )
    assert [line for line in kept(edusummary.read(path)) if line] == [
        "每日餐补为10$，住宿费为每晚80$。预算$5 million，实际约US$ 4.8 million。",
        "报价$5 to US$ 10不等，配置在$HOME/$USER下，合计=SUM($B$2:$B$10)。",
        "比例12.5%，温度25°C，n=35。",
    ]

def test_a_footnotes_definition_is_set_apart(tmp_path):
    # Read where they stood, a source and a definition had been paragraphs of the text,
    # short lines under a report's paragraph.
    path = tmp_path / "总结.md"
    path.write_text(
        "全县学前三年毛入园率达到92.6%[^1]，较上年提高1.2个百分点[^口径]。\n\n"
        "[^1]: 数据来源：县统计局\n"
        "[^口径]: 按2024年秋季学期口径统计，\n含民办幼儿园。\n\n"
        "    不含托育机构。\n\n"
        "## 二、义务教育\n\n全县义务教育巩固率达到99.2%。\n",
        encoding="utf-8",
    )
    document = edusummary.read(path)
    assert lines_of(document) == [
        "全县学前三年毛入园率达到92.6%，较上年提高1.2个百分点。",
        "二、义务教育",
        "全县义务教育巩固率达到99.2%。",
    ]
    assert set_apart(document) == [
        ("[^1]: 数据来源：县统计局", FOOTNOTE),
        ("[^口径]: 按2024年秋季学期口径统计，", FOOTNOTE),
        ("含民办幼儿园。", FOOTNOTE),
        ("不含托育机构。", FOOTNOTE),
    ]



def test_the_text_after_a_footnote_is_the_texts(tmp_path):
    # A line after a note's sentence, a table right under a note, and the paragraphs of a
    # text indented by hand after a note had been set apart with the note.
    path = tmp_path / "总结.md"
    path.write_text(
        "全县共有专任教师5600人[^1]。\n[^1]: 含代课教师。\n今年新招聘教师320人。\n\n"
        "[^2]: 截至12月底\n| 项目 | 2024年 |\n|---|---|\n| 周转宿舍 | 350 |\n\n"
        "    一、基本情况\n\n    全县共有义务教育学校86所[^3]。\n\n[^3]: 含教学点12个。\n\n"
        "    二、主要做法\n\n    均衡配置师资，推进教师交流轮岗。\n",
        encoding="utf-8",
    )
    document = edusummary.read(path)
    assert lines_of(document) == [
        "全县共有专任教师5600人。", "今年新招聘教师320人。", "项目\t2024年", "周转宿舍\t350",
        "一、基本情况", "全县共有义务教育学校86所。",
        "二、主要做法", "均衡配置师资，推进教师交流轮岗。",
    ]
    assert set_apart(document) == [
        ("[^1]: 含代课教师。", FOOTNOTE), ("[^2]: 截至12月底", FOOTNOTE),
        ("[^3]: 含教学点12个。", FOOTNOTE),
    ]


def test_indented_english_and_figures_beside_code_are_read(tmp_path):
    # English indented by hand, with a =, a ; or a bracket in it, and figures laid out in
    # columns over a line of code, had been set apart as code with it.
    path = tmp_path / "notes.md"
    path.write_text(
        "# 笔记\n\n"
        "    Enrollment rate = 95%, up from 92% last year.\n\n"
        "    Keywords: rural education; teacher training; after-school services\n\n"
        "    UNESCO(2023) ranks the program among the best.\n\n"
        "    - Build three new schools;\n\n"
        "本地统计：\n\n"
        "    2022    2023    2024\n    95.1%   96.3%   97.0%\n\n"
        "    total = rates.sum()\n",
        encoding="utf-8",
    )
    document = edusummary.read(path)
    assert lines_of(document) == [
        "笔记",
        "Enrollment rate = 95%, up from 92% last year.",
        "Keywords: rural education; teacher training; after-school services",
        "UNESCO(2023) ranks the program among the best.",
        "- Build three new schools;",
        "本地统计：",
        "2022 2023 2024 95.1% 96.3% 97.0%",
    ]
    assert set_apart(document) == [
        ("total = rates.sum()", CODE_BLOCK),
    ]


def test_a_chinese_note_ends_at_its_lines_end_and_english_in_small_letters_is_read(tmp_path):
    # The line under a source's note (no full stop) had been set apart with the note, and
    # an indented line of English in small letters with a ; as code.
    path = tmp_path / "统计.md"
    path.write_text(
        "全县在校学生共计8.6万人[^1]\n\n[^1]: 数据来源：县统计局\n全县专任教师5600人。\n\n"
        "    see the attached table; all figures are preliminary\n",
        encoding="utf-8",
    )
    document = edusummary.read(path)
    assert lines_of(document) == [
        "全县在校学生共计8.6万人", "全县专任教师5600人。",
        "see the attached table; all figures are preliminary",
    ]
    assert set_apart(document) == [
        ("[^1]: 数据来源：县统计局", FOOTNOTE),
    ]

def test_indented_code_is_set_apart_and_an_indented_paragraph_read(tmp_path):
    # The script's lines had been run into a paragraph of the text. Chinese writers indent
    # a paragraph by hand: four blanks or a tab open no code there, nor in English text.
    path = tmp_path / "总结.md"
    path.write_text(
        "    2024年，全县教育系统扎实推进各项工作，教育事业取得新进展。\n\n"
        "\t二是加强教师队伍建设，全年招聘新教师126名。\n\n"
        "统计各学段学校数的脚本：\n\n"
        "    import pandas as pd\n\n"
        "    df = pd.read_csv(\"学校.csv\")  # 各校名录\n"
        "    print(df.groupby(\"学段\").size())\n\n"
        "    The county bureau published its annual report.\n\n"
        "    2,345    6,789\n",
        encoding="utf-8",
    )
    document = edusummary.read(path)
    assert lines_of(document) == [
        "2024年，全县教育系统扎实推进各项工作，教育事业取得新进展。",
        "二是加强教师队伍建设，全年招聘新教师126名。",
        "统计各学段学校数的脚本：",
        "The county bureau published its annual report.",
        "2,345 6,789",
    ]
    assert set_apart(document) == [
        ("import pandas as pd", CODE_BLOCK),
        ('df = pd.read_csv("学校.csv")  # 各校名录', CODE_BLOCK),
        ('print(df.groupby("学段").size())', CODE_BLOCK),
    ]


def test_a_footnote_atop_a_text_indented_by_hand_keeps_to_itself(tmp_path):
    # Defined under the title, before any indented paragraph, the note had taken the whole
    # report indented by hand after it (a blank, then four blanks) and set it apart.
    path = tmp_path / "报告.md"
    path.write_text(
        "关于全县课后服务开展情况的报告[^1]\n\n[^1]: 数据截至2025年6月底。\n\n"
        "    一、基本情况\n\n    全县开展课后服务的学校达到86所，覆盖率为100%。\n\n"
        "    二、存在问题\n\n[^2]: 按在校生人数计算。\n"
        "    部分农村学校师资不足，服务内容较为单一[^2]。\n",
        encoding="utf-8",
    )
    document = edusummary.read(path)
    assert lines_of(document) == [
        "关于全县课后服务开展情况的报告",
        "一、基本情况", "全县开展课后服务的学校达到86所，覆盖率为100%。",
        "二、存在问题", "部分农村学校师资不足，服务内容较为单一。",
    ]
    assert set_apart(document) == [
        ("[^1]: 数据截至2025年6月底。", FOOTNOTE), ("[^2]: 按在校生人数计算。", FOOTNOTE),
    ]


def test_indented_formulas_results_references_and_addresses_are_read(tmp_path):
    # An analyst's formulas and results, a reference list, a note with a ; and a page's
    # address, indented, had been set apart as code: they hold a = or a ; and no Chinese.
    path = tmp_path / "分析.md"
    path.write_text(
        "# 分析笔记\n\n计算口径：\n\n"
        "    Rate = Graduates / Enrolled × 100%\n    Dropout = (Start - End) / Start\n\n"
        "信度检验：\n\n    Cronbach's α = 0.876\n    KMO = 0.842, p < 0.001\n\n"
        "    Note: N = 1,180 schools; data as of Sep 30.\n\n参考文献：\n\n"
        "    Lin, Q.; Zhou, M. (2021). Rural Schools and Their Teachers. Beijing: Example"
        " Press.\n\n"
        "原文：\n\n    https://www.example.gov.cn/jyj/t20250301_1.html?id=5&from=home\n\n"
        "脚本：\n\n    rate = passed / total\n    share = round(rate * 100, 1)\n",
        encoding="utf-8",
    )
    document = edusummary.read(path)
    assert lines_of(document) == [
        "分析笔记", "计算口径：",
        "Rate = Graduates / Enrolled × 100% Dropout = (Start - End) / Start",
        "信度检验：", "Cronbach's α = 0.876 KMO = 0.842, p < 0.001",
        "Note: N = 1,180 schools; data as of Sep 30.", "参考文献：",
        "Lin, Q.; Zhou, M. (2021). Rural Schools and Their Teachers. Beijing: Example Press.",
        "原文：", "https://www.example.gov.cn/jyj/t20250301_1.html?id=5&from=home", "脚本：",
    ]
    assert set_apart(document) == [
        ("rate = passed / total", CODE_BLOCK), ("share = round(rate * 100, 1)", CODE_BLOCK),
    ]


def test_a_title_typed_as_a_tag_atop_a_note_is_its_title(tmp_path):
    # A note that writes its headings with the blank reads a line of one tag as a tag;
    # its first line, as long as a title, is the title typed without the blank: it had
    # been set apart as a tag and the note had lost its title. A short tag atop it is a tag.
    path = tmp_path / "要点.md"
    path.write_text(
        "#2025年全县教育工作要点\n\n## 一、学前教育\n\n新增普惠性学位600个。\n\n#待审\n",
        encoding="utf-8",
    )
    document = edusummary.read(path)
    assert lines_of(document) == [
        "#2025年全县教育工作要点", "一、学前教育", "新增普惠性学位600个。",
    ]
    path.write_text(
        "#会议纪要\n\n## 一、议定事项\n\n秋季学期起全面推行课后服务。\n", encoding="utf-8"
    )
    document = edusummary.read(path)
    assert lines_of(document) == [
        "一、议定事项", "秋季学期起全面推行课后服务。",
    ]
    assert set_apart(document) == [
        ("#会议纪要", TAGS),
    ]
