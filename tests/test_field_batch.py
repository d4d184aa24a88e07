"""Bulk runs in the field: ``--model default``."""

import os

import pytest

from edusummary.cli import main

# Written for these tests.
PARAGRAPHS = [
    "全县新建标准化运动场八块，中小学体育器材配备全部达到省定标准。",
    "组织教师参加信息技术应用能力提升培训，课堂教学普遍使用多媒体设备。",
    "落实学生营养改善计划，农村学校食堂供餐率达到百分之百。",
    "开展书香校园建设，各校图书室全天开放，学生人均藏书二十五册。",
    "推进集团化办学，城区优质学校与乡村学校结对帮扶十五对。",
]


def write_reports(folder, count):
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        chosen = [PARAGRAPHS[(i + k) % len(PARAGRAPHS)] for k in range(2 + i % 3)]
        path = folder / f"report_{i:02d}.txt"
        path.write_text(f"第{i}份报告\n\n" + "\n\n".join(chosen) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


# --- --model default --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "written"),
    [
        pytest.param(["tag", "{report}", "-o", "{out}.jsonl"], "{out}.jsonl", id="tag"),
        pytest.param(["summarize", "{report}", "-o", "{out}.csv"], "{out}.csv", id="summarize"),
        pytest.param(["view", "{report}", "-o", "{out}.html"], "{out}.html", id="view"),
        pytest.param(["suggest", "{report}", "-n", "2", "-o", "{out}.csv"], "{out}.csv",
                     id="suggest"),
    ],
)
def test_model_default_is_the_shipped_model(tmp_path, command, written):
    (report,) = write_reports(tmp_path / "in", 1)
    names = {"report": str(report), "out": str(tmp_path / "out")}
    assert main([*(part.format(**names) for part in command), "--model", "default"]) == 0
    assert os.path.getsize(written.format(**names)) > 0


def test_resuming_with_model_default_continues_a_run_with_the_shipped_model(tmp_path, capsys):
    write_reports(tmp_path / "in", 2)
    out = str(tmp_path / "out.jsonl")
    assert main(["tag", str(tmp_path / "in"), "-o", out, "-q"]) == 0
    assert main(["tag", str(tmp_path / "in"), "-o", out, "--resume", "--model", "default"]) == 0
    assert "2 already done" in capsys.readouterr().err
