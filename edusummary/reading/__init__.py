"""Reading report files into text.

One function, :func:`read`, turns a path into a :class:`Document`. Plain text, Word
(.docx, Word 97–2003 .doc and WPS .wps, and Word 2003 XML), RTF, web pages (.html, .htm,
and .mht/.mhtml saved as one file; hOCR, an OCR engine's page, as OCR text), Markdown
(.md, .markdown, as web clippers save a page: read as the page it stands for, see
:mod:`.markdown`), PDF, OFD (.ofd) and PowerPoint (.pptx, and .pptm, .ppsx, .ppsm, .potx,
.potm: the slides' text, their titles as headings, and the speaker notes) are read; images,
archives, spreadsheets, JSON (.json, .jsonl, .ndjson, .geojson: a scraper's articles or
labelled records, a map's places) and PowerPoint 97–2003 (.ppt, WPS's .dps) are refused
with a message that says what to do. The reader is chosen by the file suffix from
:data:`READERS`, so new formats plug in without touching callers::

    from edusummary.reading import READERS
    READERS[".epub"] = my_epub_reader   # any callable (path) -> Document

A suffix that lies is caught by the file's first bytes: a PDF or an RTF named ``.doc`` is
read as what it is (with a warning), a scan named ``.txt`` is refused as the image it is.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import json
import logging
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .._chinese import display_path, scrub, scrub_count
from .._english import counted
from ..errors import ReadError
from ._common import TABLE_CELL_MAX_CHARS, TABLE_CELL_SEPARATOR, TABLE_ROW, Document
from ._sniff import TEXT, Kind, looks_like_text, sniff
from .doc import read_doc_file
from .docx import read_docx_file
from .html import read_html_file, read_mhtml_file
from .markdown import read_markdown_file
from .ofd import read_ofd_file
from .pdf import read_pdf_file
from .pptx import SUFFIXES as _PPTX_SUFFIXES
from .pptx import read_pptx_file
from .rtf import read_rtf_file
from .text import decode, read_text_file, read_text_parts, stream_text_file
from .wordml import read_wordml_file

__all__ = [
    "JSON_SUFFIXES",
    "READERS",
    "REFUSED_SUFFIXES",
    "SHEET_SUFFIXES",
    "STREAM_BYTES",
    "TABLE_CELL_MAX_CHARS",
    "TABLE_CELL_SEPARATOR",
    "TABLE_ROW",
    "Document",
    "decode",
    "each_once",
    "read",
    "read_doc_file",
    "read_docx_file",
    "read_html_file",
    "read_markdown_file",
    "read_mhtml_file",
    "read_ofd_file",
    "read_parts",
    "read_pdf_file",
    "read_pieces",
    "read_pptx_file",
    "read_rtf_file",
    "read_text_file",
    "read_wordml_file",
]

logger = logging.getLogger(__name__)

#: Readers by lower-case file suffix. Files with a suffix not listed are read as text.
READERS: dict[str, Callable[[Path], Document]] = {
    ".txt": read_text_file,
    ".docx": read_docx_file,
    ".docm": read_docx_file,
    ".dotx": read_docx_file,
    ".dotm": read_docx_file,
    ".doc": read_doc_file,
    ".wps": read_doc_file,
    ".rtf": read_rtf_file,
    ".html": read_html_file,
    ".htm": read_html_file,
    ".mht": read_mhtml_file,
    ".mhtml": read_mhtml_file,
    ".md": read_markdown_file,
    ".markdown": read_markdown_file,
    ".pdf": read_pdf_file,
    ".ofd": read_ofd_file,
    **dict.fromkeys(_PPTX_SUFFIXES, read_pptx_file),
}

#: JSON, and JSON lines: a scraper's output, or labelled records (see :func:`_json_advice`).
#: Refused as reports, but not searched for in a folder, as archives are: a scraper leaves
#: its index (.json) beside the pages it saved, and ``edusummary tag`` its state and errors
#: (OUT.state.jsonl) beside its output; a folder of them alone is said to hold JSON. GeoJSON
#: (.geojson, a map's places and their properties) is JSON too: read as text, its keys and
#: coordinates had been read into a paragraph.
JSON_SUFFIXES = frozenset({".json", ".jsonl", ".ndjson", ".geojson"})
#: The JSON suffixes of JSON lines, a record a line; the others hold one JSON value.
_JSON_LINES_SUFFIXES = frozenset({".jsonl", ".ndjson"})
#: The kind of file each suffix promises, as :func:`._sniff.sniff` names kinds.
_SUFFIX_FAMILIES = {
    ".txt": "text",
    **dict.fromkeys([".docx", ".docm", ".dotx", ".dotm"], "docx"),
    ".html": "html",
    ".htm": "html",
    ".mht": "mhtml",
    ".mhtml": "mhtml",
    ".md": "markdown",
    ".markdown": "markdown",
    ".pdf": "pdf",
    ".ofd": "ofd",
    ".doc": "doc",
    ".wps": "doc",
    ".rtf": "rtf",
    **dict.fromkeys(
        [".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp"], "image"
    ),
    **dict.fromkeys([".zip", ".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz"], "archive"),
    # A sheet is refused, however much text its cells hold: read as a report, its rows
    # had been glued into paragraphs with their quotes and commas.
    **dict.fromkeys([".xlsx", ".xlsm", ".csv", ".tsv"], "sheet"),
    # So is JSON: a scraper's articles (title, url, date, content), or labelled records,
    # read as text, had their syntax read into paragraphs and the articles glued together.
    **dict.fromkeys(sorted(JSON_SUFFIXES), "json"),
    **dict.fromkeys(_PPTX_SUFFIXES, "pptx"),
}
#: Suffixes of kinds that are refused rather than read, which a search of a folder still
#: finds, so that the refusal and its advice reach the user rather than the file being left
#: out without a word: archives. Images are not among them: the folder of a saved web page
#: holds dozens.
REFUSED_SUFFIXES = frozenset(
    suffix for suffix, family in _SUFFIX_FAMILIES.items() if family == "archive"
)
#: Suffixes of spreadsheets, refused as reports: a folder of them alone is said to hold a
#: sheet, which may be of reports one a row.
SHEET_SUFFIXES = frozenset(
    suffix for suffix, family in _SUFFIX_FAMILIES.items() if family == "sheet"
)
#: The reader for each kind of file that can be read, when its suffix says otherwise.
_FAMILY_SUFFIXES = {
    "docx": ".docx", "doc": ".doc", "rtf": ".rtf", "html": ".html", "mhtml": ".mht", "pdf": ".pdf",
    "ofd": ".ofd", "pptx": ".pptx", "text": ".txt",
}
#: The readers of kinds of file that no suffix of their own promises (Word 2003 XML is
#: saved as .xml, which any XML may be): found by their content only.
_CONTENT_READERS = {"wordml": read_wordml_file}
#: Kinds of file that Word and WPS themselves, or the systems exporting "Word" files, save
#: under another suffix (an RTF document as .doc, which archives of old reports are full
#: of), or under a suffix shared with other kinds: read without a warning each.
_SAVED_SO = frozenset({
    ("rtf", ".doc"), ("rtf", ".wps"), ("wordml", ".doc"), ("wordml", ".xml"),
    # tesseract's hOCR, a web page (see :mod:`.hocr`); a folder is not searched for it: the
    # same scan's text is often beside it.
    ("html", ".hocr"),
})
#: What a refused kind of file is, and what to do with it: a text, or a function of the
#: file's path that gives it (see :func:`_refusal`).
_REFUSALS: dict[str, tuple[str, str | Callable[[Path], str]]] = {
    "image": ("is an image", "run OCR on it first"),
    "archive": ("is an archive", "extract the reports first"),
    "sheet": (
        "is a spreadsheet, not a report",
        "to tag reports held one per row, read it with pandas and pass the column of their "
        "text to edusummary.tag_texts (README: a collection of reports in a sheet); to train "
        "on or score labelled paragraphs, pass it to train --add or evaluate",
    ),
    # What to do depends on what its records hold (defined below).
    "json": ("is JSON data, not a report", lambda path: _json_advice(path)),
}


def _refusal(path: Path, family: str) -> tuple[str, str]:
    """What the refused ``path`` of kind ``family`` is, and what to do with it."""
    what, advice = _REFUSALS[family]
    return what, advice(path) if callable(advice) else advice


def read(path: str | os.PathLike[str]) -> Document:
    """Read a report file.

    Parameters
    ----------
    path : str or path-like
        The file to read. The reader is chosen by suffix (see :data:`READERS`), unless the
        file's first bytes show it is of another kind than its suffix says.

    Returns
    -------
    Document
        A file read as another kind than its suffix says has a warning saying so.

    Raises
    ------
    ReadError
        The path does not exist, is a directory, cannot be opened, is damaged, is
        encrypted, or is of a kind edusummary does not read (image, archive, a Word 6/95 or
        old WPS file); the message says what to do.
    """
    path = _checked(path, "read")
    try:
        document = _read(path)
    except PermissionError as exc:
        raise ReadError(f"{path}: permission denied") from exc
    except ReadError:
        raise
    except OSError as exc:
        raise ReadError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if not document.text.strip() and document.format != "txt":
        # The text reader says so itself, telling an empty file from one of blanks.
        what = "the file is empty" if _is_empty(path) else f"no text in this {document.format} file"
        message = f"{path}: {what}; there is nothing to tag"
        document = dataclasses.replace(document, warnings=(*document.warnings, message))
    text, replaced = scrub_count(document.text)
    if replaced:
        message = f"{path}: {replaced} broken characters (lone surrogates) replaced with U+FFFD"
        logger.info(message)
        document = dataclasses.replace(document, text=text, warnings=(*document.warnings, message))
    if document.furniture_text:
        # Shown in the report's removed lines, which go to UTF-8 outputs too.
        document = dataclasses.replace(document, furniture_text=scrub(document.furniture_text))
    return _named_readably(_without_zero_width(document), path)


#: Characters of no width that text copied from WeChat and CMS pages carries inside words
#: ("投入\u200b资金"): a search for the words, and a figure's indicator, would miss them.
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def _without_zero_width(document: Document) -> Document:
    """``document`` without the characters of no width, its spans moved to match."""
    whole = document.whole_text
    gone = [match.start() for match in _ZERO_WIDTH.finditer(whole)]
    if not gone:
        return document

    def moved(offset: int) -> int:
        return offset - bisect.bisect_left(gone, offset)

    def spans(found: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
        return tuple((moved(start), moved(end)) for start, end in found)

    return dataclasses.replace(
        document,
        text=_ZERO_WIDTH.sub("", document.text),
        furniture_text=_ZERO_WIDTH.sub("", document.furniture_text),
        headings=spans(document.headings),
        table_rows=spans(document.table_rows),
        notes=spans(document.notes),
        furniture=tuple(
            (moved(start), moved(end), reason) for start, end, reason in document.furniture
        ),
    )


def _is_empty(path: Path) -> bool:
    try:
        return path.stat().st_size == 0
    except OSError:
        return False  # gone since it was read: say only that it held no text


def _named_readably(document: Document, path: Path) -> Document:
    """``document``, its warnings naming the file as the characters its name stands for:
    a GBK name reaches Python as surrogate escapes (\\udcc7), which the user can neither
    read nor match to the ``source`` of the output (see :func:`display_path`)."""
    name = str(path)
    shown = display_path(name)
    if shown == name:
        return document
    warnings = tuple(message.replace(name, shown) for message in document.warnings)
    return dataclasses.replace(document, warnings=warnings)


#: Plain-text files larger than this are read piece by piece by :func:`read_pieces`.
STREAM_BYTES = 16 << 20


def read_pieces(path: str | os.PathLike[str]) -> tuple[Document, Iterator[str]]:
    """Read a report of any size: the text comes in pieces, so memory stays bounded.

    Plain-text files larger than :data:`STREAM_BYTES` are decoded piece by piece (pieces
    end at blank lines where possible) and read as :func:`read` reads a smaller one (see
    :func:`read_parts`); other files are read whole, as one piece.

    Returns
    -------
    document : Document
        Everything :func:`read` gives but the text (``text`` is empty).
    pieces : iterator of str
        Joined, they are the document's :attr:`~Document.whole_text`; a large file's
        printed pages are laid out a part at a time, each part's furniture after its text.

    Raises
    ------
    ReadError
        As :func:`read`, when the file is opened.
    """
    document, parts = _read_parts(path, "read_pieces")
    return document, (part.whole_text for part in parts)


def read_parts(path: str | os.PathLike[str]) -> tuple[Document, Iterator[Document]]:
    """As :func:`read_pieces`, each piece the :class:`Document` of its text, with the
    headings, table rows, notes and furniture marked in it.

    A large text file is read as :func:`read` reads a smaller one, what is decided of the
    whole text decided of its first piece (see :func:`.text.read_text_parts`): letter-spaced
    OCR text is read without its blanks, and printed pages parted by form feeds are laid
    out as a PDF's are.
    """
    return _read_parts(path, "read_parts")


def _read_parts(
    path: str | os.PathLike[str], caller: str
) -> tuple[Document, Iterator[Document]]:
    path = _checked(path, caller)
    try:
        if path.stat().st_size > STREAM_BYTES and _reader_for(path) is read_text_file:
            encoding, pieces = stream_text_file(path)
            parts = read_text_parts(path, encoding, pieces)
            document = Document(text="", source=str(path), encoding=encoding)
            return document, map(_scrubbed, parts)
    except PermissionError as exc:
        raise ReadError(f"{path}: permission denied") from exc
    document = read(path)
    return dataclasses.replace(document, text="", furniture_text=""), iter([document])


def _scrubbed(document: Document) -> Document:
    """A part of a large file as :func:`read` gives a file: its broken characters
    replaced (which keeps offsets), its characters of no width taken out."""
    text, furniture = scrub(document.text), scrub(document.furniture_text)
    return _without_zero_width(dataclasses.replace(document, text=text, furniture_text=furniture))


def each_once(
    paths: Iterable[str], repeated: list[str], given: set[str] | None = None
) -> Iterator[str]:
    """Each file once, under whichever spellings of its path it is given (``in``,
    ``./in/``, a link, a file and its folder); the repeats are appended to ``repeated``.
    ``given`` holds the real paths met so far, to share them between calls."""
    given = set() if given is None else given
    for path in paths:
        real = os.path.realpath(path)
        if real in given:
            repeated.append(path)
            continue
        given.add(real)
        yield path


def repeats_note(repeated: list[str], done: str) -> str:
    """What to tell of the files ``repeated`` (see :func:`each_once`), ``done`` once: "2
    files given more than once, read once: a.csv, b.csv"."""
    shown = ", ".join(map(display_path, repeated[:3])) + (" ..." if len(repeated) > 3 else "")
    return f"{counted(len(repeated), 'file')} given more than once, {done} once: {shown}"


def _checked(path: str | os.PathLike[str], caller: str) -> Path:
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(
            f"{caller}() expects a path (str or pathlib.Path), got {type(path).__name__}"
        )
    path = Path(path)
    try:
        mode = path.stat().st_mode  # follows symlinks: a link to /dev/zero is /dev/zero
    except ValueError as exc:  # the OS takes no NUL byte in a path
        shown = str(path).replace("\0", "\\x00")
        raise ReadError(f"{shown}: the path contains a NUL byte") from exc
    except FileNotFoundError as exc:
        raise ReadError(f"{_shown(path)}: no such file{_text_hint(path)}") from exc
    except PermissionError as exc:
        raise ReadError(f"{path}: permission denied") from exc
    except OSError as exc:  # name too long, a symlink loop ...
        raise ReadError(
            f"{_shown(path)}: cannot be read ({exc.strerror or exc}){_text_hint(path)}"
        ) from exc
    if stat.S_ISDIR(mode):
        if not os.access(path, os.R_OK | os.X_OK):
            raise ReadError(f"{path}: a folder that cannot be listed (permission denied)")
        raise ReadError(f"{path}: is a directory; pass the report files inside it")
    if not stat.S_ISREG(mode):
        # Reading a FIFO waits for a writer and a device never ends.
        raise ReadError(f"{path}: not a regular file (a {_file_type(mode)}); nothing to read")
    return path


def _is_text(path: Path) -> bool:
    """Whether what was passed as a path is a report's text: lines, or sentences."""
    return any(mark in str(path) for mark in "\n。，；！？")


def _shown(path: Path) -> str:
    """A path as a message names it: report text passed as a path is cut short."""
    name = str(path)
    if not _is_text(path) or len(name) <= 120:
        return name
    return name[:80] + f"…（{len(name):,} characters）"


def _text_hint(path: Path) -> str:
    """What to do when a report's text was passed where a path goes."""
    if _is_text(path):
        return "; this is report text, not a path: tag text with edusummary.tag(text)"
    return ""


def _file_type(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "named pipe"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
        (stat.S_ISSOCK, "socket"),
    ):
        if test(mode):
            return name
    return "special file"


def _read(path: Path) -> Document:
    return _reader_for(path)(path)


def _reader_for(path: Path) -> Callable[[Path], Document]:
    """The reader for ``path``, by its suffix unless its first bytes say otherwise."""
    suffix = path.suffix.lower()
    promised = _SUFFIX_FAMILIES.get(suffix)
    if promised is None and suffix in READERS:
        # A reader the caller registered for a suffix of its own knows its files best.
        return READERS[suffix]
    kind = sniff(path)
    if kind is None and promised == "doc" and looks_like_text(path):
        # A text report renamed .doc: the .doc reader would call it an old Word format.
        kind = TEXT
    # Checking that a zip is really a .docx, a .pptx or an OFD is its reader's job: it says
    # what is missing.
    if (
        kind is None
        or kind.family == promised
        or (promised, kind.family) in (("docx", "archive"), ("pptx", "archive"), ("ofd", "archive"))
    ):
        if suffix in READERS:
            return READERS[suffix]
        if promised in _REFUSALS:
            what, advice = _refusal(path, promised)
            raise ReadError(f"{path}: {what}; {advice}")
        return read_text_file
    return functools.partial(_read_as, kind=kind)


#: The fields that hold a scraped article's text, as scrapers name them.
_TEXT_FIELDS = ("content", "text", "正文", "内容", "body", "article")


def _json_advice(path: Path) -> str:
    """What to do with a JSON file given as a report, by what its first record holds:
    labelled paragraphs are for ``train`` and ``evaluate``, which read JSON lines; other
    records (a scraper's articles) are reports one a record, tagged by their field of text
    as a sheet's reports are by its column; an object holding one report is tagged alone.
    The way to read them is the one that gives that field a column: ``pandas.read_json``
    for flat records, ``pandas.json_normalize`` for records nested in an API's answer
    (``{"data": {"list": […]}}``) or whose text is nested (``{"body": {"text": …}}``)."""
    lines = path.suffix.lower() in _JSON_LINES_SUFFIXES
    head = _json_head(path)
    if head is None:
        return "it is empty: there is nothing to tag"
    # Where the first bytes do not parse, nothing is known of the records: the advice is
    # the general one.
    found = _json_record(head, ()) if head != {} else ((), {})
    if found is None:
        return (
            f"its records hold no field of text ({', '.join(_TEXT_FIELDS)}) to tag, nor "
            "labelled paragraphs: it is data, not reports"
        )
    where, record = found
    if "label" in record or "labels" in record:
        if lines:
            return (
                "to score a model on its labelled records, or train on them, pass it to "
                "edusummary evaluate or train --add"
            )
        return (
            "its records are labelled: write them one a line as .jsonl (see LABELS.md) and "
            "pass that to edusummary evaluate or train --add"
        )
    field = _text_field(record)
    column = ".".join(field) if field else None
    if where is None:
        # One object, not a list of them (nor lines): a single report.
        text = "".join(f'["{key}"]' for key in field) if field else '["…"]'
        return (
            f"it holds one report: pass its text, json.load(file){text}, to edusummary.tag"
        )
    if where or (field and len(field) > 1):
        records = "[json.loads(line) for line in file]" if lines else "json.load(file)"
        path_to = f", record_path={list(where)}" if where else ""
        read_it = f"df = pandas.json_normalize({records}{path_to})"
    else:
        read_it = f"df = pandas.read_json(path{', lines=True' if lines else ''})"
    column = f'df["{column}"]' if column else "the column of their text"
    return (
        f"to tag reports held one per record, read them with {read_it} and pass {column} to "
        "edusummary.tag_texts (README: a collection of reports in a sheet); to train on or "
        "score labelled records, pass JSON lines to edusummary train --add or evaluate"
    )


def _json_head(path: Path) -> object | None:
    """The JSON at ``path`` if it stands whole in the file's first bytes, else its first
    object (of its lines, or of its array); {} where neither parses; None for an empty
    file."""
    try:
        with path.open("rb") as file:
            head = file.read(1 << 16).decode("utf-8-sig", errors="replace")
    except OSError:
        return {}
    if not head.strip():
        return None
    decoder = json.JSONDecoder()
    try:
        found = decoder.raw_decode(head, len(head) - len(head.lstrip()))[0]
        if path.suffix.lower() in _JSON_LINES_SUFFIXES and isinstance(found, dict):
            found = [found]  # a line is the first of its records
        return found
    except ValueError:
        start = head.find("{")
        try:
            found = decoder.raw_decode(head, start)[0] if start >= 0 else {}
        except ValueError:
            return {}
        return [found] if isinstance(found, dict) else {}


def _json_record(data: object, where: tuple) -> tuple[tuple | None, dict] | None:
    """The first record of ``data`` holding a field of text or a label, and the keys
    leading to the list of such records (None where ``data`` is the record itself, one
    object alone)."""
    if isinstance(data, list):
        first = next((item for item in data if isinstance(item, dict)), None)
        if first is not None and _is_record(first):
            return where, first
        return None if first is None else _json_record(first, where)
    if not isinstance(data, dict):
        return None
    if not where and _is_record(data):
        return None, data
    for key, value in data.items():
        if isinstance(value, (dict, list)) and (found := _json_record(value, (*where, key))):
            return found
    return None


def _is_record(record: dict) -> bool:
    return "label" in record or "labels" in record or _text_field(record) is not None


def _text_field(record: dict) -> tuple[str, ...] | None:
    """The keys of the field holding a record's text: its own (``content``), or one of an
    object in it (``body.text``)."""
    for name in _TEXT_FIELDS:
        if isinstance(record.get(name), str):
            return (name,)
    for key, value in record.items():
        if isinstance(value, dict):
            for name in _TEXT_FIELDS:
                if isinstance(value.get(name), str):
                    return (key, name)
    return None


def _read_as(path: Path, kind: Kind) -> Document:
    """Read a file whose content is of another kind than its suffix says."""
    despite = f" despite its {path.suffix} name" if path.suffix else ""
    if kind.family in _REFUSALS:
        what, advice = _refusal(path, kind.family)
        binary = ", binary data" if kind.binary else ""
        raise ReadError(f"{path}: {what} ({kind.name}{binary}{despite}); {advice}")
    reader = _CONTENT_READERS.get(kind.family) or READERS[_FAMILY_SUFFIXES[kind.family]]
    document = reader(path)
    message = f"{path}: is {kind.name}{despite}; read it as such"
    logger.info(message)
    if not despite or (kind.family, path.suffix.lower()) in _SAVED_SO:
        return document
    return dataclasses.replace(document, warnings=(message, *document.warnings))
