"""What a report says about itself: its title, the region that wrote it, the year.

The functions read a tagged report's headings and first lines; they only look at its
``headings``, ``paragraphs``, ``removed`` and ``text``.
"""

from __future__ import annotations

import re

from .._chinese import DATE, DATE_LINE, DOCUMENT_KIND, SUBTITLE
from ..text.segmenting import SIGNATURE_REASONS, is_numbered
from ..text.tokenizing import simplified_table
from .figures import chinese_number, compared_year

_TITLE = re.compile(
    r"^[\u4e00-\u9fff\d（）()“”]{4,60}?(?:工作总结|工作汇报|情况的?汇报|工作要点|工作计划|"
    r"工作报告|述职报告|汇报|总结|要点|计划|报告)"
)
#: What web copies and templates put where a name should be: 某县, XX县, ××市, **区.
_PLACEHOLDER = re.compile(r"[XxＸｘ×✕*＊某]")
#: A region name: Chinese characters (or placeholder marks, so that a placeholder is seen
#: whole), but none of the words that open a phrase instead ("关于全县", "县政府的…").
_PLACE_CHAR = (
    r"(?:(?!政府|委|印发|转发|关于|于是|[全本][省市县区旗镇乡])(?:[^\W\d_的我各该在对]|[×✕*＊]))"
)
#: How a name opens: not with a character that opens other words there (本县, 全县, 关于,
#: 于是), but for the places whose names do (本溪市, 于都县, 全椒县 …).
_PLACE_START = (
    r"(?:本溪|于都|于田|于洪|全椒|全州|全南|关岭|"
    r"(?!政府|委|印发|转发)(?:[^\W\d_的于全本我各该关在对照据]|[×✕*＊]))"
)
#: A kind of area, not a place: 农村地区, 民族地区, 主城区, 课程改革实验区. A district named
#: after its town or hill (西城区, 青山区, 中山区) is a place; the words for a town's or the
#: hills' part of a region (城区, 主城区, 县城区, 偏远山区) are not.
_KIND_OF_AREA = re.compile(
    r"(?:牧区|库区|社区|园区|景区|实验区|示范区|试验区|开发区|先行区|农村地区|民族地区|"
    r"贫困地区|边远地区|欠发达地区|老区"
    r"|(?:^|[省市州盟县旗区])(?:[主老新旧深]|中心|[东南西北中]部|偏远|边远|贫困)?[城山]区)$"
)


def _place(longest: int) -> str:
    """A place: a province, city, county or banner, or a district, whose name has two
    characters or more (not 城区, 山区, 社区), of at most ``longest`` characters before its
    suffix; up to three, each within the one before."""
    return (
        rf"(?:{_PLACE_START}{_PLACE_CHAR}{{0,{longest - 1}}}?"
        r"(?:省|自治区|市|自治州|州|盟|地区|县|自治县|旗)"
        rf"|(?:{_PLACE_START}{_PLACE_CHAR}{{1,{longest - 1}}}?|于洪)区){{1,3}}"
    )


#: Words that open a line before a place, and are not part of its name: "现将市…", "三是城东区…",
#: "今年东湖区…", "按照县教育局…要求", "根据市…".
_NOT_A_PLACE = (
    r"(?!现[将就把]|[今去本明]年|同时|首先|其次|[一二三四五六七八九十]是"
    r"|[按依遵参对]照|[根依]据|由|经(?!开区)|副|常务|[省市县区旗]{2})"
)
#: What opens a news lead before the place: its time or the paper's mark ("近日，",
#: "3月6日上午，", "2024年3月6日，", "本报讯").
_NEWS_LEAD = (
    r"(?:近日|日前|近期|本报讯"
    r"|(?:(?:19|20)\d\d\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日(?:上午|下午|晚上?|晚间)?)\s*[，,]?"
)
_REGION = re.compile(
    # A news lead names it after its time: "近日，云岭县教育局召开…".
    rf"(?:^|[\s>》《：:]|\d[、.]|年度?|关于|对(?!口)|印发|转发|{_NEWS_LEAD})"
    rf"({_NOT_A_PLACE}(?:{_place(10)}))"
    # A leader's post in a speech's byline (云岭县县长, 云岭县委副书记).
    r"(?:委?副?书记|副?[县市区州省旗]长|人民政府|关于|(?:关于)?"
    # The year may stand between the place and what the report is about (清水县2023年教育…,
    # 城东区2022—2023学年度教育…), and a verb, a programme's name or the part of the
    # system (清水县推进学前教育…, 清水县“十四五”教育…, 石门县农村学前教育…).
    r"(?:(?:(?:19|20)\d\d\s*[-—–~至]\s*)?"
    r"(?:(?:19|20)\d\d|[二][〇零○OＯ][〇零○OＯ一二三四五六七八九]{2})\s*学?年度?)?"
    r"(?:推进|加快|深化|全面|进一步)*(?:“[^”]{1,8}”)?(?:农村|城乡|县域|城区)?"
    r"(?:教(?:育|体|科|委)|(?:学前|义务|基础)教育))",
    re.MULTILINE,
)
#: What a news item says a place did: "东湖区召开…", "南湖区通过…", "清水县开展…".
_NEWS_DEED = (
    "(?:召开|举办|举行|启动|通过|出台|获评|入选|开展|荣获|部署|推进|出席|看望|慰问|走访"
    "|开工|竣工|揭牌|落成|开园|挂牌)"
)
#: A news headline: who (a few characters; not a year, not 关于), then what they did; a visit
#: ("市领导到清水县调研…"); where a meeting was held ("全市…推进会在清水县召开"); or a place,
#: a colon and the story ("清水县：公办幼儿园建设驶入快车道").
NEWS_HEADLINE = (
    rf"^(?!关于|对)(?![\d〇零○一二三四五六七八九十]{{2,4}}\s*年)[^，,。；;：:]{{2,16}}?{_NEWS_DEED}"
    r"|^[^，,。；;：:]{2,16}?(?:到|赴|莅临)[^，,。；;：:]{2,12}?(?:调研|检查|督导|视导|调度|考察)"
    r"|在[^，,。；;：:]{2,12}(?:召开|举行|举办)\s*$"
    rf"|^{_place(4)}[：:][^，,。；;：:]{{4,30}}$"
)
_NEWS_HEADLINE = re.compile(NEWS_HEADLINE)
#: A headline's place is short, and one (云岭县, not 永安县以高分通过省).
_HEADLINE_REGION = re.compile(rf"^{_NOT_A_PLACE}({_place(4)})")
#: Where a headline names its place after who acted: a visit, a meeting held there, a school
#: of the place honoured ("清水县第一幼儿园荣获…").
_NEWS_PLACE = re.compile(
    rf"^[^，,。；;：:]{{2,16}}?(?:到|赴|莅临)({_place(6)})(?:调研|检查|督导|视导|调度|考察)"
    rf"|^[^，,。；;：:]{{2,20}}在({_place(6)})(?:召开|举行|举办)\s*$"
    rf"|^({_place(6)})[^，,。；;：:\d]{{2,10}}?(?:荣获|获评|入选)",
    re.MULTILINE,
)
#: How a headline ends on a document word that is no kind of its own: "…大会并讲话",
#: "…县长作重要讲话", "…并反馈意见", "…并部署2024年工作要点".
#: (Not 五育并举, …并深化…方案, nor 工作报告.)
_NEWS_TAIL = re.compile(
    r"并(?:作|发表)?(?:重要)?(?:讲话|发言|致辞|部署|反馈|授牌|颁奖|指导)"
    r"|(?<!工)作(?:了|重要|专题)?(?:讲话|发言|报告|部署)"
)
#: A news item's headline, or its lead, opens with its region and what it did: "东湖区召开…",
#: "近日，东湖区举办…".
_NEWS_REGION = re.compile(
    rf"(?:^\s*|{_NEWS_LEAD}\s*){_NOT_A_PLACE}({_place(6)}){_NEWS_DEED}"
)
#: A title that opens with its place, whatever follows: "清水县学校安全工作要点",
#: "关于清水县2019年度县级人民政府履行教育职责情况的督导评估报告". With nothing after
#: the place to tell where it ends, a name is short: "清水县创建…普惠县" is one county.
_TITLE_REGION = re.compile(rf"^(?:关于|对)?({_place(6)})(?=\S)(?![域级长委直属])")
#: A speech's title names the place of the meeting it was given at: "在南坪县2023年教育工作
#: 会议上的讲话", "在清水县教育大会上的致辞" (not 在全县…, which names none).
_SPEECH_REGION = re.compile(
    rf"^在({_place(6)})[^，,。；;：:]*?会议?上的(?:讲话|发言|致辞|工作报告)", re.MULTILINE
)
#: A title is one line without a clause mark, that names a kind of document at its end.
_TITLE_LINE = re.compile(rf"^[^，,。；;：:]{{4,60}}{DOCUMENT_KIND}$")
#: A year, or a school year ("2022-2023学年"), which is reported on in the year it ends.
#: A zero is often typed as the circle ○ (or a capital O) in place of 〇.
_YEAR = re.compile(
    r"(?:(?P<from>(?:19|20)\d\d)\s*[-—–~至]\s*)?"
    r"((?:19|20)\d\d|[二][〇零○OＯ][〇零○OＯ一二三四五六七八九]{2})\s*学?年"
)
#: Words that name a plan: a plan's span of years starts when it is written, and its
#: figures are aims.
PLAN_WORDS = "规划|计划|方案|意见|要点|纲要|打算"
_PLAN = re.compile(PLAN_WORDS)
#: Titles of what looks back on work done, besides reports: a case, an overview, an account
#: of practice ("东湖区推进集团化办学典型案例", "…的实践与思考").
LOOKING_BACK = "案例|综述|做法|经验|实践与思考|实践与探索|回顾"
#: What may follow a title's kind of document: "（试行）", "（2023年3月5日）", "（征求意见稿）",
#: "（2023-2027年）（征求意见稿）", a document number.
TITLE_END = r"(?:\s*[（(][^）)]{1,30}[）)])*\s*$"
#: A notice that issues or forwards a document: "关于印发《…实施方案》的通知", "关于印发清水县
#: …办法的通知", "印发《…方案》".
_ISSUED = re.compile(
    rf"(?:印发|转发|颁布)(?:《(.+)》|([^《》]+?))的?(?:通知|决定){TITLE_END}"
    rf"|(?:印发|转发|颁布)《(.+)》{TITLE_END}"
)
#: How a government document that is no report names itself: a notice, a circular, a
#: decision, a reply, a letter, a meeting's minutes (纪要): all "notice".
NOTICE_WORDS = "通知|通报|决定|公告|通告|批复|函|纪要"
#: The kinds of document :func:`document_kind` tells apart, with their Chinese names.
DOCUMENT_KINDS = {
    "plan": "规划计划",
    "summary": "总结汇报",
    "speech": "讲话",
    "notice": "通知",
    "inspection": "督导评估",
    "survey": "调研报告",
    "news": "新闻",
}
#: How a title names each kind, tried in turn: a speech's 讲话要点 and an inspection's 反馈意见
#: before a plan's 要点 and 意见; a report on one year and plan for the next
#: ("2023年工作总结和2024年工作打算") before a plan; a news headline only when it names no
#: document.
_KIND_TITLES = (
    (
        "speech",
        re.compile(
            rf"(?:讲话|致辞|发言)(?:稿|要点|提纲|材料)?{TITLE_END}"
            # A report given at a meeting: "在全县教育工作会议上的工作报告".
            rf"|^在[^，,。；;：:]{{2,30}}(?:会|会议|大会)上的(?!政府工作)[^，,。；;：:]{{0,6}}报告"
            rf"{TITLE_END}"
        ),
    ),
    (
        "inspection",
        re.compile(
            rf"(?:(?:督导|评估|督查|检查|验收|视导|考核|反馈|整改)(?:意见|的?意见书)"
            rf"|(?:督导|评估|督查|检查|自查|自评|验收|视导)[^，,。；;：:]{{0,24}}(?:报告|[通公]报))"
            rf"(?:材料)?{TITLE_END}"
        ),
    ),
    (
        "survey",
        re.compile(
            rf"(?:调研|调查)(?:报告|材料|与思考|与建议){TITLE_END}"
            rf"|^关于[^，,。；;：:]+的(?:调研|调查){TITLE_END}"
        ),
    ),
    (
        "summary",
        re.compile(
            rf"(?:总结|汇报|报告)(?:和|及|暨|与|以及)[^《》]*(?:{PLAN_WORDS}|思路|安排|设想){TITLE_END}"
            rf"|汇报(?:要点|提纲|材料){TITLE_END}"
        ),
    ),
    ("plan", re.compile(rf"(?:{PLAN_WORDS}|工作思路|工作安排|工作设想)(?:稿)?{TITLE_END}")),
    ("notice", re.compile(rf"(?:{NOTICE_WORDS}){TITLE_END}")),
    (
        "summary",
        re.compile(
            rf"(?:总结|汇报|报告|述职|情况|{LOOKING_BACK})(?:材料|提纲)?{TITLE_END}"
        ),
    ),
    ("news", _NEWS_HEADLINE),
)
#: What makes the year after it one aimed at ("到2025年", "力争至2027年"), unlike "截至2023年底".
_TO = r"(?<![截止])[到至]"
_AIMED_AT = re.compile(rf"{_TO}\s*$")
#: In a plan, so too its words of aim ("确保2016年通过…"); a report says "确保2023年各项目标
#: 任务全面完成" of the year it reports on.
_AIMED_IN_PLAN = re.compile(rf"(?:{_TO}|(?:确保|力争|争取|预计|计划|目标)[在于]?)\s*$")
_ZEROS = str.maketrans("○OＯ", "〇〇〇")
#: Where a web copy's note of publication starts ("发布时间：2024年3月1日"): its year is
#: the year of posting, not of the report.
_PUBLISHED = re.compile(
    r"(?:发布|发表|更新|上传|录入|添加)(?:时间|日期|于)|(?:时间|日期|来源|作者|编辑|浏览|点击)\s*[：:]"
    # A date of posting with its clock time ("2024年01月18日 18:30", as WeChat shows it)
    # or before its source ("2024年01月18日　来源：…").
    r"|(?:19|20)\d\d年\d{1,2}月\d{1,2}日\s*(?:\d{1,2}[:：]\d\d|(?:来源|作者|编辑))"
)
#: How a title line ends: a kind of report, or of a notice ("…的通报" under the office's line).
_DOCUMENT_KIND = re.compile(rf"(?:{DOCUMENT_KIND}|(?:{NOTICE_WORDS})){TITLE_END}")
_DATE = re.compile(DATE)
#: A date as web pages post it, "2024-03-07" or "2024/3/7".
_NUMERIC_DATE = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d\d)([-/.])(?:0?[1-9]|1[0-2])\2(?:0?[1-9]|[12]\d|3[01])(?!\d)"
)
#: A post's account and time on a line of their own, as WeChat shows them: "云溪教育
#: 2024-03-07 18:02", "原创 云溪教育 云溪县教育局 2024-01-12 09:30 发表于云南".
_POSTED_LINE = re.compile(
    rf"(?:原创\s*)?(?:[^\s，,。；;：:]{{2,20}}\s+){{0,3}}{_NUMERIC_DATE.pattern}"
    r"(?:\s+\d{1,2}[:：]\d\d)?(?:\s*发表于\S{1,8})?"
)
#: A line that is a date alone, perhaps in brackets: a document's own date.
_DATE_LINE = re.compile(DATE_LINE)
#: A site's name is short and ends so: 无锡英才网, XX教育信息网, 教育门户.
_SITE_NAME = re.compile(r"(?:网|网站|门户)\W*$")
_SITE_NAME_MAX_CHARS = 16
#: A page title carries the site's name after a separator: "…工作总结_无锡英才网",
#: "…工作汇报 - 某某文库", "…要点｜教育信息网".
_SITE_SUFFIX = re.compile(
    rf"\s*[_|｜\-–—]+\s*[^_|｜\-–—]{{0,{_SITE_NAME_MAX_CHARS}}}?(?:网|网站|门户|文库|范文|文档)\W*$"
)
#: A government site's pages end with its office (…_清水县人民政府, … | 清水县教育局), which
#: names the region; a dash (——) before an office signs a document instead, and stays.
_SITE_OFFICE = re.compile(
    rf"(?:\s*[_|｜]\s*|\s+[-–]\s+)([^_|｜\-–—]{{0,{_SITE_NAME_MAX_CHARS}}}?)"
    r"(?:人民政府|政府|教育局|教育体育局|教育和体育局|教体局|教育委员会|教委)\W*$"
)
#: The items of a breadcrumb trail ("首页 > 文章中心 > 教育动态") are short, but for the
#: last, which can be the page's title; a slash separates only words, not "2023/2024".
_CRUMB_ARROW = re.compile(r"[>›»＞→]+")
_CRUMB_SLASH = re.compile(r"(?<!\d)[/／](?!\d)")
_CRUMB_MAX_CHARS = 12


def report_title(report) -> str | None:
    """The report's title: a heading above its first paragraph, or the title words that
    open it ("东岭县教育局关于全县教育工作情况的汇报").

    A web copy's site name ("无锡英才网", alone or after the title), its breadcrumb trail
    ("首页 > 文章中心 > 教育动态") and a placeholder ("××××") are not titles and are passed over.
    """
    first = report.paragraphs[0].start if report.paragraphs else len(report.text)
    # A numbered section heading ("一、学前教育") is no title, nor a short sentence
    # (全县新建幼儿园3所，新增学位900个。; a slogan may end in ！): a report without a
    # title line has none.
    above = [
        heading.text for heading in report.headings
        if heading.start < first
        and not _names_no_report(heading.text)
        and not is_numbered(heading.text.strip())
        and not heading.text.rstrip().endswith("。")
    ]
    # A title page may open with the issuing office or a document number: the line that
    # names a kind of document is the title.
    titled = [i for i, line in enumerate(above) if _DOCUMENT_KIND.search(_without_site_name(line))]
    if titled or above:
        at = titled[0] if titled else 0
        title = _without_site_name(above[at])
        if at and (
            above[at - 1].count("《") > above[at - 1].count("》") or _SUBTITLE.match(title)
        ):
            # A title set on two lines: "关于印发《…攻坚行动" over "实施方案》的通知", or a
            # speech's slogan over its subtitle ("——在全县教育工作会议上的讲话").
            title = above[at - 1].strip() + title
        elif at and (
            (_YEAR_FIRST.match(title) and _ISSUER.fullmatch(above[at - 1].strip()))
            or (
                _BROKEN_AFTER_ABOUT.search(above[at - 1].strip())
                and "关于" not in title and report_region(title) is None
            )
            or (above[at - 1].strip() == "关于" and "关于" not in title)
        ):
            # The office over the year and kind of report ("清水县教育局" over "2023年工作
            # 总结"), or a title broken after its 关于 ("清水县教育局关于2023年" over "全县
            # 教育工作情况的报告", or 关于 alone over the rest): each line alone names half
            # of it.
            title = above[at - 1].strip() + title
        return title
    if report.paragraphs:
        match = _TITLE.match(report.paragraphs[0].text)
        if match:
            return match.group(0)
    return None


_SUBTITLE = re.compile(SUBTITLE)
#: A title that opens with its year names no one: the office on the line above wrote it.
_YEAR_FIRST = re.compile(r"(?:(?:19|20)\d\d|[二][〇零○OＯ][〇零○OＯ一二三四五六七八九]{2})\s*学?年")
#: A title's first line broken off after its 关于, under the office that issues it
#: ("清水县教育局关于2023年"), or a title opening with 关于 wrapped as a 22 pt title wraps
#: ("关于对柳溪县2022年义务教育优质均衡发展督" over "导评估的反馈意见"); not a link
#: "关于我们", nor a slogan over a whole title, which names its place itself.
_BROKEN_AFTER_ABOUT = re.compile(
    r"^(?:[^，,。；;：:]{2,}关于[^，,。；;：:]{0,30}|关于[^，,。；;：:]{6,30})$"
)
#: An office's name alone on a line: no figure, no document number, no clause.
_ISSUER = re.compile(r"[^\d，,。：:；;〔\[（(]{2,30}(?:局|厅|委|委员会|政府|办公室|督导室|中心)")


def _without_site_name(line: str) -> str:
    """``line`` without the site name a page title ends with."""
    bare = _SITE_OFFICE.sub("", _SITE_SUFFIX.sub("", line.strip()))
    return bare or line.strip()


def site_region(report) -> str | None:
    """The region of the government site whose page title a report's first heading is
    ("2023年工作总结 - 清水县教育和体育局"), when the title itself names none."""
    first = report.paragraphs[0].start if report.paragraphs else len(report.text)
    for heading in report.headings:
        if heading.start < first and (office := _SITE_OFFICE.search(heading.text.strip())):
            # The place is read as it stands before an office's name.
            return report_region(office.group(1) + "教育局")
    return None


def signed_region(report) -> str | None:
    """The region of the office that signs ``report`` below its text ("东山县教育局" above
    the date), when neither its title nor its opening lines name one."""
    for line in reversed(report.removed):
        # The party committee's office signs as 中共清水县委… or 中共沛县县委…: the county's.
        office = _PARTY_COMMITTEE.sub(r"\1", line.text)
        if line.reason in SIGNATURE_REASONS and (region := report_region(office)):
            return region
    return None


_PARTY_COMMITTEE = re.compile(
    r"^(?:中共|中国共产党)?(.{1,8}?[省市县区旗])[省市县区旗]?委(?:员会)?"
)


def _names_no_report(line: str) -> bool:
    """Whether ``line`` is a site's name, a breadcrumb trail, or a placeholder."""
    line = line.strip()
    if len(line) <= _SITE_NAME_MAX_CHARS and _SITE_NAME.search(line):
        return True
    marks = len(_PLACEHOLDER.findall(line))
    if 2 * marks >= len("".join(line.split())):
        return True
    items = _CRUMB_ARROW.split(line)
    if len(items) < 2:
        items = _CRUMB_SLASH.split(line)
        if len(items) < 3:
            return False
    return all(0 < len(item.strip()) <= _CRUMB_MAX_CHARS for item in items[:-1])


def report_region(text: str) -> str | None:
    """The region whose education bureau wrote the report, named at the start of a line
    or after a separator in ``text`` (the title or the first lines).

    A placeholder ("XX县", "××市", "某县") names no region: None.

    >>> report_region("河西区教育局2024年工作要点"), report_region("关于全县教育工作")
    ('河西区', None)
    >>> report_region("XXX县区教育局2023年工作总结") is None
    True
    >>> report_region("2023年东山县教育工作总结")  # the year first
    '东山县'
    >>> report_region("清水县2023年教育工作总结"), report_region("清水縣教育局2023年工作總結")
    ('清水县', '清水县')
    >>> report_region("清水县关于加强中小学德育工作的意见")  # a title that opens with it
    '清水县'
    >>> report_region("在清水县2024年教育工作会议上的讲话"), report_region("在全县教育大会上的讲话")
    ('清水县', None)
    """
    # Read in simplified characters (one for one): 縣 and 區 end a place name too.
    simplified = text.translate(simplified_table())
    match = _REGION.search(simplified) or _NEWS_REGION.search(simplified) or next(
        (
            m for line in simplified.splitlines()
            if _TITLE_LINE.match(line.strip()) and (m := _TITLE_REGION.match(line.strip()))
        ),
        None,
    ) or _SPEECH_REGION.search(simplified) or _headline_region(simplified) or _NEWS_PLACE.search(
        simplified
    )
    place = next((group for group in match.groups() if group), None) if match else None
    if not place or _PLACEHOLDER.search(place) or _KIND_OF_AREA.search(place):
        return None
    return place


def _headline_region(text: str) -> re.Match | None:
    """The place a news headline, the first line of ``text``, opens with: "永安县以高分通过…",
    "桃源县6所乡镇中心幼儿园集中开工"."""
    headline = text.strip().split("\n", 1)[0].strip()
    return _NEWS_HEADLINE.search(headline) and _HEADLINE_REGION.match(headline)


#: A five-year plan's period named in a title: “十三五” runs 2016–2020.
_PERIOD = re.compile(r"十([一二三四五六七八九])五")


def period_year(title: str, plan: bool = False) -> int | None:
    """The year of a ``title`` that names a five-year period but no year: a report looking
    back on it is of its last year, a ``plan`` for it of its first.

    >>> period_year("清水县“十三五”教育事业发展总结")
    2020
    >>> period_year("“十四五”学前教育发展规划", plan=True)
    2021
    """
    period = _PERIOD.search(title)
    if period is None:
        return None
    end = 2005 + 5 * int(chinese_number(period.group(1)))
    return end - 4 if plan else end


#: A document cited ("按照《2021年全省学前教育工作要点》"), whose years are its own.
_CITED = re.compile(r"《[^《》]*》")
#: A year that dates a document cited: "2019年出台的《…行动计划》".
_ISSUE_DATED = re.compile(r"\s*(?:出台|印发|颁布|制定|发布|实施)的《")


def report_year(text: str, plan: bool = False) -> int | None:
    """The first year ``text`` states: "2023年", "二〇二三年"; a line's note of
    publication ("发布时间：2024年3月1日") is passed over, and so is a year aimed at:
    "到2025年", and in a ``plan`` "确保2016年", "力争2025年", a year compared with
    ("与2018年相比", "较2020年") and a document's cited ("按照《2021年…要点》",
    "2019年出台的《…》"), though not that of a document a notice issues.

    >>> report_year("清水县教育局2023年工作总结"), report_year("二〇二四年工作要点")
    (2023, 2024)
    >>> report_year("东山县教育局二○二三年工作总结")  # a circle for the zero
    2023
    >>> report_year("2022-2023学年工作总结"), report_year("行动计划（2021—2025年）")
    (2023, 2021)
    >>> report_year("“十三五”教育事业发展总结（2016—2020年）")
    2020
    >>> report_year("为推进学前教育发展，到2025年，毛入园率达到95%") is None  # an aim
    True
    >>> report_year("确保2016年通过国家评估认定", plan=True) is None
    True
    >>> report_year("我局确保2023年各项目标任务全面完成")  # a report's own year
    2023
    >>> report_year("与2018年相比，全县新增学位1200个") is None  # a year compared with
    True
    >>> report_year("按照《2021年全省学前教育工作要点》，2022年全县新增学位1200个")
    2022
    >>> report_year("关于印发《清水县2024年教育工作要点》的通知")  # issued, not cited
    2024
    """
    for line in text.splitlines():
        published = _PUBLISHED.search(line)
        stated = line[: published.start()] if published else line
        # "到2025年…达到95%" names the year a plan aims at, not the report's; "到2023年底"
        # where it stands; "2018年以来" where a span the report looks back on starts.
        aimed = _AIMED_IN_PLAN if plan else _AIMED_AT
        # A notice's title names the document it issues in 《》, of its own year.
        cited = [] if _ISSUED.search(stated) else list(_CITED.finditer(stated))
        match = next(
            (
                m for m in _YEAR.finditer(stated)
                if not _aimed_at(stated, m, aimed) and not stated.startswith("以来", m.end())
                and not compared_year(stated, m.start(), m.end())
                and not _ISSUE_DATED.match(stated, m.end())
                and not any(c.start() < m.start() and m.end() < c.end() for c in cited)
            ),
            None,
        )
        if match:
            end = _year_value(match.group(2))
            # A school year (2022-2023学年), or a period a summary looks back on, is
            # reported on in the year it ends; a plan for a span (2021—2025年) is written
            # in the year it starts.
            start = match.group("from")
            if start is not None and end - int(start) > 1 and _PLAN.search(line):
                return int(start)
            return end
    return None


def document_kind(title: str | None) -> str | None:
    """The kind of document a report's ``title`` names, one of :data:`DOCUMENT_KINDS`:
    "plan" (规划, 计划, 方案, 意见, 要点, 纲要, 打算, 工作思路, 工作安排 …, and a notice that
    issues one), "summary" (总结, 汇报, 报告, 述职, 情况, and what looks back on work done:
    案例, 综述, 经验, 实践与思考; also a report on one year and plan for the next, 总结和…打算),
    "speech" (讲话, 致辞, 发言, and their 要点, 提纲, 稿), "notice" (通知, 通报, 决定, 批复, 函,
    a meeting's 纪要 …, and one that issues a document of no other kind), "inspection"
    (督导, 评估, 检查, 自查 reports, 通报 and 公报; 督导意见, 反馈意见, 整改意见, but
    not an opinion on 督导 work, 关于加强…督导的意见, which is a plan), "survey"
    (调研报告, 调查报告)
    or "news" (a headline: a place that held, launched or passed something, a visit, a
    meeting held somewhere, a place and a colon before the story); None for a title that
    names none, or no title. What follows the kind in brackets (（试行）, a date, a document
    number) is passed over."""
    if not title:
        return None
    # Read in simplified characters, as report_region reads: 總結, 要點, 講話.
    title = _bare_title(title.translate(simplified_table()))
    issues = False
    # A notice may forward one that issues the plan: 转发《…关于印发〈…方案〉的通知》的通知.
    while (issued := _ISSUED.search(title)) and (
        inner := _bare_title(next(group for group in issued.groups() if group))
    ) != title:
        title, issues = inner, True
    if _NEWS_HEADLINE.search(title) and _NEWS_TAIL.search(title):
        return "news"
    kind = next((kind for kind, pattern in _KIND_TITLES if pattern.search(title)), None)
    # A notice that issues a rule or a list (…管理办法, …名单) is a notice.
    return "notice" if issues and kind in (None, "news") else kind


def _bare_title(title: str) -> str:
    """``title`` as :func:`document_kind` reads it: one set of 《》 around it all and a
    closing 。 taken off, 〈〉 (a title inside a title) written 《》."""
    title = title.strip().rstrip("。").replace("〈", "《").replace("〉", "》")
    if title.startswith("《") and title.endswith("》") and title.count("《") == 1:
        title = title[1:-1].strip()
    return title


def dated_year(report) -> int | None:
    """The year of the date a report bears on a line of its own ("（2015年3月5日）", as a
    speech or a notice is dated, at its head or its end), or of its posting on a web page
    ("发布时间：2024年6月12日", "发布时间：2024-06-12 10:20", "云溪教育 2024-06-12 18:02");
    None without either."""
    for segment in sorted([*report.headings, *report.removed], key=lambda s: s.start):
        text = segment.text.strip()
        date = _DATE_LINE.fullmatch(text) or _POSTED_LINE.fullmatch(text)
        if date is None and (published := _PUBLISHED.search(text)):
            date = _DATE.search(text, published.start()) or _NUMERIC_DATE.search(
                text, published.start()
            )
        if date:
            return _year_value(date["year"])
    return None


def _year_value(year: str) -> int:
    """"2023" or "二〇二三" (a zero often typed ○) as a number."""
    return int(year) if year.isdigit() else int(chinese_number(year.translate(_ZEROS)))


def _aimed_at(line: str, year: re.Match, aimed: re.Pattern) -> bool:
    return bool(aimed.search(line, 0, year.start())) and not line.startswith(
        ("底", "末"), year.end()
    )


def opening(report) -> str:
    """The title and the first lines of the report, where region and year are stated."""
    removed = {segment.start for segment in report.removed}
    headings = [
        s for s in report.headings if s.start not in removed and not _names_no_report(s.text)
    ]
    pieces = sorted(
        [(s.start, _without_site_name(s.text)) for s in headings[:3]]
        + [(p.start, p.text[:80]) for p in report.paragraphs[:2]]
    )
    return "\n".join(text for _, text in pieces)
