"""The tests keep to the house's layout of tests: fixtures in conftest.py files, used by
pytest's injection and never imported; plain helpers in helpers modules (tests/helpers.py, a
folder's helpers.py, factories.py, html.py, confirming.py); no test module imports another."""

import ast
from pathlib import Path

import pytest

from tests.helpers import ROOT

TESTS = ROOT / "tests"


def python_files() -> list[Path]:
    return sorted(TESTS.rglob("*.py"))


def imported_modules(path: Path, root: Path = ROOT) -> list[tuple[int, str]]:
    """Every module the file imports, by its full dotted name, with the line it is on (a
    relative import resolved; ``from tests.site import test_walker`` is tests.site.test_walker
    as well as tests.site)."""
    package = ".".join(path.relative_to(root).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def offenders(rule) -> list[str]:
    """Each import, once, of a module the rule refuses (named by its dotted parts)."""
    found = {
        f"{path.relative_to(ROOT)}:{line}": module
        for path in python_files()
        for line, module in reversed(imported_modules(path))
        if rule(module.split("."))
    }
    return [f"{where} imports {module}" for where, module in found.items()]


def test_no_module_of_the_tests_imports_a_test_module():
    assert offenders(lambda parts: parts[-1].startswith("test_")) == []


def test_no_module_of_the_tests_imports_a_conftest():
    assert offenders(lambda parts: "conftest" in parts) == []


@pytest.mark.parametrize(
    "conftest", sorted(TESTS.rglob("conftest.py")), ids=lambda p: str(p.relative_to(ROOT))
)
def test_a_conftest_holds_fixtures_and_hooks_and_no_plain_helper(conftest):
    """A plain function in a conftest could only be reached by importing it: it belongs in a
    helpers module."""

    def is_fixture(function) -> bool:
        names = [ast.unparse(decorator).split("(")[0] for decorator in function.decorator_list]
        return any(name.endswith("fixture") for name in names)

    plain = [
        node.name
        for node in ast.parse(conftest.read_text()).body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and not is_fixture(node)
        and not node.name.startswith(("pytest_", "_"))
    ]
    assert plain == []


def test_the_rule_sees_every_way_of_importing(tmp_path):
    """The check itself: each way a test module or a conftest could be imported is seen."""
    module = tmp_path / "tests" / "site" / "test_example.py"
    module.parent.mkdir(parents=True)
    module.write_text(
        "from tests.site import test_walker\n"
        "from .test_accessibility import CHROMIUM_ARGS\n"
        "import tests.survey.test_receipt\n"
        "from . import conftest\n"
        "from ..conftest import staff_member\n"
    )
    modules = {name for _line, name in imported_modules(module, root=tmp_path)}
    assert {
        "tests.site.test_walker",
        "tests.site.test_accessibility",
        "tests.survey.test_receipt",
        "tests.site.conftest",
        "tests.conftest",
    } <= modules
