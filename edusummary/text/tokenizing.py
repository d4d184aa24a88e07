"""Normalising paragraph text and cutting it into words.

Words come from jieba with a domain dictionary of education terms (``resources/userdict.txt``)
and stop words (``resources/stopwords.txt``) shipped in the package. Before cutting, text is
normalised: width variants folded, figures and placeholders folded to one symbol so that
"95.3%", "xx.x%" and "85%" become the same feature instead of thousands of rare ones, and
traditional characters mapped to simplified ones (``resources/t2s.txt``), so that a report
from Taiwan or Hong Kong meets the features the model learnt from simplified text.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

logger = logging.getLogger(__name__)

#: Figures and the placeholders reports use in their place: 1200, 95.3, 20XX, xx, **, x.xx.
#: Latin letters next to them keep words such as "PPT" or "Excel" intact.
#: The pattern opens with the character class, not the look-behind, so that the search skips
#: to candidate characters instead of trying the look-behind at every position (3 times
#: faster on report text); the look-behind then checks the character before the first one.
_FIGURE = re.compile(r"[0-9xX×*](?<![A-Za-z].)[0-9xX×*]*(?:[.,][0-9xX×*]+)*(?![A-Za-z])")
FIGURE = "0"

_WORD = re.compile(r"[\w%]", re.UNICODE)


def fold(text: str) -> str:
    """Fold width variants (NFKC) and replace every figure or placeholder with ``"0"``.

    >>> fold("入园率达９５.３％，xx县投入20XX万元")
    '入园率达0%,0县投入0万元'
    """
    return _FIGURE.sub(FIGURE, unicodedata.normalize("NFKC", text))


def normalize(text: str) -> str:
    """:func:`fold`, then traditional characters to simplified ones.

    The mapping is character by character, so the text keeps its length.

    >>> normalize("學前教育，入園率９５％")
    '学前教育,入园率0%'
    """
    return fold(text).translate(simplified_table())


def normalize_spans(text: str) -> tuple[str, list[tuple[int, int]]]:
    """:func:`normalize` with, for each of its characters, the span of ``text`` it stands
    for (a figure's ``"0"`` the whole figure): to show a term of the model as the text has it.

    Width variants are folded character by character here; where that gives other text
    than :func:`normalize` (a combining mark), compare before using the spans.

    >>> normalize_spans("園3所")
    ('园0所', [(0, 1), (1, 2), (2, 3)])
    """
    chars: list[str] = []
    origins: list[int] = []
    for at, char in enumerate(text):
        for folded in unicodedata.normalize("NFKC", char):
            chars.append(folded)
            origins.append(at)
    wide = "".join(chars)
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    done = 0
    for match in _FIGURE.finditer(wide):
        out.append(wide[done : match.start()])
        spans += [(origins[i], origins[i] + 1) for i in range(done, match.start())]
        out.append(FIGURE)
        spans.append((origins[match.start()], origins[match.end() - 1] + 1))
        done = match.end()
    out.append(wide[done:])
    spans += [(origins[i], origins[i] + 1) for i in range(done, len(wide))]
    return "".join(out).translate(simplified_table()), spans


def _resource_lines(name: str) -> list[str]:
    text = resources.files("edusummary.resources").joinpath(name).read_text(encoding="utf-8")
    return [
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]


@lru_cache(maxsize=1)
def simplified_table() -> dict[int, str]:
    """Code point of each traditional character to its simplified form."""
    return {ord(pair[0]): pair[2] for pair in _resource_lines("t2s.txt")}


@lru_cache(maxsize=1)
def domain_terms() -> tuple[str, ...]:
    """The education terms added to jieba's dictionary."""
    return tuple(line.split()[0] for line in _resource_lines("userdict.txt"))


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Words dropped from the word features: function words and report filler."""
    return frozenset(_resource_lines("stopwords.txt"))


class Tokenizer:
    """jieba with the domain dictionary, loaded on first use.

    Parameters
    ----------
    extra_terms : iterable of str, optional
        More words to keep whole, on top of the shipped domain dictionary.
    hmm : bool, default=True
        Let jieba's HMM guess words missing from its dictionary.
    """

    def __init__(self, extra_terms: Iterable[str] = (), hmm: bool = True) -> None:
        self.extra_terms = tuple(extra_terms)
        self.hmm = hmm
        self._jieba = None
        self._lock = threading.Lock()

    def _load(self):
        import jieba

        # jieba attaches a stderr handler to its logger and logs at DEBUG on every load
        # ("Building prefix dict ..."); a library must not print, so raise its threshold.
        jieba_logger = logging.getLogger("jieba")
        if jieba_logger.level < logging.WARNING:
            jieba_logger.setLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        for term in (*domain_terms(), *self.extra_terms):
            tokenizer.add_word(term)
        logger.debug("jieba loaded with %d domain terms", len(domain_terms()))
        return tokenizer

    def cut(self, text: str) -> list[str]:
        """Words of ``text`` after :func:`normalize`, without punctuation and stop words.

        Parameters
        ----------
        text : str

        Returns
        -------
        list of str
        """
        if self._jieba is None:
            with self._lock:
                if self._jieba is None:
                    self._jieba = self._load()
        stops = stop_words()
        return [
            word
            for word in self._jieba.lcut(normalize(text), HMM=self.hmm)
            if word not in stops and _WORD.search(word)
        ]

    def __getstate__(self) -> dict:
        # Worker processes rebuild jieba rather than receive a copy of its dictionary.
        return {"extra_terms": self.extra_terms, "hmm": self.hmm}

    def __setstate__(self, state: dict) -> None:
        self.__init__(**state)
