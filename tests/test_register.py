"""Register copies: training paragraphs copied with the boilerplate of official documents,
so that style does not decide the label (LABELS.md)."""

from __future__ import annotations

import random

import pytest

import edusummary
from edusummary.model.register import ADVERBS, CLOSERS, OPENERS, with_boilerplate

PARAGRAPH = "全县新建幼儿园三所，新增学位九百个，学前三年毛入园率达到百分之九十。"


def _is_subsequence(short: str, long: str) -> bool:
    rest = iter(long)
    return all(character in rest for character in short)


@pytest.mark.parametrize("seed", range(20))
def test_boilerplate_is_added_around_the_text_not_into_its_words(seed):
    copy = with_boilerplate(PARAGRAPH, random.Random(seed))
    assert _is_subsequence(PARAGRAPH, copy)
    assert any(adverb in copy for adverb in ADVERBS)
    # Only whole phrases are added: taking them out gives the paragraph back.
    for phrase in sorted((*OPENERS, *CLOSERS, *ADVERBS), key=len, reverse=True):
        copy = copy.replace(phrase, "")
    assert copy == PARAGRAPH


@pytest.mark.parametrize(
    "text",
    ["", "全县新建幼儿园三所", "没有逗号也没有句号的一行字"],
    ids=["empty", "no clause mark", "one clause"],
)
def test_text_with_no_clause_to_open_gets_no_adverb_and_is_not_broken(text):
    copy = with_boilerplate(text, random.Random(0))
    assert _is_subsequence(text, copy)


def test_the_same_seed_gives_the_same_copies():
    texts = [PARAGRAPH, "深化课堂教学改革，推广学案导学，开展同课异构活动。"]
    assert [with_boilerplate(t, random.Random(3)) for t in texts] == [
        with_boilerplate(t, random.Random(3)) for t in texts
    ]


def test_copies_change_the_weights_not_the_vocabulary(small_jsonl):
    with_copies = edusummary.train(small_jsonl, calibrate=False)
    without = edusummary.train(small_jsonl, calibrate=False, register_copies=False)
    assert with_copies.features.vocabulary == without.features.vocabulary
    assert (with_copies.features.idf == without.features.idf).all()
    assert with_copies.metadata["settings"]["register_copies"] is True
    assert without.metadata["settings"]["register_copies"] is False


# Written for this test: topic paragraphs in the register of a government work plan.
OFFICIAL = [
    (
        "认真贯彻落实上级关于学前教育的决策部署，进一步扩大普惠性资源供给，切实加强幼儿园"
        "规范管理，不断提升保教质量，努力让每一名适龄幼儿都能就近入园，为全县学前教育"
        "高质量发展奠定坚实基础。",
        "preschool",
    ),
    (
        "紧紧围绕义务教育优质均衡发展目标，进一步加大薄弱学校改造力度，切实缩小城乡、校际"
        "办学差距，扎实推进教师交流轮岗，不断完善控辍保学长效机制，确保义务教育巩固率稳步提高。",
        "compulsory_balance",
    ),
    (
        "坚持以课堂教学改革为突破口，进一步深化新课程改革，切实加强校本教研，不断推广学案"
        "导学和小组合作学习模式，努力构建高效课堂，全面提高课堂教学效率。",
        "teaching_reform",
    ),
]


@pytest.mark.parametrize(("text", "label"), OFFICIAL, ids=[label for _, label in OFFICIAL])
def test_a_topic_written_in_the_official_register_keeps_its_label(text, label):
    assert edusummary.predict([text])[0][0][0] == label
