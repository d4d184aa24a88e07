"""Checks against the real reports in ../shared (skipped where it is absent)."""

import json
import re

from edusummary.cli import main


def test_tagging_the_seed_reports_loses_no_text(shared, tmp_path):
    import edusummary

    seeds = sorted((shared / "seeds").glob("*.txt"))
    out = tmp_path / "out.jsonl"
    assert main(["tag", *map(str, seeds), "-o", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {row["source"] for row in rows} == {str(p) for p in seeds}
    for path in seeds:
        report = edusummary.tag_file(path)
        pieces = [p.text for p in report.paragraphs]
        pieces += [s.text for s in report.headings] + [s.text for s in report.removed]
        spans = sorted(
            [(p.start, p.text) for p in report.paragraphs]
            + [(s.start, s.text) for s in report.headings + report.removed]
        )
        # Every non-blank character of the file is in a paragraph, a heading or removed text.
        source = re.sub(r"\s", "", report.text)
        assert sorted(source) == sorted(re.sub(r"\s", "", "".join(pieces)))
        assert len(spans) == len(pieces)
        assert len([r for r in rows if r["source"] == str(path)]) == len(report.paragraphs)


def test_the_shipped_model_reaches_the_issue_3_bar_on_seeds_dev(shared, capsys):
    assert main(["evaluate", str(shared / "eval" / "seeds_dev.jsonl"), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["macro_f1"] >= 0.85
