"""The fitted model: TF-IDF features, a linear classifier and calibrated probabilities.

A :class:`Model` is plain data: a vocabulary, idf weights, one weight vector per label and a
temperature that calibrates the probabilities. Predicting is sparse algebra with numpy; it
never imports scikit-learn. Model files are zip archives of JSON and ``.npy`` arrays read
with ``allow_pickle=False``, so loading a model never runs code from the file.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..errors import ModelError
from .features import Analyzer, TfidfFeatures

FORMAT = "edusummary-model"
FORMAT_VERSION = 1
#: Fixed zip timestamps keep model files byte-identical for identical models.
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def check_texts(texts: Sequence[str], name: str = "texts") -> list[str]:
    """Validate a batch of paragraph texts at the edge of the API.

    Raises
    ------
    TypeError
        ``texts`` is a single string or not a sequence, or an item is not a string; the
        message names the position and the bad value.
    """
    if isinstance(texts, (str, bytes)):
        raise TypeError(
            f"{name} must be a list of strings, got a single {type(texts).__name__}; "
            f"wrap it in a list: [{texts[:20]!r}]"
        )
    try:
        items = list(texts)
    except TypeError:
        raise TypeError(
            f"{name} must be a list of strings, got {type(texts).__name__}"
        ) from None
    for position, text in enumerate(items):
        if not isinstance(text, str):
            raise TypeError(
                f"{name}[{position}] must be a str, got {type(text).__name__}: {text!r:.60}"
            )
    return items


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
        self.coef = coef
        self.intercept = intercept
        self.temperature = float(temperature)
        self.metadata = dict(metadata or {})
        self._term_list: list[str] | None = None

    def __repr__(self) -> str:
        return (
            f"<edusummary.Model labels={list(self.labels)} "
            f"features={self.features.n_features} temperature={self.temperature:.3g}>"
        )

    def decision_function(self, texts: Sequence[str]) -> np.ndarray:
        """Raw linear scores.

        Parameters
        ----------
        texts : sequence of str, length n_samples

        Returns
        -------
        ndarray of shape (n_samples, n_labels)
        """
        texts = check_texts(texts)
        rows, cols, values = self.features.weights(texts)
        # A sparse-times-dense product, one label at a time, without scipy (its import
        # alone would double the start-up time).
        scores = np.empty((len(texts), len(self.labels)))
        for j, weights in enumerate(self.coef):
            scores[:, j] = np.bincount(rows, weights=values * weights[cols], minlength=len(texts))
        return scores + self.intercept

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Calibrated probability of each label.

        Returns
        -------
        ndarray of shape (n_samples, n_labels)
            Columns follow :attr:`labels`; rows sum to 1.
        """
        return softmax(self.decision_function(texts) / self.temperature)

    def predict(
        self, texts: Sequence[str], k: int = 1, threshold: float = 0.0
    ) -> list[list[tuple[str, float]]]:
        """The ``k`` most likely labels of each text, best first.

        Parameters
        ----------
        texts : sequence of str
        k : int, default=1
            How many labels to return at most (-1 for all).
        threshold : float, default=0.0
            Leave out labels whose probability is below this.

        Returns
        -------
        list of list of (label, probability)
            One list per text; it may be empty when ``threshold`` excludes every label.
        """
        if not isinstance(k, int) or isinstance(k, bool) or (k < 1 and k != -1):
            raise ValueError(f"k must be a positive int or -1 for all labels, got {k!r}")
        if not isinstance(threshold, (int, float)) or not 0.0 <= threshold <= 1.0:
            raise ValueError(f"threshold must be a number in [0, 1], got {threshold!r}")
        probabilities = self.predict_proba(texts)
        k = len(self.labels) if k == -1 else min(k, len(self.labels))
        order = np.argsort(-probabilities, axis=1, kind="stable")[:, :k]
        results = []
        for row, columns in zip(probabilities, order, strict=True):
            results.append(
                [(self.labels[c], float(row[c])) for c in columns if row[c] >= threshold]
            )
        return results

    # -- files ---------------------------------------------------------------------------

    def explain(self, text: str, top: int = 10) -> dict[str, list[tuple[str, float]]]:
        """The terms of ``text`` that pushed each label's score up or down.

        Parameters
        ----------
        text : str
            One paragraph.
        top : int, default=10
            Terms to keep per label, those with the largest effect.

        Returns
        -------
        dict of str to list of (str, float)
            For each label, ``(term, weight)`` sorted from the strongest push up to the
            strongest push down; a weight is the term's TF-IDF value times the label's
            coefficient, its share of the label's score. Character n-grams appear as they
            are, word terms with a ``w:`` prefix.
        """
        (text,) = check_texts([text])
        _, cols, values = self.features.weights([text])
        terms = self._terms()
        explanation = {}
        for label, weights in zip(self.labels, self.coef, strict=True):
            effect = values * weights[cols]
            strongest = np.argsort(-np.abs(effect), kind="stable")[:top]
            ranked = sorted(strongest, key=lambda i: -effect[i])
            explanation[label] = [(terms[cols[i]], float(effect[i])) for i in ranked]
        return explanation

    def _terms(self) -> list[str]:
        if self._term_list is None:
            self._term_list = sorted(
                self.features.vocabulary, key=self.features.vocabulary.__getitem__
            )
        return self._term_list

    # -- files ---------------------------------------------------------------------------

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the model to ``path``: a zip of JSON and ``.npy`` arrays, no pickle.

        ``model.json`` holds the format version, the labels, the settings, the metadata
        (package version, training data fingerprint and counts, cross-validated scores,
        creation time) and a SHA-256 of every other member, checked on loading.

        Returns
        -------
        pathlib.Path
            The path written.
        """
        path = Path(path)
        members = {"vocabulary.json": json.dumps(self._terms(), ensure_ascii=False).encode()}
        arrays = {"idf": self.features.idf, "coef": self.coef, "intercept": self.intercept}
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.save(buffer, array, allow_pickle=False)
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
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            _write(archive, "model.json", json.dumps(header, ensure_ascii=False, indent=1))
            for name, data in members.items():
                _write(archive, name, data)
        os.replace(tmp, path)
        return path

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Model:
        """Read a model written by :meth:`save`. Nothing in the file is executed: arrays
        are read with ``allow_pickle=False`` and the rest is JSON.

        Raises
        ------
        ModelError
            Saying which: the file is missing; not a zip (a foreign file); damaged or
            truncated; a zip that is not an edusummary model; of another format version;
            modified after it was written (a checksum does not match); or malformed.
        """
        path = Path(path)
        if not path.is_file():
            raise ModelError(f"{path}: no such model file")
        if not zipfile.is_zipfile(path):
            with open(path, "rb") as handle:
                if handle.read(4) == b"PK\x03\x04":
                    raise ModelError(f"{path}: damaged or truncated model file (its zip is cut)")
            raise ModelError(f"{path}: not an edusummary model file (not a zip archive)")
        try:
            with zipfile.ZipFile(path) as archive:
                if "model.json" not in archive.namelist():
                    raise ModelError(f"{path}: not an edusummary model file (no model.json)")
                header = json.loads(archive.read("model.json"))
                if not isinstance(header, dict) or header.get("format") != FORMAT:
                    raise ModelError(f"{path}: not an edusummary model file")
                if header.get("format_version") != FORMAT_VERSION:
                    raise ModelError(
                        f"{path}: model format version {header.get('format_version')!r}, "
                        f"this edusummary reads version {FORMAT_VERSION}; retrain the model"
                    )
                members = {}
                for name, digest in header["sha256"].items():
                    members[name] = archive.read(name)
                    if hashlib.sha256(members[name]).hexdigest() != digest:
                        raise ModelError(
                            f"{path}: {name} does not match its checksum; the file was "
                            "modified or damaged after it was written"
                        )
        except ModelError:
            raise
        except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
            raise ModelError(f"{path}: damaged or truncated model file ({exc})") from exc
        except (KeyError, ValueError, TypeError, OSError) as exc:
            raise ModelError(f"{path}: not a readable edusummary model file ({exc})") from exc
        try:
            vocabulary = json.loads(members["vocabulary.json"])
            arrays = {
                name: np.load(io.BytesIO(members[f"{name}.npy"]), allow_pickle=False)
                for name in ("idf", "coef", "intercept")
            }
            features = TfidfFeatures(
                Analyzer(**header["analyzer"]),
                {term: i for i, term in enumerate(vocabulary)},
                arrays["idf"],
                sublinear_tf=header["sublinear_tf"],
            )
            return cls(
                header["labels"],
                features,
                arrays["coef"],
                arrays["intercept"],
                temperature=header["temperature"],
                metadata=header.get("metadata", {}),
            )
        except ModelError:
            raise
        except (KeyError, ValueError, TypeError) as exc:
            raise ModelError(f"{path}: not a readable edusummary model file ({exc})") from exc


def _write(archive: zipfile.ZipFile, name: str, data: str | bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)
