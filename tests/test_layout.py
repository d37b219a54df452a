"""The package's layout stays true: imports run one way down the data flow, and no module imports in a cycle.

Every ``import`` and ``from ... import`` in the package is read with :mod:`ast`
(module-level and inside functions alike), resolved to a module of the
package, and checked against the layer order of ``docs/architecture.md``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import bargaining

PACKAGE = Path(bargaining.__file__).parent

#: The layers from the bottom up; a module may import its own layer and those below it.
LAYERS = ("base", "games", "batch", "modelling", "analysis", "estimation", "solutions", "paper", "cli")
BASE = {"errors", "numbers", "output", "_version"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def all_modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imports_of(path: Path, modules) -> set[str]:
    """The package modules that ``path`` imports, resolved to module names."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            # `from x import y`: y may be a submodule of x, or a name defined in x.
            targets = [f"{stem}.{alias.name}" for alias in node.names] + [stem]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target.startswith("bargaining") and target != name:
                found.add(target)
    return found


def layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "top"  # bargaining/__init__.py re-exports everything
    if parts[1] in BASE:
        return "base"
    if parts[1] == "models":
        return "base"
    if parts[1] == "__main__":
        return "cli"
    return parts[1]


def graph() -> dict[str, set[str]]:
    modules = all_modules()
    return {name: imports_of(path, modules) for name, path in modules.items()}


def test_every_module_belongs_to_a_layer():
    for module in all_modules():
        assert layer(module) in (*LAYERS, "top"), f"{module} is in no layer of {LAYERS}"


def upward_imports(edges: dict[str, set[str]]) -> list[str]:
    """Every import from a lower layer into a higher one, as readable lines."""
    wrong = []
    for module, targets in edges.items():
        here = layer(module)
        if here == "top":
            continue
        for target in targets:
            there = layer(target)
            if there == "top" or LAYERS.index(there) > LAYERS.index(here):
                wrong.append(f"{module} ({here}) imports {target} ({there})")
    return sorted(wrong)


def test_imports_run_one_way_down_the_data_flow():
    wrong = upward_imports(graph())
    assert not wrong, "imports that run up the data flow:\n" + "\n".join(wrong)


def test_the_layering_check_catches_an_upward_import():
    assert upward_imports({"bargaining.games.game": {"bargaining.paper.tables"}}) == [
        "bargaining.games.game (games) imports bargaining.paper.tables (paper)"
    ]
    assert upward_imports({"bargaining.paper.tables": {"bargaining.games.game"}}) == []


def test_nothing_comes_from_the_top():
    """Modules import names from the module that defines them, never from ``bargaining/__init__``."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        depth = len(path.relative_to(PACKAGE).parts) - 1  # 0 for bargaining/x.py
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == depth + 1 and node.module is None:
                names = {a.name for a in node.names}
                if names and path.name != "__init__.py":
                    offenders.append(f"{path.relative_to(PACKAGE)} imports {sorted(names)} from bargaining")
    assert not offenders, "\n".join(offenders)


def _cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node):
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_no_import_cycles_between_modules():
    # A package's __init__ re-exports its modules; edges into an __init__ from
    # its own modules (e.g. `from . import x`) resolve to the module, not the package.
    edges = {m: {t for t in ts if not (t == m.rpartition(".")[0])} for m, ts in graph().items()}
    assert _cycle(edges) is None, "import cycle: " + " -> ".join(_cycle(edges))


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_top_level_holds_few_modules():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 6, f"the top level should hold the subpackages and few modules, found {top}"


@pytest.mark.parametrize("name", bargaining.__all__)
def test_every_public_name_is_importable_from_the_top(name):
    namespace: dict = {}
    exec(f"from bargaining import {name}", namespace)  # noqa: S102 - a test of the public import line itself
    assert namespace[name] is getattr(bargaining, name)


def test_architecture_page_names_every_subpackage():
    page = (PACKAGE.parent / "docs" / "architecture.md")
    if not page.exists():
        pytest.skip("docs/ is not beside the package (an installed copy)")
    text = page.read_text(encoding="utf-8")
    for sub in sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py")):
        assert f"{sub}/" in text, f"docs/architecture.md does not describe bargaining/{sub}/"


FORBIDDEN_CALLS = {"eval", "exec", "sympify", "parse_expr"}


def test_no_module_calls_a_text_evaluator():
    """Model-file text goes through the package's own parser only: no call of eval, exec, sympify or parse_expr."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if name in FORBIDDEN_CALLS:
                    found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} calls {name}")
    assert not found, "\n".join(found)
