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
    local extra="$1" python stamp spec
    if [ ! -x .venv/bin/python ]; then
        python=$(find_python) || return 1
        echo "creating .venv with $("$python" --version)"
        "$python" -m venv .venv || return 1
    fi
    spec="."
    [ -z "$extra" ] || spec=".[$extra]"
    # Reinstall only when the project's metadata changed since the last install, or when an
    # extra is wanted that was not installed; the stamp lists the extras installed.
    stamp=".venv/.hub-installed-$(sha256sum < pyproject.toml | cut -c1-16)"
    if [ ! -x .venv/bin/hub ] || [ ! -f "$stamp" ] ||
        { [ -n "$extra" ] && ! grep -qx "$extra" "$stamp"; }; then
        echo "installing the project into .venv ($spec)"
        .venv/bin/python -m pip install --quiet --upgrade pip || return 1
        .venv/bin/python -m pip install --quiet -e "$spec" || return 1
        [ -f "$stamp" ] || rm -f .venv/.hub-installed-*
        echo "${extra:-base}" >> "$stamp"
    fi
}
