"""Field cases for furniture removal: content stays, and every removal says why."""

import pytest

from edusummary.text.segmenting import FURNITURE, PARAGRAPH, segment

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
