# Sourced by scripts/serve and scripts/test: make .venv and install the project into it.
# Usage: ensure_venv EXTRA   (EXTRA is "" or "dev")

find_python() {
    for candidate in "${HUB_PYTHON:-}" python3.13 python3.12 python3.11 python3; do
        [ -n "$candidate" ] || continue
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    echo "error: Python 3.11 or newer is needed (set HUB_PYTHON to its path)" >&2
    return 1
}

ensure_venv() {
    local extra="$1" python stamp lock
    if [ ! -x .venv/bin/python ]; then
        python=$(find_python) || return 1
        echo "creating .venv with $("$python" --version)"
        "$python" -m venv .venv || return 1
    fi
    # The lock files pin every package with its hashes (scripts/lock writes them); the
    # project itself goes in editable, without looking for dependencies of its own.
    lock="requirements.lock"
    [ -z "$extra" ] || lock="requirements-dev.lock"
    # Reinstall only when the project's metadata or the lock changed since the last
    # install, or when an extra is wanted that was not installed; the stamp lists the
    # extras installed.
    stamp=".venv/.hub-installed-$(cat pyproject.toml "$lock" | sha256sum | cut -c1-16)"
    if [ ! -x .venv/bin/hub ] || [ ! -f "$stamp" ] ||
        { [ -n "$extra" ] && ! grep -qx "$extra" "$stamp"; }; then
        echo "installing $lock and the project into .venv"
        .venv/bin/python -m pip install --quiet --require-hashes -r "$lock" || return 1
        .venv/bin/python -m pip install --quiet --no-deps -e . || return 1
        [ -f "$stamp" ] || rm -f .venv/.hub-installed-*
        echo "${extra:-base}" >> "$stamp"
    fi
}
