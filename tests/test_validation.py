import json

import pytest
from conftest import REPO, boilerplate_rows, peak_mib, small_records

from edusummary.cli import main
from edusummary.model.validation import near_duplicates, validate

MIN_PER_TOPIC = 300
MIN_OTHER = 600
MIN_TOTAL = 2000


def write(path, records):
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def test_a_clean_set_passes(tmp_path):
    result = validate(write(tmp_path / "ok.jsonl", small_records()))
    assert result.ok, result.problems
    assert result.counts()["label"]["preschool"] == 3


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"label": "德育"}, "unknown label"),
        ({"labels": ["other", "preschool"]}, "must start with the primary label"),
        ({"text": "幼儿园建设"}, "only 5 Chinese characters"),
        ({"id": "t-preschool-1"}, "already used"),
    ],
)
def test_each_problem_is_named_with_its_line(tmp_path, change, message):
    records = small_records()
    records[0] = {**records[0], **change}
    result = validate(write(tmp_path / "bad.jsonl", records))
    assert any(message in p and "bad.jsonl:1" in p for p in result.problems), result.problems


def test_exact_and_near_duplicates_are_found(tmp_path):
    # The same sentence frame with another place and other figures.
    template = "城关镇新建公办幼儿园6所，学前三年毛入园率由87.5%提高到92.1%，普惠率达到80%。"
    reworded = "河口镇新建公办幼儿园9所，学前三年毛入园率由82.4%提高到95.0%，普惠率达到85%。"
    records = small_records()
    records.append({**records[0], "id": "template", "text": template})
    records.append({**records[0], "id": "reworded", "text": reworded})
    records.append({**records[1], "id": "copy"})
    # Another figure alone: no exact copy, though its 5-grams, figures folded, are all one.
    refigured = template.replace("6所", "8所")
    records.append({**records[0], "id": "refigured", "text": refigured})
    result = validate(write(tmp_path / "dups.jsonl", records))
    problems = result.problems
    assert any("dups.jsonl:17: near duplicate" in p and "dups.jsonl:16" in p for p in problems)
    assert any("dups.jsonl:18: exact duplicate of" in p for p in problems)
    assert any(
        "dups.jsonl:19: duplicate but for its figures or blanks of" in p
        and p.endswith("dups.jsonl:16")
        for p in problems
    ), problems


def test_independently_written_paragraphs_on_one_topic_are_not_near_duplicates():
    a = "今年新建乡镇中心幼儿园六所，学前三年毛入园率达到百分之九十二。"
    b = "全县加强幼儿园保教质量监管，取缔无证幼儿园九所，纠正小学化倾向。"
    assert near_duplicates([a, b]) == []


def test_text_copied_from_a_reference_is_found(tmp_path):
    reference = tmp_path / "reference"
    reference.mkdir()
    (reference / "real.txt").write_text(
        "某县认真落实控辍保学责任制层层签订目标责任书确保适龄儿童少年全部入学。", encoding="utf-8"
    )
    records = small_records()
    records[1] = {**records[1], "text": "我们认真落实控辍保学责任制层层签订目标责任书，效果很好。"}
    result = validate(write(tmp_path / "leak.jsonl", records), reference=reference)
    assert any("copies reference text" in p and "leak.jsonl:2" in p for p in result.problems)


def test_validate_command_exit_status(tmp_path, capsys):
    good = write(tmp_path / "good.jsonl", small_records())
    assert main(["validate", str(good)]) == 0
    records = [*small_records(), small_records()[0]]
    bad = write(tmp_path / "bad.jsonl", records)
    assert main(["validate", str(bad)]) == 1
    assert "exact duplicate" in capsys.readouterr().out


def test_validate_takes_labels_of_ones_own_and_says_it_reads_no_sheets(tmp_path, capsys):
    records = [*small_records()]
    records[0] = {**records[0], "label": "teacher_workforce", "labels": ["teacher_workforce"]}
    own = write(tmp_path / "own.jsonl", records)
    assert main(["validate", str(own)]) == 1  # unknown label
    assert main(["validate", str(own), "--label", "teacher_workforce"]) == 0
    sheet = tmp_path / "samples.csv"
    sheet.write_text("text,label\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", str(sheet)]) == 2
    assert "train on it with --strict" in capsys.readouterr().err


def test_the_shipped_training_data_is_valid():
    result = validate(REPO / "data")
    assert result.ok, result.problems[:10]


def test_the_shipped_training_data_copies_nothing_from_the_real_reports(shared):
    result = validate(REPO / "data", reference=shared)
    assert result.ok, result.problems[:10]


def test_near_duplicates_of_a_large_sheet_do_not_hold_every_pair_at_once():
    # All pairs of these 3,000 rows held together took 185 MB (20,000 rows: 7 GB).
    assert peak_mib(near_duplicates, boilerplate_rows(3000)) < 100


def test_near_duplicates_compared_in_blocks_are_every_pair_over_the_threshold(monkeypatch):
    from edusummary.model import validation

    texts = boilerplate_rows(150, seed=1)
    texts += [texts[3], texts[7][:-1] + "进", "全县教育系统认真贯彻落实", ""]
    # A block of a few rows, so that pairs are found across many blocks.
    monkeypatch.setattr(validation, "_BLOCK_PAIRS", 500)
    grams = [validation.shingles(text) for text in texts]
    for threshold in (0.5, 0.2, 0.0):
        expected = [
            (i, j, len(grams[i] & grams[j]) / len(grams[i] | grams[j]))
            for i in range(len(texts)) for j in range(i + 1, len(texts))
            if grams[i] & grams[j]
            and len(grams[i] & grams[j]) / len(grams[i] | grams[j]) >= threshold
        ]
        assert near_duplicates(texts, threshold) == expected
        assert validation.near_duplicates_across(texts[:40], texts[40:], threshold) == [
            (i, j - 40, similarity) for i, j, similarity in expected if i < 40 <= j
        ]
