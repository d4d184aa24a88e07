"""What :meth:`edusummary.Model.predict` returns: the labels of many texts, held compactly.

A list of a million ``[(label, probability)]`` lists takes 150 to 200 MB of Python objects;
:class:`Predictions` keeps the same rows in two numpy arrays, about 9 bytes a text for
``k=1``, and builds a row's list only when it is asked for.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator, Sequence
from itertools import compress
from typing import overload

import numpy as np

#: Rows turned into lists at a time when iterating: numpy's ``tolist`` of a block is far
#: cheaper than indexing the arrays row by row.
_ITER_BLOCK = 10_000
#: Reprs list every row up to this many, then the first and last few.
_REPR_ROWS = 10


class Predictions(Sequence):
    """The ``k`` most likely labels of each text, best first; a read-only sequence of
    ``list[tuple[str, float]]``.

    It behaves as the list of lists ``[[(label, probability), ...], ...]`` it stands for:
    ``len``, indexing (negative too), iteration, ``in``, ``==`` with such a list (or another
    ``Predictions``), ``bool``, pickling. A row leaves out the labels below the ``threshold``
    given to ``predict`` and may be empty. Slicing returns a ``Predictions`` sharing the
    arrays; ``list(predictions)`` gives the plain list of lists (``json.dumps`` needs it).

    Parameters
    ----------
    labels : sequence of str
        The model's labels; ``indices`` refer to them.
    indices : ndarray of int, shape (n_texts, k)
        The label of each text's ``k`` most likely labels, best first.
    probabilities : ndarray of float64, shape (n_texts, k)
        Their probabilities; NaN where the threshold left a label out.

    Examples
    --------
    >>> predictions = model.predict(texts, k=2)          # doctest: +SKIP
    >>> predictions[0]                                    # doctest: +SKIP
    [('preschool', 0.97), ('other', 0.02)]
    >>> predictions.labels[:3]                            # doctest: +SKIP
    ['preschool', 'teaching_reform', 'other']
    """

    __slots__ = ("_indices", "_names", "_probabilities")

    def __init__(
        self, labels: Sequence[str], indices: np.ndarray, probabilities: np.ndarray
    ) -> None:
        indices = np.asarray(indices)
        probabilities = np.asarray(probabilities, dtype=np.float64)
        if indices.ndim != 2 or indices.shape != probabilities.shape:
            raise ValueError(
                f"indices and probabilities must be 2-d arrays of one shape, got "
                f"{indices.shape} and {probabilities.shape}"
            )
        indices.flags.writeable = False
        probabilities.flags.writeable = False
        self._names = np.asarray(labels, dtype=object)
        self._indices = indices
        self._probabilities = probabilities

    @property
    def probabilities(self) -> np.ndarray:
        """Read-only array of shape (n_texts, k): column 0 is each text's best probability;
        NaN marks a label the threshold left out."""
        return self._probabilities

    @property
    def labels(self) -> list[str | None]:
        """Each text's most likely label; None where the threshold left none."""
        names = self._names[self._indices[:, 0]]
        names[np.isnan(self.probabilities[:, 0])] = None
        return names.tolist()

    def __len__(self) -> int:
        return self._indices.shape[0]

    @overload
    def __getitem__(self, index: int) -> list[tuple[str, float]]: ...

    @overload
    def __getitem__(self, index: slice) -> Predictions: ...

    def __getitem__(self, index):
        if isinstance(index, slice):
            return Predictions(self._names, self._indices[index], self.probabilities[index])
        try:
            position = operator.index(index)
        except TypeError:
            raise TypeError(
                f"Predictions indices must be integers or slices, not {type(index).__name__}"
            ) from None
        if not -len(self) <= position < len(self):
            raise IndexError(f"Predictions index {position} out of range for {len(self)} texts")
        row = slice(position, position + 1 or None)
        (result,) = _rows(self._names, self._indices[row], self.probabilities[row])
        return result

    def __iter__(self) -> Iterator[list[tuple[str, float]]]:
        for start in range(0, len(self), _ITER_BLOCK):
            block = slice(start, start + _ITER_BLOCK)
            yield from _rows(self._names, self._indices[block], self.probabilities[block])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Predictions) and self._indices.shape == other._indices.shape:
            kept = ~np.isnan(self.probabilities)
            return bool(
                np.array_equal(self.probabilities, other.probabilities, equal_nan=True)
                and (self._names[self._indices[kept]] == other._names[other._indices[kept]]).all()
            )
        if isinstance(other, (Predictions, list)):
            return len(self) == len(other) and all(
                mine == theirs for mine, theirs in zip(self, other, strict=True)
            )
        return NotImplemented

    # Unhashable as the list it stands for: == compares values.
    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self):
        return Predictions, (tuple(self._names), self._indices, self.probabilities)

    def __repr__(self) -> str:
        if len(self) <= _REPR_ROWS:
            return f"Predictions({list(self)!r})"
        shown = [*map(repr, self[:3]), "...", *map(repr, self[-2:])]
        return f"Predictions([{', '.join(shown)}], {len(self):,} texts)"


def _rows(
    names: np.ndarray, indices: np.ndarray, probabilities: np.ndarray
) -> list[list[tuple[str, float]]]:
    """The rows of a block as lists of (label, probability), NaN entries left out."""
    # Plain str and float lists first: indexing numpy rows per label costs more than scoring.
    label_rows = names[indices].tolist()
    value_rows = probabilities.tolist()
    kept = ~np.isnan(probabilities)
    if kept.all():
        return [list(zip(n, v, strict=True)) for n, v in zip(label_rows, value_rows, strict=True)]
    return [
        list(compress(zip(n, v, strict=True), k))
        for n, v, k in zip(label_rows, value_rows, kept.tolist(), strict=True)
    ]
