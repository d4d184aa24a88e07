"""OFD reports (.ofd): China's standard format for official electronic documents
(GB/T 33190-2016), which government portals publish beside a PDF or instead of one.

An OFD is a zip package of XML. ``OFD.xml`` names each document's ``Document.xml``, which
names its pages and their template pages; a page's ``Content.xml`` places text objects on
it, each character where it stands, in millimetres, the y axis pointing down. Like a PDF,
it holds lines placed on pages, not paragraphs: the reader turns its characters into the
runs a PDF's text is read from, and lays the pages out as the PDF reader does (see
:mod:`._layout`). The text of template pages (running headers and footers, page numbers
placed there) is page furniture. A composite object draws the objects of a composite
graphic unit of the document's resources (what recurs, an issuer's red heading): its
text is read where it stands.

A damaged page, template page or ``Document.xml`` (its XML broken off, its bytes in the
zip altered) costs that page, the page's template, or that document's pages, and a warning
naming it: the rest is read. Only a package none of whose pages can be read, or whose
``OFD.xml`` is damaged, is not a readable OFD.

Read with :mod:`zipfile` and lxml (a dependency already), with the .docx reader's defences
against zip bombs and hostile XML, and no new dependency: the OFD libraries on PyPI render
pages, and bring PyMuPDF and Pillow for it, where only the text is needed.
"""

from __future__ import annotations

import itertools
import logging
import math
import posixpath
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from .._chinese import display_width
from ..errors import ReadError
from ._common import Document
from ._layout import (
    PAGE_FURNITURE,
    TURNED_TEXT,
    Run,
    is_turned,
    lay_out,
    page_text,
    paged_document,
)
from ._package import PART_DAMAGE, refuse_zip_bomb, xml_parser, zip_members

logger = logging.getLogger(__name__)

#: The package's entry file, at its root: what makes a zip an OFD.
ENTRY = "OFD.xml"
#: What an encrypted package holds: its encryption's description, and the entry naming it;
#: or members a zip's password locks (the flag of their zip entry).
_ENCRYPTIONS = "encryptions.xml"
_ENCRYPTIONS_ELEMENT = "Encryptions"
_ZIP_ENCRYPTED = 0x1
_ENCRYPTED = (
    "the OFD is encrypted; open it in an OFD reader, save an unencrypted copy and try again"
)
#: Points in a millimetre: the layout reads positions and sizes in a PDF's units, in which
#: its thresholds were found.
_POINTS = 72 / 25.4
#: A page's size when neither it nor its document gives one: A4, as official documents are.
_A4 = (0.0, 0.0, 210.0, 297.0)
#: How far past where a character ends, in ems, the next one of a text object stands for a
#: gap to part them into runs (a table row's cells, a title spread wide): more than a
#: half-width blank, which the layout reads as no gap (see :func:`._layout._line`).
_GAP_EMS = 0.6
#: How much the distances between a spread title's characters may differ, at most, as a
#: share of the largest.
_EVEN = 0.02
#: A text object's size when it gives none (the spec asks for one): 10.5 points, 五号.
_SIZE = 3.7
#: How many text objects, at most, the composite objects of a package draw from their
#: units: a hostile file could name a unit of thousands of them thousands of times.
_COMPOSED = 100_000
#: What a user holding a damaged file can do.
_NEW_COPY = "download or copy it again, or ask its sender for an undamaged one"


class _Text(NamedTuple):
    """A text object's text as it was drawn, and its runs, None for turned text; and the
    glyphs it draws without characters (see :func:`_characterless`)."""

    codes: list[str]
    runs: list[Run] | None
    glyphs: int = 0


def read_ofd_file(path: Path) -> Document:
    """Read an OFD report.

    Every document of the package is read, in order, page by page; the text of the
    template pages their pages use is page furniture, and so are the running headers and
    footers and page numbers the PDF reader finds (see :func:`.pdf.read_pdf_file`).
    Annotations (stamps, signatures) and images are no text.

    Parameters
    ----------
    path : pathlib.Path

    Returns
    -------
    Document
        With ``format="ofd"`` and no encoding. Pages without text, pages the package
        names but does not hold, pages drawing glyphs without characters (text that
        may be missing), and damaged pages, left out, and damaged template pages, pages
        read without them, are listed in the warnings.

    Raises
    ------
    ReadError
        The file is not a readable OFD (not a zip, damaged, its ``OFD.xml`` missing or
        naming a document the package does not hold, or not one of its pages readable), is
        encrypted, or has no text layer at all (a scan, text drawn as outlines), or none
        but glyphs drawn without characters.
    """
    members = zip_members(path)
    if members is None:
        raise ReadError(f"{path}: not a readable OFD (it is not a zip package)")
    refuse_zip_bomb(path, members)
    if any(member.flag_bits & _ZIP_ENCRYPTED for member in members):
        raise ReadError(f"{path}: {_ENCRYPTED}")
    try:
        with zipfile.ZipFile(path) as package:
            reading = _Package(path, package)
            texts, furniture, turned = reading.pages()
    except PART_DAMAGE as exc:
        # A damaged part the package cannot be read without: OFD.xml.
        raise ReadError(f"{path}: not a readable OFD ({exc}); {_NEW_COPY}") from exc
    laid = lay_out(
        texts,
        [(line, PAGE_FURNITURE) for line in furniture]
        + [(line, TURNED_TEXT) for line in turned],
    )
    if not any(laid.pages) and not laid.footnotes:
        # A scan's pages hold images, a converter's that keeps no text paths, each
        # character's outline; a page with neither is simply blank.
        what = "no text"
        if reading.images:
            what = "no text layer (a scan?); run OCR on it first"
        elif reading.outlines:
            what = "no text layer, only drawings (its text drawn as outlines?); run OCR on it"
        if reading.characterless:
            what = (
                "no text, only glyphs drawn without characters (a font that gives none); "
                "run OCR on it"
            )
        raise ReadError(f"{path}: the OFD has {what}")
    document = paged_document(path, laid, "ofd", reading.warnings, reading.missing)
    for message in document.warnings:
        logger.info(message)
    return document


def package_folder(names: Iterable[str]) -> str | None:
    """Where in a zip of member ``names`` an OFD package stands: ``""`` when its
    :data:`ENTRY` is at the root, ``"folder/"`` when it is not and exactly one top folder
    holds one; None when the zip holds no OFD package."""
    keys = {_key(name) for name in names}
    if ENTRY.lower() in keys:
        return ""
    entry = "/" + ENTRY.lower()
    tops = [key[: 1 - len(entry)] for key in keys if key.count("/") == 1 and key.endswith(entry)]
    return tops[0] if len(tops) == 1 else None


class _Package:
    """The pages of an OFD package being read, and what was met on the way."""

    def __init__(self, path: Path, package: zipfile.ZipFile) -> None:
        self.path = path
        self.package = package
        # Producers differ in the case of names ("Doc_0/document.xml"), and Windows zippers
        # write their folders with backslashes (Doc_0\Document.xml); the spec does not.
        names = {_key(name): name for name in package.namelist()}
        # Zipping the folder a package was unzipped into puts it in a top folder: it is read
        # from there, as from the root.
        self.top = package_folder(names) or ""
        self.names = {
            key.removeprefix(self.top): name for key, name in names.items()
            if key.startswith(self.top)
        }
        self.parser = xml_parser()
        #: Warnings for the user; the pages (numbered from 1) named but not held.
        self.warnings: list[str] = []
        self.missing: set[int] = set()
        #: Whether a page holds an image: a scan's do; or a path: a converter's that
        #: draws text as outlines do.
        self.images = False
        self.outlines = False
        #: The pages (numbered from 1) that draw glyphs without characters.
        self.characterless: list[int] = []
        #: The pages (number, member) whose content is damaged; the damaged template
        #: pages, each with the pages that use it.
        self.damaged: list[tuple[int, str]] = []
        self.damaged_templates: dict[str, list[int]] = {}
        #: The damaged Document.xml members: their pages cannot even be counted.
        self.damaged_documents: list[str] = []
        #: Each template page's text objects; None for a damaged one.
        self._templates: dict[str, list[_Text] | None] = {}
        #: The composite graphic units of each resource file, by ID, None for a damaged
        #: file; each unit's text objects. The pages (numbered from 1) whose composite
        #: objects name a unit not found where a resource file is damaged: their text is
        #: lost. The page being read; how many text objects composite objects drew.
        self._units: dict[str, dict[str, Any] | None] = {}
        self._drawn: dict[Any, list[_Text]] = {}
        self.unresolved: list[int] = []
        self._page = 0
        self._from_units = 0

    def pages(self) -> tuple[list[tuple[str, dict[int, float]]], list[str], list[str]]:
        """The text of every page of every document, with the sizes of its lines (see
        :func:`._layout.runs_text`); the lines of the template pages they use; and the
        lines of turned text on pages of straight lines."""
        entry = self._part(ENTRY)
        if entry is None:
            raise ReadError(
                f"{self.path}: not a readable OFD: the package has no {ENTRY}, the file that "
                "names its documents"
            )
        root = self._parse(entry)
        if any(name.rsplit("/", 1)[-1] == _ENCRYPTIONS for name in self.names) or any(
            _local(element) == _ENCRYPTIONS_ELEMENT for element in root.iter()
        ):
            raise ReadError(f"{self.path}: {_ENCRYPTED}")
        roots = []
        for number, element in enumerate(_children(root, "DocBody", "DocRoot"), 1):
            if _text(element):
                roots.append(_text(element))
            else:
                # A producer's placeholder: the documents named beside it are whole.
                self.warnings.append(
                    f"{self.path}: the document {number} that {ENTRY} lists names no "
                    "Document.xml (its DocRoot is empty) and was skipped"
                )
        if not roots:
            raise ReadError(f"{self.path}: not a readable OFD: {ENTRY} names no document (DocRoot)")
        texts: list[tuple[str, dict[int, float]]] = []
        furniture: list[str] = []
        turned: list[str] = []
        for location in roots:
            document = self._named(ENTRY, location)
            if document is None:
                raise ReadError(
                    f"{self.path}: not a readable OFD: {ENTRY} names the document "
                    f"{location!r}, which the package does not hold"
                )
            for text, template_lines, turned_lines in self._document_pages(document, len(texts)):
                texts.append(text)
                furniture.extend(template_lines)
                turned.extend(turned_lines)
        if self.characterless:
            numbered = ", ".join(map(str, self.characterless))
            self.warnings.append(
                f"{self.path}: text on page(s) {numbered} may be missing: drawn as glyphs "
                "without characters; run OCR on it"
            )
        self._say_damage(len(texts))
        return texts, furniture, turned

    def _document_pages(
        self, name: str, before: int
    ) -> Iterator[tuple[tuple[str, dict[int, float]], list[str], list[str]]]:
        """The text of each page of the document at ``name`` (``before`` pages of the
        package come before it), the lines of its template pages, and those of its turned
        text (see :func:`_page_text`); none if it is damaged."""
        root = self._intact(name)
        if root is None:
            self.damaged_documents.append(name)
            return
        box = _box(_first(root, "CommonData", "PageArea", "PhysicalBox")) or _A4
        shared = [
            self._named(name, _text(element))
            for kind in ("DocumentRes", "PublicRes")
            for element in _children(root, "CommonData", kind)
        ]
        templates = {
            element.get("ID"): self._named(name, element.get("BaseLoc", ""))
            for element in _children(root, "CommonData", "TemplatePage")
        }
        self._say_attachments(name, root)
        for number, page in enumerate(_children(root, "Pages", "Page"), before + 1):
            self._page = number
            location = page.get("BaseLoc", "")
            content = self._named(name, location)
            if content is None:
                self.missing.add(number)
                self.warnings.append(
                    f"{self.path}: page {number} ({location or 'no BaseLoc'}) is missing from "
                    "the package; the other pages were read"
                )
                yield ("", {}), [], []
                continue
            page_root = self._intact(content)
            if page_root is None:
                # Told of in its own warning, not as a page without text.
                self.damaged.append((number, content))
                self.missing.add(number)
                yield ("", {}), [], []
                continue
            height = (_box(_first(page_root, "Area", "PhysicalBox")) or box)[3]
            resources = [
                member for member in [
                    *(self._named(content, _text(element))
                      for element in _children(page_root, "PageRes")),
                    *shared,
                ]
                if member is not None
            ]
            template_lines = []
            for element in _children(page_root, "Template"):
                template = templates.get(element.get("TemplateID"))
                drawn = self._template(template, resources) if template is not None else None
                if template is not None and drawn is None:
                    self.damaged_templates.setdefault(template, []).append(number)
                if drawn is None:
                    continue
                # A template's turned text is the template's, as all of its text is
                # furniture.
                (text, _), turned = _page_text(drawn, height)
                template_lines += [
                    line.strip() for line in [*text.splitlines(), *turned] if line.strip()
                ]
            objects = self._objects(page_root, resources)
            if any(text.glyphs for text in objects):
                self.characterless.append(number)
            text, turned = _page_text(objects, height)
            yield text, template_lines, turned

    def _say_attachments(self, name: str, root: Any) -> None:
        """Warn of the files the document at ``name`` carries as attachments (a notice's
        附件, often an OFD or a .docx of its own): they are not read, and a reader who is
        not told takes the document for all of it."""
        attached = []
        for element in _children(root, "Attachments"):
            listing = self._named(name, _text(element))
            if listing is None:
                continue
            listed = self._intact(listing)
            if listed is None:
                # What it lists is no text of the document's: only the warning is lost.
                self.warnings.append(
                    f"{self.path}: the list of the attachments carried in the package "
                    f"({listing}) is damaged: any attachment it names was not read; an OFD "
                    "is a zip: look in it for them, extract them and tag them on their own"
                )
                continue
            for attachment in _children(listed, "Attachment"):
                found = _first(attachment, "FileLoc")
                location = _text(found) if found is not None else ""
                member = self._named(listing, location) if location else None
                what = attachment.get("Name") or posixpath.basename(location) or "unnamed"
                attached.append(f"{what} ({member})" if member else what)
        if attached:
            self.warnings.append(
                f"{self.path}: {len(attached)} attachment(s) carried in the package not read: "
                f"{'; '.join(attached)}; an OFD is a zip: extract them and tag them on their own"
            )

    def _template(self, name: str, resources: list[str]) -> list[_Text] | None:
        """The text objects of the template page, the member ``name``, read once for all
        the pages that use it; None if it is damaged."""
        if name not in self._templates:
            root = self._intact(name)
            self._templates[name] = self._objects(root, resources) if root is not None else None
        return self._templates[name]

    def _say_damage(self, pages: int) -> None:
        """Warn of the damaged documents, pages and template pages, once for each kind, or
        fail when no page of the package's ``pages`` (those of its intact documents) could
        be read."""
        listed = ", ".join(f"{number} ({member})" for number, member in self.damaged)
        documents = ", ".join(self.damaged_documents)
        damaged = [f"page(s) {listed}"] if self.damaged else []
        if self.damaged_documents:
            damaged.append(f"{documents}, which name(s) the pages of a document,")
        if damaged and len(self.missing) == pages:
            others = " and the others missing" if len(self.damaged) < pages else ""
            raise ReadError(
                f"{self.path}: not a readable OFD: no page could be read, "
                f"{' and '.join(damaged)} being damaged{others}; {_NEW_COPY}"
            )
        if self.damaged_documents:
            self.warnings.append(
                f"{self.path}: {documents} damaged (broken off or altered): the pages it names "
                f"were not read; the other documents were read. For the whole text, {_NEW_COPY}"
            )
        if self.damaged:
            self.warnings.append(
                f"{self.path}: page(s) {listed} damaged (broken off or altered) and not read; "
                f"the other pages were read. For the whole text, {_NEW_COPY}"
            )
        if self.unresolved:
            files = ", ".join(member for member, units in self._units.items() if units is None)
            numbered = ", ".join(map(str, sorted(set(self.unresolved))))
            self.warnings.append(
                f"{self.path}: resource file(s) {files} damaged: the text drawn from them "
                f"(composite graphics) on page(s) {numbered} was not read; the rest was. For "
                f"the whole text, {_NEW_COPY}"
            )
        if self.damaged_templates:
            templates = "; ".join(
                f"{member}, used by page(s) {', '.join(map(str, numbers))}"
                for member, numbers in self.damaged_templates.items()
            )
            self.warnings.append(
                f"{self.path}: template page(s) damaged and not read: {templates}; those "
                "pages were read without them, and a running header or footer drawn there "
                "is missing from the furniture"
            )

    def _objects(self, page: Any, resources: list[str], nested: bool = False) -> list[_Text]:
        """The text objects of a page's (or template's, or composite unit's) content, in
        the order drawn, page blocks opened, and those its composite objects draw from the
        units of the resource files ``resources`` (but in a unit, ``nested``: producers
        do not nest them, and a hostile file would nest them without end); notes whether
        it holds an image, or a path."""
        objects = []
        for content in _children(page, "Content"):
            # "{*}": in any namespace, or none.
            for element in content.iter(
                "{*}TextObject", "{*}ImageObject", "{*}PathObject", "{*}CompositeObject"
            ):
                kind = _local(element)
                if kind == "TextObject":
                    objects.append(_text_object(element))
                elif kind == "ImageObject":
                    self.images = True
                elif kind == "PathObject":
                    self.outlines = True
                elif not nested and self._from_units < _COMPOSED:
                    drawn = self._unit(resources, element.get("ResourceID", ""))
                    self._from_units += len(drawn)
                    objects += [_composed(text, element) for text in drawn]
        return objects

    def _unit(self, resources: list[str], identifier: str) -> list[_Text]:
        """The text objects of the composite graphic unit of ID ``identifier`` in the
        resource files ``resources`` (each file, and each unit's objects, read once); none,
        noted, when none of them holds it."""
        for member in resources:
            if member not in self._units:
                root = self._intact(member)
                self._units[member] = None if root is None else {
                    unit.get("ID"): unit
                    for unit in _children(root, "CompositeGraphicUnits", "CompositeGraphicUnit")
                }
            unit = (self._units[member] or {}).get(identifier)
            if unit is not None:
                if unit not in self._drawn:
                    self._drawn[unit] = self._objects(unit, resources, nested=True)
                return self._drawn[unit]
        if any(self._units.get(member, {}) is None for member in resources):
            self.unresolved.append(self._page)
        logger.info("%s: no composite graphic unit %r found", self.path, identifier)
        return []

    def _part(self, name: str) -> str | None:
        """The package's member named ``name``, whatever its case; None if it holds none."""
        return self.names.get(_key(name))

    def _named(self, base: str, location: str) -> str | None:
        """The member that ``location``, written in the member ``base``, names: relative
        to ``base``'s folder, or to the root when it starts with a slash, or when a
        producer wrote it so without one; None if the package holds none."""
        location = location.strip().replace("\\", "/")
        if not location:
            return None
        within = posixpath.join(posixpath.dirname(_key(base).removeprefix(self.top)), location)
        for name in (within, location):
            found = self._part(posixpath.normpath("/" + name).lstrip("/"))
            if found is not None:
                return found
        return None

    def _parse(self, name: str) -> Any:
        from lxml import etree

        return etree.fromstring(self.package.read(name), self.parser)

    def _intact(self, name: str) -> Any | None:
        """The member ``name`` parsed; None if it is damaged, and the damage logged."""
        try:
            return self._parse(name)
        except PART_DAMAGE as exc:
            logger.info("%s: %s is damaged: %s", self.path, name, exc)
            return None


def _page_text(
    objects: list[_Text], height: float
) -> tuple[tuple[str, dict[int, float]], list[str]]:
    """The text of a page of ``objects`` and the sizes of its lines (see
    :func:`._layout.page_text`), and the lines of its turned text. Turned text shows no
    layout to read: a page mostly of it (a landscape table's) is taken as it was drawn, a
    line a text code, as the PDF reader takes one; on a page of straight lines it is page
    furniture (a watermark, a 装订线 in the margin), and the straight lines are laid out."""
    runs = [
        run._replace(y=(height * _POINTS) - run.y)
        for text in objects
        for run in text.runs or ()
    ]
    turned = [
        code.strip() for text in objects if text.runs is None for code in text.codes
        if code.strip()
    ]
    return page_text(runs, turned, "\n".join(code for text in objects for code in text.codes))


def _text_object(element: Any) -> _Text:
    """The runs of a text object, in points, the y axis still pointing down (the page's
    height is the caller's): its characters where its text codes place them, parted where
    a gap of more than a blank stands between two, or where a code starts a line of its
    own; its codes' text as drawn, and no runs, when it is turned."""
    (x0, y0), (a, b, c, d, e, f) = _placement(element)
    # easyofd writes the attribute "size".
    size = _number(element.get("Size", element.get("size"))) or _SIZE
    codes = list(element.iter("{*}TextCode"))
    texts = [code.text or "" for code in codes]
    glyphs = _characterless(element, codes, texts)
    turned = (
        is_turned(a, b)
        or d <= 0
        or (_number(element.get("ReadDirection")) or 0) % 360
        or (_number(element.get("CharDirection")) or 0) % 360
    )
    if turned:
        return _Text(texts, None, glyphs)
    em = size * d  # in millimetres on the page, as the positions are
    # Each character where it stands on the page: (x, baseline).
    placed: list[tuple[float, float, str]] = []
    x = y = 0.0
    for code, text in zip(codes, texts, strict=True):
        # A code without X or Y goes on where the code before it set them.
        x = _number(code.get("X"), x)
        y = _number(code.get("Y"), y)
        steps = _deltas(code.get("DeltaX"))
        # A code set down a column (DeltaY, and no DeltaX) places its characters each below
        # the one before, each a row of its own, as a PDF's are.
        downs = _deltas(code.get("DeltaY"))
        across = not downs or code.get("DeltaX") is not None
        at, down = x, y
        for k, char in enumerate(text):
            # A slant (c) moves a character across as it stands lower.
            placed.append((x0 + a * at + c * down + e, y0 + b * at + d * down + f, char))
            # Past its advances, a character is as wide as the layout guesses it.
            if across:
                at += steps[k] if k < len(steps) else size * display_width(char) / 2
            down += downs[k] if k < len(downs) else 0
    runs: list[Run] = []
    chars: list[tuple[float, float, str]] = []

    def ends(char: tuple[float, float, str]) -> float:
        """Where a character ends, guessed as the layout guesses a run's end."""
        return char[0] + em * display_width(char[2]) / 2

    def close() -> None:
        while chars and chars[-1][2] == " ":
            chars.pop()
        kept = list(itertools.dropwhile(lambda char: char[2] == " ", chars))
        if kept:
            text = "".join(char for _, _, char in kept)
            start, baseline = kept[0][0], kept[0][1]
            runs.append(Run(*(_POINTS * v for v in (start, ends(kept[-1]), baseline, em)), text))
        chars.clear()

    # A code whose characters all stand alike apart is spread as a title is, not set in
    # cells: one run, as a PDF's line of characters and blanks is.
    spread = len(codes) == 1 and _evenly_spread(placed)
    for char in placed:
        if chars and (
            not math.isclose(char[1], chars[-1][1], abs_tol=em / 10)
            or (not spread and char[0] - ends(chars[-1]) > _GAP_EMS * em)
        ):
            close()
        chars.append(char)
    close()
    return _Text(texts, runs, glyphs)


def _placement(element: Any) -> tuple[tuple[float, float], tuple[float, ...]]:
    """Where a graphic object ``element`` stands: its boundary's origin, and its CTM (the
    identity when it gives none, or no matrix)."""
    origin = (_numbers(element.get("Boundary")) or [0.0, 0.0])[:2]
    matrix = _numbers(element.get("CTM"))
    identity = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (origin[0], origin[1]), tuple(matrix) if matrix and len(matrix) == 6 else identity


def _composed(text: _Text, element: Any) -> _Text:
    """A text object of a composite graphic unit where the CompositeObject ``element``
    draws it on the page: through its CTM, moved to its boundary; turned when it turns."""
    (x0, y0), (a, b, c, d, e, f) = _placement(element)
    if text.runs is None or is_turned(a, b) or d <= 0:
        return text._replace(runs=None)
    left, top = _POINTS * (x0 + e), _POINTS * (y0 + f)
    return text._replace(runs=[
        Run(left + a * run.x0 + c * run.y, left + a * run.x1 + c * run.y,
            top + d * run.y, d * run.em, run.text)
        for run in text.runs
    ])


def _characterless(element: Any, codes: list[Any], texts: list[str]) -> int:
    """How many glyphs the text object ``element`` draws without characters: those its
    CGTransforms give for blanks, or for characters its codes ``texts`` lack; without
    CGTransforms, those an empty code's DeltaX places. An embedded font without character
    codes, as converters from PDF write it, draws text so: readable on screen, with no text
    to take out."""
    transforms = list(element.iter("{*}CGTransform"))
    if not transforms:
        return sum(
            len(_deltas(code.get("DeltaX"))) + 1
            for code, code_text in zip(codes, texts, strict=True)
            if not code_text and code.get("DeltaX")
        )
    text = "".join(texts)
    glyphs = 0
    for transform in transforms:
        start = int(_number(transform.get("CodePosition")) or 0)
        covered = text[start : start + int(_number(transform.get("CodeCount")) or 1)]
        if not covered.strip():
            listed = next(
                (_text(child) for child in transform if _local(child) == "Glyphs"), ""
            )
            glyphs += int(_number(transform.get("GlyphCount")) or len(listed.split()))
    return glyphs


def _evenly_spread(placed: list[tuple[float, float, str]]) -> bool:
    """Whether the characters ``placed`` (x, baseline, character), three at least, all
    stand the same distance apart, blanks aside."""
    xs = [x for x, _, char in placed if not char.isspace()]
    steps = [right - left for left, right in itertools.pairwise(xs)]
    return len(xs) >= 3 and max(steps) - min(steps) <= _EVEN * max(steps)


def _deltas(value: str | None) -> list[float]:
    """The advances a text code's DeltaX gives, ``g N d`` (N times d) written out; none if
    it cannot be read."""
    words = (value or "").split()
    steps: list[float] = []
    k = 0
    try:
        while k < len(words):
            if words[k] == "g":
                steps.extend([float(words[k + 2])] * int(words[k + 1]))
                k += 3
            else:
                steps.append(float(words[k]))
                k += 1
    except (ValueError, IndexError):
        return []
    return steps


def _number(value: str | None, default: float | None = None) -> float | None:
    try:
        return float(value) if value is not None else default
    except ValueError:
        return default


def _numbers(value: str | None) -> list[float] | None:
    """The numbers of an attribute such as Boundary or CTM; None if it holds none, or
    something else."""
    try:
        numbers = [float(word) for word in (value or "").split()]
    except ValueError:
        return None
    return numbers or None


def _box(element: Any) -> tuple[float, float, float, float] | None:
    """A box (x, y, width, height) from a PhysicalBox, if it holds one."""
    numbers = _numbers(_text(element)) if element is not None else None
    return tuple(numbers) if numbers and len(numbers) == 4 else None  # type: ignore[return-value]


def _key(name: str) -> str:
    """What a member's ``name`` is looked up by: whatever its case and its slashes."""
    return name.replace("\\", "/").lower()


def _local(element: Any) -> str:
    """An element's name without its namespace: producers write the OFD namespace with the
    ``ofd:`` prefix, another, or none."""
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _children(element: Any, *path: str) -> Iterator[Any]:
    """The elements at ``path`` of local names below ``element``, in document order."""
    found = [element]
    for name in path:
        found = [child for parent in found for child in parent if _local(child) == name]
    yield from found


def _first(element: Any, *path: str) -> Any:
    return next(_children(element, *path), None)


def _text(element: Any) -> str:
    return (element.text or "").strip()
