import codecs

import pytest

import edusummary
from edusummary.errors import ReadError

TEXT = "二〇二三年全县新建公办幼儿园五所，义务教育巩固率达到百分之九十九，课堂教学改革深入推进。"
TRADITIONAL = "今年全縣新建公辦幼兒園五所，學前三年毛入園率達到百分之九十五，課堂教學改革深入推進。"


@pytest.mark.parametrize(
    ("encoding", "data", "expected"),
    [
        ("utf-8", TEXT.encode("utf-8"), "utf-8"),
        ("utf-8 with BOM", codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        ("utf-16", TEXT.encode("utf-16"), "utf-16"),
        ("gbk", TEXT.encode("gbk"), "gb18030"),
        ("gb18030", TEXT.encode("gb18030"), "gb18030"),
    ],
)
def test_encodings_are_detected(tmp_path, encoding, data, expected):
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    document = edusummary.read(path)
    assert document.text == TEXT
    assert document.encoding == expected
    assert document.source == str(path)


def test_big5_is_told_apart_from_gbk(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    document = edusummary.read(path)
    assert document.encoding == "big5"
    assert document.text == TRADITIONAL


def test_missing_file(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        edusummary.read(tmp_path / "nothing.txt")


def test_directory(tmp_path):
    with pytest.raises(ReadError, match="is a directory"):
        edusummary.read(tmp_path)


def test_binary_file_with_txt_name(tmp_path):
    path = tmp_path / "fake.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(ReadError, match="binary"):
        edusummary.read(path)


def test_read_errors_are_edusummary_errors_and_oserrors(tmp_path):
    with pytest.raises(edusummary.EdusummaryError):
        edusummary.read(tmp_path / "nothing.txt")
    with pytest.raises(OSError):
        edusummary.read(tmp_path / "nothing.txt")


def test_read_rejects_non_paths():
    with pytest.raises(TypeError, match="expects a path"):
        edusummary.read(42)


def test_a_large_file_with_bare_carriage_returns_is_cut_between_lines(tmp_path):
    # Cut at 4 pieces' length instead, its paragraphs were split in two and short halves
    # dropped as headings.
    from edusummary.reading.text import stream_text_file

    text = "\r".join(f"第{i}条：全县推进课堂教学改革，建立集体备课制度。" for i in range(300))
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8", newline="")
    encoding, pieces = stream_text_file(path, chunk_chars=256)
    pieces = list(pieces)
    assert encoding == "utf-8" and "".join(pieces) == text and len(pieces) > 10
    assert all(piece.endswith("\r") for piece in pieces[:-1])
