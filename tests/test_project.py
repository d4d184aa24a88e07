"""The project's promises about itself: README commands, CI, shipped files."""

import re

from conftest import REPO


def _readme_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", quick_start)


def test_readme_quick_start_has_two_commands():
    install_and_tag, install_and_test = _readme_commands()
    assert "edusummary tag examples/" in install_and_tag
    assert "pytest" in install_and_test


def test_ci_runs_exactly_the_readme_commands():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for command in _readme_commands():
        assert command in ci


def test_the_examples_the_quick_start_tags_exist():
    assert sorted((REPO / "examples").glob("*.txt"))
