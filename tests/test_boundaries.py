"""The boundary between ``other`` and the topics, from both sides (LABELS.md): near misses
that carry a topic's words, each beside the topic paragraph it could be confused with.

Written for this test. The shipped model before the batches ``nm_bal`` and ``nm_mix`` (and
the other four batches of their round) labelled the enrolment notice and the boarding-school
night duty ``compulsory_balance``; every row here must hold for the model we ship, so that
moving the boundary did not trade one mistake for another.
"""

from __future__ import annotations

import pytest

import edusummary

ROWS = [
    # Aid across school levels, and the nutrition plan for grades 1-9.
    (
        "other",
        "做好困难学生资助工作。全年为高中、中职和考入大学的困难家庭学生发放各类助学金一千"
        "二百余万元，组织爱心企业开展金秋助学活动，资助新入学大学生三百二十名。",
    ),
    (
        "compulsory_balance",
        "全面落实农村义务教育学生营养改善计划，全县一百二十六所农村中小学全部实行食堂供餐"
        "，惠及学生三点八万人，每生每天补助五元，学生营养状况明显改善。",
    ),
    # Canteen food safety in the same schools.
    (
        "other",
        "县市场监管局与教育局联合对全县农村学校食堂开展食品安全专项检查，重点查看食材进货"
        "查验记录、食品留样和从业人员健康证，对两所学校下达了整改通知书。",
    ),
    # Enrolment logistics, and the policy of nearby enrolment.
    (
        "other",
        "今年秋季小学一年级新生报名定于八月十日至十二日进行，家长须携带户口簿、房产证明和"
        "儿童预防接种证到学区学校现场登记，逾期未报名的由学校统一安排。",
    ),
    (
        "compulsory_balance",
        "严格执行义务教育免试就近入学政策，科学划定城区学校招生片区，进城务工人员随迁子女"
        "凭居住证在居住地学校就读，公办学校接收比例达到百分之九十二。",
    ),
    # Safety in boarding schools.
    (
        "other",
        "寄宿制学校要严格落实夜间值班和宿舍查寝制度，宿管员每晚十点前逐间清点人数，发现学"
        "生未归寝的立即报告值班校长并通知家长，确保学生住宿安全。",
    ),
    # Exam logistics, and exam reform aimed at teaching.
    (
        "other",
        "中考考务工作组织严密。全县设三个考点一百二十个考场，抽调监考教师三百余人，考场全"
        "部配备电子监控和身份识别设备，考试期间未发生违纪舞弊事件。",
    ),
    (
        "teaching_reform",
        "深化中考命题改革，减少死记硬背的题目，增加联系生活实际和考查探究能力的试题，引导"
        "初中学校改变题海战术，把课堂教学的重心转到培养学生的思维能力上来。",
    ),
    # Kindergarten safety routines.
    (
        "other",
        "幼儿园要落实晨午检和全日观察制度，严格执行接送卡制度，每月组织一次消防疏散演练，"
        "门卫室配齐防暴器械，确保在园幼儿人身安全。",
    ),
    (
        "moral_education",
        "各校以主题班会、国旗下讲话和社会实践为载体，开展诚信、感恩和文明礼仪教育，引导学"
        "生从身边小事做起，养成良好行为习惯。",
    ),
]


@pytest.mark.parametrize("label, text", ROWS, ids=[f"{i}-{r[0]}" for i, r in enumerate(ROWS)])
def test_the_shipped_model_keeps_both_sides_of_the_boundary(label, text):
    assert edusummary.predict([text])[0][0][0] == label
