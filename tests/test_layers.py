"""Layers point one way: views → operations / queries → models → pure rules and engine.

Every module under mentoring/ is read with `ast` (imports inside functions count too).
"""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "mentoring"

# Known exceptions, each to be removed by the change named beside it.
ALLOWED: set[tuple[str, str]] = set()


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(module: str, path: Path, tree: ast.Module) -> set[str]:
    """Every module name the file imports, with `from X import y` also counted as X.y."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join([*base, node.module] if node.module else base)
            else:
                source = node.module
            names.add(source)
            names.update(f"{source}.{alias.name}" for alias in node.names)
    return names


def _defines_blueprint(tree: ast.Module) -> bool:
    return any(
        isinstance(node, ast.Assign)
        and any(isinstance(target, ast.Name) and target.id == "bp" for target in node.targets)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Name)
        and node.value.func.id == "Blueprint"
        for node in tree.body
    )


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        tree = ast.parse(path.read_text("utf-8"), filename=str(path))
        yield module, path, tree


MODULES = {module: (path, tree) for module, path, tree in _modules()}
IMPORTS = {module: _imported(module, path, tree) for module, (path, tree) in MODULES.items()}
# Blueprint packages: the top-level packages under mentoring/ with a `bp = Blueprint(...)`.
BLUEPRINT_PACKAGES = sorted(
    {
        ".".join(module.split(".")[:2])
        for module, (_, tree) in MODULES.items()
        if _defines_blueprint(tree)
    }
)


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def _allowed(module: str, name: str) -> bool:
    return any(module == importer and _within(name, target) for importer, target in ALLOWED)


def _offences(modules, forbidden) -> list[str]:
    return sorted(
        f"{module} imports {name}"
        for module in modules
        for name in IMPORTS[module]
        if forbidden(name) and not _allowed(module, name)
    )


def _in(package):
    return [module for module in MODULES if _within(module, package)]


def _blueprint(name: str) -> bool:
    return any(_within(name, package) for package in BLUEPRINT_PACKAGES)


def test_the_walk_finds_the_packages_and_blueprints():
    assert {"mentoring.matching", "mentoring.models.people", "mentoring.operations.auth"} <= set(
        MODULES
    )
    assert {"mentoring.auth", "mentoring.public", "mentoring.signup"} <= set(BLUEPRINT_PACKAGES)
    assert "mentoring.models" not in BLUEPRINT_PACKAGES


def test_the_engine_imports_only_itself_and_neither_flask_nor_sqlalchemy():
    def forbidden(name):
        top = name.split(".")[0]
        return (
            (top == "mentoring" and not _within(name, "mentoring.matching"))
            or top in {"flask", "sqlalchemy", "wtforms", "babel"}
            or top.startswith("flask_")
        )

    assert _offences(_in("mentoring.matching"), forbidden) == []


def test_models_import_no_blueprint_and_no_operation():
    def forbidden(name):
        return _blueprint(name) or _within(name, "mentoring.operations")

    assert _offences(_in("mentoring.models"), forbidden) == []


def test_operations_import_no_blueprint():
    assert _offences(_in("mentoring.operations"), _blueprint) == []


def test_shared_modules_and_demo_import_no_blueprint():
    wiring = {"mentoring.factory", "mentoring.commands"}  # they put the blueprints together
    shared = [
        module
        for module, (path, _) in MODULES.items()
        if path.parent == PACKAGE and path.name != "__init__.py" and module not in wiring
    ]
    lower = shared + _in("mentoring.data") + _in("mentoring.demo")
    assert "mentoring.i18n" in lower
    assert _offences(lower, _blueprint) == []
    # Shared modules sit below the use cases (mentoring.exceptions holds the domain error).
    assert _offences(shared, lambda name: _within(name, "mentoring.operations")) == []


def test_the_application_never_imports_the_tests():
    assert _offences(MODULES, lambda name: _within(name, "tests")) == []


def test_every_allowed_exception_is_still_needed():
    unused = [
        (importer, target)
        for importer, target in ALLOWED
        if not any(_within(name, target) for name in IMPORTS.get(importer, ()))
    ]
    assert unused == [], "remove these from ALLOWED"
