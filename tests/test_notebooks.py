"""The notebooks run top to bottom on the example reports, and are kept without outputs."""

import pytest
from conftest import REPO

NOTEBOOKS = REPO / "notebooks"
NAMES = ["01_quickstart.ipynb", "02_bulk_summary.ipynb", "03_retrain.ipynb"]
#: Notebooks that retrain the full model are slow.
RUNS = [
    pytest.param(name, marks=pytest.mark.slow) if "retrain" in name else name for name in NAMES
]


def test_the_notebooks_are_there_and_committed_without_outputs():
    nbformat = pytest.importorskip("nbformat")
    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == NAMES
    for name in NAMES:
        notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
        for cell in notebook.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, name


@pytest.mark.parametrize("name", RUNS)
def test_notebook_runs_top_to_bottom(name):
    # The notebook extra (and a kernel) may be missing: then there is nothing to run.
    for module in ("nbformat", "nbclient", "ipykernel", "pandas", "openpyxl", "matplotlib"):
        pytest.importorskip(module)
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = NotebookClient(
        notebook, timeout=600, kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()
    errors = [
        output for cell in notebook.cells if cell.cell_type == "code"
        for output in cell.outputs if output.output_type == "error"
    ]
    assert not errors
