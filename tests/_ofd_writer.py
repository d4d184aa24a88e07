"""Builds OFD files (GB/T 33190-2016) for the tests: no OFD software is at hand.

:func:`write_ofd` writes the package the standard describes, as the producers of official
documents write it: ``OFD.xml`` naming each document's ``Document.xml``, which names its
pages (``Pages/Page_N/Content.xml``), its template page and its fonts; a page's text
objects, each a line placed in millimetres (the y axis pointing down) with a text code
whose DeltaX places every character. :func:`place` sets lines of text as a report sets
them; :func:`table_row` and :func:`spread` set a line's characters apart as a table's
cells, or a title spread wide; :func:`damage` damages a part of a package written.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape, quoteattr

NAMESPACE = "http://www.ofdspec.org/2016"
#: An A4 page, and the type area of an official document on it (GB/T 9704): 28 characters
#: of 16 points (5.6 mm) a line, 22 lines.
PAGE = (0, 0, 210, 297)
LEFT, TOP, SIZE, PITCH = 28.0, 37.0, 5.6, 10.0
LINE_CHARS = 28


class Text(NamedTuple):
    """A line of text placed on a page: its first character's left edge and baseline (in
    mm, from the page's top left), its size; the advance of each character after the
    first (DeltaX), by default its width (a Chinese character's the size, others half);
    the object's CTM and ReadDirection, if any; with ``down``, the characters are set down
    a column instead (DeltaY, no DeltaX); with ``glyphs``, the code's text is blanks and a
    CGTransform gives its glyphs, as an embedded font without character codes draws it."""

    x: float
    y: float
    text: str
    size: float = SIZE
    deltas: tuple[float, ...] | None = None
    ctm: tuple[float, ...] | None = None
    read_direction: int | None = None
    down: bool = False
    glyphs: bool = False


class Image(NamedTuple):
    """An image placed on a page (a seal, a scanned page), in mm."""

    x: float
    y: float
    width: float
    height: float


class Outline(NamedTuple):
    """A shape drawn as a path, in mm: a rule, a frame, or a character's outline, as
    converters from PDF that keep no text (pdf2ofd) draw each character."""

    x: float
    y: float
    width: float
    height: float


class Composite(NamedTuple):
    """``items`` (:class:`Text`) drawn as a composite graphic unit of the document's
    resources, which a CompositeObject places at ``x``, ``y`` (in mm) through ``ctm``:
    how some producers draw what recurs, an issuer's red heading."""

    x: float
    y: float
    items: list
    ctm: tuple[float, ...] | None = None


def width(char: str, size: float = SIZE) -> float:
    """How far a character advances: a Chinese one (or a full-width mark) the size."""
    return size if ord(char) > 0x2E7F else size / 2


def place(lines: list[str], top: float = TOP, size: float = SIZE) -> list[Text]:
    """``lines`` set a line each from ``top`` down, at the left margin; a line's leading
    ideographic blanks (a first line's indent) are a shift of the line, as Word and WPS
    place an indented line."""
    placed = []
    for row, line in enumerate(lines):
        text = line.lstrip("　")
        indent = size * (len(line) - len(text))
        placed.append(Text(LEFT + indent, top + PITCH * row, text, size))
    return placed


def centred(text: str, y: float, size: float = SIZE) -> Text:
    """``text`` centred on the page, its baseline at ``y``."""
    return Text((PAGE[2] - sum(width(char, size) for char in text)) / 2, y, text, size)


def table_row(x: float, y: float, cells: list[str], columns: list[float]) -> Text:
    """A table's row set in one text code, each cell at the left of its column (the
    columns' widths, in mm, from ``x``): the code's DeltaX jumps over the gaps."""
    text, deltas = "", []
    for cell, column in zip(cells, columns, strict=True):
        text += cell
        deltas += [width(char) for char in cell[:-1]]
        # The cell's last character advances to the next column's left.
        deltas.append(column - sum(deltas[len(deltas) - len(cell) + 1 :]))
    return Text(x, y, text, deltas=tuple(deltas[:-1]))


def spread(x: float, y: float, text: str, step: float) -> Text:
    """``text`` set with its characters ``step`` mm apart, as a title spread wide."""
    return Text(x, y, text, deltas=(step,) * (len(text) - 1))


def characters(items: list) -> list:
    """``items`` with each character of a :class:`Text` an object of its own, as some
    producers draw every character, placed where the line's advances put it."""
    drawn = []
    for item in items:
        if not isinstance(item, Text) or item.down:
            drawn.append(item)
            continue
        deltas = item.deltas if item.deltas is not None else tuple(
            width(char, item.size) for char in item.text[:-1]
        )
        x = item.x
        for k, char in enumerate(item.text):
            if not char.isspace():
                drawn.append(item._replace(x=x, text=char, deltas=None))
            x += deltas[k] if k < len(deltas) else 0
    return drawn


def _deltas(text: Text, compress: bool) -> str:
    deltas = text.deltas if text.deltas is not None else tuple(
        width(char, text.size) for char in text.text[:-1]
    )
    if compress and deltas and len(set(deltas)) == 1:
        return f"g {len(deltas)} {deltas[0]:g}"
    return " ".join(f"{delta:g}" for delta in deltas)


def _objects(
    items: list, tag, ids, compress: bool, size_name: str = "Size", units: list | None = None
) -> str:
    """The XML of ``items``; a :class:`Composite`'s unit goes in ``units``."""
    xml = []
    for item in items:
        if isinstance(item, Composite):
            unit = next(ids)
            units.append(
                f'<{tag("CompositeGraphicUnit")} ID="{unit}" Width="210" Height="297">'
                f'<{tag("Content")}>{_objects(item.items, tag, ids, compress, size_name)}'
                f'</{tag("Content")}></{tag("CompositeGraphicUnit")}>'
            )
            ctm = f' CTM="{" ".join(f"{v:g}" for v in item.ctm)}"' if item.ctm else ""
            xml.append(
                f'<{tag("CompositeObject")} ID="{next(ids)}" ResourceID="{unit}" '
                f'Boundary="{item.x:g} {item.y:g} 210 297"{ctm}/>'
            )
            continue
        if isinstance(item, Image):
            xml.append(
                f'<{tag("ImageObject")} ID="{next(ids)}" ResourceID="90" '
                f'Boundary="{item.x:g} {item.y:g} {item.width:g} {item.height:g}"/>'
            )
            continue
        if isinstance(item, Outline):
            xml.append(
                f'<{tag("PathObject")} ID="{next(ids)}" Fill="true" '
                f'Boundary="{item.x:g} {item.y:g} {item.width:g} {item.height:g}">'
                f'<{tag("AbbreviatedData")}>M 0 0 L {item.width:g} 0 L {item.width:g} '
                f'{item.height:g} L 0 {item.height:g} C</{tag("AbbreviatedData")}>'
                f'</{tag("PathObject")}>'
            )
            continue
        # The boundary's origin is the top left of the line; the code's Y its baseline,
        # the size below it. Under a scaling CTM, the object's own coordinates are the
        # page's divided by its scale.
        scale = item.ctm[3] if item.ctm and item.ctm[3] else 1
        line_width = sum(width(char, item.size * scale) for char in item.text)
        top = item.y - item.size * scale
        attributes = (
            f'ID="{next(ids)}" Font="3" {size_name}="{item.size:g}" '
            f'Boundary="{item.x:g} {top:g} {line_width:g} {1.5 * item.size * scale:g}"'
        )
        if item.ctm is not None:
            attributes += f' CTM="{" ".join(f"{v:g}" for v in item.ctm)}"'
        if item.read_direction is not None:
            attributes += f' ReadDirection="{item.read_direction}"'
        deltas = (
            f'DeltaY="g {len(item.text) - 1} {PITCH:g}"' if item.down
            else f'DeltaX="{_deltas(item, compress)}"'
        )
        code = (
            f'<{tag("TextCode")} X="0" Y="{item.size:g}" {deltas}>'
            f'{" " * len(item.text) if item.glyphs else escape(item.text)}</{tag("TextCode")}>'
        )
        if item.glyphs:
            count = len(item.text)
            glyphs = " ".join(str(300 + k) for k in range(count))
            code = (
                f'<{tag("CGTransform")} CodePosition="0" CodeCount="{count}" '
                f'GlyphCount="{count}"><{tag("Glyphs")}>{glyphs}</{tag("Glyphs")}>'
                f'</{tag("CGTransform")}>{code}'
            )
        xml.append(
            f'<{tag("TextObject")} {attributes}>'
            f'<{tag("FillColor")} Value="0 0 0"/>{code}</{tag("TextObject")}>'
        )
    return "".join(xml)


def write_ofd(
    path: Path,
    pages: list[list],
    template: list | None = None,
    prefix: str | None = "ofd",
    absolute: bool = False,
    blocks: bool = False,
    documents: list[int] | None = None,
    missing: tuple[int, ...] = (),
    encrypted: bool = False,
    compress: bool = True,
    title: str = "测试公文",
    attachments: dict[str, bytes] | None = None,
    size_name: str = "Size",
) -> Path:
    """Write an OFD of ``pages`` (lists of :class:`Text`, :class:`Image`,
    :class:`Outline` and :class:`Composite`).

    ``template`` holds the items of a template page every page uses (a running header).
    ``prefix`` is the OFD namespace's prefix (None: the default namespace, no prefix).
    ``absolute`` names parts by absolute paths (/Doc_0/...), as some producers do;
    ``blocks`` wraps a page's objects in nested PageBlocks; ``documents`` splits the pages
    into documents of so many pages each; the pages numbered (from 1) in ``missing`` are
    named but not in the package; ``encrypted`` adds an encryption's description;
    ``compress`` writes equal advances as ``g N d``; ``attachments`` (their names, and the
    bytes of their files) go with the first document, listed in its Attachments.xml;
    ``size_name`` names a text object's size attribute (easyofd writes ``size``).
    """

    def tag(name: str) -> str:
        return f"{prefix}:{name}" if prefix else name

    declaration = f'xmlns:{prefix}="{NAMESPACE}"' if prefix else f'xmlns="{NAMESPACE}"'
    head = '<?xml version="1.0" encoding="UTF-8"?>'
    documents = documents or [len(pages)]
    assert sum(documents) == len(pages)
    slash = "/" if absolute else ""
    parts: dict[str, str | bytes] = {}
    bodies = []
    number = 0
    for doc, count in enumerate(documents):
        folder = f"Doc_{doc}"
        bodies.append(
            f'<{tag("DocBody")}><{tag("DocInfo")}><{tag("DocID")}>{doc:032d}</{tag("DocID")}>'
            f'<{tag("Title")}>{escape(title)}</{tag("Title")}>'
            f'<{tag("CreationDate")}>2024-03-15</{tag("CreationDate")}></{tag("DocInfo")}>'
            f'<{tag("DocRoot")}>{slash}{folder}/Document.xml</{tag("DocRoot")}></{tag("DocBody")}>'
        )
        base = f"{slash}{folder}/" if absolute else ""
        template_ref = ""
        ids = iter(range(10, 100_000))
        units: list[str] = []
        if template is not None:
            template_ref = f'<{tag("TemplatePage")} ID="2" BaseLoc="{base}Tpls/Tpl_0/Content.xml"/>'
            drawn = _objects(template, tag, ids, compress, size_name, units)
            parts[f"{folder}/Tpls/Tpl_0/Content.xml"] = (
                f'{head}<{tag("Page")} {declaration}><{tag("Content")}>'
                f'<{tag("Layer")} ID="4" Type="Background">{drawn}'
                f'</{tag("Layer")}></{tag("Content")}></{tag("Page")}>'
            )
        page_refs = []
        for k in range(count):
            number += 1
            page_refs.append(
                f'<{tag("Page")} ID="{100 + number}" BaseLoc="{base}Pages/Page_{k}/Content.xml"/>'
            )
            if number in missing:
                continue
            objects = _objects(pages[number - 1], tag, ids, compress, size_name, units)
            if blocks:
                objects = (
                    f'<{tag("PageBlock")} ID="{next(ids)}"><{tag("PageBlock")} ID="{next(ids)}">'
                    f'{objects}</{tag("PageBlock")}></{tag("PageBlock")}>'
                )
            uses = f'<{tag("Template")} TemplateID="2" ZOrder="Background"/>' if template else ""
            parts[f"{folder}/Pages/Page_{k}/Content.xml"] = (
                f'{head}<{tag("Page")} {declaration}>{uses}<{tag("Content")}>'
                f'<{tag("Layer")} ID="5">{objects}</{tag("Layer")}></{tag("Content")}>'
                f'</{tag("Page")}>'
            )
        attachments_ref = ""
        if attachments and doc == 0:
            attachments_ref = (
                f'<{tag("Attachments")}>Attachs/Attachments.xml</{tag("Attachments")}>'
            )
            listed = []
            for k, (name, content) in enumerate(attachments.items()):
                parts[f"{folder}/Attachs/file_{k}.ofd"] = content
                listed.append(
                    f'<{tag("Attachment")} ID="a{k}" Name={quoteattr(name)} Format="ofd">'
                    f'<{tag("FileLoc")}>file_{k}.ofd</{tag("FileLoc")}></{tag("Attachment")}>'
                )
            parts[f"{folder}/Attachs/Attachments.xml"] = (
                f'{head}<{tag("Attachments")} {declaration}>{"".join(listed)}'
                f'</{tag("Attachments")}>'
            )
        document_res = ""
        if units:
            document_res = f'<{tag("DocumentRes")}>DocumentRes.xml</{tag("DocumentRes")}>'
            parts[f"{folder}/DocumentRes.xml"] = (
                f'{head}<{tag("Res")} {declaration} BaseLoc="Res">'
                f'<{tag("CompositeGraphicUnits")}>{"".join(units)}'
                f'</{tag("CompositeGraphicUnits")}></{tag("Res")}>'
            )
        box = " ".join(map(str, PAGE))
        parts[f"{folder}/Document.xml"] = (
            f'{head}<{tag("Document")} {declaration}><{tag("CommonData")}>'
            f'<{tag("MaxUnitID")}>100000</{tag("MaxUnitID")}>'
            f'<{tag("PageArea")}><{tag("PhysicalBox")}>{box}</{tag("PhysicalBox")}>'
            f'</{tag("PageArea")}><{tag("PublicRes")}>PublicRes.xml</{tag("PublicRes")}>'
            f'{document_res}{template_ref}</{tag("CommonData")}><{tag("Pages")}>{"".join(page_refs)}'
            f'</{tag("Pages")}>{attachments_ref}</{tag("Document")}>'
        )
        parts[f"{folder}/PublicRes.xml"] = (
            f'{head}<{tag("Res")} {declaration} BaseLoc="Res"><{tag("Fonts")}>'
            f'<{tag("Font")} ID="3" FontName={quoteattr("仿宋_GB2312")} FamilyName="仿宋"/>'
            f'</{tag("Fonts")}></{tag("Res")}>'
        )
    encryptions = ""
    if encrypted:
        encryptions = f'<{tag("Encryptions")}>Encryptions.xml</{tag("Encryptions")}>'
        parts["Encryptions.xml"] = f'{head}<{tag("Encryptions")} {declaration}/>'
    parts["OFD.xml"] = (
        f'{head}<{tag("OFD")} {declaration} DocType="OFD" Version="1.0">'
        f'{"".join(bodies)}{encryptions}</{tag("OFD")}>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("OFD.xml", parts.pop("OFD.xml"))
        for name, xml in parts.items():
            package.writestr(name, xml)
    return path


def rezip(path: Path, target: Path, rename) -> Path:
    """A copy at ``target`` of the package at ``path``, each member's name changed by
    ``rename``, as a zipper other than the producer's writes it again."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as copy:
        for name in source.namelist():
            copy.writestr(rename(name), source.read(name))
    return target


def damage(path: Path, member: str, in_zip: bool = False) -> Path:
    """The package at ``path`` with its ``member`` damaged: its XML broken off halfway, as
    a download cut short leaves it; with ``in_zip``, twenty bytes of its compressed data
    zeroed instead, as a faulty disk or transfer leaves them (then the package cannot be
    rewritten: damage the members in its zip last)."""
    with zipfile.ZipFile(path) as package:
        part = package.getinfo(member)
        parts = {} if in_zip else {name: package.read(name) for name in package.namelist()}
    if in_zip:
        data = bytearray(path.read_bytes())
        start = part.header_offset + 30 + len(part.filename.encode())
        data[start : start + 20] = bytes(20)
        path.write_bytes(bytes(data))
        return path
    parts[member] = parts[member][: len(parts[member]) // 2]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return path
