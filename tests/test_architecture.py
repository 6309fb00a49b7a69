"""The shape of the code, held by tests beside import-linter's layers
(pyproject.toml, run by bin/test): no import dodges a cycle from inside a
function, and no module grows past what one reader holds in mind."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("campaign", "core", "stories", "actions", "home")
LONGEST_MODULE = 400


def project_modules(*folders):
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def imports_in_functions(path):
    """(line, module) of each import of the project's own code made inside a
    function, other than in an AppConfig's ready(), where Django requires it."""
    tree = ast.parse(path.read_text(), str(path))
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if function.name == "ready" and path.name == "apps.py":
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.ImportFrom):
                module = node.module or ""
                if node.level or module.split(".")[0] in APPS:
                    found.append((node.lineno, "." * node.level + module))
            elif isinstance(node, ast.Import):
                found += [
                    (node.lineno, alias.name)
                    for alias in node.names
                    if alias.name.split(".")[0] in APPS
                ]
    return found


@pytest.mark.parametrize("path", list(project_modules(*APPS)), ids=str)
def test_no_module_imports_project_code_inside_a_function(path):
    assert imports_in_functions(path) == [], (
        f"{path.relative_to(ROOT)} imports inside a function: move the import to the top, "
        "and if that makes a cycle, move the shared piece down a layer (see the README's "
        "Architecture section)"
    )


def test_no_module_is_longer_than_one_reader_holds_in_mind():
    long = {
        str(path.relative_to(ROOT)): lines
        for path in project_modules(*APPS, "tests", "bench")
        if (lines := len(path.read_text().splitlines())) > LONGEST_MODULE
    }
    assert long == {}, f"split these by concern (limit {LONGEST_MODULE} lines): {long}"


def test_the_check_finds_an_import_inside_a_function(tmp_path):
    module = tmp_path / "views.py"
    module.write_text(
        "def view():\n    from stories.models import ThemePage\n    from .forms import F\n"
    )
    assert imports_in_functions(module) == [(2, "stories.models"), (3, ".forms")]
