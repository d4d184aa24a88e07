"""The format readers: .docx, .html, .pdf, and the files edusummary refuses clearly."""

import edusummary
from edusummary.reading import Document

PRESCHOOL = "全县新建公办幼儿园三所，学前三年毛入园率提高到百分之九十二。"


def test_text_file_format(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(PRESCHOOL, encoding="utf-8")
    document = edusummary.read(path)
    assert document.format == "txt"
    assert document.encoding == "utf-8"


def test_document_format_defaults_to_text():
    assert Document("正文").format == "txt"
