"""Zip packages (.docx, .pptx and OFD): their members, the defences against zip bombs the
readers use before inflating anything, and what they share in reading the parts: a parser
that trusts no part, Open XML's relationships, what to say of a damaged package."""

from __future__ import annotations

import logging
import posixpath
import zipfile
import zlib
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ..errors import ReadError

logger = logging.getLogger(__name__)

#: Limits on what a package may inflate to, far beyond any report: the readers hold every part
#: they read in memory. A report with many photos runs to tens of megabytes, in a few hundred
#: parts; its XML packs about 10 to 1, its pictures hardly at all.
MAX_MEMBER_BYTES = 200_000_000
MAX_PACKAGE_BYTES = 1_000_000_000
MAX_MEMBERS = 10_000
MAX_RATIO = 100
#: Below this a part may pack as tightly as it likes (a table of empty cells does).
_LARGE_MEMBER_BYTES = 10_000_000


def refuse_zip_bomb(path: Path, members: list[zipfile.ZipInfo]) -> None:
    """Refuse the package at ``path``, of ``members``, if it would inflate beyond reason.

    The sizes are the ones the zip directory declares, checked before anything is
    inflated; :mod:`zipfile` never inflates a member past its declared size, so a directory
    that lies about them cannot get round the limits.

    Raises
    ------
    ReadError
        Too many members, one too large or packed too tightly, or all too large together.
    """
    refusal = f"{path}: refused as a likely zip bomb"
    if len(members) > MAX_MEMBERS:
        raise ReadError(f"{refusal}: {len(members):,} parts (at most {MAX_MEMBERS:,} read)")
    for member in members:
        size, ratio = member.file_size, member.file_size / max(member.compress_size, 1)
        if size > MAX_MEMBER_BYTES or (size > _LARGE_MEMBER_BYTES and ratio > MAX_RATIO):
            raise ReadError(
                f"{refusal}: {member.filename} would inflate to {size / 1e6:,.0f} MB, "
                f"{ratio:,.0f} times its packed size (at most {MAX_MEMBER_BYTES / 1e6:,.0f} MB, "
                f"and {MAX_RATIO} times when over {_LARGE_MEMBER_BYTES / 1e6:,.0f} MB)"
            )
    total = sum(member.file_size for member in members)
    if total > MAX_PACKAGE_BYTES:
        raise ReadError(
            f"{refusal}: its parts would inflate to {total / 1e6:,.0f} MB "
            f"(at most {MAX_PACKAGE_BYTES / 1e6:,.0f} MB)"
        )


def zip_members(path: Path) -> list[zipfile.ZipInfo] | None:
    """The members a zip's directory lists, or None when it is not a zip :mod:`zipfile`
    can read."""
    try:
        with zipfile.ZipFile(path) as package:
            return package.infolist()
    except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError) as exc:
        # A damaged directory makes zipfile raise any of these (an unknown zip version,
        # a name that is not UTF-8 ...).
        logger.debug("%s: not a readable zip: %r", path, exc)
        return None


#: What reading a damaged member raises: zipfile's and zlib's errors for its bytes (a
#: download broken off, a byte flipped), lxml's XMLSyntaxError (a SyntaxError) for XML
#: that is not well-formed.
PART_DAMAGE = (
    zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError, SyntaxError
)


def xml_parser() -> Any:
    """An lxml parser for a package's XML that expands no entity and fetches nothing: the
    file may come from anywhere."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def check_package(path: Path, main_part: str, what: str) -> None:
    """Refuse a file that is not an Open XML package of ``main_part`` (``what``: ".docx",
    for the message), or that would inflate beyond reason (see :func:`refuse_zip_bomb`).

    Raises
    ------
    ReadError
        Not a zip, no ``main_part``, or a likely zip bomb.
    """
    members = zip_members(path)
    if members is None:
        raise ReadError(f"{path}: not a valid {what} file (it is not a zip package)")
    if main_part not in {member.filename for member in members}:
        raise ReadError(f"{path}: not a valid {what} file (the zip has no {main_part})")
    refuse_zip_bomb(path, members)


def relationships(package: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """The relationships of the member ``part`` of an Open XML ``package`` to other
    members, by id: the last word of their type (``slide``, ``notesSlide``, in the
    transitional and the strict namespaces alike) and the member they target. External
    ones (a hyperlink) are left out; a part without relationships has none.

    Raises
    ------
    Exception
        One of :data:`PART_DAMAGE` when the relationships' part is damaged.
    """
    from lxml import etree

    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    try:
        data = package.read(rels)
    except KeyError:
        return {}
    found = {}
    for relationship in etree.fromstring(data, xml_parser()):
        target = unquote(relationship.get("Target", ""))
        if relationship.get("TargetMode") == "External" or not target:
            continue
        # A target is relative to the part's folder, or to the package's root.
        member = posixpath.normpath(
            target if target.startswith("/") else posixpath.join("/", folder, target)
        ).lstrip("/")
        kind = relationship.get("Type", "").rstrip("/").rsplit("/", 1)[-1]
        found[relationship.get("Id", "")] = (kind, member)
    return found


def damaged_warning(path: Path, missing: list[str], program: str) -> str:
    """What to tell of the package at ``path`` that names the parts ``missing`` (a picture an
    exporting system left out), read without them; ``program`` ("Word") can recover it."""
    shown = ", ".join(missing[:3]) + (f" and {len(missing) - 3} more" if len(missing) > 3 else "")
    return (
        f"{path}: the package is damaged: it names parts it lacks ({shown}), read without "
        f"them; if the report misses something, open it in {program}, which offers to "
        "recover such a file, and save it again"
    )
