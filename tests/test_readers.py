"""The format readers: .docx, .html, .pdf, and the files edusummary refuses clearly."""

import zipfile

import pytest

import edusummary
from edusummary.errors import ReadError
from edusummary.reading import Document

PRESCHOOL = "全县新建公办幼儿园三所，学前三年毛入园率提高到百分之九十二。"
BALANCE = "城乡学校办学条件差距进一步缩小，十二所薄弱学校完成改造，县域义务教育均衡发展通过复查。"
TEACHING = "全面推进课堂教学改革，组织优质课评选和集体备课，教师专业能力明显提高。"
MORAL = "深入开展社会主义核心价值观教育，各校举办主题班会和志愿服务活动，学生行为习惯明显改善。"


def test_text_file_format(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(PRESCHOOL, encoding="utf-8")
    document = edusummary.read(path)
    assert document.format == "txt"
    assert document.encoding == "utf-8"


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
        # An empty cell gives no line.
        document.add_paragraph("二、义务教育")
        document.add_paragraph(BALANCE)

    document = edusummary.read(write_docx(tmp_path / "report.docx", build))
    assert document.format == "docx"
    assert document.encoding is None
    assert document.text.splitlines() == [
        "某县教育局二〇二三年工作总结",
        "一、学前教育",
        PRESCHOOL,
        "指标",
        "完成情况",
        "新建幼儿园",
        "二、义务教育",
        BALANCE,
    ]


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
        paragraph.add_run("公办幼儿园三所。")

    document = edusummary.read(write_docx(tmp_path / "revised.docx", build))
    assert document.text == "全县新建公办幼儿园三所。"


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


def test_html_keeps_the_report_and_drops_site_furniture(tmp_path):
    path = tmp_path / "report.html"
    path.write_bytes(BUREAU_PAGE.encode("gbk"))
    document = edusummary.read(path)
    assert document.format == "html"
    assert document.encoding == "gb18030"
    assert document.warnings == ()
    lines = [line for line in document.text.splitlines() if line]
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


def test_html_content_column_named_like_furniture_is_kept(tmp_path):
    path = tmp_path / "report.html"
    body = (
        '<body class="page-with-sidebar"><div class="menu">首页 政务公开</div>'
        f'<div class="content has-sidebar"><p>{PRESCHOOL}</p><p>{BALANCE}</p></div></body>'
    )
    path.write_text(page(body), encoding="utf-8")
    assert edusummary.read(path).text == f"{PRESCHOOL}\n\n{BALANCE}"


def test_html_without_visible_text(tmp_path):
    path = tmp_path / "app.html"
    path.write_text(page('<body><div id="app"></div><script>render()</script></body>'))
    with pytest.raises(ReadError, match=r"app\.html: the page has no visible text"):
        edusummary.read(path)
