"""The shape of the code, held by tests beside import-linter's layers
(pyproject.toml, run by bin/test): no app reaches into another from inside a
function, where import-linter's graph still sees it but a reader does not, and
no module grows past what one reader holds in mind."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("campaign", "core", "registry", "stories", "actions", "impact", "home")
LONGEST_MODULE = 400


def project_modules(*folders):
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def imports_in_functions(path, app):
    """(line, module) of each import of another of the project's apps made
    inside a function, other than in an AppConfig's ready(), where Django
    requires it."""
    tree = ast.parse(path.read_text(), str(path))
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if function.name == "ready" and path.name == "apps.py":
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""] if not node.level else []
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            found += [
                (node.lineno, name)
                for name in names
                if name.split(".")[0] in APPS and name.split(".")[0] != app
            ]
    return found


@pytest.mark.parametrize("path", list(project_modules(*APPS)), ids=str)
def test_no_module_imports_another_app_inside_a_function(path):
    app = path.relative_to(ROOT).parts[0]
    assert imports_in_functions(path, app) == [], (
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


def test_the_check_finds_another_app_imported_inside_a_function(tmp_path):
    module = tmp_path / "views.py"
    module.write_text(
        "def view():\n    from stories.models import ThemePage\n    import home.models\n"
        "    from actions.forms import F\n    from .models import G\n"
    )
    assert imports_in_functions(module, "actions") == [(2, "stories.models"), (3, "home.models")]
