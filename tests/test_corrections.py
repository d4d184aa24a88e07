"""Corrections that stick: the analyst's samples override the base records they
contradict."""

from collections import Counter

import pytest
from conftest import SMALL_SET, boilerplate_rows, peak_mib

import edusummary
from edusummary.model.training import gather

# Written for these tests: a paragraph the base files under "other", and variants of it.
PARAGRAPH = (
    "组织全县中小学教师参加新课程标准全员培训，培训覆盖教师两千一百人次，考核合格率达到百分之九十九。"
)
ONE_CHAR_OFF = PARAGRAPH.replace("两千一百", "两千二百")
REWORDED = "全县中小学教师都参加了新课标全员培训，共培训两千余人次，考核合格率很高。"
BASE = [(text, label) for label, texts in SMALL_SET.items() for text in texts]

CORRECTION_CASES = [
    # base row added to the small set, the sample's label, whether the base row stays
    pytest.param((PARAGRAPH, "other"), "teaching_reform", False, id="same-text-relabelled"),
    pytest.param((PARAGRAPH.replace("，", " ， "), "other"), "teaching_reform", False,
                 id="same-text-but-whitespace"),
    pytest.param((PARAGRAPH, "teaching_reform"), "teaching_reform", False,
                 id="same-text-same-label-replaced-by-the-sample"),
    pytest.param((ONE_CHAR_OFF, "other"), "teaching_reform", False, id="near-copy-relabelled"),
    pytest.param((ONE_CHAR_OFF, "teaching_reform"), "teaching_reform", True,
                 id="near-copy-agreeing"),
    pytest.param((REWORDED, "other"), "teaching_reform", True, id="reworded-not-a-near-copy"),
]


@pytest.mark.parametrize(("base_row", "label", "stays"), CORRECTION_CASES)
def test_a_sample_overrides_the_base_records_it_contradicts(base_row, label, stays):
    rows = gather([(PARAGRAPH, label)], base=[*BASE, base_row])
    assert rows.problems == []
    pairs = [((r.text, r.label), s) for r, s in zip(rows.records, rows.is_sample, strict=True)]
    assert ((base_row, False) in pairs) is stays
    assert rows.corrected == (0 if stays else 1)
    # The sample itself is always trained on, once, with its own label.
    assert [row for row, is_sample in pairs if is_sample] == [(PARAGRAPH, label)]
    assert len(rows.records) == len(BASE) + 1 + stays


def test_the_model_file_counts_the_corrected_base_records():
    model = edusummary.train(
        [(PARAGRAPH, "teaching_reform")], base=[*BASE, (ONE_CHAR_OFF, "other")],
        calibrate=False, min_df=1,
    )
    assert model.metadata["training_data"]["corrected_base_records"] == 1
    assert model.metadata["training_data"]["records"] == len(BASE) + 1


# Written for this test: teacher training for the new curriculum, which the shipped model
# mostly files under "other" and the analyst counts as teaching_reform.
CORRECTIONS = [
    "组织全县中小学教师参加新课程标准全员培训，培训覆盖教师两千一百人次。",
    "实施教师信息技术应用能力提升工程，参训教师全部通过考核认定。",
    "组织新入职教师岗前培训，开展为期两周的师德修养和教学常规训练。",
    "选派一百二十名教师参加国培计划项目，返岗后在本校开展二次培训。",
    "开展中小学校长任职资格培训和提高培训，参训校长四十六名。",
    "建立县级教师发展中心，统筹全县教师培训、教研和电化教育工作。",
    "落实五年一周期教师全员培训制度，教师继续教育学时达标率百分之百。",
    "举办教师读书分享会和专业成长论坛，营造教师自主学习的良好氛围。",
    "依托国家中小学智慧教育平台开展寒假教师研修，参训率达到百分之九十八。",
    "组织农村学校教师参加省培项目，重点学习新教材的教学设计与实施。",
    "举办新课程方案解读培训会，全县一千八百名教师通过线上线下方式参训。",
    "开展教师培训需求调研，按学段学科分层设计培训课程，提高培训针对性。",
    "组织初中物理化学教师参加实验教学能力培训，提升实验课开设水平。",
    "开展送培到校活动，培训团队深入十八所乡村学校进行现场指导。",
    "实施新教师三年成长计划，为每名新教师配备一名指导教师结对帮带。",
    "组织全县小学数学教师参加新教材培训，专家逐单元讲解教材编写意图。",
    "举办中小学骨干教师高级研修班，学员完成研修课例并在全县展示。",
    "开展教师继续教育学分登记管理，全年审核认定培训学分五万余分。",
    "组织教师参加课程标准解读网络研修，每名教师完成不少于五十学时。",
    "开展县级教师培训者团队建设，遴选培训专家八十名组建讲师团。",
    "组织高中教师参加新高考选课走班专题培训，学习课程安排和教学管理办法。",
    "举办乡村教师素质提升培训，围绕新课标理念和课堂组织方式开展研修。",
    "组织教研员和骨干教师参加省级新课程培训，回县后开展全员转训。",
    "开展中小学教师全员远程培训，参训教师完成课程学习和作业提交。",
    "组织幼小衔接阶段一年级教师参加专题培训，学习入学适应教育的教学方法。",
    "实施教师培训学分银行制度，将培训学分与职称评聘和年度考核挂钩。",
    "开展名师示范课进校园活动，组织教师观摩研讨并撰写学习心得。",
    "组织全县体育教师参加新课标培训，学习大单元体育教学设计和评价方法。",
    "开展中层干部和教研组长专题培训，提升学校课程领导力和教学管理能力。",
    "组织全县教师参加作业设计与评价专题培训，提升教师作业设计能力。",
]
# Paraphrases of ten of them, not trained on.
PARAPHRASES = [
    "全县中小学教师都参加了新课标全员培训，累计培训教师两千余人次。",
    "推进教师信息技术应用能力提升工程，所有参训教师均已考核合格。",
    "对新招聘教师进行岗前培训，用两周时间学习师德规范和教学常规。",
    "全年选送一百名教师参加国培计划，学员返校后组织校内二次培训。",
    "组织校长参加任职资格和提高培训，全县五十名校长参训。",
    "教师继续教育全面落实五年一周期全员培训，学时达标率达到百分之百。",
    "寒假期间依托国家智慧教育平台组织教师研修，参训教师比例超过九成。",
    "召开新课程方案解读培训会，两千名教师采取线上线下结合的方式参加培训。",
    "为每位新入职教师配备指导教师，实施三年成长计划进行结对帮扶。",
    "组织教师参加新课程标准网络研修，每人完成五十个以上学时。",
]


@pytest.mark.slow
def test_thirty_corrections_relabel_their_paraphrases():
    shipped = Counter(p[0][0] for p in edusummary.predict(PARAPHRASES))
    assert shipped["teaching_reform"] < 8
    model = edusummary.train(
        [(text, "teaching_reform") for text in CORRECTIONS], base="default", calibrate=False
    )
    retrained = Counter(p[0][0] for p in model.predict(PARAPHRASES))
    assert retrained["teaching_reform"] >= 8


# Written for this test: a small base, a new label's samples, and a base paragraph that
# shares words (乡村, 落实, 补助) with the samples but few characters beyond them: the two
# feature sets place it on different sides of the new label.
SMALL_BASE = [
    ("下达校舍维修经费八百万元，完成十二所学校屋面和围墙改造。", "other"),
    ("落实学生资助政策，全年发放各类资助资金一千二百万元。", "other"),
    ("完成全县中小学校舍安全排查，消除危房隐患二十处。", "other"),
    ("组织开展校园食品安全专项检查，覆盖全部学校食堂。", "other"),
    ("新建公办幼儿园三所，新增学位九百个。", "preschool"),
    ("开展幼儿园保教质量评估，纠正小学化倾向。", "preschool"),
]
WORKFORCE = [
    ("公开招聘中小学教师一百二十名，补充农村学校紧缺学科教师。", "teacher_workforce"),
    ("推进县域内教师交流轮岗，城区学校骨干教师到乡村学校任教。", "teacher_workforce"),
    ("落实乡村教师生活补助，稳定乡村教师队伍。", "teacher_workforce"),
]
MEALS_AID = "落实乡村学校营养餐补助，惠及学生一万二千人。"


@pytest.mark.parametrize(
    ("settings", "ceded"),
    [
        pytest.param(edusummary.TrainingSettings(), False, id="characters"),
        pytest.param(
            edusummary.TrainingSettings(char_ngrams=None, word_ngrams=(1, 1)), True, id="words"
        ),
    ],
)
def test_a_new_label_claims_base_records_by_the_features_it_is_trained_on(settings, ceded):
    rows = gather(
        WORKFORCE, base=[*SMALL_BASE, (MEALS_AID, "other")],
        labels=[*edusummary.LABELS, "teacher_workforce"], settings=settings,
    )
    assert (MEALS_AID not in [r.text for r in rows.records]) is ceded


def test_the_model_file_counts_the_base_records_a_new_label_claims():
    # The records gather left out for the new label were logged, not counted: the
    # metadata said 0 ceded while shipped paragraphs were missing from the model.
    words = edusummary.TrainingSettings(char_ngrams=None, word_ngrams=(1, 1))
    with pytest.warns(edusummary.EdusummaryWarning, match="too few"):
        model = edusummary.train(
            WORKFORCE, base=[*SMALL_BASE, (MEALS_AID, "other")],
            labels=[*edusummary.LABELS, "teacher_workforce"], settings=words, calibrate=False,
        )
    data = model.metadata["training_data"]
    assert data["ceded_base_records"] == 1
    assert data["records"] == len(SMALL_BASE) + len(WORKFORCE)


def test_a_large_sheet_is_checked_against_the_base_alone():
    # Samples are compared with the base records they may correct, not with each other:
    # all pairs of these 3,000 rows held together took 185 MB (25,000 rows: 12 GB).
    rows = boilerplate_rows(3000)
    base = [(text, "other") for text in rows[:100]]
    samples = [(text, "teaching_reform") for text in rows[100:]]
    assert peak_mib(gather, samples, [*BASE, *base]) < 60
