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


def test_footnotes_defined_one_under_another_are_set_apart_each_alone(tmp_path):
    report = tagged(
        tmp_path,
        "全年教育经费总投入12.4亿元[^1]，生均公用经费小学每生每年720元[^2]，均按时拨付到校。\n\n"
        "[^1]: 数据来源于县财政局年度决算。\n"
        "[^2]: 按教育部统计口径计算。\n",
    )
    texts = [segment.text for segment in report.headings] + [p.text for p in report.paragraphs]
    assert texts == ["全年教育经费总投入12.4亿元，生均公用经费小学每生每年720元，均按时拨付到校。"]
    assert "[^2]: 按教育部统计口径计算。" in removed(report)


def test_a_callouts_kind_and_a_containers_fences_show_nothing(tmp_path):
    # 飞书 and GitHub write > [!NOTE], Obsidian > [!info] 摘要, 语雀 :::info … :::.
    report = tagged(
        tmp_path,
        "## 一、学前教育\n\n"
        "> [!NOTE]\n"
        "> 本节由县教育局基础教育股整理，数据截至十一月底，供各乡镇中心学校参考使用。\n\n"
        "> [!info] 摘要\n> 全年新建公办幼儿园6所，新增学位2160个，普惠性幼儿园覆盖率达到91.5%。\n\n"
        ":::tips\n开展幼小衔接试点，组织教师培训12期，覆盖全县公办幼儿园和小学一年级教师。\n:::\n",
    )
    texts = [segment.text for segment in report.headings] + [p.text for p in report.paragraphs]
    assert not any("[!" in text or ":::" in text for text in texts), texts
    assert "本节由县教育局基础教育股整理，数据截至十一月底，供各乡镇中心学校参考使用。" in texts
    assert "开展幼小衔接试点，组织教师培训12期，覆盖全县公办幼儿园和小学一年级教师。" in texts
    assert "摘要" in texts


def test_a_wechat_articles_call_to_follow_and_credits_are_furniture(tmp_path):
    # A WeChat article clipped to Markdown: its call to follow heads it, its credits and the
    # head of the list of other posts close it; the same lines in the saved page likewise.
    lines = [
        "点击上方蓝字关注我们",
        "2024年，全县教育系统坚持立德树人，扎实推进各项工作，教育质量稳步提升。",
        "全年新建公办幼儿园5所，新增学位1800个，普惠性幼儿园覆盖率达到92.3%。",
        "编辑：赵敏",
        "审核：钱峰",
        "喜欢此内容的人还喜欢",
    ]
    markdown = "# 溪口教育｜年度工作回顾\n\n" + "\n\n![](https://example.com/a.png)\n\n".join(lines)
    page = "<html><body><h1>溪口教育｜年度工作回顾</h1>" + "".join(
        f"<p>{line}</p>" for line in lines
    ) + "</body></html>"
    for report in (tagged(tmp_path, markdown), tagged(tmp_path, page, "clip.html")):
        assert [heading.text for heading in report.headings] == ["溪口教育｜年度工作回顾"]
        furniture = {"点击上方蓝字关注我们", "审核：钱峰", "喜欢此内容的人还喜欢"}
        assert furniture <= set(removed(report))
        assert {paragraph.heading for paragraph in report.paragraphs} == {"溪口教育｜年度工作回顾"}


def test_a_portals_font_size_buttons_are_furniture(tmp_path):
    report = tagged(
        tmp_path,
        "# 县教育局部署寒假安全工作\n\n"
        "【字体：[大](javascript:doZoom(16)) [中](javascript:doZoom(14)) "
        "[小](javascript:doZoom(12))】\n\n"
        "1月10日，县教育局召开会议，部署寒假期间学生安全教育和校园安全检查工作。\n",
    )
    assert "【字体：大 中 小】" in removed(report)
    assert [heading.text for heading in report.headings] == ["县教育局部署寒假安全工作"]


def test_a_signature_over_its_date_is_read_as_the_same_text_is(tmp_path):
    # Markdown with no markup, as a note saved as .md: the office signing over its date.
    text = (
        "溪口县2024年教育工作总结\n\n"
        "全年新建公办幼儿园5所，新增学位1800个，普惠性幼儿园覆盖率达到92.3%。\n\n"
        "溪口县教育局\n2024年12月20日\n"
    )
    markdown, plain = tagged(tmp_path, text), tagged(tmp_path, text, "same.txt")
    assert "溪口县教育局" in removed(plain)
    assert removed(markdown) == removed(plain)
    assert [h.text for h in markdown.headings] == [h.text for h in plain.headings]


def test_a_display_formula_and_an_editors_toc_mark_are_set_apart(tmp_path):
    # Typora: [toc] atop the note, a formula between $$ lines, which the page draws.
    report = tagged(
        tmp_path,
        "[toc]\n\n# 入园率测算\n\n"
        "学前三年毛入园率按在园幼儿数除以三至五岁人口数计算，2024年达到94.2%。\n\n"
        "$$\nr_{2024} = \\frac{18\\,620}{19\\,767} = 94.2\\%\n$$\n\n"
        "全县新建公办幼儿园5所，新增学位1800个，学前教育普及水平进一步提高。\n",
    )
    assert [h.text for h in report.headings] == ["入园率测算"]
    assert {p.heading for p in report.paragraphs} == {"入园率测算"}
    assert "[toc]" in removed(report)
    assert "r_{2024} = \\frac{18\\,620}{19\\,767} = 94.2\\%" in removed(report)


def test_notions_properties_under_the_title_are_set_apart(tmp_path):
    report = tagged(
        tmp_path,
        "# 溪口县2024年学前教育工作总结\n\n"
        "创建时间: 2025年1月3日 10:12\n标签: 工作总结\n状态: 已完成\n\n"
        "全年新建公办幼儿园5所，新增学位1800个，普惠性幼儿园覆盖率达到92.3%。\n",
    )
    assert [p.text for p in report.paragraphs] == [
        "全年新建公办幼儿园5所，新增学位1800个，普惠性幼儿园覆盖率达到92.3%。"
    ]
    assert "标签: 工作总结" in removed(report)


def test_a_paragraph_linked_whole_under_a_related_heading_is_text(tmp_path):
    # A list's titles end in no full stop; a paragraph of the report a page links whole
    # does, and it had been set aside with the 相关阅读 heading above it.
    linked = "全县中小学共开设线上课程1200节，参与学生2.1万人，家长满意度达96%，线上教学平稳有序。"
    page = (
        "<html><body><div class='content'><h1>县教育局召开线上教学推进会</h1>"
        "<p>2024年，全县教育系统扎实推进线上教学，教学秩序平稳，教育质量稳步提升。</p>"
        f"<p><strong>相关阅读</strong></p><p><a href='/1'>{linked}</a></p>"
        "<p>下一步，县教育局将完善线上教学平台，全年计划培训教师1500人次。</p>"
        "</div></body></html>"
    )
    report = tagged(tmp_path, page, "clip.html")
    assert linked in [paragraph.text for paragraph in report.paragraphs]
