"""Shared fixtures: a small labelled set written for the tests, and paths to ../shared."""

from __future__ import annotations

import json
import random
import tracemalloc
from pathlib import Path

import pytest

import edusummary

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"

# Written for these tests: three short paragraphs per label, in the style of county reports.
SMALL_SET = {
    "preschool": [
        "今年新建乡镇中心幼儿园六所，学前三年毛入园率由八十七%提高到九十二%，普惠性幼儿园覆盖率达到八成。",
        "加强民办幼儿园年检和无证园整治，全年取缔不达标看护点九个，纠正幼儿园小学化倾向。",
        "组织幼儿教师和保育员分批参加保教能力培训，推动各园开展户外自主游戏，保教质量稳步提升。",
    ],
    "compulsory_balance": [
        "全面落实控辍保学责任，建立辍学学生动态台账，初中三年巩固率达到百分之九十八以上。",
        "实施薄弱学校改造工程，新增学位两千余个，城区学校大班额问题基本消除，县域义务教育基本均衡通过国家验收。",
        "落实进城务工人员随迁子女以公办学校为主就近入学政策，农村寄宿制学校寄宿生全部享受生活补助。",
    ],
    "teaching_reform": [
        "深化课堂教学改革，推广先学后教、小组合作的导学案模式，全县举办课改现场观摩会四次。",
        "健全县、片、校三级教研网络，教研员每学期深入学校听评课，校本教研逐步走向常态化。",
        "立项市级教育科研课题十五项，围绕作业设计和大单元教学开展专题研究，优秀成果在全县推广。",
    ],
    "moral_education": [
        "坚持立德树人，把社会主义核心价值观融入主题班会和少先队活动，开展文明礼仪养成教育。",
        "各校普遍建立家长学校，定期举办家庭教育讲座，家校共育合力明显增强。",
        "配齐心理健康教师，建设心理辅导室，对留守儿童开展结对关爱和亲情陪伴活动。",
    ],
    "other": [
        "全面加强教育系统党的建设，落实党风廉政建设责任制，开展作风纪律专项整治。",
        "开展校园安全隐患大排查，重点检查消防设施、校车运行和食堂食品安全，整改隐患三十余处。",
        "今年高考本科上线人数创历史新高，中考平均分位居全市前列，职业学校技能大赛获奖二十项。",
    ],
}


def small_records() -> list[dict]:
    return [
        {"id": f"t-{label}-{i}", "text": text, "label": label, "labels": [label], "source": "test"}
        for label, texts in SMALL_SET.items()
        for i, text in enumerate(texts)
    ]


def boilerplate_rows(n: int, seed: int = 0) -> list[str]:
    """Rows of one county's sheet: a shared opening, then the same characters shuffled (every
    pair shares 5-grams, few pairs are near duplicates)."""
    rng = random.Random(seed)
    phrases = "教育质量稳步提升学校管理规范有序师资队伍不断壮大办学条件持续改善"
    return ["全县教育系统认真贯彻落实，" + "".join(rng.sample(phrases, 20)) for _ in range(n)]


def peak_mib(call, *args) -> float:
    """The most memory Python (numpy arrays included) held during ``call(*args)``, in MiB."""
    tracemalloc.start()
    try:
        call(*args)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


@pytest.fixture
def small_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "small.jsonl"
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in small_records()),
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="session")
def small_model(tmp_path_factory) -> edusummary.Model:
    """A model trained on the small set (fast; for behaviour, not accuracy)."""
    path = tmp_path_factory.mktemp("data") / "small.jsonl"
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in small_records()),
        encoding="utf-8",
    )
    return edusummary.train(path, min_df=1, folds=3)


@pytest.fixture
def shared() -> Path:
    if not (SHARED / "eval" / "seeds_dev.jsonl").is_file():
        pytest.skip("../shared is not beside the repository (only on the project's CI)")
    return SHARED


# A report written for the tests: clean lines, headings, and a glued run-on line (over 500
# characters, so its items are split).
#: Short paragraphs of several topics, written for the bulk tests' report files.
PARAGRAPHS = [
    "全县新建标准化运动场八块，中小学体育器材配备全部达到省定标准。",
    "组织教师参加信息技术应用能力提升培训，课堂教学普遍使用多媒体设备。",
    "落实学生营养改善计划，农村学校食堂供餐率达到百分之百。",
    "开展书香校园建设，各校图书室全天开放，学生人均藏书二十五册。",
    "推进集团化办学，城区优质学校与乡村学校结对帮扶十五对。",
    "健全控辍保学工作机制，建立适龄儿童入学台账，义务教育巩固率稳中有升。",
]

#: Section headings of one length, 14 characters: a report's headings often share one.
EQUAL_HEADINGS = [
    "一、扩大学前教育普惠资源供给", "二、促进义务教育优质均衡发展", "三、深化课堂教学改革提高质量",
    "四、落实立德树人加强德育工作", "五、建强教师队伍提升专业素养", "六、守牢校园安全稳定工作底线",
]


REPORT = """关于全县教育工作的情况汇报

一、学前教育
今年全县新建公办幼儿园四所，改扩建村级幼儿园十二所，学前三年毛入园率达到93.5%，比上年提高2.1个百分点。
二、义务教育
（一）均衡发展
全面落实控辍保学责任制，义务教育巩固率达到98.7%，薄弱学校改造项目全部完工，县域义务教育基本均衡顺利通过省级督导评估。
三、教学与德育
全县各中小学积极推进课堂教学改革，推广导学案教学模式，组织课改现场会三次。一是加强校本教研，各校每周开展集体备课和听评课活动，教研室对全县四十六所学校进行了教学视导，评选优质课一百二十节，课堂教学由教师讲授为主逐步转向学生自主、合作、探究学习，学生课堂参与度明显提高。二是开展德育主题教育活动，在全县中小学广泛开展爱国主义教育和文明礼仪养成教育，家长学校覆盖全部学校，各校利用升旗仪式、主题班会和少先队活动加强学生思想品德教育，关爱留守儿童心理健康，评选美德少年两百名。三是落实校园安全责任，开展消防和防溺水专项检查，整改安全隐患四十余处，校车全部安装动态监控，食堂实行明厨亮灶，全年未发生重大安全事故。四是加强党风廉政建设，开展作风纪律专项整治活动，全系统干部职工廉洁意识明显增强，教育行风持续好转，群众满意度不断提升，各项工作取得明显成效。五是做好经费保障，全年教育总投入四点二亿元，按时足额拨付公用经费，规范财务管理和政府采购，对二十三所学校开展经费使用专项审计，发现的问题全部整改到位，资金使用效益进一步提高。六是推进职业教育发展，职教中心新开设电子商务和护理专业，与十二家企业签订校企合作协议，学生在全省技能大赛中获一等奖三项，中职毕业生就业率保持在百分之九十五以上。
"""
