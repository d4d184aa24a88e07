"""TF-IDF features of paragraphs: character n-grams, word n-grams, or both.

:class:`Analyzer` turns one paragraph into its terms; :class:`TfidfFeatures` turns paragraphs
into an L2-normalised TF-IDF matrix from a fitted vocabulary and idf weights. Training fits
scikit-learn's ``TfidfVectorizer`` with the same analyzer (see :mod:`edusummary.model.training`);
predicting needs only numpy (:meth:`TfidfFeatures.weights`) and gives the same matrix.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ..text.tokenizing import Tokenizer, fold, normalize, simplified_table

#: Character n-grams are taken within runs of letters, digits and Chinese characters, so
#: that no gram spans a punctuation mark.
_WORD_CHAR = re.compile(r"[\w%]", re.UNICODE)
_RUN = re.compile(_WORD_CHAR.pattern + "+", re.UNICODE)

#: Word terms carry this prefix so that the word "学前" and the character bigram "学前" stay
#: different features.
WORD_PREFIX = "w:"


class Analyzer:
    """Terms of one paragraph.

    Parameters
    ----------
    char_ngrams : (int, int) or None
        Range of character n-gram lengths, e.g. ``(1, 3)``; None for no character terms.
    word_ngrams : (int, int) or None
        Range of word n-gram lengths, e.g. ``(1, 2)``; None for no word terms.
    tokenizer : Tokenizer, optional
        Cuts words; a default :class:`~edusummary.text.tokenizing.Tokenizer` when word terms are on.
    """

    def __init__(
        self,
        char_ngrams: tuple[int, int] | None = (1, 3),
        word_ngrams: tuple[int, int] | None = None,
        tokenizer: Tokenizer | None = None,
    ) -> None:
        if char_ngrams is None and word_ngrams is None:
            raise ValueError("Analyzer needs char_ngrams or word_ngrams (both are None)")
        for name, rng in (("char_ngrams", char_ngrams), ("word_ngrams", word_ngrams)):
            if rng is not None and not (len(rng) == 2 and 1 <= rng[0] <= rng[1]):
                raise ValueError(f"{name} must be (low, high) with 1 <= low <= high, got {rng!r}")
        self.char_ngrams = tuple(char_ngrams) if char_ngrams else None
        self.word_ngrams = tuple(word_ngrams) if word_ngrams else None
        self.tokenizer = tokenizer if tokenizer is not None or not word_ngrams else Tokenizer()

    def config(self) -> dict:
        """The settings that rebuild this analyzer (stored in model files)."""
        return {"char_ngrams": self.char_ngrams, "word_ngrams": self.word_ngrams}

    def __call__(self, text: str) -> list[str]:
        terms: list[str] = []
        if self.char_ngrams:
            low, high = self.char_ngrams
            for run in _RUN.findall(normalize(text)):
                size = len(run)
                for n in range(low, min(high, size) + 1):
                    terms.extend(run[i : i + n] for i in range(size - n + 1))
        if self.word_ngrams:
            words = self.tokenizer.cut(text)
            low, high = self.word_ngrams
            for n in range(low, min(high, len(words)) + 1):
                terms.extend(
                    WORD_PREFIX + "+".join(words[i : i + n]) for i in range(len(words) - n + 1)
                )
        return terms


class TfidfFeatures:
    """A fitted TF-IDF transform.

    Parameters
    ----------
    analyzer : Analyzer
    vocabulary : dict of str to int
        Term to column index.
    idf : ndarray of shape (n_features,)
    sublinear_tf : bool
        Use ``1 + log(tf)`` instead of raw counts.
    """

    def __init__(
        self,
        analyzer: Analyzer,
        vocabulary: dict[str, int],
        idf: np.ndarray,
        sublinear_tf: bool = True,
    ) -> None:
        idf = np.asarray(idf, dtype=np.float64)
        if idf.shape != (len(vocabulary),):
            raise ValueError(
                f"idf has shape {idf.shape}, expected ({len(vocabulary)},) for the vocabulary"
            )
        self.analyzer = analyzer
        self.vocabulary = vocabulary
        self.idf = idf
        self.sublinear_tf = sublinear_tf
        self._char_index: _CharGramIndex | None = None

    @property
    def n_features(self) -> int:
        return len(self.vocabulary)

    def weights(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """TF-IDF weights of ``texts`` as coordinates.

        Parameters
        ----------
        texts : sequence of str, length n_samples

        Returns
        -------
        rows, columns : ndarray of int64
        values : ndarray of float64
            The non-zero entries of the L2-normalised TF-IDF matrix, sorted by row then
            column; a text with no known term has none.
        """
        if self._char_index is None and _vectorizable(self.analyzer):
            self._char_index = _CharGramIndex(self.vocabulary)
        if self._char_index is not None:
            rows, cols, counts = self._char_index.count(texts, self.analyzer.char_ngrams)
        else:
            rows, cols, counts = self._count(texts)
        values = counts.astype(np.float64)
        if self.sublinear_tf:
            np.log(values, out=values)
            values += 1.0
        values *= self.idf[cols]
        norms = np.sqrt(np.bincount(rows, weights=values * values, minlength=len(texts)))
        norms[norms == 0] = 1.0
        values /= norms[rows]
        return rows, cols, values

    def transform(self, texts: Sequence[str]):
        """TF-IDF matrix of ``texts``, as scikit-learn's ``TfidfVectorizer`` gives it.

        Returns
        -------
        scipy.sparse.csr_matrix of shape (n_samples, n_features)
        """
        import scipy.sparse as sp

        rows, cols, values = self.weights(texts)
        indptr = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=len(texts)), out=indptr[1:])
        return sp.csr_matrix((values, cols, indptr), shape=(len(texts), self.n_features))

    def _count(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Term counts through the analyzer, as (row, column, count) sorted by row, column."""
        vocabulary = self.vocabulary
        rows: list[int] = []
        cols: list[int] = []
        counts: list[int] = []
        for i, text in enumerate(texts):
            row: dict[int, int] = {}
            for term in self.analyzer(text):
                column = vocabulary.get(term)
                if column is not None:
                    row[column] = row.get(column, 0) + 1
            for column in sorted(row):
                rows.append(i)
                cols.append(column)
                counts.append(row[column])
        return (
            np.asarray(rows, dtype=np.int64),
            np.asarray(cols, dtype=np.int64),
            np.asarray(counts, dtype=np.int64),
        )


#: Character n-grams are coded as integers, one base-_BASE digit per character (code point
#: plus one, so that a gram of n characters is always below any gram of n + 1); three
#: characters still fit in an int64.
_BASE = 0x110001
_MAX_CODED_N = 3
_SEPARATOR = "\x00"


def _vectorizable(analyzer: Analyzer) -> bool:
    return (
        analyzer.word_ngrams is None
        and analyzer.char_ngrams is not None
        and analyzer.char_ngrams[1] <= _MAX_CODED_N
    )


class _CharGramIndex:
    """Counts character n-grams of a whole batch with numpy instead of one Python string per
    gram. It gives exactly the terms of :class:`Analyzer` (a test checks): grams are taken
    within runs of word characters of the normalised text."""

    _bmp_word: np.ndarray | None = None
    _bmp_simplified: np.ndarray | None = None

    def __init__(self, vocabulary: dict[str, int]) -> None:
        terms = [term for term in vocabulary if not term.startswith(WORD_PREFIX)]
        # Fixed-width arrays pad short grams with NUL; only the first `length` characters
        # of each gram enter its code.
        grams = np.array(terms, dtype=f"<U{_MAX_CODED_N}")
        points = grams.view(np.uint32).reshape(len(terms), _MAX_CODED_N).astype(np.int64)
        lengths = np.char.str_len(grams)
        codes = np.zeros(len(terms), dtype=np.int64)
        for k in range(_MAX_CODED_N):
            codes = np.where(k < lengths, codes * _BASE + points[:, k] + 1, codes)
        columns = np.array([vocabulary[term] for term in terms], dtype=np.int64)
        order = np.argsort(codes, kind="stable")
        self.codes = codes[order]
        self.columns = columns[order]
        self.n_columns = len(vocabulary)

    @classmethod
    def _word_table(cls) -> np.ndarray:
        # Which Basic Multilingual Plane characters the analyzer's run pattern accepts;
        # built once, on first use, by letting the pattern scan all of them.
        if cls._bmp_word is None:
            table = np.zeros(0x10000, dtype=bool)
            every_char = "".join(map(chr, range(0x10000)))
            table[[match.start() for match in _WORD_CHAR.finditer(every_char)]] = True
            cls._bmp_word = table
        return cls._bmp_word

    @classmethod
    def _simplify(cls, codes: np.ndarray) -> np.ndarray:
        """:func:`~edusummary.text.tokenizing.normalize`'s traditional-to-simplified mapping,
        on code points."""
        if cls._bmp_simplified is None:
            table = np.arange(0x10000, dtype=np.int64)
            for traditional, simplified in simplified_table().items():
                table[traditional] = ord(simplified)
            cls._bmp_simplified = table
        bmp = codes < 0x10000
        codes[bmp] = cls._bmp_simplified[codes[bmp]]
        return codes

    def _is_word(self, codes: np.ndarray) -> np.ndarray:
        table = self._word_table()
        is_word = np.zeros(len(codes), dtype=bool)
        bmp = codes < 0x10000
        is_word[bmp] = table[codes[bmp]]
        astral = np.flatnonzero(~bmp)
        if astral.size:
            unique, inverse = np.unique(codes[astral], return_inverse=True)
            accepted = np.array([_WORD_CHAR.match(chr(c)) is not None for c in unique.tolist()])
            is_word[astral] = accepted[inverse]
        return is_word

    def count(
        self, texts: Sequence[str], ngrams: tuple[int, int]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(row, column, count) of the vocabulary's character n-grams in ``texts``, sorted
        by row then column."""
        if not texts:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty
        # Normalising the joined batch equals normalising each text: the separator is a
        # character NFKC leaves alone and the figure pattern treats like a text boundary.
        # A separator inside a text would shift the rows, so it becomes a space, which
        # breaks character runs just as the separator does.
        joined = fold(_SEPARATOR.join(t.replace(_SEPARATOR, " ") for t in texts))
        codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        codes = self._simplify(codes)
        separators = codes == 0
        row_of = np.cumsum(separators) - separators
        is_word = self._is_word(codes)
        size = len(codes)
        low, high = ngrams
        keys = []
        for n in range(low, high + 1):
            if n > size:
                break
            starts = size - n + 1
            valid = is_word[:starts].copy()
            gram = codes[:starts] + 1
            for k in range(1, n):
                valid &= is_word[k : k + starts]
                gram = gram * _BASE + codes[k : k + starts] + 1
            positions = np.flatnonzero(valid)
            grams = gram[positions]
            found = np.searchsorted(self.codes, grams)
            found[found == len(self.codes)] = 0
            hit = self.codes[found] == grams if len(self.codes) else np.zeros(0, bool)
            keys.append(row_of[positions[hit]] * self.n_columns + self.columns[found[hit]])
        keys, counts = np.unique(np.concatenate(keys) if keys else np.zeros(0, np.int64),
                                 return_counts=True)
        return keys // self.n_columns, keys % self.n_columns, counts
