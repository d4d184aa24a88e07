"""Word 2003 XML reports (WordprocessingML 2003), which web systems export as .doc.

Its body is a .docx's ``document.xml`` under another namespace, but for a few elements:
sections and bordered paragraphs wrapped in ``wx:`` elements, smart tags (a date such as
2023年3月) in namespaces of their own around the runs, tracked changes in ``aml:`` ones,
footnotes written where they are cited, ``w:hlink`` and ``w:vmerge``. The file is turned
into a .docx's body, and read by the .docx reader's rules; its list definitions
(``w:lists``) into a .docx's numbering part, so that Word's automatic numbering is drawn as
in a .docx.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import ReadError
from ._common import Document
from ._package import xml_parser
from ._wordnumbers import NFC_FORMATS, Numbering
from .docx import body_document

W2003 = "http://schemas.microsoft.com/office/word/2003/wordml"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_WX = "{http://schemas.microsoft.com/office/word/2003/auxHint}"
_AML = "{http://schemas.microsoft.com/aml/2001/core}"
#: Word's own namespaces in the file: of pictures and shapes (in which a text box's text
#: is), and of what Word writes beside the text. Elements of other namespaces wrap text.
_WORD_NAMESPACES = frozenset({
    W2003, _WX[1:-1], _AML[1:-1], "urn:schemas-microsoft-com:vml",
    "urn:schemas-microsoft-com:office:office", "urn:schemas-microsoft-com:office:word",
    "http://schemas.microsoft.com/schemaLibrary/2003/core",
    "http://schemas.microsoft.com/office/word/2003/wordml/sp2",
})
#: Elements of Word's that wrap paragraphs: a section, part of one, paragraphs with one
#: border.
_WRAPPERS = frozenset({f"{_WX}sect", f"{_WX}sub-section", f"{_WX}pBdrGroup"})
#: The 2003 names of the elements a .docx names otherwise: of lists, a paragraph's
#: (w:listPr: w:ilvl and w:ilfo, the number of a w:list), a w:list's (w:ilst, the id of
#: the w:listDef it counts in), as a .docx's w:numPr, w:num and w:abstractNum.
_RENAMED = {
    "hlink": "hyperlink", "vmerge": "vMerge", "lists": "numbering", "listDef": "abstractNum",
    "list": "num", "ilst": "abstractNumId", "listPr": "numPr", "ilfo": "numId",
    "listStyleLink": "numStyleLink",
}
#: Attributes renamed likewise: w:listDef's id, w:list's number.
_RENAMED_ATTRIBUTES = {"listDefId": "abstractNumId", "ilfo": "numId"}


def read_wordml_file(path: Path) -> Document:
    """Read a Word 2003 XML report ("Word XML Document", often named .doc or .xml).

    As a .docx is read (see :func:`.docx.read_docx_file`): paragraphs a line each, tables
    a row a line, headings by their style, text boxes after their paragraph, footnotes
    and endnotes after the paragraph citing them; of a field only its result, of tracked
    changes the text as it now stands, comments left out.

    Parameters
    ----------
    path : pathlib.Path

    Returns
    -------
    Document
        With ``format="wordml"`` and no encoding.

    Raises
    ------
    ReadError
        The file is not well-formed XML, not a Word 2003 XML document, or declares a
        DOCTYPE (which Word never writes, and which could make the parser fetch files).
    """
    # Imported here, as python-docx is for .docx: `import edusummary` stays quick.
    from docx.oxml import parse_xml
    from lxml import etree

    try:
        root = etree.fromstring(path.read_bytes(), xml_parser())
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"{path}: not a valid Word 2003 XML document ({exc})") from exc
    if root.getroottree().docinfo.doctype:
        raise ReadError(
            f"{path}: a Word 2003 XML document with a DOCTYPE, which Word does not write; "
            "refused for safety: open it in Word, WPS or LibreOffice and save it as .docx"
        )
    if root.tag != f"{{{W2003}}}wordDocument":
        raise ReadError(f"{path}: not a Word 2003 XML document (its root is {root.tag})")
    body = root.find(f"{{{W2003}}}body")
    if body is None:
        return Document(text="", source=str(path), format="wordml")
    styles = root.find(f"{{{W2003}}}styles")
    lists = root.find(f"{{{W2003}}}lists")
    for part in (body, styles, lists):
        for element in list(part.iter()) if part is not None else ():
            _as_docx(element)
    # Parsed again by python-docx, so that cells know their merges as a .docx's do.
    body = parse_xml(etree.tostring(body))
    styles = parse_xml(etree.tostring(styles)) if styles is not None else None
    numbering = Numbering.from_xml(lists, styles) if lists is not None else None
    return body_document(path, body, styles, _notes_apart(body), "wordml", numbering)


def _as_docx(element: Any) -> None:
    """Make ``element`` of a Word 2003 body what a .docx's body would hold in its place."""
    if not isinstance(element.tag, str):
        return  # a comment or a processing instruction
    namespace, _, localname = (
        element.tag[1:].partition("}") if element.tag.startswith("{") else ("", "", element.tag)
    )
    if namespace == W2003:
        element.tag = _W + _RENAMED.get(localname, localname)
        for key in [key for key in element.attrib if key.startswith(f"{{{W2003}}}")]:
            name = key.partition("}")[2]
            element.set(_W + _RENAMED_ATTRIBUTES.get(name, name), element.attrib.pop(key))
        if localname == "nfc":
            # A number format by its code, where a .docx names it (w:numFmt).
            element.tag = f"{_W}numFmt"
            code = element.get(f"{_W}val", "0")
            element.set(f"{_W}val", NFC_FORMATS.get(int(code) if code.isdigit() else -1, code))
    elif element.tag == f"{_AML}annotation":
        kind = element.get(f"{{{W2003}}}type")
        if kind == "Word.Deletion":
            element.getparent().remove(element)
        elif kind == "Word.Insertion":
            _unwrap(element)
    elif element.tag == f"{_AML}content" and element.getparent().tag != f"{_AML}annotation":
        _unwrap(element)  # the content of an insertion, unwrapped
    elif element.tag in _WRAPPERS or namespace not in _WORD_NAMESPACES:
        _unwrap(element)


def _unwrap(element: Any) -> None:
    """Put ``element``'s children in its place."""
    parent = element.getparent()
    if parent is not None:
        at = parent.index(element)
        parent[at:at + 1] = list(element)


def _notes_apart(body: Any) -> dict[tuple[str, str], Any]:
    """The footnotes and endnotes that a Word 2003 body holds where they are cited, by
    kind and a number, each replaced by a reference as a .docx's body has."""
    notes = {}
    for kind in ("footnote", "endnote"):
        for number, note in enumerate(list(body.iter(f"{_W}{kind}"))):
            reference = note.makeelement(f"{_W}{kind}Reference", {f"{_W}id": str(number)})
            note.getparent().replace(note, reference)
            notes[kind, str(number)] = note
    return notes
