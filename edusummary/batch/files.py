"""Finding report files in folders, and fingerprinting them."""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import stat
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

from .._chinese import display_path
from ..errors import EdusummaryWarning
from ..reading import JSON_SUFFIXES, READERS, REFUSED_SUFFIXES, SHEET_SUFFIXES

logger = logging.getLogger(__name__)


def report_suffixes() -> frozenset[str]:
    """Suffixes of the files a folder is searched for: ``.txt``, every suffix with a
    reader, read from the registry when called, so that a reader registered later counts,
    and the suffixes of kinds the reader refuses with advice (archives)."""
    return frozenset({".txt", *READERS, *REFUSED_SUFFIXES})


def as_inputs(
    inputs, single: tuple[type, ...] = (str, os.PathLike), name: str = "paths"
) -> Iterator:
    """``inputs`` as an iterator of inputs: a path, or an object of the ``single`` types,
    is one input (a str is never read as its characters).

    Raises
    ------
    TypeError
        ``inputs`` is a table (iterated, a DataFrame gives its column names, which would be
        taken for files), or one of its items is not of the ``single`` types: named by its
        position in ``name`` and its value. Raised as the item is reached.
    """
    if isinstance(inputs, single):
        yield inputs
        return
    what = " or ".join(
        "a path" if kind in (str, os.PathLike) else f"a {kind.__name__}"
        for kind in single if kind is not os.PathLike
    )
    shape = getattr(inputs, "shape", None)
    if shape is not None and len(shape) == 2:
        raise TypeError(
            f"{name} must be {what}, or a list of them, got a {type(inputs).__name__} of shape "
            f"{tuple(shape)}; for a sheet of report texts, tag its column of texts: "
            'reports = edusummary.tag_texts(df["正文"]), which summarize(reports) takes'
        )
    for position, item in enumerate(inputs):
        if not isinstance(item, single):
            raise TypeError(
                f"{name}[{position}] must be {what}, got {type(item).__name__}: {item!r:.60}"
            )
        yield item


def find_reports(
    inputs: Iterable[str | os.PathLike[str]], recursive: bool = False
) -> Iterator[str]:
    """The report files named by ``inputs``.

    Files are yielded as given (whatever their suffix); folders are searched for files with
    a report suffix (see :func:`report_suffixes`), in sorted order, descending into
    sub-folders when ``recursive``. Hidden files and folders are skipped, and so are the
    ``~$NAME.docx`` files Word keeps beside a report while it is open (hidden on Windows,
    but not once unzipped elsewhere; they name who has it open, and are no report), and the
    ``NAME_files`` folder a browser saves beside ``NAME.htm(l)`` (Word's ``NAME.files``,
    ``NAME.fld``): its pages belong to that page. A link to a folder is followed once, and
    not at all when it leads into the folder searched, whose files are then found by their
    own path (a link back up, which archives keep, made the search run round the loop).
    Whatever cannot be searched or is not a folder is yielded as given — a path that does
    not exist or whose name is too long, a folder that cannot be listed, a named pipe, a
    file deleted since it was listed — so that it is reported as a failure rather than
    lost.
    """
    suffixes = report_suffixes()
    for item in inputs:
        path = Path(item)
        if not _is_dir(path):
            yield str(path)
            continue
        found = False
        for found in _search(path, suffixes, recursive):
            yield found
        for collections, kind, advice in [] if found else _COLLECTIONS:
            names = [Path(f).name for f in _search(path, collections, recursive)]
            if names:
                # A folder of a sheet of reports, one a row, or of a scraper's articles, one
                # a record: nothing tagged and exit 0 looked like a folder of no reports.
                warnings.warn(
                    f"{display_path(str(path))}: no reports in this folder, but "
                    f"{len(names)} {kind}(s) ({', '.join(names[:3])}): {advice}",
                    EdusummaryWarning,
                    stacklevel=2,
                )
                break
        if not found and not recursive and any(_search(path, suffixes, recursive=True)):
            # Reports unzipped from an archive sit a folder or two down: nothing tagged,
            # and nothing said, looked like success.
            warnings.warn(
                f"{display_path(str(path))}: no reports in this folder, but its sub-folders "
                "hold some; search them with -r (recursive=True)",
                EdusummaryWarning,
                stacklevel=2,
            )


#: Files of reports held one a row or a record, which a folder is not searched for: when it
#: holds no reports, the user is told of them, and of what to do.
_COLLECTIONS = (
    (
        SHEET_SUFFIXES, "spreadsheet",
        "to tag reports held one per row of a sheet, pass its column of texts to "
        "edusummary.tag_texts",
    ),
    (
        JSON_SUFFIXES, "JSON file",
        "to tag reports held one per record, read them with pandas.read_json and pass the "
        "column of their text to edusummary.tag_texts",
    ),
)


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):  # a name too long, no permission, a NUL byte
        return False


def _search(
    folder: Path,
    suffixes: frozenset[str],
    recursive: bool,
    root: str | None = None,
    seen: set[tuple[int, int]] | None = None,
) -> Iterator[str]:
    """The report files in ``folder``; ``root`` is the real path of the folder the search
    began in, and ``seen`` the folders searched so far (device and inode)."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
        info = folder.stat()
    except OSError:
        yield str(folder)  # the reader says why it cannot be listed
        return
    if root is None:
        root, seen = os.path.realpath(folder), set()
    seen.add((info.st_dev, info.st_ino))
    names = {entry.name.lower() for entry in entries}
    for entry in entries:
        if entry.name.startswith((".", "~$")):  # hidden, or Word's owner file of a report
            continue
        path = folder / entry.name
        if _is_folder(entry):
            if (
                recursive
                and not _is_saved_page_folder(entry.name, names)
                and _not_searched(path, root, seen)
            ):
                yield from _search(path, suffixes, recursive, root, seen)
        elif path.suffix.lower() in suffixes:
            yield str(path)


def _is_folder(entry: os.DirEntry) -> bool:
    """Whether a listed entry is a folder or a link to one. The listing says so without
    the entry's path, which the system refuses past its length limit: such a folder was
    taken for a file, and the reports in it were lost without a word."""
    try:
        return entry.is_dir()
    except OSError as exc:
        # A link that leads round in a circle leads to no folder, and is taken as a file;
        # any other the system cannot follow (a path too long) is searched, to say why.
        return exc.errno != errno.ELOOP


def _not_searched(folder: Path, root: str, seen: set[tuple[int, int]]) -> bool:
    """Whether the search goes into ``folder``: a folder not searched yet, and not a link
    into ``root``, whose files the search finds by their own path."""
    try:
        info = folder.stat()
        link = folder.is_symlink()
    except OSError:
        return True  # searching it says what is wrong
    if (info.st_dev, info.st_ino) in seen:
        logger.info("%s: not searched again: the search has been there", display_path(str(folder)))
        return False
    real = os.path.realpath(folder)
    if link and os.path.commonpath([real, root]) == root:
        logger.info(
            "%s: not followed: a link into the folder searched (to %s)",
            display_path(str(folder)), display_path(real),
        )
        return False
    return True


#: Suffixes of the folder a saved web page keeps its images and frames in, beside
#: ``NAME.htm``: a browser's ``NAME_files``, ``NAME.files`` from Word's 另存为网页 on
#: Chinese (Japanese, Korean) Windows, and ``NAME.fld`` from older Office.
_SAVED_PAGE_FOLDERS = ("_files", ".files", ".fld")


def _is_saved_page_folder(name: str, siblings: set[str]) -> bool:
    """Whether ``name`` is the folder of images and frames a page beside it was saved with
    (``siblings``: the lower-case names in its folder)."""
    name = name.lower()
    for suffix in _SAVED_PAGE_FOLDERS:
        stem = name.removesuffix(suffix)
        if stem and stem != name and (f"{stem}.htm" in siblings or f"{stem}.html" in siblings):
            return True
    return False


def file_digest(path: str | os.PathLike[str]) -> str | None:
    """SHA-256 of a file's bytes, or None when it cannot be read or is not a regular file."""
    digest = hashlib.sha256()
    try:
        # Opened without waiting: opening a named pipe waits for a writer.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except (OSError, ValueError):
        return None
    try:
        regular = stat.S_ISREG(os.fstat(descriptor).st_mode)
    except OSError:
        regular = False
    if not regular:
        # Checked before the descriptor is wrapped: open() refuses a folder's descriptor
        # without closing it.
        os.close(descriptor)
        return None
    with open(descriptor, "rb") as handle:
        try:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        except OSError:
            return None
    return digest.hexdigest()
