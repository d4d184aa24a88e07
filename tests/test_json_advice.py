"""JSON given as a report is refused with advice that works on what the file holds."""

import json

import pytest

import edusummary
from edusummary.errors import ReadError

TEXT = "全年新建公办幼儿园4所，新增学位1300个，普惠性幼儿园覆盖率达到90.2%。"


def refusal(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ReadError) as raised:
        edusummary.tag_file(path)
    return str(raised.value).split("; ", 1)[1]


def test_one_object_is_one_report_to_tag(tmp_path):
    # pandas.read_json refuses an object of plain values ("you must pass an index").
    advice = refusal(tmp_path, "report.json", json.dumps({"标题": "工作总结", "正文": TEXT}))
    assert advice == (
        'it holds one report: pass its text, json.load(file)["正文"], to edusummary.tag'
    )


def test_records_in_an_apis_answer_or_with_their_text_nested_are_normalized(tmp_path):
    answer = {"code": 0, "data": {"list": [{"title": "学前教育", "content": TEXT}]}}
    advice = refusal(tmp_path, "answer.json", json.dumps(answer, ensure_ascii=False))
    assert "pandas.json_normalize(json.load(file), record_path=['data', 'list'])" in advice
    assert 'df["content"]' in advice
    nested = json.dumps({"meta": {"title": "学前教育"}, "body": {"text": TEXT}}, ensure_ascii=False)
    advice = refusal(tmp_path, "articles.jsonl", nested + "\n" + nested + "\n")
    assert "pandas.json_normalize([json.loads(line) for line in file])" in advice
    assert 'df["body.text"]' in advice


def test_data_without_text_and_an_empty_file_are_said_to_be_so(tmp_path):
    geojson = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "溪口镇"},
         "geometry": {"type": "Point", "coordinates": [101.2, 25.1]}}]}
    advice = refusal(tmp_path, "towns.json", json.dumps(geojson, ensure_ascii=False))
    assert "no field of text" in advice and "not reports" in advice
    assert refusal(tmp_path, "empty.json", "") == "it is empty: there is nothing to tag"
