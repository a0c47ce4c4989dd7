"""The project's apps import in one direction: each only from the layers below it, never in a circle.

The order is the one docs/architecture.md draws. The imports are read from the source with `ast`:
module-level and function-level ones alike, so an import moved into a function to dodge a cycle
still counts. Tests and migrations are left out: tests may reach anything, and migrations import
only what they were generated with.
"""

import ast
from collections import defaultdict
from pathlib import Path

import pytest

pytestmark = pytest.mark.without_demo_content

ROOT = Path(__file__).resolve().parent.parent

# Bottom first. An app imports only from apps in lower layers; apps of one layer do not import
# each other (docs/architecture.md).
LAYERS = [
    ["core"],
    ["accounts", "cities"],
    ["initiatives"],
    ["home", "search"],
    ["editorial"],
    ["translations"],
    ["demo"],
    ["cms"],
]
LAYER_OF = {app: rank for rank, apps in enumerate(LAYERS) for app in apps}


def project_apps() -> set[str]:
    """Every folder at the top of the project that is a Django app of ours."""
    return {path.parent.name for path in ROOT.glob("*/apps.py")}


def source_files(app: str):
    for path in (ROOT / app).rglob("*.py"):
        parts = path.relative_to(ROOT / app).parts
        if {"tests", "migrations"} & set(parts) or path.name.startswith(("test_", "conftest")):
            continue
        yield path


def imported_modules(source: str, package: list[str]):
    """(line, module) for each import of a module's source, at any depth, relative imports made
    absolute from the module's package (["home", "sub"] for home/sub/m.py)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                yield node.lineno, ".".join([*base, *([node.module] if node.module else [])])
            else:
                yield node.lineno, node.module


def app_imports() -> dict[tuple[str, str], list[str]]:
    """(importing app, imported app) -> where, for every import of one of our apps by another."""
    apps = project_apps()
    edges = defaultdict(list)
    for app in sorted(apps):
        for path in source_files(app):
            package = [app, *path.relative_to(ROOT / app).parts[:-1]]
            for line, module in imported_modules(path.read_text(), package):
                target = module.split(".")[0]
                if target in apps and target != app:
                    edges[(app, target)].append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    return edges


def find_cycle(edges) -> list[str] | None:
    graph = defaultdict(set)
    for source, target in edges:
        graph[source].add(target)
    visiting, done = [], set()

    def visit(node):
        if node in visiting:
            return [*visiting[visiting.index(node) :], node]
        if node in done:
            return None
        visiting.append(node)
        for target in sorted(graph[node]):
            cycle = visit(target)
            if cycle:
                return cycle
        visiting.pop()
        done.add(node)
        return None

    for node in sorted(graph):
        cycle = visit(node)
        if cycle:
            return cycle
    return None


def test_the_import_reader_sees_module_and_function_level_imports():
    source = (
        "import os\n"
        "from .. import blocks\n"
        "def f():\n"
        "    from .x import y\n"
        "    from cities.models import Z\n"
    )
    assert sorted(module for _, module in imported_modules(source, ["home", "sub"])) == [
        "cities.models",
        "home",
        "home.sub.x",
        "os",
    ]


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({("a", "b"): [], ("b", "c"): [], ("c", "a"): []}) == ["a", "b", "c", "a"]
    assert find_cycle({("a", "b"): [], ("b", "c"): []}) is None


def test_every_app_has_its_place_in_the_documented_order():
    assert project_apps() == set(LAYER_OF)
    documented = (ROOT / "docs" / "architecture.md").read_text()
    for app in LAYER_OF:
        assert f"`{app}`" in documented


def test_the_apps_import_one_another_without_a_cycle():
    assert find_cycle(app_imports()) is None


def test_each_app_imports_only_from_the_layers_below_it():
    upward = [
        where
        for (source, target), places in sorted(app_imports().items())
        if LAYER_OF[target] >= LAYER_OF[source]
        for where in places
    ]
    assert upward == [], "imports against the order of docs/architecture.md:\n" + "\n".join(upward)


def test_core_imports_no_other_app_of_ours():
    assert not [target for source, target in app_imports() if source == "core"]
