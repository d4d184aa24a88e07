"""Zip packages (.docx and OFD): their members, and the defences against zip bombs both
readers use before inflating anything."""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path

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
