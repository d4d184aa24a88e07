"""What a file really is, from its first bytes: reports arrive with suffixes that lie.

A bureau's website serves a PDF as ``报告.doc``, a colleague renames a scan to ``.txt``, a
zip of reports is saved without a suffix. :func:`sniff` recognises the formats edusummary
reads and the ones it refuses, so that :func:`edusummary.reading.read` can read the file
as what it is or say what it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ._package import zip_members
from .docx import MAIN_PART
from .ofd import package_folder
from .pptx import MAIN_PART as PPTX_MAIN_PART

#: Enough for every signature below: tar's sits at offset 257, and a PDF header may follow
#: up to 1024 bytes of junk.
_HEAD_BYTES = 1024


@dataclass(frozen=True)
class Kind:
    """A kind of file.

    Attributes
    ----------
    family : str
        ``"pdf"``, ``"docx"``, ``"doc"`` (any OLE2 file: the .doc reader tells an .xls),
        ``"rtf"``, ``"wordml"`` (Word 2003 XML), ``"html"``, ``"mhtml"``, ``"ofd"``,
        ``"pptx"`` (a PowerPoint package) or ``"text"`` for formats edusummary reads;
        ``"image"``, ``"archive"`` or ``"sheet"`` (a workbook) for those it refuses.
    name : str
        For messages: "a PNG image", "a RAR archive" ...
    binary : bool
        Whether the format is binary (not text that a text editor would show).
    """

    family: str
    name: str
    binary: bool = True


#: Word 97–2003 documents and Excel's workbooks, old and new (and WPS's, which are the
#: same formats).
OLE2 = Kind("doc", "an OLE2 Office file")
WORKBOOK = Kind("sheet", "an .xlsx Excel workbook")

#: Leading bytes of each kind. Checked in order; the zip signature is handled apart because
#: the archive's contents tell a .docx from a plain zip.
_SIGNATURES: list[tuple[re.Pattern[bytes], Kind]] = [
    (re.compile(rb"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), OLE2),
    # Web systems that export "Word" files write RTF after a byte order mark or a blank
    # line, which Word itself reads.
    (re.compile(rb"(?:\xef\xbb\xbf)?\s*\{\\rtf"), Kind("rtf", "an RTF document", binary=False)),
    (
        # What those systems export as .doc too: Word 2003's XML (WordprocessingML).
        re.compile(
            rb"(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<\?[^>]*>\s*|<!--.*?-->\s*)*"
            rb"<w:wordDocument\b",
            re.DOTALL,
        ),
        Kind("wordml", "a Word 2003 XML document", binary=False),
    ),
    (re.compile(rb"\x89PNG\r\n\x1a\n"), Kind("image", "a PNG image")),
    (re.compile(rb"\xff\xd8\xff"), Kind("image", "a JPEG image")),
    (re.compile(rb"GIF8[79]a"), Kind("image", "a GIF image")),
    (re.compile(rb"BM.{4}\x00\x00\x00\x00", re.DOTALL), Kind("image", "a BMP image")),
    (re.compile(rb"II\*\x00|MM\x00\*"), Kind("image", "a TIFF image")),
    (re.compile(rb"RIFF.{4}WEBP", re.DOTALL), Kind("image", "a WebP image")),
    (re.compile(rb"Rar!\x1a\x07"), Kind("archive", "a RAR archive")),
    (re.compile(rb"7z\xbc\xaf\x27\x1c"), Kind("archive", "a 7z archive")),
    (re.compile(rb"\x1f\x8b"), Kind("archive", "a gzip archive")),
    (re.compile(rb"BZh[1-9]1AY&SY"), Kind("archive", "a bzip2 archive")),
    (re.compile(rb"\xfd7zXZ\x00"), Kind("archive", "an xz archive")),
    (re.compile(rb".{257}ustar", re.DOTALL), Kind("archive", "a tar archive")),
    (re.compile(rb".{0,1019}%PDF-", re.DOTALL), Kind("pdf", "a PDF file")),
    (
        # A web page saved as one file is a MIME message: header lines (From:, Subject:,
        # folded ones), among them its MIME version or multipart type.
        re.compile(
            rb"(?:[!-9;-~]+:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*)*?"
            rb"(?:MIME-Version\s*:|Content-Type\s*:\s*multipart/related)",
            re.IGNORECASE,
        ),
        Kind("mhtml", "a web page saved as one file (MHTML)", binary=False),
    ),
    (
        re.compile(
            rb"(\xef\xbb\xbf)?\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html)",
            re.IGNORECASE | re.DOTALL,
        ),
        Kind("html", "an HTML page", binary=False),
    ),
]

_ZIP = re.compile(rb"PK(\x03\x04|\x05\x06)")
#: Parts that name the kind of a zip package of Office Open XML; an OFD's entry may stand
#: in a top folder, its name in another case (see :func:`.ofd.package_folder`).
_ZIP_KINDS = [
    (MAIN_PART, Kind("docx", "a .docx Word document")),
    ("xl/workbook.xml", WORKBOOK),
    (PPTX_MAIN_PART, Kind("pptx", "a .pptx PowerPoint presentation")),
]


def sniff(path: Path) -> Kind | None:
    """The kind of the file at ``path`` by its content, or None when no signature matches
    (plain text, or a binary format not listed)."""
    with path.open("rb") as file:
        head = file.read(_HEAD_BYTES)
    if _ZIP.match(head):
        return _zip_kind(path)
    for signature, kind in _SIGNATURES:
        if signature.match(head):
            return kind
    return None


#: Plain text, which a file named as a binary format may be (a report renamed .doc).
TEXT = Kind("text", "plain text", binary=False)
#: Control characters no text file holds (tabs, line and page ends, and DOS's end of file
#: and escape aside): a binary format has them in its first bytes.
_NOT_TEXT = re.compile(rb"[\x00-\x08\x0e-\x19\x1c-\x1f\x7f]")


def looks_like_text(path: Path) -> bool:
    """Whether the first bytes of the file at ``path`` are text, in any encoding that
    :func:`edusummary.reading.decode` detects (UTF-16 aside)."""
    with path.open("rb") as file:
        head = file.read(_HEAD_BYTES)
    return bool(head.strip()) and not _NOT_TEXT.search(head)


def _zip_kind(path: Path) -> Kind:
    names = {member.filename for member in zip_members(path) or ()}
    for part, kind in _ZIP_KINDS:
        if part in names:
            return kind
    if package_folder(names) is not None:
        return Kind("ofd", "an OFD document")
    return Kind("archive", "a zip archive")
