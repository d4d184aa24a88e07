"""PDF reports (.pdf), read with pypdf.

A PDF holds lines placed on pages, not paragraphs. The reader takes the text of each page,
removes what the layout repeats on every page (running headers and footers, page numbers),
and joins lines the layout broke: a line of prose that fills the width of the text and does
not end a sentence runs on into the next, on the same page or the next one. All but
pypdf's part is the layout's (see :mod:`._layout`), which OFD reports share.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .._chinese import display_width
from ..errors import ReadError
from ._common import Document
from ._layout import (
    TURNED_TEXT,
    Run,
    is_turned,
    lay_out,
    ocr_unspaced,
    page_text,
    paged_document,
)

if TYPE_CHECKING:
    from pypdf import PageObject

logger = logging.getLogger(__name__)


def read_pdf_file(path: Path) -> Document:
    """Read a PDF report.

    Parameters
    ----------
    path : pathlib.Path

    Returns
    -------
    Document
        With ``format="pdf"`` and no encoding. Pages without text are listed in the
        warnings.

    Raises
    ------
    ReadError
        The PDF is damaged, needs a password, or has no text layer at all (a scan).
    """
    with _pypdf_notes() as notes:
        texts, turned, garbled = _page_texts(path, notes)
    laid = lay_out(texts, [(line, TURNED_TEXT) for line in turned])
    if not any(laid.pages) and not laid.footnotes:
        # A scan's pages hold images; a page with neither is simply blank.
        with _pypdf_notes() as notes:
            scan = _has_images(path)
        what = "no text layer (a scan?); run OCR on it first" if scan else "no text"
        raise ReadError(f"{path}: the PDF has {what}")
    warnings: list[str] = []
    if garbled:
        numbered = ", ".join(map(str, garbled))
        first = next(iter(garbled.values()))
        warnings.append(
            f"{path}: text on page(s) {numbered} may be missing or garbled: pypdf could not "
            f"decode all of it ({first})"
        )
    document = paged_document(path, laid, "pdf", warnings)
    for message in document.warnings:
        logger.info(message)
    return document


class _Notes(logging.Handler):
    """Keeps what pypdf logs on the thread that made it, while that thread reads a PDF."""

    def __init__(self) -> None:
        super().__init__()
        self.thread = threading.get_ident()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.records.append(record)


@contextlib.contextmanager
def _pypdf_notes() -> Iterator[list[logging.LogRecord]]:
    """What pypdf logs meanwhile (its warnings about a damaged file or a font it cannot
    decode). pypdf has no handler of its own: with none anywhere, Python prints its records
    to stderr, in an application that configured no logging and never asked for them. While
    this handler stands they go no further than the handlers the application set up."""
    notes = _Notes()
    pypdf_logger = logging.getLogger("pypdf")
    pypdf_logger.addHandler(notes)
    try:
        yield notes.records
    finally:
        pypdf_logger.removeHandler(notes)


def _page_texts(
    path: Path, notes: list[logging.LogRecord]
) -> tuple[list[tuple[str, dict[int, float]]], list[str], dict[int, str]]:
    """The text of each page, with the sizes of its lines, and the turned runs set apart
    from the pages (see :func:`_page_text`).

    Also the pages (numbered from 1) whose text pypdf noted a problem with while taking it
    out (``notes`` collects what it logs), with the first it noted: a font it could not
    decode leaves text out or garbles it. What it notes on opening the file is a repair."""
    from pypdf import PasswordType, PdfReader

    garbled: dict[int, str] = {}
    try:
        reader = PdfReader(path)
        locked = reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED
        texts = []
        turned: list[str] = []
        for number, page in enumerate([] if locked else reader.pages, 1):
            noted = len(notes)
            text, page_turned = _page_text(page)
            texts.append(text)
            turned.extend(page_turned)
            if len(notes) > noted:
                garbled[number] = notes[noted].getMessage()
    except OSError:
        raise
    except Exception as exc:
        # pypdf meets damaged files with its own errors and with whatever the broken
        # structure makes Python raise (KeyError, ValueError ...): all mean the same.
        raise ReadError(f"{path}: not a readable PDF ({exc})") from exc
    if locked:
        raise ReadError(f"{path}: the PDF is encrypted; remove the password and try again")
    return texts, turned, garbled


def _page_text(page: PageObject) -> tuple[tuple[str, dict[int, float]], list[str]]:
    """The text of ``page``, read from where its runs stand (see
    :func:`._layout.page_text`), with the sizes of its lines; and its turned runs. pypdf
    follows the order the text was drawn in, which need not be the order it is read in: a
    producer may draw the lines bottom up, the footer first, or both columns a line at a
    time, which mixes half a sentence from the left with half from the right on every line.
    Lines pypdf hands over as one run show no layout to read, nor does a page mostly of
    turned text (a landscape table's): such a page is taken as pypdf takes it out, the
    sizes of its lines unknown. A few turned runs on a page of straight lines (a
    watermark, a note in the margin) are page furniture. A page whose text is mostly
    invisible, an OCR engine's layer over a scanned page, is taken as drawn, without the
    blanks the engine put between the characters of Chinese (see
    :func:`._layout.ocr_unspaced`)."""
    runs: list[Run] = []
    turned: list[str] = []
    skewed = False
    spacing = _Spacing()

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        nonlocal skewed
        char, word, scale = spacing.taken()
        if not text.strip():
            return
        # pypdf's blank for a move from the run drawn before, which may be anywhere.
        text = text.strip("\n ")
        # Where the run starts on the page, and how large it is set: the text matrix times
        # the graphics state's.
        across = tm[0] * cm[0] + tm[1] * cm[2]
        up = tm[2] * cm[1] + tm[3] * cm[3]
        if spacing.mode == _INVISIBLE:
            spacing.hidden += len(text)
        else:
            spacing.shown += len(text)
        if "\n" in text:
            skewed = True  # several lines in one run: no layout to read
            return
        if is_turned(across, tm[0] * cm[1] + tm[1] * cm[3]):
            turned.append(text)
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        em = abs(size * up) or abs(size * across)
        # Where the run ends: its glyphs' widths in its font where the font gives them (a
        # guess from its characters where not, a Chinese one an em wide), and the spacing
        # a justified line adds after each of them.
        widths = _widths(text, font, fonts)
        drawn = em * display_width(text) / 2 if widths is None else abs(size * across) * widths
        extra = char * len(text) + word * text.count(" ")
        runs.append(Run(x, x + (drawn + across * extra) * scale, y, em, text))

    fonts: dict[int, tuple[object, dict[str, float] | None]] = {}
    text = page.extract_text(
        visitor_text=visit, visitor_operand_before=spacing.follow,
        visitor_operand_after=spacing.followed,
    )
    if spacing.hidden > spacing.shown:
        # Text drawn invisibly is an OCR engine's layer over a scan (a stamp, a page
        # number or a watermark may have been added to the page since). It draws a line
        # of the page a text object, in the order it read them, and each of its "words"
        # a string scaled to the box it found, which pypdf's runs, joining several of
        # them, do not measure: their ends guessed wrong, the lines of a paragraph were
        # taken for a table's wrapped cells and mixed. The order drawn is the one to read.
        return (ocr_unspaced(text), {}), []
    if skewed or page.rotation % 360:
        return (text, {}), []
    return page_text(runs, turned, text)


class _Spacing:
    """The spacing a page's text is drawn with, as its operators set it: the character
    spacing (Tc) and word spacing (Tw) in unscaled text space units, and the horizontal
    scaling (Tz) as a factor; saved and restored with the graphics state (q, Q), and
    around a form XObject drawn (Do), which a viewer draws in a state of its own, as is
    the text rendering mode (Tr), by which the characters of the page's text drawn
    invisibly (``hidden``) and visibly (``shown``) are counted.

    pypdf hands a run over once the text moves on, or its font changes, by when the
    operators drawing the next run may have set its spacing (0.8 Tc /F2 12 Tf …): a run
    takes the spacing it was shown with."""

    def __init__(self) -> None:
        self.char, self.word, self.scale, self.mode = 0.0, 0.0, 1.0, 0
        self.hidden = self.shown = 0
        self._saved: list[tuple[float, float, float, int]] = []
        # The spacing of the text shown and not yet handed over, or None.
        self._shown: tuple[float, float, float] | None = None

    def taken(self) -> tuple[float, float, float]:
        """The spacing (Tc, Tw, Tz) of the text pypdf hands over now."""
        shown, self._shown = self._shown, None
        return shown or (self.char, self.word, self.scale)

    def follow(self, operator: bytes, operands: list, cm: object, tm: object) -> None:
        """Take in what ``operator`` does to the spacing (pypdf's visitor_operand_before)."""
        if operator in (b"q", b"Do"):
            self._saved.append((self.char, self.word, self.scale, self.mode))
        elif operator == b"Q":
            if self._saved:
                self.char, self.word, self.scale, self.mode = self._saved.pop()
        elif operator == b"Tr" and operands and isinstance(operands[0], int):
            self.mode = operands[0]
        elif operator in _SPACING_OPERATORS:
            numbers = operands[:_SPACING_OPERATORS[operator]]
            if len(numbers) < _SPACING_OPERATORS[operator] or not all(
                isinstance(v, (int, float)) for v in numbers
            ):
                return  # a damaged operator's operands: the spacing stays as it was
            if operator == b"Tc":
                self.char = float(numbers[0])
            elif operator == b"Tw":
                self.word = float(numbers[0])
            elif operator == b"Tz":
                self.scale = float(numbers[0]) / 100
            else:
                self.word, self.char = float(numbers[0]), float(numbers[1])

    def followed(self, operator: bytes, operands: list, cm: object, tm: object) -> None:
        """Restore the spacing a form XObject's content set (pypdf's visitor_operand_after,
        called once the form is read): a letter-spaced masthead drawn in a form had left
        its Tc to the page's text after it, and stretched each run of it; and keep the
        spacing that text is shown with, once ' and " have handed over the line above."""
        if operator == b"Do" and self._saved:
            self.char, self.word, self.scale, self.mode = self._saved.pop()
        elif operator in _SHOWING and self._shown is None:
            self._shown = (self.char, self.word, self.scale)


#: The text rendering mode (Tr) that neither fills nor strokes: an OCR engine's text layer.
_INVISIBLE = 3

#: The operators that set the spacing of text, and how many numbers each takes first
#: (" takes the word and character spacing before its string).
_SPACING_OPERATORS = {b"Tc": 1, b"Tw": 1, b"Tz": 1, b'"': 2}
#: The operators that show text.
_SHOWING = (b"Tj", b"TJ", b"'", b'"')


def _widths(
    text: str, font: object, fonts: dict[int, tuple[object, dict[str, float] | None]]
) -> float | None:
    """How wide ``text`` is in ``font`` (a font resource), in ems, from the widths the font
    gives its character codes; None where it gives no width for one of them. Only a simple
    font's codes (a byte a character) are read back from the characters: a composite
    font's widths are a glyph's (CID), reached through a CMap pypdf does not read, such as
    the UniGB-UCS2-H of a Chinese font left unembedded."""
    from pypdf.generic import DictionaryObject

    # A Type 3 font's widths are in its own glyph space, not thousandths of an em.
    if not isinstance(font, DictionaryObject) or font.get("/Subtype") in ("/Type0", "/Type3"):
        return None
    if id(font) not in fonts:
        # The font is kept with its widths, so that its id names no other font later.
        fonts[id(font)] = (font, _character_widths(font))
    _, widths = fonts[id(font)]
    try:
        return sum(widths[char] for char in text) / 1000 if widths else None
    except KeyError:
        return None


def _character_widths(font: object) -> dict[str, float] | None:
    """The width of each character a simple font draws, in thousandths of an em, by the
    character its code shows (a character it gives no width left out); None where pypdf
    cannot tell them. The widths are read by a class that pypdf (7) does not make public:
    a pypdf without it, or that changed it, or a font it cannot read, leaves runs' ends
    guessed from their characters."""
    try:
        from pypdf.generic._font import Font

        read = Font.from_font_resource(font)
        codes = (
            {char: chr(code) for code, char in read.encoding.items()}
            if isinstance(read.encoding, dict) else {}
        )
        codes |= {char: code for code, char in read.character_map.items() if len(char) == 1}
        # A width of nothing tells nothing: a font may give every glyph none, each of them
        # placed where it stands (2 . 1 % had read so).
        return {
            char: read.character_widths[code]
            for char, code in codes.items() if read.character_widths.get(code, 0) > 0
        }
    except Exception:  # any fault of a private class: see the docstring
        logger.debug("no widths read for a font", exc_info=True)
        return None


def _has_images(path: Path) -> bool:
    """Whether a page of the PDF holds an image; True when that cannot be told."""
    from pypdf import PdfReader

    try:
        return any(len(page.images) for page in PdfReader(path).pages)
    except Exception:  # an image pypdf cannot list is an image still
        return True
