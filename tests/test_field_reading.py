"""Files met in the field that once hung, crashed or ran for minutes: each is now read, or
refused with a ReadError naming it, at once."""

import os
import re
import resource
import signal
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

import edusummary
from edusummary.errors import ReadError
from edusummary.reading import READERS, Document

REPORT = "全县新建公办幼儿园三所，学前三年毛入园率提高到百分之九十二。"


@dataclass(frozen=True)
class Refused:
    """Reading raises ReadError with this message fragment."""

    fragment: str


@dataclass(frozen=True)
class Read:
    """Reading gives this text, with a warning holding this fragment (if any)."""

    text: str
    warning: str | None = None


# --- the files -------------------------------------------------------------------------


def fifo(tmp_path):
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


def link_to_dev_zero(tmp_path):
    path = tmp_path / "zero.txt"
    path.symlink_to("/dev/zero")
    return path


def dev_null(tmp_path):
    return Path("/dev/null")


def symlink_loop(tmp_path):
    path = tmp_path / "loop.txt"
    path.symlink_to(path)
    return path


def name_too_long(tmp_path):
    return tmp_path / ("报告" * 100 + ".txt")


def nul_in_path(tmp_path):
    return str(tmp_path / "report\x00.txt")


def page_declaring(charset, body=REPORT):
    def make(tmp_path):
        path = tmp_path / "report.html"
        head = f'<html><head><meta charset="{charset}"></head>'
        # Not UTF-8, so that the declaration is taken at its word.
        path.write_text(f"{head}<body><p>{body}</p></body></html>", encoding="gbk")
        return path

    return make


def surrogate_from_a_reader(tmp_path):
    # A reader of the user's own, as a broken PDF character map would, yields a surrogate.
    path = tmp_path / "report.broken"
    path.write_text("正文", encoding="utf-8")
    return path


def docx_with(parts):
    """A .docx with the parts of an empty Word document, and ``parts`` on top."""

    def make(tmp_path):
        import docx

        path = tmp_path / "report.docx"
        docx.Document().save(str(path))
        with zipfile.ZipFile(path) as package:
            skeleton = {
                info.filename: package.read(info)
                for info in package.infolist()
                if info.filename not in parts
            }
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
            for name, data in skeleton.items():
                package.writestr(name, data)
            for name, (byte_count, chunk) in parts.items():
                with package.open(name, "w", force_zip64=True) as member:
                    for _ in range(byte_count // len(chunk)):
                        member.write(chunk)
        return path

    return make


MB = 1 << 20


def docx_with_many_parts(tmp_path):
    path = docx_with({})(tmp_path)
    with zipfile.ZipFile(path, "a") as package:
        for number in range(10_001):
            package.writestr(f"word/media/image{number}.png", b"")
    return path


def docx_of_unknown_zip_version(tmp_path):
    path = docx_with({})(tmp_path)
    data = bytearray(path.read_bytes())
    directory = data.rindex(b"PK\x01\x02")
    data[directory + 6] = 0xFF  # the zip version needed to extract the part
    path.write_bytes(bytes(data))
    return path


def text_file(data):
    def make(tmp_path):
        path = tmp_path / "report.txt"
        path.write_bytes(data)
        return path

    return make


# Two lines, so that a bad byte sits in a file that is otherwise good UTF-8 line by line.
LINES = REPORT + "\n" + "二是推进课堂教学改革，全县中小学建立集体备课制度。\n"


# --- the table ---------------------------------------------------------------------------

CASES = [
    pytest.param(fifo, Refused("pipe.txt: not a regular file (a named pipe)"), id="fifo"),
    pytest.param(
        link_to_dev_zero,
        Refused("zero.txt: not a regular file (a character device)"),
        id="symlink-to-dev-zero",
    ),
    pytest.param(dev_null, Refused("/dev/null: not a regular file"), id="character-device"),
    pytest.param(symlink_loop, Refused("loop.txt: cannot be read"), id="symlink-loop"),
    pytest.param(name_too_long, Refused("报告报告.txt: cannot be read"), id="name-too-long"),
    pytest.param(
        nul_in_path, Refused(r"report\x00.txt: the path contains a NUL byte"), id="nul-in-path"
    ),
    *(
        pytest.param(
            page_declaring(charset),
            Read(
                REPORT,
                f"declares charset '{charset}', which is not a known text encoding; "
                "decoded as gb18030",
            ),
            id=f"charset-{charset}",
        )
        for charset in ["base64", "rot13", "zlib", "hex", "undefined", "no-such-charset"]
    ),
    pytest.param(
        # An ASCII page in UTF-7, where +2AA- is U+D800.
        page_declaring("utf-7", body="教育".encode("utf-7").decode() + "+2AA-"),
        Read("教育\ufffd", "1 broken characters (lone surrogates) replaced with U+FFFD"),
        id="utf7-lone-surrogate",
    ),
    pytest.param(
        surrogate_from_a_reader,
        Read("正\ufffd文", "1 broken characters (lone surrogates) replaced with U+FFFD"),
        id="reader-lone-surrogate",
    ),
    pytest.param(
        text_file(LINES.encode()[:30] + b"\xff" + LINES.encode()[30:]),
        Read(LINES[:10] + "\ufffd" + LINES[10:], "bytes at 30 are not valid utf-8"),
        id="utf8-with-a-bad-byte",
    ),
    pytest.param(
        text_file(LINES.encode("gbk")[:-2]),  # cut inside the full stop before the line break
        Read(LINES[:-2] + "\ufffd", "are not valid gb18030; they were replaced"),
        id="gbk-cut-inside-a-character",
    ),
    *(
        pytest.param(text_file(LINES.encode(codec)), Read(LINES), id=f"{codec}-without-bom")
        for codec in ("utf-16-le", "utf-16-be")
    ),
    pytest.param(
        docx_with({"word/document.xml": (20 * MB, b"a" * MB)}),
        Refused("report.docx: refused as a likely zip bomb: word/document.xml would inflate"),
        id="docx-packed-1000-to-1",
    ),
    pytest.param(
        docx_with({"word/media/image1.png": (210 * MB, b"a" * MB)}),
        Refused("word/media/image1.png would inflate to 220 MB"),
        id="docx-part-over-200mb",
    ),
    pytest.param(
        docx_with_many_parts,
        Refused("report.docx: refused as a likely zip bomb: 10,0"),
        id="docx-10001-parts",
    ),
    pytest.param(
        docx_of_unknown_zip_version,
        Refused("report.docx: not a valid .docx file (it is not a zip package)"),
        id="docx-unknown-zip-version",
    ),
]


@pytest.fixture
def surrogate_reader():
    READERS[".broken"] = lambda path: Document(
        text="正\ud800文", source=str(path), format="txt"
    )
    yield
    del READERS[".broken"]


@pytest.fixture
def no_hang():
    """Fail instead of hanging when a read blocks (on a FIFO), or of filling the memory
    when it never ends (on /dev/zero)."""

    def give_up(signum, frame):
        raise TimeoutError("the read blocked")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.setitimer(signal.ITIMER_REAL, 10)
    limits = resource.getrlimit(resource.RLIMIT_AS)
    in_use = int(re.search(r"VmSize:\s*(\d+)", Path("/proc/self/status").read_text())[1])
    resource.setrlimit(resource.RLIMIT_AS, (in_use * 1024 + (1 << 30), limits[1]))
    yield
    resource.setrlimit(resource.RLIMIT_AS, limits)
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize(("make", "expected"), CASES)
def test_field_file(tmp_path, make, expected, surrogate_reader, no_hang):
    path = make(tmp_path)
    start = time.perf_counter()
    if isinstance(expected, Refused):
        with pytest.raises(ReadError, match=re.escape(expected.fragment)):
            edusummary.read(path)
    else:
        document = edusummary.read(path)
        assert document.text == expected.text
        document.text.encode("utf-8")
        if expected.warning is None:
            assert document.warnings == ()
        else:
            assert [w for w in document.warnings if expected.warning in w] != []
    assert time.perf_counter() - start < 2


def test_a_page_of_many_paragraphs_reads_in_linear_time(tmp_path):
    # Reading took time quadratic in the number of paragraphs: 8,000 took 8 to 15 s.
    path = tmp_path / "long.html"
    paragraphs = [f"第{number}条：{REPORT}" for number in range(30_000)]
    path.write_text("<body>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</body>")
    start = time.perf_counter()
    document = edusummary.read(path)
    assert time.perf_counter() - start < 15
    assert document.text == "\n\n".join(paragraphs)


def test_a_table_whose_rows_and_cells_are_left_open_reads_in_linear_time(tmp_path):
    # The parser nests each open row (and each cell, each unclosed <font>) in the one
    # before; searching every row's subtree made 1,000 such rows take 83 s.
    path = tmp_path / "open_rows.html"
    rows = "".join(f"<tr><td>第{n}小学<td>{90 + n % 10}.5%<td>{n}" for n in range(2_000))
    path.write_text(f"<body><h1>各校义务教育入学率统计表</h1><table>{rows}</table></body>")
    start = time.perf_counter()
    document = edusummary.read(path)
    assert time.perf_counter() - start < 10
    assert len(document.table_rows) == 2_000
    assert document.text.splitlines()[-1] == "第1999小学\t99.5%\t1999"

    cell = "".join(f"<font face='宋体'><p>第{n}条：{REPORT}" for n in range(8_000))
    path.write_text(f"<body><table><tr><td>{cell}</td></tr></table></body>")
    start = time.perf_counter()
    document = edusummary.read(path)
    assert time.perf_counter() - start < 10
    assert document.text.splitlines()[-1] == f"第7999条：{REPORT}"
