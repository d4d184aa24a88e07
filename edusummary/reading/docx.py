"""Word reports (.docx), read with python-docx."""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Iterator
from pathlib import Path

from ..errors import ReadError
from ._common import Document, tidy_lines

logger = logging.getLogger(__name__)

#: The part that holds the body of a Word document; a zip without it is not one.
MAIN_PART = "word/document.xml"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: Containers whose children are block content (paragraphs, tables): content controls and
#: custom XML wrap whole blocks, for example a table of contents.
_BLOCK_WRAPPERS = {f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"}
#: Runs of a paragraph, including tracked insertions and runs inside inline wrappers, which
#: python-docx's ``Paragraph.text`` leaves out. Tracked deletions are not text (w:delText).
_RUNS = "w:r | w:hyperlink | w:ins/w:r | w:smartTag/w:r | w:fldSimple/w:r | w:sdt/w:sdtContent/w:r"


def read_docx_file(path: Path) -> Document:
    """Read a Word report (.docx).

    Paragraphs and table cells come in document order, each on its own line, so a table
    sits between the paragraphs around it. A cell's paragraphs each get a line; empty
    cells and the continuation cells of vertical merges are skipped.

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
    _check_package(path)
    import docx

    try:
        body = docx.Document(str(path)).element.body
    except OSError:
        raise
    except Exception as exc:
        # python-docx, zipfile, zlib and lxml each raise their own errors on a damaged
        # package; to the user they all mean the same thing.
        raise ReadError(f"{path}: not a valid .docx file ({exc})") from exc
    return Document(text=tidy_lines(_lines(body)), source=str(path), format="docx")


def _check_package(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
    except zipfile.BadZipFile as exc:
        raise ReadError(f"{path}: not a valid .docx file (it is not a zip package)") from exc
    if MAIN_PART not in names:
        raise ReadError(f"{path}: not a valid .docx file (the zip has no {MAIN_PART})")


def _lines(element) -> Iterator[str]:
    from docx.oxml.simpletypes import ST_Merge

    for child in element.iterchildren():
        if child.tag == f"{_W}p":
            yield "".join(run.text for run in child.xpath(_RUNS))
        elif child.tag == f"{_W}tbl":
            for cell in child.iterfind(f"{_W}tr/{_W}tc"):
                if cell.vMerge == ST_Merge.CONTINUE:
                    continue
                yield from (line for line in _lines(cell) if line.strip())
        elif child.tag in _BLOCK_WRAPPERS:
            yield from _lines(child)
