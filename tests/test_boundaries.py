"""The boundary between ``other`` and the topics, from both sides (LABELS.md): near misses
that carry a topic's words, each beside the topic paragraph it could be confused with.

Written for this test. The shipped model before the batches ``nm_bal`` and ``nm_mix`` (and
the other four batches of their round) labelled the enrolment notice and the boarding-school
night duty ``compulsory_balance``; the model before ``hard_b``, ``hard_c``, ``mix_b`` and
``mix_c`` labelled the rule on teachers' lesson hours ``teaching_reform``. Every row here must
hold for the model we ship, so that moving the boundary did not trade one mistake for another.
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
    # Staffing told in lessons, and a letter to parents on practical matters.
    (
        "other",
        "根据省定课程计划和编制标准，我县核定小学教师周课时为十六至十八节，初中教师为十四至"
        "十六节，兼任班主任的减少两节；超课时部分按每节二十元计发课时补贴，由学校从绩效工资"
        "中列支。",
    ),
    (
        "other",
        "致全县中小学生家长的一封信：新学期将于九月一日开学，请家长于八月三十一日前带孩子到"
        "校报到，缴纳课本费和作业本费；上下学途中请家长做好接送，不要让孩子乘坐无牌无证车辆"
        "；暑期请督促孩子按时作息，远离河塘水库，注意饮食卫生。",
    ),
    # The majority rule: the same topics, one taking more than half of the sentences or none.
    (
        "other",
        "今年全镇教育工作有序推进。镇中心学校组织三所村小开展同课异构教研活动十二次，推广小"
        "组合作学习。镇里为一百四十名留守儿童建立成长档案，安排教师结对开展亲情陪伴。镇政府"
        "投入四十万元维修校舍围墙，更换了各校的消防器材。教师节期间，镇党委表彰优秀教师十五"
        "名、优秀班主任八名。",
    ),
    (
        "teaching_reform",
        "今年全镇以课堂教学改革为重点推进教学工作。镇中心学校组织三所村小开展同课异构教研活"
        "动十二次，推广小组合作学习，每位教师每学期上一节公开课。镇教研组每月深入村小听课评"
        "课，帮助青年教师改进教学设计。期末课堂教学评估显示，学生课堂参与度明显提高。镇里还"
        "为一百四十名留守儿童建立成长档案，安排教师结对开展亲情陪伴。",
    ),
]

#: A survey of boarding schools whose sentences are about places and retention (3 of 8), the
#: care of left-behind children (2), a canteen and running costs: no topic takes more than half,
#: so LABELS.md makes it ``other``. A bag of n-grams weighs words, not sentences, and the
#: model reads the density of 寄宿 and 留守 as ``compulsory_balance`` (0.96). Strict: when a
#: model gets it right, this becomes a row above.
DENSE_OVERVIEW = (
    "关于全县寄宿制学校学生生活情况的调研。全县现有农村寄宿制学校二十一所，寄宿学生六千八百"
    "人，其中留守儿童占六成。部分学校宿舍仍是十多人一间，床位不足的问题尚未彻底解决。寄宿学"
    "生周末返家路途较远，个别学校存在学生流失现象。不少留守儿童性格内向，与父母一学期难得通"
    "一次电话。学校普遍缺少专职心理教师，生活老师大多只管吃住，对孩子的情感需求关注不够。调"
    "研还发现，学校食堂从业人员普遍没有健康证，食品留样制度落实不到位。县财政对寄宿制学校的"
    "运转经费补助标准多年未调整，学校水电费支出压力较大。"
)


@pytest.mark.parametrize("label, text", ROWS, ids=[f"{i}-{r[0]}" for i, r in enumerate(ROWS)])
def test_the_shipped_model_keeps_both_sides_of_the_boundary(label, text):
    assert edusummary.predict([text])[0][0][0] == label


@pytest.mark.xfail(strict=True, reason="sentences are not counted: see DENSE_OVERVIEW")
def test_an_overview_dense_with_one_topics_words_is_other():
    assert edusummary.predict([DENSE_OVERVIEW])[0][0][0] == "other"
