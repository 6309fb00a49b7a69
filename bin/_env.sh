# Shared by bin/run and bin/test: find the Python named in .python-version, and
# bring .venv in line with uv.lock. Sourced, not run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export UV_PYTHON_DOWNLOADS=never   # uv cannot download interpreters here; fail fast instead of hanging
export UV_NO_PROGRESS=1
# Compile .pyc files at install: with PYTHONDONTWRITEBYTECODE set (as on some
# machines and CI), every start would otherwise recompile Wagtail (~4 s).
export UV_COMPILE_BYTECODE=1

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

find_python() {
    local want candidate
    want=$(tr -d '[:space:]' < .python-version)
    for candidate in "python$want" python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
            "$candidate" -c 'import sys; print(sys.executable)'
            return
        fi
    done
    die "Python $want (3.12 or newer) is needed and was not found. Install it (for example: pyenv install $want) and run this again."
}

# Creates .venv on first use with pip, bootstraps the pinned uv into it, then
# lets uv make the environment match uv.lock exactly. A second run only checks.
sync_environment() {
    local python
    if [ ! -x .venv/bin/uv ]; then
        python=$(find_python)
        say "Creating .venv with $python"
        "$python" -m venv .venv
        .venv/bin/python -m pip install --quiet --disable-pip-version-check \
            "uv==$(sed -n 's/^ *"uv==\([^"]*\)".*/\1/p' pyproject.toml)"
    fi
    .venv/bin/uv sync --frozen --quiet --python .venv/bin/python
}

# Installs package.json's tools exactly as package-lock.json pins them, when
# node_modules is missing or was installed from another lock file. Install
# scripts are skipped: the only one (vnu-jar's) downloads a Java runtime from
# GitHub when none is found, and bin/test provides Java itself.
sync_node_modules() {
    local stamp=node_modules/.package-lock.sha256 want
    want=$(sha256sum package-lock.json | cut -d' ' -f1)
    if [ ! -d node_modules ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        say "Installing the npm packages in package-lock.json"
        npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
        echo "$want" > "$stamp"
    fi
}
