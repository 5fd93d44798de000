"""The layout keeps its shape: stage packages import only the stages before them, no
import cycles, only the CLI prints, and modules stay small (docs/architecture.md)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "graph"

# The data flow, first to last: a stage may import the stages before it, never after.
PIPELINE = ("core", "text", "ingest", "extract", "rdf", "outputs", "build", "evaluation", "cli")
# Stages beside the flow, with what each may import.
SIDE_STAGES = {
    "setup": {"core"},  # the models extraction loads: below extract
    "serve": {"core", "text", "rdf"},  # SPARQL over a build's RDF: above rdf, used by the CLI only
}
MAX_LINES = 400  # outside graph/extract/, whose rule tables are long by nature
MAX_TOP_MODULES = 3  # besides __init__.py and __main__.py


def allowed_imports(stage: str) -> set[str]:
    if stage in SIDE_STAGES:
        return SIDE_STAGES[stage] | {stage}
    earlier = set(PIPELINE[: PIPELINE.index(stage) + 1])
    if PIPELINE.index(stage) >= PIPELINE.index("extract"):
        earlier.add("setup")
    if stage == "cli":
        earlier |= set(SIDE_STAGES)
    return earlier


def modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        yield ".".join(parts), path


def imported_modules(path: Path) -> set[str]:
    """Every graph.* module named by an import anywhere in the file (lazy ones too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in found if name == "graph" or name.startswith("graph.")}


def stage_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "graph"


MODULES = dict(modules())


@pytest.mark.parametrize("module", sorted(m for m in MODULES if stage_of(m) not in ("graph", "__main__")))
def test_a_stage_imports_only_the_stages_before_it(module: str) -> None:
    stage = stage_of(module)
    assert stage in PIPELINE or stage in SIDE_STAGES, f"{module}: {stage} is not a known stage"
    wrong = sorted(
        name
        for name in imported_modules(MODULES[module])
        if name in MODULES and stage_of(name) not in allowed_imports(stage)
    )
    assert wrong == [], f"{module} ({stage}) imports a later stage: {wrong}"


def test_no_import_cycle() -> None:
    graph = {name: {m for m in imported_modules(path) if m in MODULES and m != name} for name, path in MODULES.items()}
    # A package's __init__ importing its own modules is how packages work; a module
    # importing its package is the other half of a cycle only when the package imports it back.
    done: set[str] = set()
    stack: list[str] = []

    def visit(name: str) -> None:
        if name in stack:
            cycle = [*stack[stack.index(name) :], name]
            pytest.fail("import cycle: " + " -> ".join(cycle))
        if name in done:
            return
        stack.append(name)
        for target in sorted(graph[name]):
            visit(target)
        stack.pop()
        done.add(name)

    for name in sorted(graph):
        visit(name)


def test_only_the_cli_prints() -> None:
    printing = sorted(
        name
        for name, path in MODULES.items()
        if name != "graph.cli"
        and any(
            isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print"
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        )
    )
    assert printing == []


def test_modules_stay_small() -> None:
    long = {
        name: lines
        for name, path in MODULES.items()
        if stage_of(name) != "extract" and (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_top_of_the_package_is_only_the_cli() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py"))
    assert len(top) <= MAX_TOP_MODULES, top


def test_every_stage_package_says_what_flows_in_and_out() -> None:
    stages = [p for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()]
    assert {p.name for p in stages} == set(PIPELINE[:-1]) | set(SIDE_STAGES)
    for package in stages:
        doc = ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8"))) or ""
        assert "In:" in doc and "Out:" in doc, f"{package.name}/__init__.py"
