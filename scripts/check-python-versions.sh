#!/usr/bin/env bash
# The package supports Python 3.11 to 3.13 (pyproject.toml's requires-python). `make test` runs the
# suite on the interpreter of .venv; this script proves that the package, with the pinned
# dependencies of requirements.lock, installs and imports on each of the other supported versions.
#
# With CI=true a missing interpreter fails the run; elsewhere it is reported and skipped.
set -uo pipefail
cd "$(dirname "$0")/.."

VERSIONS=(3.11 3.12 3.13)
current=$(.venv/bin/python -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
status=0

# pythonX.Y on the PATH, else a pyenv installation of X.Y (pyenv's shims answer only when that
# version is selected).
find_interpreter() {
    local candidate
    for candidate in "$(command -v "python$1" 2>/dev/null)" \
        "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$1".*/bin/"python$1"; do
        if [ -n "$candidate" ] && [ -x "$candidate" ] && "$candidate" -c pass 2>/dev/null; then
            echo "$candidate"
            return
        fi
    done
}

for version in "${VERSIONS[@]}"; do
    [ "$version" = "$current" ] && continue
    interpreter=$(find_interpreter "$version")
    if [ -z "$interpreter" ]; then
        if [ "${CI:-}" = "true" ]; then
            echo "python$version not found: CI must show the package installs on Python $version"
            status=1
        else
            echo "python$version not found: install on Python $version NOT checked"
        fi
        continue
    fi
    venv="var/python$version"
    log="var/python$version-install.log"
    mkdir -p var
    rm -rf "$venv"
    if "$interpreter" -m venv "$venv" \
        && "$venv/bin/pip" install --quiet -c requirements.lock . >"$log" 2>&1 \
        && "$venv/bin/python" -c 'import bassins.cli, bassins.territory.locate, bassins.offer.counts' \
            >>"$log" 2>&1; then
        echo "Python $version: the package installs and imports with the pinned dependencies"
    else
        echo "Python $version: install FAILED (see $log)"
        tail -n 20 "$log"
        status=1
    fi
done
rm -rf build  # what setuptools leaves behind a non-editable install
exit $status
