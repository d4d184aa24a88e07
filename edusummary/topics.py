"""The label contract (``LABELS.md``) as one table that every stage reads.

Each :class:`Topic` carries its id, Chinese name and colour; :data:`FALLBACK` is the label
a paragraph gets when no topic is primary (or the text cannot be judged);
:data:`KEY_FIGURES` are the indicators that summaries compare across reports;
:data:`MIN_HAN_CHARS` is the length below which a piece of text is a heading, not a
paragraph. Change a label rule here, and the readers, the model, the summaries and the
views follow.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    """One label of the contract.

    Attributes
    ----------
    id : str
        The label written in records and predicted by models: "preschool".
    name : str
        Its Chinese name: "学前教育".
    color : str
        ``#RRGGBB`` of the topic in plots and the HTML view (Okabe-Ito palette, which stays
        distinguishable for readers with the common forms of colour blindness).
    """

    id: str
    name: str
    color: str


#: The five topics of ``LABELS.md``, in the order models list them.
TOPICS: tuple[Topic, ...] = (
    Topic("preschool", "学前教育", "#E69F00"),
    Topic("compulsory_balance", "义务教育均衡发展", "#0072B2"),
    Topic("teaching_reform", "教学改革", "#009E73"),
    Topic("moral_education", "德育", "#CC79A7"),
    Topic("other", "其他", "#999999"),
)

LABELS: tuple[str, ...] = tuple(topic.id for topic in TOPICS)
LABEL_NAMES: dict[str, str] = {topic.id: topic.name for topic in TOPICS}

#: The label of paragraphs that no topic takes more than half of, and of text too foreign
#: to judge.
FALLBACK = "other"

#: Paragraphs with fewer Chinese characters than this are headings or furniture, not labelled.
MIN_HAN_CHARS = 15

#: Flag of a paragraph with too little Chinese to judge (text in another language): it is
#: labelled :data:`FALLBACK` with every label equally likely.
NOT_CHINESE = "not_chinese"
#: Flag of a paragraph whose primary label has a probability below the tagger's
#: ``low_confidence``: worth a human look.
LOW_CONFIDENCE = "low_confidence"
#: Flag of a paragraph whose primary label has a probability below the model's review
#: threshold, chosen when it was trained so that the flag marks at most a fifth of
#: paragraphs and as many of the model's mistakes as it can: the paragraphs to check first.
REVIEW = "review"


@dataclass(frozen=True)
class KeyFigure:
    """An indicator analysts compare across reports: a column of ``summarize()``.

    Attributes
    ----------
    column : str
        The DataFrame column, the name and unit: "毛入园率(%)".
    unit : str
        The unit values are converted to ("万元": "1.2亿元" becomes 12000).
    pattern : str
        Regular expression an indicator must match (``re.search``).
    """

    column: str
    unit: str
    pattern: str


#: The key figures of ``summarize()``, one column each.
KEY_FIGURES: tuple[KeyFigure, ...] = (
    # One indicator a column, so that a region's years read as a series: 学前三年 (or no
    # span named), not 学前一年; 九年义务教育, not 初中三年 or 小学.
    KeyFigure("毛入园率(%)", "%", r"^(?!.*学前[一二两]年).*入园率"),
    KeyFigure("普惠覆盖率(%)", "%", r"普惠.*(?:覆盖率|占比)"),
    KeyFigure("巩固率(%)", "%", r"^(?!.*(?:小学|初中|高中)).*巩固率"),
    # Kindergartens built (幼儿园, 中心园, 配套园, 村级园 …), not 智慧校园 or 校园 of any kind.
    KeyFigure("新建幼儿园(所)", "所", r"(?:新建|改扩建|扩建|建成)(?!.*校园).*园"),
    # Places added, not a shortage (学位缺口) or a total (学位总数).
    KeyFigure("新增学位(个)", "个", r"(?:新增|增加|扩充|扩增)[^缺总]*学位"),
    # Money spent, not a rate per pupil (生均公用经费 800元).
    KeyFigure("投入资金(万元)", "万元", r"^(?!.*(?:生均|每生|人均)).*(?:投入|资金|经费|投资|支出)"),
)

_MORE_COLORS = ("#56B4E9", "#D55E00", "#F0E442", "#332288", "#882255", "#44AA99", "#117733")


def topic_name(label: str) -> str:
    """The Chinese name of a label; labels of one's own keep their id.

    >>> topic_name("moral_education"), topic_name("teacher_workforce")
    ('德育', 'teacher_workforce')
    """
    return LABEL_NAMES.get(label, label)


def topic_colors(labels: Iterable[str]) -> dict[str, str]:
    """A colour for each label, as ``#RRGGBB``: the contract's topics keep theirs, labels
    of one's own take the remaining colours in order.

    >>> topic_colors(["preschool", "safety", "funding"])
    {'preschool': '#E69F00', 'safety': '#56B4E9', 'funding': '#D55E00'}
    """
    fixed = {topic.id: topic.color for topic in TOPICS}
    labels = list(dict.fromkeys(labels))
    used = {fixed[label] for label in labels if label in fixed}
    spare = [c for c in (*_MORE_COLORS, *fixed.values()) if c not in used]
    colors = {}
    extra = 0
    for label in labels:
        if label in fixed:
            colors[label] = fixed[label]
        else:
            # Past the palette's end, colours repeat rather than fail.
            colors[label] = spare[extra % len(spare)]
            extra += 1
    return colors


def fallback_label(labels: Iterable[str]) -> str:
    """The label of a paragraph no topic claims, within a model's label set: the
    :data:`FALLBACK` when the set has it, else its first label."""
    labels = list(labels)
    return FALLBACK if FALLBACK in labels else labels[0]
