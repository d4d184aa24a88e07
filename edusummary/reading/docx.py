"""Word reports (.docx), read with python-docx."""

from __future__ import annotations

import dataclasses
import functools
import io
import itertools
import logging
import posixpath
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from .._chinese import (
    CONTENTS_HEADING,
    CONTENTS_LEADERS,
    CONTENTS_PAGE,
    DOCUMENT_KIND,
    TERMINAL,
    han_count,
)
from ..errors import ReadError
from ..topics import MIN_HAN_CHARS
from ._common import (
    HEADING,
    NOTE,
    SOFT_BREAK,
    TABLE_CAPTION,
    TABLE_CELL_SEPARATOR,
    TABLE_ROW,
    Document,
    is_prose_cell,
    is_prose_row,
    set_apart,
    tidy_marked,
)
from ._package import check_package, damaged_warning, xml_parser
from ._wordnumbers import Numbering, drawn_number, is_on, lineage

logger = logging.getLogger(__name__)

#: The part that holds the body of a Word document; a zip without it is not one.
MAIN_PART = "word/document.xml"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
#: Equations (Office Math): their runs (m:r) hold their text in m:t, read in place.
_MATH = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_FALLBACK = f"{{{_MC}}}Fallback"
#: Containers whose children are block content (paragraphs, tables): content controls and
#: custom XML wrap whole blocks, for example a table of contents.
_BLOCK_WRAPPERS = {f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"}
#: Runs of a paragraph, wherever inline wrappers put them: tracked insertions, text moved
#: here, hyperlinks, content controls, custom XML, smart tags, text direction (w:dir,
#: w:bdo), ruby's base text, each in any of the others, and an equation's (m:r), which
#: python-docx's ``Paragraph.text`` leaves out. Tracked deletions are not text (w:delText),
#: text moved away (w:moveFrom) is read where it was moved to, ruby's annotation (w:rt,
#: the pinyin) is not the text, and a text box (in as many boxes as ``$paragraph`` is, no
#: more) is read after its paragraph and comes twice (mc:Fallback).
_RUNS = (
    "(.//w:r | .//m:r)"
    "[count(ancestor::w:txbxContent) = count($paragraph/ancestor::w:txbxContent)]"
    "[not(ancestor::w:del | ancestor::w:moveFrom | ancestor::w:rt | ancestor::mc:Fallback)]"
)


def _runs(paragraph) -> list[Any]:
    """The runs of ``paragraph`` (:data:`_RUNS`), in order."""
    return _compiled_runs()(paragraph, paragraph=paragraph)


@functools.cache
def _compiled_runs() -> Any:
    # Compiled on first use, so that `import edusummary` stays quick; compiled, the path
    # takes half the time of ``element.xpath``.
    from lxml import etree

    return etree.XPath(_RUNS, namespaces={"w": _W[1:-1], "mc": _MC, "m": _MATH})


#: The mark of the lines of hidden text, which follow the text.
_HIDDEN = "hidden"
#: Why those lines are set aside.
HIDDEN_TEXT = (
    "hidden in the document: text Word's hidden format (隐藏文字) keeps from showing and "
    "printing, such as a form's notes to whoever fills it in"
)
#: The mark of the lines of a table of contents, which follow the text.
_CONTENTS = "contents"
#: Why those lines are set aside.
TABLE_OF_CONTENTS = (
    "table of contents: Word's 目录, the headings of the text again with their page numbers"
)
#: The styles of a table of contents' lines and its heading, by name: Word's built-in
#: names (toc 1, TOC Heading), which it shows as 目录 1 and TOC 标题, and those names.
_CONTENTS_STYLE = re.compile(r"(?:toc|目录)\s*[1-9]|toc\s*(?:heading|标题)|目录标题")
#: A table of contents' heading on a line of its own, above it.
_CONTENTS_HEADING = re.compile(
    rf"{CONTENTS_HEADING}|contents|table\s+of\s+contents", re.IGNORECASE
)
#: The instruction of Word's field that draws a table of contents.
_CONTENTS_FIELD = re.compile(r"\s*TOC\b", re.IGNORECASE)
#: A line of a table of contents: a heading, a tab or dot leaders, its page number.
_CONTENTS_LINE = re.compile(rf"(?:\t|{CONTENTS_LEADERS})\s*{CONTENTS_PAGE}\s*$")
_FIELD_CHAR, _FIELD_CHAR_TYPE = f"{_W}fldChar", f"{_W}fldCharType"
_INSTRUCTION, _SIMPLE_FIELD = f"{_W}instrText", f"{_W}fldSimple"
_T, _BREAK, _VAL, _TYPE = f"{_W}t", f"{_W}br", f"{_W}val", f"{_W}type"
_MATH_TEXT = f"{{{_MATH}}}t"
_TAB, _PTAB = f"{_W}tab", f"{_W}ptab"
_RUN_PROPERTIES, _VANISH, _RUN_STYLE = f"{_W}rPr", f"{_W}vanish", f"{_W}rStyle"
#: What a run's other marks show, as python-docx's ``CT_R.text`` reads them.
_RUN_CHARACTERS = {
    f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-",
}
_SYMBOL, _FONT, _CHAR = f"{_W}sym", f"{_W}font", f"{_W}char"
#: The characters that reports insert from symbol fonts (w:sym, Insert > Symbol), by font
#: and code: thresholds (≥2000元) and a reply slip's boxes (☑是 □否).
_SYMBOLS = {
    "symbol": {
        0xA3: "≤", 0xB3: "≥", 0xB9: "≠", 0xBB: "≈", 0xB1: "±", 0xB4: "×", 0xB8: "÷",
        0xB0: "°", 0xD6: "√", 0xAE: "→", 0xDE: "⇒", 0xA5: "∞",
    },
    "wingdings": {
        0xFC: "✓", 0xFB: "✗", 0xFE: "☑", 0xFD: "☒", 0xA8: "□", 0x6F: "□", 0x6E: "■",
        0x6C: "●", 0xE0: "→",
    },
    "wingdings 2": {0x50: "✓", 0x4F: "✗", 0x52: "☑", 0x54: "☒", 0xA3: "□"},
}
#: Word writes a symbol font's code as it is (B3) or in the private use area (F0B3).
_PRIVATE_USE = 0xF000
#: Where a page or column break ends a line, until manual line breaks are read.
_HARD_BREAK = "\f"


#: Word's outline level of body text.
_BODY_TEXT_LEVEL = "9"
#: A table's note below it ("注：…", "数据来源：…").
_TABLE_NOTE = re.compile(r"(?:注|说明|备注|数据来源|资料来源)\s*[\d]*\s*[:：]")


def read_docx_file(path: Path) -> Document:
    """Read a Word report (.docx).

    Paragraphs and tables come in document order, each paragraph on its own line, so a
    table sits between the paragraphs around it. A paragraph's text boxes and the
    footnotes and endnotes it refers to follow it, each of their paragraphs on a line. A
    table row gives a line, its cells parted by tabs; the rows of short cells (figures,
    departments, dates), a caption above the table and a note below it are marked as its
    rows (``Document.table_rows``), which the segmenter sets aside, and a row with a long
    cell (a task in a task table) is read as a paragraph. A cell of several paragraphs of
    prose (a table laid out around text) gives each of them a line. Lines in a heading
    style are marked as headings, footnotes and endnotes as notes.

    Parameters
    ----------
    path : pathlib.Path

    Returns
    -------
    Document
        With ``format="docx"`` and no encoding.

    Raises
    ------
    ReadError
        The file is not a .docx package (not a zip, no ``word/document.xml``, damaged).
    """
    if path.stat().st_size == 0:
        # What Explorer's 新建 > Microsoft Word 文档 leaves until Word saves it: an empty
        # report, as a new .txt is, not a broken one.
        return Document(text="", source=str(path), format="docx")
    check_package(path, MAIN_PART, ".docx")
    try:
        document, missing = _opened(path)
        body, styles, notes = document.element.body, document.styles.element, _notes(document)
        numbering = Numbering.from_xml(_part(document, "/word/numbering.xml"), styles)
    except OSError:
        raise
    except Exception as exc:
        # python-docx, zipfile, zlib and lxml each raise their own errors on a damaged
        # package; to the user they all mean the same thing.
        raise ReadError(f"{path}: not a valid .docx file ({exc})") from exc
    if body is None:
        return Document(text="", source=str(path), format="docx")
    read = body_document(path, body, styles, notes, "docx", numbering, _parts(document))
    if not missing:
        return read
    damaged = damaged_warning(path, missing, "Word")
    logger.info(damaged)
    return dataclasses.replace(read, warnings=(damaged, *read.warnings))


def _opened(path: Path) -> tuple[Any, list[str]]:
    """python-docx's document of the package at ``path``, and the parts it names but lacks.

    python-docx loads every part a relationship names, and fails on one the zip lacks (a
    picture an exporting system left out, a target written ``NULL``); such a package is
    read without those relationships, as Word offers to recover it. A Strict Open XML
    document (Word's "Strict Open XML Document", 严格 Open XML 文档) is read in the
    transitional namespaces, which python-docx alone knows.
    """
    if _is_strict(path):
        mended, missing = _mended(path, strict=True)
        return _word_document(mended), missing
    try:
        return _word_document(str(path)), []
    except KeyError:
        # zipfile's error for a member it lacks; the package may lack none, and be
        # damaged otherwise.
        mended, missing = _mended(path)
        if not missing:
            raise
    return _word_document(mended), missing


#: The namespaces and relationship types of Strict Open XML (ISO/IEC 29500 strict), each
#: that of transitional Open XML in other words: .../wordprocessingml/main is
#: http://schemas.openxmlformats.org/wordprocessingml/2006/main.
_STRICT = re.compile(
    rb"http://purl\.oclc\.org/ooxml/(wordprocessingml|drawingml|officeDocument|schemaLibrary)"
    rb"/(\w+)"
)
#: The few whose transitional names are spelt otherwise.
_STRICT_NAMES = {b"extendedProperties": b"extended-properties",
                 b"customProperties": b"custom-properties"}


def _transitional(match: re.Match[bytes]) -> bytes:
    family, name = match.groups()
    return b"http://schemas.openxmlformats.org/%s/2006/%s" % (
        family, _STRICT_NAMES.get(name, name)
    )


def _is_strict(path: Path) -> bool:
    """Whether the package at ``path`` is Strict Open XML: its body, or its relationship to
    the body, is in the strict namespaces."""
    with zipfile.ZipFile(path) as package:
        with package.open(MAIN_PART) as part:
            # Word declares the namespaces on the root, at the top of the part.
            head = part.read(4096)
        names = set(package.namelist())
        package_relationships = package.read("_rels/.rels") if "_rels/.rels" in names else b""
    return any(_STRICT.search(data) for data in (head, package_relationships))


def _mended(path: Path, strict: bool = False) -> tuple[io.BytesIO, list[str]]:
    """A copy in memory of the package at ``path`` whose relationships name only parts it
    has, and the names of the parts the others named; with ``strict``, its XML in the
    transitional namespaces."""
    from docx.opc.packuri import PackURI
    from lxml import etree

    parser = xml_parser()
    missing: list[str] = []
    copy = io.BytesIO()
    with zipfile.ZipFile(path) as package, zipfile.ZipFile(copy, "w") as mended:
        names = set(package.namelist())
        for name in package.namelist():
            data = package.read(name)
            if strict and name.endswith((".xml", ".rels")):
                data = _STRICT.sub(_transitional, data)
            if name.endswith(".rels"):
                # word/_rels/document.xml.rels holds the relationships of word/document.xml,
                # whose targets are relative to word/.
                base = "/" + posixpath.dirname(posixpath.dirname(name))
                relationships = etree.fromstring(data, parser)
                for relationship in list(relationships):
                    if relationship.get("TargetMode") == "External":
                        continue
                    target = PackURI.from_rel_ref(base, relationship.get("Target", ""))
                    if target.membername not in names:
                        missing.append(target.membername)
                        relationships.remove(relationship)
                data = etree.tostring(relationships, xml_declaration=True, encoding="UTF-8")
            mended.writestr(name, data)
    copy.seek(0)
    return copy, missing


#: The content types of the document part of Word's macro-enabled documents (.docm) and
#: templates (.dotx, .dotm): the same part as a .docx's, which python-docx alone knows.
_OTHER_MAIN_PARTS = (
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)


def _word_document(package: str | io.BytesIO) -> Any:
    """python-docx's document of the Word package at the path ``package``, or in it: a
    .docx, and a .docm, .dotx or .dotm, which python-docx's own ``Document()`` refuses as
    "not a Word file"."""
    from docx.opc.part import PartFactory
    from docx.package import Package
    from docx.parts.document import DocumentPart

    for content_type in _OTHER_MAIN_PARTS:
        PartFactory.part_type_for.setdefault(content_type, DocumentPart)
    part = Package.open(package).main_document_part
    if not isinstance(part, DocumentPart):
        raise ValueError(f"its main part is no Word document ({part.content_type})")
    if part.element.tag != f"{_W}document":
        raise ValueError(f"its main part is no Word document (its root is {part.element.tag})")
    return part.document


def body_document(
    path: Path, body: Any, styles: Any, notes: dict[tuple[str, str], Any], format: str,
    numbering: Numbering | None = None,
    parts: Callable[[str], tuple[str, bytes] | None] | None = None,
) -> Document:
    """The :class:`Document` of a Word body, read as :func:`read_docx_file` describes.

    Parameters
    ----------
    path : pathlib.Path
        The file, for ``source``.
    body : lxml element
        The ``w:body``, parsed by python-docx's parser (its cells know their merges).
    styles : lxml element or None
        The ``w:styles``, of which the heading styles are found.
    notes : dict
        The footnotes and endnotes (``w:footnote``, ``w:endnote``) by kind and id, which
        the body's ``w:footnoteReference`` and ``w:endnoteReference`` cite.
    format : str
        The ``format`` of the document.
    numbering : Numbering, optional
        Word's automatic numbering, drawn before the paragraphs it numbers.
    parts : callable, optional
        The content type and bytes of the part a relationship id of the body names, or
        None: the chunks of other documents (``w:altChunk``) it holds, read where they
        stand, and the text of its SmartArt diagrams.

    Returns
    -------
    Document
    """
    headings, hidden = _heading_styles(styles), _hidden_styles(styles)
    contents, unended = _contents(body, styles)
    context = _Context(
        headings, notes, set(), numbering, hidden, [], parts, [], [], contents,
        parts is not None and next(body.iter(_DIAGRAM_IDS), None) is not None,
    )
    if unended:
        context.problems.append(
            "a table of contents (a TOC field) never ends, as in a damaged file: its lines "
            "are read as text"
        )
    lines = _contents_heading(list(_lines(body, context)))
    # A table of contents, the hidden text and what a chunk's reader set aside follow the
    # text, set off from it, for the report to show; a blank line stands where the contents
    # were, parting the text there.
    contents = [(line, kind) for line, kind in lines if kind == _CONTENTS]
    text, marks = tidy_marked([
        *(("", None) if kind == _CONTENTS else (line, kind) for line, kind in lines),
        ("", None), *contents, *((line, _HIDDEN) for line in context.hidden_lines),
        *((line, _CHUNK_FURNITURE + reason) for line, reason in context.furniture),
    ])
    warnings = tuple(
        f"{path}: {han_count(line)} Chinese characters of text hidden in the document "
        f"(Word's hidden format, 隐藏文字) are left out, beginning {line[:20]!r}: they are "
        "among the report's removed lines; if they are the report's, show them in Word "
        "(Font > Hidden) and save the file again"
        for line in context.hidden_lines
        if han_count(line) >= MIN_HAN_CHARS and any(char in TERMINAL for char in line)
    )
    for warning in warnings:
        logger.info(warning)
    warnings = (*(f"{path}: {problem}" for problem in context.problems), *warnings)
    return Document(
        source=str(path), format=format, warnings=warnings, headings=marks.get(HEADING, ()),
        table_rows=marks.get(TABLE_ROW, ()), notes=marks.get(NOTE, ()),
        **set_apart(text, marks.get(_CONTENTS, ()), TABLE_OF_CONTENTS, also=[
            *((*span, HIDDEN_TEXT) for span in marks.get(_HIDDEN, ())),
            *(
                (*span, mark.removeprefix(_CHUNK_FURNITURE))
                for mark, spans in marks.items() if mark.startswith(_CHUNK_FURNITURE)
                for span in spans
            ),
        ]),
    )


def _styles_by_id(styles) -> dict[str | None, Any]:
    by_id: dict[str | None, Any] = {}
    for style in styles.iterfind(f"{_W}style") if styles is not None else ():
        by_id.setdefault(style.get(f"{_W}styleId"), style)
    return by_id


def _based_on(style, by_id: dict[str | None, Any]) -> Iterator[Any]:
    """``style`` and the styles it is based on, nearest first."""

    def parent(style):
        based = style.find(f"{_W}basedOn")
        return by_id.get(based.get(f"{_W}val")) if based is not None else None

    return lineage(style, parent)


def _hidden_styles(styles) -> frozenset[str]:
    """The ids of the paragraph and character styles of ``styles`` (``w:styles``) that
    hide their text (w:vanish), themselves or by the style they are based on."""
    by_id = _styles_by_id(styles)

    def hides(style) -> bool:
        for ancestor in _based_on(style, by_id):
            vanish = ancestor.find(f"{_W}rPr/{_W}vanish")
            if vanish is not None:
                return is_on(vanish)
        return False

    return frozenset(
        style_id for style_id, style in by_id.items() if style_id is not None and hides(style)
    )


def _heading_styles(styles) -> frozenset[str]:
    """The ids of the paragraph styles of ``styles`` (``w:styles``) that make a heading:
    Word's headings, title and subtitle, and any style given an outline level (as 标题
    styles of Chinese templates are)."""
    by_id = _styles_by_id(styles)

    def is_heading(style) -> bool:
        # Word gives a style the outline level of the style it is based on.
        for ancestor in _based_on(style, by_id):
            level = ancestor.find(f"{_W}pPr/{_W}outlineLvl")
            if level is not None:
                return level.get(f"{_W}val") != _BODY_TEXT_LEVEL
            name = ancestor.find(f"{_W}name")
            name = (name.get(f"{_W}val", "") if name is not None else "").lower()
            if name.startswith("heading") or name in ("title", "subtitle"):
                return True
        return False

    return frozenset(
        style_id for style_id, style in by_id.items()
        if style_id is not None and style.get(f"{_W}type", "paragraph") == "paragraph"
        and is_heading(style)
    )


class _Context(NamedTuple):
    """What reading a paragraph needs from the rest of the package."""

    headings: frozenset[str]  # ids of the heading styles
    notes: dict[tuple[str, str], Any]  # (footnote or endnote, id) to its element
    read: set[tuple[str, str]]  # the notes read so far: one cited twice is read once
    numbering: Numbering | None  # counts the numbered paragraphs as they are read
    hidden: frozenset[str]  # ids of the styles hiding their text
    hidden_lines: list[str]  # the hidden text read so far, a line for each paragraph
    # the body's parts by relationship id: w:altChunk's, SmartArt's data
    parts: Callable[[str], tuple[str, bytes] | None] | None
    problems: list[str]  # what could not be read, for the document's warnings
    furniture: list[tuple[str, str]]  # what a chunk's reader set aside, with its reason
    contents: set[Any]  # the paragraphs of a table of contents (目录)
    diagrams: bool  # whether the body holds SmartArt diagrams, to look for in each paragraph


def _contents(body, styles) -> tuple[set[Any], bool]:
    """The paragraphs of ``body`` that make a table of contents (目录): those all of whose
    text is in the result of Word's TOC field, or in a style of a table of contents' lines
    or heading (:data:`_CONTENTS_STYLE`), and the lines of a table of contents (a heading,
    a tab, its page number) in the content control Word's 目录 gallery inserts it in. Its
    lines are the headings of the text again, with a tab and their page numbers.

    Also whether a TOC field never ends (a damaged file): its paragraphs are then read as
    text, rather than the whole report set aside.
    """
    by_id = _styles_by_id(styles)
    named = {
        style_id for style_id, style in by_id.items()
        if (name := style.find(f"{_W}name")) is not None
        and _CONTENTS_STYLE.fullmatch(name.get(_VAL, "").strip().lower())
    }
    found: set[Any] = set()
    # Text of a paragraph inside a TOC field's result, and outside any: a paragraph holding
    # both (a sentence before the field, a heading its end mark opens) is the text's.
    inside: dict[Any, list[Any]] = {}  # a paragraph to the TOC fields holding its text
    outside: set[Any] = set()
    closed: set[int] = set()  # the TOC fields that ended, by their number
    fields: list[list] = []  # the fields open: [number, instruction so far, in its result]
    count = 0
    paragraph = None
    tags = (
        f"{_W}p", f"{_W}sdt", _FIELD_CHAR, _INSTRUCTION, _SIMPLE_FIELD, _T, _MATH_TEXT
    )
    # A field may run over many paragraphs, from its start in one to its end in another.
    for node in body.iter(*tags):
        tag = node.tag
        if tag == f"{_W}p":
            paragraph = node
            style = node.find(f"{_W}pPr/{_W}pStyle")
            if style is not None and style.get(_VAL) in named:
                found.add(node)
        elif tag in (_T, _MATH_TEXT):
            if not (node.text or "").strip():
                continue
            toc = next((f for f in fields if f[2] and _CONTENTS_FIELD.match("".join(f[1]))), None)
            if toc is not None:
                inside.setdefault(paragraph, []).append(toc[0])
            elif not any(
                _CONTENTS_FIELD.match(field.get(f"{_W}instr", ""))
                for field in node.iterancestors(_SIMPLE_FIELD)
            ):
                outside.add(paragraph)
        elif tag == f"{_W}sdt":
            gallery = node.find(f"{_W}sdtPr/{_W}docPartObj/{_W}docPartGallery")
            if gallery is not None and "table of contents" in gallery.get(_VAL, "").lower():
                found.update(_control_contents(node))
        elif tag == _FIELD_CHAR:
            kind = node.get(_FIELD_CHAR_TYPE)
            if kind == "begin":
                count += 1
                fields.append([count, [], False])
            elif kind == "separate" and fields:
                fields[-1][2] = True
            elif kind == "end" and fields:
                closed.add(fields.pop()[0])
        elif tag == _INSTRUCTION and fields:
            fields[-1][1].append(node.text or "")
        elif tag == _SIMPLE_FIELD and _CONTENTS_FIELD.match(node.get(f"{_W}instr", "")):
            count += 1
            closed.add(count)
            inside.setdefault(paragraph, []).append(count)
    found.update(
        p for p, numbers in inside.items()
        if p is not None and p not in outside and all(n in closed for n in numbers)
    )
    unended = any(n not in closed for numbers in inside.values() for n in numbers)
    return found, unended


def _control_contents(control) -> list[Any]:
    """The paragraphs of the lines of contents (a heading, a tab or dot leaders, a page
    number) in the 目录 gallery's content control ``control``, from the first in a row:
    text above them (a title) or after them (a section's heading, a line of a table, 全县
    幼儿园数（所）<tab>128) is the report's."""
    found: list[Any] = []
    for paragraph in control.iter(f"{_W}p"):
        line = "".join(
            "\t" if t.tag in (_TAB, _PTAB) else t.text or ""
            for t in paragraph.iter(_T, _TAB, _PTAB)
        ).strip()
        if _CONTENTS_LINE.search(line):
            found.append(paragraph)
        elif line and found:
            break
    return found


def _contents_heading(lines: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """``lines``, the heading of a table of contents (目  录, Contents) on the line above it
    marked as its line too, though in no style or control of one."""
    above = None  # the last line with text, by its index
    for at, (line, kind) in enumerate(lines):
        if kind == _CONTENTS and above is not None and lines[above][1] != _CONTENTS:
            if _CONTENTS_HEADING.fullmatch(lines[above][0].strip()):
                lines[above] = (lines[above][0], _CONTENTS)
        if line.strip():
            above = at
    return lines


def _part(document, name: str) -> Any:
    """The root element of the package's part ``name`` (``/word/numbering.xml``), or None."""
    from docx.oxml import parse_xml

    for part in document.part.package.iter_parts():
        if str(part.partname) == name:
            # python-docx's parser, so that runs read as they do in the body.
            return parse_xml(part.blob)
    return None


def _notes(document) -> dict[tuple[str, str], Any]:
    """The footnotes and endnotes of ``document`` by kind and id (separators left out)."""
    found = {}
    for kind in ("footnote", "endnote"):
        root = _part(document, f"/word/{kind}s.xml")
        for note in root.iterfind(f"{_W}{kind}") if root is not None else ():
            if note.get(f"{_W}type") is None:
                found[kind, note.get(f"{_W}id")] = note
    return found


def _boxes(paragraph) -> Iterator[Any]:
    """The text boxes of a paragraph (a 专栏 beside the text), read after it."""
    for box in paragraph.iter(f"{_W}txbxContent"):
        outer = itertools.takewhile(lambda node: node is not paragraph, box.iterancestors())
        # A text box comes twice, for new and old Word (mc:Fallback); and a box in a box
        # is read with its box.
        if not any(node.tag in (_FALLBACK, f"{_W}txbxContent") for node in outer):
            yield box


#: What parts the steps of a SmartArt chart on their one line, unless a step ends a
#: sentence of its own.
_STEP_SEPARATOR = "；"
_SENTENCE_ENDS = "。！？；!?;"
_DIAGRAM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
#: DrawingML, the text of diagrams, and of shapes and tables on PowerPoint's slides.
DRAWING = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_DIAGRAM_IDS, _DIAGRAM_POINT = f"{{{_DIAGRAM}}}relIds", f"{{{_DIAGRAM}}}pt"
_DIAGRAM_TEXT = f"{{{_DIAGRAM}}}t"
_DIAGRAM_DATA = "application/vnd.openxmlformats-officedocument.drawingml.diagramData+xml"
#: The points of a diagram's data that hold no text of its shapes: how it is drawn, and
#: the connectors between them.
_DIAGRAM_LAYOUT = frozenset({"pres", "parTrans", "sibTrans"})


def _diagram_lines(paragraph, context: _Context) -> Iterator[str]:
    """The text of the SmartArt diagrams of ``paragraph`` (a flow chart of a plan's steps),
    a line for each paragraph of each of its shapes, in the order of its data part
    (``word/diagrams/data1.xml``), read after the paragraph as its text boxes are."""
    from docx.oxml import parse_xml

    for ids in paragraph.iter(_DIAGRAM_IDS):
        outer = itertools.takewhile(lambda node: node is not paragraph, ids.iterancestors())
        # A diagram in a text box is read with the box; one in mc:Fallback is a copy.
        if any(node.tag in (_FALLBACK, f"{_W}txbxContent") for node in outer):
            continue
        found = context.parts(ids.get(DIAGRAM_DATA_ID, "")) if context.parts else None
        if found is None or found[0] != _DIAGRAM_DATA:
            context.problems.append("a SmartArt diagram whose text is missing is left out")
            continue
        yield from diagram_steps(parse_xml(found[1]))


def diagram_steps(data) -> Iterator[str]:
    """The text of a SmartArt diagram whose data part (``dgm:dataModel``) is ``data``: a
    line for each paragraph of each of its shapes, in the data's order."""
    for point in data.iter(_DIAGRAM_POINT):
        text = point.find(_DIAGRAM_TEXT)
        if text is not None and point.get("type", "node") not in _DIAGRAM_LAYOUT:
            for line in text.iter(f"{DRAWING}p"):
                yield "".join(run.text or "" for run in line.iter(f"{DRAWING}t"))


def diagram_line(steps: Iterable[str]) -> str:
    """A diagram's ``steps`` on one line, parted by ；unless a step ends a sentence of its
    own; "" when none holds text."""
    return "".join(
        step if step[-1] in _SENTENCE_ENDS else step + _STEP_SEPARATOR
        for step in map(str.strip, steps) if step
    ).removesuffix(_STEP_SEPARATOR)


def _cited(element, context: _Context) -> Iterator[Any]:
    """The footnotes and endnotes ``element`` cites that were not read yet."""
    for kind in ("footnote", "endnote"):
        for reference in element.iter(f"{_W}{kind}Reference"):
            key = (kind, reference.get(f"{_W}id"))
            note = context.notes.get(key)
            if note is not None and key not in context.read:
                context.read.add(key)
                yield note


def _is_heading(paragraph, headings: frozenset[str]) -> bool:
    style = paragraph.find(f"{_W}pPr/{_W}pStyle")
    if style is not None and style.get(f"{_W}val") in headings:
        return True
    level = paragraph.find(f"{_W}pPr/{_W}outlineLvl")
    return level is not None and level.get(f"{_W}val") != _BODY_TEXT_LEVEL


def _lines(
    element, context: _Context, notes: bool = True
) -> Iterator[tuple[str, str | None]]:
    """The lines of ``element``, each with what it is: a heading by its style, a table
    row, a note, or None for text. With ``notes``, the notes a paragraph cites follow it;
    a table reads its cells' notes after itself."""
    children = list(element.iterchildren())
    under_table = False  # right below a table, or below its caption or note there
    for at, child in enumerate(children):
        if child.tag == f"{_W}p":
            hidden_before = len(context.hidden_lines)
            text = SOFT_BREAK.sub("", _shown_text(child, context)).replace(_HARD_BREAK, "\n")
            # A paragraph deleted or moved away with Track Changes on takes no number, as
            # Word shows the text as it now stands.
            gone = any(child.find(mark) is not None for mark in _GONE_MARKS)
            if context.numbering and not gone:
                shown = bool(text.strip())
                number = drawn_number(
                    context.numbering.label(child), shown, element.tag == _CELL
                )
                text = number + text if shown else number or text
            kind = (
                _CONTENTS if child in context.contents
                else _paragraph_kind(child, text, children, at, context, under_table)
            )
            # A paragraph all hidden is no empty line, which would part the text around it.
            if text.strip() or len(context.hidden_lines) == hidden_before:
                yield text, kind
                under_table = under_table and (kind == TABLE_ROW or not text.strip())
            for box in _boxes(child):
                yield from _lines(box, context, notes)
            if context.diagrams:
                # A diagram's steps, one line: a paragraph when long enough, never a heading
                # of the text below (its last step had headed it), as notes are.
                line = diagram_line(_diagram_lines(child, context))
                if line:
                    yield line, NOTE
            if notes:
                yield from _note_lines(child, context)
        elif child.tag == f"{_W}tbl":
            yield from _table_lines(child, context)
            yield from _note_lines(child, context)
            under_table = True
        elif child.tag in _BLOCK_WRAPPERS:
            yield from _lines(child, context, notes)
            under_table = False
        elif child.tag == _ALT_CHUNK:
            yield from _chunk_lines(child, context)
            under_table = False


_ALT_CHUNK = f"{_W}altChunk"
#: The mark of the lines a chunk's reader set aside, before the reason it gave.
_CHUNK_FURNITURE = "chunk furniture: "
_CELL = f"{_W}tc"
#: A paragraph's mark deleted, or moved away, with Track Changes on: Word shows the
#: paragraph joined to the next, gone, or where it was moved to.
_GONE_MARKS = (f"{_W}pPr/{_W}rPr/{_W}del", f"{_W}pPr/{_W}rPr/{_W}moveFrom")
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_RELATIONSHIP_ID = f"{_R}id"
#: The attribute naming a diagram's data part (``dgm:relIds r:dm``).
DIAGRAM_DATA_ID = f"{_R}dm"
#: The file a chunk's content type is read as, by the reader of its kind.
_CHUNK_SUFFIXES = {
    "text/html": ".html", "application/xhtml+xml": ".html", "message/rfc822": ".mht",
    "multipart/related": ".mht", "application/rtf": ".rtf", "text/rtf": ".rtf",
    "text/plain": ".txt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": ".docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.ms-word.document.macroEnabled.main+xml": ".docx",
}


def _parts(document) -> Callable[[str], tuple[str, bytes] | None]:
    """The content type and bytes of the part of ``document`` a relationship id names."""
    rels = document.part.rels

    def chunk(rid: str) -> tuple[str, bytes] | None:
        relationship = rels.get(rid)
        if relationship is None or relationship.is_external:
            return None
        part = relationship.target_part
        return part.content_type, part.blob

    return chunk


def _chunk_lines(element, context: _Context) -> Iterator[tuple[str, str | None]]:
    """The lines of a chunk of another document the body holds (``w:altChunk``: a web page,
    an .mht, RTF, text or a .docx, as web and office systems export a report into Word),
    read by the reader of its kind where it stands, with its headings and table rows."""
    from . import read  # the readers of every kind; this module is one of them

    found = context.parts(element.get(_RELATIONSHIP_ID, "")) if context.parts else None
    suffix = _CHUNK_SUFFIXES.get(found[0].split(";")[0].strip().lower()) if found else None
    if found is None or suffix is None:
        what = f"of type {found[0]}" if found else "whose part is missing"
        context.problems.append(f"a chunk of another document {what} is left out")
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "chunk" + suffix)
        path.write_bytes(found[1])
        # Said of the chunk, not of a file that is gone once read.
        shown = "its chunk of another document"
        try:
            document = read(path)
        except ReadError as exc:
            context.problems.append(str(exc).replace(str(path), shown))
            return
    context.problems.extend(warning.replace(str(path), shown) for warning in document.warnings)
    context.furniture.extend(
        (document.whole_text[start:end], reason) for start, end, reason in document.furniture
    )
    # The readers mark whole lines: a mark's span starts where its line does.
    kinds = {start: kind for kind, spans in (
        (HEADING, document.headings), (TABLE_ROW, document.table_rows), (NOTE, document.notes)
    ) for start, _ in spans}
    offset = 0
    for line in document.text.split("\n"):
        yield line, kinds.get(offset) if line else None
        offset += len(line) + 1


def _wrapped(element, tag: str) -> Iterator[Any]:
    """The children of ``element`` of ``tag``, and those inside content controls and custom
    XML there: a table's rows in a repeating section, a row's cells in a control."""
    for child in element.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag in _BLOCK_WRAPPERS:
            yield from _wrapped(child, tag)


def _shown_text(paragraph, context: _Context) -> str:
    """The text of ``paragraph`` that Word shows; its hidden text (w:vanish, of the run,
    its character style or the paragraph's style; not w:webHidden, which Word shows on the
    page) is added to ``context.hidden_lines``."""
    style = paragraph.find(f"{_W}pPr/{_W}pStyle")
    hidden_paragraph = style is not None and style.get(f"{_W}val") in context.hidden
    shown: list[str] = []
    hidden: list[str] = []
    for run in _runs(paragraph):
        is_hidden, text = hidden_paragraph, []
        # One pass over the run's children: python-docx's ``CT_R.text`` evaluates a path
        # for each run, which took most of the time of reading a .docx.
        for child in run.iterchildren():
            tag = child.tag
            if tag == _T or tag == _MATH_TEXT:
                text.append(child.text or "")
            elif tag == _RUN_PROPERTIES:
                vanish = child.find(_VANISH)
                if vanish is not None:
                    is_hidden = is_on(vanish)
                else:
                    style = child.find(_RUN_STYLE)
                    if style is not None and style.get(_VAL) in context.hidden:
                        is_hidden = True
            elif tag in _RUN_CHARACTERS:
                text.append(_RUN_CHARACTERS[tag])
            elif tag == _SYMBOL:
                text.append(_symbol(child))
            elif tag == _BREAK:
                # A break of a page or a column ends the line, as a paragraph's end would
                # (Ctrl+Enter before 附件1); a manual line break may be layout only.
                wrapping = child.get(_TYPE, "textWrapping") == "textWrapping"
                text.append("\n" if wrapping else _HARD_BREAK)
        (hidden if is_hidden else shown).extend(text)
    if hidden:
        context.hidden_lines.append(" ".join("".join(hidden).split()))
    return "".join(shown)


def _symbol(sym) -> str:
    """The character a ``w:sym`` shows, of the common ones (:data:`_SYMBOLS`). Any other
    is left out: a symbol font's code says nothing of the character it draws, and a
    placeholder would be read as text."""
    try:
        code = int(sym.get(_CHAR, ""), 16)
    except ValueError:
        return ""
    code -= _PRIVATE_USE if code >= _PRIVATE_USE else 0
    return _SYMBOLS.get(sym.get(_FONT, "").strip().lower(), {}).get(code, "")


def _note_lines(element, context: _Context) -> Iterator[tuple[str, str | None]]:
    for note in _cited(element, context):
        yield from ((line, NOTE) for line, _ in _lines(note, context))


def _paragraph_kind(
    paragraph, text: str, siblings: list, at: int, context: _Context, under_table: bool
) -> str | None:
    """The mark of the paragraph ``siblings[at]``: a heading by its style, a table's
    caption or note, or None. ``under_table``: it stands right below a table, or below
    the table's caption or note there."""
    if _is_heading(paragraph, context.headings):
        return HEADING
    # A caption just above a table belongs to it, and so do a caption (where Word's Insert
    # Caption puts it) and a note just below it; the caption below had headed the
    # paragraphs after the table.
    next_tag = siblings[at + 1].tag if at + 1 < len(siblings) else None
    line = text.strip()
    if (next_tag == f"{_W}tbl" and TABLE_CAPTION.match(line)) or (
        under_table and (TABLE_CAPTION.match(line) or _TABLE_NOTE.match(line))
    ):
        return TABLE_ROW
    return None


def _table_lines(table, context: _Context) -> Iterator[tuple[str, str | None]]:
    """A table's lines, a row per line with its cells parted by tabs. A row of short cells
    (figures, departments, dates; a cell's short paragraphs joined by a space) is a table
    row; a row with a long cell (a task in a task table) is read as a paragraph. A row with
    a cell of several paragraphs of prose, or of one cell of prose, lays out text: each
    of its paragraphs gets a line, with what it is (a heading by its style, a nested
    table's row).

    Empty cells and the columns a cell spans are kept as empty fields, so that the rows of
    a table part the same number of fields. A short cell merged down over several rows (a
    category beside its tasks or figures) is repeated in each, so that every row says what
    it is about; a longer one is read once.
    """
    from docx.oxml.simpletypes import ST_Merge

    merged: dict[int, str] = {}  # the text of the cell merged down from above, by column
    rows = [
        # Deleted with Track Changes on, as a deletion's text (w:delText) is.
        row for row in _wrapped(table, f"{_W}tr") if row.find(f"{_W}trPr/{_W}del") is None
    ]
    for row in rows:
        cells: list[list[str]] = []
        marked: list[tuple[str, str | None]] = []  # the row's lines, were it laid out
        repeated: dict[int, str] = {}
        for cell in _wrapped(row, f"{_W}tc"):
            column = len(cells)
            if cell.vMerge == ST_Merge.CONTINUE:
                lines = []
                repeated[column] = merged.get(column, "")
            else:
                cell_marked = [
                    (line, kind) for line, kind in _lines(cell, context, notes=False)
                    if line.strip()
                ]
                marked.extend(cell_marked)
                lines = [line for line, _ in cell_marked]
                text = _cell_text(lines)
                if cell.vMerge == ST_Merge.RESTART and text and not is_prose_cell(text):
                    merged[column] = text
                else:
                    merged.pop(column, None)
            cells.append(lines)
            cells.extend([] for _ in range(cell.grid_span - 1))
        yield from row_lines(cells, marked, repeated, len(rows) == 1)


def row_lines(
    cells: list[list[str]], marked: list[tuple[str, str | None]], repeated: dict[int, str],
    alone: bool,
) -> Iterator[tuple[str, str | None]]:
    """The lines of a table's row, as :func:`_table_lines` describes them: one, its cells
    parted by tabs, a table row unless it is prose; or, in a table laid out around text,
    the lines of its cells.

    Parameters
    ----------
    cells : list of list of str
        The lines of each of its cells, an empty list for a column a cell spans or one
        merged down from above.
    marked : list of (str, str or None)
        The lines of its cells, each with what it is, read when the row lays out text.
    repeated : dict
        The text of the short cells merged down from above, by column, repeated in the row.
    alone : bool
        Whether it is the table's only row.
    """
    joined = [_cell_text(lines) for lines in cells]
    filled = [text for text in joined if text]
    layout = any(len(lines) > 1 and is_prose_cell(" ".join(lines)) for lines in cells)
    # A table of one cell framing a title (a box around 清水县教育局2023年工作汇报) holds
    # the report's title; one of figures, a unit line, a source's note, a form's label
    # is the table's.
    boxed = alone and len(filled) == 1 and _BOXED_TITLE.search(filled[0])
    if layout or boxed or (len(filled) == 1 and is_prose_cell(filled[0])):
        yield from marked
        return
    for column, text in repeated.items():
        joined[column] = text
    if filled:
        line = TABLE_CELL_SEPARATOR.join(joined)
        line = line if TABLE_CELL_SEPARATOR in line else line + TABLE_CELL_SEPARATOR
        yield line, None if is_prose_row(filled) else TABLE_ROW


#: A title, which a table of one cell may frame: it ends in the kind of document it is.
_BOXED_TITLE = re.compile(rf"^[^，,。；;：:\t]{{4,60}}{DOCUMENT_KIND}$")


def _cell_text(lines: list[str]) -> str:
    """A cell's ``lines`` on one line of its row: its paragraphs, and the lines a manual
    line break parts inside them (Shift+Enter after a sentence), joined by a space."""
    return " ".join(lines).replace("\n", " ")
