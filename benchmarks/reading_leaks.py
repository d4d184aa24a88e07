"""Reading 1,000 mixed small files leaks neither file handles nor memory.

Builds 1,000 small reports of every kind edusummary reads or refuses (UTF-8, GBK, Big5 and
UTF-16 text, .docx, .html, .pdf, a corrupt .docx, an image named .txt, an old .doc), then
tags all of them three times in one process and prints the open file descriptors and the
resident memory after each round. Flat figures after the first round mean no leak.

    python benchmarks/reading_leaks.py [--files 1000]
"""

from __future__ import annotations

import argparse
import os
import re
import tempfile
from pathlib import Path

import edusummary

PARAGRAPHS = [
    "全县新建公办幼儿园五所，学前三年毛入园率提高到百分之九十二，普惠性幼儿园覆盖率达八成。",
    "全面落实控辍保学责任制，义务教育巩固率达到百分之九十九，城区学校大班额问题全部消除。",
    "各校开展爱国主义教育和文明礼仪养成教育，家长学校实现全覆盖，学生行为习惯明显改善。",
]


def make_files(folder: Path, count: int) -> list[Path]:
    import docx
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    text = "\n\n".join(PARAGRAPHS)
    makers = {
        "utf8.txt": lambda p: p.write_text(text, encoding="utf-8"),
        "gbk.txt": lambda p: p.write_bytes(text.encode("gbk")),
        "big5.txt": lambda p: p.write_bytes("全縣新建公辦幼兒園五所。學前教育".encode("big5") * 3),
        "utf16.txt": lambda p: p.write_text(text, encoding="utf-16"),
        "page.html": lambda p: p.write_text(
            f"<html><head><meta charset='utf-8'></head><body><nav>首页</nav><p>{text}</p>"
            "</body></html>", encoding="utf-8"),
        "corrupt.docx": lambda p: p.write_bytes(b"PK\x03\x04not really a zip"),
        "image.txt": lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200)),
        "old.doc": lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)),
    }

    def write_docx(path: Path) -> None:
        document = docx.Document()
        for paragraph in PARAGRAPHS:
            document.add_paragraph(paragraph)
        document.save(str(path))

    def write_pdf(path: Path) -> None:
        pdf = canvas.Canvas(str(path))
        pdf.setFont("STSong-Light", 12)
        for row, paragraph in enumerate(PARAGRAPHS):
            pdf.drawString(50, 750 - 20 * row, paragraph)
        pdf.save()

    makers["report.docx"] = write_docx
    makers["report.pdf"] = write_pdf
    kinds = list(makers.items())
    paths = []
    for i in range(count):
        name, make = kinds[i % len(kinds)]
        path = folder / f"{i:04d}_{name}"
        make(path)
        paths.append(path)
    return paths


def open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


def resident_mb() -> float:
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmRSS:\s*(\d+)", status).group(1)) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_files(Path(tmp), args.files)
        edusummary.tag("预热：加载模型。全县新建幼儿园五所，入园率达到九成以上。")
        print(f"before: {open_descriptors()} open descriptors, {resident_mb():.1f} MB resident")
        for round_ in range(1, 4):
            tagged = failed = 0
            for path in paths:
                try:
                    edusummary.tag_file(path)
                    tagged += 1
                except edusummary.EdusummaryError:
                    failed += 1
            print(f"round {round_}: {tagged} tagged, {failed} refused; "
                  f"{open_descriptors()} open descriptors, {resident_mb():.1f} MB resident")


if __name__ == "__main__":
    main()
