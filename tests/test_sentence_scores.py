"""A paragraph's sentences scored in the paragraph's feature pass score as they do alone."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer

from edusummary import Tagger, load_model
from edusummary._chinese import han_count
from edusummary.model import features as features_module
from edusummary.model.classifier import Model
from edusummary.model.features import Analyzer, TfidfFeatures, _joined_codes, _sentence_spans
from edusummary.text.sentences import sentence_spans

# Sentences of exactly 9 and 10 Chinese characters (the default min_han is 10).
NINE = "全县新建幼儿园六所。"
TEN = "全县新建幼儿园共六所。"

FIELD_CASES = [
    pytest.param([f"{TEN}{NINE}{TEN}"], id="just-under-and-over-10-han"),
    pytest.param(
        ["学前三年毛入园率达到百分之九十三！义务教育均衡发展顺利通过评估？"
         "教师培训覆盖全部乡村学校；课堂教学改革稳步推进;德育工作扎实有效!"],
        id="every-sentence-mark",
    ),
    pytest.param(
        ["校长说：“要把师德师风建设放在首位。”全体教师积极参加专题培训活动。"
         "（新建乡镇中心幼儿园三所。）「教研」活动覆盖全县每一所学校。』"],
        id="closing-quotes-after-the-mark",
    ),
    pytest.param(
        ["  一、加强学前教育资源建设，扩大普惠性资源\n\n"
         "  二、推进义务教育优质均衡发展，缩小城乡差距  \n\t三、深化课堂教学改革工作"],
        id="line-breaks-and-blanks",
    ),
    pytest.param(
        ["學前教育與義務教育均衡發展穩步推進。課堂教學改革取得明顯成效，師資隊伍持續優化。"],
        id="traditional",
    ),
    pytest.param(
        ["ＡＢＣ幼儿园入园率９５．３％，新增学位１２０个！全县教师１２００名全部完成培训。"],
        id="full-width",
    ),
    pytest.param(
        ["𠀀𠀁𠀂𠀃𠀄𠀅𠀆𠀇𠀈𠀉𠀊教育。豈更車賈滑串句龜龜契金喇。😀加强师德师风建设和德育工作。"],
        id="astral-and-compatibility-ideographs",
    ),
    pytest.param(
        ["加强师德师风\x00建设工作不放松。\x00德育为先\x01育人为本全面发展。\x00"], id="nul"
    ),
    pytest.param(["", "\x00", "。。。", "   ", "\n"], id="empty-texts"),
    pytest.param(
        ["全县新建幼儿园共六所，", "推进义务教育优质均衡发展。" * 2_000], id="very-long"
    ),
    pytest.param(
        ["今年xx县投入20XX万元，x.x%的学校达标。另有5所学校完成改造，达标率95.3%。"],
        id="figures-and-placeholders",
    ),
]


def _sentences(texts, min_han):
    """The sentences of ``texts`` scored alone, and the index of each one's text."""
    found = [
        (i, text[a:b]) for i, text in enumerate(texts) for a, b in sentence_spans(text)
        if han_count(text[a:b]) >= min_han
    ]
    return [s for _, s in found], np.array([i for i, _ in found], dtype=np.int64)


@pytest.mark.parametrize("fused", [True, False], ids=["fused", "fallback"])
@pytest.mark.parametrize("texts", FIELD_CASES)
def test_sentences_score_as_they_do_alone(texts, fused):
    model = load_model()
    sentences, owner = _sentences(texts, 10)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(TfidfFeatures, "_fused", lambda self, n_texts: fused)
        got, got_sentences, got_owner = model.predict_proba_with_sentences(texts)
        expected = model.predict_proba(texts)
        expected_sentences = model.predict_proba(sentences)
    # Summed by sentence rather than in one run: equal up to rounding, which the softmax
    # turns from 1e-15 in a score into 1e-12 in a small probability.
    np.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-15)
    np.testing.assert_allclose(got_sentences, expected_sentences, rtol=0, atol=1e-9)
    np.testing.assert_array_equal(got_owner, owner)


def test_sentences_are_found_across_chunks():
    model = load_model()
    texts = [f"第{i}段。{TEN}{TEN}" for i in range(7)]
    sentences, owner = _sentences(texts, 10)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(features_module, "CHUNK_SIZE", 3)
        got, got_sentences, got_owner = model.predict_proba_with_sentences(texts)
    np.testing.assert_allclose(got, model.predict_proba(texts), rtol=1e-10, atol=1e-15)
    np.testing.assert_allclose(got_sentences, model.predict_proba(sentences), atol=1e-9)
    np.testing.assert_array_equal(got_owner, owner)


# Sentence marks, closing quotes, blanks (NUL is none), Chinese characters of the BMP and
# beyond (which han_count does not count), and characters whose NFKC changes their length.
_ALPHABET = st.sampled_from(
    [*"学前教育學園豈。！？!?；;\n”’」』）)“（ \t\u3000\x00\x01xX5.,A…㎡\u0301", "𠀀", "😀"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=_ALPHABET, max_size=30), max_size=5), st.sampled_from([0, 1, 3]))
def test_the_batch_cutter_cuts_as_sentence_spans(texts, min_han):
    codes, separators = _joined_codes(texts)
    starts, ends = _sentence_spans(codes, separators, min_han)
    joined = "\x00".join(texts)
    got = [joined[a:b] for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]
    assert got == _sentences(texts, min_han)[0]


@pytest.mark.parametrize(
    ("min_han", "error", "message"),
    [(-1, ValueError, "min_han must be 0 or more, got -1"),
     (2.5, TypeError, "min_han must be an int, got float: 2.5"),
     (True, TypeError, "min_han must be an int, got bool")],
)
def test_a_bad_min_han_is_rejected(min_han, error, message):
    with pytest.raises(error, match=message):
        load_model().predict_proba_with_sentences(["学前教育"], min_han=min_han)


def test_a_tagger_without_sentence_threshold_scores_no_sentence(monkeypatch):
    model = load_model()
    monkeypatch.setattr(
        type(model), "predict_proba_with_sentences",
        lambda *args, **kwargs: pytest.fail("sentences were scored"),
    )
    report = Tagger(model, sentence_threshold=None).tag(f"{TEN}{TEN}{TEN}")
    assert len(report.paragraphs) == 1


def test_a_model_with_word_terms_scores_sentences_alone():
    texts = [f"学前教育普及普惠。{TEN}“德育为先，育人为本。”\n教师队伍建设持续加强！", ""]
    analyzer = Analyzer(char_ngrams=(1, 2), word_ngrams=(1, 1))
    vectorizer = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True).fit(texts)
    coef = np.random.default_rng(0).normal(size=(2, len(vectorizer.vocabulary_)))
    features = TfidfFeatures(analyzer, vectorizer.vocabulary_, vectorizer.idf_)
    model = Model(["a", "b"], features, coef, np.zeros(2))
    sentences, owner = _sentences(texts, 5)
    got, got_sentences, got_owner = model.predict_proba_with_sentences(texts, min_han=5)
    np.testing.assert_array_equal(got, model.predict_proba(texts))
    np.testing.assert_allclose(got_sentences, model.predict_proba(sentences), atol=1e-12)
    np.testing.assert_array_equal(got_owner, owner)


def test_an_empty_batch_has_no_sentences():
    probabilities, sentences, owner = load_model().predict_proba_with_sentences([])
    assert probabilities.shape == sentences.shape == (0, 5) and owner.shape == (0,)
