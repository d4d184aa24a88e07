#!/usr/bin/env python3
"""Build the CJK font the plots draw Chinese with: a subset of Noto Sans CJK SC.

matplotlib draws text with one font file and finds no Chinese glyphs on a machine without a
CJK font, so plots would show empty boxes. The package therefore ships
``edusummary/resources/fonts/EdusummarySans-Regular.otf``: Noto Sans CJK SC Regular (SIL Open
Font License 1.1) cut down to every character of GB 2312 (its 6,763 Chinese characters and
its punctuation and symbols) plus printable ASCII and Latin-1, renamed as the OFL asks of a
modified version.

Run on a Debian machine with the fonts-noto-cjk package installed (apt-get install
fonts-noto-cjk), with fontTools (a dependency of matplotlib):

    python tools/make_font.py [SOURCE.ttc]

The same source file gives the same subset, byte for byte.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
TARGET = Path(__file__).resolve().parent.parent / "edusummary/resources/fonts"
FAMILY = "Edusummary Sans"
SC_FAMILY = "Noto Sans CJK SC"


def gb2312_characters() -> set[str]:
    """Every character GB 2312 encodes: rows 1-9 (symbols) and 16-87 (Chinese)."""
    characters = set()
    for row in (*range(1, 10), *range(16, 88)):
        for cell in range(1, 95):
            try:
                characters.add(bytes([0xA0 + row, 0xA0 + cell]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return characters


def main() -> int:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE
    collection = TTCollection(str(source))
    font = next(f for f in collection.fonts if f["name"].getDebugName(1) == SC_FAMILY)
    characters = gb2312_characters()
    characters |= {chr(c) for c in range(0x20, 0x7F)} | {chr(c) for c in range(0xA0, 0x100)}
    characters |= set("“”‘’—–…·•№℃‰％（），。：；！？【】《》〈〉「」『』、〃々〇")
    options = subset.Options()
    options.layout_features = []  # horizontal labels only: no substitutions needed
    options.name_IDs = ["*"]
    options.hinting = False
    options.desubroutinize = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in characters])
    subsetter.subset(font)
    names = font["name"]
    copyright_notice = names.getDebugName(0)
    for record in list(names.names):
        if record.nameID in (1, 3, 4, 6, 16, 17, 18, 21, 22):
            names.removeNames(nameID=record.nameID)
    names.setName(FAMILY, 1, 3, 1, 0x409)
    names.setName("Regular", 2, 3, 1, 0x409)
    names.setName(f"{FAMILY} Regular; subset of {SC_FAMILY}", 3, 3, 1, 0x409)
    names.setName(f"{FAMILY} Regular", 4, 3, 1, 0x409)
    names.setName("EdusummarySans-Regular", 6, 3, 1, 0x409)
    if "CFF " in font:
        # The PostScript name lives in the CFF table too.
        cff = font["CFF "].cff
        cff.fontNames = ["EdusummarySans-Regular"]
        top = cff.topDictIndex[0]
        top.FullName = f"{FAMILY} Regular"
        top.FamilyName = FAMILY
    TARGET.mkdir(parents=True, exist_ok=True)
    out = TARGET / "EdusummarySans-Regular.otf"
    font.save(str(out))
    print(f"{out}: {len(characters)} characters, {out.stat().st_size:,} bytes")
    print(f"source copyright: {copyright_notice}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
