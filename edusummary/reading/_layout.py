"""The layout of paged reports (PDF, OFD): from the runs of text placed on each page to
the report's lines.

A reader hands over where each run of text stands on a page (:class:`Run`); from them
:func:`runs_text` reads the page's lines: row by row in reading order, a page in two
columns column by column, a table's row a line of cells. :func:`lay_out` then works across
the pages: it takes out the running headers and footers and the page numbers, sets the
footnotes aside, and joins the lines the layout broke. Nothing here knows the format the
runs came from, so that a report reads alike whichever of them it was published in.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from .._chinese import CJK, HAN, INKED_CJK, display_width, han_count, is_content
from ._common import (
    EDGE_BLANKS,
    FURNITURE,
    NOTE,
    TABLE_CELL_SEPARATOR,
    Document,
    set_apart,
    tidy_marked,
)

#: Lines that are only a page number: 3, - 3 -, 第3页, 第 3 页 共 10 页, 3/10, Page 3 of 10.
_PAGE_NUMBER = re.compile(
    r"[-—–－\s]*\d{1,4}[-—–－\s]*"
    r"|第\s*\d{1,4}\s*页\s*[,，/]?\s*(共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*[,，/]?\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|page\s*\d{1,4}(\s*of\s*\d{1,4})?",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
#: Prose has no spaces between Chinese characters; a table row has them between its cells.
#: Compiled on first use, as a class of Chinese ranges is slow to compile.
_CELL_GAP = rf"[{CJK}]\s+[{CJK}]"

#: A line whose width is within this many columns of the text width is full: the layout,
#: not the author, ended it. Three Chinese characters: a paragraph's first line is indented
#: by two, and line breaking rules move punctuation by one.
_FULL_LINE_SLACK = 6
#: The text width is taken as this quantile of the line widths, so that a few overlong
#: lines (table rows, URLs) do not set it: in a report most lines are full.
_TEXT_WIDTH_QUANTILE = 0.75


def runs_text(runs: list[Run]) -> tuple[str, dict[int, float]]:
    """The text of a page read from where its ``runs`` stand: row by row, top down, and a
    page set in two columns (see :func:`_columns`) column by column, a table's row a line
    of its cells parted by tabs (see :func:`_table_rows`). A line set in from the body
    text's left edge opens with a blank, as does one set apart below a sentence's end. A
    run drawn again over itself (see :func:`_overprinted`) is read once.

    Also the size (the em of its largest run) of each of the text's lines by its number
    from 0: a title set larger than the header repeating its words is no header. None on a
    page in two columns."""
    runs = _overprinted(runs)
    columns = _columns(runs)
    if columns is not None:
        return _column_text(runs, *columns), {}
    # Word and WPS place each line by itself, a first line's indent included, and pypdf
    # then shows no blank for it. A line set in from the page's left text edge opens
    # something: a paragraph, a heading, a centred title, a signature set right; so does
    # one set well below a sentence's end (抄送：… at the foot of the last page). The edge
    # is the body text's: a title set large may stand out left of it.
    em = sorted(run.em for run in runs)[len(runs) // 2]
    edge = min(run.x0 for run in runs if math.isclose(run.em, em, rel_tol=0.1))
    lines: list[str] = []
    sizes: dict[int, float] = {}
    above = None
    for rows, cells in _table_rows(_reading_order(runs)):
        sizes[len(lines)] = max(run.em for row in rows for run in row)
        row = rows[0]
        line = _line(row, edge) if cells is None else TABLE_CELL_SEPARATOR.join(cells)
        if (
            cells is None
            and above is not None
            and above[0].y - row[0].y > _APART_EMS * row[0].em
            and _ENDS_PARAGRAPH.search(lines[-1])
        ):
            line = " " + line.lstrip(" ")
        lines.append(line)
        above = rows[-1]
    return "\n".join(lines), sizes


def table_rows(runs: list[Run]) -> list[tuple[list[Run], list[str]]]:
    """The rows of the tables a page's ``runs`` are set in, as :func:`runs_text` reads
    them (see :func:`_table_rows`): each with the runs it is made of and its cells. None on
    a page in two columns, whose rows side by side are no table's."""
    if _columns(runs) is not None:
        return []
    return [
        ([run for row in rows for run in row], cells)
        for rows, cells in _table_rows(_reading_order(runs))
        if cells is not None
    ]


#: How near, in ems and on either axis, a run repeating another's text stands to it to be
#: drawn over it: a producer's bold for a font without one draws the text again 0.1 to
#: 0.3 mm aside (pdftotext takes a tenth of an em across, a fifth up). A character a
#: run per character stands half an em from the next at least.
_OVERPRINT_EMS = 1 / 6
#: The height, in points, of the bands of baselines :func:`_overprinted` looks in.
_OVERPRINT_BAND = 8.0


def _overprinted(runs: list[Run]) -> list[Run]:
    """``runs`` without those that repeat the text of one drawn before them, of its size,
    within :data:`_OVERPRINT_EMS` of where it stands: overprinted to look bold, a heading
    read twice, or each of its characters twice a run per character. The same figure in
    two cells of a table stands a column apart."""
    kept: list[Run] = []
    # The runs kept by their text and band of baselines, so that on a page of a run per
    # character each is compared with a few.
    seen: dict[tuple[str, int], list[Run]] = {}
    for run in runs:
        band = math.floor(run.y / _OVERPRINT_BAND)
        near = _OVERPRINT_EMS * run.em
        if not any(
            abs(other.x0 - run.x0) <= near
            and abs(other.y - run.y) <= near
            and math.isclose(other.em, run.em, rel_tol=0.1)
            for b in (band - 1, band, band + 1)
            for other in seen.get((run.text, b), ())
        ):
            kept.append(run)
            seen.setdefault((run.text, band), []).append(run)
    return kept


class Laid(NamedTuple):
    """A paged report laid out (see :func:`lay_out`).

    Attributes
    ----------
    text : str
        Its text, then its footnotes, then the furniture taken out of it.
    marks : dict
        The spans of the footnotes (:data:`NOTE`) and furniture (:data:`FURNITURE`) in
        ``text``, as :func:`tidy_marked` gives them.
    pages : list of list of str
        The lines of each page's body, furniture and footnotes taken out.
    footnotes : list of str
    reasons : tuple of str
        Why each of the lines the reader knew for furniture was, the first furniture
        spans of ``marks``, in order.
    """

    text: str
    marks: dict[str, tuple[tuple[int, int], ...]]
    pages: list[list[str]]
    footnotes: list[str]
    reasons: tuple[str, ...] = ()


def lay_out(
    texts: Sequence[tuple[str, dict[int, float]]],
    furniture: Sequence[tuple[str, str]] = (),
) -> Laid:
    """Lay out a paged report from the text of each of its pages and the sizes of their
    lines (as :func:`runs_text` gives them): its page furniture taken out, its footnotes
    set aside, the lines its layout broke joined. ``furniture`` holds the lines the reader
    knows for furniture already, each with why (:data:`PAGE_FURNITURE`,
    :data:`TURNED_TEXT`), set apart before those found."""
    # A blank line is no line of the text, and would take no span of its own.
    known = [(line, why) for line, why in furniture if line.strip()]
    pages, sizes = _page_lines(texts)
    pages, found = _remove_page_furniture(pages, sizes)
    pages, footnotes = _set_footnotes_aside(pages)
    # Footnotes follow the text, so that a paragraph running on across a page break is
    # joined again over the footnote that closed the page; marked, they are notes. The
    # furniture comes last, for the report to show what was taken out.
    text, marks = tidy_marked(
        [(line, None) for line in _join_lines(pages)]
        + [(line, NOTE) for line in footnotes]
        + [(line, FURNITURE) for line in [*(line for line, _ in known), *found]]
    )
    return Laid(text, marks, pages, footnotes, tuple(why for _, why in known))


def paged_document(
    path: Path, laid: Laid, format: str, warnings: Sequence[str] = (),
    missing: Collection[int] = (),
) -> Document:
    """The :class:`Document` of the report at ``path`` laid out in ``laid``, with the
    pages left without text (numbered from 1; but those ``missing``, which ``warnings``
    tell of already) listed in a warning before ``warnings``."""
    empty = [
        number for number, lines in enumerate(laid.pages, 1)
        if not lines and number not in missing
    ]
    if empty:
        numbered = ", ".join(map(str, empty))
        blank = f"{path}: no text on page(s) {numbered}: blank, or scanned and missing"
        warnings = [blank, *warnings]
    spans = laid.marks.get(FURNITURE, ())
    known = len(laid.reasons)
    return Document(
        source=str(path), warnings=tuple(warnings), format=format,
        notes=laid.marks.get(NOTE, ()),
        **set_apart(
            laid.text, spans[known:], PAGE_FURNITURE,
            also=[(*span, why) for span, why in zip(spans[:known], laid.reasons, strict=True)],
        ),
    )


def _page_lines(
    texts: Sequence[tuple[str, dict[int, float]]],
) -> tuple[list[list[str]], list[list[float | None]]]:
    """The non-blank lines of each page of ``texts``, stripped at their end: a paragraph's
    first line keeps its indent, which tells where paragraphs start. A line set with a
    blank between every character ("全 年 新 建 1 2 所") is read without them. Also, for
    each page, the size each of its lines is set in, where known (see :func:`runs_text`)."""
    kept = [
        [(line, sizes.get(k)) for k, line in enumerate(text.splitlines()) if line.strip()]
        for text, sizes in texts
    ]
    pages = [[_unspaced(_END_BLANKS.sub("", line)) for line, _ in lines] for lines in kept]
    return pages, [[size for _, size in lines] for lines in kept]


#: Why the lines :func:`_remove_page_furniture` takes out, and those a reader knows for
#: furniture (an OFD's template pages), are set aside.
PAGE_FURNITURE = "page furniture: a running header or footer, or a page number"

#: Why a paged report's turned text on a page of straight lines is set apart.
TURNED_TEXT = "page furniture: turned text, such as a watermark or a note in the margin"
#: How far a text matrix's baseline may rise, as a share of its run, and stay level:
#: producers' matrices carry float noise (b = 1e-5).
_STRAIGHT = 1e-3


def is_turned(a: float, b: float) -> bool:
    """Whether a text matrix whose first column is ``a b`` turns its text: its baseline
    runs right to left or down the page (``a``), or rises or falls (``b``) more than float
    noise. A slant alone (its ``c``: the italic Word and WPS draw for a Chinese font
    without one) leaves the baseline level, and the text is read with its line."""
    return a <= 0 or abs(b) > _STRAIGHT * a


def page_text(
    runs: list[Run], turned: list[str], drawn: str
) -> tuple[tuple[str, dict[int, float]], list[str]]:
    """The text of a page and the sizes of its lines (see :func:`runs_text`), read from
    where its straight ``runs`` stand, and its ``turned`` lines, which are page furniture
    (a watermark, a note set down the margin). A page mostly of turned text (a landscape
    table's), or with no straight text, shows no layout to read: it is taken as it was
    drawn, ``drawn``, the sizes of its lines unknown, and has no furniture of its own."""
    if not runs or _mostly_turned(turned, runs):
        return (drawn, {}), []
    return runs_text(runs), turned


def _mostly_turned(turned: list[str], runs: list[Run]) -> bool:
    """Whether more of a page's characters (blanks aside) are in its ``turned`` lines than
    in its straight ``runs``."""

    def count(texts: Iterable[str]) -> int:
        return sum(len("".join(text.split())) for text in texts)

    return count(turned) > count(run.text for run in runs)


#: Blanks at a line's end; a table row's tabs stay, those of its empty last cells too.
_END_BLANKS = re.compile(r"[^\S\t]+$")


class Run(NamedTuple):
    """A run of text as a reader finds it on a page (pypdf hands it over, an OFD places
    it): where it starts and ends (in a PDF, from its font's widths and the spacing it is
    drawn with, its characters' widths guessed, a Chinese one an em wide, others half, where
    the font tells none); its baseline, the y axis pointing up; its size."""

    x0: float
    x1: float
    y: float
    em: float
    text: str


#: Lines of each column that stand beside the other, at least, for a page to be read as
#: two columns; and full lines (reaching the column's right edge) each has.
_SIDE_BY_SIDE = 3
_FULL_COLUMN_LINES = 2
#: Characters a column is wide, at least: a table's narrow columns are none; and the
#: narrower column's width to the wider's, at least: a table's label beside its text is no
#: column of its own.
_COLUMN_CHARS = 6
_COLUMN_RATIO = 0.6
#: How much farther apart than the closest two lines of the page most lines of a column
#: may be.
_LEADING_SLACK = 1.2


def _rows(runs: list[Run]) -> list[list[Run]]:
    """``runs`` in rows, top down, each left to right: runs whose baselines are within a
    third of an em of one another share a row, and a row of marks set small, raised or
    lowered into a row's line (see :func:`_rides`), is that row's."""
    rows: list[list[Run]] = []
    for run in sorted(runs, key=lambda run: -run.y):
        if rows and rows[-1][0].y - run.y <= run.em / 3:
            rows[-1].append(run)
        else:
            rows.append([run])
    sizes = [max(run.em for run in row) for row in rows]
    placed: list[list[Run]] = []
    placed_size = 0.0
    for k, row in enumerate(rows):
        # A raised mark's row comes before its line's, a lowered one's after it.
        if k + 1 < len(rows) and _rides(row, sizes[k], rows[k + 1], sizes[k + 1]):
            rows[k + 1] = [*rows[k + 1], *row]
        elif placed and _rides(row, sizes[k], placed[-1], placed_size):
            placed[-1].extend(row)
        else:
            placed.append(row)
            placed_size = sizes[k]
    return [sorted(row, key=lambda run: run.x0) for row in placed]


#: How large a run is set, at most, to the em of a row's line, to be a mark set in it: a
#: footnote's ① or a unit's ² as a superscript.
_MARK_SIZE = 0.75


def _rides(marks: list[Run], small: float, row: list[Run], size: float) -> bool:
    """Whether the runs of ``marks`` (the largest ``small`` ems) are set in the line of
    ``row`` (its largest ``size``): much smaller than its runs, each overlapping the
    height of its line (from the baseline up an em), and within its width. A superscript ①
    raised 0.4 em stands more than a third of its own small em above the line's baseline;
    a line of footnotes set small under the text, a line apart, overlaps none of it."""
    if small > _MARK_SIZE * size:
        return False
    left, right = min(run.x0 for run in row) - size, max(run.x1 for run in row) + size
    y = row[0].y
    return all(
        run.y < y + size
        and run.y + run.em > y
        and left <= run.x0
        and run.x1 <= right
        for run in marks
    )


def _reading_order(runs: list[Run]) -> list[list[Run]]:
    """The rows of a page in one column (see :func:`_rows`) in the order they are read: top
    down, or as they were drawn when that is top down but for a few rows drawn first or
    last at the page's top or bottom (a running header or footer drawn before the body).
    :func:`_remove_page_furniture` finds a footer drawn first between the halves of a
    sentence broken over the page; top down, a short report's last page would end on it."""
    rows = _rows(runs)
    place = {id(run): k for k, row in enumerate(rows) for run in row}
    drawn = [k for k, _ in itertools.groupby(place[id(run)] for run in runs)]
    if len(drawn) == len(rows):
        for first, last in itertools.product(range(_EDGE_ROWS + 1), repeat=2):
            body = drawn[first : len(drawn) - last]
            edges = drawn[:first] + drawn[len(drawn) - last :]
            if (
                len(body) > len(edges)
                and body == sorted(body)
                and all(k < body[0] or k > body[-1] for k in edges)
            ):
                return [rows[k] for k in drawn]
    return rows


#: How much larger than the other lines of its words at the pages' edges a line is set, at
#: least, to be a title (22 pt) rather than one of the running headers (10.5 pt) repeating it.
_LARGE = 1.25
#: How far below the line above, in ems, a line stands apart from it: farther than a
#: line and a half, as a blank line sets it.
_APART_EMS = 2.5
#: Rows drawn before the body of a page, or after it, at most, that the page keeps where
#: they were drawn: a header and a footer.
_EDGE_ROWS = 2


def _columns(runs: list[Run]) -> tuple[float, float] | None:
    """Where the gutter of a page set in two columns is (the left column's right edge, the
    right column's left), or None for a page in one.

    The right column's lines start at one x right of the page's left edge, many of them;
    left of it is a gutter at least an em wide. The rows that do not cross it are most of
    the page's (a table in a page of prose is not two columns; a title, a running header,
    a page number across the gutter may be), and in them, side by side, two columns of
    prose (see :func:`_is_prose`), of widths not far apart."""
    if len(runs) < 2 * _SIDE_BY_SIDE:
        return None
    left_edge = min(run.x0 for run in runs)
    right_edge = max(run.x1 for run in runs)
    em = sorted(run.em for run in runs)[len(runs) // 2]
    starts = Counter(round(run.x0) for run in runs if run.x0 > left_edge + _COLUMN_CHARS * em)
    rows = _rows(runs)
    for start, count in starts.most_common():
        if count < _SIDE_BY_SIDE:
            break
        left = [run.x1 for run in runs if run.x1 <= start - em]
        if right_edge - start < _COLUMN_CHARS * em or not left:
            continue
        end, gutter = max(left), start - em / 2
        split = [row for row in rows if all(_side(run, end, gutter) for run in row)]
        sides = [
            [part for row in split if (part := [r for r in row if _side(r, end, gutter) == side])]
            for side in ("left", "right")
        ]
        if 2 * len(split) <= len(rows) or not all(sides):
            continue
        widths = [_width(side) for side in sides]
        leading = min((step for side in sides for step in _steps(side)), default=0)
        if (
            all(_beside(one, other) >= _SIDE_BY_SIDE for one, other in (sides, sides[::-1]))
            and min(widths) >= max(_COLUMN_CHARS * em, _COLUMN_RATIO * max(widths))
            and all(_is_prose(side, leading) for side in sides)
        ):
            return end, gutter
    return None


def _side(run: Run, end: float, gutter: float) -> str | None:
    """Which column ``run`` is in, left of the gutter or right; None if it crosses it."""
    if run.x1 <= end + run.em / 2:
        return "left"
    return "right" if run.x0 >= gutter else None


def _width(lines: list[list[Run]]) -> float:
    """How wide the column of ``lines`` (each a row's runs) is."""
    return max(line[-1].x1 for line in lines) - min(line[0].x0 for line in lines)


def _beside(lines: list[list[Run]], other: list[list[Run]]) -> int:
    """How many of ``lines`` stand beside the column of ``other``, between its first line
    and its last."""
    top, bottom = other[0][0].y, other[-1][0].y
    return sum(bottom <= line[0].y <= top for line in lines)


def _steps(lines: list[list[Run]]) -> list[float]:
    """How far each of a column's ``lines`` (each a row's runs) is below the one above."""
    return [above[0].y - below[0].y for above, below in itertools.pairwise(lines)]


def _is_prose(lines: list[list[Run]], leading: float) -> bool:
    """Whether the lines of a column (each a row's runs) are prose: at least half of them
    fill its width (a paragraph's last line and a heading do not), follow the line above at
    the page's ``leading``, and read as prose (a clause's mark, or Chinese characters
    enough, as :func:`_full_width` tells them), not cut into cells by gaps (wide, or standing
    over those of the next line). The labels beside a table's cells vary in length, and
    stand a cell's height apart; a table's figures centred in their columns are all as
    wide, and start at one x."""
    end = max(line[-1].x1 for line in lines)
    full = sum(end - line[-1].x1 <= 1.5 * line[-1].em for line in lines)
    steps = _steps(lines)
    close = sum(step <= _LEADING_SLACK * leading for step in steps)
    texts = [_text(line) for line in lines]
    prose = sum(
        _PROSE_LINE.search(text) is not None or han_count(text) >= _PROSE_HAN for text in texts
    )
    # A justified line drawn in runs (a figure's font apart) shows gaps of an em or so,
    # here and there; a table's narrower gaps stand over one another, line after line.
    parts = [_parts(line) for line in lines]
    cut = sum(
        any(right - left >= _CELL_GAP_EMS * line[0].em for left, right in _gaps(parts[k]))
        or any(
            0 <= j < len(lines) and _gaps_meet(parts[k], parts[j]) for j in (k - 1, k + 1)
        )
        for k, line in enumerate(lines)
    )
    return (
        full >= _FULL_COLUMN_LINES
        and 2 * full >= len(lines)
        and 2 * close >= len(steps)
        and 2 * prose >= len(lines)
        and 2 * cut < len(lines)
    )


def _column_text(runs: list[Run], end: float, gutter: float) -> str:
    """The text of a page in two columns: each stretch of rows set side by side read down
    the left column, then down the right; a row across the gutter (a title, a running
    header, a page number) where it stands. A line that starts right of its column's left
    edge opens with a blank, as pypdf marks an indent."""
    lines: list[str] = []
    block: list[list[Run]] = []

    def flush() -> None:
        for side in ("left", "right"):
            column = [[run for run in row if _side(run, end, gutter) == side] for row in block]
            column = [row for row in column if row]
            if column:
                margin = min(row[0].x0 for row in column)
                lines.extend(_line(row, margin) for row in column)
        block.clear()

    for row in _rows(runs):
        if all(_side(run, end, gutter) for run in row):
            block.append(row)
        else:
            flush()
            lines.append(_line(row, row[0].x0))
    flush()
    return "\n".join(lines)


def _line(row: list[Run], margin: float) -> str:
    """The text of a row of runs, with a blank where a gap parts two of them and at the
    start where it is indented from ``margin``."""
    text = " " if row[0].x0 - margin > row[0].em / 2 else ""
    text += row[0].text
    for before, run in itertools.pairwise(row):
        text += (" " if run.x0 - before.x1 > run.em / 2 else "") + run.text
    return text


def _parts(row: list[Run]) -> list[list[Run]]:
    """The runs of ``row`` in the parts a gap parts (see :func:`_line`): a table's cells."""
    parts = [[row[0]]]
    for before, run in itertools.pairwise(row):
        if run.x0 - before.x1 > run.em / 2:
            parts.append([run])
        else:
            parts[-1].append(run)
    return parts


def _table_rows(rows: list[list[Run]]) -> Iterator[tuple[list[list[Run]], list[str] | None]]:
    """The lines ``rows`` (a page's, in reading order) make: each row of text by itself,
    with None; the rows of a table's row together, with its cells.

    A table stands on rows parted into cells by gaps, next to others parted where they
    are (a gap of prose, where a line is set in runs, has none beside it), with the rows
    of the cells that wrapped about them: rows no larger, each piece in a column of the
    table. Its rows are then taken together where a cell wrapped: rows set closer than a
    line (a short cell centred beside a long one), or the lines of cells that filled their
    column's width, in every column both have a cell in (a table row's cells of one line
    each, its number, are no wrapped cell's). A bordered form's rows may stand farther
    apart, at a steady pitch (see :func:`_pitched`)."""
    parts = [_parts(row) for row in rows]
    em = [max(run.em for run in row) for row in rows]
    pitched = _pitched(rows, parts, em)
    grid = [
        len(parts[i]) > 1
        and (
            i in pitched
            or any(
                0 <= j < len(rows)
                and len(parts[j]) > 1
                and abs(rows[i][0].y - rows[j][0].y) <= _TABLE_STEP_EMS * em[i]
                and _gaps_meet(parts[i], parts[j])
                for j in (i - 1, i + 1)
            )
        )
        for i in range(len(rows))
    ]
    # Where each table starts and ends in ``rows``, and its columns.
    blocks: list[tuple[int, int, list[tuple[float, float]]]] = []
    i = 0
    while i < len(rows):
        if not grid[i]:
            i += 1
            continue
        start = end = i
        while end < len(rows) and grid[end]:
            end += 1
        columns = _column_spans(parts[start:end])
        if len(columns) < 2:  # its cells all set too close to part: no columns to read
            i = end
            continue
        gaps = [gap for k in range(start, end) for gap in _gaps(parts[k])]
        size = max(em[start:end])

        def belongs(
            k: int, near: int, ems: float, size: float = size, columns: list = columns,
            gaps: list = gaps,
        ) -> bool:
            """Whether row ``k``, within ``ems`` of row ``near``, is the table's too."""
            return (
                0 <= k < len(rows)
                and not grid[k]
                and em[k] <= _TABLE_SIZE_SLACK * size
                and abs(rows[near][0].y - rows[k][0].y) <= ems * size
                and all(_column(run, columns) is not None for run in rows[k])
                and not any(
                    run.x0 < left and right < run.x1 for run in rows[k] for left, right in gaps
                )
            )

        # Above the table's first row, only the lines of cells centred beside it; below
        # its last, the lines of cells wrapped in it, and a note under it.
        floor = blocks[-1][1] if blocks else 0
        while start > floor and belongs(start - 1, start, 1):
            start -= 1
        while belongs(end, end - 1, _TABLE_STEP_EMS):
            end += 1
        blocks.append((start, end, columns))
        i = end
    i = 0
    for start, end, columns in blocks:
        yield from (([row], None) for row in rows[i:start])
        yield from _table_lines(rows[start:end], columns, max(em[start:end]))
        i = end
    yield from (([row], None) for row in rows[i:])


def _pitched(rows: list[list[Run]], parts: list[list[list[Run]]], em: list[float]) -> set[int]:
    """Which of ``rows`` (their ``parts`` and ems as :func:`_table_rows` finds them) are a
    table's set farther apart than a line (a bordered form's rows a centimetre high): three
    rows in a row at least, each cut into cells, one at least of more than a character (a
    title spread wide is cut after each), within :data:`_TABLE_PITCH_EMS` of one another at
    a steady pitch, with a gap standing over all three. A signature block's lines are not
    cut into cells."""
    cells = [
        len(row) > 1 and any(len(_text(part)) > 1 for part in row) for row in parts
    ]
    found: set[int] = set()
    for k in range(len(rows) - 2):
        if not (cells[k] and cells[k + 1] and cells[k + 2]):
            continue
        size = max(em[k : k + 3])
        steps = [rows[i][0].y - rows[i + 1][0].y for i in (k, k + 1)]
        if (
            all(0 < step <= _TABLE_PITCH_EMS * size for step in steps)
            and abs(steps[0] - steps[1]) <= _STEADY_PITCH * size
            and any(
                max(a, c, e) < min(b, d, f)
                for a, b in _gaps(parts[k])
                for c, d in _gaps(parts[k + 1])
                for e, f in _gaps(parts[k + 2])
            )
        ):
            found.update((k, k + 1, k + 2))
    return found


def _text(runs: list[Run]) -> str:
    """The text of ``runs``, side by side."""
    return "".join(run.text for run in runs)


def _gaps(parts: list[list[Run]]) -> list[tuple[float, float]]:
    """Where the gaps between a row's ``parts`` are, left to right."""
    return [(left[-1].x1, right[0].x0) for left, right in itertools.pairwise(parts)]


def _gaps_meet(one: list[list[Run]], other: list[list[Run]]) -> bool:
    """Whether a gap between the parts of one row stands over one of another's."""
    return any(max(a, c) < min(b, d) for a, b in _gaps(one) for c, d in _gaps(other))


def _column_spans(rows: list[list[list[Run]]]) -> list[tuple[float, float]]:
    """The columns a table stands in, left to right, from its ``rows``' parts: where they
    overlap, across the rows. A part across the gap of another row (cells set too close
    for a gap to part them) shows no column."""
    gaps = [gap for parts in rows for gap in _gaps(parts)]
    spans: list[tuple[float, float]] = []
    found = sorted(
        (part[0].x0, part[-1].x1)
        for parts in rows
        for part in parts
        if not any(part[0].x0 < left and right < part[-1].x1 for left, right in gaps)
    )
    for left, right in found:
        if spans and left < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], right))
        else:
            spans.append((left, right))
    return spans


def _column(run: Run, columns: list[tuple[float, float]]) -> int | None:
    """The index of the column ``run`` starts in; None if it starts in none."""
    return next(
        (k for k, (left, right) in enumerate(columns) if left <= run.x0 <= right), None
    )


def _table_lines(
    rows: list[list[Run]], columns: list[tuple[float, float]], em: float
) -> Iterator[tuple[list[list[Run]], list[str]]]:
    """The rows of a table, its rows of a page taken together where a cell wrapped (see
    :func:`_table_rows`), with their cells, a wrapped cell's lines joined."""

    def cells_of(row: list[Run]) -> dict[int, list[Run]]:
        found: dict[int, list[Run]] = {}
        for run in row:
            # A run in no column (one of a cell set too close to the next) is in the
            # column it starts right of.
            column = _column(run, columns)
            if column is None:
                lefts = [left for left, _ in columns]
                column = max(bisect.bisect_right(lefts, run.x0) - 1, 0)
            found.setdefault(column, []).append(run)
        return found

    def filled(line: list[Run], column: int, after: list[Run]) -> bool:
        """Whether a cell's ``line`` filled its column's width, as far as the column's
        widest line shows it, so that the first character of ``after`` went on below (a
        quarter of an em spared for the guess of where a run ends)."""
        room = after[0].em * display_width(after[0].text[:1]) / 2
        return line[-1].x1 + room >= columns[column][1] - em / 4

    def holds_clauses(row: list[Run]) -> bool:
        """Whether a run of ``row`` is a cell's prose (see :data:`_CLAUSE`)."""
        return any(
            _CLAUSE.search(run.text) and han_count(run.text) >= _COLUMN_CHARS for run in row
        )

    # Lines of one pitch throughout, three at least, may be a table's rows, each a line: a
    # wrapped cell's lines stand closer than the rows a table's padding parts, but where
    # cells have no padding above and below them (as Word sets them).
    steps = [above[0].y - below[0].y for above, below in itertools.pairwise(rows)]
    steady = len(rows) > 2 and max(steps) - min(steps) <= _STEADY_PITCH * em
    group = [rows[0]]
    last = cells_of(rows[0])  # the cells of the group's last row
    lowest = dict(last)  # the group's lowest line in each column
    for k in range(1, len(rows) + 1):
        cells = cells_of(rows[k]) if k < len(rows) else {}
        if k < len(rows):
            step = group[-1][0].y - rows[k][0].y
            shared = lowest.keys() & cells.keys()
            # A row closer than a line to the next is the top of cells centred beside
            # one another, or set at their foot: a new row of the table.
            opens = k + 1 < len(rows) and rows[k][0].y - rows[k + 1][0].y < em
            # A wrapped cell's lines stand above or below the row's shorter cells, which
            # leave their columns empty there, unless every cell is long enough to wrap,
            # or one holds clauses: two rows of short words and figures that fill every
            # column, narrow ones among them, are rows of their own, however full their
            # cells (names of one length, rates 91.5%, 12,560, 李建国，王芳).
            if step < em or (
                not opens
                and shared
                and (
                    min(len(cells), len(last)) < len(columns)
                    or all(right - left >= _COLUMN_CHARS * em for left, right in columns)
                    or holds_clauses(group[-1])
                    or holds_clauses(rows[k])
                )
                and step <= _TABLE_STEP_EMS * em
                and all(filled(lowest[c], c, cells[c]) for c in shared)
            ):
                group.append(rows[k])
                lowest.update(cells)
                last = cells
                continue
        # A wrapped cell's last line falls short of its column: lines at the table's one
        # pitch with a cell in every column, the last of them filling each of its cells
        # too, and none holding clauses, are rows a line each.
        apart = steady and all(
            len(found := cells_of(row)) == len(columns)
            and not holds_clauses(row)
            and (row is not group[-1] or all(filled(found[c], c, found[c]) for c in found))
            for row in group
        )
        for part in [[row] for row in group] if apart else [group]:
            texts = [""] * len(columns)
            for row in sorted(part, key=lambda row: -row[0].y):
                for column, line in cells_of(row).items():
                    texts[column] += _line(line, line[0].x0)
            yield part, texts
        group, lowest, last = [rows[k]] if k < len(rows) else [], dict(cells), cells


#: A clause's mark, in a cell of prose (not 12,560's comma): with six Chinese characters
#: at least on its line (not 李建国，王芳).
_CLAUSE = re.compile("[，。；]")
#: How wide, in ems, a gap in a line is at least to part a table's cells rather than the
#: words of a justified line (see :func:`_is_prose`).
_CELL_GAP_EMS = 2
#: How far apart, in ems, the rows of a table are at most.
_TABLE_STEP_EMS = 2
#: How far apart, in ems, the rows of a table set at a steady pitch (see :func:`_pitched`)
#: are at most, and how much the pitch may vary.
_TABLE_PITCH_EMS = 3
_STEADY_PITCH = 0.1
#: How much larger than a table's cells a row beside it may be set, to be a wrapped
#: cell's: the text around a table is set larger.
_TABLE_SIZE_SLACK = 1.1


#: A line with a blank after every character: letter-spaced, or a converter's doing.
_SPACED = re.compile(r"(?:\S[ \u00a0]){4,}\S")


def _unspaced(line: str) -> str:
    indent = line[: len(line) - len(line.lstrip())]
    bare = line.lstrip()
    return indent + re.sub(r"[ \u00a0]", "", bare) if _SPACED.fullmatch(bare) else line


#: A blank an OCR engine's text layer holds between two characters of Chinese text, or
#: between Chinese and a figure or its punctuation ("全 年 新建 3 所 , 新 增"): it
#: writes a word at a time, and Chinese has no words parted by blanks. Those between two
#: figures ("93 6%": a point it missed) or beside a Latin word stay.
_OCR_BLANK = re.compile(
    rf"(?<=[{INKED_CJK}])[ \u00a0]+(?=[{INKED_CJK}\d(,.;:!?)%])"
    rf"|(?<=[\d(,.;:!?)%])[ \u00a0]+(?=[{INKED_CJK}])"
    r"|(?<=[\d%])[ \u00a0]+(?=[,;:!?)%])|(?<=\()[ \u00a0]+(?=\d)"
)


def ocr_unspaced(text: str) -> str:
    """``text`` of an OCR engine's text layer without the blanks it put between the
    characters of Chinese words and figures (see :data:`_OCR_BLANK`)."""
    return _OCR_BLANK.sub("", text)


def _remove_page_furniture(
    pages: list[list[str]], sizes: list[list[float | None]] | None = None
) -> tuple[list[list[str]], list[str]]:
    """Take page numbers, and running headers and footers, from the top and bottom of
    pages; returns the pages without them, and them, stripped, page by page.

    A running header or footer is a first or last line that, with its digits ignored, is
    also a first or last line of at least half the pages (and of two at least), or one set
    between the halves of a sentence running on over the page break (see
    :func:`_interrupts`): the header of the even pages of a report of two or three pages
    runs on no other page. A line of content (:func:`~edusummary._chinese.is_content`) is
    never one: sentences that close pages often differ only in their figures. Removing one
    can bare another (a footer above the page number), so this repeats until nothing goes;
    a page number set beside a header may stand a line in from the edge.

    A header runs at one edge of the pages, and a page runs it once: the title that the
    header repeats (长乐县教育局2024年工作要点, 白河县教育局) stays, at the other edge or
    when the header is gone; and so does a line set larger than the others of its words
    (``sizes``: the size of each line of each page, where known), a title on a first page
    that runs no header, over the same words in the header of the pages after it.
    """
    sizes = [list(known) for known in sizes] if sizes else [[None] * len(p) for p in pages]
    # The sizes the words of each line at a page's edge are set in there, with their pages.
    at_edges: dict[str | None, list[tuple[float, int]]] = {}
    for number, (lines, known) in enumerate(zip(pages, sizes, strict=True)):
        for edge in (0, -1):
            if lines and known[edge] is not None:
                at_edges.setdefault(_key(lines[edge]), []).append((known[edge], number))

    def titled(number: int, edge: int) -> bool:
        """Whether the line at ``edge`` of page ``number`` is set larger than the lines of
        its words at the other pages' edges: a title, not the header repeating it."""
        size = sizes[number][edge]
        others = [s for s, page in at_edges.get(_key(pages[number][edge]), ()) if page != number]
        return size is not None and bool(others) and size >= _LARGE * max(others)

    pages = [list(lines) for lines in pages]
    full = _full_width([line for lines in pages for line in lines])
    interrupted: set[tuple[int, int]] = set()  # one such line at each edge of a page
    # And one page number a page: a bare figure at the edge of a page numbered already, or
    # numbered so at its other edge (— 2 —), is a table's (a blank form's rows 1, 2, 3 at
    # the foot of its page).
    numbered: set[int] = set()
    # What goes from each page's top, top down, and from its foot, bottom up.
    tops: list[list[str]] = [[] for _ in pages]
    feet: list[list[str]] = [[] for _ in pages]
    ran: list[set[str]] = [set() for _ in pages]  # the running keys each page gave up
    removed = True
    while removed:
        # Odd and even pages may run headers of their own (the bureau, the report's name):
        # half of either kind of page will do, as will half of all. Each edge counts
        # apart: a title at the top of the first page is no header that the pages run at
        # their foot (pypdf gives a header drawn after the text there).
        running: dict[int, set[str]] = {0: set(), -1: set()}
        for side in (pages, pages[0::2], pages[1::2]):
            needed = max(2, math.ceil(len(side) / 2))
            for edge, keys in running.items():
                edges = Counter(key for lines in side if lines and (key := _key(lines[edge])))
                keys |= {key for key, count in edges.items() if count >= needed}
        removed = False
        for number, lines in enumerate(pages):
            for edge in (0, -1):
                if not lines:
                    continue
                line = lines[edge].strip()
                page_number = _PAGE_NUMBER.fullmatch(line) is not None
                if page_number and (
                    number in numbered
                    or (line.isdigit() and _is_marked_page_number(lines[-1 - edge]))
                ):
                    continue
                key = _key(lines[edge])
                if not page_number and titled(number, edge):
                    continue
                if (number, edge) not in interrupted and _interrupts(pages, number, edge, full):
                    interrupted.add((number, edge))
                elif not page_number:
                    if key not in running[edge] or key in ran[number]:
                        continue
                    ran[number].add(key)
                if page_number:
                    numbered.add(number)
                (feet if edge else tops)[number].append(lines.pop(edge).strip())
                sizes[number].pop(edge)
                removed = True
            for inside in (1, -2):
                if len(lines) > 2 and _is_marked_page_number(lines[inside]):
                    (feet if inside < 0 else tops)[number].append(lines.pop(inside).strip())
                    sizes[number].pop(inside)
                    removed = True
    furniture = [line for top, foot in zip(tops, feet, strict=True) for line in top + foot[::-1]]
    return pages, furniture


def _is_marked_page_number(line: str) -> bool:
    """Whether ``line`` is a page number that says it is one (- 3 -, 第3页, 3/12): a bare
    figure a line in from the page's edge may be a table's."""
    line = line.strip()
    return not line.isdigit() and _PAGE_NUMBER.fullmatch(line) is not None


def _interrupts(pages: list[list[str]], number: int, edge: int, full: int) -> bool:
    """Whether the first (``edge`` 0) or last (-1) line of page ``number`` is a header or
    footer standing between the halves of a sentence: the line before it (on the page
    before, for a header) is full and ends no sentence, the line after it (on the page
    after, for a footer) is not indented, so the paragraph goes on; and it is short, no
    content, and ends without a mark, as the end of a sentence would. A heading that a full
    line runs on into is followed by an indented paragraph."""
    lines = pages[number]
    line = lines[edge].strip()
    if (
        display_width(line) >= full
        or is_content(line)
        or _MARKED_END.search(line)
        or _OUTLINE_MARKER.match(line)
    ):
        return False
    if edge == 0:
        before = next((page[-1] for page in reversed(pages[:number]) if page), None)
        after = lines[1] if len(lines) > 1 else None
    else:
        before = lines[-2] if len(lines) > 1 else None
        after = next((page[0] for page in pages[number + 1 :] if page), None)
    return (
        before is not None
        and after is not None
        and not after[:1].isspace()
        and display_width(before.strip()) >= full
        and not _ENDS_PARAGRAPH.search(before)
        # Stripped: a first line's indent of ideographic blanks is no gap between cells.
        and not re.search(_CELL_GAP, before.strip())
    )


#: How a line of text may end, unlike a running header: with a mark.
_MARKED_END = re.compile(r"[。！？!?…；;，,、：:”」』）)》]$")


#: A footnote's first line: ① …, [1] …, 注：….
_FOOTNOTE = re.compile(r"\s*(?:[①-⑳]|\[\d{1,2}\]|注\s*\d*\s*[:：])")


def _set_footnotes_aside(pages: list[list[str]]) -> tuple[list[list[str]], list[str]]:
    """The pages without the footnotes at their foot, and the footnotes: from the first of
    the lines that open one (①, [1], 注：) to the page's end, which the last of them is
    near (a footnote runs on a line or two at most), when they do not open the page."""
    body, notes = [], []
    for lines in pages:
        opening = [k for k in range(1, len(lines)) if _FOOTNOTE.match(lines[k])]
        at = len(lines)
        if opening and len(lines) - 1 - opening[-1] <= _FOOTNOTE_LINES:
            at = opening[-1]
            while at > 1 and _FOOTNOTE.match(lines[at - 1]):
                at -= 1
        body.append(lines[:at])
        notes.extend(line.strip() for line in lines[at:])
    return body, notes


#: Lines a footnote runs on for after its first.
_FOOTNOTE_LINES = 2


def _key(line: str) -> str | None:
    """What a running header or footer repeats of ``line``: its text with digits ignored;
    None for content, which never runs."""
    return None if is_content(line) else _DIGITS.sub("#", "".join(line.split()))


def _join_lines(pages: list[list[str]]) -> list[str]:
    """Lines of the text, with the lines that the layout broke joined again.

    A full line runs on into the next unless it ends a sentence (。！？…, perhaps with a
    closing quote; a closing bracket or a colon at the margin ends nothing, but a colon
    before a numbered line does, …通知如下： 一、…, and so does the semicolon of a list's
    item, opened by its number, （1）…； （2）…), or is a table's row, or a numbered heading over an
    indented paragraph; where the text indents its paragraphs' first lines, a full line
    ending a sentence still runs on into a next line that is not indented, but for the
    sentence's end of a list's item after items ending in ；, which ends the list.
    """
    lines = [line for page in pages for line in page]
    if not lines:
        return []
    bare = [EDGE_BLANKS.sub("", line) for line in lines]
    fulls = _full_widths(pages)
    # A table row's first cell may be empty: its tab is no indent.
    indented = [line[:1].isspace() and line[:1] != TABLE_CELL_SEPARATOR for line in lines]
    shows_indents = sum(indented) >= _INDENTS_SHOWN
    cell_gap = re.compile(_CELL_GAP)
    # The kind of number of the item each line belongs to: of the last line opened by
    # one, since the last sentence's end (an enumeration run into a paragraph, （一）…；
    # （二）…, has none at its lines' starts).
    items: list[str | None] = []
    # And whether that item came after one of its list that ended in ； (1．…；2．…),
    # and the line that opened it.
    listed: list[bool] = []
    openers: list[int] = []
    for i, line in enumerate(bare):
        opened = _marker_kind(line)
        ended = i == 0 or _ENDS_PARAGRAPH.search(bare[i - 1]) is not None
        items.append(opened if opened or ended else items[-1])
        openers.append(i if opened or not openers else openers[-1])
        if opened:
            listed.append(i > 0 and bare[i - 1].endswith(_ENDS_ITEM) and items[i - 1] == opened)
        else:
            listed.append(items[i] is not None and listed[-1])
    joined: list[str] = []
    runs_on = False
    for i, line in enumerate(bare):
        if runs_on:
            # Latin words broken over lines part as the words of a line do.
            joined[-1] += (" " if _parts_words(joined[-1], line) else "") + line
        else:
            joined.append(line)
        ends = _ENDS_PARAGRAPH.search(line) is not None
        # A heading is not indented either: a numbered line opens something new.
        next_opens = i + 1 < len(lines) and (
            indented[i + 1] or _OUTLINE_MARKER.match(bare[i + 1]) is not None
        )
        # A lead-in's colon or an item's semicolon over a numbered item, and a numbered
        # heading as wide as the text, indented as a first line is or at the margin, over
        # an indented line that goes on at the margin (full, or ending no sentence), end
        # where the line does; an item whose lines are set in otherwise (a list's left or
        # hanging indent, its last line ending the item short of the margin, or the next
        # item below) goes on. In a narrow column, a heading at the margin is as wide as
        # the text the sooner.
        apart = i + 1 < len(lines) and (
            (line.endswith(_LEADS_IN) and _OUTLINE_MARKER.match(bare[i + 1]) is not None)
            # The sentence's end of an item after items ending in ； ends the list: the
            # line below, at the margin or set in, is no more of it.
            or (ends and listed[i] and not _item_goes_on(i, bare, indented, items, openers))
            or (
                line.endswith(_ENDS_ITEM)
                and items[i] is not None
                and _marker_kind(bare[i + 1]) is not None
            )
            or (
                shows_indents
                and indented[i + 1]
                and i + 2 < len(lines)
                and not indented[i + 2]
                and (indented[i] or _OUTLINE_MARKER.match(bare[i + 2]) is None)
                # A heading ends in no clause mark, nor is the next item of a list whose
                # item above ends in one: an item, its lines set in under its text, is.
                and not line.endswith(_CLAUSE_ENDS)
                and not (
                    i > 0
                    and bare[i - 1].endswith(_CLAUSE_ENDS)
                    and _marker_kind(line) == items[i - 1]
                )
                and (
                    not _ENDS_PARAGRAPH.search(bare[i + 1])
                    or display_width(lines[i + 1].rstrip()) >= fulls[i + 1]
                )
                and _OUTLINE_MARKER.match(line) is not None
            )
        )
        runs_on = (
            display_width(lines[i].rstrip()) >= fulls[i]
            and not cell_gap.search(line)
            # A table's row neither runs on nor is run on to.
            and TABLE_CELL_SEPARATOR not in line
            and not (i + 1 < len(lines) and TABLE_CELL_SEPARATOR in lines[i + 1])
            and not apart
            and (not ends or (shows_indents and not next_opens))
            and not (i + 1 < len(lines) and latin_over_chinese(line, bare[i + 1]))
        )
    return joined


def _item_goes_on(
    i: int, bare: list[str], indented: list[bool], items: list[str | None], openers: list[int]
) -> bool:
    """Whether the item of a list that line ``i`` ends a sentence of goes on below it: an
    item set in as a paragraph is (its lines below at the margin are its own), and so is
    one whose lines below end in ； over the list's next item (2．…。…； 3．…): the
    sentence ended inside the item, at the end of a line."""
    if indented[openers[i]]:
        return True
    j = i + 1
    while j < len(bare) and not indented[j] and _marker_kind(bare[j]) is None:
        j += 1
    return (
        i + 1 < j < len(bare)
        and _marker_kind(bare[j]) == items[i]
        and bare[j - 1].endswith(_ENDS_ITEM)
    )


def _full_width(lines: list[str]) -> int:
    """The display width from which a line of ``lines`` is full: the layout ended it.

    A table's rows (cells parted by tabs) show nothing of it. Its cells a line each may
    outnumber the prose of a short report, and set it so low that a title and a heading
    count as full and run on into the text: it is at least that of the median line of
    prose, most of which is full."""
    lines = [line for line in lines if TABLE_CELL_SEPARATOR not in line]
    widths = sorted(display_width(line.strip()) for line in lines)
    if not widths:
        return 0
    prose = sorted(
        display_width(line.strip())
        for line in lines
        if _PROSE_LINE.search(line) or han_count(line) >= _PROSE_HAN
    )
    width = widths[int(_TEXT_WIDTH_QUANTILE * (len(widths) - 1))]
    return max(width, prose[len(prose) // 2] if prose else 0) - _FULL_LINE_SLACK


def _full_widths(pages: list[list[str]]) -> list[int]:
    """The width from which each line of ``pages`` is full: the document's, or its page's
    where that is wider and the page has lines enough to show it. A form's or table's
    short cells, a line each, narrow the document's measure; on a page of prose before
    them, the title's and addressee's lines had counted as full and run on into the text."""
    document = _full_width([line for page in pages for line in page])
    widths = [
        max(document, _full_width(page)) if len(page) >= _PAGE_LINES_SHOWN else document
        for page in pages
    ]
    return [width for page, width in zip(pages, widths, strict=True) for _ in page]


#: The last character of a line and the first of the next that a line break parts as a
#: blank would: a Latin word's, a figure's or a Latin mark's before a Latin word, or a
#: Latin word's before a figure (a word broken at its hyphen runs on without one).
_LATIN_BREAK = re.compile(r"[A-Za-z0-9,.;:!?)%'\"][A-Za-z]|[A-Za-z,;:!?)][0-9(]")
#: The word of Latin letters, figures and marks a line ends with, and the next opens with.
_LATIN_TAIL = re.compile(rf"[^\s{INKED_CJK}]+$")
_LATIN_HEAD = re.compile(rf"[^\s{INKED_CJK}]+")
_INKED_CJK = re.compile(rf"[{INKED_CJK}]")
#: A word of its own: a capital and small letters (Learning), which a line opening with
#: it broke off no other; and what a web or mail address holds.
_CAPITALISED = re.compile(r"[A-Z][a-z]{2,}\W*")
_ADDRESS = re.compile(r"://|^www\.|@")
#: How far back from a line's end, in characters, the Latin word it ends with is sought.
_WORD_REACH = 200


def _parts_words(before: str, after: str) -> bool:
    """Whether the break between a line ending ``before`` and the next, ``after``, parts
    Latin words as a blank would (see :data:`_LATIN_BREAK`).

    Not inside a web or mail address (www.xx. / gov.cn), nor inside Latin set between
    Chinese on both sides: a producer that breaks a line at any character breaks it
    there too (建成5 / G基站, 推进STE / M教育, 投入3, / 200万元), where one that breaks
    lines at blanks leaves Latin words beside Latin; but for a capitalised word after
    letters (（Project-Based / Learning）), a word of its own."""
    if not _LATIN_BREAK.search(before[-1:] + after[:1]):
        return False
    # The text so far may be a whole page's, run on line after line: its end is enough.
    before = before[-_WORD_REACH:]
    tail, head = _LATIN_TAIL.search(before), _LATIN_HEAD.match(after)
    if tail is None or head is None or _ADDRESS.search(tail.group() + head.group()):
        return False
    in_chinese = _INKED_CJK.fullmatch(before[: tail.start()].rstrip()[-1:]) and (
        _INKED_CJK.match(after[head.end() :].lstrip()) or not after[head.end() :].strip()
    )
    return not in_chinese or (
        before[-1].isalpha() and _CAPITALISED.fullmatch(head.group()) is not None
    )


#: A line of Latin words, figures and marks, without Chinese; and a line opened by Chinese,
#: or by a figure of it (2024年).
_LATIN_LINE = re.compile(r"\s*[A-Za-z][\x20-\x7e]*")
_HAN_START = re.compile(rf"\s*[\d.%]*[{HAN}]")
#: A web or mail address, or a file's path, alone on a line: one word with a dot, a
#: slash or an @ in it.
_ADDRESS_LINE = re.compile(r"\s*[^\s./@]*[./@]\S*\s*")


def latin_over_chinese(line: str, below: str) -> bool:
    """Whether ``line`` is of Latin words alone, without Chinese, and ``below`` opens with
    Chinese: an English title over a Chinese one or over the text, which goes on into it
    no more than a sentence of it would break to a line of Chinese. Not a web or mail
    address alone on its line, which a paragraph of Chinese goes on after."""
    return (
        _HAN_START.match(below) is not None
        and _LATIN_LINE.fullmatch(line) is not None
        and _ADDRESS_LINE.fullmatch(line) is None
    )
#: How a line ends a paragraph: a sentence's end, perhaps closed by a quote.
_ENDS_PARAGRAPH = re.compile(r"[。！？!?…][”」』\"]?$")
#: An outline marker opening a line: 一、 （一） 1. ①.
_OUTLINE_MARKER = re.compile(
    r"[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．]|[①-⑳]"
)
#: A line opened by a decimal (12.6万名…), which the marker above takes for an item's 12.
_DECIMAL = re.compile(r"\d+[.．]\d")
#: What tells kinds of number apart: which numerals, which brackets or marks.
_NUMERALS = str.maketrans(
    dict.fromkeys("一二三四五六七八九十", "一") | dict.fromkeys("0123456789", "1")
    | dict.fromkeys("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳", "①") | {"(": "（", ")": "）", ".": "．"}
)


def _marker_kind(line: str) -> str | None:
    """The kind of number opening ``line`` (一、 （一） 1． ① …, whatever the number), or
    None: the items of one list share it, a heading above or below them has another."""
    found = _OUTLINE_MARKER.match(line)
    if found is None or _DECIMAL.match(line):
        return None
    return "".join(dict.fromkeys(found.group().translate(_NUMERALS)))
#: A line of prose, unlike a table's cell on a line of its own: it holds a clause mark,
#: or Chinese characters this many at least.
_PROSE_LINE = re.compile("[，。；,;]")
_PROSE_HAN = 10
#: Marks that end a clause but not a sentence: a line ending in one goes on.
_CLAUSE_ENDS = ("，", "、", "；", ",", ";")
#: How a line ends that a numbered line below it does not go on from: a lead-in's colon;
#: and the semicolon of a list's item, whose line opened with a number (（1）…；（2）…).
_LEADS_IN = ("：", ":")
_ENDS_ITEM = ("；", ";")
#: Indented first lines that show a text indents its paragraphs.
_INDENTS_SHOWN = 2
#: Lines a page has, at least, to show the width of its text.
_PAGE_LINES_SHOWN = 10
