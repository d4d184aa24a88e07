"""Builds Word 97–2003 files (.doc) for the tests: no office software is at hand.

:func:`write_ole` writes an OLE2 compound file (512-byte sectors, a FAT, a directory; every
stream padded to 4096 bytes, so none goes to the mini stream), :func:`word_streams` the
minimal streams Word reads: a WordDocument stream (the FIB, the text in pieces, a page of
paragraph formatting a few paragraphs) and a 1Table stream holding the piece table (CLX),
the paragraphs' bin table and, for automatic numbering, the list tables (PlfLst with its
levels, PlfLfo) and a style sheet (STSH) of styles carrying a list, as [MS-DOC] describes
them. LibreOffice 7.4 (tried by hand, not by the tests) draws from these lists and styles the
numbers the .doc reader draws, but for a level that an override gives a start of its own
(fFormatting without fStartAt), which it starts at 1.
"""

from __future__ import annotations

import functools
import itertools
import re
import struct
from pathlib import Path

SECTOR = 512
MIN_STREAM = 4096
FREE, END, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF

#: Paragraph sprms: in a table, and the end of a table row.
IN_TABLE = struct.pack("<HB", 0x2416, 1)
ROW_END = struct.pack("<HB", 0x2417, 1)
HEADING_1 = 1  # Word's fixed style id of Heading 1
#: Paragraph sprms of automatic numbering: the list (an ilfo) and the level.
ILFO, ILVL = 0x460B, 0x260A
TEXT_AT = 1024
RUNS_A_PAGE = 10


def write_ole(path: Path, streams: dict[str, bytes]) -> Path:
    """Write ``streams`` (each padded to 4096 bytes) as an OLE2 compound file."""
    names = sorted(streams, key=lambda name: (len(name), name.upper()))
    datas = [streams[name].ljust(MIN_STREAM, b"\0") for name in names]
    sizes = [-(-len(data) // SECTOR) for data in datas]
    directory_sectors = -(-(len(names) + 1) // 4)
    fat_sectors = 1
    while fat_sectors * SECTOR // 4 < fat_sectors + directory_sectors + sum(sizes):
        fat_sectors += 1
    fat = [FAT_SECTOR] * fat_sectors

    def chain(count: int) -> int:
        first = len(fat)
        fat.extend(range(first + 1, first + count))
        fat.append(END)
        return first

    directory_start = chain(directory_sectors)
    starts = [chain(size) for size in sizes]
    fat += [FREE] * (fat_sectors * SECTOR // 4 - len(fat))

    def entry(name: str, kind: int, start: int, size: int, right: int, child: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBBIII", len(encoded), kind, 1, NO_STREAM, right, child)
            + bytes(16 + 4 + 16)
            + struct.pack("<IQ", start, size)
        )

    # The streams hang from the root as a chain of right siblings, in the order the
    # format sorts names.
    entries = [entry("Root Entry", 5, END, 0, NO_STREAM, 1 if names else NO_STREAM)]
    for i, (name, data, start) in enumerate(zip(names, datas, starts, strict=True), 1):
        entries.append(entry(name, 2, start, len(data), i + 1 if i < len(names) else NO_STREAM,
                             NO_STREAM))
    empty = bytes(64) + struct.pack("<HBBIII", 0, 0, 0, NO_STREAM, NO_STREAM, NO_STREAM)
    entries += [empty.ljust(128, b"\0")] * (4 * directory_sectors - len(entries))

    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<IIIIIIIII", 0, fat_sectors, directory_start, 0, MIN_STREAM, END, 0,
                      END, 0)
        + struct.pack("<109I", *range(fat_sectors), *[FREE] * (109 - fat_sectors))
    )
    body = (
        struct.pack(f"<{len(fat)}I", *fat)
        + b"".join(entries)
        + b"".join(data.ljust(size * SECTOR, b"\0") for data, size in zip(datas, sizes,
                                                                         strict=True))
    )
    path.write_bytes(header + body)
    return path


def _papx(style: int, sprms: bytes) -> bytes:
    data = struct.pack("<H", style) + sprms
    if len(data) % 2:
        return bytes([(len(data) + 1) // 2]) + data
    return bytes([0, len(data) // 2]) + data


def _fkp(bounds: list[int], papxs: list[bytes]) -> bytes:
    page = bytearray(SECTOR)
    runs = len(papxs)
    struct.pack_into(f"<{runs + 1}I", page, 0, *bounds)
    at = SECTOR - 1
    for i, papx in enumerate(papxs):
        at -= len(papx)
        at -= at % 2
        page[at:at + len(papx)] = papx
        page[4 * (runs + 1) + 13 * i] = at // 2
    assert at > 4 * (runs + 1) + 13 * runs, "too many paragraphs for one page"
    page[-1] = runs
    return bytes(page)


def _lvl(level, index: int) -> bytes:
    """A list level (LVL) of ``level``: (nfc, number text with %1 … %9, start at 1 unless
    given); the text's placeholders become the characters 0 to 8 that Word stores."""
    nfc, text, start = (*level, 1)[:3]
    xst = re.sub("%([1-9])", lambda match: chr(int(match.group(1)) - 1), text)
    places = [at + 1 for at, char in enumerate(xst) if ord(char) < 9][:9]
    lvlf = struct.pack(
        "<iBB9sBiIBBBB", start, nfc, 0, bytes(places).ljust(9, b"\0"), 0, 0, 0, 0, 0, 0, 0
    )
    return lvlf + struct.pack("<H", len(xst)) + xst.encode("utf-16-le")


def _list_tables(lists, overrides, styles) -> tuple[bytes, bytes, bytes]:
    """The list table (PlfLst), the levels that follow it, and the overrides (PlfLfo). A
    style numbered at a level is linked to it (rgistdPara), as Word links heading styles."""
    lstfs, lvls = [struct.pack("<h", len(lists))], []
    for number, levels in enumerate(lists):
        simple = len(levels) == 1
        linked = [0x0FFF] * 9
        for istd, (_, ilfo, ilvl) in styles.items():
            if ilfo and overrides[ilfo - 1][0] == number:
                linked[ilvl or 0] = istd
        lstfs.append(struct.pack("<iI9hBB", 0x4C000000 + number, 0, *linked, simple, 0))
        for index in range(1 if simple else 9):
            lvls.append(_lvl(levels[index] if index < len(levels) else (0, f"%{index + 1}."),
                             index))
    lfos, datas = [struct.pack("<I", len(overrides))], []
    for number, changes in overrides:
        lfos.append(struct.pack("<iIIBBBB", 0x4C000000 + number, 0, 0, len(changes), 0, 0, 0))
        data = struct.pack("<I", 0xFFFFFFFF)
        for index, change in changes.items():
            if isinstance(change, int):  # fStartAt
                data += struct.pack("<iI", change, index | 0x10)
            else:  # fFormatting, a level of its own
                data += struct.pack("<iI", 0, index | 0x20) + _lvl(change, index)
        datas.append(data)
    return b"".join(lstfs), b"".join(lvls), b"".join(lfos + datas)


def _stsh(styles) -> bytes:
    """A style sheet (STSH) of Normal and ``styles``: paragraph styles by istd, each (the
    istd of the style it is based on or None, ilfo or None, ilvl or None)."""
    count = max(styles, default=0) + 1
    stshi = struct.pack("<9H", count, 10, 1, count, 15, 0, 0, 0, 0)
    out = [struct.pack("<H", len(stshi)), stshi]
    for istd in range(count):
        if istd and istd not in styles:
            out.append(struct.pack("<H", 0))  # no style at this istd
            continue
        base, ilfo, ilvl = styles.get(istd, (None, None, None))
        # Word leaves out a level of 0, as it does every property of its default value.
        sprms = struct.pack("<HB", ILVL, ilvl) if ilvl else b""
        sprms += struct.pack("<Hh", ILFO, ilfo) if ilfo is not None else b""
        stdf = struct.pack(
            "<5H", istd if istd < 10 else 0x0FFE, 1 | (0x0FFF if base is None else base) << 4,
            2 | istd << 4, 0, 0,
        )
        name = "Normal" if not istd else f"Heading {istd}" if istd < 10 else f"样式{istd}"
        upx = struct.pack("<HH", 2 + len(sprms), istd) + sprms
        std = (stdf + struct.pack("<H", len(name)) + name.encode("utf-16-le") + b"\0\0"
               + upx + bytes(len(upx) % 2) + struct.pack("<H", 0))
        out.append(struct.pack("<H", len(std)) + std)
    return b"".join(out)


def word_streams(
    blocks, footnotes=(), *, textboxes=(), lists=(), overrides=None, styles=None,
    ansi: bool = True, flags: int = 0, version: int = 193,
) -> dict[str, bytes]:
    """The streams of a .doc holding ``blocks``.

    Parameters
    ----------
    blocks : list
        A str is a paragraph (Word's control characters as they are: ``\\x0b``, fields
        ``\\x13 ... \\x14 ... \\x15``, pictures ``\\x01``); ``("heading", str)`` a paragraph
        in Heading 1; ``("listed", str, ilfo, ilvl)`` a paragraph numbered in the list
        override ``ilfo`` (1 and on; 0 no list) at level ``ilvl``; a list of rows (lists of
        cell texts, ``\\r`` parting a cell's paragraphs) a table.
    footnotes : list of str
    textboxes : list of str
        The text of the main text's text boxes, a paragraph each.
    lists : list
        Lists of automatic numbering, each a list of its levels from level 0, (nfc, number
        text with %1 … %9[, start]) each; one of a single level is a simple list, the
        others have nine, the missing ones decimal.
    overrides : list, optional
        The list overrides (LFO) that paragraphs name by their ilfo, each a list's index
        and its changes by level: a start (int) or a level of its own (a tuple); by
        default one for each list, without changes.
    styles : dict, optional
        Paragraph styles for a style sheet, by istd (1 to 9 Word's headings): (the istd of
        the style it is based on or None, ilfo or None, ilvl or None). ``("styled", str,
        istd)`` in ``blocks`` is a paragraph of one.
    ansi : bool
        Whether runs of characters that cp1252 holds are stored 8-bit (compressed pieces),
        the rest as UTF-16; else the whole text is one UTF-16 piece.
    flags : int
        Added to the FIB's flags (0x0100: encrypted); the table stream is always 1Table.
    version : int
        The FIB's nFib.
    """
    text: list[str] = []
    marks: list[tuple[int, bytes]] = []  # the style and sprms of each paragraph mark

    def paragraph(body: str, end: str = "\r", style: int = 0, sprms: bytes = b"") -> None:
        text.append(body + end)
        marks.append((style, sprms))

    for block in blocks:
        if isinstance(block, str):
            paragraph(block)
        elif block[0] == "listed":
            _, body, ilfo, ilvl = block
            # Word writes the level first, as it does its sprms in the order of their ids.
            paragraph(body, sprms=struct.pack("<HBHh", ILVL, ilvl, ILFO, ilfo))
        elif block[0] == "styled":
            paragraph(block[1], style=block[2])
        elif isinstance(block, tuple):
            paragraph(block[1], style=HEADING_1)
        else:
            for row in block:
                for cell in row:
                    if isinstance(cell, tuple):  # ("listed", str, ilfo, ilvl): a numbered cell
                        _, body, ilfo, ilvl = cell
                        listed = struct.pack("<HBHh", ILVL, ilvl, ILFO, ilfo)
                        paragraph(body, "\x07", sprms=IN_TABLE + listed)
                        continue
                    *inner, last = cell.split("\r")  # a cell's paragraphs
                    for text_of in inner:
                        paragraph(text_of, sprms=IN_TABLE)
                    paragraph(last, "\x07", sprms=IN_TABLE)
                paragraph("", "\x07", sprms=IN_TABLE + ROW_END)
    main = len("".join(text))
    for note in footnotes:
        paragraph("\x02" + note)
    notes = len("".join(text)) - main
    for box in textboxes:
        paragraph(box)
    boxes = len("".join(text)) - main - notes
    if footnotes or textboxes:
        paragraph("")  # Word ends the last subdocument with a paragraph mark of its own
    chars = "".join(text)

    # Pieces: runs of characters that cp1252 holds, stored a byte each, and the others.
    stored = bytearray()
    descriptors, positions, ends = [], [0], []  # ends: the offset after each mark
    for narrow, run in itertools.groupby(chars, key=lambda char: ansi and _ansi(char)):
        run = "".join(run)
        offset = TEXT_AT + len(stored)
        descriptors.append(
            struct.pack("<HIH", 0, (offset * 2) | 0x40000000 if narrow else offset, 0)
        )
        positions.append(positions[-1] + len(run))
        width = 1 if narrow else 2
        ends += [offset + width * match.end() for match in re.finditer("[\r\x07]", run)]
        stored += run.encode("cp1252" if narrow else "utf-16-le")
    plcpcd = struct.pack(f"<{len(positions)}I", *positions) + b"".join(descriptors)
    clx = b"\x01" + struct.pack("<h", 3) + b"\x03\x24\x01" + b"\x02" + struct.pack(
        "<I", len(plcpcd)) + plcpcd

    fkp_at = -(-(TEXT_AT + len(stored)) // SECTOR) * SECTOR
    pages, firsts, numbers = [], [], []
    starts = [TEXT_AT, *ends[:-1]]
    for i in range(0, len(marks), RUNS_A_PAGE):
        chunk = range(i, min(i + RUNS_A_PAGE, len(marks)))
        papxs = [_papx(*marks[k]) for k in chunk]
        pages.append(_fkp([starts[k] for k in chunk] + [ends[chunk[-1]]], papxs))
        firsts.append(starts[i])
        numbers.append(fkp_at // SECTOR + len(pages) - 1)
    bin_table = struct.pack(f"<{len(firsts) + 1}I", *firsts, ends[-1]) + struct.pack(
        f"<{len(numbers)}I", *numbers)
    if overrides is None:
        overrides = [(number, {}) for number in range(len(lists))]
    plflst, lvls, plflfo = _list_tables(lists, overrides, styles or {})
    stsh = _stsh(styles) if styles is not None else b""
    table = clx + bin_table + plflst + lvls + plflfo + stsh

    counts = [0] * 22
    counts[0], counts[3], counts[4] = fkp_at + SECTOR * len(pages), main, notes
    counts[9] = boxes
    places = [0] * (2 * 93)
    places[2 * 13:2 * 13 + 2] = [len(clx), len(bin_table)]
    places[2 * 33:2 * 33 + 2] = [0, len(clx)]
    if lists:
        # The levels follow the list table, beyond the size the FIB gives it.
        at = len(clx) + len(bin_table)
        places[2 * 73:2 * 73 + 4] = [at, len(plflst), at + len(plflst) + len(lvls), len(plflfo)]
    if stsh:
        places[2 * 1:2 * 1 + 2] = [len(table) - len(stsh), len(stsh)]
    fib = (
        struct.pack("<HHHHHHHIBBHHII", 0xA5EC, version, 0, 0x0804, 0, 0x0200 | 0x1000 | flags,
                    0xBF, 0, 0, 0, 0, 0, 0, 0)
        + struct.pack("<H", 14) + bytes(28)
        + struct.pack("<H", 22) + struct.pack("<22I", *counts)
        + struct.pack("<H", 93) + struct.pack("<186I", *places)
        + struct.pack("<H", 0)
    )
    word = fib.ljust(TEXT_AT, b"\0") + bytes(stored)
    word = word.ljust(fkp_at, b"\0") + b"".join(pages)
    return {"WordDocument": word, "1Table": table}


@functools.cache
def _ansi(char: str) -> bool:
    try:
        char.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def write_doc(path: Path, blocks, footnotes=(), **options) -> Path:
    """Write a .doc holding ``blocks`` (see :func:`word_streams`)."""
    return write_ole(path, word_streams(blocks, footnotes, **options))
