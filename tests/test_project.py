"""The project's promises about itself: README commands, CI, shipped files."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO


def _readme_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", quick_start)


def test_readme_quick_start_has_two_commands():
    install_and_tag, install_and_test = _readme_commands()
    assert "edusummary tag examples/" in install_and_tag
    assert "pytest" in install_and_test


def test_the_readme_starts_with_its_quick_start():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert re.findall(r"^## .+$", readme, flags=re.M)[0] == "## Quick start"


def test_ci_runs_exactly_the_readme_commands():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for command in _readme_commands():
        assert command in ci


def test_the_examples_the_quick_start_tags_exist():
    assert sorted((REPO / "examples").glob("*.txt"))


def _section_blocks(title):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split(f"## {title}", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section, flags=re.S)


@pytest.mark.slow
def test_the_retrain_section_works_as_written(tmp_path):
    """Run the README's retraining commands in a fresh folder with the examples."""
    (tmp_path / "examples").symlink_to(REPO / "examples")
    # The console script sits beside this interpreter, as in an activated virtualenv.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    commands = "\n".join(_section_blocks("Retrain on your own samples"))
    for line in commands.splitlines():
        command = line.split("  #")[0].strip()
        done = subprocess.run(
            ["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, (command, done.stderr[-2000:])
    import edusummary

    assert "teacher_workforce" in edusummary.load_model(tmp_path / "my.esm").labels
    assert (tmp_path / "to_label.csv").is_file()
    assert (tmp_path / "tagged_mine.csv").read_text(encoding="utf-8-sig").count("\n") > 20


def test_the_held_out_sets_are_valid_records_none_of_them_in_the_training_data():
    # A held-out paragraph copied into data/ would make every figure measured on the set
    # (README, closing notes) a measure of recall, not of reports the model never saw.
    import edusummary
    from edusummary.model.validation import validate

    sets = sorted((REPO / "benchmarks" / "heldout").glob("*.jsonl"))
    assert sets
    result = validate(sets)
    assert not [p for p in result.problems if "near duplicate" not in p], result.problems
    trained = {r.text for r in edusummary.read_records(REPO / "data")}
    held_out = [r for path in sets for r in edusummary.read_records(path)]
    assert len(held_out) >= 400
    assert not [r.text for r in held_out if r.text in trained]
