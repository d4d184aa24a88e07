"""Lines of site furniture keep the reason they were removed for, however the segmenter
finds them quickly: each line's reason is the one a plain search of every pattern, in
order, gives."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edusummary._chinese import is_content
from edusummary.text.segmenting import FURNITURE, segment

#: The furniture patterns, in the order their reasons are given; a long one with the words
#: its reason says instead of the pattern.
STRONG = [
    r"由会员分享", r"可在线阅读", r"请在.{0,30}上搜索", r"页珍藏版", r"^首页\s*[>›»]",
    (r"^(?:当前位置|您的位置|您现在的位置|所在位置)\s*[:：]", "a breadcrumb trail (当前位置：…)"),
    (r"^[【\[]?(搜索|返回顶部|收藏本页|打印本页|关闭窗口|上一篇|下一篇|上一条|下一条|相关推荐|"
     r"相关文章|相关链接(?![】\]]?[:：\s]*(?:《[^《》]+》(?:\s*[（(][^（）()]*[）)])?[\s、，,；;]*)+"
     r"[。；;]?$)|我要纠错|阅读原文|索引号|网站标识码|主办单位|承办单位)",
     "a link, a button or a line of the site (返回顶部, 打印本页, 上一篇, 主办单位 …)"),
    (r"^[【\[]?(发布时间|发布日期|来源|文章来源|信息来源|稿件来源|作者|编辑|责任编辑|浏览次数|"
     r"阅读次数|点击次数)\s*[:：]", "a note of posting (发布时间, 来源, 作者, 浏览次数 …)"),
    r"配套讲稿", r"特殊限制", r"^-?\s*关\s*键\s*词", r"PPT文件", r"国旗、国徽等图片",
    r"^限制\d+内$", r"如有侵权", r"版权(所有|归)", r"(下载|复制)(本|全|该)?文档", r"免费下载",
    r"小编", r"欢迎(阅读|分享|借鉴|下载)", r"(扫一扫|扫码|分享到)",
    r"共\s*\d+\s*页", r"^本文(来源|来自|链接|地址|网址)",
    (r"^[^，,。；;]{0,30}(?:19|20)\d\d(?:年\d{1,2}月\d{1,2}日|([-/.])\d{1,2}\1\d{1,2})"
     r"\s*\d{1,2}:\d\d[^，,。；;]{0,10}$", "a post's account and time"),
    (r"^(?:[【\[]?(?:主办|承办|协办|技术支持|运维|地址|联系电话|电话|邮编|传真)(?:单位)?\s*[:：]"
     r"[^，,；;。:：]{1,40}?){2,}$",
     "a line of the site's footer (主办：, 承办：, 技术支持：, 地址 and 电话 …)"),
    (r"^(?:长按(?:识别|扫描)?(?:图中)?二维码[，,\s]*)?关注[^。，,\d]{0,20}公众号[^。\d]{0,60}$",
     "a line of WeChat's page (长按识别二维码, 阅读 1523, 在看, 关注公众号 …)"),
    (r"^(?:阅读\s*(?:\d+|10万\+)|在看|点赞|赞|分享|留言|写留言|在看\s*\d+)"
     r"(?:\s+(?:阅读\s*\d+|在看|点赞|赞|分享|留言|写留言|\d+))*$",
     "a line of WeChat's page (长按识别二维码, 阅读 1523, 在看, 关注公众号 …)"),
    (r"^[^|｜]{1,10}(?:[|｜][^|｜]{1,10}){2,}$", "a navigation bar"),
]
#: A page's number, tried before the rest.
PAGE = [
    (r"^第\s*\d+\s*页", "a page number (— 3 —, 第3页)"),
    (r"^\d{1,4}$",
     "a number alone on a line: a page's, an empty table row's or a web page's count"),
    (r"^[-—\s]*\d{1,4}[-—\s]*$", "a page number (— 3 —, 第3页)"),
]
#: Who a speech or a reply is addressed to.
ADDRESSEE = (
    r"(?:(?:尊敬的)?(?:各位)?[\u4e00-\u9fff]{0,4}?(?:委员|代表|同志们?|先生|女士|主任|秘书长|"
    r"主席|老师们|同学们|朋友们)|(?:尊敬的|各位)+[\u4e00-\u9fff]{0,6}?(?:领导|来宾|嘉宾)(?:们)?)"
)
#: An addressee: a unit's name.
UNIT = (
    r"[^、，,：:。；;！？!?\d\s]{1,20}?"
    r"(?:学校|校|园|单位|部门|股室|科室|处室|中心|局|政府|机关|委员会|委|办公室|办|站|所|院|"
    r"街道|社区|企业|公司|团体|部|学区|学)(?:[（(][^）)]{1,8}[）)])?"
)
#: A government document's frame: addressees, attachments, contacts, copies, the print line.
DOCUMENT = [
    (rf"^(?:{ADDRESSEE}|各位[^：:。，,；;]{{1,20}})(?:、{ADDRESSEE})*[:：]$",
     "the person or people it is addressed to (…委员：, 同志们：)"),
    (r"^附件\s*\d{0,2}\s*(?:[:：]|$)", "the list of attachments (附件)"),
    (r"^[（(]?(抄送|抄报|主送|报送|报|送|分送|发送|联系人|联系电话|联系方式|联系单位|办理单位)"
     r"\s*[:：]",
     "the copies sent (抄送, 报, 送, 分送) or the contact (联系人, 联系单位)"),
    (r"^(?:(?:出席|列席|缺席|请假|记录人?)\s*[:：]|(?:时间|地点|主持人?)\s*[:：][^，,。；;]{0,30}$)",
     "a meeting's attendance, time and place, or who took its minutes (出席, 时间, 地点, 记录)"),
    (r"^主题词\s*[:：]", "the subject words (主题词)"),
    (r"^(?=各|[局县市区旗镇乡全省州盟本机][^。；！？!?\d：:]{0,7}各)"
     r"(?!.*(?:要|请|应|按照|根据|做好|开展|组织|认真|如下|以下|进行|是|有(?!关)|现))"
     rf"{UNIT}(?:[、，,]{UNIT}){{0,15}}[:：]$", "the units it is addressed to (主送机关)"),
    (r"[\d〇一二三四五六七八九十]日印发(?:\s*[（(]?共印\s*\d+\s*份[）)]?)?$"
     r"|^[（(]?共印\s*\d+\s*份[）)]?$",
     "the line of who printed it when, and how many copies (印发, 共印50份)"),
    (r"^[^，,。；;：:\s]{1,12}[〔［\[]\d{4}[〕］\]]\s*\d{1,4}\s*号$",
     "the document's number (文号)"),
    (r"^[（(]此件[^。，,；;（()）]{0,6}公开(?:发布)?[）)]$",
     "a note on publishing it (此件公开发布)"),
    (r"^(?!第.{1,3}[部章节篇])[^，,。；;：:！？!?\d、]*"
     r"\S[ \u3000\xa0]{3,}\S[^，,。；;：:！？!?\d]*$",
     "names set side by side (a joint signature)"),
]
WEAK = [
    r"https?://", r"\w\.(com|cn|net|org)\b", r"[>›»].{0,40}[>›»]",
    r"\.(docx?|pdf|wps|txt|xlsx?|et|zip|rar)\s*$",
    r"(延伸|更多|推荐|精选).{0,8}阅读",
    (r"^[【\[]?(?:主办|承办|协办|技术支持|运维(?:单位)?)\s*[:：]",
     "a line of the site's footer (主办：, 承办：, 技术支持：, 地址 and 电话 …)"),
    (r"地址\s*[:：].{0,60}电话\s*[:：]|电话\s*[:：].{0,60}地址\s*[:：]",
     "a line of the site's footer (主办：, 承办：, 技术支持：, 地址 and 电话 …)"),
    (r"长按(?:识别|扫描)?(?:图中)?二维码|预览时标签不可点|关注(?:该|本|我们的)?公众号",
     "a line of WeChat's page (长按识别二维码, 阅读 1523, 在看, 关注公众号 …)"),
]


def named(entry):
    """(pattern, what its reason says) of a table's entry."""
    return entry if isinstance(entry, tuple) else (entry, f"matches {entry!r}")


def expected_reason(line):
    """The reason a plain search of every pattern gives a (stripped) line, or None."""
    if len(line) > 300:
        return None
    for pattern, what in PAGE:
        if re.search(pattern, line):
            return f"page furniture: {what}"
    for pattern, what in map(named, STRONG):
        if re.search(pattern, line):
            return f"site furniture: {what}"
    for pattern, what in map(named, DOCUMENT):
        if re.search(pattern, line):
            return f"document furniture: {what}"
    for pattern, what in map(named, WEAK):
        if re.search(pattern, line):
            return None if is_content(line) else f"site furniture: {what}"
    return None


def reasons(text):
    return [(s.text, s.reason) for s in segment(text) if s.kind == FURNITURE]


# Written for these tests: one line per pattern, each matching it and no pattern before it.
LINES = [
    "《工作总结》由会员分享", "本文档可在线阅读", "更多资料请在某某文库上搜索", "共12页珍藏版",
    "首页 › 教育动态", "当前位置：教育动态", "返回顶部", "【我要纠错】", "【发布日期：2023-05-06】",
    "12", "发布日期：2023-05-06", "附配套讲稿", "本资料有特殊限制",
    "关 键 词：教育", "本PPT文件仅供参考", "不含国旗、国徽等图片", "限制150内",
    "如有侵权请联系删除", "版权所有 某某网", "免费复制全文档", "点此免费下载", "小编整理",
    "欢迎借鉴参考", "扫码关注公众号", "分享到微信", "第 3 页", "本报告共 8 页", "— 12 —",
    "本文链接：见下",
    "清水教育 清水县教育局 2024年01月18日 18:30 甘肃",
    "主办：清水县教育局　承办：清水县教育信息中心　技术支持：某某科技有限公司　电话：0931-8123458",
    "长按识别二维码，关注清水教育微信公众号，了解全县教育新闻！", "阅读 2046 在看 12",
    "主办：清水县人民政府办公室", "本站地址：清水县城关镇 电话：0931-8123450",
    "长按识别二维码",
    "访问 http://jy.example", "网址 www.example.cn", "教育 > 工作 > 总结",
    "某县工作报告.docx", "附件下载：统计表.xlsx", "延伸阅读",
    "文章来源：清水县教育局    作者：学前教育股",
    "刘晓红委员：", "各位代表、同志们：", "主任、各位副主任、秘书长、各位委员：",
    "老师们、同学们：",
    "附件：1.清水县幼儿园办园行为督导评估指标体系", "抄送：县委办公室，县政府办公室。",
    "联系人：县教育局学前教育股王晓明，电话：0931-8123456",
    "各乡镇人民政府，县直有关部门，各中小学校、幼儿园：", "清水县教育局办公室　　2024年3月15日印发",
    "（联系人：县教育局基础教育股李明，电话：0931-8123457）", "抄报：市教育局。",
    "局属各学校、各乡镇中心学校：", "清水县教育局办公室　2024年3月15日印发　共印60份",
    "清教发〔2024〕7号", "（此件主动公开）", "联系单位：清水县教育局思想政治工作和德育股",
    "办理单位：清水县教育局", "列席：王晓明（基础教育股）　李红（计财股）",
    "主题词：学前教育　统计　通知", "共印60份",
    "首页 | 政务公开 | 互动交流", "清水县教育局      清水县财政局      清水县人力资源和社会保障局",
]


@pytest.mark.parametrize("line", LINES)
def test_each_pattern_gives_its_own_reason(line):
    reason = expected_reason(line)
    assert reason is not None
    assert reasons(f"{line}\n") == [(line, reason)]


@pytest.mark.parametrize(
    "line",
    [
        "登录县教育局网站http://jy.example下载，全县中小学教师培训课程资源已全部上线共享。",
        "推荐阅读书目覆盖全县中小学，各校组织学生开展读书活动，人均阅读量比上年增加三册。",
    ],
)
def test_content_holding_a_weak_mark_is_not_furniture(line):
    assert expected_reason(line) is None
    assert reasons(f"{line}\n") == []


FRAGMENTS = [p for line in LINES for p in (line[:2], line[-3:])] + [
    " ", ".", ":", "：", "》", ">", "›", "页", "共", "第", "阅读", "扫", "com", "3", "12", "—",
    "全县教育工作稳步推进", "。",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=6), min_size=1, max_size=10))
def test_any_line_gets_the_reason_a_plain_search_gives(parts):
    line = "".join(parts).strip()
    if not line or any(c in line for c in "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"):
        return
    found = [reason for text, reason in reasons(line) if text == line]
    expected = expected_reason(line)
    if expected is not None:
        assert found == [expected]
    else:
        assert not [r for r in found if r.startswith("site furniture")]


def test_a_step_a_notice_opens_with_a_credits_word_is_text():
    # 审核：, 校对：, 通讯员： name the people under an article; a notice's step may open
    # with the same word, and its sentence had been set aside with the credits.
    step = "审核：县教育局对各校申报的义务教育薄弱环节改善项目逐校审核，于5月底前公示结果。"
    text = f"关于做好项目申报工作的通知\n\n{step}\n\n审核：王强  校对：李明\n\n通讯员：赵敏\n"
    segments = segment(text)
    assert [s.text for s in segments if s.kind == "paragraph"] == [step]
    credits = ["审核：王强  校对：李明", "通讯员：赵敏"]
    assert [s.text for s in segments if s.kind == FURNITURE] == credits


def test_a_step_without_its_stop_a_font_asked_for_and_a_guides_click_are_text():
    # A step written without its full stop, a notice's format asking for a font and a
    # guide to online lessons telling what to follow had been set aside with the credits,
    # a portal's 【字体：大 中 小】 and WeChat's call to follow.
    lines = [
        "校对：各校于3月底前完成学籍信息校对",
        "审核：县教育局对上报数据逐校审核，确保数据准确无误",
        "通讯员：全县各校共聘任专兼职通讯员86名",
        "字体：正文使用仿宋_GB2312三号字，标题使用方正小标宋简体二号字。",
        "点击上方“课程表”查看并关注每日直播安排",
    ]
    furniture = ["【字体：大 中 小】【打印本页】", "点击上方蓝字关注我们", "审核：王强、李明",
                 "通讯员：清溪县实验小学 刘芳"]
    text = "关于做好线上教学和学籍核查工作的通知\n\n" + "\n\n".join(lines + furniture) + "\n"
    segments = segment(text)
    assert [s.text for s in segments if s.kind == "paragraph"] == lines
    assert [s.text for s in segments if s.kind == FURNITURE] == furniture


def test_the_levels_of_a_procedure_and_the_offices_they_fall_to_are_text():
    # A notice's levels of review name who reviews (学校, 学区, 县教育局), no person: they
    # had been set aside as the credits under an article (审核：王强), which name people.
    # A school's or an office's department (德育处, 督导室) may sign its article's credits,
    # and 排版：, 责编： are no step of review.
    levels = ["初审：学校", "复审：学区", "终审：县教育局", "审核：各乡镇中心校",
              "审核：县教研室", "初审：学校  复审：学区  终审：县教育局"]
    credits = ["审核：王强  校对：李明", "终审：县教育局 王强", "初审：张校长", "审核：李园",
               "审核：德育处", "排版：县语委办"]
    text = "关于开展优秀教案评选活动的通知\n\n" + "\n\n".join(levels + credits) + "\n"
    segments = segment(text)
    assert [s.text for s in segments if s.kind == FURNITURE] == credits
    assert [s.text for s in segments if s.kind != FURNITURE][1:] == levels


def test_wechats_call_to_follow_with_a_comma_is_furniture():
    # With a comma before 关注 WeChat's call had headed the article as its first heading;
    # a guide's line telling what to follow after a comma stays text.
    calls = ["点击上方蓝字，关注我们", "点击上方“蓝字”，关注我们", "点击上方「蓝字」，关注我们",
             "点击上方蓝字 关注我们", "↑点击上方“清溪教育”，关注公众号"]
    guide = "点击上方“课程表”，关注每日直播安排"
    text = "\n\n".join(calls) + f"\n\n清溪县第二小学开展读书节活动\n\n{guide}\n"
    segments = segment(text)
    assert [s.text for s in segments if s.kind == FURNITURE] == calls
    assert guide in [s.text for s in segments if s.kind != FURNITURE]


def test_a_notices_font_size_is_text_a_portals_size_buttons_furniture():
    # A notice's format asks for a size (字号：三号) as for a font (字体：…三号字); only a
    # portal's 字号：大 中 小, its buttons, is furniture. The notice's had been set aside.
    sizes = ["字号：标题用二号方正小标宋简体，正文用三号仿宋", "字号：三号"]
    buttons = ["【字号：大 中 小】", "字号：[大] [中] [小]"]
    text = "关于报送年度工作总结的通知\n\n" + "\n\n".join(sizes + buttons) + "\n"
    segments = segment(text)
    assert [s.text for s in segments if s.kind == FURNITURE] == buttons
    assert [s.text for s in segments if s.kind != FURNITURE][1:] == sizes


def test_a_reports_own_list_of_the_policies_it_follows_is_text():
    # A report heading its list of policies with 相关链接 (on its line, or with the titles
    # after it) had lost the list, or its heading, as a site's related links; a site's
    # list of news stays furniture.
    titles = ["《关于进一步加强学前教育发展的实施意见》",
              "《清溪县普惠性民办幼儿园认定和管理办法》"]
    inline = "相关链接：" + "".join(titles)
    text = (
        "清溪县学前教育发展情况报告\n\n全县新建改扩建公办幼儿园6所，新增学位1260个。\n\n"
        f"{inline}\n\n相关链接\n" + "\n".join(titles)
        + "\n\n【相关链接】\n全县教育工作会议召开\n"
    )
    segments = segment(text)
    kept = [s.text for s in segments if s.kind != FURNITURE]
    assert inline in kept
    assert kept[-4:-1] == ["相关链接", *titles]
    assert [s.text for s in segments if s.kind == FURNITURE] == ["【相关链接】"]


def test_offices_under_an_articles_credits_are_credits_too():
    # An office named under a person's credits (编辑：…, 初审：…) goes on with them; it
    # had been kept as a notice's level of review, a heading under the article. So does a
    # person surnamed 全, and a school's own department (本校德育处).
    credits = ["编辑：王芳", "审核：县教育局办公室", "初审：张丽", "复审：县教研室",
               "终审：县教育局", "审核：全红", "审核：本校德育处"]
    text = ("柳溪县实验小学举行读书节启动仪式\n\n4月23日，柳溪县实验小学举行第五届读书节"
            "启动仪式，全校一千余名师生参加。\n\n" + "\n\n".join(credits) + "\n")
    segments = segment(text)
    assert [s.text for s in segments if s.kind == FURNITURE] == credits


def test_a_notices_levels_stay_text_before_its_credits():
    # The levels follow the notice's text, not credits: they stay text, and the credits
    # under them are furniture.
    levels = ["初审：各学校", "复审：各乡镇中心校", "终审：县教研室", "审核：全体教师"]
    credits = ["编辑：王蕾", "审核：刘东"]
    text = ("关于开展优秀作业设计评选的通知\n\n各学校：为落实减负要求，现开展优秀作业设计"
            "评选。\n\n评选程序：\n\n" + "\n\n".join(levels + credits) + "\n")
    segments = segment(text)
    assert [s.text for s in segments if s.kind == FURNITURE] == credits
    assert [s.text for s in segments if s.kind != FURNITURE][-4:] == levels


def test_a_sites_related_news_with_titles_in_them_are_furniture():
    # A news headline may hold a 《》 and go on after it: a site's related links still,
    # which had been kept as a report's list of policies (the line whole, or the heading
    # over such headlines). A policy's title with its number after it is a policy.
    news = "相关链接：《清河教育》报道我县课后服务经验"
    policy = "相关链接：《关于做好中小学课后服务工作的指导意见》（某教函〔2017〕2号）"
    text = (
        "清河县召开教育工作会议\n\n会议总结了全县教育工作，部署了本年度的重点任务。\n\n"
        f"{news}\n\n{policy}\n\n【相关链接】\n《学前教育法》宣传月启动\n"
    )
    segments = segment(text)
    assert [s.text for s in segments if s.kind == FURNITURE] == [news, "【相关链接】"]
    assert policy in [s.text for s in segments if s.kind != FURNITURE]


def test_a_portals_size_buttons_in_any_order_are_furniture():
    # Before sizes were the notice's, every 字号： line was set aside; a portal's buttons
    # in another order or drawn as letters had then been kept as text.
    buttons = ["字号：小 中 大", "【字号：默认 大 超大】", "字号：A+ A A-", "字号：T T T"]
    sizes = ["字号：小四", "字体：大中小学均用仿宋", "字号：大 中 小学组分别评选"]
    text = "关于报送年度工作总结的通知\n\n" + "\n\n".join(buttons + sizes) + "\n"
    segments = segment(text)
    assert [s.text for s in segments if s.kind == FURNITURE] == buttons
    assert [s.text for s in segments if s.kind != FURNITURE][1:] == sizes
