"""Builds PowerPoint files (.pptx) for the tests: no office software is at hand.

:func:`write_pptx` writes the parts PowerPoint reads a presentation from, by hand:
``[Content_Types].xml``, the package's relationships, ``ppt/presentation.xml`` listing the
slides and its relationships, each slide (its shapes placed in EMU, a placeholder's type
and index, tables and charts in graphic frames, groups) with its relationships to its layout and its
notes slide, a layout and a master placing the placeholders that a slide leaves unplaced,
and SmartArt data parts.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DGM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
NAMESPACES = f'xmlns:p="{P}" xmlns:a="{A}" xmlns:r="{R}"'
#: An EMU a centimetre.
CM = 360000


class Box(NamedTuple):
    """A shape of text: its paragraphs, each a string, (level, string), (level, string,
    the a:buAutoNum scheme that numbers it: arabicPeriod, ea1ChsPeriod …), a Field or a list
    of strings and Fields, a run each; where it stands
    (x, y in centimetres, None: where its layout puts it); its placeholder's type and index,
    if it is one (``type=""``: a body placeholder, which gives no type)."""

    paragraphs: list
    at: tuple[float, float] | None = None
    type: str | None = None
    idx: int | None = None
    size: tuple[float, float] = (8, 2)  # its width and height, in centimetres


class Field(NamedTuple):
    """A paragraph of one field PowerPoint draws, such as the slide's number (``slidenum``),
    its text what PowerPoint last drew."""

    type: str
    text: str


class Table(NamedTuple):
    """A table in a graphic frame: rows of cells, each a string, or a dict of the string
    (``text``) and the cell's attributes (gridSpan, hMerge, rowSpan, vMerge)."""

    rows: list
    at: tuple[float, float] = (1, 5)


class Group(NamedTuple):
    """A group of shapes, standing at ``at``, its shapes placed within it."""

    shapes: list
    at: tuple[float, float] = (0, 0)


class Diagram(NamedTuple):
    """A SmartArt diagram of ``steps``, in a graphic frame."""

    steps: list
    at: tuple[float, float] = (1, 10)


class Chart(NamedTuple):
    """A chart in a graphic frame, of no text read (its part is not written)."""

    at: tuple[float, float] = (1, 5)
    size: tuple[float, float] = (14, 8)


class Slide(NamedTuple):
    shapes: list
    notes: list | None = None  # the notes' paragraphs
    hidden: bool = False


def _field(field: Field) -> str:
    return (
        f'<a:fld id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" type="{field.type}">'
        f'<a:rPr lang="zh-CN"/><a:t>{escape(field.text)}</a:t></a:fld>'
    )


def _paragraph(paragraph) -> str:
    if isinstance(paragraph, Field):
        return f"<a:p>{_field(paragraph)}</a:p>"
    if isinstance(paragraph, list):  # runs and fields: 第, the slide's number, 页
        return "<a:p>" + "".join(
            _field(part) if isinstance(part, Field)
            else f'<a:r><a:rPr lang="zh-CN"/><a:t>{escape(part)}</a:t></a:r>'
            for part in paragraph
        ) + "</a:p>"
    level, text, *scheme = paragraph if isinstance(paragraph, tuple) else (0, paragraph)
    numbered = f'<a:buAutoNum type="{scheme[0]}"/>' if scheme else ""
    properties = f'<a:pPr lvl="{level}">{numbered}</a:pPr>' if level or scheme else ""
    runs = "".join(
        ("<a:br/>" if i else "") + f'<a:r><a:rPr lang="zh-CN"/><a:t>{escape(part)}</a:t></a:r>'
        for i, part in enumerate(text.split("\n"))
    ) if text else ""
    return f"<a:p>{properties}{runs}<a:endParaRPr/></a:p>"


def _xfrm(at, tag: str = "a:xfrm", size=(8, 2)) -> str:
    x, y, cx, cy = (round(value * CM) for value in (*at, *size))
    return f'<{tag}><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></{tag}>'


def _shape(shape, ids: list, rels: list) -> str:
    ids.append(len(ids) + 2)
    name = f'<p:cNvPr id="{ids[-1]}" name="shape {ids[-1]}"/>'
    if isinstance(shape, Box):
        placeholder = ""
        if shape.type is not None or shape.idx is not None:
            kind = f' type="{shape.type}"' if shape.type else ""
            index = f' idx="{shape.idx}"' if shape.idx is not None else ""
            placeholder = f"<p:ph{kind}{index}/>"
        place = _xfrm(shape.at, size=shape.size) if shape.at else ""
        body = "".join(map(_paragraph, shape.paragraphs))
        return (
            f"<p:sp><p:nvSpPr>{name}<p:cNvSpPr/><p:nvPr>{placeholder}</p:nvPr></p:nvSpPr>"
            f"<p:spPr>{place}</p:spPr><p:txBody><a:bodyPr/><a:lstStyle/>{body}</p:txBody></p:sp>"
        )
    if isinstance(shape, Group):
        inner = "".join(_shape(child, ids, rels) for child in shape.shapes)
        x, y = (round(value * CM) for value in shape.at)
        return (
            f'<p:grpSp><p:nvGrpSpPr>{name}<p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr>'
            f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="1" cy="1"/><a:chOff x="0" y="0"/>'
            f'<a:chExt cx="1" cy="1"/></a:xfrm></p:grpSpPr>{inner}</p:grpSp>'
        )
    frame = f"<p:nvGraphicFramePr>{name}<p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr>"
    if isinstance(shape, Table):
        rows = []
        for row in shape.rows:
            cells = []
            for cell in row:
                cell = cell if isinstance(cell, dict) else {"text": cell}
                attributes = "".join(f' {k}="{v}"' for k, v in cell.items() if k != "text")
                body = "".join(map(_paragraph, cell["text"].split("\n")))
                cells.append(
                    f"<a:tc{attributes}><a:txBody><a:bodyPr/>{body}</a:txBody><a:tcPr/></a:tc>"
                )
            rows.append(f'<a:tr h="{CM}">{"".join(cells)}</a:tr>')
        columns = "".join(f'<a:gridCol w="{3 * CM}"/>' for _ in shape.rows[0])
        data = (
            '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table">'
            f"<a:tbl><a:tblPr/><a:tblGrid>{columns}</a:tblGrid>{''.join(rows)}</a:tbl>"
            "</a:graphicData>"
        )
    elif isinstance(shape, Chart):
        data = (
            '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
            '<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
            'r:id="rIdChart"/></a:graphicData>'
        )
        place = _xfrm(shape.at, "p:xfrm", shape.size)
        return f"<p:graphicFrame>{frame}{place}<a:graphic>{data}</a:graphic></p:graphicFrame>"
    else:
        rels.append(("diagramData", shape.steps))
        data = (
            f'<a:graphicData uri="{DGM}"><dgm:relIds xmlns:dgm="{DGM}" '
            f'r:dm="rId{len(rels) + 10}" r:lo="" r:qs="" r:cs=""/></a:graphicData>'
        )
    place = _xfrm(shape.at, "p:xfrm")
    return f"<p:graphicFrame>{frame}{place}<a:graphic>{data}</a:graphic></p:graphicFrame>"


def _tree(shapes, rels: list) -> str:
    ids: list = []
    inner = "".join(_shape(shape, ids, rels) for shape in shapes)
    return (
        '<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/>'
        f"</p:nvGrpSpPr><p:grpSpPr/>{inner}</p:spTree></p:cSld>"
    )


def _relationships(items) -> str:
    body = "".join(
        f'<Relationship Id="{rid}" Type="{R}/{kind}" Target="{target}"/>'
        for rid, kind, target in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<Relationships xmlns="{RELS}">{body}</Relationships>'
    )


def _diagram_data(steps) -> str:
    points = "".join(
        f'<dgm:pt modelId="{i + 1}"><dgm:prSet/><dgm:spPr/>'
        f"<dgm:t><a:bodyPr/>{_paragraph(step)}</dgm:t></dgm:pt>"
        for i, step in enumerate(steps)
    )
    return (
        f'<dgm:dataModel xmlns:dgm="{DGM}" xmlns:a="{A}"><dgm:ptLst>'
        '<dgm:pt modelId="0" type="doc"><dgm:prSet/><dgm:spPr/></dgm:pt>'
        f"{points}</dgm:ptLst></dgm:dataModel>"
    )


#: Where the layout and the master put the placeholders a slide leaves unplaced: the
#: title at the top, the body below it, the footer furniture at the bottom.
LAYOUT = [Box([], (1, 1), "title"), Box([], (1, 4), "", 1), Box([], (1, 18), "sldNum", 12)]
MASTER = [Box([], (1, 1), "title"), Box([], (1, 4), "body", 1), Box([], (1, 18), "ftr", 11)]


def write_pptx(
    path: Path, slides: list[Slide], leave_out: tuple[str, ...] = (),
    order: list[int] | None = None, damage: dict[str, bytes] | None = None,
) -> Path:
    """Write ``slides`` as a .pptx at ``path``, ``slideN.xml`` the N-th of them, listed in
    the presentation in the ``order`` of their numbers (by default 1, 2, …); the parts
    named in ``leave_out`` are not written, though named, and those in ``damage`` are
    written as the bytes given."""
    parts: dict[str, str] = {}
    presentation_rels = [
        ("rIdMaster", "slideMaster", "slideMasters/slideMaster1.xml")
    ]
    for number, slide in enumerate(slides, start=1):
        rels: list = []
        tree = _tree(slide.shapes, rels)
        show = ' show="0"' if slide.hidden else ""
        parts[f"ppt/slides/slide{number}.xml"] = f"<p:sld {NAMESPACES}{show}>{tree}</p:sld>"
        slide_rels = [("rIdLayout", "slideLayout", "../slideLayouts/slideLayout1.xml")]
        for at, (kind, steps) in enumerate(rels, start=1):
            parts[f"ppt/diagrams/data{number}_{at}.xml"] = _diagram_data(steps)
            slide_rels.append((f"rId{at + 10}", kind, f"../diagrams/data{number}_{at}.xml"))
        if slide.notes is not None:
            notes = _tree([
                Box([], (1, 1), "sldImg", 2), Box(slide.notes, (1, 12), "body", 3),
                Box([str(number)], (10, 25), "sldNum", 5),
            ], [])
            parts[f"ppt/notesSlides/notesSlide{number}.xml"] = (
                f"<p:notes {NAMESPACES}>{notes}</p:notes>"
            )
            slide_rels.append(("rIdNotes", "notesSlide", f"../notesSlides/notesSlide{number}.xml"))
        parts[f"ppt/slides/_rels/slide{number}.xml.rels"] = _relationships(slide_rels)
        presentation_rels.append((f"rId{number}", "slide", f"slides/slide{number}.xml"))
    listed = [
        f'<p:sldId id="{255 + number}" r:id="rId{number}"/>'
        for number in order or range(1, len(slides) + 1)
    ]
    parts["ppt/presentation.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:presentation {NAMESPACES}>'
        '<p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rIdMaster"/></p:sldMasterIdLst>'
        f'<p:sldIdLst>{"".join(listed)}</p:sldIdLst><p:sldSz cx="12192000" cy="6858000"/>'
        '</p:presentation>'
    )
    parts["ppt/_rels/presentation.xml.rels"] = _relationships(presentation_rels)
    parts["ppt/slideLayouts/slideLayout1.xml"] = (
        f"<p:sldLayout {NAMESPACES}>{_tree(LAYOUT, [])}</p:sldLayout>"
    )
    parts["ppt/slideLayouts/_rels/slideLayout1.xml.rels"] = _relationships(
        [("rId1", "slideMaster", "../slideMasters/slideMaster1.xml")]
    )
    parts["ppt/slideMasters/slideMaster1.xml"] = (
        f"<p:sldMaster {NAMESPACES}>{_tree(MASTER, [])}</p:sldMaster>"
    )
    parts["_rels/.rels"] = _relationships([("rId1", "officeDocument", "ppt/presentation.xml")])
    types = "".join(
        f'<Override PartName="/{name}" ContentType="{_content_type(name)}"/>'
        for name in parts if not name.endswith(".rels")
    )
    parts["[Content_Types].xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{types}</Types>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, xml in parts.items():
            if name not in leave_out:
                package.writestr(name, (damage or {}).get(name, xml.encode("utf-8")))
    return path


def _content_type(name: str) -> str:
    kinds = {
        "presentation.xml": "presentationml.presentation.main",
        "slides/": "presentationml.slide", "notesSlides/": "presentationml.notesSlide",
        "slideLayouts/": "presentationml.slideLayout",
        "slideMasters/": "presentationml.slideMaster",
        "diagrams/": "drawingml.diagramData",
    }
    kind = next(kind for key, kind in kinds.items() if key in name)
    return f"application/vnd.openxmlformats-officedocument.{kind}+xml"
