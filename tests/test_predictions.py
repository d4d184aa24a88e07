"""What ``predict`` returns behaves as the list of lists of (label, probability) it stands for."""

import pickle
import re

import numpy as np
import pytest

import edusummary
from edusummary.model.predictions import Predictions

TEXTS = [
    "全县新增公办幼儿园八所，普惠性幼儿园覆盖率提高到百分之八十六。",
    "推进集团化办学，城乡学校结对帮扶，义务教育优质均衡发展督导评估顺利通过。",
    "各校开展大单元教学研讨，组织青年教师课堂教学比武四十余场。",
    "以清明祭扫、国旗下讲话等活动为载体，扎实开展爱国主义教育和劳动教育。",
    "局机关完成年度预算编制，办公楼维修改造工程通过竣工验收。",
    "幼儿园与小学联合开展幼小衔接教研，课堂上推广游戏化教学。",
]


@pytest.fixture(scope="module")
def model():
    return edusummary.load_model()


def as_lists(model, texts, k=1, threshold=0.0):
    """The plain list of lists ``predict`` returned before, from ``predict_proba``."""
    rows = []
    for probabilities in model.predict_proba(texts).tolist():
        pairs = zip(model.labels, probabilities, strict=True)
        ranked = sorted(pairs, key=lambda pair: -pair[1])[:k]
        rows.append([(label, p) for label, p in ranked if p >= threshold])
    return rows


@pytest.mark.parametrize(
    "use",
    [
        pytest.param(lambda x: x, id="== the whole list"),
        pytest.param(len, id="len"),
        pytest.param(bool, id="bool"),
        pytest.param(list, id="list()"),
        pytest.param(lambda x: x[0], id="first row"),
        pytest.param(lambda x: x[-1], id="negative index"),
        pytest.param(lambda x: x[np.int64(2)], id="numpy int index"),
        pytest.param(lambda x: x[1:4], id="slice"),
        pytest.param(lambda x: x[::-2], id="slice with a negative step"),
        pytest.param(lambda x: x[10:], id="slice past the end"),
        pytest.param(lambda x: [row for row in x], id="iteration"),
        pytest.param(lambda x: list(reversed(x)), id="reversed"),
        pytest.param(lambda x: x[3] in x, id="in"),
        pytest.param(lambda x: x.index(x[4]), id="index"),
        pytest.param(lambda x: [label for ((label, _),) in x], id="unpacking rows"),
        pytest.param(lambda x: [row[0][1] for row in x], id="probabilities of rows"),
    ],
)
def test_predictions_behave_as_the_list(model, use):
    predictions = model.predict(TEXTS)
    expected = as_lists(model, TEXTS)
    assert use(predictions) == use(expected)
    assert use(expected) == use(predictions)


@pytest.mark.parametrize(
    "k, threshold, expected_lengths",
    [
        (1, 0.0, [1, 1, 1, 1, 1, 1]),
        (-1, 0.0, [5, 5, 5, 5, 5, 5]),
        (3, 0.0, [3, 3, 3, 3, 3, 3]),
        (-1, 0.999_999, [0, 0, 0, 0, 0, 0]),  # every row empty
        (1, 0.98, [1, 1, 1, 1, 0, 0]),  # the office and the mixed paragraph left empty
        (2, 0.03, [1, 1, 1, 1, 1, 2]),  # the mixed paragraph's second label kept
    ],
)
def test_rows_honour_k_and_the_threshold(model, k, threshold, expected_lengths):
    predictions = model.predict(TEXTS, k=k, threshold=threshold)
    expected = as_lists(model, TEXTS, k=len(model.labels) if k == -1 else k, threshold=threshold)
    assert predictions == expected and list(predictions) == expected
    assert [len(row) for row in predictions] == expected_lengths
    assert predictions.labels == [row[0][0] if row else None for row in expected]
    # The array shows each label the threshold left out as NaN.
    assert np.isnan(predictions.probabilities).sum() == sum(
        predictions.probabilities.shape[1] - len(row) for row in expected
    )


@pytest.mark.parametrize(
    "other, equal",
    [
        ("the same texts predicted again", True),
        ("a pickled copy", True),
        ("a slice of a longer prediction", True),
        ("k=2 under a threshold that keeps only the best label", True),
        ("the list with one probability changed", False),
        ("the list with one row missing", False),
        ("the rows as a tuple", False),
        ("another model's predictions of the same texts", False),
    ],
)
def test_equality(model, small_model, other, equal):
    predictions = model.predict(TEXTS[:3])
    given = {
        "the same texts predicted again": lambda: model.predict(list(TEXTS[:3])),
        "a pickled copy": lambda: pickle.loads(pickle.dumps(predictions)),
        "a slice of a longer prediction": lambda: model.predict(TEXTS)[:3],
        "k=2 under a threshold that keeps only the best label": lambda: model.predict(
            TEXTS[:3], k=2, threshold=max(row[1][1] for row in model.predict(TEXTS[:3], k=2))
            + 1e-12
        ),
        "the list with one probability changed": lambda: [
            *list(predictions)[:2], [(predictions[2][0][0], predictions[2][0][1] / 2)]
        ],
        "the list with one row missing": lambda: list(predictions)[:2],
        "the rows as a tuple": lambda: tuple(predictions),
        "another model's predictions of the same texts": lambda: small_model.predict(TEXTS[:3]),
    }[other]()
    assert (predictions == given) is equal
    assert (given == predictions) is equal
    assert (predictions != given) is not equal


def test_pickling_keeps_rows_labels_and_arrays(model):
    predictions = model.predict(TEXTS, k=3, threshold=0.01)
    copy = pickle.loads(pickle.dumps(predictions))
    assert isinstance(copy, Predictions)
    assert copy == predictions and list(copy) == list(predictions)
    assert copy.labels == predictions.labels
    np.testing.assert_array_equal(copy.probabilities, predictions.probabilities)
    # A slice pickles only its own rows.
    assert len(pickle.dumps(model.predict(TEXTS * 500)[:2])) < 1000


@pytest.mark.parametrize(
    "count, expected",
    [
        (0, "Predictions([])"),
        (2, "Predictions([[('{0}', {1!r})], [('{2}', {3!r})]])"),
        (10, None),  # ten rows: listed in full, as a list is
        (11, "11 texts"),
        (25_000, "25,000 texts"),
    ],
)
def test_repr_is_the_list_for_a_few_rows_and_short_for_many(model, count, expected):
    predictions = model.predict((TEXTS * 5000)[:count])
    text = repr(predictions)
    if count <= 10:
        assert text == f"Predictions({list(predictions)!r})"
        if expected and count:
            flat = [x for row in predictions for x in row[0]]
            assert text == expected.format(*flat)
        return
    assert text.startswith(f"Predictions([{predictions[0]!r}, {predictions[1]!r}, ")
    assert text.endswith(f", ..., {predictions[-2]!r}, {predictions[-1]!r}], {expected})")
    assert len(text) < 400


@pytest.mark.parametrize(
    "index, error, fragment",
    [
        (6, IndexError, "index 6 out of range for 6 texts"),
        (-7, IndexError, "index -7 out of range for 6 texts"),
        ("0", TypeError, "not str"),
        (1.0, TypeError, "not float"),
    ],
)
def test_a_bad_index_is_refused_as_a_list_refuses_it(model, index, error, fragment):
    predictions = model.predict(TEXTS)
    with pytest.raises(error, match=re.escape(fragment)):
        predictions[index]


def test_predictions_are_read_only_and_unhashable(model):
    predictions = model.predict(TEXTS)
    with pytest.raises(ValueError, match="read-only"):
        predictions.probabilities[0, 0] = 1.0
    with pytest.raises(TypeError):
        predictions[0] = [("other", 1.0)]
    with pytest.raises(AttributeError):
        predictions.probabilities = np.zeros((6, 1))
    with pytest.raises(ValueError, match=r"one shape, got \(6, 1\) and \(6, 2\)"):
        Predictions(("preschool", "other"), np.zeros((6, 1), np.uint8), np.zeros((6, 2)))
    with pytest.raises(TypeError, match="unhashable"):
        hash(predictions)
    # A row is a new list each time: changing it changes nothing held.
    row = predictions[0]
    row.append(("other", 0.0))
    assert len(predictions[0]) == 1


def test_accessors_for_a_data_analyst(model):
    predictions = model.predict(TEXTS, k=2)
    assert predictions.labels[:3] == ["preschool", "compulsory_balance", "teaching_reform"]
    assert predictions.probabilities.shape == (6, 2)
    assert predictions.probabilities.dtype == np.float64
    np.testing.assert_array_equal(
        predictions.probabilities[:, 0], np.sort(model.predict_proba(TEXTS), axis=1)[:, -1]
    )
    empty = model.predict([])
    assert len(empty) == 0 and not empty and empty == [] and empty.labels == []
    assert empty.probabilities.shape == (0, 1)


def test_predictions_take_a_few_bytes_a_text(model):
    predictions = model.predict(TEXTS * 2000)
    held = predictions.probabilities.nbytes + predictions._indices.nbytes
    assert held / len(predictions) <= 9


def test_k_may_be_a_numpy_integer(model):
    assert model.predict(TEXTS, k=np.int64(2)) == model.predict(TEXTS, k=2)


def test_empty_texts_keep_their_rows_and_are_said(model):
    # A sheet's empty cells, read as "", got a label that looked like any other.
    with pytest.warns(edusummary.EdusummaryWarning, match=re.escape(
        "2 of the texts are empty (texts[1], texts[3]): with no words, their labels are only "
        "the model's prior"
    )):
        predictions = model.predict([TEXTS[0], "", TEXTS[1], " \u3000"])
    assert len(predictions) == 4
    assert predictions[2] == model.predict([TEXTS[1]])[0]
