"""TF-IDF features of paragraphs: character n-grams, word n-grams, or both.

:class:`Analyzer` turns one paragraph into its terms; :class:`TfidfFeatures` turns paragraphs
into an L2-normalised TF-IDF matrix from a fitted vocabulary and idf weights. Training fits
scikit-learn's ``TfidfVectorizer`` with the same analyzer (see :mod:`edusummary.model.training`);
predicting needs only numpy (:meth:`TfidfFeatures.weights`) and gives the same matrix.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache

import numpy as np

from .._chinese import HAN
from ..text.sentences import CLOSING_QUOTES, SENTENCE_MARKS
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
    vocabulary : dict of str to int, or sequence of str
        Term to column index (columns 0 to n_features - 1), or the terms in column order.
    idf : ndarray of shape (n_features,)
    sublinear_tf : bool
        Use ``1 + log(tf)`` instead of raw counts.
    """

    def __init__(
        self,
        analyzer: Analyzer,
        vocabulary: Mapping[str, int] | Sequence[str],
        idf: np.ndarray,
        sublinear_tf: bool = True,
    ) -> None:
        if isinstance(vocabulary, Mapping):
            terms = sorted(vocabulary, key=vocabulary.__getitem__)
            if [vocabulary[t] for t in terms] != list(range(len(terms))):
                raise ValueError("vocabulary columns must be 0 to len(vocabulary) - 1")
        else:
            terms = list(vocabulary)
        idf = np.asarray(idf, dtype=np.float64)
        if idf.shape != (len(terms),):
            raise ValueError(
                f"idf has shape {idf.shape}, expected ({len(terms)},) for the vocabulary"
            )
        self.analyzer = analyzer
        self._terms = _Terms(terms)
        self._vocabulary: dict[str, int] | None = None
        self.idf = idf
        self.sublinear_tf = sublinear_tf
        self._char_index: _CharGramIndex | None = None

    def __getstate__(self) -> dict:
        # The lookup tables and the dict of terms are derived from the terms and several
        # times their size: a model sent to a worker process or a Dask worker rebuilds
        # them there, once.
        return {**self.__dict__, "_char_index": None, "_vocabulary": None}

    @property
    def vocabulary(self) -> dict[str, int]:
        """Term to column index, built on first use: scoring texts never needs it."""
        if self._vocabulary is None:
            self._vocabulary = {term: i for i, term in enumerate(self._terms.tolist())}
        return self._vocabulary

    def terms(self) -> list[str]:
        """The terms in column order."""
        return self._terms.tolist()

    @property
    def n_features(self) -> int:
        return len(self._terms)

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
        parts = [(rows + start, cols, values) for start, rows, cols, values in self._chunks(texts)]
        if not parts:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, np.zeros(0)
        return tuple(np.concatenate(part) for part in zip(*parts, strict=True))

    def dot(self, texts: Sequence[str], weights: np.ndarray) -> np.ndarray:
        """``transform(texts) @ weights``, a chunk of texts at a time, without building the
        TF-IDF matrix.

        Parameters
        ----------
        texts : sequence of str, length n_samples
        weights : ndarray of shape (n_features, n_outputs)
            C-contiguous, so that a term's outputs lie side by side.

        Returns
        -------
        ndarray of shape (n_samples, n_outputs)
        """
        product = np.zeros((len(texts), weights.shape[1]))
        if self._fused(len(texts)):
            index = self._index()
            for start in range(0, len(texts), CHUNK_SIZE):
                chunk = texts[start : start + CHUNK_SIZE]
                rows, cols = index.occurrences(chunk)
                product[start : start + len(chunk)] = self._fused_product(
                    rows, cols, self.idf[cols], len(chunk), weights
                )
            return product
        for start, rows, cols, values in self._chunks(texts):
            if len(rows):
                first = np.flatnonzero(np.diff(rows, prepend=-1))
                product[start + rows[first]] = np.add.reduceat(
                    np.take(weights, cols, axis=0) * values[:, None], first, axis=0
                )
        return product

    def prepare(self) -> None:
        """Build the lookup tables and load what large batches are scored with, once:
        for a process about to score many batches (worker processes, bulk runs), so that
        each batch takes the fastest path from the first."""
        if _vectorizable(self.analyzer):
            self._index()
            if not self.sublinear_tf:
                import scipy.sparse  # noqa: F401  (makes _fused choose the sparse path)

    def _fused(self, n_texts: int) -> bool:
        """Whether :meth:`dot` scores from gram occurrences through scipy's sparse kernels.

        Raw counts make a text's score linear in its occurrences, so they need no counting
        (sorting) first; only the norm does, and scipy sums repeated columns row by row
        without a sort. Importing scipy.sparse takes about 0.1 s, as long as scoring some
        5,000 paragraphs this way saves, so a smaller batch takes the numpy path unless
        scipy.sparse is loaded already.
        """
        if self.sublinear_tf or not _vectorizable(self.analyzer):
            return False
        return n_texts >= _FUSED_MIN_TEXTS or "scipy.sparse" in sys.modules

    def dot_with_sentences(
        self, texts: Sequence[str], weights: np.ndarray, min_han: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """:meth:`dot` of ``texts`` and of their sentences, from one pass over the texts.

        The sentences are those :func:`~edusummary.text.sentences.sentence_spans` cuts
        that hold at least ``min_han`` Chinese characters
        (:func:`~edusummary._chinese.han_count`). Character grams never span the marks
        that end a sentence, so a text's gram occurrences, found once, are also its
        sentences' occurrences.

        Parameters
        ----------
        texts : sequence of str, length n_samples
        weights : ndarray of shape (n_features, n_outputs)
        min_han : int
            Sentences with fewer Chinese characters are left out.

        Returns
        -------
        products : ndarray of shape (n_samples, n_outputs)
            ``dot(texts, weights)``, up to rounding (the sums run by sentence).
        sentence_products : ndarray of shape (n_sentences, n_outputs)
            ``dot(sentences, weights)``, the sentences in text order.
        owner : ndarray of int64, shape (n_sentences,)
            The index in ``texts`` of each sentence's text.
        """
        products = np.zeros((len(texts), weights.shape[1]))
        sentence_parts: list[np.ndarray] = []
        owner_parts: list[np.ndarray] = []
        fused = self._fused(len(texts))
        index = self._index() if fused else None
        for start in range(0, len(texts), CHUNK_SIZE):
            chunk = texts[start : start + CHUNK_SIZE]
            codes, separators = _joined_codes(chunk)
            starts, ends = _sentence_spans(codes, separators, min_han)
            owner_parts.append(np.searchsorted(separators, starts) + start)
            if index is None:
                # Log counts or word terms: the sentences are scored as texts of their own.
                joined = _SEPARATOR.join(chunk)
                bounds = zip(starts.tolist(), ends.tolist(), strict=True)
                sentences = [joined[a:b] for a, b in bounds]
                products[start : start + len(chunk)] = self.dot(chunk, weights)
                sentence_parts.append(self.dot(sentences, weights))
                continue
            pieces, cols, text_of, sentence_of = index.sentence_occurrences(
                codes, separators, starts, ends
            )
            values = self.idf[cols]
            # The numerators are linear in the occurrences: those of the pieces (sentences
            # and the stretches between them) add up to their texts'. The norms are not.
            by_piece = self._tfidf(pieces, cols, values, len(text_of))
            numerators = by_piece @ weights
            first_pieces = np.flatnonzero(np.diff(text_of, prepend=-1))
            texts_matrix = self._tfidf(text_of[pieces], cols, values, len(chunk))
            products[start : start + len(chunk)] = np.add.reduceat(
                numerators, first_pieces, axis=0
            ) / _row_norms(texts_matrix)[:, None]
            sentences = np.flatnonzero(sentence_of >= 0)
            sentence_parts.append(
                numerators[sentences] / _row_norms(by_piece)[sentences, None]
            )
        if not owner_parts:
            return products, np.zeros((0, weights.shape[1])), np.zeros(0, dtype=np.int64)
        return products, np.concatenate(sentence_parts), np.concatenate(owner_parts)

    def _index(self) -> _CharGramIndex:
        if self._char_index is None:
            self._char_index = _CharGramIndex(self._terms, self.analyzer.char_ngrams)
        return self._char_index

    def _fused_product(
        self,
        rows: np.ndarray,
        cols: np.ndarray,
        values: np.ndarray,
        n_rows: int,
        weights: np.ndarray,
    ) -> np.ndarray:
        """TF-IDF rows (raw counts) of gram occurrences ``(rows, cols)``, sorted by row, times
        ``weights``; ``values`` is each occurrence's idf."""
        tfidf = self._tfidf(rows, cols, values, n_rows)
        return (tfidf @ weights) / _row_norms(tfidf)[:, None]

    def _tfidf(self, rows: np.ndarray, cols: np.ndarray, values: np.ndarray, n_rows: int):
        """The unnormalised TF-IDF rows of gram occurrences ``(rows, cols)``, sorted by row,
        as a ``scipy.sparse.csr_array`` with one entry per occurrence: it stands for their
        sum, and needs no counting (sorting) first."""
        import scipy.sparse as sp

        indptr = np.zeros(n_rows + 1, dtype=cols.dtype)
        np.cumsum(np.bincount(rows, minlength=n_rows), out=indptr[1:])
        return sp.csr_array((values, cols, indptr), shape=(n_rows, self.n_features))

    def _chunks(
        self, texts: Sequence[str]
    ) -> Iterator[tuple[int, np.ndarray, np.ndarray, np.ndarray]]:
        """(first text, rows, columns, TF-IDF values) of each chunk of :data:`CHUNK_SIZE`
        texts, rows counted from the chunk's first text."""
        count = self._index().count if _vectorizable(self.analyzer) else self._count
        for start in range(0, len(texts), CHUNK_SIZE):
            chunk = texts[start : start + CHUNK_SIZE]
            rows, cols, counts = count(chunk)
            values = counts.astype(np.float64)
            if self.sublinear_tf:
                np.log(values, out=values)
                values += 1.0
            values *= self.idf[cols]
            norms = np.sqrt(np.bincount(rows, weights=values * values, minlength=len(chunk)))
            norms[norms == 0] = 1.0
            values /= norms[rows]
            yield start, rows, cols, values

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


#: Paragraphs counted at a time: large enough that numpy's per-call overhead vanishes, small
#: enough that a chunk's arrays stay in cache and memory stays bounded on any input size.
CHUNK_SIZE = 500
#: Batches from this many texts score through scipy.sparse even when it is not loaded yet.
_FUSED_MIN_TEXTS = 5_000
#: A gram length whose every combination of the vocabulary's characters fits in this many
#: table entries is looked up in a dense table (8 MB for the shipped model's bigrams, about
#: 10% faster than a hash table a tenth of the size); longer grams in a hash table.
_DENSE_LIMIT = 2**23
#: A dense table of fewer grams than this holds their uint16 ids rather than int32 columns.
_SMALL_IDS = 2**16 - 1
_MAX_CODED_N = 3
_SEPARATOR = "\x00"
#: Marks the ends of sentences among the characters of a batch.
_MARKER = "\x01"
_BMP = 0x10000


def _row_norms(tfidf) -> np.ndarray:
    """Euclidean norm of each row of a :meth:`TfidfFeatures._tfidf` matrix, 1 for an empty
    row. scipy sums the repeated columns of a row as it multiplies, without a sort."""
    norms = np.sqrt(tfidf.multiply(tfidf).sum(axis=1))
    norms[norms == 0] = 1.0
    return norms


def _vectorizable(analyzer: Analyzer) -> bool:
    return (
        analyzer.word_ngrams is None
        and analyzer.char_ngrams is not None
        and analyzer.char_ngrams[1] <= _MAX_CODED_N
    )


def _joined_codes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Code points of ``texts`` joined by :data:`_SEPARATOR`, and the separators' positions."""
    codes = np.frombuffer(_SEPARATOR.join(texts).encode("utf-32-le"), dtype=np.uint32)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    return codes.astype(np.int64), np.cumsum(lengths + 1)[:-1] - 1


def _blanked(codes: np.ndarray, separators: np.ndarray) -> np.ndarray:
    """``codes`` with the texts' own separators and markers made spaces.

    Normalising the joined batch equals normalising each text: the separator (and the
    marker) is a character NFKC leaves alone and the figure pattern treats like a text
    boundary. One inside a text would shift the rows, so it becomes a space, which breaks
    character runs just as it does.
    """
    codes = codes.copy()
    codes[codes <= ord(_MARKER)] = ord(" ")
    codes[separators] = 0
    return codes


def _piece_of(boundaries: np.ndarray) -> np.ndarray:
    """For each position, how many of ``boundaries`` lie before it."""
    return np.cumsum(boundaries) - boundaries


_MARK, _QUOTE, _BLANK, _HAN = 1, 2, 4, 8
_HAN_CHAR = re.compile(f"[{HAN}]")


@lru_cache(maxsize=1)
def _character_classes() -> np.ndarray:
    """Bit flags of each Basic Multilingual Plane character: sentence mark, closing quote,
    blank (``str.isspace``, which holds for no astral character) and Chinese (``HAN``)."""
    every = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, _BMP)))
    classes = np.zeros(_BMP, dtype=np.uint8)
    classes[[ord(c) for c in SENTENCE_MARKS]] |= _MARK
    classes[[ord(c) for c in CLOSING_QUOTES]] |= _QUOTE
    classes[[ord(c) for c in every if c.isspace()]] |= _BLANK
    classes[[ord(c) for c in _HAN_CHAR.findall(every)]] |= _HAN
    return classes


def _sentence_spans(
    codes: np.ndarray, separators: np.ndarray, min_han: int
) -> tuple[np.ndarray, np.ndarray]:
    """``(starts, ends)`` in ``codes`` (see :func:`_joined_codes`) of the sentences that
    :func:`~edusummary.text.sentences.sentence_spans` cuts from each text, those with at
    least ``min_han`` Chinese characters, as :func:`~edusummary._chinese.han_count` counts
    them in the text as given."""
    astral = codes >= _BMP
    classes = _character_classes()[np.where(astral, 0, codes)]
    if astral.any():
        unique, inverse = np.unique(codes[astral], return_inverse=True)
        han = [_HAN if _HAN_CHAR.match(chr(c)) else 0 for c in unique.tolist()]
        classes[astral] = np.array(han, dtype=np.uint8)[inverse]
    size = len(codes)
    # Marks, quotes and blanks are rare: each step below but two works on their positions.
    # A sentence ends after a run of marks and the closing quotes right after it.
    after = np.append(classes[1:], 0)
    marks = np.flatnonzero(classes & _MARK)
    mark_ends = marks[(after[marks] & (_MARK | _QUOTE)) == 0] + 1
    quotes = np.flatnonzero(classes & _QUOTE)
    first, last = _runs(quotes)
    before = quotes[first] - 1
    closing = (before >= 0) & ((classes[before] & _MARK) != 0)
    cuts = np.unique(
        np.concatenate([[0], mark_ends, quotes[last[closing]] + 1, separators + 1])
    )
    starts = cuts[cuts < size]
    ends = np.append(starts[1:], size)[: len(starts)]
    # Each piece between two cuts, blanks trimmed, is a sentence when anything is left.
    blank = (classes & _BLANK) != 0
    blank[separators] = True
    blanks = np.flatnonzero(blank)
    first, last = _runs(blanks)
    run_starts, run_ends = blanks[first], blanks[last] + 1
    lead = blank[starts]
    starts[lead] = run_ends[np.searchsorted(run_starts, starts[lead], "right") - 1]
    trail = blank[ends - 1]
    ends[trail] = run_starts[np.searchsorted(run_starts, ends[trail] - 1, "right") - 1]
    han = np.zeros(size + 1, dtype=np.int32)
    np.cumsum((classes & _HAN) != 0, out=han[1:])
    enough = (starts < ends) & (han[ends] - han[starts] >= min_han)
    return starts[enough], ends[enough]


def _runs(positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indices in sorted ``positions`` of the first and the last of each run of consecutive
    positions."""
    if not len(positions):
        return positions, positions
    steps = np.diff(positions) != 1
    return np.flatnonzero(np.append(True, steps)), np.flatnonzero(np.append(steps, True))


@lru_cache(maxsize=1)
def _width_table() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """NFKC of each Basic Multilingual Plane character on its own: (start, length) of its
    code points in a flat array. Built once by normalising all of them in one call; the NUL
    after each is a starter that composes with nothing, so each is normalised alone."""
    # Every character, each followed by the separator; the separator itself and the
    # surrogates (which cannot be encoded) stand in as U+FFFD and keep their own code point.
    every = np.zeros(2 * _BMP, dtype=np.uint32)
    every[::2] = np.arange(_BMP)
    every[0] = every[2 * 0xD800 : 2 * 0xE000 : 2] = 0xFFFD
    images = unicodedata.normalize("NFKC", every.tobytes().decode("utf-32-le"))
    flat = np.frombuffer(images.encode("utf-32-le"), dtype=np.uint32)
    ends = np.flatnonzero(flat == 0)
    starts = np.concatenate([[0], ends[:-1] + 1])
    flat = flat.copy()
    flat[starts[0]] = 0
    flat[starts[0xD800:0xE000]] = np.arange(0xD800, 0xE000)
    return starts, ends - starts, flat


def _fold_codes(codes: np.ndarray) -> str:
    """:func:`~edusummary.text.tokenizing.fold` of the text of ``codes``.

    Each character is replaced by its own NFKC image first, with numpy. That changes no
    text's NFKC (a text and its image decompose alike), so ``fold`` still gives the exact
    result, but it finds the text already normalised and skips to the figure rule, unless
    characters combine (accents, jamo), which it then normalises itself.
    """
    starts, lengths, flat = _width_table()
    astral = codes >= _BMP
    bmp = np.where(astral, 0, codes)
    size = lengths[bmp]
    start = starts[bmp]
    if astral.any():
        size[astral] = 1
        start[astral] = len(flat) + np.arange(np.count_nonzero(astral))
        flat = np.concatenate([flat, codes[astral].astype(np.uint32)])
    ends = np.cumsum(size)
    where = np.repeat(start - ends + size, size) + np.arange(ends[-1] if len(ends) else 0)
    return fold(flat[where].tobytes().decode("utf-32-le", "surrogatepass"))


class _CharGramIndex:
    """Finds a vocabulary's character n-grams in a batch of texts with numpy instead of one
    Python string per gram. It gives exactly the terms of :class:`Analyzer` (a test checks).

    Characters become small ids, those of the vocabulary's characters after the
    traditional-to-simplified mapping, and one more id, :attr:`size`, for any other. Only
    word characters get a known id, so a gram of known ids never spans a punctuation mark:
    it lies within a run, as the analyzer takes grams. A gram of ``n`` ids is the number
    ``id1 * B**(n-1) + ... + idn`` (``B = size + 1``), looked up in a dense table, where
    grams with an unknown character hold -1, or in an open-addressing hash table.
    """

    def __init__(self, terms: _Terms, ngrams: tuple[int, int]) -> None:
        lengths = terms.lengths()
        # Short terms are padded with NUL, no word character; longer terms (word terms
        # among them) are cut here but never chosen below.
        points = terms.points(_MAX_CODED_N)
        alphabet = np.array(
            [c for c in np.unique(points).tolist() if _WORD_CHAR.match(chr(c))], dtype=np.int64
        )
        self.size = size = len(alphabet)
        self.base = base = size + 1
        term_ids = self._alphabet_ids(alphabet, points)
        self.bmp_ids = np.full(_BMP, size, dtype=np.int64)
        bmp = alphabet < _BMP
        self.bmp_ids[alphabet[bmp]] = np.flatnonzero(bmp)
        mapping = simplified_table()
        traditional = np.fromiter(mapping, dtype=np.int64, count=len(mapping))
        simplified = np.fromiter(map(ord, mapping.values()), dtype=np.int64, count=len(mapping))
        self.bmp_ids[traditional] = self._alphabet_ids(alphabet, simplified)
        self.astral_ids = {c: i for i, c in enumerate(alphabet.tolist()) if c >= _BMP}
        self.ngrams = ngrams
        self.n_columns = len(terms)
        columns = np.arange(len(terms))
        self.tables: dict[int, np.ndarray | _HashTable] = {}
        #: For a dense table of small ids (see :data:`_SMALL_IDS`), the column of each id;
        #: the last entry, -1, stands for the table's "no gram".
        self.columns_of: dict[int, np.ndarray] = {}
        #: For a hashed gram length n, whether each (n-1)-gram key begins some n-gram of
        #: the vocabulary: most candidate grams are ruled out by one read of a dense table.
        #: Not needed where every such (n-1)-gram is a term itself (as min_df makes it):
        #: then the (n-1)-gram found at a position rules out just as well.
        self.prefixes: dict[int, np.ndarray] = {}
        #: Hashed gram lengths whose (n-1)-gram prefixes are all terms of a dense table.
        self.prefix_terms: set[int] = set()
        for n in range(ngrams[0], ngrams[1] + 1):
            ids = term_ids[:, :n]
            chosen = (lengths == n) & (ids < size).all(axis=1)
            keys = np.zeros(np.count_nonzero(chosen), dtype=np.int64)
            for k in range(n):
                keys = keys * base + ids[chosen, k]
            if base**n <= _DENSE_LIMIT:
                self.tables[n] = self._dense(n, keys, columns[chosen])
                continue
            self.tables[n] = _HashTable(keys, columns[chosen])
            if self._prefixes_are_terms(n, keys):
                self.prefix_terms.add(n)
                continue
            if base ** (n - 1) > _DENSE_LIMIT:
                continue
            prefix = np.zeros(base ** (n - 1), dtype=bool)
            prefix[keys // base] = True
            self.prefixes[n] = prefix

    def _dense(self, n: int, keys: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """A table of every ``n``-gram key: its column, or -1. With fewer grams than
        :data:`_SMALL_IDS`, it holds uint16 ids of the grams instead (half the memory,
        8 MB less for the shipped model's bigrams, and as fast: the ids' columns stay in
        cache), their columns in :attr:`columns_of`."""
        if len(keys) >= _SMALL_IDS or n == 1:
            table = np.full(self.base**n, -1, dtype=np.int32)
            table[keys] = columns
            return table
        table = np.full(self.base**n, len(keys), dtype=np.uint16)
        table[keys] = np.arange(len(keys), dtype=np.uint16)
        self.columns_of[n] = np.append(columns, -1).astype(np.int32)
        return table

    def _prefixes_are_terms(self, n: int, keys: np.ndarray) -> bool:
        """Whether the first n-1 characters of every n-gram key are a term of the dense
        table of (n-1)-grams."""
        shorter = self.tables.get(n - 1)
        if not isinstance(shorter, np.ndarray):
            return False
        found = shorter[keys // self.base]
        if n - 1 in self.columns_of:
            found = self.columns_of[n - 1][found]
        return bool((found >= 0).all())

    @staticmethod
    def _alphabet_ids(alphabet: np.ndarray, codes: np.ndarray) -> np.ndarray:
        """Position of each code in the sorted ``alphabet``, its size where it is not there."""
        if not len(alphabet):
            return np.zeros(codes.shape, dtype=np.int64)
        at = np.minimum(np.searchsorted(alphabet, codes), len(alphabet) - 1)
        return np.where(alphabet[at] == codes, at, len(alphabet))

    def _ids(self, codes: np.ndarray) -> np.ndarray:
        ids = self.bmp_ids[np.where(codes < _BMP, codes, 0)]
        astral = np.flatnonzero(codes >= _BMP)
        if astral.size:
            unique, inverse = np.unique(codes[astral], return_inverse=True)
            known = [self.astral_ids.get(code, self.size) for code in unique.tolist()]
            ids[astral] = np.array(known, dtype=np.int64)[inverse]
        return ids

    def occurrences(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(row, column) of each occurrence of a vocabulary n-gram in ``texts``, in the
        order of the texts, and within a text by position, then length."""
        codes, separators = _joined_codes(texts)
        folded, positions, cols = self._find(_blanked(codes, separators))
        return _piece_of(folded == 0)[positions], cols

    def sentence_occurrences(
        self, codes: np.ndarray, separators: np.ndarray, starts: np.ndarray, ends: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """:meth:`occurrences` of the texts of ``codes`` (see :func:`_joined_codes`), by
        piece: the sentences ``[starts[i], ends[i])`` and the stretches around them.

        Returns
        -------
        pieces : ndarray of shape (n_occurrences,)
            The piece of text each occurrence lies in, in order: the texts are cut into
            pieces at their sentences' bounds.
        columns : ndarray of shape (n_occurrences,)
        text_of : ndarray of shape (n_pieces,)
            The text each piece belongs to; every text has one piece at least.
        sentence_of : ndarray of shape (n_pieces,)
            The sentence each piece is, -1 for the pieces between sentences.
        """
        # A marker goes in at each end of a sentence. Sentences end next to a sentence mark,
        # a closing quote or a blank: never inside a gram, a figure or a character that
        # composes, so the markers change no occurrence and number the sentences' pieces.
        # Sentences are sorted and apart: a sentence's end is the next one's start at most.
        bounds = np.stack([starts, ends], axis=1).ravel()
        cuts = bounds[np.diff(bounds, prepend=-1) != 0]
        marked = np.insert(_blanked(codes, separators), cuts, ord(_MARKER))
        folded, positions, cols = self._find(marked)
        boundary = folded <= ord(_MARKER)
        boundaries = np.flatnonzero(boundary)
        piece = _piece_of(boundary)[positions]
        # The text of each piece: the separators among the boundaries before it.
        text_of = np.zeros(len(boundaries) + 1, dtype=np.int64)
        np.cumsum(folded[boundaries] == 0, out=text_of[1:])
        # Pieces before a sentence's first character: the markers at or before it and the
        # separators before it.
        first_piece = np.searchsorted(cuts, starts, "right") + np.searchsorted(separators, starts)
        sentence_of = np.full(len(boundaries) + 1, -1, dtype=np.int64)
        sentence_of[first_piece] = np.arange(len(starts))
        return piece, cols, text_of, sentence_of

    def _find(self, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The folded ``codes``, and the position in them and column of each vocabulary
        n-gram, by position then length."""
        codes = np.frombuffer(_fold_codes(codes).encode("utf-32-le"), dtype=np.uint32)
        ids = self._ids(codes.astype(np.int64))
        low, high = self.ngrams
        length = len(ids)
        # One column per gram length and a row per position: read row by row, the
        # occurrences come out in text order with no sort.
        found = np.full((length, high - low + 1), -1, dtype=np.int32)
        key = np.zeros(length, dtype=np.int64)
        for n in range(1, min(high, length) + 1):
            starts = length - n + 1
            prefix = key[:starts]  # the (n-1)-gram key at each start, before it grows
            key = prefix * self.base + ids[n - 1 :]
            if n < low:
                continue
            table = self.tables[n]
            if isinstance(table, np.ndarray):
                found[:starts, n - low] = (
                    self.columns_of[n][table[key]] if n in self.columns_of else table[key]
                )
                continue
            candidates = ids[n - 1 :] < self.size
            if n in self.prefixes:
                candidates &= self.prefixes[n][prefix]
            elif n in self.prefix_terms:
                candidates &= found[:starts, n - 1 - low] >= 0
            else:
                for k in range(n - 1):
                    candidates &= ids[k : k + starts] < self.size
            positions = np.flatnonzero(candidates)
            found[positions, n - low] = table.get(key[positions])
        at = np.flatnonzero(found.ravel() >= 0)
        return codes, at // found.shape[1], found.ravel()[at]

    def count(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(row, column, count) of the vocabulary's character n-grams in ``texts``, sorted
        by row then column."""
        rows, cols = self.occurrences(texts)
        keys = rows * self.n_columns + cols
        if len(texts) * self.n_columns < 2**31:  # a chunk's keys: sorting int32 is twice as fast
            keys = keys.astype(np.int32)
        keys, counts = np.unique(keys, return_counts=True)
        keys = keys.astype(np.int64)
        return keys // self.n_columns, keys % self.n_columns, counts


class _Terms:
    """A vocabulary's terms in column order, as one string and where each term ends in it:
    the shipped model's 51,000 terms take under 1 MB this way, against about 6 MB as str
    objects in a dict (a model of character 1-3-grams, 131,000 terms: 2 against 18 MB)."""

    def __init__(self, terms: Sequence[str]) -> None:
        self.text = "".join(terms)
        self.ends = np.cumsum(np.fromiter(map(len, terms), dtype=np.int64, count=len(terms)))

    def __len__(self) -> int:
        return len(self.ends)

    def lengths(self) -> np.ndarray:
        return np.diff(self.ends, prepend=0)

    def points(self, width: int) -> np.ndarray:
        """Code points of each term's first ``width`` characters, 0 past its end: an
        int64 array of shape (n_terms, width)."""
        codes = np.frombuffer(self.text.encode("utf-32-le"), dtype=np.uint32)
        lengths = self.lengths()
        starts = self.ends - lengths
        points = np.zeros((len(self), width), dtype=np.int64)
        for k in range(width):
            long_enough = lengths > k
            points[long_enough, k] = codes[starts[long_enough] + k]
        return points

    def tolist(self) -> list[str]:
        text = self.text
        bounds = zip((self.ends - self.lengths()).tolist(), self.ends.tolist(), strict=True)
        return [text[start:end] for start, end in bounds]


class _HashTable:
    """Integer keys to int32 values, for keys too sparse for a dense table: open addressing
    with linear probing at a load of at most one quarter, probed for a whole array of keys
    at once. Most keys are settled by their home slot alone: there, or not in the table
    when no key of that home slot was displaced; only the others probe on, a round per step.
    """

    #: Fibonacci hashing: the top bits of ``key * _MULTIPLIER`` spread consecutive keys.
    _MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)

    def __init__(self, keys: np.ndarray, values: np.ndarray) -> None:
        self.bits = max(int(4 * len(keys) - 1).bit_length(), 1)
        self.keys = np.full(2**self.bits, -1, dtype=np.int64)
        self.values = np.full(2**self.bits, -1, dtype=np.int32)
        #: Whether a key whose home is this slot lies further on.
        self.displaced = np.zeros(2**self.bits, dtype=bool)
        pending = np.arange(len(keys))
        homes = slots = self._slots(keys)
        while len(pending):
            # Of the keys that reach a free slot together, one wins it; the others, and
            # the keys that reach a taken slot, try the next slot.
            free = self.keys[slots] < 0
            self.keys[slots[free]] = keys[pending[free]]
            won = self.keys[slots] == keys[pending]
            self.values[slots[won]] = values[pending[won]]
            pending, homes = pending[~won], homes[~won]
            self.displaced[homes] = True
            slots = (slots[~won] + 1) & (len(self.keys) - 1)

    def _slots(self, keys: np.ndarray) -> np.ndarray:
        hashed = keys.astype(np.uint64) * self._MULTIPLIER
        return (hashed >> np.uint64(64 - self.bits)).astype(np.int64)

    def get(self, keys: np.ndarray) -> np.ndarray:
        """The value of each key, -1 for a key not in the table."""
        slots = self._slots(keys)
        hit = self.keys[slots] == keys
        found = np.where(hit, self.values[slots], np.int32(-1))
        pending = np.flatnonzero(~hit & self.displaced[slots])
        slots = slots[pending]
        while len(pending):
            slots = (slots + 1) & (len(self.keys) - 1)
            stored = self.keys[slots]
            hit = stored == keys[pending]
            found[pending[hit]] = self.values[slots[hit]]
            going = ~hit & (stored >= 0)
            pending, slots = pending[going], slots[going]
        return found
