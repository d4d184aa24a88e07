"""The font plots are drawn with: a GB 2312 subset of Noto Sans CJK SC (SIL OFL)."""
