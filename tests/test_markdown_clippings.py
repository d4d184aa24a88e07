"""Markdown as clippers save pages of kinds the reader must meet the web page reader on:
a portal's news page, a WeChat article, notes of Obsidian, 语雀 and 飞书."""

import edusummary


def tagged(tmp_path, text, name="clip.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return edusummary.tag_file(path)


def removed(report):
    return [segment.text for segment in report.removed]


def test_a_clipped_pages_list_of_related_links_is_furniture_as_on_the_page(tmp_path):
    # A portal's news page clipped whole: under the article, 相关链接 and a list of links to
    # other news, which the same page saved as .html loses as the site's furniture.
    markdown = (
        "# 县教育局召开秋季开学工作部署会\n\n"
        "8月28日，县教育局召开秋季开学工作部署会，安排新学期校园安全和教学准备工作。\n\n"
        "会议要求各校在开学前完成校舍安全排查，确保新增学位1200个按时投入使用。\n\n"
        "相关链接\n\n"
        "- [县教育局开展暑期校外培训治理](https://www.example.gov.cn/a1.html)\n"
        "- [全县教师暑期培训圆满结束](https://www.example.gov.cn/a2.html)\n"
    )
    page = (
        "<html><body><div class='content'><h1>县教育局召开秋季开学工作部署会</h1>"
        "<p>8月28日，县教育局召开秋季开学工作部署会，安排新学期校园安全和教学准备工作。</p>"
        "<p>会议要求各校在开学前完成校舍安全排查，确保新增学位1200个按时投入使用。</p>"
        "<h3>相关链接</h3><ul><li><a href='/a1.html'>县教育局开展暑期校外培训治理</a></li>"
        "<li><a href='/a2.html'>全县教师暑期培训圆满结束</a></li></ul></div></body></html>"
    )
    for report in (tagged(tmp_path, markdown), tagged(tmp_path, page, "clip.html")):
        assert [heading.text for heading in report.headings] == ["县教育局召开秋季开学工作部署会"]
        assert "全县教师暑期培训圆满结束" in removed(report)
        assert len(report.paragraphs) == 2


def test_a_link_in_a_paragraph_keeps_its_text(tmp_path):
    report = tagged(
        tmp_path,
        "全县新建公办幼儿园3所，详见[《学前教育发展计划》](https://www.example.gov.cn/b.html)，"
        "各园已完成自评[2024]。\n",
    )
    assert [paragraph.text for paragraph in report.paragraphs] == [
        "全县新建公办幼儿园3所，详见《学前教育发展计划》，各园已完成自评[2024]。"
    ]
