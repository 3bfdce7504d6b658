"""The house has one direction: each app imports only the apps below it, sla never the
helpdesk, and no two modules import each other, directly or in a circle. Imports inside
functions count too: a function-local import is how an upward arrow hides.

Layers, lowest first (README, "Architecture"):
core → accounts → orders → outbox → sla → helpdesk → demo → config
"""

import ast
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
LAYERS = ["core", "accounts", "audit", "orders", "outbox", "sla", "helpdesk", "demo", "config"]


def _modules() -> dict[str, Path]:
    found = {}
    for package in LAYERS:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


MODULES = _modules()


def _imports(path: Path) -> Iterator[tuple[str, int]]:
    """Every project module `path` imports, anywhere in the file, with its line."""
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from sla import clocks` imports the module sla.clocks.
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            if name in MODULES:
                yield name, node.lineno


GRAPH = {
    module: {target for target, _ in _imports(path) if target != module}
    for module, path in MODULES.items()
}


def _app(module: str) -> str:
    return module.split(".")[0]


def test_the_walk_sees_the_imports():
    # The walk is only as good as what it finds: a few arrows that must be there.
    assert "sla.clocks" in GRAPH["helpdesk.services"]
    assert "outbox.services" in GRAPH["sla.sweep"]
    assert "orders.markets" in GRAPH["sla.calendar"]


def test_sla_never_imports_the_helpdesk():
    arrows = [
        f"{MODULES[module].relative_to(ROOT)}:{line} imports {target}"
        for module in MODULES
        if _app(module) == "sla"
        for target, line in _imports(MODULES[module])
        if _app(target) == "helpdesk"
    ]
    assert arrows == []


def test_every_app_imports_only_the_apps_below_it():
    upward = [
        f"{MODULES[module].relative_to(ROOT)}:{line} imports {target}"
        for module in MODULES
        for target, line in _imports(MODULES[module])
        if LAYERS.index(_app(target)) > LAYERS.index(_app(module))
    ]
    assert upward == []


def test_no_import_circle_between_modules():
    """Tarjan's strongly connected components: any component of more than one module is a
    circle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in GRAPH[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for node in sorted(GRAPH):
        if node not in index:
            visit(node)
    assert circles == []
