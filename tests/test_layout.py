"""The package layout tells the pipeline: each stage imports only from the stages before it."""

from __future__ import annotations

import ast
from pathlib import Path

import edusummary

PACKAGE = Path(edusummary.__file__).parent
#: The stages in the order data flows through them; top-level modules (errors, topics, the
#: character classes) come before all of them and the public surface after.
STAGES = ("reading", "text", "model", "reports", "batch", "views", "cli")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _stage(module: str) -> int:
    parts = module.split(".")
    if module == "edusummary" or parts[1:2] == ["__main__"]:
        return len(STAGES) + 1
    if len(parts) > 1 and parts[1] in STAGES:
        return STAGES.index(parts[1]) + 1
    return 0


def _is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _imports(path: Path) -> set[str]:
    """Every edusummary module ``path`` imports when run, at the top or inside functions;
    imports for type checkers only are left out."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if _is_type_checking(node):
            return
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("edusummary"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("edusummary"):
                for alias in node.names:
                    sub = f"{target}.{alias.name}"
                    known = PACKAGE.parent / sub.replace(".", "/")
                    is_module = known.with_suffix(".py").exists() or known.is_dir()
                    found.add(sub if is_module else target)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    found.discard(module)
    return found


def _graph() -> dict[str, set[str]]:
    return {_module_name(p): _imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_no_module_imports_from_a_later_stage():
    backwards = [
        f"{module} (stage {_stage(module)}) imports {target} (stage {_stage(target)})"
        for module, targets in _graph().items()
        for target in sorted(targets)
        if _stage(target) > _stage(module)
    ]
    assert not backwards, "\n".join(backwards)


def test_no_import_cycles():
    graph = _graph()
    # A package's __init__ importing its own submodules is not a cycle of substance.
    edges = {
        m: {t for t in ts if not m.startswith(t + ".") and t in graph} for m, ts in graph.items()
    }
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def walk(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(edges[node]):
            if state.get(target) == 1:
                cycles.append([*trail[trail.index(target):], target])
            elif target not in state:
                walk(target, [*trail, target])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            walk(node, [node])
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)


def test_every_stage_is_a_folder_and_the_shipped_files_are_package_data():
    for stage in STAGES:
        assert (PACKAGE / stage / "__init__.py").is_file(), stage
    assert (PACKAGE / "resources" / "models" / "default.esm").is_file()
    assert list((PACKAGE / "resources" / "data").glob("*.jsonl"))
    assert (PACKAGE / "py.typed").is_file()
