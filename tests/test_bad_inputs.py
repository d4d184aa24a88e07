"""Bad and odd inputs, and exactly what each one gets.

Every row of CASES builds an input in a temporary folder and says the outcome: an error of
a given class whose message names the input, or a labelled result with given properties.
Nothing is silently lost: a result either labels the text or says why it did not.
"""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from _doc_writer import write_ole
from hypothesis import given, settings
from hypothesis import strategies as st
from test_readers import encrypt, write_docx, write_pdf

import edusummary
from edusummary import DataError, EdusummaryError, EdusummaryWarning, ModelError, ReadError
from edusummary.topics import LOW_CONFIDENCE, NOT_CHINESE, REVIEW

PRESCHOOL = "全县新建公办幼儿园五所，学前三年毛入园率提高到百分之九十二，普惠性幼儿园覆盖率达八成。"
BALANCE = "全面落实控辍保学责任制，义务教育巩固率达到百分之九十九，城区学校大班额问题全部消除。"
MORAL = "各校开展爱国主义教育和文明礼仪养成教育，家长学校实现全覆盖，学生行为习惯明显改善。"
#: Two articles as a scraper writes them, one JSON object a line.
ARTICLES = (
    f'{{"title": "东岭县召开教育工作会议", "url": "http://example.cn/1.html", '
    f'"date": "2024-02-20", "content": "{PRESCHOOL}"}}\n'
    f'{{"title": "东岭县推进控辍保学", "url": "http://example.cn/2.html", '
    f'"date": "2024-03-05", "content": "{BALANCE}"}}\n'
)
ENGLISH = (
    "The county education bureau opened five new public kindergartens this year and "
    "raised the enrolment rate for three-year preschool education to ninety-two percent."
)


@dataclass
class Case:
    """An input (built by ``make(tmp_path)``) and the outcome it must get.

    ``error``/``message``: the error class and a pattern its message must match (the input
    is named in it). ``check``: for inputs that are labelled, a function of the result.
    """

    name: str
    make: Callable[[Path], object]
    call: Callable[[object], object] = edusummary.tag_file
    error: type[Exception] | None = None
    message: str = ""
    check: Callable[[object], None] | None = None


def write(name: str, data: bytes | str, encoding: str = "utf-8"):
    def make(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
        return path

    return make


def labels(report) -> list[str]:
    return [p.label for p in report.paragraphs]


def no_paragraphs_with_warning(fragment: str):
    def check(report) -> None:
        assert report.paragraphs == []
        assert any(fragment in w for w in report.warnings), report.warnings

    return check


def corrupt_docx(tmp: Path) -> Path:
    path = tmp / "corrupt.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><w:body><w:p>未闭合")
    return path


def tables_only_docx(tmp: Path) -> Path:
    def build(document):
        table = document.add_table(rows=2, cols=1)
        table.cell(0, 0).text = PRESCHOOL
        table.cell(1, 0).text = BALANCE

    return write_docx(tmp / "tables.docx", build)


def excel_named_doc(tmp: Path) -> Path:
    return write_ole(tmp / "sheet.doc", {"Workbook": b"\x09\x08"})


def encrypted_pdf(tmp: Path) -> Path:
    plain = write_pdf(tmp / "plain.pdf", [[PRESCHOOL[:20], PRESCHOOL[20:]]])
    return encrypt(plain, tmp / "locked.pdf", user_password="secret")


def scanned_pdf(tmp: Path) -> Path:
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    path = tmp / "scan.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.drawImage(ImageReader(Image.new("L", (40, 60), 128)), 50, 50, 400, 600)
    pdf.showPage()
    pdf.save()
    return path


def _workbook(path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active["A1"] = "全县新建公办幼儿园五所。"
    book.save(path)
    return path


def unreadable(tmp: Path) -> Path:
    path = tmp / "locked.txt"
    path.write_text(PRESCHOOL, encoding="utf-8")
    path.chmod(0)
    return path


def check_mixed_encodings(report) -> None:
    assert [p.text for p in report.paragraphs] == [PRESCHOOL, BALANCE]
    assert any("mixed encodings" in w for w in report.warnings)


def check_line_endings(report) -> None:
    assert [p.text for p in report.paragraphs] == [PRESCHOOL, BALANCE, MORAL]
    assert labels(report) == ["preschool", "compulsory_balance", "moral_education"]


def check_long_line(report) -> None:
    assert all(len(p.text) <= 1500 for p in report.paragraphs)
    assert "".join(p.text for p in report.paragraphs) == (PRESCHOOL + BALANCE) * 560


def check_emoji_and_control(report) -> None:
    assert labels(report) == ["preschool", "compulsory_balance"]
    first = report.paragraphs[0]
    assert "😀" in first.text and report.text[first.start : first.end] == first.text


def check_english(report) -> None:
    (paragraph,) = report.paragraphs
    assert paragraph.label == "other"
    assert paragraph.flags == (NOT_CHINESE, LOW_CONFIDENCE, REVIEW)
    assert paragraph.confidence == pytest.approx(1 / len(edusummary.LABELS))
    assert any("is this a Chinese report" in w for w in report.warnings)


def check_traditional(report) -> None:
    assert report.encoding == "big5"
    assert labels(report) == ["preschool", "compulsory_balance"]


def check_tables(report) -> None:
    assert labels(report) == ["preschool", "compulsory_balance"]


def check_furniture_only(report) -> None:
    assert report.paragraphs == []
    assert len(report.removed) == 3


def check_lying_suffix(report) -> None:
    assert labels(report) == ["preschool"]
    assert any("despite its .txt name" in w for w in report.warnings)


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
MIXED = PRESCHOOL.encode("utf-8") + b"\n\n" + BALANCE.encode("gbk") + b"\n"
TRADITIONAL = (
    "全縣新建公辦幼兒園五所，學前三年毛入園率提高到百分之九十二，普惠性幼兒園覆蓋率達八成。\n\n"
    "全面落實控輟保學責任制，義務教育鞏固率達到百分之九十九，城區學校大班額問題全部消除。\n"
)
FURNITURE = "首页 > 范文 > 工作总结\n上一篇：某单位年度总结\n本文来源于网络，如有侵权请联系删除\n"


def lying_pdf(tmp: Path) -> Path:
    path = write_pdf(tmp / "real.pdf", [[PRESCHOOL[:22], PRESCHOOL[22:]]])
    return path.rename(tmp / "report.txt")


CASES = [
    Case("empty file", write("empty.txt", b""), check=no_paragraphs_with_warning("is empty")),
    Case(
        "whitespace only",
        write("blank.txt", " \n\t\n\u3000\r\n"),
        check=no_paragraphs_with_warning("only whitespace"),
    ),
    Case(
        "binary data named .txt",
        write("data.txt", bytes(range(256)) * 4),
        error=ReadError,
        message=r"data\.txt: looks like a binary file",
    ),
    Case(
        "an image named .txt",
        write("scan.txt", PNG),
        error=ReadError,
        message=r"scan\.txt: is an image \(a PNG image, binary data despite its \.txt name\)",
    ),
    Case("mixed encodings in one file", write("mixed.txt", MIXED), check=check_mixed_encodings),
    Case(
        "mixed line endings",
        write("endings.txt", f"{PRESCHOOL}\r\n\r\n{BALANCE}\r\r{MORAL}\n"),
        check=check_line_endings,
    ),
    Case(
        "a 100,000-character single line",
        write("long.txt", (PRESCHOOL + BALANCE) * 560),
        check=check_long_line,
    ),
    Case(
        "emoji and control characters",
        write("emoji.txt", f"😀\x07{PRESCHOOL}😀\x1b\n\n{BALANCE}\x0c\n"),
        check=check_emoji_and_control,
    ),
    Case("English-only text", write("english.txt", ENGLISH), check=check_english),
    Case("Traditional Chinese in Big5", write("big5.txt", TRADITIONAL, "big5"),
         check=check_traditional),
    Case("page furniture only", write("furniture.txt", FURNITURE), check=check_furniture_only),
    Case("a PDF named .txt", lying_pdf, check=check_lying_suffix),
    Case(
        "a corrupt .docx",
        corrupt_docx,
        error=ReadError,
        message=r"corrupt\.docx: not a valid \.docx file",
    ),
    Case("a .docx with only tables", tables_only_docx, check=check_tables),
    Case(
        "a damaged .doc file",
        write("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)),
        error=ReadError,
        message=r"old\.doc: a damaged OLE2 file, not readable as a \.doc .*save it as \.docx",
    ),
    Case(
        "an .xls saved as .doc",
        excel_named_doc,
        error=ReadError,
        message=r"sheet\.doc: is an Excel workbook \(\.xls\), not a Word document; for "
        r"reports held one per row, .*edusummary\.tag_texts",
    ),
    Case(
        "an encrypted PDF",
        encrypted_pdf,
        error=ReadError,
        message=r"locked\.pdf: the PDF is encrypted; remove the password",
    ),
    Case(
        "a scanned PDF",
        scanned_pdf,
        error=ReadError,
        message=r"scan\.pdf: the PDF has no text layer",
    ),
    Case(
        "a zip archive",
        write("reports.zip", b"PK\x05\x06" + bytes(18)),
        error=ReadError,
        message=r"reports\.zip: is an archive; extract the reports first",
    ),
    Case(
        "an Excel workbook",
        lambda tmp: _workbook(tmp / "统计表.xlsx"),
        error=ReadError,
        # Not "binary data despite its .xlsx name": the name is right, the kind is not read.
        message=r"统计表\.xlsx: is a spreadsheet, not a report; to tag reports held one per row, "
        r"read it with pandas and pass the column of their text to edusummary\.tag_texts",
    ),
    Case(
        # A sheet of reports, one a row: read as text, its rows had been glued into
        # paragraphs with their commas and quotes, and tagged without a word.
        "a CSV sheet of reports",
        write(
            "reports.csv",
            f'编号,标题,正文\nR1,清溪县教育局2023年工作总结,"{PRESCHOOL}"\n'.encode("utf-8-sig"),
        ),
        error=ReadError,
        message=r"reports\.csv: is a spreadsheet, not a report; .*train --add or evaluate",
    ),
    Case(
        # A scraper's articles, one a line: read as text, the JSON's keys, quotes and
        # braces had been read into paragraphs, and the articles glued into one report.
        "a scraper's articles as JSON lines",
        write("articles.jsonl", ARTICLES),
        error=ReadError,
        message=r"articles\.jsonl: is JSON data, not a report; to tag reports held one per "
        r"record, read them with df = pandas\.read_json\(path, lines=True\) and pass "
        r'df\["content"\] to edusummary\.tag_texts',
    ),
    Case(
        "a scraper's articles as a JSON array",
        write("articles.json", "[\n  " + ARTICLES.replace("\n", ",\n  ").rstrip(", \n") + "\n]"),
        error=ReadError,
        message=r"articles\.json: is JSON data, not a report; .*pandas\.read_json\(path\) and "
        r'pass df\["content"\]',
    ),
    Case(
        "labelled paragraphs as JSON lines",
        write("mine.ndjson", f'{{"text": "{PRESCHOOL}", "label": "preschool"}}\n'),
        error=ReadError,
        message=r"mine\.ndjson: is JSON data, not a report; to score a model on its labelled "
        r"records, or train on them, pass it to edusummary evaluate or train --add",
    ),
    Case(
        # A map's places (a county's schools) as GeoJSON: read as text, its keys, braces
        # and coordinates had been read into a paragraph and tagged.
        "GeoJSON",
        write(
            "学校分布.geojson",
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
            '{"name": "青山县实验小学", "学段": "小学"}, "geometry": {"type": "Point", '
            '"coordinates": [112.5, 30.1]}}]}\n',
        ),
        error=ReadError,
        message=r"学校分布\.geojson: is JSON data, not a report; its records hold no field of "
        r"text .* it is data, not reports",
    ),
    Case(
        # One value over many lines, not JSON lines: the advice reads it whole.
        "GeoJSON whose places hold a text",
        write(
            "通知.geojson",
            '{\n "type": "FeatureCollection",\n "features": [\n  {"type": "Feature", '
            f'"properties": {{"content": "{PRESCHOOL}"}}, "geometry": null}}\n ]\n}}\n',
        ),
        error=ReadError,
        message=r"通知\.geojson: is JSON data, not a report; .*pandas\.json_normalize\("
        r"json\.load\(file\), record_path=\['features'\]\) and pass "
        r'df\["properties\.content"\]',
    ),
    Case(
        # JSON named as text is the user's to call text: no content is sniffed for JSON.
        "JSON lines named .txt",
        write("articles.txt", ARTICLES),
        check=lambda report: len(report.paragraphs) >= 1,
    ),
    Case(
        "a path that does not exist",
        lambda tmp: tmp / "nowhere.txt",
        error=ReadError,
        message=r"nowhere\.txt: no such file",
    ),
    Case("a directory", lambda tmp: tmp, error=ReadError, message="is a directory"),
    Case(
        "a permission-denied file",
        unreadable,
        error=ReadError,
        message=r"locked\.txt: permission denied",
    ),
    Case(
        "predict(None)",
        lambda tmp: None,
        call=edusummary.predict,
        error=TypeError,
        message="texts must be a list of strings, got NoneType",
    ),
    Case(
        "predict a single string",
        lambda tmp: PRESCHOOL,
        call=edusummary.predict,
        error=TypeError,
        message="got a single str; wrap it in a list",
    ),
    Case(
        "predict numbers",
        lambda tmp: [3.14],
        call=edusummary.predict,
        error=TypeError,
        message=r"texts\[0\] must be a str, got float: 3\.14",
    ),
    Case(
        "predict bytes",
        lambda tmp: [PRESCHOOL, PRESCHOOL.encode()],
        call=edusummary.predict,
        error=TypeError,
        message=r"texts\[1\] must be a str, got bytes",
    ),
    Case(
        "predict a list of mixed types",
        lambda tmp: [PRESCHOOL, BALANCE, None, 7],
        call=edusummary.predict,
        error=TypeError,
        message=r"texts\[2\] must be a str, got NoneType: None",
    ),
    Case(
        "tag(bytes)",
        lambda tmp: PRESCHOOL.encode(),
        call=edusummary.tag,
        error=TypeError,
        message="tag\\(\\) expects the report text as str, got bytes",
    ),
    Case(
        "tag(a Path)",
        lambda tmp: tmp / "report.txt",
        call=edusummary.tag,
        error=TypeError,
        message="to tag a file use tag_file",
    ),
    Case(
        "an empty string",
        lambda tmp: "",
        call=edusummary.tag,
        check=lambda report: (
            report.paragraphs == [] and report.warnings == ["text: empty; there is nothing to tag"]
        ) or pytest.fail(),
    ),
    Case(
        "load a model file that is a text file",
        write("model.esm", "这不是模型"),
        call=edusummary.load_model,
        error=ModelError,
        message=r"model\.esm: not an edusummary model file \(not a zip archive\)",
    ),
    Case(
        "train strictly on records with an unknown label",
        write("bad.jsonl", '{"text": "' + PRESCHOOL + '", "label": "幼教"}\n'),
        call=lambda path: edusummary.train(path, strict=True),
        error=DataError,
        message=r"1 bad rows in the samples:\n.*bad\.jsonl:1: unknown label '幼教'",
    ),
    Case(
        "train on nothing but rejected rows",
        write("bad.jsonl", '{"text": "' + PRESCHOOL + '", "label": "幼教"}\n'),
        call=edusummary.train,
        error=DataError,
        message=r"labels that are not in the label set: '幼教' \(1 row, the first at "
        r"\S*bad\.jsonl:1\); .*--label 幼教",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input(case: Case, tmp_path, monkeypatch):
    given_input = case.make(tmp_path)
    if case.name == "a permission-denied file" and os.access(given_input, os.R_OK):
        # Running as root reads any file: make opening it fail as it would for a user.
        real_open = Path.open

        def denied(self, *args, **kwargs):
            if self == given_input:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)

        monkeypatch.setattr(Path, "open", denied)
        monkeypatch.setattr(Path, "read_bytes", lambda self: denied(self).read())
    if case.error is not None:
        with pytest.raises(case.error, match=case.message):
            case.call(given_input)
        return
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("always")
        result = case.call(given_input)
    case.check(result)
    # What a report's warnings say reaches a notebook user as warnings, once each.
    said = [str(w.message) for w in shown if w.category is EdusummaryWarning]
    if isinstance(result, edusummary.Report):
        assert said == list(result.warnings)


def test_the_table_is_long_enough():
    assert len(CASES) >= 25
    assert all(issubclass(c.error, (EdusummaryError, TypeError)) for c in CASES if c.error)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
@pytest.mark.filterwarnings("ignore::edusummary.EdusummaryWarning")
def test_labelling_never_raises_on_any_unicode_string(text):
    report = edusummary.tag(text)
    for paragraph in report.paragraphs:
        assert paragraph.label in edusummary.LABELS
        assert 0.0 <= paragraph.confidence <= 1.0
    assert len(edusummary.predict([text])) == 1


@pytest.mark.slow
def test_a_200_mb_text_file_is_tagged_in_bounded_memory(tmp_path):
    # 200 MB of report text, written in blocks; tagged by a new process whose peak memory
    # is read from /proc (Linux).
    if not Path("/proc/self/status").exists():
        pytest.skip("needs /proc to read the peak memory")
    # Paragraphs of a few hundred characters, as in real reports.
    paragraphs = [PRESCHOOL * 5, BALANCE * 5, MORAL * 5]
    block = ("\n\n".join(paragraphs * 200) + "\n\n").encode("utf-8")
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        for _ in range(200 * 2**20 // len(block) + 1):
            handle.write(block)
    size = path.stat().st_size
    out = tmp_path / "huge.jsonl"
    code = (
        "import re, sys\n"
        "from edusummary.cli import main\n"
        f"status = main(['tag', {str(path)!r}, '-q', '-o', {str(out)!r}])\n"
        "peak = re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read()).group(1)\n"
        "print(peak)\n"
        "sys.exit(status)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    peak_mb = int(done.stdout.split()[-1]) / 1024
    assert size >= 200 * 2**20
    print(f"peak memory {peak_mb:.0f} MB tagging a {size / 2**20:.0f} MB file")
    assert peak_mb < 200, f"peak memory {peak_mb:.0f} MB for a {size / 2**20:.0f} MB file"
    expected = (size // len(block)) * 600
    with open(out, "rb") as handle:
        rows = sum(1 for _ in handle)
    assert expected <= rows <= expected + 600


@pytest.mark.slow
def test_tag_file_of_a_20_mb_report_stays_under_200_mb(tmp_path):
    # tag_file keeps the whole report: its text (14 MB here), each paragraph's text and
    # some 40,000 Paragraph objects with their scores (about 550 bytes each besides the
    # text), on top of the model's 82 MB. Paragraphs of 130-210 characters, as in real
    # reports; shorter ones make more objects for the same size of file (paragraphs of 110
    # characters: 63,000 of them, about 25 MB more). Measured: 175-181 MB.
    if not Path("/proc/self/status").exists():
        pytest.skip("needs /proc to read the peak memory")
    paragraphs = [PRESCHOOL * 4, BALANCE * 4, MORAL * 4, (PRESCHOOL + BALANCE) * 2, MORAL * 5,
                  BALANCE * 3]
    path = tmp_path / "big.txt"
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(10**9):
            if i % 50 == 0:
                handle.write(f"第{i // 50 + 1}部分\n\n")
            handle.write(f"{i % 50 + 1}. {paragraphs[i % len(paragraphs)]}\n\n")
            if handle.tell() >= 20 * 2**20:
                break
    code = (
        "import re, edusummary\n"
        f"report = edusummary.tag_file({str(path)!r})\n"
        "print(len(report.paragraphs))\n"
        "print(re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read()).group(1))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    count, peak_kib = map(int, done.stdout.split()[-2:])
    assert count > 30_000
    assert peak_kib / 1024 < 200, f"peak memory {peak_kib / 1024:.0f} MB"


def test_reading_many_files_leaves_no_file_open(tmp_path):
    if not Path("/proc/self/fd").exists():
        pytest.skip("needs /proc to count open files")
    makers = [
        write("a.txt", PRESCHOOL),
        write("b.txt", BALANCE, "gbk"),
        tables_only_docx,
        corrupt_docx,
        write("scan.txt", PNG),
        lying_pdf,
        lambda tmp: tmp / "missing.txt",
    ]
    paths = [make(tmp_path) for make in makers]
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(30):
        for path in paths:
            try:
                edusummary.tag_file(path)
            except ReadError:
                pass
    assert len(os.listdir("/proc/self/fd")) == before
