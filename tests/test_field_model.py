"""Field cases for model files, odd text and the command line.

Hostile model files are built from a real small model by rewriting its members, with the
checksums model.json records recomputed, so that each is refused by the check meant for it
rather than by the checksum check. Odd text (lone surrogates) is labelled as if each
surrogate were U+FFFD. Bad usage on the command line is exit 2 with one line, never a
traceback.
"""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest

import edusummary
from edusummary._chinese import scrub
from edusummary.cli import main
from edusummary.errors import ModelError
from edusummary.model.classifier import HEADER_CHECKSUM, header_checksum

REPO = Path(__file__).resolve().parent.parent

# Written for these tests: three paragraphs per label, in the style of township reports.
PARAGRAPHS = {
    "preschool": [
        "今年镇中心幼儿园扩建完成，新增学位一百八十个，适龄幼儿就近入园需求基本得到满足。",
        "对全镇村办幼儿园开展保教质量评估，督促各园配齐保育员，整改户外活动场地不足问题。",
        "普惠性民办幼儿园补助资金按时拨付，学前教育资助惠及家庭经济困难幼儿两百余名。",
    ],
    "compulsory_balance": [
        "全镇小学和初中办学条件达到省定标准，音体美器材配备齐全，教师交流轮岗常态化开展。",
        "落实控辍保学联控联保机制，镇村干部逐户走访，疑似辍学学生全部劝返复学并建档跟踪。",
        "撤并后的教学点学生由校车接送到中心校就读，寄宿制学校宿舍和食堂改造全部完工。",
    ],
    "teaching_reform": [
        "全镇推行小组合作学习模式，教师每周集体备课一次，课堂上学生讨论展示时间明显增加。",
        "中心校组织青年教师赛课活动，邀请县教研员现场点评，优秀课例录像在全镇学校共享。",
        "围绕作业减量提质开展专题教研，各校建立分层作业资源库，学生书面作业时间有效控制。",
    ],
    "moral_education": [
        "各校利用升旗仪式和主题班会开展爱国主义教育，组织学生参观革命纪念馆接受红色教育。",
        "学校为留守儿童建立成长档案，安排教师结对帮扶，每月组织亲情视频通话和心理疏导。",
        "开展文明礼仪进校园活动，评选文明班级和美德少年，家校联系卡每周反馈学生在家表现。",
    ],
    "other": [
        "镇教育办组织校园安全大检查，排查消防通道和用电线路隐患，督促学校完成整改。",
        "全镇教师参加师德师风专题培训，签订廉洁从教承诺书，党支部开展主题党日活动。",
        "学校食堂全部实行明厨亮灶，食材统一配送并留样备查，学生营养餐按标准足额供应。",
    ],
}
RECORDS = [(text, label) for label, texts in PARAGRAPHS.items() for text in texts]

TEXT = "学前教育\ud800幼儿园建设工作全面推进，新建幼儿园三所"

REPORT = """镇教育工作情况汇报

一、学前教育
今年镇中心幼儿园扩建工程顺利完工，新增学位一百二十个，全镇学前三年毛入园率达到百分之九十五。
二、义务教育
全面落实控辍保学责任，镇村干部逐户核查适龄儿童入学情况，义务教育巩固率保持在百分之九十九以上。
"""


@pytest.fixture(scope="module")
def model() -> edusummary.Model:
    return edusummary.train(RECORDS, min_df=1, calibrate=False, n_jobs=1)


@pytest.fixture
def model_file(model, tmp_path) -> Path:
    return model.save(tmp_path / "small.esm")


# -- hostile model files ------------------------------------------------------------------


def _npy(array) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, np.asarray(array), allow_pickle=False)
    return buffer.getvalue()


def _array(members, name) -> np.ndarray:
    return np.load(io.BytesIO(members[f"{name}.npy"]), allow_pickle=False)


def _set_array(name, change):
    """A rewrite that replaces array ``name`` by ``change(array)``."""

    def rewrite(members, header):
        members[f"{name}.npy"] = _npy(change(_array(members, name).copy()))

    return rewrite


def _set_cell(name, index, value):
    def change(array):
        array[index] = value
        return array

    return _set_array(name, change)


def _set_header(**fields):
    def rewrite(members, header):
        header.update(fields)

    return rewrite


def _set_vocabulary(change):
    def rewrite(members, header):
        vocabulary = json.loads(members["vocabulary.json"])
        members["vocabulary.json"] = json.dumps(change(vocabulary), ensure_ascii=False).encode()

    return rewrite


def _extra_term(members, header):
    """One more vocabulary term, with its idf: its column lies beyond coef's."""
    _set_vocabulary(lambda terms: [*terms, "新增词"])(members, header)
    members["idf.npy"] = _npy(np.append(_array(members, "idf"), 1.0))


def _duplicate_labels(members, header):
    header["labels"][1] = header["labels"][0]


def _deep_json(members, header):
    text = json.dumps(header)
    members["model.json"] = (text[:-1] + ', "deep": ' + "[" * 100_000 + "]" * 100_000 + "}")


def _bomb(members, header):
    # 8 MiB of zeros deflate to about 8 KB.
    members["coef.npy"] = bytes(8 * 2**20)


def _data_cut_off(members, header):
    coef = _array(members, "coef")
    buffer = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        buffer, {"descr": "<f8", "fortran_order": False, "shape": coef.shape}
    )
    members["coef.npy"] = buffer.getvalue()


def _drop_intercept(members, header):
    del members["intercept.npy"]
    del header["sha256"]["intercept.npy"]


def _write_model(path: Path, rewrite) -> None:
    """Apply ``rewrite(members, header)`` to the model file at ``path``; the checksums
    model.json records, of the members it lists and of itself, are recomputed. A rewrite
    may set members["model.json"] to raw bytes or text instead of changing the header."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    header = json.loads(members.pop("model.json"))
    rewrite(members, header)
    header["sha256"] = {
        name: hashlib.sha256(members[name]).hexdigest() for name in header["sha256"]
    }
    header[HEADER_CHECKSUM] = header_checksum(header)
    raw = members.pop("model.json", None)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("model.json", raw if raw is not None else json.dumps(header))
        for name, data in members.items():
            archive.writestr(name, data)


def _declare_size(path: Path, member: str, size: int) -> None:
    """Make the zip directory claim that ``member`` inflates to ``size`` bytes."""
    data = bytearray(path.read_bytes())
    position = data.find(b"PK\x01\x02")
    while position != -1:
        name_length = struct.unpack_from("<H", data, position + 28)[0]
        if data[position + 46 : position + 46 + name_length] == member.encode():
            struct.pack_into("<I", data, position + 24, size)
        position = data.find(b"PK\x01\x02", position + 46)
    path.write_bytes(bytes(data))


HOSTILE = {
    "NaN weight": (_set_cell("coef", (0, 0), np.nan), "coef.npy holds NaN or infinite values"),
    "inf weight": (_set_cell("coef", (1, 2), np.inf), "coef.npy holds NaN or infinite values"),
    "inf idf": (_set_cell("idf", 0, -np.inf), "idf.npy holds NaN or infinite values"),
    "NaN intercept": (_set_cell("intercept", 0, np.nan), "intercept.npy holds NaN or infinite"),
    "integer weights": (_set_array("coef", lambda a: a.astype(np.int64)), "coef.npy holds int64"),
    "coef transposed": (_set_array("coef", np.transpose), "coef.npy has shape ("),
    "coef data cut off": (_data_cut_off, "coef.npy is cut or padded"),
    "idf shorter than vocabulary": (_set_array("idf", lambda a: a[:-1]), "idf.npy has shape ("),
    "vocabulary index beyond coef": (_extra_term, "coef.npy has shape ("),
    "vocabulary as term->index map, index out of range": (
        _set_vocabulary(lambda terms: {term: 10**9 for term in terms}),
        "vocabulary.json must be a list of terms",
    ),
    "vocabulary repeats a term": (
        _set_vocabulary(lambda terms: [*terms[:-1], terms[0]]),
        "vocabulary.json lists a term twice",
    ),
    "duplicate labels": (_duplicate_labels, "labels must be distinct non-empty strings"),
    "empty labels list": (_set_header(labels=[]), "labels must be distinct non-empty strings"),
    "empty label": (
        _set_header(labels=["", "a", "b", "c", "d"]), "labels must be distinct non-empty"
    ),
    "label not a string": (
        _set_header(labels=[1, 2, 3, 4, 5]), "labels must be distinct non-empty strings"
    ),
    "label with a lone surrogate": (
        _set_header(labels=["a\ud800", "b", "c", "d", "e"]), "labels must be valid text"
    ),
    "negative temperature": (
        _set_header(temperature=-1.0), "temperature must be a finite positive number, got -1.0"
    ),
    "NaN temperature": (
        _set_header(temperature=float("nan")), "temperature must be a finite positive number"
    ),
    "zero temperature": (_set_header(temperature=0), "temperature must be a finite positive"),
    "temperature as text": (
        _set_header(temperature="1.0"), "temperature must be a finite positive number, got '1.0'"
    ),
    "bad n-gram range": (
        _set_header(analyzer={"char_ngrams": [3, 1], "word_ngrams": None}),
        "analyzer char_ngrams must be [low, high]",
    ),
    "sublinear_tf not a bool": (_set_header(sublinear_tf="yes"), "sublinear_tf must be true"),
    "metadata not an object": (_set_header(metadata=[1, 2]), "metadata must be a JSON object"),
    "no labels field": (
        lambda members, header: header.pop("labels"), "model.json has no 'labels'"
    ),
    "checksum list lacks a member": (
        lambda members, header: header["sha256"].pop("idf.npy"),
        "sha256 must list the checksums of",
    ),
    "member missing": (_drop_intercept, "damaged model file (no intercept.npy)"),
    "zip bomb member": (_bomb, "coef.npy is compressed"),
    "deeply nested JSON": (_deep_json, "maximum recursion depth exceeded"),
    "model.json not UTF-8": (
        lambda members, header: members.update({"model.json": b'{"format": "\xff"}'}),
        "not a readable edusummary model file",
    ),
    "model.json a list": (
        lambda members, header: members.update({"model.json": "[1, 2]"}),
        "not an edusummary model file",
    ),
    "unexpected member name": (
        lambda members, header: members.update({"run.sh": b"rm -rf /"}),
        "unexpected member 'run.sh'",
    ),
    "member path outside the archive": (
        lambda members, header: members.update({"../coef.npy": b"x"}),
        "unexpected member '../coef.npy'",
    ),
}


@pytest.mark.parametrize(("rewrite", "message"), HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_model_file_is_a_model_error_naming_it(model_file, rewrite, message):
    _write_model(model_file, rewrite)
    with pytest.raises(ModelError) as caught:
        edusummary.load_model(model_file)
    assert type(caught.value) is ModelError
    assert str(caught.value).startswith(f"{model_file}: ")
    assert message in str(caught.value)


def test_a_rewritten_but_unchanged_model_file_loads(model, model_file):
    """The rewriting above makes valid files: only the change in each row is refused."""
    _write_model(model_file, lambda members, header: None)
    loaded = edusummary.load_model(model_file)
    np.testing.assert_array_equal(loaded.predict_proba([TEXT]), model.predict_proba([TEXT]))


@pytest.mark.parametrize(
    ("member", "size", "message"),
    [
        ("coef.npy", 2**31, "coef.npy would inflate to 2,147,483,648 bytes"),
        ("model.json", 600 * 2**20, "model.json would inflate to 629,145,600 bytes"),
    ],
)
def test_a_member_declaring_a_huge_size_is_refused_before_inflating(
    model_file, monkeypatch, member, size, message
):
    _declare_size(model_file, member, size)
    opened = []
    original = zipfile.ZipFile.open
    monkeypatch.setattr(
        zipfile.ZipFile, "open",
        lambda self, name, *a, **k: opened.append(str(name)) or original(self, name, *a, **k),
    )
    with pytest.raises(ModelError, match=message) as caught:
        edusummary.load_model(model_file)
    assert str(model_file) in str(caught.value)
    assert opened == []


def test_a_zip_bomb_is_refused_before_inflating(model_file, monkeypatch):
    _write_model(model_file, _bomb)
    opened = []
    original = zipfile.ZipFile.open
    monkeypatch.setattr(
        zipfile.ZipFile, "open",
        lambda self, name, *a, **k: opened.append(str(name)) or original(self, name, *a, **k),
    )
    with pytest.raises(ModelError, match=r"compressed \d[\d,]*:1 \(a zip bomb"):
        edusummary.load_model(model_file)
    assert opened == []


def test_the_shipped_model_passes_every_check():
    model = edusummary.load_model()
    assert len(model.labels) == len(set(model.labels)) >= 5


# -- lone surrogates ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("学前\ud800教育", "学前\ufffd教育"),
        ("\udcff", "\ufffd"),
        ("\ud83d\ude00", "\ufffd\ufffd"),  # a pair split into two code points
        ("幼儿园😀建设", "幼儿园😀建设"),
        ("", ""),
    ],
)
def test_scrub_replaces_lone_surrogates_one_for_one(text, expected):
    assert scrub(text) == expected


CLEAN = TEXT.replace("\ud800", "\ufffd")

SURROGATE_ENTRIES = {
    "Model.predict": lambda m, t: m.predict([t], k=-1),
    "Model.predict_proba": lambda m, t: m.predict_proba([t]).tolist(),
    "Model.explain": lambda m, t: m.explain(t, top=5),
    "Tagger.predict": lambda m, t: edusummary.Tagger(m).predict([t]),
    "Tagger.tag": lambda m, t: [
        (p.text, p.label, p.start, p.end) for p in edusummary.Tagger(m).tag(t).paragraphs
    ],
}


@pytest.mark.parametrize("entry", SURROGATE_ENTRIES.values(), ids=SURROGATE_ENTRIES.keys())
def test_lone_surrogates_are_labelled_as_replacement_characters(model, entry):
    assert entry(model, TEXT) == entry(model, CLEAN)


def test_a_tagged_text_with_lone_surrogates_can_be_written_as_utf8(model):
    report = edusummary.Tagger(model).tag(TEXT)
    assert report.text == CLEAN
    json.dumps([p.text for p in report.paragraphs], ensure_ascii=False).encode("utf-8")


# -- the command line ---------------------------------------------------------------------


@pytest.fixture
def files(model_file, tmp_path) -> dict[str, str]:
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    (tmp_path / "a_file").write_text("不是目录", encoding="utf-8")
    return {"model": str(model_file), "report": str(report), "tmp": str(tmp_path)}


def _run(argv: list[str], files: dict[str, str]) -> int:
    try:
        return main([arg.format(**files) for arg in argv])
    except SystemExit as exc:  # argparse
        return exc.code


ARGPARSE_ERRORS = [
    (["tag", "{report}", "-j", "0"], "argument -j/--jobs: expected a positive number"),
    (["view", "{report}", "--low-confidence", "0"], "expected a number P with 0 < P <= 1, got '0'"),
    (["view", "{report}", "--low-confidence", "1.5"], "0 < P <= 1, got '1.5'"),
    (["view", "{report}", "--low-confidence", "abc"], "0 < P <= 1, got 'abc'"),
    (["view", "{report}", "--low-confidence", "nan"], "0 < P <= 1, got 'nan'"),
    (["suggest", "{report}", "-n", "0", "-o", "{tmp}/s.csv"], "at least 1, got '0'"),
    (["suggest", "{report}", "-n", "-3", "-o", "{tmp}/s.csv"], "at least 1, got '-3'"),
    (["explain", "幼儿园建设", "--top", "0"], "argument --top: expected a whole number"),
]


@pytest.mark.parametrize(("argv", "message"), ARGPARSE_ERRORS)
def test_a_bad_option_is_exit_2_with_argparses_error_line(files, capsys, argv, message):
    assert _run(argv, files) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert message in err.strip().splitlines()[-1]


def _no_pyarrow(monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)


def _no_openpyxl(monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)


def _full_disk_for_csv(monkeypatch):
    pandas = pytest.importorskip("pandas")

    def to_csv(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pandas.DataFrame, "to_csv", to_csv)


def _full_disk(monkeypatch):
    def fsync(descriptor):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", fsync)


root = pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes into read-only folders"
)
no_dev_full = pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")

HANDLER_ERRORS = [
    pytest.param(
        ["train", "{report}", "--char-ngrams", "3,1", "-o", "{tmp}/m.esm"], None, 2,
        "edusummary: char_ngrams must be (low, high) with 1 <= low <= high, got (3, 1)",
        id="train refuses an n-gram range (ValueError)",
    ),
    pytest.param(
        ["train", "{report}", "--C", "-1", "-o", "{tmp}/m.esm"], None, 2,
        "edusummary: C must be a positive number, got -1.0",
        id="train refuses C (ValueError)",
    ),
    # Before training, which takes a minute or more, and not after it.
    pytest.param(
        ["train", "{report}", "-o", "{tmp}"], None, 2,
        "edusummary: {tmp}: is a folder; name a model file in it, such as {tmp}/model.esm",
        id="train -o a folder",
    ),
    pytest.param(
        ["train", "{report}", "-o", "{tmp}/a_file/m.esm"], None, 2,
        "edusummary: {tmp}/a_file/m.esm: {tmp}/a_file is a file, not a folder",
        id="train -o under a file",
    ),
    # An analyst's labelled sheet, written over by the model, is lost.
    pytest.param(
        ["train", "--add", "{report}", "-o", "{report}"], None, 2,
        "edusummary: {report}: is one of the inputs; it would be written over",
        id="train -o its own samples",
    ),
    # --model default (or ./default) reads the shipped model: the file would never be used.
    pytest.param(
        ["train", "{report}", "-o", "./default"], None, 2,
        "edusummary: default: is the name --model gives the shipped model, so no command "
        "would read this file; name it otherwise, such as default.esm",
        id="train -o default",
    ),
    pytest.param(
        ["train", "{report}", "-o", "{tmp}/a_file"], None, 2,
        "edusummary: {tmp}/a_file: exists and is not a model file; name a new file, or "
        "remove it first",
        id="train -o a file that is no model",
    ),
    # So too for the other commands that write a file: a report or a sheet is lost.
    pytest.param(
        ["view", "{report}", "--model", "{model}", "-o", "{report}"], None, 2,
        "edusummary: {report}: is one of the inputs; it would be written over",
        id="view -o its own report",
    ),
    pytest.param(
        ["view", "{report}", "--model", "{model}", "-o", "{tmp}/a_file"], None, 2,
        "edusummary: {tmp}/a_file: exists and is not a page edusummary view wrote; name a new "
        "file, or remove it first",
        id="view -o a file that is no page of its own",
    ),
    pytest.param(
        ["summarize", "{report}", "--model", "{model}", "-o", "{tmp}/labelled.csv"],
        "labelled", 2,
        "edusummary: {tmp}/labelled.csv: exists and is not a summary edusummary wrote; name a "
        "new file, or remove it first",
        id="summarize -o a labelled sheet",
    ),
    pytest.param(
        ["tag", "{report}", "--model", "{model}", "-q", "-o", "{tmp}/labelled.csv"],
        "labelled", 2,
        "edusummary: {tmp}/labelled.csv: exists and is not an output of edusummary tag (there "
        "is no labelled.csv.state.jsonl beside it); name a new file, or remove it first",
        id="tag -o a labelled sheet",
    ),
    pytest.param(
        ["suggest", "{report}", "--model", "{model}", "-o", "{tmp}/labelled.csv"],
        "labelled", 2,
        "edusummary: {tmp}/labelled.csv: exists and is not a sheet to label with no label "
        "filled in; name a new file, or remove it first",
        id="suggest -o a sheet with labels filled in",
    ),
    pytest.param(
        ["view", "{report}", "--model", "{model}", "-o", "{tmp}/a_file/r.html"], None, 2,
        # A missing folder is created (test_viewing); a file in the way is named.
        "edusummary: {tmp}/a_file/r.html: Not a directory",
        id="view -o under a file",
    ),
    pytest.param(
        ["view", "{report}", "--model", "{model}", "-o", "{tmp}/locked/r.html"], "locked", 2,
        "edusummary: {tmp}/locked/r.html: Permission denied",
        id="view -o in a read-only folder", marks=root,
    ),
    pytest.param(
        ["view", "{report}", "--model", "{model}", "-o", "/dev/full"], None, 3,
        "edusummary: no space left writing /dev/full; free some and run again",
        id="view -o on a full disk", marks=no_dev_full,
    ),
    pytest.param(
        # A missing folder is created (test_field_output); a file in the way is named.
        ["summarize", "{report}", "--model", "{model}", "-o", "{tmp}/a_file/s.csv"], None, 2,
        "edusummary: {tmp}/a_file/s.csv: Not a directory",
        id="summarize -o under a file",
    ),
    pytest.param(
        ["summarize", "{report}", "--model", "{model}", "-o", "{tmp}/s.csv"],
        _full_disk_for_csv, 3,
        "edusummary: no space left writing {tmp}/s.csv; free some and run again",
        id="summarize -o on a full disk",
    ),
    pytest.param(
        # A script retrying the files of errors.jsonl on 1 would take the cut output as done.
        ["tag", "{report}", "--model", "{model}", "-q", "-o", "{tmp}/out.jsonl"], _full_disk, 3,
        "edusummary: no space left writing {tmp}/out.jsonl; free some and run again with "
        "--resume, to keep what is written",
        id="tag -o on a full disk",
    ),
    pytest.param(
        ["summarize", "{report}", "--model", "{model}", "-o", "{tmp}/s.xlsx"], _no_openpyxl, 2,
        "edusummary: writing .xlsx files needs openpyxl, which is not installed: "
        "pip install 'edusummary[notebook]'",
        id="summarize -o xlsx without openpyxl",
    ),
    pytest.param(
        ["tag", "{report}", "--model", "{model}", "-o", "{tmp}/out.parquet"], _no_pyarrow, 2,
        "edusummary: tag needs pyarrow, which is not installed: pip install pyarrow",
        id="tag -o parquet without pyarrow",
    ),
    pytest.param(
        ["evaluate", "{report}", "--model", "{tmp}/a_file"], None, 1,
        "edusummary: {tmp}/a_file: not an edusummary model file (not a zip archive)",
        id="a bad model file stays exit 1",
    ),
    pytest.param(
        # It was one "skipped" line per report, as if the model were a report.
        ["summarize", "{report}", "{report}", "--model", "{tmp}/a_file"], None, 1,
        "edusummary: {tmp}/a_file: not an edusummary model file (not a zip archive)",
        id="summarize to stdout with a bad model file",
    ),
]


@pytest.mark.parametrize(("argv", "setup", "status", "line"), HANDLER_ERRORS)
def test_an_error_in_a_command_is_one_line(
    files, capsys, monkeypatch, tmp_path, argv, setup, status, line
):
    if setup == "locked":
        (tmp_path / "locked").mkdir(mode=0o500)
    elif setup == "labelled":
        (tmp_path / "labelled.csv").write_text(
            "text,label\n全县新建公办幼儿园三所，新增学位九百个，毛入园率达到百分之九十五。,preschool\n",
            encoding="utf-8",
        )
    elif setup is not None:
        setup(monkeypatch)
    assert _run(argv, files) == status
    assert capsys.readouterr().err.splitlines() == [line.format(**files)]


def test_explain_takes_a_text_with_lone_surrogates(files, capsys):
    assert _run(["explain", "学前教育\udcff幼儿园建设全面推进", "--model", "{model}"], files) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("preschool (")


def test_explain_takes_an_argument_that_is_not_utf8(files):
    """The shell passes bytes; Python turns undecodable ones into lone surrogates."""
    argument = "学前教育".encode() + b"\xff\xfe" + "幼儿园建设全面推进".encode()
    result = subprocess.run(
        [sys.executable, "-m", "edusummary", "explain", argument, "--model", files["model"]],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(REPO), "LC_ALL": "C.UTF-8"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert result.stdout.decode().startswith("preschool (")


@pytest.mark.parametrize(
    "argv",
    [
        ["view", "{report}", "--model", "{model}", "-o", "{tmp}/r.html"],
        ["summarize", "{report}", "--model", "{model}", "-o", "{tmp}/s.csv"],
        ["tag", "{report}", "--model", "{model}", "-q", "-o", "{tmp}/t.csv"],
        ["suggest", "{report}", "--model", "{model}", "-o", "{tmp}/l.csv"],
    ],
    ids=["view", "summarize", "tag", "suggest"],
)
def test_a_command_run_again_writes_over_its_own_output(files, argv):
    assert _run(argv, files) == 0
    assert _run(argv, files) == 0


def test_view_writes_over_a_page_it_wrote_before_pages_named_their_generator(files):
    page = Path(files["tmp"]) / "old.html"
    assert _run(["view", "{report}", "--model", "{model}", "-o", str(page)], files) == 0
    lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
    page.write_text("".join(line for line in lines if "generator" not in line), encoding="utf-8")
    assert _run(["view", "{report}", "--model", "{model}", "-o", str(page)], files) == 0
