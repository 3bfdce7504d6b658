#!/usr/bin/env bash
# make install: .venv with uv and the pinned dependencies, compiled translation catalogs.
# Idempotent: a second run with nothing changed takes well under a second.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$PROJECT_DIR"

ensure_debs gettext  # msgfmt, for compilemessages

# The venv's interpreter is Debian's python3.11, built with profile-guided and link-time
# optimisation, whatever python3.11 comes first on PATH: a Python compiled without them (a
# pyenv build's default) ran the whole suite a fifth slower on the same machine (README,
# development). VENV_PYTHON=… chooses another.
VENV_PYTHON=${VENV_PYTHON:-/usr/bin/python3.11}
if [ -x "$VENV/bin/python" ]; then
    made_with=$(readlink -f "$VENV/bin/python")
    if [ "$made_with" != "$(readlink -f "$VENV_PYTHON")" ]; then
        log "recreating $VENV with $VENV_PYTHON (it was made with $made_with)"
        rm -rf "$VENV"
    fi
fi
UV_VERSION=0.13.8
stamp="$VENV/.installed"
wanted="$(sha1sum requirements-dev.txt | cut -d' ' -f1) uv=$UV_VERSION bytecode"
if [ ! -x "$VENV/bin/python" ]; then
    log "creating $VENV"
    ensure_debs python3.11 python3.11-venv  # the default interpreter and its venv module
    "$VENV_PYTHON" -m venv "$VENV"
fi
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check "uv==$UV_VERSION"
    log "installing pinned dependencies (requirements-dev.txt)"
    "$VENV/bin/uv" pip install -q --compile-bytecode --python "$VENV/bin/python" \
        -r requirements-dev.txt
    echo "$wanted" > "$stamp"
fi

# Compile a catalog only when its .po is newer than its .mo.
for po in locale/*/LC_MESSAGES/django.po; do
    [ -e "$po" ] || continue
    mo="${po%.po}.mo"
    if [ ! -f "$mo" ] || [ "$po" -nt "$mo" ]; then
        msgfmt --check-format -o "$mo" "$po"
    fi
done
