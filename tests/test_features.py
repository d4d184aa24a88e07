import pickle
import sys

import numpy as np
import pytest
from conftest import SMALL_SET
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer

from edusummary import load_model
from edusummary.model import features as features_module
from edusummary.model.classifier import Model
from edusummary.model.features import (
    Analyzer,
    TfidfFeatures,
    _CharGramIndex,
    _HashTable,
    _Terms,
)

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


# Characters that stress the batch counter: NUL (its separator), combining marks and the
# letters they compose with, Hangul jamo that compose, astral emoji and ideographs (one a
# compatibility ideograph NFKC maps), full-width forms, characters NFKC expands (ellipsis,
# square metre, ligature, circled figure), traditional characters, figures and placeholders,
# punctuation and Latin letters.
_ALPHABET = st.sampled_from(
    [*"幼儿园学前教育均衡课改德育其他學園與會乾，。、%％０９xX*×.,AbZeＡｅ \n\t\x00\u3000",
     *"\u0301\u0308\u0344\u1100\u1161\u11a8가…㎡ﬁ℃Ⅲ①豈",
     "😀", "𠀀", "\U0002f800"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=_ALPHABET, max_size=30), max_size=6))
def test_the_batch_counter_gives_the_analyzers_terms(texts):
    analyzer = Analyzer(char_ngrams=(1, 3))
    vocabulary = {}
    for text in [*TEXTS, *texts]:
        for term in analyzer(text):
            vocabulary.setdefault(term, len(vocabulary))
    features = TfidfFeatures(analyzer, vocabulary, np.ones(len(vocabulary)))
    fast = _CharGramIndex(_Terms(list(vocabulary)), (1, 3)).count(texts)
    slow = features._count(texts)
    for got, expected in zip(fast, slow, strict=True):
        np.testing.assert_array_equal(got, expected)


# The index reads bigrams from a table of small ids unless there are too many of them,
# and rules trigrams out by their prefix bigram when every trigram's prefix is a term
# (as min_df makes it); a vocabulary with terms left out takes the other paths.
@pytest.mark.parametrize("small_ids", [2**16 - 1, 0], ids=["uint16 ids", "int32 columns"])
@pytest.mark.parametrize("left_out", [0, 3], ids=["every term", "every third term left out"])
@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=_ALPHABET, max_size=30), max_size=6))
def test_every_table_layout_finds_the_analyzers_terms(small_ids, left_out, texts):
    from edusummary.model import features as module

    analyzer = Analyzer(char_ngrams=(1, 3))
    terms = dict.fromkeys(term for text in [*TEXTS, *texts] for term in analyzer(text))
    kept = [t for i, t in enumerate(terms) if not left_out or i % left_out]
    vocabulary = {term: column for column, term in enumerate(kept)}
    features = TfidfFeatures(analyzer, vocabulary, np.ones(len(vocabulary)))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(module, "_SMALL_IDS", small_ids)
        index = _CharGramIndex(_Terms(kept), (1, 3))
    assert (2 in index.columns_of) == (small_ids > 0)
    assert (3 in index.prefix_terms) == (left_out == 0)
    for got, expected in zip(index.count(texts), features._count(texts), strict=True):
        np.testing.assert_array_equal(got, expected)


def _char_model(texts: list[str]) -> tuple[Model, TfidfVectorizer]:
    """A model over every character term of ``texts``, with made-up weights, and the
    scikit-learn vectorizer it was fitted as."""
    analyzer = Analyzer(char_ngrams=(1, 3))
    vectorizer = TfidfVectorizer(analyzer=analyzer).fit([*TEXTS, *texts])
    n_features = len(vectorizer.vocabulary_)
    coef = np.random.default_rng(0).normal(size=(3, n_features))
    features = TfidfFeatures(analyzer, vectorizer.vocabulary_, vectorizer.idf_, sublinear_tf=False)
    return Model(["a", "b", "c"], features, coef, np.array([0.1, -0.2, 0.3])), vectorizer


# Raw-count models score large batches from gram occurrences with scipy.sparse (fused) and
# small ones, when scipy.sparse is not loaded, by counting each chunk's terms with numpy.
@pytest.mark.parametrize("fused", [True, False], ids=["fused", "counted"])
@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(alphabet=_ALPHABET, max_size=30), max_size=6),
    st.lists(st.text(max_size=20), max_size=4),
)
def test_scores_equal_scikit_learn_on_any_text_across_chunks(fused, texts, anything):
    # Chunks of two paragraphs, so that every batch of three or more spans chunks.
    texts = [*texts, *anything, ""]
    model, vectorizer = _char_model(texts)
    expected = vectorizer.transform(texts) @ model.coef.T + model.intercept
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(features_module, "CHUNK_SIZE", 2)
        patch.setattr(TfidfFeatures, "_fused", lambda self, n_texts: fused)
        got = model.decision_function(texts)
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-12)


@pytest.mark.parametrize(
    ("n_texts", "scipy_loaded", "sublinear_tf", "fused"),
    [
        (1, False, False, False),  # a cold start does not import scipy.sparse
        (4_999, False, False, False),
        (5_000, False, False, True),  # the import pays for itself
        (1, True, False, True),
        (5_000, True, True, False),  # log counts need the counts
    ],
)
def test_the_fused_path_is_taken_where_it_pays(n_texts, scipy_loaded, sublinear_tf, fused):
    model, _ = _char_model(TEXTS)
    model.features.sublinear_tf = sublinear_tf
    with pytest.MonkeyPatch.context() as patch:
        if not scipy_loaded:
            patch.delitem(sys.modules, "scipy.sparse")
        assert model.features._fused(n_texts) is fused


def test_a_model_prepared_for_bulk_work_scores_small_batches_on_the_fast_path():
    model, _ = _char_model(TEXTS)
    before = model.decision_function(TEXTS[:3])
    with pytest.MonkeyPatch.context() as patch:
        patch.delitem(sys.modules, "scipy.sparse")
        assert model.prepare() is model
        assert model.features._fused(1)
        np.testing.assert_allclose(model.decision_function(TEXTS[:3]), before, atol=1e-12)


def test_the_shipped_model_scores_alike_on_both_paths():
    """Both paths give the shipped model's scores to 1e-9 on varied paragraphs: traditional
    and full-width characters, figures, astral characters, NUL, empty and very long ones."""
    model = load_model()
    texts = [
        "全县新建乡镇中心幼儿园六所，学前三年毛入园率达到百分之九十三。",
        "學前教育與義務教育均衡發展，課堂教學改革穩步推進。",
        "ＡＢＣ幼儿园，入园率９５．３％，教师１２０名。",
        "𠀀加强师德师风建设😀\x00德育为先\x00",
        "",
        "\x00",
        "推进义务教育优质均衡，" * 2_000,
        *TEXTS,
    ]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(TfidfFeatures, "_fused", lambda self, n_texts: True)
        fused = model.decision_function(texts)
        patch.setattr(TfidfFeatures, "_fused", lambda self, n_texts: False)
        counted = model.decision_function(texts)
    np.testing.assert_allclose(fused, counted, rtol=0, atol=1e-9)


@pytest.mark.parametrize(
    ("texts", "same_as"),
    [
        (["學前教育與義務教育均衡"], ["学前教育与义务教育均衡"]),
        (["ＡＢＣ幼儿园，入园率９５．３％"], ["ABC幼儿园,入园率95.3%"]),
        (["新建幼儿园三所…扩大资源"], ["新建幼儿园三所...扩大资源"]),
        (["", "学前教育"], ["", "学前教育"]),
        (["𠀀学前教育😀"], ["𠀀学前教育😀"]),
    ],
)
def test_texts_that_normalise_alike_score_alike(texts, same_as):
    model, _ = _char_model(TEXTS)
    np.testing.assert_allclose(
        model.decision_function(texts), model.decision_function(same_as), atol=1e-12
    )


def test_an_empty_batch_gives_no_scores():
    model, _ = _char_model(TEXTS)
    assert model.decision_function([]).shape == (0, 3)


@pytest.mark.parametrize("spread", [1, 7, 2053**2])
def test_the_trigram_hash_table_finds_exactly_its_keys(spread):
    """Keys close together collide and are displaced; absent keys land on their slots."""
    rng = np.random.default_rng(spread)
    keys = np.unique(rng.integers(0, 40_000, 5_000) * spread)
    values = rng.permutation(len(keys)).astype(np.int32)
    table = _HashTable(keys, values)
    assert table.displaced.any()
    absent = np.setdiff1d(np.arange(0, 40_000 * spread, max(spread // 3, 1)), keys)[:20_000]
    queries = rng.permutation(np.concatenate([keys, absent]))
    expected = dict(zip(keys.tolist(), values.tolist(), strict=True))
    got = table.get(queries)
    assert got.tolist() == [expected.get(k, -1) for k in queries.tolist()]


def test_features_from_a_dict_or_the_terms_in_column_order_are_the_same():
    analyzer = Analyzer(char_ngrams=(1, 2))
    terms = ["幼", "儿", "园", "幼儿", "儿园"]
    idf = np.arange(1.0, 6.0)
    as_dict = TfidfFeatures(analyzer, {t: i for i, t in enumerate(terms)}, idf)
    as_list = TfidfFeatures(analyzer, terms, idf)
    assert as_list.terms() == as_dict.terms() == terms
    texts = ["全县幼儿园", "幼儿园儿园"]
    for got, expected in zip(as_list.weights(texts), as_dict.weights(texts), strict=True):
        np.testing.assert_array_equal(got, expected)
    # The dict of terms is built when asked for, and not sent along with a pickled model.
    assert as_list._vocabulary is None
    assert as_list.vocabulary == as_dict.vocabulary
    assert pickle.loads(pickle.dumps(as_list))._vocabulary is None
    with pytest.raises(ValueError, match="columns must be 0 to len"):
        TfidfFeatures(analyzer, {"幼": 0, "儿": 2}, idf[:2])
