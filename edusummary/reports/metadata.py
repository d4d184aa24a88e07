"""What a report says about itself: its title, the region that wrote it, the year.

The functions read a tagged report's headings and first lines; they only look at its
``headings``, ``paragraphs``, ``removed`` and ``text``.
"""

from __future__ import annotations

import re

from .figures import chinese_number

_TITLE = re.compile(
    r"^[\u4e00-\u9fff\d（）()“”]{4,60}?(?:工作总结|工作汇报|情况的?汇报|工作要点|工作计划|"
    r"工作报告|述职报告|汇报|总结|要点|计划|报告)"
)
#: A region name: Chinese characters, but none of the words that open a phrase instead
#: ("关于全县", "县政府的…").
_PLACE_CHAR = r"(?:(?!政府|委)[^\W\d_的于全本我各该关在])"
_REGION = re.compile(
    rf"(?:^|[\s>》：:]|\d[、.])((?:{_PLACE_CHAR}{{1,10}}?(?:省|自治区|市|自治州|州|盟|地区|县|"
    r"自治县|旗|区)){1,3})(?:人民政府)?教(?:育|体)",
    re.MULTILINE,
)
_YEAR = re.compile(r"((?:19|20)\d\d|[二][〇零][〇零一二三四五六七八九]{2})\s*年")


def report_title(report) -> str | None:
    """The report's title: a heading above its first paragraph, or the title words that
    open it ("东岭县教育局关于全县教育工作情况的汇报")."""
    first = report.paragraphs[0].start if report.paragraphs else len(report.text)
    for heading in report.headings:
        if heading.start < first:
            return heading.text.strip()
    if report.paragraphs:
        match = _TITLE.match(report.paragraphs[0].text)
        if match:
            return match.group(0)
    return None


def report_region(text: str) -> str | None:
    """The region whose education bureau wrote the report, named at the start of a line
    or after a separator in ``text`` (the title or the first lines).

    >>> report_region("河西区教育局2024年工作要点"), report_region("关于全县教育工作")
    ('河西区', None)
    """
    match = _REGION.search(text)
    return match.group(1) if match else None


def report_year(text: str) -> int | None:
    """The first year ``text`` states: "2023年", "二〇二三年".

    >>> report_year("清水县教育局2023年工作总结"), report_year("二〇二四年工作要点")
    (2023, 2024)
    """
    match = _YEAR.search(text)
    if not match:
        return None
    year = match.group(1)
    return int(year) if year.isdigit() else int(chinese_number(year))


def opening(report) -> str:
    """The title and the first lines of the report, where region and year are stated."""
    removed = {segment.start for segment in report.removed}
    pieces = sorted(
        [(s.start, s.text) for s in report.headings if s.start not in removed][:3]
        + [(p.start, p.text[:80]) for p in report.paragraphs[:2]]
    )
    return "\n".join(text for _, text in pieces)
