"""A scikit-learn estimator around :func:`~edusummary.model.training.train`, for tuning.

:class:`EdusummaryClassifier` takes the training settings as constructor parameters, so that
``GridSearchCV``, ``Pipeline``, ``clone`` and ``cross_val_score`` work on it as on any
scikit-learn classifier; the fitted ``model_`` is the library's own
:class:`~edusummary.model.classifier.Model`, ready to ``save`` and tag reports with.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from ..topics import LABELS
from .classifier import check_texts
from .records import typed_label
from .training import DEFAULT_SETTINGS, TrainingSettings, train


class EdusummaryClassifier(ClassifierMixin, BaseEstimator):
    """Paragraph-topic classifier with scikit-learn's interface.

    Parameters
    ----------
    char_ngrams, word_ngrams, C, class_weight, min_df, sublinear_tf, register_copies
        The fields of :class:`~edusummary.TrainingSettings`, with its defaults (those of
        the shipped model).
    calibrate : bool, default=False
        Fit the confidence temperature by cross-validation inside :meth:`fit` (see
        :func:`~edusummary.train`). Off by default: it costs ``folds`` extra fits per
        :meth:`fit`, which a grid search multiplies, needs ``folds`` paragraphs of every
        label in each training split, and changes only :meth:`predict_proba`, never
        :meth:`predict`. Turn it on for the final model whose probabilities you report.
    folds : int, default=5
        Folds of the calibration (with ``calibrate`` only).
    seed : int, default=0
        Seeds the calibration's fold split.
    n_jobs : int or None, default=None
        Calibration fits run at once (joblib); None runs one, leaving the cores to a grid
        search around this estimator.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        The labels of ``y`` in :meth:`fit`, sorted (``np.unique(y)``); columns of
        :meth:`predict_proba`. A label whose paragraphs were all left out (under 15
        Chinese characters) is among them, never predicted.
    model_ : Model
        The fitted model: ``model_.save(path)``, then ``edusummary.Tagger(path)`` tags
        reports with it.

    Examples
    --------
    >>> from sklearn.model_selection import GridSearchCV
    >>> search = GridSearchCV(EdusummaryClassifier(), {"C": [1, 3, 10]}, cv=5)
    >>> search.fit(texts, labels).best_estimator_.model_.save("tuned.esm")  # doctest: +SKIP
    """

    def __init__(
        self,
        char_ngrams: tuple[int, int] | None = DEFAULT_SETTINGS.char_ngrams,
        word_ngrams: tuple[int, int] | None = DEFAULT_SETTINGS.word_ngrams,
        C: float = DEFAULT_SETTINGS.C,
        class_weight: str | None = DEFAULT_SETTINGS.class_weight,
        min_df: int = DEFAULT_SETTINGS.min_df,
        sublinear_tf: bool = DEFAULT_SETTINGS.sublinear_tf,
        register_copies: bool = DEFAULT_SETTINGS.register_copies,
        calibrate: bool = False,
        folds: int = 5,
        seed: int = 0,
        n_jobs: int | None = None,
    ) -> None:
        self.char_ngrams = char_ngrams
        self.word_ngrams = word_ngrams
        self.C = C
        self.class_weight = class_weight
        self.min_df = min_df
        self.sublinear_tf = sublinear_tf
        self.register_copies = register_copies
        self.calibrate = calibrate
        self.folds = folds
        self.seed = seed
        self.n_jobs = n_jobs

    def fit(self, X: Sequence[str], y: Sequence) -> EdusummaryClassifier:
        """Train on paragraphs ``X`` labelled ``y``.

        Parameters
        ----------
        X : sequence of str
            One paragraph per sample.
        y : sequence of labels
            Any labels (strings or numbers), at least two different ones.

        Returns
        -------
        self

        Notes
        -----
        As in :func:`~edusummary.train`, paragraphs under 15 Chinese characters and
        repeats of an earlier paragraph are left out with an
        :class:`~edusummary.EdusummaryWarning`; a label all of whose paragraphs were left
        out stays in :attr:`classes_` with probability 0, and is warned of.
        """
        texts = check_texts(X)
        try:
            shape = np.shape(y)
        except ValueError:  # lists of labels of different lengths
            shape = None
        if shape is None or (len(shape) == 2 and shape[1] > 1):
            # Before the labels are looked at: a row of an indicator matrix is no label.
            raise ValueError(
                f"y {'holds lists' if shape is None else f'has shape {shape}'}: multi-label "
                "y (an indicator matrix, such as MultiLabelBinarizer gives, or lists of "
                "labels) is not supported; pass the primary label of each paragraph"
            )
        missing = [i for i, label in enumerate(y) if _is_missing(label)]
        if missing:
            # Never a topic called "nan": scikit-learn's classifiers refuse them too.
            raise ValueError(
                f"y has {len(missing)} missing labels (None or NaN), at positions "
                f"{missing[:5]}{' ...' if len(missing) > 5 else ''}; label those paragraphs "
                "or leave them out"
            )
        # Only now: numpy makes a NaN among strings the string "nan".
        y = np.asarray(y)
        if y.ndim != 1 or len(y) != len(texts):
            raise ValueError(
                f"y must hold one label per paragraph: {len(texts)} paragraphs, "
                f"y of shape {y.shape}"
            )
        classes = np.unique(y)
        # The names the model knows them by, and the classes keep the values y gave: train
        # strips the blanks a spreadsheet cell keeps ("other "), and a topic written as a
        # sheet may write it (学前教育, "Preschool") is its id, which tagging falls back
        # on (other) and evaluate() reads sheets with.
        stripped = [str(label).strip() for label in classes]
        names = [typed_label(name, LABELS) for name in stripped]
        for keys, what, hint in (
            (stripped, "differ only in blanks around them",
             "strip them first, as train() does: [label.strip() for label in y]"),
            (names, "name one topic",
             f"write each topic one way, such as its id ({', '.join(LABELS)})"),
        ):
            if len(set(keys)) < len(keys):
                twins = sorted(
                    str(c) for c, n in zip(classes, keys, strict=True) if keys.count(n) > 1
                )
                raise ValueError(f"y has labels that {what}: {twins!r}; {hint}")
        settings = TrainingSettings(
            **{name: getattr(self, name) for name in TrainingSettings.fields()}
        )
        by_value = dict(zip(classes.tolist(), names, strict=True))
        self.model_ = train(
            list(zip(texts, (by_value[label] for label in y.tolist()), strict=True)),
            labels=names,
            settings=settings,
            calibrate=self.calibrate,
            folds=self.folds,
            seed=self.seed,
            n_jobs=self.n_jobs,
        )
        # Every label of y stays a class, as in any scikit-learn classifier: one whose
        # paragraphs were all left out (train warns) gets probability 0, and the columns
        # of predict_proba stay those of np.unique(y), which scorers such as log loss and
        # the folds of a cross-validation rely on.
        self.classes_ = classes
        self._columns = [
            self.model_.labels.index(name) if name in self.model_.labels else None
            for name in names
        ]
        return self

    def predict_proba(self, X: Sequence[str]) -> np.ndarray:
        """Probability of each label, shape (n_samples, n_classes), columns as
        :attr:`classes_`; 0 for a label whose paragraphs :meth:`fit` left out."""
        check_is_fitted(self, "model_")
        scores = self.model_.predict_proba(check_texts(X))
        learnt = [i for i, column in enumerate(self._columns) if column is not None]
        probabilities = np.zeros((len(scores), len(self._columns)))
        probabilities[:, learnt] = scores[:, [self._columns[i] for i in learnt]]
        return probabilities

    def predict(self, X: Sequence[str]) -> np.ndarray:
        """The most likely label of each paragraph."""
        probabilities = self.predict_proba(X)
        return self.classes_[probabilities.argmax(axis=1)]

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        return tags



def _is_missing(label: object) -> bool:
    """None, NaN, or pandas' NA (whose truth is ambiguous, so compared it raises)."""
    try:
        return label is None or bool(label != label)
    except TypeError:
        return True
