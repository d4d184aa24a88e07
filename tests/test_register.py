"""Register copies: training paragraphs copied with the boilerplate of official documents,
so that style does not decide the label (LABELS.md)."""

from __future__ import annotations

import random

import pytest

import edusummary
from edusummary.model.register import ADVERBS, CLOSERS, OPENERS, with_boilerplate
from edusummary.model.training import DEFAULT_SETTINGS, register_copies

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


def test_a_records_copy_does_not_depend_on_the_other_records():
    # Samples that cede or correct base records must not redraw the copies of the rest.
    alone = register_copies([PARAGRAPH], DEFAULT_SETTINGS, seed=0)
    after_others = register_copies(
        ["深化课堂教学改革，推广学案导学，开展同课异构活动。", "加强师德师风建设。", PARAGRAPH],
        DEFAULT_SETTINGS,
        seed=0,
    )
    assert after_others[-1] == alone[0]
    assert register_copies([PARAGRAPH], DEFAULT_SETTINGS, seed=1) != alone


def test_copies_change_the_weights_not_the_vocabulary(small_jsonl):
    with_copies = edusummary.train(small_jsonl, calibrate=False)
    without = edusummary.train(small_jsonl, calibrate=False, register_copies=False)
    assert with_copies.features.vocabulary == without.features.vocabulary
    assert (with_copies.features.idf == without.features.idf).all()
    assert with_copies.metadata["settings"]["register_copies"] is True
    assert without.metadata["settings"]["register_copies"] is False


# Written for this test: topic paragraphs in the register of a government work plan. The
# model trained without register copies labels all but the first of them `other`.
OFFICIAL = [
    (
        "认真贯彻落实上级关于学前教育的决策部署，进一步扩大普惠性资源供给，切实加强幼儿园"
        "规范管理，不断提升保教质量，努力让每一名适龄幼儿都能就近入园，为全县学前教育"
        "高质量发展奠定坚实基础。",
        "preschool",
    ),
    (
        "认真贯彻落实上级决策部署，切实加强组织领导，不断完善工作机制，扎实推进全县薄弱"
        "学校改造，努力缩小城乡办学差距，确保各项工作落到实处。",
        "compulsory_balance",
    ),
    (
        "为进一步贯彻落实有关文件精神，切实加强组织领导，认真落实工作责任，扎实推进控辍"
        "保学工作，不断完善联控联保机制，努力提高义务教育巩固率。",
        "compulsory_balance",
    ),
    (
        "认真贯彻落实上级有关文件精神，切实加强组织领导，不断完善工作机制，扎实推进课堂"
        "教学改革，努力提高教育教学质量，确保各项工作落到实处。",
        "teaching_reform",
    ),
]


@pytest.mark.parametrize(
    ("text", "label"), OFFICIAL, ids=[f"{i}-{label}" for i, (_, label) in enumerate(OFFICIAL)]
)
def test_a_topic_written_in_the_official_register_keeps_its_label(text, label):
    assert edusummary.predict([text])[0][0][0] == label
