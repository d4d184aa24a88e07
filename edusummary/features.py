"""TF-IDF features of paragraphs: character n-grams, word n-grams, or both.

:class:`Analyzer` turns one paragraph into its terms; :class:`TfidfFeatures` turns paragraphs
into an L2-normalised TF-IDF matrix from a fitted vocabulary and idf weights. Training fits
scikit-learn's ``TfidfVectorizer`` with the same analyzer (see :mod:`edusummary.training`);
predicting needs only numpy and scipy, and gives the same matrix.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from .tokenizing import Tokenizer, normalize

#: Character n-grams are taken within runs of letters, digits and Chinese characters, so
#: that no gram spans a punctuation mark.
_RUN = re.compile(r"[\w%]+", re.UNICODE)

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
        Cuts words; a default :class:`~edusummary.tokenizing.Tokenizer` when word terms are on.
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

    @property
    def n_features(self) -> int:
        return len(self.vocabulary)

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        """TF-IDF matrix of ``texts``.

        Parameters
        ----------
        texts : sequence of str, length n_samples

        Returns
        -------
        scipy.sparse.csr_matrix of shape (n_samples, n_features)
            Rows are L2-normalised; a text with no known term is a zero row.
        """
        vocabulary = self.vocabulary
        indptr = [0]
        indices: list[int] = []
        counts: list[float] = []
        for text in texts:
            row: dict[int, int] = {}
            for term in self.analyzer(text):
                column = vocabulary.get(term)
                if column is not None:
                    row[column] = row.get(column, 0) + 1
            indices.extend(row)
            counts.extend(row.values())
            indptr.append(len(indices))
        values = np.asarray(counts, dtype=np.float64)
        if self.sublinear_tf:
            np.log(values, out=values)
            values += 1.0
        cols = np.asarray(indices, dtype=np.int64)
        values *= self.idf[cols]
        matrix = sp.csr_matrix(
            (values, cols, np.asarray(indptr, dtype=np.int64)),
            shape=(len(indptr) - 1, self.n_features),
        )
        matrix.sort_indices()
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        matrix.data /= np.repeat(norms, np.diff(matrix.indptr))
        return matrix
