"""Building a :class:`~edusummary.model.classifier.Model` from labelled records.

Training uses scikit-learn: ``TfidfVectorizer`` with our
:class:`~edusummary.model.features.Analyzer` and ``LogisticRegression``. Confidences are
calibrated by temperature scaling fitted on cross-validated scores, so a paragraph given 0.9
is right about nine times in ten.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import numbers
import os
import random
import signal
import threading
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from multiprocessing import resource_tracker

import numpy as np

from .._english import counted
from .._stopping import ignore_interrupts, interrupts_held
from .._version import __version__
from ..errors import DataError, EdusummaryWarning, user_stacklevel
from ..topics import LABELS, MIN_HAN_CHARS
from .classifier import Model, softmax
from .evaluation import Evaluation, choose_review_threshold, review_scores, score
from .features import Analyzer, TfidfFeatures
from .records import (
    Record,
    Samples,
    check_labels,
    close_label,
    dedup_key,
    load_samples,
    row_hash,
)
from .register import with_boilerplate
from .shipped import default_data_path
from .validation import near_duplicates_across

logger = logging.getLogger(__name__)

#: How many rejected rows the model file lists (all are counted).
_REJECTED_KEPT = 200
#: How many base records one of the analyst's samples counts as when it extends a base.
#: With ``class_weight="balanced"`` a new label's samples together then weigh 12 times a
#: base label, whatever their number; against 4 this lifts the F1 of a label learnt from
#: 10 to 40 samples (``benchmarks/few_shot_select.py``), its offset counting them as much.
SAMPLE_WEIGHT = 12.0


def _is_int(value: object) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _is_real(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


@dataclass(frozen=True)
class TrainingSettings:
    """How a model is trained: features and regularisation.

    One object for the API (``train(**settings)``), the CLI (its defaults) and the model
    file (``model.metadata["settings"]``). The defaults are those of the shipped model,
    chosen by cross-validation on ``data/`` with whole batches held out and the
    one-standard-error rule (``benchmarks/select_model.py --folds 5``,
    ``benchmarks/model_selection.md``), and checked on the kinds of text each round of
    ``data/`` added (``benchmarks/forward_rounds.py``).

    Parameters
    ----------
    char_ngrams, word_ngrams : (int, int) or None
        Feature n-gram ranges (see :class:`~edusummary.model.features.Analyzer`).
    C : float
        Inverse regularisation strength of the logistic regression.
    class_weight : "balanced" or None
        Weigh labels inversely to their frequency.
    min_df : int
        Drop terms seen in fewer paragraphs than this.
    sublinear_tf : bool
        Use ``1 + log(tf)``.
    register_copies : bool
        Fit on each record twice, as written and with the boilerplate of official documents
        added (:func:`~edusummary.model.register.with_boilerplate`), each at half its
        weight, under its label: style does not decide the label (``LABELS.md``). The
        vocabulary and idf come from the records as written.
    """

    char_ngrams: tuple[int, int] | None = (1, 2)
    word_ngrams: tuple[int, int] | None = None
    C: float = 100 / 3
    class_weight: str | None = "balanced"
    min_df: int = 2
    sublinear_tf: bool = False
    register_copies: bool = True

    def __post_init__(self) -> None:
        # numpy's numbers (a grid search over np.arange) are taken, and stored as Python's,
        # which the model file's JSON can hold.
        for name in ("char_ngrams", "word_ngrams"):
            value = getattr(self, name)
            if value is not None:
                if (
                    len(value) != 2
                    or not all(_is_int(n) and n >= 1 for n in value)
                    or value[0] > value[1]
                ):
                    raise ValueError(
                        f"{name} must be (low, high) with 1 <= low <= high, got {value!r}"
                    )
                object.__setattr__(self, name, tuple(int(n) for n in value))
        if self.char_ngrams is None and self.word_ngrams is None:
            raise ValueError("char_ngrams and word_ngrams cannot both be None: no features")
        if not _is_real(self.C) or not self.C > 0:
            raise ValueError(f"C must be a positive number, got {self.C!r}")
        object.__setattr__(self, "C", float(self.C))
        if self.class_weight not in ("balanced", None):
            raise ValueError(f"class_weight must be 'balanced' or None, got {self.class_weight!r}")
        if not _is_int(self.min_df) or self.min_df < 1:
            raise ValueError(f"min_df must be a positive int, got {self.min_df!r}")
        object.__setattr__(self, "min_df", int(self.min_df))

    @classmethod
    def fields(cls) -> tuple[str, ...]:
        return tuple(f.name for f in dataclasses.fields(cls))

    def replace(self, **changes) -> TrainingSettings:
        """A copy with ``changes``; an unknown name is a :class:`TypeError` naming it."""
        unknown = set(changes) - set(self.fields())
        if unknown:
            raise TypeError(
                f"unknown training settings {sorted(unknown)}; "
                f"the settings are {list(self.fields())}"
            )
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict:
        """JSON-ready, as stored in the model file."""
        return {
            name: list(value) if isinstance(value, tuple) else value
            for name, value in dataclasses.asdict(self).items()
        }

    def analyzer(self) -> Analyzer:
        """The analyzer these settings cut text with."""
        return Analyzer(char_ngrams=self.char_ngrams, word_ngrams=self.word_ngrams)


#: The settings of the shipped model.
DEFAULT_SETTINGS = TrainingSettings()


def _terms(terms: list[str]) -> list[str]:
    """Identity analyzer: documents reach the vectorizer already cut into terms."""
    return terms


def fingerprint(records: Sequence[Record]) -> str:
    """A short hash of the texts and labels, identical for identical training data."""
    digest = hashlib.sha256()
    for record in records:
        digest.update(record.text.encode("utf-8"))
        digest.update(b"\x1f" + "|".join(record.labels or (record.label,)).encode() + b"\x1e")
    return digest.hexdigest()[:16]


def sklearn_pipeline(settings: TrainingSettings, analyzer):
    """The scikit-learn pipeline a model is trained as: TF-IDF with ``analyzer``, then a
    logistic regression (unfitted).

    A :class:`~edusummary.model.classifier.Model` exported from it predicts the same labels with
    numpy alone.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    vectorizer = TfidfVectorizer(
        analyzer=analyzer,
        min_df=settings.min_df,
        sublinear_tf=settings.sublinear_tf,
        dtype=np.float64,
    )
    classifier = LogisticRegression(
        C=settings.C, class_weight=settings.class_weight, max_iter=5000
    )
    return Pipeline([("tfidf", vectorizer), ("classifier", classifier)])


def _fit(
    term_lists: list[list[str]],
    y: np.ndarray,
    settings: TrainingSettings,
    n_labels: int,
    weights: np.ndarray | None = None,
    copies: list[list[str]] | None = None,
):
    """Fit the pipeline on analysed records, each counted ``weights`` times (once by
    default), and on their register ``copies`` (see :func:`register_copies`) if given;
    returns (vectorizer, coef, intercept) with a row for each of the ``n_labels`` labels."""
    import scipy.sparse as sp

    pipeline = sklearn_pipeline(settings, _terms)
    vectorizer = pipeline.named_steps["tfidf"]
    classifier = pipeline.named_steps["classifier"]
    features = vectorizer.fit_transform(term_lists)
    if copies is not None:
        # A record and its copy count half each: the regularisation keeps its strength.
        features = sp.vstack([features, vectorizer.transform(copies)], format="csr")
        weights = np.tile(np.ones(len(y)) if weights is None else weights, 2) / 2
        y = np.tile(y, 2)
    classifier.fit(features, y, sample_weight=weights)
    coef = np.zeros((n_labels, classifier.coef_.shape[1]))
    intercept = np.zeros(n_labels)
    if len(classifier.classes_) == 2:
        # A two-class logistic regression keeps one weight vector for the second class;
        # a zero row for the first gives the same probabilities through the softmax.
        coef[classifier.classes_[1]] = classifier.coef_[0]
        intercept[classifier.classes_[1]] = classifier.intercept_[0]
    else:
        coef[classifier.classes_] = classifier.coef_
        intercept[classifier.classes_] = classifier.intercept_
    return vectorizer, coef, intercept


def register_copies(
    texts: Sequence[str], settings: TrainingSettings, seed: int
) -> list[list[str]] | None:
    """The analysed register copies of ``texts`` that ``settings`` trains on, or None when
    it trains on none.

    A text's copy depends on the text and ``seed`` alone: adding, leaving out or reordering
    records (an analyst's samples, base records they correct, a new batch of ``data/``)
    leaves the other records' copies as they were, so that retraining changes only what the
    change of data changes.
    """
    if not settings.register_copies:
        return None
    analyzer = settings.analyzer()
    # A str seed is hashed with SHA-512, the same in every process whatever PYTHONHASHSEED.
    return [
        analyzer(with_boilerplate(text, random.Random(f"{seed}\x1f{text}"))) for text in texts
    ]


def _fit_temperature(scores: np.ndarray, y: np.ndarray) -> float:
    """The temperature that minimises the log loss of softmax(scores / T)."""
    from scipy.optimize import minimize_scalar

    rows = np.arange(len(y))

    def log_loss(log_t: float) -> float:
        probabilities = softmax(scores / np.exp(log_t))
        return -np.log(np.clip(probabilities[rows, y], 1e-12, None)).mean()

    result = minimize_scalar(log_loss, bounds=(-4.0, 4.0), method="bounded")
    return float(np.exp(result.x))


def _fit_and_score(
    train_terms, train_y, test_terms, settings, n_labels, weights=None, copies=None
):
    """Fit on one part and score another; with no other part, return what was fitted."""
    fitted = _fit(train_terms, train_y, settings, n_labels, weights, copies)
    if test_terms is None:
        return fitted
    vectorizer, coef, intercept = fitted
    return vectorizer.transform(test_terms) @ coef.T + intercept


def _run_fits(
    term_lists, y, settings, n_labels, parts, n_jobs, weights=None, copies=None, bar=None
):
    """:func:`_fit_and_score` for each ``(train_index, test_index or None)``, in parallel;
    the register ``copies`` of the training part's records are fitted with them. A
    progress ``bar`` moves on as each fit ends."""
    from joblib import Parallel, delayed

    def subset(lists, index):
        return None if index is None or lists is None else [lists[i] for i in index]

    # Ctrl-C reaches joblib's workers too, each a fresh Python that loads numpy and this
    # package first: one that got it then printed a KeyboardInterrupt traceback. Started
    # with the stop signals held back, which they inherit, they ignore Ctrl-C from the
    # start, and end quietly on SIGTERM or SIGHUP, as the tagging workers do; the
    # parent stops the fits.
    if hasattr(signal, "pthread_sigmask"):  # not on Windows
        # Started for the first worker, multiprocessing's resource tracker unblocks
        # SIGINT and SIGTERM after it, letting them through to the workers started
        # after it: started first, it leaves the mask alone.
        resource_tracker.ensure_running()
    fits = None
    with _pool_thread_quiet_when_stopped():
        try:
            with interrupts_held():
                fits = Parallel(
                    n_jobs=n_jobs, return_as="generator", initializer=ignore_interrupts
                )(
                    delayed(_fit_and_score)(
                        subset(term_lists, train), y[train], subset(term_lists, test), settings,
                        n_labels, None if weights is None else weights[train],
                        subset(copies, train),
                    )
                    for train, test in parts
                )
            results = []
            for result in fits:
                results.append(result)
                if bar is not None:
                    bar.update()
        finally:
            if fits is not None:
                # Stopped between two fits: joblib's warning of the fits it cancelled is
                # advice to a programmer, not news to the analyst who stopped it.
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", UserWarning)
                    fits.close()
    return results


class _PoolThreadHook:
    """The :func:`threading.excepthook` while fits run, in one thread or several at once.

    It keeps a failure of the thread of joblib's pool for the latest run of fits, and hands
    any other thread's to the hook in place before the first run began, which it puts back
    as the last run ends (unless the application set one of its own meanwhile). Each run
    swapping in a hook of its own, runs in two threads left the first one's in place for
    good: from then on the pool thread's failures were never said.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._runs: list[list] = []
        self._said = threading.__excepthook__

    def __call__(self, args) -> None:
        with self._lock:
            said = self._said
            if self._runs and args.thread is not None and (
                args.thread.name == "ExecutorManagerThread"
            ):
                self._runs[-1].append(args)
                return
        said(args)

    @contextmanager
    def kept(self) -> Iterator[None]:
        """Keep the pool thread's failures meanwhile, and say them after if the block ends
        without one of its own."""
        failures: list = []
        with self._lock:
            if not self._runs:
                self._said = threading.excepthook
                threading.excepthook = self
            self._runs.append(failures)
        try:
            yield
        finally:
            with self._lock:
                # By identity: the runs' lists are equal while empty.
                self._runs = [run for run in self._runs if run is not failures]
                said = self._said
                if not self._runs and threading.excepthook is self:
                    threading.excepthook = said
        for args in failures:
            said(args)


_pool_thread_hook = _PoolThreadHook()


def _pool_thread_quiet_when_stopped() -> AbstractContextManager[None]:
    """Leave unsaid a failure of the thread of joblib's pool when the fits are stopped.

    Stopped with fits handed to the pool that its thread has not yet queued to the workers
    (a stop held back while they start is raised just after: see :func:`interrupts_held`),
    that thread fails with a KeyError, as loky drops the fits but not their numbers
    (CPython's own pool drains both): a traceback came above 'interrupted'. The pool joins
    its thread as the fits are stopped, within this block; a failure of it in fits that go
    to their end is said after them.
    """
    return _pool_thread_hook.kept()


def cross_validated_scores(
    term_lists: list[list[str]],
    y: np.ndarray,
    settings: dict,
    n_labels: int,
    splits: Iterable[tuple[np.ndarray, np.ndarray]],
    n_jobs: int | None = None,
    copies: list[list[str]] | None = None,
) -> np.ndarray:
    """Out-of-fold decision scores, shape (n_samples, n_labels).

    Parameters
    ----------
    term_lists : list of list of str
        Each record's terms (the analyzer's output).
    y : ndarray of int, shape (n_samples,)
        Label indices.
    settings : TrainingSettings
    n_labels : int
    splits : iterable of (train_index, test_index)
        Every record should be in exactly one test part.
    n_jobs : int, optional
        Folds fitted at once (joblib; -1 for one per core).
    copies : list of list of str, optional
        Each record's register copy, analysed (:func:`register_copies`), fitted with the
        training part as the model is fitted; the scores are those of the records as written.
    """
    splits = list(splits)
    scores = np.zeros((len(y), n_labels))
    for (_, test), fold_scores in zip(
        splits,
        _run_fits(term_lists, y, settings, n_labels, splits, n_jobs, copies=copies),
        strict=True,
    ):
        scores[test] = fold_scores
    return scores


def stratified_folds(y: np.ndarray, folds: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Shuffled stratified k-fold splits of label indices ``y``."""
    from sklearn.model_selection import StratifiedKFold

    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    return list(splitter.split(np.zeros(len(y)), y))


def batch_folds(
    y: np.ndarray, batches: list[str | None], folds: int, seed: int
) -> tuple[list[tuple[np.ndarray, np.ndarray]], bool]:
    """Shuffled k-fold splits that keep each batch (a record's ``source``) in one part, as
    far as the labels' strata allow; records without a source are each a batch of their own.

    Records written in one sitting share wording; a model scored on a part that holds some
    of their sitting-mates scores as if on familiar text. Holding whole batches out makes
    the out-of-fold probabilities, and what is fitted to them (the temperature, the review
    threshold), those of text the model has not seen, as a user's reports are. Where some
    label is spread over fewer batches than :data:`_MIN_BATCHES_PER_FOLD` per fold, or no
    batch holds two records (no record has a source), the records are split as
    :func:`stratified_folds` splits them.

    Returns
    -------
    splits : list of (train_index, test_index)
    grouped : bool
        Whether whole batches were held out.
    """
    from sklearn.model_selection import StratifiedGroupKFold

    names = [b if b is not None else f"\x00{i}" for i, b in enumerate(batches)]
    per_label: dict[int, set[str]] = {}
    for label, name in zip(y.tolist(), names, strict=True):
        per_label.setdefault(label, set()).add(name)
    groups = np.unique(names, return_inverse=True)[1]
    if (
        min(len(found) for found in per_label.values()) < _MIN_BATCHES_PER_FOLD * folds
        or groups.max() + 1 == len(names)
    ):
        return stratified_folds(y, folds, seed), False
    splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    return list(splitter.split(np.zeros(len(y)), y, groups)), True


#: A label spread over fewer batches than this many per fold is split by record instead.
_MIN_BATCHES_PER_FOLD = 2


@dataclass
class TrainingRows:
    """What :func:`gather` collects for training.

    Attributes
    ----------
    records : list of Record
        The base records the samples do not contradict, then the samples.
    weights : ndarray of float, shape (n_records,)
        1 for a base record, :data:`SAMPLE_WEIGHT` for a sample that extends a base.
    is_sample : ndarray of bool, shape (n_records,)
        Which records are the analyst's samples.
    new_labels : tuple of str
        Labels the samples bring that the base does not have.
    problems : list of str
        One message per rejected row, naming where it is.
    corrected : int
        Base records left out because a sample repeats their text or relabels a near-copy
        of them (see :func:`_corrected`).
    ceded : int
        Base records left out because a label new to the base claims them (see
        :func:`_cede_to_new_labels`).
    """

    records: list[Record]
    weights: np.ndarray
    is_sample: np.ndarray
    new_labels: tuple[str, ...]
    problems: list[str]
    corrected: int = 0
    ceded: int = 0


def gather(
    samples=None,
    base=None,
    labels: Iterable[str] | None = None,
    strict: bool = False,
    settings: TrainingSettings | None = None,
) -> TrainingRows:
    """The training records from ``base`` and ``samples``.

    Parameters
    ----------
    samples : see :func:`~edusummary.model.records.load_samples`, optional
    base : {"default"}, path, list of paths or None
        "default" for the training data the shipped model was built from (``data/``).
    labels : iterable of str, optional
        The label set; the five of ``LABELS.md`` by default.
    strict : bool
        Raise :class:`DataError` for rejected rows instead of leaving them out.
    settings : TrainingSettings, optional
        The settings the records will be trained with (:data:`DEFAULT_SETTINGS` by
        default): base records a new label claims are found with their features.

    Raises
    ------
    DataError
        Rows carry a label outside ``labels``: a topic of the analyst's own that was not
        declared would otherwise be silently left out, so the message says how to declare
        it. Or ``samples`` were given and not one of their rows can be used: the model
        would be the base's alone.
    """
    allowed = check_labels(labels) if labels is not None else LABELS
    if samples is None and base is None:
        raise TypeError("train() needs samples, base='default', or both")
    if isinstance(base, str) and base == "default":
        base = default_data_path()
    base_part, sample_part = (
        Samples() if source is None else load_samples(source, allowed, strict=strict)
        for source in (base, samples)
    )
    unknown = Counter(base_part.unknown_labels) + Counter(sample_part.unknown_labels)
    if unknown:
        first = {**base_part.first_rows, **sample_part.first_rows}
        raise DataError(_undeclared(unknown, allowed, first))
    if samples is not None and not sample_part.records:
        raise DataError(_unusable(sample_part))
    present = {r.label for r in base_part.records} | {r.label for r in sample_part.records}
    absent = [label for label in allowed if label not in present]
    short = Counter(base_part.short_labels) + Counter(sample_part.short_labels)
    # Such a label is spelt right (a shipped one too, which samples need not carry): what
    # went wrong is its rows.
    for label in (label for label in absent if label in short):
        warnings.warn(
            f"every paragraph labelled {label!r} ({counted(short[label], 'row')}) has fewer "
            f"than {MIN_HAN_CHARS} Chinese characters and was left out: the model will not "
            "have the label; give it longer paragraphs",
            EdusummaryWarning,
            stacklevel=user_stacklevel(),
        )
    unused = [label for label in absent if label not in LABELS and label not in short]
    if unused:
        warnings.warn(
            f"no sample carries the declared label{'s' * (len(unused) > 1)} "
            f"{', '.join(map(repr, unused))}: the model will not have "
            f"{'them' if len(unused) > 1 else 'it'} (is the label column spelt so?)",
            EdusummaryWarning,
            stacklevel=user_stacklevel(),
        )
    problems = base_part.problems + sample_part.problems
    if problems:
        warnings.warn(
            f"{counted(len(problems), 'row')} left out of training:\n"
            f"{Samples(problems=problems).report()}",
            EdusummaryWarning,
            stacklevel=user_stacklevel(),
        )
    uncorrected = _corrected(base_part.records, sample_part.records)
    kept = _cede_to_new_labels(
        uncorrected, sample_part.records, (settings or DEFAULT_SETTINGS).analyzer()
    )
    records = kept + sample_part.records
    is_sample = np.arange(len(records)) >= len(kept)
    weights = np.where(is_sample & bool(kept), SAMPLE_WEIGHT, 1.0)
    new_labels = {r.label for r in sample_part.records} - {r.label for r in base_part.records}
    return TrainingRows(
        records, weights, is_sample, tuple(sorted(new_labels)) if kept else (), problems,
        corrected=len(base_part.records) - len(uncorrected),
        ceded=len(uncorrected) - len(kept),
    )


def _unusable(samples: Samples) -> str:
    """Why ``samples``, of which no row can be used, add nothing to train on."""
    if not samples.problems:
        return "the samples hold no rows: there is nothing to train on"
    message = (
        f"no usable samples: {counted(len(samples.problems), 'row')}, all left out:\n"
        f"{samples.report()}"
    )
    if samples.unlabelled == len(samples.problems):
        message += "\nthe label column is empty"
        if samples.suggested:
            # A sheet from suggest, with the model's guesses corrected where they stand.
            message += (
                "; the 'suggested' column holds the model's guesses and is not read: "
                "write each row's label in the 'label' column"
            )
    return message


def _undeclared(
    unknown: Counter, allowed: tuple[str, ...], first: dict[str, str] | None = None
) -> str:
    """What to tell an analyst whose rows carry labels outside ``allowed``: where each is
    ``first`` met, the label it is a slip for, else how to declare the label set that
    trains on them all."""
    first = first or {}
    described, new = [], []
    for name in sorted(unknown):
        meant = close_label(name, allowed)
        if meant is None:
            new.append(name)
        where = f", the first at {first[name]}" if name in first else ""
        described.append(
            f"{name!r} ({counted(unknown[name], 'row')}{where}"
            + (f"; did you mean {meant!r}?)" if meant is not None else ")")
        )
    message = f"rows carry labels that are not in the label set: {', '.join(described)}"
    if not new:
        return message
    # The five are spelt *edusummary.LABELS, and the user's own labels stay in the set.
    own = [label for label in dict.fromkeys((*allowed, *new)) if label not in LABELS]
    hint = f"labels=[{', '.join(['*edusummary.LABELS', *map(repr, own)])}] (train())"
    if own:
        hint = f"{' '.join(f'--label {name}' for name in own)} (edusummary train) or {hint}"
    return f"{message}; declare them to train on them: {hint}"


def _corrected(base: list[Record], samples: list[Record]) -> list[Record]:
    """The base records that no sample corrects.

    The analyst's samples are the last word: a sample with the text of a base record
    (whitespace aside) replaces it, whatever the two labels, and a base record that is a
    near-copy of a sample with another label (character 5-gram Jaccard of
    :data:`~edusummary.model.validation.NEAR_DUPLICATE_JACCARD` or more) is left out, so
    that the model does not learn both labels for the same paragraph.
    """
    if not base or not samples:
        return base
    keys = {dedup_key(sample.text) for sample in samples}
    gone = {i for i, record in enumerate(base) if dedup_key(record.text) in keys}
    logger.info(
        "looking for near-copies of %d samples among %d base records", len(samples), len(base)
    )
    pairs = near_duplicates_across([r.text for r in base], [r.text for r in samples])
    gone.update(i for i, j, _ in pairs if base[i].label != samples[j].label)
    if gone:
        logger.info("left out %d base records that the samples correct", len(gone))
    return [record for i, record in enumerate(base) if i not in gone]


def _cede_to_new_labels(
    base: list[Record], samples: list[Record], analyzer: Callable[[str], list[str]]
) -> list[Record]:
    """Leave out the base records that labels new to the base now claim.

    A label the analyst adds usually takes over part of an old one (教师队伍建设 out of
    ``other``), and the base still files those paragraphs under the old label: trained on
    both, the model learns the new label from 200 samples against 100 contradictions. A
    base record is left out when, in the TF-IDF space of ``analyzer``'s terms (those the
    model is trained on), it lies closer to the centroid of a new label's samples than to
    the centroid of its own label.
    """
    new = {r.label for r in samples} - {r.label for r in base}
    if not base or not new:
        return base
    from sklearn.feature_extraction.text import TfidfVectorizer

    records = base + samples
    matrix = TfidfVectorizer(analyzer=analyzer, min_df=2, sublinear_tf=True).fit_transform(
        [r.text for r in records]
    )
    labels = np.array([r.label for r in records])
    centroids = {}
    for label in set(labels):
        centroid = np.asarray(matrix[labels == label].mean(axis=0)).ravel()
        centroids[label] = centroid / (np.linalg.norm(centroid) or 1.0)
    base_matrix = matrix[: len(base)]
    own = np.array(
        [base_matrix[i] @ centroids[r.label] for i, r in enumerate(base)]
    ).ravel()
    claimed = np.zeros(len(base), dtype=bool)
    for label in new:
        claimed |= base_matrix @ centroids[label] > own
    if claimed.any():
        logger.info(
            "left out %d base records that the new labels %s claim", claimed.sum(), sorted(new)
        )
    return [r for r, gone in zip(base, claimed, strict=True) if not gone]


def _created() -> str:
    """Creation time for model metadata: SOURCE_DATE_EPOCH when set (the reproducible-
    builds convention, for byte-identical files), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else None
    return (moment or datetime.now(timezone.utc)).replace(microsecond=0).isoformat()



def _check_fitting(folds: object, n_jobs: object, seed: object) -> int:
    """Check the folds, jobs and seed of :func:`train` and :func:`cross_validate` before
    any work, so that the message names the argument rather than what numpy or joblib make
    of it. Returns the seed as a Python int: a numpy one (``for seed in np.arange(3)``)
    seeds the same, and the model's metadata must be JSON."""
    if not _is_int(seed):
        # A RandomState or a str would seed the folds' shuffles but not the register
        # copies, which hash the seed's text: "RandomState(MT19937)" for every one.
        raise TypeError(f"seed must be an int, got {type(seed).__name__}: {seed!r:.60}")
    if not 0 <= seed < 2**32:
        raise ValueError(f"seed must be an int from 0 to 2**32 - 1, got {seed!r}")
    if not _is_int(folds):
        raise TypeError(f"folds must be an int of at least 2, got {folds!r}")
    if folds < 2:
        raise ValueError(f"folds must be an int of at least 2, got {folds!r}")
    if n_jobs is not None and not _is_int(n_jobs):
        raise TypeError(f"n_jobs must be a nonzero int or None, got {n_jobs!r}")
    if n_jobs == 0:
        raise ValueError("n_jobs must be a nonzero int or None (-1 for one job per core), got 0")
    return int(seed)


def _chosen_settings(settings: object, changes: dict) -> TrainingSettings:
    """``settings`` (the shipped model's when None) with the single ``changes`` made."""
    if settings is not None and not isinstance(settings, TrainingSettings):
        raise TypeError(
            f"settings must be an edusummary.TrainingSettings, got {type(settings).__name__}: "
            f"{settings!r:.60}; pass TrainingSettings(C=3.0), or the single settings "
            "themselves: train(..., C=3.0)"
        )
    return (settings or DEFAULT_SETTINGS).replace(**changes)


def _warn_few(counts: Counter, cross_validating: bool) -> None:
    """Warn of labels with fewer than :data:`ADVISED_PER_LABEL` records to train on: the
    model barely learns them, and their scores rest on a paragraph or two."""
    few = sorted((n, label) for label, n in counts.items() if n < ADVISED_PER_LABEL)
    if not few:
        return
    (n, label), *others = few
    listed = "".join(f", {other!r} {m}" for m, other in others)
    message = (
        f"{label!r} has {counted(n, 'paragraph')} to train on{listed}: too few to learn or to "
        f"score; about {ADVISED_PER_LABEL} or more per label advised"
    )
    if cross_validating:
        message += (
            " (with fewer, the cross-validation of every label runs in fewer folds, or holds"
            " out records rather than whole batches)"
        )
    warnings.warn(message, EdusummaryWarning, stacklevel=user_stacklevel())


#: Records per label below which training warns. With 5 folds, fewer records cut the folds
#: or spread the label over fewer than the 2 batches per fold that :func:`batch_folds`
#: needs to hold out whole batches.
ADVISED_PER_LABEL = 10


def _label_order(counts: Counter) -> list[str]:
    if len(counts) < 2:
        raise DataError(f"training needs at least two labels, got {dict(counts) or 'no records'}")
    labels = [label for label in LABELS if label in counts]
    return labels + sorted(set(counts) - set(labels))


@dataclass
class _CrossValidation:
    y: np.ndarray
    temperature: float
    probabilities: np.ndarray
    folds: int
    held_out: str
    bias: np.ndarray
    fitted: tuple | None
    kept: np.ndarray


def _out_of_fold(rows, labels, settings, folds, seed, n_jobs, fit_all=False, progress=True):
    """Cross-validate ``rows``: out-of-fold scores give the biases of the new labels (see
    :func:`_choose_biases`) and then the temperature; with ``fit_all`` the fit on all
    records is made alongside the folds. ``progress`` shows a bar of the fits done."""
    # Imported here: tqdm takes 50 ms to import, which predict and tag never need.
    from tqdm.auto import tqdm

    counts = Counter(record.label for record in rows.records)
    usable_folds = min(folds, min(counts.values()))
    if usable_folds < 2:
        raise DataError(
            f"cross-validation needs at least 2 records per label; counts are {dict(counts)}"
        )
    # A minute or more with the shipped data on two cores: the folds, then the whole. The
    # bar is up while the records are analysed, some seconds for tens of thousands of them.
    bar = tqdm(
        total=usable_folds + fit_all, unit="fit", desc="analysing records",
        disable=None if progress else True,
    )
    index = {label: i for i, label in enumerate(labels)}
    analyzer = settings.analyzer()
    term_lists = [analyzer(record.text) for record in rows.records]
    copies = register_copies([record.text for record in rows.records], settings, seed)
    y = np.array([index[record.label] for record in rows.records])
    # The analyst's samples are spread over the parts one by one: a new label's samples
    # all come from one file, and every part must learn it.
    batches = [
        None if sample else record.source
        for record, sample in zip(rows.records, rows.is_sample, strict=True)
    ]
    splits, grouped = batch_folds(y, batches, usable_folds, seed)
    held_out = "batches" if grouped else "records"
    new = [index[label] for label in rows.new_labels]
    # With new labels the final fit waits for the folds: it leaves out what they cede.
    together = fit_all and not new
    parts = splits + ([(np.arange(len(y)), None)] if together else [])
    bar.set_description("training")
    results = _run_fits(
        term_lists, y, settings, len(labels), parts, n_jobs, rows.weights, copies, bar
    )
    scores = np.zeros((len(y), len(labels)))
    for (_, test), fold_scores in zip(splits, results, strict=False):
        scores[test] = fold_scores
    # Base records that a model trained with the new labels gives to one of them, though
    # none of its folds saw them, are on the new topic: the centroid test of
    # _cede_to_new_labels misses those far from the samples' average.
    kept = rows.is_sample | ~np.isin(scores.argmax(axis=1), new)
    if not kept.all():
        logger.info("left out %d more base records the new labels claim", (~kept).sum())
    y, scores = y[kept], scores[kept]
    bias = _choose_biases(scores, y, new, rows.weights[kept])
    scores += bias
    temperature = _fit_temperature(scores, y)
    if together:
        fitted = results[-1]
    elif fit_all:
        fitted = _fit(
            [terms for terms, keep in zip(term_lists, kept, strict=True) if keep],
            y, settings, len(labels), rows.weights[kept],
            None if copies is None else [c for c, keep in zip(copies, kept, strict=True) if keep],
        )
        bar.update()
    else:
        fitted = None
    bar.close()
    return _CrossValidation(
        y, temperature, softmax(scores / temperature), usable_folds, held_out, bias, fitted,
        kept,
    )


#: The score offsets tried for a new label, in units of the logistic regression's scores.
_BIASES = np.arange(0.0, 4.01, 0.25)
#: The largest share of the other labels' records a new label's offset may give it out of
#: fold: each is a mistake on a label the analyst did not mean to change.
TAKEN_SHARE = 0.02


def _choose_biases(
    scores: np.ndarray, y: np.ndarray, columns: list[int], weights: np.ndarray
) -> np.ndarray:
    """A score offset for each label in ``columns``: the one of :data:`_BIASES` that gives
    the label its best out-of-fold F1, each record counted with its training weight.

    A label learnt from a few dozen samples against thousands of base records scores low
    on paragraphs unlike its samples: it is precise but misses half of its paragraphs.
    Counting each sample as it counts in the fit balances the few samples against the
    base records the offset wrongly takes. From about ten samples the F1 can peak at an
    offset that takes hundreds of base records along with the samples: no offset may take
    more than :data:`TAKEN_SHARE` of the other labels' records.
    """
    bias = np.zeros(scores.shape[1])
    for column in columns:
        gold = y == column
        best = -1.0
        for offset in _BIASES:
            trial = bias.copy()
            trial[column] = offset
            predicted = (scores + trial).argmax(axis=1) == column
            if (predicted & ~gold).sum() > TAKEN_SHARE * (~gold).sum():
                break
            hits = weights[predicted & gold].sum()
            f1 = 2 * hits / (weights[predicted].sum() + weights[gold].sum())
            if f1 > best + 1e-9:
                best, bias[column] = f1, offset
    return bias


def _sample_scores(cv: _CrossValidation, is_sample: np.ndarray, labels: list[str]) -> dict:
    """Cross-validated scores of the labels of the analyst's samples: recall on the
    samples, precision over every record given the label."""
    predicted = cv.probabilities.argmax(axis=1)
    scores = {}
    for column in sorted(set(cv.y[is_sample])):
        gold = is_sample & (cv.y == column)
        hits = (predicted[gold] == column).sum()
        given = (predicted == column).sum()
        recall = hits / gold.sum()
        precision = (cv.y[predicted == column] == column).sum() / given if given else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores[labels[column]] = {
            "samples": int(gold.sum()),
            "precision": round(float(precision), 4),
            "recall": round(float(recall), 4),
            "f1": round(float(f1), 4),
        }
    return scores


def train(
    samples=None,
    *,
    base=None,
    labels: Iterable[str] | None = None,
    strict: bool = False,
    settings: TrainingSettings | None = None,
    calibrate: bool = True,
    folds: int = 5,
    seed: int = 0,
    n_jobs: int | None = -1,
    progress: bool = True,
    **changes,
) -> Model:
    """Train a model on labelled samples.

    Parameters
    ----------
    samples : path, list of paths, DataFrame or list of rows, optional
        JSONL records in the ``LABELS.md`` format, CSV or Excel sheets with ``text`` and
        ``label`` columns, a DataFrame, or ``(text, label)`` pairs (see
        :func:`~edusummary.model.records.load_samples`).
    base : {"default"}, path or None, default=None
        Train on this data as well: "default" adds the data the shipped model was built
        from, so that your samples extend it. Each sample then counts as
        :data:`SAMPLE_WEIGHT` base records, and base records that a new label's samples
        claim are left out (counted in ``metadata["training_data"]["ceded_base_records"]``).
        Samples correct the base: one with the text of a base record
        replaces it, and base records that are near-copies of a sample with another label
        are left out (counted in ``metadata["training_data"]["corrected_base_records"]``).
    labels : iterable of str, optional
        The label set, the five of ``LABELS.md`` by default; pass more to teach the model
        topics of your own, e.g. ``[*edusummary.LABELS, "teacher_workforce"]``. Rows with
        a label outside it raise :class:`DataError`.
    strict : bool, default=False
        Rejected rows (empty or too-short text, duplicate) are left out and logged, and
        counted in ``model.metadata``; with ``strict`` they raise :class:`DataError`
        instead.
    settings : TrainingSettings, optional
        Features and regularisation; :data:`DEFAULT_SETTINGS` (the shipped model's) by
        default.
    calibrate : bool, default=True
        Cross-validate in ``folds`` folds, and from the out-of-fold scores choose a score
        offset for each new label (its best F1 among the offsets that give it at most 2%
        of the other labels' records: a label learnt from a few samples is otherwise too
        shy) and fit a temperature. The cross-validated accuracy, macro-F1,
        calibration error, and the scores of your samples' labels
        (``metadata["cross_validation"]["samples"]``: recall on the samples, precision over
        every record given the label) are recorded in ``model.metadata``.
    folds : int, default=5
        Cross-validation folds (at least 2).
    seed : int, default=0
        Seeds the fold split: the same samples and seed give the same model (and, with
        ``SOURCE_DATE_EPOCH`` set, a byte-identical file). An int from 0 to 2**32 - 1 (a
        numpy integer too), not a ``RandomState``.
    n_jobs : int or None, default=-1
        Fits run at once (the folds and the final fit; joblib, -1 for one per core; not 0).
    progress : bool, default=True
        Show a progress bar of the fits done (``tqdm.auto``: a widget in Jupyter, a line on
        a terminal, nothing when output is not a terminal); with ``calibrate``, training on
        the shipped data takes a minute or more.
    **changes
        Single settings changed from ``settings``: ``C=1.0``, ``char_ngrams=(1, 2)``,
        ``min_df=1`` ... (the fields of :class:`TrainingSettings`).

    Returns
    -------
    Model
        ``model.metadata["training_data"]["row_hashes"]`` lists a short hash of every
        training text, so that :func:`~edusummary.evaluate` can leave them out.
    """
    seed = _check_fitting(folds, n_jobs, seed)
    settings = _chosen_settings(settings, changes)
    rows = gather(samples, base, labels, strict, settings)
    records = rows.records
    counts = Counter(record.label for record in records)
    model_labels = _label_order(counts)
    _warn_few(counts, calibrate)
    logger.info("training on %d records: %s", len(records), dict(counts))
    metadata: dict = {
        "edusummary_version": __version__,
        "created": _created(),
        "settings": settings.to_dict(),
        "training_data": {
            "records": len(records),
            "samples": int(rows.is_sample.sum()),
            "sample_weight": float(rows.weights.max()),
            "per_label": {label: counts[label] for label in model_labels},
            "fingerprint": fingerprint(records),
            "corrected_base_records": rows.corrected,
            "ceded_base_records": rows.ceded,
            "rejected_rows": len(rows.problems),
            "rejected": rows.problems[:_REJECTED_KEPT],
            "row_hashes": sorted({row_hash(record.text) for record in records}),
        },
        "seed": seed,
    }
    temperature = 1.0
    bias = np.zeros(len(model_labels))
    if calibrate:
        cv = _out_of_fold(
            rows, model_labels, settings, folds, seed, n_jobs, fit_all=True, progress=progress
        )
        temperature, bias, fitted = cv.temperature, cv.bias, cv.fitted
        y, probabilities = cv.y, cv.probabilities
        scores = score(
            [model_labels[i] for i in y],
            [model_labels[i] for i in probabilities.argmax(axis=1)],
            probabilities.max(axis=1),
            model_labels,
        )
        confidence = probabilities.max(axis=1)
        threshold = choose_review_threshold(confidence)
        correct = probabilities.argmax(axis=1) == y
        metadata["review"] = {
            "threshold": round(threshold, 4),
            **{k: round(v, 4) for k, v in review_scores(confidence < threshold, correct).items()},
        }
        # Base records the folds' models give to a new label are left out too.
        metadata["training_data"]["ceded_base_records"] += int((~cv.kept).sum())
        metadata["cross_validation"] = {
            "folds": cv.folds,
            "held_out": cv.held_out,
            "accuracy": round(scores.accuracy, 4),
            "macro_f1": round(scores.macro_f1, 4),
            "ece": round(scores.ece, 4),
            "per_label_f1": {k: round(v["f1"], 4) for k, v in scores.per_label.items()},
            "bias": {
                label: round(float(b), 4) for label, b in zip(model_labels, bias, strict=True) if b
            },
            "samples": _sample_scores(cv, rows.is_sample[cv.kept], model_labels),
            # Row i: the mean calibrated probabilities of paragraphs whose gold label is
            # label i, what share estimates are adjusted with (probabilistic adjusted count).
            "mean_probabilities": [
                [round(float(v), 4) for v in probabilities[y == i].mean(axis=0)]
                if (y == i).any() else [float(i == j) for j in range(len(model_labels))]
                for i in range(len(model_labels))
            ],
        }
        logger.info("cross-validated macro-F1 %.4f, temperature %.3f", scores.macro_f1, temperature)
    else:
        analyzer = settings.analyzer()
        index = {label: i for i, label in enumerate(model_labels)}
        y = np.array([index[record.label] for record in records])
        texts = [r.text for r in records]
        fitted = _fit(
            [analyzer(text) for text in texts], y, settings, len(model_labels), rows.weights,
            register_copies(texts, settings, seed),
        )
    vectorizer, coef, intercept = fitted
    features = TfidfFeatures(
        settings.analyzer(),
        {term: int(i) for term, i in vectorizer.vocabulary_.items()},
        vectorizer.idf_,
        sublinear_tf=settings.sublinear_tf,
    )
    return Model(
        model_labels, features, coef, intercept + bias, temperature=temperature,
        metadata=metadata,
    )


def cross_validate(
    samples=None,
    *,
    base=None,
    labels: Iterable[str] | None = None,
    strict: bool = False,
    folds: int = 5,
    seed: int = 0,
    n_jobs: int | None = -1,
    settings: TrainingSettings | None = None,
    progress: bool = True,
    **changes,
) -> Evaluation:
    """How well a model trained on these samples labels samples it has not seen.

    Parameters
    ----------
    samples, base, labels, strict
        As for :func:`train`.
    folds : int, default=5
        Stratified folds (at least 2); each sample is scored by a model trained on the
        others (with the weights, new-label offsets and temperature :func:`train` fits).
    seed : int, default=0
    n_jobs : int or None, default=-1
        Folds fitted at once (joblib, -1 for one per core).
    settings, **changes
        Training settings as for :func:`train`.
    progress : bool, default=True
        As for :func:`train`.

    Returns
    -------
    Evaluation
        Per-label precision, recall and F1, macro-F1, accuracy, the confusion matrix,
        the calibration error and the worst mistakes.
    """
    seed = _check_fitting(folds, n_jobs, seed)
    settings = _chosen_settings(settings, changes)
    rows = gather(samples, base, labels, strict, settings)
    counts = Counter(record.label for record in rows.records)
    model_labels = _label_order(counts)
    _warn_few(counts, True)
    cv = _out_of_fold(rows, model_labels, settings, folds, seed, n_jobs, progress=progress)
    return score(
        [model_labels[i] for i in cv.y],
        [model_labels[i] for i in cv.probabilities.argmax(axis=1)],
        cv.probabilities.max(axis=1),
        model_labels,
        texts=[record.text for record, keep in zip(rows.records, cv.kept, strict=True) if keep],
    )
