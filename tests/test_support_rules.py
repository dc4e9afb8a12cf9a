"""Tests import helpers only from tests.support (or a scenario builder), never from a conftest
or from another test module."""

import ast
from pathlib import Path

TESTS = Path(__file__).parent


def _imported_modules(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.lineno, node.module
            for alias in node.names:  # from tests.x import test_y
                yield node.lineno, f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name


def _forbidden(module: str) -> bool:
    parts = module.split(".")
    return parts[0] == "tests" and any(p == "conftest" or p.startswith("test_") for p in parts)


def test_no_test_imports_from_a_conftest_or_a_test_module():
    offences = [
        f"{path.relative_to(TESTS.parent)}:{line}: {module}"
        for path in sorted(TESTS.rglob("*.py"))
        for line, module in _imported_modules(path)
        if _forbidden(module)
    ]
    assert not offences, "import these helpers from tests.support instead:\n" + "\n".join(offences)
