"""Word's automatic numbering: the 一、（一）1. that Word draws before a paragraph from the
package's numbering part rather than from the paragraph's text.

Bureaus number their headings and items this way as often as by hand (WPS's and Word's
list buttons, and heading styles linked to a multilevel list). Read without it, a report
loses the numbers a reader sees, and with them what the segmenter knows of its outline:
一、（一）1. had gone, and a section on the year ahead (三、2025年工作打算) read as a line of
no level.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple, TypeVar

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

T = TypeVar("T")

_DIGITS = "〇一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
#: %1 … %9 in a level's text: the number of that level.
_PLACEHOLDER = re.compile(r"%([1-9])")


def _counting(number: int, digits: str = _DIGITS, units: str = "十百千万") -> str:
    """A number in Chinese counting: 十一, 二十, 一百零五."""
    if number == 0:
        return digits[0]
    if number >= 100_000:
        return str(number)
    out, zero = [], False
    for power in range(4, -1, -1):
        digit = number // 10**power % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(digits[digit] + (units[power - 1] if power else ""))
    text = "".join(out)
    # 十一, not 一十一: Word drops the one before 十 when it leads.
    return text[1:] if text.startswith(digits[1] + units[0]) else text


def _letters(number: int) -> str:
    # Word repeats the letter: a … z, aa … zz.
    return "" if number < 1 else chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def _roman(number: int) -> str:
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def _enclosed(first: int, last: int) -> Callable[[int], str]:
    def enclose(number: int) -> str:
        return chr(first + number - 1) if 1 <= number <= last else str(number)

    return enclose


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(_FULL_WIDTH),
    "chineseCounting": _counting,
    "chineseCountingThousand": _counting,
    "japaneseCounting": _counting,
    "taiwaneseCounting": _counting,
    "taiwaneseCountingThousand": _counting,
    "ideographDigital": lambda n: "".join(_DIGITS[int(d)] for d in str(n)),
    "chineseLegalSimplified": lambda n: _counting(n, _LEGAL_DIGITS, "拾佰仟萬"),
    "ideographLegalTraditional": lambda n: _counting(n, _LEGAL_DIGITS, "拾佰仟萬"),
    "ideographTraditional": lambda n: _STEMS[(n - 1) % 10] if n > 0 else str(n),
    "ideographZodiac": lambda n: _BRANCHES[(n - 1) % 12] if n > 0 else str(n),
    "decimalEnclosedCircle": _enclosed(0x2460, 20),
    "decimalEnclosedCircleChinese": _enclosed(0x2460, 20),
    "decimalEnclosedParen": _enclosed(0x2474, 20),
    "decimalEnclosedFullstop": _enclosed(0x2488, 20),
    "lowerLetter": _letters,
    "upperLetter": lambda n: _letters(n).upper(),
    "lowerRoman": _roman,
    "upperRoman": lambda n: _roman(n).upper(),
    "none": lambda n: "",
}
_FORMATS["decimalFullWidth2"] = _FORMATS["decimalFullWidth"]


def formatted(number: int, format: str) -> str:
    """``number`` drawn in Word's number ``format`` (decimal, chineseCounting, upperRoman …),
    in figures when the format is unknown."""
    return _FORMATS.get(format, str)(number)

#: The number formats of .doc files and Word 2003 XML, by their code (an nfc, [MS-DOC]'s
#: MSONFC), as a .docx names them. The others are drawn in figures, as a .docx's unknown
#: formats are.
NFC_FORMATS = {
    0: "decimal", 1: "upperRoman", 2: "lowerRoman", 3: "upperLetter", 4: "lowerLetter",
    10: "ideographDigital", 11: "japaneseCounting", 14: "decimalFullWidth",
    18: "decimalEnclosedCircle", 19: "decimalFullWidth2", 22: "decimalZero", 23: "bullet",
    26: "decimalEnclosedFullstop", 27: "decimalEnclosedParen", 28: "decimalEnclosedCircleChinese",
    30: "ideographTraditional", 31: "ideographZodiac", 33: "taiwaneseCounting",
    34: "ideographLegalTraditional", 35: "taiwaneseCountingThousand", 37: "chineseCounting",
    38: "chineseLegalSimplified", 39: "chineseCountingThousand", 255: "none",
}


#: The values of an on/off property (w:vanish, w:isLgl) that turn it off.
_OFF = frozenset({"0", "false", "off"})


def is_on(toggle: Any) -> bool:
    """Whether an on/off property such as ``<w:vanish/>`` is on: set unless its val says
    off."""
    return toggle.get(f"{_W}val", "true").lower() not in _OFF


def _on(element: Any, path: str) -> bool:
    found = element.find(path)
    return found is not None and is_on(found)


def _val(element: Any, path: str) -> str | None:
    found = element.find(path)
    return found.get(f"{_W}val") if found is not None else None


def int_or(text: str | None, default: int) -> int:
    """The whole number an XML attribute gives, or ``default`` when it is absent or none."""
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


class Level(NamedTuple):
    """How one level of a list draws its number."""

    start: int
    format: str  # a key of _FORMATS; "bullet" and unknown ones are handled by the caller
    text: str  # Word's lvlText, %1 … %9 standing for the levels' numbers
    restart: int  # reset when a level of a (0-based) index below this is numbered; -1: never
    legal: bool  # every level's number in figures (1.1 under 一、), Word's isLgl
    hidden: bool
    space: bool  # a space after the number, for a number ending in a figure or a character


def _level(lvl: Any, index: int) -> Level:
    # lvlRestart counts levels from 1: "after level 1 is numbered" is index 0 below it.
    restart = int_or(_val(lvl, f"{_W}lvlRestart"), index)
    text = _val(lvl, f"{_W}lvlText") or ""
    return Level(
        start=int_or(_val(lvl, f"{_W}start"), 0),
        format=_val(lvl, f"{_W}numFmt") or "decimal",
        text=text,
        restart=restart if restart > 0 else -1,
        legal=_on(lvl, f"{_W}isLgl"),
        hidden=_on(lvl, f"{_W}rPr/{_W}vanish"),
        space=_val(lvl, f"{_W}suff") != "nothing",
    )


def _levels(abstract: Any) -> dict[int, Level]:
    return {
        index: _level(lvl, index)
        for lvl in abstract.iterfind(f"{_W}lvl")
        if 0 <= (index := int_or(lvl.get(f"{_W}ilvl"), -1)) < 9
    }


def lineage(first: T, parent: Callable[[T], T | None]) -> Iterator[T]:
    """``first``, then what ``parent`` leads to from it, nearest first, each once: a
    style's basedOn chain, which a damaged or hand-edited file may close into a loop."""
    seen = set()
    while first is not None and first not in seen:
        seen.add(first)
        yield first
        first = parent(first)


def inherit(numbers: dict[str, Any], parents: dict[str, str]) -> None:
    """Give each style of ``parents`` (a style's id to that of the style it is based on)
    without a list of its own in ``numbers`` the list of the nearest style it is based on
    that has one, as Word shows it."""
    for style_id in list(parents):
        owner = next((at for at in lineage(style_id, parents.get) if at in numbers), None)
        if owner is not None:
            numbers.setdefault(style_id, numbers[owner])


def drawn_number(label: str | None, shown: bool, in_cell: bool) -> str:
    """What Word shows of a paragraph's number ``label``: all of it before text that
    ``shown``; over no text, the number alone in a table's cell, where it is the cell's
    text (a form's 序号), and nothing in the body, where an empty paragraph's number is
    nothing worth reading."""
    if not label:
        return ""
    if shown:
        return label
    return label.rstrip() if in_cell else ""


class NumberList(NamedTuple):
    """A w:num (a .doc's list override, LFO): the list it counts in (its abstract
    numbering, a .doc's list by its lsid) and what it overrides."""

    abstract: str
    levels: dict[int, Level]  # the abstract's, with the num's w:lvlOverride/w:lvl
    starts: dict[int, int]  # w:lvlOverride/w:startOverride: restart there on first use


class Numbering:
    """The numbers Word draws before the paragraphs of one document.

    Call :meth:`label` (or :meth:`number`) on each paragraph in reading order: like Word,
    it counts the paragraphs of a list as it meets them, whatever lies between them.

    Parameters
    ----------
    lists : dict
        The lists a paragraph may name, by their id (a .docx's ``w:numId``, a .doc's ilfo):
        the list whose counts they share, its levels and overrides.
    style_numbers : dict, optional
        By a paragraph style's id, the list and level its paragraphs take (heading styles
        linked to a multilevel list), the style's own or that of the style it is based on.
    style_levels : dict, optional
        By a counted list and a style's id, the level of the list linked to that style: the
        level of a paragraph of the style that names none.
    """

    def __init__(
        self, lists: dict[str, NumberList],
        style_numbers: dict[str, tuple[str | None, int | None]] | None = None,
        style_levels: dict[tuple[str, str], int] | None = None,
    ) -> None:
        self._lists = lists
        self._style_numbers = style_numbers or {}
        self._style_levels = style_levels or {}
        self._counts: dict[str, list[int | None]] = {}
        self._begun: set[str] = set()

    @classmethod
    def from_xml(cls, numbering: Any, styles: Any) -> Numbering:
        """The numbering of a .docx.

        Parameters
        ----------
        numbering : lxml element or None
            The package's ``w:numbering`` (``word/numbering.xml``).
        styles : lxml element or None
            The ``w:styles``: a paragraph style may carry a list (heading styles linked to
            a multilevel list), which its paragraphs and the styles based on it take.
        """
        style_numbers: dict[str, tuple[str | None, int | None]] = {}
        style_levels: dict[tuple[str, str], int] = {}
        style_parent: dict[str, str] = {}
        for style in styles.iterfind(f"{_W}style") if styles is not None else ():
            style_id = style.get(f"{_W}styleId")
            if style_id is None:
                continue
            based = _val(style, f"{_W}basedOn")
            if based is not None:
                style_parent[style_id] = based
            number = style.find(f"{_W}pPr/{_W}numPr")
            if number is not None:
                level = _val(number, f"{_W}ilvl")
                style_numbers[style_id] = (
                    _val(number, f"{_W}numId"), None if level is None else int_or(level, 0)
                )
        inherit(style_numbers, style_parent)

        abstracts: dict[str, Any] = {}
        nums: dict[str, Any] = {}
        for element in numbering if numbering is not None else ():
            if element.tag == f"{_W}abstractNum":
                abstracts[element.get(f"{_W}abstractNumId")] = element
            elif element.tag == f"{_W}num":
                nums[element.get(f"{_W}numId")] = element
        lists: dict[str, NumberList] = {}
        for num_id, num in nums.items():
            abstract_id = _val(num, f"{_W}abstractNumId")
            abstract = abstracts.get(abstract_id)
            # A list defined by a numbering style (w:numStyleLink) counts in the list the
            # style names.
            link = _val(abstract, f"{_W}numStyleLink") if abstract is not None else None
            if link is not None:
                linked = nums.get(style_numbers.get(link, (None, None))[0])
                if linked is not None:
                    abstract_id = _val(linked, f"{_W}abstractNumId")
                    abstract = abstracts.get(abstract_id)
            if abstract is None or abstract_id is None:
                continue
            levels, starts = _levels(abstract), {}
            for override in num.iterfind(f"{_W}lvlOverride"):
                index = int_or(override.get(f"{_W}ilvl"), -1)
                lvl = override.find(f"{_W}lvl")
                if lvl is not None and 0 <= index < 9:
                    levels[index] = _level(lvl, index)
                start = _val(override, f"{_W}startOverride")
                if start is not None:
                    starts[index] = int_or(start, 0)
            lists[num_id] = NumberList(abstract_id, levels, starts)
            for index, lvl in enumerate(abstract.iterfind(f"{_W}lvl")):
                style = _val(lvl, f"{_W}pStyle")
                if style is not None:
                    style_levels[abstract_id, style] = int_or(lvl.get(f"{_W}ilvl"), index)
        return cls(lists, style_numbers, style_levels)

    def __bool__(self) -> bool:
        return bool(self._lists)

    def label(self, paragraph: Any) -> str:
        """The number Word draws before ``paragraph`` (a ``w:p``), counted: see
        :meth:`number`."""
        style = _val(paragraph, f"{_W}pPr/{_W}pStyle")
        number = paragraph.find(f"{_W}pPr/{_W}numPr")
        if number is None:
            return self.number(None, None, style)
        level = _val(number, f"{_W}ilvl")
        return self.number(
            _val(number, f"{_W}numId"), None if level is None else int_or(level, 0), style
        )

    def number(self, list_id: str | None, level: int | None, style: str | None) -> str:
        """The number Word draws before a paragraph, counted: ``"一、"``, ``"（二）"``,
        ``"3."``; ``""`` when it has none, or a bullet. A number ending in a figure or a
        character (第一章) comes with the space Word sets after it.

        Parameters
        ----------
        list_id : str or None
            The list the paragraph names (a key of ``lists``), if any.
        level : int or None
            The level it names, if any.
        style : str or None
            The id of its paragraph style, which may carry a list and a level.
        """
        if list_id is None and style is not None:
            list_id, style_level = self._style_numbers.get(style, (None, None))
            level = level if level is not None else style_level
        found = self._lists.get(list_id) if list_id is not None else None
        if found is None:  # no list, or list 0: numbering taken off the paragraph
            return ""
        if level is None:
            index = self._style_levels.get((found.abstract, style or ""), 0)
        else:
            index = min(max(level, 0), 8)
        counts = self._counts.setdefault(found.abstract, [None] * 9)
        if list_id not in self._begun:
            self._begun.add(list_id)
            for at in found.starts:
                if 0 <= at < 9:
                    counts[at] = None
        this = found.levels.get(index)
        if this is None:
            return ""
        at = counts[index]
        counts[index] = found.starts.get(index, this.start) if at is None else at + 1
        for deeper in range(index + 1, 9):
            below = found.levels.get(deeper)
            if below is None or (below.restart != -1 and index < below.restart):
                counts[deeper] = None
        if this.hidden or this.format == "bullet":
            return ""

        def number_of(match: re.Match) -> str:
            at = int(match.group(1)) - 1
            level = found.levels.get(at)
            value = counts[at]
            if value is None:
                value = level.start if level is not None else 0
            fmt = "decimal" if this.legal or level is None else level.format
            return formatted(value, fmt)

        text = _PLACEHOLDER.sub(number_of, this.text).strip()
        if text and this.space and (text[-1].isalnum()):
            text += " "
        return text
