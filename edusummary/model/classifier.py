"""The fitted model: TF-IDF features, a linear classifier and calibrated probabilities.

A :class:`Model` is plain data: a vocabulary, idf weights, one weight vector per label and a
temperature that calibrates the probabilities. Predicting is sparse algebra with numpy; it
never imports scikit-learn. Model files are zip archives of JSON and ``.npy`` arrays read
with ``allow_pickle=False``, so loading a model never runs code from the file.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import math
import numbers
import os
import secrets
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import numpy as np

from .._chinese import scrub
from .._version import __version__
from ..errors import EdusummaryWarning, ModelError, user_stacklevel
from ..text.tokenizing import normalize, normalize_spans
from .features import WORD_PREFIX, Analyzer, TfidfFeatures
from .predictions import Predictions

FORMAT = "edusummary-model"
#: Files carry model.json's own checksum (:data:`HEADER_CHECKSUM`); those written by
#: earlier builds of edusummary 0.1.0 may lack it. The format stays 1 so that they, which
#: check the checksum when it is there, read the files of this one.
FORMAT_VERSION = 1
#: The format versions :meth:`Model.load` reads: 2 was written for a while, as 1 is now.
READ_VERSIONS = (1, 2)
#: Fixed zip timestamps keep model files byte-identical for identical models.
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def check_texts(texts: Iterable[str], name: str = "texts", first: int = 0) -> list[str]:
    """Validate a batch of paragraph texts at the edge of the API; messages count
    positions from ``first``.

    Returns
    -------
    list of str
        The texts, lone surrogates replaced by U+FFFD (see :func:`edusummary._chinese.scrub`).

    Raises
    ------
    TypeError
        ``texts`` is a single string, a mapping, a table of several columns or not a
        sequence, or an item is not a string; the message names the position and the
        bad value.
    """
    texts = one_column(texts, name)
    try:
        items = list(texts)
    except TypeError:
        raise TypeError(
            f"{name} must be a list of strings, got {type(texts).__name__}"
        ) from None
    for position, text in enumerate(items, first):
        if not isinstance(text, str):
            raise TypeError(
                f"{name}[{position}] must be a str, got {type(text).__name__}: {text!r:.60}"
            )
    try:
        # One pass over all the texts: nearly always there is nothing to scrub.
        "".join(items).encode("utf-8")
    except UnicodeEncodeError:
        return [scrub(text) for text in items]
    return items


def one_column(texts: object, name: str) -> object:
    """``texts`` as a collection of texts: a single string, a mapping or a table of
    several columns is refused, and a one-column table (as scikit-learn's column selectors
    hand it over) gives its column."""
    if isinstance(texts, (str, bytes)):
        raise TypeError(
            f"{name} must be a list of strings, got a single {type(texts).__name__}; "
            f"wrap it in a list: [{texts[:20]!r}]"
        )
    if isinstance(texts, Mapping):
        # Iterated, a dict gives its keys, and a DataFrame (below) its column names.
        raise TypeError(
            f"{name} must be a list of strings, got a {type(texts).__name__}; pass its "
            "values, such as list(d.values())"
        )
    shape = getattr(texts, "shape", None)
    if shape is not None and len(shape) == 2:
        if shape[1] != 1:
            raise TypeError(
                f"{name} must be one column of texts, got a {type(texts).__name__} of shape "
                f"{tuple(shape)}; pass the column of paragraphs, such as df['text']"
            )
        return texts.iloc[:, 0] if hasattr(texts, "iloc") else np.asarray(texts)[:, 0]
    return texts


def _as_in(text: str) -> Callable[[str], str]:
    """A term of the model (normalised) as ``text`` has it: an analyst looks in the
    paragraph for 3所, not for the model's 0所."""
    normal, spans = normalize_spans(text)
    if normal != normalize(text):  # width folded otherwise in context: no spans to trust
        return lambda term: term

    def original(piece: str) -> str:
        found: list[str] = []
        at = normal.find(piece)
        while at >= 0 and piece:
            form = text[spans[at][0] : spans[at + len(piece) - 1][1]]
            if form not in found:
                found.append(form)
            at = normal.find(piece, at + 1)
        return "/".join(found) or piece

    def shown(term: str) -> str:
        if term.startswith(WORD_PREFIX):
            words = term[len(WORD_PREFIX) :].split("+")
            return WORD_PREFIX + "+".join(original(word) for word in words)
        return original(term)

    return shown


def is_model_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a file that looks like a model (a zip holding ``model.json``),
    as a check before writing over it; :meth:`Model.load` checks a model in full."""
    try:
        with zipfile.ZipFile(path) as archive:
            return "model.json" in archive.namelist()
    except (OSError, zipfile.BadZipFile):
        return False


#: Texts :meth:`Model.predict` scores at a time.
_PREDICT_BLOCK = 10_000


def _blocks(texts: Iterable[str]) -> Iterator[list[str]]:
    """``texts`` checked (see :func:`check_texts`) :data:`_PREDICT_BLOCK` at a time; an
    iterator is read no further ahead than one block, so that texts generated on the fly
    are dropped once scored."""
    texts = one_column(texts, "texts")
    try:
        iterator = iter(texts)
    except TypeError:
        check_texts(texts)  # raises, naming the type
        raise
    for first in itertools.count(0, _PREDICT_BLOCK):
        block = list(itertools.islice(iterator, _PREDICT_BLOCK))
        if not block:
            return
        yield check_texts(block, first=first)


def softmax(scores: np.ndarray) -> np.ndarray:
    """Row-wise softmax of an (n_samples, n_labels) array."""
    shifted = scores - scores.max(axis=1, keepdims=True)
    np.exp(shifted, out=shifted)
    shifted /= shifted.sum(axis=1, keepdims=True)
    return shifted


class Model:
    """A paragraph topic classifier.

    Parameters
    ----------
    labels : sequence of str, length n_labels
    features : TfidfFeatures
    coef : ndarray of shape (n_labels, n_features)
    intercept : ndarray of shape (n_labels,)
    temperature : float, default=1.0
        Scores are divided by it before the softmax; fitted so that confidences are
        calibrated.
    metadata : dict, optional
        Free-form, JSON-serialisable: training settings, data counts, metrics.
    """

    def __init__(
        self,
        labels: Sequence[str],
        features: TfidfFeatures,
        coef: np.ndarray,
        intercept: np.ndarray,
        temperature: float = 1.0,
        metadata: dict | None = None,
    ) -> None:
        coef = np.asarray(coef, dtype=np.float64)
        intercept = np.asarray(intercept, dtype=np.float64)
        n_labels = len(labels)
        if coef.shape != (n_labels, features.n_features):
            raise ModelError(
                f"coef has shape {coef.shape}, expected ({n_labels}, {features.n_features})"
            )
        if intercept.shape != (n_labels,):
            raise ModelError(f"intercept has shape {intercept.shape}, expected ({n_labels},)")
        if not (temperature > 0 and math.isfinite(temperature)):
            raise ModelError(f"temperature must be a positive number, got {temperature!r}")
        self.labels = tuple(labels)
        self.features = features
        # One row per term, so that scoring gathers a term's label weights in one read;
        # ``coef`` is a view of it, the shipped model's 4 MB of weights held once.
        self._coef_by_term = np.ascontiguousarray(coef.T)
        self.coef = self._coef_by_term.T
        self.intercept = intercept
        self.temperature = float(temperature)
        self.metadata = dict(metadata or {})
        self._term_list: list[str] | None = None

    def __repr__(self) -> str:
        return (
            f"<edusummary.Model labels={list(self.labels)} "
            f"features={self.features.n_features} temperature={self.temperature:.3g}>"
        )

    def prepare(self) -> Model:
        """Get ready to score many batches: build the feature lookup tables and load the
        fast scoring path now rather than on the first batches. Bulk runs call it once;
        scores do not change. Returns the model."""
        self.features.prepare()
        return self

    def decision_function(self, texts: Iterable[str]) -> np.ndarray:
        """Raw linear scores.

        Parameters
        ----------
        texts : iterable of str, length n_samples

        Returns
        -------
        ndarray of shape (n_samples, n_labels)
        """
        return self._scores(check_texts(texts))

    def _scores(self, texts: list[str]) -> np.ndarray:
        return self.features.dot(texts, self._coef_by_term) + self.intercept

    def predict_proba(self, texts: Iterable[str]) -> np.ndarray:
        """Calibrated probability of each label.

        Returns
        -------
        ndarray of shape (n_samples, n_labels)
            Columns follow :attr:`labels`; rows sum to 1.
        """
        return softmax(self.decision_function(texts) / self.temperature)

    def predict_proba_with_sentences(
        self, texts: Iterable[str], min_han: int = 10
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """:meth:`predict_proba` of ``texts`` and of their sentences, in one pass.

        Cheaper than scoring the sentences as texts of their own: a text's character grams
        are found once and counted both for the text and for the sentence they lie in.

        Parameters
        ----------
        texts : iterable of str, length n_samples
        min_han : int, default=10
            Sentences with fewer Chinese characters are left out (see
            :func:`edusummary._chinese.han_count`).

        Returns
        -------
        probabilities : ndarray of shape (n_samples, n_labels)
            ``predict_proba(texts)``, up to rounding (the sums run by sentence).
        sentence_probabilities : ndarray of shape (n_sentences, n_labels)
            ``predict_proba`` of each sentence as
            :func:`edusummary.text.sentences.sentence_spans` cuts it, in text order.
        owner : ndarray of int64, shape (n_sentences,)
            The index in ``texts`` of each sentence's text.

        Raises
        ------
        TypeError
            ``texts`` is not a sequence of strings, or ``min_han`` is not an int.
        ValueError
            ``min_han`` is negative.
        """
        if not isinstance(min_han, int) or isinstance(min_han, bool):
            raise TypeError(f"min_han must be an int, got {type(min_han).__name__}: {min_han!r}")
        if min_han < 0:
            raise ValueError(f"min_han must be 0 or more, got {min_han}")
        products, sentence_products, owner = self.features.dot_with_sentences(
            check_texts(texts), self._coef_by_term, min_han
        )
        return (
            softmax((products + self.intercept) / self.temperature),
            softmax((sentence_products + self.intercept) / self.temperature),
            owner,
        )

    def predict(
        self, texts: Iterable[str], k: int = 1, threshold: float = 0.0
    ) -> Predictions:
        """The ``k`` most likely labels of each text, best first.

        Parameters
        ----------
        texts : iterable of str
            A list, or texts generated on the fly: they are read and scored 10,000 at a
            time, and each block dropped once scored.
        k : int, default=1
            How many labels to return at most (-1 for all).
        threshold : float, default=0.0
            Leave out labels whose probability is below this.

        Warns
        -----
        EdusummaryWarning
            Some texts are empty or blank: their rows are the model's prior alone.

        Returns
        -------
        Predictions
            A read-only sequence of one list of ``(label, probability)`` per text, equal to
            that list of lists; a row may be empty when ``threshold`` excludes every label.
            Held in numpy arrays, about 9 bytes a text for ``k=1``; ``.labels`` is each
            text's best label and ``.probabilities`` an (n_texts, k) array.
        """
        if not isinstance(k, numbers.Integral) or isinstance(k, bool) or (k < 1 and k != -1):
            raise ValueError(f"k must be a positive int or -1 for all labels, got {k!r}")
        k = int(k)
        if (
            not isinstance(threshold, numbers.Real)
            or isinstance(threshold, bool)
            or not 0.0 <= threshold <= 1.0
        ):
            raise ValueError(f"threshold must be a number in [0, 1], got {threshold!r}")
        k = len(self.labels) if k == -1 else min(k, len(self.labels))
        index_type = np.min_scalar_type(len(self.labels) - 1)
        indices, values = [], []
        empty: list[int] = []
        scored = 0
        # A block at a time: the arrays kept are all that grows with the number of texts.
        for block in _blocks(texts):
            empty.extend(scored + i for i, text in enumerate(block) if not text or text.isspace())
            scored += len(block)
            probabilities = softmax(self._scores(block) / self.temperature)
            order = np.argsort(-probabilities, axis=1, kind="stable")[:, :k]
            top = np.take_along_axis(probabilities, order, axis=1)
            top[top < threshold] = np.nan
            indices.append(order.astype(index_type))
            values.append(top)
        if empty:
            # Kept in place, so that rows stay aligned with the texts, but said: an empty
            # cell read as "" gets a label that looks like any other.
            shown = ", ".join(f"texts[{i}]" for i in empty[:5])
            warnings.warn(
                f"{len(empty)} of the texts are empty ({shown}{', ...' if len(empty) > 5 else ''}"
                "): with no words, their labels are only the model's prior",
                EdusummaryWarning,
                stacklevel=user_stacklevel(),
            )
        if not indices:
            return Predictions(self.labels, np.empty((0, k), index_type), np.empty((0, k)))
        return Predictions(self.labels, np.concatenate(indices), np.concatenate(values))

    # -- files ---------------------------------------------------------------------------

    def explain(
        self, text: str, top: int | None = 10
    ) -> dict[str, list[tuple[str, float]]]:
        """The terms of ``text`` that pushed each label's score up or down.

        Parameters
        ----------
        text : str
            One paragraph.
        top : int or None, default=10
            Terms to keep per label, those with the largest effect; None for all.

        Returns
        -------
        dict of str to list of (str, float)
            For each label, ``(term, weight)`` sorted from the strongest push up to the
            strongest push down; a weight is the term's TF-IDF value times the label's
            coefficient, its share of the label's score. Terms are shown as the text has
            them, though the model reads them normalised (figures as ``0``, traditional
            characters as simplified, see :func:`edusummary.text.tokenizing.normalize`):
            ``3所`` for the model's ``0所``; a term found in several forms lists them
            parted by ``/`` (``3所/5所``). Word terms have a ``w:`` prefix, the words of
            an n-gram parted by ``+``.
        """
        if top is not None and (
            not isinstance(top, numbers.Integral) or isinstance(top, bool) or top < 1
        ):
            raise ValueError(f"top must be a positive int or None for all terms, got {top!r}")
        (text,) = check_texts([text])
        _, cols, values = self.features.weights([text])
        terms = self._terms()
        shown = _as_in(text)
        explanation = {}
        for label, weights in zip(self.labels, self.coef, strict=True):
            effect = values * weights[cols]
            strongest = np.argsort(-np.abs(effect), kind="stable")[:top]
            ranked = sorted(strongest, key=lambda i: -effect[i])
            explanation[label] = [(shown(terms[cols[i]]), float(effect[i])) for i in ranked]
        return explanation

    def _terms(self) -> list[str]:
        if self._term_list is None:
            self._term_list = self.features.terms()
        return self._term_list

    # -- files ---------------------------------------------------------------------------

    def save(self, path: str | os.PathLike[str], overwrite: bool = False) -> Path:
        """Write the model to ``path``: a zip of JSON and ``.npy`` arrays, no pickle.

        A model file already at ``path`` is replaced; any other file only with
        ``overwrite``, so that a slip of the keyboard cannot write the model over an
        analyst's labelled sheet.

        ``model.json`` holds the format version, the labels, the settings, the metadata
        (package version, training data fingerprint and counts, cross-validated scores,
        creation time), a SHA-256 of every other member and one of its own content
        (:func:`header_checksum`), all checked on loading.

        Returns
        -------
        pathlib.Path
            The path written.

        Raises
        ------
        TypeError
            ``path`` is not a path.
        ModelError
            ``path`` is a folder, or a file that is not a model (without ``overwrite``).
        """
        path = _model_path(path)
        if path.is_dir():
            raise ModelError(f"{path}: is a folder; save the model to a file in it, such as "
                             f"{path / 'model.esm'}")
        if (
            not overwrite and path.is_file() and path.stat().st_size
            and not is_model_file(path)
        ):
            # An empty file (a temporary file made for the model) holds nothing to lose.
            raise ModelError(
                f"{path}: exists and is not a model file; name a new file, or "
                "save(..., overwrite=True) to replace it"
            )
        members = {"vocabulary.json": json.dumps(self._terms(), ensure_ascii=False).encode()}
        arrays = {"idf": self.features.idf, "coef": self.coef, "intercept": self.intercept}
        for name, array in arrays.items():
            buffer = io.BytesIO()
            # C order whatever the array's: the file's bytes depend on the weights alone.
            np.save(buffer, np.ascontiguousarray(array), allow_pickle=False)
            members[f"{name}.npy"] = buffer.getvalue()
        header = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "labels": list(self.labels),
            "analyzer": self.features.analyzer.config(),
            "sublinear_tf": self.features.sublinear_tf,
            "temperature": self.temperature,
            "metadata": self.metadata,
            "sha256": {name: hashlib.sha256(data).hexdigest() for name, data in members.items()},
            HEADER_CHECKED: True,
        }
        header[HEADER_CHECKSUM] = header_checksum(header)
        path.parent.mkdir(parents=True, exist_ok=True)
        # A name of its own: two saves to one path at once must not write one file.
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
        try:
            with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                _write(archive, "model.json", json.dumps(header, ensure_ascii=False, indent=1))
                for name, data in members.items():
                    _write(archive, name, data)
            os.replace(tmp, path)
        except BaseException:
            # A half-written file must not be left beside the model (or in its place).
            tmp.unlink(missing_ok=True)
            raise
        return path

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Model:
        """Read a model written by :meth:`save`. Nothing in the file is executed: arrays
        are read with ``allow_pickle=False`` and the rest is JSON.

        The whole file is checked before a model is built from it: the zip directory first
        (only the five members of the format, none inflating to more than 512 MB or
        compressed suspiciously well), then every member's checksum (model.json's own when
        the file has it), then the contents: labels distinct non-empty
        strings, the metadata that tagging and evaluation read of the right types, arrays of
        floats of the shapes the vocabulary and labels imply, every weight finite, the
        temperature finite and positive.

        Raises
        ------
        TypeError
            ``path`` is not a path.
        ModelError
            Naming the file and saying which: the file is missing or a folder; not a zip (a
            foreign file); damaged or truncated; a zip that is not an edusummary model; of
            a format version this edusummary does not read (a newer one: upgrade
            edusummary); too large or a zip bomb; modified after it was written
            (a checksum does not match); or malformed.

        Warns
        -----
        EdusummaryWarning
            A file written by an earlier build has no checksum of model.json: it loads,
            and re-saving it adds the checksum.
        """
        path = _model_path(path)
        if path.is_dir():
            raise ModelError(f"{path}: is a folder, not a model file")
        if not path.is_file():
            raise ModelError(f"{path}: no such model file")
        try:
            if not zipfile.is_zipfile(path):
                with open(path, "rb") as handle:
                    if handle.read(4) == b"PK\x03\x04":
                        raise ModelError("damaged or truncated model file (its zip is cut)")
                raise ModelError("not an edusummary model file (not a zip archive)")
            with zipfile.ZipFile(path) as archive:
                _check_directory(archive.infolist())
                header = _check_header(json.loads(archive.read("model.json")))
                claimed = header.get(HEADER_CHECKSUM)
                if claimed is None and (
                    header.get(HEADER_CHECKED) is True or header["format_version"] == 2
                ):
                    raise ModelError(
                        f"model.json has no checksum of its own ({HEADER_CHECKSUM}), which the "
                        "edusummary that wrote it writes; the file was modified after it was "
                        "written: retrain the model or restore the file"
                    )
                if claimed is not None and claimed != header_checksum(header):
                    raise ModelError(_MODIFIED.format(name="model.json"))
                _check_metadata(header)
                members = {}
                for name, digest in header["sha256"].items():
                    members[name] = archive.read(name)
                    if hashlib.sha256(members[name]).hexdigest() != digest:
                        raise ModelError(_MODIFIED.format(name=name))
            model = cls._from_members(header, members)
        except ModelError as exc:
            raise ModelError(f"{path}: {exc}") from None
        except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
            raise ModelError(f"{path}: damaged or truncated model file ({exc})") from exc
        except MemoryError as exc:
            raise ModelError(f"{path}: too large to load ({exc})") from exc
        # A hostile file can make the JSON or .npy parsers raise any of these, RecursionError
        # (a RuntimeError) for deeply nested JSON among them.
        except (
            KeyError, ValueError, TypeError, OSError, RuntimeError, NotImplementedError
        ) as exc:
            raise ModelError(f"{path}: not a readable edusummary model file ({exc})") from exc
        if claimed is None:
            # Earlier builds of 0.1.0 wrote format 1 without it: nothing to check the labels
            # and metadata against, but nothing wrong with the file either.
            warnings.warn(
                f"{path}: model.json has no checksum of its own ({HEADER_CHECKSUM}): the file "
                "was written by an earlier build of edusummary, and its labels and metadata "
                "are loaded unchecked; re-save it (load_model(path).save(path)) to add the "
                "checksum",
                EdusummaryWarning,
                stacklevel=user_stacklevel(),
            )
        return model

    @classmethod
    def _from_members(cls, header: dict, members: dict[str, bytes]) -> Model:
        """The model from checked members; ValueError says what is wrong with them."""
        vocabulary = json.loads(members["vocabulary.json"])
        if not isinstance(vocabulary, list) or not all(isinstance(t, str) for t in vocabulary):
            raise ValueError("vocabulary.json must be a list of terms")
        if len(set(vocabulary)) != len(vocabulary):
            raise ValueError("vocabulary.json lists a term twice")
        n_labels, n_features = len(header["labels"]), len(vocabulary)
        shapes = {"idf": (n_features,), "coef": (n_labels, n_features), "intercept": (n_labels,)}
        arrays = {name: _load_array(members[f"{name}.npy"], name, shape)
                  for name, shape in shapes.items()}
        features = TfidfFeatures(
            Analyzer(
                char_ngrams=_ngrams(header["analyzer"], "char_ngrams"),
                word_ngrams=_ngrams(header["analyzer"], "word_ngrams"),
            ),
            vocabulary,
            arrays["idf"],
            sublinear_tf=header["sublinear_tf"],
        )
        return cls(
            header["labels"],
            features,
            arrays["coef"],
            arrays["intercept"],
            temperature=header["temperature"],
            metadata=header.get("metadata"),
        )


#: The key of model.json that holds the checksum of the rest of model.json.
HEADER_CHECKSUM = "header_sha256"
#: Written beside it by every build that writes it, which earlier builds never did: a file
#: saying so without its checksum was edited by hand, the checksum deleted too. (Earlier
#: builds read the key as one more of model.json's, under the checksum.)
HEADER_CHECKED = "header_checked"
_MODIFIED = (
    "{name} does not match its checksum; the file was modified or damaged after it was written"
)


def header_checksum(header: dict) -> str:
    """SHA-256 of model.json's content but its own checksum, key order and layout aside:
    the labels, temperature and metadata a model is used with."""
    content = {key: value for key, value in header.items() if key != HEADER_CHECKSUM}
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # JSON may escape lone surrogates; the checksum is defined for them too.
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def _model_path(path: object) -> Path:
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a model file path, got {type(path).__name__}: {path!r:.60}")
    return Path(path)


#: What a model file holds: model.json, which records the checksums of the others.
_DATA_MEMBERS = ("vocabulary.json", "idf.npy", "coef.npy", "intercept.npy")
_MEMBERS = ("model.json", *_DATA_MEMBERS)
#: Limits read from the zip directory before anything is inflated, far above any real
#: model (the shipped one's largest member is 3.3 MB, compressed 1.2:1; its idf 8.5:1) and
#: far below what a few megabytes of zip can inflate to.
MAX_MEMBER_BYTES = 512 * 2**20
MAX_COMPRESSION_RATIO = 200
#: Members smaller than this may compress better (a short JSON file, an array of zeros).
_RATIO_FLOOR = 4 * 2**20


def _check_directory(infos: list[zipfile.ZipInfo]) -> None:
    names = [info.filename for info in infos]
    if "model.json" not in names:
        raise ModelError("not an edusummary model file (no model.json)")
    for info in infos:
        name, size = info.filename, info.file_size
        if name not in _MEMBERS or names.count(name) > 1:
            raise ModelError(
                f"not an edusummary model file (unexpected member {name!r}; a model file "
                f"holds {', '.join(_MEMBERS)} once each)"
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ModelError(f"{name} uses zip compression method {info.compress_type}, "
                             "not deflate")
        if size > MAX_MEMBER_BYTES:
            raise ModelError(
                f"{name} would inflate to {size:,} bytes, more than a model may hold "
                f"({MAX_MEMBER_BYTES:,}); refusing to read it"
            )
        if size > _RATIO_FLOOR and size > MAX_COMPRESSION_RATIO * info.compress_size:
            raise ModelError(
                f"{name} is compressed {size / max(info.compress_size, 1):,.0f}:1 (a zip "
                f"bomb? model arrays compress less than {MAX_COMPRESSION_RATIO}:1); refusing "
                "to read it"
            )
    missing = [name for name in _MEMBERS if name not in names]
    if missing:
        raise ModelError(f"damaged model file (no {', '.join(missing)})")


def _check_header(header: object) -> dict:
    """model.json, checked as it is: a default added here would fail its checksum."""
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise ModelError("not an edusummary model file")
    version = header.get("format_version")
    is_int = type(version) is int
    if not (is_int and version in READ_VERSIONS):
        reads = f"versions {READ_VERSIONS[0]} to {READ_VERSIONS[-1]}"
        if is_int and version > READ_VERSIONS[-1]:
            metadata = header.get("metadata")
            writer = metadata.get("edusummary_version") if isinstance(metadata, dict) else None
            written = (f"edusummary {writer:.20}" if isinstance(writer, str)
                       else "a later edusummary")
            raise ModelError(
                f"model format version {version}, written by {written}, is newer than this "
                f"edusummary ({__version__}) reads ({reads}): upgrade edusummary "
                "(pip install --upgrade edusummary)"
            )
        raise ModelError(
            f"model format version {version!r:.20}, this edusummary reads {reads}; retrain "
            "the model"
        )
    for key in ("labels", "analyzer", "sublinear_tf", "temperature", "sha256"):
        if key not in header:
            raise ValueError(f"model.json has no {key!r}")
    labels = header["labels"]
    if (
        not isinstance(labels, list)
        or not labels
        or not all(isinstance(label, str) and label.strip() for label in labels)
        or len(set(labels)) != len(labels)
    ):
        raise ValueError(f"labels must be distinct non-empty strings, got {labels!r:.200}")
    if scrub("".join(labels)) != "".join(labels):
        raise ValueError(f"labels must be valid text, got {labels!r:.200}")
    temperature = header["temperature"]
    if (
        not isinstance(temperature, (int, float))
        or isinstance(temperature, bool)
        or not (math.isfinite(temperature) and temperature > 0)
    ):
        raise ValueError(f"temperature must be a finite positive number, got {temperature!r:.60}")
    if not isinstance(header["sublinear_tf"], bool):
        raise ValueError(f"sublinear_tf must be true or false, got {header['sublinear_tf']!r:.60}")
    if not isinstance(header["analyzer"], dict):
        raise ValueError("analyzer must be a JSON object")
    if not isinstance(header.get("metadata", {}), dict):
        raise ValueError("metadata must be a JSON object")
    sha256 = header["sha256"]
    if not isinstance(sha256, dict) or sorted(sha256) != sorted(_DATA_MEMBERS):
        raise ValueError(f"sha256 must list the checksums of {', '.join(_DATA_MEMBERS)}")
    return header


def _check_metadata(header: dict) -> None:
    """The metadata that tagging, summaries and evaluation read, checked for type: a wrong
    one (``"review": null``) failed at the first paragraph tagged, not here."""
    metadata = header.get("metadata", {})
    parts = {}
    for key in ("review", "cross_validation", "training_data"):
        part = parts[key] = metadata.get(key, {})
        if not isinstance(part, dict):
            raise ModelError(f"metadata {key} must be a JSON object, got {part!r:.60}")
    threshold = parts["review"].get("threshold", 0.5)
    if not _is_number(threshold) or not 0 < threshold <= 1:
        raise ModelError(f"metadata review threshold must be a number in (0, 1], got "
                         f"{threshold!r:.60}")
    accuracy = parts["cross_validation"].get("accuracy", 0)
    if not _is_number(accuracy):
        raise ModelError(f"metadata cross_validation accuracy must be a number, got "
                         f"{accuracy!r:.60}")
    table = parts["cross_validation"].get("mean_probabilities", [])
    n_labels = len(header["labels"])
    if table and not (
        isinstance(table, list) and len(table) == n_labels and all(
            isinstance(row, list) and len(row) == n_labels and all(map(_is_number, row))
            for row in table
        )
    ):
        raise ModelError(f"metadata cross_validation mean_probabilities must be {n_labels} "
                         f"rows of {n_labels} numbers, one per label")
    hashes = parts["training_data"].get("row_hashes", [])
    if not isinstance(hashes, list) or not all(isinstance(h, str) for h in hashes):
        raise ModelError("metadata training_data row_hashes must be a list of strings")
    fingerprint = parts["training_data"].get("fingerprint", "")
    if not isinstance(fingerprint, str):
        raise ModelError(f"metadata training_data fingerprint must be a string, got "
                         f"{fingerprint!r:.60}")


def _is_number(value: object) -> bool:
    return (
        isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    )


def _ngrams(analyzer: dict, key: str) -> tuple[int, int] | None:
    value = analyzer.get(key)
    if value is None:
        return None
    if not (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(n, int) and not isinstance(n, bool) for n in value)
        and 1 <= value[0] <= value[1]
    ):
        raise ValueError(f"analyzer {key} must be [low, high] with 1 <= low <= high, "
                         f"got {value!r:.60}")
    return value[0], value[1]


def _load_array(data: bytes, name: str, shape: tuple[int, ...]) -> np.ndarray:
    """A float array of ``shape`` from ``.npy`` bytes, every value finite.

    The header is checked before the array is read, so that a header claiming a huge
    shape does not allocate it.
    """
    buffer = io.BytesIO(data)
    version = np.lib.format.read_magic(buffer)
    if version == (1, 0):
        found, _, dtype = np.lib.format.read_array_header_1_0(buffer)
    elif version == (2, 0):
        found, _, dtype = np.lib.format.read_array_header_2_0(buffer)
    else:
        raise ValueError(f"{name}.npy is of .npy version {version}, expected 1.0 or 2.0")
    if dtype.kind != "f":
        raise ValueError(f"{name}.npy holds {dtype}, expected floating-point numbers")
    if found != shape:
        raise ValueError(
            f"{name}.npy has shape {found}, expected {shape} from the labels and vocabulary"
        )
    if math.prod(shape) * dtype.itemsize != len(data) - buffer.tell():
        raise ValueError(f"{name}.npy is cut or padded: its data does not fill shape {shape}")
    buffer.seek(0)
    array = np.load(buffer, allow_pickle=False).astype(np.float64, copy=False)
    if not np.isfinite(array).all():
        raise ValueError(f"{name}.npy holds NaN or infinite values")
    return array


def _write(archive: zipfile.ZipFile, name: str, data: str | bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)
