import numpy as np
import pytest
from conftest import SMALL_SET
from sklearn.feature_extraction.text import TfidfVectorizer

from edusummary.features import Analyzer, TfidfFeatures

TEXTS = [text for texts in SMALL_SET.values() for text in texts]


@pytest.mark.parametrize(
    ("char_ngrams", "word_ngrams"), [((1, 3), None), (None, (1, 2)), ((2, 3), (1, 1))]
)
def test_features_equal_scikit_learn(char_ngrams, word_ngrams):
    analyzer = Analyzer(char_ngrams=char_ngrams, word_ngrams=word_ngrams)
    vectorizer = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True)
    expected = vectorizer.fit_transform(TEXTS)
    features = TfidfFeatures(analyzer, vectorizer.vocabulary_, vectorizer.idf_, sublinear_tf=True)
    unseen = ["今年新建幼儿园三所，开展课堂教学改革。", "完全没有见过的字词"]
    got = features.transform(TEXTS + unseen)
    np.testing.assert_allclose(got[: len(TEXTS)].toarray(), expected.toarray(), atol=1e-12)
    np.testing.assert_allclose(
        got[len(TEXTS):].toarray(), vectorizer.transform(unseen).toarray(), atol=1e-12
    )


def test_character_grams_do_not_cross_punctuation():
    terms = Analyzer(char_ngrams=(2, 2))("德育，教研")
    assert "育，" not in terms and "育教" not in terms
    assert {"德育", "教研"} <= set(terms)


def test_word_terms_are_kept_apart_from_character_terms():
    terms = Analyzer(char_ngrams=(2, 2), word_ngrams=(1, 1))("控辍保学")
    assert "控辍" in terms and "w:控辍保学" in terms


@pytest.mark.parametrize(
    "bad", [{"char_ngrams": None, "word_ngrams": None}, {"char_ngrams": (3, 1)}]
)
def test_bad_analyzer_settings_are_rejected(bad):
    with pytest.raises(ValueError):
        Analyzer(**bad)
