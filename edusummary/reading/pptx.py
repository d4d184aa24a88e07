"""PowerPoint reports (.pptx, and .pptm, .ppsx, .ppsm, .potx, .potm), read with zipfile and lxml.

A bureau's 工作汇报 is often given as slides. A presentation is a zip package, as a .docx
is: ``ppt/presentation.xml`` lists its slides in order (``p:sldIdLst``), each a part
named by a relationship; a slide's shapes (``p:sp``, groups of them, tables in a
``p:graphicFrame``) hold their text in DrawingML paragraphs (``a:p``), and its speaker notes
lie in a notes slide of their own. A placeholder (``p:ph``: the title, the body, the date,
the footer, the slide's number) may leave its place to the slide's layout or master, where
it is looked up.
"""

from __future__ import annotations

import logging
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from .._chinese import (
    ANY_OUTLINE_MARKER,
    CN_NUMERALS,
    MONTH_LINE,
    NOTE_LINE,
    OUTLINE_MARKERS,
    han_count,
    outline_level,
)
from .._english import counted
from ..errors import ReadError
from ..topics import MIN_HAN_CHARS
from ._common import (
    CAPTION_CLAUSE,
    HEADING,
    NOTE,
    PICTURE_CAPTION,
    SOFT_BREAK,
    TABLE_ROW,
    Document,
    is_prose_cell,
    set_apart,
    tidy_marked,
)
from ._package import (
    PART_DAMAGE,
    check_package,
    damaged_warning,
    relationships,
    xml_parser,
)
from ._wordnumbers import formatted, int_or
from .docx import DIAGRAM_DATA_ID, DRAWING, diagram_line, diagram_steps, row_lines

logger = logging.getLogger(__name__)

#: The suffixes of PowerPoint's packages: presentations, with macros, shows and templates.
SUFFIXES = (".pptx", ".pptm", ".ppsx", ".ppsm", ".potx", ".potm")
#: The part that lists the slides; a zip without it is no presentation.
MAIN_PART = "ppt/presentation.xml"

_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_A = DRAWING
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_DIAGRAM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
#: The shapes of a slide's tree that may hold text, and the groups of them.
_SHAPE, _GROUP, _FRAME = f"{_P}sp", f"{_P}grpSp", f"{_P}graphicFrame"
_ALTERNATE, _CHOICE = f"{_MC}AlternateContent", f"{_MC}Choice"
#: Placeholders whose text is a slide's title, a heading.
_TITLES = frozenset({"title", "ctrTitle"})
#: Placeholders of the furniture of slides and notes pages: the date, the footer, the
#: slide's number, the notes page's header; and the picture of the slide on its notes page.
_FURNITURE = frozenset({"dt", "ftr", "sldNum", "hdr", "sldImg"})
#: Where a shape stands and how large it is, (x, y, width, height) in EMU.
_Box = tuple[int, int, int, int]
#: Where a shape stands, when neither it nor its layout or master says: the top left.
_ORIGIN = (0, 0, 0, 0)
#: The narrower of two columns side by side is at least this share of the wider's width;
#: a narrower one is labels or numbers, each read with the text beside it.
_COLUMN_SHARE = 0.5
#: What a user holding a damaged presentation can do.
_RECOVER = "open it in PowerPoint or WPS, which offer to repair it, and save it again"


#: What a slide gives: its lines, its speaker notes' lines, its stamps, the high ones of
#: them (see :meth:`_Presentation._slide_lines`).
_Read = tuple[list[tuple[str, str | None]], list[tuple[str, str | None]], list, set]


class _Placeholder(NamedTuple):
    kind: str  # its type, "obj" when it gives none, as the format's default
    index: str | None  # its idx, which ties it to the layout's placeholder


def read_pptx_file(path: Path) -> Document:
    """Read a PowerPoint report (.pptx, .pptm, .ppsx, .ppsm, .potx, .potm).

    The slides come in the presentation's order; hidden ones (``show="0"``) are left out,
    which is logged. A slide's title is a line marked as a heading, its paragraphs joined
    (a long title broken by Enter, 清河县教育局 over 2024年工作汇报); its other shapes follow
    from the top of the slide down, left to right at the same height (a group's shapes in
    the group's place), each paragraph of their text a line; a run of two or more short
    bullets of a text box joined on one line, parted by ；, led by the short line ending
    in a colon that introduces them (see :func:`_bullet_lines`), so that a slide of short
    bullets gives a paragraph, not headings; the stat cards of a slide make one line of facts
    (学科竞赛获奖：46项, see :func:`_card_lines`). A chart's title typed over it is a note; a
    section's name at the same place on a run of slides is read over each one's title. A
    table gives a row per line, its cells parted by tabs, as a .docx's does (see
    :func:`.docx.read_docx_file`); a SmartArt diagram's steps make one line, parted by ；,
    marked as a note, as in a .docx. The speaker notes follow their slide's text. The date,
    the footer and the slide number are furniture, not read; nor is the text of the layouts
    and masters (a logo's words on every slide). A blank line ends each shape and each
    slide, so that no paragraph runs on from one slide into the next.

    Parameters
    ----------
    path : pathlib.Path

    Returns
    -------
    Document
        With ``format="pptx"`` and no encoding. Its first line is the first slide's title,
        when the slide has one.

    Raises
    ------
    ReadError
        The file is no PowerPoint package (not a zip, no ``ppt/presentation.xml``), would
        inflate beyond reason, is encrypted, or its list of slides is damaged.
    """
    if path.stat().st_size == 0:
        # What Explorer's 新建 > PowerPoint 演示文稿 leaves until PowerPoint saves it.
        return Document(text="", source=str(path), format="pptx")
    check_package(path, MAIN_PART, ".pptx")
    try:
        with zipfile.ZipFile(path) as package:
            if any(member.flag_bits & _ZIP_ENCRYPTED for member in package.infolist()):
                raise ReadError(
                    f"{path}: the presentation is encrypted; remove the password and try again"
                )
            presentation = _Presentation(path, package)
            lines = list(presentation.lines())
    except (ReadError, OSError):
        raise
    except PART_DAMAGE as exc:
        raise ReadError(f"{path}: not a valid .pptx file ({exc}); {_RECOVER}") from exc
    # The slides that are furniture follow the text, set off from it, for the report to show.
    text, marks = tidy_marked([*lines, ("", None), *presentation.furniture])
    warnings = [f"{path}: {problem}" for problem in presentation.problems]
    if presentation.missing:
        warnings.insert(0, damaged_warning(path, presentation.missing, "PowerPoint"))
    for warning in warnings:
        logger.info(warning)
    if presentation.hidden:
        logger.info(
            "%s: %s left out (%s), as a show leaves them out",
            path, counted(len(presentation.hidden), "hidden slide"),
            ", ".join(f"slide {number}" for number in presentation.hidden),
        )
    return Document(
        source=str(path), format="pptx", warnings=tuple(warnings),
        headings=marks.get(HEADING, ()), table_rows=marks.get(TABLE_ROW, ()),
        notes=marks.get(NOTE, ()),
        **set_apart(text, marks.get(AGENDA_SLIDE, ()), AGENDA_SLIDE, also=[
            (*span, reason) for reason in (CLOSING_SLIDE, REPEATED_TEXT)
            for span in marks.get(reason, ())
        ]),
    )


#: Why the text of an agenda slide (目录) is set aside: its lines are the titles of the
#: slides after it, not the report's text.
AGENDA_SLIDE = "agenda slide: the presentation's 目录, the titles of the slides after it"
#: Why the text of a closing slide (谢谢, 敬请批评指导) is set aside.
CLOSING_SLIDE = "closing slide: the presentation's 谢谢 or 敬请批评指导, no report's text"
#: An agenda slide's heading, its title or the first line of its text.
_AGENDA = re.compile(r"目\s*录|contents?|目录\s*contents?|汇报提纲|提\s*纲", re.IGNORECASE)
#: The number of a part an agenda lists, past the outline's (see :func:`_listed`): 01, 2
#: (before a space), 第2部分.
_PART_NUMBER = re.compile(rf"\d{{1,2}}\s|0\d|第\s*[\d{CN_NUMERALS}]{{1,3}}\s*部分")
#: What a closing slide says: thanks, a request for advice (敬请批评指正); not a request
#: alone (恳请增加编制), which is a slide of the report's.
_THANKS = re.compile(
    r"谢\s*谢|感谢|致谢|thanks?\b|thank\s+you|批评指正|批评指导|指正", re.IGNORECASE
)
#: Why the text a text box repeats at the same place on most slides is set aside.
REPEATED_TEXT = (
    "repeated on the slides: a text box at the same place on most slides (the office's "
    "name, a logo's words)"
)
#: The fewest slides a text box must stand on, the same, to be taken for furniture.
_STAMPED_SLIDES = 3
#: A closing slide is short: its thanks, perhaps the office and the date.
_CLOSING_LINES = 4


#: A zip member's flag of encryption (a password set on the zip itself, as some tools do).
_ZIP_ENCRYPTED = 0x1


class _Presentation:
    """The slides of a presentation being read, and what was met on the way."""

    def __init__(self, path: Path, package: zipfile.ZipFile) -> None:
        self.path = path
        self.package = package
        self.names = set(package.namelist())
        self.parser = xml_parser()
        self.missing: list[str] = []  # parts named but not held
        self.problems: list[str] = []  # what else was left out, for the warnings
        self.hidden: list[int] = []  # the hidden slides, numbered from 1
        #: The lines of the slides that are furniture (an agenda, a closing slide), each
        #: marked with why.
        self.furniture: list[tuple[str, str | None]] = []
        # The placeholders of layouts and masters, by part: each read once.
        self.placed: dict[str, dict[Any, _Box]] = {}

    def lines(self) -> Iterator[tuple[str, str | None]]:
        """The lines of the slides in order, each with its mark, a blank line after each."""
        from lxml import etree

        root = etree.fromstring(self.package.read(MAIN_PART), self.parser)
        related = relationships(self.package, MAIN_PART)
        listed = root.find(f"{_P}sldIdLst")
        read: list[_Read] = []
        for number, entry in enumerate(listed if listed is not None else (), start=1):
            target = related.get(entry.get(_RELATIONSHIP_ID, ""))
            if target is None:
                self.problems.append(f"slide {number} is named but not linked, left out")
                continue
            what = f"slide {number}"
            slide = self._part(target[1], what)
            if slide is None:
                continue
            if slide.get("show") in ("0", "false"):
                self.hidden.append(number)
                continue
            try:
                # Read whole, so that a slide whose relationships are damaged gives no line.
                read.append(self._slide_lines(target[1], slide))
            except PART_DAMAGE as exc:
                self.problems.append(
                    f"{what} ({target[1]}) is damaged and left out ({exc}); {_RECOVER}"
                )
        # What stands at the same place on most slides, in a text box of each, is no
        # slide's text: the office's name or a logo's words that WPS users copy along.
        counted_stamps = Counter(stamp for _, _, stamps, _ in read for stamp in set(stamps))
        # A place whose text changes from slide to slide holds a section's name over the
        # slides of its section (一、学前教育, then 二、义务教育), the report's outline.
        texts_at = Counter(box for box, _ in counted_stamps)
        repeated = {
            stamp for stamp, count in counted_stamps.items()
            if count >= max(_STAMPED_SLIDES, len(read) / 2) and texts_at[stamp[0]] == 1
        }
        # Short text at the same place on a few slides, a run of them, no lower than their
        # titles, is a section's name (or a breadcrumb) over them; not over slides that all
        # bear one title (一、主要成绩), which is the section, the text beside it its parts'
        # names (（一）学前教育 on two, （二）义务教育 on the next two).
        titled: dict[tuple, set[str]] = {}
        for found, _, _, high in read:
            for stamp in high:
                if found and found[0][1] == HEADING:
                    titled.setdefault(stamp, set()).add(found[0][0])
        sections = {
            stamp for stamp, count in counted_stamps.items()
            if count > 1 and all(_is_bullet(line) for line in stamp[1])
            and len(titled.get(stamp, ())) > 1
        }
        texts = ["\n".join(line for line, _ in found) for found, _, _, _ in read]
        for at, (found, notes, stamps, high) in enumerate(read):
            for stamp in stamps:
                if stamp in repeated:
                    kept = _without(found, stamp[1])
                    # Not when its lines were read with the cards beside it.
                    if len(kept) < len(found):
                        found = kept
                        self.furniture += [(line, REPEATED_TEXT) for line in stamp[1]]
                elif stamp in sections and stamp in high and found and found[0][1] == HEADING:
                    # The section's name is read over the slide's title, which heads the
                    # slide's text, as 一、 heads （一）: under the title, the section's
                    # name had headed it instead.
                    rest = _without(found[1:], stamp[1])
                    if len(rest) < len(found) - 1:
                        found = [*((line, None) for line in stamp[1]), found[0], *rest]
            reason = _furniture(found, texts[:at] + texts[at + 1:])
            if reason is None:
                yield from found
            else:
                self.furniture += [(line, reason) for line, _ in found]
            # What the speaker says over an agenda or a closing slide is still said.
            yield from notes
            yield "", None

    def _part(self, name: str, what: str | None) -> Any | None:
        """The member ``name`` parsed, or None when it is missing or damaged: ``what`` it
        is, for the warning; None for a part that holds no text read (a layout), whose
        damage is only logged."""
        from lxml import etree

        if name not in self.names:
            if what is not None:
                self.missing.append(name)
            return None
        try:
            return etree.fromstring(self.package.read(name), self.parser)
        except PART_DAMAGE as exc:
            if what is None:
                logger.info("%s: %s is damaged: %s", self.path, name, exc)
            else:
                self.problems.append(f"{what} ({name}) is damaged and left out ({exc}); {_RECOVER}")
            return None

    def _slide_lines(
        self, name: str, slide: Any
    ) -> _Read:
        """The lines of the slide ``name``, those of its speaker notes, its stamps (the
        place and lines of each text box, no placeholder, of its own) and those of them that
        stand no lower than its title (their top above the title's middle, not a label
        under it whose top the title's box overlaps)."""
        related = relationships(self.package, name)
        by_kind = {kind: member for kind, member in related.values()}
        tree = slide.find(f"{_P}cSld/{_P}spTree")
        found, stamps, high = [], [], set()
        if tree is not None:
            places = self._places(by_kind.get("slideLayout"))
            found = list(_tree_lines(tree, places, related, self, titles=True))
            stamps = [
                (box, lines) for shape in tree.iterfind(_SHAPE)
                if _placeholder(shape) is None and (box := _box(shape)) is not None
                and (lines := _alone_lines(list(_levelled_lines(shape))))
            ]
            titles = [
                box for shape in tree.iterfind(_SHAPE)
                if (placeholder := _placeholder(shape)) is not None
                and placeholder.kind in _TITLES
                and (box := _box(shape) or _inherited(shape, places)) is not None
            ]
            high = {
                stamp for stamp in stamps for box in titles[:1]
                if stamp[0][1] < box[1] + box[3] / 2
            }
        notes = by_kind.get("notesSlide")
        page = self._part(notes, f"the notes of {name}") if notes else None
        tree = page.find(f"{_P}cSld/{_P}spTree") if page is not None else None
        if tree is None:
            return found, [], stamps, high
        notes_lines = list(_tree_lines(tree, [], relationships(self.package, notes), self))
        return found, notes_lines, stamps, high

    def _places(self, layout: str | None) -> list[dict[Any, _Box]]:
        """Where the placeholders of a slide's ``layout`` stand, and those of its master: a
        placeholder that gives no place of its own takes its layout's, which may take its
        master's (see :meth:`_placed`)."""
        if layout is None:
            return []
        try:
            related = relationships(self.package, layout)
        except PART_DAMAGE as exc:
            logger.info("%s: the relationships of %s are damaged: %s", self.path, layout, exc)
            related = {}
        masters = [member for kind, member in related.values() if kind == "slideMaster"]
        return [self._placed(name) for name in [layout, *masters[:1]]]

    def _placed(self, name: str) -> dict[Any, _Box]:
        """Where the placeholders of the layout or master ``name`` stand, by their index
        and by their type."""
        if name not in self.placed:
            self.placed[name] = {}
            part = self._part(name, None)
            tree = part.find(f"{_P}cSld/{_P}spTree") if part is not None else None
            for shape in tree.iter(_SHAPE) if tree is not None else ():
                placeholder, offset = _placeholder(shape), _box(shape)
                if placeholder is not None and offset is not None:
                    self.placed[name].setdefault(placeholder.kind, offset)
                    if placeholder.index is not None:
                        self.placed[name].setdefault(("idx", placeholder.index), offset)
        return self.placed[name]

    def diagram(self, member: str) -> str:
        """A SmartArt diagram's steps on one line, from its data part ``member``."""
        data = self._part(member, "a SmartArt diagram's text")
        return diagram_line(diagram_steps(data)) if data is not None else ""


def _without(
    lines: list[tuple[str, str | None]], stamp: tuple[str, ...]
) -> list[tuple[str, str | None]]:
    """``lines`` without the first run of lines that are those of ``stamp``."""
    texts = [line for line, _ in lines]
    for at in range(len(lines) - len(stamp) + 1):
        if tuple(texts[at:at + len(stamp)]) == stamp:
            return lines[:at] + lines[at + len(stamp):]
    return lines


def _furniture(lines: list[tuple[str, str | None]], others: list[str]) -> str | None:
    """Why the slide of ``lines`` is furniture, or None when it is not: an agenda, its
    title or first line 目录 (or CONTENTS, 汇报提纲) over short lines that end no sentence
    and count nothing (see :data:`_COUNTED`) but the titles the ``others`` slides' text
    holds (see :func:`_listed`), or fewer such lines than those titles; a closing slide,
    of a few short lines led by thanks or a request for advice (谢谢, 敬请批评指导). Neither
    holds a table or a sentence long enough to be a paragraph."""
    texts = [line.strip() for line, _ in lines if line.strip()]
    if not texts or any(
        mark == TABLE_ROW or (han_count(line) >= MIN_HAN_CHARS and _SENTENCE_END.search(line))
        for line, mark in lines
    ):
        return None
    items = [item for text in texts for item in text.split("；")]
    # An agenda lists the slides' titles: a slide titled 提纲 that states facts
    # (新建公办幼儿园5所。) is the report's, whatever its title; but a title that counts
    # (一、全年完成投资3.2亿元), read, had repeated the figures of the slide it names.
    if any(_AGENDA.fullmatch(text) for text in texts[:2]) and all(
        han_count(item) < MIN_HAN_CHARS and not _SENTENCE_END.search(item) for item in items
    ):
        listed = [_listed(item, others) for item in items]
        stated = sum(
            1 for item, found in zip(items, listed, strict=True)
            if _COUNTED.search(item) and not found
        )
        # A line that counts and is no other slide's text is a fact, unless the lines
        # that are other slides' titles outnumber such lines: a title reworded on its
        # slide (二、5项重点工作 over 二、重点工作) among them, the slide is still an agenda.
        if not stated or sum(listed) > stated:
            return AGENDA_SLIDE
    # Its thanks lead it, alone on their line: a slide that thanks someone among its
    # facts (感谢全县教师；表彰优秀教师86名) or ends its plans with 谢谢 is the report's.
    if len(texts) <= _CLOSING_LINES and any(
        all(_THANKS.search(item) for item in text.split("；")) for text in texts[:2]
    ) and all(han_count(text) < MIN_HAN_CHARS for text in texts):
        return CLOSING_SLIDE
    return None


def _listed(item: str, others: list[str]) -> bool:
    """Whether ``item``, a line of a slide titled 目录, stands on one of the ``others``
    slides (their text), without its number (一、, 1., 01, 第2部分): what it says is
    read there, set aside here with the agenda."""
    number = ANY_OUTLINE_MARKER.match(item) or (
        _PART_NUMBER.match(item) if _COUNTED.match(item) is None else None
    )
    name = item[number.end() if number else 0:].strip()
    return bool(name) and any(name in text for text in others)


def _tree_lines(
    tree: Any, places: list[dict[Any, _Box]], related: dict[str, tuple[str, str]],
    presentation: _Presentation, titles: bool = False,
) -> Iterator[tuple[str, str | None]]:
    """The lines of the shapes of a slide's or notes page's ``tree``: with ``titles``, the
    titles first, marked as headings; then the other shapes from the top down, a blank line
    after each."""
    shapes = list(_shapes(tree, places))
    if titles:
        for shape in shapes:
            placeholder = _placeholder(shape)
            if placeholder is not None and placeholder.kind in _TITLES:
                # A title too long for its line is broken by Enter as often as by
                # Shift+Enter: it is one title, one heading.
                yield "".join(line.strip() for line in _text_lines(shape)), HEADING
        yield "", None
    cards: list[_Card] = []  # the cards in a row, not read yet
    charts = _chart_boxes(tree)
    for shape in shapes:
        placeholder = _placeholder(shape)
        if placeholder is not None and (
            placeholder.kind in _FURNITURE or (titles and placeholder.kind in _TITLES)
        ):
            continue
        if shape.tag == _SHAPE and (placeholder is None or placeholder.kind != "subTitle"):
            levelled = list(_levelled_lines(shape))
            if _captions(shape, levelled, charts):
                # A chart's title typed over it heads no text: as a heading, it had
                # headed the text beside the chart, in the slide title's place.
                yield from _card_lines(cards)
                yield from ((line, NOTE) for _, line in levelled if line.strip())
                yield "", None
                continue
            if _card(levelled):
                cards.append((levelled, _box(shape)))
                continue
        yield from _card_lines(cards)
        if shape.tag == _SHAPE and placeholder is not None and placeholder.kind == "subTitle":
            # A title slide's subtitle, the office and the date under the title: lines
            # of their own, as a report's title page sets them.
            yield from ((line, None) for line in _text_lines(shape))
        elif shape.tag == _SHAPE:
            yield from _bullet_lines(levelled)
        else:
            yield from _frame_lines(shape, related, presentation)
        yield "", None
    yield from _card_lines(cards)


def _alone_lines(levelled: list[tuple[int, str]]) -> tuple[str, ...]:
    """The lines a shape of ``levelled`` lines gives, read alone, but blank ones."""
    read = _card_lines([(levelled, None)]) if _card(levelled) else _bullet_lines(levelled)
    return tuple(line for line, _ in read if line.strip())


def _chart_boxes(tree: Any) -> list[_Box]:
    """Where the charts of a slide's ``tree`` stand (not in a group, whose shapes are
    placed in its own frame)."""
    frames = [*tree.iterchildren(_FRAME), *tree.iterfind(f"{_ALTERNATE}/{_CHOICE}/{_FRAME}")]
    return [
        box for frame in frames
        if (data := frame.find(f"{_A}graphic/{_A}graphicData")) is not None
        and "chart" in data.get("uri", "") and (box := _box(frame)) is not None
    ]


def _captions(shape: Any, lines: list[tuple[int, str]], charts: list[_Box]) -> bool:
    """Whether ``shape``, of ``lines``, is a chart's title, caption or labels: a line or
    two, short, over one of the ``charts`` or just above or below it (see
    :data:`_CAPTION_GAP`); over it only, when they count something (see :data:`_COUNTED`)."""
    box = _box(shape)
    texts = [line.strip() for _, line in lines if line.strip()]
    if box is None or not texts or len(texts) > 2 or not all(map(_is_bullet, texts)):
        return False
    # By the chart, what counts (巩固率保持在99%以上) states a finding, which set apart as a
    # note had been lost with its figures; over it, the chart's labels (城区 95%) do.
    counts = any(_COUNTED.search(text) for text in texts)
    middle = box[0] + box[2] // 2
    return any(
        x <= middle <= x + width and (
            y <= box[1] + box[3] // 2 <= y + height if counts
            else box[1] < y + height + _CAPTION_GAP and box[1] + box[3] > y - _CAPTION_GAP
        )
        for x, y, width, height in charts
    )


#: How far above or below a chart its caption may stand: a centimetre, in EMU.
_CAPTION_GAP = 360000


def _card(lines: list[tuple[int, str]]) -> tuple[str, ...]:
    """The text of the shape of ``lines`` when it is a card of a slide's key figures, a
    few short bullets (学科竞赛获奖 and 46项, 新建幼儿园6所), no colon line nor an outline's
    item; else ()."""
    # A card typed on one line (学科竞赛获奖；46项) is read as one of two.
    texts = tuple(
        piece.strip() for _, line in lines for piece in line.split("；") if piece.strip()
    )
    if han_count("".join(texts)) >= MIN_HAN_CHARS or any(
        not _is_bullet(text) or text.endswith(_COLONS) or outline_level(text) is not None
        for text in texts
    ):
        return ()
    return texts


#: A card: the lines of its shape, and where the shape stands (None: where its layout says).
_Card = tuple[list[tuple[int, str]], _Box | None]


def _card_lines(cards: list[_Card]) -> Iterator[tuple[str, str | None]]:
    """The lines of ``cards``, shapes read one after another (see :func:`_card`), which it
    empties: their facts on one line, parted by ；, as a run of bullets is (see
    :func:`_bullet_lines`), each name with its figure (学科竞赛获奖：46项), in one card or
    in the nearer card beside it in the reading order (see :func:`_partners`). Alone, each
    card had been a heading, its figure alone (46项) a table's cell, and what it states
    filed under the next slide's topic. A name that has no figure beside it (核心指标 over
    the cards) stands as it stood, and parts the cards before it from those after; a
    year's label over cards or on their left leads each of their facts (see
    :func:`_year_over`); a name with two figures or more in its row is a table's row (see
    :func:`_table_rows`), a line marked as one, unless each figure stands under a year's
    label."""
    texts = [_card(lines) for lines, _ in cards]
    rows = _table_rows(cards, texts)
    partners = _partners(cards, texts, {at for row in rows for at in row})
    facts: list[str] = []
    tabled = False  # whether the last line read is a table's row
    for at, card in enumerate(texts):
        row = next((row for row in rows if at in row), None)
        if row is not None:
            years = [_year_over(cards, texts, cell) for cell in row[1:]]
            if at != min(row):
                continue
            if all(years) and len(set(years)) == len(years):
                # Each figure under its year's label (2023年, 2024年 over the columns):
                # that year's fact, 2023年毛入园率：92.1%, a baseline to the summary.
                facts.extend(
                    f"{year}{texts[row[0]][0]}：{texts[cell][0]}"
                    for year, cell in zip(years, row[1:], strict=True)
                )
            else:
                yield from _facts_line(facts)
                yield "\t".join(texts[cell][0] for cell in row), TABLE_ROW
                tabled = True
            continue
        if tabled:
            yield "", None
            tabled = False
        if at in partners.values():
            continue  # read with its figure
        named = _named_figure(card) or (
            _named_figure((*card, *texts[partners[at]])) if at in partners else ""
        )
        if named:
            facts.append(_year_over(cards, texts, at) + named)
        elif all(_COUNTED.search(text) for text in card) and not _aside(card):
            facts.extend(card)
        else:
            yield from _facts_line(facts)
            yield from _bullet_lines(cards[at][0])
            yield "", None
    yield from _facts_line(facts)
    cards.clear()


def _year_over(cards: list[_Card], texts: list[tuple[str, ...]], at: int) -> str:
    """The year alone on a card that heads the card ``at``: over it in its column (2023年
    over the cards of 2023's figures, 2024年 beside it over 2024's) or on its left in its
    row, the nearest such; "" when none. Read without it, a fact of 2023 (毛入园率：92.1%)
    had been the report's year's."""
    box = cards[at][1]
    if box is None:
        return ""
    heads = [
        (_distance(label, box), texts[other][0])
        for other, ((_, label), card) in enumerate(zip(cards, texts, strict=True))
        if len(card) == 1 and _YEAR_LABEL.fullmatch(card[0]) and label is not None and (
            (_same_row(label, box, 0) and label[1] + label[3] / 2 < box[1])
            or (_same_row(label, box) and label[0] + label[2] / 2 < box[0])
        )
    ]
    return min(heads)[1] if heads else ""


#: A year alone (2023年, 2024年度; 上年, 本年), a label heading the cards of its figures.
_YEAR_LABEL = re.compile(r"(?:(?:19|20)\d\d\s*|[上去今本]\s*)年度?")


def _table_rows(cards: list[_Card], texts: list[tuple[str, ...]]) -> list[list[int]]:
    """The rows of a table typed in text boxes among ``cards``, each the places in
    ``cards`` of its cells, its name first, as a table's first column, then its figures
    left to right: a name alone with two or more figures alone in its row, nearer it than
    any other name, and no other name in the row (学前三年毛入园率 | 92.1% | 94.8%, two
    years side by side, or a year's figure either side of it). Read as a card, the name
    had been the first figure's, 2023's rate filed as that of a report on 2024; under
    years' labels, each of its figures is read as that year's fact (see :func:`_card_lines`)."""
    figures, names = _singles(cards, texts)
    rows = []
    # Not an arrow between two figures (1800个 → 2100个), no name in words.
    for name in (at for at in names if han_count(texts[at][0])):
        # Not a label beside a row of cards whose names stand under their figures.
        row = [
            at for at in figures
            if _same_row(cards[name][1], cards[at][1]) and _nearest(cards, at, names) == name
        ]
        if len(row) > 1 and not any(
            _same_row(cards[name][1], cards[other][1]) for other in names if other != name
        ):
            rows.append([name, *sorted(row, key=lambda at: cards[at][1][0])])
    return rows


def _same_row(one: _Box | None, other: _Box | None, axis: int = 1) -> bool:
    """Whether two shapes stand in one row (``axis`` 1; 0: in one column), the middle of
    either within the other's height (width); shapes of no place of their own stand in
    none."""
    if one is None or other is None:
        return False
    return (
        one[axis] <= other[axis] + other[axis + 2] / 2 <= one[axis] + one[axis + 2]
        or other[axis] <= one[axis] + one[axis + 2] / 2 <= other[axis] + other[axis + 2]
    )


def _singles(cards: list[_Card], texts: list[tuple[str, ...]]) -> tuple[list[int], list[int]]:
    """The places in ``texts`` of the cards of a figure alone (46项) and of those of a
    name alone, no figure in it; not a photo's caption (图为新建的城关小学), which names no
    figure beside it (see :data:`._common.CAPTION_CLAUSE`), nor a column's name over two
    figures or more of a table (学生数 over 1200人 and 980人, the counts of two schools,
    not of the report's)."""
    figures = [at for at, card in enumerate(texts) if len(card) == 1 and _is_figure(card[0])]
    names = [
        at for at, card in enumerate(texts)
        if len(card) == 1 and not _FIGURE.search(card[0]) and not CAPTION_CLAUSE.search(card[0])
    ]
    return figures, [at for at in names if not _heads_column(cards, at, figures)]


def _heads_column(cards: list[_Card], name: int, figures: list[int]) -> bool:
    """Whether the card ``name`` stands over a column of two figures or more, one under
    the other with no name between them: a table's column, where stat cards put a name
    over each figure (幼儿园 over 86所, 在校生 over 6.9万人)."""
    box = cards[name][1]
    if box is None:
        return False
    under = sorted(
        (at for at, (_, other) in enumerate(cards)
         if other is not None and other[1] >= box[1] + box[3] / 2 and _same_row(box, other, 0)),
        key=lambda at: cards[at][1][1],
    )
    stacked = next((count for count, at in enumerate(under) if at not in figures), len(under))
    return stacked > 1


def _partners(
    cards: list[_Card], texts: list[tuple[str, ...]], tabled: set[int]
) -> dict[int, int]:
    """The name card read with each card of a figure alone (46项), by their places in
    ``cards``: the name alone that stands nearest it, when no other figure alone stands
    nearer that name (shapes of no place of their own: the nearest in the reading order).
    A figure over its name and a name over its figure are read alike; a heading over a row
    of them (核心指标) is not taken for the first figure's name, nor the name under a figure
    for the figure beside it that has none (12所 beside 46项 over 竞赛获奖), which reading
    order puts between them; nor a photo's caption (see :func:`_singles`), nor a name
    farther off than :data:`_CARD_GAP`, nor the cells of a table's row (``tabled``)."""
    figures, names = (
        [at for at in found if at not in tabled] for found in _singles(cards, texts)
    )
    return {
        at: name for at in figures
        if names and _nearest(cards, name := _nearest(cards, at, names), figures) == at
        and _apart(cards[at][1], cards[name][1]) <= _CARD_GAP
    }


def _nearest(cards: list[_Card], at: int, others: list[int]) -> int:
    """Which of the ``others`` cards stands nearest the card ``at`` (see :func:`_distance`),
    or, as near, nearest it in the reading order."""
    return min(others, key=lambda other: (
        _distance(cards[at][1], cards[other][1]), abs(other - at),
    ))


#: How far a stat card's figure stands from its name at most: 2 cm, in EMU. A name farther
#: off is another shape's (the office's name at the foot of the slide, 松林县教育局：99.8%).
_CARD_GAP = 720000


def _apart(one: _Box | None, other: _Box | None) -> float:
    """How far apart two shapes stand, edge to edge (0 when they touch or overlap); shapes
    of no place of their own are taken to touch."""
    if one is None or other is None:
        return 0
    return max(
        other[0] - one[0] - one[2], one[0] - other[0] - other[2],
        other[1] - one[1] - one[3], one[1] - other[1] - other[3], 0,
    )


def _distance(one: _Box | None, other: _Box | None) -> float:
    """How far apart the middles of two shapes stand; a shape of no place of its own is
    farthest."""
    if one is None or other is None:
        return float("inf")
    return float(
        abs(one[0] + one[2] / 2 - other[0] - other[2] / 2)
        + abs(one[1] + one[3] / 2 - other[1] - other[3] / 2)
    )


def _is_figure(text: str) -> bool:
    """Whether ``text`` is a figure alone that counts something: 46项, 98.7%, not 2024年."""
    return _BARE_FIGURE.fullmatch(text) is not None and _COUNTED.search(text) is not None


def _named_figure(texts: tuple[str, ...]) -> str:
    """A name and a figure alone, in either order (46项 over 学科竞赛获奖), as one fact:
    学科竞赛获奖：46项, whose figure the summary files by its name; else ""."""
    if len(texts) != 2:
        return ""
    name, figure = sorted(texts, key=_is_figure)
    if _FIGURE.search(name) or not _is_figure(figure):
        return ""
    return f"{name}：{figure}"


def _facts_line(facts: list[str]) -> Iterator[tuple[str, str | None]]:
    """``facts`` on one line, parted by ；, a note when it is long enough to be a paragraph
    (see :func:`_bullet_lines`); ``facts`` emptied."""
    if facts:
        line = diagram_line(facts)
        yield line, NOTE if len(facts) > 1 and han_count(line) >= MIN_HAN_CHARS else None
        yield "", None
    facts.clear()


def _shapes(group: Any, places: list[dict[Any, _Box]]) -> Iterator[Any]:
    """The shapes and frames of ``group`` (a slide's tree, a group) that may hold text, in
    reading order (see :func:`_in_reading_order`); a group's shapes in the group's place,
    in their reading order within it."""
    children = []
    for child in group.iterchildren():
        # A shape newer PowerPoint draws otherwise comes with its older form; the newer is read.
        if child.tag == _ALTERNATE:
            choice = child.find(_CHOICE)
            children.extend(choice.iterchildren() if choice is not None else ())
        else:
            children.append(child)
    placed = [
        (_box(child) or _inherited(child, places) or _ORIGIN, at, child)
        for at, child in enumerate(children) if _may_hold_text(child)
    ]
    for (_, _, child) in _in_reading_order(placed):
        if child.tag == _GROUP:
            yield from _shapes(child, [])
        else:
            yield child


def _may_hold_text(child: Any) -> bool:
    """Whether ``child`` of a slide's tree may hold text: a shape or group with some, a
    table, a SmartArt diagram; not a picture, a chart, a bare rectangle or line, which
    would only stand in the way of the columns of text around them."""
    if child.tag in (_SHAPE, _GROUP):
        return any(text.text for text in child.iter(f"{_A}t"))
    return child.tag == _FRAME and (
        next(child.iter(f"{_A}tbl"), None) is not None
        or next(child.iter(f"{{{_DIAGRAM}}}relIds"), None) is not None
    )


_Placed = tuple[_Box, int, Any]  # a shape, where it stands, its place in the tree


def _in_reading_order(placed: list[_Placed]) -> list[_Placed]:
    """The shapes ``placed`` in the order they are read: in bands parted by a gap across
    the slide, top down; the shapes of a band left to right, in columns parted by a gap
    down it. Bands of columns alike (a heading over each column, the columns' text in the
    band below) are read column by column, so that each heading stays over its own
    column's text, not its neighbour's; a column of labels or numbers, narrower than the
    text beside it, is read across, each with its text. Shapes no gap parts are read top
    down, then left to right."""
    if len(placed) <= 1:
        return placed
    bands = _cut(placed, 1)
    if len(bands) == 1:
        columns = _cut(placed, 0)
        if len(columns) == 1:
            return sorted(placed, key=lambda item: (item[0][1], item[0][0], item[1]))
        return [item for column in columns for item in _in_reading_order(column)]
    ordered: list[_Placed] = []
    first = 0
    while first < len(bands):
        last, gutter = first, _gutter(bands[first])
        while gutter is not None and last + 1 < len(bands):
            shared = _shared(gutter, _gutter(bands[last + 1]))
            if shared is None:
                break
            last, gutter = last + 1, shared
        if gutter is None or last == first:
            ordered += _in_reading_order(bands[first])
        else:
            joined = [item for band in bands[first:last + 1] for item in band]
            left = [item for item in joined if item[0][0] + item[0][2] <= gutter[0]]
            right = [item for item in joined if item[0][0] + item[0][2] > gutter[0]]
            ordered += _in_reading_order(left) + _in_reading_order(right)
        first = last + 1
    return ordered


def _cut(placed: list[_Placed], axis: int) -> list[list[_Placed]]:
    """``placed`` in the groups a gap parts along ``axis`` (0 across, 1 down), in order."""
    groups: list[list[_Placed]] = []
    reach = 0
    for item in sorted(placed, key=lambda item: (item[0][axis], item[1])):
        start, end = item[0][axis], item[0][axis] + item[0][axis + 2]
        if not groups or start >= reach:
            groups.append([])
            reach = end
        groups[-1].append(item)
        reach = max(reach, end)
    return groups


def _gutter(band: list[_Placed]) -> tuple[int, int] | None:
    """The gap between the first two columns of ``band``, when they are alike enough in
    width to be columns of text (see :data:`_COLUMN_SHARE`); None otherwise."""
    columns = _cut(band, 0)
    if len(columns) < 2:
        return None
    (left, left_end), (right, right_end) = (
        (min(box[0] for box, _, _ in column), max(box[0] + box[2] for box, _, _ in column))
        for column in columns[:2]
    )
    narrow, wide = sorted((left_end - left, right_end - right))
    if not wide or narrow < _COLUMN_SHARE * wide:
        return None
    # A short name without figures beside figures (新建幼儿园 | 6所) is a row of a grid of
    # names and their figures, read across as a table's row is, whatever their widths.
    label, value = ("\n".join(_shape_text(item) for item in column) for column in columns[:2])
    if _is_bullet(label) and not _FIGURE.search(label) and _FIGURE.search(value):
        return None
    return left_end, right


def _shape_text(item: _Placed) -> str:
    """The text of the shape ``item``, its paragraphs a line each."""
    return "\n".join(
        "".join(text.text or "" for text in paragraph.iter(f"{_A}t"))
        for paragraph in item[2].iter(f"{_A}p")
    ).strip()


def _shared(gutter: tuple[int, int], other: tuple[int, int] | None) -> tuple[int, int] | None:
    """The part of two gutters both bands leave open, if any."""
    if other is None or max(gutter[0], other[0]) > min(gutter[1], other[1]):
        return None
    return max(gutter[0], other[0]), min(gutter[1], other[1])


def _box(shape: Any) -> _Box | None:
    """Where ``shape`` stands and its size, in EMU, by its own transform; None when it has
    none (a size it does not give is nought)."""
    transform = shape.find(f"./*/{_A}xfrm")
    if transform is None:
        transform = shape.find(f"{_P}xfrm")  # a frame's
    offset = transform.find(f"{_A}off") if transform is not None else None
    if offset is None:
        return None
    extent = transform.find(f"{_A}ext")
    extent = offset if extent is None else extent  # no cx, cy: nought
    try:
        return (
            int(offset.get("x", "0")), int(offset.get("y", "0")),
            max(int(extent.get("cx", "0")), 0), max(int(extent.get("cy", "0")), 0),
        )
    except ValueError:
        return None


def _inherited(shape: Any, places: list[dict[Any, _Box]]) -> _Box | None:
    """Where the placeholder ``shape`` stands by its layout's placeholder of its index, or
    of its type, or its master's of its type."""
    placeholder = _placeholder(shape)
    if placeholder is None:
        return None
    kind = "title" if placeholder.kind == "ctrTitle" else placeholder.kind
    for place in places:
        keys = [("idx", placeholder.index), kind, placeholder.kind]
        # A master has one placeholder of the body, which the layouts' bodies and objects
        # take their place from.
        keys += ["body"] if kind in ("obj", "subTitle") else []
        found = next((place[key] for key in keys if key in place), None)
        if found is not None:
            return found
    return None


def _placeholder(shape: Any) -> _Placeholder | None:
    found = shape.find(f"./*/{_P}nvPr/{_P}ph")
    if found is None:
        return None
    return _Placeholder(found.get("type", "obj"), found.get("idx"))


def _text_lines(shape: Any) -> Iterator[str]:
    """The lines of a shape's or a table cell's text: a paragraph each."""
    for _, line in _levelled_lines(shape):
        yield line


def _levelled_lines(shape: Any) -> Iterator[tuple[int, str]]:
    """The lines of a shape's text, a paragraph each, with its level of indent (0 the top
    level of a list, 1 its sub-items …), and the number PowerPoint draws before it
    (``a:buAutoNum``: 1., 一、, (1)), as a .docx's list numbers are read."""
    body = shape.find(f"{_P}txBody")
    body = shape.find(f"{_A}txBody") if body is None else body
    counts: dict[int, tuple[str, int]] = {}  # the scheme and last number of each level
    for paragraph in body.iterfind(f"{_A}p") if body is not None else ():
        properties = paragraph.find(f"{_A}pPr")
        level = int_or(properties.get("lvl") if properties is not None else None, 0)
        text = _paragraph_text(paragraph)
        if not text.strip():
            yield level, text
            continue
        # A paragraph ends the numbering of the levels below it, and, unnumbered, its own.
        for deeper in [at for at in counts if at > level]:
            del counts[deeper]
        numbering = properties.find(f"{_A}buAutoNum") if properties is not None else None
        if numbering is None:
            counts.pop(level, None)
            yield level, text
            continue
        scheme = numbering.get("type", "arabicPeriod")
        last = counts.get(level)
        number = last[1] + 1 if last and last[0] == scheme else int_or(numbering.get("startAt"), 1)
        counts[level] = (scheme, number)
        if outline_level(text.lstrip()) in _TYPED_NUMBERS:
            # Numbered by hand too (1. typed in a paragraph PowerPoint numbers 1.): the
            # drawn number is counted, but read once, as typed, not 1.1.
            yield level, text
            continue
        yield level, _drawn_number(scheme, number) + text.lstrip()


#: The outline levels of a number typed at a paragraph's start (一、, （一）, 1., (1)), not
#: 一是, which enumerates inside a sentence.
_TYPED_NUMBERS = range(len(OUTLINE_MARKERS) - 1)


#: The number formats of ``a:buAutoNum``'s schemes, by the start of their name, as Word
#: names them; the rest (Hindi, Thai …) are drawn in figures.
_SCHEMES = (
    ("alphaLc", "lowerLetter"), ("alphaUc", "upperLetter"), ("romanLc", "lowerRoman"),
    ("romanUc", "upperRoman"), ("arabicDb", "decimalFullWidth"), ("circleNum",
    "decimalEnclosedCircle"), ("ea1JpnChsDb", "decimalFullWidth"), ("ea1", "chineseCounting"),
    ("arabic", "decimal"),
)
#: How a scheme sets its number, by the end of its name: in brackets, after one, with a
#: stop; a Chinese numeral's stop is 、, as in 一、学前教育.
_MARKS = (("ParenBoth", "({})"), ("ParenR", "{})"), ("Period", "{}."), ("Minus", "{}-"))


def _drawn_number(scheme: str, number: int) -> str:
    """The number ``number`` as the ``a:buAutoNum`` ``scheme`` (arabicPeriod,
    ea1ChsPeriod …) draws it: 3., 三、, (3)."""
    found = next((format for start, format in _SCHEMES if scheme.startswith(start)), "decimal")
    mark = next((mark for end, mark in _MARKS if scheme.endswith(end)), "{}")
    if found == "chineseCounting" and mark == "{}.":
        mark = "{}、"
    elif found == "decimalFullWidth" and mark == "{}.":
        mark = "{}．"
    drawn = mark.format(formatted(number, found))
    # A number that ends in a figure or a character (arabicPlain, ea1ChsPlain) is set off
    # from its text by the space PowerPoint draws, as Word's is (see .docx): else 1 before
    # 2024年 would read 12024年.
    return drawn + " " if drawn[-1].isalnum() else drawn


def _bullet_lines(lines: list[tuple[int, str]]) -> Iterator[tuple[str, str | None]]:
    """A text shape's ``lines``, each with its level, a run of two or more short bullets
    of one level (新建公办幼儿园12所, 学前三年毛入园率达92.3%) joined on one line as a
    SmartArt diagram's steps are, parted by ；, led by the short line ending in a colon that
    introduces them (主要做法：), if any; so is a run of short bullets that each end a
    sentence (新建公办幼儿园12所。), without the ；. Each bullet alone would be a heading,
    which is not labelled: a slide of them would give the summary nothing. A joined line
    long enough to be a paragraph stands alone, marked as a note, so that the segmenter
    neither runs it on nor runs another line on to it; a shorter one stays a heading, whose
    figures the summary still files. Sentences, long lines, dates and blank lines stay
    lines of their own and end a run; so does a change of level (not a detail under a
    bullet of figures: see :func:`_details_raised`), and a bullet that heads the items
    below it (those indented under it, or, numbered as a section is, （一）学前教育, those of
    its level that are not) stands alone, a heading, not glued to the run of the section
    above it. A bullet of figures or a short sentence that ends the shape alone, after a
    run or a sentence of its level, joins it (see :func:`_joins_last`): it heads nothing in
    its shape, and as a heading its figures went to the text after it, the next slide's."""
    run: list[str] = []  # the bullets of the run, its colon line first if it has one
    level = 0  # the level of the run's bullets
    lines = _details_raised(lines)
    read: list[tuple[str, str | None]] = []
    # Whether the last line read may take a last bullet after it: a joined run, a sentence.
    takes = False
    taker_level = 0

    def flush() -> None:
        nonlocal takes, taker_level
        if len(run) == 1:
            read.append((run[0], None))
            takes = False
        elif run:
            lead = run[0] if run[0].endswith(_COLONS) else ""
            line = lead + diagram_line(run[1:] if lead else run)
            read.append((line, NOTE if han_count(line) >= MIN_HAN_CHARS else None))
            takes, taker_level = True, level
        run.clear()

    for at, (indent, line) in enumerate(lines):
        text = line.strip()
        stopped = _is_stopped_bullet(text)
        if not (_is_bullet(text) or stopped):
            flush()
            read.append((line, None))
            takes, taker_level = bool(_SENTENCE_END.search(text)), indent
            continue
        led = len(run) == 1 and run[0].endswith(_COLONS)
        # A bullet that ends a sentence joins only bullets that do: a short sentence
        # among unended bullets stands alone, as it stood.
        mixed = bool(run) and not led and stopped != _is_stopped_bullet(run[-1])
        if text.endswith(_COLONS) or (run and not led and (
            indent != level or outline_level(text) != outline_level(run[-1]) or mixed
        )) or (led and indent < level):
            flush()
        # A numbered bullet after its siblings is an item of their list, not a heading.
        listed = bool(run) and outline_level(text) is not None and not led
        if not text.endswith(_COLONS) and not listed and _heads(text, indent, lines[at + 1:at + 2]):
            flush()
            read.append((line, None))
            takes = False
            continue
        run.append(text)
        level = indent
    if _joins_last(run, level, read, takes, taker_level):
        line = diagram_line([read.pop()[0], run.pop()])
        read.append((line, NOTE if han_count(line) >= MIN_HAN_CHARS else None))
    flush()
    yield from read


def _joins_last(
    run: list[str], level: int, read: list[tuple[str, str | None]], takes: bool,
    taker_level: int,
) -> bool:
    """Whether the ``run`` that ends a shape, of ``level``, is one bullet of figures or a
    short sentence, unnumbered, that joins the last line ``read`` before it: a joined run
    or a sentence that ``takes`` it, of its level (``taker_level``)."""
    return (
        len(run) == 1 and bool(read) and takes and taker_level == level
        and not run[0].endswith(_COLONS) and outline_level(run[0]) is None
        and (_COUNTED.search(run[0]) is not None or _is_stopped_bullet(run[0]))
        and not _aside((run[0],))
    )


def _aside(texts: tuple[str, ...]) -> bool:
    """Whether ``texts`` hold a note (注：含校长培训210人次) or a photo's caption
    (图为投资1.2亿元的城东学校): though it counts something, it joins no sentence nor facts
    beside it, whose figures it would repeat or whose topic it would blur, and is read
    alone, as the segmenter sets it apart. Only a caption that says it is one (图为…): a
    fact that counts people doing something (教师参加培训3200人次) is no caption."""
    return any(NOTE_LINE.match(text) or PICTURE_CAPTION.match(text) for text in texts)


def _details_raised(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """``lines``, the short bullets indented under an unnumbered bullet of figures taken
    at its level: 其中城区3所 under 新建幼儿园5所 is a detail of that fact, in the run of
    the slide's facts, and the fact no heading of it."""
    raised, figures_at = [], None  # the level of the bullet of figures above, if any
    for indent, line in lines:
        text = line.strip()
        if figures_at is not None and indent > figures_at and _is_bullet(text):
            indent = figures_at
        elif _is_bullet(text) and outline_level(text) is None and _FIGURE.search(text):
            figures_at = indent
        else:
            figures_at = None
        raised.append((indent, line))
    return raised


def _heads(text: str, level: int, following: list[tuple[int, str]]) -> bool:
    """Whether the bullet ``text`` of ``level`` heads the line ``following`` it (if any):
    that line is indented under it, or a bullet of its level (no colon line, which leads
    a run of its own) where ``text`` is numbered as an outline's item (（一）) and it is
    not, or is numbered as an item of a lower level (1.)."""
    if not following or not following[0][1].strip():
        return False
    indent, after = following[0][0], following[0][1].strip()
    marker, below = outline_level(text), outline_level(after)
    return indent > level or (
        indent == level and marker is not None and (below is None or below > marker)
        and _is_bullet(after) and not after.endswith(_COLONS)
    )


def _is_bullet(text: str) -> bool:
    """Whether ``text``, a line of a shape, is a short bullet: too short to be a paragraph
    (under :data:`~edusummary.topics.MIN_HAN_CHARS` Chinese characters, the segmenter's
    measure: a longer one is labelled on its own, its topic its own), ending no sentence,
    and no date. A line a manual break parts after a sentence is two, none a bullet."""
    return (
        bool(text)
        and "\n" not in text
        and han_count(text) < MIN_HAN_CHARS
        and not _SENTENCE_END.search(text)
        and not _MONTH_LINE.fullmatch(text)
    )


def _is_stopped_bullet(text: str) -> bool:
    """Whether ``text``, a line of a shape, is a short bullet that ends a sentence
    (新建公办幼儿园5所。): a bullet but for its stop."""
    return _SENTENCE_END.search(text) is not None and _is_bullet(_SENTENCE_END.sub("", text))


#: What ends a sentence, perhaps inside a closing quote or bracket.
_SENTENCE_END = re.compile(r"[。！？!?…][”’」』）)】]*$")
_MONTH_LINE = re.compile(MONTH_LINE)
#: A figure: a number in digits.
_FIGURE = re.compile(r"\d")
#: A figure alone, with its unit: 46项, 93.6%, 3200人次, 1.2万元, 95%以上.
_BARE_FIGURE = re.compile(r"[+＋]?\d[\d.,，]*\s*[%％‰]?[\u4e00-\u9fff]{0,4}[+＋]?")
#: A figure that counts something (46项, 93%, 1500个), which the titles an agenda lists
#: do not hold: its items' numbers (01, 第1部分) and years (2025年打算) count nothing.
_COUNTED = re.compile(
    r"(?<![\d.第])\d[\d.]*\s*(?:[%％‰]|[个所名人项次场万亿元台间册套家座门户亩]|平方米)"
)
#: What ends the line that introduces a list of bullets (主要做法：).
_COLONS = ("：", ":")


def _paragraph_text(paragraph: Any) -> str:
    """The text of a DrawingML paragraph: its runs and fields (a date typed in the text)
    but the slide's number, a manual line break after a sentence's end keeping its line,
    one inside a sentence layout only, as in Word."""
    text = []
    numbered = False
    for child in paragraph.iterchildren(f"{_A}r", f"{_A}fld", f"{_A}br"):
        if child.tag == f"{_A}fld" and child.get("type") == "slidenum":
            # The slide's number PowerPoint draws, in a text box of its own as often as in
            # the placeholder for it: furniture either way.
            numbered = True
            continue
        text.append("\n" if child.tag == f"{_A}br" else child.findtext(f"{_A}t") or "")
    if numbered and _PAGE_WORDS.fullmatch("".join(text)):
        # The words around the number (第 页, / 12, Page) are furniture with it.
        return ""
    return SOFT_BREAK.sub("", "".join(text))


#: What stands around a slide's number on its line: 第 页, 共12页, / 12, Page, - -.
_PAGE_WORDS = re.compile(r"(?:[\s第页共总/／\-–—|.·:：\d]|page|of)*", re.IGNORECASE)


def _frame_lines(
    frame: Any, related: dict[str, tuple[str, str]], presentation: _Presentation
) -> Iterator[tuple[str, str | None]]:
    """The lines of a graphic frame: a table's rows, a SmartArt diagram's steps; a chart
    or a picture gives none."""
    data = frame.find(f"{_A}graphic/{_A}graphicData")
    if data is None:
        return
    table = data.find(f"{_A}tbl")
    if table is not None:
        yield from _table_lines(table)
    for ids in data.iter(f"{{{_DIAGRAM}}}relIds"):
        target = related.get(ids.get(DIAGRAM_DATA_ID, ""))
        if target is None or target[0] != "diagramData":
            presentation.problems.append("a SmartArt diagram whose text is missing is left out")
            continue
        line = presentation.diagram(target[1])
        if line:
            # Never a heading of the text below it (its last step had headed it), as in
            # a .docx.
            yield line, NOTE


def _table_lines(table: Any) -> Iterator[tuple[str, str | None]]:
    """A slide's table, a row per line, as :func:`.docx._table_lines` reads a .docx's: a
    short cell merged down over rows repeated in each, a cell merged into the one on its
    left an empty field."""
    rows = table.findall(f"{_A}tr")
    merged: dict[int, str] = {}  # the text of the cell merged down from above, by column
    for row in rows:
        cells: list[list[str]] = []
        marked: list[tuple[str, str | None]] = []
        repeated: dict[int, str] = {}
        for column, cell in enumerate(row.iterfind(f"{_A}tc")):
            if cell.get("vMerge") in ("1", "true"):
                repeated[column] = merged.get(column, "")
                cells.append([])
                continue
            # A cell a cell on its left spans is an empty field, as a .docx's spanned column.
            spanned = cell.get("hMerge") in ("1", "true")
            lines = [] if spanned else [line for line in _text_lines(cell) if line.strip()]
            marked.extend((line, None) for line in lines)
            text = " ".join(lines)
            if _spans_rows(cell) and text and not is_prose_cell(text):
                merged[column] = text
            else:
                merged.pop(column, None)
            cells.append(lines)
        yield from row_lines(cells, marked, repeated, len(rows) == 1)


def _spans_rows(cell: Any) -> bool:
    try:
        return int(cell.get("rowSpan", "1")) > 1
    except ValueError:
        return False
