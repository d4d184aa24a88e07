"""Sentences of a paragraph: what figures are read from, representative sentences are
chosen from, and secondary topics are found in."""

from __future__ import annotations

import re
from collections.abc import Iterator

#: A sentence ends after these marks (。！？； or a line break), with the closing quotes
#: that follow.
SENTENCE_MARKS = "。！？!?；;\n"
CLOSING_QUOTES = "”’」』）)"
_SENTENCE_END = re.compile(f"[{re.escape(SENTENCE_MARKS)}]+[{re.escape(CLOSING_QUOTES)}]*")


def sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``: cut after 。！？； and line breaks,
    closing quotes kept with their sentence, blanks around it left out.

    >>> text = "一是扩容。二是提质；三是“规范”。"
    >>> [text[start:end] for start, end in sentence_spans(text)]
    ['一是扩容。', '二是提质；', '三是“规范”。']
    """
    start = 0
    for end_mark in _SENTENCE_END.finditer(text):
        yield from _trimmed(text, start, end_mark.end())
        start = end_mark.end()
    yield from _trimmed(text, start, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end
