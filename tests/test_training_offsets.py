"""The score offset of a label new to the base: the one with the best out-of-fold F1."""

import numpy as np
import pytest

from edusummary.model.training import _choose_biases


def _scores(sample_margins, base_margins):
    """Two labels, base (column 0) and new (column 1): each record's new-label score is its
    margin, so an offset above -margin gives it the new label."""
    margins = np.array([*sample_margins, *base_margins], dtype=float)
    scores = np.column_stack([np.zeros_like(margins), margins])
    y = np.array([1] * len(sample_margins) + [0] * len(base_margins))
    return scores, y


@pytest.mark.parametrize(
    ("sample_margins", "base_margins", "sample_weight", "offset"),
    [
        # Already found: no offset.
        ([0.5, 0.6], [-1.0, -1.2], 1.0, 0.0),
        # The smallest offset that finds all samples before any base record.
        ([-0.1, -0.1], [-3.0, -3.0], 1.0, 0.25),
        # Half the samples are found early: the offset must not stop there, nor be a sum
        # of the offsets tried (0.25 + 0.75).
        ([-0.2, -0.2, -0.9, -0.9], [-1.4] * 4, 1.0, 1.0),
        # A far sample is worth eight base records only when it counts as more than four.
        ([-0.2, -1.9], [-1.4] * 8 + [-9.0] * 400, 1.0, 0.25),
        ([-0.2, -1.9], [-1.4] * 8 + [-9.0] * 400, 8.0, 2.0),
        # ... and never when they are more than TAKEN_SHARE (2%) of the other records.
        ([-0.2, -1.9], [-1.4] * 8 + [-9.0] * 100, 8.0, 0.25),
    ],
)
def test_the_offset_is_the_best_f1_one(sample_margins, base_margins, sample_weight, offset):
    scores, y = _scores(sample_margins, base_margins)
    weights = np.where(y == 1, sample_weight, 1.0)
    bias = _choose_biases(scores, y, [1], weights)
    assert bias.tolist() == [0.0, offset]


def test_each_new_label_gets_its_own_offset():
    # Columns: base, new A, new B; A's samples need 0.5, B's 1.5, base records never win.
    scores = np.array([
        [0.0, -0.4, -9.0], [0.0, -0.4, -9.0],
        [0.0, -9.0, -1.4], [0.0, -9.0, -1.4],
        [0.0, -5.0, -5.0], [0.0, -5.0, -5.0],
    ])
    y = np.array([1, 1, 2, 2, 0, 0])
    bias = _choose_biases(scores, y, [1, 2], np.ones(len(y)))
    assert bias.tolist() == [0.0, 0.5, 1.5]
