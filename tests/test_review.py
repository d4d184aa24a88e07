"""The review flag: chosen by cross-validation, set on paragraphs, scored by evaluate."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import REPORT

import edusummary
from edusummary._chinese import display_width
from edusummary.model.evaluation import choose_review_threshold, review_scores, score


def test_the_threshold_flags_at_most_the_share_asked_for():
    confidence = np.linspace(0.2, 1.0, 101)
    threshold = choose_review_threshold(confidence, share=0.2)
    assert np.mean(confidence < threshold) <= 0.2
    assert np.mean(confidence <= threshold) > 0.2


def test_review_scores_count_the_mistakes_the_flag_catches():
    flagged = np.array([True, True, False, False, False])
    correct = np.array([False, True, False, True, True])
    assert review_scores(flagged, correct) == {"flagged": 0.4, "recall": 0.5, "precision": 0.5}


def test_the_shipped_model_records_a_cross_validated_review_threshold():
    review = edusummary.load_model().metadata["review"]
    assert 0.5 < review["threshold"] < 1.0
    assert review["flagged"] <= 0.2 and review["recall"] >= 0.5


def test_tagged_paragraphs_below_the_threshold_are_flagged_review(small_model):
    report = edusummary.Tagger(small_model, review_threshold=0.99).tag(REPORT)
    flagged = [p for p in report if "review" in p.flags]
    assert flagged and all(p.confidence < 0.99 for p in flagged)
    assert not any("review" in p.flags for p in edusummary.Tagger(
        small_model, review_threshold=0.01).tag(REPORT))
    summary = report.summary()
    assert sum(t.review for t in summary.topics) == len(flagged)
    assert "review" in summary.rows[0]


@pytest.mark.parametrize("bad", [0, 1.5, "0.8"])
def test_a_review_threshold_outside_0_1_is_refused(bad):
    with pytest.raises(ValueError, match="review_threshold"):
        edusummary.Tagger(review_threshold=bad)


def test_evaluate_scores_the_flag_and_labels_among_the_gold_labels():
    samples = [
        edusummary.Record(
            "全县新建幼儿园三所，学前三年毛入园率达到百分之九十二，普惠性幼儿园覆盖率进一步提高。",
            "preschool",
        ),
        edusummary.Record(
            "今年的工作有三项：一是新建幼儿园两所；二是推进课堂教学改革；三是加强安全管理。",
            "other",
            labels=("other", "preschool", "teaching_reform"),
        ),
    ]
    result = edusummary.evaluate(edusummary.load_model(), samples)
    assert result.review["threshold"] == edusummary.load_model().metadata["review"]["threshold"]
    assert set(result.review) == {"threshold", "flagged", "recall", "precision"}
    assert result.in_gold_labels >= result.accuracy
    text = result.to_text()
    assert "review flag" in text and "among the gold labels" in text


@pytest.mark.parametrize("samples", [[], ()])
def test_there_is_nothing_to_evaluate_without_samples(samples):
    model = edusummary.load_model()
    with pytest.raises(edusummary.DataError, match="no labelled samples to evaluate"):
        edusummary.evaluate(model, samples)
    with pytest.raises(edusummary.DataError, match="no labelled samples to evaluate"):
        edusummary.compare(model, model, samples)


def test_the_summary_says_when_there_were_no_mistakes_to_catch():
    samples = [
        ("全县新建公办幼儿园六所，学前三年毛入园率达到百分之九十五，普惠性幼儿园覆盖率达到九成。",
         "preschool"),
        ("各中小学深入开展爱国主义教育和文明礼仪养成教育，普遍建立家长学校，推进家校共育。",
         "moral_education"),
    ]
    result = edusummary.evaluate(edusummary.load_model(), samples)
    assert result.accuracy == 1.0
    assert result.review["recall"] == 1.0 and result.review["precision"] == 0.0
    text = result.to_text()
    assert f"marks {result.review['flagged']:.1%} of paragraphs, no mistakes to catch" in text
    assert "catches" not in text


def test_evaluation_tables_line_up_a_chinese_label_and_give_no_f1_without_samples():
    gold = ["preschool", "职业教育", "职业教育", "other"]
    predicted = ["preschool", "职业教育", "other", "other"]
    labels = ["preschool", "moral_education", "职业教育", "other"]
    lines = score(gold, predicted, labels=labels).to_text().splitlines()
    table = lines[lines.index(next(line for line in lines if line.startswith("label"))):][:5]
    # Every row as wide as the header, the Chinese label's two columns a character counted.
    widths = {display_width(line) for line in table}
    assert len(widths) == 1
    # No sample is moral_education and none was predicted so: nothing to score, not 0.000.
    moral = next(line for line in table if line.startswith("moral_education")).split()
    assert moral == ["moral_education", "—", "—", "—", "0"]


def test_a_label_given_but_carried_by_no_sample_shows_the_f1_of_0_the_macro_f1_counts():
    gold = ["preschool", "other", "other"]
    predicted = ["preschool", "other", "moral_education"]
    evaluation = score(gold, predicted, labels=["preschool", "moral_education", "other"])
    lines = evaluation.to_text().splitlines()
    moral = next(line for line in lines if line.startswith("moral_education")).split()
    assert moral == ["moral_education", "0.000", "—", "0.000", "0"]
    shown = [float(line.split()[3]) for line in lines
             if line.split()[:1] in (["preschool"], ["moral_education"], ["other"])
             and len(line.split()) == 5]
    assert evaluation.macro_f1 == pytest.approx(sum(shown) / len(shown), abs=1e-3)


def test_a_split_lacking_a_label_says_what_the_macro_f1_is_over_the_labels_it_carries():
    # An analyst scoring one kind of document at a time: the F1 of 0 of a label no sample of
    # that kind carries would read as the model failing the kind.
    gold = ["preschool", "preschool", "other", "other"]
    predicted = ["preschool", "preschool", "other", "moral_education"]
    evaluation = score(gold, predicted, labels=["preschool", "moral_education", "other"])
    note = next(line for line in evaluation.to_text().splitlines()
                if line.startswith("given but carried by no sample"))
    assert "moral_education" in note
    assert note.endswith(f"{(1.0 + 2 / 3) / 2:.4f}")
