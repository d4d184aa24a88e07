"""Cutting a report's text into paragraphs, headings and removed furniture.

Real reports arrive as clean files with one paragraph per line, but also as copy-pasted web
pages and .docx dumps: numbered items glued into one long line, page markers (``2、``) that
split a sentence across pages, and site furniture ("由会员分享", breadcrumbs). :func:`segment`
handles all of these and returns :class:`Segment` objects that keep their character offsets
into the source, so that nothing is lost:

- every non-blank character of the source lies in exactly one segment's ``[start, end)``
  span, except page markers, which are ``furniture`` segments lying inside the span of the
  paragraph they interrupted;
- a paragraph's ``text`` is its span with those markers removed and its lines joined (line
  breaks and the blanks around them dropped);
- every furniture segment says why it was removed (``reason``), and a line of content (at
  least 30 Chinese characters, or a sentence of at least 20) is never removed for holding a
  URL, a domain or a breadcrumb, nor for repeating: only short site furniture and running
  headers go;
- the rows of a table of figures are furniture too ("table row"): a row is no paragraph
  to label, and its row label no heading. Readers of .docx and web pages mark the rows
  they know (and the lines of headings and footnotes); in text, rows are known by the
  tabs between their cells.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from .._chinese import (
    ANY_OUTLINE_MARKER,
    CN_NUMERALS,
    CONTENTS_HEADING,
    CONTENTS_LEADERS,
    CONTENTS_PAGE,
    DATE,
    DATE_LINE,
    DOCUMENT_KIND,
    MONTH_LINE,
    NOTE_LINE,
    OUTLINE_MARKERS,
    SUBTITLE,
    TERMINAL,
    display_width,
    han_count,
    is_content,
    is_numbered,
    outline_level,
)
from ..reading import TABLE_CELL_SEPARATOR, TABLE_ROW
from ..reading._common import TABLE_CAPTION, is_prose_cell, is_prose_row
from ..topics import MIN_HAN_CHARS

PARAGRAPH = "paragraph"
HEADING = "heading"
FURNITURE = "furniture"


#: A credits word under an article (审核：王强), and what one names: a name, a post or an
#: office, up to a blank, 、 or / (审核：王强、李明).
_CREDITS_WORD = r"(?:审核|初审|复审|终审|责编|校对|排版|美编|通讯员)\s*[:：]\s*"
_CREDITED = r"[^\s、/，,。；;：:！？!?]"
#: A notice's step of review opens with a credits word too (初审：学校), naming who
#: reviews, which no credits name alone: a level of schools or offices (学校, 学区,
#: 各乡镇中心校, 县教育局, 县教研室, 全体教师), not a person (王强, 李园, nor 全红: 全 is
#: a surname too), nor the department of a school or an office that credits may name
#: (审核：德育处, 督导室, 本校德育处).
_REVIEW_WORD = r"(?:审核|初审|复审|终审|校对)\s*[:：]\s*"
_NO_PERSON = (
    rf"(?:各{_CREDITED}{{1,11}}|全[体县市区乡镇校]{_CREDITED}{{0,10}}|本(?:校|园|单位|学校)|"
    rf"{_CREDITED}{{0,10}}?(?:学校|学区|校|局|政府|乡镇|街道|"
    rf"幼儿园|小学|中学)|[省市县区乡镇]{_CREDITED}{{0,9}}?(?:委员会|委|办公室|办|中心|股|科室|"
    r"处|室|站|所|院|部|组))"
)
#: A line of such steps alone (初审：学校  复审：学区  终审：县教育局).
_REVIEW_LEVELS = rf"(?:{_REVIEW_WORD}{_NO_PERSON}(?:[\s、/]+{_NO_PERSON})*\s*)+"
_REVIEW_LEVELS_LINE = re.compile(_REVIEW_LEVELS)
#: What the lines of a post's credits and its note of posting are.
_POSTING_NOTE = "a note of posting (发布时间, 来源, 作者, 浏览次数 …)"
_CREDITS_REASON = f"site furniture: {_POSTING_NOTE}"
#: A portal's three buttons to size its text: 大 中 小 in any order, 默认, A+ A A-, T T T.
_SIZE_BUTTON = r"(?:[大中小]|默认|标准|超大|特大|A[+\-＋－]?|T)"
#: A policy's title in 《》, perhaps with its document's number or date in brackets after
#: it (《…指导意见》（教基厅函〔2017〕2号）); a news headline goes on after its 《》
#: (《义务教育法》宣传月启动).
_TITLE = r"《[^《》]+》(?:\s*[（(][^（）()]*[）)])?"
_TITLES_ONLY = rf"(?:{_TITLE}[\s、，,；;]*)+[。；;]?$"
#: Phrases that only document-sharing sites, search pages and page layouts write: a line
#: holding one is furniture whatever its length (up to _FURNITURE_MAX_CHARS). Each comes
#: with its needles: characters, rare in report text, one of which a line must hold to
#: match it; "" for a pattern anchored at the start of the line.
_SITE_PHRASES = (
    (r"由会员分享", ("享",)),
    (r"可在线阅读", ("阅",)),
    (r"请在.{0,30}上搜索", ("搜",)),
    (r"页珍藏版", ("藏",)),
    (r"^首页\s*[>›»]", ("",)),
    (
        r"^(?:当前位置|您的位置|您现在的位置|所在位置)\s*[:：]",
        ("",),
        "a breadcrumb trail (当前位置：…)",
    ),
    # Also in brackets: "【打印本页】【关闭窗口】", "【发布日期：…】【来源：…】". A site's
    # related links are news, in whose headlines 《》 may stand (《义务教育法》宣传月启动); a
    # report's own list of the policies it follows names them in 《》 and nothing else
    # (相关链接：《关于…的实施意见》《…办法》), its text.
    (
        r"^[【\[]?(搜索|返回顶部|收藏本页|打印本页|关闭窗口|上一篇|下一篇|上一条|下一条|相关推荐|"
        rf"相关文章|相关链接(?![】\]]?[:：\s]*{_TITLES_ONLY})|我要纠错|阅读原文|索引号|网站标识码|"
        r"主办单位|承办单位)",
        ("",),
        "a link, a button or a line of the site (返回顶部, 打印本页, 上一篇, 主办单位 …)",
    ),
    (
        r"^[【\[]?(发布时间|发布日期|来源|文章来源|信息来源|稿件来源|作者|编辑|责任编辑|浏览次数|"
        r"阅读次数|点击次数)\s*[:：]"
        # A portal's buttons 【字体：大 中 小】, 【字号：小 中 大】, 字号：A+ A A-; a notice's
        # format asks for a font and a size (字体：正文使用仿宋三号字, 字号：三号, 字号：小四).
        rf"|^[【\[]?字[体号]\s*[:：]\W*(?:大\W*中\W*小(?!\w)|(?:{_SIZE_BUTTON}(?![\w＋－])\W*){{3}})"
        # The credits under an article name people, a name or two each, not a step of a
        # procedure a notice lists, sentence or not (审核：县教育局对申报材料逐校审核), nor
        # the offices its levels fall to (初审：学校  复审：学区  终审：县教育局).
        rf"|^(?!{_REVIEW_LEVELS}$)"
        rf"(?:{_CREDITS_WORD}{_CREDITED}{{1,12}}(?:[\s、/]+{_CREDITED}{{1,12}})*?\s*)+$",
        ("",),
        _POSTING_NOTE,
    ),
    (r"配套讲稿", ("稿",)),
    (r"特殊限制", ("殊",)),
    (r"^-?\s*关\s*键\s*词", ("",)),
    (r"PPT文件", ("T",)),
    (r"国旗、国徽等图片", ("徽",)),
    (r"^限制\d+内$", ("",)),
    (r"如有侵权", ("侵",)),
    (r"版权(所有|归)", ("版",)),
    (r"(下载|复制)(本|全|该)?文档", ("档",)),
    (r"免费下载", ("载",)),
    (r"小编", ("编",)),
    (r"欢迎(阅读|分享|借鉴|下载)", ("欢",)),
    (r"(扫一扫|扫码|分享到)", ("扫", "享")),
    (r"共\s*\d+\s*页", ("页",)),
    (r"^本文(来源|来自|链接|地址|网址)", ("",)),
    # A post's account and time line, as WeChat shows it: "青川教育 2024年01月18日 18:30 四川",
    # "原创 青川教育 2024-01-18 18:30 发表于四川".
    (
        r"^[^，,。；;]{0,30}(?:19|20)\d\d(?:年\d{1,2}月\d{1,2}日|([-/.])\d{1,2}\1\d{1,2})"
        r"\s*\d{1,2}:\d\d[^，,。；;]{0,10}$",
        ("日", ":"),
        "a post's account and time",
    ),
    # A footer on one line, of fields alone ("主办：…　承办：…　技术支持：…　地址：…　电话：…"),
    # and WeChat's call to follow it ("长按识别二维码，关注…公众号，了解更多…！"), however long.
    (
        r"^(?:[【\[]?(?:主办|承办|协办|技术支持|运维|地址|联系电话|电话|邮编|传真)(?:单位)?\s*[:：]"
        r"[^，,；;。:：]{1,40}?){2,}$",
        ("",),
        "a line of the site's footer (主办：, 承办：, 技术支持：, 地址 and 电话 …)",
    ),
    (
        r"^(?:长按(?:识别|扫描)?(?:图中)?二维码[，,\s]*)?关注[^。，,\d]{0,20}公众号[^。\d]{0,60}$",
        ("",),
        "a line of WeChat's page (长按识别二维码, 阅读 1523, 在看, 关注公众号 …)",
    ),
    # WeChat's call to follow atop an article ("点击上方蓝字关注我们", "↑点击上方“云溪教育”关注"),
    # and the head of its list of other posts under it.
    (
        r"^\W{0,3}点击(?:上方|上面|顶部|标题下方?)[^。，,；;]{0,16}"
        # A guide to online lessons tells what to follow (点击上方“课程表”关注每日直播);
        # after a comma, only the account is (点击上方蓝字，关注我们).
        r"(?:关注(?:我们|我|本?公众号|本号)?|[，,]\s*关注(?:我们|我|本?公众号|本号))\W{0,3}$"
        r"|^喜欢此内容的人还喜欢$",
        ("击", "欢"),
        "a line of WeChat's page (长按识别二维码, 阅读 1523, 在看, 关注公众号 …)",
    ),
    # What WeChat shows around an article: "阅读 1523", "在看".
    (
        r"^(?:阅读\s*(?:\d+|10万\+)|在看|点赞|赞|分享|留言|写留言|在看\s*\d+)"
        r"(?:\s+(?:阅读\s*\d+|在看|点赞|赞|分享|留言|写留言|\d+))*$",
        ("",),
        "a line of WeChat's page (长按识别二维码, 阅读 1523, 在看, 关注公众号 …)",
    ),
    # A site's navigation bar: "首页 | 政务公开 | 互动交流".
    (r"^[^|｜]{1,10}(?:[|｜][^|｜]{1,10}){2,}$", ("|", "｜"), "a navigation bar"),
)
#: A page's number, which text copied out of Word or a PDF keeps between its pages: "— 3 —",
#: "第3页". Never a site's, and no pattern to show the user.
_PAGE_PHRASES = (
    (r"^第\s*\d+\s*页", ("",), "a page number (— 3 —, 第3页)"),
    # A bare figure may as well be the number of a table's empty row ("1", "2" under a
    # blank form's column headings), or a web page's count of views or comments.
    (
        r"^\d{1,4}$",
        ("",),
        "a number alone on a line: a page's, an empty table row's or a web page's count",
    ),
    (r"^[-—\s]*\d{1,4}[-—\s]*$", ("",), "a page number (— 3 —, 第3页)"),
)
#: What site furniture often holds but report text may too ("登录…网站http://…下载"): a
#: line with one of these is furniture only when it is not content (see is_content).
_SITE_MARKS = (
    (r"https?://", ("/",)),
    (r"\w\.(com|cn|net|org)\b", ("m", "n", "g")),
    (r"[>›»].{0,40}[>›»]", (">", "›", "»")),
    (r"\.(docx?|pdf|wps|txt|xlsx?|et|zip|rar)\s*$", ("c", "f", "s", "x", "t", "p", "r")),
    (r"(延伸|更多|推荐|精选).{0,8}阅读", ("阅",)),
    # A site's footer: who runs it and where ("主办：…", "地址：… 联系电话：…"); a notice
    # may say so in a sentence ("主办：清水县教育局。承办：…，共展示优质课48节。").
    (
        r"^[【\[]?(?:主办|承办|协办|技术支持|运维(?:单位)?)\s*[:：]",
        ("",),
        "a line of the site's footer (主办：, 承办：, 技术支持：, 地址 and 电话 …)",
    ),
    (
        r"地址\s*[:：].{0,60}电话\s*[:：]|电话\s*[:：].{0,60}地址\s*[:：]",
        ("址",),
        "a line of the site's footer (主办：, 承办：, 技术支持：, 地址 and 电话 …)",
    ),
    # What WeChat shows around an article, "长按识别二维码关注我们", and what a notice asks
    # of parents in a sentence ("请家长关注公众号及时查看，网上报名时间为…").
    (
        r"长按(?:识别|扫描)?(?:图中)?二维码|预览时标签不可点|关注(?:该|本|我们的)?公众号",
        ("二维码", "预览时", "公众号"),
        "a line of WeChat's page (长按识别二维码, 阅读 1523, 在看, 关注公众号 …)",
    ),
)


def _furniture_tests(table: tuple) -> tuple[tuple[str, tuple[str, ...], object], ...]:
    """(what, needles, test) for each (pattern, needles[, what]) of ``table``: what a line
    it matches is, said in words where the pattern is too long to read ("matches
    'https?://'" otherwise); an anchored pattern is only tried at the start."""
    tests = []
    for pattern, needles, *what in table:
        compiled = re.compile(pattern)
        test = compiled.match if pattern[0] == "^" else compiled.search
        tests.append((what[0] if what else f"matches {pattern!r}", needles, test))
    return tuple(tests)


#: An addressee of a government document: a unit, with a note in brackets ("各中小学校（园）").
_UNIT = (
    r"[^、，,：:。；;！？!?\d\s]{1,20}?"
    r"(?:学校|校|园|单位|部门|股室|科室|处室|中心|局|政府|机关|委员会|委|办公室|办|站|所|院|"
    r"街道|社区|企业|公司|团体|部|学区|学)(?:[（(][^）)]{1,8}[）)])?"
)
#: Who a speech or a reply is addressed to, by name or post: "刘晓红委员", "各位副主任".
#: 领导, 来宾 and 嘉宾 only so addressed (各位领导, 尊敬的来宾): "加强组织领导：" heads a task.
_ADDRESSEE = (
    r"(?:(?:尊敬的)?(?:各位)?[\u4e00-\u9fff]{0,4}?(?:委员|代表|同志们?|先生|女士|主任|秘书长|"
    r"主席|老师们|同学们|朋友们)|(?:尊敬的|各位)+[\u4e00-\u9fff]{0,6}?(?:领导|来宾|嘉宾)(?:们)?)"
)
#: What a government document's frame holds around its text: the addressees (主送机关),
#: the list of attachments, the contact, the copies sent (抄送) and the line of who printed
#: it when (印发). Counted, they were a third of a one-page notice.
_DOCUMENT_PHRASES = (
    # A reply's or a speech's salutation: "刘晓红委员：", "王明代表：", "同志们：",
    # "各位代表、同志们：", "主任、各位副主任、秘书长、各位委员：".
    (
        rf"^(?:{_ADDRESSEE}|各位[^：:。，,；;]{{1,20}})(?:、{_ADDRESSEE})*[:：]$",
        ("委员", "代表", "同志", "先生", "女士", "各位", "主任", "秘书长", "主席", "领导",
         "来宾", "嘉宾", "老师们", "同学们", "朋友们"),
        "the person or people it is addressed to (…委员：, 同志们：)",
    ),
    # "附件：1.…", "附件1", not "附件1所列的项目……".
    (r"^附件\s*\d{0,2}\s*(?:[:：]|$)", ("",), "the list of attachments (附件)"),
    # Also in brackets below the text: "（联系人：…，电话：…）"; 报： and 送： head a 版记.
    # A reply names the office to contact, or that handled it ("联系单位：…德育处",
    # "办理单位：…"): the office's name is no topic of the text.
    (
        r"^[（(]?(抄送|抄报|主送|报送|报|送|分送|发送|联系人|联系电话|联系方式|联系单位|办理单位)"
        r"\s*[:：]",
        ("",),
        "the copies sent (抄送, 报, 送, 分送) or the contact (联系人, 联系单位)",
    ),
    # A meeting's minutes (纪要) name who came and who wrote them down, and when, where and
    # under whom it met, on lines of no clause.
    (
        r"^(?:(?:出席|列席|缺席|请假|记录人?)\s*[:：]|(?:时间|地点|主持人?)\s*[:：][^，,。；;]{0,30}$)",
        ("",),
        "a meeting's attendance, time and place, or who took its minutes (出席, 时间, 地点, 记录)",
    ),
    # An older notice's subject words, above its 抄送: "主题词：学前教育　统计　通知".
    (r"^主题词\s*[:：]", ("",), "the subject words (主题词)"),
    # "各乡镇人民政府，县直有关部门，各中小学校（园）：", "局属各学校、各乡镇中心学校：": a
    # list of units, each ending as a unit's name does; not "各校要做好以下工作：", nor a
    # lead-in ("全县各中小学校紧紧围绕…，重点抓了三个方面：", "本年度各项重点任务完成情况：").
    (
        r"^(?=各|[局县市区旗镇乡全省州盟本机][^。；！？!?\d：:]{0,7}各)"
        r"(?!.*(?:要|请|应|按照|根据|做好|开展|组织|认真|如下|以下|进行|是|有(?!关)|现))"
        rf"{_UNIT}(?:[、，,]{_UNIT}){{0,15}}[:：]$",
        ("",),
        "the units it is addressed to (主送机关)",
    ),
    # The count of copies may stand on a line of its own under it: "共印50份".
    (
        r"[\d〇一二三四五六七八九十]日印发(?:\s*[（(]?共印\s*\d+\s*份[）)]?)?$"
        r"|^[（(]?共印\s*\d+\s*份[）)]?$",
        ("印",),
        "the line of who printed it when, and how many copies (印发, 共印50份)",
    ),
    # The document's number (文号): "松教发〔2023〕12号".
    (
        r"^[^，,。；;：:\s]{1,12}[〔［\[]\d{4}[〕］\]]\s*\d{1,4}\s*号$",
        ("〔", "［", "["),
        "the document's number (文号)",
    ),
    # "（此件公开发布）", "（此件不予公开）", not "此件公开征求意见期间，…".
    (
        r"^[（(]此件[^。，,；;（()）]{0,6}公开(?:发布)?[）)]$",
        ("",),
        "a note on publishing it (此件公开发布)",
    ),
    # Names set side by side with blanks: a joint signature. No clause mark, no digit (a
    # part's number and year: "第一部分　　　2023年工作回顾"), no outline marker.
    (
        r"^(?!第.{1,3}[部章节篇])[^，,。；;：:！？!?\d、]*"
        r"\S[ \u3000\xa0]{3,}\S[^，,。；;：:！？!?\d]*$",
        (" ", "\u3000", "\xa0"),
        "names set side by side (a joint signature)",
    ),
)
DOCUMENT_FURNITURE = "document furniture"
#: The office or two a report, a reply or a feedback is sent to ("柳溪县人民政府：",
#: "市教育局：", "县委、县政府："): its 主送机关 under the title, before the text begins;
#: further on, a line so short ending in ： may head a task.
_ADDRESSED_OFFICES = re.compile(
    r"(?:[^，,。；;：:！？!?、\d\s]{1,20}?(?:政府|局|厅|委员会|委|办公室)[、，,]?)+[:：]"
)
_ADDRESSED_REASON = f"{DOCUMENT_FURNITURE}: the units it is addressed to (主送机关)"
#: The items of a list of attachments, after its first line ("附件：1.…").
_ATTACHMENT_ITEM = re.compile(r"\d{1,2}[.、．]\S[^。！？!?]{0,60}$")
_ATTACHMENT_REASON = f"{DOCUMENT_FURNITURE}: an item of the list of attachments"
#: The office that signs a document, alone on the line above its date once the text has
#: begun ("中共清水县委教育工作领导小组办公室", then "2024年3月15日").
#: The name of an office, up to what kind of office it is.
_OFFICE_NAME = r"[^，,。；;：:！？!?、\d\s]{2,30}?"
_SIGNATURE = re.compile(rf"{_OFFICE_NAME}(?:局|办公室|委员会|政府)")
_SIGNATURE_ENDS = ("局", "室", "会", "府")
#: A date, bare (a signature's date line) or, as a document dates itself, in brackets.
_DATE = re.compile(DATE)
#: A full date on a line of its own heads nothing; one of a year and a month heads nothing
#: under a title (a survey dated "（2005年6月）"), but heads a chronicle's events (大事记),
#: its first month too, right under the chronicle's title.
_DATE_LINE = re.compile(DATE_LINE)
_MONTH_LINE = re.compile(MONTH_LINE)
_CHRONICLE = re.compile(r"大事记|大事年表|纪事|工作日志")
_SIGNATURE_REASON = f"{DOCUMENT_FURNITURE}: the office signing it, above its date"
_SIGNATURE_AT_END = f"{DOCUMENT_FURNITURE}: the office signing it, at its end"
#: The reasons of the lines naming the office that signs a document.
SIGNATURE_REASONS = (_SIGNATURE_REASON, _SIGNATURE_AT_END)
#: A site's heading of its related links alone on its line, and a line of policies' titles
#: (perhaps numbered) below it: a report's own list of the policies it follows, which it
#: heads so too.
_RELATED_LINKS = re.compile(r"[【\[]?相关链接[】\]]?\s*[:：]?")
_POLICY_TITLE = re.compile(rf"(?:\d{{1,2}}[.、．]\s*|[（(]\d{{1,2}}[）)]\s*)?{_TITLES_ONLY}")
#: The line an attachment starts with, above its title.
_ATTACHMENT_MARK = re.compile(r"附件\s*\d{0,2}\s*[:：]?")
#: A line laid out with runs of blanks and no clause mark ("来源：…    作者：…", names
#: signing side by side) is no hard-wrapped line of a paragraph, however long; a wrapped
#: PDF line justified with blanks has its commas.
_LAID_OUT = re.compile(r"^[^，,。；;！？!?]*[ \u3000\xa0]{3,}[^，,。；;！？!?]*$")
#: A line ending in one of these stops mid-sentence: it runs on into the next, however short
#: (a <br> inside a web page's paragraph, a narrow column).
_OPEN_ENDS = tuple("，,、《（(“")

_FURNITURE = _furniture_tests(_SITE_PHRASES)
_PAGE_FURNITURE = _furniture_tests(_PAGE_PHRASES)
_DOCUMENT_FURNITURE = _furniture_tests(_DOCUMENT_PHRASES)
_WEAK_FURNITURE = _furniture_tests(_SITE_MARKS)
# Searching a line for all 29 patterns costs some 20 us, more than the rest of segmenting,
# and nearly every line matches none: two searches prove that of most lines, one for the
# needles and one for the anchored patterns at the start.
_PHRASES = _PAGE_PHRASES + _SITE_PHRASES + _DOCUMENT_PHRASES
_NEEDLES = {needle for _, needles, *_ in _PHRASES + _SITE_MARKS for needle in needles}
# Needles of one character in a class, the longer ones ("同志", "各位") whole: their
# characters alone are in most lines.
_ONE_CHARACTER = "".join(sorted(map(re.escape, {n for n in _NEEDLES if len(n) == 1})))
_HAS_NEEDLE = re.compile(
    "|".join([f"[{_ONE_CHARACTER}]", *sorted(map(re.escape, {n for n in _NEEDLES if len(n) > 1}))])
).search
_ANCHORED_MATCH = re.compile(
    "|".join(
        f"(?:{pattern})" for pattern, needles, *_ in _PHRASES + _SITE_MARKS if needles == ("",)
    )
).match

#: A furniture pattern only removes a line this short: a long line is report text that
#: happens to contain such a phrase.
_FURNITURE_MAX_CHARS = 300
#: A short line, not content, met this often (digits aside) is a running header or footer
#: of the pages the text was copied from; a first occurrence that opens the text is its
#: title and stays.
_RUNNING_MIN_REPEATS = 3
_RUNNING_MAX_CHARS = 40

_CN_NUM = CN_NUMERALS
#: Item markers from the top of the outline down (the readers know them too).
_MARKER_LEVELS = OUTLINE_MARKERS
#: The items a sentence lists: 一是…，二是….
_ENUMERATION = _MARKER_LEVELS[-1]
_ANY_MARKER = ANY_OUTLINE_MARKER


#: A marker starts a new item only after the end of a sentence (or at the start of a line).
_ITEM_START = re.compile(rf"(?<=[{re.escape(TERMINAL)}])\s*(?={_ANY_MARKER.pattern})")

#: A top-level section marker glued after a full stop ("…明显提升。二、义务教育……"):
#: sections pasted onto one line, parted at any length. Inside a paragraph, items are
#: numbered 一是, （一） or 1、, or listed as 一、…；二、…, after a semicolon.
_SECTION_START = re.compile(rf"[。！？!?][”」』）)]?\s*(?={_MARKER_LEVELS[0].pattern})")

#: Page markers of document-sharing sites: each page's text starts with its number and 、.
_PAGE_MARKER = re.compile(r"(\d{1,3})、\s*")
#: A page of such a dump holds a few hundred characters.
_PAGE_MIN_CHARS = 150

#: Logical lines longer than this are run-on text and get cut where sibling items start;
#: items still longer than _GLUED_ITEM_CHARS are cut at their children's markers too (a
#: heading glued to its first items arrives as one item).
_RUN_ON_CHARS = 500
_GLUED_ITEM_CHARS = 700
#: Paragraphs longer than this are cut at sentence ends into pieces of about this size;
#: one with no sentence end so long, at a clause mark (see :func:`_clause_cut`).
_MAX_PARAGRAPH_CHARS = 1500
_SENTENCE_END = re.compile(r"[。！？!?；;]")
_WRAP_MIN_CHARS = 40
#: A hard-wrapped text (a narrow column, pdftotext, a PDF converted to Word a line per
#: paragraph) shows its width in many lines of one length: at least this many, and this
#: share of the unended lines.
_WRAP_WIDTH_LINES = 5
_WRAP_WIDTH_SHARE = 0.3
#: Or, in a short text (under ten unended lines), two lines of prose at least this long, of
#: one length (more than half such lines).
_SHORT_WRAP_MIN_CHARS = 15
#: Among paragraphs a line each, the width from which wrapped ones show it by their lines'
#: clauses: below it, a heading's length (（一）普惠优先，扩大学前资源 over a sub-heading is no
#: wrapped prose), they show it by full lines one after another.
_MIXED_WRAP_MIN_CHARS = 20
#: ▲ also bullets a report's items: a short one stating a count or a rate, or ending a
#: sentence ("▲学前三年毛入园率达到95.6%。"), is a line whose figures summaries read, and
#: heads nothing, as a caption does not either.
_BULLET = re.compile(r"[▲△↑]")
#: A photo's caption, under the photo: "▲ 新园舍", "图1 …", "图为…", "上图：…".
_CAPTION = re.compile(rf"{_BULLET.pattern}|图\s*\d|图[:：为]|[上下左右]图[:：为]")
#: A caption saying what the photo shows, on a line of its own, may be as long as a
#: paragraph's sentence ("图为城东幼儿园的孩子们在开展户外游戏活动"): one sentence, or
#: none, where a paragraph opened by 图为 goes on to others. Not after ▲, which bullets a
#: report's items as often as it marks a caption, in words no rule tells apart ("▲全县
#: 新建家长学校二百一十所，…"): a long one is text, labelled, rather than lost.
_LONG_CAPTION = re.compile(r"[上下左右]?图[:：为][^。！？!?；;]{4,58}[。！？!?]?")
#: A piece this long is a paragraph even with little Chinese in it (text in another
#: language, which the tagger flags), not a heading.
_FOREIGN_MIN_CHARS = 60


@dataclass(frozen=True)
class Segment:
    """A piece of a report.

    Attributes
    ----------
    kind : {"paragraph", "heading", "furniture"}
    text : str
        The cleaned text: for a paragraph, its lines joined and page markers removed.
    start, end : int
        Character offsets of the piece in the source text (``end`` exclusive).
    heading : str or None
        For paragraphs: the nearest heading above, the context the paragraph sits in.
    reason : str or None
        For furniture: why it was removed ("site furniture: matches 'https?://'",
        "page marker", "repeated 3 times, as running headers and footers are", "table row",
        "row number").
    """

    kind: str
    text: str
    start: int
    end: int
    heading: str | None = None
    reason: str | None = None


class _Line(NamedTuple):  # a tuple: made for every line of every report, and never changed
    start: int
    end: int
    text: str


#: Every blank line: only its being blank is ever used.
_BLANK_LINE = _Line(0, 0, "")


#: Line ends that text scraped from the web keeps in place of its own: HTML's <p> tags, two
#: <br> or two escaped line ends in a row, and a paragraph's indent of two ideographic
#: blanks right after a sentence's end (``hard``); one <br>, or a line end escaped as the
#: two characters \n after a sentence's end, or after a Chinese character and before no
#: letter (never in a path, C:\new, 南坪县\new2024) (``soft``), which ends a line as the
#: web page reader's <br> does (see :func:`_scraped_pieces`). A sheet's cell of a whole
#: report, with its paragraphs parted so, had been one paragraph of four topics, labelled
#: other.
_ESCAPED_END = r"(?:\\r)?\\n"
#: After a sentence's end, an escaped \n ends the line whatever follows (STEM, AI).
_FULL_STOP_MARKS = "。！？；"
_SCRAPED_BREAK = re.compile(
    # Tags in either case; an escaped line end in lower case only (\N is none).
    r"(?P<hard>(?i:(?:<br\s*/?>\s*){2,}|</?p(?:\s[^<>]*)?>)"
    rf"|(?<=[^\x00-\x7f])(?:{_ESCAPED_END}){{2,}}"
    r"|(?:(?<=[。！？])|(?<=[。！？][”’」』]))(?=　　))"
    rf"|(?P<soft>(?i:<br\s*/?>)|(?<=[{_FULL_STOP_MARKS}]){_ESCAPED_END}"
    rf"|(?<=[^\x00-\x7f]){_ESCAPED_END}(?![A-Za-z]))"
)


def _lines(text: str) -> Iterator[_Line]:
    """Lines of ``text``, stripped, with their offsets (:data:`_BLANK_LINE` for a blank).
    A line's scraped line ends (:data:`_SCRAPED_BREAK`) part it too."""
    offset = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        # Most lines hold none of the three: the cheap test spares them the search.
        if ("<" in body or "\\" in body or "　　" in body) and _SCRAPED_BREAK.search(body):
            pieces = _scraped_pieces(body, offset)
        else:
            pieces = ((body, offset),)
        for piece, at in pieces:
            if stripped := piece.strip():
                lead = len(piece) - len(piece.lstrip())
                yield _Line(at + lead, at + lead + len(stripped), stripped)
            else:
                yield _BLANK_LINE
        offset += len(raw)


def _scraped_pieces(body: str, offset: int) -> Iterator[tuple[str, int]]:
    """The pieces of the line ``body`` between its scraped line ends, with their offsets. A
    soft one after a line that ends no sentence mid-clause ("…普惠性幼儿园覆盖率<br>达到
    92.5%，…") is layout, as the web page reader takes a <br>: the sentence runs on, the
    mark left in it; a line of no clause (a title) or a numbered one ends there."""
    at = 0
    for mark in _SCRAPED_BREAK.finditer(body):
        line = body[at : mark.start()].strip()
        if (
            mark["soft"] and line and line[-1] not in TERMINAL
            and ("，" in line or "," in line) and not is_numbered(line)
            # One before a line opened by a paragraph's indent ends the line all the same.
            and not body.startswith("　　", mark.end())
        ):
            continue
        yield body[at : mark.start()], offset + at
        at = mark.end()
    yield body[at:], offset + at


def _furniture_reason(line: str) -> str | None:
    """Why ``line`` is site furniture, or None when it is report text."""
    if len(line) > _FURNITURE_MAX_CHARS:
        return None
    # The anchored patterns are tried one by one only when one of them matches.
    anchored = _ANCHORED_MATCH(line) is not None
    if not (anchored or _HAS_NEEDLE(line)):
        return None
    # Whether the line is content matters only once a weak pattern matches: counting its
    # Chinese characters costs more than all the searches.
    for tests, kind in (
        (_PAGE_FURNITURE, "page furniture"),
        (_FURNITURE, "site furniture"),
        (_DOCUMENT_FURNITURE, DOCUMENT_FURNITURE),
    ):
        for what, needles, test in tests:
            for needle in needles:
                if needle in line if needle else anchored:
                    if test(line):
                        return f"{kind}: {what}"
                    break
    for what, needles, test in _WEAK_FURNITURE:
        for needle in needles:
            if needle in line:
                if test(line):
                    return None if is_content(line) else f"site furniture: {what}"
                break
    return None


# A table's rows are furniture (reason TABLE_ROW, the readers' mark): a row of figures is
# neither a heading for the paragraphs below it nor a paragraph to label; its row label
# would frame them, its numbers repeat as running headers do.

#: A short footnote's reason: too short for a paragraph, and no heading either.
NOTE = "note"
#: The reason for a row's number cell ("1\t制定…\t基础教育股"), set aside from the row
#: read as a paragraph; a number an outline marker follows ("1、") is a heading's.
ROW_NUMBER = "row number"
_ROW_NUMBER = re.compile(r"(\d{1,3})\t+(?=\S)")
_BLANKS = " \u3000\xa0\r"


def _table_rows(text: str, lines: list[_Line]) -> set[int]:
    """Indices of the lines that are rows of a table in text whose reader marked none:
    text copied out of Word or Excel, its cells parted by tabs.

    No row is prose (:func:`~edusummary.reading._common.is_prose_row`): a row with a task
    in it is a paragraph, as the readers of Word and web pages read it. A tab
    after an outline marker ("一、\t") before one more cell is a heading's, and one tab in
    a line of prose is a slip of the pen: only a run of lines (blank lines between them
    aside) of which at least two part the same number of fields is a table (a blank form's
    column headings and its empty rows, "1\t\t\t", too). Its rows are the short-celled
    lines of that number of fields; its caption, title and note lines, a single cell with a
    tab, belong to it too, and so does a caption above it ("表1 主要指标").
    """
    rows: set[int] = set()
    # The short-celled lines of the current run of tabbed lines: (index, fields, cells).
    run: list[tuple[int, int, int]] = []
    widths: Counter = Counter()  # field counts of its lines of two cells or more, or fields
    above = None  # the index of the last line without a tab, above the run

    def close_run() -> None:
        if widths:
            width, count = widths.most_common(1)[0]
            if count >= 2:
                rows.update(i for i, size, cells in run if size == width or cells < 2)
                caption = lines[above].text if above is not None else ""
                if TABLE_CAPTION.match(caption) and not is_prose_cell(caption):
                    rows.add(above)
        run.clear()
        widths.clear()

    gap_start = 0  # where the text after the last line of text starts
    for i, line in enumerate(lines):
        if not line.text:
            continue
        # A form's empty rows copied as tabs alone are blank lines, which part their fields
        # all the same, as many as the column headings above them.
        widths.update(_empty_rows(text[gap_start : line.start]))
        gap_start = line.end
        fields = _fields(text, line)
        if fields is None:
            close_run()
            above = i
            continue
        cells = [field.strip(_BLANKS) for field in fields]
        cells = [cell for cell in cells if cell]
        # "一、\t学前教育" is a heading; "1、\t城东幼儿园\t360" a numbered row.
        heading = len(cells) == 2 and _ANY_MARKER.fullmatch(cells[0])
        # A blank form's empty row ("1\t\t\t\t", "合计\t\t\t\t") fills one cell of as
        # many fields as its column headings part; a caption or a note with a tab, one
        # cell of two fields, shows no width, nor a line indented or set right with tabs
        # ("\t\t\t\t\t清水县教育局"), its cell last, where a form's row leaves empty cells
        # after its one ("\t城关镇中心幼儿园\t\t\t", its 序号 empty).
        row_of_one = len(fields) > 2 and not fields[-1].strip(_BLANKS)
        if not heading and (len(cells) >= 2 or row_of_one):
            widths[len(fields)] += 1
        short = not is_prose_row(cells)
        if short and not heading:
            run.append((i, len(fields), len(cells)))
    widths.update(_empty_rows(text[gap_start:] + "\n"))
    close_run()
    return rows


def _empty_rows(gap: str) -> Iterator[int]:
    """The field counts of the blank lines of tabs alone in ``gap``, the text between two
    lines (the ends of those lines at its ends)."""
    for raw in gap.split("\n")[1:-1]:
        if raw.count(TABLE_CELL_SEPARATOR) >= 2:
            yield raw.count(TABLE_CELL_SEPARATOR) + 1


def _fields(text: str, line: _Line) -> list[str] | None:
    """The tab-parted fields of ``line`` with the tabs around it, which ``_lines`` strips;
    None for a line without a tab."""
    start, end = line.start, line.end
    while start and text[start - 1] in _BLANKS + TABLE_CELL_SEPARATOR:
        start -= 1
    while end < len(text) and text[end] in _BLANKS + TABLE_CELL_SEPARATOR:
        end += 1
    raw = text[start:end]
    return raw.split(TABLE_CELL_SEPARATOR) if TABLE_CELL_SEPARATOR in raw else None


def _running_lines(lines: list[_Line]) -> dict[int, str]:
    """Indices of the lines that are running headers or footers, with the reason."""
    seen: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        short = line.text and len(line.text) <= _RUNNING_MAX_CHARS
        # A line of a sentence's end alone ("。") is the tail of a hard-wrapped paragraph,
        # however many paragraphs end so; a sentence of clauses, or a table's row, is
        # text, however many lines differ from it only in their figures
        # ("积极争取上级资金860万元，保障重点项目建设。").
        tail = not line.text.strip(TERMINAL)
        said = (
            short and _ends_sentence(line.text) and _CLAUSE_MARK.search(line.text) is not None
        )
        if (
            short and not tail and not said and TABLE_CELL_SEPARATOR not in line.text
            and not is_content(line.text) and not _ANY_MARKER.match(line.text)
        ):
            key = "".join(line.text.split())
            # A page number changes from page to page; a chronicle's months (2023年1月,
            # 2023年2月 …) are no page's number, though one date repeated may be a header.
            if not _MONTH_LINE.fullmatch(line.text):
                key = re.sub(r"\d+", "#", key)
            seen.setdefault(key, []).append(i)
    first = next((i for i, line in enumerate(lines) if line.text), None)
    found = {}
    for indices in seen.values():
        if len(indices) >= _RUNNING_MIN_REPEATS:
            reason = f"repeated {len(indices)} times, as running headers and footers are"
            found.update((i, reason) for i in indices if i != first)
    return found


#: A line of a table of contents in text: a heading, dot leaders (or a tab, copied out of
#: Word), its page number.
_CONTENTS_LINE = re.compile(rf"(?:(?P<leaders>{CONTENTS_LEADERS})|\t)\s*(?P<page>{CONTENTS_PAGE})$")
_CONTENTS_HEADING = re.compile(CONTENTS_HEADING)
_PAGE_ENDS = frozenset("0123456789ivxlcIVXLC")
CONTENTS_REASON = f"{DOCUMENT_FURNITURE}: a table of contents (目录)"


def _contents_lines(lines: list[_Line]) -> set[int]:
    """Indices of the lines of a table of contents in text (a PDF's, a .doc's, one copied
    out of Word): under a 目录 line, the lines right below it of a heading, leaders (dots,
    or a tab) and a page number ("一、学前教育……3"), and that line; with no 目录 line, three
    or more lines in a row of dot leaders and pages in order. They had been headings, the
    last one over the report's first paragraph. Lines of prose ending in dots and figures
    (…由45、44、43......40) are no table of contents, nor a 目录 heading alone; a long
    heading wrapped above its leaders is left a heading (a section's heading above a line
    of figures would read the same)."""
    found: set[int] = set()
    run: list[int] = []  # the lines of the table, by index
    pages: list[int | None] = []  # their page numbers, in figures where they are, of leaders
    above: int | None = None  # the line before the run, by its index

    def close_run() -> None:
        headed = above is not None and _CONTENTS_HEADING.fullmatch(lines[above].text)
        numbered = [page for page in pages if page is not None]
        if (headed and run) or (
            len(run) >= 3 and len(numbered) == len(run) and numbered == sorted(numbered)
        ):
            found.update(run)
            if headed:
                found.add(above)

    for i, line in enumerate(lines):
        if not line.text:
            continue
        # Most lines end in a mark, which no page number is: the search spares them.
        entry = _CONTENTS_LINE.search(line.text) if line.text[-1] in _PAGE_ENDS else None
        if entry is not None and not _SENTENCE_END.search(line.text, 0, entry.start()):
            run.append(i)
            page = entry["page"]
            pages.append(int(page) if entry["leaders"] and page.isdigit() else None)
            continue
        close_run()
        run, pages, above = [], [], i
    close_run()
    return found


def _page_marker_runs(lines: list[_Line]) -> set[int]:
    """Indices of lines that open a page of a document-sharing-site dump.

    Such dumps put each page on one long line that starts with the page number and 、, and
    the page breaks fall mid-sentence. A run of three or more long lines numbered in
    sequence, most of them continuing the sentence of the line before, is taken as pages;
    a numbered list of long items ends its items with full stops.
    """
    found: set[int] = set()
    run: list[tuple[int, bool]] = []  # (line index, continues the previous line's sentence)

    def close_run() -> None:
        continued = sum(flag for _, flag in run[1:])
        if len(run) >= 3 and continued * 2 >= len(run) - 1:
            found.update(i for i, _ in run)

    expected = None
    previous = ""
    for i, line in enumerate(lines):
        if not line.text:
            continue
        match = _PAGE_MARKER.match(line.text)
        long_numbered = match is not None and len(line.text) >= _PAGE_MIN_CHARS
        number = int(match.group(1)) if match else None
        entry = (i, bool(previous) and not _ends_sentence(previous))
        previous = line.text
        if long_numbered and (expected is None or number == expected):
            run.append(entry)
            expected = number + 1
            continue
        if run:
            close_run()
        run, expected = ([entry], number + 1) if long_numbered else ([], None)
    close_run()
    return found


#: What may follow a sentence's end on its line: footnote marks ([1], ①), stars and
#: checks, emoji (a WeChat copy), the joiners and variation selectors of emoji, and the
#: control characters pasted or scraped text leaves (\x1a, a DOS end of file; \x07).
_MARK_CHARS = (
    r"\u2460-\u24ff\u2776-\u2793*＊†‡※\u2600-\u27bf\U0001f000-\U0001faff\ufe0f\u200d"
    r"\x00-\x08\x0e-\x1f\x7f"
)
_LINE_END_MARKS = re.compile(rf"(?:\s|\[\d{{1,3}}\]|［\d{{1,3}}］|[{_MARK_CHARS}])+$")
_ENDS_WITH_MARK = re.compile(rf"[\s\]］{_MARK_CHARS}]$").search


#: What closes a quote or a bracket; it ends a sentence only after the sentence's own end.
_CLOSERS = "”’」』）)】\"'"
_SENTENCE_ENDS = "".join(c for c in TERMINAL if c not in _CLOSERS)


#: Brackets by their closing character; a quote's opening says nothing of a note.
_BRACKET_OPENERS = {"）": "（", ")": "(", "】": "【"}


def _closes_mid_sentence(text: str) -> bool:
    """Whether ``text`` ends on a closing quote or bracket inside a sentence: a hard-wrapped
    line may break after "推广“先学后教”" or "（以下简称方案）", but not after "。”", nor
    after a note in brackets opened after the sentence's end, "。（数据来源：县统计局）"."""
    if len(text) < 2 or text[-1] not in _CLOSERS or text[-2] in _SENTENCE_ENDS:
        return False
    opener = _BRACKET_OPENERS.get(text[-1])
    if opener is not None:
        depth = 0
        for i in range(len(text) - 1, 0, -1):
            depth += (text[i] == text[-1]) - (text[i] == opener)
            if depth == 0:
                return text[i - 1] not in _SENTENCE_ENDS
    return True


def _ends_sentence(text: str) -> bool:
    if text[-1] in TERMINAL:
        return True
    if not _ENDS_WITH_MARK(text[-1]):
        return False  # most unended lines: no mark to look behind
    bare = _LINE_END_MARKS.sub("", text)
    return bool(bare) and len(bare) < len(text) and bare[-1] in TERMINAL


def segment(
    text: str,
    headings: Sequence[tuple[int, int]] = (),
    table_rows: Sequence[tuple[int, int]] = (),
    notes: Sequence[tuple[int, int]] = (),
    wrapped: bool = True,
    find_tables: bool = True,
    page_furniture: Sequence[tuple[int, int, str]] = (),
    paged: bool = True,
) -> list[Segment]:
    """Cut a report into paragraphs, headings and furniture.

    Parameters
    ----------
    text : str
        The whole report.
    headings : sequence of (int, int), optional
        Spans of lines the file marks as headings (:attr:`Document.headings
        <edusummary.reading.Document>`, from Word's heading styles): each such line is a
        heading whatever its length, unless it reads as a paragraph styled by mistake
        (over 100 characters, two sentences, or a sentence over 40 characters).
    table_rows : sequence of (int, int), optional
        Spans of lines the reader knows are a table's rows, caption or notes
        (:attr:`Document.table_rows <edusummary.reading.Document>`): set aside as "table
        row". In text without them, tab-parted rows are found by their shape.
    notes : sequence of (int, int), optional
        Spans of the lines of footnotes and endnotes: each a paragraph of its own when long
        enough, else set aside as "note", never a heading.
    wrapped : bool, default=True
        Whether the lines may be hard-wrapped (plain text, PDF): a line of 40 characters or
        more that ends without a sentence end runs on into the next. False for text whose
        lines are its paragraphs (:attr:`Document.wrapped <edusummary.reading.Document>`,
        Word): a line then runs on only where the text shows the width it was wrapped at,
        as a report converted from PDF a line per paragraph does.
    find_tables : bool, default=True
        Find the rows of tables copied as text (Word or Excel cells parted by tabs) by
        their shape. False for files whose reader finds their tables itself
        (:attr:`Document.tables_found <edusummary.reading.Document>`: Word, web pages),
        so that a row it read as a paragraph (a task of a task table) stays one.
    page_furniture : sequence of (int, int, str), optional
        Spans of lines the reader took for furniture, with why (:attr:`Document.furniture
        <edusummary.reading.Document>`, a PDF's running headers): set aside with that reason.
    paged : bool, default=True
        Whether the text may hold a paged document's running headers and footers, short
        lines repeated with only their figures changed, to set aside. False for files
        that hold none (:attr:`Document.paged <edusummary.reading.Document>`: Word, web
        pages), where such lines are text.

    Returns
    -------
    list of Segment
        In source order. Paragraphs hold at least 15 Chinese characters, or at least 60
        characters of other text; shorter pieces are headings (kept as the ``heading``
        context of the paragraphs below them).
    """
    if not isinstance(text, str):
        raise TypeError(f"segment() expects str, got {type(text).__name__}")
    lines = list(_lines(text))
    pages = _page_marker_runs(lines)
    # Lines set aside whatever they read like: running headers, a table of contents.
    apart = {
        **dict.fromkeys(_contents_lines(lines), CONTENTS_REASON),
        **(_running_lines(lines) if paged else {}),
    }
    inferred_rows = (
        _table_rows(text, lines) if find_tables and TABLE_CELL_SEPARATOR in text else set()
    )
    marks = {name: _Spans(spans) for name, spans in
             (("heading", headings), ("table", table_rows), ("note", notes)) if spans}
    # How long an unended line must be to run on into the next: one character short of
    # the width the text shows it was hard-wrapped at (a line wraps before a character
    # that would overflow it); else, in text that may be wrapped, _WRAP_MIN_CHARS. The
    # lines the file marks (a table's rows, its headings) show no width it was wrapped at.
    set_aside = {start: reason for start, _, reason in page_furniture}
    width, size = _wrap_width(
        [
            line for line in lines
            if line.start not in set_aside
            and not any(line.start in spans for spans in marks.values())
        ]
    )
    opens_full = width is not None and not _shows_indents(text, lines, width, size)
    # The first line of the text is its title, whatever its width.
    top = next((line.start for line in lines if line.text), 0)
    if width is not None and (width - 1 - _INDENT_CHARS < _WRAP_MIN_CHARS or not wrapped):
        wrap_min = min(width - 1, _WRAP_MIN_CHARS) if wrapped else width - 1
        # A paragraph's first line is indented by two characters (GB/T 9704), whether
        # the copy kept the indent or dropped it: its text is that much shorter.
        first_min = width - 1 - _INDENT_CHARS
        if opens_full:
            # Where paragraphs open at full width, a line that short is a heading's (一、…).
            first_min = None
    else:
        wrap_min = _WRAP_MIN_CHARS if wrapped else None
        first_min = None

    furniture: list[Segment] = []
    # A logical line is a list of (start, end) source spans joined without separators.
    logical: list[list[tuple[int, int]]] = []
    styled: set[int] = set()  # indices in logical of the headings the file marks
    noted: set[int] = set()  # and of its notes
    previous: _Line | None = None  # the previous line, if it was report text
    leads = False  # whether it opened its logical line
    told = False  # whether a line of the text has ended a sentence yet
    in_attachments = False  # whether the last line was of a list of attachments
    attached = False  # whether it marked an attachment's start ("附件1")
    title_open: _Line | None = None  # the last line, if a title may go on from it
    credits = False  # whether the last line not blank was set apart as credits
    for i, line in enumerate(lines):
        title_so_far, title_open = title_open, None
        if not line.text:
            previous = None
            continue
        credits_above, credits = credits, False
        if line.start in set_aside or ("table" in marks and line.start in marks["table"]):
            reason = set_aside.get(line.start, TABLE_ROW)
            furniture.append(Segment(FURNITURE, line.text, line.start, line.end, reason=reason))
            previous = None
            continue
        if _CAPTION.match(line.text) and not _bullets_an_item(line.text) and (
            _piece_kind(line.text) == HEADING
            or (
                (previous is None or _ends_sentence(previous.text))
                and _LONG_CAPTION.fullmatch(line.text) is not None
            )
        ):
            # A photo's caption heads nothing: the paragraphs after the photo go on.
            furniture.append(Segment(FURNITURE, line.text, line.start, line.end, reason=NOTE))
            previous = None
            continue
        if "heading" in marks and line.start in marks["heading"] and _reads_as_heading(line.text):
            styled.add(len(logical))
        elif "note" in marks and line.start in marks["note"]:
            if _piece_kind(line.text) == HEADING:
                furniture.append(Segment(FURNITURE, line.text, line.start, line.end, reason=NOTE))
                previous = None
                continue
            noted.add(len(logical))
        if len(logical) in styled or len(logical) in noted:
            # A line the file marks stands alone: it neither runs on nor is run on to.
            logical.append([(line.start, line.end)])
            previous = None
            continue
        if title_so_far is not None and _completes_title(title_so_far.text, line.text):
            # A title set on two lines, as a 22 pt title wraps ("…关于报送2024年学前教育"
            # over "发展情况统计数据的通知"): one heading, not two halves.
            logical[-1].append((line.start, line.end))
            previous = None
            continue
        reason = (
            TABLE_ROW if i in inferred_rows else _furniture_reason(line.text)
        ) or apart.get(i)
        if reason is None and not told and logical and _ADDRESSED_OFFICES.fullmatch(line.text):
            reason = _ADDRESSED_REASON
        if reason is None and in_attachments and _ATTACHMENT_ITEM.match(line.text):
            reason = _ATTACHMENT_REASON
        if reason is None and told and line.text.endswith(_SIGNATURE_ENDS):
            reason = _signs(lines, i)
        if reason and _RELATED_LINKS.fullmatch(line.text) and _POLICY_TITLE.match(_below(lines, i)):
            reason = None  # the heading of the report's list of the policies it follows
        if reason is None and credits_above and _REVIEW_LEVELS_LINE.fullmatch(line.text):
            # Under an article's credits an office goes on with them (编辑：王芳, then
            # 审核：县教育局办公室; 初审：张丽, then 终审：县教育局): a notice's levels of
            # review follow its text, not its credits.
            reason = _CREDITS_REASON
        credits = reason == _CREDITS_REASON
        if reason is None and attached and _UNPUNCTUATED.fullmatch(line.text):
            # The title of an attachment ("附件1", then its title): a document of its own.
            styled.add(len(logical))
            logical.append([(line.start, line.end)])
            previous, attached, title_open = None, False, line
            continue
        in_attachments = reason is not None and (
            line.text.startswith("附件") or reason == _ATTACHMENT_REASON
        )
        attached = reason is not None and _ATTACHMENT_MARK.fullmatch(line.text) is not None
        if reason:
            furniture.append(Segment(FURNITURE, line.text, line.start, line.end, reason=reason))
            previous = None
            continue
        start = line.start
        page_marker = _PAGE_MARKER.match(line.text)
        # A table's row never runs on into the next line, nor a line into a row.
        continues = (
            previous is not None
            and (not _ends_sentence(previous.text) or _closes_mid_sentence(previous.text))
            and TABLE_CELL_SEPARATOR not in previous.text
            and TABLE_CELL_SEPARATOR not in line.text
        )
        if page_marker and i in pages:
            end = start + len(page_marker.group())
            furniture.append(Segment(FURNITURE, text[start:end], start, end, reason="page marker"))
            start = end
            if start == line.end:
                continue
        elif continues and (
            (
                _ANY_MARKER.match(line.text)
                # 一是, 二是 enumerate inside a paragraph: after a line wrapped mid-clause
                # ("…，"), the item goes on with the sentence.
                and not (
                    wrapped
                    and previous.text.endswith(_OPEN_ENDS)
                    and _ENUMERATION.match(line.text)
                )
            )
            or _LAID_OUT.search(previous.text)
            # Above the text, the issuing office and the date stand on lines of their own,
            # under a title that may be nearly as wide as the text.
            or (
                not told
                and (_DATE.fullmatch(line.text) or _SIGNATURE.fullmatch(line.text))
            )
            or (
                # In Word a line is a paragraph, whatever it ends with.
                not (wrapped and previous.text.endswith(_OPEN_ENDS))
                and (
                    wrap_min is None
                    # Text of no width it was wrapped at, copied from a browser a line a
                    # paragraph, opens each paragraph indented, after a line ending on
                    # a figure as after one ending a sentence.
                    or (width is None and _opens_indented(text, line))
                    or (
                        size(previous.text) < wrap_min
                        and not (
                            leads
                            and first_min is not None
                            and size(previous.text) >= first_min
                            and _goes_on_wrapped(text, line, width, size)
                        )
                    )
                    # No wrapped line is wider than the text was wrapped at.
                    or (width is not None and _wider_than(previous.text, width))
                    # A title above the text ("…关于印发《…方案（2023—2025年）》的通知",
                    # 45 characters) is set on lines of its own.
                    # Not a paragraph's first line that happens to end in one, as wide as
                    # the text ("按照市教育局关于做好…工作的通知", then "要求，…").
                    or (
                        leads
                        and not told
                        and _is_title_line(previous.text)
                        and not (
                            opens_full
                            and previous.start != top
                            and width - 1 <= size(previous.text) <= width
                        )
                        and not _GOES_ON_FROM_TITLE.match(line.text)
                    )
                )
            )
        ):
            continues = False
        told = told or _ends_sentence(line.text)
        if TABLE_CELL_SEPARATOR in line.text and (number := _ROW_NUMBER.match(line.text)):
            # A task table's row read as a paragraph: its number cell opened the task and
            # its key sentences ("1\t制定…").
            end = start + len(number.group(1))
            furniture.append(Segment(FURNITURE, text[start:end], start, end, reason=ROW_NUMBER))
            start += len(number.group())
        leads = not (continues and logical)
        if leads:
            logical.append([(start, line.end)])
        else:
            logical[-1].append((start, line.end))
        previous = line
        if leads and not told:
            title_open = line

    content = []
    heading = None
    opened = False  # whether a paragraph has come yet
    under_title = False  # whether the last piece is a title, or a line under one
    for index, spans in enumerate(logical):
        if index in styled or index in noted:
            # One line, or an attachment's title set on two.
            start, end = spans[0][0], spans[-1][1]
            if index in styled:
                heading = "".join(text[a:b] for a, b in spans)
                content.append(Segment(HEADING, heading, start, end))
                under_title = not opened
            else:
                content.append(Segment(PARAGRAPH, text[start:end], start, end, heading))
                opened = True
                under_title = False
            continue
        for kind, piece, start, end in _split_logical_line(text, spans):
            # A title page puts the issuing office, a document number or a date above
            # the title: a title is one until the first paragraph.
            titled = not opened and (_TITLE_LINE.match(piece) or _UNPUNCTUATED.fullmatch(piece))
            # Further on, a document's title on a line of its own (the plan a notice issues,
            # under the notice), or a speaker's byline, heads what follows.
            titled = titled or _is_later_title(piece)
            if kind == HEADING and _BARE_FIGURE.fullmatch(piece):
                # "88.5%", "92": a table's cell on a line of its own (a PDF's table, one
                # copied out of one) heads nothing.
                furniture.append(Segment(FURNITURE, piece, start, end, reason=TABLE_ROW))
                continue
            if kind == HEADING and NOTE_LINE.match(piece):
                # "注：毛入园率按常住人口口径统计。" under a table heads nothing either.
                furniture.append(Segment(FURNITURE, piece, start, end, reason=NOTE))
                continue
            if _is_heading_like(kind, piece) or titled or _BYLINE.fullmatch(piece):
                # A numbered heading is a heading whatever its length: it frames the
                # paragraphs below it and is neither labelled nor counted.
                content.append(Segment(HEADING, piece, start, end))
                # A speech's or a notice's date ("（2008年3月18日）", "（2005年6月）") heads
                # nothing, nor the subtitle, the byline or the office's name under a
                # title: the title does; nor a short item bulleted by ▲.
                if (
                    _DATE_LINE.fullmatch(piece)
                    or (under_title and _under_title(piece, heading))
                    or _BULLET.match(piece)
                ):
                    continue
                heading = piece
                under_title = bool(titled)
            else:
                content.append(Segment(PARAGRAPH, piece, start, end, heading))
                opened = True
                under_title = False
    # Both lists are in source order; at the same offset furniture comes first.
    return sorted(furniture + content, key=lambda s: (s.start, s.kind != FURNITURE))


#: A line marked as a heading but longer than this is a paragraph styled by mistake.
_STYLED_HEADING_MAX_CHARS = 100


class _Spans:
    """Sorted spans of the text, asked whether an offset lies in one of them."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._starts = [start for start, _ in self._spans]

    def __contains__(self, offset: int) -> bool:
        at = bisect.bisect_right(self._starts, offset) - 1
        return at >= 0 and offset < self._spans[at][1]


def _reads_as_heading(line: str) -> bool:
    """Whether a line the file marks as a heading reads as one: two sentences, or one
    sentence longer than any heading, were styled so by mistake."""
    if len(line) > _STYLED_HEADING_MAX_CHARS:
        return False
    sentences = len(_SENTENCE_END.findall(line))
    return sentences == 0 or (sentences == 1 and len(line) <= _HEADING_MAX_CHARS)


#: No text is hard-wrapped wider than this many Chinese characters (an A4 page holds 28 to
#: 45): a line of twice as many characters is wider, however it is measured.
_WIDEST_WRAP = 60


def _full_widths(text: str) -> int:
    """How many Chinese characters ``text`` is as wide as: a half-width digit, % or Latin
    letter takes half the room of one. Of a line wider than any wrapped text, only that it
    is wider counts, and counting its columns costs: its length stands for its width."""
    if len(text) > 2 * _WIDEST_WRAP:
        return len(text)
    return (display_width(text) + 1) // 2


def _wrap_width(lines) -> tuple[int | None, Callable[[str], int]]:
    """The width a text was hard-wrapped at, which its full lines share (None when no such
    width shows), and how its lines are measured against it.

    A text wrapped at so many characters is measured in characters; one laid out as Word
    or a PDF lays it out, in the room its lines take (:func:`_full_widths`): there a line
    holding half-width figures ("1200个", "93.6%") holds more characters than the lines
    around it, and counted in characters the full lines share no length.
    """
    unended = [line.text for line in lines if line.text and not _ends_sentence(line.text)]
    if not unended:
        return None, len
    lengths = Counter(map(len, unended))
    width = _width_shown(lines, lengths, len)
    if width is not None and _wider_count(lengths, width) == 0:
        return width, len  # the other measure could do no better, and costs more
    by_room = Counter(map(_full_widths, unended))
    if by_room == lengths:  # no half-width characters to tell the two apart
        return width, len
    room = _width_shown(lines, by_room, _full_widths)
    if room is None:
        return width, len
    # Measured the way the text was wrapped, no line that runs on is wider than the
    # width; measured the other way, lines of figures are (or, the other way round,
    # lines of Chinese characters only).
    if width is None or _wider_count(by_room, room) < _wider_count(lengths, width):
        return room, _full_widths
    return width, len


def _wider_count(lengths: Counter, width: int) -> int:
    return sum(count for length, count in lengths.items() if length > width)


def _width_shown(lines, lengths: Counter, size: Callable[[str], int]) -> int | None:
    """The width the lines show, their ``lengths`` (unended lines) measured by ``size``.

    None where more of the lines that end a sentence are wider than it than lines have it,
    and most of those lines read as no wrapped prose (with a clause's mark, going on into a
    line no wider; at a heading's length, two full lines one after another): in a text of a
    line a paragraph the unended lines are its headings, which may share a length
    (一、推进学前教育普惠健康发展, 二、推进义务教育优质均衡发展, …) and had been run on into
    the paragraphs or sub-headings below them; a wrapped paragraph's lines go on so, also
    among paragraphs pasted a line each."""
    width = _width_candidate(lines, lengths, size)
    if width is None:
        return None
    shown = lengths[width] + lengths[width - _INDENT_CHARS]
    wider = sum(
        1 for line in lines
        if line.text and _ends_sentence(line.text) and size(line.text) > width + _INDENT_CHARS
    )
    if wider < shown:
        return width
    # The unended lines of the width (or two short of it, a first line's indent).
    full = [
        bool(line.text) and not _ends_sentence(line.text)
        and size(line.text) in (width, width - _INDENT_CHARS)
        for line in lines
    ]
    if width < _MIXED_WRAP_MIN_CHARS:
        # A narrow column's paragraphs run over several full lines, where a heading of
        # that length stands alone, or over a numbered sub-heading (一、… over （一）…).
        goes_on = [
            full[k] and full[k + 1] and not is_numbered(lines[k + 1].text)
            for k in range(len(lines) - 1)
        ]
        beside = sum(
            flag and ((k > 0 and goes_on[k - 1]) or (k < len(goes_on) and goes_on[k]))
            for k, flag in enumerate(full)
        )
        return width if 2 * beside >= shown else None
    prose = sum(
        1 for k in range(len(lines) - 1)
        if full[k] and lines[k + 1].text and size(lines[k + 1].text) <= width
        and _CLAUSE_MARK.search(lines[k].text)
    )
    return width if 2 * prose >= shown else None


def _width_candidate(lines, lengths: Counter, size: Callable[[str], int]) -> int | None:
    """The width the unended lines' ``lengths`` suggest (see :func:`_width_shown`)."""
    width, count = lengths.most_common(1)[0]
    if width >= 10 and count >= _WRAP_WIDTH_LINES and count >= _WRAP_WIDTH_SHARE * lengths.total():
        # Short paragraphs whose first lines are indented by two have as many first lines
        # as full ones, or more: the width is then the full lines', which go on from the
        # first lines two wider, where in text wrapped at the first lines' width, lines of
        # that width go on from one another.
        wider = width + _INDENT_CHARS
        goes_on = Counter(
            size(line.text)
            for above, line in itertools.pairwise(lines)
            if above.text and line.text
            and not _ends_sentence(above.text) and not _ends_sentence(line.text)
            and size(above.text) in (width, wider)
        )
        return wider if goes_on[wider] > goes_on[width] else width
    # A short text whose paragraphs open indented by two splits its count between the
    # first lines and the full lines two wider that go on from them: together they show
    # the width.
    firsts = Counter(
        size(above.text)
        for above, line in itertools.pairwise(lines)
        if above.text and line.text
        and not _ends_sentence(above.text) and not _ends_sentence(line.text)
        and size(line.text) == size(above.text) + _INDENT_CHARS
    )
    if firsts:
        first, follows = firsts.most_common(1)[0]
        count = lengths[first] + lengths[first + _INDENT_CHARS]
        if (
            first >= 10 and follows >= 2 and count >= _WRAP_WIDTH_LINES
            and count >= _WRAP_WIDTH_SHARE * lengths.total()
        ):
            return first + _INDENT_CHARS
    if lengths.total() >= 2 * _WRAP_WIDTH_LINES:
        return None
    # A short text (a paragraph or two copied out of a PDF) shows its width in fewer
    # lines: lines of prose cut mid-clause, of one length, then the shorter line that
    # ends their paragraph with a full stop. Headings are left out: numbered ones often
    # share a length, the paragraph after a heading is longer than it, and a list of
    # slogans of one length ends in no full stop.
    prose = Counter(
        size(line.text) for i, line in enumerate(lines)
        if line.text and not _ends_sentence(line.text) and _CLAUSE_MARK.search(line.text)
        and not is_numbered(line.text) and _ends_wrapped_paragraph(lines, i, size)
    )
    if prose:
        width, count = prose.most_common(1)[0]
        if width >= _SHORT_WRAP_MIN_CHARS and count >= 2 and count * 2 > prose.total():
            return width
    return None


def _below(lines: list[_Line], at: int) -> str:
    """The text of the first line below ``lines[at]`` that is not blank ("" at the end)."""
    return next((line.text for line in itertools.islice(lines, at + 1, None) if line.text), "")


def _signs(lines: list[_Line], at: int) -> str | None:
    """Why ``lines[at]`` is the office signing the document, above its date (blank lines
    between them aside: a web page sets each in a <p> of its own) or as the document's last
    line (a notice copied without its date); None when it is not."""
    if _SIGNATURE.fullmatch(lines[at].text) is None:
        return None
    below = _below(lines, at)
    if not below:
        return _SIGNATURE_AT_END
    return _SIGNATURE_REASON if _DATE.fullmatch(below) else None


def _wider_than(line: str, width: int) -> bool:
    """Whether ``line`` is wider than a text hard-wrapped at ``width`` characters holds:
    counted in columns, as a line with digits or Latin letters holds more characters."""
    return len(line) > width and display_width(line) > 2 * width + 1


def _is_title_line(line: str) -> bool:
    """Whether ``line`` reads as a whole title: one clause ending in a kind of document,
    no 《 left open for the next line to close."""
    return _TITLE_LINE.match(line) is not None and line.count("《") <= line.count("》")


def _completes_title(first: str, line: str) -> bool:
    """Whether ``line`` is the rest of a title that ``first`` opens and breaks off
    ("松溪县义务教育阶段课堂教学改革示范校创建" over "实施方案"): together they end in a
    kind of document, and ``line`` opens as no title of its own does."""
    return (
        _TITLE_OPENING.match(first) is not None
        and _UNPUNCTUATED.fullmatch(first) is not None
        and not _ANY_MARKER.match(first)
        and not _is_title_line(first)
        and _TITLE_OPENING.match(line) is None
        and _is_title_line(first + line)
    )


def _goes_on_wrapped(text: str, line: _Line, width: int, size: Callable[[str], int]) -> bool:
    """Whether ``line`` reads as the second line of a paragraph hard-wrapped at ``width``:
    not indented, as the first line of the next paragraph is, and full, or the shorter
    line ending the paragraph. A heading above a paragraph has the paragraph's first
    line below it."""
    if line.start and text[line.start - 1] in _INDENT:
        return False
    wide = size(line.text)
    return width - 1 <= wide <= width or (wide < width and _ends_sentence(line.text))


_INDENT = " \t\u3000\xa0"
#: How many characters a paragraph's first line is indented by (GB/T 9704).
_INDENT_CHARS = 2


def _opens_indented(text: str, line: _Line) -> bool:
    """Whether ``line`` opens with a paragraph's indent: a full-width space, or two
    blanks."""
    before = text[max(0, line.start - _INDENT_CHARS) : line.start]
    return before.endswith("\u3000") or (
        len(before) == _INDENT_CHARS and all(char in _INDENT for char in before)
    )


def _shows_indents(
    text: str, lines: list[_Line], width: int, size: Callable[[str], int]
) -> bool:
    """Whether the paragraphs of a text hard-wrapped at ``width`` open with indented lines:
    indented in the source, or (the copy dropped the indent) that much shorter than the
    full lines, at least as often as they open at full width."""
    first = width - 1 - _INDENT_CHARS
    indented = full = 0
    # Whether the line above (blank lines aside) ended a sentence, or was too short for a
    # paragraph's first line (a heading): the line below opens a paragraph.
    opens = False
    for line in lines:
        if not line.text:
            continue
        ended = _ends_sentence(line.text)
        if opens and not ended:
            if line.start and text[line.start - 1] in _INDENT:
                indented += 1
            elif first <= size(line.text) < width - 1 and not is_numbered(line.text):
                # A numbered line that short may as well be a heading.
                indented += 1
            elif width - 1 <= size(line.text) <= width:
                full += 1
        opens = ended or size(line.text) < first
    return indented >= full


def _ends_wrapped_paragraph(lines, at: int, size: Callable[[str], int]) -> bool:
    """Whether the lines after ``lines[at]`` run on at its length to a line no longer that
    ends a sentence: the end of a paragraph hard-wrapped at that width."""
    width = size(lines[at].text)
    for line in lines[at + 1 :]:
        if size(line.text) != width or _ends_sentence(line.text):
            return 0 < size(line.text) <= width and _ends_sentence(line.text)
    return False


def _split_logical_line(
    source: str, spans: list[tuple[int, int]]
) -> list[tuple[str, str, int, int]]:
    """(kind, text, start, end) of the pieces of a logical line, paragraphs or headings."""
    if len(spans) == 1:  # most lines: no offsets to look up
        a, b = spans[0]
        joined = source[a:b]
        if b - a <= _RUN_ON_CHARS and joined.strip() is joined and not _glued_sections(joined):
            # Most lines of all: one piece, stripped already (strip() returns the very
            # string when there is nothing to strip).
            return [(_piece_kind(joined), joined, a, b)] if joined else []
        offsets = [0]
    else:
        joined = "".join(source[a:b] for a, b in spans)
        # Where each span starts in the joined text, to map positions back to the source.
        offsets = list(itertools.accumulate((b - a for a, b in spans[:-1]), initial=0))

    def source_position(at: int) -> int:
        span = bisect.bisect_right(offsets, at) - 1
        return spans[span][0] + at - offsets[span]

    if len(joined) <= _RUN_ON_CHARS:  # shorter than a paragraph is cut at, too
        cuts = [0, *(m.end() for m in _SECTION_START.finditer(joined)), len(joined)]
        pieces = list(itertools.pairwise(cuts))
    else:
        pieces = _cut_run_on(joined)
    found = []
    for a, b in pieces:
        chunk = joined[a:b]
        stripped = chunk.strip()
        if not stripped:
            continue
        a += len(chunk) - len(chunk.lstrip())
        b = a + len(stripped)
        found.append(
            (_piece_kind(stripped), stripped, source_position(a), source_position(b - 1) + 1)
        )
    return found


#: 、 after a numeral: a literal first, which the regex engine scans for fast.
_NUMERAL_COMMA = re.compile(rf"、(?<=[{_CN_NUM}]、)")


def _glued_sections(line: str) -> bool:
    # Most lines hold no numbered 、 at all: the cheap search rules them out.
    return _NUMERAL_COMMA.search(line) is not None and _SECTION_START.search(line) is not None


def _piece_kind(text: str) -> str:
    paragraph = len(text) >= _FOREIGN_MIN_CHARS or han_count(text) >= MIN_HAN_CHARS
    return PARAGRAPH if paragraph else HEADING


def _cut_run_on(joined: str) -> list[tuple[int, int]]:
    """Pieces of a run-on logical line: its glued items, overlong ones cut at sentences."""
    cuts = _item_cuts(joined, 0, len(joined), keep_children=True)
    items = []
    for a, b in itertools.pairwise(cuts):
        if b - a > _GLUED_ITEM_CHARS:
            finer = _item_cuts(joined, a, b, keep_children=False)
            items.extend(itertools.pairwise(finer))
        else:
            items.append((a, b))
    pieces: list[tuple[int, int]] = []
    for a, b in items:
        pieces.extend(_sentence_pieces(joined, a, b))
    return pieces


def _item_cuts(text: str, start: int, end: int, keep_children: bool) -> list[int]:
    """Offsets in ``text[start:end]`` where glued items start.

    With ``keep_children``, an item keeps the items of deeper levels that follow it.
    """
    cuts = [start]
    current = outline_level(text, start)
    for match in _ITEM_START.finditer(text, start, end):
        at = match.end()
        level = outline_level(text, at)
        if not keep_children or current is None or level <= current:
            cuts.append(at)
            current = level
    cuts.append(end)
    return cuts


def _sentence_pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Cut an overlong stretch at sentence ends into pieces of bounded size."""
    if end - start <= _MAX_PARAGRAPH_CHARS:
        yield start, end
        return
    piece_start = start
    for match in _SENTENCE_END.finditer(text, start, end):
        stop = match.end()
        # Text with no sentence end for a long stretch still gets bounded pieces.
        while stop - piece_start > _MAX_PARAGRAPH_CHARS:
            cut = _clause_cut(text, piece_start, end)
            yield piece_start, cut
            piece_start = cut
        if stop - piece_start >= _MAX_PARAGRAPH_CHARS // 2:
            yield piece_start, stop
            piece_start = stop
    while end - piece_start > _MAX_PARAGRAPH_CHARS:
        cut = _clause_cut(text, piece_start, end)
        yield piece_start, cut
        piece_start = cut
    if piece_start < end:
        yield piece_start, end


def _bullets_an_item(line: str) -> bool:
    """Whether ``line``, opened by ▲, is an item of a report's list, not a photo's caption:
    it states a count or a rate, or ends a sentence."""
    return bool(_BULLET.match(line)) and (
        _CONTENT_FIGURE.search(line) is not None or line.rstrip().endswith(("。", "；", ";"))
    )


#: Where a stretch with no sentence end is best cut: after a clause mark or a blank.
_CLAUSE_ENDS = re.compile(r"[、\u3000]|(?<!\d)[,， ]|[,， ](?!\d)")
#: A clause cut off the end of a stretch is no shorter than this: a tail as short as a
#: heading would be taken for one.
_CUT_TAIL_CHARS = 2 * MIN_HAN_CHARS
#: The characters of a figure or a word of Latin letters ("1234个", "93.6%", "12，600", "STEAM"),
#: which a cut would misread: "新增学位12" | "34个".
_WORD_RUN = re.compile(r"[0-9A-Za-z０-９Ａ-Ｚａ-ｚ.．%％,，]")


def _clause_cut(text: str, start: int, end: int) -> int:
    """Where to cut the stretch ``text[start:end]`` that runs on past
    :data:`_MAX_PARAGRAPH_CHARS` with no sentence end: after its last clause mark or blank
    in the second half of that length, leaving a tail long enough for a paragraph; else at
    the length, moved back out of a figure or a word of Latin letters it would split."""
    limit = start + _MAX_PARAGRAPH_CHARS
    within = min(limit, end - _CUT_TAIL_CHARS)
    # Not at a comma or a blank inside a figure ("12,600个", "12，600个", "12 600个").
    marks = list(_CLAUSE_ENDS.finditer(text, start + _MAX_PARAGRAPH_CHARS // 2, within))
    if marks:
        return marks[-1].end()
    cut = limit
    while cut > start and _WORD_RUN.match(text[cut - 1]) and _WORD_RUN.match(text[cut]):
        cut -= 1
    # A run half as long as a paragraph (a table's figures pasted on a line, a hash) is cut
    # where it reaches the length.
    return limit if cut - start < _MAX_PARAGRAPH_CHARS // 2 else cut


#: A numbered line of the top two outline levels is a heading when it is this short and one
#: clause long; a figure with its unit ("6所", "95%") marks a short item of content instead.
_HEADING_MAX_CHARS = 40
_CONTENT_FIGURE = re.compile(r"\d[\d.．]*\s*(?:[%％‰万亿元所人个名项座间台册套家]|平方|千米|公里)")


#: A report's title, as the first line before any paragraph: one clause ending in the name
#: of a kind of document ("东岭县教育局2023年工作总结和2024年工作打算"). Titles of 15
#: Chinese characters and more were labelled and counted as paragraphs.
#: How a title ends: the kind of document, and perhaps a note such as （征求意见稿）.
_TITLE_LINE = re.compile(rf"[^。；，,;！？!?：:]{{4,60}}{DOCUMENT_KIND}$")
#: Before the first paragraph, a line without a mark of a clause is a title too: a news
#: headline ("清水县召开2024年学前教育工作推进会", "清水县：公办幼儿园建设驶入快车道"), a
#: speech's slogan over its subtitle, the first line of a title set on two.
_UNPUNCTUATED = re.compile(
    r"(?:[\u4e00-\u9fff]{1,10}[省市县区旗州盟镇乡][：:])?[^。；，,;！？!?：:、]{4,40}"
)
_CLAUSE_MARK = re.compile(r"[，,；;]")
#: A speech's byline: the speaker's posts, then the name ("临川市教育局党组书记、局长  孙卫东").
_BYLINE = re.compile(
    r"[^，,。；;：:！？!?\s]{2,30}(?:长|书记|主任|委员|主席|督学)[ \u3000\t]+[\u4e00-\u9fff]{2,4}"
)
#: The offices that wrote a report, on a line under its title, perhaps with the author's
#: name: "市教育局基础教育科", "县教育局　县妇联联合调研组", "县教育局调研组　王明".
_OFFICE = rf"{_OFFICE_NAME}(?:局|办公室|委员会|政府|科|股|处|室|中心|组)"
_OFFICE_LINE = re.compile(
    rf"{_OFFICE}(?:[ \u3000\t]+{_OFFICE})*(?:[ \u3000\t]+[\u4e00-\u9fff]{{2,4}})?"
)
_SUBTITLE = re.compile(SUBTITLE)


def _under_title(line: str, title: str | None) -> bool:
    """Whether ``line``, under ``title``, is its subtitle, its date, its author's byline or
    the name of the office that wrote it (not a numbered heading: "（一）成立工作领导小组",
    nor a chronicle's first month)."""
    dated = _MONTH_LINE.fullmatch(line) and not (title and _CHRONICLE.search(title))
    return bool(
        _SUBTITLE.match(line) or dated or _BYLINE.fullmatch(line)
        or (_OFFICE_LINE.fullmatch(line) and not is_numbered(line))
    )


#: A line going on from a document named at the end of the line above, mid-clause: "…的通知",
#: then "要求，…", "精神，…".
_GOES_ON_FROM_TITLE = re.compile(r"(?:要求|精神|部署|规定|安排)[，,]")
#: A figure alone on a line, with at most its unit: no words to head anything with.
_BARE_FIGURE = re.compile(r"[-+]?\d[\d.,，]*\s*(?:[%％‰]|[万亿]?[元所个人名项座间])?")


#: How a document's title opens: with 关于, or with the place whose document it is
#: ("云岭县学前教育…方案"); a task or a sentence about a document opens otherwise ("认真学习
#: …讲话", "县教育局征求了…意见").
_TITLE_OPENING = re.compile(
    r"[^，,。；;：:\s了]{0,16}?关于|(?:19|20)\d\d年|[XxＸｘ×*＊某]{1,3}[省市县区]|"
    r"[^\W\d_全各本该我每]{2,6}(?:省|市|县|区|旗|自治区|自治州|自治县)(?!长)"
)
#: Words of a sentence that reports what was done with a document ("清水县各校制定了…方案",
#: "清水县政府办公室印发…方案"): no title has them (a plan's name may well hold 开展, 落实 or
#: 学习), unless it is one "关于…" (关于征求…意见的通知).
_REPORTED = re.compile(r"了|已经|及时|按时|转发|报送|上报|征求|下发|印发")


def _is_later_title(line: str) -> bool:
    """Whether ``line``, after the text has begun, is a document's title on a line of its
    own (the plan under the notice that issues it): a title's shape and opening, and none
    of the words of a sentence about a document, which may lack its 。 as well."""
    opening = _TITLE_OPENING.match(line)
    return bool(_TITLE_LINE.match(line) and opening) and (
        "关于" in opening.group() or not _REPORTED.search(line)
    )


#: A numbered request closed by a full stop ("二、请于1月15日前将汇总表报送局学前教育股。")
#: asks its readers to do something: a paragraph, where a heading names a task (not
#: "（三）请示报告制度").
_REQUEST = re.compile(rf"(?:{_ANY_MARKER.pattern})\s*请(?!示)[^。！？!?]*。$")


def _is_heading_like(kind: str, text: str) -> bool:
    """Short pieces, and short numbered lines of the top two outline levels, are headings;
    a numbered line of clauses closed by a full stop ("（二）开展幼儿园保育教育质量评估，
    纠正小学化倾向。") is a task of a plan, a paragraph, and so is a request closed so
    ("二、请于1月15日前将汇总表报送局学前教育股。")."""
    if kind == HEADING:
        return True
    if (
        len(text) > _HEADING_MAX_CHARS
        or _SENTENCE_END.search(text[:-1])
        or _CONTENT_FIGURE.search(text)
        or (text.endswith(("。", "！", "？")) and _CLAUSE_MARK.search(text))
        or _REQUEST.match(text)
    ):
        return False
    return any(pattern.match(text) for pattern in _MARKER_LEVELS[:2])
