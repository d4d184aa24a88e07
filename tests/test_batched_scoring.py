"""Bulk runs score the paragraphs of several files in one model call: the reports are the
ones each file gets alone, in the order given, and a bad file still fails on its own."""

from pathlib import Path

import pytest
from conftest import PARAGRAPHS

from edusummary.batch import running
from edusummary.batch.output import encode_jsonl
from edusummary.reports.tagging import Tagger

#: A paragraph the model in the "model fails on one file" case cannot score.
POISON = "这一段文字会让模型在打分时出错，用来检验出错的文件单独失败。"


def report_text(i: int) -> str:
    chosen = [PARAGRAPHS[(i + k) % len(PARAGRAPHS)] for k in range(1 + i % 4)]
    return f"第{i}份工作报告\n\n一、主要工作\n\n" + "\n\n".join(chosen) + "\n"


def rows(report):
    return [
        (p.index, p.label, p.labels, p.flags, p.heading, p.start, p.end, p.text)
        for p in report.paragraphs
    ]


@pytest.fixture(scope="module")
def tagger():
    return Tagger()


@pytest.mark.filterwarnings("ignore::edusummary.EdusummaryWarning")  # the empty and English texts
def test_tag_texts_gives_the_reports_tag_gives_one_by_one(tagger):
    texts = [report_text(i) for i in range(7)] + ["", "English only, no Chinese here at all."]
    together = tagger.tag_texts(texts)
    assert len(together) == len(texts)
    for text, report in zip(texts, together, strict=True):
        alone = tagger.tag(text)
        assert rows(report) == rows(alone)
        assert report.warnings == alone.warnings
        assert report.headings == alone.headings
        for p, q in zip(report.paragraphs, alone.paragraphs, strict=True):
            assert p.scores == pytest.approx(q.scores, abs=1e-9)


@pytest.mark.parametrize(
    ("texts", "error", "fragment"),
    [
        pytest.param("一份报告", TypeError, "got one str", id="one str"),
        pytest.param(["一份报告", 3], TypeError, "(item 1) as str, got int", id="an int"),
        pytest.param([Path("a.txt")], TypeError, "to tag a file use tag_file(path)",
                     id="a path"),
    ],
)
def test_tag_texts_refuses_what_is_not_report_text(tagger, texts, error, fragment):
    with pytest.raises(error, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        tagger.tag_texts(texts)


def write(folder, count):
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"report_{i:02d}.txt"
        path.write_text(report_text(i), encoding="utf-8")
        paths.append(str(path))
    return paths


def missing(folder, monkeypatch, tagger):
    return str(folder / "gone.txt")


def a_folder(folder, monkeypatch, tagger):
    (folder / "sub.txt").mkdir()
    return str(folder / "sub.txt")


def model_fails_on_it(folder, monkeypatch, tagger):
    path = folder / "poison.txt"
    path.write_text(f"一份报告\n\n{POISON}\n", encoding="utf-8")
    proba = type(tagger.model).predict_proba_with_sentences

    def failing(model, texts, *args):
        if POISON in texts:
            raise RuntimeError("cannot score this")
        return proba(model, texts, *args)

    monkeypatch.setattr(type(tagger.model), "predict_proba_with_sentences", failing)
    return str(path)


def spooled(folder, monkeypatch, tagger):
    """A file large enough to be tagged piece by piece into a spool file."""
    path = folder / "large.txt"
    path.write_text("大报告\n\n" + "\n\n".join(PARAGRAPHS * 3) + "\n", encoding="utf-8")
    monkeypatch.setattr(running, "STREAM_BYTES", path.stat().st_size - 1)
    return str(path)


@pytest.mark.parametrize(
    ("make", "error_type", "fragment"),
    [
        pytest.param(missing, "ReadError", "gone.txt: no such file", id="a missing file"),
        pytest.param(a_folder, "ReadError", "sub.txt", id="a folder"),
        pytest.param(model_fails_on_it, "EdusummaryError",
                     "poison.txt: unexpected RuntimeError: cannot score this",
                     id="the model fails on one file"),
        pytest.param(spooled, None, None, id="a large file, spooled"),
    ],
)
@pytest.mark.parametrize("per_call", [1000, 7], ids=["one call", "calls of 7 paragraphs"])
def test_serial_bulk_runs_keep_order_and_fail_one_file_alone(
    tmp_path, monkeypatch, tagger, make, error_type, fragment, per_call
):
    monkeypatch.setattr(running, "_CALL_PARAGRAPHS", per_call)
    good = write(tmp_path, 10)
    odd = make(tmp_path, monkeypatch, tagger)
    given = [*good[:4], odd, *good[4:]]

    outcomes = list(running.tag_paths(given, tagger, encode=encode_jsonl))

    assert [o.path for o in outcomes] == given
    assert all(o.ok for o in outcomes if o.path != odd)
    for outcome in outcomes:
        if outcome.path in good:
            assert outcome.encoded == encode_jsonl(tagger.tag_file(outcome.path).rows())
    (odd_outcome,) = [o for o in outcomes if o.path == odd]
    if error_type is None:
        assert odd_outcome.ok and odd_outcome.spool is not None
        assert odd_outcome.paragraphs == len(tagger.tag_file(odd))
    else:
        assert odd_outcome.error_type == error_type
        assert fragment in odd_outcome.error


def label_counts(rows):
    counts = {}
    for row in rows:
        counts[row["label"]] = counts.get(row["label"], 0) + 1
    return counts


@pytest.mark.parametrize("encode", [label_counts, len], ids=["a dict per file", "len"])
def test_a_large_file_gives_a_users_encode_all_its_rows(tmp_path, monkeypatch, tagger, encode):
    # Spooled, a large file's outcome was ok with encoded None, its counts lost in a spool
    # of the dicts' keys, or failed ("'int' object is not iterable").
    path = spooled(tmp_path, monkeypatch, tagger)
    (outcome,) = running.tag_paths([path], tagger, encode=encode)
    assert outcome.ok and outcome.spool is None
    assert outcome.encoded == encode(tagger.tag_file(path).rows())


def test_a_serial_run_scores_many_small_files_in_few_model_calls(tmp_path, monkeypatch, tagger):
    paths = write(tmp_path, 30)
    calls = []
    proba = type(tagger.model).predict_proba_with_sentences

    def counted(model, texts, *args):
        calls.append(len(texts))
        return proba(model, texts, *args)

    monkeypatch.setattr(type(tagger.model), "predict_proba_with_sentences", counted)
    outcomes = list(running.tag_paths(paths, tagger))
    assert calls == [sum(o.paragraphs for o in outcomes)]
    monkeypatch.setattr(running, "_CALL_PARAGRAPHS", 20)
    calls.clear()
    list(running.tag_paths(paths, tagger))
    assert len(calls) > 1 and all(n < 20 + 4 for n in calls)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        pytest.param("Annual report of the county education bureau, " * 2 + "教育局工作报告",
                     True, id="7 Chinese characters in English"),
        pytest.param("The bureau reports: " * 4 + "全县中小学校舍安全排查整改已全部完成", False,
                     id="17 Chinese characters after 80 English ones"),
        pytest.param("A1 " * 30 + "学前教育普及普惠督导评估", True, id="12 Chinese characters"),
        pytest.param("学前教育普及普惠 督导评估，全县通", False, id="exactly 15"),
        pytest.param("学前教育普及普惠 督导评估，全县 " + "x" * 60, True, id="14 then more text"),
    ],
)
@pytest.mark.filterwarnings("ignore::edusummary.EdusummaryWarning")  # no Chinese paragraph
def test_a_paragraph_with_too_little_chinese_is_flagged(tagger, text, flagged):
    (paragraph,) = tagger.tag(text).paragraphs
    assert ("not_chinese" in paragraph.flags) is flagged
