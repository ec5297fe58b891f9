"""The house's layers hold, and `make lint` (import-linter) notices when they do not."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ["arshjul", "meetings", "registrations", "survey", "indicators", "working_material"]
# The project's own modules: they wire the apps together and may name them.
PROJECT = {"__init__", "settings", "urls", "celery", "wsgi", "asgi", "formats", "lib", "migrations"}


def contracts() -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return {c["name"]: c for c in config["tool"]["importlinter"]["contracts"]}


def test_every_domain_module_is_forbidden_to_the_infrastructure():
    forbidden = set(
        contracts()["The infrastructure imports neither the domain nor the apps"][
            "forbidden_modules"
        ]
    )
    domain = {
        f"arshjul.{path.stem}"
        for path in (ROOT / "arshjul").iterdir()
        if (path.suffix == ".py" or (path.is_dir() and (path / "__init__.py").exists()))
        and path.stem not in PROJECT
    }
    assert domain - forbidden == set()


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
            "Indicators on the survey, the survey on sign-ups, sign-ups on meetings",
        ),
        (
            "survey/views.py",
            "from indicators import selectors",
            "Indicators on the survey, the survey on sign-ups, sign-ups on meetings",
        ),
        (
            "registrations/views.py",
            "from survey import rules",
            "Indicators on the survey, the survey on sign-ups, sign-ups on meetings",
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
