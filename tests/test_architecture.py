"""The house's layers hold, and `make lint` (import-linter) notices when they do not."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = [
    "arshjul",
    "meetings",
    "registrations",
    "survey",
    "indicators",
    "working_material",
    "workshops",
    "situation",
    "followup",
    "pages",
    "opendata",
]
LAYERS = "Pages over apps; apps in layers"


def test_the_contracts_name_packages_not_lists_of_modules():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    assert set(config["root_packages"]) == set(PACKAGES)
    for contract in config["contracts"]:
        named = contract.get("forbidden_modules", []) + contract.get("source_modules", [])
        assert all(name.count(".") <= 1 for name in named), contract["name"]


def lint_imports(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            str(Path(sys.executable).parent / "lint-imports"),
            "--config",
            "pyproject.toml",
            "--no-cache",
        ],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def tree(tmp_path):
    """A copy of the code to break on purpose."""
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_code_as_it_is_keeps_every_contract(tree):
    result = lint_imports(tree)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        (
            "arshjul/selectors.py",
            "from meetings import selectors",
            "The core imports no feature app",
        ),
        (
            "arshjul/lib/outbox.py",
            "from arshjul import wheel",
            "The infrastructure imports neither the domain nor the apps",
        ),
        (
            "meetings/views.py",
            "from registrations import rules",
            LAYERS,
        ),
        (
            "survey/views.py",
            "from indicators import selectors",
            LAYERS,
        ),
        (
            "registrations/views.py",
            "from survey import rules",
            LAYERS,
        ),
        (
            "arshjul/lib/outbox.py",
            "from arshjul import errors",  # a core module added since: named by "arshjul.*"
            "The infrastructure imports neither the domain nor the apps",
        ),
        (
            "survey/views.py",
            "from pages import wheel",
            LAYERS,
        ),
        (
            "arshjul/views.py",
            "from pages import cycle",
            "The core imports no feature app",
        ),
        (
            "registrations/rules.py",
            "from registrations import views",
            "No circles among the modules of a package",
        ),
    ],
)
def test_an_import_across_a_layer_breaks_the_lint(tree, module, line, contract):
    path = tree / module
    path.write_text(path.read_text() + f"\n{line}  # noqa\n")
    result = lint_imports(tree)
    assert result.returncode != 0
    assert f"{contract} BROKEN" in result.stdout, result.stdout[-2000:]
